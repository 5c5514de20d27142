// Signing in by email and password, with a lock-out: after LOCK_AFTER failures for one address
// within LOCK_WINDOW, that address cannot sign in until the window has passed since the last one.
// The answer never says whether the address has an account.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { audit } from './audit.js'
import { decoyHash, verifyPassword } from './passwords.js'
import { startSession } from './sessions.js'
import { isoIn, isoNow } from './tokens.js'
import { findUser, normaliseEmail, personOf, type User } from './users.js'

export const LOCK_AFTER = 5
export const LOCK_WINDOW_MS = 15 * 60 * 1000

export type SignInResult = { ok: true; user: User; token: string } | { ok: false; reason: 'wrong' | 'locked' }

export async function signIn(db: Kysely<Database>, email: string, password: string, now = new Date()): Promise<SignInResult> {
  const address = normaliseEmail(email)
  const since = isoIn(-LOCK_WINDOW_MS, now)
  const failures = await db.selectFrom('sign_in_failures').select((eb) => eb.fn.countAll<number>().as('n')).where('email', '=', address).where('at', '>', since).executeTakeFirst()
  if (Number(failures?.n ?? 0) >= LOCK_AFTER) {
    await audit(db, { actorId: null, action: 'sign-in.locked', subject: address })
    return { ok: false, reason: 'locked' }
  }
  const user = await findUser(db, { email: address })
  const hash = user?.passwordHash ?? (await decoyHash())
  const matches = await verifyPassword(hash, password)
  if (!user || !user.passwordHash || user.disabled || !matches) {
    await db.insertInto('sign_in_failures').values({ email: address, at: isoNow(now) }).execute()
    return { ok: false, reason: 'wrong' }
  }
  await db.deleteFrom('sign_in_failures').where('email', '=', address).execute()
  const token = await startSession(db, user.id, now)
  await audit(db, { actorId: user.id, action: 'sign-in' })
  return { ok: true, user: personOf(user), token }
}

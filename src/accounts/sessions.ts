// Sessions live in the store, so any app instance can serve any request, and "sign out everywhere"
// is one DELETE. A session ends after SESSION_IDLE of no use, and in any case after SESSION_LIFE.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { digest, isoIn, isoNow, newSecret } from './tokens.js'
import { findUser, personOf, type User } from './users.js'

export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000
export const SESSION_LIFE_MS = 12 * 60 * 60 * 1000
// Touching last_seen_at on every request would write on every page view; once a minute is enough.
const TOUCH_EVERY_MS = 60 * 1000

/** Starts a session; returns the token for the cookie (the store keeps only its digest). */
export async function startSession(db: Kysely<Database>, userId: string, now = new Date()): Promise<string> {
  const token = newSecret()
  await db
    .insertInto('sessions')
    .values({ id: digest(token), user_id: userId, created_at: isoNow(now), last_seen_at: isoNow(now), expires_at: isoIn(SESSION_LIFE_MS, now) })
    .execute()
  return token
}

/** The signed-in person for a cookie's token, or undefined when it is unknown, idle too long or over. */
export async function sessionUser(db: Kysely<Database>, token: string, now = new Date()): Promise<User | undefined> {
  const id = digest(token)
  const session = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst()
  if (!session) return undefined
  const idleSince = now.getTime() - Date.parse(session.last_seen_at)
  if (Date.parse(session.expires_at) <= now.getTime() || idleSince > SESSION_IDLE_MS) {
    await db.deleteFrom('sessions').where('id', '=', id).execute()
    return undefined
  }
  const user = await findUser(db, { id: session.user_id })
  if (!user || user.disabled) return undefined
  if (idleSince > TOUCH_EVERY_MS) await db.updateTable('sessions').set({ last_seen_at: isoNow(now) }).where('id', '=', id).execute()
  return personOf(user)
}

export async function endSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', digest(token)).execute()
}

/** Every session of this person, on every device. */
export async function endAllSessions(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst()
  return Number(result.numDeletedRows)
}

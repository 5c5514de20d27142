// Single-use, expiring links: an invitation to set a first password, or a password reset.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { digest, isoIn, isoNow, newSecret } from './tokens.js'

export type TokenPurpose = 'invitation' | 'reset'
export const TOKEN_LIFE_MS: Record<TokenPurpose, number> = { invitation: 7 * 24 * 60 * 60 * 1000, reset: 60 * 60 * 1000 }

export async function issueToken(db: Kysely<Database>, userId: string, purpose: TokenPurpose, now = new Date()): Promise<string> {
  const token = newSecret()
  await db
    .insertInto('account_tokens')
    .values({ id: digest(token), user_id: userId, purpose, expires_at: isoIn(TOKEN_LIFE_MS[purpose], now), used_at: null, created_at: isoNow(now) })
    .execute()
  return token
}

/** The user a link is for, if it is unused and in date; does not use it up. */
export async function tokenUser(db: Kysely<Database>, token: string, now = new Date()): Promise<{ userId: string; purpose: TokenPurpose } | undefined> {
  const row = await db.selectFrom('account_tokens').selectAll().where('id', '=', digest(token)).executeTakeFirst()
  if (!row || row.used_at !== null || Date.parse(row.expires_at) <= now.getTime()) return undefined
  return { userId: row.user_id, purpose: row.purpose }
}

/** Uses the link up; false when it was already used (by a second tab, say) or has expired. */
export async function useToken(db: Kysely<Database>, token: string, now = new Date()): Promise<boolean> {
  const result = await db
    .updateTable('account_tokens')
    .set({ used_at: isoNow(now) })
    .where('id', '=', digest(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', isoNow(now))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

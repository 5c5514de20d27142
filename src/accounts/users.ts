// People with accounts, and the organisations whose listings each may edit.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database, StaffRole } from '../db/schema.js'
import { isoNow } from './tokens.js'

export interface User {
  id: string
  email: string
  name: string
  /** Council staff; null for someone who only edits their own organisations' listings. */
  role: StaffRole | null
  organisationIds: string[]
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

export async function createUser(db: Kysely<Database>, input: { email: string; name: string; role: StaffRole | null; organisationIds?: string[] }): Promise<User> {
  const now = isoNow()
  const user = { id: randomUUID(), email: normaliseEmail(input.email), name: input.name.trim(), role: input.role }
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('users').values({ ...user, password_hash: null, disabled_at: null, created_at: now, updated_at: now }).execute()
    for (const organisationId of input.organisationIds ?? []) await trx.insertInto('memberships').values({ user_id: user.id, organisation_id: organisationId }).execute()
  })
  return { ...user, organisationIds: input.organisationIds ?? [] }
}

/** A user as stored: with what only signing in needs. */
export interface StoredUser extends User {
  passwordHash: string | null
  disabled: boolean
}

/** The person, without the password hash, for the request and the pages. */
export function personOf(user: StoredUser): User {
  return { id: user.id, email: user.email, name: user.name, role: user.role, organisationIds: user.organisationIds }
}

export async function findUser(db: Kysely<Database>, by: { id: string } | { email: string }): Promise<StoredUser | undefined> {
  const query = db.selectFrom('users').selectAll()
  const row = await ('id' in by ? query.where('id', '=', by.id) : query.where('email', '=', normaliseEmail(by.email))).executeTakeFirst()
  if (!row) return undefined
  const memberships = await db.selectFrom('memberships').select('organisation_id').where('user_id', '=', row.id).execute()
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organisationIds: memberships.map((membership) => membership.organisation_id),
    passwordHash: row.password_hash,
    disabled: row.disabled_at !== null,
  }
}

export async function setPassword(db: Kysely<Database>, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, updated_at: isoNow() }).where('id', '=', userId).execute()
}

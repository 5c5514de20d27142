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

export type AccountChange =
  | { kind: 'role'; role: StaffRole | null }
  | { kind: 'add-organisation'; organisationId: string }
  | { kind: 'remove-organisation'; organisationId: string }
  | { kind: 'disable' }
  | { kind: 'enable' }

/**
 * Changes someone's role, organisations or whether they may sign in. Refused ('last-administrator')
 * when it would leave no enabled administrator: nobody could then manage accounts from the site.
 */
export async function changeAccount(db: Kysely<Database>, userId: string, change: AccountChange): Promise<'done' | 'last-administrator'> {
  const now = isoNow()
  return db.transaction().execute(async (trx) => {
    if (change.kind === 'disable' || (change.kind === 'role' && change.role !== 'administrator')) {
      const others = await trx
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('role', '=', 'administrator')
        .where('disabled_at', 'is', null)
        .where('id', '!=', userId)
        .executeTakeFirstOrThrow()
      const self = await trx.selectFrom('users').select(['role', 'disabled_at']).where('id', '=', userId).executeTakeFirst()
      if (self?.role === 'administrator' && self.disabled_at === null && Number(others.count) === 0) return 'last-administrator'
    }
    switch (change.kind) {
      case 'role':
        await trx.updateTable('users').set({ role: change.role, updated_at: now }).where('id', '=', userId).execute()
        break
      case 'add-organisation':
        await trx.insertInto('memberships').values({ user_id: userId, organisation_id: change.organisationId }).onConflict((oc) => oc.doNothing()).execute()
        break
      case 'remove-organisation':
        await trx.deleteFrom('memberships').where('user_id', '=', userId).where('organisation_id', '=', change.organisationId).execute()
        break
      case 'disable':
        await trx.updateTable('users').set({ disabled_at: now, updated_at: now }).where('id', '=', userId).execute()
        // Whoever is signed in as them is signed out on their next request, on every instance.
        await trx.deleteFrom('sessions').where('user_id', '=', userId).execute()
        break
      case 'enable':
        await trx.updateTable('users').set({ disabled_at: null, updated_at: now }).where('id', '=', userId).execute()
        break
    }
    return 'done'
  })
}

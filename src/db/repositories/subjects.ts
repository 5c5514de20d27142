// What services, schools and organisations share: contacts, needs served and council areas.
import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { ContactRow, Database } from '../schema.js'

type Db = Kysely<Database> | Transaction<Database>

export interface ContactInput {
  name: string
  phone?: string
  email?: string
  url?: string
  notes?: string
}

export async function replaceContacts(db: Db, subjectId: string, contacts: ContactInput[]): Promise<void> {
  await db.deleteFrom('contacts').where('subject_id', '=', subjectId).execute()
  if (contacts.length === 0) return
  await db
    .insertInto('contacts')
    .values(
      contacts.map((contact, position) => ({
        id: randomUUID(),
        subject_id: subjectId,
        name: contact.name,
        phone: contact.phone ?? null,
        email: contact.email ?? null,
        url: contact.url ?? null,
        notes: contact.notes ?? null,
        position,
      })),
    )
    .execute()
}

export async function replaceNeeds(db: Db, subjectId: string, needCodes: string[]): Promise<void> {
  await db.deleteFrom('subject_needs').where('subject_id', '=', subjectId).execute()
  const unique = [...new Set(needCodes)]
  if (unique.length === 0) return
  await db
    .insertInto('subject_needs')
    .values(unique.map((need_code) => ({ subject_id: subjectId, need_code })))
    .execute()
}

export async function replaceAreas(db: Db, subjectId: string, councilCodes: string[]): Promise<void> {
  await db.deleteFrom('areas_served').where('subject_id', '=', subjectId).execute()
  const unique = [...new Set(councilCodes)]
  if (unique.length === 0) return
  await db
    .insertInto('areas_served')
    .values(unique.map((council_code) => ({ subject_id: subjectId, council_code })))
    .execute()
}

export async function subjectContacts(db: Db, subjectId: string): Promise<ContactRow[]> {
  return db.selectFrom('contacts').selectAll().where('subject_id', '=', subjectId).orderBy('position').execute()
}

export async function subjectNeeds(db: Db, subjectId: string): Promise<string[]> {
  const rows = await db.selectFrom('subject_needs').select('need_code').where('subject_id', '=', subjectId).orderBy('need_code').execute()
  return rows.map((row) => row.need_code)
}

export async function subjectAreas(db: Db, subjectId: string): Promise<string[]> {
  const rows = await db.selectFrom('areas_served').select('council_code').where('subject_id', '=', subjectId).orderBy('council_code').execute()
  return rows.map((row) => row.council_code)
}

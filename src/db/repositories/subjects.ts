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

export interface ProvenanceInput {
  source?: { document: string; excerpt?: string }
  lastReviewed?: string
  nextReviewDue?: string
}

/** Where a record came from and when it was checked: the same columns on every published record. */
export function provenanceColumns(input: ProvenanceInput) {
  return {
    source_document: input.source?.document ?? null,
    source_excerpt: input.source?.excerpt ?? null,
    last_reviewed: input.lastReviewed ?? null,
    next_review_due: input.nextReviewDue ?? null,
  }
}

export interface AddressInput {
  name?: string
  lines: string[]
  town?: string
  postcode?: string
  lat?: number
  lng?: number
}

export async function insertLocation(db: Db, organisationId: string, address: AddressInput): Promise<string> {
  const id = randomUUID()
  await db
    .insertInto('locations')
    .values({
      id,
      organisation_id: organisationId,
      name: address.name ?? null,
      address: address.lines.join('\n') || null,
      town: address.town ?? null,
      postcode: address.postcode ?? null,
      lat: address.lat ?? null,
      lng: address.lng ?? null,
      address_note: null,
    })
    .execute()
  return id
}

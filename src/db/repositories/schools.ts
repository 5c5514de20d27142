// Schools: an organisation with a register entry (URN and GIAS fields) and its SEN information report.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { ContactRow, Database, LocationRow, OrganisationRow, SchoolRow } from '../schema.js'
import {
  insertLocation,
  replaceAreas,
  replaceContacts,
  replaceNeeds,
  subjectAreas,
  subjectContacts,
  subjectNeeds,
  type AddressInput,
  type ContactInput,
} from './subjects.js'

export interface SchoolInput {
  name: string
  urn?: string
  laCode?: string
  laName?: string
  councilCode?: string
  establishmentType?: string
  typeGroup?: string
  status?: string
  phase?: string
  minAge?: number
  maxAge?: number
  gender?: string
  religiousCharacter?: string
  capacity?: number
  pupils?: number
  openDate?: string
  closeDate?: string
  registerChangedDate?: string
  needs: string[]
  resourcedProvision?: string
  senUnit?: string
  resourcedProvisionCapacity?: number
  senUnitCapacity?: number
  resourcedProvisionType?: string
  resourcedProvisionOnRoll?: number
  senUnitOnRoll?: number
  /** SEN1..SEN13 codes as the register gives them, with or without a need code. */
  registerSenCodes?: string[]
  pupilsWithEhcPlan?: number
  pupilsWithSenSupport?: number
  specialClasses?: boolean
  /** Hash of the register's values (set by the GIAS importer). */
  registerFingerprint?: string
  ofstedRating?: string
  easting?: number
  northing?: number
  url?: string
  phone?: string
  email?: string
  address?: AddressInput
  addressNote?: string
  reportText?: string
  contacts?: ContactInput[]
  /** "gias" or the seed document's file name. */
  dataSource: string
  sourceExcerpt?: string
  lastReviewed?: string
  nextReviewDue?: string
}

export interface SchoolDetail {
  school: SchoolRow
  organisation: OrganisationRow
  location: LocationRow | undefined
  contacts: ContactRow[]
  needs: string[]
  councilCodes: string[]
}

function schoolColumns(input: SchoolInput) {
  return {
    urn: input.urn ?? null,
    la_code: input.laCode ?? null,
    la_name: input.laName ?? null,
    council_code: input.councilCode ?? null,
    establishment_type: input.establishmentType ?? null,
    type_group: input.typeGroup ?? null,
    status: input.status ?? null,
    phase: input.phase ?? null,
    min_age: input.minAge ?? null,
    max_age: input.maxAge ?? null,
    gender: input.gender ?? null,
    religious_character: input.religiousCharacter ?? null,
    capacity: input.capacity ?? null,
    pupils: input.pupils ?? null,
    open_date: input.openDate ?? null,
    close_date: input.closeDate ?? null,
    register_changed_date: input.registerChangedDate ?? null,
    sen_provision: input.needs.join(' '),
    resourced_provision: input.resourcedProvision ?? null,
    sen_unit: input.senUnit ?? null,
    resourced_provision_capacity: input.resourcedProvisionCapacity ?? null,
    sen_unit_capacity: input.senUnitCapacity ?? null,
    ofsted_rating: input.ofstedRating ?? null,
    easting: input.easting ?? null,
    northing: input.northing ?? null,
    report_text: input.reportText ?? null,
    data_source: input.dataSource,
    resourced_provision_type: input.resourcedProvisionType ?? null,
    resourced_provision_on_roll: input.resourcedProvisionOnRoll ?? null,
    sen_unit_on_roll: input.senUnitOnRoll ?? null,
    register_sen_codes: input.registerSenCodes?.length ? ` ${input.registerSenCodes.join(' ')} ` : '',
    pupils_with_ehc_plan: input.pupilsWithEhcPlan ?? null,
    pupils_with_sen_support: input.pupilsWithSenSupport ?? null,
    special_classes: input.specialClasses === undefined ? null : Number(input.specialClasses),
    register_fingerprint: input.registerFingerprint ?? null,
  }
}

/** Columns the register owns: a register update rewrites these and leaves the report, source and review dates alone. */
const REGISTER_SCHOOL_COLUMNS = [
  'urn', 'la_code', 'la_name', 'council_code', 'establishment_type', 'type_group', 'status', 'phase',
  'min_age', 'max_age', 'gender', 'religious_character', 'capacity', 'pupils', 'open_date', 'close_date',
  'register_changed_date', 'sen_provision', 'resourced_provision', 'sen_unit', 'resourced_provision_capacity',
  'sen_unit_capacity', 'ofsted_rating', 'easting', 'northing', 'resourced_provision_type',
  'resourced_provision_on_roll', 'sen_unit_on_roll', 'register_sen_codes', 'pupils_with_ehc_plan',
  'pupils_with_sen_support', 'special_classes', 'register_fingerprint',
] as const satisfies ReadonlyArray<keyof SchoolRow>

const REGISTER_ORGANISATION_COLUMNS = ['name', 'url', 'phone', 'address_note', 'updated_at'] as const satisfies ReadonlyArray<keyof OrganisationRow>

function organisationColumns(input: SchoolInput, now: string) {
  return {
    name: input.name,
    kind: 'school',
    description: null,
    url: input.url ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    address_note: input.address ? null : (input.addressNote ?? null),
    source_document: input.dataSource,
    source_excerpt: input.sourceExcerpt ?? null,
    last_reviewed: input.lastReviewed ?? null,
    next_review_due: input.nextReviewDue ?? null,
    updated_at: now,
  }
}

/**
 * Creates the school, or updates the one with the same URN: importing a register file twice
 * leaves one row per school. Returns the school's id and whether it was new.
 */
export async function upsertSchool(db: Kysely<Database>, input: SchoolInput): Promise<{ id: string; created: boolean }> {
  const now = new Date().toISOString()
  return db.transaction().execute(async (trx) => {
    const existing = input.urn
      ? await trx.selectFrom('schools').select('id').where('urn', '=', input.urn).executeTakeFirst()
      : undefined
    const id = existing?.id ?? randomUUID()
    if (existing) {
      await trx.updateTable('organisations').set(organisationColumns(input, now)).where('id', '=', id).execute()
      await trx.updateTable('schools').set(schoolColumns(input)).where('id', '=', id).execute()
      await trx.deleteFrom('locations').where('organisation_id', '=', id).execute()
    } else {
      await trx.insertInto('organisations').values({ id, created_at: now, ...organisationColumns(input, now) }).execute()
      await trx.insertInto('schools').values({ id, ...schoolColumns(input) }).execute()
    }
    if (input.address) await insertLocation(trx, id, { ...input.address, name: input.name })
    await replaceNeeds(trx, id, input.needs)
    await replaceAreas(trx, id, input.councilCode ? [input.councilCode] : [])
    if (input.contacts) await replaceContacts(trx, id, input.contacts)
    return { id, created: !existing }
  })
}

export async function findSchoolDetail(db: Kysely<Database>, id: string): Promise<SchoolDetail | undefined> {
  const school = await db.selectFrom('schools').selectAll().where('id', '=', id).executeTakeFirst()
  if (!school) return undefined
  const [organisation, location, contacts, needs, councilCodes] = await Promise.all([
    db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('locations').selectAll().where('organisation_id', '=', id).executeTakeFirst(),
    subjectContacts(db, id),
    subjectNeeds(db, id),
    subjectAreas(db, id),
  ])
  return { school, organisation, location, contacts, needs, councilCodes }
}

/** What a register import needs to know of a school it already holds. */
export interface HeldSchool {
  id: string
  status: string | null
  fingerprint: string | null
}

/** The schools held for these URNs, in one query. */
export async function heldSchoolsByUrn(db: Kysely<Database>, urns: string[]): Promise<Map<string, HeldSchool>> {
  if (urns.length === 0) return new Map()
  const rows = await db
    .selectFrom('schools')
    .select(['id', 'urn', 'status', 'register_fingerprint'])
    .where('urn', 'in', urns)
    .execute()
  return new Map(rows.map((row) => [row.urn ?? '', { id: row.id, status: row.status, fingerprint: row.register_fingerprint }]))
}

export interface RegisterSchoolWrite {
  /** A held school's id, or a new one. */
  id: string
  input: SchoolInput
}

// Rows per INSERT: kept well under SQLite's 32,766 bound parameters (schools have ~45 columns).
const ROWS_PER_INSERT = 300

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size))
  return out
}

/**
 * Writes a batch of register entries, new and held alike, in one transaction and a few
 * multi-row statements (rather than eight statements a school): what lets the national file
 * load in minutes on PostgreSQL. A held school keeps what the register does not own: its SEN
 * information report, contacts, email, source document and review dates.
 */
export async function writeRegisterSchools(db: Kysely<Database>, writes: RegisterSchoolWrite[]): Promise<void> {
  if (writes.length === 0) return
  const now = new Date().toISOString()
  const ids = writes.map((write) => write.id)
  await db.transaction().execute(async (trx) => {
    for (const batch of chunks(writes, ROWS_PER_INSERT)) {
      await trx
        .insertInto('organisations')
        .values(batch.map(({ id, input }) => ({ id, created_at: now, ...organisationColumns(input, now) })))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => Object.fromEntries(REGISTER_ORGANISATION_COLUMNS.map((column) => [column, eb.ref(`excluded.${column}`)]))),
        )
        .execute()
      await trx
        .insertInto('schools')
        .values(batch.map(({ id, input }) => ({ id, ...schoolColumns(input) })))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => Object.fromEntries(REGISTER_SCHOOL_COLUMNS.map((column) => [column, eb.ref(`excluded.${column}`)]))),
        )
        .execute()
    }
    for (const idBatch of chunks(ids, ROWS_PER_INSERT)) {
      await trx.deleteFrom('locations').where('organisation_id', 'in', idBatch).execute()
      await trx.deleteFrom('subject_needs').where('subject_id', 'in', idBatch).execute()
      await trx.deleteFrom('areas_served').where('subject_id', 'in', idBatch).execute()
    }
    const locations = writes.flatMap(({ id, input }) =>
      input.address
        ? [{
            id: randomUUID(),
            organisation_id: id,
            name: input.name,
            address: input.address.lines.join('\n') || null,
            town: input.address.town ?? null,
            postcode: input.address.postcode ?? null,
            lat: input.address.lat ?? null,
            lng: input.address.lng ?? null,
            address_note: null,
          }]
        : [],
    )
    for (const batch of chunks(locations, ROWS_PER_INSERT)) await trx.insertInto('locations').values(batch).execute()
    const needs = writes.flatMap(({ id, input }) => [...new Set(input.needs)].map((need_code) => ({ subject_id: id, need_code })))
    for (const batch of chunks(needs, 2000)) await trx.insertInto('subject_needs').values(batch).execute()
    const areas = writes.flatMap(({ id, input }) => (input.councilCode ? [{ subject_id: id, council_code: input.councilCode }] : []))
    for (const batch of chunks(areas, 2000)) await trx.insertInto('areas_served').values(batch).execute()
  })
}

/** Held schools with a URN, a page at a time in id order (for the full-extract check). */
export async function registerSchoolsPage(
  db: Kysely<Database>,
  after: string | undefined,
  limit: number,
): Promise<Array<{ id: string; urn: string; name: string; status: string | null }>> {
  let query = db
    .selectFrom('schools')
    .innerJoin('organisations', 'organisations.id', 'schools.id')
    .select(['schools.id', 'schools.urn', 'organisations.name', 'schools.status'])
    .where('schools.urn', 'is not', null)
    .orderBy('schools.id')
    .limit(limit)
  if (after !== undefined) query = query.where('schools.id', '>', after)
  const rows = await query.execute()
  return rows.map((row) => ({ id: row.id, urn: row.urn ?? '', name: row.name, status: row.status }))
}

export async function findSchoolIdByUrn(db: Kysely<Database>, urn: string): Promise<string | undefined> {
  const row = await db.selectFrom('schools').select('id').where('urn', '=', urn).executeTakeFirst()
  return row?.id
}

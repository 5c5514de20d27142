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
  }
}

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

export async function findSchoolIdByUrn(db: Kysely<Database>, urn: string): Promise<string | undefined> {
  const row = await db.selectFrom('schools').select('id').where('urn', '=', urn).executeTakeFirst()
  return row?.id
}

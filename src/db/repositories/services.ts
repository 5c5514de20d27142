// Services: what a provider offers, where, for whom, and how to get it.
import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { HelpKind, ProviderType, ProvisionLevel } from '../../domain/model.js'
import type { ContactRow, Database, LocationRow, OrganisationRow, ServiceRow } from '../schema.js'
import {
  insertLocation,
  provenanceColumns,
  replaceAreas,
  replaceContacts,
  replaceNeeds,
  subjectAreas,
  subjectContacts,
  subjectNeeds,
  type AddressInput,
  type ContactInput,
  type ProvenanceInput,
} from './subjects.js'

export type { AddressInput }

export interface ServiceInput extends ProvenanceInput {
  organisationId: string
  name: string
  description: string
  url?: string
  email?: string
  phone?: string
  helpKind: HelpKind
  providerType: ProviderType
  provisionLevel: ProvisionLevel
  needs: string[]
  minAge?: number
  maxAge?: number
  eligibility?: string
  howToAccess?: string
  isFree?: boolean
  costDescription?: string
  schedule?: string
  location?: AddressInput
  addressNote?: string
  councilCodes: string[]
  contacts: ContactInput[]
}

export interface ServiceDetail {
  service: ServiceRow
  organisation: OrganisationRow
  locations: LocationRow[]
  contacts: ContactRow[]
  needs: string[]
  councilCodes: string[]
  schedules: string[]
}

type Db = Kysely<Database> | Transaction<Database>

export async function createService(db: Kysely<Database>, input: ServiceInput, id: string = randomUUID()): Promise<string> {
  const now = new Date().toISOString()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('services')
      .values({
        id,
        organisation_id: input.organisationId,
        name: input.name,
        description: input.description,
        url: input.url ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        status: 'active',
        help_kind: input.helpKind,
        provider_type: input.providerType,
        provision_level: input.provisionLevel,
        min_age: input.minAge ?? null,
        max_age: input.maxAge ?? null,
        eligibility: input.eligibility ?? null,
        how_to_access: input.howToAccess ?? null,
        is_free: input.isFree === undefined ? null : Number(input.isFree),
        cost_description: input.costDescription ?? null,
        address_note: input.addressNote ?? null,
        ...provenanceColumns(input),
        created_at: now,
        updated_at: now,
      })
      .execute()
    if (input.location) await addLocation(trx, id, input.organisationId, input.location)
    if (input.schedule) {
      await trx.insertInto('schedules').values({ id: randomUUID(), service_id: id, description: input.schedule }).execute()
    }
    await replaceNeeds(trx, id, input.needs)
    await replaceAreas(trx, id, input.councilCodes)
    await replaceContacts(trx, id, input.contacts)
  })
  return id
}

async function addLocation(trx: Db, serviceId: string, organisationId: string, address: AddressInput): Promise<void> {
  const locationId = await insertLocation(trx, organisationId, address)
  await trx.insertInto('service_locations').values({ id: randomUUID(), service_id: serviceId, location_id: locationId }).execute()
}

export async function findServiceDetail(db: Kysely<Database>, id: string): Promise<ServiceDetail | undefined> {
  const service = await db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst()
  if (!service) return undefined
  const [organisation, locations, contacts, needs, councilCodes, schedules] = await Promise.all([
    db.selectFrom('organisations').selectAll().where('id', '=', service.organisation_id).executeTakeFirstOrThrow(),
    db
      .selectFrom('service_locations')
      .innerJoin('locations', 'locations.id', 'service_locations.location_id')
      .selectAll('locations')
      .where('service_locations.service_id', '=', id)
      .execute(),
    subjectContacts(db, id),
    subjectNeeds(db, id),
    subjectAreas(db, id),
    db.selectFrom('schedules').select('description').where('service_id', '=', id).execute(),
  ])
  return { service, organisation, locations, contacts, needs, councilCodes, schedules: schedules.map((row) => row.description) }
}

/** Other services of the same organisation, for "more from this provider". */
export async function listServicesOf(db: Kysely<Database>, organisationId: string): Promise<Array<Pick<ServiceRow, 'id' | 'name'>>> {
  return db.selectFrom('services').select(['id', 'name']).where('organisation_id', '=', organisationId).orderBy('name').execute()
}

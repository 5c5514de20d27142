// Reads and writes imported services and organisations, a batch at a time. Reading gives each
// stored record's content in the importer's canonical shape (content.ts), so its hash can be
// compared with the hash stored at the last import: equal means nobody has edited it here since.
import type { Kysely, Transaction } from 'kysely'
import { isUuid, stableUuid } from '../../db/ids.js'
import type { Database } from '../../db/schema.js'
import { replaceAreas } from '../../db/repositories/subjects.js'
import { contentHash, sortLocations, type OrganisationContent, type ServiceContent, type ServiceStatus } from './content.js'
import type { Classification, RelationIds } from './mapping.js'

type Db = Kysely<Database> | Transaction<Database>

/** What an import writes beside the content. */
export interface ImportStamp {
  source: string
  label: string | null
  fetchedAt: string
}

export interface StoredRecord<Content> {
  id: string
  sourceId: string
  /** Hash at the last import. */
  importedHash: string | null
  /** Hash of what is stored now. */
  currentHash: string
  missingSince: string | null
  content: Content
}

/** A feed's id as ours (lower case) when it is a UUID; undefined otherwise. */
export function feedUuid(value: string | undefined): string | undefined {
  return value !== undefined && isUuid(value) ? value.toLowerCase() : undefined
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const grouped = new Map<string, T[]>()
  for (const row of rows) {
    const list = grouped.get(key(row)) ?? []
    list.push(row)
    grouped.set(key(row), list)
  }
  return grouped
}

// ---- organisations ----------------------------------------------------------------------------

export async function storedOrganisations(db: Db, source: string, sourceIds: string[]): Promise<Map<string, StoredRecord<OrganisationContent>>> {
  if (sourceIds.length === 0) return new Map()
  const rows = await db.selectFrom('organisations').selectAll().where('source', '=', source).where('source_id', 'in', sourceIds).execute()
  const areas = groupBy(
    rows.length ? await db.selectFrom('areas_served').selectAll().where('subject_id', 'in', rows.map((row) => row.id)).execute() : [],
    (row) => row.subject_id,
  )
  return new Map(
    rows.map((row) => {
      const content: OrganisationContent = {
        name: row.name,
        description: row.description,
        url: row.url,
        email: row.email,
        councilCodes: (areas.get(row.id) ?? []).map((area) => area.council_code).sort(),
      }
      return [row.source_id ?? '', { id: row.id, sourceId: row.source_id ?? '', importedHash: row.source_hash, currentHash: contentHash(content), missingSince: row.source_missing_since, content }]
    }),
  )
}

function organisationColumns(sourceId: string, content: OrganisationContent, stamp: ImportStamp, now: string) {
  return {
    name: content.name,
    description: content.description,
    url: content.url,
    email: content.email,
    source: stamp.source,
    source_label: stamp.label,
    source_id: sourceId,
    fetched_at: stamp.fetchedAt,
    source_hash: contentHash(content),
    source_missing_since: null,
    updated_at: now,
  }
}

export interface OrganisationWrite {
  id: string
  sourceId: string
  content: OrganisationContent
}

/** New organisations, a batch in a few statements (the demo load creates hundreds). */
export async function insertOrganisations(trx: Transaction<Database>, writes: OrganisationWrite[], stamp: ImportStamp): Promise<void> {
  if (writes.length === 0) return
  const now = new Date().toISOString()
  await trx
    .insertInto('organisations')
    .values(writes.map((write) => ({ id: write.id, kind: 'other', ...organisationColumns(write.sourceId, write.content, stamp, now), created_at: now })))
    .execute()
  const areas = writes.flatMap((write) => write.content.councilCodes.map((council_code) => ({ subject_id: write.id, council_code })))
  if (areas.length > 0) await trx.insertInto('areas_served').values(areas).execute()
}

export async function updateOrganisation(trx: Transaction<Database>, write: OrganisationWrite, stamp: ImportStamp): Promise<void> {
  await trx.updateTable('organisations').set(organisationColumns(write.sourceId, write.content, stamp, new Date().toISOString())).where('id', '=', write.id).execute()
  await replaceAreas(trx, write.id, write.content.councilCodes)
}

// ---- services ---------------------------------------------------------------------------------

export async function storedServices(db: Db, source: string, sourceIds: string[]): Promise<Map<string, StoredRecord<ServiceContent>>> {
  if (sourceIds.length === 0) return new Map()
  const rows = await db.selectFrom('services').selectAll().where('source', '=', source).where('source_id', 'in', sourceIds).execute()
  if (rows.length === 0) return new Map()
  const ids = rows.map((row) => row.id)
  const [contacts, needs, areas, schedules, places] = await Promise.all([
    db.selectFrom('contacts').selectAll().where('subject_id', 'in', ids).orderBy('position').execute(),
    db.selectFrom('subject_needs').selectAll().where('subject_id', 'in', ids).execute(),
    db.selectFrom('areas_served').selectAll().where('subject_id', 'in', ids).execute(),
    db.selectFrom('schedules').selectAll().where('service_id', 'in', ids).execute(),
    db
      .selectFrom('service_locations')
      .innerJoin('locations', 'locations.id', 'service_locations.location_id')
      .select(['service_locations.service_id', 'locations.name', 'locations.address', 'locations.town', 'locations.postcode', 'locations.lat', 'locations.lng', 'locations.address_note'])
      .where('service_locations.service_id', 'in', ids)
      .execute(),
  ])
  const contactsOf = groupBy(contacts, (row) => row.subject_id)
  const needsOf = groupBy(needs, (row) => row.subject_id)
  const areasOf = groupBy(areas, (row) => row.subject_id)
  const schedulesOf = groupBy(schedules, (row) => row.service_id)
  const placesOf = groupBy(places, (row) => row.service_id)
  return new Map(
    rows.map((row) => {
      const content: ServiceContent = {
        organisationId: row.organisation_id,
        name: row.name,
        description: row.description,
        url: row.url,
        email: row.email,
        phone: row.phone,
        status: row.status as ServiceStatus,
        helpKind: row.help_kind as Classification['helpKind'],
        providerType: row.provider_type as Classification['providerType'],
        provisionLevel: row.provision_level as Classification['provisionLevel'],
        minAge: row.min_age,
        maxAge: row.max_age,
        eligibility: row.eligibility,
        howToAccess: row.how_to_access,
        isFree: row.is_free === null ? null : row.is_free === 1,
        costDescription: row.cost_description,
        lastReviewed: row.last_reviewed,
        needs: (needsOf.get(row.id) ?? []).map((need) => need.need_code).sort(),
        councilCodes: (areasOf.get(row.id) ?? []).map((area) => area.council_code).sort(),
        contacts: (contactsOf.get(row.id) ?? []).map((contact) => ({ name: contact.name, phone: contact.phone, email: contact.email, url: contact.url, notes: contact.notes })),
        schedules: (schedulesOf.get(row.id) ?? []).map((schedule) => schedule.description).sort(),
        locations: sortLocations(
          (placesOf.get(row.id) ?? []).map((place) => ({
            name: place.name,
            address: place.address,
            town: place.town,
            postcode: place.postcode,
            lat: place.lat,
            lng: place.lng,
            ...(place.address_note ? { note: place.address_note } : {}),
          })),
        ),
      }
      return [row.source_id ?? '', { id: row.id, sourceId: row.source_id ?? '', importedHash: row.source_hash, currentHash: contentHash(content), missingSince: row.source_missing_since, content }]
    }),
  )
}

/** Ids (of any record) already in use, so a feed's UUID is only taken over when it is free. */
export async function takenIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const [services, organisations] = await Promise.all([
    db.selectFrom('services').select('id').where('id', 'in', ids).execute(),
    db.selectFrom('organisations').select('id').where('id', 'in', ids).execute(),
  ])
  return new Set([...services, ...organisations].map((row) => row.id))
}

function serviceColumns(sourceId: string, content: ServiceContent, stamp: ImportStamp, now: string) {
  return {
    organisation_id: content.organisationId,
    name: content.name,
    description: content.description,
    url: content.url,
    email: content.email,
    phone: content.phone,
    status: content.status,
    help_kind: content.helpKind,
    provider_type: content.providerType,
    provision_level: content.provisionLevel,
    min_age: content.minAge,
    max_age: content.maxAge,
    eligibility: content.eligibility,
    how_to_access: content.howToAccess,
    is_free: content.isFree === null ? null : Number(content.isFree),
    cost_description: content.costDescription,
    last_reviewed: content.lastReviewed,
    source: stamp.source,
    source_label: stamp.label,
    source_id: sourceId,
    fetched_at: stamp.fetchedAt,
    source_hash: contentHash(content),
    source_missing_since: null,
    updated_at: now,
  }
}

export interface ServiceWrite {
  id: string
  sourceId: string
  content: ServiceContent
  /** The feed's ids for its contacts, schedules and places, item for item with content's lists. */
  ids: RelationIds
}

type RowTable = 'contacts' | 'schedules' | 'locations' | 'service_locations'

/**
 * Ids for a batch's rows in one table: the feed's own where it is a UUID no row has (and no other
 * row of the batch takes), else one made from the service's id and the row's place in its list,
 * so an update (which replaces the rows) gives them the same ids again.
 */
async function rowIds(trx: Transaction<Database>, table: RowTable, wanted: Array<{ serviceId: string; index: number; feedId: string | undefined }>): Promise<string[]> {
  const own = wanted.map((row) => feedUuid(row.feedId))
  const candidates = [...new Set(own.filter((id): id is string => id !== undefined))]
  const taken = new Set<string>()
  for (let start = 0; start < candidates.length; start += 500) {
    for (const row of await trx.selectFrom(table).select('id').where('id', 'in', candidates.slice(start, start + 500)).execute()) taken.add(row.id)
  }
  const claimed = new Set<string>()
  return wanted.map((row, position) => {
    const id = own[position]
    const chosen = id && !taken.has(id) && !claimed.has(id) ? id : stableUuid(`local-offer:oruk:${row.serviceId}:${table}:${row.index}`)
    claimed.add(chosen)
    return chosen
  })
}

/** Everything a service has in other tables, for a batch of services with none yet. */
async function insertRelations(trx: Transaction<Database>, writes: ServiceWrite[]): Promise<void> {
  const needs = writes.flatMap((write) => write.content.needs.map((need_code) => ({ subject_id: write.id, need_code })))
  const areas = writes.flatMap((write) => write.content.councilCodes.map((council_code) => ({ subject_id: write.id, council_code })))
  const contactRows = writes.flatMap((write) => write.content.contacts.map((contact, index) => ({ write, contact, index, feedId: write.ids.contacts[index] })))
  const scheduleRows = writes.flatMap((write) => write.content.schedules.map((description, index) => ({ write, description, index, feedId: write.ids.schedules[index] })))
  const placeRows = writes.flatMap((write) => write.content.locations.map((location, index) => ({ write, location, index, feedIds: write.ids.locations[index] })))
  const contactIds = await rowIds(trx, 'contacts', contactRows.map((row) => ({ serviceId: row.write.id, index: row.index, feedId: row.feedId })))
  const scheduleIds = await rowIds(trx, 'schedules', scheduleRows.map((row) => ({ serviceId: row.write.id, index: row.index, feedId: row.feedId })))
  const locationIds = await rowIds(trx, 'locations', placeRows.map((row) => ({ serviceId: row.write.id, index: row.index, feedId: row.feedIds?.location })))
  const linkIds = await rowIds(trx, 'service_locations', placeRows.map((row) => ({ serviceId: row.write.id, index: row.index, feedId: row.feedIds?.link })))
  const contacts = contactRows.map(({ write, contact, index }, position) => ({ id: contactIds[position]!, subject_id: write.id, ...contact, position: index }))
  const schedules = scheduleRows.map(({ write, description }, position) => ({ id: scheduleIds[position]!, service_id: write.id, description }))
  const locations = placeRows.map(({ write, location: { note, ...location } }, position) => ({
    id: locationIds[position]!,
    organisation_id: write.content.organisationId,
    ...location,
    address_note: note ?? null,
  }))
  if (needs.length > 0) await trx.insertInto('subject_needs').values(needs).execute()
  if (areas.length > 0) await trx.insertInto('areas_served').values(areas).execute()
  if (contacts.length > 0) await trx.insertInto('contacts').values(contacts).execute()
  if (schedules.length > 0) await trx.insertInto('schedules').values(schedules).execute()
  if (locations.length > 0) {
    await trx.insertInto('locations').values(locations).execute()
    await trx
      .insertInto('service_locations')
      .values(placeRows.map(({ write }, position) => ({ id: linkIds[position]!, service_id: write.id, location_id: locations[position]!.id })))
      .execute()
  }
}

/** New services, a batch in a few statements. */
export async function insertServices(trx: Transaction<Database>, writes: ServiceWrite[], stamp: ImportStamp): Promise<void> {
  if (writes.length === 0) return
  const now = new Date().toISOString()
  await trx
    .insertInto('services')
    .values(writes.map((write) => ({ id: write.id, ...serviceColumns(write.sourceId, write.content, stamp, now), created_at: now })))
    .execute()
  await insertRelations(trx, writes)
}

/** A service's content replaced by the feed's, its contacts, needs, areas, schedules and places included. */
export async function updateService(trx: Transaction<Database>, write: ServiceWrite, stamp: ImportStamp): Promise<void> {
  const { id } = write
  // A new published version: a change an editor wrote against the old one must not be approved over it (src/publishing/).
  await trx
    .updateTable('services')
    .set((eb) => ({ ...serviceColumns(write.sourceId, write.content, stamp, new Date().toISOString()), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute()
  await trx.deleteFrom('schedules').where('service_id', '=', id).execute()
  const old = await trx.selectFrom('service_locations').select('location_id').where('service_id', '=', id).execute()
  await trx.deleteFrom('service_locations').where('service_id', '=', id).execute()
  if (old.length > 0) await trx.deleteFrom('locations').where('id', 'in', old.map((row) => row.location_id)).execute()
  await trx.deleteFrom('subject_needs').where('subject_id', '=', id).execute()
  await trx.deleteFrom('areas_served').where('subject_id', '=', id).execute()
  await trx.deleteFrom('contacts').where('subject_id', '=', id).execute()
  await insertRelations(trx, [write])
}

/** Records still in the feed: no longer missing, and (with fetchedAt) confirmed as of this fetch. */
export async function confirmFetched(db: Db, table: 'services' | 'organisations', ids: string[], fetchedAt: string | undefined): Promise<void> {
  const columns = fetchedAt ? { fetched_at: fetchedAt, source_missing_since: null } : { source_missing_since: null }
  for (let start = 0; start < ids.length; start += 500) {
    await db.updateTable(table).set(columns).where('id', 'in', ids.slice(start, start + 500)).execute()
  }
}

export interface MissingService {
  id: string
  sourceId: string
  name: string
  missingSince: string
}

/** Services of the source the feed no longer lists: marked (first time only), never deleted. */
export async function markMissing(db: Db, source: string, seen: ReadonlySet<string>, fetchedAt: string): Promise<MissingService[]> {
  const rows = await db.selectFrom('services').select(['id', 'source_id', 'name', 'source_missing_since']).where('source', '=', source).execute()
  const missing = rows.filter((row) => row.source_id !== null && !seen.has(row.source_id))
  const fresh = missing.filter((row) => row.source_missing_since === null).map((row) => row.id)
  for (let start = 0; start < fresh.length; start += 500) {
    await db.updateTable('services').set({ source_missing_since: fetchedAt }).where('id', 'in', fresh.slice(start, start + 500)).execute()
  }
  return missing.map((row) => ({ id: row.id, sourceId: row.source_id ?? '', name: row.name, missingSince: row.source_missing_since ?? fetchedAt }))
}

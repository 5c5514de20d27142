// The API's reads, in Kysely, the same SQL on SQLite and PostgreSQL. Lists come in two windows:
// an offset page (page/per_page) or a keyset batch after an id (format=ndjson streams a whole list
// this way, never holding more than one batch). Related rows are read for a whole page at once,
// by id lists, never one query per record.
import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool } from 'kysely'
import type { ContactRow, Database, LocationRow, OrganisationRow, ServiceRow } from '../../db/schema.js'
import { boundingBox, flatCentre, flatSquaredRadius } from '../../geo/distance.js'
import { NO_MAX_AGE, NO_MIN_AGE, type ServiceMatch } from './taxonomies.js'

type Db = Kysely<Database>

export interface ServiceFilter {
  /** Lower-case words that must each appear in the name or the description. */
  words: string[]
  /** Every match must hold (taxonomy_term_id and taxonomy_id together narrow). */
  matches: ServiceMatch[]
  organisationId: string | undefined
  modifiedAfter: string | undefined
}

/** Where service_at_locations are measured from, and how far they may be. */
export interface Near {
  lat: number
  lng: number
  radiusKm: number | undefined
  /** Services that list the areas they serve must serve this council. */
  councilCode: string | undefined
}

/** An offset page, or a keyset batch: the rows after `after` in id order. */
export type Window = { offset: number; limit: number } | { after: string | undefined; limit: number }

/** An organisation, with its school register row's id and URN when it is a school. */
export type OrganisationRecord = OrganisationRow & { school_id: string | null; urn: string | null }

export interface ServiceAtLocationLink {
  id: string
  service_id: string
  location_id: string
}

export interface ScheduleRecord {
  id: string
  service_id: string
  description: string
}

// ---- conditions -----------------------------------------------------------------------------

/** A LIKE pattern for a word anywhere, with LIKE's own wildcards taken literally. */
function containing(word: string): string {
  return `%${word.replace(/[\\%_]/g, (character) => `\\${character}`)}%`
}

function wordIn(columns: Array<RawBuilder<unknown>>, word: string): Expression<SqlBool> {
  const pattern = containing(word)
  const tests = columns.map((column) => sql<SqlBool>`lower(${column}) LIKE ${pattern} ESCAPE '\\'`)
  return sql<SqlBool>`(${sql.join(tests, sql` OR `)})`
}

function matchCondition(eb: ExpressionBuilder<Database, 'services'>, match: ServiceMatch): Expression<SqlBool> {
  switch (match.kind) {
    case 'needs':
      return eb.exists(
        eb
          .selectFrom('subject_needs')
          .select('subject_needs.subject_id')
          .whereRef('subject_needs.subject_id', '=', 'services.id')
          .where('subject_needs.need_code', 'in', match.codes),
      )
    case 'provision_level':
      return eb('services.provision_level', 'in', match.codes)
    case 'provider_type':
      return eb('services.provider_type', 'in', match.codes)
    case 'ages':
      return eb.or(
        match.bands.map((band) =>
          eb.and([
            eb(eb.fn.coalesce('services.min_age', eb.val(NO_MIN_AGE)), '<=', band.max),
            eb(eb.fn.coalesce('services.max_age', eb.val(NO_MAX_AGE)), '>=', band.min),
          ]),
        ),
      )
  }
}

export function serviceConditions(eb: ExpressionBuilder<Database, 'services'>, filter: ServiceFilter): Expression<SqlBool> {
  const conditions: Array<Expression<SqlBool>> = filter.words.map((word) => wordIn([sql.ref('services.name'), sql.ref('services.description')], word))
  for (const match of filter.matches) conditions.push(matchCondition(eb, match))
  if (filter.organisationId) conditions.push(eb('services.organisation_id', '=', filter.organisationId))
  if (filter.modifiedAfter) conditions.push(eb('services.updated_at', '>=', filter.modifiedAfter))
  return eb.and(conditions)
}

// ---- services -------------------------------------------------------------------------------

export async function countServices(db: Db, filter: ServiceFilter): Promise<number> {
  const row = await db
    .selectFrom('services')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => serviceConditions(eb, filter))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function listServices(db: Db, filter: ServiceFilter, window: Window): Promise<ServiceRow[]> {
  let query = db
    .selectFrom('services')
    .selectAll()
    .where((eb) => serviceConditions(eb, filter))
    .orderBy('services.id')
    .limit(window.limit)
  if ('offset' in window) query = query.offset(window.offset)
  else if (window.after !== undefined) query = query.where('services.id', '>', window.after)
  return query.execute()
}

export async function findService(db: Db, id: string): Promise<ServiceRow | undefined> {
  return db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function servicesOfOrganisations(db: Db, organisationIds: string[]): Promise<ServiceRow[]> {
  return inBatches(organisationIds, (batch) => db.selectFrom('services').selectAll().where('organisation_id', 'in', batch).orderBy('id').execute())
}

/** Everything a fully nested service shows besides its own row and its organisation. */
export interface ServiceRelations {
  places: Map<string, Array<{ linkId: string; location: LocationRow }>>
  contacts: Map<string, ContactRow[]>
  needs: Map<string, string[]>
  areas: Map<string, string[]>
  schedules: Map<string, ScheduleRecord[]>
}

export async function loadServiceRelations(db: Db, serviceIds: string[]): Promise<ServiceRelations> {
  const [places, contacts, needs, areas, schedules] = await Promise.all([
    inBatches(serviceIds, (batch) =>
      db
        .selectFrom('service_locations')
        .innerJoin('locations', 'locations.id', 'service_locations.location_id')
        .selectAll('locations')
        .select(['service_locations.id as link_id', 'service_locations.service_id'])
        .where('service_locations.service_id', 'in', batch)
        .orderBy('service_locations.id')
        .execute(),
    ),
    inBatches(serviceIds, (batch) => db.selectFrom('contacts').selectAll().where('subject_id', 'in', batch).orderBy('subject_id').orderBy('position').execute()),
    loadNeeds(db, serviceIds),
    inBatches(serviceIds, (batch) => db.selectFrom('areas_served').selectAll().where('subject_id', 'in', batch).orderBy('council_code').execute()),
    inBatches(serviceIds, (batch) => db.selectFrom('schedules').selectAll().where('service_id', 'in', batch).orderBy('id').execute()),
  ])
  return {
    places: groupBy(
      places.map(({ link_id, service_id, ...location }) => ({ serviceId: service_id, linkId: link_id, location })),
      (place) => place.serviceId,
    ),
    contacts: groupBy(contacts, (contact) => contact.subject_id),
    needs,
    areas: mapGroups(groupBy(areas, (area) => area.subject_id), (area) => area.council_code),
    schedules: groupBy(schedules, (schedule) => schedule.service_id),
  }
}

/** Need codes by subject (a service, or a school's organisation). */
export async function loadNeeds(db: Db, subjectIds: string[]): Promise<Map<string, string[]>> {
  const rows = await inBatches(subjectIds, (batch) => db.selectFrom('subject_needs').selectAll().where('subject_id', 'in', batch).orderBy('need_code').execute())
  return mapGroups(groupBy(rows, (row) => row.subject_id), (row) => row.need_code)
}

export async function loadServices(db: Db, ids: string[]): Promise<Map<string, ServiceRow>> {
  const rows = await inBatches(unique(ids), (batch) => db.selectFrom('services').selectAll().where('id', 'in', batch).execute())
  return new Map(rows.map((row) => [row.id, row]))
}

// ---- organisations --------------------------------------------------------------------------

function organisationsWithUrn(db: Db) {
  return db.selectFrom('organisations').leftJoin('schools', 'schools.id', 'organisations.id').selectAll('organisations').select(['schools.id as school_id', 'schools.urn'])
}

function organisationWords(words: string[]): Array<Expression<SqlBool>> {
  return words.map((word) => wordIn([sql.ref('organisations.name'), sql`coalesce(organisations.description, '')`], word))
}

export async function countOrganisations(db: Db, words: string[]): Promise<number> {
  const row = await db
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.and(organisationWords(words)))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function listOrganisations(db: Db, words: string[], window: Window): Promise<OrganisationRecord[]> {
  let query = organisationsWithUrn(db)
    .where((eb) => eb.and(organisationWords(words)))
    .orderBy('organisations.id')
    .limit(window.limit)
  if ('offset' in window) query = query.offset(window.offset)
  else if (window.after !== undefined) query = query.where('organisations.id', '>', window.after)
  return query.execute()
}

export async function findOrganisation(db: Db, id: string): Promise<OrganisationRecord | undefined> {
  return organisationsWithUrn(db).where('organisations.id', '=', id).executeTakeFirst()
}

export async function loadOrganisations(db: Db, ids: string[]): Promise<Map<string, OrganisationRecord>> {
  const rows = await inBatches(unique(ids), (batch) => organisationsWithUrn(db).where('organisations.id', 'in', batch).execute())
  return new Map(rows.map((row) => [row.id, row]))
}

// ---- services at locations ------------------------------------------------------------------

/** Squared flat-earth distance from the centre, in the units of flatSquaredRadius (src/geo/distance.ts). */
function flatDistance(near: Near): RawBuilder<number> {
  const centre = flatCentre(near)
  const dLat = sql`(locations.lat - ${centre.lat})`
  const dLng = sql`((locations.lng - ${centre.lng}) * ${centre.cosLat})`
  return sql<number>`(${dLat} * ${dLat} + ${dLng} * ${dLng})`
}

function serviceAtLocationQuery(db: Db, filter: ServiceFilter, near: Near | undefined) {
  let query = db
    .selectFrom('service_locations')
    .innerJoin('locations', 'locations.id', 'service_locations.location_id')
    .where('service_locations.service_id', 'in', db.selectFrom('services').select('services.id').where((eb) => serviceConditions(eb, filter)))
  if (near?.councilCode !== undefined) {
    const council = near.councilCode
    // "If service_area is available": a service that lists no areas is not ruled out.
    query = query.where((eb) =>
      eb.or([
        eb.not(eb.exists(eb.selectFrom('areas_served').select('areas_served.subject_id').whereRef('areas_served.subject_id', '=', 'service_locations.service_id'))),
        eb.exists(
          eb
            .selectFrom('areas_served')
            .select('areas_served.subject_id')
            .whereRef('areas_served.subject_id', '=', 'service_locations.service_id')
            .where('areas_served.council_code', '=', council),
        ),
      ]),
    )
  }
  if (near?.radiusKm !== undefined) {
    // The box lets an index narrow the rows; the flat distance then cuts the box's corners off.
    const box = boundingBox(near, near.radiusKm)
    query = query
      .where('locations.lat', '>=', box.minLat)
      .where('locations.lat', '<=', box.maxLat)
      .where('locations.lng', '>=', box.minLng)
      .where('locations.lng', '<=', box.maxLng)
      .where(sql<SqlBool>`${flatDistance(near)} <= ${flatSquaredRadius(near.radiusKm)}`)
  }
  return query
}

export async function countServiceAtLocations(db: Db, filter: ServiceFilter, near: Near | undefined): Promise<number> {
  const row = await serviceAtLocationQuery(db, filter, near)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** With a centre, an offset page is nearest first (places without a position last); otherwise, and in batches, id order. */
export async function listServiceAtLocations(db: Db, filter: ServiceFilter, near: Near | undefined, window: Window): Promise<ServiceAtLocationLink[]> {
  let query = serviceAtLocationQuery(db, filter, near)
    .select(['service_locations.id', 'service_locations.service_id', 'service_locations.location_id'])
    .limit(window.limit)
  if ('offset' in window) {
    if (near) query = query.orderBy(sql`(CASE WHEN locations.lat IS NULL OR locations.lng IS NULL THEN 1 ELSE 0 END)`).orderBy(flatDistance(near))
    query = query.orderBy('service_locations.id').offset(window.offset)
  } else {
    query = query.orderBy('service_locations.id')
    if (window.after !== undefined) query = query.where('service_locations.id', '>', window.after)
  }
  return query.execute()
}

export async function findServiceAtLocation(db: Db, id: string): Promise<ServiceAtLocationLink | undefined> {
  return db.selectFrom('service_locations').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function loadLocations(db: Db, ids: string[]): Promise<Map<string, LocationRow>> {
  const rows = await inBatches(unique(ids), (batch) => db.selectFrom('locations').selectAll().where('id', 'in', batch).execute())
  return new Map(rows.map((row) => [row.id, row]))
}

// ---- helpers --------------------------------------------------------------------------------

/** Well under both stores' limits on bound parameters in one statement. */
const ID_BATCH = 500

async function inBatches<T>(ids: string[], read: (batch: string[]) => Promise<T[]>): Promise<T[]> {
  const results: T[] = []
  for (let start = 0; start < ids.length; start += ID_BATCH) results.push(...(await read(ids.slice(start, start + ID_BATCH))))
  return results
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)]
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const group = groups.get(key(row))
    if (group) group.push(row)
    else groups.set(key(row), [row])
  }
  return groups
}

function mapGroups<T, U>(groups: Map<string, T[]>, value: (row: T) => U): Map<string, U[]> {
  return new Map([...groups].map(([key, rows]) => [key, rows.map(value)]))
}

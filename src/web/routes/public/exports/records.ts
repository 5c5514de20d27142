// The rows of the services and schools exports, read from the store in keyset batches (id order),
// so an export of the national register holds one batch in memory, never the whole table.
import type { Kysely } from 'kysely'
import type { Database } from '../../../../db/schema.js'
import { assessReport } from '../../../../reports/assess.js'
import { assessmentKey, todayIso } from '../../../../reports/pages/memo.js'
import type { CellValue } from '../../../csv.js'
import { createLru } from '../../../../lru.js'

export const EXPORT_BATCH = 500

export type ExportRecord = Record<string, CellValue>

export interface ExportTable {
  /** Column names, in order: the CSV header and every JSON object's keys. */
  columns: readonly string[]
  /** Records after `after` (an id), in id order; fewer than `limit` means the end. */
  read(db: Kysely<Database>, origin: string, after: string | undefined, limit: number): Promise<Array<{ id: string; record: ExportRecord }>>
}

async function grouped(
  db: Kysely<Database>,
  table: 'subject_needs' | 'areas_served',
  ids: string[],
): Promise<Map<string, string[]>> {
  const rows =
    table === 'subject_needs'
      ? await db.selectFrom('subject_needs').select(['subject_id', 'need_code as value']).where('subject_id', 'in', ids).orderBy('need_code').execute()
      : await db.selectFrom('areas_served').select(['subject_id', 'council_code as value']).where('subject_id', 'in', ids).orderBy('council_code').execute()
  const map = new Map<string, string[]>()
  for (const row of rows) map.set(row.subject_id, [...(map.get(row.subject_id) ?? []), row.value])
  return map
}

const day = (iso: string | null): string | null => (iso ? iso.slice(0, 10) : null)
const spaced = (codes: string): string[] => codes.split(' ').filter(Boolean)

export const SERVICE_COLUMNS = [
  'id', 'name', 'organisation', 'description', 'help_kind', 'provider_type', 'provision_level',
  'needs', 'min_age', 'max_age', 'eligibility', 'how_to_access', 'is_free', 'cost_description',
  'url', 'email', 'phone', 'address', 'town', 'postcode', 'lat', 'lng', 'areas_served',
  'last_reviewed', 'next_review_due', 'updated', 'page_url',
] as const

export const servicesTable: ExportTable = {
  columns: SERVICE_COLUMNS,
  async read(db, origin, after, limit) {
    let query = db
      .selectFrom('services')
      .innerJoin('organisations', 'organisations.id', 'services.organisation_id')
      .select([
        'services.id', 'services.name', 'organisations.name as organisation', 'services.description', 'services.help_kind',
        'services.provider_type', 'services.provision_level', 'services.min_age', 'services.max_age', 'services.eligibility',
        'services.how_to_access', 'services.is_free', 'services.cost_description', 'services.url', 'services.email',
        'services.phone', 'services.last_reviewed', 'services.next_review_due', 'services.updated_at',
      ])
      // What the site publishes: the same services search shows.
      .where('services.status', '=', 'active')
      .orderBy('services.id')
      .limit(limit)
    if (after !== undefined) query = query.where('services.id', '>', after)
    const rows = await query.execute()
    if (rows.length === 0) return []
    const ids = rows.map((row) => row.id)
    const [needs, areas, places] = await Promise.all([
      grouped(db, 'subject_needs', ids),
      grouped(db, 'areas_served', ids),
      db
        .selectFrom('service_locations')
        .innerJoin('locations', 'locations.id', 'service_locations.location_id')
        .select(['service_locations.service_id', 'locations.address', 'locations.town', 'locations.postcode', 'locations.lat', 'locations.lng'])
        .where('service_locations.service_id', 'in', ids)
        .orderBy('service_locations.id')
        .execute(),
    ])
    // A service at several places: its first place, as its search result shows.
    const placeOf = new Map<string, (typeof places)[number]>()
    for (const place of places) if (!placeOf.has(place.service_id)) placeOf.set(place.service_id, place)
    return rows.map((row) => {
      const place = placeOf.get(row.id)
      const record: Record<(typeof SERVICE_COLUMNS)[number], CellValue> = {
        id: row.id,
        name: row.name,
        organisation: row.organisation,
        description: row.description,
        help_kind: row.help_kind,
        provider_type: row.provider_type,
        provision_level: row.provision_level,
        needs: needs.get(row.id) ?? [],
        min_age: row.min_age,
        max_age: row.max_age,
        eligibility: row.eligibility,
        how_to_access: row.how_to_access,
        is_free: row.is_free === null ? null : row.is_free === 1,
        cost_description: row.cost_description,
        url: row.url,
        email: row.email,
        phone: row.phone,
        ...placeColumns(place),
        areas_served: areas.get(row.id) ?? [],
        last_reviewed: row.last_reviewed,
        next_review_due: row.next_review_due,
        updated: day(row.updated_at),
        page_url: `${origin}/services/${row.id}`,
      }
      return { id: row.id, record }
    })
  },
}

export const SCHOOL_COLUMNS = [
  'id', 'urn', 'name', 'status', 'open_date', 'close_date', 'establishment_type', 'type_group', 'phase',
  'min_age', 'max_age', 'la_code', 'la_name', 'council_code', 'url', 'phone', 'address', 'town', 'postcode',
  'lat', 'lng', 'needs', 'register_sen_codes', 'resourced_provision_type', 'resourced_provision_on_roll',
  'resourced_provision_capacity', 'sen_unit_on_roll', 'sen_unit_capacity', 'pupils_with_ehc_plan',
  'pupils_with_sen_support', 'ofsted_rating', 'has_sen_information_report',
  'report_items_covered', 'report_items_partial', 'report_items_missing', 'report_assessed_on',
  'last_reviewed', 'register_changed_date', 'updated', 'page_url',
] as const

/** Where a service or school is, as the exports' five place columns (empty when it has no place). */
function placeColumns(place: { address: string | null; town: string | null; postcode: string | null; lat: number | null; lng: number | null } | undefined) {
  return {
    address: place?.address?.replace(/\n/g, ', ') ?? null,
    town: place?.town ?? null,
    postcode: place?.postcode ?? null,
    lat: place?.lat ?? null,
    lng: place?.lng ?? null,
  }
}

type Coverage = Record<'report_items_covered' | 'report_items_partial' | 'report_items_missing' | 'report_assessed_on', CellValue>

// Assessments are not stored yet, so the export assesses each report it writes. Only the counts
// are kept, by school, text and day, so a repeated export does not assess again.
const KEPT_COVERAGE = 50_000
const coverageKept = createLru<string, Coverage>(KEPT_COVERAGE)

/** The Schedule 1 coverage of a school's report: how many of the 19 items are covered, partly, missing. */
function reportCoverage(schoolId: string, text: string | null): Coverage {
  if (text === null) return { report_items_covered: null, report_items_partial: null, report_items_missing: null, report_assessed_on: null }
  const today = todayIso()
  const key = assessmentKey(schoolId, text, today)
  const kept = coverageKept.get(key)
  if (kept) return kept
  const { items } = assessReport(text, { today })
  const count = (status: string) => items.filter((item) => item.status === status).length
  const coverage = { report_items_covered: count('covered'), report_items_partial: count('partial'), report_items_missing: count('missing'), report_assessed_on: today }
  coverageKept.set(key, coverage)
  return coverage
}

export const schoolsTable: ExportTable = {
  columns: SCHOOL_COLUMNS,
  async read(db, origin, after, limit) {
    let query = db
      .selectFrom('schools')
      .innerJoin('organisations', 'organisations.id', 'schools.id')
      .select([
        'schools.id', 'schools.urn', 'organisations.name', 'schools.status', 'schools.open_date', 'schools.close_date',
        'schools.establishment_type', 'schools.type_group', 'schools.phase', 'schools.min_age', 'schools.max_age',
        'schools.la_code', 'schools.la_name', 'schools.council_code', 'organisations.url', 'organisations.phone',
        'schools.register_sen_codes', 'schools.resourced_provision_type', 'schools.resourced_provision_on_roll',
        'schools.resourced_provision_capacity', 'schools.sen_unit_on_roll', 'schools.sen_unit_capacity',
        'schools.pupils_with_ehc_plan', 'schools.pupils_with_sen_support', 'schools.ofsted_rating',
        'organisations.last_reviewed', 'schools.register_changed_date', 'organisations.updated_at',
      ])
      .select('schools.report_text')
      .orderBy('schools.id')
      .limit(limit)
    if (after !== undefined) query = query.where('schools.id', '>', after)
    const rows = await query.execute()
    if (rows.length === 0) return []
    const ids = rows.map((row) => row.id)
    const [needs, places] = await Promise.all([
      grouped(db, 'subject_needs', ids),
      db
        .selectFrom('locations')
        .select(['organisation_id', 'address', 'town', 'postcode', 'lat', 'lng'])
        .where('organisation_id', 'in', ids)
        .orderBy('id')
        .execute(),
    ])
    const placeOf = new Map<string, (typeof places)[number]>()
    for (const place of places) if (place.organisation_id && !placeOf.has(place.organisation_id)) placeOf.set(place.organisation_id, place)
    return rows.map((row) => {
      const place = placeOf.get(row.id)
      const record: Record<(typeof SCHOOL_COLUMNS)[number], CellValue> = {
        id: row.id,
        urn: row.urn,
        name: row.name,
        status: row.status,
        open_date: row.open_date,
        close_date: row.close_date,
        establishment_type: row.establishment_type,
        type_group: row.type_group,
        phase: row.phase,
        min_age: row.min_age,
        max_age: row.max_age,
        la_code: row.la_code,
        la_name: row.la_name,
        council_code: row.council_code,
        url: row.url,
        phone: row.phone,
        ...placeColumns(place),
        needs: needs.get(row.id) ?? [],
        register_sen_codes: spaced(row.register_sen_codes),
        resourced_provision_type: row.resourced_provision_type,
        resourced_provision_on_roll: row.resourced_provision_on_roll,
        resourced_provision_capacity: row.resourced_provision_capacity,
        sen_unit_on_roll: row.sen_unit_on_roll,
        sen_unit_capacity: row.sen_unit_capacity,
        pupils_with_ehc_plan: row.pupils_with_ehc_plan,
        pupils_with_sen_support: row.pupils_with_sen_support,
        ofsted_rating: row.ofsted_rating,
        has_sen_information_report: row.report_text !== null,
        ...reportCoverage(row.id, row.report_text),
        last_reviewed: row.last_reviewed,
        register_changed_date: row.register_changed_date,
        updated: day(row.updated_at),
        page_url: `${origin}/schools/${row.id}`,
      }
      return { id: row.id, record }
    })
  },
}

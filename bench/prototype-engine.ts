// PROTOTYPE, for measurement only (bench/prototype.ts): a copy of src/search/engine.ts with the
// changes the benchmark's diagnosis suggests, each behind a switch so that each can be measured
// alone. Same results as the real engine (prototype.ts checks totals, facet counts and hits),
// except where a switch says it changes the order of equally ranked results.
import type SqliteDatabase from 'better-sqlite3'
import { sql, type RawBuilder } from 'kysely'
import type { Store } from '../src/db/connection.js'
import { fts5Expression, tsqueryExpression } from '../src/search/engine.js'
import { emptyFacets, FACET_VALUES, filterMasks, setFacetCount } from '../src/search/facets.js'
import type { EngineQuery, EngineResult, Facets, SearchEngine } from '../src/search/types.js'

export interface PrototypeSwitches {
  /** All facet counts, the chosen filters' own ones included, in ONE pass over the matches. */
  onePassCounts?: boolean
  /** SQLite: sort only (rank, name, doc_id), then fetch the page's 20 rows (late materialisation). */
  lateHits?: boolean
  /** SQLite: rank inside FTS5 alone when nothing else filters (ties then go by doc_id, not name). */
  ftsOnlyRank?: boolean
  /** SQLite: a small postcode radius drives the search through the (lat, lng) index, FTS5 checked per row. */
  locationFirst?: boolean
  /** SQLite: total and facet counts in JavaScript, from the matching rowids and an in-memory copy of the masks. */
  jsFacets?: { handle: SqliteDatabase.Database }
}

const KM_PER_DEGREE = 111.32
/** Above this many records in the radius's box, FTS5 first is cheaper than one FTS5 lookup per record. */
const LOCATION_FIRST_MAX = 3000

type Row = {
  subject_id: string
  kind: 'service' | 'school'
  name: string
  organisation_name: string | null
  summary: string
  help_kind: string
  provider_type: string
  provision_level: string
  min_age: number | null
  max_age: number | null
  is_free: number | null
  council_codes: string
  last_reviewed: string | null
  lat: number | null
  lng: number | null
}

const COLUMNS = sql`d.subject_id, d.kind, d.name, d.organisation_name, d.summary, d.help_kind, d.provider_type,
  d.provision_level, d.min_age, d.max_age, d.is_free, d.council_codes, d.last_reviewed, d.lat, d.lng`

function box(plan: EngineQuery): { lat: [number, number]; lng: [number, number] } | undefined {
  const radius = plan.location?.radiusKm
  if (!plan.location || radius === undefined) return undefined
  const degrees = radius / KM_PER_DEGREE
  const lngDegrees = degrees / Math.max(0.01, Math.cos((plan.location.lat * Math.PI) / 180))
  return {
    lat: [plan.location.lat - degrees, plan.location.lat + degrees],
    lng: [plan.location.lng - lngDegrees, plan.location.lng + lngDegrees],
  }
}

function squaredDistance(location: { lat: number; lng: number }): RawBuilder<number> {
  const cosLat = Math.cos((location.lat * Math.PI) / 180)
  return sql<number>`((d.lat - ${location.lat}) * (d.lat - ${location.lat}) + (d.lng - ${location.lng}) * ${cosLat} * (d.lng - ${location.lng}) * ${cosLat})`
}

function locationConditions(plan: EngineQuery): RawBuilder<unknown>[] {
  const b = box(plan)
  if (!b || !plan.location || plan.location.radiusKm === undefined) return []
  const degrees = plan.location.radiusKm / KM_PER_DEGREE
  return [
    sql`d.lat BETWEEN ${b.lat[0]} AND ${b.lat[1]}`,
    sql`d.lng BETWEEN ${b.lng[0]} AND ${b.lng[1]}`,
    sql`${squaredDistance(plan.location)} <= ${degrees * degrees}`,
  ]
}

function filterConditions(plan: EngineQuery, except?: string): RawBuilder<unknown>[] {
  return filterMasks(plan.filters)
    .filter(({ filter }) => filter !== except)
    .map(({ mask }) => sql`(d.facet_mask & ${sql.lit(mask)}) <> 0`)
}

function and(conditions: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conditions.length > 0 ? sql.join(conditions, sql` AND `) : sql`1 = 1`
}

function where(conditions: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conditions.length > 0 ? sql`WHERE ${and(conditions)}` : sql``
}

/** In-memory copy of every document's facet mask and position, by doc_id (jsFacets). */
class FacetMemory {
  lo = new Uint32Array(0)
  hi = new Uint32Array(0)
  lat = new Float64Array(0)
  lng = new Float64Array(0)
  constructor(handle: SqliteDatabase.Database) {
    const rows = handle.prepare('SELECT doc_id, facet_mask, lat, lng FROM search_documents').raw().all() as Array<[number, number, number | null, number | null]>
    const size = rows.reduce((max, row) => Math.max(max, row[0]), 0) + 1
    this.lo = new Uint32Array(size)
    this.hi = new Uint32Array(size)
    this.lat = new Float64Array(size).fill(Number.NaN)
    this.lng = new Float64Array(size).fill(Number.NaN)
    for (const [id, mask, lat, lng] of rows) {
      this.lo[id] = mask % 2 ** 32
      this.hi[id] = Math.floor(mask / 2 ** 32)
      this.lat[id] = lat ?? Number.NaN
      this.lng[id] = lng ?? Number.NaN
    }
  }
}

export function createPrototypeEngine(store: Store, switches: PrototypeSwitches): SearchEngine {
  const { db, kind } = store
  const sqlite = kind === 'sqlite'
  const memory = switches.jsFacets ? new FacetMemory(switches.jsFacets.handle) : undefined
  const rowids = switches.jsFacets?.handle.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ?').pluck()
  const inBox = switches.jsFacets?.handle.prepare('SELECT doc_id FROM search_documents WHERE lat BETWEEN ? AND ? AND lng BETWEEN ? AND ?').pluck()

  const expression = (plan: EngineQuery) => (sqlite ? fts5Expression(plan.query) : tsqueryExpression(plan.query)) || undefined
  const textCondition = (text: string) => (sqlite ? sql`search_fts MATCH ${text}` : sql`d.tsv @@ to_tsquery('english', ${text})`)
  const rank = (text: string) => (sqlite ? sql`bm25(search_fts, 10.0, 4.0, 1.0)` : sql`-ts_rank('{0.05, 0.1, 0.4, 1.0}', d.tsv, to_tsquery('english', ${text}))`)
  const countWhere = (condition: RawBuilder<unknown>) => (sqlite ? sql`sum(${condition})` : sql`count(*) FILTER (WHERE ${condition})`)

  async function useLocationFirst(plan: EngineQuery, text: string | undefined): Promise<boolean> {
    const b = box(plan)
    if (!sqlite || !switches.locationFirst || !text || !b) return false
    const result = await sql<{ n: number }>`SELECT count(*) AS n FROM search_documents d
      WHERE d.lat BETWEEN ${b.lat[0]} AND ${b.lat[1]} AND d.lng BETWEEN ${b.lng[0]} AND ${b.lng[1]}`.execute(db)
    return Number(result.rows[0]?.n ?? 0) <= LOCATION_FIRST_MAX
  }

  function from(text: string | undefined, locationFirst: boolean): RawBuilder<unknown> {
    if (!sqlite || !text) return sql`search_documents d`
    // CROSS JOIN fixes the join order in SQLite: the box's records first, then FTS5 by rowid.
    return locationFirst ? sql`search_documents d CROSS JOIN search_fts ON search_fts.rowid = d.doc_id` : sql`search_fts JOIN search_documents d ON d.doc_id = search_fts.rowid`
  }

  function orderKeys(plan: EngineQuery, text: string | undefined): RawBuilder<unknown>[] {
    if (plan.sort === 'distance' && plan.location) return [sql`CASE WHEN d.lat IS NULL THEN 1 ELSE 0 END`, squaredDistance(plan.location), sql`d.name`]
    return text ? [rank(text), sql`d.name`] : [sql`d.name`]
  }

  function order(plan: EngineQuery, text: string | undefined): RawBuilder<unknown> {
    return sql.join(orderKeys(plan, text))
  }

  async function hits(plan: EngineQuery, text: string | undefined, locationFirst: boolean): Promise<Row[]> {
    const conditions = [...(text ? [textCondition(text)] : []), ...locationConditions(plan), ...filterConditions(plan)]
    if (sqlite && switches.ftsOnlyRank && text && plan.sort !== 'distance' && conditions.length === 1) {
      const result = await sql<Row>`SELECT ${COLUMNS} FROM (
          SELECT rowid AS id, ${rank(text)} AS r FROM search_fts WHERE search_fts MATCH ${text} ORDER BY r, rowid LIMIT ${plan.limit} OFFSET ${plan.offset}
        ) m JOIN search_documents d ON d.doc_id = m.id ORDER BY m.r, m.id`.execute(db)
      return result.rows
    }
    if (sqlite && switches.lateHits) {
      // The sort holds only the keys and the id; the page's 20 rows are read afterwards.
      const keys = orderKeys(plan, text)
      const named = keys.map((key, index) => sql`${key} AS ${sql.ref(`k${index}`)}`)
      const outer = keys.map((_, index) => sql.ref(`m.k${index}`))
      const result = await sql<Row>`SELECT ${COLUMNS} FROM (
          SELECT d.doc_id AS id, ${sql.join(named)} FROM ${from(text, locationFirst)} ${where(conditions)}
          ORDER BY ${sql.join(outer.map((_, index) => sql.ref(`k${index}`)))} LIMIT ${plan.limit} OFFSET ${plan.offset}
        ) m JOIN search_documents d ON d.doc_id = m.id ORDER BY ${sql.join(outer)}`.execute(db)
      return result.rows
    }
    const result = await sql<Row>`SELECT ${COLUMNS} FROM ${from(text, locationFirst)} ${where(conditions)}
      ORDER BY ${order(plan, text)} LIMIT ${plan.limit} OFFSET ${plan.offset}`.execute(db)
    return result.rows
  }

  /** The engine's own way: one query for everything, one more per chosen filter. */
  async function separateCounts(plan: EngineQuery, text: string | undefined, locationFirst: boolean): Promise<{ total: number; facets: Facets }> {
    const base = [...(text ? [textCondition(text)] : []), ...locationConditions(plan)]
    const run = async (except: string | undefined, groups: string[] | 'all') => {
      const columns = FACET_VALUES.filter((facet) => groups === 'all' || groups.includes(facet.group))
      const sums = columns.map((facet, index) => sql`${countWhere(sql`(d.facet_mask & ${sql.lit(facet.bit)}) <> 0`)} AS ${sql.ref(`f${index}`)}`)
      const result = await sql<Record<string, number | null>>`SELECT count(*) AS total, ${sql.join(sums)}
        FROM ${from(text, locationFirst)} ${where([...base, ...filterConditions(plan, except)])}`.execute(db)
      const row = result.rows[0] ?? {}
      return { total: Number(row.total ?? 0), columns: columns.map((facet, index) => ({ facet, count: Number(row[`f${index}`] ?? 0) })) }
    }
    const [all, ...partials] = await Promise.all([run(undefined, 'all'), ...filterMasks(plan.filters).map(({ filter, group }) => run(filter, [group]))])
    const facets = emptyFacets()
    for (const { facet, count } of [...all.columns, ...partials.flatMap((partial) => partial.columns)]) setFacetCount(facets, facet, count)
    return { total: all.total, facets }
  }

  /** One pass: each value's count tests the OTHER chosen filters and its own bit. */
  async function onePassCounts(plan: EngineQuery, text: string | undefined, locationFirst: boolean): Promise<{ total: number; facets: Facets }> {
    const base = [...(text ? [textCondition(text)] : []), ...locationConditions(plan)]
    const chosen = filterMasks(plan.filters)
    const allFilters = filterConditions(plan)
    const sums = FACET_VALUES.map((facet, index) => {
      const own = chosen.find((filter) => filter.group === facet.group)
      const others = own ? filterConditions(plan, own.filter) : allFilters
      return sql`${countWhere(and([...others, sql`(d.facet_mask & ${sql.lit(facet.bit)}) <> 0`]))} AS ${sql.ref(`f${index}`)}`
    })
    const total = allFilters.length > 0 ? countWhere(and(allFilters)) : sql`count(*)`
    const result = await sql<Record<string, number | null>>`SELECT ${total} AS total, ${sql.join(sums)}
      FROM ${from(text, locationFirst)} ${where(base)}`.execute(db)
    const row = result.rows[0] ?? {}
    const facets = emptyFacets()
    FACET_VALUES.forEach((facet, index) => setFacetCount(facets, facet, Number(row[`f${index}`] ?? 0)))
    return { total: Number(row.total ?? 0), facets }
  }

  /** Counting in JavaScript: FTS5 gives the matching rowids; masks and positions are in memory. */
  function jsCounts(plan: EngineQuery, text: string | undefined): { total: number; facets: Facets } {
    if (!memory || !rowids || !inBox) throw new Error('jsFacets needs a handle')
    const b = box(plan)
    // Without words: the radius's box through the (lat, lng) index, or every record.
    const ids: ArrayLike<number> = text
      ? (rowids.all(text) as number[])
      : b
        ? (inBox.all(b.lat[0], b.lat[1], b.lng[0], b.lng[1]) as number[])
        : Array.from({ length: memory.lo.length }, (_, i) => i)
    const chosen = filterMasks(plan.filters).map(({ group, mask }) => ({ group, lo: mask % 2 ** 32, hi: Math.floor(mask / 2 ** 32) }))
    const facetBits = FACET_VALUES.map((facet) => ({ facet, lo: facet.bit % 2 ** 32, hi: Math.floor(facet.bit / 2 ** 32), own: chosen.findIndex((c) => c.group === facet.group) }))
    const counts = new Float64Array(FACET_VALUES.length)
    const centre = plan.location
    const radius = plan.location?.radiusKm
    const cosLat = centre ? Math.cos((centre.lat * Math.PI) / 180) : 1
    const limit = radius === undefined ? Infinity : (radius / KM_PER_DEGREE) ** 2
    let total = 0
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!
      if (b && centre) {
        const lat = memory.lat[id]!
        const lng = memory.lng[id]!
        if (!(lat >= b.lat[0] && lat <= b.lat[1] && lng >= b.lng[0] && lng <= b.lng[1])) continue
        const dy = lat - centre.lat
        const dx = (lng - centre.lng) * cosLat
        if (dy * dy + dx * dx > limit) continue
      }
      const lo = memory.lo[id]!
      const hi = memory.hi[id]!
      // Which chosen filters this record fails: passes all, or fails exactly one (that group's counts still see it).
      let failed = -1
      let failures = 0
      for (let c = 0; c < chosen.length; c++) {
        const filter = chosen[c]!
        if ((lo & filter.lo) === 0 && (hi & filter.hi) === 0) {
          failures++
          failed = c
        }
      }
      if (failures > 1) continue
      if (failures === 0) total++
      for (let f = 0; f < facetBits.length; f++) {
        const bit = facetBits[f]!
        if (failures === 1 && bit.own !== failed) continue
        if ((lo & bit.lo) !== 0 || (hi & bit.hi) !== 0) counts[f]!++
      }
    }
    const facets = emptyFacets()
    FACET_VALUES.forEach((facet, index) => setFacetCount(facets, facet, counts[index]!))
    return { total, facets }
  }

  return {
    async search(plan): Promise<EngineResult> {
      const text = expression(plan)
      const locationFirst = await useLocationFirst(plan, text)
      const counting = switches.jsFacets
        ? Promise.resolve(jsCounts(plan, text))
        : switches.onePassCounts
          ? onePassCounts(plan, text, locationFirst)
          : separateCounts(plan, text, locationFirst)
      const [rows, { total, facets }] = await Promise.all([hits(plan, text, locationFirst), counting])
      return {
        total,
        facets,
        hits: rows.map((row) => ({
          subjectId: row.subject_id,
          kind: row.kind,
          name: row.name,
          organisationName: row.organisation_name,
          summary: row.summary,
          helpKind: row.help_kind,
          providerType: row.provider_type,
          provisionLevel: row.provision_level,
          minAge: row.min_age,
          maxAge: row.max_age,
          isFree: row.is_free === null ? null : row.is_free === 1,
          councilCodes: row.council_codes.trim().split(' ').filter(Boolean),
          lastReviewed: row.last_reviewed,
          lat: row.lat,
          lng: row.lng,
        })),
      }
    },
    async bare(plan) {
      const text = expression(plan)
      return (await hits(plan, text, await useLocationFirst(plan, text))).length
    },
  }
}

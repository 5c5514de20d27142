// Runs a planned search inside the store. Filters, counts and distance are portable SQL; only
// the text match and its ranking differ: FTS5 + bm25 on SQLite, tsvector + ts_rank on PostgreSQL.
import { sql, type RawBuilder, type Selectable } from 'kysely'
import type { Store, StoreKind } from '../db/connection.js'
import type { SearchDocumentsTable } from '../db/schema.js'
import { boundingBox } from '../geo/distance.js'
import { emptyFacets, FACET_VALUES, filterMasks, setFacetCount, type FacetGroup } from './facets.js'
import type { ParsedQuery } from './query.js'
import type { EngineQuery, Facets, SearchEngine, SearchFilters } from './types.js'

const KM_PER_DEGREE = 111.32

/** Keeps only letters and digits: the words reaching an engine can never be operators. */
function safeWord(word: string): string {
  return word.normalize('NFKC').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase()
}

function alternativesOf(query: ParsedQuery): Array<{ alternatives: string[][]; phrase: boolean }> {
  return query.terms
    .map((term) => ({
      phrase: term.phrase,
      alternatives: term.alternatives.map((words) => words.map(safeWord).filter(Boolean)).filter((words) => words.length > 0),
    }))
    .filter((term) => term.alternatives.length > 0)
}

/** FTS5 MATCH expression: every term, each any of its alternatives. */
export function fts5Expression(query: ParsedQuery): string {
  return alternativesOf(query)
    .map(({ alternatives, phrase }) => {
      const options = alternatives.map((words) =>
        phrase ? `"${words.join(' ')}"` : words.length === 1 ? `"${words[0]}"` : `(${words.map((word) => `"${word}"`).join(' AND ')})`,
      )
      return `(${options.join(' OR ')})`
    })
    .join(' AND ')
}

/** to_tsquery text: the same structure in PostgreSQL's syntax; with a weight, only words of that weight match. */
export function tsqueryExpression(query: ParsedQuery, weight?: 'A'): string {
  const label = weight ? `:${weight}` : ''
  return alternativesOf(query)
    .map(({ alternatives, phrase }) => {
      const options = alternatives.map((words) => {
        const labelled = words.map((word) => `${word}${label}`)
        return labelled.length === 1 ? labelled[0]! : `(${labelled.join(phrase ? ' <-> ' : ' & ')})`
      })
      return `(${options.join(' | ')})`
    })
    .join(' & ')
}

interface Dialect {
  /** FROM clause, joined to the text index when there is text. */
  from(text: string | undefined): RawBuilder<unknown>
  textCondition(text: string): RawBuilder<unknown>
  rank(text: string): RawBuilder<unknown>
  expression(query: ParsedQuery): string
  /** The same search split in two: matches in the name, then matches only elsewhere. */
  tiers(query: ParsedQuery): { inName: string; elsewhere: string }
}

const DIALECTS: Record<StoreKind, Dialect> = {
  sqlite: {
    from: (text) => (text ? sql`search_fts JOIN search_documents d ON d.doc_id = search_fts.rowid` : sql`search_documents d`),
    textCondition: (text) => sql`search_fts MATCH ${text}`,
    // Column weights: name 10, family words for the needs served 4, everything else 1.
    rank: () => sql`bm25(search_fts, 10.0, 4.0, 1.0)`,
    expression: fts5Expression,
    tiers(query) {
      const expression = fts5Expression(query)
      return { inName: `{name} : (${expression})`, elsewhere: `(${expression}) NOT ({name} : (${expression}))` }
    },
  },
  postgres: {
    from: () => sql`search_documents d`,
    textCondition: (text) => sql`d.tsv @@ to_tsquery('english', ${text})`,
    // Weights D, C (body), B (family words), A (name); negated so that ascending order is best first.
    rank: (text) => sql`-ts_rank('{0.05, 0.1, 0.4, 1.0}', d.tsv, to_tsquery('english', ${text}))`,
    expression: tsqueryExpression,
    tiers(query) {
      const inName = tsqueryExpression(query, 'A')
      return { inName, elsewhere: `(${tsqueryExpression(query)}) & !(${inName})` }
    },
  },
}

/** Each chosen filter group is one bit test: any of the chosen values' bits. */
function filterConditions(filters: SearchFilters, except?: keyof SearchFilters): RawBuilder<unknown>[] {
  return filterMasks(filters, except).map(({ mask }) => sql`(d.facet_mask & ${sql.lit(mask)}) <> 0`)
}

/** Squared distance in degrees of latitude, using an equirectangular projection: exact enough within 50 km. */
function squaredDistance(location: { lat: number; lng: number }): RawBuilder<number> {
  const cosLat = Math.cos((location.lat * Math.PI) / 180)
  return sql<number>`((d.lat - ${location.lat}) * (d.lat - ${location.lat}) + (d.lng - ${location.lng}) * ${cosLat} * (d.lng - ${location.lng}) * ${cosLat})`
}

function locationConditions(plan: EngineQuery): RawBuilder<unknown>[] {
  const radius = plan.location?.radiusKm
  if (!plan.location || radius === undefined) return []
  // The box lets the (lat, lng) index find candidates; the circle test then keeps the ones inside.
  const box = boundingBox(plan.location, radius)
  const degrees = radius / KM_PER_DEGREE
  return [
    sql`d.lat BETWEEN ${box.minLat} AND ${box.maxLat}`,
    sql`d.lng BETWEEN ${box.minLng} AND ${box.maxLng}`,
    sql`${squaredDistance(plan.location)} <= ${degrees * degrees}`,
  ]
}

function whereClause(conditions: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conditions.length > 0 ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``
}

/** What a page of results reads: the row without its internal id and mask. */
type HitRow = Omit<Selectable<SearchDocumentsTable>, 'doc_id' | 'facet_mask'>

export function createSearchEngine(store: Store): SearchEngine {
  const dialect = DIALECTS[store.kind]
  const { db } = store

  /**
   * How many matches have each filter value. The store groups the matches by facet mask (far
   * fewer groups than rows: one pass and a sort), then each value's count is summed from the groups.
   */
  async function counts(base: RawBuilder<unknown>[], text: string | undefined, groups: FacetGroup[] | 'all') {
    const facets = FACET_VALUES.filter((facet) => groups === 'all' || groups.includes(facet.group))
    const query = sql<{ mask: number; n: number }>`SELECT d.facet_mask AS mask, count(*) AS n
      FROM ${dialect.from(text)} ${whereClause(base)} GROUP BY d.facet_mask`
    const rows = (await query.execute(db)).rows
    const perFacet = facets.map(() => 0)
    let total = 0
    for (const row of rows) {
      const mask = Number(row.mask)
      const n = Number(row.n)
      total += n
      // Masks pass 2^32, beyond JavaScript's bitwise operators: test each bit arithmetically.
      facets.forEach((facet, index) => {
        if (Math.floor(mask / facet.bit) % 2 === 1) perFacet[index]! += n
      })
    }
    return { total, columns: facets.map((facet, index) => ({ facet, count: perFacet[index]! })) }
  }

  function baseConditions(plan: EngineQuery, text: string | undefined, except?: keyof SearchFilters) {
    return [...(text ? [dialect.textCondition(text)] : []), ...locationConditions(plan), ...filterConditions(plan.filters, except)]
  }

  /** A page of results: `text` chooses the matches, `rankText` orders them by relevance. */
  function hitsQuery(plan: EngineQuery, text: string | undefined, rankText: string | undefined, limit: number, offset: number) {
    // doc_id last: equal scores and names still come in one order, so pages never repeat or skip.
    const order =
      plan.sort === 'distance' && plan.location
        ? sql`CASE WHEN d.lat IS NULL THEN 1 ELSE 0 END, ${squaredDistance(plan.location)}, d.name, d.doc_id`
        : rankText
          ? sql`${dialect.rank(rankText)}, d.name, d.doc_id`
          : sql`d.name, d.doc_id`
    return sql<HitRow>`SELECT d.subject_id, d.kind, d.name, d.organisation_name, d.summary, d.help_kind, d.provider_type,
        d.provision_level, d.min_age, d.max_age, d.is_free, d.council_codes, d.last_reviewed, d.lat, d.lng
      FROM ${dialect.from(text)} ${whereClause(baseConditions(plan, text))}
      ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`
  }

  async function countMatches(plan: EngineQuery, text: string): Promise<number> {
    const result = await sql<{ n: number }>`SELECT count(*) AS n FROM ${dialect.from(text)} ${whereClause(baseConditions(plan, text))}`.execute(db)
    return Number(result.rows[0]?.n ?? 0)
  }

  /**
   * The page asked for. By relevance, every match in a name comes before any match found only
   * elsewhere (name over description), and each tier is ranked on its own: the first page of a
   * broad search then ranks only the name matches, not every match.
   */
  async function pageOfHits(plan: EngineQuery, text: string | undefined): Promise<HitRow[]> {
    if (!text || plan.sort !== 'relevance') return (await hitsQuery(plan, text, text, plan.limit, plan.offset).execute(db)).rows
    const { inName, elsewhere } = dialect.tiers(plan.query)
    const first = (await hitsQuery(plan, inName, text, plan.limit, plan.offset).execute(db)).rows
    if (first.length === plan.limit) return first
    const inNameTotal = first.length > 0 ? plan.offset + first.length : await countMatches(plan, inName)
    const rest = await hitsQuery(plan, elsewhere, text, plan.limit - first.length, Math.max(0, plan.offset - inNameTotal)).execute(db)
    return [...first, ...rest.rows]
  }

  return {
    async search(plan) {
      const expression = dialect.expression(plan.query)
      const text = expression || undefined
      const [rows, all, ...partials] = await Promise.all([
        pageOfHits(plan, text),
        counts(baseConditions(plan, text), text, 'all'),
        // A chosen filter's own counts ignore that filter, so its other values still show what they would add.
        ...filterMasks(plan.filters).map(({ filter, group }) => counts(baseConditions(plan, text, filter), text, [group])),
      ])
      const facets: Facets = emptyFacets()
      for (const { facet, count } of [...all.columns, ...partials.flatMap((partial) => partial.columns)]) setFacetCount(facets, facet, count)
      return {
        total: all.total,
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
      const expression = dialect.expression(plan.query)
      return (await pageOfHits(plan, expression || undefined)).length
    },
  }
}

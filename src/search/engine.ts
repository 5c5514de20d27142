// Runs a planned search. The matches and their scores come from posting lists kept in memory:
// PostgreSQL's made from its tsvectors (postings.ts), SQLite's read from FTS5 (postings-sqlite.ts),
// evaluated by the same code. The text index itself (FTS5, tsvector with GIN) answers only what
// the lists cannot: phrases of several words, and queries of very many words. Filters, radius,
// counts and the orders by distance or name run in memory over the doc values (tally.ts), the same
// code for both stores. Then the page's rows are read by id, or taken from those kept.
// docs/decisions/0006-search-counts-in-memory.md, 0007-postgres-posting-lists.md, 0012-sqlite-posting-lists.md
import { sql, type RawBuilder, type Selectable } from 'kysely'
import type { Store, StoreKind } from '../db/connection.js'
import type { SearchDocumentsTable } from '../db/schema.js'
import { createLru } from '../lru.js'
import { boundingBox, flatCentre, flatSquaredRadius } from '../geo/distance.js'
import { createDocValuesCache, idList, parseIdList, type DocValues } from './doc-values.js'
import { placesGridOf } from './places-grid.js'
import { filterMasks } from './facets.js'
import { createPostingsReader, createTsqueryNormaliser, evaluate, lexemesOf, MAX_LEXEMES, parseTsquery, scoreOrder, type LexemeTree, type Matches, type Postings } from './postings.js'
import { createWordPostingsReader } from './postings-sqlite.js'
import type { ParsedQuery } from './query.js'
import { distanceOrder, firstInOrder, nameOrder, tally, type Tally } from './tally.js'
import type { EngineQuery, SearchEngine, SearchFilters } from './types.js'

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

/** A term's alternatives as a tree of words, ANDs and ORs, rendered by each store's syntax. */
export type WordTree = { word: string } | { all: WordTree[] } | { any: WordTree[] }

function all(nodes: WordTree[]): WordTree {
  const flat = nodes.flatMap((node) => ('all' in node ? node.all : [node]))
  return flat.length === 1 ? flat[0]! : { all: flat }
}

function any(nodes: WordTree[]): WordTree {
  const flat = nodes.flatMap((node) => ('any' in node ? node.any : [node]))
  return flat.length === 1 ? flat[0]! : { any: flat }
}

/**
 * Alternatives that each need all their words (an OR of ANDs), simplified without changing what
 * matches: repeated groups, and groups holding all the words of another, go ((a∧b)∨(a∧b∧c) = a∧b);
 * then the word most groups share is taken out once ((a∧b)∨(a∧c) = a∧(b∨c)), so the text index
 * walks that word's long list of documents once instead of once per group.
 */
export function factorAlternatives(groups: string[][]): WordTree {
  const sets = groups.map((group) => [...new Set(group)]).filter((group) => group.length > 0)
  const kept = sets.filter(
    (group, index) =>
      !sets.some((other, otherIndex) => otherIndex !== index && other.every((word) => group.includes(word)) && (other.length < group.length || otherIndex < index)),
  )
  const shared = new Map<string, number>()
  for (const group of kept) if (group.length > 1) for (const word of group) shared.set(word, (shared.get(word) ?? 0) + 1)
  let best: string | undefined
  for (const [word, count] of shared) if (count >= 2 && (best === undefined || count > shared.get(best)!)) best = word
  if (best === undefined) return any(kept.map((group) => all(group.map((word) => ({ word })))))
  const pivot = best
  const withPivot = kept.filter((group) => group.includes(pivot)).map((group) => group.filter((word) => word !== pivot))
  const without = kept.filter((group) => !group.includes(pivot))
  return any([all([{ word: pivot }, factorAlternatives(withPivot)]), ...(without.length > 0 ? [factorAlternatives(without)] : [])])
}

/** How a store's query language writes words, phrases, AND and OR. */
interface QuerySyntax {
  word(word: string): string
  phrase(words: string[]): string
  and: string
  or: string
}

function renderTree(tree: WordTree, syntax: QuerySyntax): string {
  if ('word' in tree) return syntax.word(tree.word)
  return 'all' in tree ? `(${tree.all.map((node) => renderTree(node, syntax)).join(syntax.and)})` : `(${tree.any.map((node) => renderTree(node, syntax)).join(syntax.or)})`
}

/** Every term, each any of its alternatives; a quoted term's alternatives are phrases. */
function renderQuery(query: ParsedQuery, syntax: QuerySyntax): string {
  return alternativesOf(query)
    .map(({ alternatives, phrase }) =>
      phrase ? `(${alternatives.map((words) => syntax.phrase(words)).join(syntax.or)})` : renderTree(factorAlternatives(alternatives), syntax),
    )
    .join(syntax.and)
}

const FTS5_SYNTAX: QuerySyntax = { word: (word) => `"${word}"`, phrase: (words) => `"${words.join(' ')}"`, and: ' AND ', or: ' OR ' }
const TSQUERY_SYNTAX: QuerySyntax = { word: (word) => word, phrase: (words) => (words.length === 1 ? words[0]! : `(${words.join(' <-> ')})`), and: ' & ', or: ' | ' }

function lexemeTree(tree: WordTree): LexemeTree {
  if ('word' in tree) return { lexeme: tree.word }
  return 'all' in tree ? { op: 'and', children: tree.all.map(lexemeTree) } : { op: 'or', children: tree.any.map(lexemeTree) }
}

/**
 * The query as a tree of words for SQLite's posting lists, the same tree the FTS5 expression
 * writes; undefined when it has a phrase of several words, which needs FTS5's positions.
 */
export function wordTreeOf(query: ParsedQuery): LexemeTree | undefined {
  const terms = alternativesOf(query)
  if (terms.length === 0 || terms.some(({ phrase, alternatives }) => phrase && alternatives.some((words) => words.length > 1))) return undefined
  const trees = terms.map(({ alternatives }) => lexemeTree(factorAlternatives(alternatives)))
  return trees.length === 1 ? trees[0]! : { op: 'and', children: trees }
}

/** FTS5 MATCH expression. */
export const fts5Expression = (query: ParsedQuery): string => renderQuery(query, FTS5_SYNTAX)

/** to_tsquery text: the same structure in PostgreSQL's syntax. */
export const tsqueryExpression = (query: ParsedQuery): string => renderQuery(query, TSQUERY_SYNTAX)

/** Which text matches: all of them, those in the name, or those found only elsewhere. */
type Tier = 'all' | 'name' | 'rest'

interface Dialect {
  expression(query: ParsedQuery): string
  /**
   * Where a tier's matches are read on their own, and their doc_id there: on SQLite the text index
   * itself (rowid is the doc_id), so that listing and ranking matches read no document row.
   */
  textSource(tier: Tier): { from: RawBuilder<unknown>; id: RawBuilder<unknown> }
  /** FROM clause of the bare page: the documents, joined to the tier's text index when there is text. */
  from(expression: string | undefined, tier: Tier): RawBuilder<unknown>
  tierCondition(expression: string, tier: Tier): RawBuilder<unknown>
  /** Ascending: best first. Names are ranked by the name alone, the rest by every field, weighted. */
  rank(expression: string, tier: Tier): RawBuilder<unknown>
  /** Conditions that let the store's planner narrow a radius search's text matches; the circle test follows in memory. */
  narrowing(plan: EngineQuery): RawBuilder<unknown>[]
}

// SQLite: search_names holds the names alone, search_fts every field. Column weights in search_fts:
// name 10, family words for the needs served 4, everything else 1.
const sqliteTable = (tier: Tier) => (tier === 'name' ? sql`search_names` : sql`search_fts`)
const fts5Tier = (expression: string, tier: Tier) => (tier === 'rest' ? `(${expression}) NOT ({name} : (${expression}))` : expression)

// PostgreSQL: name_tsv holds the name alone; tsv every field with weights D, C (body), B (family
// words), A (name). Negated so that ascending order is best first.
function postgresCondition(expression: string, tier: Tier): RawBuilder<unknown> {
  const all = sql`d.tsv @@ to_tsquery('english', ${expression})`
  const inName = sql`d.name_tsv @@ to_tsquery('english', ${expression})`
  if (tier === 'name') return inName
  return tier === 'rest' ? sql`${all} AND NOT ${inName}` : all
}

const DIALECTS: Record<StoreKind, Dialect> = {
  sqlite: {
    expression: fts5Expression,
    textSource: (tier) => ({ from: sqliteTable(tier), id: sql`${sqliteTable(tier)}.rowid` }),
    from(expression, tier) {
      const { from, id } = this.textSource(tier)
      return expression ? sql`${from} JOIN search_documents d ON d.doc_id = ${id}` : sql`search_documents d`
    },
    tierCondition: (expression, tier) => sql`${sqliteTable(tier)} MATCH ${fts5Tier(expression, tier)}`,
    rank: (_expression, tier) => (tier === 'name' ? sql`bm25(search_names)` : sql`bm25(search_fts, 10.0, 4.0, 1.0)`),
    // FTS5 lists text matches without reading rows, and cannot take a list of ids to check.
    narrowing: () => [],
  },
  postgres: {
    expression: tsqueryExpression,
    textSource: () => ({ from: sql`search_documents d`, id: sql`d.doc_id` }),
    from: () => sql`search_documents d`,
    tierCondition: postgresCondition,
    rank: (expression, tier) =>
      tier === 'name'
        ? sql`-ts_rank(d.name_tsv, to_tsquery('english', ${expression}))`
        : sql`-ts_rank('{0.05, 0.1, 0.4, 1.0}', d.tsv, to_tsquery('english', ${expression}))`,
    // Listing matches visits each one's row: the box lets the planner start from the (lat, lng) index.
    narrowing: boxConditions,
  },
}

/** Each chosen filter group is one bit test: any of the chosen values' bits. */
function filterConditions(filters: SearchFilters): RawBuilder<unknown>[] {
  return filterMasks(filters).map(({ mask }) => sql`(d.facet_mask & ${sql.lit(mask)}) <> 0`)
}

/** geo/distance.ts's flatSquaredDistance, in SQL. */
function squaredDistance(location: { lat: number; lng: number }): RawBuilder<number> {
  const { lat, lng, cosLat } = flatCentre(location)
  return sql<number>`((d.lat - ${lat}) * (d.lat - ${lat}) + (d.lng - ${lng}) * ${cosLat} * (d.lng - ${lng}) * ${cosLat})`
}

/** The radius's bounding box: what an index on (lat, lng) can find. */
function boxConditions(plan: EngineQuery): RawBuilder<unknown>[] {
  const radius = plan.location?.radiusKm
  if (!plan.location || radius === undefined) return []
  const box = boundingBox(plan.location, radius)
  return [sql`d.lat BETWEEN ${box.minLat} AND ${box.maxLat}`, sql`d.lng BETWEEN ${box.minLng} AND ${box.maxLng}`]
}

/** A radius search's candidates: the records placed in or near its bounding box. */
function nearPlace(plan: EngineQuery, values: DocValues): Int32Array | undefined {
  const radius = plan.location?.radiusKm
  if (!plan.location || radius === undefined) return undefined
  return placesGridOf(values).near(boundingBox(plan.location, radius))
}

/** The box, then the exact circle. */
function locationConditions(plan: EngineQuery): RawBuilder<unknown>[] {
  const radius = plan.location?.radiusKm
  if (!plan.location || radius === undefined) return []
  return [...boxConditions(plan), sql`${squaredDistance(plan.location)} <= ${flatSquaredRadius(radius)}`]
}

function whereClause(conditions: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conditions.length > 0 ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``
}

/** How many rows of recent result pages an engine keeps. */
const KEPT_ROWS = 5000

/** What a page of results reads: the row without its mask. */
type HitRow = Omit<Selectable<SearchDocumentsTable>, 'facet_mask'>

const HIT_COLUMNS = sql`d.doc_id, d.subject_id, d.kind, d.name, d.organisation_name, d.summary, d.help_kind, d.provider_type,
  d.provision_level, d.min_age, d.max_age, d.is_free, d.council_codes, d.last_reviewed, d.lat, d.lng`

export function createSearchEngine(store: Store): SearchEngine {
  const dialect = DIALECTS[store.kind]
  const { db } = store
  const docValues = createDocValuesCache(store)
  const postings = store.kind === 'postgres' ? createPostingsReader(db) : undefined
  const normalised = postings ? createTsqueryNormaliser(db) : undefined
  const words = store.kind === 'sqlite' ? createWordPostingsReader(db) : undefined

  /**
   * The query as the posting lists kept in memory answer it: a tree of PostgreSQL's lexemes or of
   * SQLite's words; undefined when it needs what the lists do not hold (a phrase, or too many
   * words), and the text index answers instead.
   */
  async function listedTree(query: ParsedQuery, expression: string): Promise<LexemeTree | undefined> {
    const tree = normalised ? parseTsquery(await normalised(expression)) : wordTreeOf(query)
    return tree && lexemesOf(tree).length <= MAX_LEXEMES ? tree : undefined
  }

  /**
   * The doc values, and the lists of the tree's lexemes, at one index version. On PostgreSQL the
   * lists' statement reads the version too, which saves the doc values a statement of their own.
   */
  async function valuesAndLists(tree: LexemeTree | undefined): Promise<{ values: DocValues; lists?: Map<string, Postings> }> {
    if (!tree) return { values: await docValues.current() }
    if (postings) {
      const { lists, version } = await postings.read(lexemesOf(tree))
      return { values: await docValues.at(version), lists }
    }
    const values = await docValues.current()
    return { values, lists: await words!.read(lexemesOf(tree), values) }
  }

  /** Every match's doc_id, as one comma-joined string from the store. */
  async function matchIds(expression: string, plan: EngineQuery): Promise<Int32Array> {
    const { from, id } = dialect.textSource('all')
    const conditions = [dialect.tierCondition(expression, 'all'), ...dialect.narrowing(plan)]
    const result = await sql<{ ids: string | null }>`SELECT ${idList(store.kind, id)} AS ids FROM ${from} ${whereClause(conditions)}`.execute(db)
    return parseIdList(result.rows[0]?.ids)
  }

  /** A tier's matches, best first (doc_id among equals), at most `limit`. */
  async function rankedIds(expression: string, tier: Tier, limit: number): Promise<number[]> {
    const { from, id } = dialect.textSource(tier)
    const result = await sql<{ id: number }>`SELECT ${id} AS id FROM ${from} WHERE ${dialect.tierCondition(expression, tier)}
      ORDER BY ${dialect.rank(expression, tier)}, ${id} LIMIT ${limit}`.execute(db)
    return result.rows.map((row) => Number(row.id))
  }

  /**
   * A tier's matches that passed the filters, best first, at most `wanted`. The store ranks a
   * few more than are wanted, as many as the filters' selectivity suggests, and ranks again with
   * four times as many while the tier has more and too few passed.
   */
  async function rankedSelected(expression: string, tier: Tier, wanted: number, isSelected: Uint8Array, selectivity: number) {
    let limit = selectivity >= 1 ? wanted : Math.ceil(wanted / Math.max(selectivity, 1e-6)) * 2 + 20
    for (;;) {
      const ranked = await rankedIds(expression, tier, limit)
      const passed = ranked.filter((id) => isSelected[id] === 1)
      if (passed.length >= wanted || ranked.length < limit) return passed.slice(0, wanted)
      limit *= 4
    }
  }

  /**
   * The page's doc_ids. By relevance, every match in a name comes before any match found only
   * elsewhere (name over description), and each tier is ranked on its own. Distance and name
   * orders come from the doc values.
   */
  async function pageIds(plan: EngineQuery, expression: string | undefined, counted: Tally, matched: number, values: DocValues, listed?: Matches): Promise<number[]> {
    const wanted = plan.offset + plan.limit
    if (counted.total <= plan.offset) return []
    if (plan.sort === 'distance' && plan.location) return firstInOrder(counted.selected, wanted, distanceOrder(values, plan.location)).slice(plan.offset)
    if (!expression) return firstInOrder(counted.selected, wanted, nameOrder(values)).slice(plan.offset)
    if (listed) return firstInOrder(counted.selected, wanted, scoreOrder(listed, values.size)).slice(plan.offset)
    const selectivity = counted.total / Math.max(matched, 1)
    const page: number[] = []
    let skip = plan.offset
    for (const tier of ['name', 'rest'] as const) {
      const room = plan.limit - page.length
      if (room === 0) break
      const passed = await rankedSelected(expression, tier, skip + room, counted.isSelected, selectivity)
      page.push(...passed.slice(skip, skip + room))
      skip = Math.max(0, skip - passed.length)
    }
    return page
  }

  // A row never changes under its doc_id (the indexer writes a changed record under a new one), so
  // the rows of recent pages are kept, and a page asked for again reads none.
  const keptRows = createLru<number, HitRow>(KEPT_ROWS)

  async function rowsInOrder(ids: number[]): Promise<HitRow[]> {
    const missing = ids.filter((id) => keptRows.get(id) === undefined)
    if (missing.length > 0) {
      const rows = (await sql<HitRow>`SELECT ${HIT_COLUMNS} FROM search_documents d WHERE d.doc_id IN (${sql.join(missing)})`.execute(db)).rows
      for (const row of rows) keptRows.set(Number(row.doc_id), row)
    }
    return ids.map((id) => keptRows.get(id)).filter((row): row is HitRow => row !== undefined)
  }

  /** The benchmark's floor: the same page from the store alone, filters and radius tested in SQL, no counts. */
  async function barePage(plan: EngineQuery, expression: string | undefined): Promise<HitRow[]> {
    const conditions = (tier: Tier) => [...(expression ? [dialect.tierCondition(expression, tier)] : []), ...locationConditions(plan), ...filterConditions(plan.filters)]
    const query = (tier: Tier, order: RawBuilder<unknown>, limit: number, offset: number) =>
      sql<HitRow>`SELECT ${HIT_COLUMNS} FROM ${dialect.from(expression, tier)} ${whereClause(conditions(tier))} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`.execute(db)
    if (plan.sort === 'distance' && plan.location) {
      return (await query('all', sql`CASE WHEN d.lat IS NULL THEN 1 ELSE 0 END, ${squaredDistance(plan.location)}, d.name, d.doc_id`, plan.limit, plan.offset)).rows
    }
    if (!expression) return (await query('all', sql`d.name, d.doc_id`, plan.limit, plan.offset)).rows
    const first = (await query('name', sql`${dialect.rank(expression, 'name')}, d.doc_id`, plan.limit, plan.offset)).rows
    if (first.length === plan.limit) return first
    const inName = first.length > 0 ? plan.offset + first.length : Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${dialect.from(expression, 'name')} ${whereClause(conditions('name'))}`.execute(db)).rows[0]?.n ?? 0)
    const rest = await query('rest', sql`${dialect.rank(expression, 'rest')}, d.doc_id`, plan.limit - first.length, Math.max(0, plan.offset - inName))
    return [...first, ...rest.rows]
  }

  return {
    async search(plan) {
      const expression = dialect.expression(plan.query) || undefined
      const tree = expression ? await listedTree(plan.query, expression) : undefined
      const { values, lists } = await valuesAndLists(tree)
      const area = nearPlace(plan, values)
      const listed = tree && lists ? evaluate(tree, lists, values.size, area) : undefined
      const matched = listed ? listed.ids : expression ? await matchIds(expression, plan) : (area ?? null)
      const counted = tally(values, matched, plan)
      const rows = await rowsInOrder(await pageIds(plan, expression, counted, matched?.length ?? values.liveIds.length, values, listed))
      return {
        total: counted.total,
        facets: counted.facets,
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
      return (await barePage(plan, dialect.expression(plan.query) || undefined)).length
    },
  }
}

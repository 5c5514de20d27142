// Posting lists: a search's text matches read as a few lists of doc_ids rather than by testing
// every row's tsvector (docs/decisions/0007-postgres-posting-lists.md). This file holds
// PostgreSQL's lists, and what both stores' lists share: keeping them in memory, and evaluating a
// query over them (SQLite's lists are read in postings-sqlite.ts, docs/decisions/0012).
//
// The lists are made by PostgreSQL itself from each document's tsvector (unnest), so words, stems
// and stop words are exactly those of `tsv @@ to_tsquery('english', ...)`. Two tables:
// - search_postings: one row per lexeme, its doc_ids (ascending, 4 bytes each) and one score per
//   doc_id (2 bytes), built in one pass by compactPostings();
// - search_postings_recent: a row per (lexeme, doc_id) written since, by the indexer, in the same
//   transaction as the document.
// Each app instance keeps the compacted lists it has read in memory until the next compaction
// (search_index_state.postings_generation); the recent entries are read on every search.
// Entries of documents since replaced stay until the next compaction; the in-memory doc values
// know which doc_ids are live, and only those are counted.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { createLru, type Lru } from '../lru.js'

/** The flag in a posting's score that says the lexeme is in the name (weight A): the first tier. */
export const IN_NAME = 0x4000

// A lexeme's score in one document: the best field it is in (name 10, family words 4, the rest 1,
// as the SQLite column weights), times how often it occurs there, up to 4 times; plus IN_NAME.
const SCORE = sql<number>`(CASE WHEN 'A' = ANY(u.weights) THEN 10 WHEN 'B' = ANY(u.weights) THEN 4 ELSE 1 END)
  * LEAST(COALESCE(array_length(u.positions, 1), 1), 4)
  + CASE WHEN 'A' = ANY(u.weights) THEN ${sql.lit(IN_NAME)} ELSE 0 END`

/** When the recent entries pass this many rows, indexSubjects() compacts them into the lists. */
export const RECENT_LIMIT = 200_000

/** The recent entries of the given documents, just written. */
export async function addRecentPostings(db: Kysely<Database>, docIds: number[]): Promise<void> {
  if (docIds.length === 0) return
  await sql`INSERT INTO search_postings_recent (lexeme, doc_id, score)
    SELECT u.lexeme, d.doc_id, ${SCORE} FROM search_documents d, unnest(d.tsv) u
    WHERE d.doc_id IN (${sql.join(docIds)})`.execute(db)
}

export async function recentPostingCount(db: Kysely<Database>): Promise<number> {
  const row = await sql<{ n: number }>`SELECT count(*) AS n FROM search_postings_recent`.execute(db)
  return Number(row.rows[0]?.n ?? 0)
}

/** Every list made anew from the live documents, the recent entries emptied: inside a transaction. */
export async function buildPostings(db: Kysely<Database>): Promise<void> {
  await sql`DELETE FROM search_postings`.execute(db)
  await sql`INSERT INTO search_postings (lexeme, doc_ids, scores)
    SELECT lexeme, string_agg(int4send(doc_id), ''::bytea ORDER BY doc_id), string_agg(int2send(score::smallint), ''::bytea ORDER BY doc_id)
    FROM (SELECT u.lexeme, d.doc_id, ${SCORE} AS score FROM search_documents d, unnest(d.tsv) u) entries
    GROUP BY lexeme`.execute(db)
  await sql`DELETE FROM search_postings_recent`.execute(db)
  await sql`UPDATE search_index_state SET postings_generation = postings_generation + 1 WHERE id = 1`.execute(db)
}

/**
 * buildPostings() in a transaction of its own. Writers of the index wait for it (the lock), so no
 * recent entry is emptied unseen; searches go on reading the lists as they were until it commits.
 */
export async function compactPostings(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`LOCK TABLE search_postings_recent IN EXCLUSIVE MODE`.execute(trx)
    // Every entry of every document is sorted by lexeme: with the default 4 MB that spills to disk.
    await sql`SET LOCAL work_mem = '256MB'`.execute(trx)
    await buildPostings(trx)
  })
}

// ---- reading -------------------------------------------------------------------------------------

/** A list of doc_ids, ascending, with a score for each. */
export interface Postings {
  ids: Int32Array
  scores: Uint16Array
}

/** Big-endian 4-byte or 2-byte numbers, as int4send and int2send write them. */
function decode(ids: Buffer, scores: Buffer): Postings {
  const count = ids.length >> 2
  const result = { ids: new Int32Array(count), scores: new Uint16Array(count) }
  for (let index = 0; index < count; index++) {
    result.ids[index] = ids.readInt32BE(index << 2)
    result.scores[index] = scores.readUInt16BE(index << 1)
  }
  return result
}

export interface PostingsReader {
  /**
   * Each lexeme's postings: its compacted list (kept in memory) and its recent entries, merged;
   * and the index version they were read at (search_index_state.version), so the doc values can be
   * taken at the same version without a statement of their own.
   */
  read(lexemes: string[]): Promise<{ lists: Map<string, Postings>; version: number }>
}

/** How many bytes of decoded lists an instance keeps; the least recently used go first. */
const KEPT_BYTES = 96 * 1024 * 1024

const bytesOf = (postings: Postings) => postings.ids.byteLength + postings.scores.byteLength

/** Lists kept in memory by key, up to KEPT_BYTES in all; the least recently used go first. */
export function createKeptLists<T extends { postings: Postings }>(): Lru<string, T> {
  return createLru<string, T>(KEPT_BYTES, (entry) => bytesOf(entry.postings))
}

/**
 * The compacted lists change only when compactPostings() runs, which bumps postings_generation; so
 * each app instance keeps the lists it has read, as it keeps the doc values, and reads from the
 * store only the recent entries (few) and the generation, in one statement, on every search.
 */
export function createPostingsReader(db: Kysely<Database>): PostingsReader {
  let generation: number | undefined
  const kept = createKeptLists<{ postings: Postings }>()

  return {
    async read(lexemes) {
      const found = new Map<string, Postings>()
      // The generation comes with the recent entries (one snapshot): if a compaction moved entries
      // from recent into the lists since the lists were kept, the generation says so.
      const recent = await sql<{ lexeme: string | null; generation: string | null; version: string | null; doc_ids: Buffer | null; scores: Buffer | null }>`
        SELECT NULL AS lexeme, postings_generation::text AS generation, version::text AS version, NULL AS doc_ids, NULL AS scores FROM search_index_state WHERE id = 1
        UNION ALL
        SELECT lexeme, NULL, NULL, string_agg(int4send(doc_id), ''::bytea ORDER BY doc_id), string_agg(int2send(score), ''::bytea ORDER BY doc_id)
        FROM search_postings_recent WHERE lexeme = ANY(${lexemes}) GROUP BY lexeme`.execute(db)
      const state = recent.rows.find((row) => row.generation !== null)
      const current = Number(state?.generation ?? 0)
      const version = Number(state?.version ?? 0)
      if (current !== generation) {
        kept.clear()
        generation = current
      }
      for (const lexeme of lexemes) {
        const entry = kept.get(lexeme)
        if (entry) found.set(lexeme, entry.postings)
      }
      const missing = lexemes.filter((lexeme) => !found.has(lexeme))
      if (missing.length > 0) {
        const rows = await sql<{ lexeme: string; doc_ids: Buffer; scores: Buffer }>`
          SELECT lexeme, doc_ids, scores FROM search_postings WHERE lexeme = ANY(${missing})`.execute(db)
        const byLexeme = new Map(rows.rows.map((row) => [row.lexeme, decode(row.doc_ids, row.scores)]))
        for (const lexeme of missing) {
          // A lexeme with no list is kept too, as empty, so it is not asked for again.
          const list = byLexeme.get(lexeme) ?? { ids: new Int32Array(0), scores: new Uint16Array(0) }
          found.set(lexeme, list)
          kept.set(lexeme, { postings: list })
        }
      }
      for (const row of recent.rows) {
        if (row.lexeme === null || !row.doc_ids || !row.scores) continue
        const list = found.get(row.lexeme)
        const entries = decode(row.doc_ids, row.scores)
        found.set(row.lexeme, list && list.ids.length > 0 ? combine(list, entries) : entries)
      }
      return { lists: found, version }
    },
  }
}

// ---- the query, over the lists -------------------------------------------------------------------

/** A tsquery of lexemes joined by & and |: what to_tsquery makes of the engine's expressions. */
export type LexemeTree = { lexeme: string } | { op: 'and' | 'or'; children: LexemeTree[] }

/**
 * PostgreSQL's own text of a tsquery ('autism' | 'asd' & 'support'), as a tree; undefined when it
 * uses anything the lists cannot answer exactly (phrases need positions; negation; prefixes; weights).
 */
export function parseTsquery(text: string): LexemeTree | undefined {
  const tokens = text.match(/'(?:[^']|'')*'|[&|()]|\S+/g) ?? []
  let at = 0
  const fail = new Error('not a tsquery of lexemes, & and |')
  function primary(): LexemeTree {
    const token = tokens[at++]
    if (token === '(') {
      const inner = either()
      if (tokens[at++] !== ')') throw fail
      return inner
    }
    if (token?.startsWith("'") && token.endsWith("'") && token.length >= 2) return { lexeme: token.slice(1, -1).replace(/''/g, "'") }
    throw fail
  }
  /** Operands joined by one operator: & binds tighter than |. */
  function joined(op: 'and' | 'or', symbol: string, operand: () => LexemeTree): LexemeTree {
    const children = [operand()]
    while (tokens[at] === symbol) {
      at++
      children.push(operand())
    }
    return children.length === 1 ? children[0]! : { op, children }
  }
  const both = () => joined('and', '&', primary)
  const either = (): LexemeTree => joined('or', '|', both)
  try {
    if (tokens.length === 0) return undefined
    const tree = either()
    return at === tokens.length ? tree : undefined
  } catch (error) {
    if (error === fail) return undefined
    throw error
  }
}

export function lexemesOf(tree: LexemeTree): string[] {
  return 'lexeme' in tree ? [tree.lexeme] : [...new Set(tree.children.flatMap(lexemesOf))]
}

/**
 * In a match's score: the query holds over the name's lexemes alone (as name_tsv @@ query would).
 * Above any sum of scores (at most 40 a lexeme), and below 2^30 so scores stay small integers in V8.
 */
export const MATCH_IN_NAME = 1 << 20

/** Matches in doc_id order, each with the sum of its matched lexemes' scores, plus MATCH_IN_NAME. */
export interface Matches {
  ids: Int32Array
  scores: Uint32Array
}

/** The most lexemes a query may have for the lists to answer it: one bit each, 2^20 sets of them. */
export const MAX_LEXEMES = 20

/**
 * Work arrays of evaluate(), indexed by doc_id and kept between calls: a search at national scale
 * would otherwise allocate (and the collector free) megabytes each time. evaluate() runs without
 * awaiting, so no two calls share them at once; each call clears what it used before returning.
 */
let scratch = newScratch(0)

function newScratch(length: number) {
  return {
    present: new Uint32Array(length),
    named: new Uint32Array(length),
    summed: new Uint32Array(length),
    /** Documents that may match: those in the area, or in the drivers' lists. */
    flagged: new Uint8Array(length),
    /** The matches as they are found; copied out at the end. */
    ids: new Int32Array(length),
    scores: new Uint32Array(length),
  }
}

function scratchFor(size: number): typeof scratch {
  if (scratch.present.length < size) scratch = newScratch(Math.max(size, Math.ceil(scratch.present.length * 1.25)))
  return scratch
}

/**
 * Evaluates the tree over the lists. One pass over each lexeme's list marks, per doc_id, which of
 * the query's lexemes it has (a bit each), which of them are in its name, and adds up their scores;
 * then the tree is tested once per distinct set of lexemes, not once per document. Doc_ids from
 * `size` up were written after the caller's doc values and are not counted yet anyway.
 * A match's score is the sum of the scores of every query lexeme it has, plus MATCH_IN_NAME when
 * the tree holds over its name's lexemes alone.
 * `area`, when given (ascending doc_ids: those near a searched place), limits the matches to those.
 */
export function evaluate(tree: LexemeTree, postings: Map<string, Postings>, size: number, area?: Int32Array): Matches {
  const lexemes = lexemesOf(tree)
  if (lexemes.length > MAX_LEXEMES) throw new Error(`A query of more than ${MAX_LEXEMES} lexemes cannot be evaluated over the lists`)
  const work = scratchFor(size)
  const lengthOf = (lexeme: string) => postings.get(lexeme)?.ids.length ?? 0
  // Only documents that can match are marked: those in the area, or else those in the drivers'
  // lists, when these are under a quarter of all the lists (rare words ANDed with common ones);
  // above that, skipping unflagged entries costs more than marking them.
  const drivers = area ? undefined : driversOf(tree, lengthOf)
  const narrowed = drivers && drivers.length * 4 < lexemes.reduce((sum, lexeme) => sum + lengthOf(lexeme), 0) ? drivers.lexemes : undefined
  if (area) for (let index = 0; index < area.length; index++) if (area[index]! < size) work.flagged[area[index]!] = 1
  for (const lexeme of narrowed ?? []) flag(postings.get(lexeme), size, work.flagged, 1)
  let lowest = size
  let highest = -1
  lexemes.forEach((lexeme, index) => {
    const list = postings.get(lexeme)
    if (!list || list.ids.length === 0) return
    const marked = area || narrowed ? markFlagged(list, 1 << index, size, work) : mark(list, 1 << index, size, work)
    lowest = Math.min(lowest, list.ids[0]!)
    highest = Math.max(highest, marked)
  })
  const bits = new Map(lexemes.map((lexeme, index) => [lexeme, 1 << index]))
  // Per set of lexemes: 0 not tested yet, 1 the tree fails, 2 it holds.
  const verdicts = new Uint8Array(1 << lexemes.length)
  const verdict: Verdict = (mask) => verdicts[mask] || (verdicts[mask] = holds(tree, mask, bits) ? 2 : 1)
  if (area) return collectInArea(area, size, verdict, work)
  const matches = collectRange(lowest, highest, verdict, work)
  for (const lexeme of narrowed ?? []) flag(postings.get(lexeme), size, work.flagged, 0)
  return matches
}

/**
 * Lexemes whose lists hold every match between them, and their total length: all of an OR's
 * children's drivers, and of an AND's children only the one with the shortest (a match has it anyway).
 */
export function driversOf(tree: LexemeTree, lengthOf: (lexeme: string) => number): { lexemes: string[]; length: number } {
  if ('lexeme' in tree) return { lexemes: [tree.lexeme], length: lengthOf(tree.lexeme) }
  const children = tree.children.map((child) => driversOf(child, lengthOf))
  if (tree.op === 'and') return children.reduce((best, child) => (child.length < best.length ? child : best))
  const lexemes = [...new Set(children.flatMap((child) => child.lexemes))]
  return { lexemes, length: lexemes.reduce((sum, lexeme) => sum + lengthOf(lexeme), 0) }
}

/** Sets (1) or clears (0) the flag of every document in a list. */
function flag(list: Postings | undefined, size: number, flags: Uint8Array, value: 0 | 1): void {
  if (!list) return
  const { ids } = list
  for (let at = 0; at < ids.length; at++) {
    const id = ids[at]!
    if (id >= size) break
    flags[id] = value
  }
}

/** Whether the tree holds for a set of lexemes (bits): 2 it does, 1 it does not. */
type Verdict = (mask: number) => number

/** The marked documents from `lowest` to `highest` that the tree holds for; the marks cleared. */
function collectRange(lowest: number, highest: number, verdict: Verdict, { present, named, summed, ids, scores }: typeof scratch): Matches {
  let count = 0
  for (let id = lowest; id <= highest; id++) {
    const mask = present[id]!
    if (mask === 0) continue
    if (verdict(mask) === 2) {
      ids[count] = id
      scores[count++] = summed[id]! | (verdict(named[id]!) === 2 ? MATCH_IN_NAME : 0)
    }
    present[id] = 0
    named[id] = 0
    summed[id] = 0
  }
  return { ids: ids.slice(0, count), scores: scores.slice(0, count) }
}

/**
 * collectRange(), over the area's documents; their area marks cleared too. The two loops are
 * written out apart on purpose: with the shared body in a function of its own, evaluate() was
 * about 15% slower for "autism" at national scale (a one-off probe, three runs each).
 */
function collectInArea(area: Int32Array, size: number, verdict: Verdict, { present, named, summed, flagged, ids, scores }: typeof scratch): Matches {
  let count = 0
  for (let index = 0; index < area.length; index++) {
    const id = area[index]!
    if (id >= size) continue
    flagged[id] = 0
    const mask = present[id]!
    if (mask === 0) continue
    if (verdict(mask) === 2) {
      ids[count] = id
      scores[count++] = summed[id]! | (verdict(named[id]!) === 2 ? MATCH_IN_NAME : 0)
    }
    present[id] = 0
    named[id] = 0
    summed[id] = 0
  }
  return { ids: ids.slice(0, count), scores: scores.slice(0, count) }
}

/** One lexeme's bit and score on each of its documents; returns the highest doc_id marked. */
function mark({ ids, scores }: Postings, bit: number, size: number, { present, named, summed }: typeof scratch): number {
  let at = 0
  for (; at < ids.length; at++) {
    const id = ids[at]!
    if (id >= size) break // ascending
    const score = scores[at]!
    present[id] = present[id]! | bit
    summed[id] = summed[id]! + (score & ~IN_NAME)
    if (score & IN_NAME) named[id] = named[id]! | bit
  }
  return at > 0 ? ids[at - 1]! : -1
}

/** mark(), for the flagged documents only (those in the area, or in the drivers' lists). */
function markFlagged({ ids, scores }: Postings, bit: number, size: number, { present, named, summed, flagged }: typeof scratch): number {
  let highest = -1
  for (let at = 0; at < ids.length; at++) {
    const id = ids[at]!
    if (id >= size) break
    if (flagged[id] === 0) continue
    const score = scores[at]!
    present[id] = present[id]! | bit
    summed[id] = summed[id]! + (score & ~IN_NAME)
    if (score & IN_NAME) named[id] = named[id]! | bit
    highest = id
  }
  return highest
}

function holds(tree: LexemeTree, mask: number, bits: Map<string, number>): boolean {
  if ('lexeme' in tree) return (mask & bits.get(tree.lexeme)!) !== 0
  return tree.op === 'and' ? tree.children.every((child) => holds(child, mask, bits)) : tree.children.some((child) => holds(child, mask, bits))
}

/**
 * Relevance over the lists, as firstInOrder() takes it: matches in the name first (name over
 * description), then the higher score, then the lower doc_id, as the SQL ranking breaks ties.
 */
export function scoreOrder(matches: Matches, size: number): (a: number, b: number) => boolean {
  const scoreOf = new Uint32Array(size)
  for (let index = 0; index < matches.ids.length; index++) {
    const id = matches.ids[index]!
    if (id < size) scoreOf[id] = matches.scores[index]!
  }
  return (a, b) => (scoreOf[a] === scoreOf[b] ? a < b : scoreOf[a]! > scoreOf[b]!)
}

/** Two postings lists of the same lexeme (list and recent) as one; a doc_id in both keeps its first score. */
function combine(a: Postings, b: Postings): Postings {
  const ids = new Int32Array(a.ids.length + b.ids.length)
  const scores = new Uint16Array(ids.length)
  let i = 0
  let j = 0
  let out = 0
  while (i < a.ids.length || j < b.ids.length) {
    const x = i < a.ids.length ? a.ids[i]! : Infinity
    const y = j < b.ids.length ? b.ids[j]! : Infinity
    if (x <= y) {
      ids[out] = x
      scores[out++] = a.scores[i++]!
      if (x === y) j++
    } else {
      ids[out] = y
      scores[out++] = b.scores[j++]!
    }
  }
  return { ids: ids.subarray(0, out), scores: scores.subarray(0, out) }
}

const KEPT_TSQUERIES = 1000

/**
 * The SQL text of a tsquery as PostgreSQL normalises it (stems, stop words dropped), remembered:
 * the same expression always normalises the same way (the text search configuration does not
 * change while the site runs), so a repeated search saves a round trip.
 */
export function createTsqueryNormaliser(db: Kysely<Database>): (expression: string) => Promise<string> {
  const kept = createLru<string, string>(KEPT_TSQUERIES)
  return async (expression) => {
    const known = kept.get(expression)
    if (known !== undefined) return known
    const row = await sql<{ query: string }>`SELECT to_tsquery('english', ${expression})::text AS query`.execute(db)
    const normalised = row.rows[0]?.query ?? ''
    kept.set(expression, normalised)
    return normalised
  }
}

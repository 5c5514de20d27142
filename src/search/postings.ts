// PostgreSQL: posting lists, so that a search's text matches are read as a few lists of doc_ids
// rather than by testing every row's tsvector (docs/decisions/0007-postgres-posting-lists.md).
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
  /** Each lexeme's postings: its compacted list (kept in memory) and its recent entries, merged. */
  read(lexemes: string[]): Promise<Map<string, Postings>>
}

/** How many bytes of decoded lists an instance keeps; the least recently used go first. */
const KEPT_BYTES = 96 * 1024 * 1024

/**
 * The compacted lists change only when compactPostings() runs, which bumps postings_generation; so
 * each app instance keeps the lists it has read, as it keeps the doc values, and reads from the
 * store only the recent entries (few) and the generation, in one statement, on every search.
 */
export function createPostingsReader(db: Kysely<Database>): PostingsReader {
  let generation: number | undefined
  const kept = new Map<string, Postings>()
  let keptBytes = 0
  const bytesOf = (postings: Postings) => postings.ids.byteLength + postings.scores.byteLength

  function keep(lexeme: string, postings: Postings): void {
    kept.set(lexeme, postings)
    keptBytes += bytesOf(postings)
    for (const [oldest, list] of kept) {
      if (keptBytes <= KEPT_BYTES) break
      kept.delete(oldest)
      keptBytes -= bytesOf(list)
    }
  }

  return {
    async read(lexemes) {
      const found = new Map<string, Postings>()
      if (lexemes.length === 0) return found
      // The generation comes with the recent entries (one snapshot): if a compaction moved entries
      // from recent into the lists since the lists were kept, the generation says so.
      const recent = await sql<{ lexeme: string | null; generation: string | null; doc_ids: Buffer | null; scores: Buffer | null }>`
        SELECT NULL AS lexeme, postings_generation::text AS generation, NULL AS doc_ids, NULL AS scores FROM search_index_state WHERE id = 1
        UNION ALL
        SELECT lexeme, NULL, string_agg(int4send(doc_id), ''::bytea ORDER BY doc_id), string_agg(int2send(score), ''::bytea ORDER BY doc_id)
        FROM search_postings_recent WHERE lexeme = ANY(${lexemes}) GROUP BY lexeme`.execute(db)
      const current = Number(recent.rows.find((row) => row.generation !== null)?.generation ?? 0)
      if (current !== generation) {
        kept.clear()
        keptBytes = 0
        generation = current
      }
      for (const lexeme of lexemes) {
        const list = kept.get(lexeme)
        if (!list) continue
        kept.delete(lexeme) // re-inserted below: the most recently used
        kept.set(lexeme, list)
        found.set(lexeme, list)
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
          keep(lexeme, list)
        }
      }
      for (const row of recent.rows) {
        if (row.lexeme === null || !row.doc_ids || !row.scores) continue
        const list = found.get(row.lexeme)
        const entries = decode(row.doc_ids, row.scores)
        found.set(row.lexeme, list && list.ids.length > 0 ? combine(list, entries) : entries)
      }
      return found
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
 * Evaluates the tree over the lists. One pass over each lexeme's list marks, per doc_id, which of
 * the query's lexemes it has (a bit each), which of them are in its name, and adds up their scores;
 * then the tree is tested once per distinct set of lexemes, not once per document. Doc_ids from
 * `size` up were written after the caller's doc values and are not counted yet anyway.
 * A match's score is the sum of the scores of every query lexeme it has, plus MATCH_IN_NAME when
 * the tree holds over its name's lexemes alone.
 */
export function evaluate(tree: LexemeTree, postings: Map<string, Postings>, size: number): Matches {
  const lexemes = lexemesOf(tree)
  if (lexemes.length > MAX_LEXEMES) throw new Error(`A query of more than ${MAX_LEXEMES} lexemes cannot be evaluated over the lists`)
  const present = new Uint32Array(size)
  const named = new Uint32Array(size)
  const summed = new Uint32Array(size)
  lexemes.forEach((lexeme, index) => {
    const list = postings.get(lexeme)
    if (!list) return
    const bit = 1 << index
    for (let at = 0; at < list.ids.length; at++) {
      const id = list.ids[at]!
      if (id >= size) break // ascending
      const score = list.scores[at]!
      present[id] = present[id]! | bit
      summed[id] = summed[id]! + (score & ~IN_NAME)
      if (score & IN_NAME) named[id] = named[id]! | bit
    }
  })
  const bits = new Map(lexemes.map((lexeme, index) => [lexeme, 1 << index]))
  // Per set of lexemes: 0 not tested yet, 1 the tree fails, 2 it holds.
  const verdicts = new Uint8Array(1 << lexemes.length)
  const holdsFor = (mask: number) => {
    if (verdicts[mask] === 0) verdicts[mask] = holds(tree, mask, bits) ? 2 : 1
    return verdicts[mask] === 2
  }
  const ids: number[] = []
  const scores: number[] = []
  for (let id = 0; id < size; id++) {
    const mask = present[id]!
    if (mask === 0 || !holdsFor(mask)) continue
    ids.push(id)
    scores.push(summed[id]! | (holdsFor(named[id]!) ? MATCH_IN_NAME : 0))
  }
  return { ids: Int32Array.from(ids), scores: Uint32Array.from(scores) }
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

/** The SQL text of a tsquery as PostgreSQL normalises it (stems, stop words dropped). */
export async function normalisedTsquery(db: Kysely<Database>, expression: string): Promise<string> {
  const row = await sql<{ query: string }>`SELECT to_tsquery('english', ${expression})::text AS query`.execute(db)
  return row.rows[0]?.query ?? ''
}

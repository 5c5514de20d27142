// SQLite: each query word's posting list read from FTS5 once and kept in memory, so that a search's
// matches and their scores come from a few arrays (evaluate() in postings.ts, as on PostgreSQL)
// instead of FTS5 listing every match and bm25 ranking all of them on every search
// (docs/decisions/0012-sqlite-posting-lists.md).
//
// A word's list is three comma-joined strings of rowids from one statement: the documents with the
// word anywhere, in the name, and in the keywords. Its score in a document is the best of those
// fields (name 10, keywords 4, the rest 1, the column weights bm25 ranked by) plus IN_NAME.
//
// A list once read stays right: the indexer never changes a row in place, it writes a changed
// record under a new doc_id (AUTOINCREMENT: never reused) and deletes the old one, which the doc
// values then mark as not live. So when the index has changed since a list was read, only the rowids
// above the highest it covered are read (FTS5 seeks straight to them) and appended.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { parseIdList, type DocValues } from './doc-values.js'
import { createKeptLists, IN_NAME, type Postings } from './postings.js'

/** The field weights of a word's score, the same as PostgreSQL's lists use. */
const IN_NAME_SCORE = 10 | IN_NAME
const IN_KEYWORDS_SCORE = 4
const ELSEWHERE_SCORE = 1

interface KeptWord {
  postings: Postings
  /** The index version the list was read at, and the highest doc_id it covers. */
  version: number
  upTo: number
}

export interface WordPostingsReader {
  /** Each word's postings (words as the engine writes them: letters and digits only), current for `values`. */
  read(words: string[], values: DocValues): Promise<Map<string, Postings>>
}

/** Rowids in the index increase (FTS5 lists a full-text query in rowid order); checked, not assumed. */
function ascending(ids: Int32Array): Int32Array {
  for (let index = 1; index < ids.length; index++) if (ids[index - 1]! >= ids[index]!) return Int32Array.from(new Set(ids)).sort()
  return ids
}

/** One list from the three: every match, scored by the best field it is in. */
export function scoredPostings(all: Int32Array, inName: Int32Array, inKeywords: Int32Array): Postings {
  const scores = new Uint16Array(all.length)
  let name = 0
  let keywords = 0
  for (let index = 0; index < all.length; index++) {
    const id = all[index]!
    while (name < inName.length && inName[name]! < id) name++
    while (keywords < inKeywords.length && inKeywords[keywords]! < id) keywords++
    scores[index] = inName[name] === id ? IN_NAME_SCORE : inKeywords[keywords] === id ? IN_KEYWORDS_SCORE : ELSEWHERE_SCORE
  }
  return { ids: all, scores }
}

/**
 * A kept list with newer entries after it. Entries of documents the doc values know are gone are
 * dropped on the way, so that lists do not grow with every edit (or double after a rebuild).
 */
export function appendPostings(kept: Postings, newer: Postings, values: DocValues): Postings {
  const ids = new Int32Array(kept.ids.length + newer.ids.length)
  const scores = new Uint16Array(ids.length)
  let out = 0
  for (let index = 0; index < kept.ids.length; index++) {
    const id = kept.ids[index]!
    if (id < values.size && values.live[id] === 0) continue
    ids[out] = id
    scores[out++] = kept.scores[index]!
  }
  ids.set(newer.ids, out)
  scores.set(newer.scores, out)
  out += newer.ids.length
  return { ids: ids.subarray(0, out), scores: scores.subarray(0, out) }
}

export function createWordPostingsReader(db: Kysely<Database>): WordPostingsReader {
  const kept = createKeptLists<KeptWord>()

  /** The word's entries with a doc_id above `after`, the index version and the highest doc_id: one snapshot. */
  async function readAbove(word: string, after: number): Promise<KeptWord> {
    const quoted = `"${word}"`
    const above = (match: string) => sql`(SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH ${match} AND rowid > ${after})`
    const row = (
      await sql<{ version: number; top: number | null; ids: string | null; name_ids: string | null; keyword_ids: string | null }>`
        SELECT (SELECT version FROM search_index_state WHERE id = 1) AS version,
          (SELECT seq FROM sqlite_sequence WHERE name = 'search_documents') AS top,
          ${above(quoted)} AS ids, ${above(`{name} : ${quoted}`)} AS name_ids, ${above(`{keywords} : ${quoted}`)} AS keyword_ids`.execute(db)
    ).rows[0]
    const postings = scoredPostings(ascending(parseIdList(row?.ids)), ascending(parseIdList(row?.name_ids)), ascending(parseIdList(row?.keyword_ids)))
    const highest = postings.ids.length > 0 ? postings.ids[postings.ids.length - 1]! : 0
    return { postings, version: Number(row?.version ?? 0), upTo: Math.max(Number(row?.top ?? 0), highest, after) }
  }

  return {
    async read(words, values) {
      const found = new Map<string, Postings>()
      for (const word of new Set(words)) {
        let entry = kept.get(word)
        if (!entry || entry.version < values.version) {
          const newer = await readAbove(word, entry?.upTo ?? 0)
          entry = entry ? { ...newer, postings: appendPostings(entry.postings, newer.postings, values) } : newer
          kept.set(word, entry)
        }
        found.set(word, entry.postings)
      }
      return found
    },
  }
}

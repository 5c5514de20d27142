// Reproduces a ranking drift on the search index's FTS5 table (content='', contentless_delete=1):
// deleting rows does not take them out of the statistics bm25 uses, so re-indexing a record with
// the SAME text changes every score, and rebuildSearchIndex's DELETE FROM search_fts doubles them.
// INSERT INTO t(t) VALUES('delete-all') resets them. Run: npx tsx bench/fts5-stats-repro.ts
import Database from 'better-sqlite3'

const db = new Database(':memory:')
db.exec(`CREATE VIRTUAL TABLE f USING fts5(name, body, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2')`)
const insert = db.prepare('INSERT INTO f(rowid, name, body) VALUES (?, ?, ?)')
const docs: Array<[number, string, string]> = [
  [1, 'autism team', 'we help autistic children'],
  [2, 'speech therapy', 'language and speech'],
  [3, 'youth club', 'games and trips'],
  [4, 'deaf club', 'sign language'],
]
const score = (): unknown => (db.prepare(`SELECT round(bm25(f), 6) AS score FROM f WHERE f MATCH 'autism'`).get() as { score: number }).score
const { version } = db.prepare('SELECT sqlite_version() AS version').get() as { version: string }
console.log(`SQLite ${version}`)
for (const doc of docs) insert.run(...doc)
console.log('fresh:                                  ', score())
db.exec('DELETE FROM f')
for (const doc of docs) insert.run(...doc)
console.log('DELETE FROM f, same rows again:         ', score())
db.exec('DELETE FROM f WHERE rowid IN (2, 3)')
insert.run(...docs[1]!)
insert.run(...docs[2]!)
console.log('two rows deleted and re-added unchanged:', score())
db.exec(`INSERT INTO f(f) VALUES ('optimize')`)
console.log("after 'optimize':                       ", score())
db.exec(`INSERT INTO f(f) VALUES ('delete-all')`)
for (const doc of docs) insert.run(...doc)
console.log("'delete-all', same rows again:          ", score(), '(equals fresh)')

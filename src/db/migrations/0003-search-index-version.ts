// Two things the in-memory side of search needs (docs/decisions/0006-search-counts-in-memory.md):
// a version number every write to the index bumps, so each app instance knows when its in-memory
// copy of the facet masks and places is stale; and a text index of the names alone (an FTS5 table
// on SQLite, a tsvector with its own GIN index on PostgreSQL), so "matches in the name", the first
// tier of every search by relevance, is found and ranked over short names rather than whole texts.
import { sql } from 'kysely'
import type { AnyDb, StoreMigration } from './index.js'

export const searchIndexVersion: StoreMigration = (kind) => ({
  async up(db: AnyDb) {
    await db.schema
      .createTable('search_index_state')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .execute()
    await db.insertInto('search_index_state').values({ id: 1, version: 1 }).execute()

    if (kind === 'sqlite') {
      await sql`CREATE VIRTUAL TABLE search_names USING fts5(
        name, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2'
      )`.execute(db)
      await sql`INSERT INTO search_names(rowid, name) SELECT doc_id, name FROM search_documents`.execute(db)
    } else {
      await sql`ALTER TABLE search_documents ADD COLUMN name_tsv tsvector`.execute(db)
      await sql`UPDATE search_documents SET name_tsv = to_tsvector('english', name)`.execute(db)
      await sql`ALTER TABLE search_documents ALTER COLUMN name_tsv SET NOT NULL`.execute(db)
      await sql`CREATE INDEX search_documents_name_tsv ON search_documents USING gin (name_tsv)`.execute(db)
    }
  },
})

// Two things the in-memory side of search needs (docs/decisions/0006-search-counts-in-memory.md):
// a version number every write to the index bumps, so each app instance knows when its in-memory
// copy of the facet masks and places is stale; and, on PostgreSQL, a tsvector of the name alone
// with its own GIN index, so "matches in the name" is an index lookup rather than a scan of every
// row's full tsvector for words of weight A.
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

    if (kind === 'postgres') {
      await sql`ALTER TABLE search_documents ADD COLUMN name_tsv tsvector`.execute(db)
      await sql`UPDATE search_documents SET name_tsv = to_tsvector('english', name)`.execute(db)
      await sql`ALTER TABLE search_documents ALTER COLUMN name_tsv SET NOT NULL`.execute(db)
      await sql`CREATE INDEX search_documents_name_tsv ON search_documents USING gin (name_tsv)`.execute(db)
    }
  },
})

// The search index lives in the store itself. search_documents holds one slim row per service or
// school (what a result shows, and the facet mask every filter and count tests); the words live
// only in the text index: a contentless FTS5 table on SQLite, a weighted tsvector (GIN) on
// PostgreSQL, with pg_trgm for finding near-misses of misspelt words. Weights: name > keywords > body.
import { sql } from 'kysely'
import type { StoreMigration, AnyDb } from './index.js'

export const searchIndex: StoreMigration = (kind) => ({
  async up(db: AnyDb) {
    const id = kind === 'sqlite' ? 'integer' : 'serial'
    await db.schema
      .createTable('search_documents')
      .addColumn('doc_id', id, (c) => (kind === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('subject_id', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('organisation_name', 'text')
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('help_kind', 'text', (c) => c.notNull())
      .addColumn('provider_type', 'text', (c) => c.notNull())
      .addColumn('provision_level', 'text', (c) => c.notNull())
      .addColumn('min_age', 'integer')
      .addColumn('max_age', 'integer')
      .addColumn('is_free', 'integer')
      .addColumn('facet_mask', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('council_codes', 'text', (c) => c.notNull())
      .addColumn('lat', 'double precision')
      .addColumn('lng', 'double precision')
      .addColumn('last_reviewed', 'text')
      .execute()
    await db.schema.createIndex('search_documents_lat').on('search_documents').columns(['lat', 'lng']).execute()

    await db.schema
      .createTable('search_words')
      .addColumn('word', 'text', (c) => c.primaryKey())
      .addColumn('doc_count', 'integer', (c) => c.notNull())
      .execute()

    if (kind === 'sqlite') {
      // Contentless: the index keeps no copy of the text; rows are deleted by rowid (= doc_id).
      await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
        name, keywords, body,
        content='', contentless_delete=1,
        tokenize='porter unicode61 remove_diacritics 2'
      )`.execute(db)
    } else {
      await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`.execute(db)
      await sql`ALTER TABLE search_documents ADD COLUMN tsv tsvector NOT NULL`.execute(db)
      await sql`CREATE INDEX search_documents_tsv ON search_documents USING gin (tsv)`.execute(db)
      await sql`CREATE INDEX search_words_trgm ON search_words USING gin (word public.gin_trgm_ops)`.execute(db)
    }
  },
})

// The search index lives in the store itself: SQLite FTS5 or PostgreSQL tsvector + GIN, with
// pg_trgm for finding near-misses of misspelt words. Columns are weighted name > keywords > body.
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
      .addColumn('keywords', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('help_kind', 'text', (c) => c.notNull())
      .addColumn('provider_type', 'text', (c) => c.notNull())
      .addColumn('provision_level', 'text', (c) => c.notNull())
      .addColumn('min_age', 'integer')
      .addColumn('max_age', 'integer')
      .addColumn('is_free', 'integer')
      .addColumn('need_mask', 'integer', (c) => c.notNull().defaultTo(0))
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
      // External-content FTS5 table kept in step by triggers; porter stems English words.
      await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
        name, keywords, body,
        content='search_documents', content_rowid='doc_id',
        tokenize='porter unicode61 remove_diacritics 2'
      )`.execute(db)
      await sql`CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
        INSERT INTO search_fts(rowid, name, keywords, body) VALUES (new.doc_id, new.name, new.keywords, new.body);
      END`.execute(db)
      await sql`CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
        INSERT INTO search_fts(search_fts, rowid, name, keywords, body) VALUES ('delete', old.doc_id, old.name, old.keywords, old.body);
      END`.execute(db)
      await sql`CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
        INSERT INTO search_fts(search_fts, rowid, name, keywords, body) VALUES ('delete', old.doc_id, old.name, old.keywords, old.body);
        INSERT INTO search_fts(rowid, name, keywords, body) VALUES (new.doc_id, new.name, new.keywords, new.body);
      END`.execute(db)
    } else {
      await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`.execute(db)
      await sql`ALTER TABLE search_documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', name), 'A') ||
        setweight(to_tsvector('english', keywords), 'B') ||
        setweight(to_tsvector('english', body), 'C')
      ) STORED`.execute(db)
      await sql`CREATE INDEX search_documents_tsv ON search_documents USING gin (tsv)`.execute(db)
      await sql`CREATE INDEX search_words_trgm ON search_words USING gin (word public.gin_trgm_ops)`.execute(db)
    }
  },
})

// PostgreSQL only: posting lists made from each document's tsvector, so a search's text matches
// are read as a few lists rather than found by testing every row (src/search/postings.ts,
// docs/decisions/0007-postgres-posting-lists.md). SQLite's FTS5 index already is such lists.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../schema.js'
import { buildPostings } from '../../search/postings.js'
import type { AnyDb, StoreMigration } from './index.js'

export const searchPostings: StoreMigration = (kind) => ({
  async up(db: AnyDb) {
    if (kind === 'sqlite') return
    await sql`CREATE TABLE search_postings (lexeme text PRIMARY KEY, doc_ids bytea NOT NULL, scores bytea NOT NULL)`.execute(db)
    // Read whole on every search: kept uncompressed, so reading one costs no decompression.
    await sql`ALTER TABLE search_postings ALTER COLUMN doc_ids SET STORAGE EXTERNAL, ALTER COLUMN scores SET STORAGE EXTERNAL`.execute(db)
    // Bumped by every compaction: app instances keep the lists they have read until it changes.
    await sql`ALTER TABLE search_index_state ADD COLUMN postings_generation bigint NOT NULL DEFAULT 0`.execute(db)
    await sql`CREATE TABLE search_postings_recent (lexeme text NOT NULL, doc_id integer NOT NULL, score smallint NOT NULL, PRIMARY KEY (lexeme, doc_id))`.execute(db)
    await buildPostings(db as Kysely<Database>)
  },
})

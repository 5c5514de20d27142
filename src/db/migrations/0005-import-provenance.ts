// Where an imported service or organisation came from (an Open Referral feed), and what it said
// when it was last imported: src/importers/oruk/. `source_hash` is the hash of the content as
// imported, so an importer can tell a record edited here since (its content no longer hashes to
// it) from one it may safely update. Records made here leave every column null.
import type { AnyDb, StoreMigration } from './index.js'

const TABLES = ['services', 'organisations'] as const

export const importProvenance: StoreMigration = () => ({
  async up(db: AnyDb) {
    for (const table of TABLES) {
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      for (const column of ['source', 'source_label', 'source_id', 'fetched_at', 'source_hash', 'source_missing_since']) {
        await db.schema.alterTable(table).addColumn(column, 'text').execute()
      }
      await db.schema.createIndex(`${table}_source`).on(table).columns(['source', 'source_id']).execute()
    }
  },
})

// Migrations, in order. Each one runs on both stores; where SQL must differ (full-text search),
// the migration asks which store it is on.
import type { Kysely, Migration, MigrationProvider } from 'kysely'
import type { StoreKind } from '../connection.js'
import { initialSchema } from './0001-initial-schema.js'
import { searchIndex } from './0002-search-index.js'
import { searchIndexVersion } from './0003-search-index-version.js'
import { searchPostings } from './0004-search-postings.js'

export type StoreMigration = (kind: StoreKind) => Migration

const MIGRATIONS: Record<string, StoreMigration> = {
  '0001-initial-schema': initialSchema,
  '0002-search-index': searchIndex,
  '0003-search-index-version': searchIndexVersion,
  '0004-search-postings': searchPostings,
}

export function migrationProvider(kind: StoreKind): MigrationProvider {
  return {
    getMigrations: () =>
      Promise.resolve(Object.fromEntries(Object.entries(MIGRATIONS).map(([name, make]) => [name, make(kind)]))),
  }
}

export type AnyDb = Kysely<any> // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations see the store as it was then, not today's types

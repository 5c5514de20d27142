// Migrations, in order. Each one runs on both stores; where SQL must differ (full-text search),
// the migration asks which store it is on.
import type { Kysely, Migration, MigrationProvider } from 'kysely'
import type { StoreKind } from '../connection.js'
import { initialSchema } from './0001-initial-schema.js'
import { searchIndex } from './0002-search-index.js'
import { searchIndexVersion } from './0003-search-index-version.js'
import { searchPostings } from './0004-search-postings.js'
import { importProvenance } from './0005-import-provenance.js'
import { schoolSenProvision } from './0006-school-sen-provision.js'
import { accounts } from './0007-accounts.js'
import { publishing } from './0008-publishing.js'
import { feedback } from './0009-feedback.js'

export type StoreMigration = (kind: StoreKind) => Migration

const MIGRATIONS: Record<string, StoreMigration> = {
  '0001-initial-schema': initialSchema,
  '0002-search-index': searchIndex,
  '0003-search-index-version': searchIndexVersion,
  '0004-search-postings': searchPostings,
  '0005-import-provenance': importProvenance,
  '0006-school-sen-provision': schoolSenProvision,
  '0007-accounts': accounts,
  '0008-publishing': publishing,
  '0009-feedback': feedback,
}

export function migrationProvider(kind: StoreKind): MigrationProvider {
  return {
    getMigrations: () =>
      Promise.resolve(Object.fromEntries(Object.entries(MIGRATIONS).map(([name, make]) => [name, make(kind)]))),
  }
}

export type AnyDb = Kysely<any> // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations see the store as it was then, not today's types

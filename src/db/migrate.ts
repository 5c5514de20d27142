import { Migrator } from 'kysely'
import type { Store } from './connection.js'
import { migrationProvider } from './migrations/index.js'

/** Brings the store's schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  // An explicit schema keeps Kysely from mistaking another schema's migration tables for ours.
  const migrator = new Migrator({
    db: store.db,
    provider: migrationProvider(store.kind),
    ...(store.schema ? { migrationTableSchema: store.schema } : {}),
  })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((result) => result.status === 'Error')
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : ''
    throw new Error(`Migration failed${name}: ${error instanceof Error ? error.message : JSON.stringify(error)}`, { cause: error })
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName)
}

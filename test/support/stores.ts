// Runs a suite on every store: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
// Without it the PostgreSQL suite is skipped loudly; with REQUIRE_POSTGRES=1 it fails instead.
import { randomBytes } from 'node:crypto'
import { after, before, describe } from 'node:test'
import pg from 'pg'
import { openStore, type Store, type StoreKind } from '../../src/db/connection.js'
import { migrateToLatest } from '../../src/db/migrate.js'

const postgresUrl = process.env.TEST_DATABASE_URL
const postgresRequired = process.env.REQUIRE_POSTGRES === '1'

if (!postgresUrl) {
  if (postgresRequired) throw new Error('REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set: the PostgreSQL suite cannot be skipped here.')
  process.emitWarning('TEST_DATABASE_URL is not set: the PostgreSQL suite is SKIPPED (SQLite only).')
}

export const STORE_KINDS: StoreKind[] = ['sqlite', 'postgres']

/** Opens a fresh, migrated, empty store of the given kind; PostgreSQL gets a schema of its own. */
export async function freshStore(kind: StoreKind): Promise<Store> {
  if (kind === 'sqlite') {
    const store = openStore({ kind: 'sqlite', file: ':memory:' })
    await migrateToLatest(store)
    return store
  }
  if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set')
  const schema = `t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: postgresUrl })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  await admin.end()
  const store = openStore({ kind: 'postgres', url: postgresUrl }, { schema, poolSize: 4 })
  await migrateToLatest(store)
  return {
    ...store,
    async close() {
      await store.close()
      const cleaner = new pg.Client({ connectionString: postgresUrl })
      await cleaner.connect()
      await cleaner.query(`DROP SCHEMA ${schema} CASCADE`)
      await cleaner.end()
    },
  }
}

/**
 * Declares `suite` once per store. Inside, `store()` returns that suite's store, opened
 * before the first test and closed after the last.
 */
export function onEveryStore(title: string, suite: (store: () => Store, kind: StoreKind) => void): void {
  for (const kind of STORE_KINDS) {
    const skip = kind === 'postgres' && !postgresUrl ? 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' : false
    describe(`${title} [${kind}]`, { skip }, () => {
      let current: Store | undefined
      before(async () => {
        current = await freshStore(kind)
      })
      after(async () => {
        await current?.close()
      })
      suite(() => {
        if (!current) throw new Error('store not open yet')
        return current
      }, kind)
    })
  }
}

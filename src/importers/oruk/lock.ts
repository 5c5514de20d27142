// One ORUK import at a time. On PostgreSQL a session-level advisory lock, so that several app
// instances on one database (and an operator's CLI run) do not import together; it is released
// with its connection if the process dies. Within a process, a flag per store as well (the only
// guard on SQLite, whose single writer serialises the rest).
import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { Store } from '../../db/connection.js'

const busy = new WeakSet<Store['db']>()

/** Two 32-bit keys: this importer, and the schema it works in (tests run side by side in one database). */
function lockKeys(store: Store): [number, number] {
  const digest = createHash('sha256').update(`local-offer:oruk-import:${store.schema ?? ''}`).digest()
  return [digest.readInt32BE(0), digest.readInt32BE(4)]
}

/** Runs `work` holding the import lock; undefined, without running it, when another import holds it. */
export async function withImportLock<T>(store: Store, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  if (busy.has(store.db)) return { ran: false }
  busy.add(store.db)
  try {
    if (store.kind === 'sqlite') return { ran: true, value: await work() }
    const [a, b] = lockKeys(store)
    return await store.db.connection().execute(async (connection) => {
      const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(${a}::integer, ${b}::integer) AS locked`.execute(connection)
      if (!rows[0]?.locked) return { ran: false as const }
      try {
        return { ran: true as const, value: await work() }
      } finally {
        await sql`SELECT pg_advisory_unlock(${a}::integer, ${b}::integer)`.execute(connection)
      }
    })
  } finally {
    busy.delete(store.db)
  }
}

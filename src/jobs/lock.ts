// One run of a named job at a time. On PostgreSQL a session-level advisory lock, so that several
// app instances on one database (and an operator's CLI run) do not run it together; it is released
// with its connection if the process dies. Within a process, a flag per store and job as well (the
// only guard on SQLite, whose single writer serialises the rest).
import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { Store } from '../db/connection.js'

const busy = new WeakMap<Store['db'], Set<string>>()

/** Two 32-bit keys: the job, and the schema it works in (tests run side by side in one database). */
function lockKeys(store: Store, job: string): [number, number] {
  const digest = createHash('sha256').update(`local-offer:${job}:${store.schema ?? ''}`).digest()
  return [digest.readInt32BE(0), digest.readInt32BE(4)]
}

/** Runs `work` holding the job's lock; `{ ran: false }`, without running it, when another run holds it. */
export async function withJobLock<T>(store: Store, job: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  let running = busy.get(store.db)
  if (!running) busy.set(store.db, (running = new Set()))
  if (running.has(job)) return { ran: false }
  running.add(job)
  try {
    if (store.kind === 'sqlite') return { ran: true, value: await work() }
    const [a, b] = lockKeys(store, job)
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
    running.delete(job)
  }
}

// The site, as deployed, for the HTTP part of the benchmark: bench/run.ts starts this in a child
// process (so the load generator does not share its event loop) and reads the port over IPC.
// Settings come from the environment run.ts sets: BENCH_STORE=sqlite|postgres, BENCH_SQLITE_FILE,
// BENCH_PG_URL, BENCH_PG_SCHEMA.
import { openStore, type Store } from '../src/db/connection.js'
import { buildServices } from '../src/services.js'
import { buildApp } from '../src/web/app.js'
import { benchConfig } from './config.js'

const kind = process.env.BENCH_STORE
let store: Store
if (kind === 'postgres') {
  const url = process.env.BENCH_PG_URL ?? ''
  store = openStore({ kind: 'postgres', url }, { schema: process.env.BENCH_PG_SCHEMA ?? '' })
} else {
  store = openStore({ kind: 'sqlite', file: process.env.BENCH_SQLITE_FILE ?? '' })
}
const services = await buildServices(benchConfig(kind === 'postgres' ? (process.env.BENCH_PG_URL ?? '') : (process.env.BENCH_SQLITE_FILE ?? '')), store)
const app = await buildApp(services)
await app.listen({ host: '127.0.0.1', port: 0 })
const address = app.server.address()
const port = typeof address === 'object' && address ? address.port : 0
process.send?.({ port })

async function stop(): Promise<void> {
  await app.close()
  await store.close()
  process.exit(0)
}
process.once('SIGTERM', () => void stop())
process.once('SIGINT', () => void stop())
process.once('disconnect', () => void stop())

// Builds the whole application on a fresh store of the chosen kind, with the demo data loaded:
// what `npm start` serves, but in memory (SQLite) or in a schema of its own (PostgreSQL).
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../../src/config.js'
import type { StoreKind } from '../../src/db/connection.js'
import { loadDemoData } from '../../src/seed/load.js'
import { buildServices, type Services } from '../../src/services.js'
import { buildApp } from '../../src/web/app.js'
import { freshStore } from './stores.js'

export interface TestApp {
  app: FastifyInstance
  services: Services
  close(): Promise<void>
}

export async function buildTestApp(kind: StoreKind, env: Record<string, string> = {}): Promise<TestApp> {
  // Many forms are sent from one address in a test run; the rate-limit test sets its own limit.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', FORM_RATE_LIMIT_PER_MINUTE: '100000', ...env })
  const store = await freshStore(kind)
  const services = await buildServices(config, store)
  await loadDemoData(store, services.postcodes)
  const app = await buildApp(services)
  await app.ready()
  return {
    app,
    services,
    async close() {
      await app.close()
      await store.close()
    },
  }
}

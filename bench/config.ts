// Settings for the benchmark's services: as a production site would run (templates cached, no
// demo data, no request logging), on the given store.
import { loadConfig, type Config } from '../src/config.js'

// The views read NODE_ENV directly: 'development' would re-read every template on every request.
process.env.NODE_ENV ??= 'production'

export function benchConfig(databaseUrl: string): Config {
  return loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 'benchmark-only-secret-not-for-any-real-site',
    // Production asks for a mail server; the benchmark sends no mail (nothing listens on port 9).
    SMTP_URL: 'smtp://127.0.0.1:9',
    // The benchmark's requests come from one address.
    FORM_RATE_LIMIT_PER_MINUTE: '100000',
    // bench/run.ts measures the server with rendered pages kept and without.
    ...(process.env.PAGE_CACHE_ENTRIES ? { PAGE_CACHE_ENTRIES: process.env.PAGE_CACHE_ENTRIES } : {}),
  })
}

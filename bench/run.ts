// `npm run bench`: search latency on SYNTHETIC national-scale data, on SQLite and PostgreSQL.
//
//   npm run bench -- --scale=small                       quick check (1/20 of national)
//   npm run bench -- --scale=national --stores=sqlite,postgres --seconds=20
//
// Options (flag, or environment variable):
//   --scale=national|small        BENCH_SCALE        default national
//   --stores=sqlite,postgres      BENCH_STORES       default sqlite,postgres
//   --seconds=N                   BENCH_SECONDS      HTTP run length per store (default 20)
//   --iterations=N                BENCH_ITERATIONS   in-process samples per query (default 40)
//   --budget=S                    BENCH_BUDGET       stop sampling a query after S seconds once it has 10 samples (default 6)
//   --warmup=N                    BENCH_WARMUP       unmeasured runs per query first (default 3)
//   --connections=N               BENCH_CONNECTIONS  autocannon connections (default 10)
//   --timeout=S                   BENCH_TIMEOUT      autocannon's per-request timeout (default 60; a timed-out request counts as an error)
//   --regenerate                                     ignore the cached SQLite file
//   PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test,
//   in a schema of its own (bench_<random>), dropped at the end.
//
// See bench/README.md for what is measured and how to read it.
import { fork, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join, resolve } from 'node:path'
import autocannon from 'autocannon'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, sql, SqliteDialect, type LogEvent } from 'kysely'
import pg from 'pg'
import { openStore, type Store, type StoreKind } from '../src/db/connection.js'
import { migrateToLatest } from '../src/db/migrate.js'
import type { Database } from '../src/db/schema.js'
import { createSearchService } from '../src/search/service.js'
import type { EngineQuery, SearchRequest } from '../src/search/types.js'
import { buildServices, type Services } from '../src/services.js'
import { benchConfig } from './config.js'
import { fingerprint, generatePostgres, generateSqlite, SCALES, type GenerationReport, type Scale } from './generate.js'
import { QUERIES, requestFor, type BenchQuery } from './queries.js'
import { codeVersion, median, ms, round, summarise, table, type Summary } from './stats.js'

const ROOT = resolve(import.meta.dirname, '..')
const CACHE = resolve(ROOT, 'bench/.cache')
const RESULTS = resolve(ROOT, 'bench/results')
const TARGET_P95_MS = 50
const TARGET_BARE_RATIO = 2
const TARGET_HTTP_RPS = 500

// ---- options ------------------------------------------------------------------------------------

function option(name: string, env: string): string | undefined {
  const prefix = `--${name}=`
  const argument = process.argv.find((arg) => arg === `--${name}` || arg.startsWith(prefix))
  if (argument !== undefined) return argument.startsWith(prefix) ? argument.slice(prefix.length) : 'true'
  return process.env[env] || undefined
}

function positive(name: string, env: string, fallback: number): number {
  const text = option(name, env)
  const value = text === undefined ? fallback : Number(text)
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`)
  return value
}

const scale = (option('scale', 'BENCH_SCALE') ?? 'national') as Scale
if (!(scale in SCALES)) throw new Error(`--scale must be one of: ${Object.keys(SCALES).join(', ')}`)
const stores = (option('stores', 'BENCH_STORES') ?? 'sqlite,postgres').split(',').map((s) => s.trim()).filter(Boolean) as StoreKind[]
for (const kind of stores) if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`Unknown store: ${String(kind)}`)
const options = {
  scale,
  stores,
  seconds: positive('seconds', 'BENCH_SECONDS', 20),
  iterations: positive('iterations', 'BENCH_ITERATIONS', 40),
  budgetSeconds: positive('budget', 'BENCH_BUDGET', 6),
  warmup: positive('warmup', 'BENCH_WARMUP', 3),
  connections: positive('connections', 'BENCH_CONNECTIONS', 10),
  timeout: positive('timeout', 'BENCH_TIMEOUT', 60),
  regenerate: option('regenerate', 'BENCH_REGENERATE') === 'true',
}
const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'

function log(line: string): void {
  console.log(line)
}

// ---- clean-up of what this run made, also on Ctrl-C -------------------------------------------

const cleanups: Array<() => Promise<void> | void> = []
async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    const step = cleanups.pop()!
    try {
      await step()
    } catch (error) {
      console.error('clean-up step failed:', error)
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up`)
    void cleanUp().finally(() => process.exit(130))
  })
}

// ---- stores ---------------------------------------------------------------------------------------

interface Prepared {
  kind: StoreKind
  /** What buildServices gets: the same openStore() the site uses. */
  store: Store
  /** For the HTTP child process and for DATABASE_URL. */
  location: { file?: string; url?: string; schema?: string }
  generation: GenerationReport & { cached?: boolean; cachedAt?: string }
}

async function prepareSqlite(): Promise<Prepared> {
  mkdirSync(CACHE, { recursive: true })
  const print = fingerprint()
  const cached = join(CACHE, `${scale}-${print}.sqlite`)
  const sidecar = `${cached}.json`
  let generation: Prepared['generation']
  if (!options.regenerate && existsSync(cached) && existsSync(sidecar)) {
    generation = { ...(JSON.parse(readFileSync(sidecar, 'utf8')) as GenerationReport & { cachedAt: string }), cached: true }
    log(`sqlite: reusing ${cached} (same generator version ${print}; generated ${generation.cachedAt ?? '?'} in ${generation.seconds.total} s)`)
  } else {
    for (const name of readdirSync(CACHE)) if (name.startsWith(`${scale}-`)) rmSync(join(CACHE, name), { force: true })
    log(`sqlite: generating ${scale} SYNTHETIC data (cached afterwards in bench/.cache/)`)
    const building = `${cached}.building`
    const report = await generateSqlite(building, scale, log)
    renameSync(building, cached)
    generation = { ...report, cachedAt: new Date().toISOString() }
    writeFileSync(sidecar, JSON.stringify(generation, null, 2))
    generation.cached = false
    log(`sqlite: generated in ${report.seconds.total} s (rows ${report.seconds.generate} s, tables ${report.seconds.data} s, index ${report.seconds.index} s)`)
  }
  // Measure a private copy, so the cached file is never touched.
  const file = join(os.tmpdir(), `local-offer-bench-${process.pid}.sqlite`)
  copyFileSync(cached, file)
  if (existsSync(`${cached}-wal`)) copyFileSync(`${cached}-wal`, `${file}-wal`)
  cleanups.push(() => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
  })
  const store = openStore({ kind: 'sqlite', file })
  return { kind: 'sqlite', store, location: { file }, generation }
}

async function preparePostgres(): Promise<Prepared> {
  const schema = `bench_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: postgresUrl })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  await admin.end()
  cleanups.push(async () => {
    const cleaner = new pg.Client({ connectionString: postgresUrl })
    await cleaner.connect()
    await cleaner.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await cleaner.end()
    log(`postgres: schema ${schema} dropped`)
  })
  log(`postgres: loading ${scale} SYNTHETIC data into schema ${schema}`)
  const loader = openStore({ kind: 'postgres', url: postgresUrl }, { schema, poolSize: 2 })
  await migrateToLatest(loader)
  await loader.close()
  const report = await generatePostgres(postgresUrl, schema, scale, log)
  log(`postgres: loaded in ${report.seconds.total} s (rows ${report.seconds.generate} s, tables ${report.seconds.data} s, index ${report.seconds.index} s, then ANALYZE)`)
  const store = openStore({ kind: 'postgres', url: postgresUrl }, { schema })
  return { kind: 'postgres', store, location: { url: postgresUrl, schema }, generation: report }
}

// ---- facts ----------------------------------------------------------------------------------------

async function storeFacts(prepared: Prepared): Promise<Record<string, unknown>> {
  const { db } = prepared.store
  const tables = ['councils', 'organisations', 'schools', 'services', 'locations', 'subject_needs', 'areas_served', 'search_documents', 'search_words'] as const
  const rows: Record<string, number> = {}
  for (const name of tables) {
    const result = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(db)
    rows[name] = Number(result.rows[0]?.n ?? 0)
  }
  if (prepared.kind === 'sqlite') {
    const version = await sql<{ v: string }>`SELECT sqlite_version() AS v`.execute(db)
    const pages = await sql<{ page_count: number }>`PRAGMA page_count`.execute(db)
    const size = await sql<{ page_size: number }>`PRAGMA page_size`.execute(db)
    return {
      version: `SQLite ${version.rows[0]?.v ?? '?'} (better-sqlite3)`,
      sizeMB: round(((pages.rows[0]?.page_count ?? 0) * (size.rows[0]?.page_size ?? 0)) / 1e6, 0),
      rows,
    }
  }
  const version = await sql<{ server_version: string }>`SHOW server_version`.execute(db)
  const settings = await sql<{ name: string; setting: string; unit: string | null }>`
    SELECT name, setting, unit FROM pg_settings
    WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'max_parallel_workers_per_gather', 'jit', 'random_page_cost')`.execute(db)
  const size = await sql<{ bytes: number }>`
    SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS bytes FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'`.execute(db)
  return {
    version: `PostgreSQL ${version.rows[0]?.server_version ?? '?'}`,
    settings: Object.fromEntries(settings.rows.map((row) => [row.name, `${row.setting}${row.unit ? ` ${row.unit}` : ''}`])),
    sizeMB: round(Number(size.rows[0]?.bytes ?? 0) / 1e6, 0),
    rows,
  }
}

// ---- (a) + (b): in process ------------------------------------------------------------------------

interface QueryResult {
  id: string
  kind: BenchQuery['kind']
  url: string
  total: number
  firstHit: string | null
  corrections: string
  /** search.plan(request): query understanding (spelling lookups) and postcode. */
  plan: Summary
  /** search.search(request): what the page waits for. */
  search: Summary
  /** search.engine.bare(plan): the hits query alone, on the same plan. */
  bare: Summary
  ratio: number
  /** Median milliseconds per SQL statement kind, from one more set of runs with query logging. */
  statements?: Record<string, number>
  /** How many statements of each kind one search ran. */
  statementCounts?: Record<string, number>
  /** Every search.search() time, for the pooled percentiles. */
  samples: number[]
}

function elapsedMs(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6
}

async function measureInProcess(services: Services): Promise<QueryResult[]> {
  const results: QueryResult[] = []
  for (const query of QUERIES) {
    const request = requestFor(query.query)
    const { plan } = await services.search.plan(request)
    const first = await services.search.search(request)
    for (let i = 0; i < options.warmup; i++) {
      await services.search.search(request)
      await services.search.engine.bare(plan)
    }
    const searchSamples: number[] = []
    const bareSamples: number[] = []
    const planSamples: number[] = []
    const started = process.hrtime.bigint()
    // Interleaved, so that drift (caches, autovacuum, the other core) hits both alike.
    for (let i = 0; i < options.iterations; i++) {
      let since = process.hrtime.bigint()
      await services.search.search(request)
      searchSamples.push(elapsedMs(since))
      since = process.hrtime.bigint()
      await services.search.engine.bare(plan)
      bareSamples.push(elapsedMs(since))
      since = process.hrtime.bigint()
      await services.search.plan(request)
      planSamples.push(elapsedMs(since))
      if (i + 1 >= 10 && elapsedMs(started) > options.budgetSeconds * 1000) break
    }
    const search = summarise(searchSamples)
    const bare = summarise(bareSamples)
    const result: QueryResult = {
      id: query.id,
      kind: query.kind,
      url: `/search?${query.query}`,
      total: first.total,
      firstHit: first.hits[0]?.name ?? null,
      corrections: first.query.corrections.map((c) => `${c.from}→${c.to}`).join(', '),
      plan: summarise(planSamples),
      search,
      bare,
      ratio: round(search.p95 / Math.max(bare.p95, 0.001)),
      samples: searchSamples.map((value) => round(value, 3)),
    }
    results.push(result)
    log(
      `  ${query.id.padEnd(48)} total ${String(first.total).padStart(6)}  search p50 ${ms(search.p50).padStart(6)} p95 ${ms(search.p95).padStart(6)}  bare p50 ${ms(bare.p50).padStart(6)} p95 ${ms(bare.p95).padStart(6)} ms  (n=${search.n})`,
    )
  }
  return results
}

// ---- where the time goes: every SQL statement timed, and the plans -------------------------------

type Classified = 'words' | 'page of hits' | 'facet counts' | 'other'
const CLASSIFIED: Classified[] = ['words', 'page of hits', 'facet counts', 'other']

/** What a statement is for, from its SQL (the engine's shapes as of c53169d, and the earlier ones). */
function classify(text: string): Classified {
  if (/search_words/.test(text)) return 'words'
  if (/GROUP BY d\.facet_mask|count\(\*\) AS total/.test(text)) return 'facet counts'
  // The page: its hits, and (ranking in tiers) how many matches the first tier has.
  if (/ORDER BY/.test(text) || /^\s*SELECT count\(\*\) AS n FROM/.test(text)) return 'page of hits'
  return 'other'
}

interface Logged {
  store: Store
  statements: Array<{ sql: string; parameters: readonly unknown[]; ms: number }>
  explain(text: string, parameters: readonly unknown[]): Promise<string>
  close(): Promise<void>
}

async function loggedStore(prepared: Prepared): Promise<Logged> {
  const statements: Logged['statements'] = []
  const onLog = (event: LogEvent) => {
    if (event.level === 'query') statements.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis })
  }
  if (prepared.kind === 'sqlite') {
    const handle = new SqliteDatabase(prepared.location.file ?? '')
    // The same connection settings as the site's own (openStore), read back from its connection.
    for (const name of ['journal_mode', 'busy_timeout', 'synchronous', 'mmap_size', 'cache_size', 'foreign_keys']) {
      const result = await sql<Record<string, string | number>>`${sql.raw(`PRAGMA ${name}`)}`.execute(prepared.store.db)
      const value = Object.values(result.rows[0] ?? {})[0]
      if (value !== undefined) handle.pragma(`${name} = ${value}`)
    }
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }), log: onLog })
    return {
      store: { db, kind: 'sqlite', close: () => db.destroy() },
      statements,
      explain(text, parameters) {
        const rows = handle.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...parameters) as Array<{ id: number; parent: number; detail: string }>
        const depth = new Map<number, number>([[0, -1]])
        return Promise.resolve(
          rows
            .map((row) => {
              const level = (depth.get(row.parent) ?? -1) + 1
              depth.set(row.id, level)
              return `${'  '.repeat(level)}${row.detail}`
            })
            .join('\n'),
        )
      },
      close: () => db.destroy(),
    }
  }
  const pool = new pg.Pool({ connectionString: prepared.location.url!, max: 10, options: `-c search_path=${prepared.location.schema!},public` })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: onLog })
  return {
    store: { db, kind: 'postgres', close: () => db.destroy() },
    statements,
    async explain(text, parameters) {
      const result = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, parameters as unknown[])
      return result.rows.map((row) => row['QUERY PLAN']).join('\n')
    },
    close: () => db.destroy(),
  }
}

async function breakdown(prepared: Prepared, services: Services, results: QueryResult[]): Promise<string> {
  const logged = await loggedStore(prepared)
  const search = createSearchService(logged.store, services.postcodes, { invalidPostcode: 'invalid', unknownPostcode: (postcode) => `unknown ${postcode}` })
  const plans: string[] = []
  try {
    for (const [index, query] of QUERIES.entries()) {
      const request: SearchRequest = requestFor(query.query)
      await search.search(request)
      const perKind = new Map<Classified, number[]>()
      const statementCounts = new Map<Classified, number>()
      for (let run = 0; run < 5; run++) {
        logged.statements.length = 0
        await search.search(request)
        const sums = new Map<Classified, number>()
        statementCounts.clear()
        for (const statement of logged.statements) {
          const kind = classify(statement.sql)
          sums.set(kind, (sums.get(kind) ?? 0) + statement.ms)
          statementCounts.set(kind, (statementCounts.get(kind) ?? 0) + 1)
        }
        for (const [kind, total] of sums) perKind.set(kind, [...(perKind.get(kind) ?? []), total])
      }
      results[index]!.statements = Object.fromEntries([...perKind].map(([kind, samples]) => [kind, median(samples)]))
      results[index]!.statementCounts = Object.fromEntries(statementCounts)
      // The plans of one run's statements (the spelling lookups are primary-key lookups: skipped).
      logged.statements.length = 0
      const { plan }: { plan: EngineQuery } = await search.plan(request)
      logged.statements.length = 0
      await search.engine.search(plan)
      plans.push(`### ${query.id}\n\n\`${`/search?${query.query}`}\`\n`)
      // Each distinct statement once (a chosen filter's counts differ only in their WHERE), at most 4.
      const seen = new Set<string>()
      for (const statement of logged.statements) {
        const kind = classify(statement.sql)
        const key = `${statement.sql}|${JSON.stringify(statement.parameters)}`
        if (seen.has(key) || seen.size >= 4) continue
        seen.add(key)
        const plan = await logged.explain(statement.sql, statement.parameters)
        plans.push(`${kind}:\n\n\`\`\`\n${statement.sql.replace(/\s+/g, ' ').trim()}\n-- parameters: ${JSON.stringify(statement.parameters)}\n\n${plan}\n\`\`\`\n`)
      }
    }
  } finally {
    await logged.close()
  }
  return plans.join('\n')
}

// ---- (c): over HTTP -------------------------------------------------------------------------------

interface HttpResult {
  /** Whether the server kept rendered pages (PAGE_CACHE_ENTRIES); with it off, every request searches and renders. */
  pagesKept: boolean
  connections: number
  seconds: number
  requests: number
  requestsPerSecond: number
  latency: { p50: number; p97_5: number; p99: number; mean: number; max: number }
  non2xx: number
  errors: number
  timeouts: number
  /** 1-minute load average before and after the measured run: other work on the machine shows here. */
  loadBefore: number
  loadAfter: number
  /** The same server's ceiling, pages not kept: the cheapest search URL alone, and /health (no search, no page). */
  ceiling: Array<{ path: string; seconds: number; requestsPerSecond: number; p50: number; p99: number; non2xx: number; errors: number }>
}

async function startServer(prepared: Prepared, pagesKept: boolean): Promise<{ port: number; child: ChildProcess }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV,
    ...(pagesKept ? {} : { PAGE_CACHE_ENTRIES: '0' }),
    BENCH_STORE: prepared.kind,
    ...(prepared.location.file ? { BENCH_SQLITE_FILE: prepared.location.file } : {}),
    ...(prepared.location.url ? { BENCH_PG_URL: prepared.location.url, BENCH_PG_SCHEMA: prepared.location.schema } : {}),
  }
  const child = fork(resolve(ROOT, 'bench/http-server.ts'), [], { execArgv: ['--import', 'tsx'], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const stop = () => {
    if (child.exitCode === null && child.pid !== undefined) child.kill('SIGTERM')
  }
  cleanups.push(stop)
  const port = await new Promise<number>((done, fail) => {
    child.once('message', (message: { port?: number }) => (message.port ? done(message.port) : fail(new Error('no port'))))
    child.once('exit', (code) => fail(new Error(`the HTTP server exited early (${code})`)))
  })
  return { port, child }
}

function cannon(port: number, seconds: number, paths: string[] = QUERIES.map((query) => `/search?${query.query}`)): Promise<autocannon.Result> {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: options.connections,
    duration: seconds,
    timeout: options.timeout,
    // Each connection goes round the same mix, in order.
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
  })
}

/** The search in the mix that costs least in process: the server's ceiling with a search and a page. */
const CHEAPEST = QUERIES[QUERIES.length - 1]!

async function measureHttp(prepared: Prepared, pagesKept: boolean): Promise<HttpResult> {
  const { port, child } = await startServer(prepared, pagesKept)
  try {
    for (const query of QUERIES) {
      const response = await fetch(`http://127.0.0.1:${port}/search?${query.query}`)
      if (response.status !== 200) throw new Error(`/search?${query.query} gave HTTP ${response.status}`)
      await response.text()
    }
    await cannon(port, Math.min(5, options.seconds)) // warm-up, not recorded
    const loadBefore = round(os.loadavg()[0] ?? 0)
    const result = await cannon(port, options.seconds)
    const loadAfter = round(os.loadavg()[0] ?? 0)
    const ceiling: HttpResult['ceiling'] = []
    for (const path of pagesKept ? [] : [`/search?${CHEAPEST.query}`, '/health']) {
      const seconds = Math.min(10, options.seconds)
      const alone = await cannon(port, seconds, [path])
      ceiling.push({
        path,
        seconds,
        requestsPerSecond: round(alone.requests.total / (alone.duration || seconds), 1),
        p50: alone.latency.p50,
        p99: alone.latency.p99,
        non2xx: alone.non2xx,
        errors: alone.errors,
      })
    }
    return {
      pagesKept,
      connections: options.connections,
      seconds: options.seconds,
      requests: result.requests.total,
      requestsPerSecond: round(result.requests.total / (result.duration || options.seconds), 1),
      latency: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, mean: round(result.latency.average), max: result.latency.max },
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      loadBefore,
      loadAfter,
      ceiling,
    }
  } finally {
    await new Promise<void>((done) => {
      if (child.exitCode !== null) return done()
      child.once('exit', () => done())
      child.kill('SIGTERM')
    })
  }
}

// ---- the run --------------------------------------------------------------------------------------

interface StoreResult {
  kind: StoreKind
  facts: Record<string, unknown>
  generation: Prepared['generation']
  queries: QueryResult[]
  /** Pages kept (as deployed) first, then every request searched and rendered. */
  http: HttpResult[]
  pooled: Summary
  targets: { p95Under50: string; p95Within2xBare: string; http500PerSecond?: string }
}

function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'FAIL'
}

async function runStore(kind: StoreKind): Promise<{ result: StoreResult; plans: string }> {
  const prepared = kind === 'sqlite' ? await prepareSqlite() : await preparePostgres()
  cleanups.push(() => prepared.store.close())
  const location = prepared.kind === 'sqlite' ? prepared.location.file! : prepared.location.url!
  const services = await buildServices(benchConfig(location), prepared.store)
  const facts = await storeFacts(prepared)
  log(`${kind}: ${String(facts.version)}, ${String(facts.sizeMB)} MB, ${JSON.stringify(facts.rows)}`)
  log(`${kind}: load average ${os.loadavg().map((value) => value.toFixed(2)).join(' ')}`)
  log(`${kind}: in process, ${options.warmup} warm-up runs then up to ${options.iterations} per query (search, bare and plan interleaved)`)
  const queries = await measureInProcess(services)
  log(`${kind}: timing each SQL statement and collecting plans`)
  const plans = await breakdown(prepared, services, queries)
  const http: HttpResult[] = []
  for (const pagesKept of [true, false]) {
    log(`${kind}: HTTP, autocannon, ${options.connections} connections, ${options.seconds} s over the same ${QUERIES.length} URLs, pages ${pagesKept ? 'kept' : 'not kept'}`)
    const run = await measureHttp(prepared, pagesKept)
    log(`  ${run.requestsPerSecond} requests/s, p50 ${run.latency.p50} ms, p97.5 ${run.latency.p97_5} ms, p99 ${run.latency.p99} ms, non-2xx ${run.non2xx}, errors ${run.errors}`)
    for (const c of run.ceiling) log(`  ceiling ${c.path}: ${c.requestsPerSecond} requests/s, p50 ${c.p50} ms, p99 ${c.p99} ms`)
    http.push(run)
  }
  const [kept, rendered] = http as [HttpResult, HttpResult]

  const pooled = summarise(queries.flatMap((query) => query.samples))
  const passing = queries.filter((query) => query.search.p95 < TARGET_P95_MS).length
  const within = queries.filter((query) => query.ratio <= TARGET_BARE_RATIO).length
  const result: StoreResult = {
    kind,
    facts,
    generation: prepared.generation,
    queries,
    http,
    pooled,
    targets: {
      p95Under50: `${verdict(passing === queries.length)}: ${passing} of ${queries.length} queries have p95 < ${TARGET_P95_MS} ms (worst ${ms(Math.max(...queries.map((q) => q.search.p95)))} ms)`,
      p95Within2xBare: `${verdict(within === queries.length)}: ${within} of ${queries.length} queries have p95 <= ${TARGET_BARE_RATIO}x bare (worst ${Math.max(...queries.map((q) => q.ratio))}x)`,
      ...(kind === 'sqlite'
        ? {
            http500PerSecond: `${verdict(kept.requestsPerSecond >= TARGET_HTTP_RPS)}: ${kept.requestsPerSecond} searches/s with pages kept (target >= ${TARGET_HTTP_RPS}); ${rendered.requestsPerSecond}/s when every request is searched and rendered`,
          }
        : {}),
    },
  }
  return { result, plans }
}

function machine(): Record<string, unknown> {
  const cpus = os.cpus()
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? '?',
    memoryGB: round(os.totalmem() / 1024 ** 3, 1),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    code: codeVersion(ROOT),
    node: process.version,
    nodeEnv: process.env.NODE_ENV,
    loadAverage: os.loadavg().map((value) => round(value)),
  }
}

function queryTable(result: StoreResult): string {
  return table(
    ['#', 'query', 'kind', 'total', 'plan p50', 'search p50', 'p95', 'p99', 'mean', 'bare p50', 'bare p95', 'p95/bare', 'n', 'p95<50'],
    result.queries.map((q, index) => [
      index + 1,
      q.id,
      q.kind,
      q.total,
      ms(q.plan.p50),
      ms(q.search.p50),
      ms(q.search.p95),
      ms(q.search.p99),
      ms(q.search.mean),
      ms(q.bare.p50),
      ms(q.bare.p95),
      `${q.ratio}x`,
      q.search.n,
      q.search.p95 < TARGET_P95_MS ? 'yes' : 'NO',
    ]),
    ['r', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
  )
}

function statementTable(result: StoreResult): string {
  return table(
    ['#', 'query', ...CLASSIFIED.map((kind) => `${kind} ms (statements)`)],
    result.queries.map((q, index) => [
      index + 1,
      q.id,
      ...CLASSIFIED.map((kind) => (q.statements?.[kind] === undefined ? '-' : `${ms(q.statements[kind])} (${q.statementCounts?.[kind] ?? '?'})`)),
    ]),
    ['r', 'l', 'r', 'r', 'r', 'r'],
  )
}

function report(results: StoreResult[], started: Date): string {
  const lines: string[] = []
  lines.push(`# Search benchmark: ${scale} scale, ${started.toISOString().slice(0, 10)}`)
  lines.push('')
  lines.push('All data is SYNTHETIC (bench/generate.ts): "Synthetic council N", names labelled "(synthetic)". See bench/README.md.')
  lines.push('')
  lines.push(`Code measured: ${codeVersion(ROOT)}.`)
  lines.push('')
  lines.push('## Machine and settings')
  lines.push('')
  lines.push('```')
  lines.push(JSON.stringify({ machine: machine(), options: { ...options, postgres: results.some((r) => r.kind === 'postgres') ? postgresUrl.replace(/:[^:@/]*@/, ':***@') : undefined } }, null, 2))
  lines.push('```')
  for (const result of results) {
    lines.push('')
    lines.push(`## ${result.kind}: ${String(result.facts.version)}`)
    lines.push('')
    const g = result.generation
    lines.push(
      `Data: ${JSON.stringify(result.facts.rows)}; ${String(result.facts.sizeMB)} MB. ` +
        `Generation: ${g.seconds.total} s (building rows ${g.seconds.generate} s, tables ${g.seconds.data} s, search index ${g.seconds.index} s)` +
        (g.cached ? ` — reused from bench/.cache (generated ${g.cachedAt ?? '?'})` : '') +
        '.',
    )
    if (result.facts.settings) lines.push(`\nSettings: ${JSON.stringify(result.facts.settings)}`)
    lines.push('')
    lines.push('In process (milliseconds; plan = search.plan(), search = search.search(), bare = search.engine.bare() on the same plan; nearest-rank percentiles over n runs):')
    lines.push('')
    lines.push(queryTable(result))
    lines.push('')
    lines.push('Where the time goes: median ms per kind of SQL statement in one search.search(), summed over that kind\'s statements (how many in brackets), from 5 logged runs. On PostgreSQL the engine runs them concurrently on separate pooled connections, so they overlap and each is slowed by the others; on SQLite they run one after another.')
    lines.push('')
    lines.push(statementTable(result))
    if (result.http.length > 0) {
      const [first] = result.http
      lines.push('')
      lines.push(`HTTP (autocannon ${first!.connections} connections, ${first!.seconds} s, loopback, all ${QUERIES.length} URLs in turn; server in a child process; autocannon's own percentiles: p50, p97.5, p99). "Pages kept" is the server as deployed (PAGE_CACHE_ENTRIES default): after the warm-up every URL of the fixed mix is served from memory. "Not kept" (PAGE_CACHE_ENTRIES=0) searches and renders on every request: what a search nobody has made yet costs.`)
      lines.push('')
      lines.push(
        table(
          ['pages', 'requests', 'requests/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'mean ms', 'max ms', 'non-2xx', 'errors', 'timeouts', 'load before/after'],
          result.http.map((h) => [h.pagesKept ? 'kept' : 'not kept', h.requests, h.requestsPerSecond, h.latency.p50, h.latency.p97_5, h.latency.p99, h.latency.mean, h.latency.max, h.non2xx, h.errors, h.timeouts, `${h.loadBefore} / ${h.loadAfter}`]),
          ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
        ),
      )
      const ceiling = result.http.flatMap((h) => h.ceiling)
      lines.push('')
      lines.push(`The same server's ceiling, pages not kept (one URL repeated, ${first!.connections} connections): what the framework and page cost without an expensive search:`)
      lines.push('')
      lines.push(
        table(
          ['URL', 'seconds', 'requests/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
          ceiling.map((c) => [c.path, c.seconds, c.requestsPerSecond, c.p50, c.p99, c.non2xx, c.errors]),
          ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
        ),
      )
    }
    lines.push('')
    lines.push('Targets:')
    lines.push('')
    lines.push(`- in-process p95 < ${TARGET_P95_MS} ms: ${result.targets.p95Under50}; all ${result.pooled.n} samples pooled: p50 ${ms(result.pooled.p50)}, p95 ${ms(result.pooled.p95)}, p99 ${ms(result.pooled.p99)} ms`)
    lines.push(`- in-process p95 <= ${TARGET_BARE_RATIO}x bare: ${result.targets.p95Within2xBare}`)
    if (result.targets.http500PerSecond) lines.push(`- HTTP >= ${TARGET_HTTP_RPS} searches/s: ${result.targets.http500PerSecond}`)
  }
  lines.push('')
  return lines.join('\n')
}

async function main(): Promise<void> {
  const started = new Date()
  log(`Code: ${codeVersion(ROOT)}`)
  log(`Search benchmark: scale ${scale} (${JSON.stringify(SCALES[scale])}), stores ${stores.join(', ')}; all data SYNTHETIC`)
  const results: StoreResult[] = []
  const plans: string[] = []
  for (const kind of stores) {
    const { result, plans: storePlans } = await runStore(kind)
    results.push(result)
    plans.push(`## ${kind}\n\n${storePlans}`)
    await cleanUp()
  }
  const text = report(results, started)
  console.log(`\n${text}`)
  mkdirSync(RESULTS, { recursive: true })
  // A second run on the same day gets -2, -3…: results already written are never overwritten.
  const dated = join(RESULTS, `${started.toISOString().slice(0, 10)}-${scale}`)
  let base = dated
  for (let run = 2; existsSync(`${base}.md`); run++) base = `${dated}-${run}`
  writeFileSync(`${base}.md`, text)
  writeFileSync(`${base}.json`, JSON.stringify({ started: started.toISOString(), scale, options, machine: machine(), results }, null, 2))
  writeFileSync(`${base}-plans.md`, `# Query plans: ${scale} scale, ${started.toISOString().slice(0, 10)}\n\nSQLite: EXPLAIN QUERY PLAN. PostgreSQL: EXPLAIN (ANALYZE, BUFFERS). Each distinct statement of one search, up to 4 per search.\n\n${plans.join('\n')}`)
  log(`\nWritten: ${base}.md, ${base}.json, ${base}-plans.md`)
}

try {
  await main()
} finally {
  await cleanUp()
}

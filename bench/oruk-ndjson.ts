// Does GET /api/oruk/services?format=ndjson stream a national directory in flat memory? On
// SYNTHETIC national-scale data (bench/generate.ts), on SQLite and PostgreSQL.
//
//   npx tsx bench/oruk-ndjson.ts                                   200,000 and 20,000 services, both stores
//   npx tsx bench/oruk-ndjson.ts --services=200000 --store=sqlite  one size, one store
//
// Options:
//   --services=N[,N…]            services in the store (default 200000,20000; at most 200,000, the
//                                national scale: fewer are the first N by id of the national data)
//   --store=sqlite|postgres|both default both
//   --pause=S                    seconds the client stops reading at 10% of the lines (default 3), to
//                                show the server waits for a slow reader instead of buffering
//   PostgreSQL: TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test, in a schema of
//   its own (bench_ndjson_<random>), dropped at the end (also on Ctrl-C).
//
// The site runs in a CHILD process (this file again, with BENCH_NDJSON_SERVE=1: the whole site,
// production settings, on 127.0.0.1), so the memory read from /proc/<pid>/status every 100 ms is
// the server's alone. A fresh child serves each request, so its high-water mark (VmHWM) is that
// request's. The client (this process) counts the lines, parses each and checks every id comes once.
//
// Writes bench/results/<date>-oruk-ndjson.md.
import { fork, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { get } from 'node:http'
import os from 'node:os'
import { join, resolve } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import pg from 'pg'
import { loadConfig } from '../src/config.js'
import { openStore, type Store, type StoreKind } from '../src/db/connection.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { buildServices } from '../src/services.js'
import { buildApp } from '../src/web/app.js'
import { fingerprint, generatePostgres, generateSqlite, SCALES } from './generate.js'
import { round, table } from './stats.js'

const ROOT = resolve(import.meta.dirname, '..')
const CACHE = resolve(ROOT, 'bench/.cache')
const RESULTS = resolve(ROOT, 'bench/results')
const NATIONAL = SCALES.national.services

// ---- options ------------------------------------------------------------------------------------

function option(name: string): string | undefined {
  const prefix = `--${name}=`
  const argument = process.argv.find((arg) => arg.startsWith(prefix))
  return argument?.slice(prefix.length)
}

const sizes = (option('services') ?? `${NATIONAL},20000`)
  .split(',')
  .map((text) => Number(text.trim()))
  .sort((a, b) => b - a)
for (const size of sizes) if (!Number.isInteger(size) || size < 1 || size > NATIONAL) throw new Error(`--services must be whole numbers from 1 to ${NATIONAL}`)
const storeOption = option('store') ?? 'both'
if (!['sqlite', 'postgres', 'both'].includes(storeOption)) throw new Error('--store must be sqlite, postgres or both')
const stores: StoreKind[] = storeOption === 'both' ? ['sqlite', 'postgres'] : [storeOption as StoreKind]
const pauseSeconds = Number(option('pause') ?? 3)
if (!(pauseSeconds >= 0)) throw new Error('--pause must be a number of seconds')
const postgresUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'

const log = (line: string) => console.log(line)

// ---- clean-up, also on Ctrl-C -------------------------------------------------------------------

const cleanups: Array<() => Promise<void> | void> = []
async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()!()
    } catch (error) {
      console.error('clean-up step failed:', error)
    }
  }
}
function cleanUpOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up`)
      void cleanUp().finally(() => process.exit(130))
    })
  }
}

// ---- the stores: national SYNTHETIC data, cut down to N services --------------------------------

interface Prepared {
  kind: StoreKind
  /** What the child server is given. */
  env: Record<string, string>
  /** Keeps the first `services` services by id; the rest go, their places and schedules with them (ON DELETE CASCADE). */
  cutTo(services: number): Promise<void>
  count(): Promise<number>
}

async function prepareSqlite(): Promise<Prepared> {
  // The same cache as bench/run.ts (bench/.cache/national-<fingerprint>.sqlite and its sidecar), so each reuses the other's file.
  mkdirSync(CACHE, { recursive: true })
  const cached = join(CACHE, `national-${fingerprint()}.sqlite`)
  if (!existsSync(cached) || !existsSync(`${cached}.json`)) {
    log('sqlite: generating national SYNTHETIC data (cached afterwards in bench/.cache/)')
    for (const name of readdirSync(CACHE)) if (name.startsWith('national-')) rmSync(join(CACHE, name), { force: true })
    const building = `${cached}.building`
    const report = await generateSqlite(building, 'national', log)
    renameSync(building, cached)
    writeFileSync(`${cached}.json`, JSON.stringify({ ...report, cachedAt: new Date().toISOString() }, null, 2))
  } else log(`sqlite: reusing ${cached}`)
  const file = join(os.tmpdir(), `local-offer-ndjson-${process.pid}.sqlite`)
  copyFileSync(cached, file)
  if (existsSync(`${cached}-wal`)) copyFileSync(`${cached}-wal`, `${file}-wal`)
  cleanups.push(() => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
  })
  const open = () => {
    const handle = new SqliteDatabase(file)
    handle.pragma('foreign_keys = ON')
    return handle
  }
  return {
    kind: 'sqlite',
    env: { BENCH_STORE: 'sqlite', BENCH_SQLITE_FILE: file },
    async cutTo(services) {
      const handle = open()
      handle.prepare('DELETE FROM services WHERE id NOT IN (SELECT id FROM services ORDER BY id LIMIT ?)').run(services)
      handle.pragma('wal_checkpoint(TRUNCATE)')
      handle.close()
    },
    async count() {
      const handle = open()
      const row = handle.prepare('SELECT count(*) AS n FROM services').get() as { n: number }
      handle.close()
      return row.n
    },
  }
}

async function preparePostgres(): Promise<Prepared> {
  const schema = `bench_ndjson_${randomBytes(5).toString('hex')}`
  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<T>> => {
    const client = new pg.Client({ connectionString: postgresUrl })
    await client.connect()
    try {
      return await client.query<T>(text, values)
    } finally {
      await client.end()
    }
  }
  await query(`CREATE SCHEMA ${schema}`)
  cleanups.push(async () => {
    await query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    log(`postgres: schema ${schema} dropped`)
  })
  log(`postgres: loading national SYNTHETIC data into schema ${schema}`)
  const loader = openStore({ kind: 'postgres', url: postgresUrl }, { schema, poolSize: 2 })
  await migrateToLatest(loader)
  await loader.close()
  await generatePostgres(postgresUrl, schema, 'national', log)
  return {
    kind: 'postgres',
    env: { BENCH_STORE: 'postgres', BENCH_PG_URL: postgresUrl, BENCH_PG_SCHEMA: schema },
    async cutTo(services) {
      await query(`DELETE FROM ${schema}.services WHERE id NOT IN (SELECT id FROM ${schema}.services ORDER BY id LIMIT $1)`, [services])
      await query(`VACUUM ANALYZE ${schema}.services`)
    },
    async count() {
      const result = await query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.services`)
      return Number(result.rows[0]?.n ?? 0)
    },
  }
}

// ---- the server, and its memory -----------------------------------------------------------------

/**
 * The child: the site as deployed (templates cached, no demo data, no request logging). Its own
 * settings rather than bench/config.ts's: production requires an SMTP_URL, which is never used
 * here (the API sends no mail).
 */
async function serve(): Promise<void> {
  process.env.NODE_ENV = 'production'
  const postgres = process.env.BENCH_STORE === 'postgres'
  const location = postgres ? (process.env.BENCH_PG_URL ?? '') : (process.env.BENCH_SQLITE_FILE ?? '')
  const store: Store = postgres
    ? openStore({ kind: 'postgres', url: location }, { schema: process.env.BENCH_PG_SCHEMA ?? '' })
    : openStore({ kind: 'sqlite', file: location })
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: location,
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 'benchmark-only-secret-not-for-any-real-site',
    SMTP_URL: 'smtp://127.0.0.1:25',
  })
  const app = await buildApp(await buildServices(config, store))
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 })
  const stop = async () => {
    await app.close()
    await store.close()
    process.exit(0)
  }
  process.once('SIGTERM', () => void stop())
  process.once('disconnect', () => void stop())
}

interface Memory {
  /** Resident set: anonymous memory (the heap, buffers, SQLite's page cache) plus mapped file pages. */
  rss: number
  /** Anonymous memory alone: what the process itself holds. */
  anon: number
  /** Mapped file pages (code, and on SQLite the memory-mapped database file), which the kernel can drop. */
  file: number
  /** High-water mark of rss since the process started. */
  hwm: number
}

/** MB, from /proc/<pid>/status. */
function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) / 1024
  return { rss: field('VmRSS'), anon: field('RssAnon'), file: field('RssFile'), hwm: field('VmHWM') }
}

async function startServer(prepared: Prepared): Promise<{ port: number; child: ChildProcess }> {
  const child = fork(import.meta.filename, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...prepared.env, BENCH_NDJSON_SERVE: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const stop = () => {
    if (child.exitCode === null && child.pid !== undefined) child.kill('SIGTERM')
  }
  cleanups.push(stop)
  const port = await new Promise<number>((done, fail) => {
    child.once('message', (message: { port?: number }) => (message.port ? done(message.port) : fail(new Error('no port'))))
    child.once('exit', (code) => fail(new Error(`the server exited early (${code})`)))
  })
  return { port, child }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  child.kill('SIGTERM')
  await exited
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

// ---- one streamed request -----------------------------------------------------------------------

interface Run {
  store: StoreKind
  services: number
  path: string
  lines: number
  megabytes: number
  seconds: number
  baseline: Memory
  /** Highest RSS of the 100 ms samples during the request. */
  peak: Memory
  /** Every sample, the marks included. */
  samples: Memory[]
  at10: Memory
  afterPause: Memory | undefined
  at50: Memory
  at100: Memory
  /** At each tenth of the lines: 10%, 20% … 100%. */
  tenths: Memory[]
  /** VmHWM at the end: the child's high-water mark, start-up and this request together. */
  hwm: number
}

function fetchText(port: number, path: string): Promise<string> {
  return new Promise((done, fail) => {
    get({ host: '127.0.0.1', port, path }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => (response.statusCode === 200 ? done(body) : fail(new Error(`${path}: HTTP ${response.statusCode}`))))
    }).on('error', fail)
  })
}

async function measure(prepared: Prepared, services: number, path: string): Promise<Run> {
  const { port, child } = await startServer(prepared)
  const pid = child.pid!
  // One small request first, so the code the stream runs is loaded and compiled before the baseline.
  await fetchText(port, path.replace('format=ndjson', 'per_page=1'))
  await sleep(1000)
  const baseline = memoryOf(pid)
  const samples: Memory[] = []
  const sample = () => {
    const memory = memoryOf(pid)
    samples.push(memory)
    return memory
  }
  const sampler = setInterval(sample, 100)
  const marks: { at10?: Memory; afterPause?: Memory; at50?: Memory } = {}
  const tenths: Memory[] = []
  const ids = new Set<string>()
  let lines = 0
  let bytes = 0
  const started = process.hrtime.bigint()
  await new Promise<void>((done, fail) => {
    get({ host: '127.0.0.1', port, path }, (response) => {
      if (response.statusCode !== 200) return fail(new Error(`${path}: HTTP ${response.statusCode}`))
      if (!/^application\/x-ndjson/.test(String(response.headers['content-type']))) return fail(new Error(`${path}: not ndjson`))
      let rest = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        bytes += Buffer.byteLength(chunk)
        const parts = (rest + chunk).split('\n')
        rest = parts.pop() ?? ''
        for (const line of parts) {
          const record = JSON.parse(line) as { id?: unknown }
          if (typeof record.id !== 'string' || ids.has(record.id)) return fail(new Error(`line ${lines + 1}: no id, or an id seen before`))
          ids.add(record.id)
          lines += 1
          if (!marks.at10 && lines >= services * 0.1) {
            marks.at10 = sample()
            if (pauseSeconds > 0) {
              // A slow reader: the server must wait (backpressure), not read ahead into memory.
              response.pause()
              setTimeout(() => {
                marks.afterPause = sample()
                response.resume()
              }, pauseSeconds * 1000)
            }
          }
          if (!marks.at50 && lines >= services * 0.5) marks.at50 = sample()
          if (lines >= (services * (tenths.length + 1)) / 10) tenths.push(tenths.length === 0 ? marks.at10! : sample())
        }
      })
      response.on('end', () => (rest.trim() === '' ? done() : fail(new Error('the last line has no newline'))))
      response.on('error', fail)
    }).on('error', fail)
  })
  const at100 = sample()
  const seconds = Number(process.hrtime.bigint() - started) / 1e9 - (marks.afterPause ? pauseSeconds : 0)
  clearInterval(sampler)
  await stopServer(child)
  if (lines !== services) throw new Error(`${path}: ${lines} lines for ${services} services`)
  const peak = samples.reduce((high, sample) => (sample.rss > high.rss ? sample : high))
  return {
    store: prepared.kind,
    services,
    path,
    lines,
    megabytes: bytes / 1e6,
    seconds,
    baseline,
    peak,
    at10: marks.at10!,
    afterPause: marks.afterPause,
    at50: marks.at50!,
    at100,
    tenths,
    hwm: at100.hwm,
    samples,
  }
}

// ---- the report ---------------------------------------------------------------------------------

function cpu(): string {
  const info = readFileSync('/proc/cpuinfo', 'utf8')
  const model = /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? os.cpus()[0]?.model ?? '?'
  const count = (info.match(/^processor\s*:/gm) ?? []).length || os.cpus().length
  return `${count} × ${model}`
}

const mb = (value: number | undefined) => (value === undefined ? '-' : round(value, 1).toFixed(1))

function report(runs: Run[], command: string, started: Date, load: { before: number[]; after: number[] }): string {
  const lines: string[] = []
  lines.push(`# ORUK ndjson streaming at national scale (SYNTHETIC data), ${started.toISOString().slice(0, 10)}`)
  lines.push('')
  lines.push('All data is SYNTHETIC (bench/generate.ts): "Synthetic council N", names labelled "(synthetic)". See bench/README.md.')
  lines.push('')
  lines.push(`Command: \`${command}\``)
  lines.push('')
  lines.push(
    `Machine: ${cpu()}, ${round(os.totalmem() / 1024 ** 3, 1)} GB RAM, Node ${process.version}, ${os.type()} ${os.release()}. ` +
      `Load average ${load.before.map((value) => value.toFixed(2)).join(' ')} at the start, ${load.after.map((value) => value.toFixed(2)).join(' ')} at the end: ` +
      '**the machine was shared** with other engineers’ tests, so throughput is noisy; memory is what this measures.',
  )
  lines.push('')
  lines.push(
    'Each request is served by a fresh child process (the whole site, production settings, listening on 127.0.0.1). ' +
      'Memory is the child’s, from `/proc/<pid>/status`, in MB: **RSS** is VmRSS, **anon** is RssAnon (the heap, buffers and SQLite’s page cache: what the process itself holds), ' +
      'the rest of RSS is mapped file pages (code, and on SQLite the memory-mapped database file, which the kernel can drop). ' +
      '"baseline" is just before the request (after one `per_page=1` request has loaded the code), "peak" the highest of the samples taken every 100 ms during it, ' +
      `"10%", "50%" and "100%" when that share of the lines had been received. At 10% the client stops reading for ${pauseSeconds} s ("after pause"): ` +
      'a server that did not wait for a slow reader would fill its memory then. Throughput leaves the pause out. The client parses every line and checks each id comes once.',
  )
  lines.push('')
  const label = (run: Run) => [run.store, run.services.toLocaleString('en-GB'), `\`${run.path.replace('/api/oruk/services?', '')}\``]
  lines.push('### Throughput')
  lines.push('')
  lines.push(
    table(
      ['store', 'services', 'request', 'lines', 'MB sent', 'seconds', 'lines/s', 'MB/s'],
      runs.map((run) => [...label(run), run.lines.toLocaleString('en-GB'), mb(run.megabytes), round(run.seconds, 1).toFixed(1), Math.round(run.lines / run.seconds).toLocaleString('en-GB'), mb(run.megabytes / run.seconds)]),
      ['l', 'r', 'l', 'r', 'r', 'r', 'r', 'r'],
    ),
  )
  lines.push('')
  for (const [title, of] of [
    ['RSS (VmRSS), MB', (memory: Memory) => memory.rss],
    ['Anonymous memory (RssAnon), MB', (memory: Memory) => memory.anon],
  ] as const) {
    lines.push(`### ${title}`)
    lines.push('')
    lines.push(
      table(
        ['store', 'services', 'request', 'baseline', 'peak', 'peak − baseline', '10%', 'after pause', '50%', '100%', ...(title.startsWith('RSS') ? ['VmHWM'] : [])],
        runs.map((run) => {
          const peak = Math.max(...run.samples.map(of))
          return [
            ...label(run),
            mb(of(run.baseline)),
            mb(peak),
            mb(peak - of(run.baseline)),
            mb(of(run.at10)),
            mb(run.afterPause && of(run.afterPause)),
            mb(of(run.at50)),
            mb(of(run.at100)),
            ...(title.startsWith('RSS') ? [mb(run.hwm)] : []),
          ]
        }),
        ['l', 'r', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    )
    lines.push('')
  }
  lines.push('### Anonymous memory at each tenth of the lines, MB')
  lines.push('')
  lines.push('Growing with the lines would show as a climb from left to right; a bound shows as a level or a saw-tooth (the garbage collector).')
  lines.push('')
  lines.push(
    table(
      ['store', 'services', 'request', ...Array.from({ length: 10 }, (_, index) => `${(index + 1) * 10}%`)],
      runs.map((run) => [...label(run), ...run.tenths.map((memory) => mb(memory.anon))]),
      ['l', 'r', 'l', ...Array.from({ length: 10 }, () => 'r' as const)],
    ),
  )
  lines.push('')
  lines.push('Flat means the peak does not grow with the lines: each request’s rise over its baseline, at the two sizes, on the same store.')
  lines.push('')
  const rise = (run: Run, of: (memory: Memory) => number) => Math.max(...run.samples.map(of)) - of(run.baseline)
  for (const store of stores) {
    for (const path of PATHS) {
      const [large, small] = [...runs.filter((run) => run.store === store && run.path === path)].sort((a, b) => b.services - a.services)
      if (!large || !small || large === small) continue
      const sizes = `${large.services.toLocaleString('en-GB')} against ${small.services.toLocaleString('en-GB')} services`
      lines.push(
        `- ${store}, \`${path.replace('/api/oruk/services?', '')}\`, ${sizes}: RSS rose ${mb(rise(large, (memory) => memory.rss))} against ${mb(rise(small, (memory) => memory.rss))} MB, ` +
          `anonymous memory ${mb(rise(large, (memory) => memory.anon))} against ${mb(rise(small, (memory) => memory.anon))} MB.`,
      )
    }
  }
  lines.push('')
  return lines.join('\n')
}

// ---- main ---------------------------------------------------------------------------------------

/** The plain list, and full=true, which reads every service's places, contacts, schedules, needs and areas too. */
const PATHS = ['/api/oruk/services?format=ndjson', '/api/oruk/services?format=ndjson&full=true']

async function main(): Promise<void> {
  const started = new Date()
  const loadBefore = os.loadavg()
  const command = `npx tsx bench/oruk-ndjson.ts ${process.argv.slice(2).join(' ')}`.trim()
  const runs: Run[] = []
  for (const kind of stores) {
    const prepared = kind === 'sqlite' ? await prepareSqlite() : await preparePostgres()
    for (const services of sizes) {
      if (services < NATIONAL) {
        log(`${kind}: keeping the first ${services} services`)
        await prepared.cutTo(services)
      }
      const held = await prepared.count()
      if (held !== services) throw new Error(`${kind}: ${held} services held, ${services} wanted`)
      for (const path of PATHS) {
        log(`${kind}: ${services} services, GET ${path}`)
        const run = await measure(prepared, services, path)
        runs.push(run)
        log(
          `  ${run.lines} lines, ${mb(run.megabytes)} MB in ${run.seconds.toFixed(1)} s; RSS baseline ${mb(run.baseline.rss)}, peak ${mb(run.peak.rss)}, ` +
            `10% ${mb(run.at10.rss)}, after pause ${mb(run.afterPause?.rss)}, 50% ${mb(run.at50.rss)}, 100% ${mb(run.at100.rss)} MB (anon ${mb(run.baseline.anon)} → ${mb(run.at100.anon)})`,
        )
      }
    }
  }
  const text = report(runs, command, started, { before: loadBefore, after: os.loadavg() })
  console.log(`\n${text}`)
  mkdirSync(RESULTS, { recursive: true })
  const file = join(RESULTS, `${started.toISOString().slice(0, 10)}-oruk-ndjson.md`)
  writeFileSync(file, text)
  log(`written to ${file}`)
}

if (process.env.BENCH_NDJSON_SERVE === '1') await serve()
else {
  cleanUpOnSignals()
  try {
    await main()
  } finally {
    await cleanUp()
  }
}

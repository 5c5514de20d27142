// Measures the PROTOTYPE engine changes (bench/prototype-engine.ts) against the real engine, on
// the same SYNTHETIC data and the same 18 searches as bench/run.ts, and checks the results agree.
//
//   npx tsx bench/prototype.ts --store=sqlite   [--scale=national] [--iterations=10]
//   npx tsx bench/prototype.ts --store=postgres                      (loads its own schema, dropped after)
//
// Written to bench/results/<date>-<scale>-prototype-<store>.md (and printed).
import { randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join, resolve } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import pg from 'pg'
import { openStore, type Store } from '../src/db/connection.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { createSearchEngine } from '../src/search/engine.js'
import type { EngineQuery, EngineResult, SearchEngine } from '../src/search/types.js'
import { buildServices } from '../src/services.js'
import { benchConfig } from './config.js'
import { fingerprint, generatePostgres, generateSqlite, type Scale } from './generate.js'
import { createPrototypeEngine, type PrototypeSwitches } from './prototype-engine.js'
import { QUERIES, requestFor } from './queries.js'
import { codeVersion, ms, summarise, table } from './stats.js'

const ROOT = resolve(import.meta.dirname, '..')

function option(name: string, fallback: string): string {
  const argument = process.argv.find((arg) => arg.startsWith(`--${name}=`))
  return argument ? argument.slice(name.length + 3) : fallback
}

const kind = option('store', 'sqlite')
const scale = option('scale', 'national') as Scale
const iterations = Number(option('iterations', '10'))
const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'

interface Variant {
  name: string
  engine: SearchEngine
  /** Ties in rank may come back in another order: compare the set of hits, not the order. */
  tiesMayDiffer?: boolean
}

const cleanups: Array<() => Promise<void> | void> = []

async function sqliteVariants(): Promise<{ store: Store; variants: Variant[] }> {
  const cacheDir = resolve(ROOT, 'bench/.cache')
  mkdirSync(cacheDir, { recursive: true })
  const cached = join(cacheDir, `${scale}-${fingerprint()}.sqlite`)
  if (!existsSync(cached)) {
    for (const name of readdirSync(cacheDir)) if (name.startsWith(`${scale}-`)) rmSync(join(cacheDir, name), { force: true })
    await generateSqlite(cached, scale, console.log)
  }
  const file = join(os.tmpdir(), `local-offer-prototype-${process.pid}.sqlite`)
  copyFileSync(cached, file)
  cleanups.push(() => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
  })
  const store = openStore({ kind: 'sqlite', file })
  const handle = new SqliteDatabase(file, { readonly: true })
  handle.pragma('mmap_size = 1073741824')
  handle.pragma('cache_size = -262144')
  cleanups.push(() => {
    handle.close()
  })
  const make = (name: string, switches: PrototypeSwitches, tiesMayDiffer = false): Variant => ({ name, engine: createPrototypeEngine(store, switches), tiesMayDiffer })
  return {
    store,
    variants: [
      { name: 'engine (src)', engine: createSearchEngine(store) },
      make('A one-pass counts', { onePassCounts: true }),
      make('B late hits', { lateHits: true }),
      make('B+D FTS-only rank', { lateHits: true, ftsOnlyRank: true }, true),
      make('C location first', { locationFirst: true }),
      make('E counts in JS', { jsFacets: { handle } }),
      make('B+D+E', { lateHits: true, ftsOnlyRank: true, jsFacets: { handle } }, true),
    ],
  }
}

async function postgresVariants(): Promise<{ store: Store; variants: Variant[] }> {
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
    console.log(`schema ${schema} dropped`)
  })
  const loader = openStore({ kind: 'postgres', url: postgresUrl }, { schema, poolSize: 2 })
  await migrateToLatest(loader)
  await loader.close()
  console.log(`loading ${scale} SYNTHETIC data into ${schema}`)
  await generatePostgres(postgresUrl, schema, scale, console.log)
  const store = openStore({ kind: 'postgres', url: postgresUrl }, { schema })
  // The same engines on connections with other planner settings (session settings, nothing global).
  const tuned = (settings: string): Store => {
    const url = new URL(postgresUrl)
    url.searchParams.set('options', `-c search_path=${schema},public ${settings}`)
    const other = openStore({ kind: 'postgres', url: url.toString() })
    cleanups.push(() => other.close())
    return other
  }
  const cheapRandom = tuned('-c random_page_cost=1.1')
  const serial = tuned('-c max_parallel_workers_per_gather=0')
  return {
    store,
    variants: [
      { name: 'engine (src)', engine: createSearchEngine(store) },
      { name: 'A one-pass counts', engine: createPrototypeEngine(store, { onePassCounts: true }) },
      { name: 'A + random_page_cost=1.1', engine: createPrototypeEngine(cheapRandom, { onePassCounts: true }) },
      { name: 'A + no parallel workers', engine: createPrototypeEngine(serial, { onePassCounts: true }) },
    ],
  }
}

function same(a: EngineResult, b: EngineResult, tiesMayDiffer: boolean): string {
  if (a.total !== b.total) return `total ${b.total} ≠ ${a.total}`
  if (JSON.stringify(a.facets) !== JSON.stringify(b.facets)) return 'facets differ'
  const ids = (result: EngineResult) => result.hits.map((hit) => hit.subjectId)
  if (JSON.stringify(ids(a)) === JSON.stringify(ids(b))) return 'same'
  // Same records, or the same names in the same order (equally ranked records with equal names).
  const names = (result: EngineResult) => result.hits.map((hit) => hit.name)
  if (tiesMayDiffer || JSON.stringify(names(a)) === JSON.stringify(names(b))) return 'same counts; ties in another order'
  return 'hits differ'
}

async function main(): Promise<void> {
  const { store, variants } = kind === 'postgres' ? await postgresVariants() : await sqliteVariants()
  cleanups.push(() => store.close())
  const location = kind === 'postgres' ? postgresUrl : ':memory:'
  const services = await buildServices(benchConfig(location), store)
  const plans: EngineQuery[] = []
  for (const query of QUERIES) plans.push((await services.search.plan(requestFor(query.query))).plan)

  const medians: string[][] = QUERIES.map((query, index) => [String(index + 1), query.id])
  const checks: string[][] = QUERIES.map(() => [])
  const pooled: number[][] = variants.map(() => [])
  for (const [q, plan] of plans.entries()) {
    const reference = await variants[0]!.engine.search(plan)
    for (const variant of variants) {
      checks[q]!.push(same(reference, await variant.engine.search(plan), variant.tiesMayDiffer ?? false))
      await variant.engine.search(plan)
    }
    // Round-robin: each iteration runs every variant once, so bursts of other work on the machine hit all alike.
    const samples: number[][] = variants.map(() => [])
    for (let i = 0; i < iterations; i++) {
      for (const [v, variant] of variants.entries()) {
        const since = process.hrtime.bigint()
        await variant.engine.search(plan)
        samples[v]!.push(Number(process.hrtime.bigint() - since) / 1e6)
      }
    }
    samples.forEach((list, v) => {
      const summary = summarise(list)
      pooled[v]!.push(...list)
      medians[q]!.push(`${ms(summary.p50)} / ${ms(summary.p95)}`)
    })
    console.log(`${QUERIES[q]!.id.padEnd(48)} ${medians[q]!.slice(2).join('  ')}`)
  }
  // checks[q][0] compares the real engine with its own first run: ties it orders differently each time show there.
  const rows = medians.map((row, q) => [...row, checks[q]!.map((check) => (check === 'same' ? '=' : check === 'same counts; ties in another order' ? 'ties' : check)).join(' ')])
  rows.push(['', 'all samples pooled', ...pooled.map((samples) => { const s = summarise(samples); return `${ms(s.p50)} / ${ms(s.p95)}` }), ''])
  const text = [
    `# Prototype engine changes: ${kind}, ${scale} scale, ${new Date().toISOString().slice(0, 10)}`,
    '',
    'engine.search(plan) for the 18 benchmark searches, p50 / p95 ms over ' + `${iterations} runs each (after a warm-up), the variants run in turn within each round. Data SYNTHETIC.`,
    `Code: ${codeVersion(ROOT)}. "engine (src)" is src/search/engine.ts as of that commit; the variants are bench/prototype-engine.ts.`,
    'Variants are bench/prototype-engine.ts switches: A one pass for all facet counts; B late materialisation of the page;',
    'C a small radius driven by the (lat, lng) index; D ranking inside FTS5 alone when nothing else filters; E counts in JavaScript',
    'from the matching rowids and an in-memory copy of the facet masks. "same results", one mark per variant (the first is the real engine',
    'against its own earlier run): "=" same total, facet counts and hits in the same order; "ties" same total and counts, and the',
    'same names in order, but equally ranked records with equal names in another order; anything else is spelt out.',
    '',
    table(['#', 'query', ...variants.map((variant) => variant.name), 'same results'], rows),
    '',
    `Machine: ${os.cpus().length} cores, load average ${os.loadavg().map((value) => value.toFixed(2)).join(' ')} at the end.`,
    '',
  ].join('\n')
  console.log(`\n${text}`)
  const out = resolve(ROOT, `bench/results/${new Date().toISOString().slice(0, 10)}-${scale}-prototype-${kind}.md`)
  writeFileSync(out, text)
  console.log(`Written: ${out}`)
}

try {
  await main()
} finally {
  while (cleanups.length > 0) await cleanups.pop()!()
}

// What SQLite's in-memory search structures cost at national scale (docs/decisions/0012): the
// first read of each benchmark query's word lists from FTS5, the entries and bytes the lists keep
// after all 18 searches, and the time and memory to build the grid of places. Run:
//   npx tsx --expose-gc bench/search-memory.ts [--file=path.sqlite]
// The default file is the SYNTHETIC national data `npm run bench` caches in bench/.cache/ (run it
// once first). The file is only read. Writes bench/results/search-memory.md.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { openStore } from '../src/db/connection.js'
import { boundingBox, milesToKm } from '../src/geo/distance.js'
import { loadPostcodeLookup } from '../src/geo/postcodes.js'
import { createDocValuesCache } from '../src/search/doc-values.js'
import { wordTreeOf } from '../src/search/engine.js'
import { buildPlacesGrid, type PlacesGrid } from '../src/search/places-grid.js'
import { lexemesOf } from '../src/search/postings.js'
import { createWordPostingsReader } from '../src/search/postings-sqlite.js'
import { createSearchService } from '../src/search/service.js'
import { fingerprint } from './generate.js'
import { QUERIES, requestFor } from './queries.js'
import { percentile } from './stats.js'

/** About the M1 postcode district's centre. */
const MANCHESTER = { lat: 53.48, lng: -2.24 }
const ROOT = resolve(import.meta.dirname, '..')
const fileOption = process.argv.find((arg) => arg.startsWith('--file='))?.slice('--file='.length)
const file = fileOption ?? resolve(ROOT, `bench/.cache/national-${fingerprint()}.sqlite`)
if (!existsSync(file)) throw new Error(`${file} does not exist: run \`npm run bench -- --stores=sqlite\` once, or give --file=`)
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('Run with --expose-gc, so that memory is measured after collection')

const store = openStore({ kind: 'sqlite', file })
const search = createSearchService(store, await loadPostcodeLookup(), { invalidPostcode: 'invalid', unknownPostcode: (postcode) => `unknown ${postcode}` })
const values = await createDocValuesCache(store).current()
const reader = createWordPostingsReader(store.db)

const lines = [
  '# SQLite search structures at national scale',
  '',
  `All data is SYNTHETIC (bench/generate.ts). File: \`${file.replace(`${ROOT}/`, '')}\`, ${values.liveIds.length} records.`,
  '',
  '| # | query | words | new words | entries read | first read ms |',
  '|--:|---|--:|--:|--:|--:|',
]
const words = new Set<string>()
for (const [index, query] of QUERIES.entries()) {
  const { plan } = await search.plan(requestFor(query.query))
  const tree = wordTreeOf(plan.query)
  if (!tree) {
    lines.push(`| ${index + 1} | ${query.id} | - | - | - | (no words) |`)
    continue
  }
  const own = lexemesOf(tree)
  const fresh = own.filter((word) => !words.has(word))
  const started = performance.now()
  const lists = await reader.read(own, values)
  const ms = performance.now() - started
  for (const word of own) words.add(word)
  const entries = fresh.reduce((sum, word) => sum + (lists.get(word)?.ids.length ?? 0), 0)
  lines.push(`| ${index + 1} | ${query.id} | ${own.length} | ${fresh.length} | ${entries} | ${fresh.length > 0 ? ms.toFixed(1) : '(all kept)'} |`)
}
const kept = await reader.read([...words], values)
const entries = [...kept.values()].reduce((sum, list) => sum + list.ids.length, 0)
const bytes = [...kept.values()].reduce((sum, list) => sum + list.ids.byteLength + list.scores.byteLength, 0)
lines.push('', `Kept after all 18: ${words.size} words, ${entries} entries, ${(bytes / 1e6).toFixed(1)} MB.`)

const builds: number[] = []
let grid: PlacesGrid | undefined
for (let run = 0; run < 10; run++) {
  const started = performance.now()
  grid = buildPlacesGrid(values)
  builds.push(performance.now() - started)
}
const near = grid!.near(boundingBox(MANCHESTER, milesToKm(10))).length
// What the last grid holds: memory with it, less memory once it is dropped.
gc()
const held = process.memoryUsage()
grid = undefined
gc()
const dropped = process.memoryUsage()
const retained = held.heapUsed + held.arrayBuffers - (dropped.heapUsed + dropped.arrayBuffers)
lines.push(
  `Grid of places: built in ${percentile([...builds].sort((a, b) => a - b), 0.5).toFixed(1)} ms (median of ${builds.length}), holding ${(retained / 1e6).toFixed(1)} MB; ${near} records in the cells under a 10-mile box around central Manchester.`,
)
await store.close()

const report = `${lines.join('\n')}\n`
console.log(report)
mkdirSync(resolve(ROOT, 'bench/results'), { recursive: true })
writeFileSync(resolve(ROOT, 'bench/results/search-memory.md'), report)

import Database from 'better-sqlite3'
import { openStore } from '../src/db/connection.js'
import { fts5Expression } from '../src/search/engine.js'
import { buildServices } from '../src/services.js'
import { loadConfig } from '../src/config.js'
import { requestFor } from './queries.js'
const file = process.argv[2]!
const store = openStore({ kind: 'sqlite', file })
const services = await buildServices(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SEED_DEMO_DATA: 'false', DATA_DIR: '/tmp' }), store)
const raw = new Database(file, { readonly: true }); raw.pragma('mmap_size = 1073741824')
function time(label: string, fn: () => unknown) { fn(); const t: number[] = []; let r: unknown; for (let i = 0; i < 5; i++) { const s = performance.now(); r = fn(); t.push(performance.now() - s) } t.sort((a, b) => a - b); console.log(label.padEnd(40), t[2]!.toFixed(1), 'ms', JSON.stringify(r).slice(0, 60)) }
for (const q of process.argv.slice(3)) {
  const { plan } = await services.search.plan(requestFor(q))
  const e = fts5Expression(plan.query)
  console.log(q, '=>', e)
  time('match ids', () => (raw.prepare('SELECT group_concat(rowid) g FROM search_fts WHERE search_fts MATCH ?').pluck().get(e) as string).length)
  time('count', () => raw.prepare('SELECT count(*) FROM search_fts WHERE search_fts MATCH ?').pluck().get(e))
  time('rank name tier 20', () => raw.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY bm25(search_fts,10.0,4.0,1.0), rowid LIMIT 20').pluck().all(`{name} : (${e})`).length)
  time('rank name tier 500', () => raw.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY bm25(search_fts,10.0,4.0,1.0), rowid LIMIT 500').pluck().all(`{name} : (${e})`).length)
  time('name tier count', () => raw.prepare('SELECT count(*) FROM search_fts WHERE search_fts MATCH ?').pluck().get(`{name} : (${e})`))
  let s = performance.now(); await services.search.search(requestFor(q)); s = performance.now(); const r = await services.search.search(requestFor(q)); console.log('full search', (performance.now() - s).toFixed(1), r.total)
}

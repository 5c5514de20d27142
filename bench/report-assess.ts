// Time to assess one large SEN information report (text already extracted). Run:
//   npx tsx bench/report-assess.ts [runs]
// The input is GENERATED: the four seed school reports concatenated and repeated to about
// 50 KB, which is two to four times the size of a typical real report. Target: p95 under 200 ms.
// Writes the figures to bench/results/report-assess.md.

import { readFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { performance } from 'node:perf_hooks'
import { assessReport } from '../src/reports/assess.js'
import { splitSections } from '../src/reports/sections.js'
import { percentile } from './stats.js'

const TARGET_BYTES = 50 * 1024
const TARGET_MS = 200
const runs = Number(process.argv[2] ?? 200)

const seeds = ['cromwell-primary-sen-report', 'abercromby-nursery-local-offer', 'alexandra-infants-junior-local-offer', 'bawtry-mayflower-primary-send'].map((name) =>
  readFileSync(new URL(`../data/seed-documents/${name}.txt`, import.meta.url), 'utf8'),
)
let text = ''
for (let round = 0; Buffer.byteLength(text) < TARGET_BYTES; round++) text += `${seeds[round % seeds.length] ?? ''}\n\n`
text = text.slice(0, TARGET_BYTES)

// Warm up the JIT and the regex caches, as a long-running server would be.
for (let index = 0; index < 10; index++) assessReport(text, { today: '2026-12-01' })
const times: number[] = []
for (let index = 0; index < runs; index++) {
  const started = performance.now()
  assessReport(text, { today: '2026-12-01' })
  times.push(performance.now() - started)
}
times.sort((a, b) => a - b)
const p50 = percentile(times, 0.5)
const p95 = percentile(times, 0.95)
const max = times[times.length - 1] ?? 0
const fmt = (ms: number): string => ms.toFixed(1)
const sections = splitSections(text).length
const markdown = [
  '# SEN information report assessment: speed',
  '',
  `Input: generated, the four seed school reports concatenated and repeated to ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB (${text.length.toLocaleString('en-GB')} characters, ${sections} sections).`,
  `Runs: ${runs} after 10 warm-up runs, one process, Node ${process.version}, ${cpus().length} CPU cores (${cpus()[0]?.model ?? 'unknown'}).`,
  '',
  '| p50 ms | p95 ms | max ms | target |',
  '|--:|--:|--:|--:|',
  `| ${fmt(p50)} | ${fmt(p95)} | ${fmt(max)} | p95 < ${TARGET_MS} ms: ${p95 < TARGET_MS ? 'met' : 'NOT met'} |`,
  '',
  'Command: `npx tsx bench/report-assess.ts [runs]`. Other work on the machine at the same time moves these figures.',
  '',
].join('\n')
mkdirSync(new URL('results/', import.meta.url), { recursive: true })
writeFileSync(new URL('results/report-assess.md', import.meta.url), markdown)
console.log(markdown)

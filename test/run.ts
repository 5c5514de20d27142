// Runs the test files with node's own test runner (through tsx for TypeScript).
// `npm test` runs every kind; `npm test -- unit` (or integration, browser) runs one kind.
// Node 20 has no glob support in --test, so the files are listed here.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { buildStylesheet } from '../src/web/assets/build.js'

const KINDS = ['unit', 'integration', 'browser'] as const
const wanted = process.argv.slice(2)
const kinds = wanted.length > 0 ? KINDS.filter((kind) => wanted.includes(kind)) : [...KINDS]

function testFiles(dir: string): string[] {
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return []
  }
  return entries.flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return testFiles(path)
    return name.endsWith('.test.ts') ? [path] : []
  })
}

const files = kinds.flatMap((kind) => testFiles(join('test', kind))).sort()
if (files.length === 0) {
  console.error(`No test files found for: ${kinds.join(', ')}`)
  process.exit(1)
}

// The pages link the compiled stylesheet; build it once here rather than in every test file.
buildStylesheet()

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { stdio: 'inherit', env: process.env },
)
// Said again at the end, where nobody can miss it.
if (kinds.includes('integration') && !process.env.TEST_DATABASE_URL) {
  console.log('\n*** The PostgreSQL suite was SKIPPED: set TEST_DATABASE_URL=postgres://... to run it. ***')
}
process.exit(result.status ?? 1)

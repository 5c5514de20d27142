// Compiles the site's stylesheet (GOV.UK Frontend + ours) into src/web/public/. Runs before
// `npm start` and the tests; skips the work when the output is newer than every source.
import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import * as sass from 'sass'

const ROOT = resolve(import.meta.dirname, '../../..')
const SOURCE = resolve(import.meta.dirname, 'application.scss')
export const STYLESHEET = resolve(ROOT, 'src/web/public/application.css')

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs
  } catch {
    return 0
  }
}

export function buildStylesheet(force = false): boolean {
  const frontend = resolve(ROOT, 'node_modules/govuk-frontend/package.json')
  if (!force && mtime(STYLESHEET) > Math.max(mtime(SOURCE), mtime(frontend))) return false
  const result = sass.compile(SOURCE, {
    loadPaths: [resolve(ROOT, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import'],
  })
  mkdirSync(dirname(STYLESHEET), { recursive: true })
  writeFileSync(STYLESHEET, result.css)
  return true
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildStylesheet(process.argv.includes('--force'))
}

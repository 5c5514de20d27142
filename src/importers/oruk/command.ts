// `npm run cli -- import oruk <url|file> [--council E06000013] [--label "…"] [--fetched-at YYYY-MM-DD]`
import type { Store } from '../../db/connection.js'
import { isOrukFetchError } from './fetch.js'
import { importOruk, type OrukSource } from './import.js'
import { withImportLock } from './lock.js'
import { reportLines } from './report.js'

export const ORUK_USAGE = `  import oruk <url|file> [--council E06000013] [--label "North Lincolnshire Council"] [--fetched-at YYYY-MM-DD]
                          create or update services from an Open Referral feed (3.0 or 1.0, all pages, or ndjson);
                          local edits are kept, services gone from the feed are reported, never deleted`

const VALUE_FLAGS = new Set(['--council', '--label', '--fetched-at'])

export function parseOrukArgs(args: string[]): { source: OrukSource; fetchedAt?: string } | undefined {
  const values = new Map<string, string>()
  const positional: string[] = []
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!
    if (VALUE_FLAGS.has(arg)) {
      const value = args[i + 1]
      if (value === undefined || value.startsWith('--')) return undefined
      values.set(arg, value)
      i += 1
    } else if (arg.startsWith('--')) return undefined
    else positional.push(arg)
  }
  const [location, ...extra] = positional
  const council = values.get('--council')
  const fetchedAt = values.get('--fetched-at')
  if (!location || extra.length > 0) return undefined
  if (council !== undefined && !/^[EWSN]\d{8}$/.test(council)) return undefined
  if (fetchedAt !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(fetchedAt) || Number.isNaN(Date.parse(fetchedAt)))) return undefined
  return {
    source: { location, council, label: values.get('--label') },
    ...(fetchedAt ? { fetchedAt: new Date(`${fetchedAt}T00:00:00Z`).toISOString() } : {}),
  }
}

/** Where the command writes: the CLI passes the console. */
export interface Output {
  log(line: string): void
  error(line: string): void
}

/** Exit status: 0 all imported, 1 some records skipped or the fetch failed, 2 bad arguments. */
export async function orukImportCommand(store: Store, args: string[], usage: string, out: Output): Promise<number> {
  const parsed = parseOrukArgs(args)
  if (!parsed) {
    out.error(usage)
    return 2
  }
  try {
    const outcome = await withImportLock(store, () => importOruk(store, parsed.source, parsed.fetchedAt ? { fetchedAt: parsed.fetchedAt } : {}))
    if (!outcome.ran) {
      out.error('Another ORUK import is running on this store; try again when it has finished.')
      return 1
    }
    for (const line of reportLines(outcome.value)) out.log(line)
    return outcome.value.skippedInvalid.length > 0 ? 1 : 0
  } catch (error) {
    if (!isOrukFetchError(error)) throw error
    out.error(`${error.message}\nNothing was changed.`)
    return 1
  }
}

// Percentiles and small formatting helpers for the benchmark's tables.
import { execFileSync } from 'node:child_process'

export interface Summary {
  n: number
  p50: number
  p95: number
  p99: number
  mean: number
  max: number
}

/** Nearest-rank percentile of sorted samples: the smallest value with at least q of the samples at or below it. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.max(1, Math.ceil(q * sorted.length))
  return sorted[Math.min(sorted.length, rank) - 1]!
}

export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length)
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    mean: round(mean),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  }
}

export function median(samples: readonly number[]): number {
  return round(percentile([...samples].sort((a, b) => a - b), 0.5))
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

/** Milliseconds, to a sensible precision. */
export function ms(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '-'
  if (value >= 100) return value.toFixed(0)
  if (value >= 10) return value.toFixed(1)
  return value.toFixed(2)
}

/** A GitHub-flavoured markdown table; also readable as plain text. */
export function table(headers: string[], rows: Array<Array<string | number>>, align: Array<'l' | 'r'> = []): string {
  const cells = [headers, ...rows.map((row) => row.map(String))]
  const widths = headers.map((_, column) => Math.max(3, ...cells.map((row) => (row[column] ?? '').length)))
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => (align[column] === 'r' ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join(' | ')} |`
  const rule = `|${widths.map((width, column) => (align[column] === 'r' ? `${'-'.repeat(width + 1)}:` : `${'-'.repeat(width + 2)}`)).join('|')}|`
  return [line(headers), rule, ...cells.slice(1).map(line)].join('\n')
}

/** Which code was measured: HEAD's short hash and subject, and whether src/ differs from it. */
export function codeVersion(root: string): string {
  try {
    const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' }).trim()
    const head = git('log', '-1', '--format=%h %s')
    const dirty = git('status', '--porcelain', '--', 'src').length > 0
    return `${head}${dirty ? ' (+ uncommitted changes in src/)' : ''}`
  } catch {
    return 'unknown (no git)'
  }
}

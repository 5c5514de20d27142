// When was the report last updated? We look for dates next to words that say so ("Updated
// February 2019", "Last reviewed: 03/09/2024", "Date of review – 1st March 2023") and for a
// line that is only a date (often how a document is dated). "Next review" dates are plans, not
// history, and are ignored. Dates are read the British way (day before month). The answer is
// the most recent plausible one: not before 2000, and not after the supplied "today" (a date in
// the future is a typo or a plan). `today` is always passed in: no clock is read here.

import type { Span } from './sections.js'
import { addMonths } from '../domain/calendar.js'

export interface DateFinding {
  /** YYYY-MM-DD; a month and year alone is the first of that month. */
  date: string
  evidence: Span
  /** True when words such as "updated" or "reviewed" introduce it. */
  anchored: boolean
}

export interface Freshness {
  updated: string | null
  /** More than 12 months before today; false when no date was found (see `updated`). */
  overdue: boolean
  evidence: Span | null
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
}
const MONTH_NAME = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?'
// Each form is a fixed shape with bounded repeats, so scanning a long text stays linear.
const DATE_FORMS = [
  // 12th February 2019, 12 Feb 2019, 12 February, 2019
  `(?<day>\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_NAME},?\\s+(?<year>\\d{4})`,
  // February 12th, 2019
  `${MONTH_NAME}\\s+(?<day>\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?<year>\\d{4})`,
  // February 2019
  `${MONTH_NAME},?\\s+(?<year>\\d{4})`,
  // 2019-02-12
  `(?<iyear>\\d{4})-(?<imonth>\\d{2})-(?<iday>\\d{2})`,
  // 12/02/2019, 12.02.19, 1.9.14
  `(?<nday>\\d{1,2})[./-](?<nmonth>\\d{1,2})[./-](?<nyear>\\d{4}|\\d{2})(?![\\d./-])`,
]
const DATE = new RegExp(`(?<![\\w./-])(?:${DATE_FORMS.map((form, index) => form.replace(/\?<(\w+)>/g, `?<$1${index}>`)).join('|')})(?![\\w])`, 'gi')
// The anchoring word comes just before the date ("Updated: May 2024"), or a few words before it
// for a verb ("reviewed by the governing body in July 2024").
const ANCHOR =
  /\b(?:(?:last\s+)?(?:updated|reviewed|revised|amended|published|written|produced|approved|ratified)\b[^\n.]{0,40}?|(?:date\s+of\s+(?:review|issue|publication)|review\s+date|date)\b[^\n\w]{0,4}(?:on\s+|in\s+)?)$/i
const NEXT = /\b(?:next|due|future|to\s+be)\s+(?:review(?:ed)?|update)?\b[^\n]{0,30}$/i

function group(match: RegExpMatchArray, name: string): string | undefined {
  const groups = match.groups ?? {}
  for (let index = 0; index < DATE_FORMS.length; index++) {
    const value = groups[`${name}${index}`]
    if (value !== undefined) return value
  }
  return undefined
}

function toIso(match: RegExpMatchArray): string | null {
  let year: number
  let month: number
  let day: number
  const iso = group(match, 'iyear')
  const numeric = group(match, 'nyear')
  if (iso !== undefined) {
    year = Number(iso)
    month = Number(group(match, 'imonth'))
    day = Number(group(match, 'iday'))
  } else if (numeric !== undefined) {
    year = numeric.length === 2 ? 2000 + Number(numeric) : Number(numeric)
    month = Number(group(match, 'nmonth'))
    day = Number(group(match, 'nday'))
  } else {
    const name = /january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec/i.exec(match[0])?.[0].toLowerCase() ?? ''
    month = MONTHS[name.slice(0, name === 'sept' ? 4 : 3)] ?? 0
    year = Number(group(match, 'year'))
    day = Number(group(match, 'day') ?? 1)
  }
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCMonth() !== month - 1) return null // 31 February
  return date.toISOString().slice(0, 10)
}

export function findDates(text: string): DateFinding[] {
  const findings: DateFinding[] = []
  for (const match of text.matchAll(DATE)) {
    const date = toIso(match)
    if (!date) continue
    const start = match.index
    const end = start + match[0].length
    const lineStart = text.lastIndexOf('\n', start - 1) + 1
    const newline = text.indexOf('\n', end)
    const before = text.slice(Math.max(lineStart, start - 60), start)
    const after = text.slice(end, newline < 0 ? text.length : newline)
    if (NEXT.test(before)) continue
    const anchor = ANCHOR.exec(before)
    const alone = before.trim() === '' && /^[\s.,;:)]*$/.test(after)
    if (!anchor && !alone) continue
    // The evidence starts at the anchoring word: "Updated February 2019".
    const evidenceStart = anchor ? start - before.length + anchor.index : start
    findings.push({ date, anchored: anchor !== null, evidence: { text: text.slice(evidenceStart, end), start: evidenceStart, end } })
  }
  return findings
}

/** `today` is YYYY-MM-DD. */
export function freshness(text: string, today: string): Freshness {
  let best: DateFinding | null = null
  for (const finding of findDates(text)) {
    if (finding.date < '2000-01-01' || finding.date > today) continue
    if (!best || finding.date > best.date) best = finding
  }
  if (!best) return { updated: null, overdue: false, evidence: null }
  return { updated: best.date, overdue: addMonths(best.date, 12) < today, evidence: best.evidence }
}

// The structured editor's content: a school's SEN information report as one answer per Schedule 1
// item, with an introduction and "other information". Rendered to the plain text that every report
// page, the assessment and the exports read; split back out of a text (a seed report, an imported
// document) for a SENCO to review; read from the editor's form; and checked as the SENCO writes.
// Pure: no store, no pages. The headings of the rendered text come from the catalogue, as
// `ReportHeadings`, so this module holds no wording of its own.

import { z } from 'zod'
import { assessReport, localOffer, type Assessment, type ItemStatus } from './assess.js'
import { normaliseText } from './extract/text.js'
import { findJargon, type JargonFinding } from './jargon.js'
import { mapSections, type SectionMapping } from './mapping.js'
import type { Readability } from './readability.js'
import { ITEM_IDS, type ItemId } from './schedule1.js'
import { findSenco } from './senco.js'
import { splitLines, splitSections, type Span } from './sections.js'

/** The editor's fields in the order the form and the published text give them. */
export const REPORT_FIELDS = ['intro', ...ITEM_IDS, 'other'] as const
export type ReportField = (typeof REPORT_FIELDS)[number]

export interface ReportContent {
  /** Before the first item: the school's name, who the report is for, when it was reviewed. */
  intro: string
  items: Record<ItemId, string>
  /** What fits no item; an import puts here whatever it could not match. */
  other: string
}

/** The longest answer, and the longest report, in characters (code points, as people count them). */
export const SECTION_MAX = 20_000
export const TOTAL_MAX = 200_000

/** The heading the published text gives each item and "other information". */
export type ReportHeadings = Readonly<Record<ItemId | 'other', string>>

export function emptyContent(): ReportContent {
  return { intro: '', items: Object.fromEntries(ITEM_IDS.map((id) => [id, ''])) as Record<ItemId, string>, other: '' }
}

export function fieldText(content: ReportContent, field: ReportField): string {
  return field === 'intro' || field === 'other' ? content[field] : content.items[field]
}

export function withField(content: ReportContent, field: ReportField, value: string): ReportContent {
  if (field === 'intro' || field === 'other') return { ...content, [field]: value }
  return { ...content, items: { ...content.items, [field]: value } }
}

/** The content as one flat record, field by field: what the diffs compare. */
export function flatContent(content: ReportContent): Record<ReportField, string> {
  return Object.fromEntries(REPORT_FIELDS.map((field) => [field, fieldText(content, field)])) as Record<ReportField, string>
}

export function isEmptyContent(content: ReportContent): boolean {
  return REPORT_FIELDS.every((field) => fieldText(content, field) === '')
}

/** Characters as a person counts them: an emoji is one. */
export function characterCount(text: string): number {
  return [...text].length
}

/** Line ends to "\n", control characters out, trailing spaces and blank edges trimmed. */
export function normaliseAnswer(text: string): string {
  return normaliseText(text)
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim()
}

// ---- content -> text ----

/** The report as plain text: the introduction, then "# heading" and the answer for each item answered. */
export function renderReportText(content: ReportContent, headings: ReportHeadings): string {
  const parts: string[] = []
  if (content.intro.trim()) parts.push(content.intro.trim())
  for (const id of ITEM_IDS) {
    const answer = content.items[id].trim()
    if (answer) parts.push(`# ${headings[id]}\n\n${answer}`)
  }
  if (content.other.trim()) parts.push(`# ${headings.other}\n\n${content.other.trim()}`)
  return parts.join('\n\n')
}

// ---- text -> content ----

export interface SplitReport {
  content: ReportContent
  /** Parts of the text (sections) put under an item, and those left in "other information". */
  placed: number
  unplaced: number
}

// A section with no heading for any item joins one only if its sentences clearly speak of it.
const MIN_BODY_SCORE = 3

/** Splits a report into the editor's fields: exactly, if this editor wrote it; by its mapping otherwise. */
export function contentFromText(text: string, headings: ReportHeadings): SplitReport {
  const normalised = normaliseText(text)
  return ownSplit(normalised, headings) ?? mappedSplit(normalised)
}

/** A text rendered by renderReportText: split at its own headings, which come once each, in order. */
function ownSplit(text: string, headings: ReportHeadings): SplitReport | undefined {
  const keys: Array<ItemId | 'other'> = [...ITEM_IDS, 'other']
  const byHeading = new Map(keys.map((key) => [headings[key], key]))
  const marks: Array<{ key: ItemId | 'other'; start: number; end: number }> = []
  for (const line of splitLines(text)) {
    if (!line.text.startsWith('# ')) continue
    const key = byHeading.get(line.text.slice(2).trim())
    if (key) marks.push({ key, start: line.start, end: line.end })
  }
  const order = marks.map((mark) => keys.indexOf(mark.key))
  if (marks.length === 0 || order.some((at, index) => index > 0 && at <= (order[index - 1] ?? -1))) return undefined
  const content = emptyContent()
  content.intro = text.slice(0, marks[0]?.start ?? 0).trim()
  marks.forEach((mark, index) => {
    const body = text.slice(mark.end, marks[index + 1]?.start ?? text.length).trim()
    if (mark.key === 'other') content.other = body
    else content.items[mark.key] = body
  })
  return { content, placed: marks.filter((mark) => mark.key !== 'other').length, unplaced: content.other ? 1 : 0 }
}

/** The item a section answers: the best heading match, else a clear enough body. */
function bestItem(mapping: SectionMapping): ItemId | undefined {
  let best: SectionMapping['items'][number] | undefined
  for (const item of mapping.items) {
    if (item.headingScore === 0 && item.score < MIN_BODY_SCORE) continue
    if (!best || item.headingScore > best.headingScore || (item.headingScore === best.headingScore && item.score > best.score)) best = item
  }
  return best?.id
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', Math.max(0, at - 1)) + 1
}

const join = (before: string, more: string): string => (before && more ? `${before}\n\n${more}` : before || more)

function mappedSplit(text: string): SplitReport {
  const mappings = mapSections(splitSections(text))
  const content = emptyContent()
  let placed = 0
  let unplaced = 0
  let previous: ItemId | undefined
  // A heading with nothing under it (a title, a heading over sub-headings) goes with what follows.
  let pending = ''
  for (const mapping of mappings) {
    const { section } = mapping
    // From the start of the heading's line, so "#" markers and numbering stay as the school wrote them.
    const raw = text.slice(section.heading ? lineStart(text, section.start) : section.start, section.end).trim()
    if (section.kind === 'preamble') {
      content.intro = join(content.intro, raw)
      continue
    }
    if (section.units.length === 0) {
      pending = join(pending, raw)
      continue
    }
    const whole = join(pending, raw)
    pending = ''
    // A sub-heading the mapping cannot place stays with the item before it, if it speaks of that too.
    const id = bestItem(mapping) ?? (previous && mapping.items.some((item) => item.id === previous) ? previous : undefined)
    if (id) {
      previous = id
      content.items[id] = join(content.items[id], whole)
      placed++
    } else if (!previous) {
      // Before the first answer: a title page, the school's own introduction.
      content.intro = join(content.intro, whole)
    } else {
      content.other = join(content.other, whole)
      unplaced++
    }
  }
  if (pending) {
    if (previous) {
      content.other = join(content.other, pending)
      unplaced++
    } else content.intro = join(content.intro, pending)
  }
  fillFacts(text, mappings, content)
  return { content, placed, unplaced }
}

/** The sentence (or, outside any, the line) holding a span of the text. */
function holding(text: string, mappings: readonly SectionMapping[], span: Span): Span {
  for (const mapping of mappings) for (const unit of mapping.section.units) if (unit.start <= span.start && span.end <= unit.end) return unit
  const start = lineStart(text, span.start)
  const newline = text.indexOf('\n', span.end)
  const end = newline < 0 ? text.length : newline
  return { text: text.slice(start, end).trim(), start, end }
}

/**
 * The SENCO's name and contacts, and where the Local Offer is, are facts a report often gives in
 * passing under another heading. When no section was put under item 4 or 13, the sentences that
 * give them are copied there, so the SENCO reviews them where families will look.
 */
function fillFacts(text: string, mappings: readonly SectionMapping[], content: ReportContent): void {
  const quote = (spans: readonly Span[]): string => {
    const units: Span[] = []
    for (const span of spans) {
      const unit = holding(text, mappings, span)
      if (unit.text && !units.some((other) => other.start === unit.start)) units.push(unit)
    }
    return units
      .sort((a, b) => a.start - b.start)
      .map((unit) => unit.text)
      .join('\n\n')
  }
  if (!content.items['4']) {
    const senco = findSenco(text)
    if (senco.name) content.items['4'] = quote(senco.evidence)
  }
  if (!content.items['13']) {
    const found = localOffer(text, mappings)
    if (found.status !== 'missing') content.items['13'] = quote(found.evidence)
  }
}

// ---- stored JSON ----

const STORED = z.object({
  intro: z.string().optional(),
  items: z.record(z.string(), z.unknown()).optional(),
  other: z.string().optional(),
})

export function contentJson(content: ReportContent): string {
  return JSON.stringify({ intro: content.intro, items: content.items, other: content.other })
}

/** Stored JSON back to content; anything missing or not text comes from `fallback`. */
export function parseReportContent(json: string, fallback: ReportContent): ReportContent {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return fallback
  }
  const parsed = STORED.safeParse(value)
  if (!parsed.success) return fallback
  const items = { ...fallback.items }
  for (const id of ITEM_IDS) {
    const answer = parsed.data.items?.[id]
    if (typeof answer === 'string') items[id] = answer
  }
  return { intro: parsed.data.intro ?? fallback.intro, items, other: parsed.data.other ?? fallback.other }
}

// ---- the form ----

/** A field's name in the editor's form (also its id). */
export function fieldName(field: ReportField): string {
  return field === 'intro' || field === 'other' ? field : `item-${field}`
}

export interface ReportFieldError {
  /** The field that is too long, or 'total' for the whole report. */
  field: ReportField | 'total'
  count: number
  max: number
}

/** Each answer within SECTION_MAX, the whole within TOTAL_MAX. */
export function contentErrors(content: ReportContent): ReportFieldError[] {
  const errors: ReportFieldError[] = []
  let total = 0
  for (const field of REPORT_FIELDS) {
    const count = characterCount(fieldText(content, field))
    total += count
    if (count > SECTION_MAX) errors.push({ field, count, max: SECTION_MAX })
  }
  if (total > TOTAL_MAX) errors.push({ field: 'total', count: total, max: TOTAL_MAX })
  return errors
}

/** Reads the editor's form: every field as text (anything else counts as empty), then the limits. */
export function readReportForm(body: Readonly<Record<string, unknown>>): { content: ReportContent; errors: ReportFieldError[] } {
  let content = emptyContent()
  for (const field of REPORT_FIELDS) {
    const value = body[fieldName(field)]
    content = withField(content, field, typeof value === 'string' ? normaliseAnswer(value) : '')
  }
  return { content, errors: contentErrors(content) }
}

/** The content as the form's name/value pairs: the conflict page's "save mine". */
export function formPairs(content: ReportContent): Array<[string, string]> {
  return REPORT_FIELDS.map((field) => [fieldName(field), fieldText(content, field)])
}

export function changedFields(before: ReportContent, after: ReportContent): ReportField[] {
  return REPORT_FIELDS.filter((field) => fieldText(before, field) !== fieldText(after, field))
}

// ---- the checks ----

export interface ReportChecks {
  assessment: Assessment
  /** Covered, partly or not, for each item, from the assessment of the whole draft. */
  status: Record<ItemId, ItemStatus>
  counts: Record<ItemStatus, number>
  /** Short forms the draft never explains, under each field that uses them. */
  jargon: Record<ReportField, JargonFinding[]>
  readability: Readability
}

export type ReadingBand = 'veryEasy' | 'easy' | 'plain' | 'fairlyHard' | 'hard' | 'veryHard'

/** Flesch reading ease in words: 60 and above is plain English. */
export function readingBand(ease: number): ReadingBand {
  if (ease >= 90) return 'veryEasy'
  if (ease >= 80) return 'easy'
  if (ease >= 60) return 'plain'
  if (ease >= 50) return 'fairlyHard'
  if (ease >= 30) return 'hard'
  return 'veryHard'
}

/**
 * Checks a draft as families would read it: the rendered text assessed as a whole (an item may be
 * answered under another's heading), and each field's unexplained short forms. `assess` lets a
 * caller reuse a memo of assessments.
 */
export function checkReport(content: ReportContent, headings: ReportHeadings, options: { today: string; assess?: (text: string) => Assessment }): ReportChecks {
  const text = renderReportText(content, headings)
  const assessment = options.assess ? options.assess(text) : assessReport(text, { today: options.today })
  const status = Object.fromEntries(assessment.items.map((item) => [item.id, item.status])) as Record<ItemId, ItemStatus>
  const counts: Record<ItemStatus, number> = { covered: 0, partial: 0, missing: 0 }
  for (const item of assessment.items) counts[item.status]++
  const unexplained = new Map(assessment.jargon.map((finding) => [finding.acronym, finding]))
  const jargon = Object.fromEntries(
    REPORT_FIELDS.map((field) => [field, findJargon(fieldText(content, field)).filter((finding) => unexplained.has(finding.acronym))]),
  ) as Record<ReportField, JargonFinding[]>
  return { assessment, status, counts, jargon, readability: assessment.readability }
}

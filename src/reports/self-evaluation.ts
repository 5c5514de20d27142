// A school's self-evaluation against Schedule 1: the toolkit's grid (In place / Partly / Not in
// place, with comments, for each item), pre-filled from the report's assessment where nothing is
// saved yet, the form read back and checked, and the rows of its CSV. Pure: the store and the pages
// are in src/web/routes/staff/self-evaluation/.
import type { Assessment, ItemAssessment, ItemStatus } from './assess.js'
import { extract } from './pages/view.js'
import { ITEM_IDS, SCHEDULE_1, type ItemId } from './schedule1.js'
import type { SelfEvaluationStatus } from '../db/schema.js'
import type { Translate } from '../web/i18n/index.js'

export type { SelfEvaluationStatus }

export const SELF_EVALUATION_STATUSES: readonly SelfEvaluationStatus[] = ['in-place', 'partly', 'not-in-place']

/** The longest comment, in characters (code points), as the page's character count says. */
export const COMMENT_MAX = 2000

// Evidence on the grid is a reminder of what the report says, not the report: two quotations, short.
const EVIDENCE_SPANS = 2
const EVIDENCE_LENGTH = 160

const SUGGESTION: Readonly<Record<ItemStatus, SelfEvaluationStatus>> = {
  covered: 'in-place',
  partial: 'partly',
  missing: 'not-in-place',
}

/** What the assessment suggests a SENCO or governor would answer for an item. */
export function suggestedStatus(status: ItemStatus): SelfEvaluationStatus {
  return SUGGESTION[status]
}

export function isSelfEvaluationStatus(value: unknown): value is SelfEvaluationStatus {
  return typeof value === 'string' && (SELF_EVALUATION_STATUSES as readonly string[]).includes(value)
}

/** One saved answer, as the store holds it. */
export interface SavedAnswer {
  itemId: string
  status: SelfEvaluationStatus
  comment: string
  version: number
  updatedAt: string
}

export interface Answer {
  itemId: ItemId
  status: SelfEvaluationStatus
  comment: string
}

export interface GridRow {
  id: ItemId
  title: string
  regulation: string
  /** What the form shows chosen: the saved answer, else the suggestion, else nothing. */
  status: SelfEvaluationStatus | null
  comment: string
  /** Where `status` came from; the page marks suggestions as such. */
  source: 'saved' | 'suggested' | 'none'
  /** From the report's assessment; null when the council holds no report. */
  suggestion: SelfEvaluationStatus | null
  /** Short quotations from the report, whitespace folded; empty when nothing was found. */
  evidence: string[]
}

/**
 * The grid's version: the highest of its items' versions, 0 before the first save. Every save
 * writes every item at the next version, so any save since the form was opened raises it.
 */
export function gridVersion(saved: readonly Pick<SavedAnswer, 'version'>[]): number {
  return saved.reduce((highest, answer) => Math.max(highest, answer.version), 0)
}

/** When the grid was last saved (ISO timestamp), or null. */
export function lastSaved(saved: readonly Pick<SavedAnswer, 'updatedAt'>[]): string | null {
  return saved.reduce<string | null>((latest, answer) => (latest === null || answer.updatedAt > latest ? answer.updatedAt : latest), null)
}

function evidenceOf(item: ItemAssessment | undefined): string[] {
  if (!item) return []
  const quotes: string[] = []
  for (const span of item.evidence) {
    const quote = extract(span.text.replace(/\s+/g, ' '), EVIDENCE_LENGTH)
    if (quote && !quotes.includes(quote)) quotes.push(quote)
    if (quotes.length === EVIDENCE_SPANS) break
  }
  return quotes
}

/** One row per Schedule 1 item, in order: saved answers first, the assessment's suggestion otherwise. */
export function buildGrid(assessment: Assessment | null, saved: readonly SavedAnswer[]): GridRow[] {
  return SCHEDULE_1.map((item) => {
    const assessed = assessment?.items.find((each) => each.id === item.id)
    const answer = saved.find((each) => each.itemId === item.id)
    const suggestion = assessed ? suggestedStatus(assessed.status) : null
    return {
      id: item.id,
      title: item.title,
      regulation: item.regulation,
      status: answer?.status ?? suggestion,
      comment: answer?.comment ?? '',
      source: answer ? 'saved' : suggestion ? 'suggested' : 'none',
      suggestion,
      evidence: evidenceOf(assessed),
    }
  })
}

/** What was typed into the form for an item, kept as typed so a refused form shows it again. */
export interface FormValue {
  status: string
  comment: string
}

export type FormValues = Record<ItemId, FormValue>

export interface FieldError {
  itemId: ItemId
  field: 'status' | 'comment'
  problem: 'missing' | 'unknown' | 'too-long'
}

export interface ReadForm {
  values: FormValues
  /** Every item's answer, when there are no errors; otherwise null and nothing may be saved. */
  answers: Answer[] | null
  errors: FieldError[]
}

export const statusField = (id: ItemId): string => `status-${id}`
export const commentField = (id: ItemId): string => `comment-${id}`

/** Browsers send a textarea's line breaks as CRLF: count and keep them as one character each. */
export function normaliseComment(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim()
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

/** Reads and checks the grid's form: every item needs a known status; comments are optional but bounded. */
export function readGridForm(body: Readonly<Record<string, unknown>>): ReadForm {
  const values = {} as FormValues
  const answers: Answer[] = []
  const errors: FieldError[] = []
  for (const id of ITEM_IDS) {
    const status = text(body[statusField(id)])
    const comment = normaliseComment(text(body[commentField(id)]))
    values[id] = { status, comment }
    if (status === '') errors.push({ itemId: id, field: 'status', problem: 'missing' })
    else if (!isSelfEvaluationStatus(status)) errors.push({ itemId: id, field: 'status', problem: 'unknown' })
    // Code points, not UTF-16 units: an emoji is one character to the person typing it.
    if ([...comment].length > COMMENT_MAX) errors.push({ itemId: id, field: 'comment', problem: 'too-long' })
    if (isSelfEvaluationStatus(status)) answers.push({ itemId: id, status, comment })
  }
  return { values, answers: errors.length === 0 ? answers : null, errors }
}

/** The version the form was opened at: a whole number, or undefined when it is not one. */
export function readVersion(value: unknown): number | undefined {
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined
}

/** The grid's rows showing what was typed (after a refused form), everything else as it was. */
export function withValues(rows: readonly GridRow[], values: FormValues): GridRow[] {
  return rows.map((row) => {
    const value = values[row.id]
    return { ...row, status: isSelfEvaluationStatus(value.status) ? value.status : null, comment: value.comment }
  })
}

export interface Difference {
  id: ItemId
  title: string
  theirs: Pick<SavedAnswer, 'status' | 'comment'> | null
  yours: Answer
}

/** The items where the answers saved meanwhile and the ones just sent differ. */
export function differences(saved: readonly SavedAnswer[], yours: readonly Answer[]): Difference[] {
  return yours.flatMap((answer) => {
    const theirs = saved.find((each) => each.itemId === answer.itemId) ?? null
    if (theirs && theirs.status === answer.status && theirs.comment === answer.comment) return []
    const title = SCHEDULE_1.find((item) => item.id === answer.itemId)?.title ?? answer.itemId
    return [{ id: answer.itemId, title, theirs: theirs ? { status: theirs.status, comment: theirs.comment } : null, yours: answer }]
  })
}

/** What the audit log keeps of a save: counts only, never the comments (they may name a child). */
export function saveSummary(before: readonly SavedAnswer[], answers: readonly Answer[], version: number): Record<string, number> {
  const count = (status: SelfEvaluationStatus) => answers.filter((answer) => answer.status === status).length
  const changed = differences(before, answers).length
  return { version, inPlace: count('in-place'), partly: count('partly'), notInPlace: count('not-in-place'), changed }
}

/** The CSV: a header, then one record per item (saved status, comments, suggestion, evidence). */
export function selfEvaluationCsv(t: Translate, rows: readonly GridRow[]): string[][] {
  const label = (status: SelfEvaluationStatus | null) => (status ? t(`selfEvaluation.status.${status}`) : '')
  return [
    [t('selfEvaluation.csv.item'), t('selfEvaluation.csv.title'), t('selfEvaluation.csv.status'), t('selfEvaluation.csv.comment'), t('selfEvaluation.csv.suggested'), t('selfEvaluation.csv.evidence')],
    ...rows.map((row) => [row.id, row.title, row.source === 'saved' ? label(row.status) : '', row.source === 'saved' ? row.comment : '', label(row.suggestion), row.evidence.join(' / ')]),
  ]
}

// Up to three schools side by side, by the parents' questions. The choice arrives as repeated
// ?school= values; anything wrong with it is one message for the error summary, never a 500.
import type { Assessment } from '../assess.js'
import { SE7_PARENT_QUESTIONS } from '../schedule1.js'
import type { Translate } from '../../web/i18n/index.js'
import type { ReportSchool } from './load.js'
import { counts, questionAnswer, type Counts, type StatusTag } from './view.js'

export const MAX_COMPARED = 3

export function chosenIds(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value]
  const ids = values.filter((item): item is string => typeof item === 'string').map((item) => item.trim()).filter((item) => item !== '')
  return [...new Set(ids)]
}

/** The problem with a choice, in words, or null when it can be compared. */
export function choiceProblem(t: Translate, ids: readonly string[], found: readonly ReportSchool[]): string | null {
  if (ids.length > MAX_COMPARED) return t('reportPages.compare.errorTooMany', { max: MAX_COMPARED, count: ids.length })
  if (found.length < ids.length) return t('reportPages.compare.errorUnknown')
  const without = found.find((school) => !school.reportText)
  if (without) return t('reportPages.compare.errorNoReport', { school: without.name })
  if (ids.length === 1) return t('reportPages.compare.errorTooFew')
  return null
}

export interface CompareColumn {
  id: string
  name: string
  updated: string | null
  overdue: boolean
  counts: Counts
}

export interface CompareRow {
  id: string
  question: string
  cells: { school: string; tag: StatusTag; extract: string | null }[]
}

export function compareView(t: Translate, schools: readonly { school: ReportSchool; assessment: Assessment }[]): { columns: CompareColumn[]; rows: CompareRow[] } {
  const columns = schools.map(({ school, assessment }) => ({ id: school.id, name: school.name, updated: assessment.updated, overdue: assessment.overdue, counts: counts(assessment) }))
  const rows = SE7_PARENT_QUESTIONS.map((question) => ({
    id: question.id,
    question: question.question,
    cells: schools.map(({ school, assessment }) => {
      const answer = questionAnswer(t, assessment, question, { spans: 1, length: 220 })
      return { school: school.name, tag: answer.tag, extract: answer.extracts[0] ?? null }
    }),
  }))
  return { columns, rows }
}

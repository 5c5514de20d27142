// What the report pages show, worked out from an assessment: answers by question or by item,
// the gaps and who to ask about them. Pure: it takes the translator and returns plain data;
// templates escape every piece of the report's text when they print it.
import type { Assessment, ItemAssessment, ItemStatus } from '../assess.js'
import { SCHEDULE_1, SE7_PARENT_QUESTIONS, SE7_YOUNG_PERSON_QUESTIONS, type ItemId, type Se7Question } from '../schedule1.js'
import type { Span } from '../sections.js'
import type { Translate } from '../../web/i18n/index.js'

export type ReportView = 'questions' | 'items' | 'young-people'
export const REPORT_VIEWS: readonly ReportView[] = ['questions', 'items', 'young-people']

// Items a school cannot answer for the council: families are better asking the council.
const COUNCIL_ITEMS: ReadonlySet<ItemId> = new Set<ItemId>(['11', '13'])
const GOVUK_TAG: Readonly<Record<ItemStatus, string>> = { covered: 'govuk-tag--green', partial: 'govuk-tag--yellow', missing: 'govuk-tag--red' }

export interface StatusTag {
  status: ItemStatus
  text: string
  short: string
  classes: string
}

export interface Answer {
  id: string
  /** The question as the toolkit words it, or the item's title. */
  heading: string
  tag: StatusTag
  /** The report's own words, cut to a readable length. */
  extracts: string[]
  /** The items the answer is checked against, as "3a: title". */
  items: string[]
}

export interface Gap {
  id: ItemId
  tag: StatusTag
  text: string
  ask: string
}

export function readView(value: unknown): ReportView {
  return REPORT_VIEWS.find((view) => view === value) ?? 'questions'
}

export function statusTag(t: Translate, status: ItemStatus): StatusTag {
  return { status, text: t(`reportPages.status.${status}`), short: t(`reportPages.statusShort.${status}`), classes: GOVUK_TAG[status] }
}

/** A quotation cut at a word near `max` characters, whitespace runs kept as the report has them. */
export function extract(text: string, max: number): string {
  const trimmed = text.trim()
  if (trimmed.length <= max) return trimmed
  const cut = trimmed.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/** Covered only when every linked item is; not covered only when none is. */
export function combinedStatus(statuses: readonly ItemStatus[]): ItemStatus {
  if (statuses.length > 0 && statuses.every((status) => status === 'covered')) return 'covered'
  if (statuses.every((status) => status === 'missing')) return 'missing'
  return 'partial'
}

function itemsById(assessment: Assessment): Map<ItemId, ItemAssessment> {
  return new Map(assessment.items.map((item) => [item.id, item]))
}

function distinctSpans(items: readonly ItemAssessment[], limit: number): Span[] {
  const spans: Span[] = []
  for (const item of items) {
    for (const span of item.evidence) {
      if (spans.length < limit && !spans.some((other) => other.start === span.start)) spans.push(span)
    }
  }
  return spans
}

function itemLabel(id: ItemId): string {
  return `${id}: ${SCHEDULE_1.find((item) => item.id === id)?.title ?? id}`
}

export function questionAnswer(t: Translate, assessment: Assessment, question: Se7Question, options: { spans: number; length: number }): Answer {
  const byId = itemsById(assessment)
  const linked = question.items.map((id) => byId.get(id)).filter((item): item is ItemAssessment => item !== undefined)
  return {
    id: question.id,
    heading: question.question,
    tag: statusTag(t, combinedStatus(linked.map((item) => item.status))),
    extracts: distinctSpans(linked, options.spans).map((span) => extract(span.text, options.length)),
    items: question.items.map(itemLabel),
  }
}

export function answers(t: Translate, assessment: Assessment, view: ReportView): Answer[] {
  if (view === 'items') {
    return assessment.items.map((item) => ({
      id: item.id,
      heading: itemLabel(item.id),
      tag: statusTag(t, item.status),
      extracts: distinctSpans([item], 3).map((span) => extract(span.text, 500)),
      items: [],
    }))
  }
  const questions = view === 'young-people' ? SE7_YOUNG_PERSON_QUESTIONS : SE7_PARENT_QUESTIONS
  return questions.map((question) => questionAnswer(t, assessment, question, { spans: 3, length: 500 }))
}

export function sencoAsk(t: Translate, assessment: Assessment): string {
  return assessment.senco.name ? t('reportPages.askSencoNamed', { name: assessment.senco.name }) : t('reportPages.askSenco')
}

/** Each item not covered, missing ones first, in plain words with who to ask. */
export function gaps(t: Translate, assessment: Assessment, council: string): Gap[] {
  const ask = sencoAsk(t, assessment)
  return assessment.items
    .filter((item) => item.status !== 'covered')
    .sort((a, b) => Number(b.status === 'missing') - Number(a.status === 'missing'))
    .map((item) => ({
      id: item.id,
      tag: statusTag(t, item.status),
      text: t(item.status === 'missing' ? 'reportPages.gapMissing' : 'reportPages.gapPartial', { what: t(`reportPages.gap.${item.id}`) }),
      ask: COUNCIL_ITEMS.has(item.id) ? t('reportPages.askCouncil', { council }) : ask,
    }))
}

export interface Counts {
  covered: number
  partial: number
  missing: number
}

export function counts(assessment: Assessment): Counts {
  const count = (status: ItemStatus): number => assessment.items.filter((item) => item.status === status).length
  return { covered: count('covered'), partial: count('partial'), missing: count('missing') }
}

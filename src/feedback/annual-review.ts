// The annual review of feedback, for the council's Local Offer annual report: for one year, how
// much feedback came, about what and where, where it is now, how it was answered, and what was
// published on "You said, we did". Counts only: no comment or response leaves the inbox through
// here except the published entries, which were checked for personal data when published.
import type { Kysely } from 'kysely'
import type { CellValue } from '../web/csv.js'
import type { Translate } from '../web/i18n/index.js'
import type { Database, FeedbackState } from '../db/schema.js'
import { publishedEntries, type PublishedEntry } from './publishing.js'
import { FEEDBACK_THEMES } from './themes.js'
import { FEEDBACK_STATES, PROBLEMS } from './validate.js'

export const TOP_PAGES = 10
export const FIRST_YEAR = 2000

export interface Count {
  code: string
  count: number
}

export interface PageCount {
  path: string
  kind: 'service' | 'school' | 'general'
  /** The listing's name, when the page is a service's or a school's that still exists. */
  name: string | null
  count: number
}

export interface AnnualReview {
  year: number
  total: number
  /** Every theme (zero included), then 'none' for feedback with no theme yet. */
  byTheme: Count[]
  byPageKind: Count[]
  topPages: PageCount[]
  useful: { yes: number; no: number }
  problems: Count[]
  states: Count[]
  responded: number
  /** Median whole days from receiving to responding, over those responded to; null if none. */
  medianDaysToRespond: number | null
  published: PublishedEntry[]
}

/** "2026" as the ISO timestamps of its first moment and the next year's. */
function yearRange(year: number): [string, string] {
  return [`${year}-01-01T00:00:00.000Z`, `${year + 1}-01-01T00:00:00.000Z`]
}

function median(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2)
}

export async function annualReview(db: Kysely<Database>, year: number): Promise<AnnualReview> {
  const [from, to] = yearRange(year)
  const inYear = db.selectFrom('feedback').where('feedback.created_at', '>=', from).where('feedback.created_at', '<', to)
  const counted = <T extends string | number | null>(rows: Array<{ value: T; count: number | string | bigint }>) => new Map(rows.map((row) => [row.value, Number(row.count)]))

  const total = Number((await inYear.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()).count)
  const themes = counted(
    await db
      .selectFrom('feedback_themes')
      .innerJoin('feedback', 'feedback.id', 'feedback_themes.feedback_id')
      .where('feedback.created_at', '>=', from)
      .where('feedback.created_at', '<', to)
      .select((eb) => ['feedback_themes.theme as value', eb.fn.countAll<number>().as('count')])
      .groupBy('feedback_themes.theme')
      .execute(),
  )
  const themed = Number(
    (
      await db
        .selectFrom('feedback_themes')
        .innerJoin('feedback', 'feedback.id', 'feedback_themes.feedback_id')
        .where('feedback.created_at', '>=', from)
        .where('feedback.created_at', '<', to)
        .select((eb) => eb.fn.count<number>('feedback_themes.feedback_id').distinct().as('count'))
        .executeTakeFirstOrThrow()
    ).count,
  )
  const kinds = counted(await inYear.select((eb) => ['feedback.subject_kind as value', eb.fn.countAll<number>().as('count')]).groupBy('feedback.subject_kind').execute())
  const pages = await inYear
    .select((eb) => ['feedback.page_path', 'feedback.subject_kind', 'feedback.subject_id', eb.fn.countAll<number>().as('count')])
    .groupBy(['feedback.page_path', 'feedback.subject_kind', 'feedback.subject_id'])
    .orderBy('count', 'desc')
    .orderBy('feedback.page_path')
    .limit(TOP_PAGES)
    .execute()
  const useful = counted(await inYear.select((eb) => ['feedback.useful as value', eb.fn.countAll<number>().as('count')]).where('feedback.kind', '=', 'useful').groupBy('feedback.useful').execute())
  const problems = counted(await inYear.select((eb) => ['feedback.problem as value', eb.fn.countAll<number>().as('count')]).where('feedback.kind', '=', 'problem').groupBy('feedback.problem').execute())
  const states = counted(await inYear.select((eb) => ['feedback.state as value', eb.fn.countAll<number>().as('count')]).groupBy('feedback.state').execute())
  const answered = await inYear.select(['feedback.created_at', 'feedback.responded_at']).where('feedback.response', 'is not', null).where('feedback.responded_at', 'is not', null).execute()

  // The names of the top pages' listings, where they still exist.
  const serviceIds = pages.filter((page) => page.subject_kind === 'service' && page.subject_id).map((page) => page.subject_id!)
  const schoolIds = pages.filter((page) => page.subject_kind === 'school' && page.subject_id).map((page) => page.subject_id!)
  const names = new Map<string, string>()
  if (serviceIds.length) for (const row of await db.selectFrom('services').select(['id', 'name']).where('id', 'in', serviceIds).execute()) names.set(row.id, row.name)
  if (schoolIds.length) for (const row of await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', schoolIds).execute()) names.set(row.id, row.name)

  const published = await publishedEntries(db, { year }, { page: 1, perPage: 10_000 })
  const day = 24 * 60 * 60 * 1000
  return {
    year,
    total,
    byTheme: [...FEEDBACK_THEMES.map((theme) => ({ code: theme, count: themes.get(theme) ?? 0 })), { code: 'none', count: total - themed }],
    byPageKind: (['service', 'school', 'general'] as const).map((kind) => ({ code: kind, count: kinds.get(kind === 'general' ? null : kind) ?? 0 })),
    topPages: pages.map((page) => ({
      path: page.page_path,
      kind: page.subject_kind ?? 'general',
      name: page.subject_id ? (names.get(page.subject_id) ?? null) : null,
      count: Number(page.count),
    })),
    useful: { yes: useful.get(1) ?? 0, no: useful.get(0) ?? 0 },
    problems: PROBLEMS.map((problem) => ({ code: problem, count: problems.get(problem) ?? 0 })),
    states: FEEDBACK_STATES.map((state: FeedbackState) => ({ code: state, count: states.get(state) ?? 0 })),
    responded: answered.length,
    medianDaysToRespond: median(answered.map((row) => Math.max(0, Math.floor((Date.parse(row.responded_at!) - Date.parse(row.created_at)) / day)))),
    published: published.entries,
  }
}

export const CSV_COLUMNS = ['section', 'code', 'label', 'count', 'period', 'theme', 'said', 'did', 'changed', 'changedOn', 'publishedOn'] as const

/** The review as spreadsheet rows: a header, a row per figure, then a row per published entry. */
export function annualReviewCsv(t: Translate, review: AnnualReview): CellValue[][] {
  const row = (section: string, code: string, label: string, count: number | null): CellValue[] => [section, code, label, count, '', '', '', '', '', '', '']
  const rows: CellValue[][] = [CSV_COLUMNS.map((column) => t(`youSaid.review.csvHeaders.${column}`))]
  rows.push(row('total', 'all', t('youSaid.review.csvLabels.total'), review.total))
  for (const { code, count } of review.byTheme) rows.push(row('theme', code, code === 'none' ? t('youSaid.review.noTheme') : t(`youSaid.themes.${code}`), count))
  for (const { code, count } of review.byPageKind) rows.push(row('page-kind', code, t(`youSaid.review.pageKinds.${code}`), count))
  for (const page of review.topPages) rows.push(row('page', page.path, page.name ?? page.path, page.count))
  rows.push(row('useful', 'yes', t('youSaid.review.usefulYes'), review.useful.yes))
  rows.push(row('useful', 'no', t('youSaid.review.usefulNo'), review.useful.no))
  for (const { code, count } of review.problems) rows.push(row('problem', code, t(`youSaid.review.problemKinds.${code}`), count))
  for (const { code, count } of review.states) rows.push(row('state', code, t(`youSaid.review.stateNames.${code}`), count))
  rows.push(row('responses', 'responded', t('youSaid.review.csvLabels.responded'), review.responded))
  rows.push(row('responses', 'median-days', t('youSaid.review.csvLabels.medianDays'), review.medianDaysToRespond))
  for (const entry of review.published) {
    rows.push(['published', '', '', null, entry.period, t(`youSaid.themes.${entry.theme}`), entry.said, entry.did, entry.changed, entry.changedOn ?? '', entry.publishedAt.slice(0, 10)])
  }
  return rows
}

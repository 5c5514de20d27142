// The council's view: every school's coverage of each Schedule 1 item in one table. Overdue
// reports come first, then the most items missing; schools whose report is not held come last.
import type { Assessment } from '../assess.js'
import { ITEM_IDS, SCHEDULE_1, type ItemId } from '../schedule1.js'
import type { Translate } from '../../web/i18n/index.js'
import type { CellValue } from '../../web/csv.js'
import type { ReportSchool } from './load.js'
import { counts, statusTag, type Counts, type StatusTag } from './view.js'

export interface CouncilRow {
  id: string
  name: string
  urn: string | null
  held: boolean
  updated: string | null
  overdue: boolean
  counts: Counts | null
  /** One per item, in ITEM_IDS order; empty when no report is held. */
  cells: StatusTag[]
}

export interface CouncilColumn {
  id: ItemId
  title: string
}

export const COUNCIL_COLUMNS: readonly CouncilColumn[] = ITEM_IDS.map((id) => ({ id, title: SCHEDULE_1.find((item) => item.id === id)?.title ?? id }))

export function councilRows(t: Translate, schools: readonly { school: ReportSchool; assessment: Assessment | null }[]): CouncilRow[] {
  const rows = schools.map(({ school, assessment }): CouncilRow => ({
    id: school.id,
    name: school.name,
    urn: school.urn,
    held: assessment !== null,
    updated: assessment?.updated ?? null,
    overdue: assessment?.overdue ?? false,
    counts: assessment ? counts(assessment) : null,
    cells: assessment ? assessment.items.map((item) => statusTag(t, item.status)) : [],
  }))
  const rank = (row: CouncilRow): number => (row.held ? (row.overdue ? 0 : 1) : 2)
  return rows.sort((a, b) => rank(a) - rank(b) || (b.counts?.missing ?? 0) - (a.counts?.missing ?? 0) || a.name.localeCompare(b.name, 'en'))
}

/** The same table as CSV rows, a header first. */
export function councilCsv(t: Translate, rows: readonly CouncilRow[]): CellValue[][] {
  const header: CellValue[] = [
    t('reportPages.council.csvSchool'),
    t('reportPages.council.csvUrn'),
    t('reportPages.council.csvHeld'),
    t('reportPages.council.csvUpdated'),
    t('reportPages.council.csvOverdue'),
    t('reportPages.council.csvCovered'),
    t('reportPages.council.csvPartial'),
    t('reportPages.council.csvMissing'),
    ...COUNCIL_COLUMNS.map((column) => t('reportPages.council.csvItem', { id: column.id })),
  ]
  const body = rows.map((row): CellValue[] => [
    row.name,
    row.urn,
    row.held,
    row.updated,
    row.held ? row.overdue : null,
    row.counts?.covered ?? null,
    row.counts?.partial ?? null,
    row.counts?.missing ?? null,
    ...COUNCIL_COLUMNS.map((_column, index) => row.cells[index]?.text ?? null),
  ])
  return [header, ...body]
}

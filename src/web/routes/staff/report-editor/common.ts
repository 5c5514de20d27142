// What the report editor's pages (and the council's review of a report change) share: the
// school-report workflow, approving (which re-indexes the school for search), the diff labelled by
// item. The version fields and the access check are the listings' own (../publishing/common.ts).
import { diffFields } from '../../../../publishing/diff.js'
import type { Outcome, Workflow } from '../../../../publishing/revisions.js'
import { reportHeadings, schoolReportWorkflow, type ReportContent } from '../../../../publishing/school-reports.js'
import { flatContent, REPORT_FIELDS, type ReportField } from '../../../../reports/editor.js'
import { SCHEDULE_1 } from '../../../../reports/schedule1.js'
import { indexSubjects } from '../../../../search/indexer.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'
import type { LabelledDiffRow } from '../publishing/present.js'

const t = translator('en')

export const HEADINGS = reportHeadings(t)

export function reportWorkflow(services: Services): Workflow<ReportContent> {
  return schoolReportWorkflow(services.store.db, services.config, HEADINGS)
}

/** Approves a submitted report change and, once published, brings search up to date with it. */
export async function publishedReport(services: Services, changes: Workflow<ReportContent>, input: Parameters<Workflow<ReportContent>['approve']>[0]): Promise<Outcome<ReportContent>> {
  const approved = await changes.approve(input)
  if (approved.ok) await indexSubjects(services.store, [approved.revision.subjectId])
  return approved
}

export function fieldLabel(field: ReportField): string {
  if (field === 'intro') return t('reportEditor.fieldIntro')
  if (field === 'other') return t('reportEditor.fieldOther')
  return t('reportEditor.fieldItem', { id: field, title: SCHEDULE_1.find((item) => item.id === field)?.title ?? field })
}

/** Every section of both versions, labelled; `changedOnly` leaves out what is the same. */
export function reportDiff(before: ReportContent, after: ReportContent, changedOnly = true): LabelledDiffRow[] {
  return diffFields(REPORT_FIELDS, flatContent(before), flatContent(after), (_field, value) => value)
    .filter((row) => !changedOnly || row.changed)
    .map((row) => ({ ...row, label: fieldLabel(row.field as ReportField) }))
}

export { fromFields, fromOf, openedFrom, type From } from '../publishing/common.js'

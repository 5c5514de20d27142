// Schools' SEN information reports as the workflow publishes them: see revisions.ts. The subject
// is the school (its id is its organisation's). The content is the structured editor's
// (src/reports/editor.ts); publishing stores it in schools.report_sections and, rendered as plain
// text, in schools.report_text, which every report page, the assessment and the exports read.
// A school whose report was never written in the editor (the seed reports) has its text split
// into items: what the editor shows for review, and what its first change is compared with.
import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import {
  contentErrors,
  contentFromText,
  contentJson,
  emptyContent,
  parseReportContent,
  renderReportText,
  type ReportContent,
  type ReportFieldError,
  type ReportHeadings,
  type SplitReport,
} from '../reports/editor.js'
import { isSchoolId } from '../reports/pages/load.js'
import { ITEM_IDS } from '../reports/schedule1.js'
import type { Translate } from '../web/i18n/index.js'
import { nextReviewDue, type ReviewSettings } from './review-dates.js'
import { workflow, type Outcome, type Publishable, type Revision, type Workflow } from './revisions.js'
import { createLru } from '../lru.js'

export type { ReportContent }

/** The published text's headings, from the catalogue. */
export function reportHeadings(t: Translate): ReportHeadings {
  return Object.fromEntries([...ITEM_IDS, 'other'].map((key) => [key, t(`reportEditor.textHeadings.${key}`)])) as ReportHeadings
}

// Splitting a report takes tens of milliseconds and the workflow loads the published content on
// every call, so each publishable keeps the last few splits, by a hash of the text.
const SPLITS_KEPT = 16

export function schoolReportPublishable(settings: ReviewSettings, headings: ReportHeadings): Publishable<ReportContent> {
  const splits = createLru<string, SplitReport>(SPLITS_KEPT)
  const split = (text: string): SplitReport => {
    const key = createHash('sha256').update(text).digest('base64url')
    const found = splits.get(key)
    if (found) return found
    const made = contentFromText(text, headings)
    splits.set(key, made)
    return made
  }
  return {
    kind: 'school-report',
    async load(db, schoolId) {
      // PostgreSQL refuses a malformed uuid with an error, not an empty result.
      if (!isSchoolId(schoolId)) return undefined
      const row = await db
        .selectFrom('schools')
        .innerJoin('organisations', 'organisations.id', 'schools.id')
        .select(['schools.id', 'organisations.name', 'schools.report_text', 'schools.report_sections', 'schools.report_version'])
        .where('schools.id', '=', schoolId)
        .executeTakeFirst()
      if (!row) return undefined
      // Written in the editor: its sections as written (they hold every field). Otherwise split from the text.
      const content = row.report_sections ? parseReportContent(row.report_sections, emptyContent()) : row.report_text ? split(row.report_text).content : emptyContent()
      return { content, version: row.report_version, organisationId: row.id, name: row.name }
    },
    parse: parseReportContent,
    async publish(trx, schoolId, content, expected, reviewedOn) {
      const text = renderReportText(content, headings)
      const moved = await trx
        .updateTable('schools')
        .set((eb) => ({
          report_version: eb('report_version', '+', 1),
          report_sections: contentJson(content),
          // An emptied report is no report: the public page then says so, rather than show nothing.
          report_text: text === '' ? null : text,
          report_last_reviewed: reviewedOn,
          report_next_review_due: nextReviewDue(settings, 'school-report', reviewedOn),
        }))
        .where('id', '=', schoolId)
        .where('report_version', '=', expected)
        .executeTakeFirst()
      return Number(moved.numUpdatedRows) === 1
    },
  }
}

export function schoolReportWorkflow(db: Kysely<Database>, settings: ReviewSettings, headings: ReportHeadings): Workflow<ReportContent> {
  return workflow(db, schoolReportPublishable(settings, headings))
}

/** A school, by its id or its URN (the register's number), as the CLI is given it. */
export async function findSchoolByKey(db: Kysely<Database>, key: string): Promise<{ id: string; name: string } | undefined> {
  let query = db.selectFrom('schools').innerJoin('organisations', 'organisations.id', 'schools.id').select(['schools.id', 'organisations.name'])
  if (isSchoolId(key)) query = query.where('schools.id', '=', key)
  else if (/^\d{1,10}$/.test(key)) query = query.where('schools.urn', '=', key)
  else return undefined
  return query.executeTakeFirst()
}

export type ImportOutcome =
  | { ok: true; outcome: Outcome<ReportContent>; split: SplitReport }
  | { ok: false; errors: ReportFieldError[] }
  /** Without a form's `from`, an open change is only replaced when asked to. */
  | { ok: false; open: Revision<ReportContent> }

/**
 * Saves an imported report's text as the school's draft, split into items: never published
 * directly. `from` is what the caller's form was opened from; without one (the CLI) the draft is
 * made against what is published now, and replaces an open change only with `replaceOpen`.
 * Nothing is saved when a part is too long. Undefined when there is no such school.
 */
export async function importDraft(
  changes: Workflow<ReportContent>,
  headings: ReportHeadings,
  input: { schoolId: string; text: string; actorId: string | null; from?: Parameters<Workflow<ReportContent>['save']>[0]['from']; replaceOpen?: boolean },
): Promise<ImportOutcome | undefined> {
  const split = contentFromText(input.text, headings)
  const errors = contentErrors(split.content)
  if (errors.length > 0) return { ok: false, errors }
  let from = input.from
  if (!from) {
    const current = await changes.current(input.schoolId)
    if (!current) return undefined
    if (current.open && !input.replaceOpen) return { ok: false, open: current.open }
    from = current.open ? { revisionId: current.open.id, version: current.open.version } : { publishedVersion: current.version }
  }
  const outcome = await changes.save({ subjectId: input.schoolId, from, content: split.content, actorId: input.actorId ?? null, submit: false })
  return { ok: true, outcome, split }
}

// The structured editor of a school's SEN information report: /manage/schools/:id/report/edit
// (one section per Schedule 1 item, with the toolkit's prompts and the live checks; checked
// without saving, saved as a draft, sent for approval, or published at once by council staff),
// discarding the draft, and the report's history of changes. A save from an out-of-date copy gets
// the conflict page, never applied. Works without JavaScript: the checks are made on the server.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../../../../db/schema.js'
import { today } from '../../../../publishing/review-dates.js'
import type { Conflict, Revision } from '../../../../publishing/revisions.js'
import type { ReportContent } from '../../../../publishing/school-reports.js'
import {
  changedFields,
  checkReport,
  fieldName,
  fieldText,
  formPairs,
  readingBand,
  readReportForm,
  REPORT_FIELDS,
  SECTION_MAX,
  type ReportChecks,
  type ReportField,
  type ReportFieldError,
} from '../../../../reports/editor.js'
import { memoFor } from '../../../../reports/pages/memo.js'
import { statusTag } from '../../../../reports/pages/view.js'
import { SCHEDULE_1, SE7_PARENT_QUESTIONS, SE7_YOUNG_PERSON_QUESTIONS, type ItemId } from '../../../../reports/schedule1.js'
import type { Services } from '../../../../services.js'
import { hasKey, translator } from '../../../i18n/index.js'
import { authorNames, editableSubject } from '../publishing/common.js'
import { fieldLabel, fromFields, fromOf, HEADINGS, openedFrom, publishedReport, reportDiff, reportWorkflow, type From } from './common.js'

const t = translator('en')
const DONE = ['saved', 'submitted', 'published', 'withdrawn', 'imported'] as const
// The form carries up to TOTAL_MAX characters, each up to 12 bytes once url-encoded (an emoji).
const EDIT_BODY_LIMIT = 3 * 1024 * 1024

type SchoolRequest = FastifyRequest<{ Params: { id: string } }>

const isItem = (field: ReportField): field is ItemId => field !== 'intro' && field !== 'other'
const number = (value: number) => value.toLocaleString('en-GB')

/** The toolkit's prompts for an item, numbered 1, 2… in the catalogue; none for some items. */
function promptsOf(id: ItemId): string[] {
  const prompts: string[] = []
  for (let n = 1; hasKey(`selfEvaluation.prompts.${id}.${n}`); n++) prompts.push(t(`selfEvaluation.prompts.${id}.${n}`))
  return prompts
}

function questionsOf(id: ItemId): string[] {
  return [...SE7_PARENT_QUESTIONS, ...SE7_YOUNG_PERSON_QUESTIONS].filter((question) => question.items.includes(id)).map((question) => question.question)
}

export function errorText(error: ReportFieldError): string {
  if (error.field === 'total') return t('reportEditor.errors.totalTooLong', { max: number(error.max), count: number(error.count) })
  return t('reportEditor.errors.tooLong', { field: fieldLabel(error.field), max: number(error.max), count: number(error.count) })
}

/** What the editor's template needs of each section: its texts, its answer and its checks. */
function sectionsView(content: ReportContent, checks: ReportChecks, errors: readonly ReportFieldError[]) {
  return REPORT_FIELDS.map((field) => {
    const item = isItem(field) ? SCHEDULE_1.find((each) => each.id === field) : undefined
    const error = errors.find((each) => each.field === field)
    const heading = isItem(field) ? t('reportEditor.itemHeading', { id: field, title: item?.title ?? field }) : t(`reportEditor.${field}Heading`)
    return {
      field,
      name: fieldName(field),
      anchor: `section-${field}`,
      heading,
      label: isItem(field) ? t('reportEditor.answerLabel', { id: field }) : heading,
      hint: isItem(field) ? t(`reportEditor.hints.${field}`) : t(`reportEditor.${field}Hint`),
      regulation: item ? t('reportEditor.regulation', { text: item.regulation }) : undefined,
      prompts: isItem(field) ? promptsOf(field) : [],
      questions: isItem(field) ? questionsOf(field) : [],
      value: fieldText(content, field),
      tag: isItem(field) ? statusTag(t, checks.status[field]) : undefined,
      jargon: checks.jargon[field].map((finding) => t('reportEditor.jargonItem', { acronym: finding.acronym, explanation: finding.explanation })),
      error: error ? errorText(error) : undefined,
    }
  })
}

function readingView(checks: ReportChecks) {
  const { readability } = checks
  if (readability.words === 0) return { measured: false }
  return {
    measured: true,
    ease: t('reportEditor.readingEase', { score: Math.round(readability.fleschReadingEase), band: t(`reportEditor.bands.${readingBand(readability.fleschReadingEase)}`) }),
    age: t('reportEditor.readingAge', { age: Math.round(readability.readingAge) }),
    long: readability.longSentences > 0 ? t('reportEditor.longSentences', { count: readability.longSentences }) : undefined,
  }
}

export function editReportRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store
  const changes = reportWorkflow(services)
  const memo = memoFor(services)
  const base = (id: string) => `/manage/schools/${id}/report`

  const editable = (request: SchoolRequest, reply: FastifyReply) => editableSubject(changes, request, reply)

  function checksOf(schoolId: string, content: ReportContent): ReportChecks {
    const on = today()
    // The same memo as the public pages: a draft's text is kept under its own hash, never served as the report.
    return checkReport(content, HEADINGS, { today: on, assess: (text) => memo.assess(schoolId, text, on) })
  }

  async function form(
    request: SchoolRequest,
    reply: FastifyReply,
    view: { name: string; content: ReportContent; from: From; open: Revision<ReportContent> | undefined; errors?: ReportFieldError[]; checked?: boolean; done?: (typeof DONE)[number] | undefined },
  ) {
    const id = request.params.id
    const errors = view.errors ?? []
    const checks = checksOf(id, view.content)
    const stored = await db.selectFrom('schools').select(['report_text', 'report_sections']).where('id', '=', id).executeTakeFirst()
    const query = request.query as Record<string, unknown>
    const count = (value: unknown) => (typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : undefined)
    const file = typeof query.file === 'string' ? query.file.slice(0, 120) : ''
    const placed = count(query.placed)
    const unplaced = count(query.unplaced)
    return reply.code(errors.length > 0 ? 400 : 200).page('staff/report-editor/editor.njk', {
      pageTitle: t('reportEditor.title', { school: view.name }),
      breadcrumbs: [
        { text: t('site.breadcrumbHome'), href: '/' },
        { text: t('manage.title'), href: '/manage' },
      ],
      csrfToken: reply.csrfToken(),
      me: request.user,
      schoolName: view.name,
      formAction: `${base(id)}/edit`,
      withdrawAction: `${base(id)}/withdraw`,
      importHref: `${base(id)}/import`,
      historyHref: `${base(id)}/history`,
      reportHref: `/schools/${id}/report`,
      published: Boolean(stored?.report_text),
      prefilled: Boolean(stored?.report_text) && !stored?.report_sections && !view.open,
      fromFields: fromFields(view.from),
      open: view.open,
      changedItems: view.open ? changedFields(view.open.baseContent, view.open.content).map(fieldLabel) : [],
      errors: errors.map((error) => ({ text: errorText(error), href: error.field === 'total' ? `#${fieldName('intro')}` : `#${fieldName(error.field)}` })),
      done: view.done,
      imported: view.done === 'imported' ? { file, placed, unplaced } : undefined,
      checked: view.checked ?? false,
      sections: sectionsView(view.content, checks, errors),
      counts: checks.counts,
      reading: readingView(checks),
      jargon: checks.assessment.jargon.map((finding) => t('reportEditor.jargonItem', { acronym: finding.acronym, explanation: finding.explanation })),
      sectionMax: SECTION_MAX,
      mayPublish: request.user!.role !== null,
    })
  }

  return async (app) => {
    app.get<{ Params: { id: string } }>(`/manage/schools/:id/report/edit`, { config: { access: 'manage' } }, async (request, reply) => {
      const current = await editable(request, reply)
      if (!current) return reply
      const done = (request.query as Record<string, unknown>).done
      return form(request, reply, {
        name: current.name,
        content: current.open?.content ?? current.published,
        from: openedFrom(current),
        open: current.open,
        done: DONE.find((each) => each === done),
      })
    })

    app.post<{ Params: { id: string } }>(`/manage/schools/:id/report/edit`, { config: { access: 'manage' }, bodyLimit: EDIT_BODY_LIMIT }, async (request, reply) => {
      const current = await editable(request, reply)
      if (!current) return reply
      const body = (request.body ?? {}) as Record<string, unknown>
      const from = fromOf(body)
      const action = body.action
      if (!from || (action !== 'check' && action !== 'save' && action !== 'submit' && action !== 'publish')) {
        return reply.errorPage(400, 'badForm')
      }
      const { content, errors } = readReportForm(body)
      // "Check my report" saves nothing: the same form again, with the checks of what was typed.
      if (errors.length > 0 || action === 'check') return form(request, reply, { name: current.name, content, from, open: current.open, errors, checked: action === 'check' })
      const publish = action === 'publish' && request.user!.role !== null
      const actorId = request.user!.id
      const saved = await changes.save({ subjectId: request.params.id, from, content, actorId, submit: action !== 'save' })
      if (!saved.ok) return conflictPage(db, request, reply, saved.conflict, content)
      if (publish) {
        const approved = await publishedReport(services, changes, { revisionId: saved.revision.id, version: saved.revision.version, actorId, reviewedOn: today() })
        if (!approved.ok) return conflictPage(db, request, reply, approved.conflict, content)
      }
      const done = publish ? 'published' : action === 'submit' ? 'submitted' : 'saved'
      return reply.redirect(`${base(request.params.id)}/edit?done=${done}`, 303)
    })

    app.post<{ Params: { id: string } }>('/manage/schools/:id/report/withdraw', { config: { access: 'manage' } }, async (request, reply) => {
      const current = await editable(request, reply)
      if (!current) return reply
      const from = fromOf((request.body ?? {}) as Record<string, unknown>)
      if (!from || !('revisionId' in from)) return reply.errorPage(400, 'badForm')
      const withdrawn = await changes.withdraw({ revisionId: from.revisionId, version: from.version, actorId: request.user!.id })
      if (!withdrawn.ok) return conflictPage(db, request, reply, withdrawn.conflict, current.open?.content ?? current.published)
      return reply.redirect(`${base(request.params.id)}/edit?done=withdrawn`, 303)
    })

    app.get<{ Params: { id: string } }>('/manage/schools/:id/report/history', { config: { access: 'manage' } }, async (request, reply) => {
      const current = await editable(request, reply)
      if (!current) return reply
      const revisions = await changes.history(request.params.id)
      const names = await authorNames(db, revisions.flatMap((revision) => [revision.authorId, revision.decidedBy]))
      return reply.page('staff/report-editor/history.njk', {
        pageTitle: t('reportEditor.history.title', { school: current.name }),
        breadcrumbs: [
          { text: t('site.breadcrumbHome'), href: '/' },
          { text: t('manage.title'), href: '/manage' },
        ],
        me: request.user,
        editHref: `${base(request.params.id)}/edit`,
        version: current.version,
        revisions: revisions.map((revision) => ({
          ...revision,
          author: names.get(revision.authorId ?? ''),
          decider: names.get(revision.decidedBy ?? ''),
          rows: reportDiff(revision.baseContent, revision.content),
        })),
      })
    })
  }
}

/** The 409 page: where the saved version and the sender's differ, item by item, and "save mine". */
export async function conflictPage(db: Kysely<Database>, request: SchoolRequest, reply: FastifyReply, conflict: Conflict<ReportContent>, yours: ReportContent) {
  if (conflict.kind === 'gone') return reply.code(404).page('pages/error.njk', { titleKey: 'reportEditor.goneTitle', bodyKey: 'reportEditor.gone' })
  const theirs = conflict.kind === 'revision-changed' ? conflict.revision.content : conflict.published
  const from: From = conflict.kind === 'revision-changed' ? { revisionId: conflict.revision.id, version: conflict.revision.version } : { publishedVersion: conflict.version }
  const names = conflict.kind === 'revision-changed' ? await authorNames(db, [conflict.revision.authorId]) : new Map<string, string>()
  return reply.code(409).page('staff/report-editor/conflict.njk', {
    pageTitle: t('reportEditor.conflict.title'),
    csrfToken: reply.csrfToken(),
    me: request.user,
    formAction: `/manage/schools/${request.params.id}/report/edit`,
    editHref: `/manage/schools/${request.params.id}/report/edit`,
    theirs: conflict.kind === 'revision-changed' ? { status: conflict.revision.status, at: conflict.revision.updatedAt, by: names.get(conflict.revision.authorId ?? '') } : { status: 'approved' },
    rows: reportDiff(theirs, yours),
    hiddenFields: [...formPairs(yours), ...fromFields(from)],
  })
}

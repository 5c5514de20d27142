// Freshness: the council's dashboard of what is overdue for review (/admin/freshness), and the
// owner's one-click "still correct" for a listing or a school's report (the reminders link here).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../../../accounts/audit.js'
import type { RevisionKind } from '../../../../db/schema.js'
import { addDays, freshness, nextReviewDue, reportReviewDue, today } from '../../../../publishing/review-dates.js'
import { indexSubjects } from '../../../../search/indexer.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'
import { mayEdit } from '../../../plugins/auth.js'
import { isUuid } from '../../../../db/ids.js'

const t = translator('en')
const LIST_LIMIT = 200

interface DueRow {
  kind: RevisionKind
  id: string
  name: string
  organisation: string
  lastReviewed: string | null
  due: string | null
  owners: number
  href: string
}

export function freshnessRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store
  const settings = services.config

  async function dueServices(soon: string): Promise<{ rows: DueRow[]; undated: number }> {
    const base = db.selectFrom('services').innerJoin('organisations', 'organisations.id', 'services.organisation_id')
    const rows = await base
      .select(['services.id', 'services.name', 'organisations.name as organisation', 'services.last_reviewed', 'services.next_review_due'])
      .select((eb) => eb.selectFrom('memberships').select(eb.fn.countAll<number>().as('n')).whereRef('memberships.organisation_id', '=', 'services.organisation_id').as('owners'))
      .where('services.next_review_due', '<=', soon)
      .orderBy('services.next_review_due')
      .orderBy('services.id')
      .limit(LIST_LIMIT)
      .execute()
    const undated = await base.select((eb) => eb.fn.countAll<number>().as('count')).where('services.next_review_due', 'is', null).executeTakeFirstOrThrow()
    return {
      rows: rows.map((row) => ({ kind: 'service', id: row.id, name: row.name, organisation: row.organisation, lastReviewed: row.last_reviewed, due: row.next_review_due, owners: Number(row.owners), href: `/services/${row.id}` })),
      undated: Number(undated.count),
    }
  }

  /** Reports: the recorded review date, else a year (the setting) after the date the report gives. */
  async function dueReports(soon: string): Promise<{ rows: DueRow[]; undated: number }> {
    const rows = await db
      .selectFrom('schools')
      .innerJoin('organisations', 'organisations.id', 'schools.id')
      .select(['schools.id', 'organisations.name', 'schools.report_text', 'schools.report_last_reviewed', 'schools.report_next_review_due'])
      .select((eb) => eb.selectFrom('memberships').select(eb.fn.countAll<number>().as('n')).whereRef('memberships.organisation_id', '=', 'schools.id').as('owners'))
      .where('schools.report_text', 'is not', null)
      .execute()
    let undated = 0
    const due: DueRow[] = []
    for (const row of rows) {
      const dueOn = reportReviewDue(settings, { nextReviewDue: row.report_next_review_due, text: row.report_text })
      if (!dueOn) undated += 1
      else if (dueOn <= soon) {
        due.push({ kind: 'school-report', id: row.id, name: row.name, organisation: row.name, lastReviewed: row.report_last_reviewed, due: dueOn, owners: Number(row.owners), href: `/schools/${row.id}/report` })
      }
    }
    due.sort((a, b) => (a.due ?? '').localeCompare(b.due ?? '') || a.id.localeCompare(b.id))
    return { rows: due.slice(0, LIST_LIMIT), undated }
  }

  async function confirmPage(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, kind: RevisionKind) {
    const subject = await reviewSubject(kind, request.params.id)
    if (!subject) return reply.callNotFound()
    if (!mayEdit(request.user, subject.organisationId)) return reply.errorPage(403, 'forbidden')
    const done = (request.query as Record<string, unknown>).done === 'confirmed'
    return reply.page('staff/publishing/still-correct.njk', {
      pageTitle: t(`publishing.stillCorrect.title.${kind}`, { name: subject.name }),
      csrfToken: reply.csrfToken(),
      me: request.user,
      subject,
      kind,
      state: freshness(settings, subject.due),
      done,
      action: request.url.split('?')[0],
    })
  }

  async function reviewSubject(kind: RevisionKind, id: string) {
    if (!isUuid(id)) return undefined
    if (kind === 'service') {
      const row = await db.selectFrom('services').select(['id', 'name', 'organisation_id', 'last_reviewed', 'next_review_due']).where('id', '=', id).executeTakeFirst()
      return row && { id: row.id, name: row.name, organisationId: row.organisation_id, lastReviewed: row.last_reviewed, due: row.next_review_due, view: `/services/${row.id}`, edit: `/manage/services/${row.id}/edit` }
    }
    const row = await db
      .selectFrom('schools')
      .innerJoin('organisations', 'organisations.id', 'schools.id')
      .select(['schools.id', 'organisations.name', 'schools.report_last_reviewed', 'schools.report_next_review_due'])
      .where('schools.id', '=', id)
      .where('schools.report_text', 'is not', null)
      .executeTakeFirst()
    return row && { id: row.id, name: row.name, organisationId: row.id, lastReviewed: row.report_last_reviewed, due: row.report_next_review_due, view: `/schools/${row.id}/report`, edit: undefined }
  }

  async function confirm(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, kind: RevisionKind) {
    const subject = await reviewSubject(kind, request.params.id)
    if (!subject) return reply.callNotFound()
    if (!mayEdit(request.user, subject.organisationId)) return reply.errorPage(403, 'forbidden')
    const on = today()
    const next = nextReviewDue(settings, kind, on)
    if (kind === 'service') {
      await db.updateTable('services').set({ last_reviewed: on, next_review_due: next }).where('id', '=', subject.id).execute()
      await indexSubjects(services.store, [subject.id])
    } else {
      await db.updateTable('schools').set({ report_last_reviewed: on, report_next_review_due: next }).where('id', '=', subject.id).execute()
    }
    await audit(db, { actorId: request.user!.id, action: 'review.confirmed', subject: `${kind}:${subject.id}`, details: { next } })
    return reply.redirect(`${request.url.split('?')[0]}?done=confirmed`, 303)
  }

  return async (app) => {
    app.get('/admin/freshness', { config: { access: 'officer' } }, async (request, reply) => {
      const on = today()
      const soon = addDays(on, settings.REMINDER_DAYS_BEFORE)
      const [listings, reports] = await Promise.all([dueServices(soon), dueReports(soon)])
      const split = (rows: DueRow[]) => ({ overdue: rows.filter((row) => row.due! <= on), soon: rows.filter((row) => row.due! > on) })
      return reply.page('staff/publishing/freshness.njk', {
        pageTitle: t('publishing.freshness.title'),
        csrfToken: reply.csrfToken(),
        me: request.user,
        listings: { ...split(listings.rows), undated: listings.undated, limited: listings.rows.length === LIST_LIMIT },
        reports: { ...split(reports.rows), undated: reports.undated, limited: reports.rows.length === LIST_LIMIT },
        days: settings.REMINDER_DAYS_BEFORE,
      })
    })

    app.get<{ Params: { id: string } }>('/manage/services/:id/review', { config: { access: 'manage' } }, (request, reply) => confirmPage(request, reply, 'service'))
    app.post<{ Params: { id: string } }>('/manage/services/:id/review', { config: { access: 'manage' } }, (request, reply) => confirm(request, reply, 'service'))
    app.get<{ Params: { id: string } }>('/manage/schools/:id/report/review', { config: { access: 'manage' } }, (request, reply) => confirmPage(request, reply, 'school-report'))
    app.post<{ Params: { id: string } }>('/manage/schools/:id/report/review', { config: { access: 'manage' } }, (request, reply) => confirm(request, reply, 'school-report'))
  }
}

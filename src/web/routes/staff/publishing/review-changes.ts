// The council's review of submitted changes: /admin/changes (waiting, oldest first) and
// /admin/changes/:id (the diff, approve, or return with a reason the editor will read).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { today } from '../../../../publishing/review-dates.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'
import { publishedReport, reportDiff, reportWorkflow } from '../report-editor/common.js'
import { authorNames, publishedChange, serviceWorkflow } from './common.js'
import { serviceDiff } from './present.js'
import { isUuid } from '../../../../db/ids.js'

const t = translator('en')
const MAX_REASON = 2_000

export function reviewChangeRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store
  const changes = serviceWorkflow(services)
  // Schools' reports wait in the same queue; each change is decided through its own kind's workflow.
  const reports = reportWorkflow(services)

  /** A change of either kind, with its diff against what is published now and where that is read. */
  async function findChange(id: string) {
    const service = await changes.find(id)
    if (service) return { revision: service, rows: serviceDiff(service.published, service.content), published: { href: `/services/${service.subjectId}`, text: t('publishing.viewPublished') } }
    const report = await reports.find(id)
    if (report) return { revision: report, rows: reportDiff(report.published, report.content), published: { href: `/schools/${report.subjectId}/report`, text: t('reportEditor.changeView') } }
    return undefined
  }

  async function isReportChange(id: string): Promise<boolean> {
    const row = await db.selectFrom('revisions').select('subject_kind').where('id', '=', id).executeTakeFirst()
    return row?.subject_kind === 'school-report'
  }

  async function changePage(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, extra: { errors?: Array<{ text: string; href: string }>; reason?: string; notice?: string } = {}) {
    const found = isUuid(request.params.id) ? await findChange(request.params.id) : undefined
    if (!found) return reply.callNotFound()
    const { revision } = found
    const names = await authorNames(db, [revision.authorId, revision.decidedBy])
    const organisation = await db.selectFrom('organisations').select('name').where('id', '=', revision.organisationId).executeTakeFirst()
    return reply.code(extra.errors?.length ? 400 : extra.notice ? 409 : 200).page('staff/publishing/change.njk', {
      pageTitle: t('publishing.changeTitle', { name: revision.name }),
      csrfToken: reply.csrfToken(),
      me: request.user,
      revision: { ...revision, author: names.get(revision.authorId ?? ''), decider: names.get(revision.decidedBy ?? '') },
      organisationName: organisation?.name,
      // Against what is published now: if that moved on since the change was written, the reviewer sees it.
      rows: found.rows,
      published: found.published,
      stale: revision.publishedVersion !== revision.baseVersion,
      errors: extra.errors ?? [],
      reason: extra.reason ?? '',
      notice: extra.notice,
      maxReason: MAX_REASON,
    })
  }

  const version = (body: Record<string, unknown>) => (typeof body.version === 'string' && /^\d{1,9}$/.test(body.version) ? Number(body.version) : undefined)

  return async (app) => {
    app.get('/admin/changes', { config: { access: 'officer' } }, async (request, reply) => {
      const rows = await db
        .selectFrom('revisions')
        .innerJoin('organisations', 'organisations.id', 'revisions.organisation_id')
        .leftJoin('services', 'services.id', 'revisions.subject_id')
        .leftJoin('users', 'users.id', 'revisions.author_id')
        .select(['revisions.id', 'revisions.subject_kind', 'revisions.submitted_at', 'organisations.name as organisation', 'services.name as name', 'users.name as author'])
        .where('revisions.status', '=', 'submitted')
        .orderBy('revisions.submitted_at')
        .orderBy('revisions.id')
        .limit(500)
        .execute()
      const returned = await db.selectFrom('revisions').select((eb) => eb.fn.countAll<number>().as('count')).where('status', '=', 'returned').executeTakeFirstOrThrow()
      const done = (request.query as Record<string, unknown>).done
      return reply.page('staff/publishing/changes.njk', {
        pageTitle: t('publishing.queueTitle'),
        csrfToken: reply.csrfToken(),
        me: request.user,
        waiting: rows.map((row) => (row.subject_kind === 'school-report' ? { ...row, name: t('reportEditor.queueName') } : row)),
        returnedCount: Number(returned.count),
        done: done === 'approved' || done === 'returned' ? done : undefined,
      })
    })

    app.get<{ Params: { id: string } }>('/admin/changes/:id', { config: { access: 'officer' } }, async (request, reply) => changePage(request, reply))

    app.post<{ Params: { id: string } }>('/admin/changes/:id/approve', { config: { access: 'officer' } }, async (request, reply) => {
      const expected = version(request.body as Record<string, unknown>)
      if (!isUuid(request.params.id) || expected === undefined) return reply.errorPage(400, 'badForm')
      const input = { revisionId: request.params.id, version: expected, actorId: request.user!.id, reviewedOn: today() }
      const approved = (await isReportChange(request.params.id)) ? await publishedReport(services, reports, input) : await publishedChange(services, changes, input)
      if (!approved.ok) return changePage(request, reply, { notice: t('publishing.changedWhileReviewing') })
      return reply.redirect(`/admin/changes?done=approved`, 303)
    })

    app.post<{ Params: { id: string } }>('/admin/changes/:id/return', { config: { access: 'officer' } }, async (request, reply) => {
      const body = request.body as Record<string, unknown>
      const expected = version(body)
      if (!isUuid(request.params.id) || expected === undefined) return reply.errorPage(400, 'badForm')
      const reason = typeof body.reason === 'string' ? body.reason.replace(/\r\n?/g, '\n').trim() : ''
      if (!reason || reason.length > MAX_REASON) {
        const text = reason ? t('publishing.reasonTooLong', { max: MAX_REASON }) : t('publishing.reasonMissing')
        return changePage(request, reply, { errors: [{ text, href: '#reason' }], reason })
      }
      const input = { revisionId: request.params.id, version: expected, actorId: request.user!.id, reason }
      const returned = (await isReportChange(request.params.id)) ? await reports.sendBack(input) : await changes.sendBack(input)
      if (!returned.ok) return changePage(request, reply, { notice: t('publishing.changedWhileReviewing') })
      return reply.redirect(`/admin/changes?done=returned`, 303)
    })
  }
}

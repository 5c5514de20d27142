// Providers' pages: /manage lists the organisations this person keeps listings for, with their
// services. Council staff see the same page for any organisation they belong to.
import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../../../services.js'
import { OPEN_STATUSES } from '../../../../publishing/revisions.js'
import { freshness, today } from '../../../../publishing/review-dates.js'
import { translator } from '../../../i18n/index.js'

const t = translator('en')

export function manageRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store
  return async (app) => {
    app.get('/manage', { config: { access: 'manage' } }, async (request, reply) => {
      const ids = request.user!.organisationIds
      const organisations = ids.length > 0 ? await db.selectFrom('organisations').select(['id', 'name', 'kind']).where('id', 'in', ids).orderBy('name').execute() : []
      const services_ = ids.length > 0 ? await db.selectFrom('services').select(['id', 'name', 'organisation_id', 'last_reviewed', 'next_review_due']).where('organisation_id', 'in', ids).orderBy('name').execute() : []
      const open = ids.length > 0 ? await db.selectFrom('revisions').select(['subject_id', 'status']).where('organisation_id', 'in', ids).where('status', 'in', OPEN_STATUSES).execute() : []
      const changeOf = new Map(open.map((row) => [row.subject_id, row.status]))
      const today_ = today()
      return reply.page('staff/manage/manage.njk', {
        pageTitle: t('manage.title'),
        csrfToken: reply.csrfToken(),
        me: request.user,
        organisations: organisations.map((organisation) => ({
          ...organisation,
          services: services_
            .filter((service) => service.organisation_id === organisation.id)
            .map((service) => ({ ...service, change: changeOf.get(service.id), freshness: freshness(services.config, service.next_review_due, today_) })),
        })),
      })
    })
  }
}

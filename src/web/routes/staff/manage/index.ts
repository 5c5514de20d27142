// Providers' pages: /manage lists the organisations this person keeps listings for, with their
// services. Council staff see the same page for any organisation they belong to.
import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'

const t = translator('en')

export function manageRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store
  return async (app) => {
    app.get('/manage', { config: { access: 'manage' } }, async (request, reply) => {
      const ids = request.user!.organisationIds
      const organisations = ids.length > 0 ? await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).orderBy('name').execute() : []
      const services_ = ids.length > 0 ? await db.selectFrom('services').select(['id', 'name', 'organisation_id', 'last_reviewed']).where('organisation_id', 'in', ids).orderBy('name').execute() : []
      return reply.page('staff/manage/manage.njk', {
        pageTitle: t('manage.title'),
        csrfToken: reply.csrfToken(),
        me: request.user,
        organisations: organisations.map((organisation) => ({ ...organisation, services: services_.filter((service) => service.organisation_id === organisation.id) })),
      })
    })
  }
}

// /organizations and /organizations/{id}: councils, schools, NHS teams, charities, businesses.
import type { FastifyPluginAsync } from 'fastify'
import { notFound } from '../errors.js'
import { sendList } from '../lists.js'
import { countOrganisations, findOrganisation, listOrganisations } from '../queries.js'
import { organisationRecords, type ApiContext } from '../records.js'
import { linksOf, parametersOf, recordId } from '../request.js'

export function organizationRoutes(context: ApiContext): FastifyPluginAsync {
  const { db, postcodes } = context
  return async (app) => {
    app.get('/organizations', async (request, reply) => {
      const parameters = parametersOf(request, '/organizations', postcodes)
      const depth = { full: parameters.full, services: parameters.fullService ? ('full' as const) : undefined }
      const links = linksOf(request)
      return sendList(reply, parameters, {
        count: () => countOrganisations(db, parameters.words),
        read: (window) => listOrganisations(db, parameters.words, window),
        toItems: (rows) => organisationRecords(context, rows, depth, links),
      })
    })

    // "Fully nested organization with service array that contains simple information"; full_service nests them fully.
    app.get('/organizations/:id', async (request) => {
      const parameters = parametersOf(request, '/organizations/{id}', postcodes)
      const row = await findOrganisation(db, recordId(request, 'organization'))
      if (!row) throw notFound('organization')
      const [record] = await organisationRecords(context, [row], { full: true, services: parameters.fullService ? 'full' : 'list' }, linksOf(request))
      return record
    })
  }
}

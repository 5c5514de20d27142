// /services and /services/{id}.
import type { FastifyPluginAsync } from 'fastify'
import { notFound } from '../errors.js'
import { serviceFilter } from '../filters.js'
import { sendList } from '../lists.js'
import { countServices, findService, listServices } from '../queries.js'
import { serviceRecords, type ApiContext } from '../records.js'
import { linksOf, parametersOf, recordId } from '../request.js'

export function serviceRoutes(context: ApiContext): FastifyPluginAsync {
  const { db, postcodes } = context
  return async (app) => {
    app.get('/services', async (request, reply) => {
      const parameters = parametersOf(request, '/services', postcodes)
      const filter = serviceFilter(parameters)
      const depth = parameters.minimal ? 'minimal' : parameters.full ? 'full' : 'list'
      const links = linksOf(request)
      return sendList(reply, parameters, {
        count: () => countServices(db, filter),
        read: (window) => listServices(db, filter, window),
        toItems: (rows) => serviceRecords(context, rows, depth, links),
      })
    })

    app.get('/services/:id', async (request) => {
      parametersOf(request, '/services/{id}', postcodes)
      const row = await findService(db, recordId(request, 'service'))
      if (!row) throw notFound('service')
      const [record] = await serviceRecords(context, [row], 'full', linksOf(request))
      return record
    })
  }
}

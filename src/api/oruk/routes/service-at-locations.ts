// /service_at_locations and /service_at_locations/{id}: each place a service is given, with the
// place and the service; with a postcode, nearest first.
import type { FastifyPluginAsync } from 'fastify'
import { notFound } from '../errors.js'
import { toServiceAtLocation, type Links } from '../mapping.js'
import { nearOf, serviceFilter } from '../filters.js'
import { sendList } from '../lists.js'
import { countServiceAtLocations, findServiceAtLocation, listServiceAtLocations, loadLocations, loadServices, type ServiceAtLocationLink } from '../queries.js'
import { serviceRecords, type ApiContext } from '../records.js'
import { linksOf, parametersOf, recordId } from '../request.js'
import type { OrukServiceAtLocation } from '../types.js'

async function records(context: ApiContext, links: ServiceAtLocationLink[], full: boolean, where: Links): Promise<OrukServiceAtLocation[]> {
  const [locations, serviceRows] = await Promise.all([
    loadLocations(context.db, links.map((link) => link.location_id)),
    loadServices(context.db, links.map((link) => link.service_id)),
  ])
  const rows = [...serviceRows.values()]
  const services = new Map((await serviceRecords(context, rows, 'list', where)).map((service) => [service.id, service]))
  return links.map((link) => toServiceAtLocation(link, locations.get(link.location_id), services.get(link.service_id), full))
}

export function serviceAtLocationRoutes(context: ApiContext): FastifyPluginAsync {
  const { db, postcodes } = context
  return async (app) => {
    app.get('/service_at_locations', async (request, reply) => {
      const parameters = parametersOf(request, '/service_at_locations', postcodes)
      const filter = serviceFilter(parameters)
      const near = nearOf(parameters)
      const links = linksOf(request)
      return sendList(reply, parameters, {
        count: () => countServiceAtLocations(db, filter, near),
        read: (window) => listServiceAtLocations(db, filter, near, window),
        toItems: (rows) => records(context, rows, parameters.full, links),
      })
    })

    app.get('/service_at_locations/:id', async (request) => {
      parametersOf(request, '/service_at_locations/{id}', postcodes)
      const link = await findServiceAtLocation(db, recordId(request, 'service at location'))
      if (!link) throw notFound('service at location')
      const [record] = await records(context, [link], true, linksOf(request))
      return record
    })
  }
}

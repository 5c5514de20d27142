// The site's open data: the Open Referral UK API under /api/oruk, and the page that explains it
// to developers. Registered together, with one line in src/web/app.ts.
import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../services.js'
import { developersRoutes } from '../web/routes/public/developers/index.js'
import { API_PREFIX } from './oruk/mapping.js'
import { orukRoutes } from './oruk/routes/index.js'

export function openDataRoutes(services: Services): FastifyPluginAsync {
  return async (app) => {
    await app.register(orukRoutes(services), { prefix: API_PREFIX })
    await app.register(developersRoutes(services))
  }
}

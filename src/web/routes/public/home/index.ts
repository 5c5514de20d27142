import type { FastifyPluginAsync } from 'fastify'
import { AGE_BANDS, HELP_KINDS } from '../../../../domain/model.js'
import { BROAD_AREAS } from '../../../../domain/needs.js'
import type { Services } from '../../../../services.js'

export function homeRoutes(_services: Services): FastifyPluginAsync {
  return async (app) => {
    app.get('/', async (_request, reply) =>
      reply.page('public/home/home.njk', {
        broadAreas: BROAD_AREAS,
        ageBands: AGE_BANDS.map((band) => band.id),
        helpKinds: HELP_KINDS,
      }),
    )
  }
}

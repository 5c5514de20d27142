// Editing a listing, submitting it, and the council's review: the publishing workflow.
import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../../../services.js'

export function publishingRoutes(_services: Services): FastifyPluginAsync {
  return async () => {}
}

// Editing a listing, submitting it, and the council's review: the publishing workflow
// (docs/decisions/0009-publishing-workflow.md), with the freshness pages beside it.
import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../../../services.js'
import { editServiceRoutes } from './edit-service.js'
import { freshnessRoutes } from './freshness.js'
import { reviewChangeRoutes } from './review-changes.js'

export function publishingRoutes(services: Services): FastifyPluginAsync {
  return async (app) => {
    await app.register(editServiceRoutes(services))
    await app.register(reviewChangeRoutes(services))
    await app.register(freshnessRoutes(services))
  }
}

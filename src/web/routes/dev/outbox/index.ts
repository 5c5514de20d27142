// The development outbox (/dev/outbox): mails kept when no SMTP server is set.
import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../../../services.js'

export function outboxRoutes(_services: Services): FastifyPluginAsync {
  return async () => {}
}

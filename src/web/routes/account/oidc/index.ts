// Single sign-on for council staff through OpenID Connect (/sign-in/oidc and its callback).
import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../../../services.js'

export function oidcRoutes(_services: Services): FastifyPluginAsync {
  return async () => {}
}

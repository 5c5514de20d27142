// Asking for a password reset link by email (/account/reset-password).
import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../../../services.js'

export function resetPasswordRoutes(_services: Services): FastifyPluginAsync {
  return async () => {}
}

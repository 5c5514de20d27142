// A school's self-evaluation against Schedule 1 (/manage/schools/:id/self-evaluation).
import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../../../services.js'

export function selfEvaluationRoutes(_services: Services): FastifyPluginAsync {
  return async () => {}
}

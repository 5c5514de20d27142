import { sql } from 'kysely'
import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.js'

/** For load balancers: 200 when the store answers, 503 when it does not. */
export function healthRoutes({ store }: Services): FastifyPluginAsync {
  return async (app) => {
    app.get('/health', async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(store.db)
        return { status: 'ok', store: store.kind }
      } catch {
        return reply.code(503).send({ status: 'unavailable', store: store.kind })
      }
    })
  }
}

// One error handler with two faces: a plain page for people, a JSON body for the API.
// Never a stack trace to a user; the log keeps the detail.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/')
}

export function setUpErrors(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    if (wantsJson(request)) return reply.code(404).send({ error: 'not_found', message: 'No such resource' })
    return reply.errorPage(404, 'notFound')
  })
  app.setErrorHandler((error: { statusCode?: number; message?: string }, request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500
    if (status === 500) request.log.error({ err: error }, 'request failed')
    if (wantsJson(request)) {
      return reply.code(status).send({ error: status === 500 ? 'server_error' : 'bad_request', message: status === 500 ? 'Something went wrong' : error.message })
    }
    if (status === 429) return reply.errorPage(429, 'tooMany')
    return reply.code(status).page('pages/error.njk', {
      titleKey: status === 500 ? 'errors.serverTitle' : 'errors.badRequestTitle',
      bodyKey: status === 500 ? 'errors.server' : undefined,
    })
  })
}

// What every API response shares, inside the API's own plugin scope: CORS for any origin (the data
// is public and no request carries credentials), preflight answers, 405 for anything but reading,
// and errors as JSON (errors.ts), never a page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ApiError, type ErrorBody } from './errors.js'

export const ALLOWED_METHODS = 'GET, HEAD, OPTIONS'
const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const
/** Header names only (letters, digits, hyphens), so an echoed request cannot inject anything. */
const HEADER_LIST = /^[A-Za-z0-9-]+(\s*,\s*[A-Za-z0-9-]+)*$/

function methodNotAllowed(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const body: ErrorBody = { error: 'method_not_allowed', message: `${request.method} is not allowed: this API is read-only (${ALLOWED_METHODS})` }
  return reply.code(405).header('allow', ALLOWED_METHODS).send(body)
}

function preflight(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const asked = request.headers['access-control-request-headers']
  return reply
    .code(204)
    .header('allow', ALLOWED_METHODS)
    .header('access-control-allow-methods', ALLOWED_METHODS)
    .header('access-control-allow-headers', typeof asked === 'string' && HEADER_LIST.test(asked) ? asked : 'Accept')
    .header('access-control-max-age', '86400')
    .send()
}

export function setUpApiHttp(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('access-control-allow-origin', '*')
    // helmet's default (same-origin) would stop pages elsewhere embedding what CORS allows them to read.
    reply.header('cross-origin-resource-policy', 'cross-origin')
    return payload
  })

  for (const url of ['/', '/*']) {
    app.route({ method: 'OPTIONS', url, handler: preflight })
    app.route({ method: [...WRITE_METHODS], url, handler: methodNotAllowed })
  }

  app.setNotFoundHandler((_request, reply) => {
    const body: ErrorBody = { error: 'not_found', message: 'There is no such endpoint; GET /api/oruk/openapi.json lists them' }
    return reply.code(404).send(body)
  })

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error instanceof ApiError) return reply.code(error.statusCode).send(error.body())
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500
    if (status === 500) request.log.error({ err: error }, 'api request failed')
    const body: ErrorBody = status === 500 ? { error: 'server_error', message: 'Something went wrong' } : { error: 'bad_request', message: error.message }
    return reply.code(status).send(body)
  })
}

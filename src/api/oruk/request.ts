// What a handler reads from a request: its checked parameters, the record id in its path, and
// where the API is (for the addresses records give of themselves).
import type { FastifyRequest } from 'fastify'
import type { PostcodeLookup } from '../../geo/postcodes.js'
import { endpoint } from './endpoints.js'
import { notFound } from './errors.js'
import type { Links } from './mapping.js'
import { isUuid, readParameters, type ListParameters } from './params.js'

type Query = Record<string, string | string[] | undefined>

/** The parameters of the endpoint at `path` (as written in ENDPOINTS), checked. */
export function parametersOf(request: FastifyRequest, path: string, postcodes: PostcodeLookup): ListParameters {
  return readParameters((request.query ?? {}) as Query, endpoint(path).parameters, postcodes)
}

/** The {id} in the path, lower-cased; an id that is not a UUID names no record. */
export function recordId(request: FastifyRequest, what: string): string {
  const { id } = request.params as { id?: string }
  if (!id || !isUuid(id)) throw notFound(what)
  return id.toLowerCase()
}

/**
 * The scheme and host the request came to. Behind a proxy this is the proxy's view unless
 * fastify's trustProxy is set; the addresses are informative, never used to route.
 */
export function linksOf(request: FastifyRequest): Links {
  return { origin: `${request.protocol}://${request.host}` }
}

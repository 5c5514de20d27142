// Absolute addresses for exports and sitemaps, from the host the request was made to (there is no
// PUBLIC_URL setting). A Host header that is not a plain host name and port is not echoed back
// into the document: "localhost" is used instead.
import type { FastifyRequest } from 'fastify'

const PLAIN_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/i

export function requestOrigin(request: FastifyRequest): string {
  const host = PLAIN_HOST.test(request.host) ? request.host.toLowerCase() : 'localhost'
  return `${request.protocol}://${host}`
}

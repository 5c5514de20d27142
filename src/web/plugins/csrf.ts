// CSRF protection for every form: a random secret in an HttpOnly cookie, and in each form a hidden
// `_csrf` field holding that secret's HMAC under SESSION_SECRET. A request that changes anything
// (POST, PUT, PATCH, DELETE) outside the read-only API must carry a token matching its cookie;
// another site can make the browser send the cookie, but cannot read it to make the token.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'
import '@fastify/cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../config.js'

const COOKIE = 'lo_csrf'
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

declare module 'fastify' {
  interface FastifyReply {
    /** The token for this visitor's forms (setting their cookie on first use). */
    csrfToken(): string
  }
}

export interface Signer {
  sign: (value: string) => string
  /** True when `signature` is this value's (compared in constant time). */
  verify: (value: string, signature: string) => boolean
}

/**
 * HMACs under SESSION_SECRET. A form's token signs whatever the visitor's own cookie holds, so every
 * other use names a `purpose` and gets a key of its own (HKDF): no form token passes as its signature.
 */
export function signer(config: Pick<Config, 'SESSION_SECRET'>, purpose?: string): Signer {
  const key = purpose ? Buffer.from(hkdfSync('sha256', config.SESSION_SECRET, 'local-offer', purpose, 32)) : config.SESSION_SECRET
  const sign = (value: string) => createHmac('sha256', key).update(value).digest('base64url')
  return {
    sign,
    verify(value, signature) {
      const expected = Buffer.from(sign(value))
      const given = Buffer.from(signature)
      return expected.length === given.length && timingSafeEqual(expected, given)
    },
  }
}

export function setUpCsrf(app: FastifyInstance, config: Config): void {
  const { sign, verify } = signer(config)

  app.decorateReply('csrfToken', function (this: FastifyReply) {
    let secret = this.request.cookies[COOKIE]
    if (!secret || secret.length < 20) {
      secret = randomBytes(24).toString('base64url')
      this.setCookie(COOKIE, secret, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.COOKIE_SECURE })
      // Later reads in the same request must see the new secret, not a missing one.
      this.request.cookies[COOKIE] = secret
    }
    return sign(secret)
  })

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!UNSAFE.has(request.method) || request.url.startsWith('/api/')) return
    const secret = request.cookies[COOKIE]
    const body = request.body as Record<string, unknown> | undefined
    const sent = typeof body?._csrf === 'string' ? body._csrf : request.headers['x-csrf-token']
    if (!secret || typeof sent !== 'string' || !verify(secret, sent)) {
      request.log.warn({ url: request.url }, 'form refused: CSRF token missing or wrong')
      return reply.errorPage(403, 'formExpired')
    }
  })
}

// Security headers, with a fresh CSP nonce on every response for the one inline script
// GOV.UK Frontend's template needs; and a limit on how many forms one address may send.
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../../config.js'

export async function setUpSecurity(app: FastifyInstance, config: Pick<Config, 'FORM_RATE_LIMIT_PER_MINUTE'>): Promise<void> {
  // Every form post counts (sign-in, resets, edits, feedback), before its body is read; pages and
  // the API are not limited here. Counts are kept per app instance: the sign-in lock-out, which
  // must hold across instances, is kept in the store (src/accounts/sign-in.ts).
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    max: config.FORM_RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    allowList: (request) => request.method !== 'POST',
    errorResponseBuilder: (_request, context) => ({ statusCode: 429, code: 'too_many_requests', message: `Too many requests: wait ${context.after}`, retryAfter: context.after }),
  })

  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    // Pages link to providers' own sites; send them no more than our origin.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  })
}

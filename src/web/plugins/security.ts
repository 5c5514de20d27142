// Security headers, with a fresh CSP nonce on every response for the one inline script
// GOV.UK Frontend's template needs.
import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'

export async function setUpSecurity(app: FastifyInstance): Promise<void> {
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

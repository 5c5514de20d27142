// Single sign-on for council staff through OpenID Connect (/sign-in/oidc and its callback).
// Between leaving for the provider and coming back, the state, nonce and PKCE verifier live in a
// signed, short-lived cookie: nothing is kept on the server, so any instance can take the callback.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { createOidcClient, OidcError, oidcSettings, signInWithOidc, type OidcChecks } from '../../../../accounts/oidc.js'
import type { Services } from '../../../../services.js'
import { requestOrigin } from '../../../origin.js'
import { signer } from '../../../plugins/csrf.js'
import { homeOf, safeNext, setSessionCookie } from '../sign-in/index.js'

const STATE_COOKIE = 'lo_oidc'
// Sent only to the two addresses below, not with every page.
const STATE_PATH = '/sign-in/oidc'
const CALLBACK_PATH = '/sign-in/oidc/callback'
const STATE_LIFE_MS = 10 * 60 * 1000

const PAGES = {
  notStaff: { titleKey: 'oidc.notStaffTitle', bodyKey: 'oidc.notStaff' },
  cancelled: { titleKey: 'oidc.cancelledTitle', bodyKey: 'oidc.cancelled' },
  expired: { titleKey: 'oidc.expiredTitle', bodyKey: 'oidc.expired' },
  unavailable: { titleKey: 'oidc.unavailableTitle', bodyKey: 'oidc.unavailable' },
}

interface Kept extends OidcChecks {
  next: string | undefined
  /** When the sign-in started (ms): the cookie's own expiry is the browser's to honour, this is ours. */
  at: number
}

export function oidcRoutes(services: Services): FastifyPluginAsync {
  const settings = oidcSettings(services.config)
  if (!settings) return async () => {}
  const oidc = createOidcClient(settings)
  const { sign, verify } = signer(services.config, 'oidc-state')
  const { db } = services.store
  const cookieOptions = { path: STATE_PATH, httpOnly: true, sameSite: 'lax' as const, secure: services.config.COOKIE_SECURE }

  function seal(kept: Kept): string {
    const payload = Buffer.from(JSON.stringify(kept)).toString('base64url')
    return `${payload}.${sign(payload)}`
  }

  function open(cookie: string | undefined, now = Date.now()): Kept | undefined {
    const [payload, signature] = (cookie ?? '').split('.')
    if (!payload || !signature || !verify(payload, signature)) return undefined
    const kept = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Kept
    return now - kept.at >= 0 && now - kept.at < STATE_LIFE_MS ? kept : undefined
  }

  // SITE_URL when set: behind a proxy that ends TLS the request looks like http, and the provider
  // would refuse a redirect address it was not given.
  const callbackUrl = (request: FastifyRequest) => new URL(CALLBACK_PATH, services.config.SITE_URL ?? requestOrigin(request))

  function problem(reply: FastifyReply, status: number, page: keyof typeof PAGES) {
    return reply.code(status).page('pages/error.njk', PAGES[page])
  }

  function failed(request: FastifyRequest, reply: FastifyReply, error: unknown) {
    if (!(error instanceof OidcError)) throw error
    // The code names the check that failed; never a token, an email or a claim.
    request.log.warn({ kind: error.kind, code: error.code }, 'single sign-on failed')
    if (error.kind === 'unavailable') return problem(reply, 503, 'unavailable')
    return problem(reply, 400, error.kind === 'cancelled' ? 'cancelled' : 'expired')
  }

  return async (app) => {
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store')
    })

    app.get(STATE_PATH, async (request, reply) => {
      const next = safeNext((request.query as Record<string, unknown>).next)
      try {
        const { url, checks } = await oidc.start(callbackUrl(request))
        reply.setCookie(STATE_COOKIE, seal({ ...checks, next, at: Date.now() }), { ...cookieOptions, maxAge: STATE_LIFE_MS / 1000 })
        return reply.redirect(url.href, 303)
      } catch (error) {
        return failed(request, reply, error)
      }
    })

    app.get(CALLBACK_PATH, async (request, reply) => {
      // Cleared whatever happens next: a second visit with the same answer finds no state, and a
      // copy of the cookie finds its code already redeemed at the provider.
      const kept = open(request.cookies[STATE_COOKIE])
      reply.clearCookie(STATE_COOKIE, { path: STATE_PATH })
      const query = request.query as Record<string, unknown>
      if (query.error !== undefined) {
        // OAuth error codes are short lowercase words; anything else is not repeated into the log.
        const code = typeof query.error === 'string' && /^[a-z_]{1,40}$/.test(query.error) ? query.error : 'other'
        return failed(request, reply, new OidcError('cancelled', code))
      }
      if (!kept) return failed(request, reply, new OidcError('refused', 'no-valid-state-cookie'))
      const answered = callbackUrl(request)
      answered.search = new URL(request.url, answered).search
      let result
      try {
        result = await signInWithOidc(db, await oidc.finish(answered, kept))
      } catch (error) {
        return failed(request, reply, error)
      }
      if (!result.ok) {
        request.log.warn({ reason: result.reason }, 'single sign-on refused: not a council staff account')
        return problem(reply, 403, 'notStaff')
      }
      setSessionCookie(reply, services.config, result.token)
      return reply.redirect(kept.next ?? homeOf(result.user), 303)
    })
  }
}

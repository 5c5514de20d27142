// Sign in (/sign-in), sign out (/sign-out) and sign out everywhere (/sign-out-everywhere).
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { audit } from '../../../../accounts/audit.js'
import { endAllSessions, endSession, SESSION_LIFE_MS } from '../../../../accounts/sessions.js'
import { signIn } from '../../../../accounts/sign-in.js'
import type { User } from '../../../../accounts/users.js'
import type { Config } from '../../../../config.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'
import { SESSION_COOKIE } from '../../../plugins/auth.js'

const t = translator('en')

/** Only a path on this site: never another site (`//evil.example`, `https:…`), so the link cannot be used to send people away. */
export function safeNext(next: unknown): string | undefined {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) && next.length <= 500 ? next : undefined
}

/** Where someone lands after signing in, when no page asked for it. */
export function homeOf(user: User): string {
  return user.role ? '/admin' : '/manage'
}

/** The session cookie, set the same way by every way of signing in. */
export function setSessionCookie(reply: FastifyReply, config: Pick<Config, 'COOKIE_SECURE'>, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.COOKIE_SECURE, maxAge: SESSION_LIFE_MS / 1000 })
}

export function signInRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store
  const singleSignOn = Boolean(services.config.OIDC_ISSUER)

  function form(reply: FastifyReply, values: { email?: string; next?: string }, errors: Array<{ text: string; href: string }>) {
    return reply.code(errors.length > 0 ? 400 : 200).page('account/sign-in/sign-in.njk', {
      pageTitle: t('account.signInTitle'),
      csrfToken: reply.csrfToken(),
      values,
      errors,
      // Single sign-on, when set up, keeps the page the person was sent from.
      oidcHref: singleSignOn ? `/sign-in/oidc${values.next ? `?next=${encodeURIComponent(values.next)}` : ''}` : undefined,
    })
  }

  return async (app) => {
    app.get('/sign-in', async (request, reply) => form(reply, { next: safeNext((request.query as Record<string, unknown>).next) }, []))

    app.post('/sign-in', async (request, reply) => {
      const body = request.body as Record<string, unknown>
      const email = typeof body.email === 'string' ? body.email.trim().slice(0, 320) : ''
      const password = typeof body.password === 'string' ? body.password.slice(0, 1024) : ''
      const next = safeNext(body.next)
      const missing = [
        ...(email ? [] : [{ text: t('account.emailMissing'), href: '#email' }]),
        ...(password ? [] : [{ text: t('account.passwordMissing'), href: '#password' }]),
      ]
      if (missing.length > 0) return form(reply, { email, next }, missing)
      const result = await signIn(db, email, password)
      if (!result.ok) {
        const text = result.reason === 'locked' ? t('account.locked') : t('account.wrong')
        return form(reply, { email, next }, [{ text, href: '#email' }])
      }
      setSessionCookie(reply, services.config, result.token)
      return reply.redirect(next ?? homeOf(result.user), 303)
    })

    app.post('/sign-out', { config: { access: 'signed-in' } }, async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE]
      if (token) await endSession(db, token)
      await audit(db, { actorId: request.user!.id, action: 'sign-out' })
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.redirect('/sign-in?signedOut=1', 303)
    })

    app.post('/sign-out-everywhere', { config: { access: 'signed-in' } }, async (request, reply) => {
      const ended = await endAllSessions(db, request.user!.id)
      await audit(db, { actorId: request.user!.id, action: 'sign-out-everywhere', details: { sessions: ended } })
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.redirect('/sign-in?signedOut=1', 303)
    })
  }
}

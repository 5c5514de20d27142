// Who is asking, and may they. Every route says who may use it in its config (`access`); the
// default is the public. The table of every route and its access is kept, so the tests can check
// every route against every role (test/integration/access.integration.test.ts).
import '@fastify/cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { sessionUser } from '../../accounts/sessions.js'
import type { User } from '../../accounts/users.js'
import type { Store } from '../../db/connection.js'

/**
 * public: anyone. signed-in: any account. manage: someone who edits an organisation's listings,
 * or council staff. officer: council officers and administrators. administrator: administrators.
 */
export type Access = 'public' | 'signed-in' | 'manage' | 'officer' | 'administrator'

export const SESSION_COOKIE = 'lo_session'

declare module 'fastify' {
  interface FastifyRequest {
    user: User | undefined
  }
  interface FastifyContextConfig {
    access?: Access
  }
  interface FastifyInstance {
    /** Every route registered, with who may use it. */
    routeAccess: Array<{ method: string; url: string; access: Access }>
  }
}

export function allows(access: Access, user: User | undefined): boolean {
  if (access === 'public') return true
  if (!user) return false
  switch (access) {
    case 'signed-in':
      return true
    case 'manage':
      return user.role !== null || user.organisationIds.length > 0
    case 'officer':
      return user.role === 'officer' || user.role === 'administrator'
    case 'administrator':
      return user.role === 'administrator'
  }
}

/** Council staff edit any organisation's listings; an organisation editor only their own. */
export function mayEdit(user: User | undefined, organisationId: string): boolean {
  return Boolean(user && (user.role !== null || user.organisationIds.includes(organisationId)))
}

export function setUpAuth(app: FastifyInstance, store: Store): void {
  app.decorate('routeAccess', [])
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) app.routeAccess.push({ method, url: route.url, access: route.config?.access ?? 'public' })
  })
  app.decorateRequest('user', undefined)

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config?.access ?? 'public'
    // Public pages never look at the session: they are the same for everyone (and may be kept).
    if (access === 'public') return
    const token = request.cookies[SESSION_COOKIE]
    request.user = token ? await sessionUser(store.db, token) : undefined
    if (!request.user) {
      if (token) reply.clearCookie(SESSION_COOKIE, { path: '/' })
      if (request.method === 'GET') return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303)
      return reply.errorPage(401, 'signIn')
    }
    if (!allows(access, request.user)) return reply.errorPage(403, 'forbidden')
    // Pages behind sign-in must not be kept by browsers or proxies.
    reply.header('cache-control', 'no-store')
  })
}

// One person's account (/admin/users/:id, administrators): their role, the organisations whose
// listings they keep (several are allowed), and whether they may sign in at all.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../../../accounts/audit.js'
import { changeAccount, findUser, type AccountChange } from '../../../../accounts/users.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'
import { isUuid } from '../../../../db/ids.js'

const t = translator('en')
export function userRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store

  async function page(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, extra: { error?: string; done?: string } = {}) {
    const user = isUuid(request.params.id) ? await findUser(db, { id: request.params.id }) : undefined
    if (!user) return reply.callNotFound()
    const memberOf = user.organisationIds.length > 0 ? await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', user.organisationIds).orderBy('name').execute() : []
    const organisations = await db.selectFrom('organisations').select(['id', 'name']).orderBy('name').limit(2000).execute()
    return reply.code(extra.error ? 409 : 200).page('staff/admin/user.njk', {
      pageTitle: user.name,
      csrfToken: reply.csrfToken(),
      me: request.user,
      user: { id: user.id, name: user.name, email: user.email, role: user.role ?? 'editor', disabled: user.disabled, invited: user.passwordHash === null },
      memberOf,
      organisations: organisations.filter((organisation) => !user.organisationIds.includes(organisation.id)),
      roles: ['administrator', 'officer', 'editor'],
      error: extra.error,
      done: extra.done,
    })
  }

  /** The change a form asks for; undefined for a form that makes no sense. */
  async function changeOf(body: Record<string, unknown>): Promise<AccountChange | undefined> {
    const value = (name: string) => (typeof body[name] === 'string' ? body[name] : '')
    switch (value('change')) {
      case 'role': {
        const role = value('role')
        if (role === 'administrator' || role === 'officer') return { kind: 'role', role }
        return role === 'editor' ? { kind: 'role', role: null } : undefined
      }
      case 'add-organisation':
      case 'remove-organisation': {
        const organisationId = value('organisation')
        if (!isUuid(organisationId) && !/^[\w-]{1,100}$/.test(organisationId)) return undefined
        const found = await db.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst()
        return found ? { kind: value('change') as 'add-organisation' | 'remove-organisation', organisationId } : undefined
      }
      case 'disable':
        return { kind: 'disable' }
      case 'enable':
        return { kind: 'enable' }
      default:
        return undefined
    }
  }

  return async (app) => {
    app.get<{ Params: { id: string } }>('/admin/users/:id', { config: { access: 'administrator' } }, async (request, reply) => {
      const done = (request.query as Record<string, unknown>).done
      return page(request, reply, { done: typeof done === 'string' && /^[a-z-]{1,30}$/.test(done) ? done : undefined })
    })

    app.post<{ Params: { id: string } }>('/admin/users/:id', { config: { access: 'administrator' } }, async (request, reply) => {
      const user = isUuid(request.params.id) ? await findUser(db, { id: request.params.id }) : undefined
      if (!user) return reply.callNotFound()
      const change = await changeOf(request.body as Record<string, unknown>)
      if (!change) return reply.errorPage(400, 'badForm')
      if ((await changeAccount(db, user.id, change)) === 'last-administrator') return page(request, reply, { error: t('admin.user.lastAdministrator') })
      await audit(db, { actorId: request.user!.id, action: `user.${change.kind}`, subject: user.id, details: change.kind === 'role' ? { role: change.role ?? 'editor' } : 'organisationId' in change ? { organisation: change.organisationId } : undefined })
      return reply.redirect(`/admin/users/${user.id}?done=${change.kind}`, 303)
    })
  }
}

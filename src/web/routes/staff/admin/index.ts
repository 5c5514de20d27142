// The council's pages: /admin (officers and administrators) and /admin/users (administrators):
// who has an account, and inviting someone. Until mail is set up, the invitation link is shown
// to the administrator to pass on.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { issueToken } from '../../../../accounts/account-tokens.js'
import { audit } from '../../../../accounts/audit.js'
import { createUser, findUser } from '../../../../accounts/users.js'
import type { StaffRole } from '../../../../db/schema.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'
import { requestOrigin } from '../../../origin.js'

const t = translator('en')
const ROLES = ['administrator', 'officer', 'editor'] as const

export function adminRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store

  async function usersPage(request: FastifyRequest, reply: FastifyReply, extra: { errors?: Array<{ text: string; href: string }>; invited?: { email: string; link: string }; values?: Record<string, string> } = {}) {
    const users = await db.selectFrom('users').select(['email', 'name', 'role', 'password_hash', 'disabled_at']).orderBy('email').execute()
    const organisations = await db.selectFrom('organisations').select(['id', 'name']).orderBy('name').limit(2000).execute()
    return reply.code(extra.errors?.length ? 400 : 200).page('staff/admin/users.njk', {
      pageTitle: t('admin.usersTitle'),
      csrfToken: reply.csrfToken(),
      me: request.user,
      users: users.map((user) => ({ ...user, invited: user.password_hash === null })),
      organisations,
      roles: ROLES,
      errors: extra.errors ?? [],
      invited: extra.invited,
      values: extra.values ?? {},
    })
  }

  return async (app) => {
    app.get('/admin', { config: { access: 'officer' } }, async (request, reply) =>
      reply.page('staff/admin/admin.njk', { pageTitle: t('admin.title'), csrfToken: reply.csrfToken(), me: request.user }),
    )

    app.get('/admin/users', { config: { access: 'administrator' } }, async (request, reply) => usersPage(request, reply))

    app.post('/admin/users', { config: { access: 'administrator' } }, async (request, reply) => {
      const body = request.body as Record<string, unknown>
      const values = {
        email: typeof body.email === 'string' ? body.email.trim().slice(0, 320) : '',
        name: typeof body.name === 'string' ? body.name.trim().slice(0, 200) : '',
        role: typeof body.role === 'string' ? body.role : '',
        organisation: typeof body.organisation === 'string' ? body.organisation : '',
      }
      const errors = [
        ...(/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email) ? [] : [{ text: t('admin.emailInvalid'), href: '#email' }]),
        ...(values.name ? [] : [{ text: t('admin.nameMissing'), href: '#name' }]),
        ...((ROLES as readonly string[]).includes(values.role) ? [] : [{ text: t('admin.roleMissing'), href: '#role' }]),
        ...(values.role === 'editor' && !values.organisation ? [{ text: t('admin.organisationMissing'), href: '#organisation' }] : []),
      ]
      if (errors.length === 0 && (await findUser(db, { email: values.email }))) errors.push({ text: t('admin.emailTaken'), href: '#email' })
      if (errors.length === 0 && values.role === 'editor' && !(await db.selectFrom('organisations').select('id').where('id', '=', values.organisation).executeTakeFirst())) {
        errors.push({ text: t('admin.organisationMissing'), href: '#organisation' })
      }
      if (errors.length > 0) return usersPage(request, reply, { errors, values })
      const role: StaffRole | null = values.role === 'editor' ? null : (values.role as StaffRole)
      const user = await createUser(db, { email: values.email, name: values.name, role, organisationIds: values.role === 'editor' ? [values.organisation] : [] })
      const token = await issueToken(db, user.id, 'invitation')
      await audit(db, { actorId: request.user!.id, action: 'user.invited', subject: user.id, details: { role: values.role } })
      const link = `${requestOrigin(request)}/account/set-password?token=${token}`
      return usersPage(request, reply, { invited: { email: user.email, link } })
    })
  }
}

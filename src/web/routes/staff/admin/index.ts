// The council's pages: /admin (officers and administrators) and /admin/users (administrators):
// who has an account, and inviting someone by mail. When the mail cannot be sent the account is
// kept and the page says so; "send a new invitation" tries again with a fresh link.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { issueToken } from '../../../../accounts/account-tokens.js'
import { audit } from '../../../../accounts/audit.js'
import { isoNow } from '../../../../accounts/tokens.js'
import { createUser, findUser, type User } from '../../../../accounts/users.js'
import type { StaffRole } from '../../../../db/schema.js'
import { invitationMail } from '../../../../mail/messages.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'
import { requestOrigin } from '../../../origin.js'
import { outboxOpen } from '../../dev/outbox/index.js'
import { userRoutes } from './user.js'

const t = translator('en')
const ROLES = ['administrator', 'officer', 'editor'] as const

interface UsersPageExtra {
  errors?: Array<{ text: string; href: string }>
  /** An invitation was mailed; the link is shown only where mail stays on this machine. */
  invited?: { email: string; link?: string }
  values?: Record<string, string>
  /** 502: the mail server failed, not the form. */
  status?: number
}

export function adminRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store

  async function usersPage(request: FastifyRequest, reply: FastifyReply, extra: UsersPageExtra = {}) {
    const users = await db.selectFrom('users').select(['id', 'email', 'name', 'role', 'password_hash', 'disabled_at']).orderBy('email').execute()
    const organisations = await db.selectFrom('organisations').select(['id', 'name']).orderBy('name').limit(2000).execute()
    return reply.code(extra.status ?? (extra.errors?.length ? 400 : 200)).page('staff/admin/users.njk', {
      pageTitle: t('admin.usersTitle'),
      csrfToken: reply.csrfToken(),
      me: request.user,
      users: users.map(({ password_hash, ...user }) => ({ ...user, invited: password_hash === null })),
      organisations,
      roles: ROLES,
      errors: extra.errors ?? [],
      invited: extra.invited,
      outbox: outboxOpen(services),
      values: extra.values ?? {},
    })
  }

  /** Mails a fresh invitation link; the page to answer with, sent or not. */
  async function invite(request: FastifyRequest, reply: FastifyReply, user: Pick<User, 'id' | 'email' | 'name'>, action: string, details: Record<string, unknown> = {}) {
    const token = await issueToken(db, user.id, 'invitation')
    const link = `${requestOrigin(request)}/account/set-password?token=${token}`
    let sent = true
    try {
      await services.mailer.send(invitationMail(user, services.config.HOME_COUNCIL_NAME, link))
    } catch (error) {
      sent = false
      request.log.warn({ err: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) } }, 'invitation not sent')
    }
    await audit(db, { actorId: request.user!.id, action, subject: user.id, details: { ...details, sent } })
    if (!sent) return usersPage(request, reply, { status: 502, errors: [{ text: t('mail.admin.failed', { email: user.email }), href: `#resend-${user.id}` }] })
    return usersPage(request, reply, { invited: { email: user.email, ...(services.mailer.transport === 'outbox' ? { link } : {}) } })
  }

  return async (app) => {
    app.get('/admin', { config: { access: 'officer' } }, async (request, reply) =>
      reply.page('staff/admin/admin.njk', { pageTitle: t('admin.title'), csrfToken: reply.csrfToken(), me: request.user }),
    )

    app.get('/admin/users', { config: { access: 'administrator' } }, async (request, reply) => usersPage(request, reply))
    await app.register(userRoutes(services))

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
      return invite(request, reply, user, 'user.invited', { role: values.role })
    })

    app.post('/admin/users/:id/invite', { config: { access: 'administrator' } }, async (request, reply) => {
      const { id } = request.params as { id: string }
      const user = await findUser(db, { id })
      if (!user || user.disabled) return reply.callNotFound()
      if (user.passwordHash !== null) return usersPage(request, reply, { errors: [{ text: t('mail.admin.notInvited'), href: `#user-${user.id}` }] })
      // The new link replaces any earlier one, which may sit unread in a mailbox.
      await db.updateTable('account_tokens').set({ used_at: isoNow() }).where('user_id', '=', user.id).where('purpose', '=', 'invitation').where('used_at', 'is', null).execute()
      return invite(request, reply, user, 'user.invitation-resent')
    })
  }
}

// Setting a password from an invitation or a reset link (/account/set-password?token=…).
// The link is single use and expires; using it ends every session the person had.
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { tokenUser, useToken } from '../../../../accounts/account-tokens.js'
import { audit } from '../../../../accounts/audit.js'
import { hashPassword, MIN_PASSWORD_LENGTH, passwordProblem } from '../../../../accounts/passwords.js'
import { endAllSessions } from '../../../../accounts/sessions.js'
import { findUser, setPassword } from '../../../../accounts/users.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'

const t = translator('en')

export function setPasswordRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store

  function page(reply: FastifyReply, token: string, errors: Array<{ text: string; href: string }>) {
    return reply.code(errors.length > 0 ? 400 : 200).page('account/set-password/set-password.njk', {
      pageTitle: t('account.setPasswordTitle'),
      csrfToken: reply.csrfToken(),
      token,
      minLength: MIN_PASSWORD_LENGTH,
      errors,
    })
  }
  const expired = (reply: FastifyReply) => reply.code(410).page('pages/error.njk', { titleKey: 'account.linkExpiredTitle', bodyKey: 'account.linkExpired' })

  return async (app) => {
    app.get('/account/set-password', async (request, reply) => {
      const { token: raw } = request.query as Record<string, unknown>
      const token = typeof raw === 'string' ? raw : ''
      if (!(await tokenUser(db, token))) return expired(reply)
      return page(reply, token, [])
    })

    app.post('/account/set-password', async (request, reply) => {
      const body = request.body as Record<string, unknown>
      const token = typeof body.token === 'string' ? body.token : ''
      const password = typeof body.password === 'string' ? body.password : ''
      const confirm = typeof body.confirm === 'string' ? body.confirm : ''
      const found = await tokenUser(db, token)
      const user = found && (await findUser(db, { id: found.userId }))
      if (!found || !user) return expired(reply)
      const problem = passwordProblem(password, user.email)
      if (problem) return page(reply, token, [{ text: t(`account.passwordRules.${problem}`, { min: MIN_PASSWORD_LENGTH }), href: '#password' }])
      if (confirm !== password) return page(reply, token, [{ text: t('account.passwordsDiffer'), href: '#confirm' }])
      // Used up before the password changes: two tabs sending the same link cannot both succeed.
      if (!(await useToken(db, token))) return expired(reply)
      await setPassword(db, user.id, await hashPassword(password))
      await endAllSessions(db, user.id)
      await audit(db, { actorId: user.id, action: found.purpose === 'invitation' ? 'invitation.accepted' : 'password.reset' })
      return reply.redirect('/sign-in?passwordSet=1', 303)
    })
  }
}

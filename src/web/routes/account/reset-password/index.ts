// Asking for a password reset link by email (/account/reset-password). The answer is the same
// whether or not an account exists for the address, and comes before any mail is sent, so that
// neither the page nor its timing tells anyone who has an account. Only an account that is not
// disabled and has a password gets a link (single use, 1 hour: /account/set-password).
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { issueToken } from '../../../../accounts/account-tokens.js'
import { audit } from '../../../../accounts/audit.js'
import { findUser } from '../../../../accounts/users.js'
import { passwordResetMail } from '../../../../mail/messages.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'
import { requestOrigin } from '../../../origin.js'

const t = translator('en')
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function resetPasswordRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store
  // Mails still being sent after their answer went: waited for when the app closes.
  const sending = new Set<Promise<void>>()

  function form(reply: FastifyReply, email: string, errors: Array<{ text: string; href: string }>) {
    return reply.code(errors.length > 0 ? 400 : 200).page('account/reset-password/reset-password.njk', {
      pageTitle: t('mail.resetPage.title'),
      csrfToken: reply.csrfToken(),
      values: { email },
      errors,
    })
  }

  async function sendLink(email: string, origin: string): Promise<void> {
    const user = await findUser(db, { email })
    if (!user || user.disabled || user.passwordHash === null) return
    const token = await issueToken(db, user.id, 'reset')
    const link = `${origin}/account/set-password?token=${token}`
    await services.mailer.send(passwordResetMail(user, services.config.HOME_COUNCIL_NAME, link))
    await audit(db, { actorId: null, action: 'password.reset-requested', subject: user.id })
  }

  return async (app) => {
    app.addHook('onClose', async () => {
      await Promise.allSettled(sending)
    })

    app.get('/account/reset-password', async (_request, reply) => form(reply, '', []))

    app.post('/account/reset-password', async (request, reply) => {
      const body = request.body as Record<string, unknown>
      const email = typeof body.email === 'string' ? body.email.trim().slice(0, 320) : ''
      if (!email) return form(reply, email, [{ text: t('account.emailMissing'), href: '#email' }])
      if (!EMAIL.test(email)) return form(reply, email, [{ text: t('mail.resetPage.emailInvalid'), href: '#email' }])
      const work = sendLink(email, requestOrigin(request)).catch((error: unknown) => {
        // The person is not told (that would say the account exists); the log says what failed, not for whom.
        request.log.warn({ err: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) } }, 'password reset link not sent')
      })
      sending.add(work)
      void work.finally(() => sending.delete(work))
      return reply.page('account/reset-password/sent.njk', { pageTitle: t('mail.resetPage.sentTitle'), email })
    })
  }
}

// The development outbox (/dev/outbox): mails kept when no SMTP server is set. The pages are
// public on purpose: they exist only on a developer's machine (outbox transport, not production);
// elsewhere the routes are not registered at all, so they answer 404.
import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'

const t = translator('en')

/** True where the outbox pages exist: mail is kept, not sent, and this is not production. */
export function outboxOpen(services: Pick<Services, 'mailer' | 'config'>): boolean {
  return services.mailer.transport === 'outbox' && services.config.NODE_ENV !== 'production'
}

export type TextPart = { text: string; href?: string }

// Addresses in a mail become links; a closing bracket or full stop after one is the sentence's.
const LINK = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g

/** A mail's text as paragraphs of lines of parts, each plain text or a link (rendered escaped). */
export function linkedParagraphs(text: string): TextPart[][][] {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) =>
      paragraph.split('\n').map((line) => {
        const parts: TextPart[] = []
        let at = 0
        for (const match of line.matchAll(LINK)) {
          if (match.index > at) parts.push({ text: line.slice(at, match.index) })
          parts.push({ text: match[0], href: match[0] })
          at = match.index + match[0].length
        }
        if (at < line.length) parts.push({ text: line.slice(at) })
        return parts
      }),
    )
}

export function outboxRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store
  return async (app) => {
    if (!outboxOpen(services)) return

    app.get('/dev/outbox', async (_request, reply) => {
      const mails = await db.selectFrom('mail_outbox').select(['id', 'to_address', 'subject', 'created_at']).orderBy('created_at', 'desc').orderBy('id').limit(500).execute()
      // The mails hold live sign-in links: never kept by a browser or a proxy.
      reply.header('cache-control', 'no-store')
      return reply.page('dev/outbox/outbox.njk', { pageTitle: t('mail.outbox.title'), mails })
    })

    app.get('/dev/outbox/:id', async (request, reply) => {
      const { id } = request.params as { id: string }
      const mail = await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst()
      if (!mail) return reply.callNotFound()
      reply.header('cache-control', 'no-store')
      return reply.page('dev/outbox/mail.njk', {
        pageTitle: mail.subject,
        mail,
        paragraphs: linkedParagraphs(mail.body),
        breadcrumbs: [{ text: t('mail.outbox.title'), href: '/dev/outbox' }],
      })
    })
  }
}

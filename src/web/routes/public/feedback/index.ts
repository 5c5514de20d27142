// Where the feedback block's forms go: POST /feedback/useful (yes or no), /feedback/problem (a
// listing's problem) and /feedback/more (a comment after yes or no), and the thank-you page.
// What the feedback is about comes from the page's path, looked up here; a posted organisation
// or listing would not be believed. A robot that fills the hidden field is thanked, and nothing
// is kept. Public routes: the session is never read; the CSRF token is checked as on every form,
// and every post counts towards the per-address limit (src/web/plugins/security.ts).
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { notifyEditors } from '../../../../feedback/routing.js'
import { addComment, findFeedback, findSubject, recordFeedback, takesComment, type FeedbackRow, type Subject } from '../../../../feedback/store.js'
import { LIMITS, isTrap, pageOf, parseMoreForm, parseProblemForm, parseUseful, subjectOfPath, type FieldError } from '../../../../feedback/validate.js'
import { isUuid } from '../../../../db/ids.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'
import { signer } from '../../../plugins/csrf.js'

const t = translator('en')

type Body = Record<string, unknown>

/** Errors for the error summary (linked to their fields) and beside each field. */
function errorView(errors: FieldError[], prefix: string) {
  const list = errors.map((error) => ({ text: t(`feedback.errors.${error.code}`, error.params), href: `#${prefix}-${error.field}` }))
  const errorFor: Record<string, { text: string }> = {}
  errors.forEach((error, index) => (errorFor[error.field] ??= { text: list[index]!.text }))
  return { errors: list, errorFor }
}

export function feedbackRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store
  const config = services.config
  // The thank-you page's address names the feedback it thanks for, signed, so only the person
  // who sent it can add a comment to it.
  const refs = signer(config, 'feedback-ref')
  const refOf = (id: string) => `${id}.${refs.sign(id)}`
  const idOf = (ref: unknown): string | undefined => {
    if (typeof ref !== 'string') return undefined
    const [id, signature, extra] = ref.split('.')
    return id && signature && extra === undefined && isUuid(id) && refs.verify(id, signature) ? id : undefined
  }
  const thanksHref = (id: string | undefined, back: string | undefined) => {
    const query = new URLSearchParams()
    if (id) query.set('ref', refOf(id))
    if (back) query.set('back', back)
    const text = query.toString()
    return text ? `/feedback/thanks?${text}` : '/feedback/thanks'
  }
  const form = { maxComment: LIMITS.comment, retentionMonths: config.FEEDBACK_RETENTION_MONTHS, team: { name: config.LOCAL_OFFER_TEAM_NAME } }

  const badForm = (reply: FastifyReply) => reply.code(400).page('pages/error.njk', { titleKey: 'feedback.errors.badFormTitle', bodyKey: 'feedback.errors.badForm' })

  async function subjectOf(path: string): Promise<Subject | undefined> {
    const named = subjectOfPath(path)
    return named ? findSubject(db, named) : undefined
  }

  /** Tells the listing's editors, if it has any; a mail that fails is logged by count only. */
  async function notify(reply: FastifyReply, feedbackId: string, subject: Subject | undefined, kind: 'problem' | 'comment') {
    if (!subject) return
    const counts = await notifyEditors(services, { feedbackId, organisationId: subject.organisationId, listingName: subject.name, kind })
    if (counts.failed > 0) reply.log.warn({ feedback: { id: feedbackId, mails: counts } }, 'feedback notice not sent to every editor')
  }

  function thanksPage(
    reply: FastifyReply,
    view: { row: FeedbackRow | undefined; ref?: string | undefined; back: string | undefined; errors?: FieldError[]; values?: Record<string, unknown> },
  ) {
    const { errors, errorFor } = errorView(view.errors ?? [], 'more')
    return reply.code(errors.length > 0 ? 400 : 200).page('public/feedback/thanks.njk', {
      pageTitle: t('feedback.thanks.title'),
      csrfToken: reply.csrfToken(),
      row: view.row && { kind: view.row.kind, commented: view.row.comment !== '' },
      moreRef: view.row && takesComment(view.row) && view.ref ? view.ref : undefined,
      back: view.back ?? view.row?.page_path,
      errors,
      errorFor,
      values: view.values ?? {},
      form,
    })
  }

  return async (app) => {
    app.post('/feedback/useful', async (request, reply) => {
      const body = (request.body ?? {}) as Body
      if (isTrap(body)) return reply.redirect('/feedback/thanks', 303)
      const page = pageOf(body.page)
      const useful = parseUseful(body)
      if (!page || !useful) return badForm(reply)
      const subject = await subjectOf(page.path)
      const id = await recordFeedback(db, { pagePath: page.path, subject, kind: 'useful', useful: useful === 'yes' })
      request.log.info({ feedback: { id, kind: 'useful' } }, 'feedback received')
      return reply.redirect(thanksHref(id, page.back), 303)
    })

    app.post('/feedback/problem', async (request, reply) => {
      const body = (request.body ?? {}) as Body
      if (isTrap(body)) return reply.redirect('/feedback/thanks', 303)
      const page = pageOf(body.page)
      const subject = page && (await subjectOf(page.path))
      // Problems are about a listing: from any other page the form is not one of ours.
      if (!page || !subject) return badForm(reply)
      const parsed = parseProblemForm(body)
      if (parsed.errors.length > 0 || !parsed.problem) {
        const { errors, errorFor } = errorView(parsed.errors, 'problem')
        return reply.code(400).page('public/feedback/problem.njk', {
          pageTitle: t('feedback.problemPage.title'),
          csrfToken: reply.csrfToken(),
          subjectName: subject.name,
          page: page.back,
          errors,
          errorFor,
          values: parsed.values,
          form,
        })
      }
      const id = await recordFeedback(db, { pagePath: page.path, subject, kind: 'problem', problem: parsed.problem, comment: parsed.comment, contact: parsed.contact })
      request.log.info({ feedback: { id, kind: 'problem' } }, 'feedback received')
      await notify(reply, id, subject, 'problem')
      return reply.redirect(thanksHref(id, page.back), 303)
    })

    app.get('/feedback/thanks', async (request, reply) => {
      const query = request.query as Record<string, unknown>
      const id = idOf(query.ref)
      const row = id ? await findFeedback(db, id) : undefined
      return thanksPage(reply, { row, ref: row ? (query.ref as string) : undefined, back: pageOf(query.back)?.back })
    })

    app.post('/feedback/more', async (request, reply) => {
      const body = (request.body ?? {}) as Body
      if (isTrap(body)) return reply.redirect('/feedback/thanks', 303)
      const id = idOf(body.ref)
      const row = id ? await findFeedback(db, id) : undefined
      if (!row) return badForm(reply)
      const back = pageOf(body.back)?.back
      if (!takesComment(row)) return reply.code(400).page('pages/error.njk', { titleKey: 'feedback.errors.closedTitle', bodyKey: 'feedback.errors.closed' })
      const parsed = parseMoreForm(body)
      if (parsed.errors.length > 0) return thanksPage(reply, { row, ref: body.ref as string, back, errors: parsed.errors, values: parsed.values })
      if (parsed.comment !== '' || parsed.contact) {
        const added = await addComment(db, row.id, { comment: parsed.comment, contact: parsed.contact })
        if (added && parsed.comment !== '' && row.subject_kind && row.subject_id) {
          await notify(reply, row.id, await findSubject(db, { kind: row.subject_kind, id: row.subject_id }), 'comment')
        }
      }
      return reply.redirect(thanksHref(row.id, back), 303)
    })
  }
}

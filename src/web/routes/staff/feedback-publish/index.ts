// Publishing a piece of feedback on "You said, we did": /admin/feedback/:id/publish (the form, the
// personal data check and publishing), /admin/you-said-we-did (everything published) and withdrawing
// an entry. Plain forms: "Check again" applies the officer's choices and checks the words again,
// "Publish" does the same and publishes only when nothing is left undecided.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { isoNow } from '../../../../accounts/tokens.js'
import type { PersonalDataKind } from '../../../../feedback/personal-data.js'
import {
  liveEntryOf,
  pageOfEntry,
  parseReviewRecords,
  PERIOD,
  PUBLISH_LIMITS,
  publishedEntries,
  publishEntry,
  quarterOf,
  reviewRecord,
  reviewTexts,
  unresolved,
  withdrawEntry,
  type Decision,
  type ReviewedFinding,
  type ReviewRecord,
  type ReviewResult,
  type Texts,
} from '../../../../feedback/publishing.js'
import { findFeedback, themesOf, type FeedbackRow } from '../../../../feedback/store.js'
import { FEEDBACK_THEMES, isFeedbackTheme, type FeedbackTheme } from '../../../../feedback/themes.js'
import { field } from '../../../../feedback/validate.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'
import { signer } from '../../../plugins/csrf.js'
import { formatDate } from '../../../plugins/format.js'
import { PER_PAGE } from '../../public/you-said-we-did/index.js'
import { isUuid } from '../../../../db/ids.js'

const t = translator('en')
const FIRST_YEAR = 2000

type Body = Record<string, unknown>
type ErrorItem = { text: string; href: string }

interface FormValues {
  texts: Texts
  changedOn: { day: string; month: string; year: string }
  theme: string
  period: string
}

const placeholder = (kind: PersonalDataKind) => t(`youSaid.placeholders.${kind}`)

/** The officer's choice for each finding, by its key: decision-<key> and reason-<key>. */
function decisionsOf(body: Body): Map<string, Decision> {
  const decisions = new Map<string, Decision>()
  for (const [name, value] of Object.entries(body)) {
    const key = /^decision-(f[0-9a-f]{16})$/.exec(name)?.[1]
    if (!key || (value !== 'redact' && value !== 'confirm')) continue
    decisions.set(key, { action: value, reason: field(body, `reason-${key}`) })
  }
  return decisions
}

/** A real calendar day from the three boxes, blank for none; undefined when it is not a date. */
function dateOf(parts: FormValues['changedOn']): string | null | undefined {
  if (!parts.day && !parts.month && !parts.year) return null
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year)) return undefined
  const [day, month, year] = [Number(parts.day), Number(parts.month), Number(parts.year)]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (year < FIRST_YEAR || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined
  return date.toISOString().slice(0, 10)
}

export function feedbackPublishRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store
  // The removals of earlier rounds travel in the form, signed so they cannot be made up.
  const reviewSigner = signer(services.config, 'you-said-we-did review')
  const signReview = (feedbackId: string, json: string) => reviewSigner.sign(`${feedbackId}\u0000${json}`)

  async function loadItem(id: string): Promise<{ item: FeedbackRow; themes: FeedbackTheme[] } | undefined> {
    if (!isUuid(id)) return undefined
    const item = await findFeedback(db, id)
    if (!item) return undefined
    return { item, themes: (await themesOf(db, id)).filter(isFeedbackTheme) }
  }

  /** The themes the officer chooses from: the item's own, or every theme when it has none yet. */
  const themeChoices = (themes: FeedbackTheme[]): readonly FeedbackTheme[] => (themes.length > 0 ? FEEDBACK_THEMES.filter((theme) => themes.includes(theme)) : FEEDBACK_THEMES)

  function findingView(finding: ReviewedFinding) {
    const kind = t(`youSaid.kinds.${finding.kind}`)
    const fieldName = t(`youSaid.fields.${finding.field}`)
    return {
      ...finding,
      legend: t('youSaid.publish.findingLegend', { kind, text: finding.text, field: fieldName }),
      why: t(`youSaid.why.${finding.why}`),
      placeholder: placeholder(finding.kind),
      error:
        finding.problem === 'reason-missing'
          ? t('youSaid.errors.reasonMissing', { text: finding.text })
          : finding.problem === 'reason-too-long'
            ? t('youSaid.errors.reasonTooLong', { text: finding.text, max: PUBLISH_LIMITS.reason })
            : undefined,
    }
  }

  async function formPage(
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    loaded: { item: FeedbackRow; themes: FeedbackTheme[] },
    state: { values: FormValues; result: ReviewResult; review: ReviewRecord[]; errors: ErrorItem[]; fieldErrors: Record<string, string>; removed: number },
  ) {
    const { item } = loaded
    const reviewJson = JSON.stringify(state.review)
    const choices = themeChoices(loaded.themes)
    return reply.code(state.errors.length ? 400 : 200).page('staff/feedback-publish/publish.njk', {
      pageTitle: t('youSaid.publish.title'),
      csrfToken: reply.csrfToken(),
      me: request.user,
      breadcrumbs: [
        { text: t('site.breadcrumbHome'), href: '/' },
        { text: t('admin.title'), href: '/admin' },
      ],
      item: { id: item.id, createdAt: item.created_at, pagePath: item.page_path },
      values: state.values,
      themeItems: choices.map((theme) => ({ value: theme, text: t(`youSaid.themes.${theme}`), checked: state.values.theme === theme })),
      findings: state.result.findings.map(findingView),
      errors: state.errors,
      fieldErrors: state.fieldErrors,
      removed: state.removed,
      review: reviewJson,
      reviewSignature: signReview(item.id, reviewJson),
      limits: PUBLISH_LIMITS,
    })
  }

  async function publishedPage(request: FastifyRequest, reply: FastifyReply, entry: { id: string; published_at: string }, status = 200) {
    return reply.code(status).page('staff/feedback-publish/already.njk', {
      pageTitle: t('youSaid.publish.alreadyTitle'),
      csrfToken: reply.csrfToken(),
      me: request.user,
      entry: { id: entry.id, publishedAt: entry.published_at },
    })
  }

  const badForm = (reply: FastifyReply) => reply.errorPage(400, 'badForm')

  return async (app) => {
    app.get<{ Params: { id: string } }>('/admin/feedback/:id/publish', { config: { access: 'officer' } }, async (request, reply) => {
      const loaded = await loadItem(request.params.id)
      if (!loaded) return reply.callNotFound()
      const live = await liveEntryOf(db, loaded.item.id)
      if (live) return publishedPage(request, reply, live)
      const { item, themes } = loaded
      const values: FormValues = {
        texts: { said: item.comment.replace(/\r\n?/g, '\n').trim(), did: (item.response ?? '').replace(/\r\n?/g, '\n').trim(), changed: '' },
        changedOn: { day: '', month: '', year: '' },
        theme: themes.length === 1 ? themes[0]! : '',
        period: quarterOf(item.created_at),
      }
      // The check runs at once: the officer sees what it found before changing anything.
      const result = reviewTexts({ texts: values.texts, decisions: new Map(), placeholder, actorId: request.user!.id, now: isoNow() })
      return formPage(request, reply, loaded, { values, result, review: [], errors: [], fieldErrors: {}, removed: 0 })
    })

    app.post<{ Params: { id: string } }>('/admin/feedback/:id/publish', { config: { access: 'officer' } }, async (request, reply) => {
      const loaded = await loadItem(request.params.id)
      if (!loaded) return reply.callNotFound()
      const live = await liveEntryOf(db, loaded.item.id)
      if (live) return publishedPage(request, reply, live, 409)
      const body = (request.body ?? {}) as Body
      const action = body.action === 'publish' ? 'publish' : body.action === 'check' ? 'check' : undefined
      const reviewJson = typeof body.review === 'string' ? body.review : ''
      const signature = typeof body.reviewSignature === 'string' ? body.reviewSignature : ''
      if (!action || !reviewJson || !reviewSigner.verify(`${loaded.item.id}\u0000${reviewJson}`, signature)) return badForm(reply)

      const actorId = request.user!.id
      const now = isoNow()
      const values: FormValues = {
        texts: { said: field(body, 'said'), did: field(body, 'did'), changed: field(body, 'changed') },
        changedOn: { day: field(body, 'changedOn-day'), month: field(body, 'changedOn-month'), year: field(body, 'changedOn-year') },
        theme: field(body, 'theme'),
        period: field(body, 'period').toUpperCase(),
      }
      const result = reviewTexts({ texts: values.texts, decisions: decisionsOf(body), placeholder, actorId, now })
      values.texts = result.texts
      const earlier = parseReviewRecords(reviewJson)
      const review = [...earlier, ...result.redacted]

      const errors: ErrorItem[] = []
      const fieldErrors: Record<string, string> = {}
      const problem = (id: string, text: string) => {
        errors.push({ text, href: `#${id}` })
        fieldErrors[id] = text
      }
      let changedOn: string | null | undefined = null
      let theme: FeedbackTheme | undefined
      if (action === 'publish') {
        const { said, did, changed } = values.texts
        if (!said) problem('said', t('youSaid.errors.saidMissing'))
        else if (said.length > PUBLISH_LIMITS.said) problem('said', t('youSaid.errors.tooLong', { field: t('youSaid.fields.said'), max: PUBLISH_LIMITS.said }))
        if (!did) problem('did', t('youSaid.errors.didMissing'))
        else if (did.length > PUBLISH_LIMITS.did) problem('did', t('youSaid.errors.tooLong', { field: t('youSaid.fields.did'), max: PUBLISH_LIMITS.did }))
        if (changed.length > PUBLISH_LIMITS.changed) problem('changed', t('youSaid.errors.tooLong', { field: t('youSaid.fields.changed'), max: PUBLISH_LIMITS.changed }))
        changedOn = dateOf(values.changedOn)
        if (changedOn === undefined) problem('changedOn-day', t('youSaid.errors.changedOnInvalid'))
        else if (changedOn && !changed) problem('changed', t('youSaid.errors.changedMissing'))
        theme = themeChoices(loaded.themes).find((choice) => choice === values.theme)
        if (!theme) problem('theme', t('youSaid.errors.themeMissing'))
        const period = PERIOD.exec(values.period)
        if (!period || Number(period[1]) < FIRST_YEAR || Number(period[1]) > new Date().getUTCFullYear()) problem('period', t('youSaid.errors.periodInvalid'))
      }
      for (const finding of result.findings) {
        const view = findingView(finding)
        if (view.error) problem(`reason-${finding.key}`, view.error)
        else if (action === 'publish' && finding.confirmed === undefined) {
          problem(`decision-${finding.key}`, t('youSaid.errors.undecided', { kind: t(`youSaid.kinds.${finding.kind}`), text: finding.text, field: t(`youSaid.fields.${finding.field}`) }))
        }
      }

      if (action === 'publish' && errors.length === 0 && unresolved(result.findings).length === 0 && theme && changedOn !== undefined) {
        const outcome = await publishEntry(db, {
          feedbackId: loaded.item.id,
          theme,
          period: values.period,
          texts: values.texts,
          changedOn,
          review: reviewRecord(earlier, result, actorId, now),
          actorId,
        })
        if (!outcome.ok) {
          if (outcome.reason === 'gone') return reply.code(404).page('pages/error.njk', { titleKey: 'youSaid.publish.goneTitle', bodyKey: 'youSaid.publish.gone' })
          const entry = await liveEntryOf(db, loaded.item.id)
          if (entry) return publishedPage(request, reply, entry, 409)
          return badForm(reply)
        }
        const page = (await pageOfEntry(db, outcome.id, PER_PAGE)) ?? 1
        return reply.redirect(`/you-said-we-did${page > 1 ? `?page=${page}` : ''}#entry-${outcome.id}`, 303)
      }
      return formPage(request, reply, loaded, { values, result, review, errors, fieldErrors, removed: result.redacted.length })
    })

    app.get('/admin/you-said-we-did', { config: { access: 'officer' } }, async (request, reply) => {
      const { entries } = await publishedEntries(db, { withdrawn: true }, { page: 1, perPage: 500 })
      return reply.page('staff/feedback-publish/published.njk', {
        pageTitle: t('youSaid.list.title'),
        csrfToken: reply.csrfToken(),
        me: request.user,
        breadcrumbs: [
          { text: t('site.breadcrumbHome'), href: '/' },
          { text: t('admin.title'), href: '/admin' },
        ],
        entries: entries.map((entry) => ({
          ...entry,
          themeLabel: t(`youSaid.themes.${entry.theme}`),
          short: entry.said.length > 160 ? `${entry.said.slice(0, 157)}…` : entry.said,
          publishedLine: t('youSaid.list.publishedBy', { date: formatDate(entry.publishedAt), name: entry.publishedBy ?? t('youSaid.list.someone') }),
        })),
        done: (request.query as Record<string, unknown>).done === 'withdrawn',
      })
    })

    app.post<{ Params: { entryId: string } }>('/admin/you-said-we-did/:entryId/withdraw', { config: { access: 'officer' } }, async (request, reply) => {
      if (!isUuid(request.params.entryId)) return reply.callNotFound()
      const exists = await db.selectFrom('published_feedback').select('id').where('id', '=', request.params.entryId).executeTakeFirst()
      if (!exists) return reply.callNotFound()
      // Withdrawing twice is no error: the entry is off the public page either way.
      await withdrawEntry(db, { entryId: request.params.entryId, actorId: request.user!.id })
      return reply.redirect('/admin/you-said-we-did?done=withdrawn', 303)
    })
  }
}

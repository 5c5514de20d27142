// The council's feedback inbox (/admin/feedback, officers): filters, counts per state, newest
// first, a page at a time; each item with its state, themes, who has it, notes and the response,
// saved against the version it was opened at. And providers' view of feedback about their own
// organisations' listings (/manage/feedback): read, and add notes. Contact details are shown to
// officers only, as the consent statement promises.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { FeedbackState } from '../../../../db/schema.js'
import { deletedAfter } from '../../../../feedback/retention.js'
import {
  addNote,
  assignableOfficers,
  countByState,
  findFeedback,
  findSubject,
  listFeedback,
  notesOf,
  saveTriage,
  themesOf,
  type FeedbackFilter,
  type FeedbackRow,
  type ListedFeedback,
  type PageKind,
} from '../../../../feedback/store.js'
import { FEEDBACK_THEMES, isFeedbackTheme } from '../../../../feedback/themes.js'
import { FEEDBACK_STATES, LIMITS, parseNote, parseTriage, type FieldError, type Triage } from '../../../../feedback/validate.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'
import { formatDate } from '../../../plugins/format.js'
import { isUuid } from '../../../../db/ids.js'

const t = translator('en')
const PER_PAGE = 25
const PAGE_KINDS: readonly PageKind[] = ['service', 'school', 'general']
const EXCERPT = 140

type Params = { Params: { id: string } }

/** What was said, in a few words: "Useful: no", "Problem: The contact details are wrong". */
function whatOf(row: Pick<FeedbackRow, 'kind' | 'useful' | 'problem'>): string {
  if (row.kind === 'problem') return t('feedback.what.problem', { problem: t(`feedback.form.problems.${row.problem ?? 'other'}`) })
  if (row.useful === 1) return t('feedback.what.usefulYes')
  if (row.useful === 0) return t('feedback.what.usefulNo')
  return t('feedback.what.comment')
}

function listed(row: ListedFeedback) {
  const excerpt = row.comment.length > EXCERPT ? `${row.comment.slice(0, EXCERPT).trimEnd()}…` : row.comment
  return { ...row, what: whatOf(row), excerpt }
}

function errorView(errors: FieldError[]) {
  const list = errors.map((error) => ({ text: t(`feedback.errors.${error.code}`, error.params), href: `#${error.field === 'state' ? 'state' : error.field}` }))
  const errorFor: Record<string, { text: string }> = {}
  errors.forEach((error, index) => (errorFor[error.field] ??= { text: list[index]!.text }))
  return { errors: list, errorFor }
}

function pageNumber(value: unknown): number {
  return typeof value === 'string' && /^\d{1,6}$/.test(value) && Number(value) >= 1 ? Number(value) : 1
}

/** GOV.UK pagination for `href(page)`; undefined when everything fits on one page. */
function pagination(page: number, total: number, href: (page: number) => string) {
  const pages = Math.max(1, Math.ceil(total / PER_PAGE))
  if (pages <= 1) return undefined
  const current = Math.min(page, pages)
  const shown = [...new Set([1, current - 1, current, current + 1, pages])].filter((each) => each >= 1 && each <= pages).sort((a, b) => a - b)
  const items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }> = []
  shown.forEach((each, index) => {
    if (index > 0 && each - shown[index - 1]! > 1) items.push({ ellipsis: true })
    items.push({ number: each, href: href(each), current: each === current })
  })
  return {
    items,
    ...(current > 1 ? { previous: { href: href(current - 1), labelText: t('feedback.inbox.previous') } } : {}),
    ...(current < pages ? { next: { href: href(current + 1), labelText: t('feedback.inbox.next') } } : {}),
  }
}

export function feedbackInboxRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store
  const months = services.config.FEEDBACK_RETENTION_MONTHS

  /** The item as its pages show it, with what it is about looked up now. */
  async function itemView(row: FeedbackRow) {
    const subject = row.subject_kind && row.subject_id ? await findSubject(db, { kind: row.subject_kind, id: row.subject_id }) : undefined
    const people = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [row.responded_by ?? '', row.assigned_to ?? '']).execute()
    const nameOf = (id: string | null) => people.find((person) => person.id === id)?.name
    const hasContact = Boolean(row.contact_name || row.contact_email || row.contact_phone)
    return {
      id: row.id,
      version: row.version,
      state: row.state,
      createdAt: row.created_at,
      pagePath: row.page_path,
      subject: subject && { ...subject, href: subject.kind === 'service' ? `/services/${subject.id}` : `/schools/${subject.id}` },
      what: whatOf(row),
      comment: row.comment,
      contact: hasContact
        ? { name: row.contact_name, email: row.contact_email, phone: row.contact_phone, consentedAt: row.consented_at ?? row.created_at, deletedAfter: deletedAfter(row.consented_at ?? row.created_at, months) }
        : undefined,
      personalDataDeletedAt: row.personal_data_deleted_at,
      assignedTo: row.assigned_to,
      assignee: nameOf(row.assigned_to),
      response: row.response ?? '',
      respondedAt: row.responded_at,
      respondedBy: nameOf(row.responded_by),
    }
  }

  interface ItemExtra {
    status?: number
    errors?: FieldError[]
    /** The officer's own values to show again (after an error), instead of what is stored. */
    triage?: Triage
    conflict?: boolean
    unsavedResponse?: string
    noteValue?: string
    done?: string | undefined
  }

  async function officerItem(request: FastifyRequest, reply: FastifyReply, row: FeedbackRow, extra: ItemExtra = {}) {
    const [item, themes, notes, officers] = await Promise.all([itemView(row), themesOf(db, row.id), notesOf(db, row.id), assignableOfficers(db)])
    const shown = extra.triage ?? { state: row.state, themes, assignedTo: row.assigned_to, response: row.response ?? '' }
    const { errors, errorFor } = errorView(extra.errors ?? [])
    return reply.code(extra.status ?? (errors.length > 0 ? 400 : 200)).page('staff/feedback/item.njk', {
      pageTitle: t('feedback.item.title', { date: formatDate(item.createdAt) }),
      csrfToken: reply.csrfToken(),
      me: request.user,
      item,
      notes,
      errors,
      errorFor,
      conflict: extra.conflict,
      unsavedResponse: extra.unsavedResponse,
      noteValue: extra.noteValue ?? '',
      done: extra.done,
      maxResponse: LIMITS.response,
      maxNote: LIMITS.note,
      form: {
        states: FEEDBACK_STATES.map((state) => ({ value: state, text: t(`feedback.states.${state}`), checked: shown.state === state })),
        themes: FEEDBACK_THEMES.map((theme) => ({ value: theme, text: t(`feedback.themes.${theme}`), checked: shown.themes.includes(theme) })),
        assignees: [
          { value: '', text: t('feedback.inbox.nobody'), selected: !shown.assignedTo },
          ...officers.map((officer) => ({ value: officer.id, text: officer.id === request.user!.id ? `${officer.name} (${t('feedback.inbox.you')})` : officer.name, selected: shown.assignedTo === officer.id })),
        ],
        response: shown.response,
      },
    })
  }

  async function providerItem(request: FastifyRequest, reply: FastifyReply, row: FeedbackRow, extra: ItemExtra = {}) {
    const [item, notes] = await Promise.all([itemView(row), notesOf(db, row.id)])
    const { errors, errorFor } = errorView(extra.errors ?? [])
    return reply.code(errors.length > 0 ? 400 : 200).page('staff/feedback/provider-item.njk', {
      pageTitle: t('feedback.item.title', { date: formatDate(item.createdAt) }),
      csrfToken: reply.csrfToken(),
      me: request.user,
      // No contact details here: the visitor agreed to the council's team seeing them, nobody else.
      item: { ...item, contact: undefined, personalDataDeletedAt: undefined },
      notes,
      errors,
      errorFor,
      noteValue: extra.noteValue ?? '',
      done: extra.done,
      maxNote: LIMITS.note,
    })
  }

  /** The item, if the id is one and it exists; otherwise the 404 is sent. */
  async function found(request: FastifyRequest<Params>, reply: FastifyReply): Promise<FeedbackRow | undefined> {
    const row = isUuid(request.params.id) ? await findFeedback(db, request.params.id.toLowerCase()) : undefined
    if (!row) reply.callNotFound()
    return row
  }

  /** A provider sees only her own organisations' feedback; anything else is as if it did not exist. */
  async function providersOwn(request: FastifyRequest<Params>, reply: FastifyReply): Promise<FeedbackRow | undefined> {
    const row = isUuid(request.params.id) ? await findFeedback(db, request.params.id.toLowerCase()) : undefined
    if (!row || !row.organisation_id || !request.user!.organisationIds.includes(row.organisation_id)) {
      reply.callNotFound()
      return undefined
    }
    return row
  }

  const doneOf = (query: unknown) => {
    const done = (query as Record<string, unknown>).done
    return done === 'saved' || done === 'noteAdded' ? done : undefined
  }

  return async (app) => {
    app.get('/admin/feedback', { config: { access: 'officer' } }, async (request, reply) => {
      const query = request.query as Record<string, unknown>
      const chosen = {
        state: (FEEDBACK_STATES as readonly unknown[]).includes(query.state) ? (query.state as FeedbackState) : undefined,
        theme: isFeedbackTheme(query.theme) ? query.theme : undefined,
        kind: (PAGE_KINDS as readonly unknown[]).includes(query.kind) ? (query.kind as PageKind) : undefined,
        mine: query.mine === '1',
      }
      const page = pageNumber(query.page)
      const filter: FeedbackFilter = { state: chosen.state, theme: chosen.theme, pageKind: chosen.kind, assignedTo: chosen.mine ? request.user!.id : undefined }
      const [list, counts] = await Promise.all([listFeedback(db, filter, { page, perPage: PER_PAGE }), countByState(db, filter)])
      const href = (change: { state?: FeedbackState | undefined; page?: number }) => {
        const next = { ...chosen, ...change }
        const params = new URLSearchParams()
        if (next.state) params.set('state', next.state)
        if (next.theme) params.set('theme', next.theme)
        if (next.kind) params.set('kind', next.kind)
        if (next.mine) params.set('mine', '1')
        if (change.page && change.page > 1) params.set('page', String(change.page))
        const text = params.toString()
        return text ? `/admin/feedback?${text}` : '/admin/feedback'
      }
      const all = Object.values(counts).reduce((sum, each) => sum + each, 0)
      return reply.page('staff/feedback/inbox.njk', {
        pageTitle: t('feedback.inbox.title'),
        csrfToken: reply.csrfToken(),
        me: request.user,
        chosen,
        rows: list.rows.map(listed),
        total: list.total,
        stateLinks: [
          { text: t('feedback.inbox.allStates', { count: all }), href: href({ state: undefined }), current: !chosen.state },
          ...FEEDBACK_STATES.map((state) => ({ text: t('feedback.inbox.stateCount', { state: t(`feedback.states.${state}`), count: counts[state] }), href: href({ state }), current: chosen.state === state })),
        ],
        selects: {
          state: [{ value: '', text: t('feedback.inbox.any') }, ...FEEDBACK_STATES.map((state) => ({ value: state, text: t(`feedback.states.${state}`), selected: chosen.state === state }))],
          theme: [{ value: '', text: t('feedback.inbox.any') }, ...FEEDBACK_THEMES.map((theme) => ({ value: theme, text: t(`feedback.themes.${theme}`), selected: chosen.theme === theme }))],
          kind: [{ value: '', text: t('feedback.inbox.any') }, ...PAGE_KINDS.map((kind) => ({ value: kind, text: t(`feedback.pageKinds.${kind}`), selected: chosen.kind === kind }))],
        },
        pagination: pagination(page, list.total, (each) => href({ page: each })),
      })
    })

    app.get<Params>('/admin/feedback/:id', { config: { access: 'officer' } }, async (request, reply) => {
      const row = await found(request, reply)
      if (!row) return reply
      return officerItem(request, reply, row, { done: doneOf(request.query) })
    })

    app.post<Params>('/admin/feedback/:id', { config: { access: 'officer' } }, async (request, reply) => {
      const row = await found(request, reply)
      if (!row) return reply
      const officers = await assignableOfficers(db)
      const parsed = parseTriage(request.body as Record<string, unknown>, new Set(officers.map((officer) => officer.id)))
      if (parsed.version === undefined) return reply.errorPage(400, 'badForm')
      if (parsed.errors.length > 0) return officerItem(request, reply, row, { errors: parsed.errors, triage: parsed.triage })
      const outcome = await saveTriage(db, { id: row.id, version: parsed.version, triage: parsed.triage, actorId: request.user!.id })
      if (!outcome.ok) {
        const now = await findFeedback(db, row.id)
        if (!now) return reply.callNotFound()
        // Nothing overwritten: the page shows what is stored now, and what this officer wrote, unsaved.
        return officerItem(request, reply, now, { status: 409, conflict: true, unsavedResponse: parsed.triage.response !== (now.response ?? '') ? parsed.triage.response : undefined })
      }
      return reply.redirect(`/admin/feedback/${row.id}?done=saved`, 303)
    })

    app.post<Params>('/admin/feedback/:id/notes', { config: { access: 'officer' } }, async (request, reply) => {
      const row = await found(request, reply)
      if (!row) return reply
      const note = parseNote(request.body as Record<string, unknown>)
      if (note.errors.length > 0) return officerItem(request, reply, row, { errors: note.errors, noteValue: note.text })
      await addNote(db, { feedbackId: row.id, authorId: request.user!.id, text: note.text })
      return reply.redirect(`/admin/feedback/${row.id}?done=noteAdded`, 303)
    })

    app.get('/manage/feedback', { config: { access: 'manage' } }, async (request, reply) => {
      const page = pageNumber((request.query as Record<string, unknown>).page)
      const list = await listFeedback(db, { organisationIds: request.user!.organisationIds }, { page, perPage: PER_PAGE })
      return reply.page('staff/feedback/provider-list.njk', {
        pageTitle: t('feedback.provider.title'),
        csrfToken: reply.csrfToken(),
        me: request.user,
        rows: list.rows.map(listed),
        total: list.total,
        pagination: pagination(page, list.total, (each) => (each > 1 ? `/manage/feedback?page=${each}` : '/manage/feedback')),
      })
    })

    app.get<Params>('/manage/feedback/:id', { config: { access: 'manage' } }, async (request, reply) => {
      const row = await providersOwn(request, reply)
      if (!row) return reply
      return providerItem(request, reply, row, { done: doneOf(request.query) })
    })

    app.post<Params>('/manage/feedback/:id/notes', { config: { access: 'manage' } }, async (request, reply) => {
      const row = await providersOwn(request, reply)
      if (!row) return reply
      const note = parseNote(request.body as Record<string, unknown>)
      if (note.errors.length > 0) return providerItem(request, reply, row, { errors: note.errors, noteValue: note.text })
      await addNote(db, { feedbackId: row.id, authorId: request.user!.id, text: note.text })
      return reply.redirect(`/manage/feedback/${row.id}?done=noteAdded`, 303)
    })
  }
}

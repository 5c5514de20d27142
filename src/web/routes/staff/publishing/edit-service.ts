// Editing a listing: /manage/services/:id/edit (the form, saved as a draft or submitted for
// approval; council staff may also publish at once), withdrawing a change, and the listing's
// history of changes. A save from an out-of-date copy gets the conflict page, never applied.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { HELP_KINDS, PROVIDER_TYPES, PROVISION_LEVELS } from '../../../../domain/model.js'
import { NEED_TERMS } from '../../../../domain/needs.js'
import { linkListingEdit, problemForListing, type ListingProblem } from '../../../../feedback/listing-edits.js'
import { today } from '../../../../publishing/review-dates.js'
import type { Conflict, Revision } from '../../../../publishing/revisions.js'
import { MAX_LENGTH, parseServiceForm, type FieldError, type ServiceContent } from '../../../../publishing/service-content.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'
import { authorNames, editableSubject, fromFields, fromOf, openedFrom, publishedChange, serviceWorkflow, type From } from './common.js'
import { errorList, formPairs, serviceDiff } from './present.js'

const t = translator('en')

export function editServiceRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store
  const changes = serviceWorkflow(services)

  function form(
    request: FastifyRequest,
    reply: FastifyReply,
    view: { id: string; name: string; content: ServiceContent; from: From; open?: Revision<ServiceContent> | undefined; errors?: FieldError[]; done?: string | undefined; fromFeedback?: ListingProblem | undefined },
  ) {
    const errors = errorList(view.errors ?? [])
    return reply.code(errors.length > 0 ? 400 : 200).page('staff/publishing/edit.njk', {
      pageTitle: t('publishing.editTitle', { name: view.name }),
      csrfToken: reply.csrfToken(),
      me: request.user,
      serviceId: view.id,
      values: view.content,
      fromFields: fromFields(view.from),
      open: view.open,
      errors,
      errorFor: Object.fromEntries(errors.map((error) => [error.field, { text: error.text }])),
      done: view.done,
      // Opened from a feedback item ("Fix the listing"): the problem is shown beside the form.
      fromFeedback: view.fromFeedback,
      selects: {
        helpKind: HELP_KINDS.map((value) => ({ value, text: t(`helpKinds.${value}`), selected: view.content.helpKind === value })),
        providerType: PROVIDER_TYPES.map((value) => ({ value, text: t(`providerTypes.${value}`), selected: view.content.providerType === value })),
        provisionLevel: PROVISION_LEVELS.map((value) => ({ value, text: t(`levels.${value}`), selected: view.content.provisionLevel === value })),
      },
      needItems: NEED_TERMS.map((term) => ({ value: term.code, text: t(`needs.${term.code}`), checked: view.content.needs.includes(term.code) })),
      maxLength: MAX_LENGTH,
      mayPublish: request.user!.role !== null,
      changedFields: view.open ? serviceDiff(view.open.baseContent, view.open.content).map((row) => row.label) : [],
    })
  }

  async function conflictPage(request: FastifyRequest, reply: FastifyReply, id: string, conflict: Conflict<ServiceContent>, yours: ServiceContent) {
    if (conflict.kind === 'gone') return reply.code(404).page('pages/error.njk', { titleKey: 'publishing.goneTitle', bodyKey: 'publishing.gone' })
    const theirs = conflict.kind === 'revision-changed' ? conflict.revision.content : conflict.published
    const from: From = conflict.kind === 'revision-changed' ? { revisionId: conflict.revision.id, version: conflict.revision.version } : { publishedVersion: conflict.version }
    const names = conflict.kind === 'revision-changed' ? await authorNames(db, [conflict.revision.authorId]) : new Map<string, string>()
    return reply.code(409).page('staff/publishing/conflict.njk', {
      pageTitle: t('publishing.conflictTitle'),
      csrfToken: reply.csrfToken(),
      me: request.user,
      serviceId: id,
      theirs: conflict.kind === 'revision-changed' ? { status: conflict.revision.status, at: conflict.revision.updatedAt, by: names.get(conflict.revision.authorId ?? '') } : { status: 'approved' },
      rows: serviceDiff(theirs, yours),
      hiddenFields: [...formPairs(yours), ...fromFields(from)],
    })
  }

  const editable = (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => editableSubject(changes, request, reply)

  return async (app) => {
    app.get<{ Params: { id: string } }>('/manage/services/:id/edit', { config: { access: 'manage' } }, async (request, reply) => {
      const current = await editable(request, reply)
      if (!current) return reply
      const { done, feedback } = request.query as Record<string, unknown>
      const { open } = current
      return form(request, reply, {
        id: request.params.id,
        name: current.name,
        content: open?.content ?? current.published,
        from: openedFrom(current),
        open,
        done: typeof done === 'string' && /^(saved|submitted|published|withdrawn)$/.test(done) ? done : undefined,
        fromFeedback: await problemForListing(db, feedback, request.params.id),
      })
    })

    app.post<{ Params: { id: string } }>('/manage/services/:id/edit', { config: { access: 'manage' } }, async (request, reply) => {
      const current = await editable(request, reply)
      if (!current) return reply
      const body = request.body as Record<string, unknown>
      const from = fromOf(body)
      const action = body.action
      if (!from || (action !== 'save' && action !== 'submit' && action !== 'publish')) {
        return reply.errorPage(400, 'badForm')
      }
      const publish = action === 'publish' && request.user!.role !== null
      const { content, errors } = parseServiceForm(body)
      if (errors.length > 0) return form(request, reply, { id: request.params.id, name: current.name, content, from, open: current.open, errors, fromFeedback: await problemForListing(db, body.feedback, request.params.id) })
      const actorId = request.user!.id
      const saved = await changes.save({ subjectId: request.params.id, from, content, actorId, submit: action !== 'save' })
      if (!saved.ok) return conflictPage(request, reply, request.params.id, saved.conflict, content)
      if (publish) {
        const approved = await publishedChange(services, changes, { revisionId: saved.revision.id, version: saved.revision.version, actorId, reviewedOn: today() })
        if (!approved.ok) return conflictPage(request, reply, request.params.id, approved.conflict, content)
      }
      const done = publish ? 'published' : action === 'submit' ? 'submitted' : 'saved'
      await linkListingEdit(db, { feedbackId: body.feedback, serviceId: request.params.id, actorId, action: done })
      return reply.redirect(`/manage/services/${request.params.id}/edit?done=${done}`, 303)
    })

    app.post<{ Params: { id: string } }>('/manage/services/:id/withdraw', { config: { access: 'manage' } }, async (request, reply) => {
      const current = await editable(request, reply)
      if (!current) return reply
      const from = fromOf(request.body as Record<string, unknown>)
      if (!from || !('revisionId' in from)) return reply.errorPage(400, 'badForm')
      const withdrawn = await changes.withdraw({ revisionId: from.revisionId, version: from.version, actorId: request.user!.id })
      if (!withdrawn.ok) return conflictPage(request, reply, request.params.id, withdrawn.conflict, current.open?.content ?? current.published)
      return reply.redirect(`/manage/services/${request.params.id}/edit?done=withdrawn`, 303)
    })

    app.get<{ Params: { id: string } }>('/manage/services/:id/history', { config: { access: 'manage' } }, async (request, reply) => {
      const current = await editable(request, reply)
      if (!current) return reply
      const revisions = await changes.history(request.params.id)
      const names = await authorNames(db, revisions.flatMap((revision) => [revision.authorId, revision.decidedBy]))
      return reply.page('staff/publishing/history.njk', {
        pageTitle: t('publishing.historyTitle', { name: current.name }),
        csrfToken: reply.csrfToken(),
        me: request.user,
        serviceId: request.params.id,
        version: current.version,
        revisions: revisions.map((revision) => ({
          ...revision,
          author: names.get(revision.authorId ?? ''),
          decider: names.get(revision.decidedBy ?? ''),
          rows: serviceDiff(revision.baseContent, revision.content),
        })),
      })
    })
  }
}

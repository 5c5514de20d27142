// What the publishing pages share (listings and school reports): the services workflow, approving
// (which re-indexes the listing for search), the names of the people who made or decided a change,
// the hidden fields naming the version a form was opened from, and who may open the form at all.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { isUuid } from '../../../../db/ids.js'
import type { Database } from '../../../../db/schema.js'
import type { Outcome, Workflow } from '../../../../publishing/revisions.js'
import { workflow } from '../../../../publishing/revisions.js'
import type { ServiceContent } from '../../../../publishing/service-content.js'
import { servicePublishable } from '../../../../publishing/services.js'
import { indexSubjects } from '../../../../search/indexer.js'
import type { Services } from '../../../../services.js'
import { mayEdit } from '../../../plugins/auth.js'

export function serviceWorkflow(services: Services): Workflow<ServiceContent> {
  return workflow(services.store.db, servicePublishable(services.config))
}

/** Approves a submitted change and, once published, brings search up to date with it. */
export async function publishedChange(services: Services, changes: Workflow<ServiceContent>, input: Parameters<Workflow<ServiceContent>['approve']>[0]): Promise<Outcome<ServiceContent>> {
  const approved = await changes.approve(input)
  if (approved.ok) await indexSubjects(services.store, [approved.revision.subjectId])
  return approved
}

export async function authorNames(db: Kysely<Database>, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))]
  if (wanted.length === 0) return new Map()
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute()
  return new Map(rows.map((row) => [row.id, row.name]))
}

export type From = { revisionId: string; version: number } | { publishedVersion: number }

/** The version a form says it was opened from; undefined when the fields are missing or malformed. */
export function fromOf(body: Record<string, unknown>): From | undefined {
  const version = (name: string) => (typeof body[name] === 'string' && /^\d{1,9}$/.test(body[name]) ? Number(body[name]) : undefined)
  const revisionId = typeof body.revisionId === 'string' ? body.revisionId : ''
  const revisionVersion = version('revisionVersion')
  if (revisionId) return isUuid(revisionId) && revisionVersion !== undefined ? { revisionId, version: revisionVersion } : undefined
  const publishedVersion = version('publishedVersion')
  return publishedVersion === undefined ? undefined : { publishedVersion }
}

export function fromFields(from: From): Array<[string, string]> {
  return 'revisionId' in from ? [['revisionId', from.revisionId], ['revisionVersion', String(from.version)]] : [['publishedVersion', String(from.publishedVersion)]]
}

/** What a form edits: the open change if there is one, else the published version. */
export function openedFrom(current: { version: number; open: { id: string; version: number } | undefined }): From {
  return current.open ? { revisionId: current.open.id, version: current.open.version } : { publishedVersion: current.version }
}

/** The subject of `:id` with its open change, if it exists and this person may edit it; otherwise the reply is sent (404 or 403). */
export async function editableSubject<C>(changes: Workflow<C>, request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
  const current = isUuid(request.params.id) ? await changes.current(request.params.id) : undefined
  if (!current) {
    reply.callNotFound()
    return undefined
  }
  if (!mayEdit(request.user, current.organisationId)) {
    await reply.errorPage(403, 'forbidden')
    return undefined
  }
  return current
}

// What the publishing pages share: the services workflow, approving (which re-indexes the
// listing for search), and the names of the people who made or decided a change.
import type { Kysely } from 'kysely'
import type { Database } from '../../../../db/schema.js'
import type { Outcome, Workflow } from '../../../../publishing/revisions.js'
import { workflow } from '../../../../publishing/revisions.js'
import type { ServiceContent } from '../../../../publishing/service-content.js'
import { servicePublishable } from '../../../../publishing/services.js'
import { indexSubjects } from '../../../../search/indexer.js'
import type { Services } from '../../../../services.js'

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

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

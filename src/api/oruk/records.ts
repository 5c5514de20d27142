// Rows to records for a whole page at a time: the related rows a depth needs are read once for
// all the rows (queries.ts), then each row is mapped (mapping.ts).
import type { Kysely } from 'kysely'
import type { Database, ServiceRow } from '../../db/schema.js'
import type { PostcodeLookup } from '../../geo/postcodes.js'
import { toFullOrganization, toFullService, toMinimalService, toOrganization, toService, type Links } from './mapping.js'
import { loadNeeds, loadOrganisations, loadServiceRelations, servicesOfOrganisations, type OrganisationRecord } from './queries.js'
import type { OrukOrganization, OrukService } from './types.js'

/** What the handlers need from the application's services. */
export interface ApiContext {
  db: Kysely<Database>
  postcodes: PostcodeLookup
  councilNames(): Promise<Map<string, string>>
}

export type ServiceDepth = 'minimal' | 'list' | 'full'

export async function serviceRecords(
  context: ApiContext,
  rows: ServiceRow[],
  depth: ServiceDepth,
  links: Links,
  /** Inside an organisation the organisation is not repeated in each of its services. */
  nestOrganisation = true,
): Promise<OrukService[]> {
  if (depth === 'minimal') return rows.map(toMinimalService)
  const organisations = nestOrganisation ? await loadOrganisations(context.db, rows.map((row) => row.organisation_id)) : new Map<string, OrganisationRecord>()
  if (depth === 'list') return rows.map((row) => toService(row, organisations.get(row.organisation_id), links))
  const ids = rows.map((row) => row.id)
  const [relations, councilNames] = await Promise.all([loadServiceRelations(context.db, ids), context.councilNames()])
  return rows.map((row) => toFullService(row, organisations.get(row.organisation_id), links, { relations, councilNames }))
}

export interface OrganisationDepth {
  /** Identifiers and attributes. */
  full: boolean
  /** Its services: undefined leaves them out; 'list' gives their one-to-one fields. */
  services: Exclude<ServiceDepth, 'minimal'> | undefined
}

export async function organisationRecords(context: ApiContext, rows: OrganisationRecord[], depth: OrganisationDepth, links: Links): Promise<OrukOrganization[]> {
  const ids = rows.map((row) => row.id)
  const needs = depth.full ? await loadNeeds(context.db, ids) : new Map<string, string[]>()
  const servicesOf = new Map<string, OrukService[]>()
  if (depth.services) {
    const serviceRows = await servicesOfOrganisations(context.db, ids)
    const records = await serviceRecords(context, serviceRows, depth.services, links, false)
    records.forEach((record, index) => {
      const organisationId = serviceRows[index]?.organisation_id
      if (organisationId === undefined) return
      const list = servicesOf.get(organisationId)
      if (list) list.push(record)
      else servicesOf.set(organisationId, [record])
    })
  }
  return rows.map((row) => ({
    ...(depth.full ? toFullOrganization(row, needs.get(row.id) ?? [], links) : toOrganization(row, links)),
    ...(depth.services ? { services: servicesOf.get(row.id) ?? [] } : {}),
  }))
}

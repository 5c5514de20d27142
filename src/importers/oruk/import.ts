// Imports an Open Referral feed: every service, and the organisation that provides it, created
// or updated by its id in the feed, with where and when it came from.
//
// The whole feed is read and checked before anything is written, so a fetch that fails midway
// (a 500 on page 2, a page that is not JSON, a response over the size limit) throws and changes
// nothing. Then records are written in batches, each in one transaction: a store failure midway
// leaves whole records, never half of one.
//
// A record edited here since its import is never overwritten (its content no longer hashes to
// source_hash): it is reported as kept local. A record gone from the feed is never deleted: it is
// reported and marked (source_missing_since) for someone to check.
import { basename } from 'node:path'
import type { Store } from '../../db/connection.js'
import { stableUuid } from '../../db/ids.js'
import { ensureCouncils } from '../../db/repositories/councils.js'
import { ensureNeedTerms } from '../../db/repositories/taxonomy.js'
import { indexSubjects } from '../../search/indexer.js'
import { translator } from '../../web/i18n/index.js'
import { contentHash, type OrganisationContent, type ServiceContent } from './content.js'
import { DEFAULT_LIMITS, isWebAddress, readFeed, type FeedFormat, type FetchLimits } from './fetch.js'
import { DEFAULT_CLASSIFICATION, mapService, type Classification, type MappedOrganisation, type MappedService } from './mapping.js'
import { emptyReport, type OrukImportReport } from './report.js'
import { checkRecord, ignoredFields } from './shapes.js'
import {
  confirmFetched,
  feedUuid,
  insertOrganisations,
  insertServices,
  markMissing,
  storedOrganisations,
  storedServices,
  takenIds,
  updateOrganisation,
  updateService,
  type ImportStamp,
  type OrganisationWrite,
  type ServiceWrite,
  type StoredRecord,
} from './store.js'

export interface OrukSource {
  /** http(s) address of the feed's services list, or a file. */
  location: string
  /** ONS code of the council area the feed's services are for (E06000013), where a record's own service areas name none by ONS code (ours name theirs). */
  council?: string | undefined
  /** Who publishes the feed, as shown on each service's page ("North Lincolnshire Council"). */
  label?: string | undefined
  format?: FeedFormat | undefined
  /** Kind of help, provider type and level for records that do not say (DEFAULT_CLASSIFICATION). */
  classification?: Partial<Classification> | undefined
}

export interface OrukImportOptions {
  /** When the feed was fetched (ISO); now, unless a file was downloaded earlier. */
  fetchedAt?: string
  limits?: Partial<FetchLimits>
  /** Index each batch for search as it is written (default); off when a full rebuild follows. */
  index?: boolean
  /** Name for the council, if the store does not know it yet; the label otherwise. */
  councilName?: string
}

const BATCH = 200

/** What identifies the feed in the store: its address, or a file's label (so next month's download of the same feed updates, not duplicates). */
export function sourceKey(source: OrukSource): string {
  if (isWebAddress(source.location)) {
    const url = new URL(source.location)
    url.searchParams.delete('page')
    return url.href
  }
  return source.label ?? basename(source.location)
}

function tally(counts: Map<string, number>, keys: Iterable<string>): void {
  for (const key of new Set(keys)) counts.set(key, (counts.get(key) ?? 0) + 1)
}

function byCount(counts: Map<string, number>): Array<[string, number]> {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
}

interface ReadFeed {
  services: Array<MappedService & { where: string }>
  /** Ids of every record in the feed, the unreadable ones included: none of them is missing. */
  seen: Set<string>
}

async function readAndCheck(source: OrukSource, report: OrukImportReport, limits: FetchLimits): Promise<ReadFeed> {
  const context = {
    councilCodes: source.council ? [source.council] : [],
    classification: { ...DEFAULT_CLASSIFICATION, ...source.classification },
  }
  const services: ReadFeed['services'] = []
  const seen = new Set<string>()
  const firstSeenAt = new Map<string, string>()
  const ignored = new Map<string, number>()
  const unmatched = new Map<string, number>()
  for await (const entry of readFeed(source, limits)) {
    if (entry.type === 'page') {
      report.pages += 1
      report.shapes[entry.shape] = (report.shapes[entry.shape] ?? 0) + 1
      continue
    }
    report.records += 1
    if (entry.type === 'unreadable') {
      report.skippedInvalid.push({ where: entry.where, sourceId: undefined, reason: entry.reason })
      continue
    }
    const checked = checkRecord(entry.value)
    if (!checked.ok) {
      if (checked.id !== undefined) seen.add(checked.id)
      report.skippedInvalid.push({ where: entry.where, sourceId: checked.id, reason: checked.reason })
      continue
    }
    const id = String(checked.record.id)
    seen.add(id)
    const earlier = firstSeenAt.get(id)
    if (earlier) {
      report.skippedInvalid.push({ where: entry.where, sourceId: id, reason: `the same id as ${earlier}: the first is imported` })
      continue
    }
    firstSeenAt.set(id, entry.where)
    const mapped = mapService(checked.record, context)
    if (!mapped.ok) {
      report.skippedInvalid.push({ where: entry.where, sourceId: id, reason: mapped.reason })
      continue
    }
    tally(ignored, ignoredFields(entry.value))
    tally(unmatched, mapped.service.unmatchedTerms)
    for (const note of mapped.service.notes) report.notes.push({ sourceId: id, note })
    services.push({ ...mapped.service, where: entry.where })
  }
  report.ignoredFields = byCount(ignored).map(([field, records]) => ({ field, records }))
  report.unmatchedTerms = byCount(unmatched).map(([term, records]) => ({ term, records }))
  return { services, seen }
}

/** What to do with one record, given what is stored. */
type Decision = 'create' | 'update' | 'unchanged' | 'kept-local'

function decide<C>(stored: StoredRecord<C> | undefined, feedHash: string): Decision {
  if (!stored) return 'create'
  if (feedHash === stored.importedHash) return 'unchanged'
  // Edited here since the import (or imported before hashes were kept): the local content wins.
  if (stored.currentHash !== stored.importedHash) return 'kept-local'
  return 'update'
}

/** A new record's id: the feed's own UUID when no record here has it, else one made from the source and the feed's id. */
class IdAllocator {
  private readonly claimed = new Set<string>()
  // One allocator for services and organisations alike: contacts and areas are keyed by subject id, shared by both tables.
  constructor(private readonly source: string) {}

  async allocate(store: Store, kind: 'service' | 'organisation', sourceIds: string[]): Promise<Map<string, string>> {
    const wanted = sourceIds.map((sourceId) => [sourceId, feedUuid(sourceId)] as const)
    const taken = await takenIds(store.db, wanted.flatMap(([, id]) => (id ? [id] : [])))
    const ids = new Map<string, string>()
    for (const [sourceId, own] of wanted) {
      let id = own && !taken.has(own) && !this.claimed.has(own) ? own : stableUuid(`local-offer:oruk:${this.source}:${kind}:${sourceId}`)
      if (this.claimed.has(id)) id = stableUuid(`local-offer:oruk:${this.source}:${kind}:${sourceId}:again`)
      this.claimed.add(id)
      ids.set(sourceId, id)
    }
    return ids
  }

  claim(id: string): void {
    this.claimed.add(id)
  }
}

async function importOrganisations(store: Store, services: MappedService[], stamp: ImportStamp, report: OrukImportReport, ids: IdAllocator): Promise<Map<string, string>> {
  const unique = new Map<string, MappedOrganisation>()
  for (const service of services) if (!unique.has(service.organisation.sourceId)) unique.set(service.organisation.sourceId, service.organisation)
  const organisationIds = new Map<string, string>()
  const all = [...unique.values()]
  for (let start = 0; start < all.length; start += BATCH) {
    const batch = all.slice(start, start + BATCH)
    const stored = await storedOrganisations(store.db, stamp.source, batch.map((org) => org.sourceId))
    for (const record of stored.values()) ids.claim(record.id)
    const fresh = await ids.allocate(store, 'organisation', batch.filter((org) => !stored.has(org.sourceId)).map((org) => org.sourceId))
    const created: OrganisationWrite[] = []
    const updated: OrganisationWrite[] = []
    const present: string[] = []
    for (const org of batch) {
      const existing = stored.get(org.sourceId)
      const decision = decide<OrganisationContent>(existing, contentHash(org.content))
      const id = existing?.id ?? fresh.get(org.sourceId)!
      organisationIds.set(org.sourceId, id)
      if (decision === 'create') report.organisations.created += 1
      else if (decision === 'update') report.organisations.updated += 1
      else if (decision === 'unchanged') report.organisations.unchanged += 1
      else report.organisations.keptLocal += 1
      if (decision === 'create') created.push({ id, sourceId: org.sourceId, content: org.content })
      else if (decision === 'update') updated.push({ id, sourceId: org.sourceId, content: org.content })
      else if (decision === 'unchanged') present.push(id)
    }
    await store.db.transaction().execute(async (trx) => {
      await insertOrganisations(trx, created, stamp)
      for (const write of updated) await updateOrganisation(trx, write, stamp)
    })
    await confirmFetched(store.db, 'organisations', present, stamp.fetchedAt)
  }
  return organisationIds
}

async function importServices(store: Store, services: MappedService[], organisationIds: Map<string, string>, stamp: ImportStamp, report: OrukImportReport, ids: IdAllocator, index: boolean): Promise<void> {
  for (let start = 0; start < services.length; start += BATCH) {
    const batch = services.slice(start, start + BATCH)
    const stored = await storedServices(store.db, stamp.source, batch.map((service) => service.sourceId))
    for (const record of stored.values()) ids.claim(record.id)
    const fresh = await ids.allocate(store, 'service', batch.filter((service) => !stored.has(service.sourceId)).map((service) => service.sourceId))
    const created: ServiceWrite[] = []
    const updated: ServiceWrite[] = []
    const present: string[] = []
    const keptPresent: string[] = []
    for (const service of batch) {
      const content: ServiceContent = { organisationId: organisationIds.get(service.organisation.sourceId)!, ...service.content }
      const existing = stored.get(service.sourceId)
      const decision = decide(existing, contentHash(content))
      const id = existing?.id ?? fresh.get(service.sourceId)!
      switch (decision) {
        case 'create':
          report.created += 1
          created.push({ id, sourceId: service.sourceId, content, ids: service.ids })
          break
        case 'update':
          report.updated += 1
          updated.push({ id, sourceId: service.sourceId, content, ids: service.ids })
          break
        case 'unchanged':
          report.unchanged += 1
          present.push(id)
          break
        case 'kept-local':
          report.keptLocal.push({ id, sourceId: service.sourceId, name: existing?.content.name ?? content.name })
          keptPresent.push(id)
          break
      }
    }
    await store.db.transaction().execute(async (trx) => {
      await insertServices(trx, created, stamp)
      for (const write of updated) await updateService(trx, write, stamp)
    })
    await confirmFetched(store.db, 'services', present, stamp.fetchedAt)
    // Still in the feed, so not missing; but fetched_at stays that of the content kept.
    await confirmFetched(store.db, 'services', keptPresent, undefined)
    const changed = [...created, ...updated].map((write) => write.id)
    if (index && changed.length > 0) await indexSubjects(store, changed)
  }
}

export async function importOruk(store: Store, source: OrukSource, options: OrukImportOptions = {}): Promise<OrukImportReport> {
  const stamp: ImportStamp = { source: sourceKey(source), label: source.label ?? null, fetchedAt: options.fetchedAt ?? new Date().toISOString() }
  const report = emptyReport(stamp.source, stamp.fetchedAt)
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const { services, seen } = await readAndCheck(source, report, limits)

  // Needs served refer to the need terms: a store that has never been seeded has none yet.
  const t = translator('en')
  await ensureNeedTerms(store.db, (code) => t(`needs.${code}`))
  // The source's council, then those the records' service areas name (a known code keeps its name).
  const councils = new Map(services.flatMap((service) => service.councils).map((council) => [council.code, council]))
  if (source.council) councils.set(source.council, { code: source.council, name: options.councilName ?? source.label ?? source.council })
  await ensureCouncils(store.db, [...councils.values()])
  const ids = new IdAllocator(stamp.source)
  const organisationIds = await importOrganisations(store, services, stamp, report, ids)
  await importServices(store, services, organisationIds, stamp, report, ids, options.index ?? true)
  report.missingFromFeed = await markMissing(store.db, stamp.source, seen, stamp.fetchedAt)
  return report
}

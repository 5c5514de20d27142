// One checked ORUK service record (shapes.ts) to the content we store (content.ts): the inverse of
// src/api/oruk/mapping.ts. Pure. What the feed does not say is left empty, never guessed, except
// the three classifications every listing must have (kind of help, provider type, level), which
// come from the source's defaults unless the record says: its deliverable_type which kind of
// help, or the terms this API publishes (another Local Offer's feed, ours included) its needs,
// provider type and level.
import { findTerm } from '../../api/oruk/taxonomies.js'
import { HELP_KINDS, PROVIDER_TYPES, PROVISION_LEVELS, type CouncilArea, type HelpKind, type ProviderType, type ProvisionLevel } from '../../domain/model.js'
import { needWithArea } from '../../domain/needs.js'
import { needsFromTermNames } from './needs.js'
import type { ServiceRecord } from './shapes.js'
import { locationOrder, type ContactContent, type LocationContent, type OrganisationContent, type ServiceContent, type ServiceStatus } from './content.js'
import { blockText, emailAddress, lineText, phoneNumber, postcodeText, webAddress } from './text.js'

export interface Classification {
  helpKind: HelpKind
  providerType: ProviderType
  provisionLevel: ProvisionLevel
}

/** A feed of community services: advice and support, voluntary and community, for every child. */
export const DEFAULT_CLASSIFICATION: Classification = { helpKind: 'advice', providerType: 'voluntary', provisionLevel: 'universal' }

export function isClassification(value: { helpKind: string; providerType: string; provisionLevel: string }): value is Classification {
  return (
    (HELP_KINDS as readonly string[]).includes(value.helpKind) &&
    (PROVIDER_TYPES as readonly string[]).includes(value.providerType) &&
    (PROVISION_LEVELS as readonly string[]).includes(value.provisionLevel)
  )
}

export interface MappingContext {
  /** ONS codes of the council areas the feed's services are for. */
  councilCodes: string[]
  classification: Classification
}

export interface MappedOrganisation {
  /** The feed's id for it, or "name:<name>" when it gives none. */
  sourceId: string
  content: OrganisationContent
}

/**
 * The feed's own ids for the rows a service has in other tables, item for item with the content's
 * lists (contacts, schedules, locations). They are who the rows are, not what they say, so they
 * are not hashed; the store keeps each one that is a UUID no row there has yet (store.ts).
 */
export interface RelationIds {
  contacts: Array<string | undefined>
  schedules: Array<string | undefined>
  locations: Array<{ link: string | undefined; location: string | undefined }>
}

export interface MappedService {
  sourceId: string
  organisation: MappedOrganisation
  /** Everything but organisationId, which is known once the organisation is stored. */
  content: Omit<ServiceContent, 'organisationId'>
  ids: RelationIds
  /** Councils the record's service areas name, with the names it gives them. */
  councils: CouncilArea[]
  /** Values left out, with why (a javascript: address, an age range upside down). */
  notes: string[]
  /** Taxonomy terms and audiences that name no need of ours. */
  unmatchedTerms: string[]
}

export type MapResult = { ok: true; service: MappedService } | { ok: false; reason: string }

/** ORUK 3.0 statuses (and 1.0's) to ours. A status we do not know is not claimed to be open. */
export function serviceStatus(value: string | undefined): ServiceStatus {
  switch (value?.trim().toLowerCase()) {
    case undefined:
    case 'active':
      return 'active'
    case 'defunct':
    case 'withdrawn':
      return 'withdrawn'
    default:
      return 'inactive'
  }
}

/** North Lincolnshire's deliverable_type values that say the service is an activity, or advice. */
const ACTIVITY_TYPES = new Set(['social activity', 'physical activity', 'community asset', 'volunteering opportunity', 'peer group', 'training sessions', 'specialist-led group'])
const ADVICE_TYPES = new Set(['1 to 1 assessment / advice', 'documented information/advice', '1 to 1 support'])

function helpKindOf(record: ServiceRecord, fallback: HelpKind): HelpKind {
  const type = record.deliverable_type?.trim().toLowerCase()
  if (type && ACTIVITY_TYPES.has(type)) return 'activities'
  if (type && ADVICE_TYPES.has(type)) return 'advice'
  return fallback
}

function ages(record: ServiceRecord, notes: string[]): { minAge: number | null; maxAge: number | null } {
  const eligibility = record.eligibilitys.find((entry) => entry.minimum_age !== undefined || entry.maximum_age !== undefined)
  const min = record.minimum_age ?? eligibility?.minimum_age
  const max = record.maximum_age ?? eligibility?.maximum_age
  const plausible = (age: number | undefined) => (age !== undefined && Number.isInteger(age) && age >= 0 && age <= 120 ? age : null)
  const minAge = plausible(min)
  const maxAge = plausible(max)
  if ((min !== undefined && minAge === null) || (max !== undefined && maxAge === null)) notes.push('an age that is not a whole number from 0 to 120 was left out')
  if (minAge !== null && maxAge !== null && minAge > maxAge) {
    notes.push(`the age range ${minAge} to ${maxAge} is upside down and was left out`)
    return { minAge: null, maxAge: null }
  }
  return { minAge, maxAge }
}

/** An option that only says the service is free ("Free", 0) is told by isFree; it adds no words. */
function onlyFree(option: ServiceRecord['cost_options'][number]): boolean {
  return option.amount === 0 && !option.amount_description && (!option.option || /^free\.?$/i.test(option.option.trim()))
}

function cost(record: ServiceRecord): { isFree: boolean | null; costDescription: string | null } {
  const fees = blockText(record.fees)
  const options = record.cost_options.filter((option) => option.amount !== undefined || option.option)
  const described = options.filter((option) => !onlyFree(option)).map((option) =>
    [lineText(option.option), option.amount !== undefined ? `${option.currency === 'GBP' ? '£' : ''}${option.amount}` : undefined, lineText(option.amount_description)]
      .filter(Boolean)
      .join(' '),
  )
  const amounts = options.map((option) => option.amount).filter((amount): amount is number => amount !== undefined)
  let isFree: boolean | null = null
  if (amounts.length > 0) isFree = amounts.every((amount) => amount === 0)
  else if (fees && /^free\.?$/i.test(fees)) isFree = true
  const costDescription = [fees && !/^free\.?$/i.test(fees) ? fees : undefined, ...described].filter(Boolean).join('\n') || null
  return { isFree, costDescription }
}

interface WithId<T> {
  content: T
  id: string | undefined
}

function contacts(record: ServiceRecord): Array<WithId<ContactContent>> {
  return record.contacts.flatMap((contact) => {
    const name = lineText(contact.name)
    const title = lineText(contact.title)
    const phone = contact.phones.map((entry) => phoneNumber(entry.number)).find(Boolean) ?? null
    const email = emailAddress(contact.email) ?? null
    const label = name ?? title
    // A contact with nothing to reach it by, and no name, tells a family nothing.
    if (!label && !phone && !email) return []
    return [{ content: { name: label ?? 'Contact', phone, email, url: null, notes: name && title ? title : null }, id: contact.id }]
  })
}

/** Each description once (the first one's id kept), in a fixed order. */
function schedules(record: ServiceRecord): Array<WithId<string>> {
  const unique = new Map<string, string | undefined>()
  for (const entry of [...record.schedules, ...record.regular_schedules]) {
    const description = blockText(entry.description)
    if (description && !unique.has(description)) unique.set(description, entry.id)
  }
  return [...unique.keys()].sort().map((description) => ({ content: description, id: unique.get(description) }))
}

type PlaceIds = RelationIds['locations'][number]

function locations(record: ServiceRecord): Array<{ content: LocationContent; ids: PlaceIds }> {
  return record.service_at_locations
    .flatMap(({ id, location_id, location }) => {
      if (!location) return []
      const address = [...location.addresses, ...location.physical_addresses][0]
      const lines = [lineText(address?.address_1), lineText(address?.address_2)].filter(Boolean)
      const lat = location.latitude
      const lng = location.longitude
      // The official example's 100, 101 is no place on Earth; 0, 0 is the usual "unknown".
      const placed = lat !== undefined && lng !== undefined && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && !(lat === 0 && lng === 0)
      const note = blockText(location.description)
      const entry: LocationContent = {
        name: lineText(location.name) ?? null,
        address: lines.join('\n') || null,
        town: lineText(address?.city) ?? null,
        postcode: postcodeText(address?.postal_code) ?? null,
        lat: placed ? lat : null,
        lng: placed ? lng : null,
        ...(note ? { note } : {}),
      }
      // A place with nothing to find it by (no address, postcode, position, name or note) tells a family nothing.
      const findable = entry.address || entry.postcode || entry.lat !== null || entry.name || entry.note
      return findable ? [{ content: entry, ids: { link: id, location: location.id ?? location_id } }] : []
    })
    .sort((a, b) => locationOrder(a.content, b.content))
}

/** A council's area as this API writes it: its ONS code at the end of a statistics.data.gov.uk address. */
const ONS_AREA = /^https?:\/\/statistics\.data\.gov\.uk\/id\/statistical-geography\/([EWSN]\d{8})\/?$/i

/** The councils the record's service areas name by ONS code; areas described only in words name none. */
function councilsServed(record: ServiceRecord): CouncilArea[] {
  const councils = new Map<string, string>()
  for (const area of record.service_areas) {
    const code = ONS_AREA.exec(area.uri?.trim() ?? '')?.[1]?.toUpperCase()
    if (code && !councils.has(code)) councils.set(code, lineText(area.name) ?? code)
  }
  return [...councils].map(([code, name]) => ({ code, name }))
}

interface OwnTerms {
  needs: string[]
  providerType: ProviderType | undefined
  provisionLevel: ProvisionLevel | undefined
}

/**
 * What the record says in the terms this API publishes (their ids are the same on every install),
 * read exactly; every other attribute's names are left to needsFromTermNames. A broad area given
 * with a specific need under it is implied by that need (this API writes "Communication and
 * interaction" beside every "Autism"), so only the need is kept. Age bands follow from the ages.
 */
function ownTerms(record: ServiceRecord): { own: OwnTerms; otherAttributes: ServiceRecord['attributes'] } {
  const needs = new Set<string>()
  let providerType: ProviderType | undefined
  let provisionLevel: ProvisionLevel | undefined
  const otherAttributes: ServiceRecord['attributes'] = []
  for (const attribute of record.attributes) {
    const id = attribute.taxonomy_term_id ?? attribute.taxonomy_term?.id
    const term = id ? findTerm(id) : undefined
    if (!term) otherAttributes.push(attribute)
    else if (term.vocabulary === 'send-needs') needs.add(term.code)
    else if (term.vocabulary === 'provider-type' && isOneOf(PROVIDER_TYPES, term.code)) providerType ??= term.code
    else if (term.vocabulary === 'provision-level' && isOneOf(PROVISION_LEVELS, term.code)) provisionLevel ??= term.code
  }
  const implied = new Set([...needs].flatMap((code) => needWithArea(code).filter((area) => area !== code)))
  return { own: { needs: [...needs].filter((code) => !implied.has(code)), providerType, provisionLevel }, otherAttributes }
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value)
}

function termNames(record: ServiceRecord, attributes: ServiceRecord['attributes']): string[] {
  return [
    ...attributes.flatMap((attribute) => [attribute.taxonomy_term?.name, attribute.taxonomy_term?.term]),
    ...record.service_taxonomys.map((entry) => entry.taxonomy?.name),
    ...record.pc_targetAudience.map((entry) => entry.audienceType),
  ].filter((name): name is string => Boolean(name?.trim()))
}

function organisationOf(record: ServiceRecord, context: MappingContext): MappedOrganisation | undefined {
  const given = record.organization
  const name = lineText(given?.name)
  if (!name) return undefined
  const id = given?.id ?? record.organization_id
  return {
    sourceId: id ? String(id) : `name:${name.toLowerCase()}`,
    content: {
      name,
      description: blockText(given?.description) ?? null,
      url: webAddress(given?.website ?? given?.url) ?? null,
      email: emailAddress(given?.email) ?? null,
      councilCodes: [...context.councilCodes].sort(),
    },
  }
}

export function mapService(record: ServiceRecord, context: MappingContext): MapResult {
  const name = lineText(record.name)
  if (!name) return { ok: false, reason: 'name is missing (empty once its markup is removed)' }
  const organisation = organisationOf(record, context)
  if (!organisation) return { ok: false, reason: 'organization.name is missing: the service has no provider to list it under' }
  const notes: string[] = []
  const url = webAddress(record.url)
  if (record.url && !url) notes.push('url is not an http(s) address and was left out')
  const email = emailAddress(record.email)
  if (record.email && !email) notes.push('email is not an email address and was left out')
  const { own, otherAttributes } = ownTerms(record)
  const named = needsFromTermNames(termNames(record, otherAttributes))
  // application_process is HSDS's how-to-access text, paragraphs and all; attending_access is 1.0's one line.
  const howToAccess = [blockText(record.application_process), lineText(record.attending_access), blockText(record.pc_attendingAccess_additionalInfo)].filter(Boolean).join('\n\n')
  const eligibility = blockText(record.eligibility_description) ?? blockText(record.eligibilitys.find((entry) => entry.eligibility)?.eligibility)
  const serviceContacts = contacts(record)
  const serviceSchedules = schedules(record)
  const places = locations(record)
  const councils = councilsServed(record)
  return {
    ok: true,
    service: {
      sourceId: String(record.id),
      organisation,
      notes,
      unmatchedTerms: named.unmatched,
      ids: {
        contacts: serviceContacts.map((contact) => contact.id),
        schedules: serviceSchedules.map((schedule) => schedule.id),
        locations: places.map((place) => place.ids),
      },
      councils,
      content: {
        name,
        description: blockText(record.description) ?? '',
        url: url ?? null,
        email: email ?? null,
        phone: record.phones.map((entry) => phoneNumber(entry.number)).find(Boolean) ?? null,
        status: serviceStatus(record.status),
        helpKind: helpKindOf(record, context.classification.helpKind),
        providerType: own.providerType ?? context.classification.providerType,
        provisionLevel: own.provisionLevel ?? context.classification.provisionLevel,
        ...ages(record, notes),
        eligibility: eligibility ?? null,
        howToAccess: howToAccess || null,
        ...cost(record),
        lastReviewed: isoDate(record.assured_date),
        needs: [...new Set([...own.needs, ...named.needs])].sort(),
        // The record's own areas where it names councils; the source's council otherwise.
        councilCodes: (councils.length > 0 ? councils.map((council) => council.code) : [...context.councilCodes]).sort(),
        contacts: serviceContacts.map((contact) => contact.content),
        schedules: serviceSchedules.map((schedule) => schedule.content),
        locations: places.map((place) => place.content),
      },
    },
  }
}

/** "2024-12-10" or an ISO timestamp, as YYYY-MM-DD; anything else is left out. */
function isoDate(value: string | undefined): string | null {
  const match = value ? /^(\d{4}-\d{2}-\d{2})/.exec(value.trim()) : null
  return match?.[1] && !Number.isNaN(Date.parse(match[1])) ? match[1] : null
}

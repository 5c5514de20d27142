// One checked ORUK service record (shapes.ts) to the content we store (content.ts): the inverse of
// src/api/oruk/mapping.ts. Pure. What the feed does not say is left empty, never guessed, except
// the three classifications every listing must have (kind of help, provider type, level), which
// come from the source's defaults unless the record's deliverable_type says which kind of help.
import { HELP_KINDS, PROVIDER_TYPES, PROVISION_LEVELS, type HelpKind, type ProviderType, type ProvisionLevel } from '../../domain/model.js'
import { needsFromTermNames } from './needs.js'
import type { ServiceRecord } from './shapes.js'
import { sortLocations, type ContactContent, type LocationContent, type OrganisationContent, type ServiceContent, type ServiceStatus } from './content.js'
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

export interface MappedService {
  sourceId: string
  organisation: MappedOrganisation
  /** Everything but organisationId, which is known once the organisation is stored. */
  content: Omit<ServiceContent, 'organisationId'>
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

function cost(record: ServiceRecord): { isFree: boolean | null; costDescription: string | null } {
  const fees = blockText(record.fees)
  const options = record.cost_options.filter((option) => option.amount !== undefined || option.option)
  const described = options.map((option) =>
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

function contacts(record: ServiceRecord): ContactContent[] {
  return record.contacts.flatMap((contact) => {
    const name = lineText(contact.name)
    const title = lineText(contact.title)
    const phone = contact.phones.map((entry) => phoneNumber(entry.number)).find(Boolean) ?? null
    const email = emailAddress(contact.email) ?? null
    const label = name ?? title
    // A contact with nothing to reach it by, and no name, tells a family nothing.
    if (!label && !phone && !email) return []
    return [{ name: label ?? 'Contact', phone, email, url: null, notes: name && title ? title : null }]
  })
}

function locations(record: ServiceRecord): LocationContent[] {
  return sortLocations(
    record.service_at_locations.flatMap(({ location }) => {
      if (!location) return []
      const address = [...location.addresses, ...location.physical_addresses][0]
      const lines = [lineText(address?.address_1), lineText(address?.address_2)].filter(Boolean)
      const lat = location.latitude
      const lng = location.longitude
      // The official example's 100, 101 is no place on Earth; 0, 0 is the usual "unknown".
      const placed = lat !== undefined && lng !== undefined && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && !(lat === 0 && lng === 0)
      const entry: LocationContent = {
        name: lineText(location.name) ?? null,
        address: lines.join('\n') || null,
        town: lineText(address?.city) ?? null,
        postcode: postcodeText(address?.postal_code) ?? null,
        lat: placed ? lat : null,
        lng: placed ? lng : null,
      }
      return entry.address || entry.postcode || entry.lat !== null ? [entry] : []
    }),
  )
}

function termNames(record: ServiceRecord): string[] {
  return [
    ...record.attributes.flatMap((attribute) => [attribute.taxonomy_term?.name, attribute.taxonomy_term?.term]),
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
  const { needs, unmatched } = needsFromTermNames(termNames(record))
  const howToAccess = [lineText(record.application_process), lineText(record.attending_access), blockText(record.pc_attendingAccess_additionalInfo)].filter(Boolean).join('\n\n')
  const eligibility = blockText(record.eligibility_description) ?? blockText(record.eligibilitys.find((entry) => entry.eligibility)?.eligibility)
  const schedules = [...record.schedules, ...record.regular_schedules].map((entry) => blockText(entry.description)).filter((entry): entry is string => Boolean(entry))
  return {
    ok: true,
    service: {
      sourceId: String(record.id),
      organisation,
      notes,
      unmatchedTerms: unmatched,
      content: {
        name,
        description: blockText(record.description) ?? '',
        url: url ?? null,
        email: email ?? null,
        phone: record.phones.map((entry) => phoneNumber(entry.number)).find(Boolean) ?? null,
        status: serviceStatus(record.status),
        helpKind: helpKindOf(record, context.classification.helpKind),
        providerType: context.classification.providerType,
        provisionLevel: context.classification.provisionLevel,
        ...ages(record, notes),
        eligibility: eligibility ?? null,
        howToAccess: howToAccess || null,
        ...cost(record),
        lastReviewed: isoDate(record.assured_date),
        needs,
        councilCodes: [...context.councilCodes].sort(),
        contacts: contacts(record),
        schedules: [...new Set(schedules)].sort(),
        locations: locations(record),
      },
    },
  }
}

/** "2024-12-10" or an ISO timestamp, as YYYY-MM-DD; anything else is left out. */
function isoDate(value: string | undefined): string | null {
  const match = value ? /^(\d{4}-\d{2}-\d{2})/.exec(value.trim()) : null
  return match?.[1] && !Number.isNaN(Date.parse(match[1])) ? match[1] : null
}

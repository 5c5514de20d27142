// Store rows to ORUK 3.0 records. Pure: the routes read the rows (queries.ts) and pass them in.
// Ids of records the store has no row for (attributes, service areas, phones, identifiers, cost
// options) are name-based UUIDs of what they belong to, so they are the same on every request.
import { stableUuid } from '../../db/ids.js'
import type { ContactRow, LocationRow, ServiceRow } from '../../db/schema.js'
import { translator } from '../../web/i18n/index.js'
import type { OrganisationRecord, ServiceAtLocationLink, ServiceRelations } from './queries.js'
import { findTaxonomy, needTerms, serviceTerms, type PublishedTaxonomy, type PublishedTerm } from './taxonomies.js'
import type {
  OrukAddress,
  OrukAttribute,
  OrukContact,
  OrukLocation,
  OrukOrganization,
  OrukService,
  OrukServiceArea,
  OrukServiceAtLocation,
  OrukStatus,
  OrukTaxonomy,
  OrukTaxonomyTerm,
} from './types.js'
import { asDateTime, asEmail, asNumber, asText, asUri } from './values.js'

const t = translator('en')

/** Where this API is, for the addresses records give of themselves. */
export interface Links {
  /** Scheme, host and port, no trailing slash: https://localoffer.example.gov.uk */
  origin: string
}

export const API_PREFIX = '/api/oruk'

export function apiUrl(links: Links, path: string): string {
  return `${links.origin}${API_PREFIX}${path}`
}

const STATUSES: readonly OrukStatus[] = ['active', 'inactive', 'defunct', 'temporarily closed']
/** ONS geography codes (E08000025) have a linked-data address; GIAS LA codes do not. */
const ONS_CODE = /^[EWSN]\d{8}$/

// ---- taxonomies -----------------------------------------------------------------------------

export function toTerm(term: PublishedTerm, links: Links): OrukTaxonomyTerm {
  return {
    id: term.id,
    name: term.name,
    description: term.description,
    parent_id: term.parentId,
    taxonomy: findTaxonomy(term.taxonomyId)?.name ?? term.vocabulary,
    taxonomy_id: term.taxonomyId,
    term_uri: apiUrl(links, `/taxonomy_terms/${term.id}`),
    term: term.code,
  }
}

export function toTaxonomy(taxonomy: PublishedTaxonomy, links: Links): OrukTaxonomy {
  return {
    id: taxonomy.id,
    name: taxonomy.name,
    description: taxonomy.description,
    uri: apiUrl(links, `/taxonomies/${taxonomy.id}`),
    taxonomy_terms: taxonomy.terms.map((term) => toTerm(term, links)),
  }
}

function toAttributes(linkId: string, linkType: OrukAttribute['link_type'], terms: PublishedTerm[], links: Links): OrukAttribute[] {
  return terms.map((term) => ({
    id: stableUuid(`local-offer:attribute:${linkId}:${term.id}`),
    link_id: linkId,
    link_type: linkType,
    taxonomy_term_id: term.id,
    taxonomy_term: toTerm(term, links),
  }))
}

// ---- organisations --------------------------------------------------------------------------

export function toOrganization(row: OrganisationRecord, links: Links): OrukOrganization {
  return {
    id: row.id,
    name: row.name,
    // Required by the schema; schools from the register come without one.
    description: row.description ?? '',
    email: asEmail(row.email),
    website: asUri(row.url),
    uri: row.school_id ? `${links.origin}/schools/${row.id}` : undefined,
  }
}

/** With its register number (a school's URN) and, for a school, the needs its register entry lists. */
export function toFullOrganization(row: OrganisationRecord, needs: readonly string[], links: Links): OrukOrganization {
  return {
    ...toOrganization(row, links),
    organization_identifiers: row.urn
      ? [
          {
            id: stableUuid(`local-offer:organization-identifier:${row.id}:urn`),
            organization_id: row.id,
            // org-id.guide's scheme for the Department for Education's establishment numbers.
            identifier_scheme: 'GB-EDU',
            identifier_type: 'URN',
            identifier: row.urn,
          },
        ]
      : [],
    attributes: toAttributes(row.id, 'organization', needTerms(needs), links),
  }
}

// ---- locations ------------------------------------------------------------------------------

function toAddress(location: LocationRow): OrukAddress | undefined {
  const lines = (location.address ?? '').split('\n').map((line) => line.trim()).filter(Boolean)
  const postcode = asText(location.postcode)
  // address_1, city and postal_code are required: a part-address is described, not published as one.
  if (lines.length === 0 || !postcode) return undefined
  return {
    id: stableUuid(`local-offer:address:${location.id}`),
    location_id: location.id,
    address_1: lines.join(', '),
    city: asText(location.town) ?? '',
    // Required by the schema; English addresses have no state or province.
    state_province: '',
    postal_code: postcode,
    country: 'GB',
    address_type: 'physical',
  }
}

export function toLocation(location: LocationRow, full: boolean): OrukLocation {
  const address = full ? toAddress(location) : undefined
  return {
    id: location.id,
    location_type: 'physical',
    name: asText(location.name),
    description: asText(location.address_note),
    latitude: asNumber(location.lat),
    longitude: asNumber(location.lng),
    ...(full ? { addresses: address ? [address] : [] } : {}),
  }
}

// ---- services -------------------------------------------------------------------------------

function status(value: string): OrukStatus {
  // An unknown status is not claimed to be open.
  return STATUSES.find((known) => known === value) ?? 'inactive'
}

/** Just enough to tell what changed: id and last_modified, with the two fields the list schema requires. */
export function toMinimalService(row: ServiceRow): OrukService {
  return { id: row.id, name: row.name, status: status(row.status), last_modified: asDateTime(row.updated_at) }
}

/** The service's one-to-one fields, and its organisation's. */
export function toService(row: ServiceRow, organisation: OrganisationRecord | undefined, links: Links): OrukService {
  return {
    id: row.id,
    organization_id: row.organisation_id,
    name: row.name,
    description: row.description,
    url: asUri(row.url),
    email: asEmail(row.email),
    status: status(row.status),
    fees: asText(row.cost_description),
    minimum_age: asNumber(row.min_age),
    maximum_age: asNumber(row.max_age),
    assured_date: asText(row.last_reviewed),
    last_modified: asDateTime(row.updated_at),
    eligibility_description: asText(row.eligibility),
    application_process: asText(row.how_to_access),
    organization: organisation ? toOrganization(organisation, links) : undefined,
  }
}

function toContact(contact: ContactRow): OrukContact {
  const phone = asText(contact.phone)
  return {
    id: contact.id,
    service_id: contact.subject_id,
    name: contact.name,
    email: asEmail(contact.email),
    phones: phone ? [{ id: stableUuid(`local-offer:phone:${contact.id}`), contact_id: contact.id, number: phone }] : [],
  }
}

function toServiceArea(serviceId: string, code: string, councilNames: ReadonlyMap<string, string>): OrukServiceArea {
  const name = councilNames.get(code) ?? code
  return {
    id: stableUuid(`local-offer:service-area:${serviceId}:${code}`),
    service_id: serviceId,
    name,
    service_area: t('api.serviceArea', { name }),
    uri: ONS_CODE.test(code) ? `http://statistics.data.gov.uk/id/statistical-geography/${code}` : undefined,
  }
}

export interface FullServiceContext {
  relations: ServiceRelations
  councilNames: ReadonlyMap<string, string>
}

/** Fully nested: places, contacts, schedules, areas served, costs, and its taxonomy terms as attributes. */
export function toFullService(row: ServiceRow, organisation: OrganisationRecord | undefined, links: Links, { relations, councilNames }: FullServiceContext): OrukService {
  const needs = relations.needs.get(row.id) ?? []
  const phone = asText(row.phone)
  return {
    ...toService(row, organisation, links),
    phones: phone ? [{ id: stableUuid(`local-offer:phone:${row.id}`), service_id: row.id, number: phone }] : [],
    service_at_locations: (relations.places.get(row.id) ?? []).map(({ linkId, location }) => ({
      id: linkId,
      service_id: row.id,
      location_id: location.id,
      location: toLocation(location, true),
    })),
    schedules: (relations.schedules.get(row.id) ?? []).map((schedule) => ({ id: schedule.id, service_id: row.id, description: schedule.description })),
    service_areas: (relations.areas.get(row.id) ?? []).map((code) => toServiceArea(row.id, code, councilNames)),
    contacts: (relations.contacts.get(row.id) ?? []).map(toContact),
    cost_options:
      row.is_free === 1 ? [{ id: stableUuid(`local-offer:cost-option:${row.id}:free`), service_id: row.id, option: t('api.free'), amount: 0 }] : [],
    languages: [],
    funding: [],
    attributes: toAttributes(row.id, 'service', serviceTerms({ ...row, needs }), links),
  }
}

// ---- services at locations ------------------------------------------------------------------

export function toServiceAtLocation(
  link: ServiceAtLocationLink,
  location: LocationRow | undefined,
  service: OrukService | undefined,
  full: boolean,
): OrukServiceAtLocation {
  return {
    id: link.id,
    service_id: link.service_id,
    location_id: link.location_id,
    location: location ? toLocation(location, full) : undefined,
    service,
  }
}

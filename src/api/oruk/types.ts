// The ORUK 3.0 records the API writes: the fields of data/oruk/3.0/schema/*.json that this Local
// Offer can fill. Absent values are left undefined (and so left out of the JSON), never null:
// the schemas type every field as a string or number.

export interface OrukTaxonomyTerm {
  id: string
  name: string
  description: string
  parent_id?: string | undefined
  taxonomy: string
  taxonomy_id: string
  term_uri?: string | undefined
  term: string
}

export interface OrukTaxonomy {
  id: string
  name: string
  description: string
  uri?: string | undefined
  version?: string | undefined
  taxonomy_terms?: OrukTaxonomyTerm[] | undefined
}

export interface OrukAttribute {
  id: string
  link_id: string
  link_type: 'service' | 'organization'
  taxonomy_term_id: string
  taxonomy_term: OrukTaxonomyTerm
}

export interface OrukOrganizationIdentifier {
  id: string
  organization_id: string
  identifier_scheme: string
  identifier_type: string
  identifier: string
}

export interface OrukOrganization {
  id: string
  name: string
  description: string
  email?: string | undefined
  website?: string | undefined
  uri?: string | undefined
  organization_identifiers?: OrukOrganizationIdentifier[] | undefined
  attributes?: OrukAttribute[] | undefined
  /** Not in the UK profile's organization.json: what the openapi.json's organisation endpoints promise. */
  services?: OrukService[] | undefined
}

export interface OrukAddress {
  id: string
  location_id: string
  address_1: string
  city: string
  state_province: string
  postal_code: string
  country: string
  address_type: 'physical'
}

export interface OrukLocation {
  id: string
  location_type: 'physical'
  name?: string | undefined
  description?: string | undefined
  latitude?: number | undefined
  longitude?: number | undefined
  addresses?: OrukAddress[] | undefined
}

export interface OrukServiceAtLocation {
  id: string
  service_id: string
  location_id: string
  location?: OrukLocation | undefined
  service?: OrukService | undefined
}

export interface OrukPhone {
  id: string
  /** One of these: whose number it is. */
  contact_id?: string | undefined
  service_id?: string | undefined
  number: string
}

export interface OrukContact {
  id: string
  service_id: string
  name: string
  /** HSDS 3.0 fields the UK profile leaves out. */
  email?: string | undefined
  phones?: OrukPhone[] | undefined
}

export interface OrukSchedule {
  id: string
  service_id: string
  description: string
}

export interface OrukServiceArea {
  id: string
  service_id: string
  name: string
  service_area: string
  uri?: string | undefined
}

export interface OrukCostOption {
  id: string
  service_id: string
  option: string
  amount: number
  amount_description?: string | undefined
}

export type OrukStatus = 'active' | 'inactive' | 'defunct' | 'temporarily closed'

export interface OrukService {
  id: string
  organization_id?: string | undefined
  name: string
  description?: string | undefined
  url?: string | undefined
  email?: string | undefined
  status: OrukStatus
  fees?: string | undefined
  minimum_age?: number | undefined
  maximum_age?: number | undefined
  assured_date?: string | undefined
  last_modified?: string | undefined
  /** HSDS 3.0 fields the UK profile leaves out: who the service is for, and how to get it. */
  eligibility_description?: string | undefined
  application_process?: string | undefined
  phones?: OrukPhone[] | undefined
  organization?: OrukOrganization | undefined
  service_at_locations?: OrukServiceAtLocation[] | undefined
  schedules?: OrukSchedule[] | undefined
  service_areas?: OrukServiceArea[] | undefined
  contacts?: OrukContact[] | undefined
  cost_options?: OrukCostOption[] | undefined
  languages?: never[] | undefined
  funding?: never[] | undefined
  attributes?: OrukAttribute[] | undefined
}

export interface OrukApiDetails {
  version: string
  profile: string
  openapi_url: string
}

// What the importer owns of a service or organisation, in one canonical shape, and its hash.
// The same shape is made from a feed record (mapping.ts) and from the stored rows (store.ts), so
// "does the stored record still say what we imported?" is one comparison of hashes.
import { createHash } from 'node:crypto'
import type { HelpKind, ProviderType, ProvisionLevel } from '../../domain/model.js'

export type ServiceStatus = 'active' | 'inactive' | 'withdrawn'

export interface ContactContent {
  name: string
  phone: string | null
  email: string | null
  url: string | null
  notes: string | null
}

export interface LocationContent {
  name: string | null
  /** Address lines, newline-separated. */
  address: string | null
  town: string | null
  postcode: string | null
  lat: number | null
  lng: number | null
  /** What the feed says of the place (its description), stored as the address note. Left out, not
   * null, when there is none, so records imported before it was read keep their hash. */
  note?: string
}

export interface ServiceContent {
  organisationId: string
  name: string
  description: string
  url: string | null
  email: string | null
  phone: string | null
  status: ServiceStatus
  helpKind: HelpKind
  providerType: ProviderType
  provisionLevel: ProvisionLevel
  minAge: number | null
  maxAge: number | null
  eligibility: string | null
  howToAccess: string | null
  isFree: boolean | null
  costDescription: string | null
  /** The feed's assured_date (YYYY-MM-DD): when its publisher last checked the record. */
  lastReviewed: string | null
  /** Sorted need codes. */
  needs: string[]
  /** Sorted ONS codes. */
  councilCodes: string[]
  contacts: ContactContent[]
  schedules: string[]
  locations: LocationContent[]
}

export interface OrganisationContent {
  name: string
  description: string | null
  url: string | null
  email: string | null
  councilCodes: string[]
}

/** SHA-256 of the content as JSON; key order is fixed by the types' construction. */
export function contentHash(content: ServiceContent | OrganisationContent): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex')
}

/** The fixed order of a service's locations, so the stored rows' order does not change the hash. */
export function locationOrder(a: LocationContent, b: LocationContent): number {
  return JSON.stringify(a).localeCompare(JSON.stringify(b))
}

export function sortLocations(locations: LocationContent[]): LocationContent[] {
  return [...locations].sort(locationOrder)
}

import type { AgeBandId, HelpKind, ProviderType, ProvisionLevel } from '../domain/model.js'
import type { PostcodeLocation } from '../geo/postcodes.js'
import type { ParsedQuery } from './query.js'

export const SORTS = ['relevance', 'distance'] as const
export type Sort = (typeof SORTS)[number]
export const RADII_MILES = [1, 3, 5, 10, 25] as const

export interface SearchFilters {
  needs: string[]
  ages: AgeBandId[]
  providerTypes: ProviderType[]
  levels: ProvisionLevel[]
  helpKinds: HelpKind[]
  freeOnly: boolean
}

export interface SearchRequest extends SearchFilters {
  q: string
  /** As typed; checked by the service. */
  postcode?: string
  radiusMiles?: number
  sort: Sort
  page: number
  perPage: number
}

export interface SearchHit {
  subjectId: string
  kind: 'service' | 'school'
  name: string
  organisationName: string | null
  summary: string
  helpKind: string
  providerType: string
  provisionLevel: string
  minAge: number | null
  maxAge: number | null
  isFree: boolean | null
  councilCodes: string[]
  lastReviewed: string | null
  /** Kilometres from the searched postcode, when there was one and the record has a place. */
  distanceKm?: number
}

/** How many results each filter value would give, alongside the others chosen. */
export interface Facets {
  needs: Record<string, number>
  ages: Record<string, number>
  providerTypes: Record<string, number>
  levels: Record<string, number>
  helpKinds: Record<string, number>
  free: number
}

export interface SearchResponse {
  request: SearchRequest
  query: ParsedQuery
  location?: PostcodeLocation
  /** A message for the family when the postcode could not be used. */
  locationError?: string
  total: number
  page: number
  pages: number
  hits: SearchHit[]
  facets: Facets
  sort: Sort
}

/** The plan an engine runs: words already understood, location already found. */
export interface EngineQuery {
  query: ParsedQuery
  filters: SearchFilters
  location?: { lat: number; lng: number; radiusKm?: number }
  sort: Sort
  limit: number
  offset: number
}

export interface EngineResult {
  total: number
  hits: Array<Omit<SearchHit, 'distanceKm'> & { lat: number | null; lng: number | null }>
  facets: Facets
}

export interface SearchEngine {
  search(plan: EngineQuery): Promise<EngineResult>
  /** The same page of results straight from the store, without query understanding, counts or shaping: the benchmark's floor. */
  bare(plan: EngineQuery): Promise<number>
}

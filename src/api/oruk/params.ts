// Query parameters: each endpoint names the ones it accepts, and anything else, repeated or
// malformed is refused with a 400 that names the parameter, rather than silently ignored.
import { parsePostcode } from '../../domain/postcode.js'
import type { PostcodeLookup } from '../../geo/postcodes.js'
import { invalidParameter } from './errors.js'
import { isUuid } from '../../db/ids.js'

export const DEFAULT_PER_PAGE = 50
export const MAX_PER_PAGE = 500
/** minimal=true rows are small, and the standard asks for "all services within one page". */
export const MAX_MINIMAL_PER_PAGE = 10_000
export const MAX_SEARCH_LENGTH = 200
/** Metres. Distances are measured on a flat-earth approximation that stays close within this. */
export const MAX_PROXIMITY = 200_000

export const PARAMETER_NAMES = [
  'search',
  'page',
  'per_page',
  'format',
  'taxonomy_term_id',
  'taxonomy_id',
  'organization_id',
  'modified_after',
  'minimal',
  'full',
  'full_service',
  'top_only',
  'parent_id',
  'postcode',
  'proximity',
] as const
export type ParameterName = (typeof PARAMETER_NAMES)[number]

export interface Place {
  lat: number
  lng: number
  /** ONS code of the council the postcode is in, when the lookup knows the full postcode. */
  councilCode: string | undefined
}

export interface ListParameters {
  words: string[]
  page: number
  perPage: number
  format: 'json' | 'ndjson'
  taxonomyTermId: string | undefined
  taxonomyId: string | undefined
  organizationId: string | undefined
  /** ISO 8601 in UTC with milliseconds, as the store writes updated_at, so text order is time order. */
  modifiedAfter: string | undefined
  minimal: boolean
  full: boolean
  fullService: boolean
  topOnly: boolean
  parentId: string | undefined
  place: Place | undefined
  /** Kilometres; only with a place. */
  radiusKm: number | undefined
}

type Query = Record<string, string | string[] | undefined>

const WHOLE_NUMBER = /^\d{1,9}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
// RFC 3339 date-time: a time zone is required, so the instant is never a guess.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})$/
const METRES = /^\d{1,9}(\.\d{1,3})?$/

export { isUuid }

/** The value of a parameter given at most once; undefined when absent. */
function single(query: Query, name: ParameterName): string | undefined {
  const value = query[name]
  if (Array.isArray(value)) throw invalidParameter(name, `${name} was given more than once`)
  return value
}

function wholeNumber(query: Query, name: ParameterName, max: number): number | undefined {
  const value = single(query, name)
  if (value === undefined) return undefined
  const number = WHOLE_NUMBER.test(value) ? Number(value) : Number.NaN
  if (!(number >= 1 && number <= max)) throw invalidParameter(name, `${name} must be a whole number from 1 to ${max}`)
  return number
}

function flag(query: Query, name: ParameterName): boolean {
  const value = single(query, name)
  if (value === undefined) return false
  if (value === 'true') return true
  if (value === 'false') return false
  throw invalidParameter(name, `${name} must be true or false`)
}

function uuid(query: Query, name: ParameterName): string | undefined {
  const value = single(query, name)
  if (value === undefined) return undefined
  if (!isUuid(value)) throw invalidParameter(name, `${name} must be a UUID`)
  return value.toLowerCase()
}

function timestamp(query: Query, name: ParameterName): string | undefined {
  const value = single(query, name)
  if (value === undefined) return undefined
  const readable = DATE.test(value) || DATE_TIME.test(value)
  const time = readable ? Date.parse(DATE.test(value) ? `${value}T00:00:00Z` : value.toUpperCase().replace(' ', 'T')) : Number.NaN
  // Date.parse rolls 30 February over into March; a calendar date must read back as itself.
  const realDay = !Number.isNaN(time) && (!DATE.test(value) || new Date(time).toISOString().startsWith(value))
  if (!realDay) throw invalidParameter(name, `${name} must be a date (2025-01-31) or a date and time with a time zone (2025-01-31T09:00:00Z)`)
  return new Date(time).toISOString()
}

function searchWords(query: Query): string[] {
  const value = single(query, 'search')
  if (value === undefined) return []
  if (value.length > MAX_SEARCH_LENGTH) throw invalidParameter('search', `search must be ${MAX_SEARCH_LENGTH} characters or fewer`)
  return value.normalize('NFKC').toLowerCase().split(/\s+/u).filter(Boolean)
}

function place(query: Query, postcodes: PostcodeLookup): Place | undefined {
  const value = single(query, 'postcode')
  if (value === undefined) return undefined
  const parsed = parsePostcode(value)
  if (parsed.kind === 'invalid') throw invalidParameter('postcode', `postcode is not a UK postcode: ${parsed.reason}`)
  const key = parsed.kind === 'full' ? parsed.postcode : parsed.outcode
  const found = postcodes.find(key)
  if (!found) throw invalidParameter('postcode', `postcode ${key} is not known`)
  return { lat: found.lat, lng: found.lng, councilCode: found.precision === 'postcode' ? found.councilCode : undefined }
}

function radiusKm(query: Query, hasPlace: boolean): number | undefined {
  const value = single(query, 'proximity')
  if (value === undefined) return undefined
  const metres = METRES.test(value) ? Number(value) : Number.NaN
  if (!(metres > 0 && metres <= MAX_PROXIMITY)) throw invalidParameter('proximity', `proximity must be a number of metres, more than 0 and at most ${MAX_PROXIMITY}`)
  if (!hasPlace) throw invalidParameter('proximity', 'proximity needs a postcode to measure from')
  return metres / 1000
}

/**
 * Reads the query of a list or record endpoint. Parameters outside `allowed` are refused;
 * those allowed but absent take their defaults.
 */
export function readParameters(query: Query, allowed: readonly ParameterName[], postcodes: PostcodeLookup): ListParameters {
  for (const name of Object.keys(query)) {
    if (!(allowed as readonly string[]).includes(name)) {
      throw invalidParameter(name, allowed.length ? `${name} is not a parameter of this endpoint (it takes ${allowed.join(', ')})` : `${name} is not a parameter of this endpoint (it takes none)`)
    }
  }
  const format = single(query, 'format') ?? 'json'
  if (format !== 'json' && format !== 'ndjson') throw invalidParameter('format', 'format must be json or ndjson')
  const minimal = flag(query, 'minimal')
  const located = place(query, postcodes)
  return {
    words: searchWords(query),
    page: wholeNumber(query, 'page', 1_000_000) ?? 1,
    perPage: wholeNumber(query, 'per_page', minimal ? MAX_MINIMAL_PER_PAGE : MAX_PER_PAGE) ?? DEFAULT_PER_PAGE,
    format,
    taxonomyTermId: uuid(query, 'taxonomy_term_id'),
    taxonomyId: uuid(query, 'taxonomy_id'),
    organizationId: uuid(query, 'organization_id'),
    modifiedAfter: timestamp(query, 'modified_after'),
    minimal,
    full: flag(query, 'full'),
    fullService: flag(query, 'full_service'),
    topOnly: flag(query, 'top_only'),
    parentId: uuid(query, 'parent_id'),
    place: located,
    radiusKm: radiusKm(query, located !== undefined),
  }
}

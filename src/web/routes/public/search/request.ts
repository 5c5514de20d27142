// Turns /search's query string into a SearchRequest. Values that are not recognised are dropped
// and reported, so a mistyped bookmark still gives results and says what it ignored.
import { AGE_BANDS, HELP_KINDS, PROVIDER_TYPES, PROVISION_LEVELS, type AgeBandId, type HelpKind, type ProviderType, type ProvisionLevel } from '../../../../domain/model.js'
import { NEED_CODES } from '../../../../domain/needs.js'
import { RADII_MILES, SORTS, type SearchRequest, type Sort } from '../../../../search/types.js'

export const PER_PAGE = 20
export const MAX_QUERY_LENGTH = 200
const MAX_PAGE = 500

export const SEARCH_PARAMETERS = ['q', 'postcode', 'need', 'age', 'provider', 'level', 'kind', 'free', 'radius', 'sort', 'page'] as const

export interface ParsedSearchRequest {
  request: SearchRequest
  /** Parameter names whose values (or which themselves) were not recognised. */
  ignored: string[]
  queryTooLong: boolean
}

type Query = Record<string, string | string[] | undefined>

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return []
  return (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(',')).map((item) => item.trim()).filter(Boolean)
}

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? ''
}

export function parseSearchQuery(query: Query): ParsedSearchRequest {
  const ignored = new Set<string>(Object.keys(query).filter((name) => !(SEARCH_PARAMETERS as readonly string[]).includes(name)))
  function pick<T extends string>(name: string, allowed: readonly T[]): T[] {
    const values = list(query[name])
    const kept = values.filter((value): value is T => (allowed as readonly string[]).includes(value))
    if (kept.length !== values.length) ignored.add(name)
    return [...new Set(kept)]
  }
  const rawQ = single(query.q)
  const queryTooLong = rawQ.length > MAX_QUERY_LENGTH
  const radiusText = single(query.radius)
  const radius = Number(radiusText)
  const radiusMiles = (RADII_MILES as readonly number[]).includes(radius) ? radius : undefined
  if (radiusText && radiusMiles === undefined) ignored.add('radius')
  const sortText = single(query.sort)
  const sort: Sort = (SORTS as readonly string[]).includes(sortText) ? (sortText as Sort) : 'relevance'
  if (sortText && sort !== sortText) ignored.add('sort')
  const pageText = single(query.page)
  const page = /^\d{1,4}$/.test(pageText) ? Math.min(MAX_PAGE, Math.max(1, Number(pageText))) : 1
  if (pageText && !/^\d{1,4}$/.test(pageText)) ignored.add('page')
  const free = single(query.free)
  if (free && free !== '1') ignored.add('free')
  const postcode = single(query.postcode).slice(0, 20)
  return {
    request: {
      q: rawQ.slice(0, MAX_QUERY_LENGTH),
      ...(postcode ? { postcode } : {}),
      ...(radiusMiles ? { radiusMiles } : {}),
      needs: pick('need', NEED_CODES),
      ages: pick<AgeBandId>('age', AGE_BANDS.map((band) => band.id)),
      providerTypes: pick<ProviderType>('provider', PROVIDER_TYPES),
      levels: pick<ProvisionLevel>('level', PROVISION_LEVELS),
      helpKinds: pick<HelpKind>('kind', HELP_KINDS),
      freeOnly: free === '1',
      sort,
      page,
      perPage: PER_PAGE,
    },
    ignored: [...ignored].sort(),
    queryTooLong,
  }
}

/** The query string for a request, with some values changed: for pagination and filter links. */
export function searchHref(request: SearchRequest, changes: Partial<SearchRequest> = {}): string {
  const merged = { ...request, ...changes }
  const params = new URLSearchParams()
  if (merged.q) params.set('q', merged.q)
  if (merged.postcode) params.set('postcode', merged.postcode)
  if (merged.radiusMiles) params.set('radius', String(merged.radiusMiles))
  for (const need of merged.needs) params.append('need', need)
  for (const age of merged.ages) params.append('age', age)
  for (const type of merged.providerTypes) params.append('provider', type)
  for (const level of merged.levels) params.append('level', level)
  for (const kind of merged.helpKinds) params.append('kind', kind)
  if (merged.freeOnly) params.set('free', '1')
  if (merged.sort !== 'relevance') params.set('sort', merged.sort)
  if (merged.page > 1) params.set('page', String(merged.page))
  const text = params.toString()
  return text ? `/search?${text}` : '/search'
}

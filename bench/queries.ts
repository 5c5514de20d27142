// The benchmark's FIXED mix of searches, written as /search query strings so the in-process and
// HTTP measurements run exactly the same requests (both go through the route's own parser).
import { parseSearchQuery } from '../src/web/routes/public/search/request.js'
import type { SearchRequest } from '../src/search/types.js'

export interface BenchQuery {
  id: string
  kind: 'text' | 'text+filters' | 'text+postcode' | 'filters only' | 'postcode+filters'
  /** The query string after /search? */
  query: string
}

export const QUERIES: BenchQuery[] = [
  { id: 'autism', kind: 'text', query: 'q=autism' },
  { id: 'speech therapy', kind: 'text', query: 'q=speech+therapy' },
  { id: 'autisum (misspelt)', kind: 'text', query: 'q=autisum' },
  { id: 'dyslexia support', kind: 'text', query: 'q=dyslexia+support' },
  { id: 'short breaks', kind: 'text', query: 'q=short+breaks' },
  { id: 'camhs', kind: 'text', query: 'q=camhs' },
  { id: 'youth club', kind: 'text', query: 'q=youth+club' },
  { id: 'deaf', kind: 'text', query: 'q=deaf' },
  { id: 'sendiass', kind: 'text', query: 'q=sendiass' },
  { id: 'visual impairment, page 3', kind: 'text', query: 'q=visual+impairment&page=3' },
  { id: 'autism + need autism + age 5-11', kind: 'text+filters', query: 'q=autism&need=autism&age=5-11' },
  { id: 'SALT + health + free', kind: 'text+filters', query: 'q=speech+and+language+therapy&provider=health&free=1' },
  { id: 'short breaks + 12-16 + specialist + social care', kind: 'text+filters', query: 'q=short+breaks&age=12-16&level=specialist&kind=social_care' },
  { id: 'autism near DT1 1AA, 5 mi, by distance', kind: 'text+postcode', query: 'q=autism&postcode=DT1+1AA&radius=5&sort=distance' },
  { id: 'speech therapy near B15, 3 mi, by distance', kind: 'text+postcode', query: 'q=speech+therapy&postcode=B15&radius=3&sort=distance' },
  { id: 'sensory near M1, 10 mi', kind: 'text+postcode', query: 'q=sensory&postcode=M1&radius=10' },
  { id: '(no text) need adhd + 12-16 + free', kind: 'filters only', query: 'need=adhd&age=12-16&free=1' },
  { id: '(no text) near HG1 2AA, 10 mi, activities', kind: 'postcode+filters', query: 'postcode=HG1+2AA&radius=10&kind=activities&sort=distance' },
]

/** The request the /search route would build for this query string. */
export function requestFor(query: string): SearchRequest {
  const params = new URLSearchParams(query)
  const record: Record<string, string | string[]> = {}
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key)
    record[key] = values.length === 1 ? values[0]! : values
  }
  return parseSearchQuery(record).request
}

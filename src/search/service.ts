// The search families use: understand their words and postcode, run the engine, shape results.
import { sql } from 'kysely'
import { parsePostcode } from '../domain/postcode.js'
import type { Store } from '../db/connection.js'
import { haversineKm, milesToKm } from '../geo/distance.js'
import type { PostcodeLocation, PostcodeLookup } from '../geo/postcodes.js'
import { readIndexVersion } from './doc-values.js'
import { createSearchEngine } from './engine.js'
import { parseQuery, type ParsedQuery, type WordSource } from './query.js'
import type { EngineQuery, SearchEngine, SearchRequest, SearchResponse } from './types.js'

export interface SearchService {
  search(request: SearchRequest): Promise<SearchResponse>
  /** Understanding only (words and location), for the benchmark and the no-results page. */
  plan(request: SearchRequest): Promise<{ plan: EngineQuery; location?: PostcodeLocation; locationError?: string }>
  engine: SearchEngine
  /** Changes whenever the index does: a page built from a search is good while it stays the same. */
  indexVersion(): Promise<number>
}

const SIMILAR_LIMIT = 200

/** The store's own dictionary of indexed words, for spotting misspellings. */
export function storeWordSource(store: Store): WordSource {
  const { db } = store
  return {
    async known(words) {
      if (words.length === 0) return new Set()
      const rows = await db.selectFrom('search_words').select('word').where('word', 'in', words).execute()
      return new Set(rows.map((row) => row.word))
    },
    async similar(word) {
      if (store.kind === 'postgres') {
        // pg_trgm finds words sharing enough three-letter pieces, through its GIN index.
        const rows = await sql<{ word: string; doc_count: number }>`
          SELECT word, doc_count FROM search_words WHERE word % ${word}
          ORDER BY similarity(word, ${word}) DESC LIMIT ${SIMILAR_LIMIT}`.execute(db)
        return rows.rows.map((row) => ({ word: row.word, count: Number(row.doc_count) }))
      }
      // SQLite: same first letter and a similar length, through the primary key's order.
      const first = word.slice(0, 1)
      const rows = await db
        .selectFrom('search_words')
        .select(['word', 'doc_count'])
        .where('word', '>=', first)
        .where('word', '<', `${first}\uffff`)
        .where(sql<boolean>`length(word) BETWEEN ${word.length - 2} AND ${word.length + 2}`)
        .orderBy('doc_count', 'desc')
        .limit(SIMILAR_LIMIT)
        .execute()
      return rows.map((row) => ({ word: row.word, count: Number(row.doc_count) }))
    },
  }
}

export interface SearchMessages {
  invalidPostcode: string
  unknownPostcode: (postcode: string) => string
}

export function createSearchService(store: Store, postcodes: PostcodeLookup, messages: SearchMessages): SearchService {
  const engine = createSearchEngine(store)
  const words = storeWordSource(store)

  async function plan(request: SearchRequest) {
    const query: ParsedQuery = await parseQuery(request.q, words)
    let location: PostcodeLocation | undefined
    let locationError: string | undefined
    if (request.postcode?.trim()) {
      const parsed = parsePostcode(request.postcode)
      if (parsed.kind === 'invalid') {
        locationError = messages.invalidPostcode
      } else {
        location = postcodes.find(parsed.kind === 'full' ? parsed.postcode : parsed.outcode)
        if (!location) locationError = messages.unknownPostcode(parsed.kind === 'full' ? parsed.postcode : parsed.outcode)
      }
    }
    const sort = request.sort === 'distance' && location ? 'distance' : 'relevance'
    const enginePlan: EngineQuery = {
      query,
      filters: request,
      ...(location
        ? { location: { lat: location.lat, lng: location.lng, ...(request.radiusMiles ? { radiusKm: milesToKm(request.radiusMiles) } : {}) } }
        : {}),
      sort,
      limit: request.perPage,
      offset: (request.page - 1) * request.perPage,
    }
    return { plan: enginePlan, ...(location ? { location } : {}), ...(locationError ? { locationError } : {}) }
  }

  return {
    engine,
    plan,
    indexVersion: () => readIndexVersion(store),
    async search(request) {
      const planned = await plan(request)
      const result = await engine.search(planned.plan)
      const centre = planned.location
      return {
        request,
        query: planned.plan.query,
        ...(centre ? { location: centre } : {}),
        ...(planned.locationError ? { locationError: planned.locationError } : {}),
        total: result.total,
        page: request.page,
        pages: Math.max(1, Math.ceil(result.total / request.perPage)),
        sort: planned.plan.sort,
        facets: result.facets,
        hits: result.hits.map(({ lat, lng, ...hit }) => ({
          ...hit,
          ...(centre && lat !== null && lng !== null ? { distanceKm: haversineKm(centre, { lat, lng }) } : {}),
        })),
      }
    },
  }
}

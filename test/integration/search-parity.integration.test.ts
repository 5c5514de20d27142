// The same searches give the same results on SQLite and PostgreSQL: the same matches, counts
// and distance order (relevance order may differ in detail between bm25 and ts_rank).
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { SearchRequest } from '../../src/search/types.js'
import { buildTestApp, type TestApp } from '../support/app.js'

const QUERIES: Array<Partial<SearchRequest>> = [
  { q: 'autism' },
  { q: 'ASD' },
  { q: 'autisum' },
  { q: 'speech therapy' },
  { q: 'speech and language' },
  { q: 'dyslexsia' },
  { q: 'ADHD' },
  { q: 'hearing impairment' },
  { q: 'CAMHS' },
  { q: 'educational psychologist' },
  { q: 'parent partnership' },
  { q: 'schools' },
  { q: '"speech and language"' },
  { q: 'autism', providerTypes: ['health', 'education'], ages: ['5-11'] },
  { needs: ['semh'] },
  { helpKinds: ['advice'], freeOnly: true },
  { q: 'school', postcode: 'WC1A 1AA', sort: 'distance' },
  { postcode: 'SE18 5PW', radiusMiles: 10, sort: 'distance' },
]

function request(changes: Partial<SearchRequest>): SearchRequest {
  return { q: '', needs: [], ages: [], providerTypes: [], levels: [], helpKinds: [], freeOnly: false, sort: 'relevance', page: 1, perPage: 200, ...changes }
}

describe('search parity between SQLite and PostgreSQL', { skip: process.env.TEST_DATABASE_URL ? false : 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' }, () => {
  let sqlite: TestApp
  let postgres: TestApp
  before(async () => {
    ;[sqlite, postgres] = await Promise.all([buildTestApp('sqlite'), buildTestApp('postgres')])
  })
  after(async () => {
    await Promise.all([sqlite?.close(), postgres?.close()])
  })

  for (const query of QUERIES) {
    test(JSON.stringify(query), async () => {
      const [a, b] = await Promise.all([sqlite.services.search.search(request(query)), postgres.services.search.search(request(query))])
      assert.deepEqual(b.query, a.query, 'the words are understood the same way')
      assert.equal(b.total, a.total, 'totals')
      assert.deepEqual(b.facets, a.facets, 'counts per filter')
      const names = (hits: typeof a.hits) => hits.map((hit) => hit.name)
      if (query.sort === 'distance') assert.deepEqual(names(b.hits), names(a.hits), 'distance order')
      else assert.deepEqual(names(b.hits).sort(), names(a.hits).sort(), 'the same matches')
    })
  }
})

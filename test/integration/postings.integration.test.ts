// PostgreSQL's posting lists must find exactly what the tsvector finds, whether the entries are
// still recent or compacted into the lists, and after documents have been replaced.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import { tsqueryExpression } from '../../src/search/engine.js'
import { compactPostings, recentPostingCount } from '../../src/search/postings.js'
import { indexSubjects, rebuildSearchIndex } from '../../src/search/indexer.js'
import type { SearchRequest } from '../../src/search/types.js'
import { buildTestApp, type TestApp } from '../support/app.js'

const WORDS = ['autism', 'speech therapy', 'short breaks', 'dyslexia support', 'camhs', 'parent partnership', 'hearing', 'school', 'zzzqqq', 'the']

function request(q: string): SearchRequest {
  return { q, needs: [], ages: [], providerTypes: [], levels: [], helpKinds: [], freeOnly: false, sort: 'relevance', page: 1, perPage: 500 }
}

describe('posting lists [postgres]', { skip: process.env.TEST_DATABASE_URL ? false : 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' }, () => {
  let testApp: TestApp
  before(async () => {
    testApp = await buildTestApp('postgres')
  })
  after(async () => {
    await testApp.close()
  })

  /** Each search's matches, and the same query's matches by the tsvector itself. */
  async function compare(label: string) {
    const { db } = testApp.services.store
    for (const words of WORDS) {
      const { plan } = await testApp.services.search.plan(request(words))
      const expression = tsqueryExpression(plan.query)
      // No words left (stop words only): no text condition, every document.
      const expected = (
        await sql<{ subject_id: string }>`SELECT subject_id FROM search_documents WHERE ${expression ? sql`tsv @@ to_tsquery('english', ${expression})` : sql`true`}`.execute(db)
      ).rows.map((row) => row.subject_id)
      const result = await testApp.services.search.search(request(words))
      assert.equal(result.total, expected.length, `${label}: "${words}" total`)
      // A stop word matches every document: more than a page since the demo data holds North Lincolnshire's feed.
      const hits = [...result.hits]
      for (let page = 2; hits.length < result.total; page += 1) {
        const next = (await testApp.services.search.search({ ...request(words), page })).hits
        if (next.length === 0) break
        hits.push(...next)
      }
      assert.deepEqual(hits.map((hit) => hit.subjectId).sort(), expected.sort(), `${label}: "${words}" matches`)
      // Name over description: no match in the name comes after one found only elsewhere.
      const named = new Set(
        expression
          ? (await sql<{ subject_id: string }>`SELECT subject_id FROM search_documents WHERE name_tsv @@ to_tsquery('english', ${expression})`.execute(db)).rows.map((row) => row.subject_id)
          : [],
      )
      const tiers = hits.map((hit) => (named.has(hit.subjectId) ? 0 : 1))
      assert.deepEqual(tiers, [...tiers].sort(), `${label}: "${words}" names first`)
    }
  }

  test('the lists find what the tsvector finds: compacted (the demo data as loaded), then recent entries too', async () => {
    const { store } = testApp.services
    assert.equal(await recentPostingCount(store.db), 0, 'loading the demo data ends with a rebuild, which compacts')
    await compare('compacted')

    // A service renamed: its old doc_id stays in the compacted lists, but is no longer live.
    const target = (await testApp.services.search.search(request('autism'))).hits.find((hit) => hit.kind === 'service')!
    await store.db.updateTable('services').set({ name: 'Zebracorn club' }).where('id', '=', target.subjectId).execute()
    await indexSubjects(store, [target.subjectId])
    assert.ok((await recentPostingCount(store.db)) > 0)
    const found = await testApp.services.search.search(request('zebracorn'))
    assert.deepEqual(found.hits.map((hit) => hit.subjectId), [target.subjectId])
    await compare('compacted plus recent')

    await compactPostings(store.db)
    assert.equal(await recentPostingCount(store.db), 0)
    await compare('compacted again')

    await rebuildSearchIndex(store)
    assert.equal(await recentPostingCount(store.db), 0, 'a rebuild compacts')
    await compare('rebuilt')
  })
})

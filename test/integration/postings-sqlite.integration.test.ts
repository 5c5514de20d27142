// SQLite's posting lists, kept in memory, must find exactly what FTS5 finds: as first read, after a
// record is changed (only the newer entries are read), and after the whole index is rebuilt.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import { fts5Expression, wordTreeOf } from '../../src/search/engine.js'
import { indexSubjects, rebuildSearchIndex } from '../../src/search/indexer.js'
import type { SearchRequest } from '../../src/search/types.js'
import { buildTestApp, type TestApp } from '../support/app.js'

const WORDS = ['autism', 'speech therapy', 'short breaks', 'dyslexia support', 'camhs', 'parent partnership', 'hearing', 'school', 'zzzqqq', 'speech and language therapy']

function request(q: string): SearchRequest {
  return { q, needs: [], ages: [], providerTypes: [], levels: [], helpKinds: [], freeOnly: false, sort: 'relevance', page: 1, perPage: 500 }
}

describe('posting lists [sqlite]', () => {
  let testApp: TestApp
  before(async () => {
    testApp = await buildTestApp('sqlite')
  })
  after(async () => {
    await testApp.close()
  })

  async function allHits(words: string) {
    const first = await testApp.services.search.search(request(words))
    const hits = [...first.hits]
    for (let page = 2; hits.length < first.total; page += 1) {
      const next = (await testApp.services.search.search({ ...request(words), page })).hits
      if (next.length === 0) break
      hits.push(...next)
    }
    return { total: first.total, hits }
  }

  /** Each search's matches and tiers against FTS5's own MATCH on the same expression. */
  async function compare(label: string) {
    const { db } = testApp.services.store
    for (const words of WORDS) {
      const { plan } = await testApp.services.search.plan(request(words))
      assert.ok(wordTreeOf(plan.query), `"${words}" is answered from the lists, not by FTS5`)
      const expression = fts5Expression(plan.query)
      const matching = async (table: 'search_fts' | 'search_names') =>
        (
          await sql<{ subject_id: string }>`SELECT d.subject_id FROM ${sql.table(table)} JOIN search_documents d ON d.doc_id = ${sql.raw(table)}.rowid
            WHERE ${sql.table(table)} MATCH ${expression}`.execute(db)
        ).rows.map((row) => row.subject_id)
      const expected = await matching('search_fts')
      const { total, hits } = await allHits(words)
      assert.equal(total, expected.length, `${label}: "${words}" total`)
      assert.deepEqual(hits.map((hit) => hit.subjectId).sort(), expected.sort(), `${label}: "${words}" matches`)
      const named = new Set(await matching('search_names'))
      const tiers = hits.map((hit) => (named.has(hit.subjectId) ? 0 : 1))
      assert.deepEqual(tiers, [...tiers].sort(), `${label}: "${words}" names first`)
    }
  }

  test('the lists find what FTS5 finds: first read, after a change, after a rebuild', async () => {
    const { store } = testApp.services
    await compare('first read')

    // A service renamed: indexed again under a new doc_id, which the kept lists do not hold yet.
    const target = (await testApp.services.search.search(request('autism'))).hits.find((hit) => hit.kind === 'service')!
    await store.db.updateTable('services').set({ name: 'Zebracorn club' }).where('id', '=', target.subjectId).execute()
    await indexSubjects(store, [target.subjectId])
    const found = await testApp.services.search.search(request('zebracorn'))
    assert.deepEqual(found.hits.map((hit) => hit.subjectId), [target.subjectId])
    assert.ok(!(await allHits('autism')).hits.some((hit) => hit.subjectId === target.subjectId && hit.name !== 'Zebracorn club'), 'the old entry is gone')
    await compare('after a change')

    await rebuildSearchIndex(store)
    await compare('rebuilt')
  })

  test('a phrase of several words is still answered by FTS5, which knows the positions', async () => {
    const { plan } = await testApp.services.search.plan(request('"speech and language"'))
    assert.equal(wordTreeOf(plan.query), undefined)
    const result = await testApp.services.search.search(request('"speech and language"'))
    assert.ok(result.total > 0)
  })
})

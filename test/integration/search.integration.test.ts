// The search families rely on, checked on both stores with the real demo data.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { indexSubjects } from '../../src/search/indexer.js'
import type { SearchRequest } from '../../src/search/types.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { STORE_KINDS } from '../support/stores.js'

const postgres = Boolean(process.env.TEST_DATABASE_URL)
/** A name that says autism in so many words (the words the search vocabulary treats as autism). */
const AUTISM_IN_NAME = /\b(autism|autistic|asd|asc|aspergers?)\b/i

function request(changes: Partial<SearchRequest>): SearchRequest {
  return { q: '', needs: [], ages: [], providerTypes: [], levels: [], helpKinds: [], freeOnly: false, sort: 'relevance', page: 1, perPage: 50, ...changes }
}

for (const kind of STORE_KINDS) {
  describe(`search [${kind}]`, { skip: kind === 'postgres' && !postgres ? 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' : false }, () => {
    let testApp: TestApp
    before(async () => {
      testApp = await buildTestApp(kind)
    })
    after(async () => {
      await testApp.close()
    })
    const search = (changes: Partial<SearchRequest>) => testApp.services.search.search(request(changes))
    const names = async (changes: Partial<SearchRequest>) => (await search(changes)).hits.map((hit) => hit.name)

    for (const words of ['autism', 'ASD', 'autisum', 'asc', 'autistic']) {
      test(`"${words}" finds the Communication and Autism Team from the Cromwell report`, async () => {
        const found = await names({ q: words })
        assert.ok(found.some((name) => /Communication and Autism Team/.test(name)), `got: ${found.join(' | ')}`)
      })
    }

    test('a misspelling is corrected and the correction is reported', async () => {
      const result = await search({ q: 'autisum' })
      assert.deepEqual(result.query.corrections, [{ from: 'autisum', to: 'autism' }])
    })

    test('"speech therapy" finds speech and language services', async () => {
      const found = await names({ q: 'speech therapy' })
      assert.ok(found.length > 0)
      assert.ok(found.some((name) => /speech|language|SALT|SLT/i.test(name)), `got: ${found.join(' | ')}`)
    })

    test('"dyslexsia" is understood as dyslexia', async () => {
      const result = await search({ q: 'dyslexsia' })
      assert.ok(result.query.corrections.some((correction) => correction.to === 'dyslexia'))
    })

    test('the name weighs more than the description', async () => {
      const hits = (await search({ q: 'autism' })).hits
      // Whole words: North Lincolnshire's "Autistica" (a charity's name) is not the word autism.
      const firstWithoutName = hits.findIndex((hit) => !AUTISM_IN_NAME.test(hit.name))
      const lastWithName = hits.map((hit) => AUTISM_IN_NAME.test(hit.name)).lastIndexOf(true)
      assert.ok(firstWithoutName === -1 || lastWithName < firstWithoutName, hits.map((hit) => hit.name).join(' | '))
    })

    test('filters narrow the results and counts per filter match what each filter gives', async () => {
      const all = await search({})
      assert.ok(all.total > 20)
      for (const type of ['health', 'education', 'voluntary'] as const) {
        const expected = all.facets.providerTypes[type] ?? 0
        const filtered = await search({ providerTypes: [type] })
        assert.equal(filtered.total, expected, `provider ${type}`)
        assert.ok(filtered.hits.every((hit) => hit.providerType === type))
      }
      const free = await search({ freeOnly: true })
      assert.equal(free.total, all.facets.free)
      const under5 = await search({ ages: ['0-4'] })
      assert.equal(under5.total, all.facets.ages['0-4'])
      assert.ok(under5.hits.every((hit) => (hit.minAge ?? 0) <= 4))
    })

    test('a chosen filter still shows what its other values would add', async () => {
      const health = await search({ providerTypes: ['health'] })
      const all = await search({})
      assert.equal(health.facets.providerTypes.education, all.facets.providerTypes.education)
    })

    test('a broad area of need finds services tagged with a specific need under it', async () => {
      const found = await names({ needs: ['communication-interaction'] })
      assert.ok(found.some((name) => /Communication and Autism Team/.test(name)))
    })

    test('a postcode sorts by distance, nearest first, and says the precision', async () => {
      const result = await search({ q: 'school', postcode: 'WC1A 1AA', sort: 'distance' })
      assert.equal(result.location?.precision, 'postcode')
      assert.equal(result.sort, 'distance')
      const distances = result.hits.filter((hit) => hit.distanceKm !== undefined).map((hit) => hit.distanceKm!)
      assert.ok(distances.length >= 4, `only ${distances.length} results with a place`)
      assert.deepEqual(distances, [...distances].sort((a, b) => a - b))
    })

    test('a radius keeps only what is within it', async () => {
      const result = await search({ postcode: 'WC1A 1AA', radiusMiles: 5 })
      assert.ok(result.total > 0)
      assert.ok(result.hits.every((hit) => hit.distanceKm !== undefined && hit.distanceKm <= 5 * 1.609344 + 0.05))
    })

    test('a postcode outside the full-postcode areas falls back to its district centre', async () => {
      const result = await search({ postcode: 'B16 8TP', sort: 'distance' })
      assert.equal(result.location?.precision, 'outcode')
      assert.equal(result.location?.outcode, 'B16')
      assert.equal(result.locationError, undefined)
    })

    test('an invalid postcode gets a clear message and the search still runs', async () => {
      const result = await search({ q: 'autism', postcode: 'NOT A POSTCODE' })
      assert.match(result.locationError ?? '', /postcode/i)
      assert.ok(result.total > 0)
    })

    test('hostile text never breaks the query', async () => {
      for (const q of ['"', 'autism OR', 'NEAR(a b)', '*', "'; DROP TABLE services; --", 'a:b', '-autism', '\u0000\u0007', 'x'.repeat(5000)]) {
        const result = await search({ q: q.slice(0, 200) })
        assert.ok(result.total >= 0)
      }
      assert.ok((await search({})).total > 0, 'services still there')
    })

    test('by relevance, every match in a name comes before matches found only elsewhere, across pages', async () => {
      const all = await search({ q: 'autism', perPage: 1000 })
      const paged: string[] = []
      for (let page = 1; page <= Math.ceil(all.total / 3); page += 1) {
        paged.push(...(await search({ q: 'autism', perPage: 3, page })).hits.map((hit) => hit.name))
      }
      assert.equal(paged.length, all.total)
      assert.deepEqual(paged, all.hits.map((hit) => hit.name))
      const inName = paged.map((name) => AUTISM_IN_NAME.test(name))
      assert.ok(inName.indexOf(false) === -1 || inName.lastIndexOf(true) < inName.indexOf(false), paged.join(' | '))
    })

    test('an edit to the index reaches the next search: totals, counts and filters follow it', async () => {
      const { db } = testApp.services.store
      const before = await search({ q: 'autism', freeOnly: true })
      const target = (await search({ q: 'autism', perPage: 200 })).hits.find((hit) => hit.kind === 'service' && hit.isFree !== true)
      assert.ok(target, 'an autism service that is not marked free')
      await db.updateTable('services').set({ is_free: 1 }).where('id', '=', target.subjectId).execute()
      await indexSubjects(testApp.services.store, [target.subjectId])
      const after = await search({ q: 'autism', freeOnly: true })
      assert.equal(after.total, before.total + 1)
      assert.equal(after.facets.free, before.facets.free + 1)
      assert.ok((await search({ q: 'autism', freeOnly: true, perPage: 200 })).hits.some((hit) => hit.subjectId === target.subjectId))

      // Withdrawn: gone from text searches and from searches without text.
      const everything = await search({ perPage: 1 })
      await db.updateTable('services').set({ status: 'withdrawn' }).where('id', '=', target.subjectId).execute()
      await indexSubjects(testApp.services.store, [target.subjectId])
      assert.equal((await search({ perPage: 1 })).total, everything.total - 1)
      assert.equal((await search({ q: 'autism', freeOnly: true })).total, before.total)
      await db.updateTable('services').set({ status: 'active', is_free: target.isFree === false ? 0 : null }).where('id', '=', target.subjectId).execute()
      await indexSubjects(testApp.services.store, [target.subjectId])
      assert.equal((await search({ q: 'autism', freeOnly: true })).total, before.total)
    })

    test('nothing matching gives no results, not an error', async () => {
      const result = await search({ q: 'zzzzqqqxxyy' })
      assert.equal(result.total, 0)
    })

    test('pagination pages through every result once', async () => {
      const all = await search({ perPage: 1000 })
      const seen: string[] = []
      for (let page = 1; page <= Math.ceil(all.total / 7); page += 1) {
        seen.push(...(await search({ perPage: 7, page })).hits.map((hit) => hit.subjectId))
      }
      assert.equal(seen.length, all.total)
      assert.equal(new Set(seen).size, all.total)
    })
  })
}

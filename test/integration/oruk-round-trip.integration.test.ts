// Our ORUK feed, read back by our ORUK importer into an empty instance, exports again unchanged, on
// both stores.
//
// "The export" is what a consumer copying this directory reads: every service fully nested,
// GET /api/oruk/services?format=ndjson&full=true (the same records the paged list gives page by
// page), and beside it the lists the importer fills: organisations (full, with their services
// fully nested), services at locations (full), taxonomies and taxonomy terms.
//
// The first instance holds the demo data (North Lincolnshire's real 1.0 feed among it, imported and
// now published in the 3.0 shape) and two services that use every field the demo data leaves
// empty: contacts, places (one found only by its name and note), schedules, several council areas,
// costs, ages, and text with "&", "<" and spacing that is not HTML. It listens on 127.0.0.1, and
// the real importer reads its feed over HTTP into an empty instance: once as ndjson, once page by
// page. Each copy's export must deep-equal the first's.
//
// One field differs by design, and is compared apart: last_modified. It says when the record last
// changed in the directory that publishes it, and modified_after filters on it; a copy made today
// says today, or a consumer syncing from the copy with modified_after would never see what it
// imported. The copy's last_modified is checked to be the time of its import instead.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../../src/config.js'
import type { Store, StoreKind } from '../../src/db/connection.js'
import { createOrganisation } from '../../src/db/repositories/organisations.js'
import { createService } from '../../src/db/repositories/services.js'
import { importOruk } from '../../src/importers/oruk/import.js'
import type { OrukImportReport } from '../../src/importers/oruk/report.js'
import { NORTH_LINCOLNSHIRE_FEED } from '../../src/seed/load.js'
import { buildServices } from '../../src/services.js'
import { buildApp } from '../../src/web/app.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { freshStore, STORE_KINDS } from '../support/stores.js'

type Json = Record<string, unknown>
type Item = Json & { id: string }

interface Export {
  services: Item[]
  organizations: Item[]
  serviceAtLocations: Item[]
  taxonomies: Item[]
  taxonomyTerms: Item[]
}

async function lines(app: FastifyInstance, url: string): Promise<Item[]> {
  const response = await app.inject({ url: `/api/oruk${url}` })
  assert.equal(response.statusCode, 200, `GET ${url}: ${response.body.slice(0, 300)}`)
  return response.body
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Item)
}

/** Through inject, so every address the records give of themselves has the same origin. */
async function exportOf(app: FastifyInstance): Promise<Export> {
  return {
    services: await lines(app, '/services?format=ndjson&full=true'),
    organizations: await lines(app, '/organizations?format=ndjson&full=true&full_service=true'),
    serviceAtLocations: await lines(app, '/service_at_locations?format=ndjson&full=true'),
    taxonomies: await lines(app, '/taxonomies?format=ndjson'),
    taxonomyTerms: await lines(app, '/taxonomy_terms?format=ndjson'),
  }
}

/** Every last_modified in a document, nested services' included. */
function lastModified(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) lastModified(item, found)
  else if (value && typeof value === 'object') {
    for (const [key, field] of Object.entries(value)) {
      if (key === 'last_modified' && typeof field === 'string') found.push(field)
      else lastModified(field, found)
    }
  }
  return found
}

function withoutLastModified<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, field: unknown) => (key === 'last_modified' ? undefined : field))) as T
}

/** The same records in the same order, each deep-equal (last_modified apart): one record's difference at a time, so a failure is readable. */
function assertSameList(copy: Item[], original: Item[], what: string): void {
  assert.deepEqual(
    copy.map((item) => item.id),
    original.map((item) => item.id),
    `${what}: the same records, in the same order`,
  )
  for (const [index, item] of copy.entries()) assert.deepEqual(withoutLastModified(item), withoutLastModified(original[index]), `${what} ${item.id}`)
}

// ---- the services the demo data lacks ---------------------------------------------------------

interface Fixtures {
  organisationId: string
  full: string
  plain: string
}

async function addFixtures(store: Store): Promise<Fixtures> {
  const { db } = store
  const organisationId = await createOrganisation(db, {
    name: 'Round trip fixture provider',
    kind: 'charity',
    description: 'Runs the services that use every field.\n\nA second paragraph.',
    url: 'https://example.org/round-trip',
    email: 'hello@example.org',
    councilCodes: ['E06000013'],
  })
  const full = await createService(db, {
    organisationId,
    name: 'Round trip: every field',
    // Not HTML: a "<" and a "&" that are words, two spaces, a tab and three line breaks, as an officer typed them.
    description: 'For ages 5 < 11 & their carers.  Two spaces stay.\tA tab too.\n\n\nAfter three line breaks.\n• A bullet',
    url: 'https://example.org/round-trip/full',
    email: 'full@example.org',
    phone: '01724 296000',
    helpKind: 'health',
    providerType: 'health',
    provisionLevel: 'specialist',
    // A specific need (with its broad area implied), a second one, and a broad area on its own.
    needs: ['autism', 'slcn', 'sensory-physical'],
    minAge: 4,
    maxAge: 19,
    eligibility: 'Children with a diagnosis.\n\nOr waiting for one.',
    howToAccess: 'Ask your GP to refer you.\n\n- by phone\n- by email',
    isFree: true,
    costDescription: 'Free for families; schools pay £20 a session.',
    schedule: 'Mondays 9am to 5pm',
    location: { name: 'Fixture clinic', lines: ['1 Fixture Street', 'Ashby'], town: 'Scunthorpe', postcode: 'DN16 2AA', lat: 53.57, lng: -0.65 },
    councilCodes: ['E06000013', 'E08000025'],
    contacts: [
      { name: 'Reception', phone: '01724 296001', email: 'reception@example.org', notes: 'Front desk' },
      { name: 'Clinic lead', email: 'lead@example.org' },
      { name: 'Out of hours', phone: '01724 296999' },
    ],
  })
  // What createService makes one of: a second schedule, and a place found only by its name and note.
  await db.insertInto('schedules').values({ id: '0f4c5c1e-3a52-4a6e-9c1d-7e1b2a3c4d5e', service_id: full, description: 'Saturdays, by appointment' }).execute()
  const bus = '6d1a2b3c-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
  await db.insertInto('locations').values({ id: bus, organisation_id: organisationId, name: 'The clinic bus', address: null, town: null, postcode: null, lat: null, lng: null, address_note: 'Parks by the market on Saturdays' }).execute()
  await db.insertInto('service_locations').values({ id: '7e2b3c4d-5f6a-4b7c-9d8e-0f1a2b3c4d5e', service_id: full, location_id: bus }).execute()

  const plain = await createService(db, {
    organisationId,
    name: 'Round trip: charged, no place',
    description: 'A service that charges, with no place, contacts or areas.',
    helpKind: 'activities',
    providerType: 'leisure',
    provisionLevel: 'targeted',
    needs: [],
    isFree: false,
    costDescription: '£5 a session',
    councilCodes: [],
    contacts: [],
  })
  await db.updateTable('services').set({ status: 'inactive' }).where('id', '=', plain).execute()
  return { organisationId, full, plain }
}

// ---- the copy ---------------------------------------------------------------------------------

interface Copy {
  app: FastifyInstance
  store: Store
  report: OrukImportReport
  importedFrom: string
  importedTo: string
  close(): Promise<void>
}

/** An empty instance (no demo data), filled by the importer from `location`. */
async function copyFrom(kind: StoreKind, location: string): Promise<Copy> {
  const store = await freshStore(kind)
  const services = await buildServices(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO_DATA: 'false' }), store)
  const app = await buildApp(services)
  await app.ready()
  const importedFrom = new Date().toISOString()
  const report = await importOruk(store, { location, label: 'The first Local Offer' })
  const importedTo = new Date().toISOString()
  return {
    app,
    store,
    report,
    importedFrom,
    importedTo,
    async close() {
      await app.close()
      await store.close()
    },
  }
}

for (const kind of STORE_KINDS) {
  const skip = kind === 'postgres' && !process.env.TEST_DATABASE_URL ? 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' : false
  describe(`ORUK round trip: export, import into an empty instance, export again [${kind}]`, { skip }, () => {
    let first: TestApp
    let fixtures: Fixtures
    let original: Export
    let origin: string
    const copies: Copy[] = []

    before(async () => {
      first = await buildTestApp(kind)
      fixtures = await addFixtures(first.services.store)
      original = await exportOf(first.app)
      await first.app.listen({ host: '127.0.0.1', port: 0 })
      const address = first.app.server.address()
      assert.ok(address && typeof address === 'object')
      origin = `http://127.0.0.1:${address.port}`
    })
    after(async () => {
      for (const copy of copies) await copy.close()
      await first?.close()
    })

    test('the first export holds the demo data, North Lincolnshire’s services and the fixtures', async () => {
      const northLincolnshire = await first.services.store.db.selectFrom('services').select('id').where('source', '=', NORTH_LINCOLNSHIRE_FEED.label!).execute()
      assert.equal(northLincolnshire.length, 738)
      const exported = new Set(original.services.map((service) => service.id))
      assert.ok(northLincolnshire.every((row) => exported.has(row.id)), 'every North Lincolnshire service is in the export')
      assert.ok(original.services.length > 738, 'and the demo data’s own services')
      const full = original.services.find((service) => service.id === fixtures.full)!
      for (const field of ['contacts', 'service_at_locations', 'schedules', 'service_areas', 'cost_options', 'phones', 'attributes']) {
        assert.ok((full[field] as unknown[]).length >= 1, `the fixture has ${field}`)
      }
      assert.equal((full.service_at_locations as unknown[]).length, 2)
      assert.ok(original.services.some((service) => service.id === fixtures.plain && service.status === 'inactive'))
    })

    for (const [name, path] of [
      ['ndjson', '/api/oruk/services?format=ndjson&full=true'],
      ['every page of the JSON list', '/api/oruk/services?full=true&per_page=100'],
    ] as const) {
      describe(`read as ${name}`, () => {
        let copy: Copy
        let copied: Export
        before(async () => {
          copy = await copyFrom(kind, `${origin}${path}`)
          copies.push(copy)
          copied = await exportOf(copy.app)
        })

        test('every service and organisation is created; nothing is skipped, left out or unrecognised', () => {
          const { report } = copy
          assert.equal(report.created, original.services.length)
          assert.equal(report.organisations.created, new Set(original.services.map((service) => service.organization_id)).size)
          assert.deepEqual(report.skippedInvalid, [])
          assert.deepEqual(report.notes, [])
          assert.deepEqual(report.unmatchedTerms, [], 'every term is one of this API’s own')
          assert.deepEqual(report.ignoredFields.map((field) => field.field), ['last_modified'])
          if (name === 'ndjson') assert.deepEqual(report.shapes, { ndjson: 1 })
          else assert.deepEqual(report.shapes, { 'oruk-3.0': Math.ceil(original.services.length / 100) })
        })

        test('services, fully nested, are identical (ids of contacts, places, schedules and terms included)', () => {
          assertSameList(copied.services, original.services, 'service')
        })

        test('organisations (with their services) and services at locations are identical', () => {
          const providers = new Set(original.services.map((service) => service.organization_id))
          assertSameList(
            copied.organizations,
            original.organizations.filter((organisation) => providers.has(organisation.id)),
            'organization',
          )
          assertSameList(copied.serviceAtLocations, original.serviceAtLocations, 'service_at_location')
        })

        test('taxonomies and taxonomy terms are identical', () => {
          assert.deepEqual(copied.taxonomies, original.taxonomies)
          assert.deepEqual(copied.taxonomyTerms, original.taxonomyTerms)
        })

        test('last_modified, the one field apart, is when the copy was made', () => {
          const times = lastModified(copied.services)
          assert.equal(times.length, copied.services.length)
          for (const time of times) assert.ok(time >= copy.importedFrom && time <= copy.importedTo, `${time} is within the import`)
        })
      })
    }

    test('importing the feed again into the copy changes nothing', async () => {
      const copy = copies[0]!
      const before = await exportOf(copy.app)
      const report = await importOruk(copy.store, { location: `${origin}/api/oruk/services?format=ndjson&full=true`, label: 'The first Local Offer' })
      assert.deepEqual([report.created, report.updated, report.unchanged, report.keptLocal.length], [0, 0, original.services.length, 0])
      assert.deepEqual(await exportOf(copy.app), before)
    })
  })
}

// The Open Referral UK 3.0 API on both stores: every endpoint over the demo data (plus a few
// services at known places, for distances), each response checked against the standard's own
// JSON Schemas (data/oruk/3.0/schema, Ajv 2020 + ajv-formats); then paging, filters, ndjson, CORS
// and errors; then a sample of pages over the benchmark's generated data at 'small' scale.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import pg from 'pg'
import { generatePostgres, generateSqlite } from '../../bench/generate.js'
import type { Page as PageEnvelope } from '../../src/api/oruk/pagination.js'
import { loadConfig, PROJECT_ROOT } from '../../src/config.js'
import { openStore, type Store, type StoreKind } from '../../src/db/connection.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { createOrganisation } from '../../src/db/repositories/organisations.js'
import { createService, type ServiceInput } from '../../src/db/repositories/services.js'
import { haversineKm } from '../../src/geo/distance.js'
import { buildServices } from '../../src/services.js'
import { buildApp } from '../../src/web/app.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { STORE_KINDS } from '../support/stores.js'

const postgresUrl = process.env.TEST_DATABASE_URL
const skipFor = (kind: StoreKind) => (kind === 'postgres' && !postgresUrl ? 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' : false)

// ---- the standard's schemas ---------------------------------------------------------------------

const ORUK_DIR = resolve(PROJECT_ROOT, 'data/oruk/3.0')
const SCHEMA_BASE = 'https://openreferraluk.org/specifications/3.0/schema/'

type Json = Record<string, unknown>
type Record_ = Json & { id: string }

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'))
}

/** Every schema file, registered under the address the others $ref it by. */
function schemaValidator(): (schemaFile: string, data: unknown) => string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  for (const file of readdirSync(join(ORUK_DIR, 'schema'))) ajv.addSchema(readJson(join(ORUK_DIR, 'schema', file)) as Json, SCHEMA_BASE + file)
  return (schemaFile, data) => {
    const validate = ajv.getSchema(SCHEMA_BASE + schemaFile)
    assert.ok(validate, `no schema ${schemaFile}`)
    return validate(data) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`)
  }
}

const validator = schemaValidator()

function assertValid(schemaFile: string, data: unknown, where = ''): void {
  const errors = validator(schemaFile, data)
  assert.deepEqual(errors, [], `${where} is not valid against ${schemaFile}:\n  ${errors.slice(0, 10).join('\n  ')}`)
}

// ---- requests -----------------------------------------------------------------------------------

type Page = PageEnvelope<Record_>

function api(app: () => FastifyInstance) {
  /** Every API response must allow any origin, whatever its status. */
  async function request(method: 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await app().inject({ method, url: `/api/oruk${url}`, headers })
    assert.equal(response.headers['access-control-allow-origin'], '*', `CORS header on ${method} ${url}`)
    return response
  }
  async function json<T = Json>(url: string, status = 200): Promise<T> {
    const response = await request('GET', url)
    assert.equal(response.statusCode, status, `GET ${url}: ${response.body.slice(0, 300)}`)
    assert.match(String(response.headers['content-type']), /^application\/json/)
    return response.json<T>()
  }
  async function lines(url: string): Promise<Record_[]> {
    const response = await request('GET', url)
    assert.equal(response.statusCode, 200, `GET ${url}: ${response.body.slice(0, 300)}`)
    assert.match(String(response.headers['content-type']), /^application\/x-ndjson/)
    assert.ok(response.body === '' || response.body.endsWith('\n'), 'every line ends with a newline')
    return response.body
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record_)
  }
  /** Every page of a list, checked against the list schema and the envelope's arithmetic. */
  async function allPages(path: string, schemaFile: string, perPage: number): Promise<Record_[]> {
    const separator = path.includes('?') ? '&' : '?'
    const first = await json<Page>(`${path}${separator}per_page=${perPage}`)
    const items: Record_[] = []
    for (let number = 1; number <= Math.max(1, first.total_pages); number++) {
      const page = number === 1 ? first : await json<Page>(`${path}${separator}per_page=${perPage}&page=${number}`)
      assertValid(schemaFile, page, `${path} page ${number}`)
      assert.equal(page.page_number, number)
      assert.equal(page.total_items, first.total_items)
      assert.equal(page.total_pages, Math.ceil(first.total_items / perPage))
      assert.equal(page.size, page.contents.length)
      assert.equal(page.first_page, number === 1)
      assert.equal(page.last_page, number >= page.total_pages)
      assert.equal(page.empty, page.contents.length === 0)
      assert.equal(page.contents.length, number < page.total_pages ? perPage : first.total_items - perPage * (page.total_pages - 1) || 0)
      items.push(...page.contents)
    }
    assert.equal(new Set(items.map((item) => item.id)).size, first.total_items, `${path}: every item once across the pages`)
    return items
  }
  return { request, json, lines, allPages }
}

// ---- fixtures: services at known places ------------------------------------------------------

const CENTRE_POSTCODE = 'WC1A 1AA'
/** Degrees north of the centre: roughly 0.2, 1.1, 3.3 and 8.9 km. */
const OFFSETS = [0.002, 0.01, 0.03, 0.08]
const FAR_COUNCIL = 'E06000021'

interface Fixtures {
  organisationId: string
  /** Services at OFFSETS, the same order. */
  placed: string[]
  /** At a place, but serving only a council the centre is not in. */
  elsewhere: string
  /** A place with no position. */
  unplaced: string
}

async function addPlacedServices(testApp: TestApp): Promise<Fixtures> {
  const { db } = testApp.services.store
  const centre = testApp.services.postcodes.find(CENTRE_POSTCODE)
  assert.ok(centre, `${CENTRE_POSTCODE} is in the postcode lookup`)
  const organisationId = await createOrganisation(db, { name: 'API distance fixture provider', kind: 'charity', councilCodes: [] })
  const base: Omit<ServiceInput, 'name' | 'councilCodes'> = {
    organisationId,
    description: 'A fixture for the API distance tests.',
    helpKind: 'activities',
    providerType: 'voluntary',
    provisionLevel: 'targeted',
    needs: ['autism'],
    contacts: [{ name: 'Fixture desk', phone: '020 7946 0000', email: 'desk@example.org' }],
    url: 'www.example.org/fixture',
  }
  const placed: string[] = []
  for (const [index, offset] of OFFSETS.entries()) {
    placed.push(
      await createService(db, {
        ...base,
        name: `Distance fixture ${index + 1}`,
        councilCodes: [],
        location: { name: `Fixture place ${index + 1}`, lines: [`${index + 1} Fixture Street`], town: 'London', postcode: CENTRE_POSTCODE, lat: centre.lat + offset, lng: centre.lng },
      }),
    )
  }
  const elsewhere = await createService(db, {
    ...base,
    name: 'Distance fixture for another council',
    councilCodes: [FAR_COUNCIL],
    location: { lines: ['9 Fixture Street'], postcode: CENTRE_POSTCODE, lat: centre.lat, lng: centre.lng + 0.001 },
  })
  const unplaced = await createService(db, { ...base, name: 'Distance fixture with no position', councilCodes: [], location: { lines: ['Somewhere'] } })
  return { organisationId, placed, elsewhere, unplaced }
}

// The endpoints and the schema each is checked against; the test names list them.
const CHECKS = {
  root: ['/', 'api_details.json'],
  services: ['/services', 'service_list.json'],
  service: ['/services/{id}', 'service.json'],
  serviceAtLocations: ['/service_at_locations', 'service_at_location_list.json'],
  serviceAtLocation: ['/service_at_locations/{id}', 'service_at_location.json'],
  organizations: ['/organizations', 'organization_list.json'],
  organization: ['/organizations/{id}', 'organization.json'],
  taxonomies: ['/taxonomies', 'taxonomy_list.json'],
  taxonomy: ['/taxonomies/{id}', 'taxonomy.json'],
  taxonomyTerms: ['/taxonomy_terms', 'taxonomy_term_list.json'],
  taxonomyTerm: ['/taxonomy_terms/{id}', 'taxonomy_term.json'],
} as const

const named = ([path, schema]: readonly [string, string], extra = '') => `GET /api/oruk${path}${extra} → ${schema}`

test('the validator accepts every example the standard publishes', () => {
  // service_full.json is an example of service.json, and so on.
  for (const file of readdirSync(join(ORUK_DIR, 'examples'))) assertValid(file.replace('_full', ''), readJson(join(ORUK_DIR, 'examples', file)), `examples/${file}`)
})

test('the validator rejects what breaks the schemas (so a pass means something)', () => {
  assert.notDeepEqual(validator('service.json', { id: 'not-a-uuid', name: 'x', status: 'active' }), [])
  assert.notDeepEqual(validator('service.json', { id: '3f7b145d-84af-42d7-8fae-eaca714b02b2', name: 'x', status: 'open' }), [])
  assert.notDeepEqual(validator('service_list.json', { contents: [{ id: '3f7b145d-84af-42d7-8fae-eaca714b02b2', name: 'x', status: 'active', url: 'www.x.org' }] }), [])
  assert.notDeepEqual(validator('taxonomy_term.json', { id: '3f7b145d-84af-42d7-8fae-eaca714b02b2', name: 'x' }), [])
})

for (const kind of STORE_KINDS) {
  describe(`ORUK API over the demo data [${kind}]`, { skip: skipFor(kind) }, () => {
    let testApp: TestApp
    let fixtures: Fixtures
    const { request, json, lines, allPages } = api(() => testApp.app)
    // Filled by the list tests, used by the filter tests.
    let allServices: Record_[] = []

    before(async () => {
      testApp = await buildTestApp(kind)
      fixtures = await addPlacedServices(testApp)
      allServices = await allPages('/services?full=true', 'service_list.json', 50)
    })
    after(async () => {
      await testApp.close()
    })

    test(named(CHECKS.root), async () => {
      const details = await json('/')
      assertValid('api_details.json', details)
      assert.equal(details.openapi_url, 'http://localhost:80/api/oruk/openapi.json')
    })

    test(named(CHECKS.services), async () => {
      const services = await allPages('/services', 'service_list.json', 7)
      const count = await testApp.services.store.db.selectFrom('services').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      assert.equal(services.length, Number(count.n))
      assert.ok(services.every((service) => typeof service.organization === 'object'), 'each service carries its organisation')
    })

    test(named(CHECKS.services, '?full=true') + ', each service → service.json', async () => {
      for (const service of allServices) assertValid('service.json', service, `service ${service.id}`)
      assert.ok(allServices.some((service) => Array.isArray(service.attributes) && service.attributes.length > 0), 'attributes are published')
    })

    test(named(CHECKS.services, '?minimal=true'), async () => {
      const page = await json<Page>('/services?minimal=true&per_page=10000')
      assertValid('service_list.json', page)
      assert.equal(page.total_items, allServices.length)
      assert.equal(page.contents.length, allServices.length, 'minimal fits every service in one page')
      for (const service of page.contents) assert.deepEqual(Object.keys(service).sort(), ['id', 'last_modified', 'name', 'status'])
    })

    test(named(CHECKS.service) + ', every service', async () => {
      for (const { id } of allServices) {
        const service = await json<Json>(`/services/${id}`)
        assertValid('service.json', service, `/services/${id}`)
        const contacts = (service.contacts ?? []) as Array<{ phones?: unknown[] }>
        for (const phone of contacts.flatMap((contact) => contact.phones ?? [])) assertValid('phone.json', phone, `a phone of ${id}`)
      }
    })

    test(named(CHECKS.serviceAtLocations), async () => {
      const items = await allPages('/service_at_locations', 'service_at_location_list.json', 2)
      assert.ok(items.length >= OFFSETS.length + 2)
      assertValid('service_at_location_list.json', await json('/service_at_locations?full=true'))
    })

    test(named(CHECKS.serviceAtLocation) + ', every one', async () => {
      const page = await json<Page>('/service_at_locations?per_page=500')
      assert.ok(page.contents.length > 0)
      for (const { id } of page.contents) {
        const record = await json<Json>(`/service_at_locations/${id}`)
        assertValid('service_at_location.json', record, `/service_at_locations/${id}`)
        assert.ok(Array.isArray((record.location as Json).addresses))
      }
    })

    test(named(CHECKS.organizations), async () => {
      const organisations = await allPages('/organizations', 'organization_list.json', 20)
      assert.ok(organisations.some((organisation) => organisation.id === fixtures.organisationId))
      const full = await json<Page>('/organizations?full=true&full_service=true&per_page=500')
      assertValid('organization_list.json', full)
      for (const organisation of full.contents) {
        assertValid('organization.json', organisation, `organization ${organisation.id}`)
        for (const service of organisation.services as Json[]) assertValid('service.json', service, `a service of ${organisation.id}`)
      }
      const school = full.contents.find((organisation) => (organisation.organization_identifiers as Json[]).some((identifier) => identifier.identifier_type === 'URN'))
      assert.ok(school, 'a school from the register carries its URN as an identifier')
    })

    test(named(CHECKS.organization) + ', every one', async () => {
      const page = await json<Page>('/organizations?per_page=500')
      for (const { id } of page.contents) {
        const organisation = await json<Json>(`/organizations/${id}`)
        assertValid('organization.json', organisation, `/organizations/${id}`)
        const expected = allServices.filter((service) => service.organization_id === id).map((service) => service.id)
        assert.deepEqual((organisation.services as Record_[]).map((service) => service.id).sort(), expected.sort(), `the services of ${id}`)
      }
      const withServices = await json<Json>(`/organizations/${fixtures.organisationId}?full_service=true`)
      for (const service of withServices.services as Json[]) {
        assertValid('service.json', service)
        assert.ok(Array.isArray(service.attributes), 'full_service nests the services fully')
      }
    })

    test(named(CHECKS.taxonomies), async () => {
      const taxonomies = await allPages('/taxonomies', 'taxonomy_list.json', 3)
      assert.deepEqual(taxonomies.map((taxonomy) => taxonomy.name).sort(), ['Age band', 'Level of provision', 'Provider type', 'SEND needs'])
    })

    test(named(CHECKS.taxonomy) + ', every one', async () => {
      for (const { id } of (await json<Page>('/taxonomies')).contents) assertValid('taxonomy.json', await json(`/taxonomies/${id}`), `/taxonomies/${id}`)
    })

    test(named(CHECKS.taxonomyTerms), async () => {
      const terms = await allPages('/taxonomy_terms', 'taxonomy_term_list.json', 10)
      assert.equal(terms.length, 16 + 3 + 5 + 4)
      // Names come from the catalogue, where a missing key would show itself instead.
      for (const term of terms) assert.doesNotMatch(`${term.name as string} ${term.description as string}`, /^[a-zA-Z]+\.[a-zA-Z-]+|\bapi\./, term.id)
      // The needs' ids are the store's own, so a term id here is the id the directory uses.
      const stored = await testApp.services.store.db.selectFrom('taxonomy_terms').select(['code', 'id']).execute()
      for (const row of stored) assert.ok(terms.some((term) => term.id === row.id && term.term === row.code), `need ${row.code} published with its stored id`)
    })

    test(named(CHECKS.taxonomyTerm) + ', every one', async () => {
      for (const { id } of (await json<Page>('/taxonomy_terms?per_page=100')).contents) assertValid('taxonomy_term.json', await json(`/taxonomy_terms/${id}`), `/taxonomy_terms/${id}`)
    })

    test('GET /api/oruk/openapi.json: every path of the standard, with this server and the schemas checked here', async () => {
      const ours = await json<{ servers: Array<{ url: string }>; paths: Record<string, { get: { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> } }> }>('/openapi.json')
      assert.deepEqual(ours.servers, [{ url: 'http://localhost:80/api/oruk' }])
      const official = readJson(join(ORUK_DIR, 'openapi.json')) as { paths: Record<string, unknown> }
      const checked = new Map<string, string>(Object.values(CHECKS).map(([path, schema]) => [path, schema]))
      for (const path of Object.keys(official.paths)) {
        const schemaRef = ours.paths[path]?.get.responses['200']?.content?.['application/json']?.schema.$ref
        assert.equal(schemaRef, SCHEMA_BASE + (checked.get(path) ?? '?'), `${path} is documented with the schema this test checks it against`)
        assert.ok(ours.paths[path]?.get.responses['400'], `${path} documents its 400`)
      }
    })

    test('every path the standard defines answers 200 on a real record', async () => {
      const official = readJson(join(ORUK_DIR, 'openapi.json')) as { paths: Record<string, unknown> }
      const ids: Record<string, string> = {
        '/services/{id}': fixtures.placed[0]!,
        '/service_at_locations/{id}': (await json<Page>('/service_at_locations')).contents[0]!.id,
        '/organizations/{id}': fixtures.organisationId,
        '/taxonomies/{id}': (await json<Page>('/taxonomies')).contents[0]!.id,
        '/taxonomy_terms/{id}': (await json<Page>('/taxonomy_terms')).contents[0]!.id,
      }
      for (const path of Object.keys(official.paths)) {
        const url = path.replace('{id}', ids[path] ?? 'missing')
        assert.equal((await request('GET', url)).statusCode, 200, url)
      }
    })

    // ---- paging ----

    test('a page past the end is empty and says it is the last', async () => {
      const total = allServices.length
      const page = await json<Page>(`/services?per_page=10&page=${Math.ceil(total / 10) + 1}`)
      assertValid('service_list.json', page)
      assert.deepEqual(
        { empty: page.empty, size: page.size, last: page.last_page, first: page.first_page, total: page.total_items, pages: page.total_pages },
        { empty: true, size: 0, last: true, first: false, total, pages: Math.ceil(total / 10) },
      )
    })

    test('an empty result is one empty first and last page', async () => {
      const page = await json<Page>('/services?search=zzqqxxnotaword')
      assert.deepEqual({ ...page, contents: page.contents.length }, { total_items: 0, total_pages: 0, page_number: 1, size: 0, first_page: true, last_page: true, empty: true, contents: 0 })
    })

    // ---- filters ----

    const termsOf = (service: Record_) => ((service.attributes ?? []) as Array<{ taxonomy_term_id: string }>).map((attribute) => attribute.taxonomy_term_id)

    async function termId(code: string): Promise<string> {
      const term = (await json<Page>('/taxonomy_terms?per_page=100')).contents.find((candidate) => candidate.term === code)
      assert.ok(term, `term ${code}`)
      return term.id
    }

    for (const code of ['autism', 'communication-interaction', 'specialist', 'health', '0-4']) {
      test(`taxonomy_term_id (${code}) returns exactly the services carrying that term`, async () => {
        const id = await termId(code)
        const found = await allPages(`/services?taxonomy_term_id=${id}`, 'service_list.json', 10)
        const expected = allServices.filter((service) => termsOf(service).includes(id)).map((service) => service.id)
        assert.ok(expected.length > 0, `the demo data has services with ${code}`)
        assert.deepEqual(found.map((service) => service.id).sort(), expected.sort())
      })
    }

    test('a broad area of need finds the services with the specific needs under it', async () => {
      const [area, autism] = [await termId('communication-interaction'), await termId('autism')]
      const inArea = new Set((await json<Page>(`/services?taxonomy_term_id=${area}&per_page=500`)).contents.map((service) => service.id))
      const autistic = (await json<Page>(`/services?taxonomy_term_id=${autism}&per_page=500`)).contents
      assert.ok(autistic.every((service) => inArea.has(service.id)))
      assert.ok(inArea.size >= autistic.length)
    })

    test('taxonomy_id returns the services with any term of it; with a term it narrows', async () => {
      const taxonomies = (await json<Page>('/taxonomies')).contents
      const needs = taxonomies.find((taxonomy) => taxonomy.name === 'SEND needs')!
      const needIds = new Set((needs.taxonomy_terms as Record_[]).map((term) => term.id))
      const found = await allPages(`/services?taxonomy_id=${needs.id}`, 'service_list.json', 25)
      const expected = allServices.filter((service) => termsOf(service).some((id) => needIds.has(id)))
      assert.deepEqual(found.map((service) => service.id).sort(), expected.map((service) => service.id).sort())
      const both = await json<Page>(`/services?taxonomy_id=${needs.id}&taxonomy_term_id=${await termId('health')}&per_page=500`)
      assert.ok(both.total_items < found.length)
    })

    test('organization_id returns only that organisation’s services', async () => {
      const organisationId = allServices[0]!.organization_id as string
      const found = await allPages(`/services?organization_id=${organisationId}`, 'service_list.json', 5)
      assert.deepEqual(found.map((service) => service.id).sort(), allServices.filter((service) => service.organization_id === organisationId).map((service) => service.id).sort())
      const placed = await json<Page>(`/service_at_locations?organization_id=${fixtures.organisationId}&per_page=500`)
      assert.equal(placed.total_items, OFFSETS.length + 2)
    })

    test('modified_after returns the services changed on or after that time', async () => {
      const times = allServices.map((service) => service.last_modified as string).sort()
      const threshold = times[Math.floor(times.length / 2)]!
      const found = await allPages(`/services?modified_after=${encodeURIComponent(threshold)}`, 'service_list.json', 25)
      assert.deepEqual(found.map((service) => service.id).sort(), allServices.filter((service) => (service.last_modified as string) >= threshold).map((service) => service.id).sort())
      assert.ok(found.length > 0 && found.length < allServices.length)
      assert.equal((await json<Page>('/services?modified_after=2999-01-01')).total_items, 0)
      assert.equal((await json<Page>('/services?modified_after=2000-01-01T00:00:00%2B01:00')).total_items, allServices.length)
    })

    test('search finds the services with every word in the name or description', async () => {
      const found = await allPages('/services?search=Autism+team', 'service_list.json', 10)
      const expected = allServices.filter((service) => ['autism', 'team'].every((word) => `${service.name as string} ${service.description as string}`.toLowerCase().includes(word)))
      assert.ok(expected.length > 0)
      assert.deepEqual(found.map((service) => service.id).sort(), expected.map((service) => service.id).sort())
      // One North Lincolnshire service offers "100% support": only text with "100%" in it matches.
      const literal = allServices.filter((service) => `${service.name as string} ${service.description as string}`.includes('100%'))
      assert.equal((await json<Page>('/services?search=100%25')).total_items, literal.length, 'LIKE wildcards are taken literally')
    })

    test('postcode and proximity: only places within range, nearest first, areas served respected', async () => {
      const centre = testApp.services.postcodes.find(CENTRE_POSTCODE)!
      const page = await json<Page>(`/service_at_locations?postcode=${encodeURIComponent(CENTRE_POSTCODE)}&proximity=5000&per_page=500`)
      assertValid('service_at_location_list.json', page)
      const distances = page.contents.map((item) => {
        const location = item.location as { latitude: number; longitude: number }
        return haversineKm(centre, { lat: location.latitude, lng: location.longitude })
      })
      assert.ok(distances.every((km) => km <= 5.05), `all within 5 km: ${distances.join(', ')}`)
      for (let index = 1; index < distances.length; index++) assert.ok(distances[index]! >= distances[index - 1]! - 1e-6, 'nearest first')
      const serviceIds = page.contents.map((item) => item.service_id)
      assert.deepEqual(
        serviceIds.filter((id) => fixtures.placed.includes(id as string)),
        fixtures.placed.slice(0, 3),
        'the three fixtures within 5 km, in order; the one 8.9 km away is left out',
      )
      assert.ok(!serviceIds.includes(fixtures.elsewhere), 'a service for another council is not offered here')
      assert.ok(!serviceIds.includes(fixtures.unplaced), 'a place with no position is not within any distance')
    })

    test('postcode alone orders every place by distance, those with no position last', async () => {
      const page = await json<Page>(`/service_at_locations?postcode=${encodeURIComponent(CENTRE_POSTCODE)}&organization_id=${fixtures.organisationId}&per_page=2`)
      assert.deepEqual(page.contents.map((item) => item.service_id), fixtures.placed.slice(0, 2))
      const last = await json<Page>(`/service_at_locations?postcode=${encodeURIComponent(CENTRE_POSTCODE)}&organization_id=${fixtures.organisationId}&per_page=2&page=${page.total_pages}`)
      assert.equal(last.contents.at(-1)?.service_id, fixtures.unplaced)
      assert.equal(page.total_items, OFFSETS.length + 1, 'the service for another council is left out')
    })

    test('taxonomy_terms: taxonomy_id, parent_id and top_only', async () => {
      const needs = (await json<Page>('/taxonomies')).contents.find((taxonomy) => taxonomy.name === 'SEND needs')!
      const terms = (await json<Page>(`/taxonomy_terms?taxonomy_id=${needs.id}&per_page=100`)).contents
      assert.equal(terms.length, 16)
      const area = await termId('cognition-learning')
      const children = (await json<Page>(`/taxonomy_terms?parent_id=${area}`)).contents
      assert.deepEqual(children.map((term) => term.term).sort(), ['mld', 'pmld', 'sld', 'spld'])
      const top = (await json<Page>(`/taxonomy_terms?top_only=true&taxonomy_id=${needs.id}`)).contents
      assert.equal(top.length, 4)
      assert.ok(top.every((term) => term.parent_id === undefined))
    })

    // ---- ndjson ----

    test('format=ndjson streams every service, one valid service a line, unpaginated', async () => {
      for (const [query, schema] of [
        ['', 'service.json'],
        ['&full=true', 'service.json'],
        ['&minimal=true', 'service.json'],
      ] as const) {
        const services = await lines(`/services?format=ndjson${query}`)
        assert.equal(services.length, allServices.length, query)
        for (const service of services) assertValid(schema, service, `ndjson line ${service.id}`)
      }
      const autism = await termId('autism')
      const filtered = await lines(`/services?format=ndjson&taxonomy_term_id=${autism}`)
      assert.equal(filtered.length, (await json<Page>(`/services?taxonomy_term_id=${autism}`)).total_items)
    })

    test('format=ndjson on the other lists', async () => {
      for (const [path, schema] of [
        ['/organizations', 'organization.json'],
        ['/service_at_locations', 'service_at_location.json'],
        ['/taxonomies', 'taxonomy.json'],
        ['/taxonomy_terms', 'taxonomy_term.json'],
      ] as const) {
        const items = await lines(`${path}?format=ndjson`)
        assert.equal(items.length, (await json<Page>(path)).total_items, path)
        for (const item of items) assertValid(schema, item, `${path} ndjson`)
      }
    })

    // ---- HTTP ----

    test('CORS preflight is answered for any origin; HEAD works', async () => {
      const response = await request('OPTIONS', '/services', { origin: 'https://app.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'accept' })
      assert.equal(response.statusCode, 204)
      assert.match(String(response.headers['access-control-allow-methods']), /GET/)
      const head = await request('HEAD', '/services')
      assert.equal(head.statusCode, 200)
      assert.equal(head.body, '')
    })

    test('every other method is a 405 with JSON', async () => {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
        for (const url of ['/', '/services', `/services/${fixtures.placed[0]!}`]) {
          const response = await request(method, url)
          assert.equal(response.statusCode, 405, `${method} ${url}`)
          assert.equal(response.headers.allow, 'GET, HEAD, OPTIONS')
          assert.equal(response.json<{ error: string }>().error, 'method_not_allowed')
        }
      }
    })

    const BAD: Array<[string, string]> = [
      ['/services?colour=blue', 'colour'],
      ['/services?page=abc', 'page'],
      ['/services?page=0', 'page'],
      ['/services?page=1&page=2', 'page'],
      ['/services?per_page=501', 'per_page'],
      ['/services?per_page=2.5', 'per_page'],
      ['/services?organization_id=not-a-uuid', 'organization_id'],
      ['/services?taxonomy_term_id=00000000-0000-4000-8000-000000000000', 'taxonomy_term_id'],
      ['/services?taxonomy_id=123', 'taxonomy_id'],
      ['/services?modified_after=yesterday', 'modified_after'],
      ['/services?modified_after=2025-02-30', 'modified_after'],
      ['/services?modified_after=2025-01-31T09:00:00', 'modified_after'],
      ['/services?minimal=yes', 'minimal'],
      ['/services?format=xml', 'format'],
      [`/services?search=${'a'.repeat(201)}`, 'search'],
      ['/services?postcode=DT1+1AA', 'postcode'],
      ['/service_at_locations?postcode=ZE9+9ZZ', 'postcode'],
      ['/service_at_locations?postcode=not+a+postcode', 'postcode'],
      ['/service_at_locations?proximity=1000', 'proximity'],
      ['/service_at_locations?postcode=DT1+1AA&proximity=-5', 'proximity'],
      ['/taxonomy_terms?top_only=1', 'top_only'],
      ['/taxonomy_terms?parent_id=00000000-0000-4000-8000-000000000000', 'parent_id'],
      ['/services/00000000-0000-4000-8000-000000000000?full=true', 'full'],
      ['/?page=1', 'page'],
    ]
    test('bad parameters are a 400 whose JSON names the parameter', async () => {
      for (const [url, parameter] of BAD) {
        const body = await json<{ error: string; parameter: string; message: string }>(url, 400)
        assert.equal(body.error, 'invalid_parameter', url)
        assert.equal(body.parameter, parameter, url)
        assert.ok(body.message.includes(parameter), `${url}: ${body.message}`)
      }
    })

    test('an unknown id, a malformed id or an unknown endpoint is a 404 with JSON', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000'
      for (const url of [
        `/services/${unknown}`,
        '/services/not-a-uuid',
        `/service_at_locations/${unknown}`,
        `/organizations/${unknown}`,
        `/taxonomies/${unknown}`,
        `/taxonomy_terms/${unknown}`,
        '/nowhere',
      ]) {
        assert.equal((await json<{ error: string }>(url, 404)).error, 'not_found', url)
      }
    })
  })
}

// ---- the benchmark's generated data, 'small' scale ------------------------------------------------

async function generatedStore(kind: StoreKind): Promise<{ store: Store; cleanUp(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'oruk-generated-'))
    const file = join(dir, 'small.sqlite')
    await generateSqlite(file, 'small')
    const store = openStore({ kind: 'sqlite', file })
    return { store, cleanUp: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const url = postgresUrl!
  const schema = `t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  await admin.end()
  const store = openStore({ kind: 'postgres', url }, { schema, poolSize: 4 })
  await migrateToLatest(store)
  await generatePostgres(url, schema, 'small')
  return {
    store,
    async cleanUp() {
      const cleaner = new pg.Client({ connectionString: url })
      await cleaner.connect()
      await cleaner.query(`DROP SCHEMA ${schema} CASCADE`)
      await cleaner.end()
    },
  }
}

for (const kind of STORE_KINDS) {
  describe(`ORUK API over generated data, small scale [${kind}]`, { skip: skipFor(kind) }, () => {
    let app: FastifyInstance
    let generated: { store: Store; cleanUp(): Promise<void> }
    const { json, lines } = api(() => app)

    before(async () => {
      generated = await generatedStore(kind)
      const services = await buildServices(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO_DATA: 'false' }), generated.store)
      app = await buildApp(services)
      await app.ready()
    })
    after(async () => {
      await app?.close()
      await generated?.store.close()
      await generated?.cleanUp()
    })

    test(`${named(CHECKS.services, '?full=true')}: first, middle and last pages`, async () => {
      const first = await json<Page>('/services?full=true&per_page=100')
      assert.ok(first.total_items >= 10_000)
      for (const number of [1, Math.ceil(first.total_pages / 2), first.total_pages]) {
        const page = number === 1 ? first : await json<Page>(`/services?full=true&per_page=100&page=${number}`)
        assertValid('service_list.json', page, `page ${number}`)
        for (const service of page.contents) assertValid('service.json', service, `service ${service.id}`)
      }
    })

    test(`${named(CHECKS.serviceAtLocations, '?postcode=…&proximity=…')} and ${named(CHECKS.organizations, '?full=true')}`, async () => {
      const row = await generated.store.db.selectFrom('locations').innerJoin('service_locations', 'service_locations.location_id', 'locations.id').select('locations.postcode').executeTakeFirstOrThrow()
      const outcode = String(row.postcode).split(' ')[0]!
      const near = await json<Page>(`/service_at_locations?postcode=${outcode}&proximity=20000&full=true&per_page=200`)
      assert.ok(near.total_items > 0, `places near ${outcode}`)
      assertValid('service_at_location_list.json', near)
      for (const item of near.contents) assertValid('service_at_location.json', item)
      const organisations = await json<Page>('/organizations?full=true&per_page=200&page=3')
      assertValid('organization_list.json', organisations)
      for (const organisation of organisations.contents) assertValid('organization.json', organisation)
    })

    test(`${named(CHECKS.service)} and ${named(CHECKS.organization)} for a sample`, async () => {
      const page = await json<Page>('/services?per_page=20&page=37')
      for (const { id, organization_id } of page.contents) {
        assertValid('service.json', await json(`/services/${id}`), `/services/${id}`)
        assertValid('organization.json', await json(`/organizations/${organization_id as string}`), `/organizations/${organization_id as string}`)
      }
    })

    test('format=ndjson streams all of them, across many batches, each once', async () => {
      const total = (await json<Page>('/services?per_page=1')).total_items
      const streamed = await lines('/services?format=ndjson')
      assert.equal(streamed.length, total)
      assert.equal(new Set(streamed.map((service) => service.id)).size, total)
      for (const service of streamed.filter((_service, index) => index % 500 === 0)) assertValid('service.json', service)
    })
  })
}

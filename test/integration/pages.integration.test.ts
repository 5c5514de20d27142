// The public pages, served by the real app over the demo data (requests injected, no network).
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { indexSubjects } from '../../src/search/indexer.js'
import { seedId } from '../../src/seed/load.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { STORE_KINDS } from '../support/stores.js'

const postgres = Boolean(process.env.TEST_DATABASE_URL)
const CAT_SERVICE = 'cromwell-cat'

function text(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ')
}

for (const kind of STORE_KINDS) {
  describe(`public pages [${kind}]`, { skip: kind === 'postgres' && !postgres ? 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' : false }, () => {
    let testApp: TestApp
    before(async () => {
      testApp = await buildTestApp(kind)
    })
    after(async () => {
      await testApp.close()
    })
    const get = (url: string) => testApp.app.inject({ method: 'GET', url })

    test('home offers one search box and the three browse routes', async () => {
      const response = await get('/')
      assert.equal(response.statusCode, 200)
      const page = text(response.body)
      assert.match(response.body, /<form action="\/search" method="get"/)
      for (const words of ['Browse by area of need', 'Browse by age', 'Browse by kind of help', 'Communication and interaction', 'Activities and short breaks']) {
        assert.ok(page.includes(words), words)
      }
      assert.match(response.headers['content-security-policy'] as string, /script-src 'self' 'nonce-/)
    })

    test('search results are bookmarkable and show counts per filter', async () => {
      const response = await get('/search?q=autism&need=communication-interaction')
      assert.equal(response.statusCode, 200)
      const page = text(response.body)
      assert.match(page, /\d+ results?/)
      assert.ok(page.includes('Communication and Autism Team'))
      assert.match(page, /Health \(\d+\)/)
      assert.match(response.body, /value="communication-interaction" checked/)
    })

    test('a search page is rendered once, sent with each response\'s own nonce, and rendered again after the index changes', async () => {
      const url = '/search?q=speech+therapy&sort=relevance'
      const nonceOf = (response: Awaited<ReturnType<typeof get>>) => /<script type="module" nonce="([^"]+)"/.exec(response.body)?.[1]
      const first = await get(url)
      const second = await get(url)
      assert.equal(first.headers['x-page-cache'], 'miss')
      assert.equal(second.headers['x-page-cache'], 'hit')
      for (const response of [first, second]) {
        const nonce = nonceOf(response)
        assert.ok(nonce && nonce.length >= 16, 'a nonce in the page')
        assert.ok((response.headers['content-security-policy'] as string).includes(`'nonce-${nonce}'`), 'the page\'s nonce is the header\'s')
      }
      assert.notEqual(nonceOf(first), nonceOf(second))
      // The same page but for what each response fills in: its nonce and its visitor's form token.
      const shared = (response: Awaited<ReturnType<typeof get>>) => response.body.replaceAll(nonceOf(response)!, '').replace(/name="_csrf" value="[^"]+"/g, '')
      assert.equal(shared(second), shared(first))

      // A listing renamed and reindexed: the next request sees the new name, not the kept page.
      const { db } = testApp.services.store
      const id = seedId(CAT_SERVICE)
      const { name } = await db.selectFrom('services').select('name').where('id', '=', id).executeTakeFirstOrThrow()
      await db.updateTable('services').set({ name: `${name} (renamed)` }).where('id', '=', id).execute()
      await indexSubjects(testApp.services.store, [id])
      const renamed = await get('/search?q=autism')
      assert.equal(renamed.headers['x-page-cache'], 'miss')
      assert.ok(text(renamed.body).includes(`${name} (renamed)`))
      await db.updateTable('services').set({ name }).where('id', '=', id).execute()
      await indexSubjects(testApp.services.store, [id])
      assert.ok(!text((await get('/search?q=autism')).body).includes('(renamed)'))
    })

    test('service and school pages describe themselves in schema.org JSON-LD, which no value can break out of', async () => {
      const structured = (html: string) => {
        const found = /<script type="application\/ld\+json" nonce="[^"]+">([^<]*)<\/script>/.exec(html)
        assert.ok(found, 'a JSON-LD script')
        return JSON.parse(found[1]!) as Record<string, unknown>
      }
      const { db } = testApp.services.store
      const id = seedId(CAT_SERVICE)
      const service = structured((await get(`/services/${id}`)).body)
      assert.equal(service['@type'], 'Service')
      assert.equal(service.name, 'Communication and Autism Team (CAT)')
      assert.match(String(service.url), new RegExp(`/services/${id}$`))
      assert.equal((service.provider as Record<string, unknown>)['@type'], 'Organization')

      const school = await db.selectFrom('schools').select(['id', 'urn']).where('urn', 'is not', null).executeTakeFirstOrThrow()
      const schoolData = structured((await get(`/schools/${school.id}`)).body)
      assert.equal(schoolData['@type'], 'School')
      assert.deepEqual(schoolData.identifier, { '@type': 'PropertyValue', propertyID: 'URN', value: school.urn })

      const { name } = await db.selectFrom('services').select('name').where('id', '=', id).executeTakeFirstOrThrow()
      const hostile = 'Club </script><script>alert(1)</script>'
      await db.updateTable('services').set({ name: hostile }).where('id', '=', id).execute()
      try {
        const page = (await get(`/services/${id}`)).body
        assert.ok(!page.includes('<script>alert(1)'), 'the name cannot open a script')
        assert.equal(structured(page).name, hostile)
      } finally {
        await db.updateTable('services').set({ name }).where('id', '=', id).execute()
      }
    })

    test('an unknown filter value is ignored and said so', async () => {
      const response = await get('/search?q=autism&need=unicorns&colour=blue')
      assert.equal(response.statusCode, 200)
      assert.ok(text(response.body).includes('not recognised and have been ignored: colour, need'))
    })

    test('an invalid postcode shows an error summary linking to the field', async () => {
      const response = await get('/search?q=autism&postcode=XYZ')
      assert.equal(response.statusCode, 200)
      assert.match(response.body, /govuk-error-summary/)
      assert.match(response.body, /href="#postcode"/)
      assert.match(await get('/search?q=autism&postcode=XYZ').then((r) => r.body), /<title>Error: /)
    })

    test('a search that finds nothing suggests what to do, and what is near', async () => {
      const page = text((await get('/search?q=zzzzqqq&postcode=WC1A+1AA')).body)
      assert.ok(page.includes('No results found'))
      assert.ok(page.includes('check the spelling'))
      assert.ok(page.includes('Near WC1A 1AA'))
    })

    test('a service page says who it is for, how to get it, cost, contacts, where and when it was last checked', async () => {
      const response = await get(`/services/${seedId(CAT_SERVICE)}`)
      assert.equal(response.statusCode, 200)
      const page = text(response.body)
      for (const heading of ['Who it is for', 'How to get it', 'Cost', 'Contact', 'Where', 'Last checked', 'Where this information comes from']) {
        assert.ok(page.includes(heading), heading)
      }
      assert.ok(page.includes('The source document gives no address.'))
      assert.match(response.body, /govuk-breadcrumbs/)
    })

    test('a school from the register is labelled outside the home council, never hidden', async () => {
      const search = await get('/search?kind=schools&q=thomas')
      const page = text(search.body)
      assert.ok(page.includes("St Thomas' CofE Primary School"))
      assert.ok(page.includes('Outside Birmingham City Council'))
      const link = /href="(\/schools\/[0-9a-f-]{36})">St Thomas/.exec(search.body)
      assert.ok(link)
      const school = text((await get(link[1]!)).body)
      assert.ok(school.includes('100492'))
      assert.ok(school.includes('Get Information about Schools'))
      assert.ok(school.includes('This is outside Birmingham City Council'))
    })

    test('a seed school page shows its SENCO up front and its published report', async () => {
      const search = await get('/search?q=Cromwell&kind=schools')
      const link = /href="(\/schools\/[0-9a-f-]{36})">Cromwell Primary School/.exec(search.body)
      assert.ok(link, 'Cromwell found')
      const page = text((await get(link[1]!)).body)
      assert.ok(page.includes('Special educational needs coordinator (SENCO)'))
      assert.ok(page.includes('SEN information report'))
      assert.ok(page.includes('Raising a Concern'))
    })

    test('unknown pages and malformed ids are a friendly 404', async () => {
      for (const url of ['/nowhere', '/services/not-a-uuid', '/services/00000000-0000-4000-8000-000000000000', '/schools/%00']) {
        const response = await get(url)
        assert.equal(response.statusCode, 404, url)
        assert.ok(text(response.body).includes('Page not found'), url)
      }
    })

    test('health reports the store', async () => {
      const response = await get('/health')
      assert.deepEqual(response.json(), { status: 'ok', store: kind })
    })

    test('assets are served', async () => {
      assert.equal((await get('/static/application.css')).statusCode, 200)
      assert.equal((await get('/static/govuk-frontend.min.js')).statusCode, 200)
      assert.equal((await get('/static/../package.json')).statusCode, 404)
    })
  })
}

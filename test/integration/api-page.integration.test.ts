// The developers' guide to the ORUK API (/developers), served by the real app over the demo data.
// It must describe what the API really serves: each endpoint it lists answers, each example works.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { PROJECT_ROOT } from '../../src/config.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { STORE_KINDS } from '../support/stores.js'

const postgres = Boolean(process.env.TEST_DATABASE_URL)

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
}

/** The curl commands the page shows, as the addresses they fetch. */
function exampleUrls(html: string): string[] {
  return [...html.matchAll(/curl &#39;([^&]+(?:&amp;[^&]+)*)&#39;/g)].map((match) => match[1]!.replace(/&amp;/g, '&'))
}

for (const kind of STORE_KINDS) {
  describe(`developers' page [${kind}]`, { skip: kind === 'postgres' && !postgres ? 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' : false }, () => {
    let testApp: TestApp
    let html: string
    before(async () => {
      testApp = await buildTestApp(kind)
      const response = await testApp.app.inject({ method: 'GET', url: '/developers' })
      assert.equal(response.statusCode, 200)
      assert.match(String(response.headers['content-type']), /^text\/html/)
      html = response.body
    })
    after(async () => {
      await testApp.close()
    })

    test('is a GOV.UK page titled for developers, with a contents list that links to its sections', () => {
      assert.match(html, /<h1 class="govuk-heading-l">Open data API for developers<\/h1>/)
      assert.match(html, /<title>Open data API for developers – /)
      assert.match(html, /govuk-breadcrumbs/)
      const targets = [...html.matchAll(/<a class="govuk-link" href="#([a-z]+)">/g)].map((match) => match[1]!)
      assert.ok(targets.length >= 8)
      for (const id of targets) assert.match(html, new RegExp(`<h2 class="govuk-heading-m" id="${id}">`), `section ${id}`)
    })

    test('lists every path of the standard’s OpenAPI document, and each one it lists answers', async () => {
      const page = text(html)
      const official = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'data/oruk/3.0/openapi.json'), 'utf8')) as { paths: Record<string, unknown> }
      for (const path of Object.keys(official.paths)) assert.ok(page.includes(`GET ${path}`), `GET ${path} is described`)
      const listed = [...page.matchAll(/GET (\/[a-z_./]*)(?=\s)/g)].map((match) => match[1]!).filter((path) => !path.includes('{'))
      assert.ok(listed.length >= 6)
      for (const path of listed) assert.equal((await testApp.app.inject({ method: 'GET', url: `/api/oruk${path}` })).statusCode, 200, path)
    })

    test('explains every query parameter the API takes', () => {
      const page = text(html)
      for (const name of ['search', 'page', 'per_page', 'format', 'taxonomy_term_id', 'taxonomy_id', 'organization_id', 'modified_after', 'minimal', 'full', 'full_service', 'top_only', 'parent_id', 'postcode', 'proximity']) {
        assert.match(html, new RegExp(`<code>${name}</code>`), name)
      }
      assert.ok(page.includes('from 1 to 500'), 'the per_page limit the API enforces')
    })

    test('gives the id of every taxonomy term the API publishes', async () => {
      const terms = (await testApp.app.inject({ method: 'GET', url: '/api/oruk/taxonomy_terms?per_page=100' })).json<{ contents: Array<{ id: string; name: string }> }>()
      assert.ok(terms.contents.length > 20)
      for (const term of terms.contents) assert.ok(html.includes(term.id), `${term.name} (${term.id})`)
    })

    test('every curl example works as written', async () => {
      const urls = exampleUrls(html)
      assert.ok(urls.length >= 4, `examples: ${urls.join(', ')}`)
      for (const url of urls) {
        const { pathname, search } = new URL(url)
        const response = await testApp.app.inject({ method: 'GET', url: `${pathname}${search}` })
        assert.equal(response.statusCode, 200, url)
      }
    })

    test('covers paging, limits, errors and the licence', () => {
      const page = text(html)
      for (const words of ['total_items', 'format=ndjson', 'modified_after', 'no fixed request limit', '400', '404', '405', '"parameter": "per_page"', 'Open Referral UK', 'BSD 3-Clause', 'Open Government Licence']) {
        assert.ok(page.includes(words), words)
      }
      assert.match(html, /href="http:\/\/localhost:80\/api\/oruk\/openapi.json"/)
    })

    test('has no catalogue key showing in place of its text', () => {
      // A missing key shows itself (src/web/i18n), and this page builds its keys from parts.
      assert.doesNotMatch(text(html), /\bapi\.[a-zA-Z]+\.[a-zA-Z]/)
    })
  })
}

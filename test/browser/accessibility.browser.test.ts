// axe-core, WCAG 2.2 AA rules, on every kind of page, in a real Chromium at desktop width and at
// 320 px (WCAG 1.4.10 reflow: no sideways scrolling). Zero violations; no rule is switched off.
import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import type { Page } from 'playwright-core'
import { checkAccessibility, describeInBrowser, findDemoPages, scrollWidth, withBrowser, type DemoPages } from '../support/browser.js'

interface PageType {
  name: string
  path: (demo: DemoPages) => string
  /** The page's h1, so we know the right page was checked (not, say, a 404 by mistake). */
  heading: string | RegExp | ((demo: DemoPages) => string)
  status?: number
  /** Something else that must be on the page for the check to mean what it says. */
  shows?: string | RegExp
}

const PAGE_TYPES: PageType[] = [
  { name: 'home', path: () => '/', heading: 'Find help for children and young people with SEND' },
  {
    name: 'search results with filters and a postcode',
    path: () => '/search?q=autism&postcode=WC1A+1AA&sort=distance&age=5-11',
    heading: 'Results for ‘autism’',
    shows: 'Distances are from WC1A 1AA.',
  },
  { name: 'search with no results', path: () => '/search?q=zzzzqqq', heading: 'Results for ‘zzzzqqq’', shows: 'No results found' },
  { name: 'search with an invalid postcode', path: () => '/search?q=autism&postcode=XYZ', heading: 'Results for ‘autism’', shows: 'There is a problem' },
  { name: 'service', path: (demo) => demo.service, heading: 'Communication and Autism Team (CAT)', shows: 'Who it is for' },
  { name: 'school from the seed documents', path: (demo) => demo.seedSchool, heading: 'Cromwell Primary School', shows: 'SEN information report' },
  { name: 'school from the GIAS register', path: (demo) => demo.registerSchool, heading: (demo) => demo.registerSchoolName, shows: 'Unique reference number (URN)' },
  { name: 'about', path: () => '/about', heading: 'About the data' },
  { name: 'developers (open data API)', path: () => '/developers', heading: 'Open data API for developers', shows: 'Query parameters' },
  { name: 'school report by parents’ questions', path: (demo) => `${demo.seedSchool}/report`, heading: 'SEN information report: Cromwell Primary School', shows: 'What this report does not tell you' },
  { name: 'school report by Schedule 1 item', path: (demo) => `${demo.seedSchool}/report?view=items`, heading: 'SEN information report: Cromwell Primary School', shows: 'What the law asks the report to cover' },
  { name: 'school report for young people', path: (demo) => `${demo.seedSchool}/report?view=young-people`, heading: 'SEN information report: Cromwell Primary School', shows: 'Your questions' },
  { name: 'school report not held', path: (demo) => `${demo.registerSchool}/report`, heading: (demo) => `SEN information report: ${demo.registerSchoolName}`, shows: 'The council does not hold a copy' },
  { name: 'compare schools (the form)', path: () => '/compare', heading: 'Compare schools’ SEN information reports', shows: 'Choose 2 or 3 schools' },
  {
    name: 'compare schools with an error',
    path: (demo) => `/compare?school=${demo.seedSchool.split('/').pop()}&school=${demo.registerSchool.split('/').pop()}`,
    heading: 'Compare schools’ SEN information reports',
    shows: 'There is a problem',
  },
  { name: 'council view of schools’ reports', path: () => '/council/reports', heading: 'Schools’ SEN information reports: council view', shows: 'No report held' },
  { name: 'not found', path: () => '/no-such-page', heading: 'Page not found', status: 404 },
]

const WIDTHS = [
  { label: 'desktop', width: 1280, height: 900 },
  { label: '320 px', width: 320, height: 640 },
]

describeInBrowser('accessibility (axe, WCAG 2.2 AA) in Chromium', () => {
  const harness = withBrowser()
  let demo: DemoPages
  const pages = new Map<number, Page>()

  before(async () => {
    demo = await findDemoPages(harness.server)
    for (const { width, height } of WIDTHS) {
      const { page } = await harness.newPage({ viewport: { width, height } })
      pages.set(width, page)
    }
  })

  for (const { label, width } of WIDTHS) {
    for (const type of PAGE_TYPES) {
      test(`${type.name}, ${label}: no violations${width <= 320 ? ', no sideways scrolling' : ''}`, async () => {
        const page = pages.get(width)!
        const response = await page.goto(type.path(demo))
        assert.equal(response?.status(), type.status ?? 200)
        const heading = typeof type.heading === 'function' ? type.heading(demo) : type.heading
        await page.getByRole('heading', { level: 1, name: heading }).waitFor()
        if (type.shows) await page.getByText(type.shows).first().waitFor()

        assert.deepEqual(await checkAccessibility(page), [], `axe violations on ${type.path(demo)} at ${width} px`)
        if (width <= 320) {
          assert.ok((await scrollWidth(page)) <= width, `${type.path(demo)} scrolls sideways at ${width} px: content is ${await scrollWidth(page)} px wide`)
        }
      })
    }
  }

  test('320 px: the service navigation menu, opened, has no violations', async () => {
    const page = pages.get(320)!
    await page.goto('/')
    const menu = page.getByRole('button', { name: 'Menu' })
    await menu.click()
    assert.equal(await menu.getAttribute('aria-expanded'), 'true')
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'About the data' }).waitFor()
    assert.deepEqual(await checkAccessibility(page), [])
    assert.ok((await scrollWidth(page)) <= 320)
  })

  for (const { label, width } of WIDTHS) {
    test(`compare two schools chosen with the form (no JavaScript needed), ${label}: no violations`, async () => {
      const page = pages.get(width)!
      await page.goto('/compare')
      const boxes = page.getByRole('group', { name: 'Choose 2 or 3 schools' }).getByRole('checkbox')
      await boxes.nth(0).check()
      await boxes.nth(1).check()
      await page.getByRole('button', { name: 'Compare' }).click()
      await page.getByRole('heading', { level: 2, name: 'Parents’ questions' }).waitFor()
      assert.deepEqual(await checkAccessibility(page), [])
      if (width <= 320) assert.ok((await scrollWidth(page)) <= width, `compare scrolls sideways at ${width} px`)
    })
  }

  test('an error summary takes focus, and its checks still pass', async () => {
    const page = pages.get(1280)!
    await page.goto('/search?q=autism&postcode=XYZ')
    assert.match(await page.title(), /^Error: /)
    const focused = await page.evaluate<string>('document.activeElement?.className ?? ""')
    assert.match(focused, /govuk-error-summary/)
    assert.deepEqual(await checkAccessibility(page), [])
  })
})

// The main journeys a parent takes, in a real Chromium, found the way a person (or a screen
// reader) finds things: by role, label and visible text. JavaScript on, and again with it off.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { describeInBrowser, findDemoPages, withBrowser, type DemoPages, type OpenedPage } from '../support/browser.js'

const CAT = 'Communication and Autism Team (CAT)'

/** "8 results" → 8, from the live count above the results. */
async function resultCount(page: Page): Promise<number> {
  const text = (await page.getByRole('status').textContent()) ?? ''
  const match = /(\d+) results?/.exec(text)
  assert.ok(match, `no result count in "${text}"`)
  return Number(match[1])
}

/** The number in a filter's label, like "Health (4)". */
function labelCount(label: string): number {
  const match = /\((\d+)\)\s*$/.exec(label.trim())
  assert.ok(match, `no count in the label "${label}"`)
  return Number(match[1])
}

/** Submits a search from the home page's form. */
async function searchFromHome(page: Page, words: string, postcode?: string): Promise<void> {
  await page.goto('/')
  await page.getByRole('searchbox', { name: 'What are you looking for?' }).fill(words)
  if (postcode !== undefined) await page.getByLabel('Postcode (optional)').fill(postcode)
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  await page.waitForURL(/\/search\?/)
}

/** Journey (a): a misspelt search, the correction, the result, and the service page. */
async function misspeltSearchToService(page: Page): Promise<void> {
  await searchFromHome(page, 'autisum')
  await page.getByText('Showing results for ‘autism’').waitFor()
  assert.ok((await resultCount(page)) > 0)

  const result = page.getByRole('link', { name: CAT, exact: true })
  await result.click()
  await page.waitForURL(/\/services\//)
  await page.getByRole('heading', { level: 1, name: CAT }).waitFor()

  // Who it is for, how to get it, contact, and when it was last checked.
  for (const heading of ['Who it is for', 'How to get it', 'Contact']) {
    assert.ok(await page.getByRole('heading', { level: 2, name: heading, exact: true }).isVisible(), `heading "${heading}"`)
  }
  assert.ok(await page.getByText('Needs it supports').isVisible())
  assert.ok(await page.getByText('Autism (ASD, ASC)').isVisible())
  assert.ok(await page.getByText('Last checked', { exact: false }).first().isVisible())
  assert.match(await page.title(), new RegExp(`^${CAT.replace(/[()]/g, '\\$&')} – `))
}

/** Journey (b): browse by area of need, read the counts, narrow with a filter. */
async function browseByNeedAndFilter(page: Page): Promise<void> {
  await page.goto('/')
  await page.getByRole('heading', { name: 'Browse by area of need' }).waitFor()
  await page.getByRole('link', { name: 'Communication and interaction', exact: true }).click()
  await page.waitForURL(/need=communication-interaction/)

  const all = await resultCount(page)
  assert.ok(all > 1, `browsing found ${all}`)
  const chosen = page.getByRole('group', { name: 'Area of need' }).getByRole('checkbox', { name: /^Communication and interaction \(\d+\)$/ })
  assert.ok(await chosen.isChecked(), 'the area browsed to is ticked')

  // Every filter label says how many results it gives.
  const kindOfHelp = page.getByRole('group', { name: 'Kind of help' })
  const labels = await kindOfHelp.locator('label').allInnerTexts()
  assert.equal(labels.length, await kindOfHelp.getByRole('checkbox').count(), 'a label for every checkbox')
  assert.ok(labels.length >= 3, 'kind of help filters')
  for (const label of labels) labelCount(label)

  // Pick a kind of help that narrows the results, tick it and apply.
  const health = kindOfHelp.getByRole('checkbox', { name: /^Health \(\d+\)$/ })
  const healthLabel = labels.map((label) => label.trim()).find((label) => /^Health \(\d+\)$/.test(label))
  assert.ok(healthLabel, `no Health filter among ${labels.join(', ')}`)
  const expected = labelCount(healthLabel)
  assert.ok(expected > 0 && expected < all, `Health gives ${expected} of ${all}`)
  await health.check()
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await page.waitForURL(/kind=health/)

  assert.equal(await resultCount(page), expected, 'the count narrows to the number the label promised')
  assert.ok(await page.getByRole('group', { name: 'Kind of help' }).getByRole('checkbox', { name: /^Health \(\d+\)$/ }).isChecked())
  assert.ok(await page.getByRole('group', { name: 'Area of need' }).getByRole('checkbox', { name: /^Communication and interaction \(\d+\)$/ }).isChecked())
}

/** Journey (d): an invalid postcode, the error summary, its link to the field. */
async function invalidPostcode(page: Page, javaScript: boolean): Promise<void> {
  await searchFromHome(page, 'autism', 'XYZ')
  assert.match(await page.title(), /^Error: /)
  const summary = page.getByRole('alert')
  await summary.getByRole('heading', { name: 'There is a problem' }).waitFor()
  const link = summary.getByRole('link', { name: /Enter a real postcode/ })
  assert.equal(await link.getAttribute('href'), '#postcode')

  const field = page.getByLabel('Postcode', { exact: true })
  assert.equal(await field.inputValue(), 'XYZ', 'what was typed is kept')
  const describedBy = (await field.getAttribute('aria-describedby')) ?? ''
  const description = await Promise.all(describedBy.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()))
  assert.match(description.join(' '), /Error:\s*Enter a real postcode/, 'the field is described by its error')

  await link.click()
  if (javaScript) {
    // GOV.UK Frontend's error summary moves focus to the field itself.
    assert.equal(await page.evaluate<string | undefined>('document.activeElement?.id'), 'postcode')
  } else {
    assert.match(page.url(), /#postcode$/)
  }
}

describeInBrowser('journeys in Chromium', () => {
  const harness = withBrowser()
  let demo: DemoPages

  before(async () => {
    demo = await findDemoPages(harness.server)
  })

  describe('with JavaScript', () => {
    let opened: OpenedPage
    before(async () => {
      opened = await harness.newPage({ viewport: { width: 1280, height: 900 } })
    })

    test('(a) a parent misspells autism, is put right, finds the team and reads who it is for', async () => {
      await misspeltSearchToService(opened.page)
    })

    test('(b) browse by area of need: counts in the filter labels, and a filter narrows the count', async () => {
      await browseByNeedAndFilter(opened.page)
    })

    test('(c) a postcode search sorted nearest first lists distances in ascending order', async () => {
      const { page } = opened
      await searchFromHome(page, 'school', 'WC1A 1AA')
      await page.getByText('Distances are from WC1A 1AA.').waitFor()
      await page.getByRole('link', { name: 'Nearest first' }).click()
      await page.waitForURL(/sort=distance/)
      assert.ok(await page.getByText('Nearest first', { exact: true }).isVisible())

      // Each result is a list item with a heading; those with an address say how far away.
      const results = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) })
      const lines = await results.allInnerTexts()
      assert.ok(lines.length > 0)
      const miles = lines.map((line) => /([\d.]+) miles away/.exec(line)?.[1]).map((value) => (value === undefined ? undefined : Number(value)))
      const distances = miles.filter((value): value is number => value !== undefined)
      assert.ok(distances.length >= 2, `only ${distances.length} results with a distance`)
      assert.deepEqual(distances, [...distances].sort((a, b) => a - b), 'nearest first')
      // Results with no address come after every result with one.
      const firstWithout = miles.findIndex((value) => value === undefined)
      if (firstWithout >= 0) assert.ok(miles.slice(firstWithout).every((value) => value === undefined), 'no distance after a result without an address')
      assert.ok(await page.getByText(`${distances[0]!.toFixed(1)} miles away`).first().isVisible())
    })

    test('(d) an invalid postcode shows the error summary, which links to the postcode field', async () => {
      await invalidPostcode(opened.page, true)
    })

    test('(f) printing a service page leaves out the header, footer and breadcrumbs', async () => {
      const { page } = opened
      await page.goto(demo.service)
      const banner = page.getByRole('banner')
      const footer = page.getByRole('contentinfo')
      const breadcrumbs = page.getByRole('navigation', { name: 'Breadcrumb' })
      const serviceName = page.getByRole('link', { name: /Local Offer$/ })
      for (const part of [banner, footer, breadcrumbs, serviceName]) assert.ok(await part.isVisible(), 'on screen first')

      await page.emulateMedia({ media: 'print' })
      try {
        for (const [name, part] of Object.entries({ banner, footer, breadcrumbs, serviceName })) {
          assert.ok(await part.isHidden(), `${name} is not printed`)
        }
        assert.ok(await page.getByRole('heading', { level: 1, name: CAT }).isVisible(), 'the content is printed')
        assert.ok(await page.getByRole('heading', { name: 'Who it is for' }).isVisible())
      } finally {
        await page.emulateMedia({ media: 'screen' })
      }
    })

    test('no script errors or CSP refusals along the way', () => {
      assert.deepEqual(opened.errors, [])
    })
  })

  describe('(e) with JavaScript disabled', () => {
    let opened: OpenedPage
    before(async () => {
      opened = await harness.newPage({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false })
    })

    test('scripts really are off', async () => {
      await opened.page.goto('/')
      assert.doesNotMatch((await opened.page.locator('body').getAttribute('class')) ?? '', /js-enabled/)
    })

    test('(a) the misspelt search to the service page', async () => {
      await misspeltSearchToService(opened.page)
    })

    test('(b) browse by need and filter', async () => {
      await browseByNeedAndFilter(opened.page)
    })

    test('(d) the error summary links to the postcode field', async () => {
      await invalidPostcode(opened.page, false)
    })
  })
})

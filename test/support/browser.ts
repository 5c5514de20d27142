// Real-browser tests in a locally installed Chromium (Debian's `chromium` package), driven by
// playwright-core. Without a Chromium the browser suites are SKIPPED LOUDLY; with
// REQUIRE_BROWSER=1 (set it in CI) a missing Chromium is an error instead.
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { after, before, describe } from 'node:test'
import axe from 'axe-core'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'
import { buildStylesheet } from '../../src/web/assets/build.js'
import { buildTestApp, type TestApp } from './app.js'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
const browserRequired = process.env.REQUIRE_BROWSER === '1'

/** The Chromium to drive: CHROMIUM_PATH if set, else the first of the usual places that exists. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv
    process.emitWarning(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist.`)
    return undefined
  }
  return CANDIDATES.find((path) => existsSync(path))
}

export const chromiumPath = findChromium()

if (!chromiumPath) {
  if (browserRequired) {
    throw new Error(`REQUIRE_BROWSER=1 but no Chromium was found (set CHROMIUM_PATH, or install one at ${CANDIDATES.join(', ')}): the browser suite cannot be skipped here.`)
  }
  process.emitWarning(`No Chromium found (CHROMIUM_PATH, ${CANDIDATES.join(', ')}): the browser suites are SKIPPED. Install Debian's chromium package, or set REQUIRE_BROWSER=1 to make this an error.`)
}

/** The skip reason for a browser suite, or false when Chromium is here. */
export const browserSkip: string | false = chromiumPath ? false : 'Browser suite SKIPPED: no Chromium found'

/** describe() for a suite that needs the browser: skipped, with the reason, when there is none. */
export function describeInBrowser(title: string, suite: () => void): void {
  describe(title, { skip: browserSkip }, suite)
}

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error('No Chromium found')
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: LAUNCH_ARGS })
}

export interface TestServer {
  /** Like http://127.0.0.1:41234, without a trailing slash. */
  baseUrl: string
  testApp: TestApp
  close(): Promise<void>
}

/** The whole app with the demo data on a fresh in-memory SQLite store, listening on a free local port. */
export async function startServer(): Promise<TestServer> {
  // The stylesheet is generated (and git-ignored): build it when the SCSS is newer, as `npm start` does.
  buildStylesheet()
  const testApp = await buildTestApp('sqlite')
  await testApp.app.listen({ host: '127.0.0.1', port: 0 })
  const address = testApp.app.server.address() as AddressInfo
  return { baseUrl: `http://127.0.0.1:${address.port}`, testApp, close: () => testApp.close() }
}

export interface OpenedPage {
  page: Page
  context: BrowserContext
  /** Uncaught script errors and console errors (CSP refusals show up here), as they happen. */
  errors: string[]
}

export interface BrowserHarness {
  readonly browser: Browser
  readonly baseUrl: string
  /** The app's own handle (services, store), for tests that need to look something up. */
  readonly server: TestServer
  /** A page in a context of its own (fresh cookies and settings); closed after the suite. */
  newPage(options?: BrowserContextOptions): Promise<OpenedPage>
  /** An absolute address on the test server. */
  url(path: string): string
}

/**
 * Call inside a describe: starts Chromium and the app before the suite's first test and closes
 * both (and every context opened through it) after its last.
 */
export function withBrowser(): BrowserHarness {
  let browser: Browser | undefined
  let server: TestServer | undefined
  const contexts: BrowserContext[] = []

  before(async () => {
    ;[browser, server] = await Promise.all([launchBrowser(), startServer()])
  })
  after(async () => {
    await Promise.allSettled(contexts.map((context) => context.close()))
    await browser?.close()
    await server?.close()
  })

  const harness: BrowserHarness = {
    get browser() {
      if (!browser) throw new Error('browser not started yet')
      return browser
    },
    get server() {
      if (!server) throw new Error('server not started yet')
      return server
    },
    get baseUrl() {
      return harness.server.baseUrl
    },
    url(path: string) {
      return `${harness.baseUrl}${path}`
    },
    async newPage(options: BrowserContextOptions = {}) {
      const context = await harness.browser.newContext({ baseURL: harness.baseUrl, ...options })
      contexts.push(context)
      // Fail in seconds, not Playwright's default 30: every page here is served locally.
      context.setDefaultTimeout(10_000)
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`)
      })
      return { page, context, errors }
    },
  }
  return harness
}

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: the public sector accessibility regulations' bar. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

interface AxeNode {
  target: unknown[]
  failureSummary?: string
}

interface AxeViolation {
  id: string
  impact?: string | null
  help: string
  helpUrl: string
  nodes: AxeNode[]
}

/** One violation as a line a person can act on: rule, impact, what it means and where it fails. */
export function formatViolation(violation: AxeViolation): string {
  const targets = violation.nodes.map((node) => node.target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : String(part))).join(' '))
  const summary = violation.nodes[0]?.failureSummary?.replace(/\s+/g, ' ').trim()
  return `${violation.id} [${violation.impact ?? 'unknown'}] ${violation.help} (${violation.helpUrl}) at: ${targets.join(' | ')}${summary ? ` – ${summary}` : ''}`
}

/**
 * Runs axe-core on the page as it is now, with the WCAG 2.2 AA rules, and returns its violations,
 * each formatted (see formatViolation): assert the list is empty.
 * `disableRules` switches rules off: give each one a reason where you call this.
 */
export async function checkAccessibility(page: Page, options: { disableRules?: string[] } = {}): Promise<string[]> {
  // (Page functions here avoid DOM types: the project compiles without the DOM library.)
  const loaded = await page.evaluate<boolean>('typeof window.axe === "object"')
  if (!loaded) {
    // Not page.addScriptTag({ content: axe.source }): the pages' CSP refuses inline scripts
    // (only the one with the nonce runs), so the tag would be blocked, with a console error,
    // unless the context bypassed CSP, which would stop the tests seeing CSP breakage.
    // Evaluating the source through the DevTools protocol is not subject to the page's CSP.
    await page.evaluate(axe.source)
  }
  const rules = Object.fromEntries((options.disableRules ?? []).map((id) => [id, { enabled: false }]))
  const violations = await page.evaluate(
    async ({ tags, rules }) => {
      const scope = globalThis as unknown as { document: unknown; axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }
      const result = await scope.axe.run(scope.document, { runOnly: { type: 'tag', values: tags }, rules, resultTypes: ['violations'] })
      return result.violations
    },
    { tags: WCAG_TAGS, rules },
  )
  return (violations as AxeViolation[]).map(formatViolation)
}

/**
 * axe at the page's own width, then again at 320 px (where the page must not scroll sideways),
 * then back: one call checks a page as a desktop and as a small phone sees it.
 */
export async function checkAtBothWidths(page: Page, what: string): Promise<void> {
  assert.deepEqual(await checkAccessibility(page), [], `axe violations on ${what}`)
  const size = page.viewportSize()
  await page.setViewportSize({ width: 320, height: 640 })
  assert.ok((await scrollWidth(page)) <= 320, `${what} scrolls sideways at 320 px`)
  assert.deepEqual(await checkAccessibility(page), [], `axe violations on ${what} at 320 px`)
  if (size) await page.setViewportSize(size)
}

/** Whether the page scrolls sideways: the content is wider than the viewport. */
export async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth')
}

export interface DemoPages {
  /** The Communication and Autism Team's service page (from the Cromwell Primary School document). */
  service: string
  /** Cromwell Primary School: a school from the seed documents, with its SEN information report. */
  seedSchool: string
  /** A school the GIAS register supplied (the first by URN), and its name. */
  registerSchool: string
  registerSchoolName: string
}

/** Addresses of detail pages in the demo data; school ids are random, so they are looked up. */
export async function findDemoPages(server: TestServer): Promise<DemoPages> {
  const db = server.testApp.services.store.db
  const service = await db.selectFrom('services').select('id').where('name', '=', 'Communication and Autism Team (CAT)').executeTakeFirstOrThrow()
  const seedSchool = await db
    .selectFrom('schools')
    .innerJoin('organisations', 'organisations.id', 'schools.id')
    .select('schools.id')
    .where('organisations.name', '=', 'Cromwell Primary School')
    .where('schools.data_source', '!=', 'gias')
    .executeTakeFirstOrThrow()
  const registerSchool = await db
    .selectFrom('schools')
    .innerJoin('organisations', 'organisations.id', 'schools.id')
    .select(['schools.id', 'organisations.name'])
    .where('schools.data_source', '=', 'gias')
    .orderBy('schools.urn')
    .executeTakeFirstOrThrow()
  return {
    service: `/services/${service.id}`,
    seedSchool: `/schools/${seedSchool.id}`,
    registerSchool: `/schools/${registerSchool.id}`,
    registerSchoolName: registerSchool.name,
  }
}

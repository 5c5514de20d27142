// The SEN information report editor in Chromium: a school's editor signs in, opens the editor
// from /manage, changes a section, checks it, saves (meeting a colleague's save on the way: the
// conflict page), sends it for approval and discards it; the import page with its error; the
// history. axe (WCAG 2.2 AA) on every page type at desktop width and at 320 px, and the same
// journey with JavaScript switched off (axe itself needs JavaScript, so it runs only with it).
import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import type { Page } from 'playwright-core'
import { hashPassword } from '../../src/accounts/passwords.js'
import { startSession } from '../../src/accounts/sessions.js'
import { createUser, setPassword } from '../../src/accounts/users.js'
import { checkAccessibility, describeInBrowser, scrollWidth, withBrowser } from '../support/browser.js'

const PASSWORD = 'copper meadow lantern 7'

async function checkPage(page: Page, what: string): Promise<void> {
  assert.deepEqual(await checkAccessibility(page), [], `axe violations on ${what}`)
  const width = page.viewportSize()?.width ?? 0
  if (width <= 320) assert.ok((await scrollWidth(page)) <= width, `${what} scrolls sideways at ${width} px`)
}

describeInBrowser('SEN information report editor in Chromium', () => {
  const harness = withBrowser()
  let schoolId = ''
  let colleagueId = ''

  before(async () => {
    const { db } = harness.server.testApp.services.store
    const school = await db
      .selectFrom('schools')
      .innerJoin('organisations', 'organisations.id', 'schools.id')
      .select('schools.id')
      .where('organisations.name', '=', 'Cromwell Primary School')
      .where('schools.data_source', '!=', 'gias')
      .executeTakeFirstOrThrow()
    schoolId = school.id
    const senco = await createUser(db, { email: 'senco@cromwell.example.org', name: 'Cromwell SENCO', role: null, organisationIds: [schoolId] })
    await setPassword(db, senco.id, await hashPassword(PASSWORD))
    colleagueId = (await createUser(db, { email: 'head@cromwell.example.org', name: 'Cromwell Head', role: null, organisationIds: [schoolId] })).id
  })

  /** A colleague saves a draft meanwhile, in a browser of their own. */
  async function colleagueSaves(javaScript: boolean, text: string): Promise<void> {
    const { page, context } = await harness.newPage({ javaScriptEnabled: javaScript })
    const token = await startSession(harness.server.testApp.services.store.db, colleagueId)
    await context.addCookies([{ name: 'lo_session', value: token, url: harness.baseUrl }])
    await page.goto(`/manage/schools/${schoolId}/report/edit`)
    await page.getByLabel('Your answer for item 7', { exact: true }).fill(text)
    await page.getByRole('button', { name: 'Save as draft' }).click()
    await page.getByText('Your draft is saved').waitFor()
    await context.close()
  }

  for (const { label, width, height, javaScript } of [
    { label: 'desktop', width: 1280, height: 900, javaScript: true },
    { label: '320 px', width: 320, height: 640, javaScript: true },
    { label: 'JavaScript off', width: 1280, height: 900, javaScript: false },
  ]) {
    test(`sign in → editor → change, check, save (a conflict on the way), send, discard; import and history, ${label}${javaScript ? ', axe clean' : ''}`, async () => {
      const { page, errors } = await harness.newPage({ viewport: { width, height }, javaScriptEnabled: javaScript })
      const noViolations = async (what: string) => {
        if (javaScript) await checkPage(page, what)
      }
      const sentence = `Parents can call Birmingham SENDIASS on 0121 303 5004 (${label}).`

      await page.goto('/sign-in')
      await page.getByLabel('Email address').fill('senco@cromwell.example.org')
      await page.getByLabel('Password').fill(PASSWORD)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByRole('heading', { level: 1, name: 'Your listings' }).waitFor()
      await page.getByRole('link', { name: 'Edit the SEN information report' }).click()
      await page.getByRole('heading', { level: 1, name: 'Edit the SEN information report: Cromwell Primary School' }).waitFor()
      await page.getByRole('heading', { level: 2, name: 'Item 11: Contact details of support services for parents (such as SENDIASS)' }).waitFor()
      await noViolations('the editor')

      const item11 = page.getByLabel('Your answer for item 11', { exact: true })
      await item11.fill(`${await item11.inputValue()}\n\n${sentence}`)
      await page.getByRole('button', { name: 'Check my report' }).first().click()
      await page.getByText('Nothing has been saved yet').waitFor()
      assert.ok((await page.getByLabel('Your answer for item 11', { exact: true }).inputValue()).includes(sentence), 'the check keeps what was typed')
      await noViolations('the editor after a check')

      // The form was opened before the colleague saved: saving it now meets the conflict page.
      await colleagueSaves(javaScript, `Parents meet the teacher every term (${label}).`)
      await page.getByRole('button', { name: 'Save as draft' }).click()
      await page.getByRole('heading', { level: 1, name: 'This report was changed since you opened it' }).waitFor()
      await page.getByText(sentence).first().waitFor()
      await noViolations('the conflict page')
      await page.getByRole('button', { name: 'Save my version' }).click()
      await page.getByText('Your draft is saved').waitFor()
      assert.ok((await page.getByLabel('Your answer for item 11', { exact: true }).inputValue()).includes(sentence))
      await noViolations('the editor with a draft')

      await page.getByRole('link', { name: 'History of changes' }).click()
      await page.getByRole('heading', { level: 1, name: 'History of the SEN information report: Cromwell Primary School' }).waitFor()
      await page.getByText('Draft:').first().waitFor()
      await noViolations('the history')
      await page.getByRole('link', { name: 'Edit the report' }).click()

      await page.getByRole('link', { name: 'Import a report from a document' }).first().click()
      await page.getByRole('heading', { level: 1, name: 'Import the SEN information report: Cromwell Primary School' }).waitFor()
      await noViolations('the import page')
      await page.getByRole('button', { name: 'Import as a draft' }).click()
      await page.getByRole('alert').getByText('Select the file with your report').waitFor()
      await noViolations('the import page with an error')
      await page.getByRole('link', { name: 'Go to the editor without importing' }).click()

      await page.getByRole('button', { name: 'Send for approval' }).click()
      await page.getByText('Your changes were sent to the council for approval').waitFor()
      await noViolations('the editor, sent for approval')
      // Nothing public changes until the council approves.
      const published = await page.context().request.get(`/schools/${schoolId}/report`)
      assert.doesNotMatch(await published.text(), /0121 303 5004/)
      await page.getByRole('button', { name: 'Discard the draft' }).click()
      await page.getByText('Your draft was discarded').waitFor()
      // The conflict (409) and the missing file (400) are pages the browser logs as failed loads; nothing else may fail.
      assert.deepEqual(errors.filter((error) => !/status of (?:409|400) /.test(error)), [], 'no script errors')
    })
  }
})

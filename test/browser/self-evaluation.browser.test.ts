// A school's self-evaluation grid in Chromium: a SENCO signs in, goes from /manage to the grid,
// is told about a comment that is too long, fills the grid in and saves it, meets someone else's
// save and saves over it deliberately, then opens the printable page; axe on every page type on the way, at desktop width and at 320 px. Then the
// same save with JavaScript switched off (axe itself needs JavaScript, so it runs only in the first).
import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import type { Page } from 'playwright-core'
import { hashPassword } from '../../src/accounts/passwords.js'
import { createUser, setPassword } from '../../src/accounts/users.js'
import type { ItemId } from '../../src/reports/schedule1.js'
import { saveAnswers } from '../../src/web/routes/staff/self-evaluation/store.js'
import { checkAccessibility, describeInBrowser, scrollWidth, withBrowser } from '../support/browser.js'

const PASSWORD = 'willow harbour crimson 9'
const SENCO = 'senco.cromwell@example.org'

async function checkPage(page: Page, what: string): Promise<void> {
  assert.deepEqual(await checkAccessibility(page), [], `axe violations on ${what}`)
  const width = page.viewportSize()?.width ?? 0
  if (width <= 320) assert.ok((await scrollWidth(page)) <= width, `${what} scrolls sideways at ${width} px`)
}

async function signIn(page: Page): Promise<void> {
  await page.goto('/sign-in')
  await page.getByLabel('Email address').fill(SENCO)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { level: 1, name: 'Your listings' }).waitFor()
}

describeInBrowser('self-evaluation in Chromium', () => {
  const harness = withBrowser()
  let schoolId = ''

  const stored = (itemId: string) =>
    harness.server.testApp.services.store.db.selectFrom('self_evaluations').select(['status', 'comment']).where('school_id', '=', schoolId).where('item_id', '=', itemId).executeTakeFirst()

  before(async () => {
    const { db } = harness.server.testApp.services.store
    const school = await db.selectFrom('organisations').select('id').where('name', '=', 'Cromwell Primary School').where('kind', '=', 'school').executeTakeFirstOrThrow()
    schoolId = school.id
    const user = await createUser(db, { email: SENCO, name: 'Cromwell SENCO', role: null, organisationIds: [schoolId] })
    await setPassword(db, user.id, await hashPassword(PASSWORD))
  })

  for (const { label, width, height } of [
    { label: 'desktop', width: 1280, height: 900 },
    { label: '320 px', width: 320, height: 640 },
  ]) {
    test(`sign in → grid → a refused comment → save → someone else’s save → printable page, ${label}, axe clean`, async () => {
      const { page, context, errors } = await harness.newPage({ viewport: { width, height } })
      // The grid is one long form (19 items, each with radios and a character count): allow more
      // than the harness's 10 seconds for it and for axe on a busy machine.
      context.setDefaultTimeout(30_000)
      await signIn(page)
      await page.getByRole('link', { name: 'Self-evaluation of the SEN information report' }).click()
      await page.getByRole('heading', { level: 1, name: 'Self-evaluation: Cromwell Primary School' }).waitFor()
      await checkPage(page, 'the grid')

      // The character count says so as you type; the server says so again when it is sent.
      const firstComment = page.getByLabel('Comments on item 1 (optional)')
      await firstComment.fill('x'.repeat(2001))
      await page.getByText('You have 1 character too many').first().waitFor()
      await page.getByRole('button', { name: 'Save self-evaluation' }).click()
      await page.getByRole('alert').getByText('Comments on item 1 must be 2,000 characters or fewer').waitFor()
      await checkPage(page, 'the grid with an error')

      const comment = `Reviewed with the SEND governor (${label})`
      await page.getByLabel('Comments on item 1 (optional)').fill('')
      await page.getByRole('group', { name: 'Is item 3a in place?' }).getByLabel('Partly').check()
      await page.getByLabel('Comments on item 3a (optional)').fill(comment)
      await page.getByRole('button', { name: 'Save self-evaluation' }).click()
      await page.getByRole('alert').getByText('Self-evaluation saved').waitFor()
      assert.ok(await page.getByRole('group', { name: 'Is item 3a in place?' }).getByLabel('Partly').isChecked(), 'the saved answer is shown')
      assert.equal(await page.getByLabel('Comments on item 3a (optional)').inputValue(), comment)
      assert.deepEqual(await stored('3a'), { status: 'partly', comment })
      await checkPage(page, 'the grid, saved')

      // Someone else saves while this grid is open: the save is refused and shows both answers.
      const { db } = harness.server.testApp.services.store
      const rows = await db.selectFrom('self_evaluations').select(['item_id', 'status', 'comment', 'version']).where('school_id', '=', schoolId).execute()
      const theirs = rows.map((row) => ({ itemId: row.item_id as ItemId, status: row.status, comment: row.item_id === '3a' ? `Someone else’s view (${label})` : row.comment }))
      const officer = await createUser(db, { email: `officer.${width}@example.org`, name: 'Officer', role: 'officer' })
      assert.ok((await saveAnswers(db, { schoolId, answers: theirs, expectedVersion: Math.max(...rows.map((row) => row.version)), actorId: officer.id })).ok)
      await page.getByRole('group', { name: 'Is item 3a in place?' }).getByLabel('In place', { exact: true }).check()
      await page.getByRole('button', { name: 'Save self-evaluation' }).click()
      await page.getByRole('heading', { level: 1, name: 'This self-evaluation has changed since you opened it' }).waitFor()
      await page.getByText(`Someone else’s view (${label})`).waitFor()
      await checkPage(page, 'the conflict page')
      await page.getByRole('button', { name: 'Save my answers instead' }).click()
      await page.getByRole('alert').getByText('Self-evaluation saved').waitFor()
      assert.deepEqual(await stored('3a'), { status: 'in-place', comment })

      await page.getByRole('link', { name: 'Printable version' }).click()
      await page.getByRole('table', { name: 'Self-evaluation against Schedule 1' }).waitFor()
      await page.getByRole('cell', { name: comment }).waitFor()
      await checkPage(page, 'the printable page')
      // The refused form (400) and the conflict (409) are answered as they should be; Chromium logs each as a console error.
      assert.deepEqual(errors.filter((error) => !/status of 40[09]/.test(error)), [], 'no script errors or CSP refusals')
    })
  }

  test('the grid saves with JavaScript switched off', async () => {
    const { page, context } = await harness.newPage({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false })
    context.setDefaultTimeout(30_000)
    await signIn(page)
    await page.goto(`/manage/schools/${schoolId}/self-evaluation`)
    await page.getByRole('heading', { level: 1, name: 'Self-evaluation: Cromwell Primary School' }).waitFor()
    await page.getByText('You can enter up to 2,000 characters').first().waitFor()
    await page.getByRole('group', { name: 'Is item 12 in place?' }).getByLabel('Not in place').check()
    await page.getByLabel('Comments on item 12 (optional)').fill('Nothing on moving to secondary school\nor on preparing for adulthood')
    await page.getByRole('button', { name: 'Save self-evaluation' }).click()
    await page.getByRole('alert').getByText('Self-evaluation saved').waitFor()
    assert.deepEqual(await stored('12'), { status: 'not-in-place', comment: 'Nothing on moving to secondary school\nor on preparing for adulthood' })
  })
})

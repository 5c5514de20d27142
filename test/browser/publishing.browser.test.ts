// The publishing workflow in Chromium, as its people use it: an administrator invites a provider's
// editor, who sets a password from the mailed link, signs in, edits her listing and sends it; two
// tabs at once meet the conflict page; an officer sends the change back with a reason, then
// approves it; the public page shows it. axe on every page on the way, at desktop width and at
// 320 px; and the edit → approve path again with JavaScript switched off.
import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import type { Page } from 'playwright-core'
import { hashPassword } from '../../src/accounts/passwords.js'
import { createUser, setPassword } from '../../src/accounts/users.js'
import { today } from '../../src/publishing/review-dates.js'
import { formatDate } from '../../src/web/plugins/format.js'
import { checkAtBothWidths, describeInBrowser, withBrowser } from '../support/browser.js'

const PASSWORD = 'copper meadow lantern 7'
const SERVICE = 'Communication and Autism Team (CAT)'

const checkPage = checkAtBothWidths

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in')
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByText('Signed in as').waitFor()
}

async function signOut(page: Page): Promise<void> {
  await page.goto('/manage')
  await page.getByRole('button', { name: 'Sign out', exact: true }).first().click()
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
}

describeInBrowser('publishing workflow in Chromium', () => {
  const harness = withBrowser()
  let organisationName: string
  let serviceId: string

  before(async () => {
    const { db } = harness.server.testApp.services.store
    const service = await db
      .selectFrom('services')
      .innerJoin('organisations', 'organisations.id', 'services.organisation_id')
      .select(['services.id', 'organisations.name', 'organisations.id as organisationId'])
      .where('services.name', '=', SERVICE)
      .executeTakeFirstOrThrow()
    serviceId = service.id
    organisationName = service.name
    for (const [email, role, organisationIds] of [
      ['admin@example.org', 'administrator', []],
      ['officer@example.org', 'officer', []],
      ['deputy@example.org', null, [service.organisationId]],
    ] as const) {
      const user = await createUser(db, { email, name: email.split('@')[0]!, role, organisationIds: [...organisationIds] })
      await setPassword(db, user.id, await hashPassword(PASSWORD))
    }
  })

  test('invite → set password → edit own listing → conflict → returned with a reason → approved → public sees it, axe clean', async () => {
    const { page } = await harness.newPage({ viewport: { width: 1280, height: 900 } })

    // The administrator invites the service's editor; the link arrives by mail (the outbox here).
    await signIn(page, 'admin@example.org')
    await page.goto('/admin/users')
    await page.getByLabel('Full name').fill('Provider Editor')
    await page.getByLabel('Email address').fill('editor@example.org')
    await page.getByLabel('Organisation editor').check()
    await page.getByLabel('Organisation', { exact: true }).selectOption({ label: organisationName })
    await page.getByRole('button', { name: 'Send invitation' }).click()
    await page.getByText('editor@example.org').first().waitFor()
    await signOut(page)
    await page.goto('/dev/outbox')
    await page.getByRole('link', { name: /You have an account/ }).first().click()
    const link = await page.getByRole('link', { name: /\/account\/set-password\?token=/ }).first().getAttribute('href')
    assert.ok(link, 'the mail holds the set-password link')
    await page.goto(link)
    await page.getByLabel('New password').fill(PASSWORD)
    await page.getByLabel('Type the password again').fill(PASSWORD)
    await page.getByRole('button', { name: 'Save password' }).click()
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
    await signIn(page, 'editor@example.org')

    // Her listings, and the edit form; an empty name is refused with a specific error.
    await page.getByRole('heading', { level: 1, name: 'Your listings' }).waitFor()
    await checkPage(page, 'your listings')
    await page.getByRole('link', { name: `Edit ${SERVICE}` }).click()
    await page.getByRole('heading', { level: 1, name: `Edit ${SERVICE}` }).waitFor()
    await checkPage(page, 'edit listing')
    await page.getByLabel('Name of the service').fill('')
    await page.getByRole('button', { name: 'Send for approval' }).click()
    await page.getByRole('alert').getByText('Enter the name of the service').waitFor()
    await checkPage(page, 'edit listing with an error')

    // Two tabs at once: the second save meets the conflict page, with both versions.
    const other = await page.context().newPage()
    await other.goto(`/manage/services/${serviceId}/edit`)
    await page.goto(`/manage/services/${serviceId}/edit`)
    await other.getByLabel('When it runs').fill('Tuesdays in term time')
    await other.getByRole('button', { name: 'Save as draft' }).click()
    await other.getByText('Your draft is saved').waitFor()
    await page.getByLabel('When it runs').fill('Wednesdays, all year')
    await page.getByRole('button', { name: 'Send for approval' }).click()
    await page.getByRole('heading', { level: 1, name: 'This listing was changed since you opened it' }).waitFor()
    await page.getByRole('cell', { name: 'Tuesdays in term time' }).waitFor()
    await page.getByRole('cell', { name: 'Wednesdays, all year' }).waitFor()
    await checkPage(page, 'conflict')
    await page.getByRole('button', { name: 'Save my version' }).click()
    await page.getByText('Your draft is saved').waitFor()
    await other.close()

    await page.getByLabel('What the service does').fill('Supports children with autism and their families, at home and in school. Now also a Saturday club.')
    await page.getByRole('button', { name: 'Send for approval' }).click()
    await page.getByText('sent to the council for approval').waitFor()
    await checkPage(page, 'edit listing, waiting for approval')
    await signOut(page)

    // The officer sends it back with a reason.
    await signIn(page, 'officer@example.org')
    await page.getByRole('link', { name: 'Changes waiting for approval' }).click()
    await checkPage(page, 'changes waiting')
    await page.getByRole('link', { name: SERVICE }).click()
    await page.getByRole('heading', { level: 1, name: `Changes to ${SERVICE}` }).waitFor()
    await page.getByText('Saturday club').first().waitFor()
    await checkPage(page, 'a change to review')
    await page.getByRole('button', { name: 'Send back' }).click()
    await page.getByRole('alert').getByText('Enter why you are sending the change back').waitFor()
    await checkPage(page, 'a change to review, with an error')
    await page.getByLabel('Why are you sending it back?').fill('Please say which Saturdays the club runs.')
    await page.getByRole('button', { name: 'Send back' }).click()
    await page.getByText('sent back with your reason').waitFor()
    await signOut(page)

    // The editor reads the reason, fixes it and sends it again.
    await signIn(page, 'editor@example.org')
    await page.goto(`/manage/services/${serviceId}/edit`)
    await page.getByText('Please say which Saturdays the club runs.').waitFor()
    await checkPage(page, 'edit listing, returned')
    await page.getByLabel('What the service does').fill('Supports children with autism and their families, at home and in school. Now also a Saturday club, on the first Saturday of each month.')
    await page.getByRole('button', { name: 'Send for approval' }).click()
    await page.getByText('sent to the council for approval').waitFor()
    await page.getByRole('link', { name: 'History of changes' }).click()
    await checkPage(page, 'history of changes')
    await signOut(page)

    // The public still sees the old text; the officer approves; now the public sees the new.
    await page.goto(`/services/${serviceId}`)
    assert.equal(await page.getByText('first Saturday of each month').count(), 0, 'not public before approval')
    await signIn(page, 'officer@example.org')
    await page.goto('/admin/changes')
    await page.getByRole('link', { name: SERVICE }).click()
    await page.getByRole('button', { name: 'Approve and publish' }).click()
    await page.getByText('approved and published').waitFor()
    await page.goto('/admin/freshness')
    await checkPage(page, 'freshness dashboard')
    await signOut(page)
    await page.goto(`/services/${serviceId}`)
    await page.getByText('first Saturday of each month').waitFor()
    await page.getByText(formatDate(today())).first().waitFor()
  })

  test('"still correct" in one click, axe clean', async () => {
    const { page } = await harness.newPage({ viewport: { width: 1280, height: 900 } })
    await signIn(page, 'deputy@example.org')
    await page.getByRole('link', { name: `Confirm it is still correct ${SERVICE}` }).click()
    await page.getByRole('heading', { level: 1, name: `Is ${SERVICE} still correct?` }).waitFor()
    await checkPage(page, 'still correct')
    await page.getByRole('button', { name: 'Yes, it is still correct' }).click()
    await page.getByText('Families will see that it was checked today').waitFor()
  })

  test('edit, send and approve with JavaScript switched off', async () => {
    const { page } = await harness.newPage({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false })
    await signIn(page, 'deputy@example.org')
    await page.goto(`/manage/services/${serviceId}/edit`)
    await page.getByLabel('Phone number').fill('0121 496 0123')
    await page.getByLabel('ADHD').check()
    await page.getByRole('button', { name: 'Send for approval' }).click()
    await page.getByText('sent to the council for approval').waitFor()
    await signOut(page)
    await signIn(page, 'officer@example.org')
    await page.goto('/admin/changes')
    await page.getByRole('link', { name: SERVICE }).click()
    await page.getByText('0121 496 0123').first().waitFor()
    await page.getByRole('button', { name: 'Approve and publish' }).click()
    await page.getByText('approved and published').waitFor()
    await page.goto(`/services/${serviceId}`)
    await page.getByText('0121 496 0123').first().waitFor()
  })
})

// "You said, we did" in Chromium, from the inbox item onwards: a parent's comment on a service page
// holds a phone number; the officer opens the publish page, sees the finding, removes it and
// publishes; the public page shows the comment without the number. axe on the publish page (with
// its finding), the public page and the annual review, at desktop width and at 320 px; and the
// same publish with JavaScript switched off (axe only with it on). The comment is seeded straight
// into the store: the comment form and the inbox are tested with their own pages.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { before, test } from 'node:test'
import type { Page } from 'playwright-core'
import { hashPassword } from '../../src/accounts/passwords.js'
import { createUser, setPassword } from '../../src/accounts/users.js'
import { checkAtBothWidths, describeInBrowser, withBrowser } from '../support/browser.js'

const PASSWORD = 'copper meadow lantern 7'
const OFFICER = 'feedback.officer@example.org'
const SERVICE = 'Communication and Autism Team (CAT)'

const checkPage = checkAtBothWidths

async function signIn(page: Page): Promise<void> {
  await page.goto('/sign-in')
  await page.getByLabel('Email address').fill(OFFICER)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByText('Signed in as').first().waitFor()
}

describeInBrowser('you said, we did in Chromium', () => {
  const harness = withBrowser()
  let servicePath: string
  let serviceId: string
  let organisationId: string

  before(async () => {
    const { db } = harness.server.testApp.services.store
    const service = await db.selectFrom('services').select(['id', 'organisation_id']).where('name', '=', SERVICE).executeTakeFirstOrThrow()
    serviceId = service.id
    organisationId = service.organisation_id
    servicePath = `/services/${service.id}`
    const officer = await createUser(db, { email: OFFICER, name: 'Feedback Officer', role: 'officer', organisationIds: [] })
    await setPassword(db, officer.id, await hashPassword(PASSWORD))
  })

  /** A parent's comment on the service page, as the comment form stores it, with the officer's response. */
  async function seedComment(comment: string, response: string): Promise<string> {
    const { db } = harness.server.testApp.services.store
    const id = randomUUID()
    const at = new Date().toISOString()
    await db
      .insertInto('feedback')
      .values({
        id,
        created_at: at,
        updated_at: at,
        page_path: servicePath,
        subject_kind: 'service',
        subject_id: serviceId,
        organisation_id: organisationId,
        kind: 'useful',
        useful: 0,
        problem: null,
        comment,
        contact_name: null,
        contact_email: null,
        contact_phone: null,
        consented_at: null,
        personal_data_deleted_at: null,
        state: 'in-progress',
        assigned_to: null,
        response,
        responded_at: at,
        responded_by: null,
      })
      .execute()
    await db.insertInto('feedback_themes').values({ feedback_id: id, theme: 'service-gap' }).execute()
    return id
  }

  test('the officer removes the phone number the check found and publishes; the public page shows it without the number; axe clean', async () => {
    const id = await seedComment('We need Saturday sessions for working parents. Please call me on 07700 900456 to talk about it.', 'We asked the team about weekend sessions.')
    const { page, errors } = await harness.newPage({ viewport: { width: 1280, height: 900 } })
    await signIn(page)

    await page.goto(`/admin/feedback/${id}/publish`)
    await page.getByRole('heading', { level: 1, name: 'Publish on ‘You said, we did’' }).waitFor()
    const finding = page.getByRole('group', { name: 'The phone number ‘07700 900456’ in ‘You said’' })
    await finding.waitFor()
    await checkPage(page, 'the publish page, with a finding')

    // Publishing before deciding is refused, and says why.
    await page.getByRole('button', { name: 'Publish' }).click()
    await page.getByRole('alert').getByText('Choose what to do with the phone number ‘07700 900456’ in ‘You said’').waitFor()
    await checkPage(page, 'the publish page, with an error')

    await page.getByRole('radio', { name: 'Remove it (replace it with ‘[phone number removed]’)' }).check()
    await page.getByLabel('What changed').fill('A Saturday group now runs once a month.')
    await page.getByRole('button', { name: 'Publish' }).click()
    await page.waitForURL(/\/you-said-we-did(\?page=\d+)?#entry-/)
    await page.getByRole('heading', { level: 1, name: 'You said, we did' }).waitFor()
    await page.getByText('Please call me on [phone number removed] to talk about it.').waitFor()
    assert.equal(await page.getByText('07700 900456').count(), 0, 'the number is not on the public page')
    assert.doesNotMatch(await page.content(), /900456/)
    await page.getByRole('heading', { level: 3, name: 'A gap in services' }).first().waitFor()
    await checkPage(page, 'the public page')

    await page.goto(`/admin/annual-review?year=${new Date().getUTCFullYear()}`)
    await page.getByRole('heading', { level: 1, name: `Annual review of feedback: ${new Date().getUTCFullYear()}` }).waitFor()
    await page.getByText('Please call me on [phone number removed] to talk about it.').waitFor()
    await checkPage(page, 'the annual review')
    // The refused publish is a 400 page, which Chromium logs; anything else is a script or CSP error.
    assert.deepEqual(errors.filter((error) => !/status of 400/.test(error)), [], 'no script errors')
  })

  test('the same with JavaScript switched off', async () => {
    const id = await seedComment('The listing has no weekend times. My number is 0121 496 0789 if you want to ask.', 'We added weekend times to the listing.')
    const { page } = await harness.newPage({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false })
    await signIn(page)
    await page.goto(`/admin/feedback/${id}/publish`)
    await page.getByRole('group', { name: 'The phone number ‘0121 496 0789’ in ‘You said’' }).waitFor()
    await page.getByRole('radio', { name: 'Remove it (replace it with ‘[phone number removed]’)' }).check()
    await page.getByRole('button', { name: 'Check again' }).click()
    await page.getByText('1 item was removed').waitFor()
    assert.equal(await page.getByLabel('You said', { exact: true }).inputValue(), 'The listing has no weekend times. My number is [phone number removed] if you want to ask.')
    await page.getByRole('button', { name: 'Publish' }).click()
    await page.waitForURL(/\/you-said-we-did/)
    await page.getByText('My number is [phone number removed] if you want to ask.').waitFor()
    assert.doesNotMatch(await page.content(), /496 0789/)
  })
})

// The feedback issue's whole journey in Chromium: a parent leaves a comment on a service page;
// the provider's editor and a council officer both see it; the officer responds and publishes it
// on "You said, we did", where the check catches the phone number the parent wrote and the
// officer removes it; the public page shows the comment and the response without the number.
import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import type { Page } from 'playwright-core'
import { hashPassword } from '../../src/accounts/passwords.js'
import { createUser, setPassword } from '../../src/accounts/users.js'
import { describeInBrowser, withBrowser } from '../support/browser.js'

const PASSWORD = 'juniper harbour 12 lantern'
const SERVICE = 'Communication and Autism Team (CAT)'
// From Ofcom's range kept for drama: nobody's number.
const COMMENT = 'We need Saturday sessions for working parents. Please ring me on 07700 900123.'

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in')
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByText('Signed in as').first().waitFor()
}

describeInBrowser('feedback, from a parent to "You said, we did", in Chromium', () => {
  const harness = withBrowser()
  let servicePath: string

  before(async () => {
    const { db } = harness.server.testApp.services.store
    const service = await db.selectFrom('services').select(['id', 'organisation_id']).where('name', '=', SERVICE).executeTakeFirstOrThrow()
    servicePath = `/services/${service.id}`
    for (const [email, role, organisationIds] of [
      ['provider@example.org', null, [service.organisation_id]],
      ['officer@example.org', 'officer', []],
    ] as const) {
      const user = await createUser(db, { email, name: email.split('@')[0]!, role, organisationIds: [...organisationIds] })
      await setPassword(db, user.id, await hashPassword(PASSWORD))
    }
  })

  test('comment → provider and officer see it → officer responds, removes the phone number, publishes → public page without it', async () => {
    const parent = (await harness.newPage({ viewport: { width: 390, height: 844 } })).page
    await parent.goto(servicePath)
    await parent.getByRole('button', { name: /^No/ }).click()
    await parent.getByLabel('Tell us more (optional)').fill(COMMENT)
    await parent.getByRole('button', { name: 'Send', exact: true }).click()
    await parent.getByText('We have your comment.').waitFor()

    const provider = (await harness.newPage({ viewport: { width: 1280, height: 900 } })).page
    await signIn(provider, 'provider@example.org')
    await provider.getByRole('link', { name: 'Feedback about your listings' }).click()
    await provider.getByText(COMMENT).first().waitFor()

    const officer = (await harness.newPage({ viewport: { width: 1280, height: 900 } })).page
    await signIn(officer, 'officer@example.org')
    await officer.getByRole('link', { name: 'Feedback from the public' }).click()
    await officer.getByRole('cell', { name: /Saturday sessions/ }).waitFor()
    await officer.getByRole('link', { name: /Open feedback received/ }).first().click()
    await officer.getByText(COMMENT).first().waitFor()
    await officer.getByLabel('Gap in services').check()
    await officer.getByLabel('The council’s response').fill('We asked the team about weekend sessions; a Saturday group starts in January.')
    await officer.getByRole('button', { name: 'Save' }).click()
    await officer.getByText('Your changes are saved.').waitFor()

    await officer.getByRole('link', { name: 'Publish on “You said, we did”' }).click()
    await officer.getByRole('group', { name: 'The phone number ‘07700 900123’ in ‘You said’' }).waitFor()
    await officer.getByRole('radio', { name: 'Remove it (replace it with ‘[phone number removed]’)' }).check()
    await officer.getByRole('button', { name: 'Publish' }).click()
    await officer.waitForURL(/\/you-said-we-did/)

    // Anyone, signed in or not, now reads it without the number.
    await parent.goto('/you-said-we-did')
    await parent.getByText('Please ring me on [phone number removed].').waitFor()
    await parent.getByText('a Saturday group starts in January').first().waitFor()
    assert.doesNotMatch(await parent.content(), /900123/)
    const stored = await harness.server.testApp.services.store.db.selectFrom('published_feedback').select(['said', 'personal_data_review']).executeTakeFirstOrThrow()
    assert.doesNotMatch(stored.said, /900123/)
  })
})

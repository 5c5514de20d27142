// Feedback in Chromium, as visitors and officers use it: "No" from a service page, then a comment
// (too long first: the error page), a listing's problem with contact details; the officer's inbox
// and item page, triaged and saved. axe (WCAG 2.2 AA) on every page on the way, with the problem
// form open, at desktop width and at 320 px. Then the same submissions with JavaScript switched
// off (no axe there: it needs scripts to run).
import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import { hashPassword } from '../../src/accounts/passwords.js'
import { createUser, setPassword } from '../../src/accounts/users.js'
import { checkAtBothWidths, describeInBrowser, withBrowser } from '../support/browser.js'

const PASSWORD = 'saffron lighthouse 44 maple'
const SERVICE = 'Communication and Autism Team (CAT)'

const checkPage = checkAtBothWidths

describeInBrowser('feedback in Chromium', () => {
  const harness = withBrowser()
  let servicePath: string

  before(async () => {
    const { db } = harness.server.testApp.services.store
    const service = await db.selectFrom('services').select('id').where('name', '=', SERVICE).executeTakeFirstOrThrow()
    servicePath = `/services/${service.id}`
    const officer = await createUser(db, { email: 'officer@example.org', name: 'Olive Officer', role: 'officer' })
    await setPassword(db, officer.id, await hashPassword(PASSWORD))
  })

  const feedbackRows = () => harness.server.testApp.services.store.db.selectFrom('feedback').selectAll().orderBy('created_at').execute()

  test('a visitor answers and comments, reports a problem; an officer triages it; axe clean throughout', async () => {
    const { page, errors } = await harness.newPage({ viewport: { width: 1280, height: 900 } })

    await page.goto(servicePath)
    await page.getByRole('heading', { level: 1, name: SERVICE }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'Help us improve this website' }).waitFor()
    await page.getByText('Report a problem with this listing').click()
    await page.getByRole('group', { name: 'What is wrong with this listing?' }).waitFor()
    await checkPage(page, 'a service page with the problem form open')

    // "No", then a comment: too long first, with the error summary and its count.
    await page.getByRole('button', { name: /^No/ }).click()
    await page.getByRole('heading', { level: 1, name: 'Thank you for your feedback' }).waitFor()
    await checkPage(page, 'the thank-you page')
    await page.getByLabel('Tell us more (optional)').fill('The page does not say whether there is a waiting list. '.repeat(23))
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await page.getByRole('alert').getByText('Your comment must be 1,200 characters or fewer').waitFor()
    assert.match(await page.title(), /^Error: /)
    await checkPage(page, 'the thank-you page with an error')
    await page.getByLabel('Tell us more (optional)').fill('The page does not say whether there is a waiting list.')
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await page.getByText('We have your comment.').waitFor()
    await page.getByRole('link', { name: 'Go back to the page you were on' }).click()
    await page.getByRole('heading', { level: 1, name: SERVICE }).waitFor()

    // A problem with the listing, with contact details given with consent; first without a choice.
    await page.getByText('Report a problem with this listing').click()
    await page.getByRole('button', { name: 'Send report' }).click()
    await page.getByRole('alert').getByText('Select what is wrong with this listing').waitFor()
    await checkPage(page, 'the problem form with an error')
    await page.getByLabel('The contact details are wrong').check()
    await page.getByLabel('Tell us what is wrong').fill('The phone number rings out.')
    await page.getByLabel('Email address').fill('parent@example.com')
    await page.getByLabel(/I agree to the council keeping these contact details for 6 months/).check()
    await page.getByRole('button', { name: 'Send report' }).click()
    await page.getByText('We have passed your report to the people who keep this listing.').waitFor()
    await checkPage(page, 'the thank-you page for a problem')

    const rows = await feedbackRows()
    assert.deepEqual(
      rows.map((row) => [row.kind, row.useful, row.problem, row.comment, row.contact_email]),
      [
        ['useful', 0, null, 'The page does not say whether there is a waiting list.', null],
        ['problem', null, 'wrong-contact', 'The phone number rings out.', 'parent@example.com'],
      ],
    )

    // The officer's inbox and the item.
    await page.goto('/sign-in')
    await page.getByLabel('Email address').fill('officer@example.org')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByText('Signed in as').waitFor()
    await page.goto('/admin/feedback')
    await page.getByRole('heading', { level: 1, name: 'Feedback from the public' }).waitFor()
    await page.getByRole('cell', { name: /The phone number rings out\./ }).waitFor()
    await checkPage(page, 'the feedback inbox')
    await page.getByRole('link', { name: /Open feedback received/ }).first().click()
    await page.getByRole('heading', { level: 1, name: /^Feedback received/ }).waitFor()
    await page.getByText('parent@example.com').waitFor()
    await checkPage(page, 'a feedback item')
    await page.getByLabel('In progress').check()
    await page.getByLabel('Wrong contact details').check()
    await page.getByLabel('Assigned to').selectOption({ label: 'Olive Officer (you)' })
    await page.getByLabel('The council’s response').fill('We have asked the team to check their phone number.')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Your changes are saved.').waitFor()
    await page.getByLabel('Add a note').fill('Emailed the provider.')
    await page.getByRole('button', { name: 'Add note' }).click()
    await page.getByText('Your note is added.').waitFor()
    await page.getByText('Emailed the provider.').waitFor()
    await checkPage(page, 'a feedback item, saved, with a note')
    const saved = (await feedbackRows())[1]!
    assert.deepEqual([saved.state, saved.response], ['in-progress', 'We have asked the team to check their phone number.'])
    // The two forms refused on purpose answer 400, which Chromium logs; anything else is a fault.
    assert.deepEqual(errors.filter((error) => !/status of 400 \(Bad Request\)/.test(error)), [], 'no script errors or CSP refusals')
  })

  test('with JavaScript switched off: yes and a comment, and a problem, are sent the same way', async () => {
    const { page } = await harness.newPage({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false })
    const before_ = (await feedbackRows()).length

    await page.goto(servicePath)
    await page.getByRole('button', { name: /^Yes/ }).click()
    await page.getByRole('heading', { level: 1, name: 'Thank you for your feedback' }).waitFor()
    await page.getByLabel('Tell us more (optional)').fill('Clear and easy to read.')
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await page.getByText('We have your comment.').waitFor()

    await page.goto(servicePath)
    await page.getByText('Report a problem with this listing').click()
    await page.getByLabel('The service or school has closed').check()
    await page.getByLabel('Tell us what is wrong').fill('It closed last summer.')
    await page.getByRole('button', { name: 'Send report' }).click()
    await page.getByText('We have passed your report to the people who keep this listing.').waitFor()

    const added = (await feedbackRows()).slice(before_)
    assert.deepEqual(
      added.map((row) => [row.kind, row.useful, row.problem, row.comment]),
      [
        ['useful', 1, null, 'Clear and easy to read.'],
        ['problem', null, 'closed', 'It closed last summer.'],
      ],
    )
  })
})

// Accounts in Chromium: an invitation, choosing a password, signing in, the staff pages, and
// signing out; axe on every page type on the way, at desktop width and at 320 px; and the same
// journey with JavaScript switched off (axe itself needs JavaScript, so it runs in the first).
import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import type { Page } from 'playwright-core'
import { issueToken } from '../../src/accounts/account-tokens.js'
import { hashPassword } from '../../src/accounts/passwords.js'
import { createUser, setPassword } from '../../src/accounts/users.js'
import { checkAccessibility, describeInBrowser, scrollWidth, withBrowser } from '../support/browser.js'

const PASSWORD = 'copper meadow lantern 7'

async function checkPage(page: Page, what: string): Promise<void> {
  assert.deepEqual(await checkAccessibility(page), [], `axe violations on ${what}`)
  const width = page.viewportSize()?.width ?? 0
  if (width <= 320) assert.ok((await scrollWidth(page)) <= width, `${what} scrolls sideways at ${width} px`)
}

describeInBrowser('accounts in Chromium', () => {
  const harness = withBrowser()
  const invitations: Record<string, string> = {}

  before(async () => {
    const { db } = harness.server.testApp.services.store
    for (const who of ['first', 'second']) {
      const user = await createUser(db, { email: `${who}.admin@example.org`, name: `${who} Admin`, role: 'administrator' })
      invitations[who] = `/account/set-password?token=${await issueToken(db, user.id, 'invitation')}`
    }
  })

  for (const { label, width, height, javaScript } of [
    { label: 'desktop', width: 1280, height: 900, javaScript: true },
    { label: '320 px', width: 320, height: 640, javaScript: true },
    { label: 'JavaScript off', width: 1280, height: 900, javaScript: false },
  ]) {
    test(`invitation → password → sign in → staff pages → sign out, ${label}${javaScript ? ', axe clean' : ''}`, async () => {
      const { page } = await harness.newPage({ viewport: { width, height }, javaScriptEnabled: javaScript })
      const noViolations = async (what: string) => {
        if (javaScript) await checkPage(page, what)
      }
      const admin = javaScript ? 'first' : 'second'

      if (label !== '320 px') {
        const invitation = invitations[admin]!
        await page.goto(invitation)
        await page.getByRole('heading', { level: 1, name: 'Choose a password' }).waitFor()
        await noViolations('set password')
        await page.getByLabel('New password').fill('short')
        await page.getByLabel('Type the password again').fill('short')
        await page.getByRole('button', { name: 'Save password' }).click()
        await page.getByRole('alert').getByText('at least 12 characters').waitFor()
        await noViolations('set password with an error')
        await page.getByLabel('New password').fill(PASSWORD)
        await page.getByLabel('Type the password again').fill(PASSWORD)
        await page.getByRole('button', { name: 'Save password' }).click()
        await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
      }

      await page.goto('/sign-in')
      await noViolations('sign in')
      await page.getByLabel('Email address').fill(`${admin}.admin@example.org`)
      await page.getByLabel('Password').fill('not it at all')
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByRole('alert').getByText('Enter a correct email address and password').waitFor()
      await noViolations('sign in with an error')
      await page.getByLabel('Password').fill(PASSWORD)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByRole('heading', { level: 1, name: 'Local Offer administration' }).waitFor()
      await noViolations('admin home')

      await page.getByRole('link', { name: 'People with accounts' }).click()
      await page.getByRole('heading', { level: 1, name: 'People with accounts' }).waitFor()
      await noViolations('people with accounts')
      await page.getByRole('button', { name: 'Send invitation' }).click()
      await page.getByRole('alert').getByText('Enter their full name').waitFor()
      await noViolations('invite with errors')
      await page.getByLabel('Full name').fill(`Officer ${label}`)
      await page.getByLabel('Email address').fill(`officer.${label.replace(/\W/g, '')}@example.org`)
      await page.getByLabel('Council officer').check()
      await page.getByRole('button', { name: 'Send invitation' }).click()
      await page.getByText(`Invitation made for officer.${label.replace(/\W/g, '')}@example.org`).waitFor()
      await noViolations('invitation made')
      await page.getByRole('link', { name: `Officer ${label}` }).click()
      await page.getByRole('heading', { level: 1, name: `Officer ${label}` }).waitFor()
      await noViolations("a person's account")
      await page.getByLabel('Council administrator').check()
      await page.getByRole('button', { name: 'Save role' }).click()
      await page.getByText('Their role is saved.').waitFor()
      await noViolations("a person's account, saved")
      await page.goto('/admin')

      await page.getByRole('button', { name: 'Sign out', exact: true }).first().click()
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
      await page.goto('/admin')
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
    })
  }

  test('a forgotten password: the reset form, the mail in the development outbox, a new password; axe clean at both widths', async () => {
    const { page } = await harness.newPage({ viewport: { width: 1280, height: 900 } })
    const everyWidth = async (what: string) => {
      await checkPage(page, what)
      await page.setViewportSize({ width: 320, height: 640 })
      await checkPage(page, `${what} at 320 px`)
      await page.setViewportSize({ width: 1280, height: 900 })
    }
    const { db } = harness.server.testApp.services.store
    const user = await createUser(db, { email: 'forgetful@example.org', name: 'Forgetful Officer', role: 'officer' })
    await setPassword(db, user.id, await hashPassword(PASSWORD))

    await page.goto('/sign-in')
    await page.getByRole('link', { name: /Forgotten your password/ }).click()
    await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor()
    await everyWidth('reset password')
    await page.getByRole('button', { name: 'Send the link' }).click()
    await page.getByRole('alert').waitFor()
    await everyWidth('reset password with an error')
    await page.getByLabel('Email address').fill('forgetful@example.org')
    await page.getByRole('button', { name: 'Send the link' }).click()
    await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor()
    await everyWidth('reset link sent')

    await page.goto('/dev/outbox')
    await everyWidth('development outbox')
    await page.getByRole('link', { name: /Reset your password/ }).first().click()
    await everyWidth('a mail in the outbox')
    const link = await page.getByRole('link', { name: /\/account\/set-password\?token=/ }).first().getAttribute('href')
    assert.ok(link)
    await page.goto(link)
    await page.getByLabel('New password').fill('a brand new lantern meadow')
    await page.getByLabel('Type the password again').fill('a brand new lantern meadow')
    await page.getByRole('button', { name: 'Save password' }).click()
    await page.getByLabel('Email address').fill('forgetful@example.org')
    await page.getByLabel('Password').fill('a brand new lantern meadow')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { level: 1, name: 'Local Offer administration' }).waitFor()
  })
})

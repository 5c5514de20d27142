// Mail on both stores: invitations through a real SMTP server (smtp-server, in this process), what
// the administrator sees when the server refuses or is down, the development outbox, and password
// resets that never say whether an account exists.
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { SMTPServer } from 'smtp-server'
import { hashPassword } from '../../src/accounts/passwords.js'
import { createUser, setPassword, type User } from '../../src/accounts/users.js'
import { createMailer, MailNotSentError } from '../../src/mail/mailer.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { STORE_KINDS } from '../support/stores.js'
import { visitor as visitAs, type Visitor } from '../support/visitor.js'

const postgres = Boolean(process.env.TEST_DATABASE_URL)
const PASSWORD = 'lantern orchard velvet 42'
const NEW_PASSWORD = 'copper meadow thistle 77'
const LINK = /https?:\/\/[^\s"<]+\/account\/set-password\?token=[A-Za-z0-9_-]+/

interface Received {
  from: string
  to: string[]
  headers: string
  text: string
}

/** The plain text of a received mail, whichever transfer encoding nodemailer chose. */
function decode(raw: string): { headers: string; text: string } {
  const split = raw.indexOf('\r\n\r\n')
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ')
  const body = raw.slice(split + 4)
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase()
  if (encoding === 'base64') return { headers, text: Buffer.from(body, 'base64').toString('utf8') }
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_whole, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    return { headers, text: Buffer.from(bytes, 'latin1').toString('utf8').replace(/\r\n/g, '\n') }
  }
  return { headers, text: body.replace(/\r\n/g, '\n') }
}

/** An SMTP server on 127.0.0.1 that keeps what it receives, or refuses every recipient while `refuse` is set. */
async function startSmtp(port = 0) {
  const state = { refuse: false, received: [] as Received[] }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      // The refusal quotes the address, as real servers do: the mailer must not pass it on.
      if (state.refuse) return callback(Object.assign(new Error(`Mailbox <${address.address}> unavailable`), { responseCode: 550 }))
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        state.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          ...decode(Buffer.concat(chunks).toString('utf8')),
        })
        callback()
      })
    },
  })
  await new Promise<void>((listening) => server.listen(port, '127.0.0.1', listening))
  return {
    state,
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((closed) => server.close(closed)),
  }
}

async function until<T>(find: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 5000
  for (;;) {
    const found = await find()
    if (found !== undefined) return found
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`)
    await new Promise((done) => setTimeout(done, 20))
  }
}

/** The path and query of a link in a mail, for the in-memory app. */
const pathOf = (link: string) => {
  const url = new URL(link)
  return `${url.pathname}${url.search}`
}

async function makeAdministrator(testApp: TestApp, email: string): Promise<User> {
  const { db } = testApp.services.store
  const user = await createUser(db, { email, name: 'Test administrator', role: 'administrator' })
  await setPassword(db, user.id, await hashPassword(PASSWORD))
  return user
}

async function chooseAndSignIn(someone: Visitor, link: string, email: string, password: string) {
  const path = pathOf(link)
  const token = new URL(link).searchParams.get('token')!
  const set = await someone.post('/account/set-password', { _csrf: await someone.token(path), token, password, confirm: password })
  assert.equal(set.statusCode, 303, 'the password is set')
  await someone.signIn(email, password)
}

for (const kind of STORE_KINDS) {
  const skip = kind === 'postgres' && !postgres ? 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' : false

  describe(`mail through SMTP [${kind}]`, { skip }, () => {
    let smtp: Awaited<ReturnType<typeof startSmtp>>
    let testApp: TestApp
    let administrator: Visitor
    before(async () => {
      smtp = await startSmtp()
      testApp = await buildTestApp(kind, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Local Offer <no-reply@localoffer.test>' })
      const admin = await makeAdministrator(testApp, 'smtp-admin@example.org')
      administrator = visitAs(testApp.app)
      await administrator.signIn(admin.email, PASSWORD)
    })
    after(async () => {
      await testApp.close()
      await smtp.close()
    })

    const inviteForm = async (name: string, email: string) => ({ _csrf: await administrator.token('/admin/users'), name, email, role: 'officer' })

    test('an invitation from /admin/users arrives at the SMTP server, and its link sets a password', async () => {
      assert.equal(testApp.services.mailer.transport, 'smtp')
      const page = await administrator.post('/admin/users', await inviteForm('Mailed Officer', 'mailed@example.org'))
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Invitation made for mailed@example\.org<\/p>\s*<p class="govuk-body">It has been sent to that address by email\.<\/p>/)
      assert.doesNotMatch(page.body, /set-password\?token=/, 'the link is only in the mail')
      assert.doesNotMatch(page.body, /\/dev\/outbox/, 'no outbox where mail is sent')

      const mail = await until(() => smtp.state.received.find((received) => received.to.includes('mailed@example.org')), 'the invitation')
      assert.equal(mail.from, 'no-reply@localoffer.test')
      assert.match(mail.headers, /^subject: You have an account on the Birmingham City Council Local Offer$/im)
      assert.match(mail.text, /^Hello Mailed Officer,$/m)
      const link = LINK.exec(mail.text)?.[0]
      assert.ok(link, 'the mail holds the set-password link')
      await chooseAndSignIn(visitAs(testApp.app), link, 'mailed@example.org', PASSWORD)
    })

    test('when the server refuses, the page says so and keeps the account; a new invitation can be sent later', async () => {
      const { db } = testApp.services.store
      smtp.state.refuse = true
      const page = await administrator.post('/admin/users', await inviteForm('Refused Officer', 'refused@example.org'))
      smtp.state.refuse = false
      assert.equal(page.statusCode, 502)
      assert.match(page.body, /There is a problem/)
      assert.match(page.body, /The account for refused@example\.org was made, but the invitation could not be sent/)
      assert.doesNotMatch(page.body, /set-password\?token=/)
      const user = await db.selectFrom('users').select(['id', 'password_hash']).where('email', '=', 'refused@example.org').executeTakeFirstOrThrow()
      assert.equal(user.password_hash, null, 'the account is kept, still invited')
      assert.match(page.body, new RegExp(`action="/admin/users/${user.id}/invite"`), 'the page offers a new invitation')
      const failed = await db.selectFrom('audit_log').select('details').where('action', '=', 'user.invited').where('subject', '=', user.id).executeTakeFirstOrThrow()
      assert.deepEqual(JSON.parse(failed.details!), { role: 'officer', sent: false })

      const resent = await administrator.post(`/admin/users/${user.id}/invite`, { _csrf: await administrator.token('/admin/users') })
      assert.equal(resent.statusCode, 200)
      assert.match(resent.body, /Invitation made for refused@example\.org<\/p>\s*<p class="govuk-body">It has been sent to that address by email\.<\/p>/)
      const mail = await until(() => smtp.state.received.find((received) => received.to.includes('refused@example.org')), 'the new invitation')
      const open = await db.selectFrom('account_tokens').select('id').where('user_id', '=', user.id).where('used_at', 'is', null).execute()
      assert.equal(open.length, 1, 'the earlier, unsent link no longer works')
      assert.ok(await db.selectFrom('audit_log').select('id').where('action', '=', 'user.invitation-resent').where('subject', '=', user.id).executeTakeFirst())
      await chooseAndSignIn(visitAs(testApp.app), LINK.exec(mail.text)![0], 'refused@example.org', PASSWORD)

      const again = await administrator.post(`/admin/users/${user.id}/invite`, { _csrf: await administrator.token('/admin/users') })
      assert.equal(again.statusCode, 400, 'no invitation for someone who has a password')
      assert.equal((await administrator.post('/admin/users/no-such-person/invite', { _csrf: await administrator.token('/admin/users') })).statusCode, 404)
    })

    test('when the server is down, the page says so; once it is back, the invitation goes', async () => {
      await smtp.close()
      const page = await administrator.post('/admin/users', await inviteForm('Down Officer', 'down@example.org'))
      assert.equal(page.statusCode, 502)
      assert.match(page.body, /invitation could not be sent/)
      smtp = await startSmtp(smtp.port)
      const user = await testApp.services.store.db.selectFrom('users').select('id').where('email', '=', 'down@example.org').executeTakeFirstOrThrow()
      const resent = await administrator.post(`/admin/users/${user.id}/invite`, { _csrf: await administrator.token('/admin/users') })
      assert.equal(resent.statusCode, 200)
      const mail = await until(() => smtp.state.received.find((received) => received.to.includes('down@example.org')), 'the invitation')
      assert.match(mail.text, LINK)
    })

    test('a refused mail is an error for the caller that names neither the recipient nor the text', async () => {
      smtp.state.refuse = true
      const mailer = createMailer({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Local Offer <no-reply@localoffer.test>' }, testApp.services.store)
      try {
        await assert.rejects(mailer.send({ to: 'private.person@example.org', subject: 'Private subject', text: 'Private body' }), (error: unknown) => {
          assert.ok(error instanceof MailNotSentError)
          assert.doesNotMatch(`${error.message} ${error.stack ?? ''}`, /private/i)
          assert.match(error.message, /550/)
          return true
        })
      } finally {
        smtp.state.refuse = false
        await mailer.close()
      }
    })

    test('the development outbox does not exist where mail is sent', async () => {
      assert.equal((await visitAs(testApp.app).get('/dev/outbox')).statusCode, 404)
      assert.equal((await visitAs(testApp.app).get('/dev/outbox/anything')).statusCode, 404)
      assert.ok(!testApp.app.routeAccess.some((route) => route.url.startsWith('/dev/')), 'no outbox route is registered')
    })
  })

  describe(`mail kept in the development outbox [${kind}]`, { skip }, () => {
    let testApp: TestApp
    let administrator: Visitor
    let known: User
    before(async () => {
      testApp = await buildTestApp(kind)
      const admin = await makeAdministrator(testApp, 'outbox-admin@example.org')
      administrator = visitAs(testApp.app)
      await administrator.signIn(admin.email, PASSWORD)
      const { db } = testApp.services.store
      known = await createUser(db, { email: 'known@example.org', name: 'Known Person', role: 'officer' })
      await setPassword(db, known.id, await hashPassword(PASSWORD))
    })
    after(async () => {
      await testApp.close()
    })

    const kept = (to: string) => testApp.services.store.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('created_at').execute()

    test('an invitation is kept; the page points to the outbox, which lists it newest first and shows its link', async () => {
      const first = await administrator.post('/admin/users', { _csrf: await administrator.token('/admin/users'), name: 'First Officer', email: 'first@example.org', role: 'officer' })
      assert.equal(first.statusCode, 200)
      assert.match(first.body, /Invitation made for first@example\.org<\/p>\s*<p class="govuk-body">It has been sent to that address by email\.<\/p>/)
      assert.match(first.body, /Mail is not sent from this machine\. <a [^>]*href="\/dev\/outbox">Read it in the development outbox<\/a>/)
      await new Promise((done) => setTimeout(done, 5))
      await administrator.post('/admin/users', { _csrf: await administrator.token('/admin/users'), name: 'Second Officer', email: 'second@example.org', role: 'officer' })

      const outbox = await visitAs(testApp.app).get('/dev/outbox')
      assert.equal(outbox.statusCode, 200)
      assert.equal(outbox.headers['cache-control'], 'no-store')
      assert.match(outbox.body, /<h1 class="govuk-heading-l">Development outbox<\/h1>/)
      const second = outbox.body.indexOf('second@example.org')
      const firstAt = outbox.body.indexOf('first@example.org')
      assert.ok(second > 0 && firstAt > second, 'newest first')

      const [mail] = await kept('first@example.org')
      assert.ok(mail)
      assert.match(outbox.body, new RegExp(`href="/dev/outbox/${mail.id}">You have an account on the Birmingham City Council Local Offer</a>`))
      const page = await visitAs(testApp.app).get(`/dev/outbox/${mail.id}`)
      assert.equal(page.statusCode, 200)
      const link = LINK.exec(mail.body)?.[0]
      assert.ok(link)
      assert.ok(page.body.includes(`<a class="govuk-link" href="${link}">${link}</a>`), 'the link is clickable')
      assert.equal((await visitAs(testApp.app).get('/dev/outbox/no-such-mail')).statusCode, 404)
    })

    test('a kept mail is shown escaped: only web addresses become links', async () => {
      const { db } = testApp.services.store
      const id = 'b7d1c2e3-0000-4000-8000-000000000001'
      await db
        .insertInto('mail_outbox')
        .values({ id, to_address: 'x@example.org', subject: '<b>Bold</b>', body: 'Hi <script>alert(1)</script>\n\nSee https://example.org/a?b=1&c="2" or javascript:alert(2).', created_at: new Date().toISOString() })
        .execute()
      const page = await visitAs(testApp.app).get(`/dev/outbox/${id}`)
      assert.doesNotMatch(page.body, /<script>alert|<b>Bold/)
      assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
      assert.match(page.body, /<a class="govuk-link" href="https:\/\/example\.org\/a\?b=1&amp;c=">https:\/\/example\.org\/a\?b=1&amp;c=<\/a>/)
      assert.doesNotMatch(page.body, /href="javascript/)
    })

    test('the sign-in page links to the reset page; the reset form checks the address', async () => {
      const signIn = await visitAs(testApp.app).get('/sign-in')
      assert.match(signIn.body, /<a class="govuk-link" href="\/account\/reset-password">Forgotten your password\?<\/a>/)
      const someone = visitAs(testApp.app)
      const form = await someone.get('/account/reset-password')
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /<h1 class="govuk-heading-l">Reset your password<\/h1>/)
      const bad = await someone.post('/account/reset-password', { _csrf: await someone.token('/account/reset-password'), email: 'not-an-address' })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /role="alert"/)
      assert.match(bad.body, /There is a problem/)
      assert.match(bad.body, /<a href="#email">Enter an email address in the correct format/)
      assert.match(bad.body, /<title>Error: /)
      const empty = await someone.post('/account/reset-password', { _csrf: await someone.token('/account/reset-password') })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /Enter your email address/)
    })

    test('known and unknown addresses get the same answer; only the known one is mailed, and its link works once', async () => {
      const someone = visitAs(testApp.app)
      const ask = async (email: string) => someone.post('/account/reset-password', { _csrf: await someone.token('/account/reset-password'), email })
      const unknown = await ask('nobody@example.org')
      const found = await ask('Known@Example.org')
      assert.equal(unknown.statusCode, 200)
      assert.equal(found.statusCode, 200)
      const same = (body: string, email: string) => body.replaceAll(email, 'ADDRESS').replace(/nonce="[^"]*"/g, 'nonce=""')
      assert.equal(same(unknown.body, 'nobody@example.org'), same(found.body, 'Known@Example.org'))
      assert.match(found.body, /If an account exists for Known@Example\.org, we have sent a link/)
      assert.match(found.body, /within 1 hour/)

      const [mail] = await until(async () => ((await kept('known@example.org')).length > 0 ? kept('known@example.org') : undefined), 'the reset mail')
      assert.ok(mail)
      assert.equal((await kept('nobody@example.org')).length, 0)
      assert.match(mail.subject, /Reset your password/)
      const link = LINK.exec(mail.body)?.[0]
      assert.ok(link)
      assert.ok(link.startsWith('http://localhost'), 'the link uses the address the request came to')

      const person = visitAs(testApp.app)
      await chooseAndSignIn(person, link, 'known@example.org', NEW_PASSWORD)
      assert.equal((await person.get(pathOf(link))).statusCode, 410, 'the link works once')
      const old = await person.post('/sign-in', { _csrf: await person.token('/sign-in'), email: 'known@example.org', password: PASSWORD })
      assert.equal(old.statusCode, 400, 'the old password no longer works')
      const expired = await person.get(pathOf(link))
      assert.match(expired.body, /Forgotten your password\?/, 'the expired link points to the reset page')
    })

    test('a disabled account, or one without a password, is sent nothing', async () => {
      const { db } = testApp.services.store
      const disabled = await createUser(db, { email: 'disabled@example.org', name: 'Disabled', role: 'officer' })
      await setPassword(db, disabled.id, await hashPassword(PASSWORD))
      await db.updateTable('users').set({ disabled_at: new Date().toISOString() }).where('id', '=', disabled.id).execute()
      await createUser(db, { email: 'never-set@example.org', name: 'Never set', role: 'officer' })
      const someone = visitAs(testApp.app)
      for (const email of ['disabled@example.org', 'never-set@example.org', 'known@example.org']) {
        const reply = await someone.post('/account/reset-password', { _csrf: await someone.token('/account/reset-password'), email })
        assert.equal(reply.statusCode, 200)
      }
      // The last request's mail is sent after the others' look-ups: once it is kept, they are done.
      await until(async () => ((await kept('known@example.org')).length >= 2 ? true : undefined), 'the mail for the active account')
      await new Promise((done) => setTimeout(done, 100))
      assert.equal((await kept('disabled@example.org')).length, 0)
      assert.equal((await kept('never-set@example.org')).length, 0)
    })
  })
}

// Single sign-on on both stores, against a real OpenID provider (oidc-provider, started here on
// 127.0.0.1): the app driven through inject(), the provider's own login and consent pages over HTTP
// with a cookie jar of their own, as a browser would go back and forth between the two.
import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
// @ts-expect-error oidc-provider ships no type declarations; the little used here is typed below.
import OidcProvider from 'oidc-provider'
import { isoNow } from '../../src/accounts/tokens.js'
import { createUser, type User } from '../../src/accounts/users.js'
import type { StaffRole } from '../../src/db/schema.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { STORE_KINDS } from '../support/stores.js'
import { visitor as visitAs, type Visitor } from '../support/visitor.js'

type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => { callback(): (request: IncomingMessage, response: ServerResponse) => void }

const postgres = Boolean(process.env.TEST_DATABASE_URL)
// What requestOrigin() sees under inject(): Host localhost:80, plain http.
const APP_ORIGIN = 'http://localhost'
const CLIENT = { id: 'local-offer', secret: 'a client secret for these tests only' }

// The provider's people. `unverified` has an officer's account here, but the provider has not checked the address.
const PROVIDER_ACCOUNTS: Record<string, { email: string; email_verified: boolean }> = {
  officer: { email: 'Officer@Example.org', email_verified: true },
  administrator: { email: 'administrator@example.org', email_verified: true },
  editor: { email: 'editor@example.org', email_verified: true },
  disabled: { email: 'disabled@example.org', email_verified: true },
  stranger: { email: 'stranger@example.org', email_verified: true },
  unverified: { email: 'unverified@example.org', email_verified: false },
}

interface RunningProvider {
  issuer: string
  /** unreachable: every connection is dropped unanswered. failing: every request is answered 503. */
  down: false | 'unreachable' | 'failing'
  close(): Promise<void>
}

async function startProvider(): Promise<RunningProvider> {
  const running: RunningProvider = { issuer: '', down: false, close: async () => {} }
  const inner: { handle?: (request: IncomingMessage, response: ServerResponse) => void } = {}
  const server = createServer((request, response) => {
    if (running.down === 'unreachable') request.socket.destroy()
    else if (running.down || !inner.handle) {
      response.statusCode = 503
      response.end()
    } else inner.handle(request, response)
  })
  // Port 0 first: the issuer must name the port before the provider is made.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  running.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const oidcProvider = new (OidcProvider as ProviderClass)(running.issuer, {
    clients: [{ client_id: CLIENT.id, client_secret: CLIENT.secret, redirect_uris: [`${APP_ORIGIN}/sign-in/oidc/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    // The scope's claims in the ID token itself, which is what the app reads.
    conformIdTokenClaims: false,
    cookies: { keys: ['cookie key for these tests only'] },
    findAccount: (_context: unknown, id: string) => {
      const account = PROVIDER_ACCOUNTS[id]
      return account ? { accountId: id, claims: () => ({ sub: id, ...account }) } : undefined
    },
  })
  inner.handle = oidcProvider.callback()
  running.close = () =>
    new Promise<void>((resolve) => {
      // fetch keeps connections open; close() alone would wait for them.
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return running
}

/** A browser on the provider's pages: its own cookies, redirects followed by hand. */
function providerBrowser() {
  const jar = new Map<string, string>()
  return async (url: string, form?: Record<string, string>) => {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const name = pair.slice(0, pair.indexOf('=')).trim()
      const value = pair.slice(pair.indexOf('=') + 1).trim()
      const expires = attributes.map((attribute) => /^\s*expires=(.*)$/i.exec(attribute)?.[1]).find(Boolean)
      if (!value || (expires && Date.parse(expires) < Date.now())) jar.delete(name)
      else jar.set(name, value)
    }
    return { status: response.status, location: response.headers.get('location'), body: await response.text() }
  }
}

let provider: RunningProvider
before(async () => {
  provider = await startProvider()
})
after(async () => {
  await provider.close()
})

/**
 * Starts single sign-on in the app, signs in at the provider as `login` and consents (or cancels);
 * returns the app address the provider sends the browser back to, not yet visited.
 */
async function throughProvider(visitor: Visitor, login: string, options: { next?: string; cancel?: boolean } = {}): Promise<string> {
  const start = await visitor.get(`/sign-in/oidc${options.next ? `?next=${encodeURIComponent(options.next)}` : ''}`)
  assert.equal(start.statusCode, 303, 'sent to the provider')
  let location = String(start.headers.location)
  assert.ok(location.startsWith(`${provider.issuer}/`), 'sent to the issuer')
  const browse = providerBrowser()
  for (let step = 0; step < 12; step++) {
    if (location.startsWith(`${APP_ORIGIN}/`)) return location.slice(APP_ORIGIN.length)
    const url = new URL(location, provider.issuer)
    const page = await browse(url.href)
    if (page.location) {
      location = page.location
      continue
    }
    assert.equal(page.status, 200, `the provider's page ${url.pathname}`)
    const action = /<form[^>]* action="([^"]+)"/.exec(page.body)?.[1]?.replaceAll('&amp;', '&')
    const prompt = /name="prompt" value="(\w+)"/.exec(page.body)?.[1]
    assert.ok(action && prompt, `a login or consent form on ${url.pathname}`)
    if (options.cancel) {
      const abort = /href="([^"]+\/abort)"/.exec(page.body)?.[1]
      assert.ok(abort, 'a way to cancel')
      location = abort.replaceAll('&amp;', '&')
      continue
    }
    const sent = await browse(new URL(action, url).href, prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt })
    assert.ok(sent.location, `the ${prompt} form was accepted`)
    location = sent.location
  }
  assert.fail('the provider never sent the browser back')
}

for (const kind of STORE_KINDS) {
  describe(`single sign-on [${kind}]`, { skip: kind === 'postgres' && !postgres ? 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' : false }, () => {
    let testApp: TestApp
    let people: Record<'officer' | 'administrator' | 'editor' | 'disabled' | 'unverified', User>
    const oidcEnv = () => ({ OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: CLIENT.id, OIDC_CLIENT_SECRET: CLIENT.secret })

    before(async () => {
      testApp = await buildTestApp(kind, oidcEnv())
      const { db } = testApp.services.store
      const organisation = await db.selectFrom('organisations').select('id').orderBy('id').executeTakeFirstOrThrow()
      // No passwords: single sign-on does not need one.
      const make = (name: string, role: StaffRole | null) => createUser(db, { email: `${name}@example.org`, name: `Test ${name}`, role, organisationIds: role ? [] : [organisation.id] })
      people = {
        officer: await make('officer', 'officer'),
        administrator: await make('administrator', 'administrator'),
        editor: await make('editor', null),
        disabled: await make('disabled', 'officer'),
        unverified: await make('unverified', 'officer'),
      }
      await db.updateTable('users').set({ disabled_at: isoNow() }).where('id', '=', people.disabled.id).execute()
    })
    after(async () => {
      await testApp.close()
    })

    const visitor = () => visitAs(testApp.app)
    const sessionsOf = async (user: User) => (await testApp.services.store.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).length

    test('the sign-in page offers the council account only when single sign-on is set up', async () => {
      const page = await visitor().get('/sign-in?next=%2Fadmin%2Fusers')
      assert.match(page.body, /<a href="\/sign-in\/oidc\?next=%2Fadmin%2Fusers" role="button"[^>]*>\s*Sign in with your council account\s*<\/a>/)
      const plain = await buildTestApp(kind)
      try {
        const without = await visitAs(plain.app).get('/sign-in')
        assert.equal(without.statusCode, 200)
        assert.doesNotMatch(without.body, /council account/)
        assert.equal((await visitAs(plain.app).get('/sign-in/oidc')).statusCode, 404, 'no routes when it is not set up')
      } finally {
        await plain.close()
      }
    })

    test('an officer signs in through the provider, lands on /admin, and the session works like a password one', async () => {
      const officer = visitor()
      const start = await officer.get('/sign-in/oidc')
      const setCookie = String(start.headers['set-cookie'])
      assert.match(setCookie, /^lo_oidc=[^;]+; Max-Age=600; Path=\/sign-in\/oidc; HttpOnly; SameSite=Lax$/, 'the state cookie: short-lived, path-limited, HttpOnly, Lax')
      const back = await officer.get(await throughProvider(officer, 'officer'))
      assert.equal(back.statusCode, 303)
      assert.equal(back.headers.location, '/admin')
      assert.ok(officer.jar.has('lo_session'), 'a session cookie')
      assert.equal(officer.jar.has('lo_oidc'), false, 'the state cookie is cleared')
      assert.match(String(back.headers['set-cookie']), /lo_session=[^;]+; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax/)

      const admin = await officer.get('/admin')
      assert.equal(admin.statusCode, 200)
      assert.match(admin.body, /Signed in as Test officer/)
      assert.equal(admin.headers['cache-control'], 'no-store')
      const { db } = testApp.services.store
      const audited = await db.selectFrom('audit_log').selectAll().where('action', '=', 'sign-in.oidc').where('actor_id', '=', people.officer.id).execute()
      assert.equal(audited.length, 1)
      assert.equal(audited[0]!.details, null, 'nothing from the provider in the audit log')

      const out = await officer.post('/sign-out', { _csrf: await officer.token('/admin') })
      assert.equal(out.statusCode, 303)
      assert.equal((await officer.get('/admin')).statusCode, 303, 'signed out like any session')
      assert.equal(await sessionsOf(people.officer), 0)
    })

    test('the page asked for is where the person lands, never another site', async () => {
      const administrator = visitor()
      const asked = await administrator.get(await throughProvider(administrator, 'administrator', { next: '/admin/users' }))
      assert.equal(asked.headers.location, '/admin/users')
      assert.equal((await administrator.get('/admin/users')).statusCode, 200)
      const elsewhere = visitor()
      const away = await elsewhere.get(await throughProvider(elsewhere, 'administrator', { next: '//evil.example/' }))
      assert.equal(away.headers.location, '/admin')
    })

    test('an unknown email, an editor, a disabled officer and an unverified email are refused, with no session', async () => {
      for (const login of ['stranger', 'editor', 'disabled', 'unverified']) {
        const someone = visitor()
        const refused = await someone.get(await throughProvider(someone, login))
        assert.equal(refused.statusCode, 403, login)
        assert.match(refused.body, /<h1[^>]*>\s*You cannot sign in with your council account\s*<\/h1>/, login)
        assert.match(refused.body, /for council staff who already have an account/, login)
        assert.match(refused.body, /ask a council administrator/, login)
        assert.equal(someone.jar.has('lo_session'), false, login)
        assert.equal(someone.jar.has('lo_oidc'), false, login)
      }
      for (const user of [people.editor, people.disabled, people.unverified]) assert.equal(await sessionsOf(user), 0, user.name)
    })

    test('a tampered state, a forged state cookie, or a callback in another browser is refused with 400', async () => {
      const tamperer = visitor()
      const callback = new URL(await throughProvider(tamperer, 'officer'), APP_ORIGIN)
      callback.searchParams.set('state', 'chosen-by-someone-else')
      const tampered = await tamperer.get(callback.pathname + callback.search)
      assert.equal(tampered.statusCode, 400)
      assert.match(tampered.body, /this sign-in has expired/)
      assert.equal(tamperer.jar.has('lo_session'), false)

      // A cookie whose contents were changed to match a state of someone's choosing.
      const forger = visitor()
      const answer = new URL(await throughProvider(forger, 'officer'), APP_ORIGIN)
      const [payload = '', signature = ''] = forger.jar.get('lo_oidc')!.split('.')
      const kept = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>
      forger.jar.set('lo_oidc', `${Buffer.from(JSON.stringify({ ...kept, state: 'forged' })).toString('base64url')}.${signature}`)
      answer.searchParams.set('state', 'forged')
      assert.equal((await forger.get(answer.pathname + answer.search)).statusCode, 400)
      assert.equal(forger.jar.has('lo_session'), false)

      // Someone else's answer, opened in a browser that never started a sign-in (login CSRF).
      const victim = visitor()
      const planted = await victim.get(await throughProvider(visitor(), 'officer'))
      assert.equal(planted.statusCode, 400)
      assert.equal(victim.jar.has('lo_session'), false)
    })

    test('a callback used a second time is refused with 400, even with its state cookie kept', async () => {
      const officer = visitor()
      const callback = await throughProvider(officer, 'officer')
      const stateCookie = officer.jar.get('lo_oidc')!
      assert.equal((await officer.get(callback)).statusCode, 303)
      const again = await officer.get(callback)
      assert.equal(again.statusCode, 400, 'the state cookie was used up')
      // Replayed with the state cookie copied back: the provider refuses a code already redeemed.
      const replayer = visitor()
      replayer.jar.set('lo_oidc', stateCookie)
      const replayed = await replayer.get(callback)
      assert.equal(replayed.statusCode, 400)
      assert.match(replayed.body, /this sign-in has expired/)
      assert.equal(replayer.jar.has('lo_session'), false)
    })

    test('cancelling at the provider, or any error it sends back, gives a clear 400 page', async () => {
      const canceller = visitor()
      const cancelled = await canceller.get(await throughProvider(canceller, 'officer', { cancel: true }))
      assert.equal(cancelled.statusCode, 400)
      assert.match(cancelled.body, /Signing in with your council account did not finish/)
      assert.equal(canceller.jar.has('lo_session'), false)
      const direct = await visitor().get('/sign-in/oidc/callback?error=server_error&state=x')
      assert.equal(direct.statusCode, 400)
      assert.equal((await visitor().get('/sign-in/oidc/callback')).statusCode, 400, 'no answer at all')
    })

    test('a provider that cannot be reached gives a clear 503 page, and the next sign-in tries again', async () => {
      const early = await buildTestApp(kind, oidcEnv())
      try {
        provider.down = 'unreachable'
        const unreachable = await visitAs(early.app).get('/sign-in/oidc')
        assert.equal(unreachable.statusCode, 503)
        assert.match(unreachable.body, /<h1[^>]*>\s*Sorry, signing in with your council account is not working at the moment\s*<\/h1>/)
        assert.match(unreachable.body, /sign in with your email address and password/)
        assert.equal(unreachable.headers['set-cookie'], undefined, 'no state cookie for a sign-in that cannot start')
        provider.down = 'failing'
        assert.equal((await visitAs(early.app).get('/sign-in/oidc')).statusCode, 503)
        provider.down = false
        const later = await visitAs(early.app).get('/sign-in/oidc')
        assert.equal(later.statusCode, 303, 'discovery is tried again')
        assert.ok(String(later.headers.location).startsWith(`${provider.issuer}/`))
      } finally {
        provider.down = false
        await early.close()
      }
    })
  })
}

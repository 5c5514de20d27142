// Accounts on both stores: signing in (CSRF, lock-out), invitations, sessions shared through the
// store, the audit log nobody can change, and every non-public route against every role.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import { issueToken } from '../../src/accounts/account-tokens.js'
import { hashPassword } from '../../src/accounts/passwords.js'
import { startSession } from '../../src/accounts/sessions.js'
import { LOCK_AFTER } from '../../src/accounts/sign-in.js'
import { createUser, setPassword, type User } from '../../src/accounts/users.js'
import type { StaffRole } from '../../src/db/schema.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { STORE_KINDS } from '../support/stores.js'
import { visitor as visitAs } from '../support/visitor.js'

const postgres = Boolean(process.env.TEST_DATABASE_URL)
const PASSWORD = 'lantern orchard velvet 42'

for (const kind of STORE_KINDS) {
  describe(`accounts [${kind}]`, { skip: kind === 'postgres' && !postgres ? 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' : false }, () => {
    let testApp: TestApp
    let people: Record<'editor' | 'officer' | 'administrator', User>
    before(async () => {
      testApp = await buildTestApp(kind)
      const { db } = testApp.services.store
      const organisation = await db.selectFrom('organisations').select('id').orderBy('id').executeTakeFirstOrThrow()
      const make = async (name: string, role: StaffRole | null) => {
        const user = await createUser(db, { email: `${name}@example.org`, name: `Test ${name}`, role, organisationIds: role ? [] : [organisation.id] })
        await setPassword(db, user.id, await hashPassword(PASSWORD))
        return user
      }
      people = { editor: await make('editor', null), officer: await make('officer', 'officer'), administrator: await make('administrator', 'administrator') }
    })
    after(async () => {
      await testApp.close()
    })

    const visitor = () => visitAs(testApp.app)

    test('a form sent without its CSRF token, or with another visitor\'s, is refused and changes nothing', async () => {
      const alice = visitor()
      const mallory = visitor()
      await alice.token('/sign-in')
      const stolen = await mallory.token('/sign-in')
      const without = await alice.post('/sign-in', { email: people.officer.email, password: PASSWORD })
      assert.equal(without.statusCode, 403)
      assert.match(without.body, /this form has expired/)
      const crossed = await alice.post('/sign-in', { _csrf: stolen, email: people.officer.email, password: PASSWORD })
      assert.equal(crossed.statusCode, 403)
      assert.equal(alice.jar.has('lo_session'), false)
    })

    test('signing in with the right password lands staff on /admin; a wrong one says so without saying which', async () => {
      const officer = visitor()
      const wrong = await officer.post('/sign-in', { _csrf: await officer.token('/sign-in'), email: people.officer.email, password: 'not the password' })
      assert.equal(wrong.statusCode, 400)
      assert.match(wrong.body, /Enter a correct email address and password/)
      const unknown = await officer.post('/sign-in', { _csrf: await officer.token('/sign-in'), email: 'nobody@example.org', password: PASSWORD })
      assert.match(unknown.body, /Enter a correct email address and password/)
      const right = await officer.post('/sign-in', { _csrf: await officer.token('/sign-in'), email: 'Officer@Example.org ', password: PASSWORD })
      assert.equal(right.statusCode, 303)
      assert.equal(right.headers.location, '/admin')
      const admin = await officer.get('/admin')
      assert.equal(admin.statusCode, 200)
      assert.match(admin.body, /Signed in as Test officer/)
      assert.equal(admin.headers['cache-control'], 'no-store')
    })

    test('after repeated failures the address is locked, even with the right password', async () => {
      const { db } = testApp.services.store
      const user = await createUser(db, { email: 'locked@example.org', name: 'Locked', role: 'officer' })
      await setPassword(db, user.id, await hashPassword(PASSWORD))
      const guesser = visitor()
      for (let attempt = 0; attempt < LOCK_AFTER; attempt++) {
        await guesser.post('/sign-in', { _csrf: await guesser.token('/sign-in'), email: user.email, password: `guess ${attempt} of many` })
      }
      const locked = await guesser.post('/sign-in', { _csrf: await guesser.token('/sign-in'), email: user.email, password: PASSWORD })
      assert.equal(locked.statusCode, 400)
      assert.match(locked.body, /too many times/)
      assert.equal(guesser.jar.has('lo_session'), false)
    })

    test('a page behind sign-in sends the signed-out to /sign-in and back afterwards', async () => {
      const visitorA = visitor()
      const asked = await visitorA.get('/admin/users')
      assert.equal(asked.statusCode, 303)
      assert.equal(asked.headers.location, '/sign-in?next=%2Fadmin%2Fusers')
      const form = await visitorA.get(String(asked.headers.location))
      assert.match(form.body, /name="next" value="\/admin\/users"/)
      const back = await visitorA.post('/sign-in', { _csrf: await visitorA.token('/sign-in'), email: people.administrator.email, password: PASSWORD, next: '/admin/users' })
      assert.equal(back.headers.location, '/admin/users')
      const away = await visitorA.post('/sign-in', { _csrf: await visitorA.token('/sign-in'), email: people.administrator.email, password: PASSWORD, next: '//evil.example/' })
      assert.equal(away.headers.location, '/admin', 'never to another site')
    })

    test('an invitation sets a password once; the link then stops working', async () => {
      const administrator = visitor()
      await administrator.post('/sign-in', { _csrf: await administrator.token('/sign-in'), email: people.administrator.email, password: PASSWORD })
      const invited = await administrator.post('/admin/users', { _csrf: await administrator.token('/admin/users'), name: 'New Senco', email: 'senco@example.org', role: 'editor', organisation: people.editor.organisationIds[0]! })
      assert.equal(invited.statusCode, 200)
      const link = /(\/account\/set-password\?token=[A-Za-z0-9_-]+)/.exec(invited.body)?.[1]
      assert.ok(link, 'the invitation link is shown')
      const again = await administrator.post('/admin/users', { _csrf: await administrator.token('/admin/users'), name: 'Twice', email: 'SENCO@example.org', role: 'officer' })
      assert.equal(again.statusCode, 400)
      assert.match(again.body, /already has an account/)

      const senco = visitor()
      const token = new URL(link, 'http://x').searchParams.get('token')!
      const weak = await senco.post('/account/set-password', { _csrf: await senco.token(link), token, password: 'password1234', confirm: 'password1234' })
      assert.equal(weak.statusCode, 400)
      assert.match(weak.body, /harder to guess/)
      const set = await senco.post('/account/set-password', { _csrf: await senco.token(link), token, password: PASSWORD, confirm: PASSWORD })
      assert.equal(set.statusCode, 303)
      assert.equal((await senco.get(link)).statusCode, 410)
      const signedIn = await senco.post('/sign-in', { _csrf: await senco.token('/sign-in'), email: 'senco@example.org', password: PASSWORD })
      assert.equal(signedIn.headers.location, '/manage')
      assert.equal((await senco.get('/manage')).statusCode, 200)
      assert.equal((await senco.get('/admin')).statusCode, 403)
    })

    test('an expired link is refused', async () => {
      const { db } = testApp.services.store
      const token = await issueToken(db, people.officer.id, 'reset', new Date(Date.now() - 2 * 60 * 60 * 1000))
      assert.equal((await visitor().get(`/account/set-password?token=${token}`)).statusCode, 410)
    })

    test('signing out ends that session; signing out everywhere ends every session of that person', async () => {
      const phone = visitor()
      const laptop = visitor()
      for (const device of [phone, laptop]) await device.post('/sign-in', { _csrf: await device.token('/sign-in'), email: people.editor.email, password: PASSWORD })
      assert.equal((await phone.get('/manage')).statusCode, 200)
      assert.equal((await laptop.get('/manage')).statusCode, 200)
      const out = await phone.post('/sign-out-everywhere', { _csrf: await phone.token('/manage') })
      assert.equal(out.statusCode, 303)
      assert.equal((await laptop.get('/manage')).statusCode, 303, 'the other device is signed out too')
      assert.equal((await phone.get('/manage')).statusCode, 303)
    })

    test('the audit log records sign-ins and cannot be changed or emptied', async () => {
      const { db } = testApp.services.store
      const entries = await db.selectFrom('audit_log').selectAll().where('action', '=', 'sign-in').execute()
      assert.ok(entries.length > 0)
      await assert.rejects(db.updateTable('audit_log').set({ action: 'nothing happened' }).execute(), /audit log cannot be changed/)
      await assert.rejects(db.deleteFrom('audit_log').execute(), /audit log cannot be changed/)
      if (kind === 'postgres') await assert.rejects(sql`TRUNCATE audit_log`.execute(db), /audit log cannot be changed/)
      assert.equal((await db.selectFrom('audit_log').selectAll().where('action', '=', 'sign-in').execute()).length, entries.length)
    })

    // Who may use what: the issue's roles, written out here, not taken from the code under test.
    const MAY: Record<string, Array<'editor' | 'officer' | 'administrator'>> = {
      'signed-in': ['editor', 'officer', 'administrator'],
      manage: ['editor', 'officer', 'administrator'],
      officer: ['officer', 'administrator'],
      administrator: ['administrator'],
    }

    test('every route behind sign-in, against every role: allowed, refused, or sent to sign in', async () => {
      const routes = testApp.app.routeAccess.filter((route) => route.method !== 'HEAD' && route.method !== 'OPTIONS')
      // A page for staff or providers that someone forgot to protect fails here.
      for (const route of routes.filter((r) => /^\/(admin|manage)(\/|$)/.test(r.url))) assert.notEqual(route.access, 'public', `${route.method} ${route.url} is public`)
      const guarded = routes.filter((route) => route.access !== 'public')
      assert.ok(guarded.length >= 6, `${guarded.length} guarded routes`)
      const { db } = testApp.services.store
      for (const route of guarded) {
        for (const role of ['anonymous', 'editor', 'officer', 'administrator'] as const) {
          const someone = visitor()
          const token = await someone.token('/sign-in')
          if (role !== 'anonymous') someone.jar.set('lo_session', await startSession(db, people[role].id))
          const reply = route.method === 'GET' ? await someone.get(route.url) : await someone.post(route.url, { _csrf: token })
          const label = `${route.method} ${route.url} as ${role}`
          if (role === 'anonymous') {
            if (route.method === 'GET') assert.equal(reply.headers.location, `/sign-in?next=${encodeURIComponent(route.url)}`, label)
            else assert.equal(reply.statusCode, 401, label)
          } else if (MAY[route.access]!.includes(role)) {
            assert.ok(reply.statusCode !== 401 && reply.statusCode !== 403 && reply.statusCode < 500, `${label}: ${reply.statusCode}`)
          } else {
            assert.equal(reply.statusCode, 403, label)
          }
        }
      }
    })
  })
}

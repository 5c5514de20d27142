// Administrators manage accounts on both stores: a role changed, organisations added and removed
// (a person may keep several organisations' listings), an account disabled (signed out at once)
// and enabled again; and the last administrator cannot be demoted or disabled.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { hashPassword } from '../../src/accounts/passwords.js'
import { createUser, findUser, setPassword, type User } from '../../src/accounts/users.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { STORE_KINDS } from '../support/stores.js'
import { visitor } from '../support/visitor.js'

const postgres = Boolean(process.env.TEST_DATABASE_URL)
const PASSWORD = 'harbour violet kettle 9'

for (const kind of STORE_KINDS) {
  describe(`managing accounts [${kind}]`, { skip: kind === 'postgres' && !postgres ? 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' : false }, () => {
    let testApp: TestApp
    let admin: User
    let editor: User
    let organisations: string[]
    before(async () => {
      testApp = await buildTestApp(kind)
      const { db } = testApp.services.store
      organisations = (await db.selectFrom('organisations').select('id').orderBy('name').limit(2).execute()).map((row) => row.id)
      admin = await createUser(db, { email: 'admin@example.org', name: 'Only Admin', role: 'administrator' })
      editor = await createUser(db, { email: 'editor@example.org', name: 'Two Hats', role: null, organisationIds: [organisations[0]!] })
      for (const user of [admin, editor]) await setPassword(db, user.id, await hashPassword(PASSWORD))
    })
    after(async () => {
      await testApp.close()
    })

    test('an editor keeps two organisations; a role changes; disabling signs them out at once', async () => {
      const { db } = testApp.services.store
      const administrator = visitor(testApp.app)
      await administrator.signIn(admin.email, PASSWORD)
      const someone = visitor(testApp.app)
      await someone.signIn(editor.email, PASSWORD)
      const url = `/admin/users/${editor.id}`
      assert.match((await administrator.get('/admin/users')).body, new RegExp(`href="${url}"`))
      const token = await administrator.token(url)

      assert.equal((await administrator.post(url, { _csrf: token, change: 'add-organisation', organisation: organisations[1]! })).statusCode, 303)
      assert.deepEqual((await findUser(db, { id: editor.id }))!.organisationIds.sort(), [...organisations].sort())
      assert.equal((await administrator.post(url, { _csrf: token, change: 'remove-organisation', organisation: organisations[0]! })).statusCode, 303)
      assert.deepEqual((await findUser(db, { id: editor.id }))!.organisationIds, [organisations[1]])
      assert.equal((await administrator.post(url, { _csrf: token, change: 'role', role: 'officer' })).statusCode, 303)
      assert.equal((await findUser(db, { id: editor.id }))!.role, 'officer')
      assert.equal((await someone.get('/admin/changes')).statusCode, 200, 'the new role applies to the session already open')

      assert.equal((await administrator.post(url, { _csrf: token, change: 'disable' })).statusCode, 303)
      assert.equal((await someone.get('/manage')).headers.location, '/sign-in?next=%2Fmanage', 'signed out at once')
      const again = visitor(testApp.app)
      const refused = await again.post('/sign-in', { _csrf: await again.token('/sign-in'), email: editor.email, password: PASSWORD })
      assert.equal(refused.statusCode, 400, 'cannot sign in while disabled')
      assert.equal((await administrator.post(url, { _csrf: token, change: 'enable' })).statusCode, 303)
      await again.signIn(editor.email, PASSWORD)

      const actions = await db.selectFrom('audit_log').select('action').where('subject', '=', editor.id).orderBy('id').execute()
      assert.deepEqual(
        actions.map((row) => row.action),
        ['user.add-organisation', 'user.remove-organisation', 'user.role', 'user.disable', 'user.enable'],
      )
    })

    test('nonsense changes are refused, and the last administrator stays one', async () => {
      const administrator = visitor(testApp.app)
      await administrator.signIn(admin.email, PASSWORD)
      const url = `/admin/users/${admin.id}`
      const token = await administrator.token(url)
      assert.equal((await administrator.post(url, { _csrf: token, change: 'role', role: 'emperor' })).statusCode, 400)
      assert.equal((await administrator.post(url, { _csrf: token, change: 'add-organisation', organisation: 'no-such-organisation' })).statusCode, 400)
      assert.equal((await administrator.post(url, { _csrf: token, change: 'explode' })).statusCode, 400)
      const demoted = await administrator.post(url, { _csrf: token, change: 'role', role: 'officer' })
      assert.equal(demoted.statusCode, 409)
      assert.match(demoted.body, /only enabled administrator/)
      assert.equal((await administrator.post(url, { _csrf: token, change: 'disable' })).statusCode, 409)
      assert.equal((await findUser(testApp.services.store.db, { id: admin.id }))!.role, 'administrator')
      assert.equal((await administrator.get('/admin/users/00000000-0000-4000-8000-000000000000')).statusCode, 404)
    })
  })
}

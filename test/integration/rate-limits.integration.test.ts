// Form posts are limited per address: past the limit the sender gets a clear page and a
// Retry-After, nothing is processed, and reading pages is never limited. The limit is kept in
// memory (not in the store), so one store is enough here.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, type TestApp } from '../support/app.js'
import { visitor } from '../support/visitor.js'

describe('rate limits on forms', () => {
  let testApp: TestApp
  before(async () => {
    testApp = await buildTestApp('sqlite', { FORM_RATE_LIMIT_PER_MINUTE: '3' })
  })
  after(async () => {
    await testApp.close()
  })

  test('the fourth form in a minute is refused with a page that says to wait; pages still load', async () => {
    const someone = visitor(testApp.app)
    const token = await someone.token('/sign-in')
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const reply = await someone.post('/sign-in', { _csrf: token, email: 'nobody@example.org', password: 'wrong password here' })
      assert.equal(reply.statusCode, 400, `attempt ${attempt} is answered`)
    }
    const refused = await someone.post('/sign-in', { _csrf: token, email: 'nobody@example.org', password: 'wrong password here' })
    assert.equal(refused.statusCode, 429)
    assert.ok(Number(refused.headers['retry-after']) > 0, 'says when to try again')
    assert.match(refused.body, /You have sent this form too many times/)
    // Refused before the form was read: no failed sign-in was counted for the fourth.
    const failures = await testApp.services.store.db.selectFrom('sign_in_failures').select('email').execute()
    assert.equal(failures.length, 3)
    for (let read = 0; read < 5; read += 1) assert.equal((await someone.get('/sign-in')).statusCode, 200)
    assert.equal((await testApp.app.inject('/api/oruk/services?per_page=1')).statusCode, 200)
  })
})

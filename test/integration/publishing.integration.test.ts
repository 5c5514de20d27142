// The publishing workflow on both stores, through the pages as a browser without JavaScript
// uses them: edit -> draft -> submit -> approve (the public sees it only then), returned with a
// reason, two editors at once (the second save is refused, nothing overwritten), withdrawal,
// "still correct", and the freshness dashboard.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { hashPassword } from '../../src/accounts/passwords.js'
import { createUser, setPassword, type User } from '../../src/accounts/users.js'
import type { StaffRole } from '../../src/db/schema.js'
import { findServiceDetail } from '../../src/db/repositories/services.js'
import { addDays, addMonths, today } from '../../src/publishing/review-dates.js'
import { serviceContentOf, type ServiceContent } from '../../src/publishing/service-content.js'
import { formPairs } from '../../src/web/routes/staff/publishing/present.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { STORE_KINDS } from '../support/stores.js'
import { visitor, type Visitor } from '../support/visitor.js'

const postgres = Boolean(process.env.TEST_DATABASE_URL)
const PASSWORD = 'copper meadow lantern 7'

/** The hidden fields naming the version a form was opened from. */
function fromFields(html: string): Array<[string, string]> {
  const revisionId = /name="revisionId" value="([^"]+)"/.exec(html)?.[1]
  const revisionVersion = /name="revisionVersion" value="(\d+)"/.exec(html)?.[1]
  const publishedVersion = /name="publishedVersion" value="(\d+)"/.exec(html)?.[1]
  if (revisionId && revisionVersion) return [['revisionId', revisionId], ['revisionVersion', revisionVersion]]
  assert.ok(publishedVersion, 'the form names the version it was opened from')
  return [['publishedVersion', publishedVersion]]
}

for (const kind of STORE_KINDS) {
  describe(`publishing workflow [${kind}]`, { skip: kind === 'postgres' && !postgres ? 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' : false }, () => {
    let testApp: TestApp
    let people: Record<'editor' | 'colleague' | 'stranger' | 'officer', User>
    let serviceId: string
    let organisationId: string

    before(async () => {
      testApp = await buildTestApp(kind)
      const { db } = testApp.services.store
      // A seed-document service, and another organisation for the stranger.
      const service = await db.selectFrom('services').select(['id', 'organisation_id']).where('source', 'is', null).orderBy('name').executeTakeFirstOrThrow()
      serviceId = service.id
      organisationId = service.organisation_id
      const other = await db.selectFrom('organisations').select('id').where('id', '!=', organisationId).orderBy('id').executeTakeFirstOrThrow()
      const make = async (name: string, role: StaffRole | null, organisationIds: string[]) => {
        const user = await createUser(db, { email: `${name}@example.org`, name: `Test ${name}`, role, organisationIds })
        await setPassword(db, user.id, await hashPassword(PASSWORD))
        return user
      }
      people = {
        editor: await make('editor', null, [organisationId]),
        colleague: await make('colleague', null, [organisationId]),
        stranger: await make('stranger', null, [other.id]),
        officer: await make('officer', 'officer', []),
      }
    })
    after(async () => {
      await testApp.close()
    })

    async function signedIn(who: keyof typeof people): Promise<Visitor> {
      const someone = visitor(testApp.app)
      await someone.signIn(people[who].email, PASSWORD)
      return someone
    }
    const published = async () => {
      const detail = await findServiceDetail(testApp.services.store.db, serviceId)
      assert.ok(detail)
      return { content: serviceContentOf(detail), version: detail.service.version, row: detail.service }
    }
    const editUrl = () => `/manage/services/${serviceId}/edit`

    /** Opens the edit form, then sends it with `change` applied to what the form showed. */
    async function openForm(someone: Visitor) {
      const page = await someone.get(editUrl())
      assert.equal(page.statusCode, 200, page.body.slice(0, 300))
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!
      return { page, token, from: fromFields(page.body) }
    }
    async function withdraw(someone: Visitor) {
      const form = await openForm(someone)
      const reply = await someone.post(`/manage/services/${serviceId}/withdraw`, [['_csrf', form.token], ...form.from])
      assert.equal(reply.statusCode, 303, 'withdrawn')
    }
    const send = (someone: Visitor, form: { token: string; from: Array<[string, string]> }, content: ServiceContent, action: string) =>
      someone.post(editUrl(), [['_csrf', form.token], ...form.from, ...formPairs(content), ['action', action]])

    test('an editor drafts and submits; the public sees the old listing until an officer approves', async () => {
      const before_ = await published()
      const editor = await signedIn('editor')
      const form = await openForm(editor)
      assert.match(form.page.body, new RegExp(`value="${before_.content.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/&/g, '&amp;')}"`))
      const changed = { ...before_.content, description: `${before_.content.description}\n\nNew: Saturday drop-in sessions for families.`, needs: [...new Set([...before_.content.needs, 'adhd'])].sort() }

      const saved = await send(editor, form, changed, 'save')
      assert.equal(saved.statusCode, 303)
      assert.equal(saved.headers.location, `${editUrl()}?done=saved`)
      assert.equal((await published()).content.description, before_.content.description, 'a draft changes nothing public')
      const publicPage = await testApp.app.inject(`/services/${serviceId}`)
      assert.doesNotMatch(publicPage.body, /Saturday drop-in/)

      const reopened = await openForm(editor)
      assert.match(reopened.page.body, /Saturday drop-in/, 'the draft is what the form shows next time')
      const submitted = await send(editor, reopened, changed, 'submit')
      assert.equal(submitted.headers.location, `${editUrl()}?done=submitted`)

      const officer = await signedIn('officer')
      const queue = await officer.get('/admin/changes')
      const changeId = new RegExp(`href="/admin/changes/([0-9a-f-]{36})"`).exec(queue.body)?.[1]
      assert.ok(changeId, 'the submitted change is waiting in the queue')
      const review = await officer.get(`/admin/changes/${changeId}`)
      assert.match(review.body, /<ins><span class="govuk-visually-hidden">added: <\/span>[^<]*Saturday drop-in/)
      assert.match(review.body, /ADHD/)
      const version = /name="version" value="(\d+)"/.exec(review.body)![1]!
      const approved = await officer.post(`/admin/changes/${changeId}/approve`, { _csrf: await officer.token(`/admin/changes/${changeId}`), version })
      assert.equal(approved.statusCode, 303)

      const after_ = await published()
      assert.equal(after_.version, before_.version + 1)
      assert.match(after_.content.description, /Saturday drop-in/)
      assert.ok(after_.content.needs.includes('adhd'))
      assert.equal(after_.row.last_reviewed, today(), 'approval counts as a check')
      assert.equal(after_.row.next_review_due, addMonths(today(), 12))
      assert.match((await testApp.app.inject(`/services/${serviceId}`)).body, /Saturday drop-in/)
      // Search sees the published text at once.
      const search = await testApp.app.inject('/search?q=saturday+drop-in')
      assert.match(search.body, new RegExp(serviceId))

      const { db } = testApp.services.store
      const actions = await db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject', '=', `service:${serviceId}`).orderBy('id').execute()
      assert.deepEqual(
        actions.map((row) => row.action),
        ['change.saved', 'change.submitted', 'change.approved'],
      )
      assert.equal(actions[2]!.actor_id, people.officer.id)
      const history = await editor.get(`/manage/services/${serviceId}/history`)
      assert.match(history.body, /Published/)
      assert.match(history.body, /Test officer/)
    })

    test('an officer sends a change back with a reason; the editor reads it, fixes and sends again', async () => {
      const editor = await signedIn('editor')
      const current = await published()
      await send(editor, await openForm(editor), { ...current.content, costDescription: 'Costs £500' }, 'submit')
      const officer = await signedIn('officer')
      const queue = await officer.get('/admin/changes')
      const changeId = /href="\/admin\/changes\/([0-9a-f-]{36})"/.exec(queue.body)![1]!
      const page = await officer.get(`/admin/changes/${changeId}`)
      const version = /name="version" value="(\d+)"/.exec(page.body)![1]!
      const token = await officer.token(`/admin/changes/${changeId}`)

      const noReason = await officer.post(`/admin/changes/${changeId}/return`, { _csrf: token, version, reason: '   ' })
      assert.equal(noReason.statusCode, 400)
      assert.match(noReason.body, /Enter why you are sending the change back/)
      const returned = await officer.post(`/admin/changes/${changeId}/return`, { _csrf: token, version, reason: 'The cost looks wrong: the leaflet says it is free. <script>x</script>' })
      assert.equal(returned.statusCode, 303)
      assert.equal((await published()).content.costDescription, current.content.costDescription, 'nothing published')

      const form = await openForm(editor)
      assert.match(form.page.body, /The council sent these changes back/)
      assert.match(form.page.body, /the leaflet says it is free\. &lt;script&gt;x&lt;\/script&gt;/, 'the reason is shown, escaped')
      await send(editor, form, { ...current.content, free: 'yes', costDescription: '' }, 'submit')
      const again = await officer.get('/admin/changes')
      assert.match(again.body, new RegExp(changeId), 'the same change is waiting again')
      const approve = await officer.get(`/admin/changes/${changeId}`)
      const v = /name="version" value="(\d+)"/.exec(approve.body)![1]!
      assert.equal((await officer.post(`/admin/changes/${changeId}/approve`, { _csrf: token, version: v })).statusCode, 303)
      assert.equal((await published()).content.free, 'yes')
    })

    test('two editors at once: the second save is refused with both versions shown, and nothing is overwritten', async () => {
      const editor = await signedIn('editor')
      const colleague = await signedIn('colleague')
      const current = await published()
      const mine = await openForm(editor)
      const theirs = await openForm(colleague)

      assert.equal((await send(editor, mine, { ...current.content, schedule: 'Mondays 9am to noon' }, 'save')).statusCode, 303)
      const refused = await send(colleague, theirs, { ...current.content, schedule: 'Fridays after school' }, 'save')
      assert.equal(refused.statusCode, 409)
      assert.match(refused.body, /This listing was changed since you opened it/)
      assert.match(refused.body, /Mondays 9am to noon/)
      assert.match(refused.body, /Fridays after school/)
      assert.match(refused.body, /Test editor/, 'says whose changes were saved')
      let form = await openForm(editor)
      assert.match(form.page.body, /Mondays 9am to noon/, "the first editor's draft is intact")

      // The first editor saves again meanwhile: the conflict page's copy is now stale too.
      assert.equal((await send(editor, form, { ...current.content, schedule: 'Mondays 9am to 1pm' }, 'save')).statusCode, 303)
      const hidden = [...refused.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>')] as [string, string])
      const staleAgain = await colleague.post(editUrl(), [...hidden, ['action', 'save']])
      assert.equal(staleAgain.statusCode, 409, 'still refused: the saved draft moved on again')

      // Choosing to keep theirs, from the newest conflict page, replaces the draft deliberately.
      const newest = [...staleAgain.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>')] as [string, string])
      assert.equal((await colleague.post(editUrl(), [...newest, ['action', 'save']])).statusCode, 303)
      form = await openForm(editor)
      assert.match(form.page.body, /Fridays after school/)
      assert.equal((await published()).content.schedule, current.content.schedule, 'drafts never reach the public')

      // Withdrawn: the listing is as published, with no change open.
      const withdrawn = await editor.post(`/manage/services/${serviceId}/withdraw`, [['_csrf', form.token], ...form.from])
      assert.equal(withdrawn.statusCode, 303)
      assert.deepEqual(fromFields((await openForm(editor)).page.body)[0]![0], 'publishedVersion')
    })

    test('an approval from a stale page is refused; an officer may publish at once', async () => {
      const editor = await signedIn('editor')
      const officer = await signedIn('officer')
      const current = await published()
      await send(editor, await openForm(editor), { ...current.content, phone: '01234 567890' }, 'submit')
      const changeId = /href="\/admin\/changes\/([0-9a-f-]{36})"/.exec((await officer.get('/admin/changes')).body)![1]!
      const token = await officer.token(`/admin/changes/${changeId}`)
      const staleVersion = /name="version" value="(\d+)"/.exec((await officer.get(`/admin/changes/${changeId}`)).body)![1]!
      // The editor changes it again after the officer opened it.
      await send(editor, await openForm(editor), { ...current.content, phone: '01234 000000' }, 'submit')
      const refused = await officer.post(`/admin/changes/${changeId}/approve`, { _csrf: token, version: staleVersion })
      assert.equal(refused.statusCode, 409)
      assert.match(refused.body, /edited or decided while you were reviewing/)
      assert.equal((await published()).content.phone, current.content.phone)
      await withdraw(editor)

      const form = await openForm(officer)
      assert.match(form.page.body, /Publish now/)
      const published_ = await send(officer, form, { ...current.content, name: `${current.content.name} (renamed)` }, 'publish')
      assert.equal(published_.headers.location, `${editUrl()}?done=published`)
      assert.equal((await published()).content.name, `${current.content.name} (renamed)`)
      // An editor cannot publish by sending the officer's button.
      const byEditor = await send(editor, await openForm(editor), { ...current.content, name: 'Sneaky' }, 'publish')
      assert.equal(byEditor.statusCode, 303)
      assert.notEqual((await published()).content.name, 'Sneaky')
      await withdraw(editor)
    })

    test('a listing published again meanwhile (an import, say) is never overwritten by approving an older change', async () => {
      const { db } = testApp.services.store
      const editor = await signedIn('editor')
      const officer = await signedIn('officer')
      const current = await published()
      await send(editor, await openForm(editor), { ...current.content, eligibility: 'Children aged 2 to 11 in Birmingham' }, 'submit')
      // What the Open Referral importer does when the feed changes: new content, a new version.
      await db.updateTable('services').set((eb) => ({ description: 'Updated by the feed.', version: eb('version', '+', 1) })).where('id', '=', serviceId).execute()
      const changeId = /href="\/admin\/changes\/([0-9a-f-]{36})"/.exec((await officer.get('/admin/changes')).body)![1]!
      const review = await officer.get(`/admin/changes/${changeId}`)
      assert.match(review.body, /published again after these changes were written/)
      const version = /name="version" value="(\d+)"/.exec(review.body)![1]!
      const refused = await officer.post(`/admin/changes/${changeId}/approve`, { _csrf: await officer.token(`/admin/changes/${changeId}`), version })
      assert.equal(refused.statusCode, 409)
      assert.equal((await published()).content.description, 'Updated by the feed.', 'the newer published text stays')
      await withdraw(editor)
    })

    test('bad input gets specific errors and stores nothing; other organisations may not edit', async () => {
      const editor = await signedIn('editor')
      const current = await published()
      const form = await openForm(editor)
      const bad = await editor.post(editUrl(), [
        ['_csrf', form.token],
        ...form.from,
        ...formPairs({ ...current.content, name: '', minAge: null, url: 'javascript:alert(1)', description: 'x'.repeat(10_001) }).filter(([name]) => name !== 'minAge'),
        ['minAge', '30'],
        ['needs', 'not-a-need'],
        ['action', 'submit'],
      ])
      assert.equal(bad.statusCode, 400)
      for (const message of ['Enter the name of the service', 'Enter an age in years, from 0 to 25', 'Enter a web address', 'must be 10000 characters or fewer', 'Choose needs from the list']) {
        assert.ok(bad.body.includes(message), message)
      }
      assert.match(bad.body, /govuk-error-summary/)
      const { db } = testApp.services.store
      assert.equal((await db.selectFrom('revisions').select('id').where('subject_id', '=', serviceId).where('status', 'in', ['draft', 'submitted', 'returned']).execute()).length, 0)

      const stranger = await signedIn('stranger')
      assert.equal((await stranger.get(editUrl())).statusCode, 403)
      assert.equal((await stranger.post(editUrl(), [['_csrf', form.token], ...form.from, ...formPairs(current.content), ['action', 'save']])).statusCode, 403)
      assert.equal((await stranger.get(`/manage/services/${serviceId}/review`)).statusCode, 403)
      assert.equal((await stranger.get(`/admin/changes`)).statusCode, 403)
      assert.equal((await editor.get('/manage/services/00000000-0000-4000-8000-000000000000/edit')).statusCode, 404)
      assert.equal((await editor.post(editUrl(), [['_csrf', form.token], ['action', 'save']])).statusCode, 400, 'a form without its version is refused')
    })

    test('"still correct" records the check; the dashboard lists what is overdue, with its editors', async () => {
      const { db } = testApp.services.store
      const editor = await signedIn('editor')
      await db.updateTable('services').set({ last_reviewed: '2025-01-10', next_review_due: '2026-01-10' }).where('id', '=', serviceId).execute()
      const soon = await db.selectFrom('services').select(['id', 'name']).where('id', '!=', serviceId).orderBy('name').executeTakeFirstOrThrow()
      await db.updateTable('services').set({ next_review_due: addDays(today(), 10) }).where('id', '=', soon.id).execute()

      const officer = await signedIn('officer')
      const dashboard = await officer.get('/admin/freshness')
      assert.equal(dashboard.statusCode, 200)
      const overdue = dashboard.body.slice(dashboard.body.indexOf('Overdue, longest first'), dashboard.body.indexOf('Due soon'))
      assert.match(overdue, new RegExp(`/services/${serviceId}`))
      assert.match(dashboard.body.slice(dashboard.body.indexOf('Due soon')), new RegExp(`/services/${soon.id}`))

      const page = await editor.get(`/manage/services/${serviceId}/review`)
      assert.match(page.body, /Its review was due on/)
      const confirmed = await editor.post(`/manage/services/${serviceId}/review`, { _csrf: await editor.token(`/manage/services/${serviceId}/review`) })
      assert.equal(confirmed.statusCode, 303)
      const row = await db.selectFrom('services').select(['last_reviewed', 'next_review_due']).where('id', '=', serviceId).executeTakeFirstOrThrow()
      assert.deepEqual(row, { last_reviewed: today(), next_review_due: addMonths(today(), 12) })
      assert.ok((await db.selectFrom('audit_log').select('id').where('action', '=', 'review.confirmed').where('actor_id', '=', people.editor.id).executeTakeFirst()))
      const after_ = await officer.get('/admin/freshness')
      assert.doesNotMatch(after_.body, new RegExp(`/services/${serviceId}"`))
      const manage = await editor.get('/manage')
      assert.match(manage.body, new RegExp(`/manage/services/${serviceId}/edit`))
    })
  })
}

// Feedback on both stores, through the pages as a browser without JavaScript uses them: the block
// on every public page (yes/no, then a comment; a listing's problem), its limits and its honeypot,
// where it goes (the listing's editors by mail, officers through the inbox), the inbox's filters,
// counts and triage (saved against a version, audited), providers' view of their own feedback,
// "fix the listing" in one step, the kept search page's per-visitor tokens, and the rate limit.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { hashPassword } from '../../src/accounts/passwords.js'
import { createUser, setPassword, type User } from '../../src/accounts/users.js'
import type { StaffRole } from '../../src/db/schema.js'
import { findServiceDetail } from '../../src/db/repositories/services.js'
import { findSubject, recordFeedback } from '../../src/feedback/store.js'
import { serviceContentOf } from '../../src/publishing/service-content.js'
import { seedId } from '../../src/seed/load.js'
import { formPairs } from '../../src/web/routes/staff/publishing/present.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { STORE_KINDS } from '../support/stores.js'
import { visitor, type Reply, type Visitor } from '../support/visitor.js'

const postgres = Boolean(process.env.TEST_DATABASE_URL)
const PASSWORD = 'harbour thistle copper 9'

/** The block's form fields on a page: its CSRF token and the page it says it is on. */
function blockFields(html: string): { token: string; page: string } {
  const form = /<form method="post" action="\/feedback\/useful"[\s\S]*?<\/form>/.exec(html)?.[0]
  assert.ok(form, 'the page has the feedback block')
  const token = /name="_csrf" value="([^"]+)"/.exec(form)?.[1]
  const page = /name="page" value="([^"]*)"/.exec(form)?.[1]
  assert.ok(token && page !== undefined, 'the block carries a token and its page')
  return { token, page: page.replace(/&amp;/g, '&') }
}

function hidden(html: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]
  assert.ok(value !== undefined, `a hidden ${name} field`)
  return value.replace(/&amp;/g, '&')
}

function text(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ')
}

for (const kind of STORE_KINDS) {
  describe(`feedback [${kind}]`, { skip: kind === 'postgres' && !postgres ? 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' : false }, () => {
    let testApp: TestApp
    let people: Record<'editor' | 'stranger' | 'officer' | 'colleague', User>
    let serviceId: string
    let organisationId: string
    let otherServiceId: string
    let schoolId: string

    before(async () => {
      testApp = await buildTestApp(kind)
      const { db } = testApp.services.store
      serviceId = seedId('cromwell-cat')
      organisationId = (await db.selectFrom('services').select('organisation_id').where('id', '=', serviceId).executeTakeFirstOrThrow()).organisation_id
      const other = await db.selectFrom('services').select(['id', 'organisation_id']).where('organisation_id', '!=', organisationId).orderBy('id').executeTakeFirstOrThrow()
      otherServiceId = other.id
      schoolId = (await db.selectFrom('schools').select('id').orderBy('id').executeTakeFirstOrThrow()).id
      const make = async (name: string, role: StaffRole | null, organisationIds: string[]) => {
        const user = await createUser(db, { email: `${name}@example.org`, name: `Test ${name}`, role, organisationIds })
        await setPassword(db, user.id, await hashPassword(PASSWORD))
        return user
      }
      people = {
        editor: await make('editor', null, [organisationId]),
        stranger: await make('stranger', null, [other.organisation_id]),
        officer: await make('officer', 'officer', []),
        colleague: await make('colleague', 'officer', []),
      }
    })
    after(async () => {
      await testApp.close()
    })

    const db = () => testApp.services.store.db
    const servicePage = () => `/services/${serviceId}`
    const count = async () => Number((await db().selectFrom('feedback').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const mails = () => db().selectFrom('mail_outbox').selectAll().orderBy('created_at').execute()
    async function signedIn(who: keyof typeof people): Promise<Visitor> {
      const someone = visitor(testApp.app)
      await someone.signIn(people[who].email, PASSWORD)
      return someone
    }
    /** Opens a page as a visitor and sends the block's problem form with `fields`. */
    async function reportProblem(someone: Visitor, url: string, fields: Record<string, string>): Promise<Reply> {
      const { token, page } = blockFields((await someone.get(url)).body)
      return someone.post('/feedback/problem', { _csrf: token, page, website: '', ...fields })
    }
    const idOfThanks = (location: unknown) => {
      const ref = new URL(String(location), 'http://x').searchParams.get('ref')
      assert.ok(ref, 'the thank-you address names the feedback')
      return ref.split('.')[0]!
    }

    test('every public page has the block; staff and sign-in pages do not; only listings offer "report a problem"', async () => {
      const someone = visitor(testApp.app)
      for (const url of ['/', '/search?q=autism', servicePage(), `/schools/${schoolId}`, `/schools/${schoolId}/report`, '/about', '/no-such-page']) {
        const page = await someone.get(url)
        assert.match(page.body, /Is this page useful\?/, url)
        assert.match(page.body, /The Local Offer team at Birmingham City Council looks after this website/, url)
        assert.equal(/Report a problem with this listing/.test(page.body), /^\/(services|schools)\//.test(url), `${url}: report a problem only on listings`)
      }
      const service = await someone.get(servicePage())
      const organisation = await db().selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirstOrThrow()
      assert.ok(text(service.body).includes(`${organisation.name} keeps this listing up to date.`), 'names who keeps the listing')
      // No team email or phone is set here, so none is shown (none is made up).
      assert.doesNotMatch(service.body, /To talk to a person instead of using a form/)
      assert.doesNotMatch((await someone.get('/sign-in')).body, /Is this page useful\?/)
      const officer = await signedIn('officer')
      assert.doesNotMatch((await officer.get('/admin/feedback')).body, /Is this page useful\?/)
    })

    test('the team\'s contact details are shown where they are set', async () => {
      const withTeam = await buildTestApp(kind, { LOCAL_OFFER_TEAM_NAME: 'SEND Local Offer team', LOCAL_OFFER_TEAM_EMAIL: 'localoffer@example.gov.uk', LOCAL_OFFER_TEAM_PHONE: '0121 303 1888' })
      try {
        const page = await withTeam.app.inject('/about')
        assert.match(page.body, /SEND Local Offer team at Birmingham City Council looks after this website\. To talk to a person instead of using a form:/)
        assert.match(page.body, /href="mailto:localoffer@example.gov.uk"/)
        assert.match(page.body, /href="tel:01213031888"/)
      } finally {
        await withTeam.close()
      }
    })

    test('"no" from a service page keeps the page, the service and its organisation (never a posted one); a comment can follow once', async () => {
      const someone = visitor(testApp.app)
      const { token, page } = blockFields((await someone.get(servicePage())).body)
      const answered = await someone.post('/feedback/useful', { _csrf: token, page, useful: 'no', website: '', organisation_id: people.stranger.organisationIds[0]!, subject_id: otherServiceId })
      assert.equal(answered.statusCode, 303)
      const id = idOfThanks(answered.headers.location)
      const row = await db().selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(row.page_path, servicePage())
      assert.equal(row.kind, 'useful')
      assert.equal(row.useful, 0)
      assert.equal(row.subject_kind, 'service')
      assert.equal(row.subject_id, serviceId)
      assert.equal(row.organisation_id, organisationId, 'the organisation is looked up from the page, not taken from the form')
      assert.equal(row.state, 'new')
      const mailsBefore = (await mails()).length

      const thanks = await someone.get(String(answered.headers.location))
      assert.equal(thanks.statusCode, 200)
      assert.match(thanks.body, /Thank you for your feedback/)
      assert.match(thanks.body, /action="\/feedback\/more"/)
      assert.match(thanks.body, new RegExp(`href="${servicePage()}"`), 'links back to the page')
      assert.match(thanks.body, /we keep your contact details for 6 months, then delete them/)
      const more = await someone.post('/feedback/more', { _csrf: hidden(thanks.body, '_csrf'), ref: hidden(thanks.body, 'ref'), back: hidden(thanks.body, 'back'), comment: 'The opening times are not listed.', website: '' })
      assert.equal(more.statusCode, 303)
      const commented = await db().selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(commented.comment, 'The opening times are not listed.')
      assert.equal(commented.useful, 0, 'the same item, not a second one')
      assert.match((await someone.get(String(more.headers.location))).body, /We have your comment/)

      // The listing's editor is told, without the comment; officers are not mailed (the inbox is theirs).
      const sent = (await mails()).slice(mailsBefore)
      assert.deepEqual(sent.map((mail) => mail.to_address), [people.editor.email])
      assert.match(sent[0]!.subject, /New feedback about Communication and Autism Team/)
      assert.match(sent[0]!.body, new RegExp(`/manage/feedback/${id}`))
      assert.doesNotMatch(sent[0]!.body, /opening times/)

      const again = await someone.post('/feedback/more', { _csrf: hidden(thanks.body, '_csrf'), ref: hidden(thanks.body, 'ref'), comment: 'Second thoughts', website: '' })
      assert.equal(again.statusCode, 400)
      assert.match(again.body, /This feedback can no longer be changed/)
      const forged = await someone.post('/feedback/more', { _csrf: hidden(thanks.body, '_csrf'), ref: `${id}.forged`, comment: 'Not mine', website: '' })
      assert.equal(forged.statusCode, 400)
      assert.equal((await db().selectFrom('feedback').select('comment').where('id', '=', id).executeTakeFirstOrThrow()).comment, 'The opening times are not listed.')
    })

    test('"yes" from a school\'s report page is about the school; from the search page about no listing', async () => {
      const someone = visitor(testApp.app)
      const report = blockFields((await someone.get(`/schools/${schoolId}/report`)).body)
      const id = idOfThanks((await someone.post('/feedback/useful', { _csrf: report.token, page: report.page, useful: 'yes' })).headers.location)
      const row = await db().selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.deepEqual([row.subject_kind, row.subject_id, row.organisation_id, row.useful, row.page_path], ['school', schoolId, schoolId, 1, `/schools/${schoolId}/report`])

      const search = blockFields((await someone.get('/search?q=speech&postcode=B1+1AA')).body)
      assert.equal(search.page, '/search?q=speech&postcode=B1+1AA')
      const answered = await someone.post('/feedback/useful', { _csrf: search.token, page: search.page, useful: 'yes' })
      const general = await db().selectFrom('feedback').selectAll().where('id', '=', idOfThanks(answered.headers.location)).executeTakeFirstOrThrow()
      assert.equal(general.page_path, '/search', 'the search words and postcode are not stored')
      assert.equal(general.subject_kind, null)
      assert.equal(general.organisation_id, null)
      assert.match((await someone.get(String(answered.headers.location))).body, /href="\/search\?q=speech&amp;postcode=B1\+1AA"/, 'the link back keeps the search')
    })

    test('a comment over 1,200 characters is refused with its count, on a page linking back; nothing is stored', async () => {
      const someone = visitor(testApp.app)
      const before_ = await count()
      const refused = await reportProblem(someone, servicePage(), { problem: 'out-of-date', comment: 'x'.repeat(1_305) })
      assert.equal(refused.statusCode, 400)
      assert.match(refused.body, /<title>Error: /)
      assert.match(refused.body, /govuk-error-summary/)
      assert.match(refused.body, /href="#problem-comment">Your comment must be 1,200 characters or fewer\. It has 1,305 characters\./)
      assert.match(refused.body, new RegExp(`href="${servicePage()}">Go back to the page you were on`))
      assert.match(refused.body, /value="out-of-date" checked/, 'what was chosen is kept')
      assert.equal(await count(), before_)

      const block = blockFields((await someone.get(servicePage())).body)
      const answered = await someone.post('/feedback/useful', { _csrf: block.token, page: block.page, useful: 'yes' })
      const thanks = await someone.get(String(answered.headers.location))
      const long = await someone.post('/feedback/more', { _csrf: hidden(thanks.body, '_csrf'), ref: hidden(thanks.body, 'ref'), comment: 'y'.repeat(1_201) })
      assert.equal(long.statusCode, 400)
      assert.match(long.body, /href="#more-comment">Your comment must be 1,200 characters or fewer\. It has 1,201 characters\./)
      // 1,200 characters with line breaks as browsers send them (CRLF) still fit.
      const fits = await someone.post('/feedback/more', { _csrf: hidden(thanks.body, '_csrf'), ref: hidden(thanks.body, 'ref'), comment: `${'z'.repeat(599)}\r\n${'z'.repeat(600)}` })
      assert.equal(fits.statusCode, 303)
    })

    test('a problem must say what is wrong; "something else" needs a comment', async () => {
      const someone = visitor(testApp.app)
      const none = await reportProblem(someone, servicePage(), { comment: 'Hmm' })
      assert.equal(none.statusCode, 400)
      assert.match(none.body, /href="#problem-problem">Select what is wrong with this listing/)
      const other = await reportProblem(someone, servicePage(), { problem: 'other' })
      assert.match(other.body, /href="#problem-comment">Tell us what is wrong with this listing/)
    })

    test('contact details without consent are refused, as are a bad email or phone; with consent they are kept, and never mailed', async () => {
      const someone = visitor(testApp.app)
      const before_ = await count()
      const noConsent = await reportProblem(someone, servicePage(), { problem: 'wrong-contact', comment: 'The phone number rings out.', email: 'parent@example.com' })
      assert.equal(noConsent.statusCode, 400)
      assert.match(noConsent.body, /href="#problem-consent">Tick the box to agree to us keeping your contact details, or remove them/)
      const bad = await reportProblem(someone, servicePage(), { problem: 'wrong-contact', email: 'parent at example', phone: '12ab', name: 'N'.repeat(101), consent: 'yes' })
      assert.match(bad.body, /Enter an email address in the correct format, like name@example.com/)
      assert.match(bad.body, /Enter a phone number, like 01632 960 001/)
      assert.match(bad.body, /Your name must be 100 characters or fewer\. It has 101 characters\./)
      const nowhere = await reportProblem(someone, servicePage(), { problem: 'wrong-contact', consent: 'yes' })
      assert.match(nowhere.body, /Enter an email address or a phone number, or untick the box/)
      assert.equal(await count(), before_, 'nothing stored from a refused form')

      const mailsBefore = (await mails()).length
      const kept = await reportProblem(someone, servicePage(), { problem: 'wrong-contact', comment: 'The phone number rings out.', name: 'A Parent', email: 'parent@example.com', phone: '07700 900982', consent: 'yes' })
      assert.equal(kept.statusCode, 303)
      const row = await db().selectFrom('feedback').selectAll().where('id', '=', idOfThanks(kept.headers.location)).executeTakeFirstOrThrow()
      assert.deepEqual([row.kind, row.problem, row.contact_name, row.contact_email, row.contact_phone], ['problem', 'wrong-contact', 'A Parent', 'parent@example.com', '07700 900982'])
      assert.ok(row.consented_at && Math.abs(Date.parse(row.consented_at) - Date.now()) < 60_000, 'the consent is dated')
      const sent = (await mails()).slice(mailsBefore)
      assert.deepEqual(sent.map((mail) => mail.to_address), [people.editor.email])
      assert.match(sent[0]!.subject, /A problem was reported with/)
      for (const mail of sent) assert.doesNotMatch(`${mail.subject} ${mail.body}`, /parent@example\.com|A Parent|07700|rings out/)
      assert.match((await someone.get(String(kept.headers.location))).body, /We have passed your report to the people who keep this listing/)
    })

    test('a robot that fills the hidden field is thanked, and nothing is kept or mailed', async () => {
      const someone = visitor(testApp.app)
      const [before_, mailsBefore] = [await count(), (await mails()).length]
      const { token, page } = blockFields((await someone.get(servicePage())).body)
      for (const [url, fields] of [
        ['/feedback/useful', { useful: 'yes' }],
        ['/feedback/problem', { problem: 'closed', comment: 'Buy cheap watches' }],
      ] as const) {
        const reply = await someone.post(url, { _csrf: token, page, website: 'http://spam.example', ...fields })
        assert.equal(reply.statusCode, 303, url)
        assert.equal(reply.headers.location, '/feedback/thanks')
      }
      assert.equal((await someone.get('/feedback/thanks')).statusCode, 200)
      assert.equal(await count(), before_)
      assert.equal((await mails()).length, mailsBefore)
    })

    test('forms that do not come from one of our pages are refused: another site\'s page, a non-listing for a problem, no answer', async () => {
      const someone = visitor(testApp.app)
      const { token } = blockFields((await someone.get('/')).body)
      const before_ = await count()
      for (const [url, fields] of [
        ['/feedback/useful', { page: '//evil.example/', useful: 'yes' }],
        ['/feedback/useful', { page: 'https://evil.example/', useful: 'yes' }],
        ['/feedback/useful', { page: '/about', useful: 'maybe' }],
        ['/feedback/problem', { page: '/about', problem: 'closed' }],
        ['/feedback/problem', { page: '/services/00000000-0000-4000-8000-000000000000', problem: 'closed' }],
      ] as const) {
        assert.equal((await someone.post(url, { _csrf: token, ...fields })).statusCode, 400, `${url} ${fields.page}`)
      }
      assert.equal((await someone.post('/feedback/useful', { page: '/about', useful: 'yes' })).statusCode, 403, 'no token, no feedback')
      assert.equal(await count(), before_)
    })

    test('markup in a comment is shown as text in the inbox, on the item page and on the provider\'s page', async () => {
      const hostile = '<script>alert("x")</script><b>bold</b>'
      const kept = await reportProblem(visitor(testApp.app), servicePage(), { problem: 'other', comment: hostile })
      const id = idOfThanks(kept.headers.location)
      const officer = await signedIn('officer')
      const editor = await signedIn('editor')
      for (const [who, url] of [
        [officer, '/admin/feedback'],
        [officer, `/admin/feedback/${id}`],
        [editor, '/manage/feedback'],
        [editor, `/manage/feedback/${id}`],
      ] as const) {
        const page = await who.get(url)
        assert.equal(page.statusCode, 200, url)
        assert.ok(!page.body.includes('<script>alert'), `${url}: no script from the comment`)
        assert.ok(!page.body.includes('<b>bold'), `${url}: no markup from the comment`)
        assert.match(page.body, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/, url)
      }
    })

    test('a provider sees her organisation\'s feedback, never another\'s, and never the visitor\'s contact details; she can add notes', async () => {
      const ours = idOfThanks((await reportProblem(visitor(testApp.app), servicePage(), { problem: 'closed', comment: 'Ours: closed in August.', email: 'ours@example.com', consent: 'yes' })).headers.location)
      const theirs = idOfThanks((await reportProblem(visitor(testApp.app), `/services/${otherServiceId}`, { problem: 'closed', comment: 'Theirs: moved away.' })).headers.location)
      const editor = await signedIn('editor')
      const list = await editor.get('/manage/feedback')
      assert.equal(list.statusCode, 200)
      assert.match(list.body, /Ours: closed in August\./)
      assert.doesNotMatch(list.body, /Theirs: moved away\./)
      assert.equal((await editor.get(`/manage/feedback/${theirs}`)).statusCode, 404)
      const item = await editor.get(`/manage/feedback/${ours}`)
      assert.doesNotMatch(item.body, /ours@example\.com/, 'contact details are for the council only')
      assert.match(item.body, /The council has not responded yet/)
      const stranger = await signedIn('stranger')
      assert.equal((await stranger.get(`/manage/feedback/${ours}`)).statusCode, 404)
      assert.equal((await stranger.post(`/manage/feedback/${ours}/notes`, { _csrf: await stranger.token('/manage/feedback'), note: 'Not mine' })).statusCode, 404)

      const token = await editor.token(`/manage/feedback/${ours}`)
      const empty = await editor.post(`/manage/feedback/${ours}/notes`, { _csrf: token, note: '  ' })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /href="#note">Enter a note/)
      const added = await editor.post(`/manage/feedback/${ours}/notes`, { _csrf: token, note: 'We reopened in September.' })
      assert.equal(added.statusCode, 303)
      const officer = await signedIn('officer')
      const seen = await officer.get(`/admin/feedback/${ours}`)
      assert.match(seen.body, /We reopened in September\./, 'the officer sees the provider\'s note')
      assert.match(seen.body, /ours@example\.com/, 'the officer sees the contact details')
      assert.match(seen.body, /Given with consent on \d+ \w+ \d{4}\. Deleted after \d+ \w+ \d{4}\./)
      const audited = await db().selectFrom('audit_log').selectAll().where('action', '=', 'feedback.note').where('subject', '=', `feedback:${ours}`).execute()
      assert.equal(audited.length, 1)
      assert.equal(audited[0]!.actor_id, people.editor.id)
    })

    test('the inbox counts each state, filters by state, theme, page and "assigned to me", newest first, a page at a time', async () => {
      const subject = await findSubject(db(), { kind: 'service', id: serviceId })
      const marker = `inbox-${kind}`
      const at = (minutes: number) => new Date(Date.now() + minutes * 60_000)
      const ids: string[] = []
      for (let index = 0; index < 30; index++) {
        ids.push(await recordFeedback(db(), { pagePath: index % 3 === 0 ? '/about' : servicePage(), subject: index % 3 === 0 ? undefined : subject, kind: 'useful', useful: false, comment: `${marker} number ${index}.`, now: at(index + 10) }))
      }
      await db().updateTable('feedback').set({ state: 'closed' }).where('id', 'in', ids.slice(0, 4)).execute()
      await db().updateTable('feedback').set({ assigned_to: people.officer.id }).where('id', 'in', ids.slice(10, 12)).execute()
      await db().insertInto('feedback_themes').values([{ feedback_id: ids[5]!, theme: 'service-gap' }]).execute()

      const officer = await signedIn('officer')
      const first = await officer.get('/admin/feedback')
      const body = text(first.body)
      const states = await db().selectFrom('feedback').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute()
      const expected = Object.fromEntries(states.map((row) => [row.state, Number(row.n)]))
      const total = Object.values(expected).reduce((sum, each) => sum + each, 0)
      assert.ok(body.includes(`All (${total})`), 'the count of all feedback')
      assert.ok(body.includes(`New (${expected.new ?? 0})`), 'the count of new feedback')
      assert.ok(body.includes(`Closed (${expected.closed ?? 0})`))
      assert.ok(body.includes(`${total} items`))
      // Newest first: the last made is at the top; 25 a page, so the earliest ones are on page 2.
      assert.ok(body.indexOf(`${marker} number 29.`) < body.indexOf(`${marker} number 28.`))
      assert.ok(!body.includes(`${marker} number 3.`))
      assert.match(first.body, /href="\/admin\/feedback\?page=2"/)
      assert.ok(text((await officer.get('/admin/feedback?page=2')).body).includes(`${marker} number 3.`))

      const closed = text((await officer.get('/admin/feedback?state=closed')).body)
      for (const index of [0, 1, 2, 3]) assert.ok(closed.includes(`${marker} number ${index}.`), `closed item ${index}`)
      assert.ok(!closed.includes(`${marker} number 4.`))
      const themed = text((await officer.get('/admin/feedback?theme=service-gap')).body)
      assert.ok(themed.includes(`${marker} number 5.`))
      assert.ok(!themed.includes(`${marker} number 6.`))
      const general = text((await officer.get('/admin/feedback?kind=general')).body)
      assert.ok(general.includes(`${marker} number 27.`) && !general.includes(`${marker} number 28.`), 'only pages about no listing')
      const services = text((await officer.get('/admin/feedback?kind=service&state=new')).body)
      assert.ok(services.includes(`${marker} number 28.`) && !services.includes(`${marker} number 27.`))
      const mine = text((await officer.get('/admin/feedback?mine=1')).body)
      assert.ok(mine.includes(`${marker} number 10.`) && mine.includes(`${marker} number 11.`) && !mine.includes(`${marker} number 12.`))
      assert.ok(mine.includes('All (2)'), 'counts follow the other filters')
      assert.ok(!text((await (await signedIn('colleague')).get('/admin/feedback?mine=1')).body).includes(marker), 'mine is each officer\'s own')
      assert.equal((await (await signedIn('editor')).get('/admin/feedback')).statusCode, 403, 'providers have no inbox')
    })

    test('state, themes, assignment, response and notes are saved and audited; a save from a stale copy changes nothing', async () => {
      const id = idOfThanks((await reportProblem(visitor(testApp.app), servicePage(), { problem: 'out-of-date', comment: 'Triage me.' })).headers.location)
      const officer = await signedIn('officer')
      const colleague = await signedIn('colleague')
      const page = await officer.get(`/admin/feedback/${id}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /href="\/admin\/feedback\/[0-9a-f-]+\/publish"/, 'the spot for "You said, we did"')
      const token = hidden(page.body, '_csrf')
      const version = hidden(page.body, 'version')
      const stalePage = await colleague.get(`/admin/feedback/${id}`)

      const saved = await officer.post(`/admin/feedback/${id}`, [
        ['_csrf', token],
        ['version', version],
        ['state', 'responded'],
        ['themes', 'out-of-date'],
        ['themes', 'information-missing'],
        ['themes', 'not-a-theme'],
        ['assignedTo', people.colleague.id],
        ['response', 'We asked the provider to update their opening hours.'],
      ])
      assert.equal(saved.statusCode, 303)
      assert.equal(saved.headers.location, `/admin/feedback/${id}?done=saved`)
      const row = await db().selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.deepEqual([row.state, row.assigned_to, row.response, row.responded_by, row.version], ['responded', people.colleague.id, 'We asked the provider to update their opening hours.', people.officer.id, Number(version) + 1])
      assert.ok(row.responded_at)
      const themes = await db().selectFrom('feedback_themes').select('theme').where('feedback_id', '=', id).orderBy('theme').execute()
      assert.deepEqual(themes.map((each) => each.theme), ['information-missing', 'out-of-date'])
      const after_ = await officer.get(String(saved.headers.location))
      assert.match(after_.body, /Your changes are saved/)
      assert.match(after_.body, /value="responded" checked/)

      const audit = await db().selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('subject', '=', `feedback:${id}`).orderBy('id').execute()
      assert.deepEqual(audit.map((entry) => entry.action).sort(), ['feedback.assigned', 'feedback.responded', 'feedback.state', 'feedback.themes'])
      assert.ok(audit.every((entry) => entry.actor_id === people.officer.id))
      assert.deepEqual(JSON.parse(audit.find((entry) => entry.action === 'feedback.state')!.details!), { from: 'new', to: 'responded' })
      assert.ok(audit.every((entry) => !(entry.details ?? '').includes('opening hours')), 'the response text stays out of the audit log')

      // The colleague's copy is older: her save is refused, with her words shown back, and nothing changes.
      const stale = await colleague.post(`/admin/feedback/${id}`, { _csrf: hidden(stalePage.body, '_csrf'), version: hidden(stalePage.body, 'version'), state: 'closed', assignedTo: '', response: 'Closing this one.' })
      assert.equal(stale.statusCode, 409)
      assert.match(stale.body, /Someone else saved this feedback after you opened it\. Nothing you entered was saved\./)
      assert.match(stale.body, /Closing this one\./)
      assert.match(stale.body, /value="responded" checked/, 'the form shows what is stored now')
      const unchanged = await db().selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.deepEqual(unchanged, row)

      const tooLong = await officer.post(`/admin/feedback/${id}`, { _csrf: token, version: String(row.version), state: 'closed', response: 'r'.repeat(5_001) })
      assert.equal(tooLong.statusCode, 400)
      assert.match(tooLong.body, /href="#response">The response must be 5,000 characters or fewer\. It has 5,001 characters\./)
      assert.equal((await officer.post(`/admin/feedback/${id}`, { _csrf: token, version: String(row.version), state: 'closed', assignedTo: people.editor.id })).statusCode, 400, 'only officers can be assigned')
      assert.equal((await officer.post(`/admin/feedback/${id}`, { _csrf: token, state: 'closed' })).statusCode, 400, 'a save without its version is refused')

      const noted = await officer.post(`/admin/feedback/${id}/notes`, { _csrf: token, note: 'Rang the provider <b>today</b>.' })
      assert.equal(noted.statusCode, 303)
      const withNote = await officer.get(`/admin/feedback/${id}`)
      assert.match(withNote.body, /Rang the provider &lt;b&gt;today&lt;\/b&gt;\./)
      assert.match(withNote.body, /Test officer, \d+ \w+ \d{4}/)
      assert.equal((await officer.get('/admin/feedback/00000000-0000-4000-8000-000000000000')).statusCode, 404)
    })

    test('"fix the listing": the edit form shows the problem, and saving the edit moves the item to in progress with a note', async () => {
      const id = idOfThanks((await reportProblem(visitor(testApp.app), servicePage(), { problem: 'wrong-contact', comment: 'The email bounces.' })).headers.location)
      const officer = await signedIn('officer')
      const item = await officer.get(`/admin/feedback/${id}`)
      const link = new RegExp(`href="(/manage/services/${serviceId}/edit\\?feedback=${id})"`).exec(item.body)?.[1]
      assert.ok(link, 'the item links to the listing\'s edit form')
      const editor = await signedIn('editor')
      const form = await editor.get(link)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /Feedback about this listing/)
      assert.match(form.body, /The contact details are wrong/)
      assert.match(form.body, /The email bounces\./)
      assert.match(form.body, new RegExp(`name="feedback" value="${id}"`))
      // Feedback about another listing is not shown beside this one.
      const otherId = idOfThanks((await reportProblem(visitor(testApp.app), `/services/${otherServiceId}`, { problem: 'closed', comment: 'Elsewhere.' })).headers.location)
      assert.doesNotMatch((await editor.get(`/manage/services/${serviceId}/edit?feedback=${otherId}`)).body, /Elsewhere\./)

      const detail = await findServiceDetail(db(), serviceId)
      assert.ok(detail)
      const content = { ...serviceContentOf(detail), email: 'cat@example.gov.uk' }
      const from = /name="publishedVersion" value="(\d+)"/.exec(form.body)?.[1]
      assert.ok(from, 'the form names the version it was opened from')
      const sent = await editor.post(`/manage/services/${serviceId}/edit`, [['_csrf', hidden(form.body, '_csrf')], ['publishedVersion', from], ['feedback', id], ...formPairs(content), ['action', 'submit']])
      assert.equal(sent.statusCode, 303, sent.body.slice(0, 500))
      const row = await db().selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(row.state, 'in-progress')
      const notes = await db().selectFrom('feedback_notes').select(['text', 'author_id']).where('feedback_id', '=', id).execute()
      assert.deepEqual(notes, [{ text: 'The listing was edited from this feedback and sent for approval.', author_id: people.editor.id }])
      const moved = await db().selectFrom('audit_log').select('details').where('action', '=', 'feedback.state').where('subject', '=', `feedback:${id}`).execute()
      assert.equal(moved.length, 1)
    })

    test('the kept search page gives each visitor a token of their own, and both can send feedback', async () => {
      const url = `/search?q=speech+therapy&sort=distance&feedback-${kind}`
      const alice = visitor(testApp.app)
      const bob = visitor(testApp.app)
      const first = await alice.get(url)
      const second = await bob.get(url)
      assert.equal(first.headers['x-page-cache'], 'miss')
      assert.equal(second.headers['x-page-cache'], 'hit', 'the second visitor is sent the kept page')
      const a = blockFields(first.body)
      const b = blockFields(second.body)
      assert.notEqual(a.token, b.token)
      assert.equal(a.page, b.page)
      assert.ok(!first.body.includes('csrf-') && !second.body.includes('csrf-'), 'no placeholder left')
      assert.equal((await alice.post('/feedback/useful', { _csrf: b.token, page: b.page, useful: 'yes' })).statusCode, 403, 'one visitor\'s token is no good to another')
      assert.equal((await alice.post('/feedback/useful', { _csrf: a.token, page: a.page, useful: 'yes' })).statusCode, 303)
      assert.equal((await bob.post('/feedback/useful', { _csrf: b.token, page: b.page, useful: 'no' })).statusCode, 303)
      // A returning visitor keeps their token on the kept page.
      assert.equal(blockFields((await alice.get(url)).body).token, a.token)
    })
  })
}

describe('feedback forms are rate limited', () => {
  let testApp: TestApp
  before(async () => {
    testApp = await buildTestApp('sqlite', { FORM_RATE_LIMIT_PER_MINUTE: '3' })
  })
  after(async () => {
    await testApp.close()
  })

  test('the fourth feedback in a minute is refused with a page that says to wait, and is not kept', async () => {
    const someone = visitor(testApp.app)
    const { token, page } = blockFields((await someone.get('/about')).body)
    for (let attempt = 1; attempt <= 3; attempt++) {
      assert.equal((await someone.post('/feedback/useful', { _csrf: token, page, useful: 'yes' })).statusCode, 303, `attempt ${attempt}`)
    }
    const refused = await someone.post('/feedback/useful', { _csrf: token, page, useful: 'yes' })
    assert.equal(refused.statusCode, 429)
    assert.ok(Number(refused.headers['retry-after']) > 0)
    assert.match(refused.body, /You have sent this form too many times/)
    const kept = await testApp.services.store.db.selectFrom('feedback').select('id').execute()
    assert.equal(kept.length, 3)
    assert.equal((await someone.get('/about')).statusCode, 200, 'pages still load')
  })
})

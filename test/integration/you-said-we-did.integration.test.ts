// "You said, we did" and the annual review on both stores, through the pages as a browser without
// JavaScript uses them: the personal-data check refuses to publish while a finding is undecided,
// a removal publishes the placeholder and never the number, a confirmation needs a reason and is
// recorded, an edit makes its findings new, withdrawal hides an entry; the public page groups,
// filters, paginates and refuses filters it does not know; the annual review's counts match the
// rows, on the page and in the CSV. People and numbers are made up (Ofcom's drama ranges).
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { parse } from 'csv-parse/sync'
import { hashPassword } from '../../src/accounts/passwords.js'
import { createUser, setPassword, type User } from '../../src/accounts/users.js'
import type { StaffRole } from '../../src/db/schema.js'
import { findPersonalData } from '../../src/feedback/personal-data.js'
import { findingKey, publishEntry, type ReviewRecord } from '../../src/feedback/publishing.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { STORE_KINDS } from '../support/stores.js'
import { visitor, type Visitor } from '../support/visitor.js'

const postgres = Boolean(process.env.TEST_DATABASE_URL)
const PASSWORD = 'copper meadow lantern 7'
const PHONE = '07700 900123'

function unescapeHtml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

/** The label → number rows of the table with this caption on the annual review page. */
function tableCounts(html: string, caption: string): Record<string, number> {
  const start = html.indexOf(`>${caption}</caption>`)
  assert.ok(start > 0, `a table captioned ${caption}`)
  const table = html.slice(start, html.indexOf('</table>', start))
  const counts: Record<string, number> = {}
  for (const row of table.matchAll(/<th scope="row"[^>]*>(?:<a [^>]*>)?([^<]+)(?:<\/a>)?<\/th>\s*<td[^>]*>(\d+)<\/td>/g)) counts[unescapeHtml(row[1]!.trim())] = Number(row[2])
  return counts
}

for (const kind of STORE_KINDS) {
  describe(`you said, we did [${kind}]`, { skip: kind === 'postgres' && !postgres ? 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' : false }, () => {
    let testApp: TestApp
    let people: Record<'editor' | 'officer', User>
    let serviceId: string
    let organisationId: string

    before(async () => {
      testApp = await buildTestApp(kind)
      const { db } = testApp.services.store
      const service = await db.selectFrom('services').select(['id', 'organisation_id']).where('source', 'is', null).orderBy('name').executeTakeFirstOrThrow()
      serviceId = service.id
      organisationId = service.organisation_id
      const make = async (name: string, role: StaffRole | null, organisationIds: string[]) => {
        const user = await createUser(db, { email: `${name}@example.org`, name: `Test ${name}`, role, organisationIds })
        await setPassword(db, user.id, await hashPassword(PASSWORD))
        return user
      }
      people = { editor: await make('editor', null, [organisationId]), officer: await make('officer', 'officer', []) }
    })
    after(async () => {
      await testApp.close()
    })

    async function signedIn(who: keyof typeof people): Promise<Visitor> {
      const someone = visitor(testApp.app)
      await someone.signIn(people[who].email, PASSWORD)
      return someone
    }

    /** A piece of feedback, as the comment form would have stored it. */
    async function insertFeedback(values: { comment: string; themes?: string[]; createdAt?: string; state?: 'new' | 'in-progress' | 'responded' | 'closed'; response?: string | null; respondedAt?: string | null; kind?: 'useful' | 'problem'; useful?: number | null; problem?: string | null; pagePath?: string; subject?: 'service' | 'general' }): Promise<string> {
      const { db } = testApp.services.store
      const id = randomUUID()
      const at = values.createdAt ?? new Date().toISOString()
      const onService = (values.subject ?? 'service') === 'service'
      await db
        .insertInto('feedback')
        .values({
          id,
          created_at: at,
          updated_at: at,
          page_path: values.pagePath ?? (onService ? `/services/${serviceId}` : '/search'),
          subject_kind: onService ? 'service' : null,
          subject_id: onService ? serviceId : null,
          organisation_id: onService ? organisationId : null,
          kind: values.kind ?? 'useful',
          useful: values.useful === undefined ? 0 : values.useful,
          problem: values.problem ?? null,
          comment: values.comment,
          contact_name: null,
          contact_email: null,
          contact_phone: null,
          consented_at: null,
          personal_data_deleted_at: null,
          state: values.state ?? 'new',
          assigned_to: null,
          response: values.response ?? null,
          responded_at: values.respondedAt ?? (values.response ? at : null),
          responded_by: null,
        })
        .execute()
      for (const theme of values.themes ?? []) await db.insertInto('feedback_themes').values({ feedback_id: id, theme }).execute()
      return id
    }

    /** An entry as the publish flow stores it, for the public page's and the review's tests. */
    async function insertEntry(values: { theme: string; period: string; said: string; did?: string; changed?: string; changedOn?: string | null; publishedAt?: string }): Promise<string> {
      const id = randomUUID()
      await testApp.services.store.db
        .insertInto('published_feedback')
        .values({
          id,
          feedback_id: null,
          theme: values.theme,
          period: values.period,
          said: values.said,
          did: values.did ?? 'We fixed it.',
          changed: values.changed ?? '',
          changed_on: values.changedOn ?? null,
          personal_data_review: '[]',
          published_at: values.publishedAt ?? new Date().toISOString(),
          published_by: null,
          withdrawn_at: null,
        })
        .execute()
      return id
    }

    /** The publish form as the page gave it: its token and the signed review it carries. */
    async function openForm(officer: Visitor, feedbackId: string) {
      const page = await officer.get(`/admin/feedback/${feedbackId}/publish`)
      assert.equal(page.statusCode, 200, page.body.slice(0, 300))
      return fromPage(page.body)
    }
    function fromPage(html: string) {
      const field = (name: string) => unescapeHtml(new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '')
      return { html, token: field('_csrf'), review: field('review'), reviewSignature: field('reviewSignature') }
    }
    async function send(officer: Visitor, feedbackId: string, form: { token: string; review: string; reviewSignature: string }, fields: Record<string, string>) {
      return officer.post(`/admin/feedback/${feedbackId}/publish`, { _csrf: form.token, review: form.review, reviewSignature: form.reviewSignature, period: '2026-Q4', ...fields })
    }
    const keyOf = (text: string, wanted: string, field: 'said' | 'did' | 'changed' = 'said') => {
      const finding = findPersonalData(text).find((one) => one.text === wanted)
      assert.ok(finding, `the check finds ${wanted}`)
      return findingKey(field, finding)
    }

    test('publishing with an undecided phone number is refused, listing the finding', async () => {
      const comment = `The number on this page is wrong. Call me on ${PHONE} if you need more.`
      const id = await insertFeedback({ comment, themes: ['wrong-contact'] })
      const officer = await signedIn('officer')
      const form = await openForm(officer, id)
      const key = keyOf(comment, PHONE)
      assert.match(form.html, new RegExp(`name="decision-${key}"`), 'the finding is offered at once')
      assert.match(form.html, /The phone number ‘07700 900123’ in ‘You said’/)
      assert.match(form.html, /checked[^>]*value="wrong-contact"|value="wrong-contact"[^>]*checked/, 'the only theme is chosen')

      const refused = await send(officer, id, form, { said: comment, did: 'We corrected the phone number.', theme: 'wrong-contact', action: 'publish' })
      assert.equal(refused.statusCode, 400)
      assert.match(refused.body, /govuk-error-summary/)
      assert.match(refused.body, new RegExp(`href="#decision-${key}">Choose what to do with the phone number ‘07700 900123’ in ‘You said’`))
      const rows = await testApp.services.store.db.selectFrom('published_feedback').select('id').where('feedback_id', '=', id).execute()
      assert.equal(rows.length, 0, 'nothing published')
    })

    test('removing the number publishes the placeholder, never the number; the item is responded', async () => {
      const comment = `Nobody answers the phone. Ring me on ${PHONE} please.`
      const id = await insertFeedback({ comment, themes: ['wrong-contact', 'service-gap'], state: 'in-progress' })
      const officer = await signedIn('officer')
      const form = await openForm(officer, id)
      const published = await send(officer, id, form, {
        said: comment,
        did: 'We checked the service’s phone line with the provider.',
        changed: 'The provider added a second number.',
        'changedOn-day': '14',
        'changedOn-month': '11',
        'changedOn-year': '2026',
        theme: 'wrong-contact',
        [`decision-${keyOf(comment, PHONE)}`]: 'redact',
        action: 'publish',
      })
      assert.equal(published.statusCode, 303, published.body.slice(0, 500))
      const location = String(published.headers.location)
      const entryId = /#entry-([0-9a-f-]{36})$/.exec(location)?.[1]
      assert.ok(entryId && location.startsWith('/you-said-we-did'), location)

      const page = await visitor(testApp.app).get(location.split('#')[0]!)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, new RegExp(`id="entry-${entryId}"`))
      assert.match(page.body, /Nobody answers the phone. Ring me on \[phone number removed\] please./)
      assert.match(page.body, /What changed \(14 November 2026\)/)
      assert.doesNotMatch(page.body, /900123/)
      assert.doesNotMatch(page.body, /07700/)

      const { db } = testApp.services.store
      const row = await db.selectFrom('published_feedback').selectAll().where('id', '=', entryId).executeTakeFirstOrThrow()
      assert.equal(row.said, 'Nobody answers the phone. Ring me on [phone number removed] please.')
      assert.equal(row.period, '2026-Q4')
      assert.equal(row.changed_on, '2026-11-14')
      assert.equal(row.published_by, people.officer.id)
      assert.doesNotMatch(row.personal_data_review, /900123/, 'the review does not keep what was removed')
      const review = JSON.parse(row.personal_data_review) as ReviewRecord[]
      assert.deepEqual(
        review.map(({ field, kind, decision, by }) => ({ field, kind, decision, by })),
        [{ field: 'said', kind: 'phone', decision: 'redacted', by: people.officer.id }],
      )
      const item = await db.selectFrom('feedback').select(['state', 'response', 'comment']).where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(item.state, 'responded')
      assert.equal(item.response, 'We checked the service’s phone line with the provider.')
      assert.equal(item.comment, comment, 'the comment as it arrived is left for the inbox')
      const audit = await db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('subject', '=', `feedback:${id}`).orderBy('id').execute()
      assert.deepEqual(
        audit.map((entry) => entry.action),
        ['feedback.published', 'feedback.state'],
      )
      assert.equal(audit[0]!.actor_id, people.officer.id)
      assert.doesNotMatch(audit[0]!.details ?? '', /900123|Nobody/, 'no comment text in the audit')

      // Published once: the page now offers to withdraw it, and a second publish is refused.
      const again = await officer.get(`/admin/feedback/${id}/publish`)
      assert.match(again.body, /This comment is published/)
      const twice = await send(officer, id, form, { said: 'x', did: 'y', theme: 'wrong-contact', action: 'publish' })
      assert.equal(twice.statusCode, 409)
    })

    test('"Check again" applies a removal and shows the new text; the removal is recorded at publishing', async () => {
      const comment = `My son Tobias needs help. Email me at parent.one@example.org or ring ${PHONE}.`
      const id = await insertFeedback({ comment, themes: ['service-gap'] })
      const officer = await signedIn('officer')
      const form = await openForm(officer, id)
      const checked = await send(officer, id, form, {
        said: comment,
        did: 'We added two more after-school groups.',
        theme: 'service-gap',
        [`decision-${keyOf(comment, PHONE)}`]: 'redact',
        [`decision-${keyOf(comment, 'parent.one@example.org')}`]: 'redact',
        action: 'check',
      })
      assert.equal(checked.statusCode, 200)
      assert.match(checked.body, /2 items were removed/)
      assert.match(checked.body, /My son Tobias needs help. Email me at \[email address removed\] or ring \[phone number removed\]./)
      assert.match(checked.body, /The name ‘Tobias’ in ‘You said’/, 'what is left is still to decide')
      const redacted = 'My son Tobias needs help. Email me at [email address removed] or ring [phone number removed].'
      const next = fromPage(checked.body)
      const tampered = await send(officer, id, { ...next, review: next.review.replace('redacted', 'confirmed') }, { said: redacted, did: 'x', theme: 'service-gap', action: 'check' })
      assert.equal(tampered.statusCode, 400, 'a review not as the page signed it is refused')
      const done = await send(officer, id, next, {
        said: redacted,
        did: 'We added two more after-school groups.',
        theme: 'service-gap',
        [`decision-${keyOf(redacted, 'Tobias')}`]: 'redact',
        action: 'publish',
      })
      assert.equal(done.statusCode, 303, done.body.slice(0, 400))
      const row = await testApp.services.store.db.selectFrom('published_feedback').selectAll().where('feedback_id', '=', id).executeTakeFirstOrThrow()
      assert.equal(row.said, 'My son [name removed] needs help. Email me at [email address removed] or ring [phone number removed].')
      const review = JSON.parse(row.personal_data_review) as ReviewRecord[]
      assert.deepEqual(review.map((record) => `${record.kind}:${record.decision}`).sort(), ['email:redacted', 'name:redacted', 'phone:redacted'])
      assert.doesNotMatch(row.personal_data_review, /Tobias|parent\.one|900123/)
    })

    test('confirming a false alarm needs a reason, and the reason is recorded', async () => {
      const comment = 'The Amelia Centre page lists the wrong opening times.'
      const id = await insertFeedback({ comment, themes: ['out-of-date'] })
      const officer = await signedIn('officer')
      const form = await openForm(officer, id)
      const key = keyOf(comment, 'Amelia')
      const fields = { said: comment, did: 'We asked the centre to update its times.', theme: 'out-of-date', [`decision-${key}`]: 'confirm', action: 'publish' }
      const noReason = await send(officer, id, form, fields)
      assert.equal(noReason.statusCode, 400)
      assert.match(noReason.body, new RegExp(`href="#reason-${key}">Enter why ‘Amelia’ is not personal data`))
      const published = await send(officer, id, form, { ...fields, [`reason-${key}`]: 'It is the name of the centre, a public service.' })
      assert.equal(published.statusCode, 303, published.body.slice(0, 400))
      const row = await testApp.services.store.db.selectFrom('published_feedback').selectAll().where('feedback_id', '=', id).executeTakeFirstOrThrow()
      assert.equal(row.said, comment)
      assert.deepEqual(JSON.parse(row.personal_data_review), [
        { field: 'said', kind: 'name', why: 'common-first-name', decision: 'confirmed', text: 'Amelia', reason: 'It is the name of the centre, a public service.', by: people.officer.id, at: (JSON.parse(row.personal_data_review) as ReviewRecord[])[0]!.at },
      ])
    })

    test('editing the text after confirming checks it again: a new "Jack" is a new finding', async () => {
      const comment = 'Ask for Jack at the front desk.'
      const id = await insertFeedback({ comment, themes: ['praise'] })
      const officer = await signedIn('officer')
      const form = await openForm(officer, id)
      const key = keyOf(comment, 'Jack')
      const confirm = { [`decision-${key}`]: 'confirm', [`reason-${key}`]: 'Jack is the name of the reception desk robot.' }
      const base = { did: 'We thanked the team.', theme: 'praise' }
      const checked = await send(officer, id, form, { ...base, said: comment, ...confirm, action: 'check' })
      assert.equal(checked.statusCode, 200)
      assert.match(checked.body, /Jack is the name of the reception desk robot./, 'the confirmation stays on the form')

      // Another "Jack" later in the text: the first keeps its confirmation, the new one must be decided.
      const longer = 'Ask for Jack at the front desk, or Jack at the back.'
      const refused = await send(officer, id, fromPage(checked.body), { ...base, said: longer, ...confirm, action: 'publish' })
      assert.equal(refused.statusCode, 400)
      const undecided = [...refused.body.matchAll(/<a href="#decision-(f[0-9a-f]{16})">Choose what to do with the name ‘Jack’/g)].map((match) => match[1])
      assert.deepEqual(undecided, [findingKey('said', findPersonalData(longer).filter((one) => one.text === 'Jack')[1]!)], 'only the new Jack is undecided')

      // Words added before it move it: the same Jack at a new place is decided again.
      const moved = 'Please ask for Jack at the front desk.'
      const again = await send(officer, id, fromPage(refused.body), { ...base, said: moved, ...confirm, action: 'publish' })
      assert.equal(again.statusCode, 400)
      assert.match(again.body, new RegExp(`href="#decision-${keyOf(moved, 'Jack')}">Choose what to do with the name ‘Jack’`))
      assert.equal((await testApp.services.store.db.selectFrom('published_feedback').select('id').where('feedback_id', '=', id).execute()).length, 0)
    })

    test('a closed item stays closed when it is published; the form checks its fields', async () => {
      const comment = 'More clubs on Saturdays, please.'
      const id = await insertFeedback({ comment, state: 'closed', response: 'Thank you: we have passed this to the short breaks team.' })
      const officer = await signedIn('officer')
      const form = await openForm(officer, id)
      assert.match(form.html, /Thank you: we have passed this to the short breaks team./, '"we did" starts as the response')
      assert.match(form.html, /value="information-missing"/, 'with no themes on the item, every theme is offered')
      const bad = await send(officer, id, form, { said: '', did: '', theme: 'not-a-theme', period: '2026-Q9', 'changedOn-day': '31', 'changedOn-month': '2', 'changedOn-year': '2026', action: 'publish' })
      assert.equal(bad.statusCode, 400)
      for (const message of ['Enter what the family said', 'Enter what the council did', 'Choose a topic', 'Enter when it was said as a year and quarter', 'When it changed must be a real date']) assert.match(bad.body, new RegExp(message))
      const ok = await send(officer, id, form, { said: comment, did: 'We passed it to the short breaks team.', theme: 'service-gap', action: 'publish' })
      assert.equal(ok.statusCode, 303)
      const item = await testApp.services.store.db.selectFrom('feedback').select(['state', 'response']).where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(item.state, 'closed')
      assert.equal(item.response, 'Thank you: we have passed this to the short breaks team.', 'an existing response is kept')
    })

    test('two officers publishing the same comment at once: one entry goes live, the other is told', async () => {
      const id = await insertFeedback({ comment: 'The map on the short breaks page is hard to find.', themes: ['hard-to-find'] })
      const input = { feedbackId: id, theme: 'hard-to-find' as const, period: '2026-Q4', texts: { said: 'The map is hard to find.', did: 'We moved it to the top.', changed: '' }, changedOn: null, review: [], actorId: people.officer.id }
      const outcomes = await Promise.all([publishEntry(testApp.services.store.db, input), publishEntry(testApp.services.store.db, input)])
      assert.deepEqual(outcomes.map((outcome) => outcome.ok).sort(), [false, true])
      assert.ok(outcomes.some((outcome) => !outcome.ok && outcome.reason === 'published'), 'the loser is told it is published already')
      const live = await testApp.services.store.db.selectFrom('published_feedback').select('id').where('feedback_id', '=', id).where('withdrawn_at', 'is', null).execute()
      assert.equal(live.length, 1)
    })

    test('withdrawing an entry takes it off the public page, audited; it can be published again', async () => {
      const comment = 'The autism support page helped us a lot. Thank you!'
      const id = await insertFeedback({ comment, themes: ['praise'] })
      const officer = await signedIn('officer')
      const published = await send(officer, id, await openForm(officer, id), { said: comment, did: 'We passed your thanks to the team.', theme: 'praise', action: 'publish' })
      assert.equal(published.statusCode, 303)
      const entryId = /#entry-(.+)$/.exec(String(published.headers.location))![1]!
      assert.match((await testApp.app.inject('/you-said-we-did')).body, new RegExp(`entry-${entryId}`))

      const list = await officer.get('/admin/you-said-we-did')
      assert.equal(list.statusCode, 200)
      assert.match(list.body, new RegExp(`/admin/you-said-we-did/${entryId}/withdraw`))
      const withdrawn = await officer.post(`/admin/you-said-we-did/${entryId}/withdraw`, { _csrf: await officer.token('/admin/you-said-we-did') })
      assert.equal(withdrawn.statusCode, 303)
      assert.equal(withdrawn.headers.location, '/admin/you-said-we-did?done=withdrawn')
      assert.doesNotMatch((await testApp.app.inject('/you-said-we-did')).body, new RegExp(`entry-${entryId}`))
      const { db } = testApp.services.store
      const row = await db.selectFrom('published_feedback').select('withdrawn_at').where('id', '=', entryId).executeTakeFirstOrThrow()
      assert.ok(row.withdrawn_at)
      const audit = await db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject', '=', `published-feedback:${entryId}`).execute()
      assert.deepEqual(audit, [{ action: 'feedback.withdrawn', actor_id: people.officer.id }])
      assert.match((await officer.get('/admin/you-said-we-did')).body, /Withdrawn on/)
      const form = await openForm(officer, id)
      assert.match(form.html, /name="said"/, 'the form is offered again')
    })

    test('the public page groups by period then theme, filters, pages, and escapes what it shows', async () => {
      await insertEntry({ theme: 'praise', period: '2024-Q3', said: 'Summer praise.' })
      await insertEntry({ theme: 'hard-to-find', period: '2024-Q3', said: 'Summer hard to find.' })
      await insertEntry({ theme: 'hard-to-find', period: '2024-Q4', said: 'Autumn hard to find <script>alert(1)</script>.', changed: 'New menu & search.', changedOn: '2024-12-01' })
      await insertEntry({ theme: 'praise', period: '2025-Q1', said: 'Spring praise.' })
      const anonymous = visitor(testApp.app)
      const year = await anonymous.get('/you-said-we-did?year=2024')
      assert.equal(year.statusCode, 200)
      assert.deepEqual(year.cookies.filter((cookie) => cookie.name === 'lo_session'), [], 'no session')
      assert.match(year.body, /regulation 56 of the Special Educational Needs and Disability Regulations 2014/)
      assert.match(year.body, /or contact The Local Offer team\./)
      assert.match(year.body, /href="#feedback-heading"/)
      assert.match(year.body, /id="feedback-heading"/, 'the link goes to the feedback form at the foot of the page')
      const order = ['October to December 2024', 'Hard to find', 'Autumn hard to find', 'July to September 2024', 'Hard to find', 'Summer hard to find', 'Praise', 'Summer praise']
      let from = 0
      for (const text of order) {
        const at = year.body.indexOf(text, from)
        assert.ok(at > from, `${text} comes next`)
        from = at + text.length
      }
      assert.doesNotMatch(year.body, /Spring praise/)
      assert.match(year.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
      assert.doesNotMatch(year.body, /<script>alert/)
      assert.match(year.body, /New menu &amp; search./)
      assert.match(year.body, /What changed \(1 December 2024\)/)
      assert.match(year.body, />3 comments</)

      const praise = await anonymous.get('/you-said-we-did?theme=praise&year=2024')
      assert.match(praise.body, /Summer praise/)
      assert.doesNotMatch(praise.body, /hard to find\./i)
      assert.match(praise.body, /1 comment</)

      // Pages of 20.
      for (let i = 0; i < 23; i++) await insertEntry({ theme: 'other', period: '2023-Q2', said: `Entry number ${String(i).padStart(2, '0')}.` })
      const first = await anonymous.get('/you-said-we-did?year=2023')
      assert.equal([...first.body.matchAll(/id="entry-/g)].length, 20)
      assert.match(first.body, /href="\/you-said-we-did\?year=2023&amp;page=2"/)
      const second = await anonymous.get('/you-said-we-did?year=2023&page=2')
      assert.equal([...second.body.matchAll(/id="entry-/g)].length, 3)

      for (const [query, parameter] of [
        ['theme=nonsense', 'theme'],
        ['theme=praise&theme=other', 'theme'],
        ['year=1999', 'year'],
        ['year=20x4', 'year'],
        [`year=${new Date().getUTCFullYear() + 1}`, 'year'],
        ['page=0', 'page'],
        ['year=2023&page=3', 'page'],
      ] as const) {
        const bad = await anonymous.get(`/you-said-we-did?${query}`)
        assert.equal(bad.statusCode, 400, query)
        assert.match(bad.body, new RegExp(`starts ‘${parameter}=’`), `${query} names ${parameter}`)
      }
      assert.equal((await anonymous.get('/you-said-we-did?theme=&year=')).statusCode, 200, 'blank filters mean all')
    })

    test('the annual review counts match the rows, on the page and in the CSV', async () => {
      const inYear = (month: number, day = 10) => `2022-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T10:00:00.000Z`
      // 2022: six pieces; 2021: two, which must not count.
      await insertFeedback({ comment: 'a', createdAt: inYear(1), themes: ['hard-to-find', 'accessibility'], kind: 'useful', useful: 0, state: 'responded', response: 'r', respondedAt: inYear(1, 13) })
      await insertFeedback({ comment: 'b', createdAt: inYear(2), themes: ['hard-to-find'], kind: 'useful', useful: 1, state: 'closed', response: 'r', respondedAt: inYear(2, 20) })
      await insertFeedback({ comment: '', createdAt: inYear(3), kind: 'useful', useful: 1, state: 'new' })
      await insertFeedback({ comment: 'c', createdAt: inYear(5), themes: ['out-of-date'], kind: 'problem', useful: null, problem: 'out-of-date', state: 'in-progress' })
      await insertFeedback({ comment: 'd', createdAt: inYear(7), themes: ['wrong-contact'], kind: 'problem', useful: null, problem: 'wrong-contact', state: 'responded', response: 'r', respondedAt: inYear(7, 11), subject: 'general' })
      await insertFeedback({ comment: 'e', createdAt: '2022-12-31T23:59:59.000Z', kind: 'problem', useful: null, problem: 'other', state: 'new', subject: 'general' })
      await insertFeedback({ comment: 'old', createdAt: '2021-12-31T23:59:59.000Z', themes: ['praise'], kind: 'useful', useful: 1, state: 'closed' })
      await insertFeedback({ comment: 'new', createdAt: '2023-01-01T00:00:00.000Z', themes: ['praise'], kind: 'useful', useful: 1 })
      await insertEntry({ theme: 'hard-to-find', period: '2022-Q1', said: 'The map was hard to find.', did: 'We moved it to the home page.', changed: 'The map is on the home page.', changedOn: '2022-03-01' })
      await insertEntry({ theme: 'praise', period: '2021-Q4', said: 'Not this year.' })

      const officer = await signedIn('officer')
      const page = await officer.get('/admin/annual-review?year=2022')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Annual review of feedback: 2022/)
      assert.match(page.body, /6 pieces of feedback were received/)
      const themes = tableCounts(page.body, 'By topic')
      assert.deepEqual(themes, { 'Information missing': 0, 'Hard to find': 2, 'A gap in services': 0, Accessibility: 1, 'Out of date': 1, 'Wrong contact details': 1, Praise: 0, Other: 0, 'No topic yet': 2 })
      assert.deepEqual(tableCounts(page.body, 'By kind of page'), { 'Service pages': 4, 'School pages': 0, 'Other pages': 2 })
      assert.deepEqual(tableCounts(page.body, 'Was the page useful?'), { Yes: 2, No: 1 })
      assert.deepEqual(tableCounts(page.body, 'Problems reported'), { 'Out of date': 1, 'Wrong contact details': 1, 'The service has closed': 0, 'Something else': 1 })
      assert.deepEqual(tableCounts(page.body, 'Where the feedback is now'), { New: 2, 'Being looked at': 1, 'Responded to': 2, Closed: 1 })
      const pages = tableCounts(page.body, 'Pages with the most feedback')
      assert.equal(Object.values(pages).reduce((sum, count) => sum + count, 0), 6)
      assert.equal(pages['/search'], 2)
      assert.match(page.body, /3 pieces of feedback have a response from the council. Half were answered within 3 days./)
      assert.match(page.body, /The map was hard to find./)
      assert.match(page.body, /What changed \(1 March 2022\)/)
      assert.doesNotMatch(page.body, /Not this year/)
      assert.match(page.body, /href="\/admin\/annual-review.csv\?year=2022"/)

      const csv = await officer.get('/admin/annual-review.csv?year=2022')
      assert.equal(csv.statusCode, 200)
      assert.match(String(csv.headers['content-type']), /^text\/csv/)
      const records: string[][] = parse(csv.body)
      const [header, ...rows] = records
      assert.deepEqual(header, ['Section', 'Code', 'Label', 'Count', 'Period', 'Theme', 'You said', 'We did', 'What changed', 'Changed on', 'Published on'])
      const count = (section: string, code: string) => Number(rows.find((row) => row[0] === section && row[1] === code)?.[3])
      assert.equal(count('total', 'all'), 6)
      for (const [code, label] of [['hard-to-find', 'Hard to find'], ['accessibility', 'Accessibility'], ['none', 'No topic yet'], ['praise', 'Praise']] as const) assert.equal(count('theme', code), themes[label])
      assert.equal(count('page-kind', 'general'), 2)
      assert.equal(count('page', '/search'), 2)
      assert.equal(count('useful', 'yes'), 2)
      assert.equal(count('useful', 'no'), 1)
      assert.equal(count('problem', 'other'), 1)
      assert.equal(count('state', 'new'), 2)
      assert.equal(count('responses', 'responded'), 3)
      assert.equal(count('responses', 'median-days'), 3)
      const entries = rows.filter((row) => row[0] === 'published')
      assert.deepEqual(entries, [['published', '', '', '', '2022-Q1', 'Hard to find', 'The map was hard to find.', 'We moved it to the home page.', 'The map is on the home page.', '2022-03-01', new Date().toISOString().slice(0, 10)]])

      const other = await officer.get('/admin/annual-review?year=2021')
      assert.match(other.body, /1 piece of feedback was received/)
      assert.match(other.body, /Not this year/)
      const thisYear = await officer.get('/admin/annual-review')
      assert.equal(thisYear.statusCode, 200)
      assert.match(thisYear.body, new RegExp(`Annual review of feedback: ${new Date().getUTCFullYear()}`), 'this year by default')
      for (const year of ['1999', 'next', String(new Date().getUTCFullYear() + 1)]) {
        assert.equal((await officer.get(`/admin/annual-review?year=${year}`)).statusCode, 400, year)
        assert.equal((await officer.get(`/admin/annual-review.csv?year=${year}`)).statusCode, 400, year)
      }
    })

    test('only officers: editors are refused, anonymous visitors sent to sign in; bad forms are 4xx', async () => {
      const id = await insertFeedback({ comment: 'A comment.', themes: ['other'] })
      const editor = await signedIn('editor')
      for (const url of [`/admin/feedback/${id}/publish`, '/admin/you-said-we-did', '/admin/annual-review', '/admin/annual-review.csv']) {
        assert.equal((await editor.get(url)).statusCode, 403, url)
        const anonymous = await visitor(testApp.app).get(url)
        assert.equal(anonymous.statusCode, 303, url)
        assert.match(String(anonymous.headers.location), /^\/sign-in\?next=/)
      }
      const editorToken = await editor.token('/manage')
      assert.equal((await editor.post(`/admin/feedback/${id}/publish`, { _csrf: editorToken, action: 'publish' })).statusCode, 403)
      const stranger = visitor(testApp.app)
      assert.equal((await stranger.post(`/admin/you-said-we-did/${randomUUID()}/withdraw`, { _csrf: await stranger.token('/sign-in') })).statusCode, 401)

      const officer = await signedIn('officer')
      const token = await officer.token('/admin/you-said-we-did')
      assert.equal((await officer.post(`/admin/feedback/${id}/publish`, { _csrf: token })).statusCode, 400, 'an empty form')
      assert.equal((await officer.post(`/admin/feedback/${id}/publish`, { _csrf: token, action: 'publish', review: '[]', reviewSignature: 'made-up' })).statusCode, 400, 'an unsigned review')
      assert.equal((await officer.get(`/admin/feedback/${randomUUID()}/publish`)).statusCode, 404)
      assert.equal((await officer.get('/admin/feedback/:id/publish')).statusCode, 404)
      assert.equal((await officer.post(`/admin/you-said-we-did/${randomUUID()}/withdraw`, { _csrf: token })).statusCode, 404)
    })
  })
}

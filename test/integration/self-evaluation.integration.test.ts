// A school's self-evaluation grid on both stores, through the real app and a cookie-keeping
// visitor: pre-filled from the report's assessment, saved and shown again, refused when invalid
// or out of date (nothing stored, nothing overwritten), as CSV and as a printable page, and only
// for the school's editors and council staff. Expected suggestions come from assessing the same
// report text here, never typed in.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { parse } from 'csv-parse/sync'
import { hashPassword } from '../../src/accounts/passwords.js'
import { createUser, setPassword, type User } from '../../src/accounts/users.js'
import type { StaffRole } from '../../src/db/schema.js'
import { assessReport, type Assessment } from '../../src/reports/assess.js'
import { todayIso } from '../../src/reports/pages/memo.js'
import { ITEM_IDS, SCHEDULE_1, type ItemId } from '../../src/reports/schedule1.js'
import { suggestedStatus, type Answer } from '../../src/reports/self-evaluation.js'
import { formatDate } from '../../src/web/plugins/format.js'
import { saveAnswers } from '../../src/web/routes/staff/self-evaluation/store.js'
import { translator } from '../../src/web/i18n/index.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { STORE_KINDS } from '../support/stores.js'
import { visitor as visitAs, type Visitor } from '../support/visitor.js'

const postgres = Boolean(process.env.TEST_DATABASE_URL)
const t = translator('en')
const PASSWORD = 'lantern orchard velvet 42'

interface DemoSchool {
  id: string
  name: string
  text: string
}

function unescape(html: string): string {
  return html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

/** The visible text of the page's main landmark, tags dropped and spaces folded. */
function main(html: string): string {
  const start = html.indexOf('<main')
  return unescape(html.slice(start, html.indexOf('</main>', start)).replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ')
}

/** The markup of one item's row on the grid: from its heading to the next one. */
function row(html: string, id: ItemId): string {
  const start = html.indexOf(`id="item-${id}"`)
  assert.ok(start >= 0, `row ${id} on the page`)
  const next = html.indexOf('id="item-', start + 10)
  return html.slice(start, next >= 0 ? next : html.indexOf('</form>', start))
}

/** The visible text of one item's row. */
function rowText(html: string, id: ItemId): string {
  return main(`<main>${row(html, id)}</main>`)
}

/** What a browser would send for the form as the page shows it: hidden fields, checked radios, textareas. */
function formOf(html: string): Record<string, string> {
  const form: Record<string, string> = {}
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form[name!] = unescape(value!)
  for (const [, name, value] of html.matchAll(/<input class="govuk-radios__input" id="[^"]+" name="([^"]+)" type="radio" value="([^"]+)" checked>/g)) form[name!] = value!
  for (const [, name, value] of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) form[name!] = unescape(value!)
  return form
}

for (const kind of STORE_KINDS) {
  describe(`self-evaluation [${kind}]`, { skip: kind === 'postgres' && !postgres ? 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' : false }, () => {
    let testApp: TestApp
    let schools: DemoSchool[]
    let people: Record<'cromwell' | 'abercromby' | 'officer' | 'administrator', User>

    const school = (prefix: string): DemoSchool => {
      const found = schools.find((each) => each.name.startsWith(prefix))
      assert.ok(found, `demo school ${prefix}`)
      return found
    }
    const gridUrl = (each: DemoSchool) => `/manage/schools/${each.id}/self-evaluation`
    const assess = (each: DemoSchool): Assessment => assessReport(each.text, { today: todayIso() })
    const stored = (each: DemoSchool) => testApp.services.store.db.selectFrom('self_evaluations').selectAll().where('school_id', '=', each.id).orderBy('item_id').execute()
    const signedIn = async (who: keyof typeof people): Promise<Visitor> => {
      const someone = visitAs(testApp.app)
      await someone.signIn(people[who].email, PASSWORD)
      return someone
    }

    before(async () => {
      testApp = await buildTestApp(kind)
      const { db } = testApp.services.store
      const rows = await db
        .selectFrom('schools')
        .innerJoin('organisations', 'organisations.id', 'schools.id')
        .select(['schools.id', 'organisations.name', 'schools.report_text'])
        .where('schools.report_text', 'is not', null)
        .execute()
      schools = rows.map((each) => ({ id: each.id, name: each.name, text: each.report_text ?? '' }))
      assert.equal(schools.length, 4, 'the four seed schools with their reports')
      const make = async (name: string, role: StaffRole | null, organisationIds: string[] = []) => {
        const user = await createUser(db, { email: `${name}@example.org`, name: `Test ${name}`, role, organisationIds })
        await setPassword(db, user.id, await hashPassword(PASSWORD))
        return user
      }
      people = {
        cromwell: await make('cromwell.senco', null, [school('Cromwell').id]),
        abercromby: await make('abercromby.senco', null, [school('Abercromby').id]),
        officer: await make('officer', 'officer'),
        administrator: await make('administrator', 'administrator'),
      }
    })
    after(async () => {
      await testApp.close()
    })

    test('the grid is pre-filled from the report’s assessment, marked as suggested, with evidence or “not found”', async () => {
      const bawtry = school('Bawtry')
      const assessment = assess(bawtry)
      assert.ok(assessment.items.some((item) => item.status === 'missing'), 'Bawtry’s report leaves something out')
      const officer = await signedIn('officer')
      const page = await officer.get(gridUrl(bawtry))
      assert.equal(page.statusCode, 200)
      assert.equal(page.headers['cache-control'], 'no-store')
      const form = formOf(page.body)
      assert.equal(form.version, '0', 'never saved')
      for (const item of SCHEDULE_1) {
        const markup = row(page.body, item.id)
        const text = rowText(page.body, item.id)
        const assessed = assessment.items.find((each) => each.id === item.id)!
        assert.equal(form[`status-${item.id}`], suggestedStatus(assessed.status), `item ${item.id} (${assessed.status}) pre-filled`)
        assert.ok(text.includes(t('selfEvaluation.itemHeading', { id: item.id, title: item.title })), `item ${item.id} titled`)
        assert.ok(text.includes(t('selfEvaluation.suggestedTag')), `item ${item.id} marked as suggested`)
        if (assessed.status === 'missing') assert.ok(text.includes(t('selfEvaluation.notFound')), `item ${item.id} says nothing was found`)
        else assert.ok(text.includes(assessed.evidence[0]!.text.replace(/\s+/g, ' ').trim().slice(0, 40)), `item ${item.id} quotes the report`)
        assert.match(markup, new RegExp(`<textarea[^>]*name="comment-${item.id}"`), `item ${item.id} has a comments box`)
      }
      // The toolkit's prompts, where it gives them, and the character limit shown without JavaScript.
      assert.ok(rowText(page.body, '3a').includes(t('selfEvaluation.prompts.3a.3')), 'the toolkit’s prompts')
      assert.ok(main(page.body).includes('You can enter up to 2,000 characters'), 'the character limit')
      assert.deepEqual(await stored(bawtry), [], 'opening the grid saves nothing')
    })

    test('saving stores every item; the grid then shows the saved answers, a success banner and no suggestions; the save is audited without the comments', async () => {
      const cromwell = school('Cromwell')
      const senco = await signedIn('cromwell')
      const form = formOf((await senco.get(gridUrl(cromwell))).body)
      form['status-3a'] = 'not-in-place'
      form['comment-3a'] = 'Termly review <script>alert(1)</script>\r\nwith governors'
      form['status-9'] = 'in-place'
      const saved = await senco.post(gridUrl(cromwell), form)
      assert.equal(saved.statusCode, 303)
      assert.equal(saved.headers.location, `${gridUrl(cromwell)}?saved=1`)

      const rows = await stored(cromwell)
      assert.equal(rows.length, ITEM_IDS.length)
      assert.ok(rows.every((each) => each.version === 1 && each.updated_by === people.cromwell.id), 'every item at version 1, by the SENCO')
      const threeA = rows.find((each) => each.item_id === '3a')!
      assert.equal(threeA.status, 'not-in-place')
      assert.equal(threeA.comment, 'Termly review <script>alert(1)</script>\nwith governors', 'line breaks kept as one character each')

      const again = await senco.get(String(saved.headers.location))
      assert.equal(again.statusCode, 200)
      assert.ok(main(again.body).includes(t('selfEvaluation.saved')), 'success banner')
      assert.ok(!again.body.includes('<script>alert(1)'), 'the comment is escaped')
      const shown = formOf(again.body)
      assert.equal(shown['status-3a'], 'not-in-place')
      assert.equal(shown['status-9'], 'in-place')
      assert.equal(shown['comment-3a'], threeA.comment)
      assert.equal(shown.version, '1')
      assert.ok(!main(again.body).includes(t('selfEvaluation.suggestedTag')), 'nothing is marked suggested once saved')
      assert.ok(main(again.body).includes(t('selfEvaluation.lastSaved', { date: formatDate(todayIso()) })))

      const entries = await testApp.services.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'self-evaluation.saved').where('subject', '=', cromwell.id).execute()
      assert.equal(entries.length, 1)
      assert.equal(entries[0]!.actor_id, people.cromwell.id)
      const details = JSON.parse(entries[0]!.details ?? '{}') as Record<string, number>
      assert.equal(details.version, 1)
      assert.equal(details.inPlace! + details.partly! + details.notInPlace!, ITEM_IDS.length)
      assert.ok(!entries[0]!.details!.includes('Termly'), 'no comment text in the audit log')
    })

    test('invalid input is refused with a specific error per field, the typed values kept, and nothing stored', async () => {
      const abercromby = school('Abercromby')
      const officer = await signedIn('officer')
      const form = formOf((await officer.get(gridUrl(abercromby))).body)
      form['status-1'] = 'maybe'
      delete form['status-2']
      form['comment-3a'] = 'x'.repeat(2001)
      const refused = await officer.post(gridUrl(abercromby), form)
      assert.equal(refused.statusCode, 400)
      assert.match(refused.body, /<title>Error: /)
      const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(refused.body)?.[0] ?? ''
      assert.ok(summary.includes(`href="#status-1">${t('selfEvaluation.errors.unknown', { id: '1' })}`), 'unknown status')
      assert.ok(summary.includes(`href="#status-2">${t('selfEvaluation.errors.missing', { id: '2' })}`), 'missing status')
      assert.ok(summary.includes(`href="#comment-3a">${t('selfEvaluation.errors.tooLong', { id: '3a', max: '2,000' })}`), 'comment too long')
      assert.equal((summary.match(/<li>/g) ?? []).length, 3, 'only the three fields in error')
      assert.ok(rowText(refused.body, '2').includes(t('selfEvaluation.errors.missing', { id: '2' })), 'the error is shown at the field too')
      assert.equal(formOf(refused.body)['comment-3a'], 'x'.repeat(2001), 'what was typed is kept')

      const noVersion = await officer.post(gridUrl(abercromby), { ...formOf((await officer.get(gridUrl(abercromby))).body), version: 'latest' })
      assert.equal(noVersion.statusCode, 400)
      const empty = await officer.post(gridUrl(abercromby), { _csrf: await officer.token(gridUrl(abercromby)) })
      assert.equal(empty.statusCode, 400)
      assert.deepEqual(await stored(abercromby), [], 'nothing saved')
    })

    test('a save from a grid that changed since it was opened is refused, shows both answers, overwrites nothing, and can then be saved deliberately', async () => {
      const alexandra = school('Alexandra')
      const officer = await signedIn('officer')
      const administrator = await signedIn('administrator')
      const officerForm = formOf((await officer.get(gridUrl(alexandra))).body)
      const administratorForm = formOf((await administrator.get(gridUrl(alexandra))).body)
      assert.equal(officerForm.version, administratorForm.version)

      officerForm['status-4'] = 'partly'
      officerForm['comment-4'] = 'No phone number for the SENCO'
      assert.equal((await officer.post(gridUrl(alexandra), officerForm)).statusCode, 303)

      administratorForm['status-4'] = 'in-place'
      administratorForm['comment-4'] = 'Named with an email address'
      const conflict = await administrator.post(gridUrl(alexandra), administratorForm)
      assert.equal(conflict.statusCode, 409)
      const page = main(conflict.body)
      assert.ok(page.includes(t('selfEvaluation.conflict.title')), 'the conflict page')
      assert.ok(page.includes('No phone number for the SENCO'), 'their saved answer')
      assert.ok(page.includes('Named with an email address'), 'your answer')
      assert.ok(page.includes(t('selfEvaluation.itemHeading', { id: '4', title: SCHEDULE_1.find((item) => item.id === '4')!.title })))
      let rows = await stored(alexandra)
      assert.equal(rows.find((each) => each.item_id === '4')?.comment, 'No phone number for the SENCO', 'nothing overwritten')
      assert.ok(rows.every((each) => each.version === 1), 'still the first save')

      // The conflict page keeps every answer sent, against the version now saved.
      const kept = formOf(conflict.body)
      assert.equal(kept.version, '1')
      assert.equal(kept['comment-4'], 'Named with an email address')
      for (const id of ITEM_IDS) assert.equal(kept[`status-${id}`], administratorForm[`status-${id}`], `item ${id} kept`)
      assert.equal((await administrator.post(gridUrl(alexandra), kept)).statusCode, 303)
      rows = await stored(alexandra)
      assert.equal(rows.find((each) => each.item_id === '4')?.comment, 'Named with an email address')
      assert.ok(rows.every((each) => each.version === 2), 'saved again, on purpose')
    })

    test('two saves from the same version at the same moment, first or later: exactly one is kept', async () => {
      const { db } = testApp.services.store
      const answers = (status: Answer['status'], comment: string): Answer[] => ITEM_IDS.map((itemId) => ({ itemId, status, comment }))
      // Abercromby has nothing saved (both insert); Alexandra has (both update).
      for (const each of [school('Abercromby'), school('Alexandra')]) {
        const version = Math.max(0, ...(await stored(each)).map((row) => row.version))
        const results = await Promise.all([
          saveAnswers(db, { schoolId: each.id, answers: answers('partly', 'first'), expectedVersion: version, actorId: people.officer.id }),
          saveAnswers(db, { schoolId: each.id, answers: answers('not-in-place', 'second'), expectedVersion: version, actorId: people.administrator.id }),
        ])
        assert.deepEqual(results.map((result) => result.ok).sort(), [false, true], `${each.name}: one refused`)
        const rows = await stored(each)
        const winner = results[0].ok ? 'first' : 'second'
        assert.equal(rows.length, ITEM_IDS.length, `${each.name}: one row per item`)
        assert.ok(rows.every((row) => row.comment === winner && row.version === version + 1), `${each.name}: all of one save, none of the other`)
      }
    })

    test('the CSV has a header and 19 records with status, comments, the suggestion and evidence, formula-safe, named by URN', async () => {
      const bawtry = school('Bawtry')
      const { db } = testApp.services.store
      await db.updateTable('schools').set({ urn: '106789' }).where('id', '=', bawtry.id).execute()
      const senco = await signedIn('officer')
      const form = formOf((await senco.get(gridUrl(bawtry))).body)
      form['status-13'] = 'partly'
      form['comment-13'] = '=HYPERLINK("http://example.com")'
      assert.equal((await senco.post(gridUrl(bawtry), form)).statusCode, 303)

      const csv = await senco.get(`${gridUrl(bawtry)}.csv`)
      assert.equal(csv.statusCode, 200)
      assert.match(String(csv.headers['content-type']), /^text\/csv/)
      assert.equal(csv.headers['content-disposition'], 'attachment; filename="self-evaluation-urn-106789.csv"')
      const records = parse(csv.body)
      assert.deepEqual(records[0], ['item', 'title', 'status', 'comment', 'suggested', 'evidence'].map((key) => t(`selfEvaluation.csv.${key}`)))
      assert.equal(records.length, 1 + ITEM_IDS.length)
      const assessment = assess(bawtry)
      for (const [index, item] of SCHEDULE_1.entries()) {
        const [id, title, status, comment, suggested, evidence] = records[index + 1]!
        const assessed = assessment.items.find((each) => each.id === item.id)!
        assert.equal(id, item.id)
        assert.equal(title, item.title)
        assert.equal(status, t(`selfEvaluation.status.${form[`status-${item.id}`]}`), `item ${item.id} status`)
        assert.equal(suggested, t(`selfEvaluation.status.${suggestedStatus(assessed.status)}`), `item ${item.id} suggestion`)
        assert.equal(evidence === '', assessed.status === 'missing', `item ${item.id} evidence`)
        if (item.id === '13') assert.equal(comment, `'=HYPERLINK("http://example.com")`, 'a comment can never run as a formula')
      }
    })

    test('the printable page shows the school, the date and a table of every item', async () => {
      const cromwell = school('Cromwell')
      const senco = await signedIn('cromwell')
      const grid = await senco.get(gridUrl(cromwell))
      assert.ok(grid.body.includes(`href="${gridUrl(cromwell)}/print"`), 'linked from the grid')
      assert.ok(grid.body.includes(`href="${gridUrl(cromwell)}.csv"`), 'the CSV is linked from the grid')
      const print = await senco.get(`${gridUrl(cromwell)}/print`)
      assert.equal(print.statusCode, 200)
      const page = main(print.body)
      assert.ok(page.includes(t('selfEvaluation.title', { school: cromwell.name })))
      assert.ok(page.includes(t('selfEvaluation.print.printed', { date: formatDate(todayIso()) })))
      assert.equal((print.body.match(/<th scope="row"/g) ?? []).length, ITEM_IDS.length)
      assert.ok(page.includes('Termly review <script>alert(1)</script>'), 'the saved comment, as text')
      assert.ok(!print.body.includes('<script>alert(1)'), 'escaped on the printable page')
    })

    test('only the school’s editors and council staff may: another school’s editor is refused, an unknown school is not found', async () => {
      const cromwell = school('Cromwell')
      const before = await stored(cromwell)
      const other = await signedIn('abercromby')
      for (const path of ['', '.csv', '/print']) {
        const refused = await other.get(`${gridUrl(cromwell)}${path}`)
        assert.equal(refused.statusCode, 403, `GET ${path || 'grid'}`)
        assert.ok(main(refused.body).includes(t('errors.forbiddenTitle')), 'the standard 403 page')
      }
      const form = formOf((await other.get(gridUrl(school('Abercromby')))).body)
      const post = await other.post(gridUrl(cromwell), { ...form, version: String(before[0]?.version ?? 0) })
      assert.equal(post.statusCode, 403)
      assert.deepEqual(await stored(cromwell), before, 'nothing changed')

      for (const who of ['cromwell', 'officer', 'administrator'] as const) {
        assert.equal((await (await signedIn(who)).get(gridUrl(cromwell))).statusCode, 200, who)
      }
      const officer = await signedIn('officer')
      const council = await testApp.services.store.db.selectFrom('organisations').select('id').where('kind', '!=', 'school').executeTakeFirstOrThrow()
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-school', council.id]) {
        assert.equal((await officer.get(`/manage/schools/${id}/self-evaluation`)).statusCode, 404, id)
        assert.equal((await officer.get(`/manage/schools/${id}/self-evaluation.csv`)).statusCode, 404, `${id} csv`)
      }
      const anonymous = await visitAs(testApp.app).get(gridUrl(cromwell))
      assert.equal(anonymous.statusCode, 303)
      assert.equal(anonymous.headers.location, `/sign-in?next=${encodeURIComponent(gridUrl(cromwell))}`)
    })

    test('/manage links a school’s editor to the school’s grid', async () => {
      const cromwell = school('Cromwell')
      const page = await (await signedIn('cromwell')).get('/manage')
      assert.equal(page.statusCode, 200)
      assert.ok(page.body.includes(`href="${gridUrl(cromwell)}"`), 'a link to the grid')
      assert.ok(main(page.body).includes(t('selfEvaluation.manageLink')), 'the link text')
    })
  })
}

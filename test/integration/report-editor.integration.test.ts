// The SEN information report editor on both stores, through the pages as a browser without
// JavaScript uses them: the seed report pre-filled item by item; a draft changes nothing public;
// sent, approved by an officer, then the public report shows the new text and its assessment
// changes; sent back with a reason; two editors at once (409, both versions, nothing
// overwritten); "Check my report" saves nothing; uploads of a .docx and a .pdf made from a seed
// report become drafts; bad uploads get specific errors and leave the draft alone; other
// schools' editors are refused. And the CLI's `report import`.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import Sqlite from 'better-sqlite3'
import { startSession } from '../../src/accounts/sessions.js'
import { createUser, type User } from '../../src/accounts/users.js'
import { openStore } from '../../src/db/connection.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import type { StaffRole } from '../../src/db/schema.js'
import { loadPostcodeLookup } from '../../src/geo/postcodes.js'
import { addMonths, today } from '../../src/publishing/review-dates.js'
import { assessReport } from '../../src/reports/assess.js'
import { loadDemoData } from '../../src/seed/load.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { STORE_KINDS } from '../support/stores.js'
import { buildDocx, buildPdf } from '../support/report-documents.js'
import { visitor, type Reply, type Visitor } from '../support/visitor.js'
import { seedText } from '../fixtures/reports/agreement.js'

const postgres = Boolean(process.env.TEST_DATABASE_URL)
const CROMWELL = 'cromwell-primary-sen-report.txt'
const SENDIASS = 'Birmingham SENDIASS gives parents free, impartial information, advice and support. Phone 0121 303 5004 or email sendiass@birmingham.gov.uk.'

// ---- reading the pages ----

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
}

/** The text a textarea of the editor holds, as a browser would send it back. */
function textarea(html: string, name: string): string {
  const match = new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)
  assert.ok(match, `a textarea ${name}`)
  return decode(match[1]!).replace(/^\n/, '')
}

/** Every field of the editor's form, as the browser would send it: the hidden ones and each textarea. */
function formFields(html: string): Array<[string, string]> {
  const form = /<form method="post" action="[^"]*\/report\/edit" id="report-form"[\s\S]*?<\/form>/.exec(html)?.[0]
  assert.ok(form, 'the editor form')
  const hidden = [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, decode(m[2]!)] as [string, string])
  const areas = [...form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)].map((m) => [m[1]!, decode(m[2]!).replace(/^\n/, '')] as [string, string])
  return [...hidden, ...areas]
}

function hiddenFields(html: string): Array<[string, string]> {
  return [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, decode(m[2]!)] as [string, string])
}

function withValue(fields: Array<[string, string]>, name: string, value: string): Array<[string, string]> {
  return fields.map(([key, old]) => [key, key === name ? value : old])
}

async function multipart(fields: Array<[string, string]>, file?: { name: string; bytes: Uint8Array; type?: string }): Promise<{ payload: Buffer; contentType: string }> {
  const form = new FormData()
  for (const [name, value] of fields) form.append(name, value)
  if (file) form.append('report', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name)
  const response = new Response(form)
  return { payload: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type')! }
}

for (const kind of STORE_KINDS) {
  describe(`SEN information report editor [${kind}]`, { skip: kind === 'postgres' && !postgres ? 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' : false }, () => {
    let testApp: TestApp
    let people: Record<'editor' | 'colleague' | 'stranger' | 'officer', User>
    let schoolId: string
    let otherSchoolId: string

    before(async () => {
      testApp = await buildTestApp(kind)
      const { db } = testApp.services.store
      const seedSchool = (name: string) =>
        db.selectFrom('schools').innerJoin('organisations', 'organisations.id', 'schools.id').select('schools.id').where('organisations.name', '=', name).where('schools.data_source', '!=', 'gias').executeTakeFirstOrThrow()
      schoolId = (await seedSchool('Cromwell Primary School')).id
      otherSchoolId = (await seedSchool('Bawtry Mayflower Primary School')).id
      const make = (name: string, role: StaffRole | null, organisationIds: string[]) => createUser(db, { email: `${name}@example.org`, name: `Test ${name}`, role, organisationIds })
      people = {
        editor: await make('editor', null, [schoolId]),
        colleague: await make('colleague', null, [schoolId]),
        stranger: await make('stranger', null, [otherSchoolId]),
        officer: await make('officer', 'officer', []),
      }
    })
    after(async () => {
      await testApp.close()
    })

    async function signedIn(who: keyof typeof people): Promise<Visitor> {
      const someone = visitor(testApp.app)
      await someone.token('/sign-in')
      someone.jar.set('lo_session', await startSession(testApp.services.store.db, people[who].id))
      return someone
    }
    const editUrl = (id = schoolId) => `/manage/schools/${id}/report/edit`
    const importUrl = (id = schoolId) => `/manage/schools/${id}/report/import`
    const stored = () => testApp.services.store.db.selectFrom('schools').select(['report_text', 'report_sections', 'report_version', 'report_last_reviewed', 'report_next_review_due']).where('id', '=', schoolId).executeTakeFirstOrThrow()
    const openRevision = () => testApp.services.store.db.selectFrom('revisions').selectAll().where('subject_id', '=', schoolId).where('status', 'in', ['draft', 'submitted', 'returned']).executeTakeFirst()

    async function openEditor(someone: Visitor): Promise<{ page: Reply; fields: Array<[string, string]> }> {
      const page = await someone.get(editUrl())
      assert.equal(page.statusCode, 200, page.body.slice(0, 300))
      return { page, fields: formFields(page.body) }
    }
    async function send(someone: Visitor, fields: Array<[string, string]>, action: string) {
      return someone.post(editUrl(), [...fields, ['action', action]])
    }
    async function upload(someone: Visitor, file: { name: string; bytes: Uint8Array } | undefined, options: { id?: string; csrf?: boolean } = {}) {
      const page = await someone.get(importUrl(options.id))
      const fields = hiddenFields(page.body).filter(([name]) => options.csrf !== false || name !== '_csrf')
      const body = await multipart(fields.length > 0 ? fields : [['_csrf', await someone.token('/sign-in')]], file)
      const cookie = [...someone.jar].map(([name, value]) => `${name}=${value}`).join('; ')
      return testApp.app.inject({ method: 'POST', url: importUrl(options.id), headers: { cookie, 'content-type': body.contentType }, payload: body.payload })
    }
    async function withdraw(someone: Visitor) {
      const { page } = await openEditor(someone)
      const form = /<form method="post" action="[^"]*\/report\/withdraw">[\s\S]*?<\/form>/.exec(page.body)?.[0]
      assert.ok(form, 'a discard form while a change is open')
      assert.equal((await someone.post(`/manage/schools/${schoolId}/report/withdraw`, hiddenFields(form))).statusCode, 303)
    }

    test('the seed report is pre-filled item by item from its text, for review', async () => {
      const editor = await signedIn('editor')
      const { page, fields } = await openEditor(editor)
      assert.match(page.body, /split into these sections by a computer/)
      assert.match(textarea(page.body, 'item-4'), /Mrs Lowe/, "the SENCO's name is under item 4")
      assert.match(textarea(page.body, 'item-4'), /l\.lowe@cromwell\.bham\.sch\.uk/)
      assert.match(textarea(page.body, 'item-9'), /^Raising a Concern\n\nIn the first instance/)
      assert.match(textarea(page.body, 'item-5'), /^Staff Training/)
      assert.match(textarea(page.body, 'other'), /School Governors/, 'what matches no item is kept under other information')
      assert.ok(fields.some(([name]) => name === 'publishedVersion'), 'the form names the version it was opened from')
      // Nineteen items, each with its checks, its prompts and a character count.
      assert.equal([...page.body.matchAll(/<textarea[^>]*name="item-/g)].length, 19)
      assert.match(page.body, /Item 3a: How the school checks that its help works/)
      assert.match(page.body, /What is the procedure for assessment of pupils on entry/, "the toolkit's prompts")
      assert.match(page.body, /How will the school prepare and support my child to join the school/, "the parents' questions")
      assert.match(page.body, /Check: Partly/)
      assert.match(page.body, /Reading age: about \d+/)
      assert.match(page.body, /SENCO: special educational needs co-ordinator/, 'an unexplained short form with what to add')
      assert.match(page.body, /You can enter up to 20000 characters/)
      const history = await editor.get(`/manage/schools/${schoolId}/report/history`)
      assert.equal(history.statusCode, 200)
      assert.match(history.body, /No changes have been made in the editor yet/)
    })

    test('a draft changes nothing public; once sent and approved the public report shows the new text and its checks change', async () => {
      const before_ = await stored()
      const beforeAssessment = assessReport(before_.report_text!, { today: today() })
      assert.equal(beforeAssessment.items.find((item) => item.id === '11')?.status, 'partial', 'item 11 is only partly covered at first')
      const editor = await signedIn('editor')
      const { fields } = await openEditor(editor)
      const item11 = fields.find(([name]) => name === 'item-11')![1]
      const changed = withValue(fields, 'item-11', `${item11}\n\n${SENDIASS}`.trim())

      const saved = await send(editor, changed, 'save')
      assert.equal(saved.statusCode, 303)
      assert.equal(saved.headers.location, `${editUrl()}?done=saved`)
      assert.deepEqual(await stored(), before_, 'a draft changes nothing published')
      const publicPage = await testApp.app.inject(`/schools/${schoolId}/report?view=items`)
      assert.doesNotMatch(publicPage.body, /0121 303 5004/)

      assert.match((await editor.get(String(saved.headers.location))).body, /Your draft is saved/)
      const reopened = await openEditor(editor)
      assert.match(textarea(reopened.page.body, 'item-11'), /0121 303 5004/, 'the draft is what the editor shows next time')
      assert.match(reopened.page.body, /Changed so far: Item 11/)
      const submitted = await send(editor, reopened.fields, 'submit')
      assert.equal(submitted.headers.location, `${editUrl()}?done=submitted`)
      assert.deepEqual(await stored(), before_, 'waiting for approval changes nothing published')

      const officer = await signedIn('officer')
      const queue = await officer.get('/admin/changes')
      assert.match(queue.body, /SEN information report/)
      const changeId = /href="\/admin\/changes\/([0-9a-f-]{36})"/.exec(queue.body)?.[1]
      assert.ok(changeId, 'the report change waits in the queue')
      const review = await officer.get(`/admin/changes/${changeId}`)
      assert.equal(review.statusCode, 200)
      assert.match(review.body, /Item 11: Contact details of support services for parents/)
      assert.match(review.body, /<ins><span class="govuk-visually-hidden">added: <\/span>[^<]*0121 303 5004/)
      assert.match(review.body, new RegExp(`href="/schools/${schoolId}/report"`))
      const version = /name="version" value="(\d+)"/.exec(review.body)![1]!
      const approved = await officer.post(`/admin/changes/${changeId}/approve`, { _csrf: await officer.token(`/admin/changes/${changeId}`), version })
      assert.equal(approved.statusCode, 303)

      const after_ = await stored()
      assert.equal(after_.report_version, before_.report_version + 1)
      assert.ok(after_.report_sections, 'the sections are kept as written')
      assert.match(after_.report_text!, /^# Support for parents: advice services and their contact details$/m, 'the text has a heading per item')
      assert.match(after_.report_text!, /0121 303 5004/)
      assert.equal(after_.report_last_reviewed, today(), 'approval counts as a review')
      assert.equal(after_.report_next_review_due, addMonths(today(), 12))
      const afterAssessment = assessReport(after_.report_text!, { today: today() })
      assert.equal(afterAssessment.items.find((item) => item.id === '11')?.status, 'covered', 'item 11 is covered now')
      const shown = await testApp.app.inject(`/schools/${schoolId}/report?view=items`)
      assert.match(shown.body, /0121 303 5004/, 'the public report shows the approved text')
      assert.equal(afterAssessment.senco.name, 'Mrs Lowe', 'the SENCO is still found in the rendered text')
      // Search reads the published text.
      assert.match((await testApp.app.inject('/search?q=sendiass+0121')).body, new RegExp(schoolId))

      const actions = await testApp.services.store.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject', '=', `school-report:${schoolId}`).orderBy('id').execute()
      assert.deepEqual(actions.map((row) => row.action), ['change.saved', 'change.submitted', 'change.approved'])
      assert.equal(actions[2]!.actor_id, people.officer.id)
      const history = await editor.get(`/manage/schools/${schoolId}/report/history`)
      assert.match(history.body, /Published/)
      assert.match(history.body, /Test officer/)
      assert.match(history.body, /<ins><span class="govuk-visually-hidden">added: <\/span>[^<]*0121 303 5004/, 'a word diff per item')
      // The next edit starts from the sections as published, not a fresh split of the text.
      const next = await openEditor(editor)
      assert.doesNotMatch(next.page.body, /split into these sections by a computer/)
      assert.match(textarea(next.page.body, 'item-11'), /0121 303 5004/)
    })

    test('an officer sends a change back with a reason; the editor reads it, escaped, and can discard it', async () => {
      const before_ = await stored()
      const editor = await signedIn('editor')
      const { fields } = await openEditor(editor)
      await send(editor, withValue(fields, 'item-9', 'Speak to the class teacher first.'), 'submit')
      const officer = await signedIn('officer')
      const changeId = /href="\/admin\/changes\/([0-9a-f-]{36})"/.exec((await officer.get('/admin/changes')).body)![1]!
      const page = await officer.get(`/admin/changes/${changeId}`)
      const version = /name="version" value="(\d+)"/.exec(page.body)![1]!
      const token = await officer.token(`/admin/changes/${changeId}`)
      const noReason = await officer.post(`/admin/changes/${changeId}/return`, { _csrf: token, version, reason: ' ' })
      assert.equal(noReason.statusCode, 400)
      const returned = await officer.post(`/admin/changes/${changeId}/return`, { _csrf: token, version, reason: 'Say how to complain formally. <script>x</script>' })
      assert.equal(returned.statusCode, 303)
      assert.deepEqual(await stored(), before_, 'nothing published')

      const form = await openEditor(editor)
      assert.match(form.page.body, /The council sent these changes back/)
      assert.match(form.page.body, /Say how to complain formally\. &lt;script&gt;x&lt;\/script&gt;/, 'the reason is shown, escaped')
      assert.equal(textarea(form.page.body, 'item-9'), 'Speak to the class teacher first.')
      assert.equal((await openRevision())?.status, 'returned')
      await withdraw(editor)
      assert.equal(await openRevision(), undefined, 'discarded')
      assert.deepEqual(await stored(), before_)
    })

    test('two editors at once: the second save is refused with both versions, and nothing is overwritten', async () => {
      const editor = await signedIn('editor')
      const colleague = await signedIn('colleague')
      const mine = await openEditor(editor)
      const theirs = await openEditor(colleague)
      assert.equal((await send(editor, withValue(mine.fields, 'item-3f', 'All pupils join every trip, with the help they need.'), 'save')).statusCode, 303)
      const refused = await send(colleague, withValue(theirs.fields, 'item-3f', 'Swimming lessons are adapted for every child.'), 'save')
      assert.equal(refused.statusCode, 409)
      assert.match(refused.body, /This report was changed since you opened it/)
      assert.match(refused.body, /All pupils join every trip/, 'the saved version')
      assert.match(refused.body, /Swimming lessons are adapted/, 'the version just sent')
      assert.match(refused.body, /Test editor/, 'says whose changes were saved')
      assert.match(refused.body, /Item 3f: Joining in all school activities/)
      const kept = await openEditor(editor)
      assert.equal(textarea(kept.page.body, 'item-3f'), 'All pupils join every trip, with the help they need.', "the first editor's draft is intact")

      // "Save my version" from the conflict page replaces the draft deliberately.
      const mineAgain = await colleague.post(editUrl(), [...hiddenFields(refused.body), ['action', 'save']])
      assert.equal(mineAgain.statusCode, 303)
      assert.equal(textarea((await openEditor(editor)).page.body, 'item-3f'), 'Swimming lessons are adapted for every child.')
      await withdraw(editor)
    })

    test('"Check my report" saves nothing; long or hostile text is refused or escaped', async () => {
      const editor = await signedIn('editor')
      const { fields } = await openEditor(editor)
      const hostile = 'Our ELSA sees children weekly. <script>alert(1)</script> "quoted" & more'
      const checked = await send(editor, withValue(fields, 'item-5', hostile), 'check')
      assert.equal(checked.statusCode, 200)
      assert.match(checked.body, /Nothing has been saved yet/)
      assert.match(checked.body, /ELSA: emotional literacy support assistant/, 'the short form used in the section, with what to add')
      assert.ok(checked.body.includes('Our ELSA sees children weekly. &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; more'), 'the text comes back escaped')
      assert.doesNotMatch(checked.body, /<script>alert/)
      assert.equal(textarea(checked.body, 'item-5'), hostile, 'the form keeps what was typed')
      assert.equal(await openRevision(), undefined, 'nothing saved')

      const tooLong = await send(editor, [...withValue(fields, 'item-6', 'x'.repeat(20_001)), ['unknown-field', 'ignored']], 'save')
      assert.equal(tooLong.statusCode, 400)
      assert.match(tooLong.body, /Item 6: How equipment and facilities are provided must be 20,000 characters or fewer: it has 20,001/)
      assert.match(tooLong.body, /href="#item-6"/)
      let all = fields
      for (const name of ['item-1', 'item-2', 'item-3a', 'item-3b', 'item-3c', 'item-3d', 'item-3e', 'item-3f', 'item-3g', 'item-4', 'item-5']) all = withValue(all, name, 'word '.repeat(3_999))
      const total = await send(editor, all, 'save')
      assert.equal(total.statusCode, 400)
      assert.match(total.body, /The whole report must be 200,000 characters or fewer/)
      assert.equal(await openRevision(), undefined, 'nothing saved')

      // A form without the version it was opened from, or with no action, is refused outright.
      assert.equal((await editor.post(editUrl(), fields.filter(([name]) => name === '_csrf'))).statusCode, 400)
      assert.equal((await editor.post(editUrl(), fields)).statusCode, 400)
    })

    test('a .docx and a .pdf made from a seed report import as drafts with the items filled', async () => {
      const before_ = await stored()
      const editor = await signedIn('editor')
      const text = seedText(CROMWELL)
      for (const file of [{ name: 'cromwell-report.docx', bytes: await buildDocx(text) }, { name: 'cromwell-report.pdf', bytes: await buildPdf(text) }]) {
        const imported = await upload(editor, file)
        assert.equal(imported.statusCode, 303, imported.body.slice(0, 500))
        assert.match(String(imported.headers.location), /\/report\/edit\?done=imported&file=cromwell-report\.(docx|pdf)/)
        const page = await editor.get(String(imported.headers.location))
        assert.match(page.body, new RegExp(`Imported from ${file.name.replace('.', '\\.')}: review each section`))
        assert.match(textarea(page.body, 'item-4'), /Mrs Lowe/, `${file.name}: the SENCO under item 4`)
        assert.match(textarea(page.body, 'item-9'), /Raising a Concern/, `${file.name}: complaints under item 9`)
        assert.match(textarea(page.body, 'item-5'), /Staff Training/)
        const revision = await openRevision()
        assert.equal(revision?.status, 'draft', 'imported as a draft, never published')
        assert.equal(revision?.author_id, people.editor.id)
        assert.deepEqual(await stored(), before_, 'nothing published')
      }
      await withdraw(editor)
    })

    test('bad uploads get specific errors, store nothing and leave the draft as it was', async () => {
      const editor = await signedIn('editor')
      const { fields } = await openEditor(editor)
      await send(editor, withValue(fields, 'item-12', 'Our draft about moving on to secondary school.'), 'save')
      const draft = await openRevision()
      assert.ok(draft)
      const docx = await buildDocx(seedText(CROMWELL))
      const cases: Array<{ file: { name: string; bytes: Uint8Array } | undefined; status: number; message: RegExp }> = [
        { file: { name: 'report.docx', bytes: Uint8Array.from({ length: 4096 }, (_, index) => (index * 7919 + 13) % 251) }, status: 400, message: /not a Word document that can be read/ },
        { file: { name: 'report.docx', bytes: docx.subarray(0, Math.floor(docx.length / 2)) }, status: 400, message: /not a Word document that can be read/ },
        { file: { name: 'report.pdf', bytes: new TextEncoder().encode('This is not a PDF at all.') }, status: 400, message: /PDF could not be read/ },
        { file: { name: 'photo.jpg', bytes: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) }, status: 400, message: /must be a Word document \(\.docx\), PDF, web page \(\.html\) or text file \(\.txt\)/ },
        { file: { name: 'report.doc', bytes: Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]) }, status: 400, message: /must be a Word document \(\.docx\)/ },
        { file: { name: 'report.txt', bytes: new Uint8Array(0) }, status: 400, message: /The selected file is empty/ },
        { file: { name: 'report.txt', bytes: new TextEncoder().encode(' \n\n \t') }, status: 400, message: /holds no text/ },
        { file: { name: 'big.txt', bytes: new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61) }, status: 413, message: /must be smaller than 5 MB/ },
        { file: { name: '', bytes: new Uint8Array(0) }, status: 400, message: /Select the file with your report/ },
        { file: undefined, status: 400, message: /Select the file with your report/ },
      ]
      for (const { file, status, message } of cases) {
        const reply = await upload(editor, file)
        const label = file ? `${file.name || '(no name)'} (${file.bytes.length} bytes)` : 'no file part'
        assert.equal(reply.statusCode, status, `${label}: ${reply.body.slice(0, 200)}`)
        assert.match(reply.body, message, label)
        assert.match(reply.body, /There is a problem/, `${label}: an error summary`)
        assert.match(reply.body, /href="#report"/, `${label}: linked to the file input`)
        const now = await openRevision()
        assert.equal(now?.version, draft.version, `${label}: the draft is untouched`)
        assert.equal(now?.content, draft.content)
      }
      // The upload's CSRF token is checked like any form's.
      const forged = await upload(editor, { name: 'report.txt', bytes: new TextEncoder().encode('How to complain\n\nWrite to the head.') }, { csrf: false })
      assert.equal(forged.statusCode, 403)
      assert.equal((await openRevision())?.version, draft.version)
      // Multipart bodies are read by the import page only.
      const elsewhere = await multipart([['_csrf', 'x']])
      const cookie = [...editor.jar].map(([name, value]) => `${name}=${value}`).join('; ')
      const refused = await testApp.app.inject({ method: 'POST', url: editUrl(), headers: { cookie, 'content-type': elsewhere.contentType }, payload: elsewhere.payload })
      assert.equal(refused.statusCode, 415)
      await withdraw(editor)
    })

    test("another school's editor is refused every page of this school's report; an unknown school is not found", async () => {
      const stranger = await signedIn('stranger')
      for (const path of ['edit', 'import', 'history']) assert.equal((await stranger.get(`/manage/schools/${schoolId}/report/${path}`)).statusCode, 403, path)
      const token = await stranger.token('/manage')
      assert.equal((await stranger.post(editUrl(), { _csrf: token, publishedVersion: '1', action: 'save', 'item-1': 'Taken over' })).statusCode, 403)
      assert.equal((await stranger.post(`/manage/schools/${schoolId}/report/withdraw`, { _csrf: token })).statusCode, 403)
      const body = await multipart([['_csrf', token], ['publishedVersion', '1']], { name: 'report.txt', bytes: new TextEncoder().encode('How to complain\n\nWrite to us.') })
      const cookie = [...stranger.jar].map(([name, value]) => `${name}=${value}`).join('; ')
      const imported = await testApp.app.inject({ method: 'POST', url: importUrl(), headers: { cookie, 'content-type': body.contentType }, payload: body.payload })
      assert.equal(imported.statusCode, 403)
      assert.equal(await openRevision(), undefined)
      // Their own school's editor opens.
      assert.equal((await stranger.get(editUrl(otherSchoolId))).statusCode, 200)
      assert.equal((await stranger.get('/manage/schools/00000000-0000-4000-8000-000000000000/report/edit')).statusCode, 404)
      assert.equal((await stranger.get('/manage/schools/not-a-school/report/edit')).statusCode, 404)
      const manage = await (await signedIn('editor')).get('/manage')
      assert.match(manage.body, new RegExp(`href="/manage/schools/${schoolId}/report/edit"`), 'linked from the manage page')
      assert.match(manage.body, new RegExp(`href="/manage/schools/${schoolId}/report/import"`))
    })

    test('council staff publish at once; an editor cannot, by sending the same button', async () => {
      const officer = await signedIn('officer')
      const { page, fields } = await openEditor(officer)
      assert.match(page.body, /Publish now/)
      const before_ = await stored()
      const published = await send(officer, withValue(fields, 'item-13', "The council's Local Offer is at https://www.birmingham.gov.uk/localoffer."), 'publish')
      assert.equal(published.headers.location, `${editUrl()}?done=published`)
      const after_ = await stored()
      assert.equal(after_.report_version, before_.report_version + 1)
      assert.equal(assessReport(after_.report_text!, { today: today() }).items.find((item) => item.id === '13')?.status, 'covered')
      const editor = await signedIn('editor')
      const form = await openEditor(editor)
      assert.doesNotMatch(form.page.body, /Publish now/)
      assert.equal((await send(editor, withValue(form.fields, 'item-13', 'Sneaky'), 'publish')).statusCode, 303)
      assert.equal((await stored()).report_version, after_.report_version, 'sent for approval, not published')
      assert.equal((await openRevision())?.status, 'submitted')
      await withdraw(editor)
    })
  })
}

describe('CLI: report import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-editor-'))
  after(() => rmSync(dir, { recursive: true, force: true }))
  const store = join(dir, 'store.sqlite')
  const cli = (...args: string[]) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: new URL('../../', import.meta.url), encoding: 'utf8', env: { ...process.env, DATABASE_URL: store, LOG_LEVEL: 'silent' } })
    return { status: result.status, stdout: result.stdout, stderr: result.stderr }
  }

  test('saves a draft by no user, split into items; refuses to replace an open change without --replace', async () => {
    // Seeded in this process (quicker than `cli seed`); the commands run as an operator runs them.
    const seeded = openStore({ kind: 'sqlite', file: store })
    await migrateToLatest(seeded)
    await loadDemoData(seeded, await loadPostcodeLookup())
    await seeded.close()
    const read = () => new Sqlite(store, { readonly: true })
    let db = read()
    const school = db.prepare("SELECT schools.id FROM schools JOIN organisations ON organisations.id = schools.id WHERE organisations.name = 'Cromwell Primary School' AND schools.data_source != 'gias'").get() as { id: string }
    db.close()
    const file = join(dir, 'cromwell.docx')
    writeFileSync(file, await buildDocx(seedText(CROMWELL)))

    const imported = cli('report', 'import', file, '--school', school.id)
    assert.equal(imported.status, 0, imported.stderr)
    assert.match(imported.stdout, /as a draft of Cromwell Primary School's SEN information report: \d+ parts under Schedule 1 items/)
    db = read()
    const revision = db.prepare("SELECT status, author_id, content FROM revisions WHERE subject_id = ? AND subject_kind = 'school-report'").get(school.id) as { status: string; author_id: string | null; content: string }
    const published = db.prepare('SELECT report_sections, report_version FROM schools WHERE id = ?').get(school.id) as { report_sections: string | null; report_version: number }
    const audit = db.prepare("SELECT actor_id FROM audit_log WHERE subject = ? AND action = 'change.saved'").get(`school-report:${school.id}`) as { actor_id: string | null }
    db.close()
    assert.equal(revision.status, 'draft')
    assert.equal(revision.author_id, null, 'made by no user')
    assert.equal(audit.actor_id, null)
    assert.match((JSON.parse(revision.content) as { items: Record<string, string> }).items['4']!, /Mrs Lowe/)
    assert.equal(published.report_sections, null, 'nothing published')

    const again = cli('report', 'import', file, '--school', school.id)
    assert.equal(again.status, 1)
    assert.match(again.stderr, /already has a change open .*--replace/)
    assert.equal(cli('report', 'import', file, '--school', school.id, '--replace').status, 0)
    const bad = join(dir, 'bad.pdf')
    writeFileSync(bad, 'not a pdf')
    const unreadable = cli('report', 'import', bad, '--school', school.id)
    assert.equal(unreadable.status, 1)
    assert.match(unreadable.stderr, /REPORT_UNREADABLE/)
  })
})

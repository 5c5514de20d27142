// The public report pages (a school's report, compare, the council view, CSV and PDF), served
// by the real app over the demo data on every store. Expected values come from assessing the
// same text, never typed in, so a change to the assessor cannot leave these tests asserting stale facts.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { parse } from 'csv-parse/sync'
import { extractText, getDocumentProxy } from 'unpdf'
import { assessReport } from '../../src/reports/assess.js'
import { memoFor, todayIso } from '../../src/reports/pages/memo.js'
import { SE7_PARENT_QUESTIONS, SE7_YOUNG_PERSON_QUESTIONS, SCHEDULE_1 } from '../../src/reports/schedule1.js'
import { translator } from '../../src/web/i18n/index.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { STORE_KINDS } from '../support/stores.js'

const postgres = Boolean(process.env.TEST_DATABASE_URL)
const t = translator('en')

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
}

/** The visible text of the page's main landmark only, so the header and footer cannot satisfy an assertion. */
function main(html: string): string {
  const start = html.indexOf('<main')
  return text(html.slice(start, html.indexOf('</main>', start)))
}

/** The text under the h2 called `heading`, up to the next h2. */
function section(html: string, heading: string): string {
  const page = main(html)
  const start = page.indexOf(heading)
  assert.ok(start >= 0, `no "${heading}" on the page`)
  const rest = page.slice(start + heading.length)
  return rest
}

interface DemoSchool {
  id: string
  name: string
  report_text: string | null
  url: string | null
}

for (const kind of STORE_KINDS) {
  describe(`report pages [${kind}]`, { skip: kind === 'postgres' && !postgres ? 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' : false }, () => {
    let testApp: TestApp
    let schools: DemoSchool[]
    const get = (url: string) => testApp.app.inject({ method: 'GET', url })
    const named = (prefix: string): DemoSchool => {
      const school = schools.find((each) => each.name.startsWith(prefix))
      assert.ok(school, `demo school ${prefix}`)
      return school
    }
    const withReport = (): DemoSchool[] => schools.filter((school) => school.report_text)
    const assess = (school: DemoSchool) => assessReport(school.report_text ?? '', { today: todayIso() })

    before(async () => {
      testApp = await buildTestApp(kind)
      schools = await testApp.services.store.db
        .selectFrom('schools')
        .innerJoin('organisations', 'organisations.id', 'schools.id')
        .select(['schools.id', 'organisations.name', 'schools.report_text', 'organisations.url'])
        .orderBy('organisations.name')
        .execute()
    })
    after(async () => {
      await testApp.close()
    })

    test('the school page links to its report page', async () => {
      const cromwell = named('Cromwell')
      const response = await get(`/schools/${cromwell.id}`)
      assert.ok(response.body.includes(`href="/schools/${cromwell.id}/report"`))
      assert.ok(main(response.body).includes(t('reportPages.schoolLink')))
    })

    test("Cromwell's report page shows its SENCO up front, its last update, and the questions it covers", async () => {
      const cromwell = named('Cromwell')
      const assessment = assess(cromwell)
      assert.ok(assessment.senco.name, 'the demo report names its SENCO')
      const response = await get(`/schools/${cromwell.id}/report`)
      assert.equal(response.statusCode, 200)
      const page = main(response.body)
      assert.match(response.body, /<h1[^>]*>\s*SEN information report: Cromwell Primary School\s*<\/h1>/)
      // The SENCO comes before the first question.
      const sencoAt = page.indexOf(assessment.senco.name)
      assert.ok(sencoAt >= 0 && sencoAt < page.indexOf(SE7_PARENT_QUESTIONS[0]!.question), 'SENCO before the answers')
      if (assessment.senco.email) assert.ok(response.body.includes(`href="mailto:${assessment.senco.email}"`))
      assert.ok(page.includes(t('reportPages.headings.questions')))
      for (const question of SE7_PARENT_QUESTIONS) assert.ok(page.includes(question.question), question.id)
      // Every question whose items are all covered says so, and quotes the report.
      const covered = SE7_PARENT_QUESTIONS.filter((question) => question.items.every((id) => assessment.items.find((item) => item.id === id)?.status === 'covered'))
      assert.ok(covered.length > 0)
      for (const question of covered) {
        const after = page.slice(page.indexOf(question.question) + question.question.length)
        assert.ok(after.trimStart().startsWith(t('reportPages.status.covered')), `${question.id} tagged covered`)
      }
      const firstEvidence = assessment.items.find((item) => item.status === 'covered')!.evidence[0]!.text.replace(/\s+/g, ' ').trim().slice(0, 60)
      assert.ok(page.includes(firstEvidence), 'the report’s own words are quoted')
      if (assessment.updated) {
        assert.ok(page.includes(t('reportPages.updated')))
        assert.equal(page.includes(t('reportPages.overdue')), assessment.overdue)
      }
      assert.ok(page.includes(t('reportPages.attribution')))
    })

    test('the items view and the young people’s view differ, each with its own headings', async () => {
      const cromwell = named('Cromwell')
      const read = async (query: string) => (await get(`/schools/${cromwell.id}/report${query}`)).body
      const [questionsBody, itemsBody, youngBody] = [await read(''), await read('?view=items'), await read('?view=young-people')]
      const [questionsPage, itemsPage, youngPage] = [main(questionsBody), main(itemsBody), main(youngBody)]
      assert.ok(itemsPage.includes(t('reportPages.headings.items')))
      for (const item of SCHEDULE_1) assert.ok(itemsPage.includes(`${item.id}: ${item.title}`), item.id)
      assert.ok(!itemsPage.includes(SE7_PARENT_QUESTIONS[1]!.question))
      assert.ok(youngPage.includes(t('reportPages.headings.young-people')))
      for (const question of SE7_YOUNG_PERSON_QUESTIONS) assert.ok(youngPage.includes(question.question), question.id)
      assert.ok(!youngPage.includes(SE7_PARENT_QUESTIONS[1]!.question))
      assert.notEqual(itemsPage, youngPage)
      assert.notEqual(questionsPage, youngPage)
      // The current view is marked for assistive technology.
      assert.match(youngBody, /href="[^"]*view=young-people" aria-current="page"/)
    })

    test('a missing item is listed under “What this report does not tell you”, with who to ask', async () => {
      const school = withReport().find((each) => assess(each).items.some((item) => item.status === 'missing'))
      assert.ok(school, 'a demo report with a missing item')
      const assessment = assess(school)
      const gapsText = section((await get(`/schools/${school.id}/report`)).body, t('reportPages.gapsHeading'))
      for (const item of assessment.items) {
        const words = t(item.status === 'missing' ? 'reportPages.gapMissing' : 'reportPages.gapPartial', { what: t(`reportPages.gap.${item.id}`) })
        assert.equal(gapsText.includes(words), item.status !== 'covered', `item ${item.id} (${item.status})`)
      }
      const missing = assessment.items.filter((item) => item.status === 'missing').map((item) => item.id)
      if (missing.includes('13') || missing.includes('11')) assert.ok(gapsText.includes(t('reportPages.askCouncil', { council: testApp.services.config.HOME_COUNCIL_NAME })))
      assert.ok(gapsText.includes('Ask the school’s SENCO'))
    })

    test('report text is escaped, never raw HTML', async () => {
      const school = schools.find((each) => !each.report_text)!
      const { db } = testApp.services.store
      const hostile = 'How to complain\n\nIf you want to complain, write to the governors <script>alert(1)</script> or see our complaints policy <img src=x onerror=alert(2)>.\n'
      await db.updateTable('schools').set({ report_text: hostile }).where('id', '=', school.id).execute()
      try {
        const response = await get(`/schools/${school.id}/report?view=items`)
        assert.equal(response.statusCode, 200)
        assert.ok(!response.body.includes('<script>alert(1)'))
        assert.ok(!response.body.includes('<img src=x'))
        assert.ok(response.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the words are shown, escaped')
      } finally {
        await db.updateTable('schools').set({ report_text: null }).where('id', '=', school.id).execute()
      }
    })

    test('a school with no report gets a helpful page, not a 404', async () => {
      const school = schools.find((each) => !each.report_text && each.url)
      assert.ok(school, 'a demo school without a report but with a website')
      const response = await get(`/schools/${school.id}/report`)
      assert.equal(response.statusCode, 200)
      const page = main(response.body)
      assert.ok(page.includes(t('reportPages.noReport.body', { school: school.name })))
      assert.ok(response.body.includes(`href="${school.url}"`), 'links to the school’s website')
      assert.ok(!page.includes(t('reportPages.headings.questions')))
      assert.equal((await get(`/schools/${school.id}/report.pdf`)).statusCode, 404)
      assert.equal((await get('/schools/not-a-school/report')).statusCode, 404)
    })

    for (const count of [2, 3]) {
      test(`compare with ${count} schools shows each school's answers`, async () => {
        const chosen = withReport().slice(0, count)
        assert.equal(chosen.length, count)
        const response = await get(`/compare?${chosen.map((school) => `school=${school.id}`).join('&')}`)
        assert.equal(response.statusCode, 200)
        const page = main(response.body)
        assert.ok(!page.includes(t('reportPages.compare.errorTitle')))
        for (const school of chosen) {
          assert.ok(response.body.includes(`href="/schools/${school.id}/report"`), school.name)
          assert.ok(response.body.includes(`value="${school.id}" checked`), `${school.name} stays ticked`)
        }
        // Under each question, one answer per school, named.
        const firstQuestion = SE7_PARENT_QUESTIONS[0]!.question
        const underFirst = page.slice(page.indexOf(firstQuestion), page.indexOf(SE7_PARENT_QUESTIONS[1]!.question))
        for (const school of chosen) assert.ok(underFirst.includes(school.name), `${school.name} under the first question`)
      })
    }

    test('compare refuses 4 schools, or one it does not know, with an error summary', async () => {
      const four = withReport().slice(0, 4)
      assert.equal(four.length, 4)
      const tooMany = await get(`/compare?${four.map((school) => `school=${school.id}`).join('&')}`)
      const bad = await get(`/compare?school=${four[0]!.id}&school=00000000-0000-4000-8000-000000000000`)
      const malformed = await get(`/compare?school=${four[0]!.id}&school=%27%3B--`)
      for (const response of [tooMany, bad, malformed]) {
        assert.equal(response.statusCode, 200)
        assert.match(response.body, /role="alert"/)
        assert.ok(main(response.body).includes(t('reportPages.compare.errorTitle')))
        assert.match(response.body, /<title>\s*Error:/)
      }
      assert.ok(main(tooMany.body).includes(t('reportPages.compare.errorTooMany', { max: 3, count: 4 })))
      assert.ok(main(bad.body).includes(t('reportPages.compare.errorUnknown')))
    })

    test('the council table lists every school, overdue reports first, then by items missing', async () => {
      const response = await get('/council/reports')
      assert.equal(response.statusCode, 200)
      const page = main(response.body)
      assert.ok(page.includes(t('reportPages.council.officers')))
      const positions = schools.map((school) => ({ school, at: page.indexOf(`${school.name} `) }))
      for (const { school, at } of positions) assert.ok(at >= 0, `${school.name} listed`)
      const ranked = positions
        .map(({ school, at }) => {
          const assessment = school.report_text ? assess(school) : null
          return { at, rank: assessment ? (assessment.overdue ? 0 : 1) : 2, missing: assessment ? assessment.items.filter((item) => item.status === 'missing').length : 0 }
        })
        .sort((a, b) => a.at - b.at)
      assert.ok(ranked.some((row) => row.rank === 0), 'the demo data has an overdue report')
      for (let index = 1; index < ranked.length; index++) {
        const [before, now] = [ranked[index - 1]!, ranked[index]!]
        assert.ok(before.rank < now.rank || (before.rank === now.rank && before.missing >= now.missing), `row ${index} in order`)
      }
      const noReport = schools.filter((school) => !school.report_text).length
      assert.equal(page.split(t('reportPages.council.noReport')).length - 1, noReport)
      // 19 item columns, each with its full name for screen readers.
      assert.equal((response.body.match(/<th scope="col"[^>]*><abbr title="Item /g) ?? []).length, SCHEDULE_1.length)
    })

    test('the council CSV parses, matches the table and neutralises hostile cells', async () => {
      const school = schools.find((each) => !each.report_text)!
      const { db } = testApp.services.store
      const hostile = '=HYPERLINK("http://evil.example","click")'
      await db.updateTable('organisations').set({ name: hostile }).where('id', '=', school.id).execute()
      try {
        const response = await get('/council/reports.csv')
        assert.equal(response.statusCode, 200)
        assert.match(response.headers['content-type'] as string, /^text\/csv/)
        const records = parse<Record<string, string>>(response.body, { columns: true })
        assert.equal(records.length, schools.length)
        const row = records.find((record) => record[t('reportPages.council.csvSchool')]?.includes('HYPERLINK'))
        assert.equal(row?.[t('reportPages.council.csvSchool')], `'${hostile}`)
        const cromwell = named('Cromwell')
        const cromwellRow = records.find((record) => record[t('reportPages.council.csvSchool')] === cromwell.name)!
        const assessment = assess(cromwell)
        for (const item of assessment.items) assert.equal(cromwellRow[t('reportPages.council.csvItem', { id: item.id })], t(`reportPages.status.${item.status}`))
        for (const record of records) for (const value of Object.values(record)) assert.doesNotMatch(value, /^[=+\-@\t\r]/)
      } finally {
        await db.updateTable('organisations').set({ name: school.name }).where('id', '=', school.id).execute()
      }
    })

    test('the PDF parses and carries the SENCO and page numbers', async () => {
      const cromwell = named('Cromwell')
      const response = await get(`/schools/${cromwell.id}/report.pdf`)
      assert.equal(response.statusCode, 200)
      assert.equal(response.headers['content-type'], 'application/pdf')
      assert.equal(response.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-')
      const pdf = await getDocumentProxy(new Uint8Array(response.rawPayload))
      const { totalPages, text: pages } = await extractText(pdf, { mergePages: false })
      assert.ok(totalPages >= 2)
      const all = pages.join('\n')
      assert.ok(all.includes(assess(cromwell).senco.name!), 'the SENCO’s name')
      assert.ok(all.includes(t('reportPages.gapsHeading')))
      assert.ok(pages[totalPages - 1]!.includes(t('reportPages.pdf.page', { page: totalPages, pages: totalPages })))
    })

    test('assessments are kept per school and text: a repeat adds nothing, a changed report is assessed afresh', async () => {
      const cromwell = named('Cromwell')
      const memo = memoFor(testApp.services)
      await get(`/schools/${cromwell.id}/report`)
      const kept = memo.size
      await get(`/schools/${cromwell.id}/report?view=items`)
      await get(`/schools/${cromwell.id}/report.pdf`)
      assert.equal(memo.size, kept)
      const { db } = testApp.services.store
      await db.updateTable('schools').set({ report_text: `${cromwell.report_text ?? ''}\nSEN information report reviewed 1 March 2099.` }).where('id', '=', cromwell.id).execute()
      try {
        await get(`/schools/${cromwell.id}/report`)
        assert.equal(memo.size, kept + 1)
      } finally {
        await db.updateTable('schools').set({ report_text: cromwell.report_text }).where('id', '=', cromwell.id).execute()
      }
    })
  })
}

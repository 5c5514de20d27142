// The report editor's content: rendered to text and split back; the rendered text assessed under
// the items it was written for; the seed reports surviving the round trip; the form's limits;
// stored JSON read back tolerantly; and the live checks.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { reportHeadings } from '../../src/publishing/school-reports.js'
import { assessReport } from '../../src/reports/assess.js'
import {
  changedFields,
  characterCount,
  checkReport,
  contentErrors,
  contentFromText,
  contentJson,
  emptyContent,
  fieldName,
  formPairs,
  parseReportContent,
  readingBand,
  readReportForm,
  renderReportText,
  REPORT_FIELDS,
  SECTION_MAX,
  TOTAL_MAX,
  withField,
  type ReportContent,
} from '../../src/reports/editor.js'
import { mapSections } from '../../src/reports/mapping.js'
import { ITEM_IDS, type ItemId } from '../../src/reports/schedule1.js'
import { splitSections } from '../../src/reports/sections.js'
import { translator } from '../../src/web/i18n/index.js'
import { LABEL_DATE, seedText } from '../fixtures/reports/agreement.js'

const headings = reportHeadings(translator('en'))
const SEEDS = ['cromwell-primary-sen-report.txt', 'abercromby-nursery-local-offer.txt', 'alexandra-infants-junior-local-offer.txt', 'bawtry-mayflower-primary-send.txt']

function contentWith(answers: Partial<Record<ItemId, string>>, extra: Partial<Pick<ReportContent, 'intro' | 'other'>> = {}): ReportContent {
  const content = emptyContent()
  return { ...content, ...extra, items: { ...content.items, ...answers } }
}

const statusOf = (text: string, id: ItemId) => assessReport(text, { today: LABEL_DATE }).items.find((item) => item.id === id)?.status

test('each heading of the published text is recognised as the item it heads, and as no other', () => {
  for (const id of ITEM_IDS) {
    const [mapping] = mapSections(splitSections(`# ${headings[id]}\n\nWe say more about this below.`)).filter((each) => each.section.heading)
    const matched = mapping?.items.filter((item) => item.headingScore > 0).map((item) => item.id)
    assert.deepEqual(matched, [id], `"${headings[id]}" heads item ${id}`)
  }
  const [other] = mapSections(splitSections(`# ${headings.other}\n\nWe say more about this below.`)).filter((each) => each.section.heading)
  assert.deepEqual(other?.items.filter((item) => item.headingScore > 0), [], 'other information heads no item')
})

test('content -> text -> content is exact, sub-headings and markers in the answers included', () => {
  const content = contentWith(
    {
      '4': 'Our SENCO is Mrs Patel.\nPhone 01234 567890.',
      '9': '## Raising a concern\n\nTalk to the class teacher first.\n\n# Not one of ours\n\nThen the head teacher.',
      '13': 'See https://www.example.gov.uk/localoffer.',
    },
    { intro: 'Oak Primary School\n\nSEN information report, reviewed September 2026.', other: 'Our opening hours are 8am to 6pm.' },
  )
  const text = renderReportText(content, headings)
  assert.ok(text.startsWith('Oak Primary School\n\nSEN information report, reviewed September 2026.\n\n# The name and contact details of the SENCO\n\nOur SENCO is Mrs Patel.'))
  assert.ok(text.endsWith(`# ${headings.other}\n\nOur opening hours are 8am to 6pm.`))
  assert.doesNotMatch(text, new RegExp(`# ${headings['1']}`), 'unanswered items have no heading')
  const back = contentFromText(text, headings)
  assert.deepEqual(back.content, content)
  assert.equal(back.placed, 3)
  assert.equal(back.unplaced, 1)
  assert.equal(renderReportText(emptyContent(), headings), '')
})

test('the rendered text assesses under the items it was written for, and nothing is invented', () => {
  const content = contentWith({
    '4': 'Our SENCO is Mrs Patel. You can phone her on 01234 567890 or email senco@oak.example.sch.uk.',
    '9': 'If you are unhappy with the support your child receives, talk to the class teacher first. If you are still unhappy, you can make a formal complaint to the governors using our complaints procedure, which is on our website.',
    '12': 'Before your child moves to secondary school, we arrange transition visits to the new school. We pass on records to the next school and the SENCO meets their new teachers.',
    '13': "The council's Local Offer is published at https://www.example.gov.uk/localoffer.",
  })
  const text = renderReportText(content, headings)
  for (const id of ['4', '9', '12', '13'] as const) assert.equal(statusOf(text, id), 'covered', `item ${id}`)
  for (const id of ['1', '3a', '6', '8'] as const) assert.equal(statusOf(text, id), 'missing', `item ${id} was not written`)
  // The same answers with another item's heading over them still count for what they say.
  assert.equal(statusOf(renderReportText(contentWith({ '1': content.items['4'] }), headings), '4'), 'covered')
})

test('the four seed reports, split into items and rendered again, assess as they did', () => {
  for (const file of SEEDS) {
    const text = seedText(file)
    const original = assessReport(text, { today: LABEL_DATE })
    const split = contentFromText(text, headings)
    const rendered = renderReportText(split.content, headings)
    const again = assessReport(rendered, { today: LABEL_DATE })
    const same = original.items.filter((item, index) => again.items[index]?.status === item.status).length
    assert.ok(same >= 18, `${file}: ${same}/19 items agree`)
    assert.deepEqual(again.senco, original.senco, `${file}: the SENCO is found again`)
    // (Bawtry writes the name with no-break spaces; the finder reads them as spaces.)
    if (original.senco.name) assert.ok(split.content.items['4'].replace(/\s+/g, ' ').includes(original.senco.name), `${file}: the SENCO's name is under item 4`)
    assert.ok(split.placed > split.unplaced, `${file}: most of it is placed`)
    // Nothing of the report is lost: every word of the original is somewhere in the content.
    const words = (value: string) => new Set(value.toLowerCase().match(/[a-z]{4,}/g) ?? [])
    const kept = words(REPORT_FIELDS.map((field) => (field === 'intro' || field === 'other' ? split.content[field] : split.content.items[field])).join(' '))
    const lost = [...words(text)].filter((word) => !kept.has(word))
    assert.deepEqual(lost, [], `${file}: no words lost`)
    assert.deepEqual(contentErrors(split.content), [], `${file}: fits the editor`)
    assert.deepEqual(contentFromText(rendered, headings).content, split.content, `${file}: its own rendering splits back exactly`)
  }
  const cromwell = contentFromText(seedText(SEEDS[0]!), headings).content
  assert.match(cromwell.items['9'], /^Raising a Concern\n\nIn the first instance/)
  assert.match(cromwell.items['4'], /Mrs Lowe[\s\S]*l\.lowe@cromwell\.bham\.sch\.uk/)
  assert.match(cromwell.other, /^School Governors/)
})

test('the form: every field read as text, line ends normalised, unknown and repeated fields ignored', () => {
  const { content, errors } = readReportForm({
    [fieldName('intro')]: '  Oak Primary\r\n\r\nReviewed 2026  \r\n',
    'item-3a': 'We check\r\nour help works.\u0007',
    'item-4': ['two', 'values'],
    'item-99': 'no such item',
    other: '<script>alert(1)</script>',
    __proto__: 'ignored',
  })
  assert.deepEqual(errors, [])
  assert.equal(content.intro, 'Oak Primary\n\nReviewed 2026')
  assert.equal(content.items['3a'], 'We check\nour help works.')
  assert.equal(content.items['4'], '', 'a repeated field is not text')
  assert.equal(content.other, '<script>alert(1)</script>', 'hostile text is kept as text: the pages escape it')
  assert.deepEqual(Object.keys(content.items).sort(), [...ITEM_IDS].sort(), 'only the items, each once')
  assert.deepEqual(readReportForm(Object.fromEntries(formPairs(content))).content, content, 'the conflict page sends the same content back')
})

test('the limits: 20,000 characters a section, counted as people count them, and 200,000 in all', () => {
  assert.equal(characterCount('😀é'), 2)
  assert.deepEqual(readReportForm({ 'item-1': 'x'.repeat(SECTION_MAX) }).errors, [])
  assert.deepEqual(readReportForm({ 'item-1': '😀'.repeat(SECTION_MAX) }).errors, [], 'an emoji is one character')
  assert.deepEqual(readReportForm({ 'item-1': 'x'.repeat(SECTION_MAX + 1) }).errors, [{ field: '1', count: SECTION_MAX + 1, max: SECTION_MAX }])
  const body = Object.fromEntries(REPORT_FIELDS.slice(0, 11).map((field) => [fieldName(field), 'y'.repeat(SECTION_MAX)]))
  assert.deepEqual(readReportForm(body).errors, [{ field: 'total', count: 11 * SECTION_MAX, max: TOTAL_MAX }])
})

test('stored JSON is read back tolerantly: missing or malformed parts come from the fallback', () => {
  const fallback = contentWith({ '9': 'Published complaints answer' }, { intro: 'Published intro' })
  const content = contentWith({ '4': 'Mrs Patel' }, { other: 'More' })
  assert.deepEqual(parseReportContent(contentJson(content), fallback), content)
  assert.deepEqual(parseReportContent('{"items":{"4":"Mrs Patel","4x":"junk","9":42}}', fallback), { ...fallback, items: { ...fallback.items, '4': 'Mrs Patel' } })
  assert.deepEqual(parseReportContent('not json', fallback), fallback)
  assert.deepEqual(parseReportContent('[1,2]', fallback), fallback)
  assert.deepEqual(changedFields(fallback, withField(fallback, '3b', 'New')), ['3b'])
})

test('the checks: every item assessed on the whole draft; short forms listed where used, only if never explained', () => {
  const content = contentWith({
    '3e': 'A TA works with small groups. Our ELSA sees children each week.',
    '5': 'Every teaching assistant (TA) is trained by the EP.',
    '7': 'Parents meet the class teacher each term.',
  })
  const checks = checkReport(content, headings, { today: LABEL_DATE })
  assert.equal(checks.counts.covered + checks.counts.partial + checks.counts.missing, 19)
  assert.equal(checks.status['3a'], 'missing')
  assert.deepEqual(checks.jargon['3e'].map((finding) => finding.acronym), ['ELSA'], 'TA is explained in item 5, ELSA nowhere')
  assert.deepEqual(checks.jargon['5'].map((finding) => finding.acronym), ['EP'])
  assert.deepEqual(checks.jargon['7'], [])
  assert.ok(checks.readability.words > 0)
  let memoCalls = 0
  checkReport(content, headings, {
    today: LABEL_DATE,
    assess: (text) => {
      memoCalls++
      return assessReport(text, { today: LABEL_DATE })
    },
  })
  assert.equal(memoCalls, 1, 'a caller may assess through its memo')
  const empty = checkReport(emptyContent(), headings, { today: LABEL_DATE })
  assert.equal(empty.counts.missing, 19)
  assert.equal(empty.readability.words, 0)
})

test('reading ease in words', () => {
  assert.deepEqual([95, 85, 65, 60, 55, 40, 10].map(readingBand), ['veryEasy', 'easy', 'plain', 'plain', 'fairlyHard', 'hard', 'veryHard'])
})

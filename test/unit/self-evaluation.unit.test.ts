// The self-evaluation grid's pure parts: the assessment's statuses mapped onto the toolkit's,
// saved answers over suggestions, the form read and checked, the grid's version, and the CSV rows.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Assessment, ItemAssessment } from '../../src/reports/assess.js'
import { ITEM_IDS, SCHEDULE_1, type ItemId } from '../../src/reports/schedule1.js'
import {
  buildGrid,
  COMMENT_MAX,
  differences,
  gridVersion,
  lastSaved,
  readGridForm,
  readVersion,
  saveSummary,
  selfEvaluationCsv,
  suggestedStatus,
  withValues,
  type Answer,
  type SavedAnswer,
} from '../../src/reports/self-evaluation.js'
import { translator } from '../../src/web/i18n/index.js'

const t = translator('en')

/** An assessment with the given statuses (covered where not given) and one quotation per found item. */
function assessment(statuses: Partial<Record<ItemId, ItemAssessment['status']>>): Assessment {
  const items = ITEM_IDS.map((id): ItemAssessment => {
    const status = statuses[id] ?? 'covered'
    const evidence = status === 'missing' ? [] : [{ text: `  What the report says\n about ${id}  `, start: 0, end: 10 }]
    return { id, title: id, status, evidence, reasons: [], score: 0 }
  })
  return { items } as unknown as Assessment
}

function saved(itemId: ItemId, status: SavedAnswer['status'], version = 1, comment = ''): SavedAnswer {
  return { itemId, status, comment, version, updatedAt: `2025-0${version}-01T10:00:00.000Z` }
}

/** A form answering every item `status`, as a browser sends it. */
function form(status = 'in-place'): Record<string, string> {
  return Object.fromEntries(ITEM_IDS.flatMap((id) => [[`status-${id}`, status], [`comment-${id}`, '']]))
}

test('covered, partial and missing suggest In place, Partly and Not in place', () => {
  assert.equal(suggestedStatus('covered'), 'in-place')
  assert.equal(suggestedStatus('partial'), 'partly')
  assert.equal(suggestedStatus('missing'), 'not-in-place')
})

test('the grid has one row per Schedule 1 item, in order, suggested from the assessment with its evidence', () => {
  const rows = buildGrid(assessment({ '3a': 'partial', '9': 'missing' }), [])
  assert.deepEqual(rows.map((row) => row.id), [...ITEM_IDS])
  assert.deepEqual(rows.map((row) => row.title), SCHEDULE_1.map((item) => item.title))
  const byId = (id: ItemId) => rows.find((row) => row.id === id)!
  assert.equal(byId('1').status, 'in-place')
  assert.equal(byId('3a').status, 'partly')
  assert.equal(byId('9').status, 'not-in-place')
  assert.ok(rows.every((row) => row.source === 'suggested' && row.comment === ''), 'every row suggested, no comments')
  assert.deepEqual(byId('3a').evidence, ['What the report says about 3a'], 'whitespace folded, trimmed')
  assert.deepEqual(byId('9').evidence, [], 'nothing found, nothing quoted')
})

test('a saved answer wins over the suggestion, which is still shown beside it', () => {
  const rows = buildGrid(assessment({ '4': 'missing' }), [saved('4', 'partly', 3, 'Named, no phone'), { ...saved('1', 'in-place'), itemId: 'not-an-item' }])
  const four = rows.find((row) => row.id === '4')!
  assert.equal(four.status, 'partly')
  assert.equal(four.comment, 'Named, no phone')
  assert.equal(four.source, 'saved')
  assert.equal(four.suggestion, 'not-in-place')
  assert.equal(rows.length, ITEM_IDS.length, 'an unknown stored item is ignored')
})

test('without a report nothing is suggested or chosen', () => {
  const rows = buildGrid(null, [])
  assert.ok(rows.every((row) => row.status === null && row.suggestion === null && row.source === 'none' && row.evidence.length === 0), 'nothing chosen')
})

test('long evidence is cut at a word, and at most two quotations are kept', () => {
  const long = `${'word '.repeat(100)}end`
  const many = { ...assessment({}) }
  many.items = many.items.map((item) => (item.id === '5' ? { ...item, evidence: [1, 2, 3].map((n) => ({ text: `${n} ${long}`, start: 0, end: 1 })) } : item))
  const quotes = buildGrid(many, []).find((row) => row.id === '5')!.evidence
  assert.equal(quotes.length, 2)
  for (const quote of quotes) {
    assert.ok(quote.length <= 161, `${quote.length} characters`)
    assert.ok(quote.endsWith('word…'), quote)
  }
})

test('the grid version is the highest item version, 0 before any save; last saved is the latest time', () => {
  assert.equal(gridVersion([]), 0)
  assert.equal(gridVersion([saved('1', 'partly', 2), saved('2', 'partly', 5), saved('3a', 'partly', 1)]), 5)
  assert.equal(lastSaved([]), null)
  assert.equal(lastSaved([saved('1', 'partly', 2), saved('2', 'partly', 5)]), '2025-05-01T10:00:00.000Z')
})

test('a complete form reads as one answer per item, comments trimmed and line breaks as one character', () => {
  const body = { ...form('partly'), 'comment-3a': '  Reviewed termly\r\nwith governors  ', 'status-13': 'not-in-place' }
  const read = readGridForm(body)
  assert.deepEqual(read.errors, [])
  assert.equal(read.answers?.length, ITEM_IDS.length)
  assert.deepEqual(read.answers?.find((answer) => answer.itemId === '3a'), { itemId: '3a', status: 'partly', comment: 'Reviewed termly\nwith governors' })
  assert.equal(read.answers?.find((answer) => answer.itemId === '13')?.status, 'not-in-place')
})

test('every field is checked: a missing or unknown status and an over-long comment are each an error, and nothing is answered', () => {
  const body: Record<string, unknown> = { ...form(), 'status-1': 'maybe', 'comment-3a': 'x'.repeat(COMMENT_MAX + 1), 'status-5': ['in-place', 'partly'] }
  delete body['status-2']
  const read = readGridForm(body)
  assert.equal(read.answers, null, 'nothing to save')
  assert.deepEqual(read.errors, [
    { itemId: '1', field: 'status', problem: 'unknown' },
    { itemId: '2', field: 'status', problem: 'missing' },
    { itemId: '3a', field: 'comment', problem: 'too-long' },
    { itemId: '5', field: 'status', problem: 'missing' },
  ])
  assert.equal(read.values['1'].status, 'maybe', 'what was sent is kept to show again')
  assert.equal(readGridForm({}).errors.length, ITEM_IDS.length, 'an empty form: one error per item')
})

test('the comment limit counts characters as typed: CRLF as one, an emoji as one', () => {
  const atLimit = `${'a'.repeat(COMMENT_MAX - 2)}\r\n😀`
  assert.deepEqual(readGridForm({ ...form(), 'comment-1': atLimit }).errors, [])
  assert.equal(readGridForm({ ...form(), 'comment-1': `${atLimit}b` }).errors[0]?.problem, 'too-long')
})

test('the version must be a whole number', () => {
  assert.equal(readVersion('0'), 0)
  assert.equal(readVersion('12'), 12)
  for (const bad of [undefined, '', '-1', '1.5', 'latest', 3, ['1']]) assert.equal(readVersion(bad), undefined, String(bad))
})

test('a refused form shows what was typed, an unknown status as nothing chosen', () => {
  const rows = buildGrid(assessment({}), [])
  const { values } = readGridForm({ ...form(), 'status-1': 'maybe', 'comment-1': 'Typed', 'status-2': 'partly' })
  const shown = withValues(rows, values)
  assert.equal(shown[0]!.status, null)
  assert.equal(shown[0]!.comment, 'Typed')
  assert.equal(shown[1]!.status, 'partly')
  assert.equal(shown[1]!.suggestion, 'in-place', 'the suggestion stays beside it')
})

test('differences list only the items whose saved and sent answers differ', () => {
  const yours: Answer[] = [
    { itemId: '1', status: 'in-place', comment: '' },
    { itemId: '2', status: 'partly', comment: 'Mine' },
    { itemId: '3a', status: 'partly', comment: '' },
  ]
  const found = differences([saved('1', 'in-place'), saved('2', 'partly', 1, 'Theirs')], yours)
  assert.deepEqual(found.map((difference) => difference.id), ['2', '3a'])
  assert.deepEqual(found[0]!.theirs, { status: 'partly', comment: 'Theirs' })
  assert.equal(found[1]!.theirs, null, 'nothing saved for 3a')
})

test('the audit summary counts answers and changes, and holds no comment', () => {
  const answers: Answer[] = ITEM_IDS.map((itemId, index) => ({ itemId, status: index < 10 ? 'in-place' : index < 15 ? 'partly' : 'not-in-place', comment: 'About Jo Bloggs' }))
  const summary = saveSummary([], answers, 4)
  assert.deepEqual(summary, { version: 4, inPlace: 10, partly: 5, notInPlace: 4, changed: ITEM_IDS.length })
  assert.ok(!JSON.stringify(summary).includes('Jo'), 'no comment text')
})

test('the CSV rows: a header, then each item with its saved status and comment, the suggestion and the evidence', () => {
  const rows = buildGrid(assessment({ '3a': 'partial', '9': 'missing' }), [saved('9', 'partly', 2, '=Needs a complaints section')])
  const csv = selfEvaluationCsv(t, rows)
  assert.deepEqual(csv[0], ['Item', 'Item title', 'Status', 'Comments', 'Suggested status from the report', 'Evidence from the report'])
  assert.equal(csv.length, 1 + ITEM_IDS.length)
  const record = (id: ItemId) => csv.find((each) => each[0] === id)!
  assert.deepEqual(record('3a').slice(2), ['', '', 'Partly', 'What the report says about 3a'], 'not saved: no status yet, only the suggestion')
  // Formula safety is the shared writer's (src/web/csv.ts): the rows keep the comment as typed.
  assert.deepEqual(record('9').slice(2), ['Partly', '=Needs a complaints section', 'Not in place', ''])
})

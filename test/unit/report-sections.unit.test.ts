import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isTitleLike, splitSections, splitUnits } from '../../src/reports/sections.js'

const headingsOf = (text: string): (string | null)[] => splitSections(text).map((section) => section.heading?.text ?? null)

test('headings in the shapes schools use: markdown, numbered, Q-numbered, questions, Title Case, ALL CAPS', () => {
  const text = [
    'Our SEN information report',
    '',
    'Some words of introduction for families.',
    '',
    '## Staff training',
    'Every teacher has autism awareness training.',
    '',
    '3) How will the curriculum be matched to my child’s needs?',
    'Work is differentiated.',
    '',
    'Q4 Who can I contact',
    'The office.',
    '',
    'How accessible is the school environment?',
    'There is a ramp.',
    '',
    'SUPPORT FOR WELLBEING',
    'We run a nurture group.',
  ].join('\n')
  assert.deepEqual(headingsOf(text), [
    'Our SEN information report',
    'Staff training',
    '3) How will the curriculum be matched to my child’s needs?',
    'Q4 Who can I contact',
    'How accessible is the school environment?',
    'SUPPORT FOR WELLBEING',
  ])
  const kinds = splitSections(text).map((section) => section.kind)
  assert.deepEqual(kinds, ['heading', 'heading', 'numbered', 'numbered', 'question', 'heading'])
})

test('every heading, body and unit is a true slice of the text', () => {
  const text = '  Local Offer  \n\n• Item one.\n• Item two\n\nRaising a Concern\nSpeak to the teacher. Then the SENCO!\n'
  for (const section of splitSections(text)) {
    if (section.heading) assert.equal(text.slice(section.heading.start, section.heading.end), section.heading.text)
    assert.equal(text.slice(section.body.start, section.body.end), section.body.text)
    for (const unit of section.units) assert.equal(text.slice(unit.start, unit.end), unit.text)
  }
})

test('bullets, long numbered sentences and sentences without a full stop are not headings', () => {
  const text = [
    'Types of Support',
    '• Small Group Work',
    '• One To One Reading',
    '1. Young people and their families should be involved in discussions about the support they need, so they can share their knowledge.',
    'Mrs Lowe is the SENCO',
  ].join('\n')
  assert.deepEqual(headingsOf(text), ['Types of Support'])
})

test('three or more short Title Case lines in a row are a list, not headings', () => {
  const text = 'Outside Agencies\nWe work with:\n\nEducational Psychologist\n\nSpeech and Language Therapist\n\nSchool Nurse Service\n\nStaff Training\nAll staff are trained.'
  assert.deepEqual(headingsOf(text), ['Outside Agencies', 'Staff Training'])
})

test('a wrapped line that continues a sentence is not a heading (PDF text)', () => {
  const text = 'We will work with the\nEducational Psychology Service\nwhen a child needs it.'
  assert.deepEqual(headingsOf(text), [null])
})

test('units split prose at sentence ends but not at "e.g." or "Mrs."', () => {
  const text = 'Ask Mrs. Patel for help, e.g. about reading. She is the SENCO. Is that clear?'
  assert.deepEqual(
    splitUnits(text, 0, text.length).map((unit) => unit.text),
    ['Ask Mrs. Patel for help, e.g. about reading.', 'She is the SENCO.', 'Is that clear?'],
  )
})

test('Title Case detection', () => {
  assert.equal(isTitleLike('Children with Sensory and/or Physical Difficulties'), true)
  assert.equal(isTitleLike('GENERAL RESOURCES'), true)
  assert.equal(isTitleLike('the class teacher will explain this to you'), false)
})

test('empty and blank text has no sections', () => {
  assert.deepEqual(splitSections(''), [])
  assert.deepEqual(splitSections(' \n\n\t \n'), [])
})

test('hostile input: a megabyte with no line breaks or full stops is split in linear time', () => {
  const huge = 'word '.repeat(200_000)
  const started = performance.now()
  const sections = splitSections(huge)
  assert.equal(sections.length, 1)
  assert.ok(performance.now() - started < 2000)
  const lines = 'A\n'.repeat(300_000)
  assert.ok(splitSections(lines).length > 0)
})

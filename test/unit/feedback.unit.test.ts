// The feedback forms' rules, without a store: which page a form came from and what it is about,
// the limits and their messages' numbers, consent, the officers' triage, the retention dates,
// and which pages carry the block.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { FastifyRequest } from 'fastify'
import { loadConfig } from '../../src/config.js'
import { deletedAfter, retentionCutoff } from '../../src/feedback/retention.js'
import { FEEDBACK_THEMES, isFeedbackTheme } from '../../src/feedback/themes.js'
import { isTrap, pageOf, parseContact, parseMoreForm, parseNote, parseProblemForm, parseTriage, parseUseful, subjectOfPath } from '../../src/feedback/validate.js'
import { hasKey } from '../../src/web/i18n/index.js'
import { feedbackBlock } from '../../src/web/routes/public/feedback/block.js'

const SERVICE = 'd3fa4924-59b9-53b8-8a0a-e3381fbbb12f'

test('a form\'s page must be a path on this site; the query is kept for the link back, never for the store', () => {
  assert.deepEqual(pageOf('/search?q=autism&postcode=B1+1AA'), { path: '/search', back: '/search?q=autism&postcode=B1+1AA' })
  assert.deepEqual(pageOf(`/services/${SERVICE}`), { path: `/services/${SERVICE}`, back: `/services/${SERVICE}` })
  for (const bad of ['//evil.example/', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '', '/a b', '/tab\there', `/${'x'.repeat(2_000)}`, undefined, ['/about']]) {
    assert.equal(pageOf(bad), undefined, String(bad))
  }
  assert.equal(pageOf(`/${'p'.repeat(400)}`)!.path.length, 300, 'a long path is cut to fit the store')
})

test('what a page is about comes from its path alone', () => {
  assert.deepEqual(subjectOfPath(`/services/${SERVICE}`), { kind: 'service', id: SERVICE })
  assert.deepEqual(subjectOfPath(`/services/${SERVICE.toUpperCase()}/`), { kind: 'service', id: SERVICE })
  assert.deepEqual(subjectOfPath(`/schools/${SERVICE}`), { kind: 'school', id: SERVICE })
  assert.deepEqual(subjectOfPath(`/schools/${SERVICE}/report`), { kind: 'school', id: SERVICE })
  for (const path of ['/search', '/services/not-an-id', `/schools/${SERVICE}/report.pdf`, `/manage/services/${SERVICE}/edit`, `/services/${SERVICE}/history`]) assert.equal(subjectOfPath(path), undefined, path)
})

test('yes or no, and the hidden field only robots fill', () => {
  assert.equal(parseUseful({ useful: 'yes' }), 'yes')
  assert.equal(parseUseful({ useful: 'no' }), 'no')
  assert.equal(parseUseful({ useful: 'maybe' }), undefined)
  assert.equal(parseUseful({ useful: ['yes', 'no'] }), undefined)
  assert.equal(isTrap({ website: '' }), false)
  assert.equal(isTrap({}), false)
  assert.equal(isTrap({ website: ' http://spam.example ' }), true)
})

test('a comment is 1,200 characters at most, counted as the visitor sees them, with the count in the message', () => {
  assert.deepEqual(parseMoreForm({ comment: 'a'.repeat(1_200) }).errors, [])
  assert.deepEqual(parseMoreForm({ comment: `${'a'.repeat(599)}\r\n${'a'.repeat(600)}` }).errors, [], 'CRLF counts as one')
  assert.deepEqual(parseMoreForm({ comment: 'a'.repeat(1_305) }).errors, [{ field: 'comment', code: 'commentTooLong', params: { max: '1,200', count: '1,305' } }])
  for (const code of ['commentTooLong', 'commentMissingOther', 'nameTooLong', 'emailInvalid', 'phoneInvalid', 'consentMissing', 'contactMissing', 'problemMissing', 'responseTooLong', 'noteMissing', 'noteTooLong', 'stateMissing', 'assigneeUnknown']) {
    assert.ok(hasKey(`feedback.errors.${code}`), code)
  }
})

test('contact details are kept only with consent, and only when they can be used to reply', () => {
  const given = { name: 'A Parent', email: 'parent@example.com', phone: '+44 (0)7700 900-982' }
  assert.deepEqual(parseContact({ ...given, consent: 'yes' }).contact, given)
  assert.deepEqual(parseContact({ ...given }).errors, [{ field: 'consent', code: 'consentMissing' }])
  assert.equal(parseContact({ ...given }).contact, undefined)
  assert.deepEqual(parseContact({ name: 'Only a name' }).errors.map((error) => error.code), ['consentMissing'])
  assert.deepEqual(parseContact({ consent: 'yes' }).errors.map((error) => error.code), ['contactMissing'])
  assert.deepEqual(parseContact({ consent: 'yes', name: 'N'.repeat(101), email: 'not an email', phone: '123' }).errors.map((error) => error.code), ['nameTooLong', 'emailInvalid', 'phoneInvalid'])
  assert.deepEqual(parseContact({ consent: 'yes', phone: '0121 303 1888' }).contact, { name: null, email: null, phone: '0121 303 1888' })
  assert.deepEqual(parseContact({}).errors, [], 'nothing given, nothing asked')
  assert.equal(parseContact({}).contact, undefined)
})

test('a problem says what is wrong; "something else" needs words', () => {
  assert.equal(parseProblemForm({ problem: 'closed' }).errors.length, 0)
  assert.deepEqual(parseProblemForm({ problem: 'gone fishing' }).errors.map((error) => error.code), ['problemMissing'])
  assert.deepEqual(parseProblemForm({ problem: 'other' }).errors.map((error) => error.code), ['commentMissingOther'])
  assert.equal(parseProblemForm({ problem: 'other', comment: 'The map is wrong' }).errors.length, 0)
})

test('an officer\'s triage: known states and themes only, an assignee from the list, the version it was opened at', () => {
  const officers = new Set(['officer-1'])
  const parsed = parseTriage({ state: 'in-progress', themes: ['praise', 'accessibility', 'praise', 'nonsense'], assignedTo: 'officer-1', response: ' We will. ', version: '4' }, officers)
  assert.deepEqual(parsed, { triage: { state: 'in-progress', themes: ['accessibility', 'praise'], assignedTo: 'officer-1', response: 'We will.' }, version: 4, errors: [] })
  assert.deepEqual(parseTriage({ state: 'closed', themes: 'other', version: '1' }, officers).triage.themes, ['other'], 'one theme arrives as a string')
  const bad = parseTriage({ state: 'archived', assignedTo: 'someone-else', response: 'r'.repeat(5_001), version: 'x' }, officers)
  assert.deepEqual(bad.errors.map((error) => error.code), ['stateMissing', 'assigneeUnknown', 'responseTooLong'])
  assert.equal(bad.version, undefined)
  assert.deepEqual(parseNote({ note: '   ' }).errors.map((error) => error.code), ['noteMissing'])
  assert.deepEqual(parseNote({ note: 'n'.repeat(2_001) }).errors.map((error) => error.code), ['noteTooLong'])
})

test('the themes are the agreed list, each with a label', () => {
  assert.deepEqual([...FEEDBACK_THEMES], ['information-missing', 'hard-to-find', 'service-gap', 'accessibility', 'out-of-date', 'wrong-contact', 'praise', 'other'])
  for (const theme of FEEDBACK_THEMES) assert.ok(hasKey(`feedback.themes.${theme}`), theme)
  assert.equal(isFeedbackTheme('praise'), true)
  assert.equal(isFeedbackTheme('toString'), false)
})

test('retention: the cutoff is the same moment the months before, and the date shown beside the details matches', () => {
  assert.equal(retentionCutoff(new Date('2026-09-15T12:00:00.000Z'), 6), '2026-03-15T12:00:00.000Z')
  assert.equal(retentionCutoff(new Date('2026-08-31T08:30:00.000Z'), 6), '2026-02-28T08:30:00.000Z', 'a day February lacks becomes its last')
  assert.equal(retentionCutoff(new Date('2026-01-10T00:00:00.000Z'), 12), '2025-01-10T00:00:00.000Z')
  assert.equal(deletedAfter('2026-03-15T12:00:00.000Z', 6), '2026-09-15')
})

test('the block is on public pages, not on staff, sign-in or feedback pages; listings can report a problem', () => {
  const config = loadConfig({ NODE_ENV: 'test' })
  const request = (url: string, access?: string, method = 'GET') => ({ url, method, routeOptions: { config: access ? { access } : {} } }) as unknown as FastifyRequest
  const block = feedbackBlock(config, request(`/services/${SERVICE}`), 'PLACEHOLDER')
  assert.ok(block)
  assert.equal(block.subjectKind, 'service')
  assert.equal(block.csrfToken, 'PLACEHOLDER', 'the token is filled in per response')
  assert.equal(block.retentionMonths, 6)
  assert.deepEqual(block.team, { name: 'The Local Offer team', email: undefined, phone: undefined })
  assert.equal(feedbackBlock(config, request('/search?q=autism'), 'P')!.subjectKind, undefined)
  assert.equal(feedbackBlock(config, request('/developers'), 'P')!.page, '/developers')
  for (const url of ['/sign-in', '/sign-in/oidc', '/sign-out-everywhere', '/account/set-password?token=x', '/dev/outbox', '/feedback/thanks']) assert.equal(feedbackBlock(config, request(url), 'P'), undefined, url)
  assert.equal(feedbackBlock(config, request('/admin/feedback', 'officer'), 'P'), undefined)
  assert.equal(feedbackBlock(config, request('/manage', 'manage'), 'P'), undefined)
  assert.equal(feedbackBlock(config, request('/about', undefined, 'POST'), 'P'), undefined, 'not on a page answering a form')
})

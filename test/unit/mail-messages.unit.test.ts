// The mails' texts (from the catalogue) and how the development outbox finds links in them.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { invitationMail, passwordResetMail, reviewReminderMail } from '../../src/mail/messages.js'
import { linkedParagraphs } from '../../src/web/routes/dev/outbox/index.js'

const ann = { email: 'ann@example.org', name: 'Ann Example' }
const COUNCIL = 'Birmingham City Council'

test('an invitation and a reset: addressed, from the catalogue, the link on a line of its own', () => {
  const invitation = invitationMail(ann, COUNCIL, 'https://lo.example/account/set-password?token=abc')
  assert.equal(invitation.to, 'ann@example.org')
  assert.equal(invitation.subject, 'You have an account on the Birmingham City Council Local Offer')
  assert.match(invitation.text, /^Hello Ann Example,\n\n/)
  assert.match(invitation.text, /within 7 days:\nhttps:\/\/lo\.example\/account\/set-password\?token=abc\n/)
  assert.match(invitation.text, /\n\nBirmingham City Council Local Offer\n$/)
  const reset = passwordResetMail(ann, COUNCIL, 'https://lo.example/account/set-password?token=def')
  assert.equal(reset.subject, 'Reset your password for the Birmingham City Council Local Offer')
  assert.match(reset.text, /within 1 hour:\nhttps:\/\/lo\.example\/account\/set-password\?token=def\n/)
  assert.doesNotMatch(`${invitation.text}${reset.text}`, /\{\w+\}|mail\./, 'no placeholder or key left')
})

test('a reminder lists every item, soonest first, says which are overdue, and counts them in the subject', () => {
  const mail = reviewReminderMail({ ...ann, name: 'Ann\nExample' }, COUNCIL, [
    { kind: 'service', name: 'Later Club', due: '2030-02-01', stage: 'before', link: 'https://lo.example/manage/services/2/review' },
    { kind: 'school-report', name: 'Oak\r\nSchool', due: '2030-01-05', stage: 'after', link: 'https://lo.example/manage/schools/3/report/review' },
  ])
  assert.equal(mail.subject, '2 entries on the Birmingham City Council Local Offer are due for review')
  assert.match(mail.text, /^Hello Ann Example,/, 'a line break in a name does not reshape the mail')
  const oak = mail.text.indexOf('- Oak School (SEN information report): review was due on 5 January 2030 and is overdue\n  https://lo.example/manage/schools/3/report/review')
  const later = mail.text.indexOf('- Later Club (service): review due by 1 February 2030\n  https://lo.example/manage/services/2/review')
  assert.ok(oak > 0 && later > oak)
  const one = reviewReminderMail(ann, COUNCIL, [{ kind: 'service', name: 'Club', due: '2030-02-01', stage: 'before', link: 'https://lo.example/x' }])
  assert.equal(one.subject, 'An entry on the Birmingham City Council Local Offer is due for review')
  assert.match(one.text, /This entry you keep/)
})

test('the outbox finds http(s) addresses in a mail, leaving a sentence’s closing punctuation out', () => {
  assert.deepEqual(linkedParagraphs('Hello,\n\nSee https://a.example/x?y=1. Or (http://b.example/)!\nnot javascript:alert(1)'), [
    [[{ text: 'Hello,' }]],
    [
      [{ text: 'See ' }, { text: 'https://a.example/x?y=1', href: 'https://a.example/x?y=1' }, { text: '. Or (' }, { text: 'http://b.example/', href: 'http://b.example/' }, { text: ')!' }],
      [{ text: 'not javascript:alert(1)' }],
    ],
  ])
})

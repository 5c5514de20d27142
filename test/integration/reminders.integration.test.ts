// Review reminders on both stores: who is mailed, once per stage, grouped per person, with the
// right links; nobody-to-remind is counted; failures are retried; the schedule logs counts only.
import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import { createUser, setPassword } from '../../src/accounts/users.js'
import { loadConfig } from '../../src/config.js'
import { createOrganisation } from '../../src/db/repositories/organisations.js'
import { upsertSchool } from '../../src/db/repositories/schools.js'
import { createService } from '../../src/db/repositories/services.js'
import { createMailer, MailNotSentError, type Mailer } from '../../src/mail/mailer.js'
import { sendReviewReminders, startReminderSchedule } from '../../src/publishing/reminders.js'
import { onEveryStore } from '../support/stores.js'

const SITE = 'https://localoffer.example.gov.uk'
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SITE_URL: `${SITE}/`, REMINDER_DAYS_BEFORE: '30' })
const NOW = new Date('2030-01-10T09:00:00Z')
const LATER = new Date('2030-01-21T09:00:00Z')

onEveryStore('review reminders', (store) => {
  const services = () => ({ config, store: store(), mailer: createMailer(config, store()) })
  const kept = (to: string) => store().db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('created_at').execute()
  const ids: Record<string, string> = {}

  async function organisation(name: string) {
    return createOrganisation(store().db, { name, kind: 'charity', councilCodes: [] })
  }
  async function service(organisationId: string, name: string, nextReviewDue: string | undefined) {
    return createService(store().db, {
      organisationId,
      name,
      description: `${name}, for the test`,
      helpKind: 'advice',
      providerType: 'voluntary',
      provisionLevel: 'universal',
      needs: [],
      councilCodes: [],
      contacts: [],
      ...(nextReviewDue ? { nextReviewDue } : {}),
    })
  }
  async function person(email: string, organisationIds: string[], options: { password?: boolean; disabled?: boolean } = {}) {
    const { db } = store()
    const user = await createUser(db, { email, name: email.split('@')[0]!, role: null, organisationIds })
    // Only whether a password is set matters here, not what it is.
    if (options.password !== false) await setPassword(db, user.id, 'a stored hash')
    if (options.disabled) await db.updateTable('users').set({ disabled_at: NOW.toISOString() }).where('id', '=', user.id).execute()
    return user
  }

  before(async () => {
    const { db } = store()
    const trust = await organisation('Sunshine Trust')
    ids.first = await service(trust, 'Sunshine Sensory Club', '2030-01-20')
    ids.second = await service(trust, 'Sunshine Parent Forum', '2030-01-30T00:00:00.000Z')
    ids.notYet = await service(trust, 'Sunshine Summer Scheme', '2030-03-30')
    ids.undated = await service(trust, 'Sunshine Helpline', undefined)
    const school = await upsertSchool(db, { name: 'Reminder Primary School', needs: [], dataSource: 'test' })
    ids.school = school.id
    await db.updateTable('schools').set({ report_next_review_due: '2030-01-25' }).where('id', '=', school.id).execute()
    const nobodys = await organisation('Unkept Charity')
    ids.unkept = await service(nobodys, 'Unkept Drop-in', '2030-01-15')
    const disabledOnly = await organisation('Dormant Charity')
    ids.dormant = await service(disabledOnly, 'Dormant Group', '2030-01-15')

    await person('olive@example.org', [trust])
    await person('pat@example.org', [trust, school.id])
    await person('invited@example.org', [trust], { password: false })
    await person('disabled@example.org', [disabledOnly], { disabled: true })
  })

  test('each owner gets one mail listing everything of theirs that is due, with the right links', async () => {
    const counts = await sendReviewReminders(services(), { now: NOW })
    assert.deepEqual(counts, { mails: 2, items: 3, skippedNoOwner: 2, failed: 0 })

    const [olive, ...moreForOlive] = await kept('olive@example.org')
    assert.ok(olive)
    assert.equal(moreForOlive.length, 0, 'one mail each')
    assert.equal(olive.subject, '2 entries on the Birmingham City Council Local Offer are due for review')
    assert.match(olive.body, /^Hello olive,$/m)
    assert.ok(olive.body.includes(`- Sunshine Sensory Club (service): review due by 20 January 2030\n  ${SITE}/manage/services/${ids.first}/review`))
    assert.ok(olive.body.includes(`- Sunshine Parent Forum (service): review due by 30 January 2030\n  ${SITE}/manage/services/${ids.second}/review`))
    assert.doesNotMatch(olive.body, /Summer Scheme|Helpline|Reminder Primary|Unkept|Dormant/)

    const [pat] = await kept('pat@example.org')
    assert.ok(pat)
    assert.equal(pat.subject, '3 entries on the Birmingham City Council Local Offer are due for review')
    assert.ok(pat.body.includes(`- Reminder Primary School (SEN information report): review due by 25 January 2030\n  ${SITE}/manage/schools/${ids.school}/report/review`))
    assert.ok(pat.body.includes(`${SITE}/manage/services/${ids.first}/review`))

    assert.equal((await kept('invited@example.org')).length, 0, 'no password yet: nothing')
    assert.equal((await kept('disabled@example.org')).length, 0, 'disabled: nothing')
    const recorded = await store().db.selectFrom('review_reminders').select(['subject_id', 'due', 'stage']).orderBy('due').execute()
    assert.deepEqual(
      recorded.map((row) => [row.subject_id, row.due, row.stage]),
      [
        [ids.first, '2030-01-20', 'before'],
        [ids.school, '2030-01-25', 'before'],
        [ids.second, '2030-01-30', 'before'],
      ],
    )
  })

  test('a second run sends nothing again; once a review is overdue its owners are reminded once more', async () => {
    assert.deepEqual(await sendReviewReminders(services(), { now: NOW }), { mails: 0, items: 0, skippedNoOwner: 2, failed: 0 })
    assert.equal((await kept('olive@example.org')).length, 1)

    const overdue = await sendReviewReminders(services(), { now: LATER })
    assert.deepEqual(overdue, { mails: 2, items: 1, skippedNoOwner: 2, failed: 0 })
    const mails = await kept('olive@example.org')
    assert.equal(mails.length, 2)
    const latest = mails[1]!
    assert.equal(latest.subject, 'An entry on the Birmingham City Council Local Offer is due for review')
    assert.ok(latest.body.includes(`- Sunshine Sensory Club (service): review was due on 20 January 2030 and is overdue\n  ${SITE}/manage/services/${ids.first}/review`))
    assert.doesNotMatch(latest.body, /Parent Forum/, 'its before-stage reminder was already sent')
    assert.deepEqual(await sendReviewReminders(services(), { now: LATER }), { mails: 0, items: 0, skippedNoOwner: 2, failed: 0 })
  })

  test('a mail that fails is counted and its reminder tried again on the next run', async () => {
    const kept0 = await organisation('Retry Charity')
    ids.retry = await service(kept0, 'Retry Club', '2030-01-28')
    await person('rita@example.org', [kept0])
    const failing: Mailer = {
      transport: 'smtp',
      send: () => Promise.reject(new MailNotSentError('mail not sent: ECONNECTION')),
      close: () => Promise.resolve(),
    }
    assert.deepEqual(await sendReviewReminders({ ...services(), mailer: failing }, { now: LATER }), { mails: 0, items: 0, skippedNoOwner: 2, failed: 1 })
    assert.equal(await store().db.selectFrom('review_reminders').select('subject_id').where('subject_id', '=', ids.retry).executeTakeFirst(), undefined, 'not recorded')
    assert.deepEqual(await sendReviewReminders(services(), { now: LATER }), { mails: 1, items: 1, skippedNoOwner: 2, failed: 0 })
    assert.equal((await kept('rita@example.org')).length, 1)
  })

  test('two runs at once send each reminder once', async () => {
    const charity = await organisation('Busy Charity')
    await service(charity, 'Busy Club', '2030-01-29')
    await person('bea@example.org', [charity])
    const [a, b] = await Promise.all([sendReviewReminders(services(), { now: LATER }), sendReviewReminders(services(), { now: LATER })])
    assert.equal(a.mails + b.mails, 1)
    assert.equal((await kept('bea@example.org')).length, 1)
  })

  test('the schedule runs on its interval, logs counts only, and stops cleanly', async () => {
    const logged: Array<{ details: object; message: string }> = []
    const logger = { info: (details: object, message: string) => logged.push({ details, message }), warn: (details: object, message: string) => logged.push({ details, message }) }
    assert.equal(startReminderSchedule(services(), { intervalMs: 0, logger }), undefined, 'off at 0')
    const schedule = startReminderSchedule(services(), { intervalMs: 40, logger })
    assert.ok(schedule)
    const deadline = Date.now() + 10_000
    while (logged.filter((entry) => entry.message === 'review reminders finished').length < 2 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 20))
    await schedule.stop()
    const finished = logged.filter((entry) => entry.message === 'review reminders finished')
    assert.ok(finished.length >= 2, 'ran at least twice')
    assert.deepEqual(Object.keys((finished[0]!.details as { reminders: object }).reminders).sort(), ['failed', 'items', 'mails', 'skippedNoOwner'])
    assert.doesNotMatch(JSON.stringify(logged), /@|Sunshine|Unkept/, 'no addresses or names in the log')
    const count = logged.length
    await new Promise((done) => setTimeout(done, 120))
    assert.equal(logged.length, count, 'no run after stop')
  })
})

// Contact details given with feedback are deleted after the retention period, on both stores:
// older ones lose them (the comment stays), younger ones keep them, a second run changes nothing,
// the setting is honoured, and the schedule runs the job.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { loadConfig } from '../../src/config.js'
import { deletePersonalData, startRetentionSchedule } from '../../src/feedback/retention.js'
import { recordFeedback } from '../../src/feedback/store.js'
import { onEveryStore } from '../support/stores.js'

const NOW = new Date('2026-09-15T12:00:00.000Z')
const contact = { name: 'A Parent', email: 'parent@example.com', phone: '07700 900982' }

/** An ISO time `months` (and `days`) before NOW. */
function before(months: number, days = 0): Date {
  const at = new Date(NOW)
  at.setUTCMonth(at.getUTCMonth() - months)
  at.setUTCDate(at.getUTCDate() - days)
  return at
}

onEveryStore('feedback retention', (store) => {
  const rows = async () => store().db.selectFrom('feedback').selectAll().orderBy('created_at').execute()
  const byComment = async (comment: string) => store().db.selectFrom('feedback').selectAll().where('comment', '=', comment).executeTakeFirstOrThrow()

  test('past six months, contact details are blanked and the deletion dated; the comment stays; younger details stay; a second run changes nothing', async () => {
    const { db } = store()
    await recordFeedback(db, { pagePath: '/about', subject: undefined, kind: 'problem', problem: 'other', comment: 'old: seven months', contact, now: before(7) })
    await recordFeedback(db, { pagePath: '/about', subject: undefined, kind: 'problem', problem: 'other', comment: 'old: six months and a day', contact, now: before(6, 1) })
    await recordFeedback(db, { pagePath: '/about', subject: undefined, kind: 'problem', problem: 'other', comment: 'young: five months', contact, now: before(5) })
    await recordFeedback(db, { pagePath: '/about', subject: undefined, kind: 'useful', useful: true, comment: 'old, never any details', now: before(8) })

    assert.equal(await deletePersonalData(db, { now: NOW, months: 6 }), 2)
    for (const comment of ['old: seven months', 'old: six months and a day']) {
      const row = await byComment(comment)
      assert.deepEqual([row.contact_name, row.contact_email, row.contact_phone], [null, null, null], comment)
      assert.equal(row.personal_data_deleted_at, NOW.toISOString())
      assert.equal(row.comment, comment, 'the comment itself is kept')
      assert.ok(row.consented_at, 'when consent was given is kept: it is not personal data')
    }
    const young = await byComment('young: five months')
    assert.deepEqual([young.contact_name, young.contact_email, young.contact_phone, young.personal_data_deleted_at], ['A Parent', 'parent@example.com', '07700 900982', null])
    assert.equal((await byComment('old, never any details')).personal_data_deleted_at, null, 'nothing to delete, nothing recorded')

    const snapshot = await rows()
    const later = new Date(NOW.getTime() + 60 * 60 * 1000)
    assert.equal(await deletePersonalData(db, { now: later, months: 6 }), 0)
    assert.deepEqual(await rows(), snapshot, 'a second run changes nothing')
  })

  test('the setting is honoured: a shorter period deletes more, a longer one less', async () => {
    const { db } = store()
    await recordFeedback(db, { pagePath: '/about', subject: undefined, kind: 'problem', problem: 'other', comment: 'two months', contact, now: before(2) })
    await recordFeedback(db, { pagePath: '/about', subject: undefined, kind: 'problem', problem: 'other', comment: 'ten months', contact, now: before(10) })
    assert.equal(await deletePersonalData(db, { now: NOW, months: 12 }), 0, 'nothing is a year old')
    assert.equal((await byComment('ten months')).contact_email, 'parent@example.com')
    assert.equal(await deletePersonalData(db, { now: NOW, months: 1 }), 3, 'a month: both, and the five-month-old one from before')
    assert.equal((await byComment('two months')).contact_email, null)
    assert.equal((await byComment('young: five months')).contact_email, null)
  })

  test('the daily schedule runs the job with FEEDBACK_RETENTION_MONTHS, and logs counts only', async () => {
    const { db } = store()
    const config = loadConfig({ NODE_ENV: 'test', FEEDBACK_RETENTION_MONTHS: '3' })
    await recordFeedback(db, { pagePath: '/about', subject: undefined, kind: 'problem', problem: 'other', comment: 'four months ago, really', contact, now: new Date(Date.now() - 122 * 24 * 60 * 60 * 1000) })
    await recordFeedback(db, { pagePath: '/about', subject: undefined, kind: 'problem', problem: 'other', comment: 'two months ago, really', contact, now: new Date(Date.now() - 61 * 24 * 60 * 60 * 1000) })
    const lines: Array<{ details: object; message: string }> = []
    const logger = { info: (details: object, message: string) => lines.push({ details, message }), warn: (details: object, message: string) => lines.push({ details, message }) }
    const schedule = startRetentionSchedule({ config, store: store() }, { intervalMs: 24 * 60 * 60 * 1000, logger })
    assert.ok(schedule)
    await schedule.runNow()
    await schedule.stop()
    assert.equal((await byComment('four months ago, really')).contact_email, null)
    assert.equal((await byComment('two months ago, really')).contact_email, 'parent@example.com')
    assert.ok(lines.some((line) => line.message === 'feedback retention finished'))
    assert.ok(lines.every((line) => !JSON.stringify(line).includes('example.com')), 'no personal data in the log')
    assert.equal(startRetentionSchedule({ config, store: store() }, { intervalMs: 0, logger }), undefined, 'an interval of 0 is off')
  })
})


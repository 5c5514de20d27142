import assert from 'node:assert/strict'
import { test } from 'node:test'
import { addDays, addMonths, freshness, nextReviewDue, reportReviewDue } from '../../src/publishing/review-dates.js'

const settings = { REVIEW_MONTHS_SERVICES: 12, REVIEW_MONTHS_SCHOOL_REPORTS: 6, REMINDER_DAYS_BEFORE: 30 }

test('months are added by the calendar, keeping the day where the month has it', () => {
  assert.equal(addMonths('2026-03-15', 12), '2027-03-15')
  assert.equal(addMonths('2026-01-31', 1), '2026-02-28')
  assert.equal(addMonths('2024-02-29', 12), '2025-02-28')
  assert.equal(addMonths('2026-11-30', 3), '2027-02-28')
  assert.equal(addDays('2026-12-31', 1), '2027-01-01')
})

test('each kind has its own review interval', () => {
  assert.equal(nextReviewDue(settings, 'service', '2026-12-02'), '2027-12-02')
  assert.equal(nextReviewDue(settings, 'school-report', '2026-12-02'), '2027-06-02')
})

test('freshness: overdue from the due day, due soon within the reminder window, unknown without a date', () => {
  assert.equal(freshness(settings, '2026-12-02', '2026-12-02'), 'overdue')
  assert.equal(freshness(settings, '2026-06-01', '2026-12-02'), 'overdue')
  assert.equal(freshness(settings, '2027-01-01', '2026-12-02'), 'due-soon')
  assert.equal(freshness(settings, '2027-01-02', '2026-12-02'), 'current')
  assert.equal(freshness(settings, null, '2026-12-02'), 'unknown')
})

test("a report's review is due on its recorded date, else an interval after the date it gives, else unknown", () => {
  assert.equal(reportReviewDue(settings, { nextReviewDue: '2027-03-01', text: 'Updated September 2025' }, '2026-12-02'), '2027-03-01')
  assert.equal(reportReviewDue(settings, { nextReviewDue: null, text: 'This report was last updated in September 2025.' }, '2026-12-02'), '2026-03-01')
  assert.equal(reportReviewDue(settings, { nextReviewDue: null, text: 'No date anywhere.' }, '2026-12-02'), null)
  assert.equal(reportReviewDue(settings, { nextReviewDue: null, text: null }, '2026-12-02'), null)
})

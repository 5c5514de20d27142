// When a listing or a report is next due for review, and how fresh it is now (calendar days:
// src/domain/calendar.ts).
import type { Config } from '../config.js'
import type { RevisionKind } from '../db/schema.js'
import { addDays, addMonths, today } from '../domain/calendar.js'
import { freshness as textFreshness } from '../reports/dates.js'

export { addDays, addMonths, today }

export type Freshness = 'overdue' | 'due-soon' | 'current' | 'unknown'

export type ReviewSettings = Pick<Config, 'REVIEW_MONTHS_SERVICES' | 'REVIEW_MONTHS_SCHOOL_REPORTS' | 'REMINDER_DAYS_BEFORE'>

export function reviewMonths(settings: ReviewSettings, kind: RevisionKind): number {
  return kind === 'school-report' ? settings.REVIEW_MONTHS_SCHOOL_REPORTS : settings.REVIEW_MONTHS_SERVICES
}

export function nextReviewDue(settings: ReviewSettings, kind: RevisionKind, reviewedOn: string): string {
  return addMonths(reviewedOn, reviewMonths(settings, kind))
}

/** Overdue on and after the due day; due soon within REMINDER_DAYS_BEFORE of it. */
export function freshness(settings: ReviewSettings, nextDue: string | null, on: string = today()): Freshness {
  if (!nextDue) return 'unknown'
  const due = nextDue.slice(0, 10)
  if (due <= on) return 'overdue'
  if (addDays(on, settings.REMINDER_DAYS_BEFORE) >= due) return 'due-soon'
  return 'current'
}

/**
 * When a school's report is next due for review: the recorded date, else a review interval after
 * the date the report itself gives (the seed reports, and reports never confirmed here); null when
 * neither is known. The dashboard and the reminders both ask this, so they agree.
 */
export function reportReviewDue(settings: ReviewSettings, report: { nextReviewDue: string | null; text: string | null }, on: string = today()): string | null {
  if (report.nextReviewDue) return report.nextReviewDue.slice(0, 10)
  const written = report.text ? textFreshness(report.text, on).updated : null
  return written ? addMonths(written, reviewMonths(settings, 'school-report')) : null
}

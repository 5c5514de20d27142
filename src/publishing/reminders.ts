// Review reminders: the people who keep a listing or a school's report are mailed when its review
// falls due within REMINDER_DAYS_BEFORE days ('before'), and again once it is overdue ('after').
// Each (subject, due date, stage) is claimed in review_reminders before any mail goes, so a second
// run, or another app instance, never sends it again; a claim whose every mail failed is given back
// for the next run. Each person gets one mail per run, listing everything of theirs that is due.
// Subjects nobody keeps are left to the council's dashboard.
import { siteUrl } from '../config.js'
import type { RevisionKind } from '../db/schema.js'
import { withJobLock } from '../jobs/lock.js'
import { startRepeating, type Repeating, type ScheduleLogger } from '../jobs/repeat.js'
import { reviewReminderMail, type ReminderItem } from '../mail/messages.js'
import type { Services } from '../services.js'
import { addDays, freshness, reportReviewDue, today } from './review-dates.js'

export interface ReminderCounts {
  /** Mails sent. */
  mails: number
  /** Subjects (at a due date and stage) reminded about. */
  items: number
  /** Subjects due with nobody to remind. */
  skippedNoOwner: number
  /** Mails that could not be sent. */
  failed: number
}

interface Due {
  kind: RevisionKind
  id: string
  name: string
  organisationId: string
  due: string
  stage: 'before' | 'after'
}

interface Owner {
  id: string
  email: string
  name: string
}

// Keeps each `IN (…)` list well inside both stores' limits on bound parameters.
const CHUNK = 500

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = []
  for (let at = 0; at < items.length; at += CHUNK) out.push(items.slice(at, at + CHUNK))
  return out
}

export async function sendReviewReminders(services: Pick<Services, 'config' | 'store' | 'mailer'>, options: { now?: Date } = {}): Promise<ReminderCounts> {
  const { config, store, mailer } = services
  const { db } = store
  const now = options.now ?? new Date()
  const on = today(now)
  // Dates are compared as text: any value before the day after the horizon is due by then.
  const before = addDays(on, config.REMINDER_DAYS_BEFORE + 1)

  const rows = [
    ...(
      await db
        .selectFrom('services')
        .select(['id', 'name', 'organisation_id', 'next_review_due'])
        .where('status', '=', 'active')
        .where('next_review_due', 'is not', null)
        .where('next_review_due', '<', before)
        .execute()
    ).map((row) => ({ kind: 'service' as const, id: row.id, name: row.name, organisationId: row.organisation_id, due: row.next_review_due })),
    ...(
      await db
        .selectFrom('schools')
        .innerJoin('organisations', 'organisations.id', 'schools.id')
        .select(['schools.id', 'organisations.name', 'schools.status', 'schools.report_next_review_due', 'schools.report_text'])
        .where((eb) => eb.or([eb('schools.report_text', 'is not', null), eb('schools.report_next_review_due', 'is not', null)]))
        .execute()
    )
      .filter((row) => row.status?.trim().toLowerCase() !== 'closed')
      .map((row) => ({ kind: 'school-report' as const, id: row.id, name: row.name, organisationId: row.id, due: reportReviewDue(config, { nextReviewDue: row.report_next_review_due, text: row.report_text }, on) })),
  ]
  const due: Due[] = []
  for (const row of rows) {
    if (!row.due || !/^\d{4}-\d{2}-\d{2}/.test(row.due)) continue
    const state = freshness(config, row.due, on)
    if (state === 'overdue' || state === 'due-soon') due.push({ ...row, due: row.due.slice(0, 10), stage: state === 'overdue' ? 'after' : 'before' })
  }

  // Who keeps each organisation's entries: members who can sign in.
  const owners = new Map<string, Owner[]>()
  for (const ids of chunks([...new Set(due.map((item) => item.organisationId))])) {
    const members = await db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['memberships.organisation_id', 'users.id', 'users.email', 'users.name'])
      .where('memberships.organisation_id', 'in', ids)
      .where('users.disabled_at', 'is', null)
      .where('users.password_hash', 'is not', null)
      .execute()
    for (const member of members) {
      const list = owners.get(member.organisation_id) ?? []
      list.push({ id: member.id, email: member.email, name: member.name })
      owners.set(member.organisation_id, list)
    }
  }

  const counts: ReminderCounts = { mails: 0, items: 0, skippedNoOwner: 0, failed: 0 }
  const site = siteUrl(config)
  const sentAt = now.toISOString()
  const claimed: Array<{ item: Due; owners: Owner[]; delivered: boolean }> = []
  for (const item of due) {
    const keepers = owners.get(item.organisationId)
    if (!keepers?.length) {
      counts.skippedNoOwner++
      continue
    }
    const result = await db
      .insertInto('review_reminders')
      .values({ subject_kind: item.kind, subject_id: item.id, due: item.due, stage: item.stage, sent_at: sentAt })
      .onConflict((conflict) => conflict.doNothing())
      .executeTakeFirst()
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 1) claimed.push({ item, owners: keepers, delivered: false })
  }

  const byPerson = new Map<string, { owner: Owner; entries: typeof claimed }>()
  for (const entry of claimed) {
    for (const owner of entry.owners) {
      const person = byPerson.get(owner.id) ?? { owner, entries: [] }
      person.entries.push(entry)
      byPerson.set(owner.id, person)
    }
  }
  for (const { owner, entries } of byPerson.values()) {
    const items: ReminderItem[] = entries.map(({ item }) => ({
      kind: item.kind,
      name: item.name,
      due: item.due,
      stage: item.stage,
      link: item.kind === 'service' ? `${site}/manage/services/${item.id}/review` : `${site}/manage/schools/${item.id}/report/review`,
    }))
    try {
      await mailer.send(reviewReminderMail(owner, config.HOME_COUNCIL_NAME, items))
      counts.mails++
      for (const entry of entries) entry.delivered = true
    } catch {
      // Counted, not logged here: the schedule logs the counts, and the error would name nobody useful.
      counts.failed++
    }
  }

  for (const { item, delivered } of claimed) {
    if (delivered) {
      counts.items++
      continue
    }
    await db
      .deleteFrom('review_reminders')
      .where('subject_kind', '=', item.kind)
      .where('subject_id', '=', item.id)
      .where('due', '=', item.due)
      .where('stage', '=', item.stage)
      .execute()
  }
  return counts
}

export interface ReminderScheduleOptions {
  intervalMs: number
  logger: ScheduleLogger
}

/** Sends reminders now and then every interval, one run at a time across instances; undefined when off. */
export function startReminderSchedule(services: Pick<Services, 'config' | 'store' | 'mailer'>, options: ReminderScheduleOptions): Repeating | undefined {
  const { intervalMs, logger } = options
  if (intervalMs <= 0) return undefined
  return startRepeating(async () => {
    try {
      const outcome = await withJobLock(services.store, 'review-reminders', () => sendReviewReminders(services))
      if (outcome.ran) logger.info({ reminders: outcome.value }, 'review reminders finished')
      else logger.info({ reminders: { skipped: 'another run is going' } }, 'review reminders skipped')
    } catch (error) {
      logger.warn({ reminders: { error: error instanceof Error ? error.message : String(error) } }, 'review reminders failed')
    }
  }, intervalMs)
}

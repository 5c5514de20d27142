// Contact details given with feedback are kept for FEEDBACK_RETENTION_MONTHS (6 by default) from
// when they were given, then blanked by a scheduled job. The comment stays: the council reports
// on it and may publish it, redacted, on "You said, we did" (docs/decisions/0011-feedback.md).
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { withJobLock } from '../jobs/lock.js'
import { startRepeating, type Repeating, type ScheduleLogger } from '../jobs/repeat.js'
import { addMonths } from '../publishing/review-dates.js'
import type { Services } from '../services.js'

/** The moment `months` before `now`, as an ISO timestamp (a day the month lacks becomes its last). */
export function retentionCutoff(now: Date, months: number): string {
  const iso = now.toISOString()
  return `${addMonths(iso.slice(0, 10), -months)}${iso.slice(10)}`
}

/** The day contact details given at `givenAt` are deleted after (shown beside them in the inbox). */
export function deletedAfter(givenAt: string, months: number): string {
  return addMonths(givenAt.slice(0, 10), months)
}

/**
 * Blanks the contact details of feedback whose details were given before the retention period,
 * and records when. Rows already blanked, or with no details, are left alone, so a second run
 * changes nothing. Returns how many items lost their details.
 */
export async function deletePersonalData(db: Kysely<Database>, options: { now?: Date; months: number }): Promise<number> {
  const now = options.now ?? new Date()
  const cutoff = retentionCutoff(now, options.months)
  const result = await db
    .updateTable('feedback')
    .set({ contact_name: null, contact_email: null, contact_phone: null, personal_data_deleted_at: now.toISOString() })
    .where('personal_data_deleted_at', 'is', null)
    .where((eb) => eb.or([eb('contact_name', 'is not', null), eb('contact_email', 'is not', null), eb('contact_phone', 'is not', null)]))
    // Measured from consent, when the details were given; a row somehow without it, from its arrival.
    .where((eb) => eb.or([eb('consented_at', '<', cutoff), eb.and([eb('consented_at', 'is', null), eb('created_at', '<', cutoff)])]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export interface RetentionScheduleOptions {
  intervalMs: number
  logger: ScheduleLogger
}

/** Runs deletePersonalData now and then every interval, one run at a time across instances; undefined when off. */
export function startRetentionSchedule(services: Pick<Services, 'config' | 'store'>, options: RetentionScheduleOptions): Repeating | undefined {
  const { intervalMs, logger } = options
  if (intervalMs <= 0) return undefined
  return startRepeating(async () => {
    try {
      const outcome = await withJobLock(services.store, 'feedback-retention', () => deletePersonalData(services.store.db, { months: services.config.FEEDBACK_RETENTION_MONTHS }))
      // Counts only: which items, and whose details, stay out of the log.
      if (outcome.ran) logger.info({ retention: { blanked: outcome.value } }, 'feedback retention finished')
      else logger.info({ retention: { skipped: 'another run is going' } }, 'feedback retention skipped')
    } catch (error) {
      logger.warn({ retention: { error: error instanceof Error ? error.name : 'Error' } }, 'feedback retention failed')
    }
  }, intervalMs)
}

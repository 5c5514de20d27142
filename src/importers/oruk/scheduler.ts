// Imports the configured Open Referral feeds now and then every interval: one run at a time (the
// next is timed from the end of the last, src/jobs/repeat.ts, and withImportLock keeps other
// instances out), each feed's report logged as counts only (no names, no contact details), stopped
// cleanly on shutdown.
import type { Store } from '../../db/connection.js'
import { startRepeating, type Repeating, type ScheduleLogger } from '../../jobs/repeat.js'
import { importOruk, sourceKey, type OrukImportOptions, type OrukSource } from './import.js'
import { withImportLock } from './lock.js'
import { reportSummary } from './report.js'

export type { ScheduleLogger }

export interface ScheduledSource {
  url: string
  council?: string | undefined
  label?: string | undefined
}

/** runNow() imports every feed now (unless a run is already going), resolving when done. */
export type OrukSchedule = Repeating

export interface ScheduleOptions {
  sources: ScheduledSource[]
  intervalMs: number
  logger: ScheduleLogger
  importOptions?: Omit<OrukImportOptions, 'fetchedAt'>
}

/** Starts the schedule; undefined when it is off (no interval, or no feeds). */
export function startOrukSchedule(store: Store, options: ScheduleOptions): OrukSchedule | undefined {
  const { sources, intervalMs, logger } = options
  if (intervalMs <= 0 || sources.length === 0) return undefined

  async function importAll(stopped: () => boolean): Promise<void> {
    const outcome = await withImportLock(store, async () => {
      for (const scheduled of sources) {
        if (stopped()) return
        const source: OrukSource = { location: scheduled.url, council: scheduled.council, label: scheduled.label }
        try {
          const report = await importOruk(store, source, options.importOptions)
          logger.info({ oruk: reportSummary(report) }, 'ORUK import finished')
        } catch (error) {
          logger.warn({ oruk: { source: sourceKey(source), error: error instanceof Error ? error.message : String(error) } }, 'ORUK import failed; nothing was changed')
        }
      }
    })
    if (!outcome.ran) logger.info({ oruk: { skipped: 'another import is running' } }, 'ORUK import skipped')
  }

  return startRepeating(importAll, intervalMs)
}

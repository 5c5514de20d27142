// Starts the site: read settings, open and migrate the store, load the demo data into an empty
// store (when allowed), then listen.
import { loadConfig } from './config.js'
import { isEmpty, loadDemoData } from './seed/load.js'
import { buildServices } from './services.js'
import { buildApp } from './web/app.js'
import { buildStylesheet } from './web/assets/build.js'
import { createLogger } from './logger.js'
import { reportSummary } from './importers/oruk/report.js'
import { startOrukSchedule } from './importers/oruk/scheduler.js'
import { startReminderSchedule } from './publishing/reminders.js'
import { startRetentionSchedule } from './feedback/retention.js'

const config = loadConfig()
const logger = createLogger(config)
buildStylesheet()
const services = await buildServices(config)
if (config.SEED_DEMO_DATA && (await isEmpty(services.store.db))) {
  const report = await loadDemoData(services.store, services.postcodes)
  logger.info({ report: { ...report, gias: { ...report.gias, failed: report.gias.failed.length }, oruk: reportSummary(report.oruk) } }, 'demo data loaded')
}
const app = await buildApp(services, { logger })
// Runs in the background from now; stopped before the store closes.
const orukSchedule = startOrukSchedule(services.store, { sources: config.ORUK_IMPORT_SOURCES, intervalMs: config.ORUK_IMPORT_INTERVAL_MINUTES * 60_000, logger })
const reminderSchedule = startReminderSchedule(services, { intervalMs: config.REMINDER_INTERVAL_MINUTES * 60_000, logger })
// Contact details given with feedback are deleted once a day after FEEDBACK_RETENTION_MONTHS.
const retentionSchedule = startRetentionSchedule(services, { intervalMs: 24 * 60 * 60_000, logger })

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, 'shutting down')
  await orukSchedule?.stop()
  await reminderSchedule?.stop()
  await retentionSchedule?.stop()
  await app.close()
  await services.mailer.close()
  await services.store.close()
  process.exit(0)
}
process.once('SIGINT', () => void shutdown('SIGINT'))
process.once('SIGTERM', () => void shutdown('SIGTERM'))

await app.listen({ port: config.PORT, host: config.HOST })

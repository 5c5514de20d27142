// Every setting, read from the environment once and validated at start-up.
import { randomBytes } from 'node:crypto'
import { resolve } from 'node:path'
import { z } from 'zod'

const PROJECT_ROOT = resolve(import.meta.dirname, '..')

const schema = z.object({
  /** development | test | production. Production refuses settings that are only safe locally. */
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** TCP port the site listens on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to listen on; 0.0.0.0 to serve beyond this machine. */
  HOST: z.string().min(1).default('localhost'),
  /** Where the embedded store and other local files live. */
  DATA_DIR: z.string().min(1).default(resolve(PROJECT_ROOT, 'data')),
  /** postgres://... for PostgreSQL; a file path (or nothing) for the embedded SQLite store. */
  DATABASE_URL: z.string().optional(),
  /** ONS code and name of the council whose Local Offer this is. */
  HOME_COUNCIL_CODE: z.string().regex(/^[EWSN]\d{8}$/, 'an ONS local authority code like E08000025').default('E08000025'),
  HOME_COUNCIL_NAME: z.string().min(1).default('Birmingham City Council'),
  /** Load the demo data set into an empty store at start-up. */
  SEED_DEMO_DATA: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  /**
   * Signs the forms' CSRF tokens and the single sign-on state cookie. At least 32 characters;
   * required in production. Elsewhere a random one is made at start-up, so forms opened before a
   * restart must be sent again.
   */
  SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** Mark cookies Secure (HTTPS only). On by default in production. */
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  /** How many rendered search pages to keep in memory (0 switches the cache off); see docs/operations.md. */
  PAGE_CACHE_ENTRIES: z.coerce.number().int().min(0).max(100_000).default(1000),
  /** The longest a kept page is served, in seconds, for what a change to the search index does not cover. */
  PAGE_CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /**
   * Open Referral feeds to import on a schedule: a JSON list of { "url", "council", "label" }, e.g.
   * [{"url":"https://example.gov.uk/api/services","council":"E06000013","label":"North Lincolnshire Council"}].
   * url is the services list (or a file); council the ONS code of the area its services are for; label who publishes it.
   */
  ORUK_IMPORT_SOURCES: z
    .string()
    .default('[]')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON: a list like [{"url":"https://…","council":"E06000013","label":"…"}]' })
        return z.NEVER
      }
    })
    .pipe(
      z.array(
        z.strictObject({
          url: z.string().min(1),
          council: z.string().regex(/^[EWSN]\d{8}$/, 'an ONS local authority code like E06000013').optional(),
          label: z.string().min(1).optional(),
        }),
      ),
    ),
  /** Minutes between scheduled imports of ORUK_IMPORT_SOURCES; 0 (the default) switches the schedule off. */
  ORUK_IMPORT_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(43_200).default(0),
  /**
   * The site's public address (https://localoffer.example.gov.uk), for links in mails sent when no
   * request is being answered (review reminders). Defaults to http://HOST:PORT.
   */
  SITE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Mail: smtp:// or smtps:// with user and password if needed (smtps://user:pass@mail.example:465).
   * Without it mails are kept in the store and shown at /dev/outbox; required in production.
   */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'an smtp:// or smtps:// address').optional(),
  /** The From line of every mail. */
  MAIL_FROM: z.string().min(3).default('Local Offer <no-reply@localhost>'),
  /**
   * Single sign-on for council staff through OpenID Connect: the issuer's address, and this site's
   * client id and secret there. All three, or none (sign-in by password only).
   */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Months between reviews of a listing (a service), and of a school's SEN information report. */
  REVIEW_MONTHS_SERVICES: z.coerce.number().int().min(1).max(60).default(12),
  REVIEW_MONTHS_SCHOOL_REPORTS: z.coerce.number().int().min(1).max(60).default(12),
  /** Days before a review falls due that its owners are first reminded. */
  REMINDER_DAYS_BEFORE: z.coerce.number().int().min(1).max(180).default(30),
  /** Minutes between runs of the reminder job; 0 switches reminders off. */
  REMINDER_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(43_200).default(60),
  /** Form posts (sign-in, edits, feedback) one address may send per minute before it is told to wait. */
  FORM_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Months a visitor's contact details (given with consent) are kept with their feedback. */
  FEEDBACK_RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(6),
  /** Who answers for the site's pages, shown beside every feedback form: a name, and how to reach a person. */
  LOCAL_OFFER_TEAM_NAME: z.string().min(1).default('The Local Offer team'),
  LOCAL_OFFER_TEAM_EMAIL: z.email().optional(),
  LOCAL_OFFER_TEAM_PHONE: z.string().min(6).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})

export type Config = Omit<z.infer<typeof schema>, 'DATABASE_URL' | 'SESSION_SECRET' | 'COOKIE_SECURE'> & {
  database: DatabaseConfig
  SESSION_SECRET: string
  COOKIE_SECURE: boolean
}

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string }

export function databaseConfig(url: string | undefined, dataDir: string): DatabaseConfig {
  if (url && /^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url }
  if (url === ':memory:') return { kind: 'sqlite', file: ':memory:' }
  return { kind: 'sqlite', file: resolve(url || resolve(dataDir, 'local-offer.sqlite')) }
}

/** Reads and checks the settings; throws one error listing every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Invalid settings:\n  ${problems.join('\n  ')}`)
  }
  const { DATABASE_URL, SESSION_SECRET, COOKIE_SECURE, ...settings } = parsed.data
  const config: Config = {
    ...settings,
    database: databaseConfig(DATABASE_URL, settings.DATA_DIR),
    SESSION_SECRET: SESSION_SECRET ?? randomBytes(32).toString('base64url'),
    COOKIE_SECURE: COOKIE_SECURE === undefined ? settings.NODE_ENV === 'production' : COOKIE_SECURE === 'true',
  }
  if (config.NODE_ENV === 'production' && config.SEED_DEMO_DATA) {
    throw new Error('Invalid settings:\n  SEED_DEMO_DATA: must be false in production (demo data is not a real Local Offer)')
  }
  const oidc = [config.OIDC_ISSUER, config.OIDC_CLIENT_ID, config.OIDC_CLIENT_SECRET].filter(Boolean).length
  if (oidc !== 0 && oidc !== 3) {
    throw new Error('Invalid settings:\n  OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: set all three for single sign-on, or none')
  }
  if (config.NODE_ENV === 'production' && !config.SMTP_URL) {
    throw new Error('Invalid settings:\n  SMTP_URL: required in production (invitations, password resets and reminders are mailed)')
  }
  if (config.NODE_ENV === 'production' && !SESSION_SECRET) {
    throw new Error('Invalid settings:\n  SESSION_SECRET: required in production (at least 32 random characters)')
  }
  return config
}

export { PROJECT_ROOT }

/** The site's own address, for links that leave the site in mails: SITE_URL, or where it listens. */
export function siteUrl(config: Pick<Config, 'SITE_URL' | 'HOST' | 'PORT'>): string {
  if (config.SITE_URL) return config.SITE_URL.replace(/\/+$/, '')
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST
  return `http://${host}:${config.PORT}`
}

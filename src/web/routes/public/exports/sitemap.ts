// /sitemap.xml (sitemaps.org protocol 0.9) and /robots.txt pointing to it. Every public page is
// listed: home, search, about, developers, compare, the council's report table (when the app has
// them), every published service and every school, with lastmod the later of its last review and last change. A sitemap file may
// hold at most 50,000 addresses, so when the site has more, /sitemap.xml is an index of
// /sitemaps/pages-1.xml, /sitemaps/services-N.xml and /sitemaps/schools-N.xml. Files are streamed
// from the store in keyset batches.
import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../../../../db/schema.js'
import type { Services } from '../../../../services.js'
import { requestOrigin } from '../../../origin.js'

const NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9'
const PROTOCOL_LIMIT = 50_000
const READ_BATCH = 1000
const XML_TYPE = 'application/xml; charset=utf-8'
const STATIC_PATHS = ['/', '/search', '/about'] as const
/** Listed when the app serves them (an app built with some routes only, in tests, may not). */
const OPTIONAL_PATHS = ['/developers', '/compare', '/council/reports'] as const

type Section = 'pages' | 'services' | 'schools'
interface Entry {
  path: string
  lastmod: string | null
}

export interface SitemapOptions {
  /** Addresses per sitemap file; the protocol's 50,000 unless a test wants an index from a small store. */
  urlsPerFile?: number
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c)
}

/** The later of the last review (YYYY-MM-DD) and the last change (an ISO time), as a W3C date. */
function lastmodOf(lastReviewed: string | null, updatedAt: string | null): string | null {
  const dates = [lastReviewed?.slice(0, 10), updatedAt?.slice(0, 10)].filter((date): date is string => Boolean(date && /^\d{4}-\d{2}-\d{2}$/.test(date)))
  return dates.sort().at(-1) ?? null
}

async function subjectRows(db: Kysely<Database>, section: 'services' | 'schools', after: string | undefined, skip: number, limit: number): Promise<Array<{ id: string; lastmod: string | null }>> {
  if (section === 'services') {
    let query = db
      .selectFrom('services')
      .select(['id', 'last_reviewed', 'updated_at'])
      .where('status', '=', 'active')
      .orderBy('id')
      .limit(limit)
    if (after !== undefined) query = query.where('id', '>', after)
    if (skip > 0) query = query.offset(skip)
    const rows = await query.execute()
    return rows.map((row) => ({ id: row.id, lastmod: lastmodOf(row.last_reviewed, row.updated_at) }))
  }
  let query = db
    .selectFrom('schools')
    .innerJoin('organisations', 'organisations.id', 'schools.id')
    .select(['schools.id', 'organisations.last_reviewed', 'organisations.updated_at'])
    .orderBy('schools.id')
    .limit(limit)
  if (after !== undefined) query = query.where('schools.id', '>', after)
  if (skip > 0) query = query.offset(skip)
  const rows = await query.execute()
  return rows.map((row) => ({ id: row.id, lastmod: lastmodOf(row.last_reviewed, row.updated_at) }))
}

/** The `count` entries of a section from position `start`: an offset once to find the first, then keyset batches. */
async function* sectionEntries(db: Kysely<Database>, section: 'services' | 'schools', start: number, count: number): AsyncGenerator<Entry[]> {
  let after: string | undefined
  let remaining = count
  let skip = start
  while (remaining > 0) {
    const rows = await subjectRows(db, section, after, skip, Math.min(READ_BATCH, remaining))
    skip = 0
    if (rows.length === 0) return
    yield rows.map((row) => ({ path: `/${section}/${row.id}`, lastmod: row.lastmod }))
    remaining -= rows.length
    after = rows[rows.length - 1]?.id
  }
}

async function countOf(db: Kysely<Database>, section: 'services' | 'schools'): Promise<number> {
  const query =
    section === 'services'
      ? db.selectFrom('services').where('status', '=', 'active').select((eb) => eb.fn.countAll().as('n'))
      : db.selectFrom('schools').select((eb) => eb.fn.countAll().as('n'))
  const row = await query.executeTakeFirstOrThrow()
  return Number(row.n)
}

function urlElement(origin: string, entry: Entry): string {
  const lastmod = entry.lastmod ? `<lastmod>${entry.lastmod}</lastmod>` : ''
  return `<url><loc>${escapeXml(origin + entry.path)}</loc>${lastmod}</url>\n`
}

async function* urlset(origin: string, groups: AsyncIterable<Entry[]> | Iterable<Entry[]>): AsyncGenerator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${NAMESPACE}">\n`
  for await (const entries of groups) yield entries.map((entry) => urlElement(origin, entry)).join('')
  yield '</urlset>\n'
}

function sendXml(reply: FastifyReply, chunks: AsyncIterable<string>): FastifyReply {
  return reply.type(XML_TYPE).send(Readable.from(chunks))
}

export function sitemapRoutes(services: Services, options: SitemapOptions = {}): FastifyPluginAsync {
  const { db } = services.store
  const perFile = Math.min(options.urlsPerFile ?? PROTOCOL_LIMIT, PROTOCOL_LIMIT)

  const staticEntries = (app: FastifyInstance): Entry[] =>
    [...STATIC_PATHS, ...OPTIONAL_PATHS.filter((path) => app.hasRoute({ method: 'GET', url: path }))].map((path) => ({ path, lastmod: null }))

  const fileCounts = async (): Promise<Record<Section, number>> => {
    const [serviceCount, schoolCount] = await Promise.all([countOf(db, 'services'), countOf(db, 'schools')])
    return { pages: 1, services: Math.ceil(serviceCount / perFile), schools: Math.ceil(schoolCount / perFile) }
  }

  return async (app) => {
    app.get('/sitemap.xml', async (request, reply) => {
      const origin = requestOrigin(request)
      const pages = staticEntries(app)
      const [serviceCount, schoolCount] = await Promise.all([countOf(db, 'services'), countOf(db, 'schools')])
      if (pages.length + serviceCount + schoolCount <= perFile) {
        return sendXml(reply, urlset(origin, (async function* () {
          yield pages
          yield* sectionEntries(db, 'services', 0, serviceCount)
          yield* sectionEntries(db, 'schools', 0, schoolCount)
        })()))
      }
      const files = await fileCounts()
      const locs = (Object.keys(files) as Section[]).flatMap((section) =>
        Array.from({ length: files[section] }, (_, i) => `${origin}/sitemaps/${section}-${i + 1}.xml`),
      )
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${NAMESPACE}">\n${locs
        .map((loc) => `<sitemap><loc>${escapeXml(loc)}</loc></sitemap>\n`)
        .join('')}</sitemapindex>\n`
      return reply.type(XML_TYPE).send(body)
    })

    app.get<{ Params: { file: string } }>('/sitemaps/:file', async (request, reply) => {
      const match = /^(pages|services|schools)-([1-9]\d{0,5})\.xml$/.exec(request.params.file)
      if (!match) return reply.callNotFound()
      const section = match[1] as Section
      const number = Number(match[2])
      const files = await fileCounts()
      if (number > files[section]) return reply.callNotFound()
      const origin = requestOrigin(request)
      if (section === 'pages') return sendXml(reply, urlset(origin, [staticEntries(app)]))
      return sendXml(reply, urlset(origin, sectionEntries(db, section, (number - 1) * perFile, perFile)))
    })

    app.get('/robots.txt', async (request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        // Downloads of the whole directory are for people and programs that ask for them, not for crawlers.
        .send(`User-agent: *\nDisallow: /exports/\n\nSitemap: ${requestOrigin(request)}/sitemap.xml\n`),
    )
  }
}

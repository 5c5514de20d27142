// "You said, we did" (/you-said-we-did): the comments the council has published with its response
// (reg 56 of the SEND Regulations 2014), newest period first, then by theme. Public: no session.
// A filter value the page does not know is a 400 that names it, so a bad link is not mistaken for
// "nothing was published".
import type { FastifyPluginAsync } from 'fastify'
import { groupEntries, PERIOD, publishedEntries, publishedYears } from '../../../../feedback/publishing.js'
import { FEEDBACK_THEMES, isFeedbackTheme, type FeedbackTheme } from '../../../../feedback/themes.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'
import { formatDate } from '../../../plugins/format.js'

const t = translator('en')
export const PER_PAGE = 20
const FIRST_YEAR = 2000

type Query = Record<string, string | string[] | undefined>
type Parsed = { ok: true; theme?: FeedbackTheme; year?: number; page: number } | { ok: false; parameter: 'theme' | 'year' | 'page' }

/** Reads the filters: each at most once; blank means "all". */
export function parseFilters(query: Query, thisYear: number): Parsed {
  const one = (name: string): string | undefined | null => {
    const value = query[name]
    if (Array.isArray(value)) return null
    return value?.trim() || undefined
  }
  const theme = one('theme')
  if (theme === null || (theme !== undefined && !isFeedbackTheme(theme))) return { ok: false, parameter: 'theme' }
  const year = one('year')
  if (year === null || (year !== undefined && (!/^\d{4}$/.test(year) || Number(year) < FIRST_YEAR || Number(year) > thisYear))) return { ok: false, parameter: 'year' }
  const page = one('page')
  if (page === null || (page !== undefined && !/^[1-9]\d{0,3}$/.test(page))) return { ok: false, parameter: 'page' }
  return { ok: true, ...(theme ? { theme } : {}), ...(year ? { year: Number(year) } : {}), page: page ? Number(page) : 1 }
}

export function periodLabel(period: string): string {
  const match = PERIOD.exec(period)
  return match ? t(`youSaid.quarters.Q${match[2]}`, { year: match[1]! }) : period
}

/** The summary list of one entry: what was said, what the council did, and what changed if anything. */
function entryRows(entry: { said: string; did: string; changed: string; changedOn: string | null }) {
  return [
    { key: { text: t('youSaid.youSaid') }, value: { text: entry.said, classes: 'app-report' } },
    { key: { text: t('youSaid.weDid') }, value: { text: entry.did, classes: 'app-report' } },
    ...(entry.changed
      ? [{ key: { text: entry.changedOn ? t('youSaid.whatChangedOn', { date: formatDate(entry.changedOn) }) : t('youSaid.whatChanged') }, value: { text: entry.changed, classes: 'app-report' } }]
      : []),
  ]
}

function href(filters: { theme?: string | undefined; year?: number | undefined }, page: number): string {
  const params = new URLSearchParams()
  if (filters.theme) params.set('theme', filters.theme)
  if (filters.year) params.set('year', String(filters.year))
  if (page > 1) params.set('page', String(page))
  const text = params.toString()
  return text ? `/you-said-we-did?${text}` : '/you-said-we-did'
}

export function youSaidRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store
  const { config } = services
  return async (app) => {
    app.get('/you-said-we-did', async (request, reply) => {
      const parsed = parseFilters(request.query as Query, new Date().getUTCFullYear())
      if (!parsed.ok) {
        return reply.code(400).page('public/you-said-we-did/bad-parameter.njk', {
          pageTitle: t('youSaid.badParameterTitle'),
          parameter: t(`youSaid.parameters.${parsed.parameter}`),
          name: parsed.parameter,
        })
      }
      const filters = { theme: parsed.theme, year: parsed.year }
      const { total, entries } = await publishedEntries(db, filters, { page: parsed.page, perPage: PER_PAGE })
      const pages = Math.max(1, Math.ceil(total / PER_PAGE))
      if (parsed.page > pages) {
        return reply.code(400).page('public/you-said-we-did/bad-parameter.njk', { pageTitle: t('youSaid.badParameterTitle'), parameter: t('youSaid.parameters.page'), name: 'page' })
      }
      const years = await publishedYears(db)
      const groups = groupEntries(entries).map((group) => ({
        ...group,
        label: periodLabel(group.period),
        themes: group.themes.map((theme) => ({ ...theme, label: t(`youSaid.themes.${theme.theme}`), entries: theme.entries.map((entry) => ({ ...entry, rows: entryRows(entry) })) })),
      }))
      const items = Array.from({ length: pages }, (_, index) => index + 1)
        .filter((page) => page === 1 || page === pages || Math.abs(page - parsed.page) <= 1)
        .flatMap((page, index, kept) => [...(index > 0 && page - kept[index - 1]! > 1 ? [{ ellipsis: true }] : []), { number: page, href: href(filters, page), current: page === parsed.page }])
      return reply.page('public/you-said-we-did/you-said-we-did.njk', {
        pageTitle: t('youSaid.title'),
        breadcrumbs: [{ text: t('site.breadcrumbHome'), href: '/' }],
        team: { name: config.LOCAL_OFFER_TEAM_NAME, email: config.LOCAL_OFFER_TEAM_EMAIL, phone: config.LOCAL_OFFER_TEAM_PHONE },
        filtered: Boolean(filters.theme || filters.year),
        total,
        groups,
        themeItems: [{ value: '', text: t('youSaid.allThemes') }, ...FEEDBACK_THEMES.map((theme) => ({ value: theme, text: t(`youSaid.themes.${theme}`), selected: theme === filters.theme }))],
        yearItems: [
          { value: '', text: t('youSaid.allYears') },
          ...[...new Set([...years, ...(filters.year ? [filters.year] : [])])].sort((a, b) => b - a).map((year) => ({ value: String(year), text: String(year), selected: year === filters.year })),
        ],
        pagination:
          pages > 1
            ? {
                items,
                ...(parsed.page > 1 ? { previous: { href: href(filters, parsed.page - 1), labelText: t('youSaid.previous') } } : {}),
                ...(parsed.page < pages ? { next: { href: href(filters, parsed.page + 1), labelText: t('youSaid.next') } } : {}),
              }
            : undefined,
      })
    })
  }
}

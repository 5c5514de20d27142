// The annual review of feedback (/admin/annual-review?year=2026), printable, and the same figures
// as a spreadsheet (/admin/annual-review.csv?year=2026), for the council's Local Offer annual report.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { annualReview, annualReviewCsv, CSV_COLUMNS, FIRST_YEAR } from '../../../../feedback/annual-review.js'
import type { Services } from '../../../../services.js'
import { csvRows } from '../../../csv.js'
import { translator } from '../../../i18n/index.js'
import { periodLabel } from '../../public/you-said-we-did/index.js'

const t = translator('en')

/** The year asked for: this year when none; undefined when it is not a year from 2000 to now. */
export function yearOf(query: unknown, thisYear: number): number | undefined {
  const value = (query as Record<string, unknown>).year
  if (value === undefined || value === '') return thisYear
  if (typeof value !== 'string' || !/^\d{4}$/.test(value.trim())) return undefined
  const year = Number(value.trim())
  return year >= FIRST_YEAR && year <= thisYear ? year : undefined
}

export function annualReviewRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store

  async function page(request: FastifyRequest, reply: FastifyReply) {
    const thisYear = new Date().getUTCFullYear()
    const year = yearOf(request.query, thisYear)
    const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, index) => thisYear - index).slice(0, 10)
    if (year === undefined) {
      const error = t('youSaid.review.badYear', { max: thisYear })
      return reply.code(400).page('staff/annual-review/annual-review.njk', {
        pageTitle: t('youSaid.review.titleNoYear'),
        csrfToken: reply.csrfToken(),
        me: request.user,
        errors: [{ text: error, href: '#year' }],
        yearError: error,
        yearValue: typeof (request.query as Record<string, unknown>).year === 'string' ? ((request.query as Record<string, string>).year ?? '').slice(0, 10) : '',
        years,
      })
    }
    const review = await annualReview(db, year)
    const label = (section: string, code: string) => t(`youSaid.review.${section}.${code}`)
    return reply.page('staff/annual-review/annual-review.njk', {
      pageTitle: t('youSaid.review.title', { year }),
      csrfToken: reply.csrfToken(),
      me: request.user,
      errors: [],
      year,
      yearValue: String(year),
      years,
      review,
      themes: review.byTheme.map((row) => ({ ...row, label: row.code === 'none' ? t('youSaid.review.noTheme') : t(`youSaid.themes.${row.code}`) })),
      pageKinds: review.byPageKind.map((row) => ({ ...row, label: label('pageKinds', row.code) })),
      problems: review.problems.map((row) => ({ ...row, label: label('problemKinds', row.code) })),
      states: review.states.map((row) => ({ ...row, label: label('stateNames', row.code) })),
      published: review.published.map((entry) => ({ ...entry, periodLabel: periodLabel(entry.period), themeLabel: t(`youSaid.themes.${entry.theme}`) })),
      csvColumns: CSV_COLUMNS.filter((column) => column !== 'changedOn').map((column) => t(`youSaid.review.csvColumns.${column}`)),
      csvHref: `/admin/annual-review.csv?year=${year}`,
    })
  }

  return async (app) => {
    app.get('/admin/annual-review', { config: { access: 'officer' } }, page)

    app.get('/admin/annual-review.csv', { config: { access: 'officer' } }, async (request, reply) => {
      const year = yearOf(request.query, new Date().getUTCFullYear())
      if (year === undefined) return reply.code(400).type('text/plain; charset=utf-8').send(t('youSaid.review.badYear', { max: new Date().getUTCFullYear() }))
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="feedback-annual-review-${year}.csv"`)
        .send(csvRows(annualReviewCsv(t, await annualReview(db, year))))
    })
  }
}

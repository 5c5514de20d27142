// The council's view of every school's report, and the same table as CSV. Public: everything on it
// comes from reports the schools themselves publish, and parents may compare as officers do.
import type { FastifyPluginAsync } from 'fastify'
import { COUNCIL_COLUMNS, councilCsv, councilRows, type CouncilRow } from '../../../../reports/pages/council.js'
import { csvRows } from '../../../csv.js'
import { listReportSchools } from '../../../../reports/pages/load.js'
import { memoFor, todayIso } from '../../../../reports/pages/memo.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'

const t = translator('en')

export function councilReportRoutes(services: Services): FastifyPluginAsync {
  const memo = memoFor(services)
  const rows = async (): Promise<CouncilRow[]> => {
    const today = todayIso()
    const schools = await listReportSchools(services.store.db)
    return councilRows(
      t,
      schools.map((school) => ({ school, assessment: school.reportText ? memo.assess(school.id, school.reportText, today) : null })),
    )
  }
  return async (app) => {
    app.get('/council/reports', async (_request, reply) =>
      reply.page('public/council-reports/council-reports.njk', {
        pageTitle: t('reportPages.council.title'),
        breadcrumbs: [{ text: t('site.breadcrumbHome'), href: '/' }],
        columns: COUNCIL_COLUMNS,
        rows: await rows(),
      }),
    )

    app.get('/council/reports.csv', async (_request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="sen-information-reports.csv"')
        .send(csvRows(councilCsv(t, await rows()))),
    )

  }
}

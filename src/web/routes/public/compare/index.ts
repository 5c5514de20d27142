// Up to three schools' reports side by side, by the parents' questions. The choosing form is
// on the same page (GET, checkboxes), so it works without JavaScript and every choice is a link.
import type { FastifyPluginAsync } from 'fastify'
import { choiceProblem, chosenIds, compareView, MAX_COMPARED } from '../../../../reports/pages/compare.js'
import { findReportSchools, listReportSchools } from '../../../../reports/pages/load.js'
import { memoFor, todayIso } from '../../../../reports/pages/memo.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'

const t = translator('en')

export function compareRoutes(services: Services): FastifyPluginAsync {
  const memo = memoFor(services)
  return async (app) => {
    app.get<{ Querystring: { school?: unknown } }>('/compare', async (request, reply) => {
      const ids = chosenIds(request.query.school)
      const [choices, found] = await Promise.all([
        listReportSchools(services.store.db, { withReport: true }),
        ids.length > 0 && ids.length <= MAX_COMPARED ? findReportSchools(services.store.db, ids) : Promise.resolve([]),
      ])
      const problem = ids.length > 0 ? choiceProblem(t, ids, found) : null
      const today = todayIso()
      // In the order chosen, not the order the store returned them.
      const schools = problem ? [] : ids.flatMap((id) => found.filter((school) => school.id === id))
      const compared = compareView(
        t,
        schools.flatMap((school) => (school.reportText ? [{ school, assessment: memo.assess(school.id, school.reportText, today) }] : [])),
      )
      return reply.page('public/compare/compare.njk', {
        pageTitle: t('reportPages.compare.title'),
        breadcrumbs: [{ text: t('site.breadcrumbHome'), href: '/' }],
        errorSummary: problem ? { titleText: t('reportPages.compare.errorTitle'), errorList: [{ text: problem, href: '#school' }] } : undefined,
        problem,
        items: choices.map((school) => ({ value: school.id, text: school.name, checked: ids.includes(school.id) })),
        max: MAX_COMPARED,
        ...compared,
      })
    })
  }
}

// A school's SEN information report, read by the parents' questions, by Schedule 1 item or by
// the young person's questions, with what it leaves out; and the same as a PDF. Assessed from
// schools.report_text on each request, through the app's memo (src/reports/pages/memo.ts).
import type { FastifyPluginAsync } from 'fastify'
import { findReportSchool } from '../../../../reports/pages/load.js'
import { memoFor, todayIso } from '../../../../reports/pages/memo.js'
import { renderPdf } from '../../../../reports/pages/pdf.js'
import { reportPdfBlocks } from '../../../../reports/pages/report-pdf.js'
import { answers, counts, gaps, readView, REPORT_VIEWS } from '../../../../reports/pages/view.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'
import { externalHref } from '../../../plugins/format.js'

const t = translator('en')

export function schoolReportRoutes(services: Services): FastifyPluginAsync {
  const memo = memoFor(services)
  const council = services.config.HOME_COUNCIL_NAME
  return async (app) => {
    app.get<{ Params: { id: string }; Querystring: { view?: unknown } }>('/schools/:id/report', async (request, reply) => {
      const school = await findReportSchool(services.store.db, request.params.id)
      if (!school) return reply.callNotFound()
      const schoolHref = `/schools/${school.id}`
      const breadcrumbs = [
        { text: t('site.breadcrumbHome'), href: '/' },
        { text: t('helpKinds.schools'), href: '/search?kind=schools' },
        { text: school.name, href: schoolHref },
      ]
      if (!school.reportText) {
        // Not a 404: the school exists, and the page says what a family can do instead.
        return reply.page('public/school-report/no-report.njk', {
          pageTitle: t('reportPages.title', { school: school.name }),
          breadcrumbs,
          school,
          schoolHref,
          website: school.url ? externalHref(school.url) : undefined,
        })
      }
      const today = todayIso()
      const assessment = memo.assess(school.id, school.reportText, today)
      const view = readView(request.query.view)
      return reply.page('public/school-report/school-report.njk', {
        pageTitle: `${t('reportPages.title', { school: school.name })}: ${t(`reportPages.views.${view}`)}`,
        breadcrumbs,
        school,
        schoolHref,
        view,
        views: REPORT_VIEWS.map((each) => ({ id: each, text: t(`reportPages.views.${each}`), href: each === 'questions' ? `${schoolHref}/report` : `${schoolHref}/report?view=${each}` })),
        assessment,
        counts: counts(assessment),
        answers: answers(t, assessment, view),
        gaps: gaps(t, assessment, council),
        jargonRows: assessment.jargon.map((finding) => ({ key: { text: finding.acronym }, value: { text: finding.explanation } })),
        pdfHref: `${schoolHref}/report.pdf`,
      })
    })

    app.get<{ Params: { id: string } }>('/schools/:id/report.pdf', async (request, reply) => {
      const school = await findReportSchool(services.store.db, request.params.id)
      if (!school?.reportText) return reply.callNotFound()
      const today = todayIso()
      const assessment = memo.assess(school.id, school.reportText, today)
      const pdf = await renderPdf(reportPdfBlocks(t, school, assessment, { council, today }), {
        title: t('reportPages.title', { school: school.name }),
        author: t('site.name', { council }),
        pageLabel: (page, pages) => t('reportPages.pdf.page', { page, pages }),
      })
      const file = `${school.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'school'}-sen-information-report.pdf`
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${file}"`).send(Buffer.from(pdf))
    })
  }
}

// Builds the web application from its services. No listen(): tests inject requests, server.ts listens.
import { resolve } from 'node:path'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { openDataRoutes } from '../api/index.js'
import type { Services } from '../services.js'
import { setUpAuth } from './plugins/auth.js'
import { setUpErrors } from './plugins/errors.js'
import { setUpForms } from './plugins/forms.js'
import { setUpSecurity } from './plugins/security.js'
import { setUpViews } from './plugins/views.js'
import { aboutRoutes } from './routes/public/about/index.js'
import { compareRoutes } from './routes/public/compare/index.js'
import { councilReportRoutes } from './routes/public/council-reports/index.js'
import { exportRoutes } from './routes/public/exports/index.js'
import { feedbackRoutes } from './routes/public/feedback/index.js'
import { sitemapRoutes } from './routes/public/exports/sitemap.js'
import { healthRoutes } from './routes/health.js'
import { oidcRoutes } from './routes/account/oidc/index.js'
import { resetPasswordRoutes } from './routes/account/reset-password/index.js'
import { setPasswordRoutes } from './routes/account/set-password/index.js'
import { outboxRoutes } from './routes/dev/outbox/index.js'
import { publishingRoutes } from './routes/staff/publishing/index.js'
import { reportEditorRoutes } from './routes/staff/report-editor/index.js'
import { selfEvaluationRoutes } from './routes/staff/self-evaluation/index.js'
import { feedbackInboxRoutes } from './routes/staff/feedback/index.js'
import { signInRoutes } from './routes/account/sign-in/index.js'
import { adminRoutes } from './routes/staff/admin/index.js'
import { manageRoutes } from './routes/staff/manage/index.js'
import { homeRoutes } from './routes/public/home/index.js'
import { schoolReportRoutes } from './routes/public/school-report/index.js'
import { schoolRoutes } from './routes/public/school/index.js'
import { searchRoutes } from './routes/public/search/index.js'
import { serviceRoutes } from './routes/public/service/index.js'
import { youSaidRoutes } from './routes/public/you-said-we-did/index.js'
import { feedbackPublishRoutes } from './routes/staff/feedback-publish/index.js'
import { annualReviewRoutes } from './routes/staff/annual-review/index.js'

const ROOT = resolve(import.meta.dirname, '../..')

export interface AppOptions {
  /** The process's logger; none in tests. */
  logger?: FastifyBaseLogger
}

export async function buildApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // Query strings like ?need=a&need=b arrive as arrays.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  })

  await setUpSecurity(app, services.config)
  await setUpViews(app, services.config)
  await setUpForms(app, services.config)
  // Before any route: it records each route's access as the route is added.
  setUpAuth(app, services.store)
  await app.register(fastifyStatic, {
    root: resolve(ROOT, 'node_modules/govuk-frontend/dist/govuk/assets'),
    prefix: '/assets/',
    maxAge: '7d',
  })
  await app.register(fastifyStatic, {
    root: [resolve(ROOT, 'src/web/public'), resolve(ROOT, 'node_modules/govuk-frontend/dist/govuk')],
    prefix: '/static/',
    allowedPath: (path) => path === '/application.css' || path === '/govuk-frontend.min.js',
    decorateReply: false,
    maxAge: '1h',
  })
  setUpErrors(app)

  await app.register(healthRoutes(services))
  await app.register(homeRoutes(services))
  await app.register(searchRoutes(services))
  await app.register(serviceRoutes(services))
  await app.register(schoolRoutes(services))
  await app.register(schoolReportRoutes(services))
  await app.register(compareRoutes(services))
  await app.register(councilReportRoutes(services))
  await app.register(aboutRoutes(services))
  await app.register(openDataRoutes(services))
  await app.register(exportRoutes(services))
  await app.register(sitemapRoutes(services))
  await app.register(signInRoutes(services))
  await app.register(setPasswordRoutes(services))
  await app.register(adminRoutes(services))
  await app.register(manageRoutes(services))
  await app.register(resetPasswordRoutes(services))
  await app.register(oidcRoutes(services))
  await app.register(outboxRoutes(services))
  await app.register(publishingRoutes(services))
  await app.register(reportEditorRoutes(services))
  await app.register(selfEvaluationRoutes(services))
  await app.register(feedbackRoutes(services))
  await app.register(feedbackInboxRoutes(services))
  await app.register(youSaidRoutes(services))
  await app.register(feedbackPublishRoutes(services))
  await app.register(annualReviewRoutes(services))
  return app
}

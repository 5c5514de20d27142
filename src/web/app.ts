// Builds the web application from its services. No listen(): tests inject requests, server.ts listens.
import { resolve } from 'node:path'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { openDataRoutes } from '../api/index.js'
import type { Services } from '../services.js'
import { setUpErrors } from './plugins/errors.js'
import { setUpSecurity } from './plugins/security.js'
import { setUpViews } from './plugins/views.js'
import { aboutRoutes } from './routes/public/about/index.js'
import { healthRoutes } from './routes/health.js'
import { homeRoutes } from './routes/public/home/index.js'
import { schoolRoutes } from './routes/public/school/index.js'
import { searchRoutes } from './routes/public/search/index.js'
import { serviceRoutes } from './routes/public/service/index.js'

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

  await setUpSecurity(app)
  await setUpViews(app, services.config)
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
  await app.register(aboutRoutes(services))
  await app.register(openDataRoutes(services))
  return app
}

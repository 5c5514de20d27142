// Nunjucks pages with GOV.UK Frontend's macros. reply.page() adds what every page needs:
// the translator, the CSP nonce, the council's name and the current address.
import { resolve } from 'node:path'
import view from '@fastify/view'
import type { FastifyInstance, FastifyReply } from 'fastify'
import nunjucks from 'nunjucks'
import type { Config } from '../../config.js'
import { translator, type Translate } from '../i18n/index.js'
import { externalHref, formatDate } from './format.js'

const ROOT = resolve(import.meta.dirname, '../../..')

declare module 'fastify' {
  interface FastifyReply {
    page(template: string, context?: Record<string, unknown>): FastifyReply
  }
}

export function createNunjucks(): nunjucks.Environment {
  const env = nunjucks.configure([resolve(ROOT, 'src/web/views'), resolve(ROOT, 'src/web/routes'), resolve(ROOT, 'node_modules/govuk-frontend/dist')], {
    autoescape: true,
    throwOnUndefined: false,
    noCache: process.env.NODE_ENV === 'development',
  })
  env.addFilter('date', (value: unknown) => (typeof value === 'string' ? formatDate(value) : ''))
  env.addFilter('externalHref', (value: unknown) => (typeof value === 'string' ? externalHref(value) : undefined))
  return env
}

export async function setUpViews(app: FastifyInstance, config: Config): Promise<void> {
  const env = createNunjucks()
  await app.register(view, { engine: { nunjucks }, templates: [], options: { environment: env } })
  const t: Translate = translator('en')
  const council = config.HOME_COUNCIL_NAME
  app.decorateReply('page', function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
    const html = env.render(template, {
      t,
      council,
      homeCouncilCode: config.HOME_COUNCIL_CODE,
      cspNonce: this.cspNonce?.script,
      currentPath: this.request.url,
      ...context,
    })
    return this.type('text/html; charset=utf-8').send(html)
  })
}

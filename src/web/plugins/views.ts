// Nunjucks pages with GOV.UK Frontend's macros. reply.page() adds what every page needs:
// the translator, the CSP nonce, the council's name and the current address.
import { randomBytes } from 'node:crypto'
import { resolve } from 'node:path'
import view from '@fastify/view'
import type { FastifyInstance, FastifyReply } from 'fastify'
import nunjucks from 'nunjucks'
import type { Config } from '../../config.js'
import { translator, type Translate } from '../i18n/index.js'
import { feedbackBlock } from '../routes/public/feedback/block.js'
import { externalHref, formatDate } from './format.js'

const ROOT = resolve(import.meta.dirname, '../../..')

declare module 'fastify' {
  interface FastifyReply {
    page(template: string, context?: Record<string, unknown>): FastifyReply
    /** The page's HTML with a placeholder for the CSP nonce, so it can be kept and sent again. */
    renderPage(template: string, context?: Record<string, unknown>): string
    /** Sends HTML from renderPage() with this response's own nonce (and, where the page has a feedback form, this visitor's CSRF token). */
    sendPage(html: string): FastifyReply
    /** The shared error page with status `status` and the catalogue's `errors.<key>Title` and `errors.<key>`. */
    errorPage(status: number, key: string): FastifyReply
  }
}

// Random per process, so no page's content can contain it by chance or by design.
const NONCE_PLACEHOLDER = `nonce-${randomBytes(12).toString('hex')}`
// The same for the feedback block's CSRF token: a kept page is shared, the token is the visitor's.
const CSRF_PLACEHOLDER = `csrf-${randomBytes(12).toString('hex')}`

export function createNunjucks(): nunjucks.Environment {
  const env = nunjucks.configure([resolve(ROOT, 'src/web/views'), resolve(ROOT, 'src/web/routes'), resolve(ROOT, 'node_modules/govuk-frontend/dist')], {
    autoescape: true,
    throwOnUndefined: false,
    noCache: process.env.NODE_ENV === 'development',
  })
  // GOV.UK Frontend's macros trim every block of markup; nunjucks' own trim is a regular expression
  // that retries at each position of the string, a sixth of a search page's render. Same result, native.
  env.addFilter('trim', (value: string | nunjucks.runtime.SafeString) => {
    const text = value.toString().trim()
    return value instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(text) : text
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
  app.decorateReply('renderPage', function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
    return env.render(template, {
      t,
      council,
      homeCouncilCode: config.HOME_COUNCIL_CODE,
      cspNonce: NONCE_PLACEHOLDER,
      currentPath: this.request.url,
      feedbackBlock: feedbackBlock(config, this.request, CSRF_PLACEHOLDER),
      ...context,
    })
  })
  app.decorateReply('sendPage', function (this: FastifyReply, html: string) {
    const withToken = html.includes(CSRF_PLACEHOLDER) ? html.replaceAll(CSRF_PLACEHOLDER, this.csrfToken()) : html
    return this.type('text/html; charset=utf-8').send(withToken.replaceAll(NONCE_PLACEHOLDER, this.cspNonce?.script ?? ''))
  })
  app.decorateReply('errorPage', function (this: FastifyReply, status: number, key: string) {
    return this.code(status).page('pages/error.njk', { titleKey: `errors.${key}Title`, bodyKey: `errors.${key}` })
  })
  app.decorateReply('page', function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
    return this.sendPage(this.renderPage(template, context))
  })
}

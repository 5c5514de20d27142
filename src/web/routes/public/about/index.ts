import type { FastifyPluginAsync } from 'fastify'
import { demoDataset } from '../../../../seed/dataset.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'

const t = translator('en')

export function aboutRoutes(_services: Services): FastifyPluginAsync {
  return async (app) => {
    app.get('/about', async (_request, reply) =>
      reply.page('public/about/about.njk', {
        pageTitle: t('about.title'),
        breadcrumbs: [{ text: t('site.breadcrumbHome'), href: '/' }],
        documents: demoDataset.documents,
      }),
    )
  }
}

import type { FastifyPluginAsync } from 'fastify'
import { findServiceDetail, listServicesOf } from '../../../../db/repositories/services.js'
import { subjectContacts } from '../../../../db/repositories/subjects.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'
import { sourceTitle } from '../sources.js'
import { serviceStructuredData } from '../../../structured-data.js'
import { requestOrigin } from '../../../origin.js'
import { isUuid } from '../../../../db/ids.js'

const t = translator('en')
/** Text to paragraphs of lines: a blank line ends a paragraph, a line break ends a line. */
function paragraphs(text: string): string[][] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.split('\n').map((line) => line.trim()).filter(Boolean))
    .filter((lines) => lines.length > 0)
}

export function serviceRoutes(services: Services): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { id: string } }>('/services/:id', async (request, reply) => {
      const detail = isUuid(request.params.id) ? await findServiceDetail(services.store.db, request.params.id) : undefined
      if (!detail) return reply.callNotFound()
      const [councils, siblings, organisationContacts] = await Promise.all([
        services.councilNames(),
        listServicesOf(services.store.db, detail.organisation.id),
        subjectContacts(services.store.db, detail.organisation.id),
      ])
      const home = services.config.HOME_COUNCIL_CODE
      const { service, organisation } = detail
      // Where the service lists no way to reach it, the organisation's own details are the way.
      const ownDetails = Boolean(service.phone || service.email || service.url || detail.contacts.length)
      return reply.page('public/service/service.njk', {
        pageTitle: detail.service.name,
        breadcrumbs: [
          { text: t('site.breadcrumbHome'), href: '/' },
          { text: t(`helpKinds.${detail.service.help_kind}`), href: `/search?kind=${detail.service.help_kind}` },
        ],
        detail: { ...detail, contacts: ownDetails ? detail.contacts : organisationContacts },
        s: ownDetails ? service : organisation,
        siblings: siblings.filter((sibling) => sibling.id !== detail.service.id),
        areaNames: detail.councilCodes.map((code) => councils.get(code) ?? code),
        outOfArea: !detail.councilCodes.includes(home),
        sourceTitle: sourceTitle(detail.service.source_document),
        // Imported descriptions keep their paragraphs and list lines (src/importers/oruk/text.ts).
        paragraphs: paragraphs(detail.service.description),
        structuredData: serviceStructuredData(detail, `${requestOrigin(request)}/services/${service.id}`, detail.councilCodes.map((code) => councils.get(code) ?? code)),
      })
    })
  }
}

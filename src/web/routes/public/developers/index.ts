// The guide for integrators: the ORUK API's endpoints, parameters, taxonomy ids, examples, paging,
// errors and licence. Endpoints and parameters are read from the API's own list (endpoints.ts),
// so the guide cannot describe an endpoint the API does not serve.
import type { FastifyPluginAsync } from 'fastify'
import { ENDPOINTS } from '../../../../api/oruk/endpoints.js'
import { apiUrl } from '../../../../api/oruk/mapping.js'
import { DEFAULT_PER_PAGE, MAX_MINIMAL_PER_PAGE, MAX_PER_PAGE, MAX_PROXIMITY, PARAMETER_NAMES } from '../../../../api/oruk/params.js'
import { listServices } from '../../../../api/oruk/queries.js'
import { linksOf } from '../../../../api/oruk/request.js'
import { TAXONOMIES, TERMS } from '../../../../api/oruk/taxonomies.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'

const t = translator('en')
const d = 'api.developers.'

const SECTIONS = [
  ['base', 'baseTitle'],
  ['endpoints', 'endpointsTitle'],
  ['parameters', 'parametersTitle'],
  ['taxonomies', 'taxonomyTitle'],
  ['examples', 'examplesTitle'],
  ['paging', 'pagingTitle'],
  ['errors', 'errorsTitle'],
  ['extensions', 'extensionsTitle'],
  ['licence', 'licenceTitle'],
] as const

const AUTISM = TERMS.find((term) => term.vocabulary === 'send-needs' && term.code === 'autism')

function examples(base: string, serviceId: string | undefined): Array<{ lead: string; command: string }> {
  return [
    { lead: t(`${d}examples.services`), command: `curl '${base}/services'` },
    ...(AUTISM ? [{ lead: t(`${d}examples.need`), command: `curl '${base}/services?taxonomy_term_id=${AUTISM.id}&per_page=10'` }] : []),
    { lead: t(`${d}examples.near`), command: `curl '${base}/service_at_locations?postcode=DT1+1AA&proximity=5000'` },
    { lead: t(`${d}examples.changed`), command: `curl '${base}/services?modified_after=2025-01-01&format=ndjson'` },
    { lead: t(`${d}examples.service`), command: `curl '${base}/services/${serviceId ?? '{id}'}'` },
  ]
}

export function developersRoutes(services: Services): FastifyPluginAsync {
  return async (app) => {
    app.get('/developers', async (request, reply) => {
      const base = apiUrl(linksOf(request), '')
      // A real id, so the last example works as written.
      const [example] = await listServices(services.store.db, { words: [], matches: [], organisationId: undefined, modifiedAfter: undefined }, { offset: 0, limit: 1 })
      return reply.page('public/developers/developers.njk', {
        pageTitle: t(`${d}title`),
        breadcrumbs: [{ text: t('site.breadcrumbHome'), href: '/' }],
        base,
        openapiUrl: `${base}/openapi.json`,
        sections: SECTIONS.map(([id, key]) => ({ id, title: t(d + key) })),
        endpoints: ENDPOINTS.map((endpoint) => ({ ...endpoint, summary: t(`${d}endpoints.${endpoint.summaryKey}`) })),
        parameters: PARAMETER_NAMES.map((name) => ({
          name,
          meaning: t(`${d}parameters.${name}`, { max: name === 'proximity' ? MAX_PROXIMITY : MAX_PER_PAGE, minimalMax: MAX_MINIMAL_PER_PAGE, default: DEFAULT_PER_PAGE }),
        })),
        taxonomies: TAXONOMIES,
        examples: examples(base, example?.id),
        errorRows: [
          [{ text: '400' }, { text: t(`${d}errors.badRequest`) }],
          [{ text: '404' }, { text: t(`${d}errors.notFound`) }],
          [{ text: '405' }, { text: t(`${d}errors.notAllowed`) }],
        ],
        errorExample: JSON.stringify({ error: 'invalid_parameter', message: `per_page must be a whole number from 1 to ${MAX_PER_PAGE}`, parameter: 'per_page' }, null, 2),
      })
    })
  }
}

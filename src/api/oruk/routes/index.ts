// The Open Referral UK 3.0 read API, mounted at /api/oruk (API_PREFIX). Everything in this scope
// answers in JSON with CORS headers (http.ts).
import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../../services.js'
import { setUpApiHttp } from '../http.js'
import { apiUrl } from '../mapping.js'
import { openApiDocument, STANDARD_VERSION } from '../openapi.js'
import type { ApiContext } from '../records.js'
import { linksOf, parametersOf } from '../request.js'
import type { OrukApiDetails } from '../types.js'
import { organizationRoutes } from './organizations.js'
import { serviceAtLocationRoutes } from './service-at-locations.js'
import { serviceRoutes } from './services.js'
import { taxonomyRoutes } from './taxonomies.js'

/** The UK profile's documentation, as the standard's api_details example gives it. */
export const PROFILE_URL = 'https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md'

export function orukRoutes(services: Services): FastifyPluginAsync {
  const context: ApiContext = { db: services.store.db, postcodes: services.postcodes, councilNames: () => services.councilNames() }
  return async (app) => {
    setUpApiHttp(app)

    app.get('/', async (request): Promise<OrukApiDetails> => {
      parametersOf(request, '/', context.postcodes)
      return { version: STANDARD_VERSION, profile: PROFILE_URL, openapi_url: apiUrl(linksOf(request), '/openapi.json') }
    })

    app.get('/openapi.json', async (request) => {
      parametersOf(request, '/openapi.json', context.postcodes)
      return openApiDocument(apiUrl(linksOf(request), ''))
    })

    await app.register(serviceRoutes(context))
    await app.register(serviceAtLocationRoutes(context))
    await app.register(organizationRoutes(context))
    await app.register(taxonomyRoutes(context))
  }
}

// Every endpoint the API serves, with the query parameters it takes and the ORUK schema its
// response follows: one list that the routes, the OpenAPI document, the developers' page and the
// tests all read, so none of them can describe an endpoint the others do not know.
import type { ParameterName } from './params.js'

export interface Endpoint {
  /** Under /api/oruk, in OpenAPI's path syntax. */
  path: string
  /** Key under api.developers.endpoints in the catalogue. */
  summaryKey: string
  /** File in data/oruk/3.0/schema/ the 200 response is valid against; undefined for our own OpenAPI document. */
  schema: string | undefined
  parameters: readonly ParameterName[]
  /** Lists can be streamed whole with format=ndjson. */
  list: boolean
}

const PAGING = ['page', 'per_page', 'format'] as const satisfies readonly ParameterName[]
const SERVICE_FILTERS = ['search', 'taxonomy_term_id', 'taxonomy_id', 'organization_id', 'modified_after'] as const satisfies readonly ParameterName[]

export const ENDPOINTS: readonly Endpoint[] = [
  { path: '/', summaryKey: 'root', schema: 'api_details.json', parameters: [], list: false },
  { path: '/services', summaryKey: 'services', schema: 'service_list.json', parameters: [...SERVICE_FILTERS, ...PAGING, 'minimal', 'full'], list: true },
  { path: '/services/{id}', summaryKey: 'service', schema: 'service.json', parameters: [], list: false },
  {
    path: '/service_at_locations',
    summaryKey: 'serviceAtLocations',
    schema: 'service_at_location_list.json',
    parameters: [...SERVICE_FILTERS, 'full', ...PAGING, 'postcode', 'proximity'],
    list: true,
  },
  { path: '/service_at_locations/{id}', summaryKey: 'serviceAtLocation', schema: 'service_at_location.json', parameters: [], list: false },
  { path: '/organizations', summaryKey: 'organizations', schema: 'organization_list.json', parameters: ['search', 'full_service', 'full', ...PAGING], list: true },
  { path: '/organizations/{id}', summaryKey: 'organization', schema: 'organization.json', parameters: ['full_service'], list: false },
  { path: '/taxonomies', summaryKey: 'taxonomies', schema: 'taxonomy_list.json', parameters: ['search', ...PAGING], list: true },
  { path: '/taxonomies/{id}', summaryKey: 'taxonomy', schema: 'taxonomy.json', parameters: [], list: false },
  { path: '/taxonomy_terms', summaryKey: 'taxonomyTerms', schema: 'taxonomy_term_list.json', parameters: ['search', ...PAGING, 'taxonomy_id', 'top_only', 'parent_id'], list: true },
  { path: '/taxonomy_terms/{id}', summaryKey: 'taxonomyTerm', schema: 'taxonomy_term.json', parameters: [], list: false },
  { path: '/openapi.json', summaryKey: 'openapi', schema: undefined, parameters: [], list: false },
]

export function endpoint(path: string): Endpoint {
  const found = ENDPOINTS.find((candidate) => candidate.path === path)
  if (!found) throw new Error(`No endpoint ${path}`)
  return found
}

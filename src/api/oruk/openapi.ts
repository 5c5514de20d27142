// Our OpenAPI document: the standard's own (data/oruk/3.0/openapi.json, never edited) with what
// this server actually does written in: its address, the limits on page, per_page and proximity,
// the ndjson format, uuid ids, the error responses, and the endpoint we add (/openapi.json).
// Response schemas stay $refs to the standard's published schema addresses.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { PROJECT_ROOT } from '../../config.js'
import { ENDPOINTS } from './endpoints.js'
import { NDJSON_TYPE } from './lists.js'
import { DEFAULT_PER_PAGE, MAX_MINIMAL_PER_PAGE, MAX_PER_PAGE, MAX_PROXIMITY, MAX_SEARCH_LENGTH } from './params.js'

export const OFFICIAL_OPENAPI_FILE = resolve(PROJECT_ROOT, 'data/oruk/3.0/openapi.json')

type Json = Record<string, unknown>

interface Operation extends Json {
  operationId?: string
  parameters?: Json[]
  responses: Record<string, Json>
}

interface OpenApiDocument extends Json {
  info: Json & { version: string }
  paths: Record<string, Record<string, Operation | Json[]>>
  components: Json & { parameters: Record<string, Json & { schema: Json }>; schemas: Json; responses?: Json }
}

const official = JSON.parse(readFileSync(OFFICIAL_OPENAPI_FILE, 'utf8')) as OpenApiDocument

/** The standard's version, as its OpenAPI document gives it ("HSDS-UK-3.0"). */
export const STANDARD_VERSION = official.info.version

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', enum: ['invalid_parameter', 'not_found', 'method_not_allowed', 'bad_request', 'server_error'] },
    message: { type: 'string' },
    parameter: { type: 'string', description: 'The query parameter at fault.' },
  },
}

function errorResponse(description: string): Json {
  return { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
}

// The standard's two taxonomy_terms operationIds are swapped (the list is "ById" and the record "List").
const OPERATION_IDS: Record<string, string> = {
  '/taxonomy_terms': 'getPaginatedListOfTaxonomyTerms',
  '/taxonomy_terms/{id}': 'getTaxonomyTermById',
}

function tighten(parameters: OpenApiDocument['components']['parameters']): void {
  const set = (name: string, schema: Json, description?: string) => {
    const parameter = parameters[name]
    if (!parameter) return
    parameter.schema = { ...parameter.schema, ...schema }
    if (description) parameter.description = description
  }
  set('page', { minimum: 1, default: 1 })
  set('per_page', { minimum: 1, maximum: MAX_PER_PAGE, default: DEFAULT_PER_PAGE }, `Number of results requested in a single page; up to ${MAX_MINIMAL_PER_PAGE} with minimal=true.`)
  set('search', { maxLength: MAX_SEARCH_LENGTH }, 'Words that must all appear in the name or description, in any case.')
  set('format', { enum: ['json', 'ndjson'], default: 'json' })
  // The standard writes "datetime", which is not a JSON Schema format.
  set('modified_after', { format: 'date-time' }, 'Return all results modified on or after this date (YYYY-MM-DD) or RFC 3339 date-time.')
  for (const name of ['taxonomy_term_id', 'taxonomy_id', 'organization_id']) set(name, { format: 'uuid' })
  set('proximity', { type: 'number', exclusiveMinimum: 0, maximum: MAX_PROXIMITY }, 'With postcode: only places within this many metres of the centre of the postcode.')
}

/** The document for a server at `serverUrl` (…/api/oruk). */
export function openApiDocument(serverUrl: string): Json {
  const document = structuredClone(official)
  document.info = {
    title: 'Local Offer: Open Referral UK API',
    version: official.info.version,
    summary: 'SEND Local Offer services, organisations and taxonomies, read-only, in the Open Referral UK 3.0 format.',
    description:
      'Human Services Data Specification UK: an Open Referral UK resource (https://openreferraluk.org/). Derived from the standard\'s openapi.json with this server\'s address, limits and errors. Human-readable guide: /developers.',
  }
  document.servers = [{ url: serverUrl }]
  tighten(document.components.parameters)
  document.components.schemas = { ...document.components.schemas, Error: ERROR_SCHEMA }
  document.components.responses = {
    BadRequest: errorResponse('A query parameter is unknown, repeated or not valid; `parameter` names it.'),
    NotFound: errorResponse('No record has this id.'),
  }
  for (const [path, item] of Object.entries(document.paths)) {
    const served = ENDPOINTS.find((candidate) => candidate.path === path)
    for (const [key, value] of Object.entries(item)) {
      if (key === 'parameters' && Array.isArray(value)) {
        for (const parameter of value) if (parameter.name === 'id') parameter.schema = { type: 'string', format: 'uuid' }
        continue
      }
      if (Array.isArray(value)) continue
      const operation = value
      if (OPERATION_IDS[path]) operation.operationId = OPERATION_IDS[path]
      operation.responses['400'] = { $ref: '#/components/responses/BadRequest' }
      if (path.includes('{id}')) operation.responses['404'] = { $ref: '#/components/responses/NotFound' }
      const ok = operation.responses['200']
      const content = ok?.content as Json | undefined
      if (served?.list && content) content[NDJSON_TYPE.split(';')[0] ?? NDJSON_TYPE] = { schema: { type: 'string', description: 'With format=ndjson: one record a line, every result, unpaginated.' } }
    }
  }
  document.paths['/openapi.json'] = {
    get: {
      operationId: 'getOpenApiDocument',
      summary: 'This document.',
      tags: ['optional'],
      responses: { '200': { description: 'The OpenAPI document of this API.', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  }
  return document
}

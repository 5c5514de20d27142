// Parameters to the filters the queries take. The taxonomies are a closed, published list, so an
// id that is well formed but names no term is a mistake worth a 400, not an empty list.
import { invalidParameter } from './errors.js'
import type { ListParameters } from './params.js'
import type { Near, ServiceFilter } from './queries.js'
import { findTaxonomy, findTerm, type ServiceMatch } from './taxonomies.js'

export function serviceFilter(parameters: ListParameters): ServiceFilter {
  const matches: ServiceMatch[] = []
  if (parameters.taxonomyTermId) {
    const term = findTerm(parameters.taxonomyTermId)
    if (!term) throw invalidParameter('taxonomy_term_id', 'taxonomy_term_id is not the id of a term of this API (GET /api/oruk/taxonomy_terms lists them)')
    matches.push(term.match)
  }
  if (parameters.taxonomyId) {
    const taxonomy = findTaxonomy(parameters.taxonomyId)
    if (!taxonomy) throw invalidParameter('taxonomy_id', 'taxonomy_id is not the id of a taxonomy of this API (GET /api/oruk/taxonomies lists them)')
    matches.push(taxonomy.match)
  }
  return { words: parameters.words, matches, organisationId: parameters.organizationId, modifiedAfter: parameters.modifiedAfter }
}

export function nearOf(parameters: ListParameters): Near | undefined {
  const { place } = parameters
  if (!place) return undefined
  return { lat: place.lat, lng: place.lng, radiusKm: parameters.radiusKm, councilCode: place.councilCode }
}

// /taxonomies and /taxonomy_terms, and their {id}s: the published vocabularies, held in memory
// (taxonomies.ts), so paged and streamed from the list itself.
import type { FastifyPluginAsync } from 'fastify'
import { invalidParameter, notFound } from '../errors.js'
import { toTaxonomy, toTerm } from '../mapping.js'
import { memoryLines, ndjson } from '../lists.js'
import { pageOfList } from '../pagination.js'
import type { ListParameters } from '../params.js'
import type { ApiContext } from '../records.js'
import { linksOf, parametersOf, recordId } from '../request.js'
import { findTaxonomy, findTerm, TAXONOMIES, TERMS, type PublishedTerm } from '../taxonomies.js'

function hasWords(words: string[], ...texts: string[]): boolean {
  const haystack = texts.join(' ').toLowerCase()
  return words.every((word) => haystack.includes(word))
}

function chosenTerms(parameters: ListParameters): PublishedTerm[] {
  const { taxonomyId, parentId } = parameters
  if (taxonomyId && !findTaxonomy(taxonomyId)) throw invalidParameter('taxonomy_id', 'taxonomy_id is not the id of a taxonomy of this API (GET /api/oruk/taxonomies lists them)')
  if (parentId && !findTerm(parentId)) throw invalidParameter('parent_id', 'parent_id is not the id of a term of this API')
  return TERMS.filter(
    (term) =>
      (!taxonomyId || term.taxonomyId === taxonomyId) &&
      (!parentId || term.parentId === parentId) &&
      // "top_only": terms at the top of their tree, which have no parent.
      (!parameters.topOnly || term.parentId === undefined) &&
      hasWords(parameters.words, term.name, term.description, term.code),
  )
}

export function taxonomyRoutes(context: ApiContext): FastifyPluginAsync {
  const { postcodes } = context
  return async (app) => {
    app.get('/taxonomies', async (request, reply) => {
      const parameters = parametersOf(request, '/taxonomies', postcodes)
      const links = linksOf(request)
      const items = TAXONOMIES.filter((taxonomy) => hasWords(parameters.words, taxonomy.name, taxonomy.description)).map((taxonomy) => toTaxonomy(taxonomy, links))
      return parameters.format === 'ndjson' ? ndjson(reply, memoryLines(items)) : pageOfList(items, parameters)
    })

    app.get('/taxonomies/:id', async (request) => {
      parametersOf(request, '/taxonomies/{id}', postcodes)
      const taxonomy = findTaxonomy(recordId(request, 'taxonomy'))
      if (!taxonomy) throw notFound('taxonomy')
      return toTaxonomy(taxonomy, linksOf(request))
    })

    app.get('/taxonomy_terms', async (request, reply) => {
      const parameters = parametersOf(request, '/taxonomy_terms', postcodes)
      const links = linksOf(request)
      const items = chosenTerms(parameters).map((term) => toTerm(term, links))
      return parameters.format === 'ndjson' ? ndjson(reply, memoryLines(items)) : pageOfList(items, parameters)
    })

    app.get('/taxonomy_terms/:id', async (request) => {
      parametersOf(request, '/taxonomy_terms/{id}', postcodes)
      const term = findTerm(recordId(request, 'taxonomy term'))
      if (!term) throw notFound('taxonomy term')
      return toTerm(term, linksOf(request))
    })
  }
}

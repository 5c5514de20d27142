import type { FastifyPluginAsync } from 'fastify'
import { AGE_BANDS, HELP_KINDS, PROVIDER_TYPES, PROVISION_LEVELS } from '../../../../domain/model.js'
import { BROAD_AREAS, NEED_TERMS, needTerm } from '../../../../domain/needs.js'
import { kmToMiles } from '../../../../geo/distance.js'
import type { Services } from '../../../../services.js'
import { RADII_MILES, type SearchRequest, type SearchResponse } from '../../../../search/types.js'
import { translator } from '../../../i18n/index.js'
import { parseSearchQuery, searchHref } from './request.js'

const t = translator('en')
const NEARBY_COUNT = 5

/** Checkbox items, each label with how many results it gives. */
function items(values: readonly string[], labelKey: string, chosen: readonly string[], counts: Record<string, number>) {
  return values.map((value) => ({ value, text: `${t(`${labelKey}.${value}`)} (${counts[value] ?? 0})`, checked: chosen.includes(value) }))
}

function filterGroups(request: SearchRequest, response: SearchResponse) {
  const { facets } = response
  // Broad areas first, then the specific needs of any broad area chosen or with results.
  const needs = NEED_TERMS.filter((term) => term.area === undefined || (facets.needs[term.code] ?? 0) > 0 || request.needs.includes(term.code))
  return [
    { name: 'need', legend: t('search.need'), items: items(needs.map((term) => term.code), 'needs', request.needs, facets.needs) },
    { name: 'age', legend: t('search.age'), items: items(AGE_BANDS.map((band) => band.id), 'ages', request.ages, facets.ages) },
    { name: 'kind', legend: t('search.helpKind'), items: items(HELP_KINDS, 'helpKinds', request.helpKinds, facets.helpKinds) },
    { name: 'provider', legend: t('search.providerType'), items: items(PROVIDER_TYPES, 'providerTypes', request.providerTypes, facets.providerTypes) },
    { name: 'level', legend: t('search.level'), items: items(PROVISION_LEVELS, 'levels', request.levels, facets.levels) },
    { name: 'free', legend: t('search.cost'), items: [{ value: '1', text: `${t('search.freeOnly')} (${facets.free})`, checked: request.freeOnly }] },
  ]
}

/** Ideas for a search that found nothing: drop filters, search each word alone, widen to the broad area. */
function broaderSearches(request: SearchRequest, response: SearchResponse): Array<{ href: string; text: string }> {
  const ideas: Array<{ href: string; text: string }> = []
  const blank = { needs: [], ages: [], providerTypes: [], levels: [], helpKinds: [], freeOnly: false, page: 1 }
  const filtered = request.needs.length + request.ages.length + request.providerTypes.length + request.levels.length + request.helpKinds.length > 0 || request.freeOnly || request.radiusMiles
  if (filtered) ideas.push({ href: searchHref(request, { ...blank, radiusMiles: undefined }), text: t('search.noResultsFewerFilters') })
  const terms = response.query.terms
  if (terms.length > 1) {
    for (const term of terms) ideas.push({ href: searchHref(request, { ...blank, q: term.corrected ?? term.original }), text: t('search.noResultsBroader', { word: term.corrected ?? term.original }) })
  }
  for (const code of response.query.needs) {
    const area = needTerm(code)?.area
    if (area) ideas.push({ href: searchHref(request, { ...blank, q: '', needs: [area] }), text: t('search.noResultsBroader', { word: t(`needs.${area}`) }) })
  }
  return ideas
}

export function searchRoutes(services: Services): FastifyPluginAsync {
  return async (app) => {
    app.get('/search', async (request, reply) => {
      // Read before searching: if the index changes meanwhile, the page is kept under the older version.
      const version = services.pageCache.enabled ? await services.search.indexVersion() : undefined
      const kept = version === undefined ? undefined : services.pageCache.get(version, request.url)
      if (kept !== undefined) return reply.header('x-page-cache', 'hit').sendPage(kept)
      const parsed = parseSearchQuery(request.query as Record<string, string | string[] | undefined>)
      const response = await services.search.search(parsed.request)
      const councils = await services.councilNames()
      let nearby: SearchResponse['hits'] = []
      if (response.total === 0 && response.location) {
        const near = await services.search.search({
          ...parsed.request,
          q: '',
          needs: [],
          ages: [],
          providerTypes: [],
          levels: [],
          helpKinds: [],
          freeOnly: false,
          radiusMiles: undefined,
          sort: 'distance',
          page: 1,
          perPage: NEARBY_COUNT,
        })
        nearby = near.hits
      }
      const errors = [
        ...(parsed.queryTooLong ? [{ text: t('search.tooLong'), href: '#q' }] : []),
        ...(response.locationError ? [{ text: response.locationError, href: '#postcode' }] : []),
      ]
      const home = services.config.HOME_COUNCIL_CODE
      const decorate = (hit: SearchResponse['hits'][number]) => ({
        ...hit,
        href: `/${hit.kind === 'school' ? 'schools' : 'services'}/${hit.subjectId}`,
        miles: hit.distanceKm === undefined ? undefined : kmToMiles(hit.distanceKm).toFixed(1),
        outOfArea: !hit.councilCodes.includes(home),
        areaNames: hit.councilCodes.map((code) => councils.get(code) ?? code),
      })
      const html = reply.renderPage('public/search/search.njk', {
        breadcrumbs: [{ text: t('site.breadcrumbHome'), href: '/' }],
        request: parsed.request,
        response,
        hits: response.hits.map(decorate),
        nearby: nearby.map(decorate),
        filterGroups: filterGroups(parsed.request, response),
        radiusItems: [
          { value: '', text: t('search.anyDistance') },
          ...RADII_MILES.map((miles) => ({ value: String(miles), text: t('search.withinMiles', { count: miles }), selected: parsed.request.radiusMiles === miles })),
        ],
        errors,
        ignored: parsed.ignored,
        broader: response.total === 0 ? broaderSearches(parsed.request, response) : [],
        // The other words each term was matched by (synonyms, acronyms), not the word typed.
        understood: response.query.terms.flatMap((term) =>
          term.alternatives.map((words) => words.join(' ')).filter((words) => words !== (term.corrected ?? term.original).toLowerCase()),
        ),
        pagination: pagination(parsed.request, response),
        broadAreas: BROAD_AREAS,
        sortHref: { relevance: searchHref(parsed.request, { sort: 'relevance', page: 1 }), distance: searchHref(parsed.request, { sort: 'distance', page: 1 }) },
      })
      if (version !== undefined) services.pageCache.set(version, request.url, html)
      return reply.header('x-page-cache', 'miss').sendPage(html)
    })
  }
}

function pagination(request: SearchRequest, response: SearchResponse) {
  if (response.pages <= 1) return undefined
  const current = Math.min(request.page, response.pages)
  const pages = [...new Set([1, current - 1, current, current + 1, response.pages])].filter((page) => page >= 1 && page <= response.pages).sort((a, b) => a - b)
  const withGaps: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }> = []
  pages.forEach((page, index) => {
    if (index > 0 && page - pages[index - 1]! > 1) withGaps.push({ ellipsis: true })
    withGaps.push({ number: page, href: searchHref(request, { page }), current: page === current })
  })
  return {
    items: withGaps,
    ...(current > 1 ? { previous: { href: searchHref(request, { page: current - 1 }), labelText: t('search.previous') } } : {}),
    ...(current < response.pages ? { next: { href: searchHref(request, { page: current + 1 }), labelText: t('search.next') } } : {}),
  }
}

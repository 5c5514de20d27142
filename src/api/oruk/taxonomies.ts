// The vocabularies the API publishes as ORUK taxonomies: SEND needs, level of provision, provider
// type and age band. Each term's id is a name-based UUID (termId), so it is the same on every
// install and release; the needs' ids are the ones the store's taxonomy_terms table holds.
// Which services carry a term (serviceTerms) and which a term finds (termMatch) are defined here
// together, so the attributes on a service and the taxonomy_term_id filter always agree.
import { AGE_BANDS, PROVIDER_TYPES, PROVISION_LEVELS } from '../../domain/model.js'
import { NEED_TERMS, needsUnder, needWithArea } from '../../domain/needs.js'
import { stableUuid } from '../../db/ids.js'
import { termId } from '../../db/repositories/taxonomy.js'
import { translator } from '../../web/i18n/index.js'

export const VOCABULARIES = ['send-needs', 'provision-level', 'provider-type', 'age-band'] as const
export type Vocabulary = (typeof VOCABULARIES)[number]

/** What a service must have to carry a term, or any term of a taxonomy. */
export type ServiceMatch =
  | { kind: 'needs'; codes: string[] }
  | { kind: 'provision_level'; codes: string[] }
  | { kind: 'provider_type'; codes: string[] }
  | { kind: 'ages'; bands: Array<{ min: number; max: number }> }

export interface PublishedTerm {
  id: string
  code: string
  vocabulary: Vocabulary
  taxonomyId: string
  parentId: string | undefined
  name: string
  description: string
  match: ServiceMatch
}

export interface PublishedTaxonomy {
  id: string
  vocabulary: Vocabulary
  name: string
  description: string
  terms: PublishedTerm[]
  match: ServiceMatch
}

/** The fields of a service that decide its terms. */
export interface TermedService {
  needs: readonly string[]
  provision_level: string
  provider_type: string
  min_age: number | null
  max_age: number | null
}

/** A service that gives no ages is taken to serve the whole 0 to 25 range, as the site's age filter does. */
export const NO_MIN_AGE = 0
export const NO_MAX_AGE = 25

export function taxonomyId(vocabulary: Vocabulary): string {
  return stableUuid(`local-offer:taxonomy:${vocabulary}`)
}

const t = translator('en')

function term(vocabulary: Vocabulary, code: string, name: string, description: string, match: ServiceMatch, parentCode?: string): PublishedTerm {
  return {
    id: termId(vocabulary, code),
    code,
    vocabulary,
    taxonomyId: taxonomyId(vocabulary),
    parentId: parentCode === undefined ? undefined : termId(vocabulary, parentCode),
    name,
    description,
    match,
  }
}

function needVocabulary(): PublishedTerm[] {
  return NEED_TERMS.map((need) =>
    term(
      'send-needs',
      need.code,
      t(`needs.${need.code}`),
      need.area ? t('api.specificNeed', { area: t(`needs.${need.area}`) }) : t(`needHints.${need.code}`),
      // A broad area finds the services tagged with it or with any specific need under it.
      { kind: 'needs', codes: needsUnder(need.code) },
      need.area,
    ),
  )
}

function buildTaxonomies(): PublishedTaxonomy[] {
  const byVocabulary: Record<Vocabulary, { terms: PublishedTerm[]; match: ServiceMatch }> = {
    'send-needs': { terms: needVocabulary(), match: { kind: 'needs', codes: NEED_TERMS.map((need) => need.code) } },
    'provision-level': {
      terms: PROVISION_LEVELS.map((level) => term('provision-level', level, t(`levelsShort.${level}`), t(`levels.${level}`), { kind: 'provision_level', codes: [level] })),
      match: { kind: 'provision_level', codes: [...PROVISION_LEVELS] },
    },
    'provider-type': {
      terms: PROVIDER_TYPES.map((type) => term('provider-type', type, t(`providerTypes.${type}`), t(`api.providerTypeHints.${type}`), { kind: 'provider_type', codes: [type] })),
      match: { kind: 'provider_type', codes: [...PROVIDER_TYPES] },
    },
    'age-band': {
      terms: AGE_BANDS.map((band) => term('age-band', band.id, t(`ages.${band.id}`), t(`ageHints.${band.id}`), { kind: 'ages', bands: [{ min: band.min, max: band.max }] })),
      match: { kind: 'ages', bands: AGE_BANDS.map((band) => ({ min: band.min, max: band.max })) },
    },
  }
  return VOCABULARIES.map((vocabulary) => ({
    id: taxonomyId(vocabulary),
    vocabulary,
    name: t(`api.taxonomies.${vocabulary}.name`),
    description: t(`api.taxonomies.${vocabulary}.description`),
    ...byVocabulary[vocabulary],
  }))
}

export const TAXONOMIES: readonly PublishedTaxonomy[] = buildTaxonomies()
export const TERMS: readonly PublishedTerm[] = TAXONOMIES.flatMap((taxonomy) => taxonomy.terms)

const termsById = new Map(TERMS.map((published) => [published.id, published]))
const taxonomiesById = new Map(TAXONOMIES.map((taxonomy) => [taxonomy.id, taxonomy]))

export function findTerm(id: string): PublishedTerm | undefined {
  return termsById.get(id.toLowerCase())
}

export function findTaxonomy(id: string): PublishedTaxonomy | undefined {
  return taxonomiesById.get(id.toLowerCase())
}

function overlaps(service: TermedService, band: { min: number; max: number }): boolean {
  return (service.min_age ?? NO_MIN_AGE) <= band.max && (service.max_age ?? NO_MAX_AGE) >= band.min
}

/** Whether a service satisfies a match: the in-memory twin of the SQL in queries.ts. */
export function serviceMatches(service: TermedService, match: ServiceMatch): boolean {
  switch (match.kind) {
    case 'needs':
      return service.needs.some((code) => match.codes.includes(code))
    case 'provision_level':
      return match.codes.includes(service.provision_level)
    case 'provider_type':
      return match.codes.includes(service.provider_type)
    case 'ages':
      return match.bands.some((band) => overlaps(service, band))
  }
}

/** The need terms of a service or school: its needs, and the broad area of each specific need. */
export function needTerms(needCodes: readonly string[]): PublishedTerm[] {
  const codes = new Set(needCodes.flatMap(needWithArea))
  return TERMS.filter((published) => published.vocabulary === 'send-needs' && codes.has(published.code))
}

/** Every term a service carries: its needs with their broad areas, its level, its provider type, its age bands. */
export function serviceTerms(service: TermedService): PublishedTerm[] {
  return [...needTerms(service.needs), ...TERMS.filter((published) => published.vocabulary !== 'send-needs' && serviceMatches(service, published.match))]
}

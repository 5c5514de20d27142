// Every filter value a family can choose is one bit of a search document's facet mask, so that
// filtering is one bit test and counting every value is one pass of bit tests over the matches.
import { AGE_BANDS, HELP_KINDS, PROVIDER_TYPES, PROVISION_LEVELS } from '../domain/model.js'
import { NEED_TERMS, needWithArea } from '../domain/needs.js'
import type { Facets, SearchFilters } from './types.js'

export type FacetGroup = keyof Facets

export interface FacetValue {
  group: FacetGroup
  value: string
  /** A power of two below 2^53: safe as a JavaScript number and as a 64-bit SQL integer. */
  bit: number
}

const GROUPS: Array<[FacetGroup, readonly string[]]> = [
  ['needs', NEED_TERMS.map((term) => term.code)],
  ['ages', AGE_BANDS.map((band) => band.id)],
  ['providerTypes', PROVIDER_TYPES],
  ['levels', PROVISION_LEVELS],
  ['helpKinds', HELP_KINDS],
  ['free', ['free']],
]

export const FACET_VALUES: readonly FacetValue[] = GROUPS.flatMap(([group, values]) => values.map((value) => ({ group, value }))).map(
  (facet, index) => ({ ...facet, bit: 2 ** index }),
)

function bitOf(group: FacetGroup, value: string): number {
  return FACET_VALUES.find((facet) => facet.group === group && facet.value === value)?.bit ?? 0
}

/** A mask as its low and high 32 bits, the widest JavaScript's bitwise operators take. */
export function maskHalves(mask: number): [lo: number, hi: number] {
  return [mask % 2 ** 32 >>> 0, Math.floor(mask / 2 ** 32) >>> 0]
}

/** Adds bits without JavaScript's 32-bit bitwise operators. */
function sumBits(bits: number[]): number {
  return [...new Set(bits)].reduce((total, bit) => total + bit, 0)
}

export interface FacetedRecord {
  needs: string[]
  minAge: number | null
  maxAge: number | null
  providerType: string
  provisionLevel: string
  helpKind: string
  isFree: boolean | null
}

/** The mask of a service or school: a specific need also sets its broad area; ages set every band they overlap. */
export function facetMask(record: FacetedRecord): number {
  const min = record.minAge ?? 0
  const max = record.maxAge ?? 25
  return sumBits([
    ...record.needs.flatMap(needWithArea).map((code) => bitOf('needs', code)),
    ...AGE_BANDS.filter((band) => min <= band.max && max >= band.min).map((band) => bitOf('ages', band.id)),
    bitOf('providerTypes', record.providerType),
    bitOf('levels', record.provisionLevel),
    bitOf('helpKinds', record.helpKind),
    record.isFree ? bitOf('free', 'free') : 0,
  ])
}

const FILTER_GROUP: Record<keyof SearchFilters, FacetGroup> = {
  needs: 'needs',
  ages: 'ages',
  providerTypes: 'providerTypes',
  levels: 'levels',
  helpKinds: 'helpKinds',
  freeOnly: 'free',
}

/** For each chosen filter, the bits any one of which a result must have (values in a group are alternatives). */
export function filterMasks(filters: SearchFilters, except?: keyof SearchFilters): Array<{ filter: keyof SearchFilters; group: FacetGroup; mask: number }> {
  return (Object.keys(FILTER_GROUP) as Array<keyof SearchFilters>)
    .filter((filter) => filter !== except)
    .map((filter) => {
      const group = FILTER_GROUP[filter]
      const chosen = filters[filter]
      const values = Array.isArray(chosen) ? chosen : chosen ? ['free'] : []
      return { filter, group, mask: sumBits(values.map((value) => bitOf(group, value))) }
    })
    .filter(({ mask }) => mask > 0)
}

export function emptyFacets(): Facets {
  return { needs: {}, ages: {}, providerTypes: {}, levels: {}, helpKinds: {}, free: 0 }
}

export function setFacetCount(facets: Facets, facet: FacetValue, count: number): void {
  if (facet.group === 'free') facets.free = count
  else facets[facet.group][facet.value] = count
}

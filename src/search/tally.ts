// One pass over the candidates of a search, in memory: which pass every chosen filter and the
// radius, how many results each filter value would give, and the order of a page by distance or
// by name. Pure: the same code serves both stores, so their counts and orders cannot drift apart.
import { flatCentre, flatSquaredDistance, flatSquaredRadius, type FlatCentre } from '../geo/distance.js'
import type { DocValues } from './doc-values.js'
import { emptyFacets, FACET_VALUES, filterMasks, maskHalves, setFacetCount } from './facets.js'
import type { EngineQuery, Facets } from './types.js'

/** Which facet values belong to which group, as 32-bit halves of the mask. */
const GROUP_NAMES = [...new Set(FACET_VALUES.map((facet) => facet.group))]
const GROUP_HALVES = GROUP_NAMES.map((group) => maskHalves(FACET_VALUES.filter((facet) => facet.group === group).reduce((sum, facet) => sum + facet.bit, 0)))
const GROUP_LO = GROUP_HALVES.map(([lo]) => lo)
const GROUP_HI = GROUP_HALVES.map(([, hi]) => hi)

export interface Tally {
  total: number
  facets: Facets
  /** Every doc_id that passes, in candidate order. */
  selected: Int32Array
  /** selected[doc_id] is 1 for those: a constant-time test while ranking. */
  isSelected: Uint8Array
}

function distanceOf(values: DocValues, id: number, centre: FlatCentre): number {
  return flatSquaredDistance(centre, values.lat[id]!, values.lng[id]!)
}

/**
 * Filters and counts `candidates` (null: every live record). A chosen filter's own values are
 * counted without that filter, so its other values still say what choosing them would add: a
 * record failing exactly one chosen filter counts towards that filter's values only.
 */
export function tally(values: DocValues, candidates: Int32Array | null, plan: EngineQuery): Tally {
  const chosen = filterMasks(plan.filters).map(({ group, mask }) => {
    const [lo, hi] = maskHalves(mask)
    return { group: GROUP_NAMES.indexOf(group), lo, hi }
  })
  const radius = plan.location?.radiusKm
  const circle = plan.location && radius !== undefined ? { centre: flatCentre(plan.location), limit: flatSquaredRadius(radius) } : undefined
  const ids = candidates ?? values.liveIds
  const counts = new Float64Array(FACET_VALUES.length)
  const isSelected = new Uint8Array(values.size)
  const selected = new Int32Array(ids.length)
  let total = 0

  for (let index = 0; index < ids.length; index++) {
    const id = ids[index]!
    // Matched by the text index but written after this copy was made: the next refresh has it.
    if (id >= values.size || values.live[id] === 0) continue
    // Written as "not within" so that NaN (no place) fails, as NULL does in SQL.
    if (circle && !(distanceOf(values, id, circle.centre) <= circle.limit)) continue
    const lo = values.maskLo[id]!
    const hi = values.maskHi[id]!
    let failed = -1
    let failures = 0
    for (const filter of chosen) {
      if ((lo & filter.lo) === 0 && (hi & filter.hi) === 0) {
        failed = filter.group
        if (++failures > 1) break
      }
    }
    if (failures > 1) continue
    if (failures === 1) {
      countBits(counts, lo & GROUP_LO[failed]!, hi & GROUP_HI[failed]!)
      continue
    }
    countBits(counts, lo, hi)
    selected[total++] = id
    isSelected[id] = 1
  }

  const facets = emptyFacets()
  FACET_VALUES.forEach((facet, index) => setFacetCount(facets, facet, counts[index]!))
  return { total, facets, selected: selected.subarray(0, total), isSelected }
}

/** Adds one to the count of every facet whose bit is set; facet i is bit i (FACET_VALUES order). */
function countBits(counts: Float64Array, lo: number, hi: number): void {
  let low = lo >>> 0
  while (low !== 0) {
    const bit = low & -low
    counts[31 - Math.clz32(bit)]! += 1
    low = (low ^ bit) >>> 0
  }
  let high = hi >>> 0
  while (high !== 0) {
    const bit = high & -high
    counts[63 - Math.clz32(bit)]! += 1
    high = (high ^ bit) >>> 0
  }
}

/** The `count` first of `ids` by `before` (a strict order), without sorting them all. */
export function firstInOrder(ids: Int32Array, count: number, before: (a: number, b: number) => boolean): number[] {
  if (count <= 0) return []
  const best: number[] = []
  for (let index = 0; index < ids.length; index++) {
    const id = ids[index]!
    if (best.length === count && !before(id, best[count - 1]!)) continue
    // Binary search for the place among the best so far.
    let low = 0
    let high = best.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (before(best[middle]!, id)) low = middle + 1
      else high = middle
    }
    best.splice(low, 0, id)
    if (best.length > count) best.pop()
  }
  return best
}

/** Nearest first, records without a place last; then name, then doc_id, so the order is total. */
export function distanceOrder(values: DocValues, location: { lat: number; lng: number }): (a: number, b: number) => boolean {
  const centre = flatCentre(location)
  return (a, b) => {
    const da = distanceOf(values, a, centre)
    const db = distanceOf(values, b, centre)
    const aPlaced = !Number.isNaN(da)
    const bPlaced = !Number.isNaN(db)
    if (aPlaced !== bPlaced) return aPlaced
    if (aPlaced && da !== db) return da < db
    return nameBefore(values, a, b)
  }
}

/** By name (code unit order, the same on both stores), then doc_id. */
export function nameOrder(values: DocValues): (a: number, b: number) => boolean {
  return (a, b) => nameBefore(values, a, b)
}

function nameBefore(values: DocValues, a: number, b: number): boolean {
  const na = values.names[a]!
  const nb = values.names[b]!
  return na === nb ? a < b : na < nb
}

// The in-memory pass that filters, counts and orders search candidates, checked against a
// plain, obviously correct count over the same records.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { AGE_BANDS, HELP_KINDS, PROVIDER_TYPES, PROVISION_LEVELS } from '../../src/domain/model.js'
import { NEED_CODES, needWithArea } from '../../src/domain/needs.js'
import { haversineKm } from '../../src/geo/distance.js'
import { emptyDocValues, parseIdList, setDocValue, type DocValues } from '../../src/search/doc-values.js'
import { facetMask, type FacetedRecord } from '../../src/search/facets.js'
import { distanceOrder, firstInOrder, nameOrder, tally } from '../../src/search/tally.js'
import type { EngineQuery, SearchFilters } from '../../src/search/types.js'

interface Record extends FacetedRecord {
  id: number
  name: string
  lat: number | null
  lng: number | null
}

/** A small deterministic set of records around Birmingham (made up for the test, not real places). */
function records(): Record[] {
  let seed = 7
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
  return Array.from({ length: 400 }, (_, index) => {
    const minAge = Math.floor(next() * 20)
    const placed = next() < 0.9
    return {
      id: index * 3 + 1, // gaps, as deleted doc_ids leave
      name: `Record ${pick(['A', 'B', 'C'])}${index % 7}`,
      needs: [pick(NEED_CODES), ...(next() < 0.3 ? [pick(NEED_CODES)] : [])],
      minAge,
      maxAge: minAge + Math.floor(next() * 8),
      providerType: pick(PROVIDER_TYPES),
      provisionLevel: pick(PROVISION_LEVELS),
      helpKind: pick(HELP_KINDS),
      isFree: next() < 0.5,
      lat: placed ? 52.48 + (next() - 0.5) * 0.2 : null,
      lng: placed ? -1.9 + (next() - 0.5) * 0.3 : null,
    }
  })
}

function valuesOf(list: Record[]): DocValues {
  const values = emptyDocValues(1, Int32Array.from(list.map((record) => record.id)))
  for (const record of list) setDocValue(values, record.id, { ...record, facetMask: facetMask(record) })
  return values
}

const NO_FILTERS: SearchFilters = { needs: [], ages: [], providerTypes: [], levels: [], helpKinds: [], freeOnly: false }

function plan(filters: Partial<SearchFilters>, location?: EngineQuery['location']): EngineQuery {
  return { query: { terms: [], corrections: [], ignored: [] } as unknown as EngineQuery['query'], filters: { ...NO_FILTERS, ...filters }, sort: 'relevance', limit: 20, offset: 0, ...(location ? { location } : {}) }
}

/** The obvious way: does this record pass every chosen filter but `except`? */
function passes(record: Record, filters: SearchFilters, except?: keyof SearchFilters): boolean {
  const needs = new Set(record.needs.flatMap(needWithArea))
  const bands = AGE_BANDS.filter((band) => (record.minAge ?? 0) <= band.max && (record.maxAge ?? 25) >= band.min).map((band) => band.id as string)
  const checks: Array<[keyof SearchFilters, boolean]> = [
    ['needs', filters.needs.length === 0 || filters.needs.some((need) => needs.has(need))],
    ['ages', filters.ages.length === 0 || filters.ages.some((age) => bands.includes(age))],
    ['providerTypes', filters.providerTypes.length === 0 || filters.providerTypes.includes(record.providerType as never)],
    ['levels', filters.levels.length === 0 || filters.levels.includes(record.provisionLevel as never)],
    ['helpKinds', filters.helpKinds.length === 0 || filters.helpKinds.includes(record.helpKind as never)],
    ['freeOnly', !filters.freeOnly || record.isFree === true],
  ]
  return checks.every(([name, ok]) => name === except || ok)
}

void describe('tally', () => {
  const list = records()
  const values = valuesOf(list)

  void test('with no filters, everything passes and each need counts the records that have it', () => {
    const result = tally(values, null, plan({}))
    assert.equal(result.total, list.length)
    for (const code of NEED_CODES) {
      assert.equal(result.facets.needs[code], list.filter((record) => record.needs.flatMap(needWithArea).includes(code)).length, code)
    }
    assert.equal(result.facets.free, list.filter((record) => record.isFree).length)
  })

  void test("filters narrow the total, and a chosen group's counts ignore that group only", () => {
    const filters: SearchFilters = { ...NO_FILTERS, needs: ['autism', 'adhd'], ages: ['5-11'], freeOnly: true }
    const result = tally(values, null, plan(filters))
    assert.equal(result.total, list.filter((record) => passes(record, filters)).length)
    assert.ok(result.total > 0 && result.total < list.length)
    for (const code of NEED_CODES) {
      const expected = list.filter((record) => passes(record, filters, 'needs') && record.needs.flatMap(needWithArea).includes(code)).length
      assert.equal(result.facets.needs[code], expected, `need ${code}`)
    }
    for (const band of AGE_BANDS) {
      const expected = list.filter((record) => passes(record, filters, 'ages') && (record.minAge ?? 0) <= band.max && (record.maxAge ?? 25) >= band.min).length
      assert.equal(result.facets.ages[band.id], expected, `age ${band.id}`)
    }
    for (const type of PROVIDER_TYPES) {
      assert.equal(result.facets.providerTypes[type], list.filter((record) => passes(record, filters) && record.providerType === type).length, type)
    }
    assert.equal(result.facets.free, list.filter((record) => passes(record, filters, 'freeOnly') && record.isFree).length)
  })

  void test('candidates limit the pass to the text matches, and unknown or deleted ids are skipped', () => {
    const some = list.filter((_, index) => index % 5 === 0)
    const candidates = Int32Array.from([...some.map((record) => record.id), values.size + 10, 2])
    const result = tally(values, candidates, plan({}))
    assert.deepEqual(Array.from(result.selected), some.map((record) => record.id))
  })

  void test('a radius keeps records inside the circle and none without a place', () => {
    const centre = { lat: 52.48, lng: -1.9 }
    const result = tally(values, null, plan({}, { ...centre, radiusKm: 4 }))
    const inside = list.filter((record) => record.lat !== null && record.lng !== null && haversineKm(centre, { lat: record.lat, lng: record.lng }) <= 4)
    // The flat-earth circle and the great circle differ by far less than a metre at 4 km; none sits on the edge here.
    assert.deepEqual(new Set(result.selected), new Set(inside.map((record) => record.id)))
    assert.ok(inside.length > 5 && inside.length < list.length / 2)
  })

  void test('firstInOrder gives the same first records as sorting them all', () => {
    const ids = values.liveIds
    const byName = nameOrder(values)
    const sorted = Array.from(ids).sort((a, b) => (byName(a, b) ? -1 : byName(b, a) ? 1 : 0))
    assert.deepEqual(firstInOrder(ids, 25, byName), sorted.slice(0, 25))
    const centre = { lat: 52.5, lng: -1.85 }
    const nearest = distanceOrder(values, centre)
    const byDistance = Array.from(ids).sort((a, b) => (nearest(a, b) ? -1 : nearest(b, a) ? 1 : 0))
    assert.deepEqual(firstInOrder(ids, 40, nearest), byDistance.slice(0, 40))
    // Records without a place come last.
    const placeless = list.filter((record) => record.lat === null).map((record) => record.id)
    assert.deepEqual(new Set(byDistance.slice(-placeless.length)), new Set(placeless))
  })
})

void describe('parseIdList', () => {
  void test('reads comma-joined ids, and nothing from null or an empty string', () => {
    assert.deepEqual(Array.from(parseIdList('3,17,42,1000000')), [3, 17, 42, 1000000])
    assert.deepEqual(Array.from(parseIdList('5')), [5])
    assert.equal(parseIdList(null).length, 0)
    assert.equal(parseIdList('').length, 0)
  })
})

// The grid of places must hand a radius search every record that could be inside its circle:
// checked against the plain test of every record, for circles of several sizes and places.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { boundingBox, flatCentre, flatSquaredDistance, flatSquaredRadius } from '../../src/geo/distance.js'
import { emptyDocValues, setDocValue } from '../../src/search/doc-values.js'
import { buildPlacesGrid } from '../../src/search/places-grid.js'

/** Records scattered over northern England (made up for the test), every tenth without a place, some deleted. */
function scattered() {
  let seed = 11
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const ids = Array.from({ length: 3000 }, (_, index) => index * 2 + 1)
  const live = ids.filter((id) => id % 7 !== 0)
  const values = emptyDocValues(1, Int32Array.from(live))
  for (const id of live) {
    const placed = id % 10 !== 3
    setDocValue(values, id, { facetMask: 0, name: `Record ${id}`, lat: placed ? 53 + next() * 1.5 : null, lng: placed ? -2.8 + next() * 2.5 : null })
  }
  return { values, live }
}

test('near() holds every live record inside the circle, ascending, and none without a place', () => {
  const { values, live } = scattered()
  const grid = buildPlacesGrid(values)
  for (const [lat, lng, radiusKm] of [
    [53.8, -1.55, 1.6],
    [53.48, -2.24, 8],
    [54.2, -1.0, 16],
    [53.0, -2.8, 40], // on the data's corner
    [51.5, -0.1, 5], // nowhere near any record
  ] as const) {
    const centre = flatCentre({ lat, lng })
    const inside = live.filter((id) => flatSquaredDistance(centre, values.lat[id]!, values.lng[id]!) <= flatSquaredRadius(radiusKm))
    const near = [...grid.near(boundingBox({ lat, lng }, radiusKm))]
    assert.deepEqual(near, [...near].sort((a, b) => a - b), 'ascending')
    const held = new Set(near)
    assert.deepEqual(inside.filter((id) => !held.has(id)), [], `${lat},${lng} ${radiusKm} km: nobody inside is missed`)
    assert.ok(near.every((id) => values.live[id] === 1 && !Number.isNaN(values.lat[id]!)), 'only live records with a place')
    // The grid is a pre-filter, not the whole directory: far fewer candidates than records for a small circle.
    if (radiusKm <= 8) assert.ok(near.length < live.length / 5, `${radiusKm} km: ${near.length} candidates`)
  }
})

// The records with a place, in cells of a fixed latitude and longitude, so that a search within a
// radius looks only at the records near the place instead of at every record or every text match
// (docs/decisions/0012-sqlite-posting-lists.md). Made from the doc values on the first radius
// search of each copy, and kept with that copy.
import type { BoundingBox } from '../geo/distance.js'
import type { DocValues } from './doc-values.js'

/** Degrees a cell spans each way: about 5.6 km of latitude, 3.4 km of longitude in England. */
const CELL_DEGREES = 0.05
/** Cell columns per row in a cell's number: longitudes span 360 / 0.05 = 7,200 cells. */
const COLUMNS = 8192

export interface PlacesGrid {
  /** Every live record placed inside the box, and some just outside it; ascending doc_ids. */
  near(box: BoundingBox): Int32Array
}

const cellRow = (lat: number) => Math.floor((lat + 90) / CELL_DEGREES)
const cellColumn = (lng: number) => Math.floor((lng + 180) / CELL_DEGREES)

export function buildPlacesGrid(values: DocValues): PlacesGrid {
  // Counting sort by cell: each cell's doc_ids become a run of `ordered`, ascending within it.
  const ids = Int32Array.from(values.liveIds).sort()
  const cellOf = new Float64Array(ids.length)
  const sizes = new Map<number, number>()
  ids.forEach((id, index) => {
    const lat = values.lat[id]!
    const lng = values.lng[id]!
    const cell = Number.isNaN(lat) || Number.isNaN(lng) ? -1 : cellRow(lat) * COLUMNS + cellColumn(lng)
    cellOf[index] = cell
    if (cell >= 0) sizes.set(cell, (sizes.get(cell) ?? 0) + 1)
  })
  const starts = new Map<number, number>()
  const next = new Map<number, number>()
  let total = 0
  for (const [cell, size] of sizes) {
    starts.set(cell, total)
    next.set(cell, total)
    total += size
  }
  const ordered = new Int32Array(total)
  ids.forEach((id, index) => {
    const cell = cellOf[index]!
    if (cell < 0) return
    const at = next.get(cell)!
    ordered[at] = id
    next.set(cell, at + 1)
  })

  return {
    near(box) {
      const runs: Int32Array[] = []
      let count = 0
      for (let row = cellRow(box.minLat); row <= cellRow(box.maxLat); row++) {
        for (let column = cellColumn(box.minLng); column <= cellColumn(box.maxLng); column++) {
          const cell = row * COLUMNS + column
          const start = starts.get(cell)
          if (start === undefined) continue
          const run = ordered.subarray(start, start + sizes.get(cell)!)
          runs.push(run)
          count += run.length
        }
      }
      const ids = new Int32Array(count)
      let at = 0
      for (const run of runs) {
        ids.set(run, at)
        at += run.length
      }
      return ids.sort()
    },
  }
}

const grids = new WeakMap<DocValues, PlacesGrid>()

/** The grid of this copy of the doc values, made on first use. */
export function placesGridOf(values: DocValues): PlacesGrid {
  let grid = grids.get(values)
  if (!grid) {
    grid = buildPlacesGrid(values)
    grids.set(values, grid)
  }
  return grid
}

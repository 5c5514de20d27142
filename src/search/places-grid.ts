// The records with a place, in cells of a fixed latitude and longitude, so that a search within a
// radius looks only at the records near the place instead of at every record or every text match
// (docs/decisions/0012-sqlite-posting-lists.md). Made from the doc values on the first radius
// search of each copy, and kept with that copy.
import type { BoundingBox } from '../geo/distance.js'
import type { DocValues } from './doc-values.js'

/** Degrees a cell spans each way: about 5.6 km of latitude, 3.4 km of longitude in England. */
const CELL_DEGREES = 0.05

export interface PlacesGrid {
  /** Every live record placed inside the box, and some just outside it; ascending doc_ids. */
  near(box: BoundingBox): Int32Array
}

const cellRow = (lat: number) => Math.floor((lat + 90) / CELL_DEGREES)
const cellColumn = (lng: number) => Math.floor((lng + 180) / CELL_DEGREES)

/**
 * A counting sort by cell over the cells the records span (for England, about 44,000): each
 * cell's doc_ids become one run of `ordered`, found through `starts`.
 */
export function buildPlacesGrid(values: DocValues): PlacesGrid {
  const ids = values.liveIds
  const rowOf = new Int32Array(ids.length)
  const columnOf = new Int32Array(ids.length)
  let firstRow = 0x7fffffff
  let lastRow = -1
  let firstColumn = 0x7fffffff
  let lastColumn = -1
  for (let index = 0; index < ids.length; index++) {
    const id = ids[index]!
    const lat = values.lat[id]!
    const lng = values.lng[id]!
    if (Number.isNaN(lat) || Number.isNaN(lng)) {
      rowOf[index] = -1
      continue
    }
    const row = cellRow(lat)
    const column = cellColumn(lng)
    rowOf[index] = row
    columnOf[index] = column
    if (row < firstRow) firstRow = row
    if (row > lastRow) lastRow = row
    if (column < firstColumn) firstColumn = column
    if (column > lastColumn) lastColumn = column
  }
  const rows = Math.max(0, lastRow - firstRow + 1)
  const columns = Math.max(0, lastColumn - firstColumn + 1)
  const cellOf = new Int32Array(ids.length)
  // starts[cell] .. starts[cell + 1]: that cell's run in `ordered`.
  const starts = new Int32Array(rows * columns + 1)
  for (let index = 0; index < ids.length; index++) {
    const cell = rowOf[index]! < 0 ? -1 : (rowOf[index]! - firstRow) * columns + (columnOf[index]! - firstColumn)
    cellOf[index] = cell
    if (cell >= 0) starts[cell + 1]!++
  }
  for (let cell = 1; cell < starts.length; cell++) starts[cell]! += starts[cell - 1]!
  const ordered = new Int32Array(starts[starts.length - 1]!)
  const next = starts.slice(0, -1)
  for (let index = 0; index < ids.length; index++) {
    const cell = cellOf[index]!
    if (cell >= 0) ordered[next[cell]!++] = ids[index]!
  }

  return {
    near(box) {
      const runs: Int32Array[] = []
      let count = 0
      const top = Math.min(cellRow(box.maxLat), lastRow)
      const right = Math.min(cellColumn(box.maxLng), lastColumn)
      for (let row = Math.max(cellRow(box.minLat), firstRow); row <= top; row++) {
        for (let column = Math.max(cellColumn(box.minLng), firstColumn); column <= right; column++) {
          const cell = (row - firstRow) * columns + (column - firstColumn)
          if (starts[cell + 1] === starts[cell]) continue
          const run = ordered.subarray(starts[cell], starts[cell + 1])
          runs.push(run)
          count += run.length
        }
      }
      const found = new Int32Array(count)
      let at = 0
      for (const run of runs) {
        found.set(run, at)
        at += run.length
      }
      return found.sort()
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

// An in-memory copy of what every search tests for each record: its facet mask, its place and
// its name (for ordering), in columns indexed by doc_id. Counting facets, applying filters and
// radius, and sorting by distance or name then cost a loop over typed arrays instead of reading
// every matching row from the store (docs/decisions/0006-search-counts-in-memory.md).
// The store stays the truth: search_index_state.version, bumped by every index write, says when
// the copy is stale, and a refresh reads only the rows it does not have yet: the indexer replaces a
// changed record's row under a new doc_id, so a row once read never changes.
import { sql, type RawBuilder } from 'kysely'
import type { Store, StoreKind } from '../db/connection.js'
import { maskHalves } from './facets.js'

export interface DocValues {
  version: number
  /** Length of every column: the highest doc_id plus one. */
  size: number
  live: Uint8Array
  /** Facet bits 0–31 and 32–52 (src/search/facets.ts): JavaScript's bitwise operators stop at 32. */
  maskLo: Uint32Array
  maskHi: Uint32Array
  /** NaN where the record has no place. */
  lat: Float64Array
  lng: Float64Array
  names: string[]
  /** Every live doc_id. */
  liveIds: Int32Array
}

const FETCH_BATCH = 5000

/** Empty columns long enough for every id in `liveIds`, each marked live. */
export function emptyDocValues(version: number, liveIds: Int32Array): DocValues {
  const size = liveIds.reduce((highest, id) => Math.max(highest, id + 1), 0)
  const live = new Uint8Array(size)
  for (const id of liveIds) live[id] = 1
  return {
    version,
    size,
    live,
    maskLo: new Uint32Array(size),
    maskHi: new Uint32Array(size),
    lat: new Float64Array(size).fill(Number.NaN),
    lng: new Float64Array(size).fill(Number.NaN),
    names: new Array<string>(size).fill(''),
    liveIds,
  }
}

/** One record's values, as search_documents holds them. */
export function setDocValue(values: DocValues, id: number, record: { facetMask: number; lat: number | null; lng: number | null; name: string }): void {
  ;[values.maskLo[id], values.maskHi[id]] = maskHalves(record.facetMask)
  values.lat[id] = record.lat ?? Number.NaN
  values.lng[id] = record.lng ?? Number.NaN
  values.names[id] = record.name
}

/** Aggregates ids into one comma-joined string inside the store: one row to read, not one per id. */
export function idList(kind: StoreKind, column: RawBuilder<unknown>): RawBuilder<string | null> {
  return kind === 'sqlite' ? sql<string | null>`group_concat(${column})` : sql<string | null>`string_agg(${column}::text, ',')`
}

/** "3,17,42" (from group_concat or string_agg) to ids, without making a string per id. */
export function parseIdList(list: string | null | undefined): Int32Array {
  if (!list) return new Int32Array(0)
  const ids = new Int32Array((list.length >> 1) + 1)
  let count = 0
  let value = 0
  for (let index = 0; index < list.length; index++) {
    const code = list.charCodeAt(index)
    if (code === 44) {
      ids[count++] = value
      value = 0
    } else {
      value = value * 10 + (code - 48)
    }
  }
  ids[count++] = value
  return ids.subarray(0, count)
}

interface ValueRow {
  doc_id: number
  facet_mask: number
  lat: number | null
  lng: number | null
  name: string
}

/** The index's version, bumped by every write to it. */
export async function readIndexVersion(store: Store): Promise<number> {
  const row = await store.db.selectFrom('search_index_state').select('version').where('id', '=', 1).executeTakeFirst()
  return Number(row?.version ?? 0)
}

async function readLiveIds(store: Store): Promise<Int32Array> {
  const result = await sql<{ ids: string | null }>`SELECT ${idList(store.kind, sql`doc_id`)} AS ids FROM search_documents`.execute(store.db)
  return parseIdList(result.rows[0]?.ids)
}

async function readRows(store: Store, ids: Int32Array, everything: boolean): Promise<ValueRow[]> {
  const select = store.db.selectFrom('search_documents').select(['doc_id', 'facet_mask', 'lat', 'lng', 'name'])
  if (everything) return select.execute()
  const rows: ValueRow[] = []
  for (let start = 0; start < ids.length; start += FETCH_BATCH) {
    rows.push(...(await select.where('doc_id', 'in', Array.from(ids.subarray(start, start + FETCH_BATCH))).execute()))
  }
  return rows
}

/** Builds the next copy from the previous one and the store: only rows not held yet are read. */
async function load(store: Store, version: number, previous: DocValues | undefined): Promise<DocValues> {
  const liveIds = await readLiveIds(store)
  const values = emptyDocValues(version, liveIds)
  const missing = previous ? liveIds.filter((id) => id >= previous.size || previous.live[id] === 0) : liveIds
  // Most of the table missing (the first load): one plain scan beats batches of ids.
  const rows = await readRows(store, missing, !previous || missing.length > liveIds.length / 2)

  if (previous) {
    const keep = Math.min(values.size, previous.size)
    values.maskLo.set(previous.maskLo.subarray(0, keep))
    values.maskHi.set(previous.maskHi.subarray(0, keep))
    values.lat.set(previous.lat.subarray(0, keep))
    values.lng.set(previous.lng.subarray(0, keep))
    for (let id = 0; id < keep; id++) values.names[id] = previous.names[id]!
  }
  for (const row of rows) {
    const id = Number(row.doc_id)
    if (id >= values.size) continue // written after the list of live ids was read: the next refresh takes it
    setDocValue(values, id, { facetMask: Number(row.facet_mask), lat: row.lat, lng: row.lng, name: row.name })
  }
  return values
}

export interface DocValuesCache {
  /** The copy for the store's current index version, refreshed first when the index has changed. */
  current(): Promise<DocValues>
  /** The same, for a version the caller has just read itself. */
  at(version: number): Promise<DocValues>
}

export function createDocValuesCache(store: Store): DocValuesCache {
  let cached: DocValues | undefined
  let refreshing: Promise<DocValues> | undefined
  return {
    async current() {
      return this.at(await readIndexVersion(store))
    },
    async at(version) {
      if (cached && cached.version === version) return cached
      // One refresh at a time; searches arriving meanwhile wait for it rather than start another.
      refreshing ??= load(store, version, cached)
        .then((values) => (cached = values))
        .finally(() => (refreshing = undefined))
      return refreshing
    },
  }
}

// Postcode lookup: full postcodes from the ONS National Statistics Postcode Lookup (NSPL) extract,
// and outcode (postcode district) centroids for everywhere else.
//
// Memory: the tables are packed into typed arrays rather than a Map of objects. A postcode
// ("DT1 1AA") is encoded as a number (7 characters of a 37-symbol alphabet < 2^53, so exact in
// a double), the keys are kept sorted in a Float64Array and found by binary search; latitude and
// longitude are stored as integer micro-degrees (Int32Array, ~0.1 m), the council code as an
// index into a small string table (Uint16Array) and "terminated" as one byte. That is 19 bytes
// a postcode, against roughly 150-200 for a Map of objects, so even the full national NSPL
// (~2.7 million postcodes) would fit in about 50 MB.
//
// Outcode centroids: the outcodes.csv file's own latitude/longitude columns are OSGB36
// latitude/longitude (its easting/northing projected back on the Airy ellipsoid, with no datum
// shift), which sit about 100 m east of the WGS84 position. We ignore them and convert the
// easting/northing ourselves, which puts the centroids on the same datum as NSPL.
import { createReadStream } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse'
import { eastingNorthingToLatLng } from './osgb.js'

export interface PostcodeLocation {
  /** The postcode or outcode looked up, normalised ("DT1 1AA", "DT1"). */
  query: string
  lat: number
  lng: number
  /** 'postcode': the postcode's own position (NSPL); 'outcode': the centre of its district, approximate. */
  precision: 'postcode' | 'outcode'
  outcode: string
  /** ONS local authority district code (NSPL `laua`, e.g. E06000059); only with precision 'postcode'. */
  councilCode?: string
  /** With precision 'postcode': whether the postcode is no longer in use (it still has a position). */
  terminated?: boolean
}

export interface PostcodeLookup {
  find(postcode: string): PostcodeLocation | undefined
  /** Number of full postcodes plus outcodes that can be found. */
  readonly size: number
}

/** What the loaded lookup also tells (kept out of PostcodeLookup, so a test double needs only find and size). */
export interface PostcodeCounts {
  readonly postcodeCount: number
  readonly outcodeCount: number
}

export const DEFAULT_POSTCODE_DIR = fileURLToPath(new URL('../../data/postcodes/', import.meta.url))
export const OUTCODES_FILE = 'outcodes.csv'
/** Every `nspl*.csv` file in the directory is loaded (so a council can drop in its own extract). */
const NSPL_FILE = /^nspl.*\.csv$/i

const OUTCODE_RE = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/
const POSTCODE_RE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/
/** NSPL's "no grid reference" position. */
const NO_POSITION_LAT = 99.999999

// ---- key encoding ----------------------------------------------------------------------------

const ALPHABET = ' 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const CODE = new Int8Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) CODE[ALPHABET.charCodeAt(i)] = i

/** Outward code right-padded to 4, inward code to 3 (outcodes: inward ''): a number below 37^7. */
function encodeKey(outward: string, inward: string): number {
  const s = outward.padEnd(4, ' ') + inward.padEnd(3, ' ')
  let key = 0
  for (let i = 0; i < 7; i++) {
    const code = CODE[s.charCodeAt(i)] ?? -1
    if (code < 0) return -1
    key = key * 37 + code
  }
  return key
}

/** Split a postcode or outcode into outward and inward parts; undefined if it is neither. */
export function splitPostcode(input: string): { outward: string; inward: string } | undefined {
  const compact = input.toUpperCase().replace(/\s+/g, '')
  if (compact.length <= 4 && OUTCODE_RE.test(compact)) return { outward: compact, inward: '' }
  const match = POSTCODE_RE.exec(compact)
  if (!match) return undefined
  return { outward: match[1] ?? '', inward: match[2] ?? '' }
}

// ---- packed table ----------------------------------------------------------------------------

const TERMINATED = 1

class TableBuilder {
  length = 0
  keys = new Float64Array(1024)
  lat = new Int32Array(1024)
  lng = new Int32Array(1024)
  council = new Uint16Array(1024)
  flags = new Uint8Array(1024)

  add(key: number, lat: number, lng: number, council: number, flags: number): void {
    if (this.length === this.keys.length) this.grow()
    const i = this.length++
    this.keys[i] = key
    this.lat[i] = Math.round(lat * 1e6)
    this.lng[i] = Math.round(lng * 1e6)
    this.council[i] = council
    this.flags[i] = flags
  }

  private grow(): void {
    const size = this.keys.length * 2
    const grown = <T extends Float64Array | Int32Array | Uint16Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size)
      b.set(a)
      return b
    }
    this.keys = grown(this.keys, (n) => new Float64Array(n))
    this.lat = grown(this.lat, (n) => new Int32Array(n))
    this.lng = grown(this.lng, (n) => new Int32Array(n))
    this.council = grown(this.council, (n) => new Uint16Array(n))
    this.flags = grown(this.flags, (n) => new Uint8Array(n))
  }

  /** Sorted, trimmed copies (the builder's spare capacity is released). */
  build(): PackedTable {
    const n = this.length
    let sorted = true
    for (let i = 1; i < n && sorted; i++) sorted = (this.keys[i - 1] ?? 0) <= (this.keys[i] ?? 0)
    if (sorted) {
      return new PackedTable(
        this.keys.slice(0, n),
        this.lat.slice(0, n),
        this.lng.slice(0, n),
        this.council.slice(0, n),
        this.flags.slice(0, n),
      )
    }
    const order = new Uint32Array(n)
    for (let i = 0; i < n; i++) order[i] = i
    const keys = this.keys
    order.sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0))
    const table = new PackedTable(
      new Float64Array(n),
      new Int32Array(n),
      new Int32Array(n),
      new Uint16Array(n),
      new Uint8Array(n),
    )
    for (let i = 0; i < n; i++) {
      const j = order[i] ?? 0
      table.keys[i] = this.keys[j] ?? 0
      table.lat[i] = this.lat[j] ?? 0
      table.lng[i] = this.lng[j] ?? 0
      table.council[i] = this.council[j] ?? 0
      table.flags[i] = this.flags[j] ?? 0
    }
    return table
  }
}

class PackedTable {
  constructor(
    readonly keys: Float64Array,
    readonly lat: Int32Array,
    readonly lng: Int32Array,
    readonly council: Uint16Array,
    readonly flags: Uint8Array,
  ) {}

  get length(): number {
    return this.keys.length
  }

  indexOf(key: number): number {
    let lo = 0
    let hi = this.keys.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const k = this.keys[mid] ?? 0
      if (k < key) lo = mid + 1
      else if (k > key) hi = mid - 1
      else return mid
    }
    return -1
  }

  has(key: number): boolean {
    return this.indexOf(key) >= 0
  }
}

// ---- loading ---------------------------------------------------------------------------------

/**
 * Stream a CSV file, calling `onHeader` with its header row and then `onRow` with each row (as
 * arrays: about twice as fast as csv-parse's objects, which matters for a national NSPL).
 */
function readCsv(path: string, onHeader: (header: string[]) => void, onRow: (row: string[]) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = createReadStream(path)
    const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true })
    let header = true
    const fail = (error: unknown): void => {
      input.destroy()
      parser.destroy()
      reject(error instanceof Error ? error : new Error(String(error)))
    }
    input.on('error', fail)
    parser.on('error', fail)
    parser.on('data', (row: string[]) => {
      try {
        if (header) {
          header = false
          onHeader(row.map((name) => name.trim()))
        } else {
          onRow(row)
        }
      } catch (error) {
        fail(error)
      }
    })
    parser.on('end', () => {
      if (header) fail(new Error(`${path} is empty`))
      else resolve()
    })
    input.pipe(parser)
  })
}

function columnIndex(header: string[], path: string, name: string | RegExp): number {
  const i = header.findIndex((column) => (typeof name === 'string' ? column === name : name.test(column)))
  if (i < 0) throw new Error(`${path} is missing the column "${String(name)}"`)
  return i
}

interface OutcodeSum {
  lat: number
  lng: number
  n: number
}

function loadNspl(
  path: string,
  builder: TableBuilder,
  councils: string[],
  councilIndex: Map<string, number>,
  sums: Map<string, OutcodeSum>,
): Promise<void> {
  let pcds = 0
  let doterm = 0
  let latCol = 0
  let lngCol = 0
  let councilCol = -1
  return readCsv(
    path,
    (header) => {
      pcds = columnIndex(header, path, 'pcds')
      doterm = columnIndex(header, path, 'doterm')
      latCol = columnIndex(header, path, 'lat')
      lngCol = columnIndex(header, path, 'long')
      // NSPL has renamed its district column over the years: `laua` until 2021, then `lad21cd`...
      councilCol = header.findIndex((name) => name === 'laua' || /^lad\d{2}cd$/.test(name))
    },
    (row) => {
      const latText = row[latCol] ?? ''
      const lngText = row[lngCol] ?? ''
      const lat = Number(latText)
      const lng = Number(lngText)
      // NSPL gives 99.999999, 0 for postcodes without a grid reference (often non-geographic).
      if (latText === '' || lngText === '' || !Number.isFinite(lat) || !Number.isFinite(lng)) return
      if (lat >= NO_POSITION_LAT) return
      const parts = splitPostcode(row[pcds] ?? '')
      if (!parts || parts.inward === '') return
      const key = encodeKey(parts.outward, parts.inward)
      if (key < 0) return
      const code = councilCol >= 0 ? (row[councilCol] ?? '') : ''
      let council = 0
      if (code !== '') {
        council = councilIndex.get(code) ?? 0
        if (council === 0) {
          council = councils.length
          if (council > 0xffff) throw new Error(`Too many council codes in ${path}`)
          councils.push(code)
          councilIndex.set(code, council)
        }
      }
      const terminated = (row[doterm] ?? '') !== ''
      builder.add(key, lat, lng, council, terminated ? TERMINATED : 0)
      if (!terminated) {
        let sum = sums.get(parts.outward)
        if (!sum) {
          sum = { lat: 0, lng: 0, n: 0 }
          sums.set(parts.outward, sum)
        }
        sum.lat += lat
        sum.lng += lng
        sum.n++
      }
    },
  )
}

function loadOutcodes(path: string, builder: TableBuilder, seen: Set<string>): Promise<void> {
  let outcodeCol = 0
  let eastingCol = 0
  let northingCol = 0
  return readCsv(
    path,
    (header) => {
      outcodeCol = columnIndex(header, path, 'postcode')
      eastingCol = columnIndex(header, path, 'easting')
      northingCol = columnIndex(header, path, 'northing')
    },
    (row) => {
      const outcode = (row[outcodeCol] ?? '').trim().toUpperCase()
      const eastingText = row[eastingCol] ?? ''
      const northingText = row[northingCol] ?? ''
      const easting = Number(eastingText)
      const northing = Number(northingText)
      if (!OUTCODE_RE.test(outcode) || eastingText === '' || northingText === '') return
      if (!Number.isFinite(easting) || !Number.isFinite(northing)) return
      // Easting/northing, not the file's OSGB36 lat/long (see the note at the top). The file's
      // Northern Ireland, Isle of Man and Channel Islands rows are on the British grid too,
      // extrapolated, where the Helmert transform is rougher (tens of metres): fine for a centroid.
      const { lat, lng } = eastingNorthingToLatLng(easting, northing)
      builder.add(encodeKey(outcode, ''), lat, lng, 0, 0)
      seen.add(outcode)
    },
  )
}

class PackedPostcodeLookup implements PostcodeLookup, PostcodeCounts {
  constructor(
    private readonly postcodes: PackedTable,
    private readonly outcodes: PackedTable,
    private readonly councils: readonly string[],
  ) {}

  get size(): number {
    return this.postcodes.length + this.outcodes.length
  }

  get postcodeCount(): number {
    return this.postcodes.length
  }

  get outcodeCount(): number {
    return this.outcodes.length
  }

  find(postcode: string): PostcodeLocation | undefined {
    const parts = splitPostcode(postcode)
    if (!parts) return undefined
    const { outward, inward } = parts
    if (inward !== '') {
      const i = this.postcodes.indexOf(encodeKey(outward, inward))
      if (i >= 0) {
        const location: PostcodeLocation = {
          query: `${outward} ${inward}`,
          lat: (this.postcodes.lat[i] ?? 0) / 1e6,
          lng: (this.postcodes.lng[i] ?? 0) / 1e6,
          precision: 'postcode',
          outcode: outward,
          terminated: ((this.postcodes.flags[i] ?? 0) & TERMINATED) !== 0,
        }
        const council = this.councils[this.postcodes.council[i] ?? 0]
        if (council) location.councilCode = council
        return location
      }
    }
    const j = this.outcodes.indexOf(encodeKey(outward, ''))
    if (j < 0) return undefined
    return {
      query: inward === '' ? outward : `${outward} ${inward}`,
      lat: (this.outcodes.lat[j] ?? 0) / 1e6,
      lng: (this.outcodes.lng[j] ?? 0) / 1e6,
      precision: 'outcode',
      outcode: outward,
    }
  }
}

/**
 * Load the postcode lookup from `dir` (default: the repository's data/postcodes): every
 * `nspl*.csv` file (columns pcds, doterm, lat, long and laua or ladNNcd) and `outcodes.csv`
 * (columns postcode, easting, northing). Each file is streamed once.
 * An outcode found in NSPL but missing from outcodes.csv (e.g. SR43, WC99) gets the mean position
 * of its live NSPL postcodes as its centre.
 */
export async function loadPostcodeLookup(dir: string = DEFAULT_POSTCODE_DIR): Promise<PostcodeLookup & PostcodeCounts> {
  const names = await readdir(dir)
  const nsplFiles = names.filter((name) => NSPL_FILE.test(name)).sort()
  if (!names.includes(OUTCODES_FILE) && nsplFiles.length === 0) {
    throw new Error(`No postcode data in ${dir}: expected ${OUTCODES_FILE} and/or nspl*.csv`)
  }

  const postcodes = new TableBuilder()
  const councils: string[] = ['']
  const councilIndex = new Map<string, number>()
  const sums = new Map<string, OutcodeSum>()
  for (const name of nsplFiles) await loadNspl(join(dir, name), postcodes, councils, councilIndex, sums)

  const outcodes = new TableBuilder()
  const seen = new Set<string>()
  if (names.includes(OUTCODES_FILE)) await loadOutcodes(join(dir, OUTCODES_FILE), outcodes, seen)
  for (const [outcode, sum] of sums) {
    if (!seen.has(outcode)) outcodes.add(encodeKey(outcode, ''), sum.lat / sum.n, sum.lng / sum.n, 0, 0)
  }

  return new PackedPostcodeLookup(postcodes.build(), outcodes.build(), councils)
}

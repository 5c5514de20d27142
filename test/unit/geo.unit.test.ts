import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { boundingBox, haversineKm, kmToMiles, milesToKm } from '../../src/geo/distance.js'
import { eastingNorthingToLatLng, isPlausibleBng } from '../../src/geo/osgb.js'
import { DEFAULT_POSTCODE_DIR, loadPostcodeLookup, splitPostcode, type PostcodeCounts, type PostcodeLookup } from '../../src/geo/postcodes.js'

const near = (actual: number, expected: number, tolerance: number, what = ''): void => {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} is not within ${tolerance} of ${expected}`)
}

interface OutcodeRow {
  outcode: string
  easting: number
  northing: number
  lat: number
  lng: number
}
const OUTCODES: OutcodeRow[] = readFileSync(join(DEFAULT_POSTCODE_DIR, 'outcodes.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [outcode, easting, northing, lat, lng] = line.split(',')
    return { outcode: outcode!, easting: Number(easting), northing: Number(northing), lat: Number(lat), lng: Number(lng) }
  })

void describe('eastingNorthingToLatLng', () => {
  void test('reproduces the Ordnance Survey worked example (Caister water tower)', () => {
    // OS "A guide to coordinate systems in Great Britain": E 651409.903, N 313177.270 is
    // 52°39′28.723″N 1°42′57.787″E in WGS84 by the same 7-parameter Helmert transform.
    const { lat, lng } = eastingNorthingToLatLng(651409.903, 313177.27)
    near(lat, 52 + 39 / 60 + 28.723 / 3600, 0.00001, 'lat')
    near(lng, 1 + 42 / 60 + 57.787 / 3600, 0.00001, 'lng')
  })

  void test('rounds to 6 decimals', () => {
    const { lat, lng } = eastingNorthingToLatLng(524351, 182075)
    assert.equal(lat, Number(lat.toFixed(6)))
    assert.equal(lng, Number(lng.toFixed(6)))
    assert.deepEqual({ lat, lng }, { lat: 51.523909, lng: -0.20897 })
  })

  void test('agrees with the outcode centroids, allowing for their datum', () => {
    // outcodes.csv carries both easting/northing and "latitude/longitude", but its lat/long are
    // OSGB36 (Airy ellipsoid, no datum shift), ~100 m east of WGS84. Our WGS84 result must be
    // within ~0.002° of them, and the difference must be that datum shift (50-140 m), for
    // England, Wales and Scotland alike.
    for (const code of ['DT1', 'HG1', 'W10', 'SR1', 'TF1', 'WN1', 'CB4', 'CF10', 'EH1', 'IV1', 'TR18', 'NE1']) {
      const row = OUTCODES.find((r) => r.outcode === code)
      assert.ok(row, code)
      const ours = eastingNorthingToLatLng(row.easting, row.northing)
      near(ours.lat, row.lat, 0.002, `${code} lat`)
      near(ours.lng, row.lng, 0.0025, `${code} lng`)
      const metres = haversineKm(ours, row) * 1000
      assert.ok(metres > 50 && metres < 140, `${code}: ${metres} m`)
      assert.ok(ours.lng < row.lng, `${code}: WGS84 is west of OSGB36`)
    }
  })

  void test('puts the outcode centroids where the NSPL (WGS84) postcodes are, unlike the file\'s own lat/long', () => {
    // Independent check against ONS: the mean position of each outcode's live NSPL postcodes.
    // Centroids differ outcode by outcode, but a datum error shows up as a bias across all of them.
    const sums = new Map<string, { lat: number; lng: number; n: number }>()
    const nspl = readFileSync(join(DEFAULT_POSTCODE_DIR, 'nspl-nov2021-9-areas.csv'), 'utf8').trim().split('\n').slice(1)
    for (const line of nspl) {
      const [pcds, doterm, , lat, lng] = line.split(',')
      if (doterm || Number(lat) > 90) continue
      const outcode = pcds!.split(' ')[0]!
      const sum = sums.get(outcode) ?? { lat: 0, lng: 0, n: 0 }
      sum.lat += Number(lat)
      sum.lng += Number(lng)
      sum.n++
      sums.set(outcode, sum)
    }
    let n = 0
    let ourBias = 0
    let fileBias = 0
    for (const row of OUTCODES) {
      const sum = sums.get(row.outcode)
      if (!sum || sum.n < 20) continue
      n++
      ourBias += sum.lng / sum.n - eastingNorthingToLatLng(row.easting, row.northing).lng
      fileBias += sum.lng / sum.n - row.lng
    }
    assert.ok(n > 50, `${n} outcodes compared`)
    assert.ok(Math.abs(ourBias / n) < 0.0003, `our mean longitude bias ${ourBias / n}`)
    assert.ok(Math.abs(fileBias / n) > 0.001, `the file's mean longitude bias ${fileBias / n}`)
  })

  void test('rejects what is not a number; knows the grid\'s extent', () => {
    assert.throws(() => eastingNorthingToLatLng(Number.NaN, 100), RangeError)
    assert.ok(isPlausibleBng(524351, 182075))
    assert.ok(!isPlausibleBng(9_999_999, 182075))
    assert.ok(!isPlausibleBng(524351, -1))
  })
})

void describe('distance', () => {
  void test('haversine', () => {
    const london = { lat: 51.5074, lng: -0.1278 }
    const paris = { lat: 48.8566, lng: 2.3522 }
    near(haversineKm(london, paris), 343.5, 1)
    near(haversineKm(paris, london), haversineKm(london, paris), 1e-9)
    assert.equal(haversineKm(london, london), 0)
    // One degree of latitude is ~111.2 km.
    near(haversineKm({ lat: 50, lng: -2 }, { lat: 51, lng: -2 }), 111.2, 0.1)
  })

  void test('miles', () => {
    near(kmToMiles(1.609344), 1, 1e-12)
    near(kmToMiles(10), 6.2137, 0.0001)
    near(milesToKm(kmToMiles(7)), 7, 1e-12)
  })

  void test('boundingBox contains the circle', () => {
    const centre = { lat: 50.71528, lng: -2.444281 }
    const radiusKm = 8
    const box = boundingBox(centre, radiusKm)
    assert.ok(box.minLat < centre.lat && centre.lat < box.maxLat)
    assert.ok(box.minLng < centre.lng && centre.lng < box.maxLng)
    near(haversineKm(centre, { lat: box.maxLat, lng: centre.lng }), radiusKm, 0.001)
    near(haversineKm(centre, { lat: box.minLat, lng: centre.lng }), radiusKm, 0.001)
    // Every point on the circle is inside the box.
    for (let bearing = 0; bearing < 360; bearing += 5) {
      const b = (bearing * Math.PI) / 180
      const dLat = ((radiusKm / 6371.0088) * Math.cos(b) * 180) / Math.PI
      const dLng = ((radiusKm / 6371.0088) * Math.sin(b) * 180) / Math.PI / Math.cos((centre.lat * Math.PI) / 180)
      const point = { lat: centre.lat + dLat * 0.999, lng: centre.lng + dLng * 0.999 }
      assert.ok(point.lat >= box.minLat && point.lat <= box.maxLat, `bearing ${bearing}`)
      assert.ok(point.lng >= box.minLng && point.lng <= box.maxLng, `bearing ${bearing}`)
    }
    // And the box is not much wider than it must be (about 16 km east-west).
    near(haversineKm({ lat: centre.lat, lng: box.minLng }, { lat: centre.lat, lng: box.maxLng }), 2 * radiusKm, 0.1)
  })

  void test('boundingBox at the edges', () => {
    const polar = boundingBox({ lat: 89.99, lng: 0 }, 50)
    assert.equal(polar.maxLat, 90)
    assert.deepEqual([polar.minLng, polar.maxLng], [-180, 180])
    const zero = boundingBox({ lat: 51, lng: 0 }, 0)
    assert.deepEqual(zero, { minLat: 51, maxLat: 51, minLng: 0, maxLng: 0 })
    assert.throws(() => boundingBox({ lat: 51, lng: 0 }, -1), RangeError)
  })
})

void describe('postcode lookup', () => {
  let lookup: PostcodeLookup & PostcodeCounts
  let dir: string
  before(async () => {
    lookup = await loadPostcodeLookup()
    dir = mkdtempSync(join(tmpdir(), 'postcodes-'))
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  void test('loads the NSPL extract and the outcodes', () => {
    // 73,182 NSPL rows less 246 with no grid reference; 2,848 outcodes.
    assert.equal(lookup.postcodeCount, 72_936)
    assert.equal(lookup.outcodeCount, 2_848)
    assert.equal(lookup.size, 72_936 + 2_848)
  })

  void test('a full postcode in NSPL has its own position and council', () => {
    assert.deepEqual(lookup.find('DT1 1AA'), {
      query: 'DT1 1AA',
      lat: 50.71528,
      lng: -2.444281,
      precision: 'postcode',
      outcode: 'DT1',
      councilCode: 'E06000059',
      terminated: false,
    })
    assert.deepEqual(lookup.find(' dt11aa '), lookup.find('DT1 1AA'))
    assert.equal(lookup.find('HG1 1AA')?.councilCode, 'E07000165')
    assert.equal(lookup.find('WC1E 6BT')?.precision, 'postcode')
  })

  void test('a terminated postcode still has its position, flagged', () => {
    const line = readFileSync(join(DEFAULT_POSTCODE_DIR, 'nspl-nov2021-9-areas.csv'), 'utf8')
      .split('\n')
      .find((l) => /^DT\S* \S+,\d{6},E\d{8},5/.test(l))
    assert.ok(line)
    const [pcds, , laua, lat, lng] = line.split(',')
    const found = lookup.find(pcds!)
    assert.equal(found?.precision, 'postcode')
    assert.equal(found?.terminated, true)
    assert.equal(found?.councilCode, laua)
    assert.equal(found?.lat, Number(lat))
    assert.equal(found?.lng, Number(lng))
  })

  void test('a full postcode outside the NSPL areas falls back to its outcode centre', () => {
    const found = lookup.find('CB4 1AA')
    assert.ok(found)
    assert.equal(found.precision, 'outcode')
    assert.equal(found.query, 'CB4 1AA')
    assert.equal(found.outcode, 'CB4')
    assert.equal(found.councilCode, undefined)
    near(found.lat, 52.2435, 0.001)
    near(found.lng, 0.1135, 0.001)
    // A postcode NSPL has but cannot place (no grid reference) also falls back.
    assert.equal(lookup.find('DT1 9YH')?.precision, 'outcode')
  })

  void test('an outcode gives its centre', () => {
    const found = lookup.find('dt1')
    assert.equal(found?.precision, 'outcode')
    assert.equal(found?.query, 'DT1')
    // The centre is within the town: about 300 m from DT1 1AA.
    assert.ok(found && haversineKm(found, lookup.find('DT1 1AA')!) < 1)
  })

  void test('unknown or malformed input finds nothing', () => {
    for (const input of ['', 'nonsense', 'ZZ9', 'ZZ9 9ZZ', 'DT1 1A', '12345', 'DT1 1AAA']) {
      assert.equal(lookup.find(input), undefined, input)
    }
  })

  void test('splitPostcode', () => {
    assert.deepEqual(splitPostcode('sw1a1aa'), { outward: 'SW1A', inward: '1AA' })
    assert.deepEqual(splitPostcode('DT11'), { outward: 'DT11', inward: '' })
    assert.deepEqual(splitPostcode('DT11 1AA'), { outward: 'DT11', inward: '1AA' })
    assert.equal(splitPostcode('DT1 1A'), undefined)
  })

  void test('loads other NSPL editions and unsorted files; fills outcodes missing from outcodes.csv', async () => {
    writeFileSync(
      join(dir, 'nspl-test.csv'),
      [
        'pcd,pcds,dointr,doterm,lad21cd,lat,long,extra',
        '"ZZ1 2BB","ZZ1 2BB","202101","","E06000059",50.2,-2.2,"x"',
        '"ZZ1 1AA","ZZ1 1AA","202101","","E06000059",50.1,-2.1,"x"',
        '"ZZ1 3CC","ZZ1 3CC","202101","202201","",50.3,-2.3,"x"',
        '"ZZ1 9ZZ","ZZ1 9ZZ","202101","",,99.999999,0.000000,"x"',
      ].join('\r\n'),
    )
    writeFileSync(join(dir, 'outcodes.csv'), 'postcode,easting,northing,latitude,longitude\nDT1,368900,90300,50.71093,-2.44052\n')
    const small = await loadPostcodeLookup(dir)
    assert.equal(small.postcodeCount, 3)
    assert.equal(small.outcodeCount, 2)
    assert.deepEqual(small.find('ZZ1 1AA'), {
      query: 'ZZ1 1AA',
      lat: 50.1,
      lng: -2.1,
      precision: 'postcode',
      outcode: 'ZZ1',
      councilCode: 'E06000059',
      terminated: false,
    })
    assert.equal(small.find('ZZ1 2BB')?.lat, 50.2)
    assert.equal(small.find('ZZ1 3CC')?.terminated, true)
    assert.equal(small.find('ZZ1 3CC')?.councilCode, undefined)
    // ZZ1 is not in outcodes.csv: its centre is the mean of its live postcodes.
    const zz1 = small.find('ZZ1')
    assert.ok(zz1)
    assert.equal(zz1.precision, 'outcode')
    near(zz1.lat, 50.15, 1e-6)
    near(zz1.lng, -2.15, 1e-6)
    assert.equal(small.find('ZZ1 9ZZ')?.precision, 'outcode')
  })

  void test('rejects a directory with no postcode data, and a file without the columns it needs', async () => {
    const empty = mkdtempSync(join(dir, 'empty-'))
    await assert.rejects(loadPostcodeLookup(empty), /No postcode data/)
    const bad = mkdtempSync(join(dir, 'bad-'))
    writeFileSync(join(bad, 'outcodes.csv'), 'outcode,lat,long\nDT1,50.7,-2.4\n')
    await assert.rejects(loadPostcodeLookup(bad), /missing the column "postcode"/)
  })

  void test('is memory-lean: a few MB for ~76,000 entries', async (t) => {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    gc()
    const before = process.memoryUsage()
    const started = performance.now()
    const another = await loadPostcodeLookup()
    const loadMs = performance.now() - started
    gc()
    const afterLoad = process.memoryUsage()
    const grown = afterLoad.heapUsed - before.heapUsed + (afterLoad.arrayBuffers - before.arrayBuffers)
    t.diagnostic(`loaded ${another.size} entries in ${loadMs.toFixed(0)} ms; ${(grown / 1e6).toFixed(2)} MB`)
    assert.ok(another.size > 75_000)
    // Measured at ~2.4 MB (0.8 MB heap + 1.6 MB typed arrays); a Map of objects would be ~15 MB.
    assert.ok(grown < 8_000_000, `the lookup costs ${grown} bytes`)
  })
})

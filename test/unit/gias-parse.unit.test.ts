import assert from 'node:assert/strict'
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { after, before, describe, test } from 'node:test'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import iconv from 'iconv-lite'
import { haversineKm } from '../../src/geo/distance.js'
import { loadPostcodeLookup } from '../../src/geo/postcodes.js'
import {
  giasDate,
  normaliseGiasPostcode,
  normaliseWebsite,
  parseGias,
  type GiasParseResult,
} from '../../src/importers/gias/parse.js'

const SAMPLE = new URL('../fixtures/gias/edubase-sample.csv', import.meta.url)
const SAMPLE_PATH = SAMPLE.pathname

// The real 133-column header, from the sample (the fixture is Windows-1252 like the real file).
const HEADER: string[] = iconv
  .decode(readFileSync(SAMPLE), 'win1252')
  .split('\n')[0]!
  .split('","')
  .map((name) => name.replace(/^"|"$/g, ''))

function csvLine(values: string[]): string {
  return values.map((value) => `"${value.replace(/"/g, '""')}"`).join(',')
}

/** A generated GIAS row: every column of the real header, with the given values. */
function giasRow(values: Record<string, string>): string {
  for (const column of Object.keys(values)) assert.ok(HEADER.includes(column), `test uses unknown column ${column}`)
  return csvLine(HEADER.map((column) => values[column] ?? ''))
}

const BASE: Record<string, string> = {
  URN: '999001',
  'LA (code)': '838',
  'LA (name)': 'Dorset',
  EstablishmentName: 'Generated Test School',
  'TypeOfEstablishment (name)': 'Community special school',
  'EstablishmentStatus (name)': 'Open',
  'PhaseOfEducation (name)': 'Not applicable',
  StatutoryLowAge: '4',
  StatutoryHighAge: '19',
  OpenDate: '01-09-2015',
  LastChangedDate: '02-01-2025',
  Postcode: 'dt1 1aa',
  // DT1 1AA's position (NSPL 50.715280, -2.444281) on the British grid.
  Easting: '368730',
  Northing: '90722',
  HeadFirstName: 'Generated',
  HeadLastName: 'Headteacher-Name',
}

function giasFile(rows: Record<string, string>[]): string {
  return [csvLine(HEADER), ...rows.map((row) => giasRow({ ...BASE, ...row }))].join('\r\n') + '\r\n'
}

async function collect(input: NodeJS.ReadableStream | string): Promise<GiasParseResult[]> {
  const results: GiasParseResult[] = []
  for await (const result of parseGias(input)) results.push(result)
  return results
}

function okSchools(results: GiasParseResult[]) {
  return results.flatMap((result) => (result.ok ? [result.school] : []))
}

let dir: string
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'gias-parse-'))
})
after(() => {
  rmSync(dir, { recursive: true, force: true })
})

void describe('the real sample (4 rows, full GIAS header)', () => {
  void test('has the 133-column header we map from', () => {
    assert.equal(HEADER.length, 133)
    for (const column of ['SEN1 (name)', 'TypeOfResourcedProvision (name)', 'ResourcedProvisionCapacity', 'SenUnitCapacity', 'OfstedRating (name)', 'Easting', 'Northing', 'DistrictAdministrative (code)']) {
      assert.ok(HEADER.includes(column), column)
    }
  })

  void test('every row parses, with its line number', async () => {
    const results = await collect(SAMPLE_PATH)
    assert.equal(results.length, 4)
    assert.deepEqual(
      results.map((result) => [result.ok, result.line]),
      [
        [true, 2],
        [true, 3],
        [true, 4],
        [true, 5],
      ],
    )
    assert.deepEqual(okSchools(results).map((school) => school.urn), ['100492', '100459', '100494', '100171'])
  })

  void test('URN 100492 maps to a school', async () => {
    const school = okSchools(await collect(SAMPLE_PATH)).find((s) => s.urn === '100492')
    assert.ok(school)
    assert.equal(school.name, "St Thomas' CofE Primary School")
    assert.equal(school.laCode, '207')
    assert.equal(school.laName, 'Kensington and Chelsea')
    assert.equal(school.councilCode, 'E09000020')
    assert.equal(school.phase, 'Primary')
    assert.equal(school.statutoryLowAge, 3)
    assert.equal(school.statutoryHighAge, 11)
    assert.equal(school.establishmentType, 'Voluntary aided school')
    assert.equal(school.typeGroup, 'LA maintained schools')
    assert.equal(school.status, 'Open')
    assert.equal(school.gender, 'Mixed')
    assert.equal(school.religiousCharacter, 'Church of England')
    assert.equal(school.capacity, 236)
    assert.equal(school.pupils, 237)
    assert.equal(school.street, 'Appleford Road')
    assert.equal(school.locality, 'North Kensington')
    assert.equal(school.town, 'London')
    assert.equal(school.postcode, 'W10 5EF')
    assert.equal(school.website, 'http://www.st.rbkc.sch.uk')
    assert.equal(school.telephone, '02089692810')
    assert.equal(school.ukprn, '10079297')
    assert.equal(school.ofstedRating, 'Outstanding')
    assert.deepEqual(school.senProvision, [])
    assert.equal(school.resourcedProvision, undefined)
    assert.equal(school.senUnit, undefined)
    // "Not applicable" (ReasonEstablishmentOpened etc.) and empty columns are left out, not stored.
    assert.equal(school.openDate, undefined)
    assert.equal(school.closeDate, undefined)
    assert.equal(school.address3, undefined)
    assert.equal(school.county, undefined)
  })

  void test('dates become YYYY-MM-DD', async () => {
    const schools = okSchools(await collect(SAMPLE_PATH))
    assert.deepEqual(
      schools.map((school) => school.lastChangedDate),
      ['2018-09-19', '2018-12-13', '2018-09-19', '2018-09-19'],
    )
  })

  void test('easting/northing become WGS84 lat/lng near the school', async () => {
    const school = okSchools(await collect(SAMPLE_PATH)).find((s) => s.urn === '100492')
    assert.ok(school?.lat !== undefined && school.lng !== undefined)
    assert.equal(school.easting, 524351)
    assert.equal(school.northing, 182075)
    assert.ok(Math.abs(school.lat - 51.52) < 0.01, `lat ${school.lat}`)
    assert.ok(Math.abs(school.lng - -0.21) < 0.01, `lng ${school.lng}`)
    // W10 is a small district; its centre (approximate, 100 m grid) is about 530 m away.
    const lookup = await loadPostcodeLookup()
    const w10 = lookup.find('W10')
    assert.ok(w10)
    const km = haversineKm(school as { lat: number; lng: number }, w10)
    assert.ok(km < 1, `${km} km from the centre of W10`)
    // Every sample school lies within 1.5 km of its own outcode's centre.
    for (const s of okSchools(await collect(SAMPLE_PATH))) {
      const centre = lookup.find(s.postcode!.split(' ')[0]!)
      assert.ok(centre && s.lat !== undefined && s.lng !== undefined)
      assert.ok(haversineKm({ lat: s.lat, lng: s.lng }, centre) < 1.5, s.urn)
    }
  })

  void test("the head teacher's name is never kept", async () => {
    const json = JSON.stringify(await collect(SAMPLE_PATH))
    for (const name of ['Sarah', 'Bouette', 'Heffernan', 'Kathleen', 'Wainwright']) assert.ok(!json.includes(name), name)
  })

  void test('a bare website gets http://', async () => {
    const school = okSchools(await collect(SAMPLE_PATH)).find((s) => s.urn === '100459')
    assert.equal(school?.website, 'http://www.sta.islington.sch.uk')
  })

  void test('accepts a stream as well as a path', async () => {
    const results = await collect(Readable.from([readFileSync(SAMPLE)]))
    assert.equal(okSchools(results).length, 4)
  })
})

void describe('generated rows', () => {
  void test('Windows-1252 text decodes (generated test row)', async () => {
    const name = 'Saint Étienne École (generated test row) – “Ysgol” ‘Gymraeg’ £5'
    const bytes = iconv.encode(giasFile([{ EstablishmentName: name, Street: 'Rue de l’Église', Town: 'Llandaf' }]), 'win1252')
    // The file is really Windows-1252, not Latin-1 or UTF-8: É is 0xC9, the en dash 0x96.
    assert.ok(bytes.includes(0xc9) && bytes.includes(0x96) && bytes.includes(0x93))
    const path = join(dir, 'generated-win1252.csv')
    writeFileSync(path, bytes)
    const [result] = await collect(path)
    assert.ok(result?.ok)
    assert.equal(result.school.name, name)
    assert.equal(result.school.street, 'Rue de l’Église')
  })

  void test('a file re-saved by Excel as "CSV UTF-8" (with a byte order mark) decodes too', async () => {
    const name = 'Saint Étienne École (generated test row)'
    const path = join(dir, 'generated-utf8-bom.csv')
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(giasFile([{ EstablishmentName: name }]), 'utf8')]))
    const [result] = await collect(path)
    assert.ok(result?.ok, JSON.stringify(result))
    assert.equal(result.school.name, name)
  })

  void test('fields are mapped: SEN needs, resourced provision, dates, postcode, position', async () => {
    const results = await collect(
      Readable.from([
        giasFile([
          {
            'SEN1 (name)': 'ASD - Autistic Spectrum Disorder',
            'SEN2 (name)': 'SpLD - Specific Learning Difficulty',
            'SEN3 (name)': 'OTH - Other Difficulty/Disability',
            'SEN4 (name)': 'BESD - Behaviour, Emotional and Social Difficulty',
            'SEN5 (name)': 'ASD - Autistic Spectrum Disorder',
            'SEN6 (name)': 'Not Applicable',
            'TypeOfResourcedProvision (name)': 'Resourced provision and SEN unit',
            ResourcedProvisionCapacity: '12',
            SenUnitCapacity: '8',
            CloseDate: '31-08-2024',
            SchoolWebsite: 'https://www.example.sch.uk/send',
            'DistrictAdministrative (code)': 'E06000059',
          },
          { URN: '999002', 'TypeOfResourcedProvision (name)': 'SEN unit', SchoolWebsite: 'javascript:alert(1)', Postcode: 'DT11AA' },
        ]),
      ]),
    )
    const [first, second] = results
    assert.ok(first?.ok && second?.ok)
    const school = first.school
    assert.deepEqual(school.senProvision, ['autism', 'spld', 'semh-needs'])
    assert.deepEqual(first.unmappedSen, ['OTH - Other Difficulty/Disability'])
    assert.equal(school.resourcedProvision, 'Resourced provision')
    assert.equal(school.senUnit, 'SEN unit')
    assert.equal(school.resourcedProvisionCapacity, 12)
    assert.equal(school.senUnitCapacity, 8)
    assert.equal(school.openDate, '2015-09-01')
    assert.equal(school.closeDate, '2024-08-31')
    assert.equal(school.phase, undefined) // "Not applicable"
    assert.equal(school.postcode, 'DT1 1AA')
    assert.equal(school.website, 'https://www.example.sch.uk/send')
    assert.equal(school.councilCode, 'E06000059')
    assert.ok(school.lat !== undefined && Math.abs(school.lat - 50.71528) < 0.0002)
    assert.ok(school.lng !== undefined && Math.abs(school.lng - -2.444281) < 0.0002)
    assert.equal(second.school.resourcedProvision, undefined)
    assert.equal(second.school.senUnit, 'SEN unit')
    assert.equal(second.school.website, undefined)
    assert.equal(second.school.postcode, 'DT1 1AA')
    assert.equal(second.unmappedSen, undefined)
  })

  void test('a bad row is reported with its line and column, and the good rows still come', async () => {
    const file = giasFile([
      { URN: '999001' },
      { URN: '999002', OpenDate: '31-02-2020' },
      { URN: '999003', Street: 'A street\nover two lines' },
      { URN: '' },
      { URN: 'ABC123' },
      { URN: '999006', Easting: '9999999' },
      { URN: '999007', StatutoryLowAge: 'four', LastChangedDate: '2025-01-02' },
      { URN: '999008' },
    ])
    // A row with a column missing, between the fourth and fifth rows (line 7 of the file; the
    // third row spans lines 4-5).
    const lines = file.split('\r\n')
    lines.splice(5, 0, csvLine(HEADER.slice(1).map(() => 'x')))
    const results = await collect(Readable.from([lines.join('\r\n')]))

    assert.deepEqual(
      results.map((result) => [result.line, result.ok]),
      [
        [2, true],
        [3, false],
        [4, true],
        [6, false],
        [7, false],
        [8, false],
        [9, false],
        [10, false],
        [11, true],
      ],
    )
    const errors = results.flatMap((result) => (result.ok ? [] : [result.error]))
    assert.match(errors[0]!, /^Line 3 \(URN 999002\): OpenDate "31-02-2020" is not a date in DD-MM-YYYY form$/)
    assert.match(errors[1]!, /^Line 6: URN is empty$/)
    assert.match(errors[2]!, /^Line 7: the row has 132 columns where the header has 133; the row was skipped$/)
    assert.match(errors[3]!, /^Line 8 \(URN ABC123\): URN "ABC123" is not a number$/)
    assert.match(errors[4]!, /^Line 9 \(URN 999006\): Easting 9999999 is off the British National Grid/)
    assert.match(errors[5]!, /StatutoryLowAge "four" is not a whole number; LastChangedDate "2025-01-02" is not a date/)
    const bad = results[1]
    assert.ok(bad && !bad.ok)
    assert.deepEqual(bad.columns, ['OpenDate'])
    assert.equal(bad.urn, '999002')
    assert.deepEqual(okSchools(results).map((school) => school.urn), ['999001', '999003', '999008'])
    assert.equal(okSchools(results)[1]?.street, 'A street over two lines')
  })

  void test('a CSV that is not a GIAS file throws a clear error before any row', async () => {
    const path = join(dir, 'not-gias.csv')
    writeFileSync(path, 'id,name,postcode\n1,Somewhere,DT1 1AA\n')
    let yielded = 0
    await assert.rejects(async () => {
      for await (const result of parseGias(path)) yielded += result ? 1 : 0
    }, /^Error: This is not a GIAS establishments file: column URN is missing$/)
    assert.equal(yielded, 0)

    await assert.rejects(
      collect(Readable.from(['"URN","LA (code)","Name"\n"100000","201","x"\n'])),
      /This is not a GIAS establishments file: column EstablishmentName is missing/,
    )
    await assert.rejects(collect(Readable.from([Buffer.alloc(0)])), /This is not a GIAS establishments file: it is empty/)
  })

  void test('a missing file rejects', async () => {
    await assert.rejects(collect(join(dir, 'no-such-file.csv')), /ENOENT/)
  })

  void test('stopping early closes the file', async () => {
    for await (const result of parseGias(SAMPLE_PATH)) {
      assert.ok(result.ok)
      break
    }
  })
})

void describe('helpers', () => {
  void test('giasDate', () => {
    assert.equal(giasDate('01-09-2015'), '2015-09-01')
    assert.equal(giasDate('1/9/2015'), '2015-09-01')
    assert.equal(giasDate('29-02-2024'), '2024-02-29')
    assert.equal(giasDate('29-02-2023'), undefined)
    assert.equal(giasDate('2015-09-01'), undefined)
    assert.equal(giasDate('00-00-0000'), undefined)
  })

  void test('normaliseWebsite', () => {
    assert.equal(normaliseWebsite('www.school.sch.uk'), 'http://www.school.sch.uk')
    assert.equal(normaliseWebsite('HTTPS://www.school.sch.uk/'), 'HTTPS://www.school.sch.uk/')
    assert.equal(normaliseWebsite('not a website'), undefined)
    assert.equal(normaliseWebsite('localhost'), undefined)
    assert.equal(normaliseWebsite('mailto:head@school.sch.uk'), undefined)
    assert.equal(normaliseWebsite(''), undefined)
  })

  void test('normaliseGiasPostcode', () => {
    assert.equal(normaliseGiasPostcode(' w10  5ef '), 'W10 5EF')
    assert.equal(normaliseGiasPostcode('SE185PW'), 'SE18 5PW')
    assert.equal(normaliseGiasPostcode('BFPO 1'), 'BFPO 1')
  })
})

void describe('streaming', () => {
  void test('a 20,000-row file streams with bounded memory', async (t) => {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    const path = join(dir, 'generated-large.csv')
    const rows = 20_000
    // Realistic row size (~1 KB): the long-text columns are filled, as in the real file.
    const filler = {
      'MSOA (name)': 'Generated Middle Layer Super Output Area 001',
      'LSOA (name)': 'Generated Lower Layer Super Output Area 001A',
      'AdministrativeWard (name)': 'Generated Ward',
      'ParliamentaryConstituency (name)': 'Generated Constituency',
      'RSCRegion (name)': 'North-West London and South-Central England',
      'Diocese (name)': 'Generated Diocese',
      Street: 'Generated Street',
      Locality: 'Generated Locality',
      Town: 'Generated Town',
      'SEN1 (name)': 'ASD - Autistic Spectrum Disorder',
    }
    const out = createWriteStream(path)
    out.write(iconv.encode(csvLine(HEADER) + '\r\n', 'win1252'))
    for (let i = 0; i < rows; i++) {
      const line = giasRow({ ...BASE, ...filler, URN: String(200000 + i), EstablishmentName: `Generated School ${i} – É` }) + '\r\n'
      if (!out.write(iconv.encode(line, 'win1252'))) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
    }
    out.end()
    await finished(out)
    const fileSize = statSync(path).size
    assert.ok(fileSize > 15_000_000, `generated file is ${fileSize} bytes`)

    // Heap plus external memory (Buffers, and large strings, which V8 may keep outside the heap).
    const used = (): number => {
      const memory = process.memoryUsage()
      return memory.heapUsed + memory.external
    }
    gc()
    const baseline = used()
    let peak = 0
    let ok = 0
    let last = ''
    for await (const result of parseGias(path)) {
      if (result.ok) {
        ok++
        last = result.school.urn
      }
      if (ok % 2000 === 0) {
        gc()
        peak = Math.max(peak, used() - baseline)
      }
    }
    t.diagnostic(`memory grew by at most ${(peak / 1e6).toFixed(1)} MB reading a ${(fileSize / 1e6).toFixed(1)} MB file`)
    assert.equal(ok, rows)
    assert.equal(last, String(200000 + rows - 1))
    // Reading the whole file would take at least its size in strings (and ~10x as row objects);
    // streaming stays at a few MB whatever the file's size (measured: ~1.5 MB for 20 or 65 MB).
    assert.ok(peak < fileSize / 4, `memory grew by ${peak} bytes for a ${fileSize}-byte file`)
  })
})

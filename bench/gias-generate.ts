// Writes a SYNTHETIC GIAS all-establishments file at national scale (50,000 rows by default) for
// the importer benchmark: the register's real 133-column header (read from the real sample),
// Windows-1252, quoted like DfE's download, CRLF line ends, DD-MM-YYYY dates, British National
// Grid easting/northing near real English postcode district centres.
//
// Every establishment name ends "(synthetic)"; head teachers are "Synthetic Headteacher"; web
// addresses are on example.org and phone numbers in Ofcom's drama range (01632 960xxx). Council
// codes are E99xxxxxx, which no real council has.
//
// Proportions (approximate, after the real register): about 27% of rows closed, special schools
// about 4% of establishments with three to eight SEN1..SEN13 types each, resourced provision or an
// SEN unit in about 5% of open mainstream schools, SENStat/SENNoStat filled for about 60% of open
// schools. Seeded, so the same row count always gives the same file.
//
//   npx tsx bench/gias-generate.ts [--rows=50000] [--out=bench/.cache/gias-synthetic-50000.csv]
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { once } from 'node:events'
import { parse } from 'csv-parse/sync'
import iconv from 'iconv-lite'

const ROOT = resolve(import.meta.dirname, '..')
const SAMPLE = resolve(ROOT, 'data/gias/edubase-sample.csv')
const OUTCODES = resolve(ROOT, 'data/postcodes/outcodes.csv')
/** Bump when the generated rows change, so a cached file is not reused. */
const GENERATOR_VERSION = 1

export const NATIONAL_ROWS = 50_000

export function cachedFilePath(rows: number): string {
  return resolve(ROOT, `bench/.cache/gias-synthetic-${rows}-v${GENERATOR_VERSION}.csv`)
}

// ---- seeded randomness -------------------------------------------------------------------------

/** mulberry32: small, fast and good enough to vary synthetic rows. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Rng = () => number
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!
const between = (rng: Rng, low: number, high: number): number => low + Math.floor(rng() * (high - low + 1))

function weighted<T>(rng: Rng, choices: ReadonlyArray<readonly [T, number]>): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
  let roll = rng() * total
  for (const [value, weight] of choices) {
    roll -= weight
    if (roll < 0) return value
  }
  return choices[choices.length - 1]![0]
}

function giasDate(rng: Rng, fromYear: number, toYear: number): string {
  const year = between(rng, fromYear, toYear)
  const month = between(rng, 1, 12)
  const day = between(rng, 1, 28)
  return `${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}-${year}`
}

// ---- what the rows are made of -----------------------------------------------------------------

interface Place {
  outcode: string
  easting: number
  northing: number
  town: string
  county: string
  region: string
}

function englishPlaces(): Place[] {
  const rows = parse<Record<string, string>>(readFileSync(OUTCODES, 'utf8'), { columns: true })
  return rows
    .filter((row) => row.country_code === 'ENG' && /^\d+$/.test(row.easting ?? '') && /^\d+$/.test(row.northing ?? ''))
    .map((row) => ({
      outcode: row.postcode ?? '',
      easting: Number(row.easting),
      northing: Number(row.northing),
      town: row.city || row.county || 'Synthetic Town',
      county: row.county ?? '',
      region: (row.region_name ?? '').trim(),
    }))
}

interface EstablishmentKind {
  type: string
  typeCode: string
  group: string
  groupCode: string
  phases: readonly string[]
  special: boolean
  independent: boolean
  weight: number
}

const MAINSTREAM_PHASES = ['Primary', 'Primary', 'Primary', 'Secondary', 'Middle deemed primary', 'All-through'] as const
const KINDS: readonly EstablishmentKind[] = [
  { type: 'Community school', typeCode: '01', group: 'Local authority maintained schools', groupCode: '4', phases: MAINSTREAM_PHASES, special: false, independent: false, weight: 20 },
  { type: 'Voluntary aided school', typeCode: '02', group: 'Local authority maintained schools', groupCode: '4', phases: MAINSTREAM_PHASES, special: false, independent: false, weight: 8 },
  { type: 'Voluntary controlled school', typeCode: '03', group: 'Local authority maintained schools', groupCode: '4', phases: ['Primary'], special: false, independent: false, weight: 5 },
  { type: 'Foundation school', typeCode: '05', group: 'Local authority maintained schools', groupCode: '4', phases: MAINSTREAM_PHASES, special: false, independent: false, weight: 4 },
  { type: 'Academy converter', typeCode: '34', group: 'Academies', groupCode: '10', phases: MAINSTREAM_PHASES, special: false, independent: false, weight: 21 },
  { type: 'Academy sponsor led', typeCode: '28', group: 'Academies', groupCode: '10', phases: MAINSTREAM_PHASES, special: false, independent: false, weight: 9 },
  { type: 'Free schools', typeCode: '35', group: 'Free Schools', groupCode: '11', phases: MAINSTREAM_PHASES, special: false, independent: false, weight: 3 },
  { type: 'Other independent school', typeCode: '11', group: 'Independent schools', groupCode: '3', phases: ['Not applicable'], special: false, independent: true, weight: 7 },
  { type: 'Community special school', typeCode: '07', group: 'Special schools', groupCode: '5', phases: ['Not applicable'], special: true, independent: false, weight: 1.8 },
  { type: 'Academy special converter', typeCode: '44', group: 'Academies', groupCode: '10', phases: ['Not applicable'], special: true, independent: false, weight: 1 },
  { type: 'Free schools special', typeCode: '36', group: 'Free Schools', groupCode: '11', phases: ['Not applicable'], special: true, independent: false, weight: 0.3 },
  { type: 'Other independent special school', typeCode: '10', group: 'Special schools', groupCode: '5', phases: ['Not applicable'], special: true, independent: true, weight: 1.6 },
  { type: 'Non-maintained special school', typeCode: '08', group: 'Special schools', groupCode: '5', phases: ['Not applicable'], special: true, independent: false, weight: 0.2 },
  { type: 'Pupil referral unit', typeCode: '14', group: 'Local authority maintained schools', groupCode: '4', phases: ['Not applicable'], special: false, independent: false, weight: 0.7 },
  { type: 'Local authority nursery school', typeCode: '15', group: 'Local authority maintained schools', groupCode: '4', phases: ['Nursery'], special: false, independent: false, weight: 0.8 },
  { type: 'Further education', typeCode: '18', group: 'Colleges', groupCode: '1', phases: ['16 plus'], special: false, independent: false, weight: 1 },
  { type: 'Academy 16-19 converter', typeCode: '45', group: 'Academies', groupCode: '10', phases: ['16 plus'], special: false, independent: false, weight: 0.4 },
]

/** SEN1..SEN13 labels as the register writes them. */
const SEN_LABELS = [
  'ASD - Autistic Spectrum Disorder',
  'SLCN - Speech, language and Communication',
  'SEMH - Social, Emotional and Mental Health',
  'MLD - Moderate Learning Difficulty',
  'SLD - Severe Learning Difficulty',
  'PMLD - Profound and Multiple Learning Difficulty',
  'SpLD - Specific Learning Difficulty',
  'PD - Physical Disability',
  'HI - Hearing Impairment',
  'VI - Visual Impairment',
  'MSI - Multi-Sensory Impairment',
  'OTH - Other Difficulty/Disability',
] as const
// How often each label appears, roughly as in the register: autism, SEMH and SLCN lead.
const SEN_WEIGHTS = [10, 7, 8, 6, 5, 3, 3, 3, 2, 2, 1, 1]

const PHASE_AGES: Record<string, readonly [number, number]> = {
  Primary: [4, 11],
  'Middle deemed primary': [9, 13],
  Secondary: [11, 18],
  'All-through': [4, 18],
  Nursery: [2, 5],
  '16 plus': [16, 19],
  'Not applicable': [5, 19],
}
const NAME_ENDINGS: Record<string, readonly string[]> = {
  Primary: ['Primary School', 'Church of England Primary School', 'Catholic Primary School', 'Infant School', 'Junior School', 'Academy'],
  'Middle deemed primary': ['Middle School'],
  Secondary: ['High School', 'Academy', 'School', 'Community College', 'Grammar School'],
  'All-through': ['All-Through School', 'Academy'],
  Nursery: ['Nursery School'],
  '16 plus': ['College', 'Sixth Form College'],
  'Not applicable': ['School', 'Academy', 'Learning Centre'],
}
const RELIGIONS = [['Does not apply', 70], ['Church of England', 18], ['Roman Catholic', 9], ['Jewish', 1], ['Muslim', 1], ['Methodist', 1]] as const
const OFSTED = [['Good', 60], ['Outstanding', 15], ['Requires improvement', 12], ['Inadequate', 3], ['', 10]] as const
const CLOSE_REASONS = ['Academy converter', 'Academy sponsor led', 'Result of amalgamation/merger', 'For other reasons', 'Closure'] as const

// ---- rows --------------------------------------------------------------------------------------

function readHeader(): string[] {
  const text = iconv.decode(readFileSync(SAMPLE), 'win1252')
  const [header]: string[][] = parse(text, { to_line: 1 })
  if (!header || header.length !== 133) throw new Error(`expected the 133-column GIAS header in ${SAMPLE}`)
  return header
}

function syntheticRow(index: number, places: readonly Place[], councils: number): Record<string, string> {
  const rng = random(0x9e3779b9 ^ (index * 2654435761))
  const kind = weighted(rng, KINDS.map((k) => [k, k.weight] as const))
  const phase = pick(rng, kind.phases)
  const place = pick(rng, places)
  const council = 1 + (Math.floor(place.easting / 7000) * 31 + Math.floor(place.northing / 7000)) % councils
  const gss = `E99${String(council).padStart(6, '0')}`
  const laCode = String(200 + council)
  const status = weighted(rng, [['Open', 70], ['Closed', 27], ['Open, but proposed to close', 2], ['Proposed to open', 1]] as const)
  const closed = status === 'Closed'
  const [low, high] = PHASE_AGES[phase] ?? [5, 16]
  const capacity = kind.special ? between(rng, 40, 250) : phase === 'Secondary' ? between(rng, 600, 1800) : between(rng, 90, 630)
  const pupils = closed ? 0 : Math.round(capacity * (0.75 + rng() * 0.3))
  const apostrophe = rng() < 0.08 ? 'St Mary’s ' : rng() < 0.03 ? 'Ysgol Dewi Sant—' : ''
  const name = `${apostrophe}${place.town} ${pick(rng, NAME_ENDINGS[phase] ?? ['School'])} ${index + 1} (synthetic)`
  const row: Record<string, string> = {
    URN: String(100000 + index),
    'LA (code)': laCode,
    'LA (name)': `Synthetic council ${council}`,
    EstablishmentNumber: String(between(rng, 1000, 7999)),
    EstablishmentName: name,
    'TypeOfEstablishment (code)': kind.typeCode,
    'TypeOfEstablishment (name)': kind.type,
    'EstablishmentTypeGroup (code)': kind.groupCode,
    'EstablishmentTypeGroup (name)': kind.group,
    'EstablishmentStatus (code)': closed ? '2' : '1',
    'EstablishmentStatus (name)': status,
    'ReasonEstablishmentOpened (code)': '00',
    'ReasonEstablishmentOpened (name)': 'Not applicable',
    OpenDate: rng() < 0.4 ? giasDate(rng, 1990, 2024) : '',
    'ReasonEstablishmentClosed (code)': closed ? '11' : '00',
    'ReasonEstablishmentClosed (name)': closed ? pick(rng, CLOSE_REASONS) : 'Not applicable',
    CloseDate: closed ? giasDate(rng, 1995, 2025) : '',
    'PhaseOfEducation (code)': String(between(rng, 0, 7)),
    'PhaseOfEducation (name)': phase,
    StatutoryLowAge: String(low),
    StatutoryHighAge: String(high),
    'Boarders (code)': '1',
    'Boarders (name)': 'No boarders',
    'NurseryProvision (name)': rng() < 0.4 ? 'Has Nursery Classes' : 'No Nursery Classes',
    'OfficialSixthForm (code)': phase === 'Secondary' ? '1' : '2',
    'OfficialSixthForm (name)': phase === 'Secondary' ? 'Has a sixth form' : 'Does not have a sixth form',
    'Gender (code)': '3',
    'Gender (name)': weighted(rng, [['Mixed', 94], ['Girls', 3], ['Boys', 3]] as const),
    'ReligiousCharacter (name)': weighted(rng, RELIGIONS),
    'Diocese (code)': '0000',
    'Diocese (name)': 'Not applicable',
    'AdmissionsPolicy (name)': phase === 'Secondary' ? 'Non-selective' : 'Not applicable',
    SchoolCapacity: String(capacity),
    'SpecialClasses (code)': '2',
    'SpecialClasses (name)': 'No Special Classes',
    CensusDate: closed ? '' : '16-01-2025',
    NumberOfPupils: closed ? '' : String(pupils),
    NumberOfBoys: closed ? '' : String(Math.floor(pupils / 2)),
    NumberOfGirls: closed ? '' : String(Math.ceil(pupils / 2)),
    PercentageFSM: closed ? '' : (rng() * 45).toFixed(1),
    'TrustSchoolFlag (name)': kind.group === 'Academies' ? 'Supported by a multi-academy trust' : 'Not applicable',
    'Trusts (name)': kind.group === 'Academies' ? `Synthetic Learning Trust ${between(rng, 1, 1200)}` : '',
    UKPRN: String(10000000 + index),
    OfstedLastInsp: kind.independent || closed ? '' : giasDate(rng, 2015, 2025),
    LastChangedDate: giasDate(rng, 2022, 2025),
    Street: `${between(rng, 1, 200)} Synthetic ${pick(rng, ['Road', 'Lane', 'Street', 'Avenue', 'Way'])}`,
    Locality: rng() < 0.3 ? `${place.town} Village` : '',
    Town: place.town,
    'County (name)': place.county,
    Postcode: `${place.outcode} ${between(rng, 1, 9)}${pick(rng, 'ABDEFGHJLNPQRSTUWXYZ'.split(''))}${pick(rng, 'ABDEFGHJLNPQRSTUWXYZ'.split(''))}`,
    SchoolWebsite: rng() < 0.5 ? `www.synthetic-school-${index + 1}.example.org` : `https://synthetic-school-${index + 1}.example.org/`,
    TelephoneNum: `01632960${String(index % 1000).padStart(3, '0')}`,
    'HeadTitle (name)': 'Mx',
    HeadFirstName: 'Synthetic',
    HeadLastName: 'Headteacher',
    HeadPreferredJobTitle: 'Headteacher',
    'InspectorateName (name)': kind.independent ? 'Ofsted' : '',
    'SENPRU (name)': 'Not applicable',
    'EBD (name)': 'Not applicable',
    'Section41Approved (name)': kind.special && kind.independent ? 'Approved' : 'Not applicable',
    'GOR (name)': place.region,
    'DistrictAdministrative (code)': gss,
    'DistrictAdministrative (name)': `Synthetic council ${council}`,
    'AdministrativeWard (name)': `${place.town} Ward (synthetic)`,
    'ParliamentaryConstituency (name)': `${place.county || place.town} (synthetic)`,
    'UrbanRural (name)': pick(rng, ['(England/Wales) Urban city and town', '(England/Wales) Rural village', '(England/Wales) Urban major conurbation']),
    'GSSLACode (name)': gss,
    Easting: String(Math.max(1, place.easting + between(rng, -2500, 2500))),
    Northing: String(Math.max(1, place.northing + between(rng, -2500, 2500))),
    'MSOA (name)': `${place.town} ${between(rng, 1, 40)} (synthetic)`,
    'LSOA (name)': `${place.town} ${between(rng, 1, 40)}${pick(rng, ['A', 'B', 'C', 'D'])} (synthetic)`,
    'OfstedRating (name)': kind.independent || closed ? '' : weighted(rng, OFSTED),
    'RSCRegion (name)': place.region,
    'Country (name)': 'United Kingdom',
    UPRN: String(100000000 + index * 7),
    'MSOA (code)': `E02${String(between(rng, 0, 999999)).padStart(6, '0')}`,
    'LSOA (code)': `E01${String(between(rng, 0, 999999)).padStart(6, '0')}`,
  }

  // SEN provision: special schools list several types; a few mainstream schools have a
  // resourced provision or SEN unit with one to three; some independent schools list one or two.
  let senCount = 0
  if (kind.special) senCount = between(rng, 3, 8)
  else if (!closed && !kind.independent && rng() < 0.05) {
    senCount = between(rng, 1, 3)
    const provision = weighted(rng, [['Resourced provision', 60], ['SEN unit', 30], ['Resourced provision and SEN unit', 10]] as const)
    row['TypeOfResourcedProvision (name)'] = provision
    if (provision.includes('Resourced')) {
      const places = between(rng, 6, 30)
      row.ResourcedProvisionCapacity = String(places)
      row.ResourcedProvisionOnRoll = String(between(rng, Math.floor(places / 2), places))
    }
    if (provision.includes('SEN unit')) {
      const places = between(rng, 6, 20)
      row.SenUnitCapacity = String(places)
      row.SenUnitOnRoll = String(between(rng, Math.floor(places / 2), places))
      row['SpecialClasses (code)'] = '1'
      row['SpecialClasses (name)'] = 'Has Special Classes'
    }
  } else if (kind.independent && rng() < 0.1) senCount = between(rng, 1, 2)
  const labels = new Set<string>()
  while (labels.size < senCount) labels.add(weighted(rng, SEN_LABELS.map((label, i) => [label, SEN_WEIGHTS[i]!] as const)))
  ;[...labels].forEach((label, i) => {
    row[`SEN${i + 1} (name)`] = label
  })
  if (!closed && rng() < 0.6) {
    row.SENStat = String(Math.round(pupils * (kind.special ? 0.95 : 0.03 * rng() + 0.01)))
    row.SENNoStat = String(Math.round(pupils * (kind.special ? 0.03 : 0.08 + 0.08 * rng())))
  }
  return row
}

const quoted = (value: string): string => `"${value.replace(/"/g, '""')}"`

/** Writes the file (streamed, a few hundred rows at a time) and returns its path; reuses a cached one unless `regenerate`. */
export async function generateGiasFile(rows: number = NATIONAL_ROWS, out = cachedFilePath(rows), regenerate = false): Promise<string> {
  if (existsSync(out) && !regenerate) return out
  mkdirSync(dirname(out), { recursive: true })
  const header = readHeader()
  const places = englishPlaces()
  const partial = `${out}.partial`
  const stream = createWriteStream(partial)
  const write = async (text: string): Promise<void> => {
    if (!stream.write(iconv.encode(text, 'win1252'))) await once(stream, 'drain')
  }
  await write(`${header.map(quoted).join(',')}\r\n`)
  let chunk = ''
  for (let index = 0; index < rows; index += 1) {
    const row = syntheticRow(index, places, 150)
    const unknown = Object.keys(row).filter((column) => !header.includes(column))
    if (unknown.length > 0) throw new Error(`not GIAS columns: ${unknown.join(', ')}`)
    chunk += `${header.map((column) => quoted(row[column] ?? '')).join(',')}\r\n`
    if ((index + 1) % 500 === 0) {
      await write(chunk)
      chunk = ''
    }
  }
  if (chunk) await write(chunk)
  stream.end()
  await once(stream, 'finish')
  renameSync(partial, out)
  return out
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argument = (name: string): string | undefined => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)
  const rows = Number(argument('rows') ?? NATIONAL_ROWS)
  if (!Number.isInteger(rows) || rows <= 0) throw new Error('--rows must be a positive whole number')
  const file = await generateGiasFile(rows, argument('out') ?? cachedFilePath(rows), true)
  console.log(`Wrote ${rows} SYNTHETIC GIAS rows to ${file}`)
}

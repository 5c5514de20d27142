// Parser for the DfE "Get Information about Schools" (GIAS, formerly EduBase) all-establishments
// CSV (edubasealldataYYYYMMDD.csv): Windows-1252, a header of ~133 quoted columns, dates as
// DD-MM-YYYY, positions as British National Grid easting/northing.
//
// The national file is ~50,000 rows / 60 MB, so everything streams: bytes -> decoder -> csv-parse
// -> one school at a time. Nothing holds more than a chunk and a row.
//
// A row that cannot be trusted (no URN, a URN that is not a number, a date that is not a date, an
// easting off the grid, the wrong number of columns) is reported as { ok: false, line, error }
// and the parse goes on. A file that is not a GIAS file at all (no URN or EstablishmentName
// column) throws before any row.
//
// Privacy: the head teacher's name columns are dropped as the header is read, so they never
// reach a record, let alone the database.
import { createReadStream } from 'node:fs'
import { Transform, pipeline, type TransformCallback } from 'node:stream'
import { parse, type CsvError, type InfoRecord, type Options } from 'csv-parse'
import iconv from 'iconv-lite'
import { needFromGiasCode } from '../../domain/needs.js'
import { parseWebAddress } from '../../domain/web-address.js'
import { eastingNorthingToLatLng, isPlausibleBng } from '../../geo/osgb.js'

export interface GiasSchool {
  urn: string
  name: string
  /** DfE's three-digit LA number ("LA (code)", e.g. 207). */
  laCode: string
  laName: string
  /** "DistrictAdministrative (code)": the ONS local authority district (lower tier), e.g. E09000020. */
  councilCode?: string
  /** "GSSLACode (name)": the ONS code of the education authority (upper tier, e.g. E10000003 Cambridgeshire). */
  gssLaCode?: string
  establishmentType?: string
  typeGroup?: string
  status?: string
  phase?: string
  statutoryLowAge?: number
  statutoryHighAge?: number
  gender?: string
  religiousCharacter?: string
  capacity?: number
  pupils?: number
  /** YYYY-MM-DD */
  openDate?: string
  /** YYYY-MM-DD */
  closeDate?: string
  /** YYYY-MM-DD */
  lastChangedDate?: string
  street?: string
  locality?: string
  address3?: string
  town?: string
  county?: string
  postcode?: string
  /** Absolute http(s) URL; "http://" added when the register gives a bare host ("www.school.sch.uk"). */
  website?: string
  telephone?: string
  ukprn?: string
  /** Our need codes (src/domain/needs.ts), from SEN1..SEN13; register values with no need code are left out (see unmappedSen). */
  senProvision: string[]
  /** SEN1..SEN13 codes as the register gives them ("ASD", "OTH"), in slot order, each once: kept even when there is no need code for them. */
  registerSenCodes: string[]
  /** "TypeOfResourcedProvision (name)" as given, e.g. "Resourced provision and SEN unit". */
  resourcedProvisionType?: string
  /** "Resourced provision" when TypeOfResourcedProvision says the school has one. */
  resourcedProvision?: string
  /** "SEN unit" when TypeOfResourcedProvision says the school has one. */
  senUnit?: string
  resourcedProvisionCapacity?: number
  senUnitCapacity?: number
  resourcedProvisionOnRoll?: number
  senUnitOnRoll?: number
  /** SENStat: pupils with a statement or EHC plan. */
  pupilsWithEhcPlan?: number
  /** SENNoStat: pupils on SEN support. */
  pupilsWithSenSupport?: number
  /** From "SpecialClasses (name)": "Has Special Classes" or "No Special Classes". */
  specialClasses?: boolean
  ofstedRating?: string
  easting?: number
  northing?: number
  /** WGS84, from easting/northing. */
  lat?: number
  lng?: number
}

export type GiasParseResult =
  | {
      ok: true
      /** Line of the file on which the row starts (the header is line 1). */
      line: number
      school: GiasSchool
      /** SEN1..SEN13 values with no need code (e.g. "OTH - Other Difficulty/Disability"): for the import report. */
      unmappedSen?: string[]
    }
  | {
      ok: false
      line: number
      /** Names the line, the URN when there is one, and each bad column and value. */
      error: string
      urn?: string
      columns?: string[]
    }

export const GIAS_COLUMNS = {
  urn: 'URN',
  laCode: 'LA (code)',
  laName: 'LA (name)',
  name: 'EstablishmentName',
  establishmentType: 'TypeOfEstablishment (name)',
  typeGroup: 'EstablishmentTypeGroup (name)',
  status: 'EstablishmentStatus (name)',
  openDate: 'OpenDate',
  closeDate: 'CloseDate',
  phase: 'PhaseOfEducation (name)',
  statutoryLowAge: 'StatutoryLowAge',
  statutoryHighAge: 'StatutoryHighAge',
  gender: 'Gender (name)',
  religiousCharacter: 'ReligiousCharacter (name)',
  capacity: 'SchoolCapacity',
  pupils: 'NumberOfPupils',
  ukprn: 'UKPRN',
  lastChangedDate: 'LastChangedDate',
  street: 'Street',
  locality: 'Locality',
  address3: 'Address3',
  town: 'Town',
  county: 'County (name)',
  postcode: 'Postcode',
  website: 'SchoolWebsite',
  telephone: 'TelephoneNum',
  resourcedProvisionType: 'TypeOfResourcedProvision (name)',
  resourcedProvisionCapacity: 'ResourcedProvisionCapacity',
  senUnitCapacity: 'SenUnitCapacity',
  resourcedProvisionOnRoll: 'ResourcedProvisionOnRoll',
  senUnitOnRoll: 'SenUnitOnRoll',
  pupilsWithEhcPlan: 'SENStat',
  pupilsWithSenSupport: 'SENNoStat',
  specialClasses: 'SpecialClasses (name)',
  councilCode: 'DistrictAdministrative (code)',
  gssLaCode: 'GSSLACode (name)',
  easting: 'Easting',
  northing: 'Northing',
  ofstedRating: 'OfstedRating (name)',
} as const

const SEN_SLOTS = Array.from({ length: 13 }, (_, i) => i + 1)
const senNameColumn = (n: number): string => `SEN${n} (name)`
const senCodeColumn = (n: number): string => `SEN${n} (code)`

/** Without these it is not a GIAS establishments file. */
export const GIAS_REQUIRED_COLUMNS = [GIAS_COLUMNS.urn, GIAS_COLUMNS.name] as const

/** Only these columns are kept from each row; the rest (head teacher's name among them) are dropped as the file is read. */
const WANTED_COLUMNS = new Set<string>([
  ...Object.values(GIAS_COLUMNS),
  ...SEN_SLOTS.flatMap((n) => [senNameColumn(n), senCodeColumn(n)]),
])

/** Values the register uses for "nothing here". Compared lower-case. */
const EMPTY_VALUES = new Set(['', 'not applicable', 'not recorded', 'does not apply', 'n/a'])

/** GIAS's SEN provision codes that our taxonomy names differently. BESD became SEMH in the 2014 Code of Practice. */
const GIAS_CODE_ALIASES: Record<string, string> = { BESD: 'SEMH' }

const GSS_CODE = /^[EWSN]\d{8}$/
const POSTCODE_SHAPE = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$/

/** "EstablishmentStatus (name)" is "Closed" ("Open, but proposed to close" is still open). */
export function isClosedStatus(status: string | null | undefined): boolean {
  return status?.trim().toLowerCase() === 'closed'
}

// ---- decoding --------------------------------------------------------------------------------

const UTF8_BOM = [0xef, 0xbb, 0xbf]

/**
 * Bytes to text: Windows-1252 (how DfE publishes the file), unless the file starts with a UTF-8
 * byte order mark, which is what Excel's "CSV UTF-8" writes when someone re-saves the download;
 * decoding that as Windows-1252 would garble every accented name and hide the URN column behind
 * "ï»¿". Chunks that are already strings are passed through as text.
 */
class GiasDecoder extends Transform {
  private decoder: iconv.DecoderStream | undefined
  private pending: Buffer | undefined

  constructor() {
    super({ decodeStrings: false, readableObjectMode: false, encoding: 'utf8' })
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (typeof chunk === 'string') {
      callback(null, chunk)
      return
    }
    let bytes = chunk
    let decoder = this.decoder
    if (!decoder) {
      bytes = this.pending ? Buffer.concat([this.pending, chunk]) : chunk
      if (bytes.length < UTF8_BOM.length) {
        this.pending = bytes
        callback()
        return
      }
      decoder = this.start(bytes)
    }
    const text = decoder.write(bytes)
    callback(null, text === '' ? undefined : text)
  }

  override _flush(callback: TransformCallback): void {
    let text = ''
    let decoder = this.decoder
    if (!decoder) {
      const pending = this.pending ?? Buffer.alloc(0)
      decoder = this.start(pending)
      text = decoder.write(pending)
    }
    text += decoder.end() ?? ''
    callback(null, text === '' ? undefined : text)
  }

  private start(firstBytes: Buffer): iconv.DecoderStream {
    const utf8 = UTF8_BOM.every((byte, i) => firstBytes[i] === byte)
    this.decoder = iconv.getDecoder(utf8 ? 'utf8' : 'win1252')
    this.pending = undefined
    return this.decoder
  }
}

// ---- field parsing ---------------------------------------------------------------------------

type Fields = Record<string, string | undefined>

class RowProblems {
  readonly messages: string[] = []
  readonly columns: string[] = []
  add(column: string, message: string): void {
    this.columns.push(column)
    this.messages.push(`${column} ${message}`)
  }
}

function text(fields: Fields, column: string): string | undefined {
  const value = fields[column]?.trim()
  if (value === undefined || EMPTY_VALUES.has(value.toLowerCase())) return undefined
  return value.replace(/\s+/g, ' ')
}

function integer(
  fields: Fields,
  column: string,
  problems: RowProblems,
  options: { max?: number; absent?: readonly string[] } = {},
): number | undefined {
  const value = text(fields, column)
  if (value === undefined || options.absent?.includes(value)) return undefined
  if (!/^\d+$/.test(value)) {
    problems.add(column, `${JSON.stringify(value)} is not a whole number`)
    return undefined
  }
  const n = Number(value)
  if (options.max !== undefined && n > options.max) {
    problems.add(column, `${value} is more than ${options.max}`)
    return undefined
  }
  return n
}

/** DD-MM-YYYY (or DD/MM/YYYY, as Excel re-saves it) to YYYY-MM-DD, checking it is a real day. */
export function giasDate(value: string): string | undefined {
  const match = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(value.trim())
  if (!match) return undefined
  const [, d, m, y] = match
  const day = Number(d)
  const month = Number(m)
  const year = Number(y)
  const date = new Date(Date.UTC(year, month - 1, day))
  if (year < 1800 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined
  }
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function date(fields: Fields, column: string, problems: RowProblems): string | undefined {
  const value = text(fields, column)
  if (value === undefined) return undefined
  const iso = giasDate(value)
  if (iso === undefined) problems.add(column, `${JSON.stringify(value)} is not a date in DD-MM-YYYY form`)
  return iso
}

/**
 * The register's website as an absolute URL. Bare hosts ("www.school.sch.uk", about half the
 * register) get "http://" rather than "https://": a school site without TLS would fail on https,
 * while one with TLS redirects http to https anyway. Anything that is not a plausible web address
 * (spaces, no dot in the host, a non-web scheme) is left out rather than linked.
 */
export function normaliseWebsite(value: string | undefined): string | undefined {
  return parseWebAddress(value, 'http')?.text
}

/** Upper-case, one space before the inward code; a value that is not postcode-shaped is kept as given (trimmed, upper-case). */
export function normaliseGiasPostcode(value: string): string {
  const upper = value.toUpperCase().replace(/\s+/g, ' ').trim()
  const match = POSTCODE_SHAPE.exec(upper)
  return match ? `${match[1]} ${match[2]}` : upper
}

function senNeeds(fields: Fields): { needs: string[]; codes: string[]; unmapped: string[] } {
  const needs = new Set<string>()
  const codes = new Set<string>()
  const unmapped: string[] = []
  for (const n of SEN_SLOTS) {
    // "(name)" values carry the code ("ASD - Autistic Spectrum Disorder"); "(code)" as a fallback.
    const value = text(fields, senNameColumn(n)) ?? text(fields, senCodeColumn(n))
    if (value === undefined) continue
    const abbreviation = value.split(' - ')[0]?.trim() ?? ''
    // Stored space-separated, so a code must be one word; a free-text label is reported, not stored as a code.
    if (/^[A-Za-z]{1,8}$/.test(abbreviation)) codes.add(abbreviation)
    const need = needFromGiasCode(GIAS_CODE_ALIASES[abbreviation.toUpperCase()] ?? abbreviation)
    if (need) needs.add(need)
    else unmapped.push(value)
  }
  return { needs: [...needs], codes: [...codes], unmapped }
}

/** "Has Special Classes" / "No Special Classes"; anything else (not recorded) is unknown. */
function specialClasses(value: string | undefined): boolean | undefined {
  const lower = value?.toLowerCase()
  if (lower?.startsWith('has ')) return true
  if (lower?.startsWith('no ')) return false
  return undefined
}

function coordinate(fields: Fields, column: string, problems: RowProblems): number | undefined {
  const value = text(fields, column)
  if (value === undefined) return undefined
  if (!/^-?\d+(\.\d+)?$/.test(value)) {
    problems.add(column, `${JSON.stringify(value)} is not a number`)
    return undefined
  }
  return Number(value)
}

function toSchool(fields: Fields, problems: RowProblems): { school: GiasSchool; unmapped: string[] } | undefined {
  const C = GIAS_COLUMNS
  const urn = text(fields, C.urn)
  if (urn === undefined) problems.add(C.urn, 'is empty')
  else if (!/^\d+$/.test(urn)) problems.add(C.urn, `${JSON.stringify(urn)} is not a number`)
  const name = text(fields, C.name)
  if (name === undefined) problems.add(C.name, 'is empty')
  const laCode = fields[C.laCode]?.trim() ?? ''
  if (laCode === '') problems.add(C.laCode, 'is empty')

  const school: GiasSchool = {
    urn: urn ?? '',
    name: name ?? '',
    laCode,
    laName: fields[C.laName]?.trim() ?? '',
    senProvision: [],
    registerSenCodes: [],
  }
  const set = <K extends keyof GiasSchool>(key: K, value: GiasSchool[K] | undefined): void => {
    if (value !== undefined) school[key] = value
  }

  const councilCode = text(fields, C.councilCode)
  if (councilCode && GSS_CODE.test(councilCode)) school.councilCode = councilCode
  const gssLaCode = text(fields, C.gssLaCode)
  if (gssLaCode && GSS_CODE.test(gssLaCode)) school.gssLaCode = gssLaCode

  set('establishmentType', text(fields, C.establishmentType))
  set('typeGroup', text(fields, C.typeGroup))
  set('status', text(fields, C.status))
  set('phase', text(fields, C.phase))
  // A 999 here would be a placeholder, not an age; real statutory ages stop well short of 99.
  set('statutoryLowAge', integer(fields, C.statutoryLowAge, problems, { max: 99, absent: ['999'] }))
  set('statutoryHighAge', integer(fields, C.statutoryHighAge, problems, { max: 99, absent: ['999'] }))
  set('gender', text(fields, C.gender))
  set('religiousCharacter', text(fields, C.religiousCharacter))
  set('capacity', integer(fields, C.capacity, problems))
  set('pupils', integer(fields, C.pupils, problems))
  set('openDate', date(fields, C.openDate, problems))
  set('closeDate', date(fields, C.closeDate, problems))
  set('lastChangedDate', date(fields, C.lastChangedDate, problems))

  set('street', text(fields, C.street))
  set('locality', text(fields, C.locality))
  set('address3', text(fields, C.address3))
  set('town', text(fields, C.town))
  set('county', text(fields, C.county))
  const postcode = text(fields, C.postcode)
  if (postcode) school.postcode = normaliseGiasPostcode(postcode)
  set('website', normaliseWebsite(text(fields, C.website)))
  set('telephone', text(fields, C.telephone))
  const ukprn = text(fields, C.ukprn)
  if (ukprn && /^\d+$/.test(ukprn)) school.ukprn = ukprn

  const { needs, codes, unmapped } = senNeeds(fields)
  school.senProvision = needs
  school.registerSenCodes = codes
  const provisionType = text(fields, C.resourcedProvisionType)
  set('resourcedProvisionType', provisionType)
  const provisionTypeLower = provisionType?.toLowerCase() ?? ''
  if (provisionTypeLower.includes('resourced provision')) school.resourcedProvision = 'Resourced provision'
  if (provisionTypeLower.includes('sen unit')) school.senUnit = 'SEN unit'
  set('resourcedProvisionCapacity', integer(fields, C.resourcedProvisionCapacity, problems))
  set('senUnitCapacity', integer(fields, C.senUnitCapacity, problems))
  set('resourcedProvisionOnRoll', integer(fields, C.resourcedProvisionOnRoll, problems))
  set('senUnitOnRoll', integer(fields, C.senUnitOnRoll, problems))
  set('pupilsWithEhcPlan', integer(fields, C.pupilsWithEhcPlan, problems))
  set('pupilsWithSenSupport', integer(fields, C.pupilsWithSenSupport, problems))
  set('specialClasses', specialClasses(text(fields, C.specialClasses)))
  set('ofstedRating', text(fields, C.ofstedRating))

  const easting = coordinate(fields, C.easting, problems)
  const northing = coordinate(fields, C.northing, problems)
  // Both present and not the 0,0 some rows carry for "no position": it must be on the grid.
  if (easting !== undefined && northing !== undefined && !(easting === 0 && northing === 0)) {
    if (!isPlausibleBng(easting, 0)) {
      problems.add(C.easting, `${easting} is off the British National Grid (0 to 700000)`)
    } else if (!isPlausibleBng(0, northing)) {
      problems.add(C.northing, `${northing} is off the British National Grid (0 to 1300000)`)
    } else {
      const { lat, lng } = eastingNorthingToLatLng(easting, northing)
      Object.assign(school, { easting, northing, lat, lng })
    }
  }

  if (problems.messages.length > 0) return undefined
  return { school, unmapped }
}

// ---- the parser ------------------------------------------------------------------------------

interface ParsedRow {
  kind: 'row'
  fields: Fields
  line: number
}
interface SkippedRow {
  kind: 'skipped'
  line: number
  message: string
}

/** Turn csv-parse's messages into something a council officer can act on. */
function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const record = error.record
      const got = Array.isArray(record) ? record.length : undefined
      const expected = Array.isArray(error.columns) ? error.columns.length : undefined
      return `the row has ${got ?? 'the wrong number of'} columns${expected ? ` where the header has ${expected}` : ''}`
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted value is never closed (the rest of the file may have been read as one value)'
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return `a stray quote mark (${error.message})`
    default:
      return error.message
  }
}

/**
 * Parse a GIAS all-establishments CSV, from a path or a byte stream, one row at a time.
 * Throws (before yielding anything) if the file is not a GIAS establishments file.
 */
export async function* parseGias(input: NodeJS.ReadableStream | string): AsyncGenerator<GiasParseResult> {
  const source = typeof input === 'string' ? createReadStream(input) : input
  let headerRead = false
  // Line bookkeeping, in file order (csv-parse calls on_record and emits 'skip' synchronously as it reads).
  let lastEndLine = 1
  let lastEmptyLines = 0
  const startLine = (endLine: number, emptyLines: number): number => {
    const start = lastEndLine + 1 + Math.max(0, emptyLines - lastEmptyLines)
    lastEndLine = endLine
    lastEmptyLines = emptyLines
    return Math.min(start, endLine)
  }

  const parser = parse({
    bom: true,
    relax_column_count: false,
    skip_empty_lines: true,
    skip_records_with_error: true,
    columns: (header: string[]) => {
      const names = header.map((name) => name.trim())
      for (const required of GIAS_REQUIRED_COLUMNS) {
        if (!names.includes(required)) {
          throw new Error(`This is not a GIAS establishments file: column ${required} is missing`)
        }
      }
      headerRead = true
      lastEndLine = parser.info.lines
      lastEmptyLines = parser.info.empty_lines
      return names.map((name) => (WANTED_COLUMNS.has(name) ? name : false))
    },
    on_record: (record: Fields, info: InfoRecord): ParsedRow => ({
      kind: 'row',
      fields: record,
      line: startLine(info.lines, info.empty_lines),
    }),
    // csv-parse's types cannot express a columns function together with an on_record that
    // changes the record's type; the shapes are as declared above.
  } as unknown as Options)

  parser.on('skip', (error: CsvError) => {
    if (!headerRead) {
      parser.destroy(new Error(`This is not a GIAS establishments file: the header row cannot be read (${error.message})`))
      return
    }
    const endLine = typeof error.lines === 'number' ? error.lines : lastEndLine + 1
    const emptyLines = typeof error.empty_lines === 'number' ? error.empty_lines : lastEmptyLines
    const skipped: SkippedRow = { kind: 'skipped', line: startLine(endLine, emptyLines), message: describeCsvError(error) }
    // Pushed into the parser's own output, so that it comes out in file order among the rows.
    parser.push(skipped)
  })

  // Errors anywhere in the chain (an unreadable file, a bad header) destroy the parser, and so
  // surface from the loop below; so does the consumer stopping early, which tears the chain down.
  pipeline(source, new GiasDecoder(), parser, () => {})

  for await (const item of parser as AsyncIterable<ParsedRow | SkippedRow>) {
    if (item.kind === 'skipped') {
      yield { ok: false, line: item.line, error: `Line ${item.line}: ${item.message}; the row was skipped` }
      continue
    }
    const problems = new RowProblems()
    const parsed = toSchool(item.fields, problems)
    if (parsed) {
      const result: GiasParseResult = { ok: true, line: item.line, school: parsed.school }
      if (parsed.unmapped.length > 0) result.unmappedSen = parsed.unmapped
      yield result
    } else {
      const urn = item.fields[GIAS_COLUMNS.urn]?.trim()
      yield {
        ok: false,
        line: item.line,
        error: `Line ${item.line}${urn ? ` (URN ${urn})` : ''}: ${problems.messages.join('; ')}`,
        ...(urn ? { urn } : {}),
        columns: problems.columns,
      }
    }
  }
  if (!headerRead) throw new Error('This is not a GIAS establishments file: it is empty (no header row)')
}

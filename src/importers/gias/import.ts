// Loads a GIAS establishments file into the store, national file included, in one streaming
// pass: rows are parsed one at a time and written a batch at a time (one transaction each), then
// that batch is re-indexed, so memory holds a batch, not the file. One school per URN:
// - a new URN is created; a held school whose register values changed is updated; one whose
//   values are the same as last time (same fingerprint) is not touched at all;
// - a school the register lists as Closed is marked closed (status and close date) and taken out
//   of search, but keeps its page, which says it closed; a closed school we never held is not added;
// - with `full` (the file is the whole register), held schools missing from it are reported, never deleted;
// - a row that cannot be read is reported with its line and reason, and the rest still load.
import { createHash, randomUUID } from 'node:crypto'
import type { Store } from '../../db/connection.js'
import { ensureCouncils } from '../../db/repositories/councils.js'
import {
  heldSchoolsByUrn,
  registerSchoolsPage,
  writeRegisterSchools,
  type RegisterSchoolWrite,
  type SchoolInput,
} from '../../db/repositories/schools.js'
import { ensureNeedTerms } from '../../db/repositories/taxonomy.js'
import { compactPostingsIfLarge, indexSubjects } from '../../search/indexer.js'
import { translator } from '../../web/i18n/index.js'
import { isClosedStatus, parseGias, type GiasSchool } from './parse.js'

export interface GiasRowFailure {
  line: number
  error: string
}

/** The report of the first importer, kept for the demo loader and its callers. */
export interface GiasImportReport {
  created: number
  /** Held schools the file names again, changed or not. */
  updated: number
  failed: GiasRowFailure[]
}

export interface GiasRegisterReport {
  /** Data rows read (the header not counted). */
  rows: number
  created: number
  /** Held schools whose register values changed (closed ones not counted here). */
  updated: number
  /** Held schools whose register values are as they were: nothing written. */
  unchanged: number
  /** Held schools the register now lists as Closed: marked closed and out of search. */
  closed: number
  /** Closed in the register and never held: not added. */
  closedNotHeld: number
  /** The first MAX_REPORTED_FAILURES failures, in file order; failedCount counts them all. */
  failed: GiasRowFailure[]
  failedCount: number
  /** SEN1..SEN13 values with no need code (e.g. "OTH - Other Difficulty/Disability"), and how many rows give each. */
  unmappedSen: Record<string, number>
  /** Whether the file was declared the whole register. */
  full: boolean
  /** With `full`: held, not closed, schools whose URN is not in the file. Reported only: nothing is deleted. */
  missing: Array<{ urn: string; name: string }>
}

export interface GiasImportOptions {
  /** The file is the whole register: report held schools that are not in it. */
  full?: boolean
  /** Rows written per transaction and re-indexed together. */
  batchSize?: number
  /** Called after each batch, with the report so far. */
  onProgress?: (report: GiasRegisterReport) => void
}

const DEFAULT_BATCH = 500
const MAX_REPORTED_FAILURES = 1000
const MISSING_SCAN_PAGE = 1000

/** The council responsible for SEND is the upper-tier authority (GSS LA code), where the register gives it. */
function responsibleCouncil(school: GiasSchool): string | undefined {
  return school.gssLaCode ?? school.councilCode
}

export function schoolInputFromGias(school: GiasSchool): SchoolInput {
  const lines = [school.street, school.locality, school.address3].filter((line): line is string => Boolean(line))
  const council = responsibleCouncil(school)
  return {
    name: school.name,
    urn: school.urn,
    laCode: school.laCode,
    laName: school.laName,
    ...(council ? { councilCode: council } : {}),
    ...(school.establishmentType ? { establishmentType: school.establishmentType } : {}),
    ...(school.typeGroup ? { typeGroup: school.typeGroup } : {}),
    ...(school.status ? { status: school.status } : {}),
    ...(school.phase ? { phase: school.phase } : {}),
    ...(school.statutoryLowAge !== undefined ? { minAge: school.statutoryLowAge } : {}),
    ...(school.statutoryHighAge !== undefined ? { maxAge: school.statutoryHighAge } : {}),
    ...(school.gender ? { gender: school.gender } : {}),
    ...(school.religiousCharacter ? { religiousCharacter: school.religiousCharacter } : {}),
    ...(school.capacity !== undefined ? { capacity: school.capacity } : {}),
    ...(school.pupils !== undefined ? { pupils: school.pupils } : {}),
    ...(school.openDate ? { openDate: school.openDate } : {}),
    ...(school.closeDate ? { closeDate: school.closeDate } : {}),
    ...(school.lastChangedDate ? { registerChangedDate: school.lastChangedDate } : {}),
    needs: school.senProvision,
    ...(school.resourcedProvision ? { resourcedProvision: school.resourcedProvision } : {}),
    ...(school.senUnit ? { senUnit: school.senUnit } : {}),
    ...(school.resourcedProvisionCapacity !== undefined ? { resourcedProvisionCapacity: school.resourcedProvisionCapacity } : {}),
    ...(school.senUnitCapacity !== undefined ? { senUnitCapacity: school.senUnitCapacity } : {}),
    ...(school.resourcedProvisionType ? { resourcedProvisionType: school.resourcedProvisionType } : {}),
    ...(school.resourcedProvisionOnRoll !== undefined ? { resourcedProvisionOnRoll: school.resourcedProvisionOnRoll } : {}),
    ...(school.senUnitOnRoll !== undefined ? { senUnitOnRoll: school.senUnitOnRoll } : {}),
    ...(school.registerSenCodes.length > 0 ? { registerSenCodes: school.registerSenCodes } : {}),
    ...(school.pupilsWithEhcPlan !== undefined ? { pupilsWithEhcPlan: school.pupilsWithEhcPlan } : {}),
    ...(school.pupilsWithSenSupport !== undefined ? { pupilsWithSenSupport: school.pupilsWithSenSupport } : {}),
    ...(school.specialClasses !== undefined ? { specialClasses: school.specialClasses } : {}),
    ...(school.ofstedRating ? { ofstedRating: school.ofstedRating } : {}),
    ...(school.easting !== undefined ? { easting: school.easting } : {}),
    ...(school.northing !== undefined ? { northing: school.northing } : {}),
    ...(school.website ? { url: school.website } : {}),
    ...(school.telephone ? { phone: school.telephone } : {}),
    ...(lines.length > 0 || school.postcode
      ? {
          address: {
            lines,
            ...(school.town ? { town: school.town } : {}),
            ...(school.postcode ? { postcode: school.postcode } : {}),
            ...(school.lat !== undefined && school.lng !== undefined ? { lat: school.lat, lng: school.lng } : {}),
          },
        }
      : { addressNote: 'The register gives no address.' }),
    dataSource: 'gias',
  }
}

/** The same register values give the same fingerprint: what lets a re-import skip unchanged schools. */
export function registerFingerprint(input: SchoolInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('base64url').slice(0, 32)
}

interface PendingRow {
  line: number
  school: GiasSchool
}

function emptyReport(full: boolean): GiasRegisterReport {
  return {
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    closed: 0,
    closedNotHeld: 0,
    failed: [],
    failedCount: 0,
    unmappedSen: {},
    full,
    missing: [],
  }
}

/** Imports a GIAS establishments file (a path or a byte stream), national scale included. */
export async function importGiasRegister(
  store: Store,
  input: NodeJS.ReadableStream | string,
  options: GiasImportOptions = {},
): Promise<GiasRegisterReport> {
  const { db } = store
  const batchSize = options.batchSize ?? DEFAULT_BATCH
  const report = emptyReport(options.full === true)
  // URN -> the line it was first seen on: duplicates are refused, and with `full` the rest of the
  // store is checked against it. One short entry a school, not a row: ~3 MB for the whole register.
  const seen = new Map<string, number>()
  const knownCouncils = new Set<string>()
  let pending: PendingRow[] = []
  // Needs are stored by reference to the taxonomy: a store never seeded (production) has no terms yet.
  const t = translator('en')
  await ensureNeedTerms(db, (code) => t(`needs.${code}`))

  const fail = (failure: GiasRowFailure): void => {
    report.failedCount += 1
    if (report.failed.length < MAX_REPORTED_FAILURES) report.failed.push(failure)
  }

  const flush = async (): Promise<void> => {
    const rows = pending
    pending = []
    if (rows.length === 0) return
    const held = await heldSchoolsByUrn(db, rows.map((row) => row.school.urn))
    const writes: RegisterSchoolWrite[] = []
    const toIndex: string[] = []
    const newCouncils = new Map<string, string>()
    for (const { school } of rows) {
      const schoolInput = schoolInputFromGias(school)
      const fingerprint = registerFingerprint(schoolInput)
      const closed = isClosedStatus(school.status)
      const existing = held.get(school.urn)
      if (!existing && closed) {
        report.closedNotHeld += 1
        continue
      }
      // Withdrawn even when unchanged: cheap, and it undoes a full re-index that put it back.
      if (existing && existing.fingerprint === fingerprint) {
        report.unchanged += 1
        continue
      }
      const id = existing?.id ?? randomUUID()
      writes.push({ id, input: { ...schoolInput, registerFingerprint: fingerprint } })
      if (!existing) report.created += 1
      else if (closed && !isClosedStatus(existing.status)) report.closed += 1
      else report.updated += 1
      // Closed ones too: the indexer leaves closed schools out, so this takes them out of search.
      toIndex.push(id)
      const council = responsibleCouncil(school)
      if (council && !knownCouncils.has(council)) newCouncils.set(council, school.laName)
    }
    await ensureCouncils(db, [...newCouncils].map(([code, name]) => ({ code, name })))
    for (const code of newCouncils.keys()) knownCouncils.add(code)
    await writeRegisterSchools(db, writes)
    // Compacting PostgreSQL's posting lists is left to the end of the import, not done mid-way.
    await indexSubjects(store, toIndex, 'never')
    options.onProgress?.(report)
  }

  for await (const result of parseGias(input)) {
    report.rows += 1
    if (!result.ok) {
      fail({ line: result.line, error: result.error })
      continue
    }
    for (const value of result.unmappedSen ?? []) report.unmappedSen[value] = (report.unmappedSen[value] ?? 0) + 1
    const { urn } = result.school
    const firstLine = seen.get(urn)
    if (firstLine !== undefined) {
      fail({ line: result.line, error: `Line ${result.line} (URN ${urn}): the same URN is on line ${firstLine}; the row was skipped` })
      continue
    }
    seen.set(urn, result.line)
    pending.push({ line: result.line, school: result.school })
    if (pending.length >= batchSize) await flush()
  }
  await flush()
  await compactPostingsIfLarge(store)

  if (report.full) {
    let after: string | undefined
    for (;;) {
      const page = await registerSchoolsPage(db, after, MISSING_SCAN_PAGE)
      for (const school of page) {
        if (!seen.has(school.urn) && !isClosedStatus(school.status)) report.missing.push({ urn: school.urn, name: school.name })
      }
      if (page.length < MISSING_SCAN_PAGE) break
      after = page[page.length - 1]?.id
    }
  }
  return report
}

function legacyReport(report: GiasRegisterReport): GiasImportReport {
  return { created: report.created, updated: report.updated + report.unchanged + report.closed, failed: report.failed }
}

/** The first importer's interface: every held school the file names counts as updated. */
export async function importGias(
  store: Store,
  input: NodeJS.ReadableStream | string,
  onProgress?: (report: GiasImportReport) => void,
): Promise<GiasImportReport> {
  const report = await importGiasRegister(store, input, onProgress ? { onProgress: (progress) => onProgress(legacyReport(progress)) } : {})
  return legacyReport(report)
}

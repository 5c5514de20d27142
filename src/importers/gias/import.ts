// Loads a GIAS establishments file into the store: one school per URN, created or updated,
// so importing the same file twice changes nothing. Bad rows are reported and skipped.
import type { Store } from '../../db/connection.js'
import { ensureCouncils } from '../../db/repositories/councils.js'
import { upsertSchool, type SchoolInput } from '../../db/repositories/schools.js'
import { indexSubjects } from '../../search/indexer.js'
import { parseGias, type GiasSchool } from './parse.js'

export interface GiasImportReport {
  created: number
  updated: number
  failed: Array<{ line: number; error: string }>
}

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

export async function importGias(
  store: Store,
  input: NodeJS.ReadableStream | string,
  onProgress?: (report: GiasImportReport) => void,
): Promise<GiasImportReport> {
  const { db } = store
  const report: GiasImportReport = { created: 0, updated: 0, failed: [] }
  const touched: string[] = []
  const councils = new Map<string, string>()
  for await (const result of parseGias(input)) {
    if (!result.ok) {
      report.failed.push({ line: result.line, error: result.error })
      continue
    }
    const council = responsibleCouncil(result.school)
    if (council && !councils.has(council)) {
      councils.set(council, result.school.laName)
      await ensureCouncils(db, [{ code: council, name: result.school.laName }])
    }
    const { id, created } = await upsertSchool(db, schoolInputFromGias(result.school))
    if (created) report.created += 1
    else report.updated += 1
    touched.push(id)
    if (touched.length % 1000 === 0) {
      await indexSubjects(store, touched.splice(0))
      onProgress?.(report)
    }
  }
  await indexSubjects(store, touched)
  return report
}

// The few columns the report pages read: a school's name, web address and report text.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { isUuid } from '../../db/ids.js'

export interface ReportSchool {
  id: string
  name: string
  url: string | null
  urn: string | null
  reportText: string | null
}

/** Whether a value can be a school id at all (PostgreSQL refuses a malformed uuid with an error). */
export function isSchoolId(value: string): boolean {
  return isUuid(value)
}

function base(db: Kysely<Database>) {
  return db
    .selectFrom('schools')
    .innerJoin('organisations', 'organisations.id', 'schools.id')
    .select(['schools.id as id', 'organisations.name as name', 'organisations.url as url', 'schools.urn as urn', 'schools.report_text as reportText'])
}

export async function findReportSchool(db: Kysely<Database>, id: string): Promise<ReportSchool | undefined> {
  if (!isSchoolId(id)) return undefined
  return base(db).where('schools.id', '=', id).executeTakeFirst()
}

export async function findReportSchools(db: Kysely<Database>, ids: readonly string[]): Promise<ReportSchool[]> {
  const valid = ids.filter(isSchoolId)
  if (valid.length === 0) return []
  return base(db).where('schools.id', 'in', valid).execute()
}

/** Every school, by name; `withReport` keeps only those whose report the council holds. */
export async function listReportSchools(db: Kysely<Database>, options: { withReport?: boolean } = {}): Promise<ReportSchool[]> {
  let query = base(db)
  if (options.withReport) query = query.where('schools.report_text', 'is not', null).where('schools.report_text', '!=', '')
  return query.orderBy('organisations.name').orderBy('schools.id').execute()
}

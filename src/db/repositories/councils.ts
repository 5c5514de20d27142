import type { Kysely } from 'kysely'
import type { CouncilArea } from '../../domain/model.js'
import type { Database } from '../schema.js'

/** Adds councils not yet known; a known code keeps its stored name. */
export async function ensureCouncils(db: Kysely<Database>, councils: CouncilArea[]): Promise<void> {
  if (councils.length === 0) return
  await db
    .insertInto('councils')
    .values(councils.map(({ code, name }) => ({ code, name })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute()
}

export async function councilNames(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('councils').selectAll().execute()
  return new Map(rows.map((row) => [row.code, row.name]))
}

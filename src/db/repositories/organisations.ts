// Organisations: councils, schools, NHS teams, charities: whoever provides a service.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { OrganisationKind } from '../../domain/model.js'
import type { Database, OrganisationRow } from '../schema.js'
import { provenanceColumns, replaceAreas, replaceContacts, type ContactInput, type ProvenanceInput } from './subjects.js'

export interface OrganisationInput extends ProvenanceInput {
  name: string
  kind: OrganisationKind
  description?: string
  url?: string
  email?: string
  phone?: string
  addressNote?: string
  councilCodes: string[]
  contacts?: ContactInput[]
}

export async function createOrganisation(db: Kysely<Database>, input: OrganisationInput, id: string = randomUUID()): Promise<string> {
  const now = new Date().toISOString()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('organisations')
      .values({
        id,
        name: input.name,
        kind: input.kind,
        description: input.description ?? null,
        url: input.url ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        address_note: input.addressNote ?? null,
        ...provenanceColumns(input),
        created_at: now,
        updated_at: now,
      })
      .execute()
    await replaceAreas(trx, id, input.councilCodes)
    await replaceContacts(trx, id, input.contacts ?? [])
  })
  return id
}

export async function findOrganisation(db: Kysely<Database>, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst()
}

// The needs taxonomy as stored terms, so services and schools can reference them by code.
import type { Kysely } from 'kysely'
import { NEED_TERMS } from '../../domain/needs.js'
import { stableUuid } from '../ids.js'
import type { Database } from '../schema.js'

/** Every install gives a term the same id. */
export function termId(vocabulary: string, code: string): string {
  return stableUuid(`local-offer:${vocabulary}:${code}`)
}

/** Stores the needs taxonomy; names are the English catalogue's. Safe to run at every start. */
export async function ensureNeedTerms(db: Kysely<Database>, nameOf: (code: string) => string): Promise<void> {
  await db
    .insertInto('taxonomy_terms')
    .values(
      NEED_TERMS.map((term) => ({
        code: term.code,
        id: termId('send-needs', term.code),
        vocabulary: 'send-needs',
        parent_code: term.area ?? null,
        name: nameOf(term.code),
      })),
    )
    .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), parent_code: eb.ref('excluded.parent_code') })))
    .execute()
}

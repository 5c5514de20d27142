// The needs taxonomy as stored terms, so services and schools can reference them by code.
import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { NEED_TERMS } from '../../domain/needs.js'
import type { Database } from '../schema.js'

/** A stable UUID (v5-style, from a SHA-1 of the code) so every install gives a term the same id. */
export function termId(vocabulary: string, code: string): string {
  const hex = createHash('sha1').update(`local-offer:${vocabulary}:${code}`).digest('hex')
  const variant = ((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`
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

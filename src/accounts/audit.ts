// The audit log: who did what and when. Rows are only ever added; the store refuses changes
// (migration 0007's triggers). No personal data beyond the actor's id goes into `details`.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { isoNow } from './tokens.js'

export async function audit(db: Kysely<Database>, entry: { actorId: string | null; action: string; subject?: string; details?: Record<string, unknown> }): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: isoNow(),
      actor_id: entry.actorId,
      action: entry.action,
      subject: entry.subject ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute()
}

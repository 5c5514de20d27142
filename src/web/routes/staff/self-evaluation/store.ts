// Reading and saving a school's self-evaluation. A save writes every item at the grid's next
// version in one transaction, and only if the grid is still at the version the form was opened
// at: each row is updated only while it holds the version just read, and a first save inserts
// only where no row exists. So of two saves from the same version, on either store, one wins
// and the other is told the grid changed, even when they run at the same moment.
import type { Kysely } from 'kysely'
import { audit } from '../../../../accounts/audit.js'
import { isoNow } from '../../../../accounts/tokens.js'
import type { Database } from '../../../../db/schema.js'
import { gridVersion, saveSummary, type Answer, type SavedAnswer } from '../../../../reports/self-evaluation.js'

export async function loadAnswers(db: Kysely<Database>, schoolId: string): Promise<SavedAnswer[]> {
  const rows = await db.selectFrom('self_evaluations').select(['item_id', 'status', 'comment', 'version', 'updated_at']).where('school_id', '=', schoolId).execute()
  return rows.map((row) => ({ itemId: row.item_id, status: row.status, comment: row.comment, version: row.version, updatedAt: row.updated_at }))
}

export type SaveResult = { ok: true; version: number } | { ok: false }

// Thrown inside the transaction so it rolls back; never leaves this module.
class GridChanged extends Error {}

export async function saveAnswers(db: Kysely<Database>, input: { schoolId: string; answers: readonly Answer[]; expectedVersion: number; actorId: string }): Promise<SaveResult> {
  const { schoolId, answers, expectedVersion, actorId } = input
  try {
    const version = await db.transaction().execute(async (trx) => {
      const before = await loadAnswers(trx, schoolId)
      if (gridVersion(before) !== expectedVersion) throw new GridChanged()
      const next = expectedVersion + 1
      const now = isoNow()
      for (const answer of answers) {
        const row = before.find((each) => each.itemId === answer.itemId)
        const values = { status: answer.status, comment: answer.comment, version: next, updated_by: actorId, updated_at: now }
        if (row) {
          const result = await trx
            .updateTable('self_evaluations')
            .set(values)
            .where('school_id', '=', schoolId)
            .where('item_id', '=', answer.itemId)
            .where('version', '=', row.version)
            .executeTakeFirst()
          if (Number(result.numUpdatedRows) !== 1) throw new GridChanged()
        } else {
          const result = await trx
            .insertInto('self_evaluations')
            .values({ school_id: schoolId, item_id: answer.itemId, ...values })
            .onConflict((conflict) => conflict.columns(['school_id', 'item_id']).doNothing())
            .executeTakeFirst()
          if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) throw new GridChanged()
        }
      }
      await audit(trx, { actorId, action: 'self-evaluation.saved', subject: schoolId, details: saveSummary(before, answers, next) })
      return next
    })
    return { ok: true, version }
  } catch (error) {
    if (error instanceof GridChanged) return { ok: false }
    throw error
  }
}

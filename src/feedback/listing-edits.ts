// "A listing problem becomes an edit in one step": the inbox links to the listing's edit form with
// the problem shown beside it; when the editor saves or sends that edit, the item gets a note
// saying so and, if nobody had picked it up yet, moves to in progress.
import type { Kysely } from 'kysely'
import { audit } from '../accounts/audit.js'
import type { Database } from '../db/schema.js'
import { translator } from '../web/i18n/index.js'
import { addNote } from './store.js'
import { isUuid } from '../db/ids.js'

const t = translator('en')

export interface ListingProblem {
  id: string
  problem: string | null
  comment: string
  createdAt: string
}

/** The feedback about this service to show beside its edit form; undefined unless it is about that service. */
export async function problemForListing(db: Kysely<Database>, feedbackId: unknown, serviceId: string): Promise<ListingProblem | undefined> {
  if (!isUuid(feedbackId)) return undefined
  const row = await db
    .selectFrom('feedback')
    .select(['id', 'problem', 'comment', 'created_at'])
    .where('id', '=', feedbackId)
    .where('subject_kind', '=', 'service')
    .where('subject_id', '=', serviceId)
    .executeTakeFirst()
  return row && { id: row.id, problem: row.problem, comment: row.comment, createdAt: row.created_at }
}

/** Records on the feedback that its listing was edited: a note, and new → in progress. */
export async function linkListingEdit(db: Kysely<Database>, input: { feedbackId: unknown; serviceId: string; actorId: string; action: 'saved' | 'submitted' | 'published' }): Promise<boolean> {
  const found = await problemForListing(db, input.feedbackId, input.serviceId)
  if (!found) return false
  await addNote(db, { feedbackId: found.id, authorId: input.actorId, text: t(`feedback.notes.listingEdit.${input.action}`) })
  const moved = await db
    .updateTable('feedback')
    .set((eb) => ({ state: 'in-progress', version: eb('version', '+', 1), updated_at: new Date().toISOString() }))
    .where('id', '=', found.id)
    .where('state', '=', 'new')
    .executeTakeFirst()
  if (Number(moved.numUpdatedRows) === 1) await audit(db, { actorId: input.actorId, action: 'feedback.state', subject: `feedback:${found.id}`, details: { from: 'new', to: 'in-progress', via: 'listing-edit' } })
  return true
}

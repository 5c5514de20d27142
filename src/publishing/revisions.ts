// The publishing workflow (docs/decisions/0009-publishing-workflow.md). A change to a listing or a
// report is a revision: saved as a draft, submitted, then approved (published) or returned with a
// reason. The public sees only what was last approved. Nothing is overwritten silently: every save
// names the version it was made from, and a save from an out-of-date copy comes back as a conflict.
import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { audit } from '../accounts/audit.js'
import type { Database, RevisionKind, RevisionStatus } from '../db/schema.js'

export const OPEN_STATUSES: readonly RevisionStatus[] = ['draft', 'submitted', 'returned']

/** What the workflow needs to know about one kind of thing it publishes. */
export interface Publishable<C> {
  kind: RevisionKind
  /** The published content, its version and owner; undefined when there is no such thing. */
  load(db: Kysely<Database>, subjectId: string): Promise<{ content: C; version: number; organisationId: string; name: string } | undefined>
  /** Stored JSON back to content; fields an older revision lacks come from `published`. */
  parse(json: string, published: C): C
  /**
   * Writes `content` as the published version, if the published version is still `expected`;
   * returns false (and writes nothing) when it is not. Also records the review (reviewedOn).
   */
  publish(trx: Transaction<Database>, subjectId: string, content: C, expected: number, reviewedOn: string): Promise<boolean>
}

export interface Revision<C> {
  id: string
  subjectId: string
  organisationId: string
  status: RevisionStatus
  baseVersion: number
  baseContent: C
  content: C
  version: number
  authorId: string | null
  submittedAt: string | null
  decidedBy: string | null
  decidedAt: string | null
  reason: string | null
  createdAt: string
  updatedAt: string
}

/** Why a save or a decision was refused, with what is stored now, to show beside the caller's copy. */
export type Conflict<C> =
  | { kind: 'published-changed'; published: C; version: number }
  | { kind: 'revision-changed'; revision: Revision<C>; published: C; version: number }
  | { kind: 'gone' }

export type Outcome<C> = { ok: true; revision: Revision<C> } | { ok: false; conflict: Conflict<C> }

type Row = Database['revisions']

function revisionOf<C>(row: Row, publishable: Publishable<C>, published: C): Revision<C> {
  const baseContent = publishable.parse(row.base_content, published)
  return {
    id: row.id,
    subjectId: row.subject_id,
    organisationId: row.organisation_id,
    status: row.status,
    baseVersion: row.base_version,
    baseContent,
    content: publishable.parse(row.content, baseContent),
    version: row.version,
    authorId: row.author_id,
    submittedAt: row.submitted_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    reason: row.reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export interface Workflow<C> {
  publishable: Publishable<C>
  /** The published content with its open revision, if any. */
  current(subjectId: string): Promise<{ published: C; version: number; organisationId: string; name: string; open: Revision<C> | undefined } | undefined>
  find(revisionId: string): Promise<(Revision<C> & { published: C; publishedVersion: number; name: string }) | undefined>
  /** Every revision of the subject, newest first. */
  history(subjectId: string): Promise<Array<Revision<C>>>
  /**
   * Saves content as the open revision. `from` is what the form was opened from: the open
   * revision and its version, or (no revision yet) the published version. `actorId` is null for
   * the system (an import from the command line).
   */
  save(input: { subjectId: string; from: { revisionId: string; version: number } | { publishedVersion: number }; content: C; actorId: string | null; submit: boolean }): Promise<Outcome<C>>
  approve(input: { revisionId: string; version: number; actorId: string; reviewedOn: string }): Promise<Outcome<C>>
  sendBack(input: { revisionId: string; version: number; actorId: string; reason: string }): Promise<Outcome<C>>
  withdraw(input: { revisionId: string; version: number; actorId: string }): Promise<Outcome<C>>
}

export function workflow<C>(db: Kysely<Database>, publishable: Publishable<C>): Workflow<C> {
  const { kind } = publishable

  async function openRow(subjectId: string, on: Kysely<Database> | Transaction<Database> = db): Promise<Row | undefined> {
    return on.selectFrom('revisions').selectAll().where('subject_kind', '=', kind).where('subject_id', '=', subjectId).where('status', 'in', OPEN_STATUSES).executeTakeFirst()
  }

  async function conflict(subjectId: string): Promise<Conflict<C>> {
    const published = await publishable.load(db, subjectId)
    if (!published) return { kind: 'gone' }
    const open = await openRow(subjectId)
    if (open) return { kind: 'revision-changed', revision: revisionOf(open, publishable, published.content), published: published.content, version: published.version }
    return { kind: 'published-changed', published: published.content, version: published.version }
  }

  async function reread(id: string): Promise<Revision<C>> {
    const found = await self.find(id)
    if (!found) throw new Error('revision vanished after writing it')
    return found
  }

  /** Moves a revision on, if it is still at `version` and in one of `from`; the conflict otherwise. */
  async function transition(
    input: { revisionId: string; version: number; actorId: string },
    from: readonly RevisionStatus[],
    to: RevisionStatus,
    extra: Partial<Row>,
    action: string,
    publish?: (trx: Transaction<Database>, revision: Revision<C>) => Promise<boolean>,
  ): Promise<Outcome<C>> {
    const before = await self.find(input.revisionId)
    if (!before) return { ok: false, conflict: { kind: 'gone' } }
    const now = new Date().toISOString()
    const done = await db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('revisions')
        .set({ ...extra, status: to, version: input.version + 1, updated_at: now })
        .where('id', '=', input.revisionId)
        .where('version', '=', input.version)
        .where('status', 'in', from)
        .executeTakeFirst()
      if (Number(moved.numUpdatedRows) !== 1) return false
      if (publish && !(await publish(trx, before))) throw new PublishedChanged()
      return true
    }).catch((error: unknown) => {
      if (error instanceof PublishedChanged) return false
      throw error
    })
    if (!done) return { ok: false, conflict: await conflict(before.subjectId) }
    await audit(db, { actorId: input.actorId, action, subject: `${kind}:${before.subjectId}`, details: { revision: before.id } })
    return { ok: true, revision: await reread(before.id) }
  }

  const self: Workflow<C> = {
    publishable,

    async current(subjectId) {
      const published = await publishable.load(db, subjectId)
      if (!published) return undefined
      const open = await openRow(subjectId)
      return { published: published.content, version: published.version, organisationId: published.organisationId, name: published.name, open: open && revisionOf(open, publishable, published.content) }
    },

    async find(revisionId) {
      const row = await db.selectFrom('revisions').selectAll().where('id', '=', revisionId).where('subject_kind', '=', kind).executeTakeFirst()
      if (!row) return undefined
      const published = await publishable.load(db, row.subject_id)
      if (!published) return undefined
      return { ...revisionOf(row, publishable, published.content), published: published.content, publishedVersion: published.version, name: published.name }
    },

    async history(subjectId) {
      const published = await publishable.load(db, subjectId)
      if (!published) return []
      const rows = await db.selectFrom('revisions').selectAll().where('subject_kind', '=', kind).where('subject_id', '=', subjectId).orderBy('created_at', 'desc').orderBy('id').execute()
      return rows.map((row) => revisionOf(row, publishable, published.content))
    },

    async save({ subjectId, from, content, actorId, submit }) {
      const now = new Date().toISOString()
      const status: RevisionStatus = submit ? 'submitted' : 'draft'
      const json = JSON.stringify(content)
      if ('revisionId' in from) {
        // Editing a returned or submitted change makes it a draft again, unless it is sent now.
        const result = await db
          .updateTable('revisions')
          .set({ content: json, status, version: from.version + 1, updated_at: now, ...(submit ? { submitted_at: now } : {}) })
          .where('id', '=', from.revisionId)
          .where('subject_kind', '=', kind)
          .where('subject_id', '=', subjectId)
          .where('version', '=', from.version)
          .where('status', 'in', OPEN_STATUSES)
          .executeTakeFirst()
        if (Number(result.numUpdatedRows) !== 1) return { ok: false, conflict: await conflict(subjectId) }
        await audit(db, { actorId, action: submit ? 'change.submitted' : 'change.saved', subject: `${kind}:${subjectId}`, details: { revision: from.revisionId } })
        return { ok: true, revision: await reread(from.revisionId) }
      }

      const published = await publishable.load(db, subjectId)
      if (!published) return { ok: false, conflict: { kind: 'gone' } }
      if (published.version !== from.publishedVersion) return { ok: false, conflict: await conflict(subjectId) }
      const id = randomUUID()
      const inserted = await db
        .transaction()
        .execute(async (trx) => {
          if (await openRow(subjectId, trx)) return false
          await trx
            .insertInto('revisions')
            .values({
              id,
              subject_kind: kind,
              subject_id: subjectId,
              organisation_id: published.organisationId,
              status,
              base_version: published.version,
              base_content: JSON.stringify(published.content),
              content: json,
              version: 1,
              author_id: actorId,
              submitted_at: submit ? now : null,
              decided_by: null,
              decided_at: null,
              reason: null,
              created_at: now,
              updated_at: now,
            })
            .execute()
          return true
        })
        // Two first saves at once: the store's one-open-revision index refuses the second.
        .catch(async (error: unknown) => {
          if (await openRow(subjectId)) return false
          throw error
        })
      if (!inserted) return { ok: false, conflict: await conflict(subjectId) }
      await audit(db, { actorId, action: submit ? 'change.submitted' : 'change.saved', subject: `${kind}:${subjectId}`, details: { revision: id } })
      return { ok: true, revision: await reread(id) }
    },

    approve({ revisionId, version, actorId, reviewedOn }) {
      const now = new Date().toISOString()
      return transition({ revisionId, version, actorId }, ['submitted'], 'approved', { decided_by: actorId, decided_at: now, reason: null }, 'change.approved', (trx, revision) =>
        publishable.publish(trx, revision.subjectId, revision.content, revision.baseVersion, reviewedOn),
      )
    },

    sendBack({ revisionId, version, actorId, reason }) {
      return transition({ revisionId, version, actorId }, ['submitted'], 'returned', { decided_by: actorId, decided_at: new Date().toISOString(), reason }, 'change.returned')
    },

    withdraw({ revisionId, version, actorId }) {
      return transition({ revisionId, version, actorId }, OPEN_STATUSES, 'withdrawn', {}, 'change.withdrawn')
    },
  }
  return self
}

/** Thrown inside the approval's transaction to undo it: the published version moved on. */
class PublishedChanged extends Error {}

// Feedback in the store: what visitors send, the inbox's lists and counts, and officers' triage.
// Officers' saves are optimistic: each names the version it was opened at, and a save from an
// older copy changes nothing (the caller shows the conflict). State changes, assignments, themes,
// responses and notes are audited, with ids only: never the comment, the response or contact details.
import { randomUUID } from 'node:crypto'
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely'
import { audit } from '../accounts/audit.js'
import type { Database, FeedbackKind, FeedbackState, FeedbackTable } from '../db/schema.js'
import { FEEDBACK_STATES, type Contact, type Problem, type Triage } from './validate.js'
import type { FeedbackTheme } from './themes.js'

export type FeedbackRow = Selectable<FeedbackTable>

/** What a page is about, as the store has it: the listing and the organisation that keeps it. */
export interface Subject {
  kind: 'service' | 'school'
  id: string
  name: string
  organisationId: string
  organisationName: string
}

/** Looks the listing up; undefined when there is no such service or school (the page was a 404). */
export async function findSubject(db: Kysely<Database>, subject: { kind: 'service' | 'school'; id: string }): Promise<Subject | undefined> {
  if (subject.kind === 'service') {
    const row = await db
      .selectFrom('services')
      .innerJoin('organisations', 'organisations.id', 'services.organisation_id')
      .select(['services.id', 'services.name', 'services.organisation_id as organisationId', 'organisations.name as organisationName'])
      .where('services.id', '=', subject.id)
      .executeTakeFirst()
    return row && { kind: 'service', ...row }
  }
  const row = await db
    .selectFrom('schools')
    .innerJoin('organisations', 'organisations.id', 'schools.id')
    .select(['schools.id', 'organisations.name'])
    .where('schools.id', '=', subject.id)
    .executeTakeFirst()
  // A school keeps its own page: it is its own organisation.
  return row && { kind: 'school', id: row.id, name: row.name, organisationId: row.id, organisationName: row.name }
}

export interface NewFeedback {
  pagePath: string
  subject: Subject | undefined
  kind: FeedbackKind
  useful?: boolean
  problem?: Problem
  comment?: string
  contact?: Contact | undefined
  now?: Date
}

export async function recordFeedback(db: Kysely<Database>, input: NewFeedback): Promise<string> {
  const id = randomUUID()
  const at = (input.now ?? new Date()).toISOString()
  await db
    .insertInto('feedback')
    .values({
      id,
      created_at: at,
      updated_at: at,
      page_path: input.pagePath,
      subject_kind: input.subject?.kind ?? null,
      subject_id: input.subject?.id ?? null,
      organisation_id: input.subject?.organisationId ?? null,
      kind: input.kind,
      useful: input.useful === undefined ? null : input.useful ? 1 : 0,
      problem: input.problem ?? null,
      comment: input.comment ?? '',
      contact_name: input.contact?.name ?? null,
      contact_email: input.contact?.email ?? null,
      contact_phone: input.contact?.phone ?? null,
      consented_at: input.contact ? at : null,
      personal_data_deleted_at: null,
      assigned_to: null,
      response: null,
      responded_at: null,
      responded_by: null,
    })
    .execute()
  return id
}

/** How long after a yes or no the visitor may still add a comment to it. */
export const ADD_COMMENT_WITHIN_MS = 24 * 60 * 60 * 1000

/** Whether a yes/no answer can still take the visitor's comment: recent, and none added yet. */
export function takesComment(row: FeedbackRow, now: Date = new Date()): boolean {
  return row.kind === 'useful' && row.comment === '' && row.consented_at === null && now.getTime() - Date.parse(row.created_at) < ADD_COMMENT_WITHIN_MS
}

/** Adds the comment (and contact) to a yes/no answer, once: false when it already has one. */
export async function addComment(db: Kysely<Database>, id: string, input: { comment: string; contact: Contact | undefined; now?: Date }): Promise<boolean> {
  const at = (input.now ?? new Date()).toISOString()
  const result = await db
    .updateTable('feedback')
    .set({
      comment: input.comment,
      contact_name: input.contact?.name ?? null,
      contact_email: input.contact?.email ?? null,
      contact_phone: input.contact?.phone ?? null,
      consented_at: input.contact ? at : null,
      updated_at: at,
    })
    .where('id', '=', id)
    .where('kind', '=', 'useful')
    .where('comment', '=', '')
    .where('consented_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function findFeedback(db: Kysely<Database>, id: string): Promise<FeedbackRow | undefined> {
  return db.selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function themesOf(db: Kysely<Database>, id: string): Promise<string[]> {
  const rows = await db.selectFrom('feedback_themes').select('theme').where('feedback_id', '=', id).orderBy('theme').execute()
  return rows.map((row) => row.theme)
}

export interface Note {
  id: string
  text: string
  createdAt: string
  author: string | null
}

export async function notesOf(db: Kysely<Database>, id: string): Promise<Note[]> {
  const rows = await db
    .selectFrom('feedback_notes')
    .leftJoin('users', 'users.id', 'feedback_notes.author_id')
    .select(['feedback_notes.id', 'feedback_notes.text', 'feedback_notes.created_at', 'users.name'])
    .where('feedback_notes.feedback_id', '=', id)
    .orderBy('feedback_notes.created_at')
    .orderBy('feedback_notes.id')
    .execute()
  return rows.map((row) => ({ id: row.id, text: row.text, createdAt: row.created_at, author: row.name }))
}

/** Notes are only ever added: one person's note is never edited by another. */
export async function addNote(db: Kysely<Database>, input: { feedbackId: string; authorId: string | null; text: string; now?: Date }): Promise<void> {
  await db
    .insertInto('feedback_notes')
    .values({ id: randomUUID(), feedback_id: input.feedbackId, author_id: input.authorId, text: input.text, created_at: (input.now ?? new Date()).toISOString() })
    .execute()
  await audit(db, { actorId: input.authorId, action: 'feedback.note', subject: `feedback:${input.feedbackId}` })
}

export type PageKind = 'service' | 'school' | 'general'

export interface FeedbackFilter {
  state?: FeedbackState | undefined
  theme?: FeedbackTheme | undefined
  pageKind?: PageKind | undefined
  assignedTo?: string | undefined
  /** Only these organisations' feedback (a provider's view). */
  organisationIds?: readonly string[] | undefined
}

function matching(eb: ExpressionBuilder<Database, 'feedback'>, filter: FeedbackFilter) {
  const parts = []
  if (filter.state) parts.push(eb('feedback.state', '=', filter.state))
  if (filter.pageKind === 'general') parts.push(eb('feedback.subject_kind', 'is', null))
  else if (filter.pageKind) parts.push(eb('feedback.subject_kind', '=', filter.pageKind))
  if (filter.assignedTo) parts.push(eb('feedback.assigned_to', '=', filter.assignedTo))
  if (filter.organisationIds) parts.push(eb('feedback.organisation_id', 'in', filter.organisationIds.length > 0 ? filter.organisationIds : ['']))
  if (filter.theme) {
    const theme = filter.theme
    parts.push(
      eb.exists(eb.selectFrom('feedback_themes').select('feedback_themes.theme').whereRef('feedback_themes.feedback_id', '=', 'feedback.id').where('feedback_themes.theme', '=', theme)),
    )
  }
  return eb.and(parts)
}

export interface ListedFeedback {
  id: string
  createdAt: string
  pagePath: string
  subjectKind: 'service' | 'school' | null
  subjectId: string | null
  subjectName: string | null
  organisationName: string | null
  kind: FeedbackKind
  useful: number | null
  problem: string | null
  comment: string
  state: FeedbackState
  assignee: string | null
}

/** Newest first, a page at a time, with how many match in all. */
export async function listFeedback(db: Kysely<Database>, filter: FeedbackFilter, paging: { page: number; perPage: number }): Promise<{ rows: ListedFeedback[]; total: number }> {
  const total = await db
    .selectFrom('feedback')
    .where((eb) => matching(eb, filter))
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
  const rows = await db
    .selectFrom('feedback')
    .where((eb) => matching(eb, filter))
    .leftJoin('services as subject_service', 'subject_service.id', 'feedback.subject_id')
    .leftJoin('organisations as subject_organisation', 'subject_organisation.id', 'feedback.subject_id')
    .leftJoin('organisations as owner', 'owner.id', 'feedback.organisation_id')
    .leftJoin('users as assignee', 'assignee.id', 'feedback.assigned_to')
    .select([
      'feedback.id',
      'feedback.created_at',
      'feedback.page_path',
      'feedback.subject_kind',
      'feedback.subject_id',
      'feedback.kind',
      'feedback.useful',
      'feedback.problem',
      'feedback.comment',
      'feedback.state',
      'subject_service.name as serviceName',
      'subject_organisation.name as schoolName',
      'owner.name as organisationName',
      'assignee.name as assigneeName',
    ])
    .orderBy('feedback.created_at', 'desc')
    .orderBy('feedback.id', 'desc')
    .limit(paging.perPage)
    .offset((paging.page - 1) * paging.perPage)
    .execute()
  return {
    total: Number(total.count),
    rows: rows.map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      pagePath: row.page_path,
      subjectKind: row.subject_kind,
      subjectId: row.subject_id,
      subjectName: row.subject_kind === 'service' ? row.serviceName : row.subject_kind === 'school' ? row.schoolName : null,
      organisationName: row.organisationName,
      kind: row.kind,
      useful: row.useful,
      problem: row.problem,
      comment: row.comment,
      state: row.state,
      assignee: row.assigneeName,
    })),
  }
}

/** How many items are in each state, under the filter's other choices. */
export async function countByState(db: Kysely<Database>, filter: FeedbackFilter): Promise<Record<FeedbackState, number>> {
  const rows = await db
    .selectFrom('feedback')
    .where((eb) => matching(eb, { ...filter, state: undefined }))
    .select((eb) => ['feedback.state', eb.fn.countAll<number>().as('count')])
    .groupBy('feedback.state')
    .execute()
  const counts = Object.fromEntries(FEEDBACK_STATES.map((state) => [state, 0])) as Record<FeedbackState, number>
  for (const row of rows) counts[row.state] = Number(row.count)
  return counts
}

/** The people an item can be given to: council officers and administrators who can sign in. */
export async function assignableOfficers(db: Kysely<Database>): Promise<Array<{ id: string; name: string }>> {
  return db.selectFrom('users').select(['id', 'name']).where('role', 'in', ['officer', 'administrator']).where('disabled_at', 'is', null).orderBy('name').orderBy('id').execute()
}

export type TriageOutcome = { ok: true } | { ok: false; reason: 'gone' | 'changed' }

/**
 * Saves an officer's triage if the item is still at `version`: state, themes, assignment and
 * response together, or nothing. Each change is audited.
 */
export async function saveTriage(db: Kysely<Database>, input: { id: string; version: number; triage: Triage; actorId: string; now?: Date }): Promise<TriageOutcome> {
  const before = await findFeedback(db, input.id)
  if (!before) return { ok: false, reason: 'gone' }
  if (before.version !== input.version) return { ok: false, reason: 'changed' }
  const beforeThemes = await themesOf(db, input.id)
  const at = (input.now ?? new Date()).toISOString()
  const { triage } = input
  const responseChanged = triage.response !== (before.response ?? '')
  const saved = await db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('feedback')
      .set({
        state: triage.state,
        assigned_to: triage.assignedTo,
        response: triage.response || null,
        ...(responseChanged ? { responded_at: triage.response ? at : null, responded_by: triage.response ? input.actorId : null } : {}),
        version: input.version + 1,
        updated_at: at,
      })
      .where('id', '=', input.id)
      .where('version', '=', input.version)
      .executeTakeFirst()
    if (Number(moved.numUpdatedRows) !== 1) return false
    await trx.deleteFrom('feedback_themes').where('feedback_id', '=', input.id).execute()
    if (triage.themes.length > 0) await trx.insertInto('feedback_themes').values(triage.themes.map((theme) => ({ feedback_id: input.id, theme }))).execute()
    return true
  })
  if (!saved) return { ok: false, reason: 'changed' }
  const subject = `feedback:${input.id}`
  const actorId = input.actorId
  if (before.state !== triage.state) await audit(db, { actorId, action: 'feedback.state', subject, details: { from: before.state, to: triage.state } })
  if (before.assigned_to !== triage.assignedTo) await audit(db, { actorId, action: 'feedback.assigned', subject, details: { to: triage.assignedTo } })
  if (beforeThemes.join(' ') !== triage.themes.join(' ')) await audit(db, { actorId, action: 'feedback.themes', subject, details: { themes: triage.themes } })
  if (responseChanged) await audit(db, { actorId, action: triage.response ? 'feedback.responded' : 'feedback.response-removed', subject })
  return { ok: true }
}

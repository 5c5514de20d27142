// "You said, we did": checking a comment for personal data, publishing it with the council's
// response, withdrawing it, and reading what is published (docs/decisions/0011-feedback.md,
// "Publishing"). Nothing is published while a finding of the check is undecided: each is either
// removed (replaced by a placeholder) or confirmed not to be personal data, with a reason.
import { createHash, randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { audit } from '../accounts/audit.js'
import type { Database } from '../db/schema.js'
import { findPersonalData, type PersonalDataFinding, type PersonalDataKind, type PersonalDataReason } from './personal-data.js'
import { FEEDBACK_THEMES, type FeedbackTheme } from './themes.js'

export const REVIEWED_FIELDS = ['said', 'did', 'changed'] as const
export type ReviewedField = (typeof REVIEWED_FIELDS)[number]
export type Texts = Record<ReviewedField, string>

export const PUBLISH_LIMITS = { said: 5_000, did: 5_000, changed: 2_000, reason: 200 } as const

/** What the officer chose for one finding on the form. */
export interface Decision {
  action: 'redact' | 'confirm'
  reason: string
}

export interface ReviewedFinding extends PersonalDataFinding {
  field: ReviewedField
  /** Names the finding on the form: its field, position and text, so an edit makes a new one. */
  key: string
  /** Up to 40 characters either side, for judging it in context. */
  before: string
  after: string
  /** Confirmed not to be personal data, with this reason. */
  confirmed?: string
  /** What the form had chosen, kept when the choice could not be accepted (no reason given). */
  chosen?: 'redact' | 'confirm'
  reason?: string
  problem?: 'reason-missing' | 'reason-too-long'
}

/** One line of the stored review: every finding, what was done with it, by whom. */
export interface ReviewRecord {
  field: ReviewedField
  kind: PersonalDataKind
  why: PersonalDataReason
  decision: 'redacted' | 'confirmed'
  /** Only for a confirmed finding (it is published anyway); a removed one's text is not kept. */
  text?: string
  reason?: string
  by: string
  at: string
}

export interface ReviewResult {
  /** The texts with the chosen findings removed. */
  texts: Texts
  /** What the check finds in them now, with what is already decided. */
  findings: ReviewedFinding[]
  /** What this round removed. */
  redacted: ReviewRecord[]
}

export function findingKey(field: ReviewedField, finding: Pick<PersonalDataFinding, 'start' | 'end' | 'text'>): string {
  return `f${createHash('sha256').update(`${field}\u0000${finding.start}\u0000${finding.end}\u0000${finding.text}`).digest('hex').slice(0, 16)}`
}

function reviewed(field: ReviewedField, text: string, finding: PersonalDataFinding): ReviewedFinding {
  return {
    ...finding,
    field,
    key: findingKey(field, finding),
    before: `${finding.start > 40 ? '…' : ''}${text.slice(Math.max(0, finding.start - 40), finding.start)}`,
    after: `${text.slice(finding.end, finding.end + 40)}${finding.end + 40 < text.length ? '…' : ''}`,
  }
}

/**
 * Applies the officer's choices to the findings they were shown, then checks the result again.
 * A choice counts only for a finding the check makes in the text as sent, at the same place with
 * the same words: edit the text and its findings are new, to be decided again.
 */
export function reviewTexts(input: { texts: Texts; decisions: ReadonlyMap<string, Decision>; placeholder: (kind: PersonalDataKind) => string; actorId: string; now: string }): ReviewResult {
  const texts = { ...input.texts }
  const findings: ReviewedFinding[] = []
  const redacted: ReviewRecord[] = []
  for (const field of REVIEWED_FIELDS) {
    const original = input.texts[field]
    // Choices that stay with a finding, by where it will be once the removals before it are made.
    const carried = new Map<string, Pick<ReviewedFinding, 'confirmed' | 'chosen' | 'reason' | 'problem'>>()
    let text = ''
    let from = 0
    for (const finding of findPersonalData(original)) {
      const decision = input.decisions.get(findingKey(field, finding))
      text += original.slice(from, finding.start)
      from = finding.end
      if (decision?.action === 'redact') {
        text += input.placeholder(finding.kind)
        redacted.push({ field, kind: finding.kind, why: finding.why, decision: 'redacted', by: input.actorId, at: input.now })
        continue
      }
      const moved = findingKey(field, { start: text.length, end: text.length + finding.text.length, text: finding.text })
      text += finding.text
      if (decision?.action === 'confirm') {
        const reason = decision.reason.replace(/\s+/g, ' ').trim()
        if (!reason) carried.set(moved, { chosen: 'confirm', problem: 'reason-missing' })
        else if (reason.length > PUBLISH_LIMITS.reason) carried.set(moved, { chosen: 'confirm', reason, problem: 'reason-too-long' })
        else carried.set(moved, { confirmed: reason, chosen: 'confirm', reason })
      }
    }
    text += original.slice(from)
    texts[field] = text
    for (const finding of findPersonalData(text)) {
      const one = reviewed(field, text, finding)
      findings.push({ ...one, ...carried.get(one.key) })
    }
  }
  return { texts, findings, redacted }
}

export function unresolved(findings: readonly ReviewedFinding[]): ReviewedFinding[] {
  return findings.filter((finding) => finding.confirmed === undefined)
}

/** The stored review: earlier rounds' removals, this round's, and every confirmation. */
export function reviewRecord(earlier: readonly ReviewRecord[], result: ReviewResult, actorId: string, now: string): ReviewRecord[] {
  return [
    ...earlier,
    ...result.redacted,
    ...result.findings.map((finding): ReviewRecord => ({ field: finding.field, kind: finding.kind, why: finding.why, decision: 'confirmed', text: finding.text, reason: finding.confirmed ?? '', by: actorId, at: now })),
  ]
}

/** Reads a review carried through the form; anything not of the right shape is dropped. */
export function parseReviewRecords(json: string): ReviewRecord[] {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return []
  }
  if (!Array.isArray(value)) return []
  return value.filter((entry): entry is ReviewRecord => {
    if (typeof entry !== 'object' || entry === null) return false
    const record = entry as Record<string, unknown>
    return (
      (REVIEWED_FIELDS as readonly string[]).includes(record.field as string) &&
      typeof record.kind === 'string' &&
      typeof record.why === 'string' &&
      record.decision === 'redacted' &&
      record.text === undefined &&
      typeof record.by === 'string' &&
      typeof record.at === 'string'
    )
  })
}

/** The quarter a date falls in: "2026-03-14" → "2026-Q1". */
export function quarterOf(iso: string): string {
  const year = iso.slice(0, 4)
  const month = Number(iso.slice(5, 7))
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`
}

export const PERIOD = /^(\d{4})-Q([1-4])$/

// ---- the store ----------------------------------------------------------------------------

export interface PublishInput {
  feedbackId: string
  theme: FeedbackTheme
  period: string
  texts: Texts
  changedOn: string | null
  review: ReviewRecord[]
  actorId: string
  now?: Date
}

export type PublishOutcome = { ok: true; id: string } | { ok: false; reason: 'gone' | 'published' }

/** The live (not withdrawn) entry published from a piece of feedback, if there is one. */
export async function liveEntryOf(db: Kysely<Database>, feedbackId: string) {
  return db.selectFrom('published_feedback').selectAll().where('feedback_id', '=', feedbackId).where('withdrawn_at', 'is', null).executeTakeFirst()
}

/**
 * Publishes a checked comment: the entry, the feedback marked responded (unless closed; its
 * response filled in from "we did" if it had none), and the audit, together or not at all.
 */
export async function publishEntry(db: Kysely<Database>, input: PublishInput): Promise<PublishOutcome> {
  const at = (input.now ?? new Date()).toISOString()
  const id = randomUUID()
  const outcome = await db.transaction().execute(async (trx): Promise<PublishOutcome & { from?: string }> => {
    const item = await trx.selectFrom('feedback').select(['id', 'state', 'response', 'version']).where('id', '=', input.feedbackId).executeTakeFirst()
    if (!item) return { ok: false, reason: 'gone' }
    if (await liveEntryOf(trx, input.feedbackId)) return { ok: false, reason: 'published' }
    await trx
      .insertInto('published_feedback')
      .values({
        id,
        feedback_id: input.feedbackId,
        theme: input.theme,
        period: input.period,
        said: input.texts.said,
        did: input.texts.did,
        changed: input.texts.changed,
        changed_on: input.changedOn,
        personal_data_review: JSON.stringify(input.review),
        published_at: at,
        published_by: input.actorId,
        withdrawn_at: null,
      })
      .execute()
    await trx
      .updateTable('feedback')
      .set({
        state: item.state === 'closed' ? 'closed' : 'responded',
        ...(item.response ? {} : { response: input.texts.did, responded_at: at, responded_by: input.actorId }),
        // A new version: an officer with the item open in the inbox sees it changed, not overwrites it.
        version: item.version + 1,
        updated_at: at,
      })
      .where('id', '=', input.feedbackId)
      .execute()
    const decided = { redacted: input.review.filter((record) => record.decision === 'redacted').length, confirmed: input.review.filter((record) => record.decision === 'confirmed').length }
    await audit(trx, { actorId: input.actorId, action: 'feedback.published', subject: `feedback:${input.feedbackId}`, details: { entry: id, theme: input.theme, period: input.period, ...decided } })
    if (item.state !== 'closed' && item.state !== 'responded') {
      await audit(trx, { actorId: input.actorId, action: 'feedback.state', subject: `feedback:${input.feedbackId}`, details: { from: item.state, to: 'responded', via: 'publish' } })
    }
    return { ok: true, id }
  }).catch(async (error: unknown): Promise<PublishOutcome> => {
    // Another officer's publish won the race: the one-live-entry index refused this one.
    if (await liveEntryOf(db, input.feedbackId)) return { ok: false, reason: 'published' }
    throw error
  })
  return outcome
}

/** Takes an entry off the public page; the row stays, with when. False if it was not live. */
export async function withdrawEntry(db: Kysely<Database>, input: { entryId: string; actorId: string; now?: Date }): Promise<boolean> {
  const at = (input.now ?? new Date()).toISOString()
  const result = await db.updateTable('published_feedback').set({ withdrawn_at: at }).where('id', '=', input.entryId).where('withdrawn_at', 'is', null).executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) return false
  await audit(db, { actorId: input.actorId, action: 'feedback.withdrawn', subject: `published-feedback:${input.entryId}` })
  return true
}

export interface PublishedEntry {
  id: string
  feedbackId: string | null
  theme: string
  period: string
  said: string
  did: string
  changed: string
  changedOn: string | null
  publishedAt: string
  withdrawnAt: string | null
  publishedBy: string | null
}

export interface PublishedFilter {
  theme?: FeedbackTheme | undefined
  year?: number | undefined
  /** Withdrawn entries too (the officers' list). */
  withdrawn?: boolean
}

const themeOrder = (theme: string) => {
  const index = (FEEDBACK_THEMES as readonly string[]).indexOf(theme)
  return index < 0 ? FEEDBACK_THEMES.length : index
}

/** Newest period first, then by theme in the themes' own order, then newest published first. */
function compareEntries(a: { period: string; theme: string; published_at: string; id: string }, b: typeof a): number {
  return b.period.localeCompare(a.period) || themeOrder(a.theme) - themeOrder(b.theme) || b.published_at.localeCompare(a.published_at) || a.id.localeCompare(b.id)
}

/** One page of entries in the public page's order, with how many there are in all. */
export async function publishedEntries(db: Kysely<Database>, filter: PublishedFilter, paging: { page: number; perPage: number }): Promise<{ total: number; entries: PublishedEntry[] }> {
  let query = db.selectFrom('published_feedback').select(['id', 'period', 'theme', 'published_at'])
  if (!filter.withdrawn) query = query.where('withdrawn_at', 'is', null)
  if (filter.theme) query = query.where('theme', '=', filter.theme)
  if (filter.year !== undefined) query = query.where('period', '>=', `${filter.year}-Q1`).where('period', '<=', `${filter.year}-Q4`)
  // The order is by the themes' list, which the store does not know: sort the (small) ids here.
  const all = (await query.execute()).sort(compareEntries)
  const ids = all.slice((paging.page - 1) * paging.perPage, paging.page * paging.perPage).map((row) => row.id)
  if (ids.length === 0) return { total: all.length, entries: [] }
  const rows = await db
    .selectFrom('published_feedback')
    .leftJoin('users', 'users.id', 'published_feedback.published_by')
    .select([
      'published_feedback.id',
      'published_feedback.feedback_id',
      'published_feedback.theme',
      'published_feedback.period',
      'published_feedback.said',
      'published_feedback.did',
      'published_feedback.changed',
      'published_feedback.changed_on',
      'published_feedback.published_at',
      'published_feedback.withdrawn_at',
      'users.name as publisher',
    ])
    .where('published_feedback.id', 'in', ids)
    .execute()
  const byId = new Map(rows.map((row) => [row.id, row]))
  return {
    total: all.length,
    entries: ids.flatMap((id) => {
      const row = byId.get(id)
      if (!row) return []
      return [
        {
          id: row.id,
          feedbackId: row.feedback_id,
          theme: row.theme,
          period: row.period,
          said: row.said,
          did: row.did,
          changed: row.changed,
          changedOn: row.changed_on,
          publishedAt: row.published_at,
          withdrawnAt: row.withdrawn_at,
          publishedBy: row.publisher,
        },
      ]
    }),
  }
}

/** Where an entry falls on the public page (from 1), unfiltered; undefined when it is not live. */
export async function pageOfEntry(db: Kysely<Database>, entryId: string, perPage: number): Promise<number | undefined> {
  const all = (await db.selectFrom('published_feedback').select(['id', 'period', 'theme', 'published_at']).where('withdrawn_at', 'is', null).execute()).sort(compareEntries)
  const index = all.findIndex((row) => row.id === entryId)
  return index < 0 ? undefined : Math.floor(index / perPage) + 1
}

/** Entries grouped as the public page shows them: by period, then by theme. */
export function groupEntries<T extends { period: string; theme: string }>(entries: readonly T[]): Array<{ period: string; themes: Array<{ theme: string; entries: T[] }> }> {
  const groups: Array<{ period: string; themes: Array<{ theme: string; entries: T[] }> }> = []
  for (const entry of entries) {
    let group = groups[groups.length - 1]
    if (!group || group.period !== entry.period) groups.push((group = { period: entry.period, themes: [] }))
    let theme = group.themes[group.themes.length - 1]
    if (!theme || theme.theme !== entry.theme) group.themes.push((theme = { theme: entry.theme, entries: [] }))
    theme.entries.push(entry)
  }
  return groups
}

/** The years that have live entries, newest first: the public filter's choices. */
export async function publishedYears(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom('published_feedback').select('period').distinct().where('withdrawn_at', 'is', null).execute()
  return [...new Set(rows.map((row) => Number(row.period.slice(0, 4))))].sort((a, b) => b - a)
}

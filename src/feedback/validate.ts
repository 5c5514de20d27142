// Reading the feedback forms: what a visitor sends on a public page, and what an officer saves in
// the inbox. Nothing here trusts the form beyond its text: the page a visitor was on is checked to
// be a path on this site, and what it is about is worked out from that path, never from a field.
// Errors are codes with parameters; the pages turn them into words from the catalogue.
import type { FeedbackState } from '../db/schema.js'
import { isFeedbackTheme, type FeedbackTheme } from './themes.js'

export const FEEDBACK_STATES: readonly FeedbackState[] = ['new', 'in-progress', 'responded', 'closed']
export const PROBLEMS = ['out-of-date', 'wrong-contact', 'closed', 'other'] as const
export type Problem = (typeof PROBLEMS)[number]

export const LIMITS = {
  comment: 1_200,
  name: 100,
  email: 254,
  response: 5_000,
  note: 2_000,
  /** The page's path as stored (no query string: a search's words or postcode stay out of the store). */
  path: 300,
  /** The address linked back to, query string included; never stored. */
  back: 2_000,
} as const

export interface FieldError {
  /** The form field, as named in the form. */
  field: string
  /** The catalogue key under feedback.errors. */
  code: string
  params?: Record<string, string | number>
}

export interface Contact {
  name: string | null
  email: string | null
  phone: string | null
}

type Body = Record<string, unknown>

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
// UK and international numbers as people type them: digits with spaces, brackets, dots or dashes.
const PHONE = /^\+?[0-9][0-9 ().-]*[0-9]$/
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const SERVICE_PAGE = new RegExp(`^/services/(${UUID})/?$`, 'i')
const SCHOOL_PAGE = new RegExp(`^/schools/(${UUID})(?:/report)?/?$`, 'i')

/** A field's text: one string (a repeated field is not one), browsers' CRLF as LF, trimmed. */
export function field(body: Body, name: string): string {
  const value = body[name]
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : ''
}

/** "1,305": counts in messages, as GOV.UK writes numbers. */
function count(value: number): string {
  return value.toLocaleString('en-GB')
}

function tooLong(name: string, value: string, max: number, code: string): FieldError[] {
  return value.length > max ? [{ field: name, code, params: { max: count(max), count: count(value.length) } }] : []
}

/** True when the hidden field only a robot fills in has something in it. */
export function isTrap(body: Body): boolean {
  return field(body, 'website') !== ''
}

/**
 * The page a form was sent from: a path on this site (never "//elsewhere"), with its query for
 * the link back, and without it for the store. Undefined when it is not such a path.
 */
export function pageOf(value: unknown): { path: string; back: string } | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > LIMITS.back) return undefined
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\s\u0000-\u001f\u007f]/.test(value)) return undefined
  return { path: value.split(/[?#]/)[0]!.slice(0, LIMITS.path), back: value }
}

/** What a page is about, from its path alone: a service's or a school's page, or nothing in particular. */
export function subjectOfPath(path: string): { kind: 'service' | 'school'; id: string } | undefined {
  const service = SERVICE_PAGE.exec(path)
  if (service) return { kind: 'service', id: service[1]!.toLowerCase() }
  const school = SCHOOL_PAGE.exec(path)
  if (school) return { kind: 'school', id: school[1]!.toLowerCase() }
  return undefined
}

export function parseUseful(body: Body): 'yes' | 'no' | undefined {
  const value = field(body, 'useful')
  return value === 'yes' || value === 'no' ? value : undefined
}

export function parseComment(body: Body): { comment: string; errors: FieldError[] } {
  const comment = field(body, 'comment')
  return { comment, errors: tooLong('comment', comment, LIMITS.comment, 'commentTooLong') }
}

/**
 * Optional contact details, kept only with consent. Details without the box ticked are an error
 * (never stored quietly); the box ticked with no way to reply is one too.
 */
export function parseContact(body: Body): { contact: Contact | undefined; values: { name: string; email: string; phone: string; consent: boolean }; errors: FieldError[] } {
  const values = { name: field(body, 'name'), email: field(body, 'email'), phone: field(body, 'phone'), consent: field(body, 'consent') === 'yes' }
  const errors: FieldError[] = [...tooLong('name', values.name, LIMITS.name, 'nameTooLong')]
  if (values.email && (values.email.length > LIMITS.email || !EMAIL.test(values.email))) errors.push({ field: 'email', code: 'emailInvalid' })
  const digits = values.phone.replace(/\D/g, '').length
  if (values.phone && (!PHONE.test(values.phone) || digits < 10 || digits > 15)) errors.push({ field: 'phone', code: 'phoneInvalid' })
  const given = Boolean(values.name || values.email || values.phone)
  if (given && !values.consent) errors.push({ field: 'consent', code: 'consentMissing' })
  if (values.consent && !values.email && !values.phone) errors.push({ field: 'email', code: 'contactMissing' })
  const contact = values.consent && errors.length === 0 ? { name: values.name || null, email: values.email || null, phone: values.phone || null } : undefined
  return { contact, values, errors }
}

export function parseProblem(body: Body): { problem: Problem | undefined; errors: FieldError[] } {
  const value = field(body, 'problem')
  const problem = (PROBLEMS as readonly string[]).includes(value) ? (value as Problem) : undefined
  return { problem, errors: problem ? [] : [{ field: 'problem', code: 'problemMissing' }] }
}

/** The problem form: what is wrong, a comment ("other" needs one), contact details with consent. */
export function parseProblemForm(body: Body) {
  const { problem, errors: problemErrors } = parseProblem(body)
  const { comment, errors: commentErrors } = parseComment(body)
  const missing: FieldError[] = problem === 'other' && comment === '' ? [{ field: 'comment', code: 'commentMissingOther' }] : []
  const contact = parseContact(body)
  return { problem, comment, contact: contact.contact, values: { ...contact.values, problem: problem ?? '', comment }, errors: [...problemErrors, ...commentErrors, ...missing, ...contact.errors] }
}

/** The comment (and contact) a visitor adds after answering yes or no. */
export function parseMoreForm(body: Body) {
  const { comment, errors: commentErrors } = parseComment(body)
  const contact = parseContact(body)
  return { comment, contact: contact.contact, values: { ...contact.values, comment }, errors: [...commentErrors, ...contact.errors] }
}

export interface Triage {
  state: FeedbackState
  themes: FeedbackTheme[]
  assignedTo: string | null
  response: string
}

/** An officer's save of an item: state, themes, who has it, the response; and the version it was opened at. */
export function parseTriage(body: Body, assignable: ReadonlySet<string>): { triage: Triage; version: number | undefined; errors: FieldError[] } {
  const errors: FieldError[] = []
  const stateValue = field(body, 'state')
  const state = (FEEDBACK_STATES as readonly string[]).includes(stateValue) ? (stateValue as FeedbackState) : undefined
  if (!state) errors.push({ field: 'state', code: 'stateMissing' })
  const raw = body.themes
  const themes = [...new Set((Array.isArray(raw) ? raw : [raw]).filter(isFeedbackTheme))].sort()
  const assignee = field(body, 'assignedTo')
  if (assignee && !assignable.has(assignee)) errors.push({ field: 'assignedTo', code: 'assigneeUnknown' })
  const response = field(body, 'response')
  errors.push(...tooLong('response', response, LIMITS.response, 'responseTooLong'))
  const versionText = field(body, 'version')
  return {
    triage: { state: state ?? 'new', themes, assignedTo: assignee || null, response },
    version: /^\d{1,9}$/.test(versionText) ? Number(versionText) : undefined,
    errors,
  }
}

export function parseNote(body: Body): { text: string; errors: FieldError[] } {
  const text = field(body, 'note')
  if (text === '') return { text, errors: [{ field: 'note', code: 'noteMissing' }] }
  return { text, errors: tooLong('note', text, LIMITS.note, 'noteTooLong') }
}

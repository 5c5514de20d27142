// Finds the SENCO: the person, not just the role. A name counts when it sits next to a mention
// of the role ("The SENCO is Mrs Lowe", "SENCO, Laura Hutchison,", "Miss Lindop, Assistant Head
// and SENCO") or starts the line after a line that names the role (a heading, then the name).
// An email or phone number counts as the SENCO's when it is in the same sentence as the role or
// the name, in the next few lines after them, or (for email) when it carries the person's surname
// or the role ("l.lowe@…", "senco@…").

import type { Span } from './sections.js'

export interface SencoFinding {
  name: string | null
  email: string | null
  phone: string | null
  /** Where the role is mentioned (the first mention), and where the name and contacts were found. */
  role: Span | null
  evidence: Span[]
}

// The role under its many names. "SENDC0" (a zero) appears in real reports.
export const SENCO_ROLE =
  /\b(?:SEN(?:D)?C[Oo0](?:s)?|SEN(?:D)?co|Senco|Sendco|SEN(?:D)? Co-?ordinator|(?:Special Educational Needs|Special Needs)(?: and\/or| and| or)?(?: Disabilit(?:y|ies))? Co-?ordinator|Inclusion (?:Manager|Leader|Lead|Co-?ordinator))\b/gi

const TITLE_NAME = /\b(?:Mrs|Mr|Miss|Ms|Mx|Dr)\.?\s+(?:[A-Z]\.?\s+){0,2}[A-Z][A-Za-z'’-]+(?:-[A-Z][A-Za-z'’-]+)?/g
const FULL_NAME = /\b[A-Z][a-z]{1,15}(?:-[A-Z][a-z]+)?\s+(?:[A-Z][a-z]?['’])?[A-Z][a-z]{1,20}(?:-[A-Z][a-z]+)?\b/g
// Capitalised words that are roles, places or organisations, never first names or surnames.
const NOT_NAMES = new Set(
  (
    'special educational needs need inclusion manager leader lead coordinator co-ordinator head teacher headteacher deputy assistant ' +
    'school schools local authority council governor governors governing body the our your this that with and send sen senco sendco ' +
    'primary nursery junior infant infants academy trust service services team support learning speech language therapy therapist ' +
    'educational psychologist psychology children child young people parent parents carer carers office class teaching code practice ' +
    'education health care plan plans offer disability disabilities information contact email phone telephone mental autism outreach ' +
    'national award who what where when how please you can she he her his they their is are be for of in at on to by from'
  ).split(' '),
)

const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,6}/g
// UK numbers: 01782 234701, 0300 124 0362, (01234) 567890, +44 1234 567890, 07935 557380.
const PHONE = /(?<![\d+])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)/g

function spanOf(match: RegExpMatchArray): Span {
  return { text: match[0], start: match.index ?? 0, end: (match.index ?? 0) + match[0].length }
}

function isPersonName(candidate: string): boolean {
  const parts = candidate.replace(/^(?:Mrs|Mr|Miss|Ms|Mx|Dr)\.?\s+/, '').split(/\s+/)
  const last = parts[parts.length - 1] ?? ''
  if (NOT_NAMES.has(last.toLowerCase())) return false
  return /^(?:Mrs|Mr|Miss|Ms|Mx|Dr)\b/.test(candidate) || parts.every((part) => !NOT_NAMES.has(part.toLowerCase()))
}

function names(text: string, from: number, to: number): Span[] {
  const window = text.slice(from, to)
  const found: Span[] = []
  for (const pattern of [TITLE_NAME, FULL_NAME]) {
    for (const match of window.matchAll(pattern)) {
      const span = spanOf(match)
      if (!isPersonName(span.text)) continue
      if (found.some((other) => span.start < other.end && other.start < span.end)) continue
      found.push({ text: span.text, start: from + span.start, end: from + span.end })
    }
  }
  return found.sort((a, b) => a.start - b.start)
}

// A full stop ends a sentence unless it closes "Mr", "e.g" or an initial ("Mr. A. Patel").
function endsSentenceAt(text: string, index: number): boolean {
  const char = text[index] ?? ''
  if (char === '\n') return true
  if (!/[.!?]/.test(char) || !/\s/.test(text[index + 1] ?? ' ')) return false
  if (char !== '.') return true
  const before = text.slice(Math.max(0, index - 4), index)
  return !/(?:\b(?:Mrs|Mr|Ms|Mx|Dr|St|e\.g|i\.e)|\b[A-Z])$/.test(before)
}

/** The sentence (or line) around a span, at most 300 characters either side. */
function sentenceAround(text: string, start: number, end: number): Span {
  let from = start
  while (from > 0 && start - from < 300 && !endsSentenceAt(text, from - 1)) from--
  let to = end
  while (to < text.length && to - end < 300 && !endsSentenceAt(text, to)) to++
  return { text: text.slice(from, to), start: from, end: to }
}

/** The next `count` non-blank lines after offset `from`, as one range. */
function nextLines(text: string, from: number, count: number): { start: number; end: number } {
  let position = text[from] === '\n' ? from + 1 : text.indexOf('\n', from) + 1
  let start = -1
  let end = from
  for (let seen = 0; seen < count && position > 0 && position <= text.length; ) {
    const newline = text.indexOf('\n', position)
    const lineEnd = newline < 0 ? text.length : newline
    if (text.slice(position, lineEnd).trim() !== '') {
      if (start < 0) start = position
      end = lineEnd
      seen++
    }
    if (newline < 0) break
    position = newline + 1
  }
  return { start: start < 0 ? end : start, end }
}

const MAX_ROLE_MENTIONS = 100

export function findSenco(text: string): SencoFinding {
  // The first mentions are enough (a report names its SENCO early); this bounds hostile input.
  const roles = [...text.matchAll(SENCO_ROLE)].slice(0, MAX_ROLE_MENTIONS).map(spanOf)
  const result: SencoFinding = { name: null, email: null, phone: null, role: roles[0] ?? null, evidence: [] }
  if (roles.length === 0) return result
  let person: Span | null = null
  for (const role of roles) {
    const sentence = sentenceAround(text, role.start, role.end)
    // The nearest name in the role's sentence; a name after the role wins a tie ("SENCO is Mrs Lowe").
    const inSentence = names(text, sentence.start, sentence.end).filter((name) => name.end <= role.start || name.start >= role.end)
    let best: Span | null = null
    let distance = Number.POSITIVE_INFINITY
    for (const name of inSentence) {
      const gap = name.start >= role.end ? name.start - role.end : (role.start - name.end) * 1.5
      if (gap < distance && gap <= 80) {
        best = name
        distance = gap
      }
    }
    // A line that is only the role (a heading) followed by a line starting with a name.
    if (!best && sentence.text.trim().length <= 90 && (text[sentence.end] === '\n' || sentence.end === text.length)) {
      const next = nextLines(text, sentence.end, 1)
      const line = text.slice(next.start, next.end)
      const offset = next.start + (line.length - line.trimStart().length)
      const first = names(text, offset, Math.min(next.end, offset + 60))[0]
      if (first && first.start === offset) best = first
    }
    if (best) {
      person = best
      result.role = role
      break
    }
  }
  if (person) {
    result.name = person.text.replace(/\s+/g, ' ')
    result.evidence.push(person)
  }
  const surname = person ? (person.text.split(/\s+/).pop() ?? '').toLowerCase() : ''
  // Contacts near the role or the name.
  const anchors = [result.role, person].filter((span): span is Span => span !== null)
  const nearby = anchors.map((anchor) => {
    const sentence = sentenceAround(text, anchor.start, anchor.end)
    // The rest of the paragraph (at most 400 characters) and the three lines after it.
    const newline = text.indexOf('\n', sentence.end)
    const paragraphEnd = Math.min(newline < 0 ? text.length : newline, sentence.end + 400)
    return { start: sentence.start, end: Math.max(paragraphEnd, nextLines(text, sentence.end, 3).end) }
  })
  for (const match of text.matchAll(EMAIL)) {
    const span = spanOf(match)
    const local = span.text.split('@')[0]?.toLowerCase() ?? ''
    const own = (surname.length >= 3 && local.includes(surname.replace(/[^a-z]/g, ''))) || /sen(d)?co|inclusion/.test(local)
    if (own || nearby.some((area) => span.start >= area.start && span.end <= area.end)) {
      result.email = span.text
      result.evidence.push(span)
      break
    }
  }
  for (const match of text.matchAll(PHONE)) {
    const span = spanOf(match)
    if (nearby.some((area) => span.start >= area.start && span.end <= area.end)) {
      result.phone = span.text
      result.evidence.push(span)
      break
    }
  }
  return result
}

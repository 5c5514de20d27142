// Assesses a school's SEN information report against Schedule 1: for each item, covered,
// partial or missing, with evidence quoted from the text (offsets into it), plus the SENCO's
// details, whether it says where the council's Local Offer is, readability, unexplained jargon
// and when it was last updated. A pure function of the text and the date it is assessed on.
//
// How an item's status is decided (see cues.ts for the words):
// - headingPart: the best heading score among sections that have a body;
// - bodyPart: the six best-scoring sentences or list items anywhere in the report;
// - covered when headingPart + bodyPart reaches the item's `cover` score and either a heading
//   matched or the body alone reaches `coverWithoutHeading`; partial from the `partial` score.
// Four items have rules of their own, because the regulation asks for something specific:
// 1 (three or more of the four broad areas of need named in headings also counts as covered),
// 4 (a person's name and a phone or email), 9 (covered only if it talks of complaints, not just
// concerns), 11 (a parent support service with its contact details), 13 (where the Local Offer is).

import { freshness } from './dates.js'
import { findJargon, type JargonFinding } from './jargon.js'
import { mapSections, ruleFor, type SectionMapping, type UnitScore } from './mapping.js'
import { readability, type Readability } from './readability.js'
import { ITEM_IDS, SCHEDULE_1, type ItemId } from './schedule1.js'
import { findSenco } from './senco.js'
import { splitSections, type Span } from './sections.js'

export type ItemStatus = 'covered' | 'partial' | 'missing'

export interface ItemAssessment {
  id: ItemId
  title: string
  status: ItemStatus
  /** Quotations from the text, best first; text.slice(start, end) === evidence.text. */
  evidence: Span[]
  /** Why, in words: the headings and phrases that led to the status. */
  reasons: string[]
  score: number
}

export interface Assessment {
  items: ItemAssessment[]
  senco: { name: string | null; email: string | null; phone: string | null }
  localOfferLink: boolean
  readability: Readability
  jargon: JargonFinding[]
  /** The most recent "updated/reviewed" date, YYYY-MM-DD, or null. */
  updated: string | null
  /** Updated more than 12 months before `today`. */
  overdue: boolean
  updatedEvidence: Span | null
  sections: SectionMapping[]
}

export interface AssessOptions {
  /** The date of the assessment, YYYY-MM-DD: "overdue" is measured from it. */
  today: string
}

const MAX_EVIDENCE = 5
const TOP_UNITS = 6
// Bounded repeats only: an unbounded "[a-z0-9.-]+\.gov\.uk" is quadratic on "1.1.1.1…".
const URL = /(?:https?:\/\/|www\.)[^\s<>"')]{1,300}|\b(?:[a-z0-9-]{1,63}\.){1,6}(?:gov|org|sch|nhs|co|ac)\.uk\b/i
const PHONE = /(?<![\d+])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)/
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,6}/
const LOCAL_OFFER = /\blocal[\s-]+offer\b/i
const POINTER = /\b(?:can be found|find|found|visit|see|go to|available (?:on|at|from)|published|website|web site|online|link|click|look at)\b|www\.|https?:|\.gov\.uk/i
const COUNCILS_OFFER = /\b(?:council|authority|authorities|la|county|city|borough)['’]?s?\s+(?:\S+\s+){0,2}local[\s-]+offer\b/i
const AREAS: readonly RegExp[] = [
  /communication|interaction|autis|speech|language/i,
  /cognit|learning difficult|dyslexi|learning needs/i,
  /emotional|mental health|social|behaviour/i,
  /sensory|physical|visual|hearing/i,
]
const NEED_WORD = /needs?|difficult|disabilit|impairment|cognition|interaction/i

interface Gathered {
  headingPart: number
  heading: Span | null
  headingWords: string[]
  units: UnitScore[]
  bodyPart: number
}

function gather(mappings: readonly SectionMapping[], id: ItemId): Gathered {
  let headingPart = 0
  let heading: Span | null = null
  let headingWords: string[] = []
  const units: UnitScore[] = []
  for (const mapping of mappings) {
    const item = mapping.items.find((candidate) => candidate.id === id)
    if (!item) continue
    // A heading with nothing under it (a title page, a heading straight before another) says
    // nothing about the item.
    if (item.headingScore > headingPart && mapping.section.units.length > 0 && mapping.section.heading) {
      headingPart = item.headingScore
      heading = mapping.section.heading
      headingWords = item.headingCues.map((cue) => cue.words)
    }
    for (const unit of item.units) units.push(unit)
  }
  units.sort((a, b) => b.score - a.score || b.raw - a.raw || a.unit.start - b.unit.start)
  const bodyPart = units.slice(0, TOP_UNITS).reduce((sum, unit) => sum + unit.score, 0)
  return { headingPart, heading, headingWords, units, bodyPart }
}

// Evidence: the best heading, then the best sentences under it, then the best elsewhere.
function evidenceOf(gathered: Gathered, mappings: readonly SectionMapping[]): Span[] {
  const spans: Span[] = []
  const add = (span: Span): void => {
    if (spans.length < MAX_EVIDENCE && !spans.some((other) => other.start === span.start)) spans.push(span)
  }
  if (gathered.heading) {
    add(gathered.heading)
    const section = mappings.find((mapping) => mapping.section.heading === gathered.heading)?.section
    if (section) for (const unit of gathered.units.filter((candidate) => candidate.unit.start >= section.start && candidate.unit.end <= section.end).slice(0, 2)) add(unit.unit)
  }
  for (const unit of gathered.units) add(unit.unit)
  return spans
}

function reasonsOf(gathered: Gathered): string[] {
  const reasons: string[] = []
  if (gathered.heading) reasons.push(`heading "${gathered.heading.text}" (${gathered.headingWords.join(', ')})`)
  const words = new Set<string>()
  for (const unit of gathered.units.slice(0, TOP_UNITS)) for (const cue of unit.cues) words.add(cue.words.toLowerCase())
  if (words.size > 0) reasons.push(`words: ${[...words].slice(0, 12).join(', ')}`)
  return reasons
}

function generic(mappings: readonly SectionMapping[], id: ItemId): ItemAssessment {
  const rule = ruleFor(id)
  const gathered = gather(mappings, id)
  const score = gathered.headingPart + gathered.bodyPart
  let status: ItemStatus = 'missing'
  if (score >= rule.cover && (gathered.headingPart > 0 || gathered.bodyPart >= rule.coverWithoutHeading)) status = 'covered'
  else if (score >= rule.partial) status = 'partial'
  return { id, title: titleOf(id), status, evidence: status === 'missing' ? [] : evidenceOf(gathered, mappings), reasons: reasonsOf(gathered), score }
}

function titleOf(id: ItemId): string {
  return SCHEDULE_1.find((item) => item.id === id)?.title ?? id
}

function kindsOfNeed(mappings: readonly SectionMapping[], base: ItemAssessment): ItemAssessment {
  const headings = mappings.map((mapping) => mapping.section.heading).filter((heading): heading is Span => heading !== null)
  const named = headings.filter((heading) => NEED_WORD.test(heading.text) && AREAS.some((area) => area.test(heading.text)))
  const areas = AREAS.filter((area) => named.some((heading) => area.test(heading.text))).length
  if (areas < 3 || base.status === 'covered') return base
  return {
    ...base,
    status: 'covered',
    evidence: named.slice(0, MAX_EVIDENCE),
    reasons: [`${areas} of the four broad areas of need are headings`, ...base.reasons],
  }
}

function complaints(base: ItemAssessment, mappings: readonly SectionMapping[]): ItemAssessment {
  if (base.status !== 'covered') return base
  const gathered = gather(mappings, '9')
  const words = [...gathered.headingWords, ...gathered.units.flatMap((unit) => unit.cues.map((cue) => cue.words))]
  if (words.some((word) => /complain/i.test(word))) return base
  return { ...base, status: 'partial', reasons: [...base.reasons, 'raising concerns is described, but not how to complain'] }
}

function contactNear(text: string, span: Span): boolean {
  const after = text.slice(span.start, Math.min(text.length, span.end + 120))
  return PHONE.test(after) || EMAIL.test(after) || URL.test(after)
}

function parentSupport(text: string, mappings: readonly SectionMapping[]): ItemAssessment {
  const gathered = gather(mappings, '11')
  const services = gathered.units.filter((unit) => unit.cues.some((cue) => cue.weight >= 2))
  const withContact = services.filter((unit) => contactNear(text, unit.unit))
  let status: ItemStatus = 'missing'
  const reasons = reasonsOf(gathered)
  let evidence = evidenceOf(gathered, mappings)
  if (withContact.length > 0) {
    status = 'covered'
    evidence = withContact.slice(0, MAX_EVIDENCE).map((unit) => unit.unit)
    reasons.push('a support service for parents is named with its contact details')
  } else if (gathered.headingPart > 0 && gathered.heading) {
    const section = mappings.find((mapping) => mapping.section.heading === gathered.heading)?.section
    const contacts = section ? section.units.filter((unit) => PHONE.test(unit.text) || URL.test(unit.text) || EMAIL.test(unit.text)).length : 0
    status = contacts >= 2 ? 'covered' : 'partial'
  } else if (gathered.bodyPart >= 1) {
    status = 'partial'
    reasons.push(services.length > 0 ? 'support services are named without contact details' : 'support for parents is mentioned, but no service is named')
  }
  return { id: '11', title: titleOf('11'), status, evidence: status === 'missing' ? [] : evidence, reasons, score: gathered.headingPart + gathered.bodyPart }
}

/** Where the council's Local Offer is: covered with a web address, partial with a pointer. */
export function localOffer(text: string, mappings: readonly SectionMapping[]): ItemAssessment {
  const spans = mappings.flatMap((mapping) => [...(mapping.section.heading ? [mapping.section.heading] : []), ...mapping.section.units])
  let linked: Span | null = null
  let pointed: Span | null = null
  for (const span of spans) {
    if (!LOCAL_OFFER.test(span.text)) continue
    // The address may follow on the next line ("…can be found at:" then the link).
    const lineEnd = text.indexOf('\n', span.end)
    const nextEnd = lineEnd < 0 ? text.length : text.indexOf('\n', lineEnd + 1)
    const following = /[:\-–—]\s*$|\bat\s*$/.test(span.text) ? text.slice(span.end, nextEnd < 0 ? text.length : Math.min(nextEnd, span.end + 200)) : ''
    if (URL.test(span.text) || URL.test(following)) {
      linked = span
      break
    }
    if (!pointed && (POINTER.test(span.text) || COUNCILS_OFFER.test(span.text))) pointed = span
  }
  // A web address that is itself the Local Offer's, found token by token (linear on any input).
  if (!linked) {
    for (const token of text.matchAll(/\S{1,2000}/g)) {
      if (/local-?offer/i.test(token[0]) && URL.test(token[0])) {
        const address = token[0].replace(/[.,;:)]+$/, '')
        linked = { text: address, start: token.index, end: token.index + address.length }
        break
      }
    }
  }
  const status: ItemStatus = linked ? 'covered' : pointed ? 'partial' : 'missing'
  const evidence = linked ?? pointed
  return {
    id: '13',
    title: titleOf('13'),
    status,
    evidence: evidence ? [evidence] : [],
    reasons: linked ? ['the Local Offer is named with a web address'] : pointed ? ['the Local Offer is mentioned, but not where it is'] : [],
    score: linked ? 3 : pointed ? 1 : 0,
  }
}

export function assessReport(text: string, options: AssessOptions): Assessment {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.today)) throw new RangeError('today must be a date written YYYY-MM-DD')
  const sections = splitSections(text)
  const mappings = mapSections(sections)
  const senco = findSenco(text)
  const items: ItemAssessment[] = []
  let localOfferLink = false
  for (const id of ITEM_IDS) {
    if (id === '4') {
      const status: ItemStatus = senco.name && (senco.email || senco.phone) ? 'covered' : senco.name || senco.role ? 'partial' : 'missing'
      const evidence = senco.evidence.length > 0 ? senco.evidence : senco.role ? [senco.role] : []
      const reasons = [senco.name ? 'the SENCO is named' : senco.role ? 'the role is mentioned, but no person is named' : 'no SENCO is mentioned']
      if (senco.name && !senco.email && !senco.phone) reasons.push('no phone number or email for the SENCO')
      items.push({ id, title: titleOf(id), status, evidence: status === 'missing' ? [] : evidence, reasons, score: 0 })
    } else if (id === '13') {
      const item = localOffer(text, mappings)
      localOfferLink = item.status === 'covered'
      items.push(item)
    } else if (id === '11') {
      items.push(parentSupport(text, mappings))
    } else if (id === '9') {
      items.push(complaints(generic(mappings, id), mappings))
    } else if (id === '1') {
      items.push(kindsOfNeed(mappings, generic(mappings, id)))
    } else {
      items.push(generic(mappings, id))
    }
  }
  const fresh = freshness(text, options.today)
  return {
    items,
    senco: { name: senco.name, email: senco.email, phone: senco.phone },
    localOfferLink,
    readability: readability(sections.flatMap((section) => section.units.map((unit) => unit.text))),
    jargon: findJargon(text),
    updated: fresh.updated,
    overdue: fresh.overdue,
    updatedEvidence: fresh.evidence,
    sections: mappings,
  }
}

/** The CLI's --json shape: exactly these top-level keys (see the README section). */
export function assessmentJson(assessment: Assessment): Record<string, unknown> {
  return {
    items: assessment.items.map((item) => ({ id: item.id, status: item.status, evidence: item.evidence.map(({ text, start, end }) => ({ text, start, end })) })),
    senco: assessment.senco,
    localOfferLink: assessment.localOfferLink,
    readability: assessment.readability,
    jargon: assessment.jargon.map((finding) => ({ acronym: finding.acronym, explanation: finding.explanation, count: finding.count, first: finding.first })),
    updated: assessment.updated,
  }
}


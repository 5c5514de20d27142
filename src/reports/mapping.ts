// Maps each section of a report to the Schedule 1 items it answers, and to the SE7 parent and
// young-person questions, and says why: every match records the words that led to it. Scores:
// a unit (sentence or list item) scores the sum of the distinct body cues it contains, at most
// 3, so one long sentence cannot carry an item alone; a heading scores its best heading cue
// times HEADING_WEIGHT, because a heading says what the passage under it is for. A heading that
// is one of the SE7 questions (which many councils ask schools to answer) also counts for the
// question's first item.

import { ITEM_CUES, type CueSource, type ItemCues } from './cues.js'
import { SE7_PARENT_QUESTIONS, SE7_YOUNG_PERSON_QUESTIONS, type ItemId, type Se7Question } from './schedule1.js'
import type { Section, Span } from './sections.js'

export const HEADING_WEIGHT = 3
const UNIT_CAP = 3
// Very long units (a PDF with no full stops) are scanned in windows, so regex work stays linear.
const WINDOW = 600

interface CompiledCue {
  regex: RegExp
  weight: number
}

interface CompiledItem {
  id: ItemId
  heading: CompiledCue[]
  body: CompiledCue[]
  rule: ItemCues
}

const compile = (cue: CueSource): CompiledCue => ({ regex: new RegExp(`\\b(?:${cue.pattern})\\b`, 'i'), weight: cue.weight })
const COMPILED: readonly CompiledItem[] = ITEM_CUES.map((rule) => ({ id: rule.id, heading: rule.heading.map(compile), body: rule.body.map(compile), rule }))

export interface CueMatch {
  /** The words in the text that matched. */
  words: string
  weight: number
}

export interface UnitScore {
  unit: Span
  /** The cues' weights added up, at most UNIT_CAP. */
  score: number
  /** The same without the cap: ranks evidence between units that both reach it. */
  raw: number
  cues: CueMatch[]
}

export interface ItemInSection {
  id: ItemId
  /** HEADING_WEIGHT × best heading cue (or SE7 match), plus the body units' scores. */
  score: number
  headingScore: number
  headingCues: CueMatch[]
  units: UnitScore[]
}

export interface QuestionMatch {
  id: string
  /** Why: "heading" when the heading is this question, or the item ids it came through. */
  via: string[]
}

export interface SectionMapping {
  section: Section
  items: ItemInSection[]
  parentQuestions: QuestionMatch[]
  youngPersonQuestions: QuestionMatch[]
}

function matchCues(cues: readonly CompiledCue[], text: string): CueMatch[] {
  const found: CueMatch[] = []
  for (const cue of cues) {
    for (let from = 0; from < Math.max(text.length, 1); from += WINDOW) {
      const match = cue.regex.exec(text.slice(from, from + WINDOW + 60))
      if (match) {
        found.push({ words: match[0], weight: cue.weight })
        break
      }
    }
  }
  return found
}

const STOP = new Set(
  'a an and are be both by can do does for from how i if in is it me my of on or the their there this to what when where which who will with you your setting school college child young person'.split(' '),
)
function contentWords(text: string): Set<string> {
  return new Set(
    (text.toLowerCase().match(/[a-z]+/g) ?? [])
      .filter((word) => word.length > 2 && !STOP.has(word))
      .map((word) => word.replace(/(?:ies|es|s)$/, '')),
  )
}
const QUESTION_WORDS = new Map<string, Set<string>>(
  [...SE7_PARENT_QUESTIONS, ...SE7_YOUNG_PERSON_QUESTIONS].map((question) => [question.id, contentWords(question.question)]),
)

/** SE7 questions a heading asks: most of the question's content words appear in it. */
export function headingQuestions(heading: string, questions: readonly Se7Question[]): Se7Question[] {
  const words = contentWords(heading)
  if (words.size === 0) return []
  return questions.filter((question) => {
    const wanted = QUESTION_WORDS.get(question.id) ?? new Set<string>()
    let shared = 0
    for (const word of wanted) if (words.has(word)) shared++
    return wanted.size > 0 && shared / wanted.size >= 0.6 && shared / words.size >= 0.5
  })
}

export function mapSection(section: Section): SectionMapping {
  const headingText = section.heading?.text ?? ''
  const parentByHeading = headingText ? headingQuestions(headingText, SE7_PARENT_QUESTIONS) : []
  const youngByHeading = headingText ? headingQuestions(headingText, SE7_YOUNG_PERSON_QUESTIONS) : []
  const se7Primary = new Set([...parentByHeading, ...youngByHeading].map((question) => question.items[0]))
  const items: ItemInSection[] = []
  for (const item of COMPILED) {
    const headingCues = headingText ? matchCues(item.heading, headingText) : []
    let best = headingCues.reduce((max, cue) => Math.max(max, cue.weight), 0)
    if (se7Primary.has(item.id)) {
      best = Math.max(best, 2)
      if (headingCues.length === 0) headingCues.push({ words: headingText, weight: 2 })
    }
    const units: UnitScore[] = []
    for (const unit of section.units) {
      const cues = matchCues(item.body, unit.text)
      if (cues.length === 0) continue
      const raw = cues.reduce((sum, cue) => sum + cue.weight, 0)
      units.push({ unit, cues, raw, score: Math.min(UNIT_CAP, raw) })
    }
    const headingScore = best * HEADING_WEIGHT
    const score = headingScore + units.reduce((sum, unit) => sum + unit.score, 0)
    if (score > 0) items.push({ id: item.id, score, headingScore, headingCues, units })
  }
  // A section answers an SE7 question when its heading asks it, or it maps to one of the
  // question's items strongly (by its heading, or with body score of 3 or more).
  const strong = new Set(items.filter((item) => item.headingScore > 0 || item.score >= 3).map((item) => item.id))
  const questions = (list: readonly Se7Question[], byHeading: Se7Question[]): QuestionMatch[] =>
    list
      .map((question) => {
        const via: string[] = byHeading.includes(question) ? ['heading'] : []
        for (const id of question.items) if (strong.has(id)) via.push(`item ${id}`)
        return { id: question.id, via }
      })
      .filter((match) => match.via.length > 0)
  return { section, items, parentQuestions: questions(SE7_PARENT_QUESTIONS, parentByHeading), youngPersonQuestions: questions(SE7_YOUNG_PERSON_QUESTIONS, youngByHeading) }
}

export function mapSections(sections: readonly Section[]): SectionMapping[] {
  return sections.map(mapSection)
}

export function ruleFor(id: ItemId): ItemCues {
  const rule = ITEM_CUES.find((item) => item.id === id)
  if (!rule) throw new Error(`No cues for item ${id}`)
  return rule
}


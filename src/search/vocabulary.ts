// The field's words: synonyms, acronyms and older names that families and services use for the
// same thing, grouped into concepts. Pure data and lookups, no I/O; query.ts uses it to expand
// what a family types, the indexer to add family words to a record tagged with a need.
//
// How a group is used (see `expansions` and `matchAt`):
// - `terms` are two-way: whichever one the family types, the search looks for all of them.
// - `typedOnly` entries are understood when typed but never searched for on another word's
//   behalf, and are never spelling targets. Two-letter acronyms (OT, EP, TA, VI, HI, PD) live
//   here, as do words with an everyday meaning in documents ("add", "statement", "SLT", which
//   schools also use for "senior leadership team", "ASC", also "adult social care"). Typing
//   "OT" finds "occupational therapy"; typing "occupational therapy" does not look for "ot".
//   Being single tokens, they only ever match a whole word exactly ("ots" is not "ot").
// - `broader` makes a hierarchy: typing a group also looks for its direct broader group's terms
//   and all its narrower groups' terms, never its siblings' ("dyspraxia" looks for "SpLD",
//   "SpLD" looks for "dyslexia" and "dyspraxia", "dyspraxia" does not look for "dyslexia").
// - Matching ignores stop words and simple plurals ("speech & language therapies" matches
//   "speech and language therapy"); alternatives are the terms' words without stop words.

import { NEED_CODES } from '../domain/needs.js'

export interface ConceptGroup {
  id: string
  /** A short plain-English name for the concept. */
  label: string
  /** Words and phrases (lower case) that mean the same; searched for whichever is typed. */
  terms: readonly string[]
  /** Understood when typed (as whole tokens), never added as alternatives for other words. */
  typedOnly?: readonly string[]
  /** Need codes (from domain/needs.ts) the concept implies; empty for services and roles. */
  needs: readonly string[]
  /** Id of a broader group: this group's terms are searched when the broader one is typed. */
  broader?: string
}

export const CONCEPT_GROUPS: readonly ConceptGroup[] = [
  // Communication and interaction
  {
    id: 'communication-interaction',
    label: 'Communication and interaction',
    terms: ['communication and interaction'],
    needs: ['communication-interaction'],
  },
  {
    id: 'autism',
    label: 'Autism',
    terms: [
      'autism',
      'autistic',
      'asd',
      'autism spectrum',
      'autism spectrum disorder',
      'autism spectrum condition',
      'autistic spectrum disorder',
      'autistic spectrum condition',
      'asperger',
      'asperger syndrome',
    ],
    typedOnly: ['asc'],
    needs: ['autism'],
  },
  {
    id: 'slcn',
    label: 'Speech, language and communication needs',
    terms: [
      'speech and language',
      'speech and language therapy',
      'speech and language therapist',
      'speech therapy',
      'speech therapist',
      'salt',
      'slcn',
      'speech language and communication needs',
      'language delay',
      'speech delay',
      'developmental language disorder',
      'dld',
    ],
    typedOnly: ['slt'],
    needs: ['slcn'],
  },
  // Cognition and learning
  {
    id: 'cognition-learning',
    label: 'Cognition and learning',
    terms: ['cognition and learning', 'learning difficulty', 'learning disability'],
    needs: ['cognition-learning'],
  },
  {
    id: 'spld',
    label: 'Specific learning difficulties',
    terms: ['spld', 'specific learning difficulty', 'specific learning disability'],
    needs: ['spld'],
  },
  { id: 'dyslexia', label: 'Dyslexia', terms: ['dyslexia', 'dyslexic'], needs: ['spld'], broader: 'spld' },
  { id: 'dyscalculia', label: 'Dyscalculia', terms: ['dyscalculia', 'dyscalculic'], needs: ['spld'], broader: 'spld' },
  {
    id: 'dyspraxia',
    label: 'Dyspraxia (DCD)',
    terms: [
      'dyspraxia',
      'dyspraxic',
      'dcd',
      'developmental coordination disorder',
      'developmental co-ordination disorder',
    ],
    needs: ['spld'],
    broader: 'spld',
  },
  { id: 'dysgraphia', label: 'Dysgraphia', terms: ['dysgraphia'], needs: ['spld'], broader: 'spld' },
  {
    id: 'mld',
    label: 'Moderate learning difficulties',
    terms: ['mld', 'moderate learning difficulty', 'moderate learning disability'],
    needs: ['mld'],
  },
  {
    id: 'sld',
    label: 'Severe learning difficulties',
    terms: ['sld', 'severe learning difficulty', 'severe learning disability'],
    needs: ['sld'],
  },
  {
    id: 'pmld',
    label: 'Profound and multiple learning difficulties',
    terms: ['pmld', 'profound and multiple learning difficulties', 'profound and multiple learning disabilities'],
    needs: ['pmld'],
  },
  // Social, emotional and mental health
  {
    id: 'semh',
    label: 'Social, emotional and mental health',
    terms: [
      'semh',
      'social emotional and mental health',
      'mental health',
      'emotional health',
      'emotional wellbeing',
      'emotional well-being',
      'besd',
    ],
    needs: ['semh'],
  },
  { id: 'anxiety', label: 'Anxiety', terms: ['anxiety', 'anxious'], needs: ['semh'], broader: 'semh' },
  {
    id: 'behaviour',
    label: 'Behaviour',
    terms: ['behaviour', 'behavior', 'challenging behaviour'],
    needs: ['semh'],
    broader: 'semh',
  },
  {
    id: 'selective-mutism',
    label: 'Selective mutism',
    terms: ['selective mutism', 'mutism'],
    needs: ['semh'],
    broader: 'anxiety',
  },
  {
    id: 'adhd',
    label: 'ADHD',
    terms: ['adhd', 'attention deficit', 'attention deficit disorder', 'attention deficit hyperactivity disorder'],
    typedOnly: ['add'],
    needs: ['adhd'],
  },
  // Sensory and/or physical
  {
    id: 'sensory-physical',
    label: 'Sensory and physical needs',
    terms: ['sensory and physical', 'sensory and or physical'],
    needs: ['sensory-physical'],
  },
  {
    id: 'vi',
    label: 'Visual impairment',
    terms: [
      'visual impairment',
      'visually impaired',
      'vision impairment',
      'sight impairment',
      'sight loss',
      'partially sighted',
      'low vision',
      'blind',
      'blindness',
    ],
    typedOnly: ['vi'],
    needs: ['vi'],
  },
  {
    id: 'hi',
    label: 'Hearing impairment',
    terms: ['hearing impairment', 'hearing impaired', 'hearing loss', 'deaf', 'deafness'],
    typedOnly: ['hi'],
    needs: ['hi'],
  },
  {
    id: 'msi',
    label: 'Multi-sensory impairment',
    terms: [
      'msi',
      'multi-sensory impairment',
      'multisensory impairment',
      'deafblind',
      'deafblindness',
      'deaf blind',
      'dual sensory impairment',
      'dual sensory loss',
    ],
    needs: ['msi'],
  },
  {
    id: 'pd',
    label: 'Physical disability',
    terms: ['physical disability', 'physically disabled', 'physical impairment', 'wheelchair', 'wheelchair user'],
    typedOnly: ['pd'],
    needs: ['pd'],
  },
  // Services, plans and people families ask for by name
  {
    id: 'camhs',
    label: 'CAMHS',
    terms: [
      'camhs',
      'child and adolescent mental health services',
      'cypmhs',
      'children and young people mental health services',
    ],
    needs: [],
  },
  {
    id: 'ehcp',
    label: 'EHC plan',
    terms: ['ehcp', 'ehc plan', 'education health and care plan'],
    typedOnly: ['statement', 'statement of special educational needs', 'statement of sen'],
    needs: [],
  },
  {
    id: 'senco',
    label: 'SENCO',
    terms: [
      'senco',
      'sendco',
      'special educational needs coordinator',
      'special educational needs co-ordinator',
      'special educational needs and disabilities coordinator',
      'inclusion manager',
      'inclusion leader',
      'inclusion lead',
    ],
    needs: [],
  },
  {
    id: 'sendiass',
    label: 'SENDIASS',
    terms: ['sendiass', 'sendias', 'iass', 'parent partnership', 'information advice and support service'],
    needs: [],
  },
  {
    id: 'ot',
    label: 'Occupational therapy',
    terms: ['occupational therapy', 'occupational therapist'],
    typedOnly: ['ot'],
    needs: [],
  },
  {
    id: 'ep',
    label: 'Educational psychologist',
    terms: ['educational psychologist', 'educational psychology', 'ed psych'],
    typedOnly: ['ep'],
    needs: [],
  },
  { id: 'short-breaks', label: 'Short breaks', terms: ['short breaks', 'respite', 'respite care'], needs: [] },
  {
    id: 'ta',
    label: 'Teaching assistant',
    terms: ['teaching assistant', 'learning support assistant', 'lsa', 'classroom assistant'],
    typedOnly: ['ta'],
    needs: [],
  },
]

/**
 * Words dropped from what a family types (outside quotes) and from the terms above. Besides
 * English function words, "help" and "support" are dropped: nearly everything in a Local Offer
 * is help or support, so "help for autism" means "autism", and keeping them would demand the
 * literal word. "and", "or", "not" and "near" are here too, so FTS operators typed as words
 * simply disappear.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'about', 'all', 'also', 'am', 'an', 'and', 'any', 'are', 'as', 'at', 'be', 'been',
  'but', 'by', 'can', 'could', 'did', 'do', 'does', 'for', 'from', 'get', 'had', 'has', 'have',
  'he', 'her', 'here', 'hers', 'him', 'his', 'how', 'i', 'if', 'in', 'into', 'is', 'it', 'its',
  'may', 'me', 'might', 'must', 'my', 'near', 'no', 'nor', 'not', 'of', 'on', 'or', 'our', 'ours',
  'she', 'should', 'so', 'some', 'than', 'that', 'the', 'their', 'them', 'then', 'there', 'these',
  'they', 'this', 'those', 'to', 'us', 'very', 'was', 'we', 'were', 'what', 'when', 'where',
  'which', 'who', 'whom', 'whose', 'why', 'will', 'with', 'without', 'would', 'you', 'your',
  // contractions, as they reach us once the apostrophe is gone
  'im', 'ive', 'id', 'dont', 'doesnt', 'didnt', 'cant', 'isnt', 'arent', 'wont',
  // the domain's filler
  'help', 'helps', 'helping', 'support', 'supports', 'supporting', 'please',
])

/** Lower-case words of a vocabulary phrase (hyphens and other punctuation split words). */
function splitWords(phrase: string): string[] {
  return phrase.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0)
}

/** The words of a phrase that matter: stop words removed. */
export function contentWords(phrase: string | readonly string[]): string[] {
  const words = typeof phrase === 'string' ? splitWords(phrase) : phrase
  return words.filter((word) => !STOP_WORDS.has(word))
}

/**
 * A simple plural fold used only to match words against the vocabulary ("difficulties" and
 * "difficulty", "ehcps" and "ehcp"). Stemming proper is each engine's business. Words shorter
 * than four letters are left alone, so two-letter acronyms only ever match exactly.
 */
export function foldPlural(word: string): string {
  if (word.length < 4) return word
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`
  if (word.endsWith('sses')) return word.slice(0, -2)
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1)
  return word
}

function phraseKey(words: readonly string[]): string {
  return words.map(foldPlural).join(' ')
}

interface IndexEntry {
  group: ConceptGroup
  typedOnly: boolean
}

const GROUPS_BY_ID = new Map(CONCEPT_GROUPS.map((group) => [group.id, group]))
const INDEX = new Map<string, IndexEntry>()
/** Folded words of every term, typed-only ones included: words that are never "misspelt". */
const KNOWN_FOLDED = new Set<string>()
/** Spelling targets: words of two-way terms, three letters or more ("ed" of "ed psych" is not one). */
const SPELLING_WORDS = new Set<string>()
let longestPhrase = 1

for (const group of CONCEPT_GROUPS) {
  const entries: Array<[string, boolean]> = [
    ...group.terms.map((term): [string, boolean] => [term, false]),
    ...(group.typedOnly ?? []).map((term): [string, boolean] => [term, true]),
  ]
  for (const [term, typedOnly] of entries) {
    const words = contentWords(term)
    if (words.length === 0) continue
    const key = phraseKey(words)
    if (!INDEX.has(key)) INDEX.set(key, { group, typedOnly })
    longestPhrase = Math.max(longestPhrase, words.length)
    for (const word of words) {
      KNOWN_FOLDED.add(foldPlural(word))
      if (!typedOnly && word.length >= 3) SPELLING_WORDS.add(word)
    }
  }
}

export function groupById(id: string): ConceptGroup | undefined {
  return GROUPS_BY_ID.get(id)
}

export interface VocabularyMatch {
  group: ConceptGroup
  /** How many of the given words the match covers. */
  length: number
  /** True when the words matched a typed-only entry (an acronym such as "OT"). */
  typedOnly: boolean
}

/**
 * The longest vocabulary term starting at `words[start]`, or undefined. `words` are lower case
 * with stop words already removed; simple plurals are folded on both sides.
 */
export function matchAt(words: readonly string[], start: number): VocabularyMatch | undefined {
  const most = Math.min(longestPhrase, words.length - start)
  for (let length = most; length >= 1; length--) {
    const entry = INDEX.get(phraseKey(words.slice(start, start + length)))
    if (entry) return { group: entry.group, length, typedOnly: entry.typedOnly }
  }
  return undefined
}

/** The group a whole phrase means, if it is exactly one vocabulary term. */
export function groupOfPhrase(phrase: string | readonly string[]): ConceptGroup | undefined {
  const words = contentWords(phrase)
  const match = words.length > 0 ? matchAt(words, 0) : undefined
  return match && match.length === words.length ? match.group : undefined
}

/** True when the word (lower case) is any word of the vocabulary, typed-only ones included. */
export function isVocabularyWord(word: string): boolean {
  return KNOWN_FOLDED.has(foldPlural(word))
}

/** Words a misspelling may be corrected to: words of the two-way terms (never typed-only ones), 3+ letters. */
export function spellingWords(): ReadonlySet<string> {
  return SPELLING_WORDS
}

function narrowerOf(id: string): ConceptGroup[] {
  return CONCEPT_GROUPS.filter((group) => group.broader === id)
}

function descendants(group: ConceptGroup, seen = new Set<string>()): ConceptGroup[] {
  const found: ConceptGroup[] = []
  for (const child of narrowerOf(group.id)) {
    if (seen.has(child.id)) continue
    seen.add(child.id)
    found.push(child, ...descendants(child, seen))
  }
  return found
}

const EXPANSIONS = new Map<string, string[][]>()

/**
 * What to search for when a family's words mean `group`: the content words of its two-way terms,
 * its direct broader group's terms, and every narrower group's terms, in that order, without
 * duplicates. Typed-only entries are never included.
 */
export function expansions(group: ConceptGroup): string[][] {
  const cached = EXPANSIONS.get(group.id)
  if (cached) return cached.map((words) => [...words])
  const broader = group.broader ? GROUPS_BY_ID.get(group.broader) : undefined
  const groups = [group, ...(broader ? [broader] : []), ...descendants(group, new Set([group.id]))]
  const seen = new Set<string>()
  const result: string[][] = []
  for (const each of groups) {
    for (const term of each.terms) {
      const words = contentWords(term)
      const key = phraseKey(words)
      if (words.length === 0 || seen.has(key)) continue
      seen.add(key)
      result.push(words)
    }
  }
  EXPANSIONS.set(group.id, result)
  return result.map((words) => [...words])
}

/** Need codes that mean the same group: the register's specific SEMH code and the SEMH area. */
const NEED_ALIASES: Record<string, string> = { 'semh-needs': 'semh' }

/**
 * Family words for records tagged with these need codes, space separated, for the search index
 * ("autism" gives "autism autistic asd ..."). Two-way terms only, each word once.
 */
export function keywordsForNeeds(codes: readonly string[]): string {
  const wanted = new Set(codes.map((code) => NEED_ALIASES[code] ?? code))
  const words = new Set<string>()
  for (const group of CONCEPT_GROUPS) {
    if (!group.needs.some((need) => wanted.has(need))) continue
    for (const term of group.terms) for (const word of contentWords(term)) words.add(word)
  }
  return [...words].join(' ')
}

/** Problems with the data above (for a unit test): clashing terms, unknown need codes or ids. */
export function vocabularyProblems(): string[] {
  const problems: string[] = []
  const owner = new Map<string, string>()
  const ids = new Set<string>()
  for (const group of CONCEPT_GROUPS) {
    if (ids.has(group.id)) problems.push(`duplicate group id ${group.id}`)
    ids.add(group.id)
    for (const need of group.needs) {
      if (!NEED_CODES.includes(need)) problems.push(`${group.id}: unknown need code ${need}`)
    }
    if (group.broader && !GROUPS_BY_ID.has(group.broader)) problems.push(`${group.id}: unknown broader ${group.broader}`)
    for (const term of [...group.terms, ...(group.typedOnly ?? [])]) {
      const words = contentWords(term)
      if (words.length === 0) problems.push(`${group.id}: "${term}" is only stop words`)
      if (term !== term.toLowerCase()) problems.push(`${group.id}: "${term}" is not lower case`)
      const key = phraseKey(words)
      const other = owner.get(key)
      if (other !== undefined && other !== group.id) problems.push(`"${term}" is in both ${other} and ${group.id}`)
      owner.set(key, group.id)
      if (words.length === 1 && words[0]!.length <= 2 && group.terms.includes(term)) {
        problems.push(`${group.id}: two-letter "${term}" must be typed-only`)
      }
    }
  }
  return problems
}

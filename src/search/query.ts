// Query understanding: turns what a family typed into terms any engine can run. Pure apart from
// the WordSource it is given (which words the index holds); engine-neutral; never throws on
// what is typed.
//
// Steps:
// 1. Normalise: Unicode NFKC, control and invisible characters removed, whitespace collapsed,
//    trimmed, at most 200 characters (cut at a word boundary). That is `text`, case kept.
// 2. Split on double quotes (straight or curly): a closed pair is a phrase; an unmatched quote
//    is ignored. Every word: lower case, Latin accents removed ("café" is "cafe"), possessive
//    "'s" dropped, other apostrophes joined ("don't" is "dont"); any other character that is
//    not a letter or digit is a word break. Outside phrases, stop words (vocabulary.ts) and
//    single letters are dropped too. So FTS syntax ("OR", "NEAR", "*", "-", ":", parentheses) never survives as syntax:
//    operators are stop words and the rest is punctuation. Every word output matches
//    /^[\p{L}\p{N}\p{M}]+$/u (letters, digits, and the combining marks some scripts need).
//    Engines must still quote or bind words, never splice them.
// 3. Spelling: a word of 4+ letters that is neither a vocabulary word nor known to the index is
//    corrected to the closest vocabulary or similar() word (spelling.ts); at equal distance the
//    field's own vocabulary wins, then the word in more documents. Corrected words are unknown
//    to the index by definition, so the original is not kept as an alternative.
// 4. Vocabulary: the longest run of words that is a concept group's term becomes one term
//    ("speech and language therapy", "autism spectrum disorder"), whose alternatives are what
//    was typed (first, for ranking) and then the group's expansions (vocabulary.ts). An
//    alternative whose words include all of another's is dropped (it can only match less),
//    except the typed one. Other words are single-word terms.
// 5. Quoted phrases are literal: no correction, no synonyms; stop words kept, for adjacency.
//    A phrase that is exactly a vocabulary term still contributes its need codes.
// 6. Terms for the same group, or the same word, are merged; at most 8 terms are kept, and only
//    kept terms contribute needs and corrections.

import { bestCorrection } from './spelling.js'
import { STOP_WORDS, expansions, foldPlural, groupOfPhrase, isVocabularyWord, matchAt, spellingWords } from './vocabulary.js'
import type { ConceptGroup } from './vocabulary.js'

export interface WordSource {
  /** Which of these words (lower case) occur in the indexed documents. */
  known(words: string[]): Promise<Set<string>>
  /** Indexed words that might be misspellings of `word` (same first letter or similar), with how many documents hold each. */
  similar(word: string): Promise<Array<{ word: string; count: number }>>
}

export interface QueryTerm {
  /** What the family typed for this part. */
  original: string
  /** Set when a misspelling was corrected. */
  corrected?: string
  /** Any one of these matches; each alternative is a sequence of words that must all occur (stems are the engine's business). */
  alternatives: string[][]
  /** True when the family quoted it: the words must be adjacent, in order. */
  phrase: boolean
}

export interface ParsedQuery {
  /** Normalised text as typed (trimmed, whitespace collapsed, max 200 chars). */
  text: string
  /** All must match (AND); empty for an empty query. */
  terms: QueryTerm[]
  /** Need codes implied by the words (e.g. "ASD" gives ['autism']). */
  needs: string[]
  corrections: Array<{ from: string; to: string }>
}

export const MAX_QUERY_LENGTH = 200
export const MAX_TERMS = 8
/** At most this many words are looked up for corrections (one similar() call each). */
const MAX_SIMILAR_LOOKUPS = 8
/** Longer "words" are not corrected (nobody misspells a 31-letter word; it is junk). */
const MAX_CORRECTABLE_LENGTH = 30
/** Input beyond this is never looked at, whatever its whitespace. */
const MAX_INPUT_SCAN = 4000
/** Equal distance: the vocabulary beats any index word. */
const VOCABULARY_BONUS = 1e12

const QUOTES = /["\u201C\u201D\u201E\u201F\u00AB\u00BB\u301D\u301E]/gu
const APOSTROPHES = "'\u2019\u2018\u02BC`"
/** A word, apostrophes inside it included ("child's", "don't"). */
const WORD = new RegExp(`[\\p{L}\\p{N}\\p{M}]+(?:[${APOSTROPHES}][\\p{L}\\p{N}\\p{M}]+)*`, 'gu')
const POSSESSIVE = new RegExp(`[${APOSTROPHES}]s$`, 'iu')
const ANY_APOSTROPHE = new RegExp(`[${APOSTROPHES}]`, 'gu')
const LATIN_DIACRITICS = /[\u0300-\u036f]/g

interface Token {
  /** Where the word is in the normalised text (for `original`). */
  start: number
  end: number
  /** Lower case, normalised. */
  typed: string
  /** What we search for: `typed`, or its correction. */
  word: string
  corrected: boolean
}

interface Segment {
  quoted: boolean
  tokens: Token[]
}

/** Step 1: the normalised text, as typed. */
export function normaliseQueryText(input: unknown): string {
  if (typeof input !== 'string') return ''
  let text = input.length > MAX_INPUT_SCAN ? input.slice(0, MAX_INPUT_SCAN) : input
  text = text
    .replace(/\p{Cs}/gu, ' ') // lone surrogates, before normalize() sees them
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\p{Cf}/gu, '') // zero-width and other invisible characters
    .replace(/\s+/gu, ' ')
    .trim()
  if (text.length <= MAX_QUERY_LENGTH) return text
  let cut = text.slice(0, MAX_QUERY_LENGTH)
  // Never split a surrogate pair, and do not keep half a word when there is a whole one.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1)
  if (text[MAX_QUERY_LENGTH] !== ' ' && cut.includes(' ')) cut = cut.slice(0, cut.lastIndexOf(' '))
  return cut.trim()
}

function tokenise(text: string, from: number, to: number): Token[] {
  const tokens: Token[] = []
  const part = text.slice(from, to)
  for (const match of part.matchAll(WORD)) {
    const typed = match[0]
      .replace(POSSESSIVE, '')
      .replace(ANY_APOSTROPHE, '')
      .toLowerCase()
      .normalize('NFD')
      .replace(LATIN_DIACRITICS, '')
      .normalize('NFC')
    if (!/[\p{L}\p{N}]/u.test(typed)) continue
    const start = from + match.index
    tokens.push({ start, end: start + match[0].length, typed, word: typed, corrected: false })
  }
  return tokens
}

/** Step 2: phrases and plain parts, tokenised; stop words and single letters gone from plain parts. */
function segments(text: string): Segment[] {
  const quotes = [...text.matchAll(QUOTES)].map((match) => match.index)
  // A quote opens a phrase only when another closes it; a last unmatched quote is ignored.
  const bounds = [-1, ...quotes.slice(0, quotes.length - (quotes.length % 2)), text.length]
  const result: Segment[] = []
  for (let index = 0; index + 1 < bounds.length; index++) {
    const quoted = index % 2 === 1
    let tokens = tokenise(text, bounds[index]! + 1, bounds[index + 1]!)
    if (!quoted) {
      tokens = tokens.filter((token) => !STOP_WORDS.has(token.typed) && !/^[a-z]$/.test(token.typed))
    } else if (tokens.every((token) => STOP_WORDS.has(token.typed))) {
      tokens = []
    }
    if (tokens.length > 0) result.push({ quoted, tokens })
  }
  return result
}

function correctable(word: string): boolean {
  const length = Array.from(word).length
  return length >= 4 && length <= MAX_CORRECTABLE_LENGTH && /^\p{L}+$/u.test(word) && !isVocabularyWord(word)
}

/** Step 3: corrects unknown words in plain parts, in place. */
async function correctSpelling(parts: Segment[], words: WordSource): Promise<void> {
  const plain = parts.filter((part) => !part.quoted).flatMap((part) => part.tokens)
  const candidates = [...new Set(plain.map((token) => token.typed).filter(correctable))]
  if (candidates.length === 0) return
  const known = await words.known(candidates)
  const unknown = candidates.filter((word) => !known.has(word)).slice(0, MAX_SIMILAR_LOOKUPS)
  if (unknown.length === 0) return
  const vocabulary = spellingWords()
  const suggestions = await Promise.all(unknown.map((word) => words.similar(word)))
  const corrections = new Map<string, string>()
  unknown.forEach((word, index) => {
    const counts = new Map<string, number>()
    for (const suggestion of suggestions[index] ?? []) {
      if (typeof suggestion?.word !== 'string') continue
      const candidate = suggestion.word.toLowerCase()
      if (!/^[\p{L}\p{N}\p{M}]+$/u.test(candidate) || STOP_WORDS.has(candidate)) continue
      const count = Number.isFinite(suggestion.count) ? suggestion.count : 0
      counts.set(candidate, Math.max(counts.get(candidate) ?? 0, count))
    }
    const frequency = (candidate: string): number =>
      (vocabulary.has(candidate) ? VOCABULARY_BONUS : 0) + (counts.get(candidate) ?? 0)
    const best = bestCorrection(word, [...vocabulary, ...counts.keys()], frequency)
    if (best !== undefined && best !== word) corrections.set(word, best)
  })
  for (const token of plain) {
    const correction = corrections.get(token.typed)
    if (correction !== undefined) {
      token.word = correction
      token.corrected = true
    }
  }
}

interface Draft {
  term: QueryTerm
  key: string
  group?: ConceptGroup
  tokens: Token[]
}

function wordsKey(words: readonly string[]): string {
  return words.map(foldPlural).join(' ')
}

/** Drops duplicates, and any alternative (after the first) whose words include another's. */
function simplify(alternatives: string[][]): string[][] {
  const unique: string[][] = []
  const seen = new Set<string>()
  for (const words of alternatives) {
    const key = wordsKey(words)
    if (words.length === 0 || seen.has(key)) continue
    seen.add(key)
    unique.push(words)
  }
  const sets = unique.map((words) => new Set(words.map(foldPlural)))
  return unique.filter((_, index) => {
    if (index === 0) return true
    const mine = sets[index]!
    return !sets.some((other, otherIndex) => {
      if (otherIndex === index || other.size > mine.size) return false
      if (other.size === mine.size && otherIndex > index) return false
      return [...other].every((word) => mine.has(word))
    })
  })
}

/** What the family typed for these tokens: the text from the first to the last, as typed. */
function typedText(text: string, tokens: readonly Token[]): string {
  return text.slice(tokens[0]?.start ?? 0, tokens[tokens.length - 1]?.end ?? 0)
}

function describe(text: string, tokens: readonly Token[]): Pick<QueryTerm, 'original' | 'corrected'> {
  const original = typedText(text, tokens)
  return tokens.some((token) => token.corrected)
    ? { original, corrected: tokens.map((token) => token.word).join(' ') }
    : { original }
}

/** Steps 4 and 5: terms, in the order typed. */
function drafts(text: string, parts: Segment[]): Draft[] {
  const result: Draft[] = []
  for (const part of parts) {
    if (part.quoted) {
      const words = part.tokens.map((token) => token.word)
      const group = groupOfPhrase(words)
      result.push({
        term: { original: typedText(text, part.tokens), alternatives: [words], phrase: true },
        key: `phrase:${words.join(' ')}`,
        ...(group ? { group } : {}),
        tokens: part.tokens,
      })
      continue
    }
    const words = part.tokens.map((token) => token.word)
    let index = 0
    while (index < words.length) {
      const match = matchAt(words, index)
      const length = match?.length ?? 1
      const tokens = part.tokens.slice(index, index + length)
      const typed = words.slice(index, index + length)
      index += length
      if (match) {
        result.push({
          term: { ...describe(text, tokens), alternatives: simplify([typed, ...expansions(match.group)]), phrase: false },
          key: `group:${match.group.id}`,
          group: match.group,
          tokens,
        })
      } else {
        result.push({
          term: { ...describe(text, tokens), alternatives: [typed], phrase: false },
          key: `word:${wordsKey(typed)}`,
          tokens,
        })
      }
    }
  }
  return result
}

/**
 * Understands a family's search words. `words` tells which words the index holds (for spelling
 * correction); it is called at most once for known() and up to 8 times for similar(). Errors
 * from `words` propagate; nothing the family types makes this throw.
 */
export async function parseQuery(text: string, words: WordSource): Promise<ParsedQuery> {
  const normalised = normaliseQueryText(text)
  const parts = segments(normalised)
  await correctSpelling(parts, words)

  const kept: Draft[] = []
  const keys = new Set<string>()
  for (const draft of drafts(normalised, parts)) {
    if (keys.has(draft.key)) continue
    keys.add(draft.key)
    kept.push(draft)
    if (kept.length === MAX_TERMS) break
  }

  const needs = [...new Set(kept.flatMap((draft) => draft.group?.needs ?? []))]
  const corrections: ParsedQuery['corrections'] = []
  const corrected = new Set<string>()
  for (const token of kept.flatMap((draft) => draft.tokens)) {
    if (!token.corrected || corrected.has(token.typed)) continue
    corrected.add(token.typed)
    corrections.push({ from: token.typed, to: token.word })
  }
  return { text: normalised, terms: kept.map((draft) => draft.term), needs, corrections }
}

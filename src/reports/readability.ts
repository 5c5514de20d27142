// Readability of a report's prose: Flesch reading ease and Flesch–Kincaid grade, computed from
// words per sentence and syllables per word, and a reading age (grade + 5, the usual conversion
// from a US school grade to an age). Headings are left out: they are short, have no verbs, and
// would make any report look easier than it is. Web addresses and emails are not words.
//
// Syllables are estimated, not looked up (a dictionary would be large and miss SEN words):
// 1. lower case, letters only; words of three letters or fewer have one syllable;
// 2. a silent final "e" is dropped ("make"), but not after "l" ("table" keeps two);
//    "es" is dropped unless after c, g, s, x, z ("makes" one, "places" two);
//    "ed" is dropped unless after d or t ("asked" one, "wanted" two);
// 3. each run of vowels (a, e, i, o, u, y) is one syllable; every word has at least one.
// It is right for most words and a syllable out on some ("created" counts two), which moves a
// reading-ease score by a point or two on a whole report: fine for "is this hard to read?".

export interface Readability {
  sentences: number
  words: number
  syllables: number
  wordsPerSentence: number
  syllablesPerWord: number
  /** 0 (very hard) to 100+ (very easy); 60 to 70 is plain English. */
  fleschReadingEase: number
  fleschKincaidGrade: number
  /** Flesch–Kincaid grade + 5: the age of a reader who could follow the text. */
  readingAge: number
  /** Sentences of more than 25 words: the first thing to split when rewriting. */
  longSentences: number
}

export function countSyllables(word: string): number {
  let letters = word.toLowerCase().replace(/[^a-z]/g, '')
  if (letters.length === 0) return 0
  if (letters.length <= 3) return 1
  letters = letters
    .replace(/(?<=[^laeiouy])e$/, '')
    .replace(/(?<=[^aeiouycgsxz])es$/, '')
    .replace(/(?<=[^aeiouydt])ed$/, '')
    .replace(/^y/, '')
  const groups = letters.match(/[aeiouy]+/g)
  return Math.max(1, groups ? groups.length : 0)
}

const WORDS = /[A-Za-z]+(?:['’][A-Za-z]+)*/g

export function wordsOf(sentence: string): string[] {
  // Token by token rather than one regex for addresses: "\S+@" would be quadratic on a long token.
  const words: string[] = []
  for (const token of sentence.split(/\s+/)) {
    if (token.includes('@') || /^(?:https?:\/\/|www\.)/i.test(token)) continue
    const found = token.match(WORDS)
    if (found) for (const word of found) words.push(word)
  }
  return words
}

const round = (value: number): number => Math.round(value * 10) / 10

/** Scores a list of sentences (or list items); sentences with no words are skipped. */
export function readability(sentences: readonly string[]): Readability {
  let counted = 0
  let words = 0
  let syllables = 0
  let longSentences = 0
  for (const sentence of sentences) {
    const list = wordsOf(sentence)
    if (list.length === 0) continue
    counted++
    words += list.length
    if (list.length > 25) longSentences++
    for (const word of list) syllables += countSyllables(word)
  }
  if (words === 0) {
    return { sentences: 0, words: 0, syllables: 0, wordsPerSentence: 0, syllablesPerWord: 0, fleschReadingEase: 0, fleschKincaidGrade: 0, readingAge: 0, longSentences: 0 }
  }
  const wordsPerSentence = words / counted
  const syllablesPerWord = syllables / words
  const grade = 0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59
  return {
    sentences: counted,
    words,
    syllables,
    wordsPerSentence: round(wordsPerSentence),
    syllablesPerWord: Math.round(syllablesPerWord * 100) / 100,
    fleschReadingEase: round(206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord),
    fleschKincaidGrade: round(grade),
    readingAge: round(grade + 5),
    longSentences,
  }
}

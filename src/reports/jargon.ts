// Acronyms used without being explained. An acronym counts as explained when one of its
// expansions appears anywhere in the text, or when the text itself pairs it with words in
// brackets: "Long Name (ACR)" or "ACR (Long name)". Plain-English guidance asks for the
// expansion at first use; we only ask for it somewhere, to keep false alarms down.

import { GLOSSARY, type GlossaryEntry } from './glossary.js'
import type { Span } from './sections.js'

export interface JargonFinding {
  acronym: string
  /** The explanation to add, in plain English. */
  explanation: string
  /** How many times the acronym is used. */
  count: number
  /** Its first use. */
  first: Span
}

// Acronyms that are also everyday words: not counted on lines written all in capitals.
const WORD_LIKE = new Set(['ADD', 'SALT', 'SEND'])

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function normalised(text: string): string {
  return text.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ')
}

function isShouting(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf('\n', index) + 1
  const lineEnd = text.indexOf('\n', index)
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd)
  const letters = line.replace(/[^\p{L}]/gu, '')
  return letters.length >= 12 && letters === letters.toUpperCase()
}

function isExplained(entry: GlossaryEntry, text: string, lower: string): boolean {
  if (entry.expansions.some((expansion) => lower.includes(normalised(expansion)))) return true
  for (const form of entry.forms) {
    const quoted = escape(form)
    // "Long Name (ACR)": a bracketed acronym straight after words. The words are checked in a
    // short window before each bracket, so a long text without brackets costs nothing.
    for (const match of text.matchAll(new RegExp(`\\(\\s*${quoted}s?\\s*\\)`, 'gu'))) {
      if (/\p{L}{2,}[\p{L},&'’ -]*$/u.test(text.slice(Math.max(0, match.index - 60), match.index))) return true
    }
    // "ACR (Long name)": bracketed words after the acronym, starting with its first letter.
    const after = new RegExp(`(?<![\\p{L}\\p{N}])${quoted}s?\\s*\\(\\s*(\\p{L})[^()\\n]{3,80}\\)`, 'gu')
    for (const match of text.matchAll(after)) {
      if ((match[1] ?? '').toLowerCase() === entry.acronym[0]?.toLowerCase()) return true
    }
  }
  return false
}

export function findJargon(text: string): JargonFinding[] {
  const lower = normalised(text)
  const findings: JargonFinding[] = []
  for (const entry of GLOSSARY) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${entry.forms.map(escape).join('|')})(?:s|'s|’s)?(?![\\p{L}\\p{N}])`, 'gu')
    let count = 0
    let first: Span | null = null
    for (const match of text.matchAll(pattern)) {
      if (WORD_LIKE.has(entry.acronym) && isShouting(text, match.index)) continue
      if (entry.notFollowedBy?.test(text.slice(match.index + match[0].length, match.index + match[0].length + 12))) continue
      count++
      first ??= { text: match[0], start: match.index, end: match.index + match[0].length }
    }
    if (first && !isExplained(entry, text, lower)) findings.push({ acronym: entry.acronym, explanation: entry.explanation, count, first })
  }
  return findings.sort((a, b) => a.first.start - b.first.start)
}

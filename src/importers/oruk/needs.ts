// Feed taxonomy terms (and North Lincolnshire's target audiences) to our need codes, only where a
// term's whole name is a name our vocabulary gives that need: "Autism", "Aspergers", "Visually
// Impaired", "Learning Disabilities". A term that merely contains such words ("Autism support
// group") or names an audience rather than a need ("Carers", "Parents") maps to nothing.
import { NEED_TERMS } from '../../domain/needs.js'
import { CONCEPT_GROUPS } from '../../search/vocabulary.js'
import { translator } from '../../web/i18n/index.js'

/** Lower case, "&" as "and", punctuation as spaces, simple plurals singular. */
export function termKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .map((word) => (word.length > 3 && word.endsWith('ies') ? `${word.slice(0, -3)}y` : word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word))
    .join(' ')
}

function buildIndex(): Map<string, string> {
  const t = translator('en')
  const index = new Map<string, string>()
  const add = (name: string, code: string) => {
    const key = termKey(name)
    if (key && !index.has(key)) index.set(key, code)
  }
  for (const term of NEED_TERMS) {
    add(term.code, term.code)
    if (term.giasCode) add(term.giasCode, term.code)
    add(t(`needs.${term.code}`), term.code)
  }
  // Only groups that imply one need: a term for a service or a role implies none.
  for (const group of CONCEPT_GROUPS) {
    const [code, ...more] = group.needs
    if (!code || more.length > 0) continue
    for (const term of group.terms) add(term, code)
  }
  return index
}

const INDEX = buildIndex()

/**
 * Need codes named by the terms, and the terms that named none. A path such as
 * "Sensory Impaired>Visually Impaired" is tried from its most specific part.
 */
export function needsFromTermNames(names: readonly string[]): { needs: string[]; unmatched: string[] } {
  const needs = new Set<string>()
  const unmatched: string[] = []
  for (const name of names) {
    const parts = name.split('>').map((part) => part.trim()).filter(Boolean).reverse()
    const code = parts.map((part) => INDEX.get(termKey(part))).find(Boolean)
    if (code) needs.add(code)
    else unmatched.push(name.trim())
  }
  return { needs: [...needs].sort(), unmatched }
}

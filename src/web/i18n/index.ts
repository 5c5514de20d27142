// Every user-facing string comes from one catalogue per language. Templates call t('key', {...});
// a key with `one` / `other` forms is chosen by the `count` parameter.
import { en } from './en.js'

export type Catalogue = { [key: string]: string | Catalogue }
export type Translate = (key: string, params?: Record<string, string | number>) => string

const CATALOGUES: Record<string, Catalogue> = { en }

function lookup(catalogue: Catalogue, key: string): string | Catalogue | undefined {
  let node: string | Catalogue | undefined = catalogue
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined
    node = node[part]
  }
  return node
}

export function translator(language = 'en'): Translate {
  const catalogue = CATALOGUES[language] ?? en
  return (key, params = {}) => {
    let entry = lookup(catalogue, key) ?? lookup(en, key)
    if (entry !== undefined && typeof entry !== 'string' && typeof params.count === 'number') {
      entry = entry[params.count === 1 ? 'one' : 'other']
    }
    // A missing key shows itself, so a test or a reader notices rather than seeing blank text.
    if (typeof entry !== 'string') return key
    return entry.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
  }
}

/** True when the key exists (used by tests to check the catalogue is complete). */
export function hasKey(key: string, language = 'en'): boolean {
  return lookup(CATALOGUES[language] ?? en, key) !== undefined
}

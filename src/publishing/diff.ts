// A readable diff of two versions, field by field: each field's text before and after, and for
// a changed field the words removed and added, so a reviewer reads the change in place.
import { diffWords } from 'diff'

export interface DiffPart {
  text: string
  kind: 'same' | 'added' | 'removed'
}

export interface DiffRow {
  field: string
  before: string
  after: string
  changed: boolean
  /** The after text with removed words in between; empty when unchanged. */
  parts: DiffPart[]
}

// Past this many edits the word diff stops and the field shows as replaced whole: a rewritten
// 50 KB report would otherwise cost seconds to compare word by word, to no reader's benefit.
const MAX_EDITS = 2_000

export function diffText(before: string, after: string): DiffPart[] {
  if (before === after) return []
  const changes = diffWords(before, after, { maxEditLength: MAX_EDITS })
  if (!changes) return [...(before ? [{ text: before, kind: 'removed' as const }] : []), ...(after ? [{ text: after, kind: 'added' as const }] : [])]
  return changes.map((change) => ({ text: change.value, kind: change.added ? 'added' : change.removed ? 'removed' : 'same' }))
}

/** Rows for every field, in order; `show` turns a field's value into the text a reader sees. */
export function diffFields<C, F extends keyof C & string>(fields: readonly F[], before: C, after: C, show: (field: F, value: C[F]) => string): DiffRow[] {
  return fields.map((field) => {
    const was = show(field, before[field])
    const now = show(field, after[field])
    return { field, before: was, after: now, changed: was !== now, parts: diffText(was, now) }
  })
}

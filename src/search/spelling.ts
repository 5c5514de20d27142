// Spelling correction for search words: Damerau-Levenshtein distance in its "optimal string
// alignment" form (insert, delete, substitute, or swap two neighbouring letters, each costing 1,
// no substring edited twice), with an early cut-off, and a chooser for the closest known word.
// Pure functions; strings are compared by Unicode code point, as given (callers lower-case).

/**
 * Edit distance between `a` and `b`. With a finite `maxDistance`, stops as soon as the distance
 * must exceed it and then returns `maxDistance + 1`, so callers can test `<= maxDistance`.
 */
export function editDistance(a: string, b: string, maxDistance: number = Number.POSITIVE_INFINITY): number {
  const limit = Math.max(0, maxDistance)
  const over = limit + 1
  if (a === b) return 0
  const s = Array.from(a)
  const t = Array.from(b)
  const n = s.length
  const m = t.length
  if (Math.abs(n - m) > limit) return over
  if (n === 0) return m
  if (m === 0) return n

  let before = new Array<number>(m + 1).fill(0) // row i - 2
  let previous = Array.from({ length: m + 1 }, (_, j) => j) // row i - 1
  let current = new Array<number>(m + 1).fill(0) // row i
  for (let i = 1; i <= n; i++) {
    current[0] = i
    let rowMin = i
    const si = s[i - 1]
    for (let j = 1; j <= m; j++) {
      const cost = si === t[j - 1] ? 0 : 1
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && si === t[j - 2] && s[i - 2] === t[j - 1]) {
        value = Math.min(value, before[j - 2]! + 1)
      }
      current[j] = value
      if (value < rowMin) rowMin = value
    }
    // Every later cell is at least the smallest of this row (a swap reaches back two rows, but
    // never below the diagonal of the row in between), so nothing can come back under the limit.
    if (rowMin > limit) return over
    const recycled = before
    before = previous
    previous = current
    current = recycled
  }
  const distance = previous[m]!
  return distance > limit ? over : distance
}

/** How many edits a word may be away from its correction: none below 4 letters, 1 for 4-5, 2 for 6+. */
export function allowedDistance(word: string): number {
  const length = Array.from(word).length
  if (length < 4) return 0
  if (length <= 5) return 1
  return 2
}

export type Frequency = ((candidate: string) => number) | ReadonlyMap<string, number>

/**
 * The candidate closest to `word` within `allowedDistance(word)`, or undefined when none is.
 * Ties go to the higher `frequency` (e.g. how many documents hold the word), then to the
 * alphabetically first. A candidate equal to `word` wins outright (distance 0): the word is fine.
 */
export function bestCorrection(word: string, candidates: Iterable<string>, frequency?: Frequency): string | undefined {
  const allowed = allowedDistance(word)
  if (allowed === 0) return undefined
  const frequencyOf = (candidate: string): number => {
    const value = typeof frequency === 'function' ? frequency(candidate) : frequency?.get(candidate)
    return typeof value === 'number' && Number.isFinite(value) ? value : 0
  }
  let best: { word: string; distance: number; frequency: number } | undefined
  for (const candidate of candidates) {
    if (typeof candidate !== 'string' || candidate.length === 0) continue
    const distance = editDistance(word, candidate, best ? Math.min(best.distance, allowed) : allowed)
    if (distance > allowed) continue
    if (best && distance > best.distance) continue
    const count = frequencyOf(candidate)
    if (
      !best ||
      distance < best.distance ||
      count > best.frequency ||
      (count === best.frequency && candidate < best.word)
    ) {
      best = { word: candidate, distance, frequency: count }
    }
  }
  return best?.word
}

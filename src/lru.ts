// A map that keeps at most so much, dropping the least recently used first: the one shape of every
// in-memory cache in the app (prepared statements, posting lists, result rows, rendered pages,
// report assessments). A Map keeps insertion order, so re-inserting on each use makes its first
// key the least recently used.

export interface Lru<K, V> {
  /** The value, now the most recently used. */
  get(key: K): V | undefined
  set(key: K, value: V): void
  delete(key: K): void
  clear(): void
  readonly size: number
}

/** At most `limit` in all, each value counted as `weigh` says (one each unless given). */
export function createLru<K, V>(limit: number, weigh: (value: V) => number = () => 1): Lru<K, V> {
  const kept = new Map<K, V>()
  let weight = 0
  const drop = (key: K, value: V) => {
    kept.delete(key)
    weight -= weigh(value)
  }
  return {
    get(key) {
      const value = kept.get(key)
      if (value === undefined) return undefined
      kept.delete(key)
      kept.set(key, value)
      return value
    },
    set(key, value) {
      const previous = kept.get(key)
      if (previous !== undefined) drop(key, previous)
      kept.set(key, value)
      weight += weigh(value)
      for (const [oldest, old] of kept) {
        if (weight <= limit) break
        drop(oldest, old)
      }
    },
    delete(key) {
      const value = kept.get(key)
      if (value !== undefined) drop(key, value)
    },
    clear() {
      kept.clear()
      weight = 0
    },
    get size() {
      return kept.size
    },
  }
}

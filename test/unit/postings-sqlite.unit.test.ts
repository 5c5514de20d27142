// SQLite's posting lists as they are put together from FTS5's answers: one list scored by the best
// field a word is in, and a kept list with newer entries after it, less the documents now gone.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { emptyDocValues } from '../../src/search/doc-values.js'
import { IN_NAME } from '../../src/search/postings.js'
import { appendPostings, scoredPostings } from '../../src/search/postings-sqlite.js'

test('a word scores 10 (and the name flag) in the name, else 4 in the keywords, else 1', () => {
  const postings = scoredPostings(Int32Array.from([2, 5, 7, 9, 12]), Int32Array.from([5, 12]), Int32Array.from([5, 7]))
  assert.deepEqual([...postings.ids], [2, 5, 7, 9, 12])
  assert.deepEqual([...postings.scores], [1, 10 | IN_NAME, 4, 1, 10 | IN_NAME])
})

test('newer entries follow the kept ones, and kept entries of documents no longer live are dropped', () => {
  // Live: 1, 3, 6 and 8; 2 and 4 were replaced (by 6 and 8). 9 is newer than these doc values.
  const values = emptyDocValues(2, Int32Array.from([1, 3, 6, 8]))
  const kept = { ids: Int32Array.from([1, 2, 3, 4]), scores: Uint16Array.from([1, 4, 1, 10 | IN_NAME]) }
  const newer = { ids: Int32Array.from([6, 8, 9]), scores: Uint16Array.from([4, 10 | IN_NAME, 1]) }
  const joined = appendPostings(kept, newer, values)
  assert.deepEqual([...joined.ids], [1, 3, 6, 8, 9])
  assert.deepEqual([...joined.scores], [1, 1, 4, 10 | IN_NAME, 1])
})

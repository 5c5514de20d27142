// The rendered-page cache: kept by version and address, least recently used out first, bounded in age.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createPageCache } from '../../src/web/page-cache.js'

test('a page is found only under the version and address it was kept with', () => {
  const cache = createPageCache({ entries: 10, maxAgeMs: 1000 })
  cache.set(3, '/search?q=autism', 'page A')
  assert.equal(cache.get(3, '/search?q=autism'), 'page A')
  assert.equal(cache.get(4, '/search?q=autism'), undefined, 'a newer index version misses')
  assert.equal(cache.get(3, '/search?q=autism&page=2'), undefined)
})

test('the least recently used page goes first when full', () => {
  const cache = createPageCache({ entries: 2, maxAgeMs: 1000 })
  cache.set(1, '/a', 'A')
  cache.set(1, '/b', 'B')
  assert.equal(cache.get(1, '/a'), 'A') // /a is now the most recently used
  cache.set(1, '/c', 'C')
  assert.equal(cache.size, 2)
  assert.equal(cache.get(1, '/b'), undefined)
  assert.equal(cache.get(1, '/a'), 'A')
  assert.equal(cache.get(1, '/c'), 'C')
})

test('a page older than the maximum age is not served', () => {
  let clock = 0
  const cache = createPageCache({ entries: 5, maxAgeMs: 100, now: () => clock })
  cache.set(1, '/a', 'A')
  clock = 100
  assert.equal(cache.get(1, '/a'), 'A')
  clock = 101
  assert.equal(cache.get(1, '/a'), undefined)
  assert.equal(cache.size, 0, 'the stale page is dropped, not kept')
})

test('no entries switches it off', () => {
  const cache = createPageCache({ entries: 0, maxAgeMs: 1000 })
  cache.set(1, '/a', 'A')
  assert.equal(cache.enabled, false)
  assert.equal(cache.get(1, '/a'), undefined)
  assert.equal(cache.size, 0)
})

// The one bounded map behind every in-memory cache: what it drops first, and how values are counted.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createLru } from '../../src/lru.js'

test('past its limit, the least recently used goes first; reading a key makes it the most recent', () => {
  const lru = createLru<string, number>(3)
  lru.set('a', 1)
  lru.set('b', 2)
  lru.set('c', 3)
  assert.equal(lru.get('a'), 1)
  lru.set('d', 4)
  assert.equal(lru.get('b'), undefined, 'b was the least recently used')
  assert.deepEqual(['a', 'c', 'd'].map((key) => lru.get(key)), [1, 3, 4])
  assert.equal(lru.size, 3)
})

test('values are counted by their weight, and replacing or deleting one gives its weight back', () => {
  const lru = createLru<string, string>(10, (value) => value.length)
  lru.set('x', 'aaaa')
  lru.set('y', 'bbbb')
  lru.set('x', 'aa') // 2 + 4: nothing dropped
  assert.deepEqual([lru.get('x'), lru.get('y')], ['aa', 'bbbb'])
  lru.set('z', 'cccccc') // 12 > 10: x, the least recently used, goes
  assert.equal(lru.get('x'), undefined)
  assert.deepEqual([lru.get('y'), lru.get('z')], ['bbbb', 'cccccc'])
  lru.delete('y')
  lru.set('w', 'dddd') // 6 + 4: fits once y's weight is given back
  assert.deepEqual([lru.get('z'), lru.get('w')], ['cccccc', 'dddd'])
  lru.clear()
  assert.equal(lru.size, 0)
})

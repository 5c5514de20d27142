// Simplifying a term's alternatives must never change what matches: checked against every
// combination of the words involved.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { factorAlternatives, type WordTree } from '../../src/search/engine.js'

function matches(tree: WordTree, words: Set<string>): boolean {
  if ('word' in tree) return words.has(tree.word)
  if ('all' in tree) return tree.all.every((node) => matches(node, words))
  return tree.any.some((node) => matches(node, words))
}

function walks(tree: WordTree): number {
  if ('word' in tree) return 1
  return ('all' in tree ? tree.all : tree.any).reduce((sum, node) => sum + walks(node), 0)
}

const CASES: string[][][] = [
  [['speech', 'language', 'therapy'], ['speech', 'language'], ['speech', 'therapy'], ['speech', 'therapist'], ['salt'], ['slcn'], ['language', 'delay'], ['speech', 'delay'], ['developmental', 'language', 'disorder'], ['dld']],
  [['camhs'], ['child', 'adolescent', 'mental', 'health'], ['children', 'young', 'people', 'mental', 'health']],
  [['autism'], ['asd'], ['asc'], ['autistic']],
  [['a', 'b'], ['a', 'b'], ['b', 'a', 'c'], ['c']],
  [['x']],
]

void describe('factorAlternatives', () => {
  for (const groups of CASES) {
    void test(`keeps exactly the matches of ${groups.map((group) => group.join('+')).join(' | ')}`, () => {
      const tree = factorAlternatives(groups)
      const vocabulary = [...new Set(groups.flat())]
      assert.ok(vocabulary.length <= 14)
      for (let bits = 0; bits < 2 ** vocabulary.length; bits++) {
        const present = new Set(vocabulary.filter((_, index) => (bits >> index) & 1))
        const expected = groups.some((group) => group.every((word) => present.has(word)))
        assert.equal(matches(tree, present), expected, [...present].join(' '))
      }
    })
  }

  void test('walks each shared word once', () => {
    const tree = factorAlternatives(CASES[0]!)
    // 19 word lists walked as written; "speech" and "language" once each after factoring.
    assert.equal(CASES[0]!.flat().length, 19)
    assert.equal(walks(tree), 12, JSON.stringify(tree))
    assert.deepEqual(factorAlternatives([['a', 'b'], ['a', 'b', 'c']]), { all: [{ word: 'a' }, { word: 'b' }] })
  })
})

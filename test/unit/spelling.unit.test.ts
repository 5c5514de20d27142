import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { allowedDistance, bestCorrection, editDistance } from '../../src/search/spelling.js'

void describe('editDistance (Damerau-Levenshtein, optimal string alignment)', () => {
  void test('counts insertions, deletions, substitutions and swaps of neighbours', () => {
    assert.equal(editDistance('autism', 'autism'), 0)
    assert.equal(editDistance('', 'abc'), 3)
    assert.equal(editDistance('abc', ''), 3)
    assert.equal(editDistance('kitten', 'sitting'), 3)
    assert.equal(editDistance('autisum', 'autism'), 1) // insertion
    assert.equal(editDistance('speach', 'speech'), 1) // substitution
    assert.equal(editDistance('dyslxeia', 'dyslexia'), 1) // swap
    assert.equal(editDistance('ab', 'ba'), 1)
  })

  void test('is the restricted (OSA) form: no substring is edited twice', () => {
    // True Damerau-Levenshtein gives 2 (ca -> ac -> abc); OSA cannot edit the swapped pair again.
    assert.equal(editDistance('ca', 'abc'), 3)
  })

  void test('compares code points, so accents and emoji are one letter each', () => {
    assert.equal(editDistance('café', 'cafe'), 1)
    assert.equal(editDistance('a😀b', 'ab'), 1)
  })

  void test('stops early beyond maxDistance and reports maxDistance + 1', () => {
    assert.equal(editDistance('kitten', 'sitting', 1), 2)
    assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3)
    assert.equal(editDistance('a', 'abcdefgh', 2), 3) // lengths alone rule it out
    assert.equal(editDistance('autisum', 'autism', 1), 1) // within the limit: exact
    assert.equal(editDistance('x'.repeat(5000), 'y'.repeat(5000), 2), 3)
  })
})

void describe('bestCorrection', () => {
  const vocabulary = ['autism', 'autistic', 'dyslexia', 'dyslexic', 'speech', 'therapy', 'therapist', 'language', 'deaf', 'blind']

  void test('corrects the usual misspellings', () => {
    assert.equal(bestCorrection('autisum', vocabulary), 'autism')
    assert.equal(bestCorrection('dyslexsia', vocabulary), 'dyslexia')
    assert.equal(bestCorrection('speach', vocabulary), 'speech')
    assert.equal(bestCorrection('theraphy', vocabulary), 'therapy')
    assert.equal(bestCorrection('langauge', vocabulary), 'language')
  })

  void test('allows 1 edit for 4-5 letters, 2 for 6+, none below 4', () => {
    assert.equal(allowedDistance('asd'), 0)
    assert.equal(allowedDistance('deaf'), 1)
    assert.equal(allowedDistance('blind'), 1)
    assert.equal(allowedDistance('speech'), 2)
    assert.equal(bestCorrection('daf', ['deaf']), undefined) // too short to correct
    assert.equal(bestCorrection('deef', ['deaf']), 'deaf')
    assert.equal(bestCorrection('daef', ['deaf']), 'deaf') // a swap is one edit
    assert.equal(bestCorrection('bliid', ['blind']), 'blind')
    assert.equal(bestCorrection('bluud', ['blind']), undefined) // 2 edits on 5 letters
    assert.equal(bestCorrection('atism', ['autism']), 'autism')
    assert.equal(bestCorrection('autumn', ['autism']), undefined) // 3 edits
  })

  void test('prefers the closest, then the more frequent, then the alphabetically first', () => {
    assert.equal(bestCorrection('therapyst', ['therapy', 'therapist']), 'therapist') // 1 edit against 2
    const frequency = new Map([
      ['care', 5],
      ['card', 5],
      ['cars', 9],
    ])
    assert.equal(bestCorrection('cart', ['care', 'card', 'cars'], frequency), 'cars')
    assert.equal(bestCorrection('cart', ['care', 'card'], frequency), 'card')
    assert.equal(bestCorrection('cart', ['care', 'card']), 'card')
    assert.equal(bestCorrection('cart', ['care', 'card'], (word) => (word === 'care' ? 1 : 0)), 'care')
  })

  void test('returns the word itself when it is a candidate, and undefined with no candidates', () => {
    assert.equal(bestCorrection('autism', vocabulary), 'autism')
    assert.equal(bestCorrection('autism', []), undefined)
    assert.equal(bestCorrection('autism', new Set<string>()), undefined)
  })
})

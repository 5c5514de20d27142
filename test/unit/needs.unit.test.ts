import assert from 'node:assert/strict'
import { test } from 'node:test'
import { needFromGiasCode, needWithArea, needsUnder } from '../../src/domain/needs.js'

test('a specific need is found under its broad area', () => {
  assert.deepEqual(needWithArea('autism'), ['autism', 'communication-interaction'])
  assert.ok(needsUnder('sensory-physical').includes('vi'))
  assert.equal(needFromGiasCode('SpLD'), 'spld')
  assert.equal(needFromGiasCode('nonsense'), undefined)
})

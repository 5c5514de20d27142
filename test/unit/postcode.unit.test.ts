import assert from 'node:assert/strict'
import { test } from 'node:test'
import { POSTCODE_PROBLEMS, parsePostcode } from '../../src/domain/postcode.js'

void test('reads a full postcode whatever its case and spacing', () => {
  for (const input of ['DT1 1AA', 'dt11aa', ' DT1  1AA ', 'dt1 1aa', 'Dt1\t1Aa', 'ＤＴ１ １ＡＡ']) {
    assert.deepEqual(parsePostcode(input), { kind: 'full', postcode: 'DT1 1AA', outcode: 'DT1' }, input)
  }
})

void test('reads every standard shape of postcode, and GIR 0AA', () => {
  const cases: Array<[string, string, string]> = [
    ['m11ae', 'M1 1AE', 'M1'], // A9 9AA
    ['B338TH', 'B33 8TH', 'B33'], // A99 9AA
    ['cr2 6xh', 'CR2 6XH', 'CR2'], // AA9 9AA
    ['DN551PT', 'DN55 1PT', 'DN55'], // AA99 9AA
    ['w1a0ax', 'W1A 0AX', 'W1A'], // A9A 9AA
    ['EC1A1BB', 'EC1A 1BB', 'EC1A'], // AA9A 9AA
    ['SW1A 0AA', 'SW1A 0AA', 'SW1A'],
    ['DT11 7AA', 'DT11 7AA', 'DT11'],
    ['gir0aa', 'GIR 0AA', 'GIR'],
  ]
  for (const [input, postcode, outcode] of cases) {
    assert.deepEqual(parsePostcode(input), { kind: 'full', postcode, outcode }, input)
  }
})

void test('reads an outcode on its own', () => {
  for (const [input, outcode] of [
    ['DT1', 'DT1'],
    [' dt1 ', 'DT1'],
    ['DT11', 'DT11'],
    ['m1', 'M1'],
    ['sw1a', 'SW1A'],
    ['W1A', 'W1A'],
  ]) {
    assert.deepEqual(parsePostcode(input!), { kind: 'outcode', outcode }, input)
  }
})

void test('says what is wrong in plain English', () => {
  assert.deepEqual(parsePostcode(''), { kind: 'invalid', code: 'empty', reason: POSTCODE_PROBLEMS.empty })
  assert.equal(parsePostcode('   ').kind, 'invalid')
  const bad = parsePostcode('Dorchester')
  assert.equal(bad.kind, 'invalid')
  assert.equal(bad.kind === 'invalid' && bad.reason, 'Enter a full postcode, like DT1 1AA, or the first half, like DT1')
  assert.equal(bad.kind === 'invalid' && bad.code, 'format')
  const symbols = parsePostcode('DT1-1AA')
  assert.equal(symbols.kind === 'invalid' && symbols.code, 'characters')
  for (const reason of Object.values(POSTCODE_PROBLEMS)) assert.match(reason, /DT1 1AA/)
})

void test('rejects what is not a postcode', () => {
  for (const input of [
    'DT1 1A', // inward code cut short
    'DT1 1AAA',
    'DT1 AA1',
    '12345',
    'DT',
    'D',
    'QT1 1AA', // Q never comes first
    'DJ1 1AA', // J never comes second
    'DT1 1CA', // C never in the inward code
    'W1I 1AA', // I never third in A9A
    'BFPO 123',
    'DT1 1AA DT1 1AA',
    "DT1'; DROP TABLE postcodes; --",
    'x'.repeat(10_000),
    '\u0000DT1',
  ]) {
    assert.equal(parsePostcode(input).kind, 'invalid', input)
  }
  assert.equal(parsePostcode(undefined as unknown as string).kind, 'invalid')
})

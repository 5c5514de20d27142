// The SEN columns of a GIAS row, the closed status, and the fingerprint that lets a re-import
// skip unchanged schools.
import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { test } from 'node:test'
import iconv from 'iconv-lite'
import { registerFingerprint, schoolInputFromGias } from '../../src/importers/gias/import.js'
import { isClosedStatus, parseGias, type GiasParseResult } from '../../src/importers/gias/parse.js'
import { GIAS_HEADER, generatedSchool, giasLine, type GiasValues } from '../fixtures/gias/generated-rows.js'

async function parseRows(rows: GiasValues[]): Promise<GiasParseResult[]> {
  const header = GIAS_HEADER.map((column) => `"${column}"`).join(',')
  const bytes = iconv.encode(`${[header, ...rows.map(giasLine)].join('\r\n')}\r\n`, 'win1252')
  const results: GiasParseResult[] = []
  for await (const result of parseGias(Readable.from([bytes]))) results.push(result)
  return results
}

async function parseOne(values: GiasValues) {
  const [result] = await parseRows([values])
  assert.ok(result?.ok, result && !result.ok ? result.error : 'no row')
  return result
}

test('SEN1..SEN13 become need codes; every register code is kept, OTH included, each once', async () => {
  const result = await parseOne(
    generatedSchool(990101, {
      'SEN1 (name)': 'SpLD - Specific Learning Difficulty',
      'SEN2 (name)': 'BESD - Behaviour, Emotional and Social Development',
      'SEN3 (name)': 'OTH - Other Difficulty/Disability',
      'SEN7 (name)': 'PMLD - Profound and Multiple Learning Difficulty',
      'SEN13 (name)': 'SpLD - Specific Learning Difficulty',
    }),
  )
  // BESD is the register's older name for SEMH.
  assert.deepEqual(result.school.senProvision.sort(), ['pmld', 'semh-needs', 'spld'])
  assert.deepEqual(result.school.registerSenCodes, ['SpLD', 'BESD', 'OTH', 'PMLD'])
  assert.deepEqual(result.unmappedSen, ['OTH - Other Difficulty/Disability'])
})

test('resourced provision and SEN unit: type as given, pupils on roll and places', async () => {
  const result = await parseOne(
    generatedSchool(990102, {
      'TypeOfResourcedProvision (name)': 'SEN unit',
      SenUnitOnRoll: '9',
      SenUnitCapacity: '10',
      'SpecialClasses (name)': 'Has Special Classes',
      SENStat: '4',
      SENNoStat: '27',
    }),
  )
  const { school } = result
  assert.equal(school.resourcedProvisionType, 'SEN unit')
  assert.equal(school.senUnit, 'SEN unit')
  assert.equal(school.resourcedProvision, undefined)
  assert.deepEqual([school.senUnitOnRoll, school.senUnitCapacity, school.resourcedProvisionOnRoll], [9, 10, undefined])
  assert.deepEqual([school.pupilsWithEhcPlan, school.pupilsWithSenSupport, school.specialClasses], [4, 27, true])
})

test('"Not applicable" and blanks mean nothing recorded', async () => {
  const { school } = await parseOne(generatedSchool(990103, { 'TypeOfResourcedProvision (name)': 'Not applicable', 'SpecialClasses (name)': 'Not applicable' }))
  assert.equal(school.resourcedProvisionType, undefined)
  assert.equal(school.specialClasses, undefined)
  assert.deepEqual(school.registerSenCodes, [])
})

test('a count that is not a whole number fails the row, naming the column', async () => {
  const [result] = await parseRows([generatedSchool(990104, { ResourcedProvisionOnRoll: '12.5' })])
  assert.ok(result && !result.ok)
  assert.match(result.error, /Line 2 \(URN 990104\): ResourcedProvisionOnRoll "12.5" is not a whole number/)
})

test('only "Closed" is closed', () => {
  assert.equal(isClosedStatus('Closed'), true)
  assert.equal(isClosedStatus(' closed '), true)
  assert.equal(isClosedStatus('Open, but proposed to close'), false)
  assert.equal(isClosedStatus('Proposed to open'), false)
  assert.equal(isClosedStatus(undefined), false)
})

test('the fingerprint is the same for the same values and changes with any of them', async () => {
  const [a, b, c] = await parseRows([
    generatedSchool(990105),
    generatedSchool(990105),
    generatedSchool(990105, { SenUnitCapacity: '8' }),
  ])
  assert.ok(a?.ok && b?.ok && c?.ok)
  const fingerprint = (result: typeof a) => registerFingerprint(schoolInputFromGias(result.school))
  assert.equal(fingerprint(a), fingerprint(b))
  assert.notEqual(fingerprint(a), fingerprint(c))
})

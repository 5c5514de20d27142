import assert from 'node:assert/strict'
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { findSchoolDetail, findSchoolIdByUrn } from '../../src/db/repositories/schools.js'
import { importGias } from '../../src/importers/gias/import.js'
import { GIAS_SAMPLE } from '../../src/seed/load.js'
import { onEveryStore } from '../support/stores.js'

onEveryStore('GIAS import', (store) => {
  test('loads the four real schools with their register fields and converted coordinates', async () => {
    const report = await importGias(store(), GIAS_SAMPLE)
    assert.deepEqual(report, { created: 4, updated: 0, failed: [] })
    const id = await findSchoolIdByUrn(store().db, '100492')
    assert.ok(id)
    const detail = await findSchoolDetail(store().db, id)
    assert.equal(detail?.organisation.name, "St Thomas' CofE Primary School")
    assert.equal(detail?.school.phase, 'Primary')
    assert.equal(detail?.school.min_age, 3)
    assert.equal(detail?.school.max_age, 11)
    assert.equal(detail?.school.open_date, null)
    assert.equal(detail?.school.register_changed_date, '2018-09-19')
    assert.equal(detail?.location?.postcode, 'W10 5EF')
    // W10 5EF is in North Kensington: about 51.52 N, 0.21 W.
    assert.ok(Math.abs((detail?.location?.lat ?? 0) - 51.52) < 0.01)
    assert.ok(Math.abs((detail?.location?.lng ?? 0) + 0.21) < 0.01)
    assert.deepEqual(detail?.councilCodes, ['E09000020'])
  })

  test('importing the same file again updates, never duplicates', async () => {
    const report = await importGias(store(), GIAS_SAMPLE)
    assert.deepEqual(report, { created: 0, updated: 4, failed: [] })
    const rows = await store().db.selectFrom('schools').select('urn').execute()
    assert.equal(rows.length, 4)
    const documents = await store().db.selectFrom('search_documents').select('subject_id').where('kind', '=', 'school').execute()
    assert.equal(documents.length, 4)
  })

  test('a bad row is reported with its line, and the good rows still load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gias-'))
    const file = join(dir, 'bad.csv')
    copyFileSync(GIAS_SAMPLE, file)
    const { readFileSync } = await import('node:fs')
    const lines = readFileSync(file, 'latin1').split('\n')
    // Line 3 loses its URN (generated test change to a real row).
    lines[2] = lines[2]!.replace(/^100459,/, ',')
    writeFileSync(file, lines.join('\n'), 'latin1')
    const report = await importGias(store(), file)
    assert.equal(report.failed.length, 1)
    assert.equal(report.failed[0]?.line, 3)
    assert.equal(report.created + report.updated, 3)
  })

  test('a file that is not a GIAS extract is refused before anything is stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gias-'))
    const file = join(dir, 'not-gias.csv')
    writeFileSync(file, 'name,phone\nA club,0123\n')
    const before = await store().db.selectFrom('schools').select('id').execute()
    await assert.rejects(importGias(store(), file), /not a GIAS/i)
    const afterRows = await store().db.selectFrom('schools').select('id').execute()
    assert.equal(afterRows.length, before.length)
  })
})

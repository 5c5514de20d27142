// The GIAS importer at register scale, on both stores: SEN columns mapped, unchanged rows
// skipped, changed rows updated, closed schools closed and out of search (their page says so),
// a full extract's missing schools reported and kept, bad rows reported by line.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { findSchoolDetail, findSchoolIdByUrn } from '../../src/db/repositories/schools.js'
import { importGiasRegister } from '../../src/importers/gias/import.js'
import type { SearchRequest } from '../../src/search/types.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { freshStore, STORE_KINDS } from '../support/stores.js'
import { GIAS_SAMPLE_FIXTURE, generatedSchool, giasLine, writeGiasFile } from '../fixtures/gias/generated-rows.js'

const postgres = Boolean(process.env.TEST_DATABASE_URL)

function searchRequest(q: string): SearchRequest {
  return { q, needs: [], ages: [], providerTypes: [], levels: [], helpKinds: [], freeOnly: false, sort: 'relevance', page: 1, perPage: 50 }
}

// Generated schools: URNs far from any real one.
const SEN_SCHOOL = generatedSchool(990001, {
  EstablishmentName: 'Harbourside Resourced Primary (synthetic)',
  'SEN1 (name)': 'ASD - Autistic Spectrum Disorder',
  'SEN2 (name)': 'SLCN - Speech, language and Communication',
  'SEN3 (name)': 'SEMH - Social, Emotional and Mental Health',
  'SEN4 (name)': 'OTH - Other Difficulty/Disability',
  'SEN5 (name)': 'VI - Visual Impairment',
  'TypeOfResourcedProvision (name)': 'Resourced provision and SEN unit',
  ResourcedProvisionOnRoll: '12',
  ResourcedProvisionCapacity: '14',
  SenUnitOnRoll: '7',
  SenUnitCapacity: '8',
  SENStat: '21',
  SENNoStat: '34',
  'SpecialClasses (name)': 'Has Special Classes',
})
const PLAIN_SCHOOL = generatedSchool(990002, { EstablishmentName: 'Meadowbrook Infant School (synthetic)' })
const CLOSING_SCHOOL = generatedSchool(990003, { EstablishmentName: 'Quarrybank Junior School (synthetic)' })
const CLOSED_SCHOOL = {
  ...CLOSING_SCHOOL,
  'EstablishmentStatus (name)': 'Closed',
  'ReasonEstablishmentClosed (name)': 'Academy converter',
  CloseDate: '31-08-2024',
}
const NEVER_HELD_CLOSED = generatedSchool(990004, {
  EstablishmentName: 'Long Gone Primary (synthetic)',
  'EstablishmentStatus (name)': 'Closed',
  CloseDate: '31-03-2001',
})

describe('GIAS real sample on an empty store', () => {
  for (const kind of STORE_KINDS) {
    test(`[${kind}] the four real rows load, and a second import finds them unchanged`, { skip: kind === 'postgres' && !postgres }, async () => {
      const store = await freshStore(kind)
      try {
        const first = await importGiasRegister(store, GIAS_SAMPLE_FIXTURE)
        assert.equal(first.rows, 4)
        assert.equal(first.created, 4)
        assert.equal(first.failedCount, 0)
        const second = await importGiasRegister(store, GIAS_SAMPLE_FIXTURE)
        assert.deepEqual([second.created, second.updated, second.unchanged], [0, 0, 4])
        const id = await findSchoolIdByUrn(store.db, '100459')
        const detail = id ? await findSchoolDetail(store.db, id) : undefined
        // The real rows record no SEN provision; the register's "No Special Classes" is kept as such.
        assert.equal(detail?.school.register_sen_codes, '')
        assert.equal(detail?.school.resourced_provision_type, null)
        assert.equal(detail?.school.special_classes, 0)
        assert.ok(detail?.school.register_fingerprint)
      } finally {
        await store.close()
      }
    })
  }
})

for (const kind of STORE_KINDS) {
  describe(`GIAS national import [${kind}]`, { skip: kind === 'postgres' && !postgres ? 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set' : false }, () => {
    let testApp: TestApp
    before(async () => {
      testApp = await buildTestApp(kind)
    })
    after(async () => {
      await testApp.close()
    })
    const store = () => testApp.services.store
    const detailOf = async (urn: string) => {
      const id = await findSchoolIdByUrn(store().db, urn)
      return id ? findSchoolDetail(store().db, id) : undefined
    }
    const foundBySearch = async (q: string, id: string) =>
      (await testApp.services.search.search(searchRequest(q))).hits.some((hit) => hit.subjectId === id)

    test('SEN1..SEN13, resourced provision, SEN unit and SEN counts are mapped', async () => {
      const report = await importGiasRegister(store(), writeGiasFile([SEN_SCHOOL, PLAIN_SCHOOL, CLOSING_SCHOOL]))
      assert.deepEqual([report.created, report.failedCount], [3, 0])
      assert.deepEqual(report.unmappedSen, { 'OTH - Other Difficulty/Disability': 1 })
      const detail = await detailOf('990001')
      assert.ok(detail)
      assert.deepEqual(detail.needs, ['autism', 'semh-needs', 'slcn', 'vi'])
      assert.equal(detail.school.register_sen_codes, ' ASD SLCN SEMH OTH VI ')
      assert.equal(detail.school.resourced_provision_type, 'Resourced provision and SEN unit')
      assert.equal(detail.school.resourced_provision, 'Resourced provision')
      assert.equal(detail.school.sen_unit, 'SEN unit')
      assert.deepEqual(
        [detail.school.resourced_provision_on_roll, detail.school.resourced_provision_capacity, detail.school.sen_unit_on_roll, detail.school.sen_unit_capacity],
        [12, 14, 7, 8],
      )
      assert.deepEqual([detail.school.pupils_with_ehc_plan, detail.school.pupils_with_sen_support, detail.school.special_classes], [21, 34, 1])
      // Found by a need the register gives it, and its page shows the register's provision.
      assert.ok(await foundBySearch('Harbourside autism', detail.school.id))
      const page = await testApp.app.inject(`/schools/${detail.school.id}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /12 pupils on roll, 14 places/)
      assert.match(page.body, /7 pupils on roll, 8 places/)
      assert.match(page.body, /Other difficulty or disability/)
      assert.doesNotMatch(page.body, /This school has closed/)
    })

    test('importing the same file again writes nothing', async () => {
      const file = writeGiasFile([SEN_SCHOOL, PLAIN_SCHOOL, CLOSING_SCHOOL])
      const before = await detailOf('990002')
      const report = await importGiasRegister(store(), file)
      assert.deepEqual([report.created, report.updated, report.unchanged, report.closed], [0, 0, 3, 0])
      const afterImport = await detailOf('990002')
      assert.equal(afterImport?.organisation.updated_at, before?.organisation.updated_at)
    })

    test('a changed row is updated and re-indexed; the others are left alone', async () => {
      const renamed = { ...PLAIN_SCHOOL, EstablishmentName: 'Meadowbrook Federated Infants (synthetic)', NumberOfPupils: '205' }
      // What the register does not own survives a register update.
      const held = await detailOf('990002')
      await store().db.updateTable('schools').set({ report_text: 'Generated SEN information report text.' }).where('id', '=', held?.school.id ?? '').execute()
      const report = await importGiasRegister(store(), writeGiasFile([SEN_SCHOOL, renamed, CLOSING_SCHOOL]))
      assert.deepEqual([report.created, report.updated, report.unchanged], [0, 1, 2])
      const detail = await detailOf('990002')
      assert.equal(detail?.organisation.name, 'Meadowbrook Federated Infants (synthetic)')
      assert.equal(detail?.school.pupils, 205)
      assert.equal(detail?.school.report_text, 'Generated SEN information report text.')
      assert.ok(detail && (await foundBySearch('Federated', detail.school.id)))
    })

    test('a school the register lists as Closed is marked closed, leaves search, and its page says it closed', async () => {
      const open = await detailOf('990003')
      assert.ok(open && (await foundBySearch('Quarrybank', open.school.id)))
      const report = await importGiasRegister(store(), writeGiasFile([CLOSED_SCHOOL, NEVER_HELD_CLOSED]))
      assert.equal(report.closed, 1)
      assert.equal(report.closedNotHeld, 1)
      const closed = await detailOf('990003')
      assert.equal(closed?.school.status, 'Closed')
      assert.equal(closed?.school.close_date, '2024-08-31')
      assert.equal(await foundBySearch('Quarrybank', open.school.id), false)
      const documents = await store().db.selectFrom('search_documents').select('doc_id').where('subject_id', '=', open.school.id).execute()
      assert.equal(documents.length, 0)
      const page = await testApp.app.inject(`/schools/${open.school.id}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /This school has closed/)
      assert.match(page.body, /31 August 2024/)
      // A school that closed before we ever held it is not added.
      assert.equal(await findSchoolIdByUrn(store().db, '990004'), undefined)
    })

    test('with --full, held schools missing from the file are reported and kept', async () => {
      const report = await importGiasRegister(store(), writeGiasFile([SEN_SCHOOL, CLOSED_SCHOOL]), { full: true })
      const missingUrns = report.missing.map((school) => school.urn)
      assert.ok(missingUrns.includes('990002'), `missing: ${missingUrns.join(', ')}`)
      // The demo's four real register schools are held and not in this file either.
      assert.ok(missingUrns.includes('100492'))
      assert.ok(!missingUrns.includes('990001'))
      // Closed schools are not "missing": they are accounted for.
      assert.ok(!missingUrns.includes('990003'))
      assert.ok(await detailOf('990002'))
      // Without --full nothing is reported as missing.
      const partial = await importGiasRegister(store(), writeGiasFile([SEN_SCHOOL]))
      assert.deepEqual(partial.missing, [])
    })

    test('malformed rows are reported with line numbers and reasons; the rest load', async () => {
      const good = generatedSchool(990010, { EstablishmentName: 'Riverside Academy (synthetic)' })
      const badDate = generatedSchool(990011, { OpenDate: '31-02-2019' })
      const badOnRoll = generatedSchool(990012, { SenUnitOnRoll: 'about ten' })
      const shortRow = giasLine(generatedSchool(990013)).split(',').slice(0, 20).join(',')
      const duplicate = generatedSchool(990010, { EstablishmentName: 'Riverside Academy again (synthetic)' })
      const alsoGood = generatedSchool(990014)
      const report = await importGiasRegister(store(), writeGiasFile([good, badDate, badOnRoll, shortRow, duplicate, alsoGood]))
      const byLine = new Map(report.failed.map((failure) => [failure.line, failure.error]))
      assert.deepEqual([...byLine.keys()], [3, 4, 5, 6])
      assert.match(byLine.get(3) ?? '', /OpenDate/)
      assert.match(byLine.get(4) ?? '', /SenUnitOnRoll/)
      assert.match(byLine.get(5) ?? '', /columns/)
      assert.match(byLine.get(6) ?? '', /line 2/)
      assert.equal(report.failedCount, 4)
      assert.equal(report.created, 2)
      assert.equal((await detailOf('990010'))?.organisation.name, 'Riverside Academy (synthetic)')
      assert.ok(await detailOf('990014'))
    })
  })
}

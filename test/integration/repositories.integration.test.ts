import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ensureCouncils, councilNames } from '../../src/db/repositories/councils.js'
import { createOrganisation, findOrganisation } from '../../src/db/repositories/organisations.js'
import { upsertSchool, findSchoolDetail } from '../../src/db/repositories/schools.js'
import { createService, findServiceDetail } from '../../src/db/repositories/services.js'
import { ensureNeedTerms, termId } from '../../src/db/repositories/taxonomy.js'
import { indexSubjects } from '../../src/search/indexer.js'
import { sql } from 'kysely'
import type { Store } from '../../src/db/connection.js'
import { onEveryStore } from '../support/stores.js'

/** The raw text index, for checking what a record is indexed under. */
async function testSearch(store: Store, word: string): Promise<number[]> {
  const query =
    store.kind === 'sqlite'
      ? sql<{ id: number }>`SELECT rowid AS id FROM search_fts WHERE search_fts MATCH ${word}`
      : sql<{ id: number }>`SELECT doc_id AS id FROM search_documents WHERE tsv @@ to_tsquery('english', ${word})`
  return (await query.execute(store.db)).rows.map((row) => Number(row.id))
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

onEveryStore('repositories', (store) => {
  let organisationId = ''

  test('the needs taxonomy is stored with stable UUIDs, and storing it again changes nothing', async () => {
    await ensureNeedTerms(store().db, (code) => `name of ${code}`)
    await ensureNeedTerms(store().db, (code) => `name of ${code}`)
    const autism = await store().db.selectFrom('taxonomy_terms').selectAll().where('code', '=', 'autism').executeTakeFirstOrThrow()
    assert.equal(autism.id, termId('send-needs', 'autism'))
    assert.match(autism.id, UUID)
    assert.equal(autism.parent_code, 'communication-interaction')
  })

  test('an organisation keeps its areas, contacts and provenance', async () => {
    await ensureCouncils(store().db, [{ code: 'E08000025', name: 'Birmingham City Council' }])
    await ensureCouncils(store().db, [{ code: 'E08000025', name: 'another name is ignored' }])
    assert.equal((await councilNames(store().db)).get('E08000025'), 'Birmingham City Council')
    organisationId = await createOrganisation(store().db, {
      name: 'Test organisation (generated)',
      kind: 'charity',
      councilCodes: ['E08000025'],
      addressNote: 'The source document gives no address.',
      contacts: [{ name: 'Helpline', phone: '0100 000 0000' }],
      source: { document: 'test', excerpt: 'generated for a test' },
    })
    assert.match(organisationId, UUID)
    const organisation = await findOrganisation(store().db, organisationId)
    assert.equal(organisation?.kind, 'charity')
    assert.equal(organisation?.source_document, 'test')
  })

  test('a service keeps every field a family needs, and its location', async () => {
    const id = await createService(store().db, {
      organisationId,
      name: 'Speech and language drop-in (generated)',
      description: 'A generated test service.',
      helpKind: 'health',
      providerType: 'health',
      provisionLevel: 'targeted',
      needs: ['slcn', 'slcn'],
      minAge: 2,
      maxAge: 11,
      eligibility: 'Children with speech delay',
      howToAccess: 'Families can refer themselves',
      isFree: true,
      schedule: 'Tuesdays in term time',
      location: { lines: ['1 Test Street'], town: 'Testtown', postcode: 'DT1 1AA', lat: 50.71528, lng: -2.444281 },
      councilCodes: ['E08000025'],
      contacts: [{ name: 'Clinic', email: 'clinic@example.org' }, { name: 'Second contact' }],
      lastReviewed: '2026-01-15',
      nextReviewDue: '2027-01-15',
    })
    const detail = await findServiceDetail(store().db, id)
    assert.ok(detail)
    assert.equal(detail.service.is_free, 1)
    assert.equal(detail.service.min_age, 2)
    assert.equal(detail.service.how_to_access, 'Families can refer themselves')
    assert.equal(detail.service.last_reviewed, '2026-01-15')
    assert.deepEqual(detail.needs, ['slcn'])
    assert.deepEqual(detail.councilCodes, ['E08000025'])
    assert.deepEqual(detail.schedules, ['Tuesdays in term time'])
    assert.deepEqual(detail.contacts.map((contact) => contact.name), ['Clinic', 'Second contact'])
    assert.equal(detail.locations[0]?.postcode, 'DT1 1AA')
    assert.equal(detail.locations[0]?.lat, 50.71528)

    await indexSubjects(store(), [id])
    const document = await store().db.selectFrom('search_documents').selectAll().where('subject_id', '=', id).executeTakeFirstOrThrow()
    assert.equal(document.kind, 'service')
    const found = await testSearch(store(), 'salt')
    assert.ok(found.includes(document.doc_id), 'found by a synonym of its need')
    assert.equal(document.council_codes, ' E08000025 ')
  })

  test('a school without a URN is a new school each time; with one, it is updated', async () => {
    const first = await upsertSchool(store().db, { name: 'A school (generated)', urn: '999001', needs: ['autism'], dataSource: 'test', councilCode: 'E08000025' })
    const again = await upsertSchool(store().db, { name: 'A school, renamed (generated)', urn: '999001', needs: ['hi'], dataSource: 'test', councilCode: 'E08000025' })
    assert.equal(first.created, true)
    assert.equal(again.created, false)
    assert.equal(again.id, first.id)
    const detail = await findSchoolDetail(store().db, first.id)
    assert.equal(detail?.organisation.name, 'A school, renamed (generated)')
    assert.deepEqual(detail?.needs, ['hi'])
  })

  test('unknown ids find nothing', async () => {
    assert.equal(await findServiceDetail(store().db, '00000000-0000-4000-8000-000000000000'), undefined)
    assert.equal(await findSchoolDetail(store().db, '00000000-0000-4000-8000-000000000000'), undefined)
  })
})

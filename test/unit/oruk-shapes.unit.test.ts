// Shape detection, record checks and mapping of the ORUK importer: pure, no store, no network.
import assert from 'node:assert/strict'
import { resolve } from 'node:path'
import { describe, test } from 'node:test'
import { parseOrukArgs } from '../../src/importers/oruk/command.js'
import { contentHash } from '../../src/importers/oruk/content.js'
import { DEFAULT_CLASSIFICATION, mapService, serviceStatus, type MappedService } from '../../src/importers/oruk/mapping.js'
import { needsFromTermNames } from '../../src/importers/oruk/needs.js'
import { checkRecord, detectPage, ignoredFields, type ServiceRecord } from '../../src/importers/oruk/shapes.js'
import { emailAddress, htmlToText, postcodeText, webAddress } from '../../src/importers/oruk/text.js'
import { EXAMPLES_DIR, northLincolnshire, readJson } from '../fixtures/oruk/feed-server.js'

const context = { councilCodes: ['E06000013'], classification: DEFAULT_CLASSIFICATION }

function record(value: unknown): ServiceRecord {
  const checked = checkRecord(value)
  if (!checked.ok) throw new Error(checked.reason)
  return checked.record
}

function mapped(value: unknown): MappedService {
  const result = mapService(record(value), context)
  if (!result.ok) throw new Error(result.reason)
  return result.service
}

const organization = { id: 'org-1', name: 'A provider' }

describe('page shapes', () => {
  test('the official 3.0 list example is a 3.0 page', () => {
    const page = detectPage(readJson(resolve(EXAMPLES_DIR, 'service_list.json')))
    assert.equal(page?.shape, 'oruk-3.0')
    assert.equal(page?.records.length, 1)
    assert.equal(page?.pageNumber, 1)
    assert.equal(page?.totalPages, 10)
    assert.equal(page?.last, false)
  })

  test('a Spring-style page is 1.0, with its numbering', () => {
    const page = detectPage({ content: [{ id: 'a', name: 'b' }], number: 0, totalPages: 3, last: false, totalElements: 21 })
    assert.deepEqual(page && { shape: page.shape, pageNumber: page.pageNumber, totalPages: page.totalPages, last: page.last }, { shape: 'oruk-1.0', pageNumber: 0, totalPages: 3, last: false })
  })

  test('the real North Lincolnshire file is a bare list; one service alone is a page of one', () => {
    assert.equal(detectPage(northLincolnshire())?.shape, 'array')
    const single = detectPage(readJson(resolve(EXAMPLES_DIR, 'service_full.json')))
    assert.equal(single?.shape, 'single')
    assert.equal(single?.records.length, 1)
  })

  test('anything else is no feed page', () => {
    for (const body of [{ results: [] }, { data: { content: [] } }, 'text', 42, null, { name: 'no id' }]) assert.equal(detectPage(body), undefined, JSON.stringify(body))
  })
})

describe('record checks', () => {
  test('every record of the real feed passes', () => {
    const failures = northLincolnshire().map(checkRecord).filter((result) => !result.ok)
    assert.deepEqual(failures, [])
  })

  test('a record needs an id and a name; empty strings and nulls are missing', () => {
    assert.deepEqual(checkRecord({ id: 'x', name: '   ' }), { ok: false, id: 'x', reason: 'name is missing' })
    assert.deepEqual(checkRecord({ id: '', name: 'A' }), { ok: false, id: undefined, reason: 'id is missing' })
    assert.deepEqual(checkRecord({ name: null }), { ok: false, id: undefined, reason: 'id is missing; name is missing' })
    assert.deepEqual(checkRecord(['not', 'an', 'object']), { ok: false, id: undefined, reason: 'not an object' })
  })

  test('is lenient where real feeds are untidy', () => {
    const checked = record({ id: 17, name: 'A', email: '', minimum_age: '5', maximum_age: 'eleven', phones: [{ number: '01724 297000' }, 'junk', null], organization: '' })
    assert.equal(checked.id, '17')
    assert.equal(checked.email, undefined)
    assert.equal(checked.minimum_age, 5)
    assert.equal(checked.maximum_age, undefined)
    assert.deepEqual(checked.phones.map((phone) => phone.number), ['01724 297000'])
    assert.equal(checked.organization, undefined)
  })

  test('fields it does not read are listed, when they have a value', () => {
    const [first] = northLincolnshire()
    assert.deepEqual(ignoredFields(first).sort(), ['pc_metadata'])
    assert.deepEqual(ignoredFields({ id: 'a', name: 'b', pc_empty: '', pc_list: [], extra: { nested: 'x' } }), ['extra'])
  })
})

describe('text', () => {
  test('HTML becomes plain text with paragraph breaks, list lines and decoded entities', () => {
    const text = htmlToText('<h2>Who</h2><p>Families &amp; carers&nbsp;of <strong>all</strong> ages.</p><ul><li>One</li><li>Two<br>lines</li></ul><p>a &lt; b</p>')
    assert.equal(text, 'Who\n\nFamilies & carers of all ages.\n\n• One\n• Two\nlines\n\na < b')
  })

  test('scripts, styles and their content go; attributes never survive', () => {
    const text = htmlToText('<p onclick="x()">Hi</p><script>alert("x")</script><style>p{}</style><img src=x onerror=alert(1)><iframe src="https://evil.example">frame</iframe>')
    assert.equal(text, 'Hi')
  })

  test('only http(s) addresses are kept; bare hosts get https', () => {
    assert.equal(webAddress('javascript:alert(1)'), undefined)
    assert.equal(webAddress('data:text/html,hi'), undefined)
    assert.equal(webAddress('www.nlmind.org'), 'https://www.nlmind.org/')
    assert.equal(webAddress('http://www.the-ropewalk.co.uk/'), 'http://www.the-ropewalk.co.uk/')
    assert.equal(webAddress('not a url'), undefined)
    assert.equal(emailAddress('mailto:team@example.org'), 'team@example.org')
    assert.equal(emailAddress('team at example'), undefined)
    assert.equal(emailAddress('\u200bteam@example.org.'), 'team@example.org', 'as two of North Lincolnshire’s are written')
    assert.equal(postcodeText('dn15 6xq'), 'DN15 6XQ')
    assert.equal(postcodeText('ABC 1234'), 'ABC 1234')
  })
})

describe('mapping', () => {
  test('the real feed’s first record maps to our model', () => {
    const [first] = northLincolnshire()
    const service = mapped(first)
    assert.equal(service.sourceId, '738f94e0-aa6c-6a5c-2395-7b64421ba2a5')
    assert.equal(service.content.name, '"We are with You" WAWY')
    assert.equal(service.content.status, 'active')
    assert.equal(service.content.lastReviewed, '2024-12-10')
    assert.deepEqual(service.content.councilCodes, ['E06000013'])
    assert.equal(service.organisation.sourceId, '20da2f9a-59de-622c-3b63-78d899ba0d94')
    assert.equal(service.organisation.content.name, 'Victor House')
    assert.ok(!service.content.description.includes('<'))
  })

  test('statuses: unknown is not claimed to be open', () => {
    assert.deepEqual(['active', 'inactive', 'temporarily closed', 'defunct', undefined, 'paused'].map(serviceStatus), ['active', 'inactive', 'inactive', 'withdrawn', 'active', 'inactive'])
  })

  test('supplier audiences and taxonomy terms map to needs only where the whole name is one of ours', () => {
    assert.deepEqual(needsFromTermNames(['Autism', 'Aspergers', 'Sensory Impaired>Visually Impaired', 'Carers', 'Autism support group']), {
      needs: ['autism', 'vi'],
      unmatched: ['Carers', 'Autism support group'],
    })
    const service = mapped({ id: 'a', name: 'A', organization, pc_targetAudience: [{ id: '1', audienceType: 'Wheelchair Users' }], attributes: [{ taxonomy_term: { name: 'ADHD' } }] })
    assert.deepEqual(service.content.needs, ['adhd', 'pd'])
  })

  test('ages, costs, contacts and places from the 3.0 full example', () => {
    const service = mapped(readJson(resolve(EXAMPLES_DIR, 'service_full.json')))
    assert.deepEqual([service.content.minAge, service.content.maxAge], [12, 100])
    assert.equal(service.content.isFree, false)
    assert.deepEqual(service.content.contacts, [{ name: 'Ann Persona', phone: null, email: null, url: null, notes: 'Reception Manager' }])
    assert.equal(service.content.locations.length, 1)
    assert.equal(service.content.locations[0]?.lat, null, 'latitude 100 is left out')
    assert.equal(service.organisation.content.url, 'http://example.com/')
  })

  test('an upside-down age range is left out and noted; 1.0 eligibilitys give ages', () => {
    const upside = mapped({ id: 'a', name: 'A', organization, minimum_age: 18, maximum_age: 5 })
    assert.deepEqual([upside.content.minAge, upside.content.maxAge], [null, null])
    assert.match(upside.notes.join(), /upside down/)
    const old = mapped({ id: 'b', name: 'B', organization, eligibilitys: [{ eligibility: 'Families in North Lincolnshire', minimum_age: 0, maximum_age: 19 }] })
    assert.deepEqual([old.content.minAge, old.content.maxAge, old.content.eligibility], [0, 19, 'Families in North Lincolnshire'])
  })

  test('free is said only when the feed says so', () => {
    assert.equal(mapped({ id: 'a', name: 'A', organization, fees: 'Free' }).content.isFree, true)
    assert.equal(mapped({ id: 'a', name: 'A', organization, cost_options: [{ amount: 0 }] }).content.isFree, true)
    assert.equal(mapped({ id: 'a', name: 'A', organization, fees: '£2 a session' }).content.isFree, null)
    assert.equal(mapped({ id: 'a', name: 'A', organization, fees: '£2 a session' }).content.costDescription, '£2 a session')
  })

  test('deliverable_type chooses the kind of help; the source’s defaults do otherwise', () => {
    assert.equal(mapped({ id: 'a', name: 'A', organization, deliverable_type: 'Physical activity' }).content.helpKind, 'activities')
    assert.equal(mapped({ id: 'a', name: 'A', organization }).content.helpKind, DEFAULT_CLASSIFICATION.helpKind)
  })

  test('a record without a provider, or whose name is only markup, is refused with a reason', () => {
    assert.deepEqual(mapService(record({ id: 'a', name: 'A' }), context), { ok: false, reason: 'organization.name is missing: the service has no provider to list it under' })
    assert.equal(mapService(record({ id: 'a', name: '<p></p>', organization }), context).ok, false)
  })

  test('the same content always hashes the same; any change changes the hash', () => {
    const [first] = northLincolnshire()
    const a = { organisationId: 'o', ...mapped(first).content }
    const b = { organisationId: 'o', ...mapped(structuredClone(first)).content }
    assert.equal(contentHash(a), contentHash(b))
    assert.notEqual(contentHash(a), contentHash({ ...a, name: `${a.name}.` }))
  })
})

describe('command arguments', () => {
  test('reads the location, council, label and fetch date', () => {
    assert.deepEqual(parseOrukArgs(['feed.json', '--council', 'E06000013', '--label', 'North Lincolnshire Council', '--fetched-at', '2024-12-18']), {
      source: { location: 'feed.json', council: 'E06000013', label: 'North Lincolnshire Council' },
      fetchedAt: '2024-12-18T00:00:00.000Z',
    })
  })

  test('refuses what it cannot use', () => {
    for (const args of [[], ['a', 'b'], ['a', '--council', 'north'], ['a', '--label'], ['a', '--unknown'], ['a', '--fetched-at', '18/12/2024']]) assert.equal(parseOrukArgs(args), undefined, args.join(' '))
  })
})

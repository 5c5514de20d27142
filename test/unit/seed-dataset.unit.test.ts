// The demo data set must be honest and consistent. Each quotation, phone number, email address
// and web address has to appear in the seed document it names. Keys must be unique and references
// must resolve, need codes must come from the taxonomy, and council codes must be ONS codes.
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { describe, test } from 'node:test'
import { HELP_KINDS, ORGANISATION_KINDS, PROVIDER_TYPES, PROVISION_LEVELS } from '../../src/domain/model.js'
import { NEED_CODES } from '../../src/domain/needs.js'
import { SEED_DOCUMENTS_DIR, demoDataset, seedDocumentDatasets } from '../../src/seed/dataset.js'
import type { SeedAddress, SeedContact } from '../../src/seed/types.js'

const NO_ADDRESS = 'The source document gives no address.'
/** ONS local authority codes: E06 unitary, E07 district, E08 metropolitan, E09 London borough, E10 county. */
const ONS_LA_CODE = /^E(0[6-9]|10)\d{6}$/
const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/

const { documents, organisations, services, schools } = demoDataset

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim()
const withoutSpaces = (text: string) => text.replace(/\s+/g, '')

const documentText = new Map<string, string>()
function sourceText(file: string): string {
  let text = documentText.get(file)
  if (text === undefined) {
    text = collapse(readFileSync(join(SEED_DOCUMENTS_DIR, file), 'utf8'))
    documentText.set(file, text)
  }
  return text
}

/** Every record that quotes a source, with a label for failure messages. */
interface Sourced {
  label: string
  key: string
  source: { file: string; excerpt: string }
  phone?: string | undefined
  email?: string | undefined
  url?: string | undefined
  address?: SeedAddress | undefined
  addressNote?: string | undefined
  councilCodes: string[]
  contacts: SeedContact[]
}

const records: Sourced[] = [
  ...organisations.map((org) => ({ ...org, label: `organisation ${org.key}`, contacts: [] })),
  ...services.map((service) => ({ ...service, label: `service ${service.key}` })),
  ...schools.map((school) => ({ ...school, label: `school ${school.key}`, councilCodes: [school.councilCode] })),
]

const documentByFile = new Map(documents.map((doc) => [doc.file, doc]))

/** Phone numbers, emails and web addresses on a record and on its contacts. */
function contactDetails(record: Sourced): { kind: 'phone' | 'email' | 'url'; value: string; where: string }[] {
  const holders: { where: string; phone?: string | undefined; email?: string | undefined; url?: string | undefined }[] = [
    { where: record.label, phone: record.phone, email: record.email, url: record.url },
    ...record.contacts.map((contact) => ({ ...contact, where: `${record.label} contact "${contact.name}"` })),
  ]
  return holders.flatMap(({ where, phone, email, url }) => [
    ...(phone === undefined ? [] : [{ kind: 'phone' as const, value: phone, where }]),
    ...(email === undefined ? [] : [{ kind: 'email' as const, value: email, where }]),
    ...(url === undefined ? [] : [{ kind: 'url' as const, value: url, where }]),
  ])
}

void describe('seed documents', () => {
  void test('the documents folder is an absolute path holding every document and a README', () => {
    assert.ok(isAbsolute(SEED_DOCUMENTS_DIR), SEED_DOCUMENTS_DIR)
    assert.ok(existsSync(join(SEED_DOCUMENTS_DIR, 'README.md')), 'data/seed-documents/README.md is missing')
    assert.equal(documents.length, 5)
    assert.equal(new Set(documents.map((doc) => doc.file)).size, documents.length, 'a document is listed twice')
    for (const doc of documents) {
      assert.ok(existsSync(join(SEED_DOCUMENTS_DIR, doc.file)), `${doc.file} is missing`)
      assert.ok(doc.title.trim() && doc.publisher.trim(), `${doc.file} needs a title and a publisher`)
      assert.match(doc.councilCode, ONS_LA_CODE, `${doc.file} council code`)
    }
  })

  void test('the demo data set is exactly the five per-document sets put together', () => {
    assert.equal(seedDocumentDatasets.length, 5)
    for (const part of ['documents', 'organisations', 'services', 'schools'] as const) {
      const total = seedDocumentDatasets.reduce((sum, dataset) => sum + dataset[part].length, 0)
      assert.equal(demoDataset[part].length, total, part)
    }
    for (const dataset of seedDocumentDatasets) {
      assert.equal(dataset.documents.length, 1, 'each per-document set describes one document')
      const file = dataset.documents[0]?.file
      for (const record of [...dataset.organisations, ...dataset.services, ...dataset.schools]) {
        assert.equal(record.source.file, file, `${record.key} belongs to ${file}`)
      }
    }
  })
})

void describe('keys and references', () => {
  void test('every key is lowercase-hyphenated, unique and starts with its document\'s name', () => {
    const seen = new Set<string>()
    for (const record of records) {
      assert.match(record.key, KEY, record.label)
      assert.ok(!seen.has(record.key), `duplicate key ${record.key}`)
      seen.add(record.key)
      const prefix = record.source.file.split('-')[0] ?? ''
      assert.ok(record.key.startsWith(`${prefix}-`), `${record.label} should start with "${prefix}-"`)
    }
  })

  void test('every service names an organisation that exists, and every organisation runs a service', () => {
    const orgKeys = new Set(organisations.map((org) => org.key))
    for (const service of services) {
      assert.ok(orgKeys.has(service.organisationKey), `${service.key} -> ${service.organisationKey}`)
    }
    const used = new Set(services.map((service) => service.organisationKey))
    for (const org of organisations) assert.ok(used.has(org.key), `organisation ${org.key} runs no service`)
  })

  void test('every source and report file is one of the listed documents', () => {
    for (const record of records) {
      assert.ok(documentByFile.has(record.source.file), `${record.label}: ${record.source.file}`)
    }
    for (const school of schools) {
      assert.ok(documentByFile.has(school.reportFile), `${school.key}: ${school.reportFile}`)
      assert.ok(existsSync(join(SEED_DOCUMENTS_DIR, school.reportFile)), `${school.key}: ${school.reportFile} missing`)
    }
  })
})

void describe('vocabulary', () => {
  void test('every need code is in the needs taxonomy, once per record', () => {
    for (const record of [...services, ...schools]) {
      for (const need of record.needs) assert.ok(NEED_CODES.includes(need), `${record.key}: unknown need "${need}"`)
      assert.equal(new Set(record.needs).size, record.needs.length, `${record.key}: a need is listed twice`)
    }
  })

  void test('kinds, help kinds, provider types and provision levels come from the closed lists', () => {
    for (const org of organisations) assert.ok(ORGANISATION_KINDS.includes(org.kind), org.key)
    for (const service of services) {
      assert.ok(HELP_KINDS.includes(service.helpKind), service.key)
      assert.ok(PROVIDER_TYPES.includes(service.providerType), service.key)
      assert.ok(PROVISION_LEVELS.includes(service.provisionLevel), service.key)
    }
  })

  void test('council codes are ONS codes and include the area of the source document', () => {
    for (const record of records) {
      assert.ok(record.councilCodes.length > 0, `${record.label} has no council code`)
      for (const code of record.councilCodes) assert.match(code, ONS_LA_CODE, record.label)
      const documentCode = documentByFile.get(record.source.file)?.councilCode
      assert.ok(documentCode && record.councilCodes.includes(documentCode), `${record.label} is not in ${documentCode}`)
    }
  })
})

void describe('honest to the source documents', () => {
  void test('every excerpt is a 10 to 200 character quotation from its document', () => {
    for (const record of records) {
      const excerpt = collapse(record.source.excerpt)
      assert.ok(excerpt.length >= 10 && excerpt.length <= 200, `${record.label}: excerpt is ${excerpt.length} characters`)
      assert.ok(
        sourceText(record.source.file).includes(excerpt),
        `${record.label}: "${excerpt}" is not in ${record.source.file}`,
      )
    }
  })

  void test('every phone number, email address and web address appears in the document', () => {
    let checked = 0
    for (const record of records) {
      const text = sourceText(record.source.file)
      for (const { kind, value, where } of contactDetails(record)) {
        checked += 1
        if (kind === 'phone') {
          assert.match(value, /^\+?[\d ]+$/, `${where}: phone "${value}"`)
          assert.ok(withoutSpaces(text).includes(withoutSpaces(value)), `${where}: phone ${value} not in ${record.source.file}`)
        } else {
          if (kind === 'email') assert.match(value, /^[^\s@]+@[^\s@]+\.[^\s@]+$/, `${where}: email "${value}"`)
          assert.ok(text.includes(collapse(value)), `${where}: ${kind} ${value} not in ${record.source.file}`)
        }
      }
    }
    assert.ok(checked > 0, 'no contact details were checked')
  })

  void test('a record without an address says so, in the same words everywhere', () => {
    for (const record of records) {
      if (record.address) {
        assert.ok(record.address.lines.length > 0, `${record.label}: empty address`)
      } else {
        assert.equal(record.addressNote, NO_ADDRESS, `${record.label} needs addressNote`)
      }
    }
  })

  void test('ages, where given, are within 0 to 25', () => {
    for (const record of [...services, ...schools]) {
      for (const age of [record.minAge, record.maxAge]) {
        if (age !== undefined) assert.ok(Number.isInteger(age) && age >= 0 && age <= 25, `${record.key}: age ${age}`)
      }
      if (record.minAge !== undefined && record.maxAge !== undefined) assert.ok(record.minAge <= record.maxAge, record.key)
    }
  })

  void test('every service says what it does, and every contact is named', () => {
    for (const service of services) assert.ok(service.description.trim().length > 0, service.key)
    for (const record of records) {
      for (const contact of record.contacts) assert.ok(contact.name.trim().length > 0, record.label)
    }
  })
})

void describe('what families will look for', () => {
  void test('each school has its report, a phase and a SENCO contact', () => {
    assert.equal(schools.length, 4)
    for (const school of schools) {
      assert.equal(school.reportFile, school.source.file, school.key)
      assert.ok(school.phase.trim(), `${school.key} needs a phase`)
      assert.ok(school.needs.length > 0, `${school.key} needs the kinds of SEN it provides for`)
      assert.ok(
        school.contacts.some((contact) => /SENCO|SENDCo|Inclusion/i.test(contact.name)),
        `${school.key} has no SENCO contact`,
      )
    }
  })

  void test('speech and language therapy can be found, under SLCN, for every school\'s area', () => {
    for (const school of schools) {
      const found = services.filter(
        (service) =>
          service.councilCodes.includes(school.councilCode) &&
          service.needs.includes('slcn') &&
          /speech and language/i.test(`${service.name} ${service.description}`) &&
          /speech therapy/i.test(`${service.name} ${service.description}`),
      )
      assert.ok(found.length > 0, `no speech and language therapy for ${school.key}`)
    }
  })
})

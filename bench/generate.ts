// SYNTHETIC national-scale data for the search benchmark. Deterministic (seeded PRNG): the same
// scale always gives the same rows. Every council, organisation, service and school it makes is
// labelled "Synthetic ..." or "(synthetic)", and every web address is on example.org, so nothing
// here can be mistaken for a real Local Offer.
//
// It writes straight into the tables (better-sqlite3 prepared statements in one transaction;
// PostgreSQL INSERT ... SELECT FROM unnest(...) batches), then writes search_documents and
// search_words itself from the indexer's own serviceDocument() / schoolDocument() and indexWords()
// (`--verify` checks the result against rebuildSearchIndex).
//
//   npx tsx bench/generate.ts --scale=small --store=sqlite --verify
//   npx tsx bench/generate.ts --scale=national --store=sqlite --out=/tmp/national.sqlite
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import SqliteDatabase from 'better-sqlite3'
import { parse } from 'csv-parse/sync'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import pg from 'pg'
import { openStore, type Store } from '../src/db/connection.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { ensureNeedTerms } from '../src/db/repositories/taxonomy.js'
import type { Database } from '../src/db/schema.js'
import { eastingNorthingToLatLng } from '../src/geo/osgb.js'
import { compactPostings } from '../src/search/postings.js'
import { indexWords, rebuildSearchIndex, schoolDocument, serviceDocument, type IndexedDocument } from '../src/search/indexer.js'
import { translator } from '../src/web/i18n/index.js'
import {
  BUSINESS_KINDS,
  CATEGORIES,
  CHARITY_KINDS,
  CHARITY_WORDS,
  COSTS,
  ELIGIBILITY,
  GENERIC_SENTENCES,
  HOW_TO_ACCESS,
  REPORT_AGENCIES,
  REPORT_NEED_PHRASES,
  REPORT_PARAGRAPHS,
  SCHEDULES,
  SCHOOL_PREFIXES,
  SENCO_NAMES,
  STREETS,
  type Category,
} from './templates.js'

/** Bump when the generated data changes shape or content; part of the cache fingerprint. */
export const GENERATOR_VERSION = 2
const SEED = 20_251_123
const ROOT = resolve(import.meta.dirname, '..')

export type Scale = 'national' | 'small'
export const SCALES: Record<Scale, { councils: number; schools: number; services: number }> = {
  national: { councils: 150, schools: 25_000, services: 200_000 },
  small: { councils: 150, schools: 1_250, services: 10_000 },
}

// ---- seeded randomness -------------------------------------------------------------------------

export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number
  /** sfc32, 128 bits of state: streams seeded differently never overlap in practice (UUIDs stay unique). */
  constructor(seed: Buffer) {
    this.a = seed.readUInt32LE(0)
    this.b = seed.readUInt32LE(4)
    this.c = seed.readUInt32LE(8)
    this.d = seed.readUInt32LE(12)
    for (let i = 0; i < 15; i++) this.next()
  }
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return (t >>> 0) / 4294967296
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }
  weighted<T>(options: ReadonlyArray<readonly [T, number]>): T {
    const total = options.reduce((sum, [, weight]) => sum + weight, 0)
    let roll = this.next() * total
    for (const [value, weight] of options) {
      roll -= weight
      if (roll < 0) return value
    }
    return options[options.length - 1]![0]
  }
  /** k distinct items, in the list's order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const chosen = new Set<number>()
    while (chosen.size < Math.min(k, items.length)) chosen.add(Math.floor(this.next() * items.length))
    return [...chosen].sort((a, b) => a - b).map((index) => items[index]!)
  }
  gauss(): number {
    const u = Math.max(1e-12, this.next())
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
  }
  uuid(): string {
    let hex = ''
    for (let i = 0; i < 4; i++) hex += Math.floor(this.next() * 4294967296).toString(16).padStart(8, '0')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((Number.parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
  }
}

function seedFor(...parts: Array<string | number>): Buffer {
  return createHash('sha256').update(parts.join(':')).digest()
}

// ---- places: real outcode centroids, grouped into synthetic councils --------------------------

interface Outcode {
  outcode: string
  town: string
  lat: number
  lng: number
}

interface Council {
  index: number
  code: string
  name: string
  outcodes: Outcode[]
  services: number
  schools: number
}

function loadOutcodes(): Outcode[] {
  const rows = parse<Record<string, string>>(readFileSync(resolve(ROOT, 'data/postcodes/outcodes.csv')), { columns: true, skip_empty_lines: true, trim: true })
  return rows
    .filter((row) => row.easting && row.northing)
    .map((row) => {
      // Same conversion as src/geo/postcodes.ts, so records sit where postcode searches look.
      const { lat, lng } = eastingNorthingToLatLng(Number(row.easting), Number(row.northing))
      return { outcode: row.postcode ?? '', town: row.city || row.county || 'Synthetic town', lat, lng, sort: `${row.region_code}|${row.county}|${row.postcode}` }
    })
    .sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0))
    .map(({ outcode, town, lat, lng }) => ({ outcode, town, lat, lng }))
}

/** Splits `total` in proportion to `weights`, largest remainders first: the parts sum to `total`. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map((weight) => (weight / sum) * total)
  const parts = exact.map(Math.floor)
  let left = total - parts.reduce((a, b) => a + b, 0)
  const order = exact.map((value, index) => ({ index, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest)
  for (const { index } of order) {
    if (left-- <= 0) break
    parts[index]! += 1
  }
  return parts
}

export function planCouncils(scale: Scale): Council[] {
  const { councils: count, schools, services } = SCALES[scale]
  const outcodes = loadOutcodes()
  const rng = new Rng(seedFor(SEED, 'councils'))
  const councils: Council[] = []
  for (let index = 0; index < count; index++) {
    const from = Math.floor((index * outcodes.length) / count)
    const to = Math.floor(((index + 1) * outcodes.length) / count)
    councils.push({
      index,
      code: `X${String(index + 1).padStart(7, '0')}`,
      name: `Synthetic council ${index + 1}`,
      outcodes: outcodes.slice(from, to),
      services: 0,
      schools: 0,
    })
  }
  // Some councils are bigger than others: weights between 0.5 and 2.
  const weights = councils.map(() => 0.5 + 1.5 * rng.next())
  const serviceCounts = apportion(services, weights)
  const schoolCounts = apportion(schools, weights)
  councils.forEach((council, index) => {
    council.services = serviceCounts[index]!
    council.schools = schoolCounts[index]!
  })
  return councils
}

// ---- rows --------------------------------------------------------------------------------------

type Row = Record<string, string | number | null>

export interface Chunk {
  councils: Row[]
  organisations: Row[]
  schools: Row[]
  locations: Row[]
  services: Row[]
  service_locations: Row[]
  schedules: Row[]
  contacts: Row[]
  subject_needs: Row[]
  areas_served: Row[]
  search_documents: IndexedDocument[]
}

type PgType = 'text' | 'int' | 'int8' | 'float8'
const PROVENANCE: Array<[string, PgType]> = [
  ['source_document', 'text'],
  ['source_excerpt', 'text'],
  ['last_reviewed', 'text'],
  ['next_review_due', 'text'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
]

/** Columns written for each table, in insert order (parents before children). */
export const TABLES: Array<[keyof Chunk, Array<[string, PgType]>]> = [
  ['councils', [['code', 'text'], ['name', 'text']]],
  [
    'organisations',
    [['id', 'text'], ['name', 'text'], ['kind', 'text'], ['description', 'text'], ['url', 'text'], ['email', 'text'], ['phone', 'text'], ['address_note', 'text'], ...PROVENANCE],
  ],
  [
    'schools',
    [
      ['id', 'text'], ['urn', 'text'], ['la_code', 'text'], ['la_name', 'text'], ['council_code', 'text'], ['establishment_type', 'text'],
      ['type_group', 'text'], ['status', 'text'], ['phase', 'text'], ['min_age', 'int'], ['max_age', 'int'], ['gender', 'text'],
      ['religious_character', 'text'], ['capacity', 'int'], ['pupils', 'int'], ['open_date', 'text'], ['close_date', 'text'],
      ['register_changed_date', 'text'], ['sen_provision', 'text'], ['resourced_provision', 'text'], ['sen_unit', 'text'],
      ['resourced_provision_capacity', 'int'], ['sen_unit_capacity', 'int'], ['ofsted_rating', 'text'], ['easting', 'int'],
      ['northing', 'int'], ['report_text', 'text'], ['data_source', 'text'],
    ],
  ],
  [
    'locations',
    [['id', 'text'], ['organisation_id', 'text'], ['name', 'text'], ['address', 'text'], ['town', 'text'], ['postcode', 'text'], ['lat', 'float8'], ['lng', 'float8'], ['address_note', 'text']],
  ],
  [
    'services',
    [
      ['id', 'text'], ['organisation_id', 'text'], ['name', 'text'], ['description', 'text'], ['url', 'text'], ['email', 'text'], ['phone', 'text'],
      ['status', 'text'], ['help_kind', 'text'], ['provider_type', 'text'], ['provision_level', 'text'], ['min_age', 'int'], ['max_age', 'int'],
      ['eligibility', 'text'], ['how_to_access', 'text'], ['is_free', 'int'], ['cost_description', 'text'], ['address_note', 'text'], ...PROVENANCE,
    ],
  ],
  ['service_locations', [['id', 'text'], ['service_id', 'text'], ['location_id', 'text']]],
  ['schedules', [['id', 'text'], ['service_id', 'text'], ['description', 'text']]],
  [
    'contacts',
    [['id', 'text'], ['subject_id', 'text'], ['name', 'text'], ['phone', 'text'], ['email', 'text'], ['url', 'text'], ['notes', 'text'], ['position', 'int']],
  ],
  ['subject_needs', [['subject_id', 'text'], ['need_code', 'text']]],
  ['areas_served', [['subject_id', 'text'], ['council_code', 'text']]],
  [
    'search_documents',
    [
      ['subject_id', 'text'], ['kind', 'text'], ['name', 'text'], ['organisation_name', 'text'], ['summary', 'text'],
      ['help_kind', 'text'], ['provider_type', 'text'], ['provision_level', 'text'], ['min_age', 'int'], ['max_age', 'int'],
      ['is_free', 'int'], ['facet_mask', 'int8'], ['council_codes', 'text'], ['lat', 'float8'], ['lng', 'float8'], ['last_reviewed', 'text'],
    ],
  ],
]

const CREATED = '2025-01-06T09:00:00.000Z'
const SOURCE = 'synthetic-benchmark-data'

function reviewDate(rng: Rng): string {
  const month = rng.int(1, 22)
  const year = 2024 + Math.floor((month - 1) / 12)
  return `${year}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
}

function nextReview(date: string): string {
  return `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`
}

function place(rng: Rng, council: Council): { outcode: Outcode; lat: number; lng: number; postcode: string } {
  const outcode = rng.pick(council.outcodes)
  // About 1.5 km either way of the district's centre (1 degree of latitude is 111 km).
  const lat = outcode.lat + (rng.gauss() * 1.5) / 111.32
  const lng = outcode.lng + (rng.gauss() * 1.5) / (111.32 * Math.cos((outcode.lat * Math.PI) / 180))
  const letters = 'ABDEFGHJLNPQRSTUWXYZ'
  const postcode = `${outcode.outcode} ${rng.int(1, 9)}${rng.pick([...letters])}${rng.pick([...letters])}`
  return { outcode, lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6, postcode }
}

function phone(rng: Rng): string {
  return `01632 ${rng.int(960000, 960999)}` // Ofcom's range reserved for drama: never a real number.
}

interface Provider {
  id: string
  name: string
  kind: string
  providerTypes: string[]
}

/** Everything for one council: its organisations, services, schools and their search documents. */
export function generateCouncil(council: Council, councilCount: number): Chunk {
  const rng = new Rng(seedFor(SEED, 'council', council.index))
  const chunk: Chunk = {
    councils: [{ code: council.code, name: council.name }],
    organisations: [],
    schools: [],
    locations: [],
    services: [],
    service_locations: [],
    schedules: [],
    contacts: [],
    subject_needs: [],
    areas_served: [],
    search_documents: [],
  }
  const words = new Map<string, number>()
  const neighbour = (council.index + (rng.chance(0.5) ? 1 : councilCount - 1)) % councilCount
  const neighbourCode = `X${String(neighbour + 1).padStart(7, '0')}`

  function organisation(name: string, kind: string, description: string): string {
    const id = rng.uuid()
    const reviewed = reviewDate(rng)
    chunk.organisations.push({
      id,
      name,
      kind,
      description,
      url: `https://${kind}-${council.index + 1}-${chunk.organisations.length + 1}.example.org/`,
      email: `hello-${chunk.organisations.length + 1}@${council.code.toLowerCase()}.example.org`,
      phone: phone(rng),
      address_note: null,
      source_document: SOURCE,
      source_excerpt: null,
      last_reviewed: reviewed,
      next_review_due: nextReview(reviewed),
      created_at: CREATED,
      updated_at: CREATED,
    })
    chunk.areas_served.push({ subject_id: id, council_code: council.code })
    return id
  }

  // Providers: the council, its NHS trust, local charities and leisure businesses.
  const providers: Provider[] = [
    { id: organisation(council.name, 'council', `${council.name} (synthetic): the council's own SEND services.`), name: council.name, kind: 'council', providerTypes: ['education', 'social_care'] },
  ]
  const nhsName = `Synthetic NHS Children's Trust ${council.index + 1}`
  providers.push({ id: organisation(nhsName, 'nhs', `${nhsName}: community health services for children (synthetic).`), name: nhsName, kind: 'nhs', providerTypes: ['health'] })
  for (let i = 0; i < 24; i++) {
    const name = `${rng.pick(CHARITY_WORDS)} ${rng.pick(CHARITY_KINDS)} ${council.index + 1}-${i + 1} (synthetic)`
    providers.push({ id: organisation(name, 'charity', `A local charity for families of disabled children (synthetic).`), name, kind: 'charity', providerTypes: ['voluntary', 'social_care'] })
  }
  for (let i = 0; i < 8; i++) {
    const name = `${rng.pick(CHARITY_WORDS)} ${rng.pick(BUSINESS_KINDS)} ${council.index + 1}-${i + 1} (synthetic)`
    providers.push({ id: organisation(name, 'business', `Leisure activities for all abilities (synthetic).`), name, kind: 'business', providerTypes: ['leisure'] })
  }
  const providersOf = (type: string): Provider[] => providers.filter((provider) => provider.providerTypes.includes(type))

  function countWords({ text }: IndexedDocument): void {
    for (const word of new Set(indexWords(`${text.name} ${text.keywords} ${text.body}`))) words.set(word, (words.get(word) ?? 0) + 1)
  }

  // ---- services
  const categories = CATEGORIES.map((category): readonly [Category, number] => [category, category.weight])
  for (let n = 0; n < council.services; n++) {
    const category = rng.weighted(categories)
    const helpKind = rng.weighted(category.helpKinds)
    const providerType = rng.weighted(category.providers)
    const provider = rng.pick(providersOf(providerType))
    const level = rng.weighted(category.levels)
    const needs = [...new Set(rng.weighted(category.needs))]
    const ages = rng.weighted(category.ages)
    const here = place(rng, council)
    const town = here.outcode.town
    const baseName = rng.pick(category.names)
    const name = `${baseName}${rng.chance(0.5) ? `, ${town}` : ''} (synthetic)`
    const own = rng.sample(category.sentences, rng.int(2, 4))
    const generic = rng.sample(GENERIC_SENTENCES, rng.int(1, 3))
    const description = [`${own[0]}`, ...own.slice(1), ...generic, rng.chance(0.3) ? `Based in ${town}.` : ''].filter(Boolean).join(' ')
    const freeRoll = rng.next()
    const isFree = freeRoll < category.freeRate ? 1 : rng.chance(0.25) ? null : 0
    const cost = isFree === 0 ? rng.pick(COSTS) : null
    const eligibility = rng.chance(0.7) ? rng.pick(ELIGIBILITY) : null
    const howToAccess = rng.chance(0.8) ? rng.pick(HOW_TO_ACCESS) : null
    const reviewed = rng.chance(0.9) ? reviewDate(rng) : null
    const id = rng.uuid()
    chunk.services.push({
      id,
      organisation_id: provider.id,
      name,
      description,
      url: `https://${category.key}-${council.index + 1}-${n + 1}.example.org/`,
      email: rng.chance(0.7) ? `service-${n + 1}@${council.code.toLowerCase()}.example.org` : null,
      phone: rng.chance(0.8) ? phone(rng) : null,
      status: 'active',
      help_kind: helpKind,
      provider_type: providerType,
      provision_level: level,
      min_age: ages?.[0] ?? null,
      max_age: ages?.[1] ?? null,
      eligibility,
      how_to_access: howToAccess,
      is_free: isFree,
      cost_description: cost,
      address_note: null,
      source_document: SOURCE,
      source_excerpt: null,
      last_reviewed: reviewed,
      next_review_due: reviewed ? nextReview(reviewed) : null,
      created_at: CREATED,
      updated_at: CREATED,
    })
    // 92% have a place; the rest are phone, online or outreach services.
    const located = rng.chance(0.92)
    if (located) {
      const locationId = rng.uuid()
      chunk.locations.push({
        id: locationId,
        organisation_id: provider.id,
        name: null,
        address: `${rng.int(1, 200)} ${rng.pick(STREETS)} (synthetic address)`,
        town,
        postcode: here.postcode,
        lat: here.lat,
        lng: here.lng,
        address_note: null,
      })
      chunk.service_locations.push({ id: rng.uuid(), service_id: id, location_id: locationId })
    }
    if (category.scheduled) chunk.schedules.push({ id: rng.uuid(), service_id: id, description: rng.pick(SCHEDULES) })
    chunk.contacts.push({ id: rng.uuid(), subject_id: id, name: `${baseName} team (synthetic)`, phone: phone(rng), email: null, url: null, notes: null, position: 0 })
    for (const need_code of needs) chunk.subject_needs.push({ subject_id: id, need_code })
    const areas = [council.code, ...(rng.chance(0.1) ? [neighbourCode] : [])].sort()
    for (const council_code of areas) chunk.areas_served.push({ subject_id: id, council_code })

    const document = serviceDocument({
      id,
      name,
      organisationName: provider.name,
      description,
      extraText: [eligibility, howToAccess, cost, located ? town : undefined],
      helpKind,
      providerType,
      provisionLevel: level,
      minAge: ages?.[0] ?? null,
      maxAge: ages?.[1] ?? null,
      isFree: isFree === null ? null : isFree === 1,
      needs,
      councilCodes: areas,
      lat: located ? here.lat : null,
      lng: located ? here.lng : null,
      lastReviewed: reviewed,
    })
    chunk.search_documents.push(document)
    countWords(document)
  }

  // ---- schools
  const kinds: Array<readonly [{ phase: string; type: string; group: string; ages: [number, number]; noun: string }, number]> = [
    [{ phase: 'Primary', type: 'Community school', group: 'Local authority maintained schools', ages: [4, 11], noun: 'Primary School' }, 30],
    [{ phase: 'Primary', type: 'Academy converter', group: 'Academies', ages: [4, 11], noun: 'Primary Academy' }, 25],
    [{ phase: 'Primary', type: 'Voluntary aided school', group: 'Local authority maintained schools', ages: [3, 11], noun: 'Primary School' }, 11],
    [{ phase: 'Secondary', type: 'Academy converter', group: 'Academies', ages: [11, 18], noun: 'Academy' }, 9],
    [{ phase: 'Secondary', type: 'Community school', group: 'Local authority maintained schools', ages: [11, 16], noun: 'High School' }, 5],
    [{ phase: 'Nursery', type: 'Local authority nursery school', group: 'Local authority maintained schools', ages: [2, 5], noun: 'Nursery School' }, 2],
    [{ phase: 'All-through', type: 'Academy sponsor led', group: 'Academies', ages: [4, 18], noun: 'All-through Academy' }, 1],
    [{ phase: '16 plus', type: 'Further education', group: 'Colleges', ages: [16, 25], noun: 'College' }, 3],
    [{ phase: 'Not applicable', type: 'Community special school', group: 'Special schools', ages: [2, 19], noun: 'Special School' }, 3],
    [{ phase: 'Not applicable', type: 'Academy special converter', group: 'Special schools', ages: [4, 19], noun: 'Special Academy' }, 2],
    [{ phase: 'Not applicable', type: 'Other independent special school', group: 'Independent schools', ages: [5, 19], noun: 'School' }, 1],
    [{ phase: 'Not applicable', type: 'Other independent school', group: 'Independent schools', ages: [3, 18], noun: 'School' }, 8],
  ]
  const specificNeeds = ['autism', 'slcn', 'spld', 'mld', 'sld', 'pmld', 'semh-needs', 'hi', 'vi', 'msi', 'pd']
  for (let n = 0; n < council.schools; n++) {
    const kind = rng.weighted(kinds)
    const here = place(rng, council)
    const town = here.outcode.town
    const name = `${rng.pick(SCHOOL_PREFIXES)} ${kind.noun}, ${town} (synthetic)`
    const special = /special/i.test(`${kind.group} ${kind.type}`)
    // Special schools list several needs; about 1 mainstream school in 12 has a resourced provision or SEN unit.
    const resourced = !special && rng.chance(0.08)
    const needs = special ? rng.sample(specificNeeds, rng.int(2, 5)) : resourced ? rng.sample(specificNeeds, rng.int(1, 2)) : []
    const senUnit = resourced && rng.chance(0.3)
    const reviewed = rng.chance(0.8) ? reviewDate(rng) : null
    const report = rng.chance(0.4) || special ? schoolReport(rng, name) : null
    const id = rng.uuid()
    chunk.organisations.push({
      id,
      name,
      kind: 'school',
      description: null,
      url: `https://school-${council.index + 1}-${n + 1}.example.org/`,
      email: null,
      phone: phone(rng),
      address_note: null,
      source_document: 'gias',
      source_excerpt: null,
      last_reviewed: reviewed,
      next_review_due: reviewed ? nextReview(reviewed) : null,
      created_at: CREATED,
      updated_at: CREATED,
    })
    chunk.schools.push({
      id,
      urn: `SYN${String(council.index + 1).padStart(3, '0')}${String(n + 1).padStart(5, '0')}`,
      la_code: String(900 + council.index),
      la_name: council.name,
      council_code: council.code,
      establishment_type: kind.type,
      type_group: kind.group,
      status: 'Open',
      phase: kind.phase,
      min_age: kind.ages[0],
      max_age: kind.ages[1],
      gender: 'Mixed',
      religious_character: null,
      capacity: rng.int(60, 1600),
      pupils: rng.int(40, 1500),
      open_date: null,
      close_date: null,
      register_changed_date: null,
      sen_provision: needs.join(' '),
      resourced_provision: resourced && !senUnit ? 'Resourced provision' : null,
      sen_unit: senUnit ? 'SEN unit' : null,
      resourced_provision_capacity: resourced && !senUnit ? rng.int(6, 30) : null,
      sen_unit_capacity: senUnit ? rng.int(6, 20) : null,
      ofsted_rating: rng.pick(['Outstanding', 'Good', 'Good', 'Requires improvement', null]),
      easting: null,
      northing: null,
      report_text: report,
      data_source: 'gias',
    })
    chunk.locations.push({
      id: rng.uuid(),
      organisation_id: id,
      name,
      address: `${rng.pick(STREETS)} (synthetic address)`,
      town,
      postcode: here.postcode,
      lat: here.lat,
      lng: here.lng,
      address_note: null,
    })
    for (const need_code of needs) chunk.subject_needs.push({ subject_id: id, need_code })
    chunk.areas_served.push({ subject_id: id, council_code: council.code })

    const document = schoolDocument({
      id,
      name,
      phase: kind.phase,
      establishmentType: kind.type,
      typeGroup: kind.group,
      town,
      laName: council.name,
      extraText: [resourced && !senUnit ? 'Resourced provision' : null, senUnit ? 'SEN unit' : null, report],
      minAge: kind.ages[0],
      maxAge: kind.ages[1],
      needs,
      councilCodes: [council.code],
      lat: here.lat,
      lng: here.lng,
      lastReviewed: reviewed,
    })
    chunk.search_documents.push(document)
    countWords(document)
  }
  chunkWords.set(chunk, words)
  return chunk
}

const chunkWords = new WeakMap<Chunk, Map<string, number>>()

function schoolReport(rng: Rng, name: string): string {
  const needs = rng.sample(REPORT_NEED_PHRASES, rng.int(3, 8))
  const agencies = rng.sample(REPORT_AGENCIES, rng.int(2, 5))
  const list = (items: string[]): string => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? ''))
  return [
    `SEN information report (synthetic): ${name}.`,
    `Our SENCO is ${rng.pick(SENCO_NAMES)}. We are an inclusive school and support pupils with a wide range of needs, including ${list(needs)}.`,
    ...rng.sample(REPORT_PARAGRAPHS, rng.int(3, 6)),
    `We work with ${list(agencies)}. The council's Local Offer describes the services available to families.`,
  ].join('\n\n')
}

// ---- writing to the stores ---------------------------------------------------------------------

export interface GenerationReport {
  generator: number
  fingerprint: string
  scale: Scale
  store: 'sqlite' | 'postgres'
  /** generate: building rows in JS; data: writing the tables; index: search_documents (+ FTS/GIN) and search_words. */
  seconds: { generate: number; data: number; index: number; total: number }
  rows: Record<string, number>
}

/** Changes when the generator, the migrations or the indexer's inputs change: a cached file is stale then. */
export function fingerprint(): string {
  const hash = createHash('sha256').update(`v${GENERATOR_VERSION}`)
  const files = [
    'bench/generate.ts',
    'bench/templates.ts',
    'src/search/indexer.ts',
    'src/search/vocabulary.ts',
    'src/domain/needs.ts',
    'src/domain/model.ts',
    ...readdirSync(resolve(ROOT, 'src/db/migrations')).sort().map((name) => `src/db/migrations/${name}`),
  ]
  for (const file of files) hash.update(file).update(readFileSync(resolve(ROOT, file)))
  return hash.digest('hex').slice(0, 12)
}

function elapsed(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9
}

async function needTerms(db: Kysely<Database>): Promise<void> {
  const t = translator('en')
  await ensureNeedTerms(db, (code) => t(`needs.${code}`))
}

function* chunks(scale: Scale): Generator<Chunk> {
  const councils = planCouncils(scale)
  for (const council of councils) yield generateCouncil(council, councils.length)
}

function addWords(total: Map<string, number>, chunk: Chunk): void {
  for (const [word, count] of chunkWords.get(chunk) ?? []) total.set(word, (total.get(word) ?? 0) + count)
}

/** Builds a SQLite store in `file` (replaced if present). */
export async function generateSqlite(file: string, scale: Scale, log: (line: string) => void = () => {}): Promise<GenerationReport> {
  const started = process.hrtime.bigint()
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true })
  const sqlite = new SqliteDatabase(file)
  // Loading only: no journal, no fsync. The file is switched to WAL (as openStore uses) at the end.
  sqlite.pragma('journal_mode = OFF')
  sqlite.pragma('synchronous = OFF')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('cache_size = -262144')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  const store: Store = { db, kind: 'sqlite', close: () => db.destroy() }
  await migrateToLatest(store)
  await needTerms(db)

  const statements = new Map(
    TABLES.map(([table, columns]) => [
      table,
      sqlite.prepare(`INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`),
    ]),
  )
  const words = new Map<string, number>()
  let dataSeconds = 0
  let indexSeconds = 0
  const rows: Record<string, number> = {}
  const ftsInsert = sqlite.prepare('INSERT INTO search_fts (rowid, name, keywords, body) VALUES (?, ?, ?, ?)')
  const namesInsert = sqlite.prepare('INSERT INTO search_names (rowid, name) VALUES (?, ?)')
  const insert = sqlite.transaction((chunk: Chunk, tables: typeof TABLES) => {
    for (const [table, columns] of tables) {
      const statement = statements.get(table)!
      if (table === 'search_documents') {
        // The text goes only into the contentless FTS5 table, under the row's doc_id.
        for (const { row, text } of chunk.search_documents) {
          const values = row as unknown as Row
          const { lastInsertRowid } = statement.run(columns.map(([name]) => values[name] ?? null))
          ftsInsert.run(lastInsertRowid, text.name, text.keywords, text.body)
          namesInsert.run(lastInsertRowid, text.name)
        }
      } else {
        for (const row of chunk[table]) statement.run(columns.map(([name]) => row[name] ?? null))
      }
      rows[table] = (rows[table] ?? 0) + chunk[table].length
    }
  })
  const dataTables = TABLES.filter(([table]) => table !== 'search_documents')
  const indexTables = TABLES.filter(([table]) => table === 'search_documents')
  let done = 0
  let generateSeconds = 0
  // One transaction for the whole load (each chunk is a savepoint inside it): commits are the cost.
  sqlite.exec('BEGIN')
  let generated = process.hrtime.bigint()
  for (const chunk of chunks(scale)) {
    generateSeconds += elapsed(generated)
    let since = process.hrtime.bigint()
    insert(chunk, dataTables)
    dataSeconds += elapsed(since)
    since = process.hrtime.bigint()
    insert(chunk, indexTables)
    addWords(words, chunk)
    indexSeconds += elapsed(since)
    if (++done % 25 === 0) log(`  sqlite: ${done} councils written`)
    generated = process.hrtime.bigint()
  }
  const since = process.hrtime.bigint()
  const word = sqlite.prepare('INSERT INTO search_words (word, doc_count) VALUES (?, ?)')
  for (const [text, count] of words) word.run(text, count)
  sqlite.exec('COMMIT')
  rows.search_words = words.size
  sqlite.pragma('journal_mode = WAL')
  indexSeconds += elapsed(since)
  await db.destroy()
  const report: GenerationReport = {
    generator: GENERATOR_VERSION,
    fingerprint: fingerprint(),
    scale,
    store: 'sqlite',
    seconds: { generate: round(generateSeconds), data: round(dataSeconds), index: round(indexSeconds), total: round(elapsed(started)) },
    rows,
  }
  return report
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

/**
 * Fills an already migrated PostgreSQL schema. The GIN index on tsv is dropped during the load and
 * recreated from its own definition afterwards (much faster than maintaining it row by row).
 */
export async function generatePostgres(url: string, schema: string, scale: Scale, log: (line: string) => void = () => {}): Promise<GenerationReport> {
  const started = process.hrtime.bigint()
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema},public` })
  await client.connect()
  try {
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema},public` }) }) })
    await needTerms(kysely)
    await kysely.destroy()
    await client.query(`SET maintenance_work_mem = '1GB'`)
    await client.query('SET synchronous_commit = off')
    const indexes = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'search_documents' AND indexdef ILIKE '%USING gin%'`,
      [schema],
    )
    for (const index of indexes.rows) await client.query(`DROP INDEX ${schema}.${index.indexname}`)

    const words = new Map<string, number>()
    const rows: Record<string, number> = {}
    let dataSeconds = 0
    let indexSeconds = 0
    const BATCH = 2000
    async function insert(table: string, columns: Array<[string, PgType]>, data: ReadonlyArray<Record<string, unknown>>): Promise<void> {
      for (let start = 0; start < data.length; start += BATCH) {
        const batch = data.slice(start, start + BATCH)
        const arrays = columns.map(([name]) => batch.map((row) => row[name] ?? null))
        await client.query(
          `INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')}) SELECT * FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})`,
          arrays,
        )
      }
      rows[table] = (rows[table] ?? 0) + data.length
    }
    const [, documentColumns] = TABLES.find(([table]) => table === 'search_documents')!
    /** Rows with their tsvector made by PostgreSQL from the text, weighted as the indexer does. */
    async function insertDocuments(documents: IndexedDocument[]): Promise<void> {
      const names = documentColumns.map(([name]) => name)
      for (let start = 0; start < documents.length; start += BATCH) {
        const batch = documents.slice(start, start + BATCH)
        const arrays = [
          ...documentColumns.map(([name]) => batch.map(({ row }) => (row as unknown as Record<string, unknown>)[name] ?? null)),
          batch.map(({ text }) => text.name),
          batch.map(({ text }) => text.keywords),
          batch.map(({ text }) => text.body),
        ]
        const types = [...documentColumns.map(([, type]) => type), 'text', 'text', 'text']
        await client.query(
          `INSERT INTO search_documents (${names.join(', ')}, tsv, name_tsv)
           SELECT ${names.join(', ')}, setweight(to_tsvector('english', t_name), 'A') || setweight(to_tsvector('english', t_keywords), 'B') || setweight(to_tsvector('english', t_body), 'C'),
             to_tsvector('english', t_name)
           FROM unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')}) AS u(${names.join(', ')}, t_name, t_keywords, t_body)`,
          arrays,
        )
      }
      rows.search_documents = (rows.search_documents ?? 0) + documents.length
    }
    let done = 0
    let generateSeconds = 0
    let generated = process.hrtime.bigint()
    for (const chunk of chunks(scale)) {
      generateSeconds += elapsed(generated)
      let since = process.hrtime.bigint()
      await client.query('BEGIN')
      for (const [table, columns] of TABLES) {
        if (table === 'search_documents') continue
        await insert(table, columns, chunk[table])
      }
      await client.query('COMMIT')
      dataSeconds += elapsed(since)
      since = process.hrtime.bigint()
      await insertDocuments(chunk.search_documents)
      addWords(words, chunk)
      indexSeconds += elapsed(since)
      if (++done % 25 === 0) log(`  postgres: ${done} councils written`)
      generated = process.hrtime.bigint()
    }
    const since = process.hrtime.bigint()
    await insert('search_words', [['word', 'text'], ['doc_count', 'int']], [...words].map(([word, doc_count]) => ({ word, doc_count })))
    for (const index of indexes.rows) await client.query(index.indexdef)
    // The posting lists, made from the tsvectors just written, as a reindex makes them.
    const postings = openStore({ kind: 'postgres', url }, { schema, poolSize: 1 })
    await compactPostings(postings.db)
    await postings.close()
    indexSeconds += elapsed(since)
    // Autovacuum would analyse tables this size within a minute; do it now so plans are stable.
    await client.query('ANALYZE')
    return {
      generator: GENERATOR_VERSION,
      fingerprint: fingerprint(),
      scale,
      store: 'postgres',
      seconds: { generate: round(generateSeconds), data: round(dataSeconds), index: round(indexSeconds), total: round(elapsed(started)) },
      rows,
    }
  } finally {
    await client.end()
  }
}

// ---- --verify: the bulk index equals what rebuildSearchIndex makes -----------------------------

/** Words whose matches are compared: the FTS5 table is contentless, so its text cannot be read back. */
const PROBES = ['autism', 'autistic', 'speech', 'therapy', 'dyslexia', 'camhs', 'short', 'breaks', 'deaf', 'sendiass', 'school', 'synthetic', 'council', 'dorchester', 'report', 'wheelchair']

async function snapshot(db: Kysely<Database>): Promise<{ documents: string[]; words: string[]; matches: string[] }> {
  const documents = await db.selectFrom('search_documents').selectAll().orderBy('subject_id').execute()
  const words = await db.selectFrom('search_words').selectAll().orderBy('word').execute()
  const matches: string[] = []
  for (const probe of PROBES) {
    for (const column of ['name', 'keywords', 'body']) {
      // Which records match, per column, and their bm25 score: equal only if the indexed text is.
      const rows = await sql<{ subject_id: string; score: number }>`SELECT d.subject_id, round(bm25(search_fts, 10.0, 4.0, 1.0), 6) AS score
        FROM search_fts JOIN search_documents d ON d.doc_id = search_fts.rowid
        WHERE search_fts MATCH ${`${column} : "${probe}"`} ORDER BY d.subject_id`.execute(db)
      matches.push(`${column}:${probe} ${rows.rows.length} ${createHash('sha1').update(rows.rows.map((row) => `${row.subject_id}=${row.score}`).join(',')).digest('hex')}`)
    }
  }
  return {
    documents: documents.map(({ doc_id: _id, ...row }) => JSON.stringify(row)),
    words: words.map((row) => `${row.word}:${row.doc_count}`),
    matches,
  }
}

export async function verifyIndex(file: string, log: (line: string) => void): Promise<boolean> {
  const sqlite = new SqliteDatabase(file)
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  try {
    const bulk = await snapshot(db)
    // Empty the FTS5 table with 'delete-all' first: on a contentless_delete table, deleted rows stay
    // in bm25's statistics (bench/fts5-stats-repro.ts), and the scores below must be comparable.
    await sql`INSERT INTO search_fts(search_fts) VALUES ('delete-all')`.execute(db)
    const since = process.hrtime.bigint()
    const indexed = await rebuildSearchIndex({ db, kind: 'sqlite', close: () => db.destroy() })
    log(`  rebuildSearchIndex: ${indexed} subjects in ${elapsed(since).toFixed(1)} s`)
    const rebuilt = await snapshot(db)
    const integrity = await sql`INSERT INTO search_fts(search_fts) VALUES ('integrity-check')`.execute(db).then(
      () => 'ok',
      (error: unknown) => String(error),
    )
    let ok = integrity === 'ok'
    log(`  FTS5 integrity-check: ${integrity}`)
    for (const key of ['documents', 'words', 'matches'] as const) {
      const a = bulk[key]
      const b = rebuilt[key]
      const differing = a.findIndex((value, index) => value !== b[index])
      if (a.length !== b.length || differing >= 0) {
        ok = false
        log(`  ${key}: bulk ${a.length} rows, rebuilt ${b.length}; first difference at ${differing}:\n    bulk    ${a[differing]}\n    rebuilt ${b[differing]}`)
      } else {
        log(`  ${key}: ${a.length} rows, identical`)
      }
    }
    return ok
  } finally {
    await db.destroy()
  }
}

// ---- command line ------------------------------------------------------------------------------

function option(name: string): string | undefined {
  const prefix = `--${name}=`
  const argument = process.argv.find((arg) => arg === `--${name}` || arg.startsWith(prefix))
  if (argument === undefined) return undefined
  return argument.startsWith(prefix) ? argument.slice(prefix.length) : 'true'
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const scale = (option('scale') ?? 'small') as Scale
  if (!(scale in SCALES)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`)
  const storeKind = option('store') ?? 'sqlite'
  if (storeKind !== 'sqlite') throw new Error('The generator on its own writes SQLite files; bench/run.ts loads PostgreSQL.')
  const out = option('out') ?? resolve(ROOT, `bench/.cache/generate-${scale}.sqlite`)
  mkdirSync(dirname(out), { recursive: true })
  console.log(`Generating ${scale} SYNTHETIC data into ${out}`)
  const report = await generateSqlite(out, scale, console.log)
  console.log(JSON.stringify(report, null, 2))
  if (option('verify')) {
    console.log('Verifying the bulk search index against rebuildSearchIndex:')
    const ok = await verifyIndex(out, console.log)
    console.log(ok ? 'VERIFY OK' : 'VERIFY FAILED')
    process.exitCode = ok ? 0 : 1
  }
}

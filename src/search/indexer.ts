// Keeps search_documents (and through it FTS5 / tsvector) in step with services and schools.
import type { Kysely } from 'kysely'
import { NEED_TERMS, needWithArea } from '../domain/needs.js'
import type { Database } from '../db/schema.js'
import { keywordsForNeeds } from './vocabulary.js'

const BATCH = 500

/** Bit i is set when the record serves NEED_TERMS[i] (a specific need also sets its broad area). */
export function needMask(needCodes: string[]): number {
  let mask = 0
  for (const code of needCodes.flatMap(needWithArea)) {
    const index = NEED_TERMS.findIndex((term) => term.code === code)
    if (index >= 0) mask |= 1 << index
  }
  return mask
}

export function needBit(code: string): number {
  const index = NEED_TERMS.findIndex((term) => term.code === code)
  if (index < 0) throw new Error(`Unknown need: ${code}`)
  return 1 << index
}

type SearchDocument = Omit<Database['search_documents'], 'doc_id'>

/** Words of at least three letters, lower case, for the spelling dictionary. */
export function indexWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 3 && word.length <= 30 && !/^\d+$/.test(word))
}

function summarise(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= 240) return flat
  const cut = flat.slice(0, 240)
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`
}

function groupBySubject(rows: Array<{ subject_id: string; value: string }>): Map<string, string[]> {
  const grouped = new Map<string, string[]>()
  for (const row of rows) {
    const list = grouped.get(row.subject_id) ?? []
    list.push(row.value)
    grouped.set(row.subject_id, list)
  }
  return grouped
}

async function needsAndAreas(db: Kysely<Database>, ids: string[]): Promise<[Map<string, string[]>, Map<string, string[]>]> {
  const [needs, areas] = await Promise.all([
    db.selectFrom('subject_needs').select(['subject_id', 'need_code as value']).where('subject_id', 'in', ids).execute(),
    db.selectFrom('areas_served').select(['subject_id', 'council_code as value']).where('subject_id', 'in', ids).execute(),
  ])
  return [groupBySubject(needs), groupBySubject(areas)]
}

async function serviceDocuments(db: Kysely<Database>, ids: string[]): Promise<SearchDocument[]> {
  const rows = await db
    .selectFrom('services')
    .innerJoin('organisations', 'organisations.id', 'services.organisation_id')
    .select([
      'services.id',
      'services.name',
      'services.description',
      'services.eligibility',
      'services.how_to_access',
      'services.cost_description',
      'services.help_kind',
      'services.provider_type',
      'services.provision_level',
      'services.min_age',
      'services.max_age',
      'services.is_free',
      'services.last_reviewed',
      'organisations.name as organisation_name',
    ])
    .where('services.id', 'in', ids)
    .where('services.status', '=', 'active')
    .execute()
  const [[needs, areas], places] = await Promise.all([
    needsAndAreas(db, ids),
    db
      .selectFrom('service_locations')
      .innerJoin('locations', 'locations.id', 'service_locations.location_id')
      .select(['service_locations.service_id', 'locations.lat', 'locations.lng', 'locations.town', 'locations.postcode'])
      .where('service_locations.service_id', 'in', ids)
      .execute(),
  ])
  const placeOf = new Map(places.map((place) => [place.service_id, place]))
  return rows.map((row) => {
    const codes = needs.get(row.id) ?? []
    const place = placeOf.get(row.id)
    return {
      subject_id: row.id,
      kind: 'service',
      name: row.name,
      organisation_name: row.organisation_name,
      summary: summarise(row.description),
      keywords: keywordsForNeeds(codes),
      body: [row.description, row.eligibility, row.how_to_access, row.cost_description, row.organisation_name, place?.town]
        .filter(Boolean)
        .join('\n'),
      help_kind: row.help_kind,
      provider_type: row.provider_type,
      provision_level: row.provision_level,
      min_age: row.min_age,
      max_age: row.max_age,
      is_free: row.is_free,
      need_mask: needMask(codes),
      council_codes: ` ${(areas.get(row.id) ?? []).join(' ')} `,
      lat: place?.lat ?? null,
      lng: place?.lng ?? null,
      last_reviewed: row.last_reviewed,
    }
  })
}

async function schoolDocuments(db: Kysely<Database>, ids: string[]): Promise<SearchDocument[]> {
  const rows = await db
    .selectFrom('schools')
    .innerJoin('organisations', 'organisations.id', 'schools.id')
    .leftJoin('locations', 'locations.organisation_id', 'schools.id')
    .select([
      'schools.id',
      'organisations.name',
      'schools.phase',
      'schools.establishment_type',
      'schools.type_group',
      'schools.min_age',
      'schools.max_age',
      'schools.la_name',
      'schools.resourced_provision',
      'schools.sen_unit',
      'schools.report_text',
      'organisations.last_reviewed',
      'locations.town',
      'locations.lat',
      'locations.lng',
    ])
    .where('schools.id', 'in', ids)
    .execute()
  const [needs, areas] = await needsAndAreas(db, ids)
  return rows.map((row) => {
    const codes = needs.get(row.id) ?? []
    const about = [row.phase && `${row.phase} school`, row.establishment_type, row.town, row.la_name].filter(Boolean).join(', ')
    const special = /special/i.test(`${row.type_group ?? ''} ${row.establishment_type ?? ''}`)
    return {
      subject_id: row.id,
      kind: 'school',
      name: row.name,
      organisation_name: null,
      summary: about,
      keywords: ['school', keywordsForNeeds(codes)].join(' '),
      body: [about, row.resourced_provision, row.sen_unit, row.report_text].filter(Boolean).join('\n'),
      help_kind: 'schools',
      provider_type: 'education',
      provision_level: special ? 'specialist' : 'universal',
      min_age: row.min_age,
      max_age: row.max_age,
      is_free: 1,
      need_mask: needMask(codes),
      council_codes: ` ${(areas.get(row.id) ?? []).join(' ')} `,
      lat: row.lat,
      lng: row.lng,
      last_reviewed: row.last_reviewed,
    }
  })
}

/** Re-indexes the given services and schools (ids of either kind); unknown ids are removed. */
export async function indexSubjects(db: Kysely<Database>, ids: string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH)
    const documents = [...(await serviceDocuments(db, batch)), ...(await schoolDocuments(db, batch))]
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('search_documents').where('subject_id', 'in', batch).execute()
      if (documents.length > 0) await trx.insertInto('search_documents').values(documents).execute()
      const counts = new Map<string, number>()
      for (const document of documents) {
        for (const word of new Set(indexWords(`${document.name} ${document.keywords} ${document.body}`))) {
          counts.set(word, (counts.get(word) ?? 0) + 1)
        }
      }
      await addWords(trx, counts)
    })
  }
}

async function addWords(db: Kysely<Database>, counts: Map<string, number>): Promise<void> {
  const rows = [...counts].map(([word, doc_count]) => ({ word, doc_count }))
  for (let start = 0; start < rows.length; start += BATCH) {
    await db
      .insertInto('search_words')
      .values(rows.slice(start, start + BATCH))
      .onConflict((oc) => oc.column('word').doUpdateSet((eb) => ({ doc_count: eb('search_words.doc_count', '+', eb.ref('excluded.doc_count')) })))
      .execute()
  }
}

/** Rebuilds the whole index from the tables: after a bulk import or a change of vocabulary. */
export async function rebuildSearchIndex(db: Kysely<Database>): Promise<number> {
  await db.deleteFrom('search_documents').execute()
  await db.deleteFrom('search_words').execute()
  const services = await db.selectFrom('services').select('id').execute()
  const schools = await db.selectFrom('schools').select('id').execute()
  const ids = [...services, ...schools].map((row) => row.id)
  await indexSubjects(db, ids)
  return ids.length
}

// Keeps the search index in step with services and schools: a slim search_documents row per
// record, and its words in the store's text index (FTS5 on SQLite; on PostgreSQL a weighted tsvector
// and the posting lists made from it).
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Store, StoreKind } from '../db/connection.js'
import { facetMask } from './facets.js'
import { addRecentPostings, compactPostings, recentPostingCount, RECENT_LIMIT } from './postings.js'
import { keywordsForNeeds } from './vocabulary.js'

const BATCH = 500

/** What one service or school puts in the index: its row, and the words to find it by. */
export interface IndexedDocument {
  row: Omit<Database['search_documents'], 'doc_id'>
  text: { name: string; keywords: string; body: string }
}

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

async function serviceDocuments(db: Kysely<Database>, ids: string[]): Promise<IndexedDocument[]> {
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
    const place = placeOf.get(row.id)
    return serviceDocument({
      id: row.id,
      name: row.name,
      organisationName: row.organisation_name,
      description: row.description,
      extraText: [row.eligibility, row.how_to_access, row.cost_description, place?.town],
      helpKind: row.help_kind,
      providerType: row.provider_type,
      provisionLevel: row.provision_level,
      minAge: row.min_age,
      maxAge: row.max_age,
      isFree: row.is_free === null ? null : row.is_free === 1,
      needs: needs.get(row.id) ?? [],
      councilCodes: areas.get(row.id) ?? [],
      lat: place?.lat ?? null,
      lng: place?.lng ?? null,
      lastReviewed: row.last_reviewed,
    })
  })
}

export interface ServiceFacts {
  id: string
  name: string
  organisationName: string
  description: string
  /** Other words to find it by (eligibility, how to access, cost, town). */
  extraText: Array<string | null | undefined>
  helpKind: string
  providerType: string
  provisionLevel: string
  minAge: number | null
  maxAge: number | null
  isFree: boolean | null
  needs: string[]
  councilCodes: string[]
  lat: number | null
  lng: number | null
  lastReviewed: string | null
}

/** A service's index entry (pure: the benchmark's generator uses it too). */
export function serviceDocument(facts: ServiceFacts): IndexedDocument {
  return {
    row: {
      subject_id: facts.id,
      kind: 'service',
      name: facts.name,
      organisation_name: facts.organisationName,
      summary: summarise(facts.description),
      help_kind: facts.helpKind,
      provider_type: facts.providerType,
      provision_level: facts.provisionLevel,
      min_age: facts.minAge,
      max_age: facts.maxAge,
      is_free: facts.isFree === null ? null : Number(facts.isFree),
      facet_mask: facetMask(facts),
      council_codes: ` ${facts.councilCodes.join(' ')} `,
      lat: facts.lat,
      lng: facts.lng,
      last_reviewed: facts.lastReviewed,
    },
    text: {
      name: facts.name,
      keywords: keywordsForNeeds(facts.needs),
      body: [facts.description, ...facts.extraText, facts.organisationName].filter(Boolean).join('\n'),
    },
  }
}

async function schoolDocuments(db: Kysely<Database>, ids: string[]): Promise<IndexedDocument[]> {
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
    // A closed school keeps its page (which says so) but leaves search; as "not found", indexSubjects removes it.
    .where((eb) => eb.or([eb('schools.status', 'is', null), eb(sql<string>`lower(trim(schools.status))`, '<>', 'closed')]))
    .execute()
  const [needs, areas] = await needsAndAreas(db, ids)
  return rows.map((row) =>
    schoolDocument({
      id: row.id,
      name: row.name,
      phase: row.phase,
      establishmentType: row.establishment_type,
      typeGroup: row.type_group,
      town: row.town,
      laName: row.la_name,
      extraText: [row.resourced_provision, row.sen_unit, row.report_text],
      minAge: row.min_age,
      maxAge: row.max_age,
      needs: needs.get(row.id) ?? [],
      councilCodes: areas.get(row.id) ?? [],
      lat: row.lat,
      lng: row.lng,
      lastReviewed: row.last_reviewed,
    }),
  )
}

export interface SchoolFacts {
  id: string
  name: string
  phase: string | null
  establishmentType: string | null
  typeGroup: string | null
  town: string | null
  laName: string | null
  /** Other words to find it by (resourced provision, SEN unit, the SEN information report). */
  extraText: Array<string | null | undefined>
  minAge: number | null
  maxAge: number | null
  needs: string[]
  councilCodes: string[]
  lat: number | null
  lng: number | null
  lastReviewed: string | null
}

/** A school's index entry (pure: the benchmark's generator uses it too). */
export function schoolDocument(facts: SchoolFacts): IndexedDocument {
  const about = [facts.phase && `${facts.phase} school`, facts.establishmentType, facts.town, facts.laName].filter(Boolean).join(', ')
  const special = /special/i.test(`${facts.typeGroup ?? ''} ${facts.establishmentType ?? ''}`)
  const provisionLevel = special ? 'specialist' : 'universal'
  return {
    row: {
      subject_id: facts.id,
      kind: 'school',
      name: facts.name,
      organisation_name: null,
      summary: about,
      help_kind: 'schools',
      provider_type: 'education',
      provision_level: provisionLevel,
      min_age: facts.minAge,
      max_age: facts.maxAge,
      is_free: 1,
      facet_mask: facetMask({ ...facts, providerType: 'education', provisionLevel, helpKind: 'schools', isFree: true }),
      council_codes: ` ${facts.councilCodes.join(' ')} `,
      lat: facts.lat,
      lng: facts.lng,
      last_reviewed: facts.lastReviewed,
    },
    text: { name: facts.name, keywords: `school ${keywordsForNeeds(facts.needs)}`, body: [about, ...facts.extraText].filter(Boolean).join('\n') },
  }
}

/**
 * Writes index entries, replacing any for the same records, in one transaction per call.
 * Counts of words for spelling only grow here; a full rebuild recounts them.
 */
export async function writeDocuments({ db, kind }: Store, documents: IndexedDocument[]): Promise<void> {
  if (documents.length === 0) return
  await db.transaction().execute(async (trx) => {
    await removeDocuments(trx, kind, documents.map((document) => document.row.subject_id))
    for (let start = 0; start < documents.length; start += BATCH) {
      const batch = documents.slice(start, start + BATCH)
      if (kind === 'sqlite') {
        const inserted = await trx.insertInto('search_documents').values(batch.map((document) => document.row)).returning('doc_id').execute()
        await sql`INSERT INTO search_fts(rowid, name, keywords, body) VALUES ${sql.join(
          batch.map((document, index) => sql`(${inserted[index]!.doc_id}, ${document.text.name}, ${document.text.keywords}, ${document.text.body})`),
        )}`.execute(trx)
        await sql`INSERT INTO search_names(rowid, name) VALUES ${sql.join(batch.map((document, index) => sql`(${inserted[index]!.doc_id}, ${document.text.name})`))}`.execute(trx)
      } else {
        const inserted = await trx
          .insertInto('search_documents')
          .values(
            batch.map((document) => ({
              ...document.row,
              tsv: sql`setweight(to_tsvector('english', ${document.text.name}), 'A') || setweight(to_tsvector('english', ${document.text.keywords}), 'B') || setweight(to_tsvector('english', ${document.text.body}), 'C')`,
              name_tsv: sql`to_tsvector('english', ${document.text.name})`,
            })),
          )
          .returning('doc_id')
          .execute()
        await addRecentPostings(trx, inserted.map((row) => Number(row.doc_id)))
      }
    }
    const counts = new Map<string, number>()
    for (const { text } of documents) {
      for (const word of new Set(indexWords(`${text.name} ${text.keywords} ${text.body}`))) counts.set(word, (counts.get(word) ?? 0) + 1)
    }
    await addWords(trx, counts)
    await bumpIndexVersion(trx)
  })
}

/** Tells every app instance that its in-memory copy of the index is stale (src/search/doc-values.ts). */
async function bumpIndexVersion(trx: Transaction<Database>): Promise<void> {
  await trx
    .updateTable('search_index_state')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .execute()
}

async function removeDocuments(trx: Transaction<Database>, kind: StoreKind, subjectIds: string[]): Promise<void> {
  for (let start = 0; start < subjectIds.length; start += BATCH) {
    const batch = subjectIds.slice(start, start + BATCH)
    if (kind === 'sqlite') {
      const old = await trx.selectFrom('search_documents').select('doc_id').where('subject_id', 'in', batch).execute()
      if (old.length > 0) {
        const rowids = sql.join(old.map((row) => row.doc_id))
        await sql`DELETE FROM search_fts WHERE rowid IN (${rowids})`.execute(trx)
        await sql`DELETE FROM search_names WHERE rowid IN (${rowids})`.execute(trx)
      }
    }
    await trx.deleteFrom('search_documents').where('subject_id', 'in', batch).execute()
  }
}

/**
 * Re-indexes the given services and schools (ids of either kind); ids no longer found are removed.
 * On PostgreSQL, once the recent posting entries have grown large, they are compacted into the lists.
 */
export async function indexSubjects(store: Store, ids: string[], compact: 'when-large' | 'never' = 'when-large'): Promise<void> {
  const { db, kind } = store
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH)
    const documents = [...(await serviceDocuments(db, batch)), ...(await schoolDocuments(db, batch))]
    const found = new Set(documents.map((document) => document.row.subject_id))
    const gone = batch.filter((id) => !found.has(id))
    if (gone.length > 0) {
      await db.transaction().execute(async (trx) => {
        await removeDocuments(trx, kind, gone)
        await bumpIndexVersion(trx)
      })
    }
    await writeDocuments(store, documents)
  }
  if (compact === 'when-large') await compactPostingsIfLarge(store)
}

/** PostgreSQL: folds the recent posting entries into the lists once they have grown large (after an import). */
export async function compactPostingsIfLarge({ db, kind }: Store): Promise<void> {
  if (kind === 'postgres' && (await recentPostingCount(db)) > RECENT_LIMIT) await compactPostings(db)
}

async function addWords(db: Transaction<Database>, counts: Map<string, number>): Promise<void> {
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
export async function rebuildSearchIndex(store: Store): Promise<number> {
  const { db, kind } = store
  await db.transaction().execute(async (trx) => {
    // 'delete-all' also resets the statistics bm25 ranks by; deleting row by row would leave them.
    if (kind === 'sqlite') {
      await sql`INSERT INTO search_fts(search_fts) VALUES ('delete-all')`.execute(trx)
      await sql`INSERT INTO search_names(search_names) VALUES ('delete-all')`.execute(trx)
    }
    await trx.deleteFrom('search_documents').execute()
    await trx.deleteFrom('search_words').execute()
    await bumpIndexVersion(trx)
  })
  const services = await db.selectFrom('services').select('id').execute()
  const schools = await db.selectFrom('schools').select('id').execute()
  const ids = [...services, ...schools].map((row) => row.id)
  await indexSubjects(store, ids, 'never')
  if (kind === 'postgres') await compactPostings(db)
  return ids.length
}

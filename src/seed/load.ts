// Loads the demo data set into an empty store: the seed documents' organisations, services and
// schools, then the GIAS sample and North Lincolnshire's Open Referral feed through the real
// importers, then the search index.
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { sql, type Kysely } from 'kysely'
import { PROJECT_ROOT } from '../config.js'
import { stableUuid } from '../db/ids.js'
import { ensureCouncils } from '../db/repositories/councils.js'
import { createOrganisation } from '../db/repositories/organisations.js'
import { upsertSchool } from '../db/repositories/schools.js'
import { createService, type AddressInput } from '../db/repositories/services.js'
import { ensureNeedTerms } from '../db/repositories/taxonomy.js'
import type { Store } from '../db/connection.js'
import type { Database } from '../db/schema.js'
import type { PostcodeLookup } from '../geo/postcodes.js'
import { importGias, type GiasImportReport } from '../importers/gias/import.js'
import { importOruk, type OrukSource } from '../importers/oruk/import.js'
import type { OrukImportReport } from '../importers/oruk/report.js'
import { rebuildSearchIndex } from '../search/indexer.js'
import { translator } from '../web/i18n/index.js'
import { demoDataset, SEED_DOCUMENTS_DIR } from './dataset.js'
import { COUNCIL, SEED_COUNCILS } from './source.js'
import type { SeedAddress, SeedDataset } from './types.js'

export const GIAS_SAMPLE = resolve(PROJECT_ROOT, 'data/gias/edubase-sample.csv')

/** A real council's directory, as its Open Referral API published it (data/oruk-feeds/README.md). */
export const NORTH_LINCOLNSHIRE_FEED: OrukSource = {
  location: resolve(PROJECT_ROOT, 'data/oruk-feeds/north-lincolnshire-services-2024-12.json'),
  council: COUNCIL.northLincolnshire,
  label: 'North Lincolnshire Council',
}
/** When the file was fetched from the council's API (not when it is loaded). */
export const NORTH_LINCOLNSHIRE_FETCHED_AT = '2024-12-18T00:00:00.000Z'


/** The same seed key gives the same UUID on every install, so links to demo pages stay stable. */
export function seedId(key: string): string {
  return stableUuid(`local-offer:seed:${key}`)
}

function address(seed: SeedAddress | undefined, postcodes: PostcodeLookup, name?: string): AddressInput | undefined {
  if (!seed) return undefined
  const place = seed.postcode ? postcodes.find(seed.postcode) : undefined
  return {
    ...(name ? { name } : {}),
    lines: seed.lines,
    ...(seed.town ? { town: seed.town } : {}),
    ...(seed.postcode ? { postcode: seed.postcode } : {}),
    ...(place ? { lat: place.lat, lng: place.lng } : {}),
  }
}

export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await sql<{ n: number }>`SELECT count(*) AS n FROM organisations`.execute(db)
  return Number(row.rows[0]?.n ?? 0) === 0
}

export interface SeedReport {
  organisations: number
  services: number
  schools: number
  gias: GiasImportReport
  oruk: OrukImportReport
  indexed: number
}

export async function loadDemoData(store: Store, postcodes: PostcodeLookup, dataset: SeedDataset = demoDataset): Promise<SeedReport> {
  const { db } = store
  const t = translator('en')
  await ensureNeedTerms(db, (code) => t(`needs.${code}`))
  await ensureCouncils(db, SEED_COUNCILS)
  for (const organisation of dataset.organisations) {
    await createOrganisation(
      db,
      {
        name: organisation.name,
        kind: organisation.kind,
        ...(organisation.description ? { description: organisation.description } : {}),
        ...(organisation.url ? { url: organisation.url } : {}),
        ...(organisation.email ? { email: organisation.email } : {}),
        ...(organisation.phone ? { phone: organisation.phone } : {}),
        ...(organisation.addressNote ? { addressNote: organisation.addressNote } : {}),
        councilCodes: organisation.councilCodes,
        source: { document: organisation.source.file, excerpt: organisation.source.excerpt },
      },
      seedId(organisation.key),
    )
  }
  for (const service of dataset.services) {
    const location = address(service.address, postcodes)
    await createService(
      db,
      {
        organisationId: seedId(service.organisationKey),
        name: service.name,
        description: service.description,
        ...(service.url ? { url: service.url } : {}),
        ...(service.email ? { email: service.email } : {}),
        ...(service.phone ? { phone: service.phone } : {}),
        helpKind: service.helpKind,
        providerType: service.providerType,
        provisionLevel: service.provisionLevel,
        needs: service.needs,
        ...(service.minAge !== undefined ? { minAge: service.minAge } : {}),
        ...(service.maxAge !== undefined ? { maxAge: service.maxAge } : {}),
        ...(service.eligibility ? { eligibility: service.eligibility } : {}),
        ...(service.howToAccess ? { howToAccess: service.howToAccess } : {}),
        ...(service.cost ? { isFree: service.cost.free, ...(service.cost.description ? { costDescription: service.cost.description } : {}) } : {}),
        ...(service.schedule ? { schedule: service.schedule } : {}),
        ...(location ? { location } : {}),
        ...(service.addressNote ? { addressNote: service.addressNote } : {}),
        councilCodes: service.councilCodes,
        contacts: service.contacts,
        source: { document: service.source.file, excerpt: service.source.excerpt },
      },
      seedId(service.key),
    )
  }
  for (const school of dataset.schools) {
    const reportText = await readFile(resolve(SEED_DOCUMENTS_DIR, school.reportFile), 'utf8')
    const location = address(school.address, postcodes, school.name)
    await upsertSchool(db, {
      name: school.name,
      phase: school.phase,
      ...(school.minAge !== undefined ? { minAge: school.minAge } : {}),
      ...(school.maxAge !== undefined ? { maxAge: school.maxAge } : {}),
      councilCode: school.councilCode,
      needs: school.needs,
      ...(school.url ? { url: school.url } : {}),
      ...(school.phone ? { phone: school.phone } : {}),
      ...(school.email ? { email: school.email } : {}),
      ...(location ? { address: location } : {}),
      ...(school.addressNote ? { addressNote: school.addressNote } : {}),
      reportText,
      contacts: school.contacts,
      dataSource: school.source.file,
      sourceExcerpt: school.source.excerpt,
    })
  }
  const gias = await importGias(store, GIAS_SAMPLE)
  // Indexed by the rebuild below, all at once.
  const oruk = await importOruk(store, NORTH_LINCOLNSHIRE_FEED, { fetchedAt: NORTH_LINCOLNSHIRE_FETCHED_AT, index: false })
  const indexed = await rebuildSearchIndex(store)
  return { organisations: dataset.organisations.length, services: dataset.services.length, schools: dataset.schools.length, gias, oruk, indexed }
}

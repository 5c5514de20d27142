// Wires the layers by hand: store -> repositories and search -> the web app.
import type { Config } from './config.js'
import { openStore, type Store } from './db/connection.js'
import { migrateToLatest } from './db/migrate.js'
import { councilNames } from './db/repositories/councils.js'
import { loadPostcodeLookup, type PostcodeLookup } from './geo/postcodes.js'
import { createSearchService, type SearchService } from './search/service.js'
import { createMailer, type Mailer } from './mail/mailer.js'
import { translator } from './web/i18n/index.js'
import { createPageCache, type PageCache } from './web/page-cache.js'

export interface Services {
  config: Config
  store: Store
  search: SearchService
  postcodes: PostcodeLookup
  councilNames(): Promise<Map<string, string>>
  /** Rendered search pages, by address and index version. */
  pageCache: PageCache
  /** Sends mail, or keeps it in the development outbox. */
  mailer: Mailer
}

export async function buildServices(config: Config, store: Store = openStore(config.database)): Promise<Services> {
  await migrateToLatest(store)
  const postcodes = await loadPostcodeLookup()
  const t = translator('en')
  const search = createSearchService(store, postcodes, {
    invalidPostcode: t('search.invalidPostcode'),
    unknownPostcode: (postcode) => t('search.unknownPostcode', { postcode }),
  })
  const pageCache = createPageCache({ entries: config.PAGE_CACHE_ENTRIES, maxAgeMs: config.PAGE_CACHE_MAX_AGE_SECONDS * 1000 })
  return { config, store, search, postcodes, councilNames: () => councilNames(store.db), pageCache, mailer: createMailer(config, store) }
}

// Rendered public pages, kept by address and search index version, so a search many families make
// (the home page's browse links, a popular word) is rendered once, not on every request.
//
// Safe because such a page depends only on its address and the indexed data: a write to the index
// bumps the version, which is part of the key, so a changed listing is never served from here.
// Anything else on the page (council names) is bounded by the entries' maximum age. The per-request
// CSP nonce is left as a placeholder at render time and filled in at send time.
// Pages that vary by who is asking (signed-in users) must not use it. The CSP nonce and the
// feedback form's CSRF token are filled in per response (src/web/plugins/views.ts).

import { createLru } from '../lru.js'

export interface PageCacheOptions {
  /** How many pages to keep; 0 switches the cache off. */
  entries: number
  /** How long an entry may be served, in milliseconds, for what the index version does not cover. */
  maxAgeMs: number
  now?: () => number
}

export interface PageCache {
  get(version: number, address: string): string | undefined
  set(version: number, address: string, html: string): void
  readonly size: number
  readonly enabled: boolean
}

interface Entry {
  html: string
  storedAt: number
}

export function createPageCache({ entries, maxAgeMs, now = Date.now }: PageCacheOptions): PageCache {
  const pages = createLru<string, Entry>(entries)
  const keyOf = (version: number, address: string) => `${version} ${address}`
  return {
    get(version, address) {
      if (entries === 0) return undefined
      const key = keyOf(version, address)
      const entry = pages.get(key)
      if (!entry) return undefined
      if (now() - entry.storedAt <= maxAgeMs) return entry.html
      pages.delete(key)
      return undefined
    },
    set(version, address, html) {
      if (entries === 0) return
      pages.set(keyOf(version, address), { html, storedAt: now() })
    },
    get size() {
      return pages.size
    },
    enabled: entries > 0,
  }
}

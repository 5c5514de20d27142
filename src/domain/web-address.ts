// Web addresses from other people's data (the schools register, councils' feeds): only what is
// plausibly a web page is linked. No spaces, an http(s) scheme (assumed when missing), a dotted
// host, no user name or password; javascript:, data: and mailto: are left out.

/** The address as a URL, and as written with its scheme; undefined when it is not worth linking. */
export function parseWebAddress(value: string | undefined, assumedScheme: 'http' | 'https'): { url: URL; text: string } | undefined {
  const raw = value?.trim()
  if (!raw || /\s/.test(raw)) return undefined
  const text = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `${assumedScheme}://${raw.replace(/^\/+/, '')}`
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  if (!url.hostname.includes('.') || url.username || url.password) return undefined
  return { url, text }
}

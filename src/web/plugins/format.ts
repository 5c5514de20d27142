const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** "2025-03-14" (or an ISO timestamp) as "14 March 2025", the GOV.UK date style. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!match) return iso
  const [, year, month, day] = match
  return `${Number(day)} ${MONTHS[Number(month) - 1] ?? ''} ${year}`
}

/**
 * A link to a provider's web address. Documents often print "www.example.org/page" with no
 * scheme; anything that is not http(s) (javascript:, data:) never becomes a link target.
 */
export function externalHref(value: string): string | undefined {
  const trimmed = value.trim()
  if (/^https?:\/\/[^\s]+$/i.test(trimmed)) return trimmed
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(\/[^\s]*)?$/i.test(trimmed)) return `https://${trimmed}`
  return undefined
}

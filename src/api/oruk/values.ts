// Field values the schemas constrain by format (uri, email, date-time). Documents print web
// addresses without a scheme and the odd malformed email; a value that would not pass the
// schema's format is left out rather than published broken. The checks are ajv-formats' own, so
// what the API writes and what a validator accepts cannot drift apart.
import type { Format } from 'ajv'
import { fullFormats } from 'ajv-formats/dist/formats.js'
import { externalHref } from '../../web/plugins/format.js'

function formatTest(format: Format): (value: string) => boolean {
  if (format instanceof RegExp) return (value) => format.test(value)
  if (typeof format === 'function') return (value) => format(value) === true
  if (typeof format === 'object' && 'validate' in format) {
    const { validate } = format
    if (validate instanceof RegExp) return (value) => validate.test(value)
    if (typeof validate === 'function') return (value) => validate(value as never) === true
  }
  throw new Error('Unsupported format definition')
}

const isUri = formatTest(fullFormats.uri)
const isEmail = formatTest(fullFormats.email)

/** An http(s) address, or undefined. "www.example.org" gains https://, as the pages link it. */
export function asUri(value: string | null | undefined): string | undefined {
  if (!value) return undefined
  const href = externalHref(value)
  if (!href) return undefined
  try {
    const normalised = new URL(href).href
    return isUri(normalised) ? normalised : undefined
  } catch {
    return undefined
  }
}

export function asEmail(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed && isEmail(trimmed) ? trimmed : undefined
}

/** An RFC 3339 timestamp in UTC, or undefined for text that is not a time. */
export function asDateTime(value: string | null | undefined): string | undefined {
  if (!value) return undefined
  const time = Date.parse(value)
  return Number.isNaN(time) ? undefined : new Date(time).toISOString()
}

/** Text, with empty text left out. */
export function asText(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

export function asNumber(value: number | null | undefined): number | undefined {
  return value === null || value === undefined || !Number.isFinite(value) ? undefined : value
}

// Reads an Open Referral feed, from an http(s) address or a file, as a stream of records.
//
// JSON feeds are read a page at a time, following the feed's own pagination (3.0: page_number,
// total_pages, last_page; 1.0: number, totalPages, last) by asking for ?page=N+1, until a page
// says it is the last, is empty, or the page count is reached. NDJSON (one service per line) is
// read line by line as it arrives. Every request has a timeout and a size limit, and every
// failure is an OrukFetchError naming the address and the page.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import { detectPage, type PageShape } from './shapes.js'

export interface FetchLimits {
  /** Per request, headers and body together. */
  timeoutMs: number
  /** Largest JSON page, or NDJSON line, read. */
  maxPageBytes: number
  /** Most JSON pages followed; an NDJSON feed may be this many pages' worth of bytes. */
  maxPages: number
}

export const DEFAULT_LIMITS: FetchLimits = { timeoutMs: 30_000, maxPageBytes: 20 * 1024 * 1024, maxPages: 1000 }

export type FetchErrorCode = 'http_status' | 'network' | 'timeout' | 'too_large' | 'not_json' | 'wrong_shape' | 'too_many_pages' | 'wrong_page' | 'not_found'

export class OrukFetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    /** The address (or file) read when it failed. */
    readonly where: string,
    /** 1-based count of the page being read. */
    readonly page: number,
    detail: string,
  ) {
    super(`Could not read page ${page} of the feed (${where}): ${detail}`)
    this.name = 'OrukFetchError'
  }
}

export function isOrukFetchError(error: unknown): error is OrukFetchError {
  return error instanceof OrukFetchError
}

export type FeedEntry =
  | { type: 'page'; page: number; shape: PageShape | 'ndjson' }
  /** `where` says where the record is, for the report: "page 2, record 5" or "line 12". */
  | { type: 'record'; value: unknown; where: string }
  | { type: 'unreadable'; where: string; reason: string }

export type FeedFormat = 'json' | 'ndjson'

export interface FeedLocation {
  /** http(s) address or file path. */
  location: string
  /** Taken from the file name, the address's format=ndjson, or the response's content type, when not given. */
  format?: FeedFormat | undefined
}

export function isWebAddress(location: string): boolean {
  return /^https?:\/\//i.test(location)
}

export async function* readFeed(feed: FeedLocation, limits: FetchLimits = DEFAULT_LIMITS): AsyncGenerator<FeedEntry> {
  if (isWebAddress(feed.location)) yield* readWebFeed(feed, limits)
  else yield* readFileFeed(feed, limits)
}

// ---- files ------------------------------------------------------------------------------------

function formatFromName(name: string): FeedFormat | undefined {
  return /\.(ndjson|jsonl)$/i.test(name) ? 'ndjson' : undefined
}

async function* readFileFeed(feed: FeedLocation, limits: FetchLimits): AsyncGenerator<FeedEntry> {
  const label = basename(feed.location)
  const info = await stat(feed.location).catch(() => undefined)
  if (!info?.isFile()) throw new OrukFetchError('not_found', label, 1, 'no such file')
  const format = feed.format ?? formatFromName(feed.location) ?? 'json'
  if (format === 'ndjson') {
    yield { type: 'page', page: 1, shape: 'ndjson' }
    yield* ndjsonLines(createReadStream(feed.location), label, limits)
    return
  }
  if (info.size > limits.maxPageBytes) throw new OrukFetchError('too_large', label, 1, `the file is larger than ${megabytes(limits.maxPageBytes)}`)
  const chunks: Buffer[] = []
  for await (const chunk of createReadStream(feed.location)) chunks.push(chunk as Buffer)
  const page = parsePage(Buffer.concat(chunks).toString('utf8'), label, 1)
  yield { type: 'page', page: 1, shape: page.shape }
  yield* pageRecords(page.records, 1)
}

// ---- the web ----------------------------------------------------------------------------------

function pageAddress(start: URL, pageNumber: number | undefined): string {
  if (pageNumber === undefined) return start.href
  const url = new URL(start.href)
  url.searchParams.set('page', String(pageNumber))
  return url.href
}

async function* readWebFeed(feed: FeedLocation, limits: FetchLimits): AsyncGenerator<FeedEntry> {
  const start = new URL(feed.location)
  let requested: number | undefined
  let zeroBased = false
  for (let count = 1; ; count += 1) {
    if (count > limits.maxPages) throw new OrukFetchError('too_many_pages', start.href, count, `the feed has more than ${limits.maxPages} pages`)
    const address = pageAddress(start, requested)
    const response = await request(address, count, limits)
    const type = response.headers.get('content-type') ?? ''
    const ndjson = feed.format === 'ndjson' || (feed.format === undefined && (/ndjson|jsonl|jsonlines/i.test(type) || start.searchParams.get('format') === 'ndjson'))
    if (ndjson) {
      if (!response.body) throw new OrukFetchError('not_json', address, count, 'the response has no body')
      yield { type: 'page', page: 1, shape: 'ndjson' }
      yield* ndjsonLines(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), address, limits)
      return
    }
    const page = parsePage(await boundedText(response, address, count, limits), address, count)
    if (requested !== undefined && page.pageNumber !== undefined && page.pageNumber !== requested) {
      // A server that ignores ?page would hand back page one for ever.
      throw new OrukFetchError('wrong_page', address, count, `asked for page ${requested}, the feed sent page ${page.pageNumber}`)
    }
    if (count === 1) zeroBased = page.pageNumber === 0
    yield { type: 'page', page: count, shape: page.shape }
    yield* pageRecords(page.records, count)
    const number = page.pageNumber ?? (requested ?? (zeroBased ? 0 : 1))
    const pagesSeen = zeroBased ? number + 1 : number
    const done =
      page.shape === 'array' ||
      page.shape === 'single' ||
      page.records.length === 0 ||
      page.last === true ||
      (page.totalPages !== undefined && pagesSeen >= page.totalPages) ||
      (page.last === undefined && page.totalPages === undefined)
    if (done) return
    requested = number + 1
  }
}

async function request(address: string, page: number, limits: FetchLimits): Promise<Response> {
  let response: Response
  try {
    response = await fetch(address, { signal: AbortSignal.timeout(limits.timeoutMs), headers: { accept: 'application/json, application/x-ndjson' }, redirect: 'follow' })
  } catch (error) {
    throw fetchFailure(error, address, page, limits)
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined)
    throw new OrukFetchError('http_status', address, page, `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`)
  }
  const length = Number(response.headers.get('content-length'))
  if (Number.isFinite(length) && length > limits.maxPageBytes) {
    await response.body?.cancel().catch(() => undefined)
    throw new OrukFetchError('too_large', address, page, `the response is larger than ${megabytes(limits.maxPageBytes)}`)
  }
  return response
}

function fetchFailure(error: unknown, address: string, page: number, limits: FetchLimits): OrukFetchError {
  if (error instanceof OrukFetchError) return error
  const name = error instanceof Error ? error.name : ''
  if (name === 'TimeoutError' || name === 'AbortError') return new OrukFetchError('timeout', address, page, `no complete answer within ${limits.timeoutMs / 1000} s`)
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error)
  return new OrukFetchError('network', address, page, cause)
}

/** The body as text, stopping as soon as it passes the limit (a missing or false content-length included). */
async function boundedText(response: Response, address: string, page: number, limits: FetchLimits): Promise<string> {
  if (!response.body) return ''
  const reader = (response.body as WebReadableStream<Uint8Array>).getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > limits.maxPageBytes) {
        await reader.cancel().catch(() => undefined)
        throw new OrukFetchError('too_large', address, page, `the response is larger than ${megabytes(limits.maxPageBytes)}`)
      }
      chunks.push(value)
    }
  } catch (error) {
    throw fetchFailure(error, address, page, limits)
  }
  return Buffer.concat(chunks).toString('utf8')
}

// ---- pages and lines --------------------------------------------------------------------------

function parsePage(body: string, where: string, page: number) {
  let json: unknown
  try {
    json = JSON.parse(body.replace(/^\ufeff/, ''))
  } catch {
    throw new OrukFetchError('not_json', where, page, 'the response is not JSON')
  }
  const detected = detectPage(json)
  if (!detected) {
    throw new OrukFetchError('wrong_shape', where, page, 'not an Open Referral list (no "contents" as in 3.0, no "content" as in 1.0, not a list of services)')
  }
  return detected
}

function* pageRecords(records: unknown[], page: number): Generator<FeedEntry> {
  for (const [index, value] of records.entries()) yield { type: 'record', value, where: `page ${page}, record ${index + 1}` }
}

/** One record a line; a line that is not JSON is reported and skipped, a line over the limit stops the read. */
async function* ndjsonLines(input: Readable, where: string, limits: FetchLimits): AsyncGenerator<FeedEntry> {
  const lines = createInterface({ input, crlfDelay: Infinity })
  let line = 0
  let total = 0
  const maxTotal = limits.maxPageBytes * limits.maxPages
  try {
    for await (const text of lines) {
      line += 1
      total += Buffer.byteLength(text) + 1
      if (Buffer.byteLength(text) > limits.maxPageBytes) throw new OrukFetchError('too_large', where, 1, `line ${line} is larger than ${megabytes(limits.maxPageBytes)}`)
      if (total > maxTotal) throw new OrukFetchError('too_large', where, 1, `the feed is larger than ${megabytes(maxTotal)}`)
      if (text.trim() === '') continue
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch {
        yield { type: 'unreadable', where: `line ${line}`, reason: 'the line is not JSON (cut short?)' }
        continue
      }
      yield { type: 'record', value, where: `line ${line}` }
    }
  } catch (error) {
    throw fetchFailure(error, where, 1, limits)
  } finally {
    lines.close()
    input.destroy()
  }
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
}

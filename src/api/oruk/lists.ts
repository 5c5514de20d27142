// A list endpoint's two answers: a page in the ORUK envelope, or with format=ndjson every result,
// one JSON object a line, streamed a keyset batch at a time so memory stays flat however long
// the list is.
import { Readable } from 'node:stream'
import type { FastifyReply } from 'fastify'
import { offsetOf, pageOf, type Page } from './pagination.js'
import type { ListParameters } from './params.js'
import type { Window } from './queries.js'

export const NDJSON_BATCH = 500
export const NDJSON_TYPE = 'application/x-ndjson; charset=utf-8'

export interface ListSource<Row extends { id: string }, Item> {
  count(): Promise<number>
  /** Rows in a window; in id order for a keyset window. */
  read(window: Window): Promise<Row[]>
  /** A page or batch of rows as records, related rows read once for all of them. */
  toItems(rows: Row[]): Promise<Item[]>
}

async function* keysetLines<Row extends { id: string }, Item>(source: ListSource<Row, Item>): AsyncGenerator<string> {
  let after: string | undefined
  for (;;) {
    const rows = await source.read({ after, limit: NDJSON_BATCH })
    if (rows.length === 0) return
    const items = await source.toItems(rows)
    yield items.map((item) => `${JSON.stringify(item)}\n`).join('')
    if (rows.length < NDJSON_BATCH) return
    after = rows[rows.length - 1]?.id
  }
}

export function ndjson(reply: FastifyReply, lines: AsyncIterable<string> | Iterable<string>): FastifyReply {
  return reply.type(NDJSON_TYPE).send(Readable.from(lines))
}

export async function sendList<Row extends { id: string }, Item>(
  reply: FastifyReply,
  parameters: ListParameters,
  source: ListSource<Row, Item>,
): Promise<Page<Item> | FastifyReply> {
  if (parameters.format === 'ndjson') return ndjson(reply, keysetLines(source))
  const [total, rows] = await Promise.all([source.count(), source.read({ offset: offsetOf(parameters), limit: parameters.perPage })])
  return pageOf(await source.toItems(rows), total, parameters)
}

/** Lists held in memory (the taxonomies) stream in the same shape. */
export function* memoryLines<Item>(items: readonly Item[]): Generator<string> {
  for (const item of items) yield `${JSON.stringify(item)}\n`
}

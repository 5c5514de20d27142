// Downloads of everything published: services and schools as CSV and as JSON. Each is streamed
// from the store a keyset batch at a time, so the national register exports in flat memory.
import { Readable } from 'node:stream'
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../../../../db/schema.js'
import type { Services } from '../../../../services.js'
import { csvRecord } from '../../../csv.js'
import { requestOrigin } from '../../../origin.js'
import { EXPORT_BATCH, schoolsTable, servicesTable, type ExportRecord, type ExportTable } from './records.js'

async function* batches(db: Kysely<Database>, table: ExportTable, origin: string): AsyncGenerator<ExportRecord[]> {
  let after: string | undefined
  for (;;) {
    const rows = await table.read(db, origin, after, EXPORT_BATCH)
    if (rows.length > 0) yield rows.map((row) => row.record)
    if (rows.length < EXPORT_BATCH) return
    after = rows[rows.length - 1]?.id
  }
}

async function* csvChunks(db: Kysely<Database>, table: ExportTable, origin: string): AsyncGenerator<string> {
  yield csvRecord(table.columns)
  for await (const records of batches(db, table, origin)) {
    yield records.map((record) => csvRecord(table.columns.map((column) => record[column]))).join('')
  }
}

async function* jsonChunks(db: Kysely<Database>, table: ExportTable, origin: string): AsyncGenerator<string> {
  yield '['
  let first = true
  for await (const records of batches(db, table, origin)) {
    yield records.map((record) => {
      const text = `${first ? '' : ','}\n${JSON.stringify(record)}`
      first = false
      return text
    }).join('')
  }
  yield '\n]\n'
}

function download(reply: FastifyReply, fileName: string, type: string, chunks: AsyncIterable<string>): FastifyReply {
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('x-content-type-options', 'nosniff')
    .send(Readable.from(chunks))
}

const CSV_TYPE = 'text/csv; charset=utf-8; header=present'
const JSON_TYPE = 'application/json; charset=utf-8'

export function exportRoutes(services: Services): FastifyPluginAsync {
  const { db } = services.store
  const tables = { services: servicesTable, schools: schoolsTable }
  return async (app) => {
    for (const [name, table] of Object.entries(tables)) {
      app.get(`/exports/${name}.csv`, async (request, reply) =>
        download(reply, `${name}.csv`, CSV_TYPE, csvChunks(db, table, requestOrigin(request))),
      )
      app.get(`/exports/${name}.json`, async (request, reply) =>
        download(reply, `${name}.json`, JSON_TYPE, jsonChunks(db, table, requestOrigin(request))),
      )
    }
  }
}

// The structured editor of a school's SEN information report, its history, and importing a
// report from a document: see edit.ts and import.ts. The council's review of a report change is
// on /admin/changes with the listings' (../publishing/review-changes.ts).
import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../../../services.js'
import { editReportRoutes } from './edit.js'
import { importReportRoutes } from './import.js'

export function reportEditorRoutes(services: Services): FastifyPluginAsync {
  return async (app) => {
    await app.register(editReportRoutes(services))
    // Its own plugin: multipart bodies are read there and nowhere else.
    await app.register(importReportRoutes(services))
  }
}

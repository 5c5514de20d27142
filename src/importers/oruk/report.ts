// What an import did, as an object (for tests and the scheduler's log) and as lines (for the CLI).
import type { PageShape } from './shapes.js'
import type { MissingService } from './store.js'

export interface RecordRef {
  id: string
  sourceId: string
  name: string
}

export interface SkippedRecord {
  /** "page 2, record 5" or "line 12". */
  where: string
  /** The record's id in the feed, when it has one. */
  sourceId: string | undefined
  reason: string
}

export interface OrukImportReport {
  /** The feed's address, or the file's label. */
  source: string
  fetchedAt: string
  pages: number
  /** Pages by shape: a feed can change shape between pages only by mistake, and this shows it. */
  shapes: Partial<Record<PageShape | 'ndjson', number>>
  /** Records read, readable or not. */
  records: number
  created: number
  updated: number
  unchanged: number
  /** Edited here since the last import while the feed changed too: the local edit is kept. */
  keptLocal: RecordRef[]
  skippedInvalid: SkippedRecord[]
  /** Imported before, not in the feed now: kept, and marked with the date first missed. */
  missingFromFeed: MissingService[]
  organisations: { created: number; updated: number; unchanged: number; keptLocal: number }
  /** Fields with values the importer does not read (supplier extensions among them), by how many records had them. */
  ignoredFields: Array<{ field: string; records: number }>
  /** Taxonomy terms and audiences that name no need of ours, by how many records had them. */
  unmatchedTerms: Array<{ term: string; records: number }>
  /** Values left out of otherwise good records (an address that is not http(s), say). */
  notes: Array<{ sourceId: string; note: string }>
}

export function emptyReport(source: string, fetchedAt: string): OrukImportReport {
  return {
    source,
    fetchedAt,
    pages: 0,
    shapes: {},
    records: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    keptLocal: [],
    skippedInvalid: [],
    missingFromFeed: [],
    organisations: { created: 0, updated: 0, unchanged: 0, keptLocal: 0 },
    ignoredFields: [],
    unmatchedTerms: [],
    notes: [],
  }
}

/** Counts only: what the scheduler logs (no names, no contact details). */
export function reportSummary(report: OrukImportReport) {
  return {
    source: report.source,
    pages: report.pages,
    records: report.records,
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    keptLocal: report.keptLocal.length,
    skippedInvalid: report.skippedInvalid.length,
    missingFromFeed: report.missingFromFeed.length,
    organisations: report.organisations,
  }
}

const LISTED = 50

function listed<T>(items: T[], line: (item: T) => string): string[] {
  const lines = items.slice(0, LISTED).map((item) => `  ${line(item)}`)
  if (items.length > LISTED) lines.push(`  … and ${items.length - LISTED} more`)
  return lines
}

export function reportLines(report: OrukImportReport): string[] {
  const shapes = Object.entries(report.shapes).map(([shape, pages]) => `${pages} ${shape}`).join(', ')
  const o = report.organisations
  return [
    `${report.source}: ${report.records} records on ${report.pages} page${report.pages === 1 ? '' : 's'} (${shapes || 'none'}), fetched ${report.fetchedAt}`,
    `Services: created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, kept local ${report.keptLocal.length}, skipped ${report.skippedInvalid.length}, missing from feed ${report.missingFromFeed.length}.`,
    `Organisations: created ${o.created}, updated ${o.updated}, unchanged ${o.unchanged}, kept local ${o.keptLocal}.`,
    ...(report.keptLocal.length ? ['Changed locally, feed has newer content: kept local:', ...listed(report.keptLocal, (r) => `${r.name} (feed id ${r.sourceId})`)] : []),
    ...(report.skippedInvalid.length ? ['Skipped, invalid:', ...listed(report.skippedInvalid, (r) => `${r.where}${r.sourceId ? ` (id ${r.sourceId})` : ''}: ${r.reason}`)] : []),
    ...(report.missingFromFeed.length
      ? ['No longer in the feed (kept, not deleted; check them):', ...listed(report.missingFromFeed, (r) => `${r.name} (feed id ${r.sourceId}), missing since ${r.missingSince}`)]
      : []),
    ...(report.notes.length ? ['Values left out:', ...listed(report.notes, (r) => `id ${r.sourceId}: ${r.note}`)] : []),
    ...(report.ignoredFields.length ? [`Fields not imported: ${report.ignoredFields.map((f) => `${f.field} (${f.records})`).join(', ')}`] : []),
    ...(report.unmatchedTerms.length ? [`Terms that name none of our needs (not imported): ${report.unmatchedTerms.map((t) => `${t.term} (${t.records})`).join(', ')}`] : []),
  ]
}

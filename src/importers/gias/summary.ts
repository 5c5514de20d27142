// The import report as lines for a council officer reading the terminal: counts first, then the
// failed rows (line and reason) and, for a full extract, the held schools the register no longer lists.
import type { GiasRegisterReport } from './import.js'

const SHOWN = 50

export function giasReportLines(report: GiasRegisterReport): string[] {
  const lines = [
    `Read ${report.rows} rows: created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, ` +
      `newly closed ${report.closed}, closed and not held ${report.closedNotHeld}, failed ${report.failedCount}.`,
  ]
  const unmapped = Object.entries(report.unmappedSen)
  if (unmapped.length > 0) {
    lines.push(`SEN provision with no need code (kept as register codes): ${unmapped.map(([value, rows]) => `${value} (${rows})`).join('; ')}`)
  }
  for (const failure of report.failed.slice(0, SHOWN)) lines.push(`  line ${failure.line}: ${failure.error}`)
  if (report.failedCount > SHOWN) lines.push(`  … and ${report.failedCount - SHOWN} more failed rows`)
  if (report.full) {
    lines.push(
      report.missing.length === 0
        ? 'Every school held is in this register file.'
        : `${report.missing.length} schools held are not in this register file (kept, not deleted; check them):`,
    )
    for (const school of report.missing.slice(0, SHOWN)) lines.push(`  URN ${school.urn}: ${school.name}`)
    if (report.missing.length > SHOWN) lines.push(`  … and ${report.missing.length - SHOWN} more`)
  }
  return lines
}

// RFC 4180 CSV, for every download (listings, schools, the council's report table), one cell at a time: CRLF between records, a cell quoted when it holds a comma,
// a quote, a line break or edge spaces, quotes doubled. Text that a spreadsheet would run as a
// formula (starting = + - @, or a tab or carriage return that some spreadsheets skip before one)
// gets a leading single quote, so a listing's text can never become a formula on an officer's
// machine. Numbers are written as numbers: a longitude of -2.44 is data, not a formula.

export type CellValue = string | number | boolean | null | undefined | readonly string[]

const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/

export function csvCell(value: CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  let text = typeof value === 'string' ? value : value.join(' ')
  if (FORMULA_START.test(text)) text = `'${text}`
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvRecord(values: readonly CellValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`
}

export function csvRows(rows: readonly (readonly CellValue[])[]): string {
  return rows.map(csvRecord).join('')
}

// .pdf through unpdf (a packaged pdf.js). We ask for positioned text items rather than the
// joined string, so the lines can be rebuilt with their paragraph gaps: a gap wider than about
// one and a half lines becomes a blank line, and a line in a clearly larger font than the body
// text becomes a "## " heading. Without this, every line of a PDF would run into the next.

import { extractTextItems } from 'unpdf'
import { ReportImportError } from './errors.js'

const PDF_MAGIC = '%PDF-'

export function looksLikePdf(bytes: Uint8Array): boolean {
  // The header may follow a little junk (the spec allows it within the first 1024 bytes).
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024))
  return head.includes(PDF_MAGIC)
}

interface Item {
  str: string
  x: number
  y: number
  fontSize: number
  hasEOL: boolean
}

interface Line {
  text: string
  y: number
  fontSize: number
}

export async function extractPdf(bytes: Uint8Array): Promise<string> {
  if (!looksLikePdf(bytes)) {
    throw new ReportImportError('REPORT_UNREADABLE', 'The file is not a valid PDF document.')
  }
  let pages: Item[][]
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given, so pass a copy.
    const result = await extractTextItems(new Uint8Array(bytes))
    pages = result.items
  } catch (error) {
    const encrypted = error instanceof Error && /password/i.test(error.message)
    throw new ReportImportError(
      'REPORT_UNREADABLE',
      encrypted
        ? 'The PDF is protected by a password, so its text cannot be read.'
        : 'The PDF could not be read: it may be damaged.',
    )
  }
  const pageLines = pages.map(toLines)
  const bodySize = medianFontSize(pageLines.flat())
  return pageLines
    .map((lines) => layout(lines, bodySize))
    .filter((page) => page.length > 0)
    .join('\n\n')
}

// Items arrive in content order; a new line starts at hasEOL or when the baseline moves.
function toLines(items: Item[]): Line[] {
  const lines: Line[] = []
  let current: Line | null = null
  for (const item of items) {
    if (current && Math.abs(item.y - current.y) > Math.max(2, current.fontSize * 0.5)) {
      lines.push(current)
      current = null
    }
    if (!current) current = { text: '', y: item.y, fontSize: item.fontSize }
    current.text += item.str
    current.fontSize = Math.max(current.fontSize, item.fontSize)
    if (item.hasEOL) {
      lines.push(current)
      current = null
    }
  }
  if (current) lines.push(current)
  return lines.map((line) => ({ ...line, text: line.text.replace(/\s+/g, ' ').trim() })).filter((line) => line.text !== '')
}

function medianFontSize(lines: Line[]): number {
  const sizes = lines.map((line) => line.fontSize).filter((size) => size > 0).sort((a, b) => a - b)
  return sizes[Math.floor(sizes.length / 2)] ?? 0
}

function layout(lines: Line[], bodySize: number): string {
  const out: string[] = []
  let previous: Line | null = null
  for (const line of lines) {
    const heading = bodySize > 0 && line.fontSize >= bodySize * 1.2 && line.text.length <= 150
    if (previous) {
      const gap = previous.y - line.y
      const pitch = Math.max(previous.fontSize, line.fontSize) * 1.6
      out.push(heading || gap > pitch || gap < 0 ? '\n\n' : '\n')
    }
    out.push(heading ? `## ${line.text}` : line.text)
    previous = heading ? { ...line, y: Number.NEGATIVE_INFINITY } : line
  }
  return out.join('')
}

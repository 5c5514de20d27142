// One entry point for importing a school's SEN information report: bytes in, plain text with
// structure out. The format is decided by the file's first bytes where it has a signature
// (PDF, zip-based .docx, old binary .doc) and by its name or a quick look otherwise, so a
// renamed file is still read correctly and a .pdf that is not a PDF is refused clearly.

import { readFile, stat } from 'node:fs/promises'
import { extname } from 'node:path'
import { extractDocx, looksLikeZip } from './docx.js'
import { ReportImportError } from './errors.js'
import { htmlToText } from './html.js'
import { extractPdf, looksLikePdf } from './pdf.js'
import { decodeText, normaliseText } from './text.js'

export { ReportImportError, isReportImportError } from './errors.js'
export type { ReportErrorCode } from './errors.js'

export type ReportFormat = 'docx' | 'pdf' | 'html' | 'text'

/** Largest file accepted: a real SEN report is tens of kilobytes; 10 MB allows scanned images. */
export const MAX_REPORT_BYTES = 10 * 1024 * 1024
/** Largest extracted text accepted: about 200 pages, guards against zip bombs in a .docx. */
export const MAX_REPORT_CHARS = 1_000_000

export interface ExtractedReport {
  format: ReportFormat
  /** The report as plain text: "\n" line ends, blank lines between paragraphs, "#" headings. */
  text: string
}

export interface ExtractOptions {
  /** The original file name, used only to choose a format when the bytes have no signature. */
  fileName?: string
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const UNSUPPORTED_EXTENSIONS: Readonly<Record<string, string>> = {
  '.doc': 'Old Word (.doc) files cannot be read; please save the report as .docx or PDF.',
  '.rtf': 'Rich Text (.rtf) files cannot be read; please save the report as .docx or PDF.',
  '.odt': 'OpenDocument (.odt) files cannot be read; please save the report as .docx or PDF.',
  '.pages': 'Pages files cannot be read; please export the report as .docx or PDF.',
  '.xlsx': 'Spreadsheets cannot be read as a report; please use .docx, PDF, HTML or text.',
  '.pptx': 'Presentations cannot be read as a report; please use .docx, PDF, HTML or text.',
  '.jpg': 'Images cannot be read as a report; please use .docx, PDF, HTML or text.',
  '.jpeg': 'Images cannot be read as a report; please use .docx, PDF, HTML or text.',
  '.png': 'Images cannot be read as a report; please use .docx, PDF, HTML or text.',
}

export function detectFormat(bytes: Uint8Array, fileName = ''): ReportFormat {
  const extension = extname(fileName).toLowerCase()
  if (looksLikePdf(bytes)) return 'pdf'
  if (OLE_MAGIC.every((byte, index) => bytes[index] === byte)) {
    throw new ReportImportError('REPORT_UNSUPPORTED', UNSUPPORTED_EXTENSIONS['.doc'] ?? '')
  }
  const unsupported = UNSUPPORTED_EXTENSIONS[extension]
  if (unsupported) throw new ReportImportError('REPORT_UNSUPPORTED', unsupported)
  if (looksLikeZip(bytes) || extension === '.docx') return 'docx'
  if (extension === '.pdf') return 'pdf' // not a PDF inside: extractPdf says so
  if (extension === '.html' || extension === '.htm') return 'html'
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).trimStart().toLowerCase()
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /^<(head|body|meta|div|p|h[1-6])\b/.test(head)) return 'html'
  return 'text'
}

/** Extracts the text of a report held in memory. Throws ReportImportError, never anything else. */
export async function extractReport(bytes: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedReport> {
  if (bytes.byteLength > MAX_REPORT_BYTES) throw tooLarge()
  if (bytes.byteLength === 0) throw empty()
  const format = detectFormat(bytes, options.fileName)
  let text: string
  try {
    if (format === 'pdf') text = await extractPdf(bytes)
    else if (format === 'docx') text = await extractDocx(bytes)
    else if (format === 'html') text = htmlToText(decodeText(bytes))
    else text = decodeText(bytes)
  } catch (error) {
    if (error instanceof ReportImportError) throw error
    throw new ReportImportError('REPORT_UNREADABLE', 'The report could not be read.')
  }
  text = normaliseText(text)
  if (text.length > MAX_REPORT_CHARS) throw tooLarge()
  if (text.trim() === '') throw empty()
  return { format, text }
}

/** Reads and extracts a report file; the size is checked before the file is read. */
export async function extractReportFile(path: string): Promise<ExtractedReport> {
  let size: number
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new ReportImportError('REPORT_UNREADABLE', 'That is not a file.')
    size = info.size
  } catch (error) {
    if (error instanceof ReportImportError) throw error
    throw new ReportImportError('REPORT_UNREADABLE', 'The file could not be opened.')
  }
  if (size > MAX_REPORT_BYTES) throw tooLarge()
  const bytes = await readFile(path).catch(() => {
    throw new ReportImportError('REPORT_UNREADABLE', 'The file could not be opened.')
  })
  return extractReport(bytes, { fileName: path })
}

function tooLarge(): ReportImportError {
  return new ReportImportError(
    'REPORT_TOO_LARGE',
    `The report is too large: the limit is ${MAX_REPORT_BYTES / (1024 * 1024)} MB of file or ${MAX_REPORT_CHARS.toLocaleString('en-GB')} characters of text.`,
  )
}

function empty(): ReportImportError {
  return new ReportImportError('REPORT_EMPTY', 'The report holds no text. If it is a scanned image, please provide a text version.')
}

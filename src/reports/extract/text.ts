// Plain text: decode bytes, normalise line endings, and drop characters that only get in the way
// (BOM, NUL and other control characters). Layout is kept as it is.

import iconv from 'iconv-lite'
import { ReportImportError } from './errors.js'

/** Decodes UTF-8 (or UTF-16 with a BOM), falling back to Windows-1252, which older Word exports use. */
export function decodeText(bytes: Uint8Array): string {
  // Notepad's "Unicode" is UTF-16 with a byte-order mark.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'utf-16le')
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'utf-16be')
  // NUL bytes mean binary data or UTF-16; neither is a text report we can read safely.
  const probe = bytes.subarray(0, 8192)
  if (probe.includes(0)) {
    throw new ReportImportError('REPORT_UNSUPPORTED', 'The file looks like binary data, not text.')
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // Node's TextDecoder treats windows-1252 as Latin-1 (0x92 stays a control code), iconv does not.
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1252')
  }
}

/** Line endings to \n, BOM and control characters (except tab and newline) removed. */
export function normaliseText(text: string): string {
  return (
    text
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n')
      // Form feeds separate pages in some exports: a page break is a paragraph break.
      .replace(/\f/g, '\n\n')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g, '')
      .replace(/[\u2028\u2029]/g, '\n')
  )
}

export function extractPlainText(bytes: Uint8Array): string {
  return normaliseText(decodeText(bytes))
}

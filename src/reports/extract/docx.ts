// .docx through mammoth's HTML conversion, so Word's heading styles survive as "#" headings and
// list paragraphs as "• " items; then the same HTML-to-text step as a web page.

import mammoth from 'mammoth'
import { ReportImportError } from './errors.js'
import { htmlToText } from './html.js'

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]

export function looksLikeZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, index) => bytes[index] === byte)
}

export async function extractDocx(bytes: Uint8Array): Promise<string> {
  if (!looksLikeZip(bytes)) {
    throw new ReportImportError('REPORT_UNREADABLE', 'The file is not a valid Word (.docx) document.')
  }
  let html: string
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, {
      // Images are not text; dropping them also avoids base64 blobs in memory.
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      // A .docx can point at files on the machine that opens it; never follow those.
      externalFileAccess: false,
    })
    html = result.value
  } catch {
    // mammoth's own messages name zip internals; a person needs to know what to do instead.
    throw new ReportImportError(
      'REPORT_UNREADABLE',
      'The Word (.docx) document could not be read: it may be damaged or not really a .docx file.',
    )
  }
  return htmlToText(html)
}

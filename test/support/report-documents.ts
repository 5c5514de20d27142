// Word and PDF documents made from a report's plain text, as a school's export might make them:
// headings (as the section splitter finds them) become Heading 1 paragraphs or bold lines.
import JSZip from 'jszip'
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib'
import { splitLines, splitSections } from '../../src/reports/sections.js'

export function paragraphsOf(text: string): Array<{ text: string; heading: boolean }> {
  const headings = new Set(splitSections(text).flatMap((section) => (section.heading ? [section.heading.text] : [])))
  return splitLines(text)
    .map((line) => line.text.trim())
    .filter((line) => line !== '')
    .map((line) => ({ text: line, heading: headings.has(line) }))
}

function xmlEscape(text: string): string {
  // eslint-disable-next-line no-control-regex -- characters XML 1.0 does not allow
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export async function buildDocx(text: string): Promise<Uint8Array> {
  const zip = new JSZip()
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
  zip.file(
    '[Content_Types].xml',
    `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`,
  )
  zip.file('_rels/.rels', `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`)
  zip.file('word/_rels/document.xml.rels', `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`)
  zip.file('word/styles.xml', `${xml}<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>`)
  const body = paragraphsOf(text)
    .map(({ text: line, heading }) => `<w:p>${heading ? '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>' : ''}<w:r><w:t xml:space="preserve">${xmlEscape(line)}</w:t></w:r></w:p>`)
    .join('')
  zip.file('word/document.xml', `${xml}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`)
  return zip.generateAsync({ type: 'uint8array' })
}

// Standard fonts only encode Windows-1252: anything else becomes "?", as a real export might.
function encodable(font: PDFFont, text: string): string {
  return [...text.replace(/\t/g, ' ')]
    .map((char) => {
      try {
        font.encodeText(char)
        return char
      } catch {
        return '?'
      }
    })
    .join('')
}

export async function buildPdf(text: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  const regular = await pdf.embedFont(StandardFonts.Helvetica)
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold)
  const [width, height, margin] = [595, 842, 50]
  let page = pdf.addPage([width, height])
  let y = height - margin
  const line = (words: string, font: PDFFont, size: number): void => {
    if (y < margin + size) {
      page = pdf.addPage([width, height])
      y = height - margin
    }
    page.drawText(words, { x: margin, y, size, font })
    y -= size * 1.4
  }
  for (const paragraph of paragraphsOf(text)) {
    const font = paragraph.heading ? bold : regular
    const size = paragraph.heading ? 14 : 10
    y -= paragraph.heading ? 10 : 6
    let current = ''
    for (const word of encodable(font, paragraph.text).split(/\s+/)) {
      const next = current ? `${current} ${word}` : word
      if (font.widthOfTextAtSize(next, size) > width - 2 * margin && current) {
        line(current, font, size)
        current = word
      } else current = next
    }
    if (current) line(current, font, size)
  }
  return pdf.save()
}

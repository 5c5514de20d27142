// A plain PDF of a report page: Helvetica, headings, wrapped lines, page numbers. pdf-lib's
// standard fonts only know the Windows-1252 characters, so anything else is spelt in the
// nearest of those (or "?") rather than throwing mid-document.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib'

export type PdfBlock = { kind: 'title' | 'heading' | 'subheading' | 'text' | 'quote' | 'small'; text: string }

export interface PdfMeta {
  title: string
  author: string
  /** Footer on every page, given the page number and the page count. */
  pageLabel: (page: number, pages: number) => string
}

const A4: [number, number] = [595.28, 841.89]
const MARGIN = 56
const FOOTER = 28
const STYLE: Readonly<Record<PdfBlock['kind'], { size: number; bold: boolean; indent: number; before: number; after: number }>> = {
  title: { size: 20, bold: true, indent: 0, before: 0, after: 10 },
  heading: { size: 15, bold: true, indent: 0, before: 14, after: 6 },
  subheading: { size: 12, bold: true, indent: 0, before: 10, after: 4 },
  text: { size: 11, bold: false, indent: 0, before: 0, after: 6 },
  quote: { size: 10.5, bold: false, indent: 16, before: 0, after: 6 },
  small: { size: 9, bold: false, indent: 0, before: 0, after: 6 },
}

function encodable(font: PDFFont): (text: string) => string {
  const known = new Set(font.getCharacterSet())
  return (text) =>
    [...text.replace(/\t/g, ' ')]
      .map((char) => {
        if (known.has(char.codePointAt(0) ?? 0)) return char
        const plain = char.normalize('NFKD').replace(/\p{M}/gu, '')
        return [...plain].every((part) => known.has(part.codePointAt(0) ?? 0)) && plain !== '' ? plain : '?'
      })
      .join('')
}

/** Lines no wider than `width`; a word wider than a line (a web address) is broken by letters. */
export function wrap(text: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split(/\r?\n/)) {
    let line = ''
    for (const word of paragraph.split(/ +/).filter((part) => part !== '')) {
      const candidate = line ? `${line} ${word}` : word
      if (measure(candidate) <= width) {
        line = candidate
        continue
      }
      if (line) lines.push(line)
      line = ''
      let rest = word
      while (measure(rest) > width) {
        let cut = rest.length - 1
        while (cut > 1 && measure(rest.slice(0, cut)) > width) cut--
        lines.push(rest.slice(0, cut))
        rest = rest.slice(cut)
      }
      line = rest
    }
    if (line) lines.push(line)
  }
  return lines
}

export async function renderPdf(blocks: readonly PdfBlock[], meta: PdfMeta): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.setTitle(meta.title)
  doc.setAuthor(meta.author)
  doc.setLanguage('en-GB')
  const regular = await doc.embedFont(StandardFonts.Helvetica)
  const bold = await doc.embedFont(StandardFonts.HelveticaBold)
  const clean = encodable(regular)
  const width = A4[0] - 2 * MARGIN
  let page: PDFPage = doc.addPage(A4)
  let y = A4[1] - MARGIN

  for (const block of blocks) {
    const style = STYLE[block.kind]
    const font = style.bold ? bold : regular
    const leading = style.size * 1.35
    const lines = wrap(clean(block.text), width - style.indent, (text) => font.widthOfTextAtSize(text, style.size))
    y -= style.before
    // A heading is kept with at least two lines after it.
    const needed = style.bold ? leading * 3 : leading
    lines.forEach((line, index) => {
      if (y - (index === 0 ? needed : leading) < MARGIN + FOOTER) {
        page = doc.addPage(A4)
        y = A4[1] - MARGIN
      }
      y -= leading
      page.drawText(line, { x: MARGIN + style.indent, y, size: style.size, font, color: block.kind === 'small' ? rgb(0.28, 0.28, 0.28) : rgb(0.04, 0.05, 0.05) })
    })
    y -= style.after
  }

  const pages = doc.getPages()
  pages.forEach((each, index) => {
    const label = clean(meta.pageLabel(index + 1, pages.length))
    each.drawText(label, { x: (A4[0] - regular.widthOfTextAtSize(label, 9)) / 2, y: MARGIN / 2, size: 9, font: regular, color: rgb(0.28, 0.28, 0.28) })
  })
  return doc.save()
}

// Splits a report's extracted text into sections, each a heading (or none, for the text before
// the first heading) and the body up to the next heading. Schools write their reports in very
// different shapes, so a heading is any of:
// - a "#" line (from a .docx or web page, where the source said it was a heading);
// - a numbered item or question: "1.", "3)", "14a)", "Q3" followed by a question or a short title;
// - a question-shaped line: ends in "?", or starts "How/What/Who..." and is short with no full stop;
// - a short title line: Title Case or ALL CAPS, few words, no full stop and no verb such as "is";
//   or a sentence-case line of six words or fewer after a blank line ("Our SEN information report").
// A heading starts a paragraph: a line that continues an unfinished sentence (wrapped PDF text)
// is not one. Three or more short lines in a row are a list (of agencies, say), not headings.
// Bullet lines are never headings. Every position is an offset into `text`.

export interface Span {
  text: string
  start: number
  end: number
}

export type SectionKind = 'preamble' | 'heading' | 'numbered' | 'question'

export interface Section {
  index: number
  kind: SectionKind
  /** The heading without its "#" or bullet markers; null for the preamble. */
  heading: Span | null
  /** Everything after the heading up to the next one, trimmed. May be empty text. */
  body: Span
  /** Sentences and list items of the body: the units evidence is quoted in. */
  units: Span[]
  start: number
  end: number
}

interface Line {
  text: string
  start: number
  end: number
}

type LineKind = 'blank' | 'bullet' | 'markdown' | 'numbered' | 'question' | 'title' | 'short' | 'text'

const BULLET = /^(?:[•·▪◦●○■□➢➤►‣⁃∙✓✔*]|[-–—](?=\s)|\(?[a-z]\)(?=\s)|[ivx]{1,4}\)(?=\s))/
const MARKDOWN = /^(#{1,6})\s+(\S.*)$/
const NUMBERED = /^(?:q(?:uestion)?\s?\d{1,2}[a-z]?[.):]?|\d{1,2}[a-z]?[.)])\s+(\S.*)$/i
const INTERROGATIVE = /^(?:how|what|who|whom|where|when|why|which|whose|can|could|do|does|did|is|are|will|would|should|shall|may|have|has)\b/i
// A title rarely has a finite verb; "Mrs Lowe is the SENCO" is a sentence without its full stop.
const FINITE_VERB = /\b(?:is|are|was|were|has|have|had|will|can|could|may|must|should|shall|would)\b/i
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’&/-]*/gu

export function splitLines(text: string): Line[] {
  const lines: Line[] = []
  let start = 0
  while (start <= text.length) {
    const newline = text.indexOf('\n', start)
    const end = newline < 0 ? text.length : newline
    lines.push({ text: text.slice(start, end), start, end })
    if (newline < 0) break
    start = newline + 1
  }
  return lines
}

/** Trims a span to its non-space content, keeping the offsets true. */
export function trimSpan(text: string, start: number, end: number): Span {
  let from = start
  let to = end
  while (from < to && /\s/.test(text[from] ?? '')) from++
  while (to > from && /\s/.test(text[to - 1] ?? '')) to--
  return { text: text.slice(from, to), start: from, end: to }
}

/** Drops trailing spaces and markdown emphasis ("**", "__"); a loop, as "[*_\s]+$" is quadratic. */
function stripTrailing(text: string): string {
  let end = text.length
  while (end > 0 && /[*_\s]/.test(text[end - 1] ?? '')) end--
  return text.slice(0, end)
}

function endsSentence(line: string): boolean {
  return /[.!?:;]["'”’*)]*\s*$/.test(line)
}

function words(text: string): string[] {
  return text.match(WORD) ?? []
}

/** Title Case or ALL CAPS: most words of four letters or more start with a capital. */
export function isTitleLike(text: string): boolean {
  const all = words(text)
  if (all.length === 0 || all.length > 12) return false
  const letters = text.replace(/[^\p{L}]/gu, '')
  if (letters.length >= 2 && letters === letters.toUpperCase()) return true
  const long = all.filter((word) => word.length >= 4)
  const capitalised = (list: string[]): number => list.filter((word) => /^\p{Lu}/u.test(word)).length
  if (long.length === 0) return capitalised(all) === all.length
  return capitalised(long) / long.length >= 0.5
}

function classify(line: string): LineKind {
  const text = line.trim()
  if (text === '') return 'blank'
  if (MARKDOWN.test(text)) return 'markdown'
  if (BULLET.test(text)) return 'bullet'
  const bare = stripTrailing(text)
  const numbered = NUMBERED.exec(bare)
  if (numbered) {
    const rest = numbered[1] ?? ''
    if (rest.endsWith('?') && rest.length <= 250) return 'numbered'
    if (rest.length <= 90 && !/[.,;]$/.test(rest) && (isTitleLike(rest) || INTERROGATIVE.test(rest))) return 'numbered'
    return 'text'
  }
  if (!/^[\p{Lu}\p{N}"'‘“(]/u.test(bare)) return 'text'
  if (bare.length <= 200 && bare.endsWith('?')) return 'question'
  if (bare.length <= 150 && INTERROGATIVE.test(bare) && !/[.,;:]$/.test(bare) && words(bare).length >= 3) return 'question'
  if (bare.length <= 90 && !/[.,;!]$/.test(bare) && !/@|https?:|www\./i.test(bare) && !FINITE_VERB.test(bare)) {
    if (isTitleLike(bare)) return 'title'
    // "Our SEN information report": sentence case, but short; a heading only if it starts a paragraph.
    if (words(bare).length <= 6) return 'short'
  }
  return 'text'
}

interface Marker {
  line: Line
  kind: Exclude<LineKind, 'blank' | 'bullet' | 'text' | 'short'>
}

function findHeadings(lines: Line[]): Marker[] {
  const kinds = lines.map((line) => classify(line.text))
  kinds.forEach((kind, index) => {
    if (kind === 'short') kinds[index] = index === 0 || kinds[index - 1] === 'blank' ? 'title' : 'text'
  })
  // Runs of three or more short unpunctuated lines (blank lines allowed between), at least two of
  // them title-like, are a list of names (agencies, say), not headings.
  let run: number[] = []
  const flush = (): void => {
    // The last line of the run stays a heading when its body follows straight under it.
    const last = run[run.length - 1]
    if (last !== undefined && kinds[last] === 'title' && kinds[last + 1] === 'text' && endsSentence(lines[last + 1]?.text ?? '')) run.pop()
    if (run.length >= 3 && run.filter((index) => kinds[index] === 'title').length >= 2) {
      for (const index of run) if (kinds[index] === 'title') kinds[index] = 'text'
    }
    run = []
  }
  kinds.forEach((kind, index) => {
    const text = lines[index]?.text.trim() ?? ''
    const listy = kind === 'text' && text.length <= 70 && !endsSentence(text)
    if (kind === 'title' || listy) run.push(index)
    else if (kind !== 'blank') flush()
  })
  flush()
  // A heading starts a paragraph: a line continuing an unfinished sentence is not one
  // (wrapped text from a PDF), unless the source marked it as a heading.
  for (let index = 1; index < lines.length; index++) {
    const kind = kinds[index]
    if (kind !== 'title' && kind !== 'question') continue
    const previous = kinds[index - 1]
    const previousText = lines[index - 1]?.text ?? ''
    if (previous === 'text' && !endsSentence(previousText)) kinds[index] = 'text'
  }
  const markers: Marker[] = []
  kinds.forEach((kind, index) => {
    const line = lines[index]
    if (line && (kind === 'markdown' || kind === 'numbered' || kind === 'question' || kind === 'title')) markers.push({ line, kind })
  })
  return markers
}

function headingSpan(text: string, line: Line, kind: Marker['kind']): Span {
  const span = trimSpan(text, line.start, line.end)
  if (kind !== 'markdown') {
    return trimSpan(text, span.start, span.start + stripTrailing(span.text).length)
  }
  const markers = /^#{1,6}\s+/.exec(span.text)?.[0].length ?? 0
  return trimSpan(text, span.start + markers, span.end)
}

/** Sentences and list items: a bullet line starts a unit; prose splits at ". " "? " "! ". */
export function splitUnits(text: string, start: number, end: number): Span[] {
  const units: Span[] = []
  const push = (from: number, to: number): void => {
    const span = trimSpan(text, from, to)
    if (/[\p{L}\p{N}]/u.test(span.text)) units.push(span)
  }
  let unitStart = start
  for (const line of splitLines(text.slice(start, end))) {
    const lineStart = start + line.start
    const lineEnd = start + line.end
    const kind = classify(line.text)
    if (kind === 'blank' || kind === 'bullet' || kind === 'markdown' || kind === 'title' || kind === 'numbered' || kind === 'question') {
      push(unitStart, lineStart)
      unitStart = lineStart
    }
    // Sentence ends inside the line; a full stop in "e.g. a" or "Mrs. Smith" is not one.
    // Bounded repeats, so a long run of dots or quotes cannot make this quadratic.
    const boundary = /[.!?]{1,5}["'”’)\]]{0,3}(?=\s{1,20}["'‘“(]?[\p{Lu}\p{N}])/gu
    for (let match = boundary.exec(line.text); match; match = boundary.exec(line.text)) {
      const before = line.text.slice(Math.max(0, match.index - 5), match.index + 1)
      if (/\b(?:e\.g|i\.e|etc|Mrs?|Ms|Dr|Mx|St|No|approx|incl)\.$/i.test(before)) continue
      const cut = lineStart + match.index + match[0].length
      push(unitStart, cut)
      unitStart = cut
    }
    if (kind === 'blank' || kind === 'title' || kind === 'numbered' || kind === 'question') {
      push(unitStart, lineEnd)
      unitStart = lineEnd
    }
  }
  push(unitStart, end)
  return units
}

export function splitSections(text: string): Section[] {
  const lines = splitLines(text)
  const markers = findHeadings(lines)
  const sections: Section[] = []
  const add = (kind: SectionKind, heading: Span | null, bodyStart: number, bodyEnd: number, start: number): void => {
    const body = trimSpan(text, bodyStart, bodyEnd)
    if (!heading && body.text === '') return
    sections.push({ index: sections.length, kind, heading, body, units: splitUnits(text, body.start, body.end), start, end: bodyEnd })
  }
  const first = markers[0]
  add('preamble', null, 0, first ? first.line.start : text.length, 0)
  markers.forEach((marker, index) => {
    const next = markers[index + 1]
    const kind: SectionKind = marker.kind === 'markdown' || marker.kind === 'title' ? 'heading' : marker.kind
    const heading = headingSpan(text, marker.line, marker.kind)
    add(kind, heading, marker.line.end, next ? next.line.start : text.length, heading.start)
  })
  return sections
}

// A small HTML-to-text converter for SEN reports saved from a school website or produced by
// mammoth from a .docx. It is not a full HTML parser: it keeps what the assessment needs
// (headings, list items, paragraph and line breaks, table cells) and throws the rest away.
// Headings become lines starting with "#", "##"... so the sectioner knows them for sure.

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', sbquo: '‚', bdquo: '„', hellip: '…',
  bull: '•', middot: '·', pound: '£', euro: '€', copy: '©', reg: '®', trade: '™', deg: '°',
  frac12: '½', frac14: '¼', frac34: '¾', times: '×', divide: '÷', shy: '', zwnj: '', zwj: '',
  eacute: 'é', egrave: 'è', ecirc: 'ê', euml: 'ë', aacute: 'á', agrave: 'à', acirc: 'â',
  auml: 'ä', iacute: 'í', icirc: 'î', iuml: 'ï', oacute: 'ó', ocirc: 'ô', ouml: 'ö',
  uacute: 'ú', ucirc: 'û', uuml: 'ü', ccedil: 'ç', ntilde: 'ñ', szlig: 'ß', laquo: '«', raquo: '»',
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
      // Refuse NUL, surrogates and out-of-range code points rather than throwing.
      if (!Number.isFinite(code) || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD'
      return String.fromCodePoint(code)
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole
  })
}

// Elements whose content is never part of the report's text.
const DROPPED = new Set(['script', 'style', 'head', 'noscript', 'template', 'svg', 'iframe', 'object', 'nav', 'button', 'select'])
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'pre', 'table',
  'thead', 'tbody', 'tfoot', 'tr', 'ul', 'ol', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'address', 'hr',
  'form', 'fieldset', 'details', 'summary', 'body', 'html',
])

/** Converts HTML to text with "# " headings, "• " list items and blank lines between blocks. */
export function htmlToText(html: string): string {
  // A hand-written scanner rather than regexes over the whole file: each "<" is looked at once
  // and the position of the next ">" is remembered, so "<<<<<<..." cannot make it quadratic.
  const lower = html.toLowerCase()
  const out: string[] = []
  const length = html.length
  let position = 0
  let nextGt = -2 // -2: not searched yet; -1: there is no ">" after this point
  while (position < length) {
    const lt = html.indexOf('<', position)
    if (lt < 0) break
    out.push(inlineText(html.slice(position, lt)))
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4)
      position = end < 0 ? length : end + 3
      continue
    }
    if (nextGt !== -1 && nextGt <= lt) nextGt = html.indexOf('>', lt + 1)
    if (nextGt < 0) {
      position = lt
      break
    }
    const head = html.slice(lt, Math.min(nextGt, lt + 40))
    if (/^<[!?]/.test(head)) {
      // <!DOCTYPE …>, <?xml …?>, <![CDATA[: declarations, not text.
      position = nextGt + 1
      continue
    }
    const tag = /^<(\/?)([a-z][a-z0-9]*)/i.exec(head)
    if (!tag) {
      // A "<" that does not start a tag ("a < b") is text.
      out.push('<')
      position = lt + 1
      continue
    }
    position = nextGt + 1
    const closing = tag[1] === '/'
    const name = (tag[2] ?? '').toLowerCase()
    if (DROPPED.has(name) && !closing) {
      const end = lower.indexOf(`</${name}`, position)
      const endGt = end < 0 ? -1 : html.indexOf('>', end)
      position = endGt < 0 ? length : endGt + 1
      out.push(' ')
      continue
    }
    const heading = /^h([1-6])$/.exec(name)
    if (heading) out.push(closing ? '\n\n' : `\n\n${'#'.repeat(Number(heading[1]))} `)
    else if (name === 'li') out.push(closing ? '' : '\n• ')
    else if (name === 'br') out.push('\n')
    else if (name === 'td' || name === 'th') out.push(closing ? '' : '\t')
    else if (BLOCK.has(name)) out.push('\n\n')
  }
  if (position < length) out.push(inlineText(html.slice(position)))
  return tidy(out.join(''))
}

// Inside a block, HTML collapses white space; a stray "<" with no ">" is kept as text.
function inlineText(fragment: string): string {
  return decodeEntities(fragment.replace(/[ \t\r\n\f]+/g, ' '))
}

function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, (run) => (run.includes('\t') ? '\t' : ' ')).trim())
    .join('\n')
    .replace(/^(#{1,6}) *\n+/gm, '') // a heading element with no text
    .replace(/^• *$/gm, '') // an empty list item
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

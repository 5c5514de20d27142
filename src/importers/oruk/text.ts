// Feed values to what we store. Descriptions often arrive as HTML from the supplier's editor; our
// pages print text (escaped by the templates), so every text field becomes plain text with
// paragraph breaks: no markup is ever stored, so none can reach a page or the API. Links in the
// HTML keep their words; their targets are dropped, as the service's own url is the link we show.
// Text with no markup at all (another Local Offer's feed, ours included) is kept as written.
import sanitizeHtml from 'sanitize-html'
import { z } from 'zod'
import { parseWebAddress } from '../../domain/web-address.js'

/** Tags whose end is a break in the text; everything else is unwrapped to its words. */
const BLOCK_TAGS = ['p', 'div', 'section', 'article', 'header', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'table', 'tr', 'br', 'hr', 'blockquote']

/** Elements whose content is code or chrome, not words: dropped with their content. */
const NON_TEXT_TAGS = ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'iframe', 'object', 'template', 'svg']

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' }

/**
 * What a parser would read as markup: the start of a tag, an end tag, a comment or declaration
 * ("<p", "</", "<!", "<?"), or a character reference ("&amp;", "&#163;"). A "<" or "&" otherwise
 * ("ages 5 < 11", "Drug & Alcohol") is text.
 */
const MARKUP = /<[a-z!/?]|&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i

/**
 * HTML (or text that may hold some) to plain text: paragraphs and headings end with a blank line,
 * list items start a line with "• ", <br> breaks a line. Runs of spaces collapse; at most one blank
 * line in a row. sanitize-html does the parsing (entities, broken markup); what it leaves is only
 * the block tags above, without attributes, so the last step can read them by pattern safely.
 *
 * Text without markup is already what we store: it is kept as written, as the council's own forms
 * keep it (line endings as "\n", the ends trimmed), so a record copied from another Local Offer's
 * feed reads exactly as it does there.
 */
export function htmlToText(html: string): string {
  if (!MARKUP.test(html)) return html.replace(/\r\n?/g, '\n').trim()
  return sanitizeHtml(html, { allowedTags: BLOCK_TAGS, allowedAttributes: {}, nonTextTags: NON_TEXT_TAGS })
    .replace(/<br \/>|<hr \/>/g, '\n')
    .replace(/<li>/g, '\n• ')
    .replace(/<\/li>/g, '')
    .replace(/<\/(p|div|section|article|header|footer|h[1-6]|ul|ol|table|blockquote)>/g, '\n\n')
    .replace(/<\/?[a-z0-9]+>/g, '\n')
    .replace(/&(amp|lt|gt|quot);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/[\u00a0\t\f\v\r ]+/g, ' ')
    .replace(/[\u200b\ufeff]/g, '')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** One line of plain text (names, labels): no markup, no line breaks; undefined when empty. */
export function lineText(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const text = htmlToText(value).replace(/\s+/g, ' ').trim()
  return text || undefined
}

/** Plain text with paragraph breaks; undefined when empty. */
export function blockText(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  return htmlToText(value) || undefined
}

/**
 * A web address to link: http(s) only, "www.example.org" given https:// (as our pages link it).
 * javascript:, data:, mailto: and anything with spaces or no dotted host are left out.
 */
export function webAddress(value: string | undefined): string | undefined {
  return parseWebAddress(value, 'https')?.url.href
}

const emailShape = z.email()

/** An email address; the zero-width spaces and trailing full stops that editors paste in are dropped. */
export function emailAddress(value: string | undefined): string | undefined {
  const trimmed = value?.replace(/[\u200b-\u200d\ufeff]/g, '').trim().replace(/^mailto:/i, '').replace(/\.+$/, '')
  return trimmed && emailShape.safeParse(trimmed).success ? trimmed : undefined
}

/** A phone number as written, if it has enough digits to be one. */
export function phoneNumber(value: string | undefined): string | undefined {
  const text = lineText(value)
  if (!text) return undefined
  return (text.match(/\d/g)?.length ?? 0) >= 6 ? text : undefined
}

const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$/

/** A UK postcode, upper case with one space; other text is kept as given (trimmed, upper case). */
export function postcodeText(value: string | undefined): string | undefined {
  const upper = lineText(value)?.toUpperCase()
  if (!upper) return undefined
  const match = POSTCODE.exec(upper.replace(/\s+/g, ' '))
  return match ? `${match[1]} ${match[2]}` : upper
}

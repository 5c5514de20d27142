// UK postcodes as families type them: "dt11aa", " DT1  1AA ", "dt1". Checks the format only
// (whether a postcode exists is the lookup's business, in geo/postcodes.ts).
//
// Format (BS 7666, as the Government Data Standards Catalogue gives it): an outward code of
// A9, A99, A9A, AA9, AA99 or AA9A and an inward code of 9AA, with letters restricted by
// position: the first never Q, V or X; the second never I, J or Z; a third-position letter
// (A9A) one of A B C D E F G H J K P S T U W; a fourth-position letter (AA9A) one of
// A B E H M N P R V W X Y; the inward letters never C, I, K, M, O or V. Plus GIR 0AA.
// BFPO and overseas territories' codes are not accepted.

export type ParsedPostcode =
  | { kind: 'full'; postcode: string; outcode: string }
  | { kind: 'outcode'; outcode: string }
  | { kind: 'invalid'; code: PostcodeProblem; reason: string }

/** Why a postcode was not accepted: `empty` (nothing typed), `characters`, `format`. */
export type PostcodeProblem = 'empty' | 'characters' | 'format'

/** Plain-English messages for a parent, one for each problem. */
export const POSTCODE_PROBLEMS: Readonly<Record<PostcodeProblem, string>> = {
  empty: 'Enter a postcode, like DT1 1AA, or the first half, like DT1',
  characters: 'A postcode only has letters and numbers. Enter a full postcode, like DT1 1AA, or the first half, like DT1',
  format: 'Enter a full postcode, like DT1 1AA, or the first half, like DT1',
}

const OUTCODE = /^(?:[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])|GIR)$/
const INCODE = /^[0-9][ABD-HJLNP-UW-Z]{2}$/

function invalid(code: PostcodeProblem): ParsedPostcode {
  return { kind: 'invalid', code, reason: POSTCODE_PROBLEMS[code] }
}

/** Reads a full postcode or an outcode (its first half), ignoring case and spaces. */
export function parsePostcode(input: string): ParsedPostcode {
  if (typeof input !== 'string') return invalid('empty')
  const compact = input.slice(0, 100).normalize('NFKC').replace(/\s+/gu, '').toUpperCase()
  if (compact === '') return invalid('empty')
  if (!/^[A-Z0-9]+$/.test(compact)) return invalid('characters')
  if (compact.length > 7) return invalid('format')

  if (compact.length >= 5) {
    const outcode = compact.slice(0, -3)
    const incode = compact.slice(-3)
    const valid = outcode === 'GIR' ? incode === '0AA' : OUTCODE.test(outcode) && INCODE.test(incode)
    if (valid) return { kind: 'full', postcode: `${outcode} ${incode}`, outcode }
  }
  if (compact.length <= 4 && OUTCODE.test(compact)) return { kind: 'outcode', outcode: compact }
  return invalid('format')
}

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { findDates, freshness } from '../../src/reports/dates.js'
import { decodeEntities, htmlToText } from '../../src/reports/extract/html.js'
import { extractPlainText } from '../../src/reports/extract/text.js'
import { findJargon } from '../../src/reports/jargon.js'
import { countSyllables, readability } from '../../src/reports/readability.js'
import { findSenco } from '../../src/reports/senco.js'

test('syllable counter: common words and the documented suffix rules', () => {
  const expected: Record<string, number> = {
    cat: 1, the: 1, table: 2, make: 1, makes: 1, places: 2, asked: 1, wanted: 2, reading: 2,
    children: 2, special: 2, assessment: 3, provision: 3, education: 4, educational: 5, readability: 5, people: 2,
  }
  for (const [word, syllables] of Object.entries(expected)) assert.equal(countSyllables(word), syllables, word)
  assert.equal(countSyllables('...'), 0)
})

test('readability: a one-syllable sentence and a harder one score what the formulas give', () => {
  // 6 words, 6 syllables, 1 sentence: 206.835 - 1.015*6 - 84.6*1 = 116.1; 0.39*6 + 11.8 - 15.59 = -1.45
  const easy = readability(['The cat sat on the mat.'])
  assert.equal(easy.words, 6)
  assert.equal(easy.syllables, 6)
  assert.equal(easy.fleschReadingEase, 116.1)
  assert.ok(Math.abs(easy.fleschKincaidGrade - -1.45) <= 0.051)
  assert.ok(Math.abs(easy.readingAge - (easy.fleschKincaidGrade + 5)) < 1e-9)
  // 8 words, 14 syllables: 206.835 - 8.12 - 148.05 = 50.7; 3.12 + 20.65 - 15.59 = 8.2
  const hard = readability(['Education, health and care plans are legal documents.'])
  assert.deepEqual([hard.words, hard.syllables, hard.fleschReadingEase, hard.fleschKincaidGrade, hard.readingAge], [8, 14, 50.7, 8.2, 13.2])
  // Averaged over both sentences: 14 words, 20 syllables, 2 sentences.
  const both = readability(['The cat sat on the mat.', 'Education, health and care plans are legal documents.'])
  assert.equal(both.fleschReadingEase, Math.round((206.835 - 1.015 * 7 - 84.6 * (20 / 14)) * 10) / 10)
  assert.equal(both.longSentences, 0)
})

test('readability ignores web addresses and emails, and an empty text scores zero', () => {
  const withLinks = readability(['See www.example.gov.uk/local-offer or email senco@school.sch.uk today.'])
  assert.equal(withLinks.words, 4)
  assert.equal(readability([]).words, 0)
  assert.equal(readability(['', '---']).sentences, 0)
})

test('jargon: an acronym used without its expansion is reported with the explanation to add', () => {
  const text = 'Your child may get an EHCP. We work with CAMHS and the SALT team.'
  const found = findJargon(text)
  assert.deepEqual(found.map((finding) => finding.acronym), ['EHCP', 'CAMHS', 'SALT'])
  const ehcp = found[0]
  assert.ok(ehcp)
  assert.match(ehcp.explanation, /Education, Health and Care plan/)
  assert.equal(text.slice(ehcp.first.start, ehcp.first.end), 'EHCP')
})

test('jargon: "Long Name (ACR)", "ACR (long name)" and the expansion elsewhere all count as explained', () => {
  assert.deepEqual(findJargon('An Education, Health and Care Plan (EHCP) sets out support. The EHCP is reviewed.'), [])
  assert.deepEqual(findJargon('We refer to CAMHS (Child and Adolescent Mental Health Services) when needed.'), [])
  assert.deepEqual(findJargon('Speech and language therapy is available. SALT visits weekly.'), [])
  assert.deepEqual(findJargon('Team around the Child (TAC) meetings are held.'), [])
})

test('jargon: case matters, so verbs and lower-case words are not acronyms; EHC plan is EHCP', () => {
  assert.deepEqual(findJargon('Please send us your views. We add ot to the list.'), [])
  assert.deepEqual(findJargon('We SEND letters home.').map((finding) => finding.acronym), ['SEND'])
  const plan = findJargon('Children with an EHC plan have an annual review. EHC plans are legal.')
  assert.deepEqual(plan.map((finding) => [finding.acronym, finding.count]), [['EHCP', 2]])
})

test('SENCO: the person is found in the shapes reports use, with contacts near the role or the name', () => {
  const cases: [string, string | null, string | null, string | null][] = [
    ['Our SENCO is Jane Smith. Contact her on 01234 567890 or senco@school.org.uk.', 'Jane Smith', 'senco@school.org.uk', '01234 567890'],
    ['The Special Educational Needs Co-ordinator (SENCO), Priya Shah, leads our work.', 'Priya Shah', null, null],
    ['Mr Okafor, Assistant Head and SENDCo, is available on Tuesdays.', 'Mr Okafor', null, null],
    ['SENCO: Mr. A. Patel\nTel: 0121 464 1234', 'Mr. A. Patel', null, '0121 464 1234'],
    ['Inclusion Manager\n\nMrs K Brown\n\nShe is in school every day.', 'Mrs K Brown', null, null],
    ['The SENCo will be happy to help. Phone the school office.', null, null, null],
  ]
  for (const [text, name, email, phone] of cases) {
    const found = findSenco(text)
    assert.deepEqual([found.name, found.email, found.phone], [name, email, phone], text)
    for (const span of found.evidence) assert.equal(text.slice(span.start, span.end), span.text)
  }
})

test('SENCO: an email far from the name counts when it carries the surname; another person\'s does not', () => {
  const text = `The SENDCo in school is Mrs Lowe.\n\n${'We value every child. '.repeat(20)}\n\nEmail her at l.lowe@school.sch.uk or the head at head@school.sch.uk.`
  assert.equal(findSenco(text).email, 'l.lowe@school.sch.uk')
  assert.equal(findSenco('Our head teacher is Mr Green (head@school.sch.uk). The SENCO is Ms Blue.').email, null)
  assert.equal(findSenco('No role is named here. Jane Smith, 01234 567890.').role, null)
})

test('dates: "updated/reviewed" dates in British order; next-review and impossible dates are ignored', () => {
  const text = 'Last reviewed: 03/09/2024\nNext review: September 2027\nDate of review – 1st March 2023\nUpdated 31/02/2020\nreviewed by governors in July 2024.'
  assert.deepEqual(findDates(text).map((finding) => finding.date), ['2024-09-03', '2023-03-01', '2024-07-01'])
  for (const finding of findDates(text)) assert.equal(text.slice(finding.evidence.start, finding.evidence.end), finding.evidence.text)
  assert.equal(freshness(text, '2025-01-01').updated, '2024-09-03')
  // A date not introduced by such a word (the law's date, a start date) is not the report's.
  assert.equal(freshness('The new approach began in September 2014.', '2025-01-01').updated, null)
})

test('freshness: overdue is measured from the supplied today; future dates are not believed', () => {
  const text = 'Updated February 2019'
  assert.deepEqual(freshness(text, '2019-06-30'), { updated: '2019-02-01', overdue: false, evidence: { text, start: 0, end: text.length } })
  assert.equal(freshness(text, '2020-02-01').overdue, false)
  assert.equal(freshness(text, '2020-02-02').overdue, true)
  assert.equal(freshness('Reviewed: 1 March 2030', '2026-01-01').updated, null)
  assert.deepEqual(freshness('', '2026-01-01'), { updated: null, overdue: false, evidence: null })
  // A line that is only a date dates the document ("1.9.14" in the toolkit seed).
  assert.equal(freshness('Title\n1.9.14\nText', '2026-01-01').updated, '2014-09-01')
})

test('HTML: headings become "#" lines, list items bullets, entities decoded, scripts dropped', () => {
  const html = '<html><head><title>x</title><style>p{}</style></head><body><h1>SEN Report</h1><p>Tom &amp; Jerry&#8217;s school&nbsp;&#x2014; <b>all</b>\n welcome.</p><ul><li>One</li><li>Two</li></ul><script>alert(1)</script><h2>How to complain</h2><p>Write to us.<br>Or phone.</p></body></html>'
  assert.equal(htmlToText(html), '# SEN Report\n\nTom & Jerry’s school — all welcome.\n\n• One\n• Two\n\n## How to complain\n\nWrite to us.\nOr phone.')
  assert.equal(decodeEntities('&lt;b&gt; &#0; &#xD800; &unknown;'), '<b> \uFFFD \uFFFD &unknown;')
})

test('HTML: hostile markup (unclosed tags, a megabyte of "<") is converted in linear time', () => {
  const started = performance.now()
  assert.equal(htmlToText('<'.repeat(1_000_000)).length, 1_000_000)
  assert.equal(htmlToText('<p>kept</p><script>never closed'), 'kept')
  assert.equal(htmlToText('a < b and <a href="x"'), 'a < b and <a href="x"')
  htmlToText('<a <a <a <a '.repeat(100_000))
  assert.ok(performance.now() - started < 3000)
})

test('plain text: CRLF and CR become LF, the BOM and control characters go, Windows-1252 is understood', () => {
  assert.equal(extractPlainText(new TextEncoder().encode('\uFEFFa\r\nb\rc\u0007d')), 'a\nb\ncd')
  // "Children’s" saved as Windows-1252: 0x92 is the right single quote.
  const cp1252 = Uint8Array.from([...Buffer.from('Children'), 0x92, ...Buffer.from('s')])
  assert.equal(extractPlainText(cp1252), 'Children’s')
  assert.equal(extractPlainText(Uint8Array.from([0xff, 0xfe, ...Buffer.from('SEN\r\n', 'utf16le')])), 'SEN\n')
  assert.throws(() => extractPlainText(Uint8Array.from([0x53, 0, 0x45, 0])), { code: 'REPORT_UNSUPPORTED' })
})

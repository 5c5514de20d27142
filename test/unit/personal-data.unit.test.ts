// The personal-data check run before a comment is published on "You said, we did". Every person,
// address and number here is made up: phone numbers from Ofcom's ranges for drama (07700 900xxx,
// 0121 496 0xxx, 020 7946 0xxx, 01632 960xxx), postcodes of public buildings in the demo data.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { findPersonalData, isNhsNumber, PERSONAL_DATA_KINDS, PERSONAL_DATA_REASONS, type PersonalDataKind } from '../../src/feedback/personal-data.js'
import { findingKey, quarterOf, reviewTexts, type Decision, type Texts } from '../../src/feedback/publishing.js'
import { hasKey } from '../../src/web/i18n/index.js'

/** Fails unless `text` has a finding of `kind` whose text is exactly `expected`. */
function assertFinds(text: string, kind: PersonalDataKind, expected: string): void {
  const findings = findPersonalData(text)
  const match = findings.find((finding) => finding.text === expected)
  assert.ok(match, `expected ${kind} “${expected}” in “${text}”; found ${JSON.stringify(findings.map((f) => [f.kind, f.text]))}`)
  assert.equal(match.kind, kind, `“${expected}” in “${text}” is a ${match.kind}, not a ${kind}`)
}

function assertNothing(text: string): void {
  assert.deepEqual(
    findPersonalData(text).map((finding) => [finding.kind, finding.text, finding.why]),
    [],
    `nothing personal in “${text}”`,
  )
}

describe('phone numbers in the forms people write them', () => {
  const cases: Array<[string, string]> = [
    ['Please ring me on 07700 900123 after 3.', '07700 900123'],
    ['my mobile is 07700900456', '07700900456'],
    ['call 07700-900-789 any time', '07700-900-789'],
    ['Mob: 07700 900 321', '07700 900 321'],
    ['Landline 0121 496 0123 (evenings)', '0121 496 0123'],
    ['ring 01214960456', '01214960456'],
    ['We are on (0121) 496 0789.', '(0121) 496 0789'],
    ['Tel 0121-496-0234', '0121-496-0234'],
    ['London number 020 7946 0321', '020 7946 0321'],
    ['or 0207 946 0555', '0207 946 0555'],
    ['try 01632 960111', '01632 960111'],
    ['try (01632) 960 222', '(01632) 960 222'],
    ['from abroad +44 7700 900654', '+44 7700 900654'],
    ['+447700900987 is my WhatsApp', '+447700900987'],
    ['or +44 (0)121 496 0987', '+44 (0)121 496 0987'],
    ['dial 0044 7700 900111', '0044 7700 900111'],
    ['the freephone 0808 157 0123', '0808 157 0123'],
    ['text me,07700 900222,thanks', '07700 900222'],
  ]
  for (const [text, number] of cases) test(number, () => assertFinds(text, 'phone', number))

  test('two numbers side by side are two findings', () => {
    const findings = findPersonalData('0121 496 0123 07700 900123')
    assert.deepEqual(
      findings.map((finding) => [finding.kind, finding.text]),
      [
        ['phone', '0121 496 0123'],
        ['phone', '07700 900123'],
      ],
    )
  })

  test('a local number without its area code is still caught, as a long number', () => assertFinds('ring 496 0123 after six', 'number', '496 0123'))
  test('a reference number is caught as a long number', () => assertFinds('our case reference is 20456789', 'number', '20456789'))
})

describe('emails, handles and NHS numbers', () => {
  test('an email address', () => assertFinds('write to jane.doe+send@example.org please', 'email', 'jane.doe+send@example.org'))
  test('an email address with a subdomain', () => assertFinds('Email: a.parent@mail.example.co.uk.', 'email', 'a.parent@mail.example.co.uk'))
  test('an email address spelled out', () => assertFinds('it is jane dot doe at example dot com', 'email', 'jane dot doe at example dot com'))
  test('an email address with (at) and [dot]', () => assertFinds('mail jdoe (at) example [dot] org', 'email', 'jdoe (at) example [dot] org'))
  test('a social media handle', () => assertFinds('message me on @sunny_mum_99', 'handle', '@sunny_mum_99'))

  test('the NHS number check digit', () => {
    assert.ok(isNhsNumber('4010234563'))
    assert.ok(isNhsNumber('9434765919'))
    assert.ok(!isNhsNumber('9434765918'), 'one digit wrong')
    assert.ok(!isNhsNumber('123456789'), 'nine digits')
  })
  test('an NHS number grouped 3 3 4', () => assertFinds('His NHS number is 401 023 4563.', 'nhs-number', '401 023 4563'))
  test('an NHS number without spaces', () => assertFinds('nhs no 4010313757', 'nhs-number', '4010313757'))
})

describe('addresses and postcodes', () => {
  test('a postcode', () => assertFinds('We live near DT1 1AA now.', 'postcode', 'DT1 1AA'))
  test('a postcode in lower case without a space', () => assertFinds('postcode dn163ua', 'postcode', 'dn163ua'))
  test('a house number and street', () => assertFinds('We live at 12 Acacia Avenue.', 'address', '12 Acacia Avenue'))
  test('a house number with a letter', () => assertFinds('at 27b Station Road, near the shops', 'address', '27b Station Road'))
  test('an abbreviated street', () => assertFinds('it is 4 Church Rd', 'address', '4 Church Rd'))
  test('a street in lower case', () => assertFinds('come to 9 willow lane', 'address', '9 willow lane'))
  test('a street name alone', () => assertFinds('We moved to Acacia Avenue last year.', 'address', 'Acacia Avenue'))
  test('a flat', () => assertFinds('I am in flat 3 above the shop', 'address', 'flat 3'))
  test('an apartment number', () => assertFinds('Apartment 14b, second floor', 'address', 'Apartment 14b'))
})

describe('names', () => {
  const cases: Array<[string, string]> = [
    ['Mrs Patel at the front desk was very kind.', 'Mrs Patel'],
    ['I spoke to Dr. A. Khan about it.', 'Dr. A. Khan'],
    ['mr okafor never called back', 'mr okafor'],
    ['Miss Lowe the SENCO helped.', 'Miss Lowe'],
    ['My son Jack has autism.', 'Jack'],
    ['my daughter, Amelia, is deaf', 'Amelia'],
    ['Our twins Sam and Theo love the club.', 'Sam and Theo'],
    ['My daughter is called Ngozi.', 'Ngozi'],
    ['my son is called tiwa', 'tiwa'],
    ['He is named Kofi after his grandad.', 'Kofi'],
    ['My name is Sarah Okonjo and I am a parent carer.', 'Sarah Okonjo'],
    ['my name is priya', 'priya'],
    ['I am Oluwaseun, mum of two.', 'Oluwaseun'],
    ["I'm Joanne from the parent forum.", 'Joanne'],
    ['Thanks, Precious', 'Precious'],
    ['Kind regards,\nMarguerite', 'Marguerite'],
    ['The page about Oliver Grant was wrong.', 'Oliver Grant'],
    ['his teacher Tamsin is brilliant', 'Tamsin'],
    ["Amelia's TA is lovely", 'Amelia'],
  ]
  for (const [text, name] of cases) test(name, () => assertFinds(text, 'name', name))
})

describe('a child’s details', () => {
  test('a school year at a school', () => assertFinds('She is in Year 4 at Cromwell Primary School.', 'child', 'Year 4 at Cromwell Primary School'))
  test('Y6 at a saint’s school', () => assertFinds('he is Y6 at St Mary’s Junior', 'child', 'Y6 at St Mary’s Junior'))
  test('the age of the family’s own child', () => assertFinds('My son, aged 7, cannot get a place.', 'child', 'aged 7'))
  test('a 7-year-old', () => assertFinds('my 7-year-old daughter loves it', 'child', '7-year-old'))
  test('“he is 9”', () => assertFinds('My son is 9 and he is 9 in June', 'child', '9'))
  test('the school of the family’s own child', () => assertFinds('My daughter goes to Hollybank Academy and is unhappy.', 'child', 'Hollybank Academy'))
  test('a school year in a sentence about the child', () => assertFinds('our son is in year 10 now', 'child', 'year 10'))
  test('a date of birth', () => assertFinds('DOB: 03/04/2017', 'date-of-birth', '03/04/2017'))
  test('a date of birth in words', () => assertFinds('She was born on 3rd March 2016.', 'date-of-birth', '3rd March 2016'))
  test('a birthday without a year', () => assertFinds('his birthday is 14 July', 'date-of-birth', '14 July'))
  test('a year of birth', () => assertFinds('born in 2015, diagnosed at 4', 'date-of-birth', '2015'))
  test('any other full date is flagged too', () => assertFinds('I rang on 12 January 2026 and nobody answered', 'date', '12 January 2026'))
})

describe('what is not personal data', () => {
  const negatives = [
    'Tuesday',
    'The group meets on Tuesday and Thursday mornings.',
    'Speech and Language Therapy',
    'I could not find Speech and Language Therapy on the site.',
    'ASD',
    'My son has ASD and ADHD and an EHCP.',
    'the SENCO',
    'The SENCO at the school was helpful.',
    'Communication and Autism Team (CAT)',
    'The Local Offer did not list short breaks for children aged 5 to 11.',
    'Sessions run 9.30-11.30 in term time, 2025-2026.',
    'We waited 3 hours in the park, a 5 mins walk from the station.',
    'Please add more information about SEN Support and the graduated approach.',
    'The Educational Psychology Service page is out of date.',
    'CAMHS said the waiting list is 18 months.',
    'I could not find the SENDIASS phone number anywhere.',
    'It took 2 weeks to hear back.',
    'The map is hard to use on my phone.',
    'Please list out-of-area special schools.',
  ]
  for (const text of negatives) test(text, () => assertNothing(text))
})

describe('findings as the page uses them', () => {
  test('each finding’s text is the text at its place', () => {
    const text = 'Hi, I am Sarah. My son Jack (7) is in Year 2 at Cromwell Primary School. Call 07700 900123 or email s.j@example.org. We live at 12 Acacia Avenue, DT1 1AA.'
    const findings = findPersonalData(text)
    assert.ok(findings.length >= 7, JSON.stringify(findings))
    for (const finding of findings) assert.equal(text.slice(finding.start, finding.end), finding.text)
    for (let i = 1; i < findings.length; i++) assert.ok(findings[i]!.start >= findings[i - 1]!.end, 'findings do not overlap')
  })

  test('every kind and reason has words in the catalogue', () => {
    for (const kind of PERSONAL_DATA_KINDS) {
      assert.ok(hasKey(`youSaid.kinds.${kind}`), kind)
      assert.ok(hasKey(`youSaid.placeholders.${kind}`), kind)
    }
    for (const reason of PERSONAL_DATA_REASONS) assert.ok(hasKey(`youSaid.why.${reason}`), reason)
  })

  test('takes linear time on hostile input', () => {
    // About 50,000 characters each (ten times the longest field): quadratic work would take minutes.
    const hostile = [
      '0 '.repeat(25_000),
      'a'.repeat(50_000),
      `${'a.'.repeat(25_000)}@`,
      'Mrs '.repeat(12_500),
      'my son '.repeat(7_000),
      '12 '.repeat(16_000),
      `${'jane dot '.repeat(5_500)}at`,
      'Year 4 at '.repeat(5_000),
      '(0'.repeat(25_000),
      '1-'.repeat(25_000),
      'Mr A '.repeat(10_000),
    ]
    for (const text of hostile) {
      const started = performance.now()
      findPersonalData(text)
      const took = performance.now() - started
      assert.ok(took < 2_000, `${took.toFixed(0)} ms for ${text.slice(0, 12)}… (${text.length} characters)`)
    }
  })
})

describe('reviewing the texts before publishing', () => {
  const placeholder = (kind: PersonalDataKind) => `[${kind} removed]`
  const texts = (said: string): Texts => ({ said, did: 'We added the opening times.', changed: '' })
  const review = (said: string, decisions: Map<string, Decision>) => reviewTexts({ texts: texts(said), decisions, placeholder, actorId: 'officer-1', now: '2026-05-01T10:00:00.000Z' })

  test('a removal replaces the finding and keeps a later confirmation in its new place', () => {
    const said = 'Call 07700 900123 and ask for Jack about the Jack Russell club.'
    const first = review(said, new Map())
    const phone = first.findings.find((finding) => finding.kind === 'phone')!
    const jack = first.findings.find((finding) => finding.text.startsWith('Jack'))!
    const second = review(
      said,
      new Map([
        [phone.key, { action: 'redact', reason: '' }],
        [jack.key, { action: 'confirm', reason: 'a dog breed' }],
      ]),
    )
    assert.match(second.texts.said, /^Call \[phone removed\] and ask/)
    assert.equal(second.redacted.length, 1)
    assert.equal(second.redacted[0]!.text, undefined, 'the removed number is not kept')
    const confirmed = second.findings.find((finding) => finding.text === jack.text && finding.start === jack.start - phone.text.length + '[phone removed]'.length)
    assert.equal(confirmed?.confirmed, 'a dog breed')
  })

  test('a confirmation without a reason is not a decision', () => {
    const said = 'My son Jack loves it.'
    const [jack] = review(said, new Map()).findings
    const result = review(said, new Map([[jack!.key, { action: 'confirm', reason: '  ' }]]))
    assert.equal(result.findings[0]!.confirmed, undefined)
    assert.equal(result.findings[0]!.problem, 'reason-missing')
  })

  test('the key names the field, the place and the words', () => {
    const finding = { start: 3, end: 7, text: 'Jack' }
    assert.notEqual(findingKey('said', finding), findingKey('did', finding))
    assert.notEqual(findingKey('said', finding), findingKey('said', { ...finding, start: 4, end: 8 }))
    assert.match(findingKey('said', finding), /^f[0-9a-f]{16}$/)
  })

  test('quarters', () => {
    assert.equal(quarterOf('2026-01-01T00:00:00Z'), '2026-Q1')
    assert.equal(quarterOf('2026-06-30'), '2026-Q2')
    assert.equal(quarterOf('2026-07-01'), '2026-Q3')
    assert.equal(quarterOf('2025-12-31T23:59:59Z'), '2025-Q4')
  })
})

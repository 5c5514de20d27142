import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { MAX_TERMS, parseQuery, type ParsedQuery, type WordSource } from '../../src/search/query.js'
import {
  CONCEPT_GROUPS,
  expansions,
  groupById,
  keywordsForNeeds,
  matchAt,
  spellingWords,
  vocabularyProblems,
} from '../../src/search/vocabulary.js'

/** A tiny index: word -> how many documents hold it. */
const INDEX = new Map<string, number>([
  ['autism', 40],
  ['speech', 25],
  ['language', 22],
  ['therapy', 18],
  ['school', 60],
  ['club', 9],
  ['after', 12],
  ['swimming', 4],
  ['heating', 1],
  ['dyslexia', 7],
  ['statement', 30],
  ['parent', 35],
])

interface CountingSource extends WordSource {
  knownCalls: string[][]
  similarCalls: string[]
}

function wordSource(index: Map<string, number> = INDEX): CountingSource {
  const source: CountingSource = {
    knownCalls: [],
    similarCalls: [],
    known(words) {
      source.knownCalls.push(words)
      return Promise.resolve(new Set(words.filter((word) => index.has(word))))
    },
    similar(word) {
      source.similarCalls.push(word)
      return Promise.resolve([...index].filter(([each]) => each[0] === word[0]).map(([each, count]) => ({ word: each, count })))
    },
  }
  return source
}

const parse = (text: string, source: WordSource = wordSource()): Promise<ParsedQuery> => parseQuery(text, source)

function hasAlternative(query: ParsedQuery, words: string[]): boolean {
  return query.terms.some((term) => term.alternatives.some((alternative) => JSON.stringify(alternative) === JSON.stringify(words)))
}

const ALPHANUMERIC = /^[\p{L}\p{N}\p{M}]+$/u

function assertSafe(query: ParsedQuery, input: string): void {
  assert.ok(query.text.length <= 200, `text too long for ${JSON.stringify(input.slice(0, 40))}`)
  assert.ok(!/[\p{Cc}\p{Cf}\p{Cs}]/u.test(query.text), 'control characters left in text')
  assert.ok(query.terms.length <= MAX_TERMS)
  for (const term of query.terms) {
    assert.ok(term.alternatives.length > 0)
    for (const alternative of term.alternatives) {
      assert.ok(alternative.length > 0)
      for (const word of alternative) {
        assert.match(word, ALPHANUMERIC, `unsafe word ${JSON.stringify(word)} from ${JSON.stringify(input.slice(0, 40))}`)
        assert.equal(word, word.toLowerCase())
        if (!term.phrase) assert.ok(!['and', 'or', 'not', 'near'].includes(word), `operator ${word} passed through`)
      }
    }
  }
}

void describe('the vocabulary', () => {
  void test('is consistent: need codes exist, no term in two groups, two-letter acronyms typed-only', () => {
    assert.deepEqual(vocabularyProblems(), [])
    assert.ok(CONCEPT_GROUPS.length >= 20)
  })

  void test('never offers a typed-only entry or a two-letter word as a spelling target', () => {
    for (const word of ['ot', 'ep', 'ta', 'vi', 'hi', 'pd', 'add', 'slt', 'asc', 'statement']) {
      assert.ok(!spellingWords().has(word), word)
    }
    for (const word of spellingWords()) assert.ok(word.length >= 3, word)
  })

  void test('matches the longest term first, ignoring stop words and plurals', () => {
    assert.equal(matchAt(['speech', 'language', 'therapy'], 0)?.length, 3)
    assert.equal(matchAt(['speech', 'language', 'therapies', 'school'], 0)?.length, 3)
    assert.equal(matchAt(['autism', 'spectrum', 'disorder'], 0)?.group.id, 'autism')
    assert.equal(matchAt(['ots'], 0), undefined) // two-letter acronyms only match exactly
    assert.equal(matchAt(['ot'], 0)?.typedOnly, true)
  })

  void test('expands a group to its broader group and narrower groups, never to siblings', () => {
    const dyspraxia = expansions(groupById('dyspraxia')!).map((words) => words.join(' '))
    assert.ok(dyspraxia.includes('spld'))
    assert.ok(!dyspraxia.includes('dyslexia'))
    const spld = expansions(groupById('spld')!).map((words) => words.join(' '))
    for (const word of ['dyslexia', 'dyscalculia', 'dyspraxia', 'dcd']) assert.ok(spld.includes(word), word)
  })

  void test('gives the indexer family words for need codes', () => {
    const autism = keywordsForNeeds(['autism']).split(' ')
    assert.ok(autism.includes('asd'))
    assert.ok(autism.includes('autistic'))
    assert.ok(!autism.includes('asc')) // typed-only
    assert.ok(keywordsForNeeds(['semh-needs']).split(' ').includes('anxiety'))
    assert.equal(keywordsForNeeds([]), '')
  })
})

void describe('parseQuery: synonyms and acronyms', () => {
  for (const text of ['autism', 'ASD', 'asc', 'autistic', 'autisum', 'Autism Spectrum Disorder', 'help for autism']) {
    void test(`"${text}" means autism`, async () => {
      const query = await parse(text)
      assert.equal(query.terms.length, 1)
      assert.ok(hasAlternative(query, ['autism']))
      assert.deepEqual(query.needs, ['autism'])
      assert.equal(query.terms[0]!.phrase, false)
    })
  }

  void test('"speech therapy" also looks for speech and language, and implies SLCN', async () => {
    const query = await parse('speech therapy')
    assert.equal(query.terms.length, 1)
    assert.deepEqual(query.terms[0]!.alternatives[0], ['speech', 'therapy']) // as typed, first
    assert.ok(hasAlternative(query, ['speech', 'language']))
    assert.ok(hasAlternative(query, ['salt']))
    assert.deepEqual(query.needs, ['slcn'])
  })

  void test('multi-word terms are one term, whatever the joining words and plurals', async () => {
    for (const text of ['speech and language therapy', 'Speech & Language Therapies', 'SALT', 'SLT']) {
      const query = await parse(text)
      assert.equal(query.terms.length, 1, text)
      assert.deepEqual(query.needs, ['slcn'], text)
    }
    const camhs = await parse('child and adolescent mental health services')
    assert.equal(camhs.terms.length, 1)
    assert.equal(camhs.terms[0]!.original, 'child and adolescent mental health services')
    assert.ok(hasAlternative(camhs, ['camhs']))
  })

  void test('the need areas and their acronyms', async () => {
    const cases: Array<[string, string[]]> = [
      ['ADHD', ['adhd']],
      ['attention deficit hyperactivity disorder', ['adhd']],
      ['SEMH', ['semh']],
      ['anxiety', ['semh']],
      ['deafblind', ['msi']],
      ['deaf', ['hi']],
      ['HI', ['hi']],
      ['sight loss', ['vi']],
      ['VI', ['vi']],
      ['wheelchair', ['pd']],
      ['PMLD', ['pmld']],
      ['severe learning difficulties', ['sld']],
      ['moderate learning difficulties', ['mld']],
      ['specific learning difficulties', ['spld']],
      ['dyspraxia', ['spld']],
      ['DCD', ['spld']],
      ['autism and dyslexia', ['autism', 'spld']],
      ['EHCP', []],
    ]
    for (const [text, needs] of cases) assert.deepEqual((await parse(text)).needs, needs, text)
  })

  void test('services and roles families name', async () => {
    assert.ok(hasAlternative(await parse('CAMHS'), ['child', 'adolescent', 'mental', 'health', 'services']))
    assert.ok(hasAlternative(await parse('ehc plan'), ['ehcp']))
    assert.ok(hasAlternative(await parse('statement'), ['education', 'health', 'care', 'plan']))
    assert.ok(hasAlternative(await parse('SENDCo'), ['senco']))
    assert.ok(hasAlternative(await parse('inclusion manager'), ['senco']))
    assert.ok(hasAlternative(await parse('parent partnership'), ['sendiass']))
    assert.ok(hasAlternative(await parse('respite'), ['short', 'breaks']))
    assert.ok(hasAlternative(await parse('educational psychologist'), ['educational', 'psychology']))
  })

  void test('two-letter acronyms expand only from the acronym, as a whole word', async () => {
    const ot = await parse('OT')
    assert.ok(hasAlternative(ot, ['ot']))
    assert.ok(hasAlternative(ot, ['occupational', 'therapy']))
    assert.ok(!hasAlternative(await parse('occupational therapy'), ['ot']))
    assert.ok(!hasAlternative(await parse('teaching assistant'), ['ta']))
    assert.ok(!hasAlternative(await parse('hearing impairment'), ['hi']))
    assert.ok(!hasAlternative(await parse('ehcp'), ['statement']))
    assert.deepEqual((await parse('ots')).terms[0]!.alternatives, [['ots']])
    assert.deepEqual((await parse('pda')).needs, [])
  })

  void test('the same concept twice is one term', async () => {
    const query = await parse('autism ASD autistic')
    assert.equal(query.terms.length, 1)
    assert.equal(query.terms[0]!.original, 'autism')
  })
})

void describe('parseQuery: spelling', () => {
  void test('"autisum" is corrected to autism', async () => {
    const query = await parse('autisum')
    assert.equal(query.terms[0]!.original, 'autisum')
    assert.equal(query.terms[0]!.corrected, 'autism')
    assert.deepEqual(query.corrections, [{ from: 'autisum', to: 'autism' }])
    assert.ok(!hasAlternative(query, ['autisum'])) // unknown to the index, so not kept
  })

  void test('"dyslexsia" is corrected and implies SpLD', async () => {
    const query = await parse('dyslexsia')
    assert.deepEqual(query.corrections, [{ from: 'dyslexsia', to: 'dyslexia' }])
    assert.ok(hasAlternative(query, ['dyslexia']))
    assert.ok(hasAlternative(query, ['spld']))
    assert.deepEqual(query.needs, ['spld'])
  })

  void test('a corrected word can complete a multi-word term', async () => {
    const query = await parse('speach theraphy')
    assert.equal(query.terms.length, 1)
    assert.equal(query.terms[0]!.original, 'speach theraphy')
    assert.equal(query.terms[0]!.corrected, 'speech therapy')
    assert.deepEqual(query.needs, ['slcn'])
    assert.deepEqual(query.corrections, [
      { from: 'speach', to: 'speech' },
      { from: 'theraphy', to: 'therapy' },
    ])
  })

  void test('indexed words are corrections too, and known words are left alone', async () => {
    const swimming = await parse('swiming')
    assert.deepEqual(swimming.corrections, [{ from: 'swiming', to: 'swimming' }])
    const heating = await parse('heating') // one edit from "hearing", but the index has it
    assert.deepEqual(heating.corrections, [])
    assert.deepEqual(heating.terms[0]!.alternatives, [['heating']])
  })

  void test('short, numeric and unfixable words stay as typed', async () => {
    const query = await parse('sen x9 zzzzzzzz')
    assert.deepEqual(query.corrections, [])
    assert.deepEqual(
      query.terms.map((term) => term.alternatives),
      [[['sen']], [['x9']], [['zzzzzzzz']]],
    )
    assert.deepEqual((await parse('asdd')).needs, ['autism']) // a doubled letter is one edit
  })

  void test('asks the word source once, and only about words it cannot know otherwise', async () => {
    const source = wordSource()
    await parse('help for autism and speach at school', source)
    assert.deepEqual(source.knownCalls, [['speach', 'school']])
    assert.deepEqual(source.similarCalls, ['speach'])
    const quiet = wordSource()
    await parse('autism SALT "speach"', quiet)
    assert.deepEqual(quiet.knownCalls, [])
    assert.deepEqual(quiet.similarCalls, [])
  })
})

void describe('parseQuery: phrases', () => {
  void test('a quoted phrase is one literal term, stop words kept', async () => {
    const query = await parse('"after school club" swimming')
    assert.equal(query.terms.length, 2)
    assert.deepEqual(query.terms[0], { original: 'after school club', alternatives: [['after', 'school', 'club']], phrase: true })
    assert.equal(query.terms[1]!.phrase, false)
    const curly = await parse('“speech and language”')
    assert.deepEqual(curly.terms[0]!.alternatives, [['speech', 'and', 'language']])
    assert.equal(curly.terms[0]!.phrase, true)
    assert.deepEqual(curly.needs, ['slcn'])
  })

  void test('words in quotes are neither corrected nor expanded', async () => {
    const query = await parse('"autisum"')
    assert.deepEqual(query.terms, [{ original: 'autisum', alternatives: [['autisum']], phrase: true }])
    assert.deepEqual(query.corrections, [])
  })

  void test('an unmatched quote is ignored, and empty quotes vanish', async () => {
    const query = await parse('autism "speech')
    assert.deepEqual(
      query.terms.map((term) => term.phrase),
      [false, false],
    )
    assert.deepEqual((await parse('"" "the"')).terms, [])
  })
})

void describe('parseQuery: normalising and limits', () => {
  void test('normalises the text but keeps it as typed', async () => {
    const query = await parse('  Help  for\tmy   son\'s AUTISM \n')
    assert.equal(query.text, "Help for my son's AUTISM")
    assert.deepEqual(
      query.terms.map((term) => term.original),
      ["son's", 'AUTISM'],
    )
    assert.deepEqual(query.terms[0]!.alternatives, [['son']])
  })

  void test('empty queries have no terms', async () => {
    for (const text of ['', '   ', 'the and of', '?!', 'help']) {
      const query = await parse(text)
      assert.deepEqual(query.terms, [], text)
      assert.deepEqual(query.needs, [])
    }
  })

  void test('keeps at most 8 terms, and only their needs', async () => {
    const query = await parse('one two three four five six seven eleven twelve autism')
    assert.equal(query.terms.length, 8)
    assert.deepEqual(
      query.terms.map((term) => term.original),
      ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eleven'],
    )
    assert.deepEqual(query.needs, [])
  })

  void test('Unicode: compatibility forms, accents, invisible characters, other scripts', async () => {
    const query = await parse('ＡＳＤ aut\u200Bism naïve ऑटिज़्म')
    assert.equal(query.text, 'ASD autism naïve ऑटिज़्म')
    assert.equal(query.terms.length, 3)
    assert.deepEqual(query.terms[1]!.alternatives[0], ['naive'])
    assert.deepEqual(query.needs, ['autism'])
  })
})

void describe('parseQuery: hostile input never throws and never passes syntax through', () => {
  const hostile = [
    'autism" OR 1=1; DROP TABLE services; --',
    "'; DELETE FROM search_documents WHERE '1'='1",
    'autism OR adhd',
    '(autism OR asd) AND NOT adhd',
    'NEAR(autism speech, 5)',
    'autism NEAR/3 speech',
    'autism*',
    '-autism +speech',
    'title:autism',
    '{name body}: autism',
    '^autism',
    'autism & speech | !adhd <-> x:*',
    '"unterminated phrase OR',
    '""""""""',
    '"a" "b" "c" "d" "e" "f" "g" "h" "i" "j"',
    '\u0000\u0001\u0002autism\u0007\u001b[31m',
    '\uD800\uDC00\uD800 lone surrogates \uDFFF',
    '\u202Eevil\u202C rtl override',
    '😀😀😀 emoji',
    'a'.repeat(10_240),
    'autism '.repeat(2_000),
    ' '.repeat(10_000) + 'autism',
    '\\" \\\\ %_ ` ~ $ # @',
  ]
  for (const input of hostile) {
    void test(JSON.stringify(input.slice(0, 40)), async () => {
      assertSafe(await parse(input), input)
    })
  }

  void test('FTS operators are dropped as words, so terms stay ANDed', async () => {
    const query = await parse('autism OR adhd')
    assert.equal(query.terms.length, 2)
    assert.deepEqual(query.needs, ['autism', 'adhd'])
    assert.deepEqual(
      (await parse('NOT autism')).terms.map((term) => term.alternatives[0]),
      [['autism']],
    )
  })

  void test('random junk (seeded) keeps every promise', async () => {
    let seed = 20_240_601
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
      return seed / 2_147_483_648
    }
    const alphabet = ['a', 'u', 't', 'i', 's', 'm', ' ', '"', '“', "'", '*', '-', ':', '(', ')', '\u0000', '\u200B', 'é', '😀', '\uD800', 'OR ', 'NEAR ', 'ASD ', '1']
    for (let round = 0; round < 300; round++) {
      const length = Math.floor(random() * 120)
      let input = ''
      for (let index = 0; index < length; index++) input += alphabet[Math.floor(random() * alphabet.length)]
      assertSafe(await parse(input, wordSource()), input)
    }
  })

  void test('a non-string is an empty query', async () => {
    const query = await parseQuery(undefined as unknown as string, wordSource())
    assert.deepEqual(query, { text: '', terms: [], needs: [], corrections: [] })
  })
})

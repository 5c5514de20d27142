// Finds what could identify someone in a visitor's comment, before the council publishes it on
// "You said, we did" (docs/decisions/0011-feedback.md, "Publishing"). Tuned for recall: a false
// alarm costs an officer one click, a miss publishes a family's phone number or a child's name.
//
// Every pattern is bounded (no nested or unbounded repetition that can backtrack), and the word
// rules walk the text's tokens once, so the time is linear in the length of the text.
import { parsePostcode } from '../domain/postcode.js'

export const PERSONAL_DATA_KINDS = ['email', 'phone', 'nhs-number', 'date-of-birth', 'postcode', 'address', 'child', 'name', 'handle', 'date', 'number'] as const
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number]

/** Why something was taken for personal data; each has an explanation in the catalogue (youSaid.why). */
export const PERSONAL_DATA_REASONS = [
  'email-address',
  'email-spelled-out',
  'uk-mobile',
  'uk-landline',
  'uk-other-phone',
  'nhs-checksum',
  'long-number',
  'dob-labelled',
  'full-date',
  'uk-postcode',
  'house-number-street',
  'flat-number',
  'street-name',
  'school-year-at-school',
  'child-school-year',
  'child-age',
  'child-at-school',
  'title-surname',
  'relationship-name',
  'called-name',
  'self-introduction',
  'signed-off',
  'common-first-name',
  'social-handle',
] as const
export type PersonalDataReason = (typeof PERSONAL_DATA_REASONS)[number]

export interface PersonalDataFinding {
  kind: PersonalDataKind
  /** The text found, exactly as written: text.slice(start, end). */
  text: string
  start: number
  end: number
  why: PersonalDataReason
}

// When two findings overlap they become one, of the kind that comes first here.
const PRIORITY: readonly PersonalDataKind[] = ['nhs-number', 'email', 'phone', 'date-of-birth', 'postcode', 'address', 'child', 'name', 'handle', 'date', 'number']

// ---- words ------------------------------------------------------------------------------

const words = (list: string): Set<string> => new Set(list.trim().split(/\s+/))

// Lower-case words that are never a name where a name might follow (after "my son", "called", "I am").
const STOP = words(`
  a an the and or but if so as at by for from in into of on onto to with without up down out over under about after before
  i me my mine we us our you your he him his she her they them their it its this that these those there here who whom whose what which when where why how
  is am are was were be been being has have had do does did done can could will would shall should may might must not no yes
  said says told asked called rang phoned emailed went go goes going got get gets came come comes gave give given took take made make
  back again also just only very really still even too then than now soon today yesterday tomorrow
  all any some every each both either neither none one two three four five six seven eight nine ten first last next other another
  new old good bad great happy sad worried upset angry concerned disappointed grateful pleased sorry thankful frustrated confused
  not nothing something everything someone anyone everyone nobody
  mum dad mother father parent parents carer carers son daughter child children boy girl baby family
  please thanks thank hello hi dear regards
  monday tuesday wednesday thursday friday saturday sunday
  january february march april may june july august september october november december
  autistic disabled diagnosed waiting struggling finding looking trying using
`)

// Capitalised words that are places, roles, services and SEND terms, not people.
const NOT_NAMES = words(`
  local offer council city county borough team service services school schools primary secondary academy college nursery infant infants
  junior juniors high grammar university centre center clinic hospital health nhs trust surgery practice
  speech language therapy therapist therapists occupational physiotherapy physio psychology psychologist educational psychiatry
  autism adhd send sen senco sendco ehcp ehc camhs salt ta lsa gp ot ep
  support group groups club clubs short breaks break early years help advice information partnership forum panel tribunal court
  plan plans care social mental wellbeing disability disabilities special needs need inclusion hub unit base outreach home transport
  portage parent parents carer carers family families children child young people person
  english maths math science reading writing spelling phonics art music sport pe
  christmas easter summer half term holiday holidays bank
  road street avenue lane close drive way crescent grove place gardens terrace court square hill row walk mews park rise view green
  north south east west
  monday tuesday wednesday thursday friday saturday sunday
  january february march april may june july august september october november december
  mr mrs miss ms mx dr prof
`)

// Acronyms from the SEND world: an all-capitals word that is one of these is never a name.
const ACRONYMS = words(`
  ASD ASC ADHD ADD SEN SEND SENCO SENDCO EHCP EHC CAMHS SALT OT EP TA LSA SLCN MLD SLD PMLD SEMH SPLD VI HI MSI PD GP NHS DWP
  SENDIASS IASS IPSEA PDA OCD DCD ODD FASD PRU AP DLA PIP UC LA IT OK TV PE RE PSHE SATS GCSE GCSES BTEC KS KS1 KS2 KS3 KS4 I
`)

// Relationship and role words: a capitalised word straight after one is taken for a name ("my son Jack").
const RELATIONS = words(`
  son sons daughter daughters child children kid kids boy boys girl girls baby toddler teenager twin twins
  grandson granddaughter grandchild grandchildren nephew niece stepson stepdaughter step-son step-daughter
  brother sister brothers sisters sibling siblings cousin husband wife partner mum mom mother dad father grandma grandad nan
  carer friend neighbour teacher teachers senco sendco ta keyworker worker therapist consultant paediatrician nurse doctor
  psychologist manager officer coordinator co-ordinator caseworker advisor adviser head headteacher
`)

// The child words among them, for "the sentence is about the family's own child".
const CHILD_WORDS = words(`
  son sons daughter daughters child children kid kids boy boys girl girls baby toddler teenager twin twins
  grandson granddaughter grandchild grandchildren nephew niece stepson stepdaughter step-son step-daughter
`)
const POSSESSIVES = words('my our his her their your')

const TITLES = words('mr mrs ms mx dr prof sir dame')
const SIGN_OFFS = words('thanks thank regards cheers wishes sincerely faithfully love')

// Common first names across England's communities, as written. Those that are also ordinary words
// count only inside a sentence, not at its start ("Will someone call me?").
const FIRST_NAMES = words(`
  Oliver Jack Harry George Noah Leo Oscar Arthur Charlie Jacob Freddie Alfie Theo Archie Henry Thomas Joshua William James Isaac
  Lucas Ethan Logan Samuel Daniel Joseph Adam Ryan Finley Tommy Teddy Reuben Louis Edward Alexander Benjamin Sebastian Elijah
  Mason Harrison Dylan Toby Jenson Ronnie Albie Frankie Jaxon Rory Hugo Ezra Luca Zac Zachary Liam Aaron Nathan Tyler Kian Callum
  Connor Jake Kyle Lewis Owen Rhys Jayden Riley Bobby Stanley Jude Elliot Elliott Caleb Ollie Sonny Jamie Matthew Michael David
  Paul Andrew Richard Stephen Steven Peter John Christopher Chris Gary Darren Wayne Craig Simon Neil Ian Martin Kevin Jason Lee
  Mohammed Muhammad Mohammad Ahmed Ali Omar Yusuf Ibrahim Hamza Ayaan Zayn Zain Ismail Bilal Hassan Hussain Imran Tariq Usman
  Arjun Rohan Aarav Dev Vihaan Krish Ravi Sanjay Raj Amir Kai Rayan Musa Idris Abdullah Kofi Kwame Tunde Emeka Chidi Femi
  Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Sophie Willow Freya Florence Emily Ella Poppy Evie Elsie Charlotte
  Evelyn Sienna Daisy Phoebe Alice Matilda Harper Ruby Emilia Maya Jessica Chloe Hannah Sarah Emma Laura Rachel Rebecca Amy
  Lucy Katie Zara Aisha Fatima Priya Amira Maryam Zainab Aaliyah Hafsa Ayesha Khadija Noor Layla Leila Yasmin Safa Inaya Anaya
  Esme Imogen Millie Molly Megan Ellie Holly Jasmine Lola Nancy Orla Robyn Scarlett Thea Violet Eliza Beatrice Bella Darcie
  Georgia Gracie Hallie Heidi Jade Lexi Lacey Libby Mila Niamh Paige Sadie Skye Tilly Zoe Abigail Amber Anna Bethany Caitlin
  Claire Michelle Karen Julie Lisa Nicola Joanne Helen Susan Deborah Samantha Stacey Kelly Louise Natalie Victoria Gemma Kerry
  Jennifer Elizabeth Mary Margaret Patricia Linda Angela Tracey Donna Dawn Sharon Alison Catherine Kate Jane Jo Jenny Sally
  Shirley Sandra Wendy Pauline Carol Ann Anne Janet Lorraine Amanda Joanna Lauren Danielle Kirsty Leanne Hayley Charlie Alex Sam
  Jordan Taylor Morgan Casey Robin Ashley Jess Becky Beth Ellie Keisha Shanice Chantelle Precious Blessing Chioma Ngozi
  Will Mark Bill Frank Ray Rose Grace Eve Dawn Victor Jack
`)
const AMBIGUOUS_NAMES = words('Will Mark Bill Frank Ray Rose Grace Eve Dawn Victor Amber Jade Holly Ivy Daisy Poppy Ruby Violet Willow Robin Taylor Morgan Casey Jordan Alex Sam Charlie Bobby Frankie Precious Blessing Skye Harper Mason Lee Kelly Jo')

const STREET_TYPES = words(`
  road rd street st avenue ave lane ln close cl drive dr way crescent cres grove gr place pl gardens gdns terrace tce court ct square sq
  hill row walk mews park rise view green parade vale croft meadow meadows fields end gate wharf yard boulevard approach circus
`)
// These make a street in any case ("12 acacia avenue"); the others ("walk", "view") only with a
// capital, so "5 mins walk" is not an address. Without a house number, only these capitalised.
const STRONG_STREET_TYPES = words('road rd street avenue ave lane crescent grove gardens gdns terrace mews drive close')
const SCHOOL_WORDS = words('school primary academy college nursery infants juniors infant junior grammar')

// ---- tokens -----------------------------------------------------------------------------

interface Token {
  text: string
  lower: string
  start: number
  end: number
  kind: 'word' | 'number' | 'mark'
  /** A sentence ends before this token (a full stop, ! or ?, or a line break). */
  sentenceStart: boolean
  sentence: number
}

function tokenise(text: string): Token[] {
  const tokens: Token[] = []
  let sentence = 0
  let boundary = true
  for (const match of text.matchAll(/\p{L}[\p{L}\p{M}'’-]*|\d+|[^\s\p{L}\d]/gu)) {
    const start = match.index
    // A trailing apostrophe or hyphen belongs to the gap, not the word ("the twins’").
    const raw = match[0].length > 1 ? match[0].replace(/['’-]+$/u, '') : match[0]
    const previous = tokens[tokens.length - 1]
    if (previous && /\n/.test(text.slice(previous.end, start))) boundary = true
    if (boundary && previous) sentence++
    const kind = /^\d/.test(raw) ? 'number' : /^\p{L}/u.test(raw) ? 'word' : 'mark'
    tokens.push({ text: raw, lower: raw.toLowerCase(), start, end: start + raw.length, kind, sentenceStart: boundary, sentence })
    boundary = kind === 'mark' && /^[.!?]$/.test(raw) && !/^(?:mr|mrs|ms|mx|dr|st|prof|no)$/.test(previous?.lower ?? '')
  }
  return tokens
}

/** "Jack's" is Jack: the possessive is not part of the name. */
function bare(token: Token): string {
  return token.text.replace(/['’]s$/iu, '')
}

function isCapitalised(token: Token): boolean {
  return token.kind === 'word' && /^\p{Lu}/u.test(token.text)
}

function isAllCaps(token: Token): boolean {
  return token.text.length > 1 && token.text === token.text.toUpperCase()
}

/** Could this word be someone's name? `anyCase` for places people type names in lower case ("called jack"). */
function nameLike(token: Token | undefined, anyCase = false): token is Token {
  if (!token || token.kind !== 'word') return false
  const lower = bare(token).toLowerCase()
  if (lower.length < 2 || STOP.has(lower) || NOT_NAMES.has(lower) || RELATIONS.has(lower)) return false
  if (isAllCaps(token) && ACRONYMS.has(bare(token))) return false
  return anyCase || isCapitalised(token)
}

// ---- the finders ----------------------------------------------------------------------

type Found = PersonalDataFinding

function found(text: string, kind: PersonalDataKind, start: number, end: number, why: PersonalDataReason): Found {
  return { kind, text: text.slice(start, end), start, end, why }
}

function emails(text: string): Found[] {
  const out: Found[] = []
  for (const match of text.matchAll(/[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,6}/g)) {
    out.push(found(text, 'email', match.index, match.index + match[0].length, 'email-address'))
  }
  // "jane dot doe at example dot com", "jane (at) example [dot] org".
  const spelled = /\b[A-Za-z0-9._-]{1,64}(?:[ \t]{1,2}dot[ \t]{1,2}[A-Za-z0-9_-]{1,64}){0,3}[ \t]{0,2}[[(]?[ \t]{0,2}at[ \t]{0,2}[\])]?[ \t]{0,2}[A-Za-z0-9-]{1,63}(?:[ \t]{0,2}[[(]?[ \t]{0,2}(?:dot|\.)[ \t]{0,2}[\])]?[ \t]{0,2}[A-Za-z]{2,10}){1,3}\b/gi
  for (const match of text.matchAll(spelled)) {
    if (/\bdot\b/i.test(match[0]) && /[\s[(]at[\s\])]/i.test(match[0])) out.push(found(text, 'email', match.index, match.index + match[0].length, 'email-spelled-out'))
  }
  return out
}

function handles(text: string): Found[] {
  const out: Found[] = []
  for (const match of text.matchAll(/(?<![\w.@])@[A-Za-z0-9_]{2,30}(?![\w@])/g)) out.push(found(text, 'handle', match.index, match.index + match[0].length, 'social-handle'))
  return out
}

/** NHS numbers: ten digits, the last a modulus 11 check of the other nine. */
export function isNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i)
  const check = 11 - (sum % 11)
  if (check === 10) return false
  return (check === 11 ? 0 : check) === Number(digits[9])
}

/** Runs of digits, spaces, hyphens and brackets: phone numbers, NHS numbers and other long numbers. */
function numbers(text: string): Found[] {
  const out: Found[] = []
  // Greedy to the run's last digit: each character is read a bounded number of times.
  for (const run of text.matchAll(/(?<![\w+])\+?\(?\d[\d ()-]*\d(?!\d)/g)) {
    const runStart = run.index
    const groups = [...run[0].matchAll(/\d+/g)].map((group) => ({ digits: group[0], start: runStart + group.index, end: runStart + group.index + group[0].length }))
    const plus = run[0].startsWith('+')

    /** The number starting at group i: as many groups as make at most 11 digits, dialled from home. */
    const candidate = (i: number) => {
      const first = groups[i]!
      let national = first.digits
      let international = false
      // +44 7700 900123, +447700900123, 0044 (0)121 496 0123.
      if ((i === 0 && plus && national.startsWith('44')) || national.startsWith('0044')) {
        international = true
        national = `0${national.slice(national.startsWith('0044') ? 4 : 2)}`
      }
      let j = i + 1
      if (international && national === '0' && groups[j]?.digits === '0') j++ // the "(0)"
      while (j < groups.length && (national + groups[j]!.digits).replace(/^00/, '0').length <= 11) {
        national += groups[j]!.digits
        j++
      }
      national = national.replace(/^00/, '0')
      // The first number of a run starts with its + or bracket; a later one takes a bracket just before it.
      const from = i === 0 ? runStart : text[first.start - 1] === '(' ? first.start - 1 : first.start
      return { j, national, from, end: groups[j - 1]!.end, digits: groups.slice(i, j).map((group) => group.digits).join('') }
    }
    const isPhone = (national: string) => /^0[1-35789]\d{8,9}$/.test(national)
    const isYears = (from: number, to: number) => groups.slice(from, to).every((group) => /^(?:19|20)\d\d$/.test(group.digits))

    let i = 0
    while (i < groups.length) {
      const number = candidate(i)
      if (isPhone(number.national)) {
        const why = number.national[1] === '7' ? 'uk-mobile' : number.national[1] === '1' || number.national[1] === '2' ? 'uk-landline' : 'uk-other-phone'
        out.push(found(text, 'phone', number.from, number.end, why))
      } else if (isNhsNumber(number.digits)) {
        out.push(found(text, 'nhs-number', number.from, number.end, 'nhs-checksum'))
      } else {
        // "Room 2 07700 900123": a phone number may start inside the run; try from its next 0.
        let next = i + 1
        while (next < number.j && !groups[next]!.digits.startsWith('0')) next++
        if (next < number.j && isPhone(candidate(next).national)) {
          const before = groups.slice(i, next)
          if (before.map((group) => group.digits).join('').length >= 7 && !isYears(i, next)) out.push(found(text, 'number', number.from, before[before.length - 1]!.end, 'long-number'))
          i = next
          continue
        }
        if (number.digits.length >= 7 && !isYears(i, number.j)) out.push(found(text, 'number', number.from, number.end, 'long-number'))
      }
      i = number.j
    }
  }
  return out
}

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?'
const DOB_BEFORE = /(?:\bd\.?o\.?b\.?|\bdate of birth|\bbirth ?date|\bborn|\bbirthday)[\s:,-]{0,3}(?:(?:is|was|on|in|the)[\s:,-]{1,3}){0,2}$/i

function dates(text: string): Found[] {
  const out: Found[] = []
  const patterns = [
    /\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})\b/g,
    new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?:[ \\t]{1,2}of)?[ \\t]{1,2}(?:${MONTHS})\\.?,?[ \\t]{1,2}(\\d{4})\\b`, 'gi'),
    new RegExp(`\\b(?:${MONTHS})\\.?[ \\t]{1,2}(\\d{1,2})(?:st|nd|rd|th)?,?[ \\t]{1,2}(\\d{4})\\b`, 'gi'),
  ]
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      if (pattern === patterns[0] && (Number(match[1]) < 1 || Number(match[1]) > 31 || Number(match[3]) < 1 || Number(match[3]) > 12)) continue
      const start = match.index
      const labelled = DOB_BEFORE.test(text.slice(Math.max(0, start - 30), start))
      out.push(found(text, labelled ? 'date-of-birth' : 'date', start, start + match[0].length, labelled ? 'dob-labelled' : 'full-date'))
    }
  }
  // A birthday without a year, or a year of birth: "born on 3 March", "DOB: 3rd March", "born in 2017".
  const partial = new RegExp(`(?:\\bd\\.?o\\.?b\\.?|\\bdate of birth|\\bborn|\\bbirthday)[\\s:,-]{0,3}(?:(?:is|was|on|in|the)[\\s:,-]{1,3}){0,2}((?:\\d{1,2}(?:st|nd|rd|th)?(?:[ \\t]{1,2}of)?[ \\t]{1,2}(?:${MONTHS})\\b|(?:${MONTHS})[ \\t]{1,2}\\d{1,2}(?:st|nd|rd|th)?\\b|(?:19|20)\\d\\d\\b))`, 'gi')
  for (const match of text.matchAll(partial)) {
    const value = match[1]!
    const start = match.index + match[0].length - value.length
    out.push(found(text, 'date-of-birth', start, start + value.length, 'dob-labelled'))
  }
  return out
}

function postcodes(text: string): Found[] {
  const out: Found[] = []
  for (const match of text.matchAll(/\b[A-Za-z]{1,2}\d[A-Za-z\d]?[ \t]{0,2}\d[A-Za-z]{2}\b/g)) {
    if (parsePostcode(match[0]).kind === 'full') out.push(found(text, 'postcode', match.index, match.index + match[0].length, 'uk-postcode'))
  }
  return out
}

function flats(text: string): Found[] {
  const out: Found[] = []
  for (const match of text.matchAll(/\b(?:flat|apartment|apt|maisonette|house number)\.?[ \t]{0,2}(?:no\.?[ \t]{0,2}|number[ \t]{1,2})?\d{1,4}[a-z]?\b/gi)) {
    out.push(found(text, 'address', match.index, match.index + match[0].length, 'flat-number'))
  }
  return out
}

/** The findings made from words: names, addresses and a child's details. */
function wordFindings(text: string, tokens: Token[]): Found[] {
  const out: Found[] = []
  const at = (index: number): Token | undefined => tokens[index]
  const nameSpans: Array<{ start: number; end: number; sentence: number }> = []

  /** A name starting at token `index`, with a surname after it if there is one; returns the index after it. */
  function takeName(index: number, why: PersonalDataReason, from = at(index)!.start): number {
    let last = index
    // "Sarah Jones", "Jack and Sam", "Amelia-Rose": following capitalised words, and names joined by and/&/,.
    for (let next = index + 1; next < tokens.length && next <= index + 6; next++) {
      const token = at(next)!
      if (nameLike(token) && token.start - at(next - 1)!.end <= 2 && !token.sentenceStart) {
        last = next
        continue
      }
      const joined = (token.lower === 'and' || token.text === '&') && nameLike(at(next + 1)) && (FIRST_NAMES.has(bare(at(next + 1)!)) || why === 'relationship-name')
      if (joined) {
        last = next + 1
        next++
        continue
      }
      break
    }
    const end = at(last)!.start + bare(at(last)!).length
    out.push(found(text, 'name', from, end, why))
    nameSpans.push({ start: from, end, sentence: at(index)!.sentence })
    return last + 1
  }

  for (let i = 0; i < tokens.length; i++) {
    const token = at(i)!
    if (token.kind !== 'word') continue
    const lower = token.lower
    const next = at(i + 1)

    // Mrs Patel, Dr. A. Khan, mr smith (typed in lower case).
    if (TITLES.has(lower) || token.text === 'Miss') {
      let j = i + 1
      if (at(j)?.text === '.') j++
      // Up to three initials: "Dr. A. Khan", "Mrs J R Hartley".
      for (let initials = 0; initials < 3 && at(j)?.kind === 'word' && at(j)!.text.length === 1 && /\p{Lu}/u.test(at(j)!.text); initials++) j += at(j + 1)?.text === '.' ? 2 : 1
      const candidate = at(j)
      if (nameLike(candidate, !isCapitalised(token))) {
        i = takeName(j, 'title-surname', token.start) - 1
        continue
      }
      if (j > i + 1 && at(j - 1)?.kind === 'word' && at(j - 1)!.text.length === 1) {
        out.push(found(text, 'name', token.start, at(j - 1)!.end, 'title-surname'))
      }
      continue
    }

    // my son Jack, our daughter, Amelia, my 7 year old son Sam, his teacher Laura.
    if (RELATIONS.has(lower)) {
      let j = i + 1
      if (at(j)?.text === ',' || at(j)?.text === '(') j++
      if (nameLike(at(j)) && !at(j)!.sentenceStart) {
        i = takeName(j, 'relationship-name') - 1
        continue
      }
    }

    // is called Amelia, named Jack, known as JJ, my name is sarah, her name's Priya.
    const calledAt = lower === 'called' || lower === 'named' ? i + 1 : lower === 'known' && next?.lower === 'as' ? i + 2 : -1
    if (calledAt > 0) {
      const before = at(i - 1)?.lower ?? ''
      const anyCase = /^(?:is|was|are|were|be|been|being|he's|she's|who's|they're)$/.test(before) || RELATIONS.has(before)
      if (nameLike(at(calledAt), anyCase)) {
        i = takeName(calledAt, 'called-name') - 1
        continue
      }
    }
    if (lower === 'name' || lower === "name's" || lower === 'name’s') {
      let j = i + 1
      if (lower === 'name' && (at(j)?.lower === 'is' || at(j)?.lower === 'was' || at(j)?.text === ':')) j++
      if (j > i + 1 || lower !== 'name') {
        if (at(j)?.text === ':') j++
        if (nameLike(at(j), true)) {
          i = takeName(j, 'called-name') - 1
          continue
        }
      }
    }

    // I am Sarah, I'm Sarah, this is Sarah.
    if ((lower === 'i' && next?.lower === 'am') || lower === "i'm" || lower === 'i’m' || lower === 'im' || (lower === 'this' && next?.lower === 'is')) {
      const j = lower === 'i' || lower === 'this' ? i + 2 : i + 1
      const candidate = at(j)
      if (nameLike(candidate) && (FIRST_NAMES.has(bare(candidate)) || !at(j + 1) || at(j + 1)!.kind === 'mark' || nameLike(at(j + 1)))) {
        i = takeName(j, 'self-introduction') - 1
        continue
      }
    }

    // Thanks, Sarah. Kind regards Sarah J. Best wishes, Priya.
    const signOff = (SIGN_OFFS.has(lower) && (token.sentenceStart || /^(?:kind|best|many|warm|with|all)$/.test(at(i - 1)?.lower ?? ''))) || (lower === 'from' && token.sentenceStart)
    if (signOff) {
      let j = i + 1
      if (lower === 'thank' && at(j)?.lower === 'you') j++
      if (at(j)?.text === ',' || at(j)?.text === '-') j++
      if (nameLike(at(j)) && (FIRST_NAMES.has(bare(at(j)!)) || !at(j + 1) || at(j + 1)!.kind === 'mark' || at(j + 1)!.sentenceStart)) {
        i = takeName(j, 'signed-off') - 1
        continue
      }
    }

    // Any common first name written with a capital, wherever it is.
    const name = bare(token)
    if (FIRST_NAMES.has(name) && !(AMBIGUOUS_NAMES.has(name) && token.sentenceStart) && !isAllCaps(token)) {
      i = takeName(i, 'common-first-name') - 1
      continue
    }
  }

  // Addresses: 12 Acacia Avenue, 27b Station Rd, 4 the Crescent; or Acacia Avenue alone.
  for (let i = 0; i < tokens.length; i++) {
    const token = at(i)!
    if (token.kind === 'number' && token.text.length <= 4) {
      let j = i + 1
      if (at(j)?.kind === 'word' && at(j)!.text.length === 1 && at(j)!.start === token.end) j++ // 12a
      if (at(j)?.text === ',') j++
      const first = j
      for (let k = j; k < tokens.length && k < first + 4; k++) {
        const word = at(k)!
        if (word.kind !== 'word' || (STOP.has(word.lower) && !(k === first && word.lower === 'the'))) break
        if (k > first && (STRONG_STREET_TYPES.has(word.lower) || (STREET_TYPES.has(word.lower) && isCapitalised(word)))) {
          out.push(found(text, 'address', token.start, word.end, 'house-number-street'))
          break
        }
      }
    }
    if (isCapitalised(token) && STRONG_STREET_TYPES.has(token.lower) && i > 0 && nameLike(at(i - 1)) && !at(i)!.sentenceStart) {
      let from = i - 1
      while (from > 0 && from > i - 3 && nameLike(at(from - 1)) && !at(from)!.sentenceStart) from--
      out.push(found(text, 'address', at(from)!.start, token.end, 'street-name'))
    }
  }

  // A child's details: only in a sentence about someone's own child ("my son", a name found there).
  const aboutChild = new Set<number>()
  for (let i = 0; i < tokens.length; i++) {
    const token = at(i)!
    // "my son", "our eldest daughter", "my 7 year old son": a possessive up to four words before.
    if (CHILD_WORDS.has(token.lower)) {
      for (let back = i - 1; back >= 0 && back >= i - 4 && at(back)!.sentence === token.sentence; back--) {
        if (POSSESSIVES.has(at(back)!.lower)) aboutChild.add(token.sentence)
      }
    }
    if (/^(?:he|she|they)$/.test(token.lower) && /^(?:is|was|turned|turns)$/.test(at(i + 1)?.lower ?? '') && at(i + 2)?.kind === 'number') aboutChild.add(token.sentence)
    if ((token.lower === "he's" || token.lower === 'he’s' || token.lower === "she's" || token.lower === 'she’s') && at(i + 1)?.kind === 'number') aboutChild.add(token.sentence)
  }
  for (const span of nameSpans) aboutChild.add(span.sentence)

  for (let i = 0; i < tokens.length; i++) {
    const token = at(i)!
    // Year 4 at Cromwell Primary, Y6 at St Mary's, reception at Hill View.
    const yearNumber = (token.lower === 'year' || token.lower === 'yr' || token.lower === 'y') && at(i + 1)?.kind === 'number' && Number(at(i + 1)!.text) <= 14 ? i + 1 : token.lower === 'reception' ? i : -1
    if (yearNumber >= 0 && (token.lower !== 'y' || at(i + 1)!.start === token.end)) {
      const preposition = at(yearNumber + 1)
      let end = yearNumber
      if (preposition && /^(?:at|in|of)$/.test(preposition.lower)) {
        for (let k = yearNumber + 2; k < tokens.length && k < yearNumber + 8; k++) {
          const word = at(k)!
          const capital = (candidate: Token | undefined) => candidate !== undefined && isCapitalised(candidate) && !STOP.has(candidate.lower)
          if (capital(word) || (k > yearNumber + 2 && /^(?:of|&|the)$/.test(word.lower) && capital(at(k + 1)))) end = k
          else break
        }
      }
      if (end > yearNumber + 1) {
        out.push(found(text, 'child', token.start, at(end)!.end, 'school-year-at-school'))
        i = end
        continue
      }
      if (token.lower !== 'reception' && aboutChild.has(token.sentence)) out.push(found(text, 'child', token.start, at(yearNumber)!.end, 'child-school-year'))
      continue
    }
    if (!aboutChild.has(token.sentence)) continue
    // Ages: aged 7, 7 years old, 7-year-old, 7yo, 18 months old, he is 7.
    if (token.kind === 'number' && Number(token.text) <= 25) {
      const before = at(i - 1)
      const after = at(i + 1)
      const afterLower = after?.lower ?? ''
      if (before && /^(?:aged?)$/.test(before.lower)) {
        out.push(found(text, 'child', before.start, token.end, 'child-age'))
        continue
      }
      if (after && /^(?:years?|yrs?|yo|months?|year-old|years-old)$/.test(afterLower.replace(/^-/, ''))) {
        let end = after.end
        if (at(i + 2)?.lower === 'old' || at(i + 2)?.lower === '-old') end = at(i + 2)!.end
        out.push(found(text, 'child', token.start, end, 'child-age'))
        continue
      }
      if (after?.text === '-' && /^(?:years?|years?-old|months?|months?-old)$/.test(at(i + 2)?.lower ?? '')) {
        const end = at(i + 3)?.lower === 'old' || at(i + 3)?.lower === '-old' ? at(i + 3)!.end : at(i + 2)!.end
        out.push(found(text, 'child', token.start, end, 'child-age'))
        continue
      }
      if (before && /^(?:is|was|turned|turns|he's|she's|he’s|she’s)$/.test(before.lower)) {
        out.push(found(text, 'child', token.start, token.end, 'child-age'))
        continue
      }
      if (before?.text === '(' && after?.text === ')') out.push(found(text, 'child', token.start, token.end, 'child-age'))
    }
    // The school, when the sentence is about the child: "my son goes to Cromwell Primary School".
    if (isCapitalised(token) && SCHOOL_WORDS.has(token.lower) && i > 0 && isCapitalised(at(i - 1)!) && !SCHOOL_WORDS.has(at(i - 1)!.lower)) {
      let from = i - 1
      while (from > 0 && from > i - 4 && isCapitalised(at(from - 1)!) && !at(from)!.sentenceStart) from--
      let end = i
      if (SCHOOL_WORDS.has(at(i + 1)?.lower ?? '') && isCapitalised(at(i + 1)!)) end = i + 1
      out.push(found(text, 'child', at(from)!.start, at(end)!.end, 'child-at-school'))
      i = end
    }
  }
  return out
}

/** Overlapping findings become one, of the more serious kind (the order of PRIORITY). */
function merge(text: string, findings: Found[]): Found[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end)
  const merged: Found[] = []
  for (const finding of sorted) {
    const last = merged[merged.length - 1]
    if (last && finding.start < last.end) {
      const keep = PRIORITY.indexOf(finding.kind) < PRIORITY.indexOf(last.kind) ? finding : last
      const end = Math.max(last.end, finding.end)
      merged[merged.length - 1] = { kind: keep.kind, why: keep.why, start: last.start, end, text: text.slice(last.start, end) }
    } else {
      merged.push(finding)
    }
  }
  return merged
}

/** Everything in `text` that could be personal data, in the order it appears. */
export function findPersonalData(text: string): PersonalDataFinding[] {
  const tokens = tokenise(text)
  return merge(text, [...emails(text), ...handles(text), ...numbers(text), ...dates(text), ...postcodes(text), ...flats(text), ...wordFindings(text, tokens)])
}

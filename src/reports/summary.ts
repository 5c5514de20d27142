// A readable summary of an assessment, for the CLI (and later an officer's page). Pure: it
// returns lines of text and prints nothing.

import type { Assessment, ItemStatus } from './assess.js'

const MARK: Readonly<Record<ItemStatus, string>> = { covered: '✓', partial: '~', missing: '✗' }

function ease(score: number): string {
  if (score >= 70) return 'easy'
  if (score >= 60) return 'plain English'
  if (score >= 50) return 'fairly hard'
  if (score >= 30) return 'hard'
  return 'very hard'
}

function quote(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`
}

export function summaryLines(assessment: Assessment, today: string): string[] {
  const count = (status: ItemStatus): number => assessment.items.filter((item) => item.status === status).length
  const lines = [`Schedule 1 items: ${count('covered')} covered, ${count('partial')} partly covered, ${count('missing')} missing`]
  for (const item of assessment.items) {
    lines.push(`  ${MARK[item.status]} ${item.id.padEnd(3)} ${item.title}`)
    const first = item.evidence[0]
    if (first) lines.push(`        ${quote(first.text)}`)
    if (item.status !== 'covered' && item.reasons.length > 0) lines.push(`        (${item.reasons[item.reasons.length - 1]})`)
  }
  const senco = assessment.senco
  const contacts = [senco.email, senco.phone].filter((value) => value !== null).join(', ')
  lines.push('', `SENCO: ${senco.name ?? 'no name found'}${contacts ? ` (${contacts})` : senco.name ? ' (no phone or email found)' : ''}`)
  lines.push(`Says where the council's Local Offer is published: ${assessment.localOfferLink ? 'yes' : 'no'}`)
  const r = assessment.readability
  lines.push(
    r.words === 0
      ? 'Readability: no prose to measure'
      : `Readability: Flesch reading ease ${r.fleschReadingEase} (${ease(r.fleschReadingEase)}), Flesch-Kincaid grade ${r.fleschKincaidGrade}, reading age ${r.readingAge}; ${r.longSentences} of ${r.sentences} sentences over 25 words`,
  )
  if (assessment.jargon.length === 0) lines.push('Jargon: every known acronym used is explained')
  else {
    lines.push('Jargon: acronyms used without being explained:')
    for (const finding of assessment.jargon) lines.push(`  ${finding.acronym} (${finding.count}×): add “${finding.explanation}”`)
  }
  lines.push(
    assessment.updated
      ? `Last updated: ${assessment.updated}${assessment.overdue ? ` — overdue: more than 12 months before ${today}` : ''}`
      : 'Last updated: no date found (reports must be reviewed every year)',
  )
  return lines
}

// The report page as PDF blocks: the same content as the parents' questions view, in order.
import type { Assessment } from '../assess.js'
import type { Translate } from '../../web/i18n/index.js'
import { formatDate } from '../../web/plugins/format.js'
import type { ReportSchool } from './load.js'
import type { PdfBlock } from './pdf.js'
import { answers, counts, gaps } from './view.js'

export function reportPdfBlocks(t: Translate, school: ReportSchool, assessment: Assessment, options: { council: string; today: string }): PdfBlock[] {
  const { senco } = assessment
  const notGiven = t('reportPages.notGiven')
  const blocks: PdfBlock[] = [
    { kind: 'title', text: t('reportPages.title', { school: school.name }) },
    { kind: 'small', text: t('reportPages.pdf.madeBy', { council: options.council, date: formatDate(options.today) }) },
    { kind: 'text', text: t('reportPages.intro', { school: school.name }) },
    { kind: 'heading', text: t('reportPages.sencoHeading') },
    { kind: 'text', text: `${t('reportPages.sencoName')}: ${senco.name ?? notGiven}` },
    { kind: 'text', text: `${t('reportPages.sencoEmail')}: ${senco.email ?? notGiven}` },
    { kind: 'text', text: `${t('reportPages.sencoPhone')}: ${senco.phone ?? notGiven}` },
    { kind: 'text', text: `${t('reportPages.updated')}: ${assessment.updated ? formatDate(assessment.updated) : t('reportPages.updatedNone')}` },
  ]
  if (assessment.overdue) blocks.push({ kind: 'text', text: `${t('reportPages.warning')}: ${t('reportPages.overdue')}` })
  blocks.push({ kind: 'text', text: t('reportPages.summary', { ...counts(assessment) }) })

  blocks.push({ kind: 'heading', text: t('reportPages.headings.questions') }, { kind: 'small', text: t('reportPages.attribution') })
  for (const answer of answers(t, assessment, 'questions')) {
    blocks.push({ kind: 'subheading', text: `${answer.heading} (${answer.tag.text})` })
    if (answer.extracts.length === 0) blocks.push({ kind: 'text', text: t('reportPages.nothingFound') })
    for (const words of answer.extracts) blocks.push({ kind: 'quote', text: words })
  }

  blocks.push({ kind: 'heading', text: t('reportPages.gapsHeading') })
  const missing = gaps(t, assessment, options.council)
  if (missing.length === 0) blocks.push({ kind: 'text', text: t('reportPages.gapsNone') })
  for (const gap of missing) blocks.push({ kind: 'text', text: `${gap.text} ${gap.ask}` })

  if (assessment.jargon.length > 0) {
    blocks.push({ kind: 'heading', text: t('reportPages.jargonHeading') })
    for (const finding of assessment.jargon) blocks.push({ kind: 'text', text: `${finding.acronym}: ${finding.explanation}` })
  }
  return blocks
}

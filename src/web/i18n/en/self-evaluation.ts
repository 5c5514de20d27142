// English strings of a school's self-evaluation grid (/manage/schools/:id/self-evaluation):
// part of the catalogue in ../en.ts. The prompts are the Cambridgeshire toolkit's own, from its
// framework for the school's information report (data/seed-documents/cambridgeshire-local-offer-toolkit.txt),
// punctuation tidied; items the framework gives no prompt for have none here.
import type { Catalogue } from '../index.js'

export const selfEvaluation = {
  title: 'Self-evaluation: {school}',
  caption: 'SEN information report',
  lead: 'Check the school’s SEN information report against each of the 13 things the SEND Regulations 2014 (Schedule 1) say it must include. For each one, say whether it is in place, partly in place or not in place, and add any comments.',
  source: 'This is the self-evaluation grid from Cambridgeshire County Council’s Local Offer toolkit for schools.',
  suggestedLead: 'Answers that have not been saved yet are suggested from the report. Check each one before you save.',
  noReport: 'The council holds no SEN information report for this school, so no answers could be suggested. Choose an answer for each item.',
  lastSaved: 'Last saved on {date}.',
  notSaved: 'Not saved yet.',
  csvLink: 'Download as a spreadsheet (CSV)',
  printLink: 'Printable version',
  reportLink: 'Read the report as parents see it',
  manageLink: 'Self-evaluation of the SEN information report',
  itemHeading: 'Item {id}: {title}',
  promptsSummary: 'What the toolkit suggests you cover',
  suggestedTag: 'Suggested from the report',
  suggestion: 'The report suggests: {status}',
  reportSays: 'The report says:',
  notFound: 'Not found in the report.',
  statusLegend: 'Is item {id} in place?',
  status: {
    'in-place': 'In place',
    partly: 'Partly',
    'not-in-place': 'Not in place',
  },
  commentLabel: 'Comments on item {id} (optional)',
  characterCount: {
    description: 'You can enter up to {max} characters',
    under: {
      one: 'You have %{count} character remaining',
      other: 'You have %{count} characters remaining',
    },
    at: 'You have 0 characters remaining',
    over: {
      one: 'You have %{count} character too many',
      other: 'You have %{count} characters too many',
    },
  },
  save: 'Save self-evaluation',
  successTitle: 'Success',
  saved: 'Self-evaluation saved',
  errorSummary: 'There is a problem',
  errors: {
    missing: 'Choose whether item {id} is in place, partly in place or not in place',
    unknown: 'Choose In place, Partly or Not in place for item {id}',
    tooLong: 'Comments on item {id} must be {max} characters or fewer',
  },
  conflict: {
    title: 'This self-evaluation has changed since you opened it',
    lead: 'Someone else saved it after you opened it (last saved on {date}). Your answers have not been saved yet.',
    differ: 'Where your answers differ from the saved ones',
    same: 'Your answers are the same as the saved ones.',
    theirs: 'Saved since you opened it',
    yours: 'Your answer',
    noAnswer: 'No answer saved',
    noComment: 'No comments',
    warning: 'Warning',
    saveMineLead: 'If you are sure yours are right, save them. This replaces the saved answers with yours, for every item.',
    saveMine: 'Save my answers instead',
    discard: 'Keep the saved answers and open the grid again',
  },
  print: {
    title: 'Self-evaluation: {school} (printable version)',
    urn: 'URN: {urn}',
    printed: 'Printed on {date}.',
    hint: 'Use your browser’s print command to print this page or save it as a PDF.',
    caption: 'Self-evaluation against Schedule 1',
    item: 'Item',
    status: 'Status',
    comments: 'Comments',
    suggestion: 'Suggested from the report',
    notAnswered: 'Not answered yet',
    back: 'Back to the self-evaluation',
  },
  csv: {
    item: 'Item',
    title: 'Item title',
    status: 'Status',
    comment: 'Comments',
    suggested: 'Suggested status from the report',
    evidence: 'Evidence from the report',
  },
  prompts: {
    '1': {
      '1': 'The types and levels of need for which the school or setting offers provision.',
      '2': 'How the school focuses on inclusive practice and removing barriers to learning (SEND Code of Practice 1.26 to 1.38).',
    },
    '2': {
      '1': 'What is the procedure for assessment of pupils on entry, including when a child or young person joins mid-year?',
      '2': 'How are parents’ and carers’, children’s and young people’s views of strengths and needs included?',
      '3': 'How do you avoid parents having to repeat the same information again and again? If the family are using a Family Information File, do you offer to continue this approach?',
      '4': 'Are parents and carers aware of the assessment procedures used in your school?',
      '5': 'Do they feel that the assessments are clear and easy to understand?',
      '6': 'Is the language of assessment used by your school clearly explained?',
    },
    '3a': {
      '1': 'What procedures do you have for listening and responding to the views of parents and carers and children and young people about the quality of provision?',
      '2': 'Do you regularly self-evaluate your SEND provision and act on the findings through the school development plan? Are parents involved in this process?',
      '3': 'How do you measure whether interventions are successful or not?',
    },
    '3b': {
      '1': 'How is the ‘Assess, Plan, Do, Review’ cycle organised in your school for children and young people on SEN Support? If a child or young person has an Education, Health and Care Plan, how is the Annual Review included as part of this cycle?',
    },
    '3c': {
      '1': 'A description of your policies and where they can be found.',
      '2': 'A description of what Quality First Teaching looks like in your school.',
    },
    '3d': {
      '1': 'A description of, and link to, your Access Plan.',
      '2': 'A description of what parents can expect from you as a ‘Communication Supportive School’ and a ‘Dyslexia Friendly School’.',
    },
    '3e': {
      '1': 'Your provision map explained.',
    },
    '3f': {
      '1': 'Any special clubs and facilities.',
    },
    '3g': {
      '1': 'Universal, targeted and specialist support.',
    },
    '5': {
      '1': 'SEND in the induction programme for teaching and non-teaching staff.',
      '2': 'The range of specialist expertise across the school.',
      '3': 'Arrangements in place for whole-school continuing professional development in SEND.',
      '4': 'Commitment to nationally identified programmes, for example the SENCo Award, Autism Education Trust training, or ELKLAN speech, language and communication training.',
      '5': 'Opportunities for joint staff and parent or carer training, if relevant.',
      '6': 'Accessing specialist support from outside the school (links to the Local Offer).',
    },
    '7': {
      '1': 'How parents and the child or young person are central to the Assess, Plan, Do, Review cycle.',
    },
    '8': {
      '1': 'Arrangements for personalisation.',
    },
    '11': {
      '1': 'Links to the Local Offer.',
    },
  },
} satisfies Catalogue

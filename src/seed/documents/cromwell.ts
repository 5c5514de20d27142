// Demo data from Cromwell Primary School's SEN information report (Birmingham).
// Source: data/seed-documents/cromwell-primary-sen-report.txt. Every value below is in that
// document; fields it is silent on are left out. Organisations whose runner the report does not
// name are recorded under the name it gives, with kind 'other'.
import { citing, COUNCIL, NO_ADDRESS } from '../source.js'
import type { SeedDataset } from '../types.js'

const FILE = 'cromwell-primary-sen-report.txt'
const BIRMINGHAM = COUNCIL.birmingham
const from = citing(FILE)

/** How the report says any outside agency is brought in. */
const VIA_SCHOOL =
  "Through Cromwell Primary School. The school always asks for parents' permission before an outside agency is involved, and can arrange for parents to meet the professional."

export const cromwellDataset: SeedDataset = {
  documents: [
    {
      file: FILE,
      title:
        'Local offer: arrangements for identifying, assessing and making provision for pupils with special educational needs at Cromwell Primary School (updated February 2019)',
      publisher: 'Cromwell Primary School',
      councilCode: BIRMINGHAM,
    },
  ],

  organisations: [
    {
      key: 'cromwell-org-birmingham-city-council',
      name: 'Birmingham City Council',
      kind: 'council',
      description: "The local authority for Birmingham, which publishes the Local Offer the school's report refers to.",
      addressNote: NO_ADDRESS,
      councilCodes: [BIRMINGHAM],
      source: from('Information about Birmingham Authorities Local offer can be found at-'),
    },
    {
      key: 'cromwell-org-pupil-and-school-support',
      name: 'Pupil and School Support',
      kind: 'other',
      description: 'An outside agency for learning difficulties that Cromwell Primary School works with.',
      addressNote: NO_ADDRESS,
      councilCodes: [BIRMINGHAM],
      source: from('Pupil and School support (Learning Difficulties)'),
    },
    {
      key: 'cromwell-org-beacon-behaviour-support',
      name: 'Beacon Behaviour Support Services',
      kind: 'other',
      description: 'An outside agency for emotional and social difficulties that Cromwell Primary School works with.',
      addressNote: NO_ADDRESS,
      councilCodes: [BIRMINGHAM],
      source: from('Beacon Behaviour Support Services (Emotional and Social Difficulties)'),
    },
    {
      key: 'cromwell-org-communication-and-autism-team',
      name: 'Communication and Autism Team (CAT)',
      kind: 'other',
      description: 'An outside agency for communication and autism that Cromwell Primary School works with.',
      addressNote: NO_ADDRESS,
      councilCodes: [BIRMINGHAM],
      source: from('CAT (Communication and autism team)'),
    },
    {
      key: 'cromwell-org-educational-psychologist',
      name: 'Educational Psychologist',
      kind: 'other',
      description: 'Educational psychology, one of the outside agencies Cromwell Primary School works with.',
      addressNote: NO_ADDRESS,
      councilCodes: [BIRMINGHAM],
      source: from(
        'support from outside agencies such as Pupil and School support, Behaviour support or the Educational Psychologist',
      ),
    },
    {
      key: 'cromwell-org-speech-and-language-therapist',
      name: 'Speech and Language Therapist',
      kind: 'other',
      description: 'Speech and language therapy, one of the outside agencies Cromwell Primary School works with.',
      addressNote: NO_ADDRESS,
      councilCodes: [BIRMINGHAM],
      source: from('Speech and Language Therapist'),
    },
    {
      key: 'cromwell-org-school-nurse-service',
      name: 'School Nurse Service',
      kind: 'other',
      addressNote: NO_ADDRESS,
      councilCodes: [BIRMINGHAM],
      source: from('School Nurse Service'),
    },
    {
      key: 'cromwell-org-pdss',
      name: 'Physical Difficulties Support Service (PDSS)',
      kind: 'other',
      description: 'An outside agency for physical difficulties that Cromwell Primary School works with.',
      addressNote: NO_ADDRESS,
      councilCodes: [BIRMINGHAM],
      source: from('PDSS (Physical Difficulties Support Service)'),
    },
    {
      key: 'cromwell-org-gp',
      name: 'GP (family doctor)',
      kind: 'other',
      addressNote: NO_ADDRESS,
      councilCodes: [BIRMINGHAM],
      source: from('It is recommended that you contact your GP to discuss any concerns you may have about your child’s needs'),
    },
  ],

  services: [
    {
      key: 'cromwell-birmingham-local-offer',
      organisationKey: 'cromwell-org-birmingham-city-council',
      name: 'Birmingham Local Offer',
      description:
        "The local authority's Local Offer sets out in one place the education, health and social care provision it expects to be available for children and young people in its area who have SEN or are disabled. The school's report points families to it but does not print its web address.",
      helpKind: 'advice',
      providerType: 'education',
      provisionLevel: 'universal',
      needs: [],
      addressNote: NO_ADDRESS,
      councilCodes: [BIRMINGHAM],
      contacts: [],
      source: from('Information about Birmingham Authorities Local offer can be found at-'),
    },
    {
      key: 'cromwell-pupil-and-school-support',
      organisationKey: 'cromwell-org-pupil-and-school-support',
      name: 'Pupil and School Support (learning difficulties)',
      description:
        "An outside agency that helps with learning difficulties. Cromwell Primary School calls on it, or on the Educational Psychologist, when a child with cognitive (learning) difficulties needs more than the school's own support.",
      helpKind: 'schools',
      providerType: 'education',
      provisionLevel: 'targeted',
      needs: ['cognition-learning'],
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [BIRMINGHAM],
      contacts: [],
      source: from('Pupil and School support (Learning Difficulties)'),
    },
    {
      key: 'cromwell-behaviour-support',
      organisationKey: 'cromwell-org-beacon-behaviour-support',
      name: 'Beacon Behaviour Support Services (emotional and social difficulties)',
      description:
        'An outside behaviour support service for emotional and social difficulties. It observes children who find it hard to manage their behaviour or need help with social skills, then meets the class teacher to suggest strategies for the classroom, and helps monitor how well they work.',
      helpKind: 'schools',
      providerType: 'education',
      provisionLevel: 'targeted',
      needs: ['semh', 'semh-needs'],
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [BIRMINGHAM],
      contacts: [],
      source: from('Beacon Behaviour Support Services (Emotional and Social Difficulties)'),
    },
    {
      key: 'cromwell-cat',
      organisationKey: 'cromwell-org-communication-and-autism-team',
      name: 'Communication and Autism Team (CAT)',
      description:
        'An outside team for children with communication needs and autism. It observes children in class, then meets the class teacher to suggest strategies for the classroom, and helps monitor how well they work.',
      helpKind: 'schools',
      providerType: 'education',
      provisionLevel: 'targeted',
      needs: ['autism', 'communication-interaction'],
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [BIRMINGHAM],
      contacts: [],
      source: from('CAT (Communication and autism team)'),
    },
    {
      key: 'cromwell-educational-psychologist',
      organisationKey: 'cromwell-org-educational-psychologist',
      name: 'Educational Psychologist',
      description:
        'An educational psychologist who observes children and gives advice. Cromwell Primary School involves the Educational Psychologist for children with emotional, social or communication difficulties and for children with learning difficulties.',
      helpKind: 'schools',
      providerType: 'education',
      provisionLevel: 'targeted',
      needs: ['cognition-learning', 'semh', 'communication-interaction'],
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [BIRMINGHAM],
      contacts: [],
      source: from(
        'support from outside agencies such as Pupil and School support, Behaviour support or the Educational Psychologist',
      ),
    },
    {
      key: 'cromwell-speech-and-language-therapy',
      organisationKey: 'cromwell-org-speech-and-language-therapist',
      name: 'Speech and Language Therapist (speech therapy)',
      description:
        'Speech and language therapy (speech therapy). Cromwell Primary School has access to a speech therapist every week, who can assess and support children with communication or speech difficulties.',
      helpKind: 'health',
      providerType: 'health',
      provisionLevel: 'targeted',
      needs: ['slcn', 'communication-interaction'],
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [BIRMINGHAM],
      contacts: [],
      source: from('School will also have access to speech therapist on a weekly basis.'),
    },
    {
      key: 'cromwell-school-nurse',
      organisationKey: 'cromwell-org-school-nurse-service',
      name: 'School Nurse Service',
      description: 'The school nurse service, which the report lists among the outside agencies Cromwell Primary School works with.',
      helpKind: 'health',
      providerType: 'health',
      provisionLevel: 'universal',
      needs: [],
      addressNote: NO_ADDRESS,
      councilCodes: [BIRMINGHAM],
      contacts: [],
      source: from('School Nurse Service'),
    },
    {
      key: 'cromwell-pdss',
      organisationKey: 'cromwell-org-pdss',
      name: 'Physical Difficulties Support Service (PDSS)',
      description:
        'An outside support service for children with physical difficulties. The school consults outside agencies like this for advice and support when a child has sensory or physical difficulties.',
      helpKind: 'schools',
      providerType: 'education',
      provisionLevel: 'targeted',
      needs: ['pd', 'sensory-physical'],
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [BIRMINGHAM],
      contacts: [],
      source: from('PDSS (Physical Difficulties Support Service)'),
    },
    {
      key: 'cromwell-gp',
      organisationKey: 'cromwell-org-gp',
      name: 'GP (family doctor)',
      description:
        "The school suggests that parents talk to their GP about any concerns about their child's needs, to get medical support and guidance and, where appropriate, assessments.",
      helpKind: 'health',
      providerType: 'health',
      provisionLevel: 'universal',
      needs: [],
      howToAccess: 'Parents contact their own GP.',
      addressNote: NO_ADDRESS,
      councilCodes: [BIRMINGHAM],
      contacts: [],
      source: from('It is recommended that you contact your GP to discuss any concerns you may have about your child’s needs'),
    },
  ],

  schools: [
    {
      key: 'cromwell-primary',
      name: 'Cromwell Primary School',
      phase: 'Primary',
      councilCode: BIRMINGHAM,
      addressNote: NO_ADDRESS,
      needs: ['communication-interaction', 'autism', 'slcn', 'cognition-learning', 'semh', 'sensory-physical'],
      reportFile: FILE,
      contacts: [
        {
          name: 'Class teacher',
          notes: 'The first person to raise a concern with. Class teachers are available at the end of the school day.',
        },
        {
          name: 'Mrs Lowe, SENDCo/Inclusion lead',
          email: 'l.lowe@cromwell.bham.sch.uk',
          notes: 'To arrange an appointment or a telephone conversation, see the school office.',
        },
        {
          name: 'Manna Noor, Special Educational Needs and Disabilities (SEND) governor',
          notes: 'Can be contacted via the school.',
        },
      ],
      source: from(
        'Provision that will be available for children attending Cromwell Primary school who have additional Special Educational Needs or a Disability',
      ),
    },
  ],
}

// Demo data from Abercromby Nursery School's Local Offer (Liverpool).
// Source: data/seed-documents/abercromby-nursery-local-offer.txt. Every value below is in that
// document; fields it is silent on are left out. The ASD Outreach Team, the Sensory Service and
// the Children's Services SEN Team are recorded under Liverpool City Council because the document
// calls them Local Authority services (or ties them to the Local Authority's statutory
// assessment). Services it only says the Local Authority pays for are recorded under the name it
// gives, with kind 'other' (or 'nhs' where it says Health provides them).
import { citing, COUNCIL, NO_ADDRESS } from '../source.js'
import type { SeedDataset } from '../types.js'

const FILE = 'abercromby-nursery-local-offer.txt'
const LIVERPOOL = COUNCIL.liverpool
const from = citing(FILE)

/** How the nursery says a child is referred to an outside professional. */
const VIA_SCHOOL =
  'Through the nursery. The class teacher or Inclusion Manager (or a parent) identifies the need, and parents are asked for permission before the school refers their child. Referrals are made with parents\' input.'

/** What the nursery says about services the Local Authority pays for centrally. */
const PAID_BY_LA = 'The Local Authority pays for this service centrally, and it is delivered in school.'

export const abercrombyDataset: SeedDataset = {
  documents: [
    {
      file: FILE,
      title: 'Abercromby Nursery School: Local Offer',
      publisher: 'Abercromby Nursery School',
      councilCode: LIVERPOOL,
    },
  ],

  organisations: [
    {
      key: 'abercromby-org-liverpool-city-council',
      name: 'Liverpool City Council',
      kind: 'council',
      description:
        'The local authority for Liverpool. It publishes the Local Offer that the nursery developed its own Local Offer alongside, and it carries out statutory assessments of children\'s needs.',
      addressNote: NO_ADDRESS,
      councilCodes: [LIVERPOOL],
      source: from('we have developed our Local Offer alongside that set out by Liverpool City Council'),
    },
    {
      key: 'abercromby-org-educational-psychology-service',
      name: 'Educational Psychology Service',
      kind: 'other',
      addressNote: NO_ADDRESS,
      councilCodes: [LIVERPOOL],
      source: from('Educational Psychology Service'),
    },
    {
      key: 'abercromby-org-salt-service',
      name: 'Speech and Language Therapy (SALT) Service',
      kind: 'nhs',
      description: 'The nursery says speech and language therapy is provided by Health and paid for by the Local Authority.',
      addressNote: NO_ADDRESS,
      councilCodes: [LIVERPOOL],
      source: from('Speech and Language Therapy (provided by Health but paid for by the Local Authority).'),
    },
    {
      key: 'abercromby-org-occupational-therapy-service',
      name: 'Occupational Therapy Service',
      kind: 'other',
      addressNote: NO_ADDRESS,
      councilCodes: [LIVERPOOL],
      source: from('Occupational therapy service'),
    },
    {
      key: 'abercromby-org-physiotherapy',
      name: 'Physiotherapy',
      kind: 'other',
      addressNote: NO_ADDRESS,
      councilCodes: [LIVERPOOL],
      source: from('Speech and Language therapy (SALT) Service, Occupational therapy service, Physiotherapy'),
    },
    {
      key: 'abercromby-org-camhs',
      name: 'CAMHS (Child and Adolescent Mental Health Service)',
      kind: 'other',
      addressNote: NO_ADDRESS,
      councilCodes: [LIVERPOOL],
      source: from('CAMHS (Child and Adolescent Mental Health Service)'),
    },
    {
      key: 'abercromby-org-parent-partnership-service',
      name: 'Parent Partnership Service',
      kind: 'other',
      description: 'Supports families through the SEN processes and procedures.',
      addressNote: NO_ADDRESS,
      councilCodes: [LIVERPOOL],
      source: from('Parent Partnership Service (to support families through the SEN processes and procedures).'),
    },
    {
      key: 'abercromby-org-seniss',
      name: 'SENISS',
      kind: 'other',
      description: 'Runs training courses that school staff attend. The document does not say what the initials stand for.',
      addressNote: NO_ADDRESS,
      councilCodes: [LIVERPOOL],
      source: from('e.g from the ASD Outreach service, SENISS or medical /health training'),
    },
  ],

  services: [
    {
      key: 'abercromby-liverpool-local-offer',
      organisationKey: 'abercromby-org-liverpool-city-council',
      name: 'Liverpool Local Offer',
      description:
        'The Local Authority\'s Local Offer: the services available to support children who are disabled or have SEN, and their families, from birth to 25, across education, health and social care. The nursery points parents to it for details of how a statutory assessment works. The document does not give its web address.',
      helpKind: 'advice',
      providerType: 'education',
      provisionLevel: 'universal',
      needs: [],
      minAge: 0,
      maxAge: 25,
      addressNote: NO_ADDRESS,
      councilCodes: [LIVERPOOL],
      contacts: [],
      source: from('you can find more details about this in the Local Authority (LA) based Local Offer'),
    },
    {
      key: 'abercromby-autism-outreach',
      organisationKey: 'abercromby-org-liverpool-city-council',
      name: 'Autism Outreach Service (ASD Outreach Team)',
      description:
        'A Local Authority central service that gives specialist support in school to children with autism (ASD). It also runs training courses for school staff. ' +
        PAID_BY_LA,
      helpKind: 'schools',
      providerType: 'education',
      provisionLevel: 'targeted',
      needs: ['autism', 'communication-interaction'],
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [LIVERPOOL],
      contacts: [],
      source: from(
        'Local Authority central services such as the ASD Outreach Team or Sensory Service (for students with a hearing or visual need)',
      ),
    },
    {
      key: 'abercromby-sensory-service',
      organisationKey: 'abercromby-org-liverpool-city-council',
      name: 'Sensory Service (hearing and visual needs)',
      description:
        'A Local Authority central service that gives specialist support in school to children with a hearing or visual need. ' +
        PAID_BY_LA,
      helpKind: 'schools',
      providerType: 'education',
      provisionLevel: 'targeted',
      needs: ['hi', 'vi', 'sensory-physical'],
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [LIVERPOOL],
      contacts: [],
      source: from('Sensory Service for children with visual or hearing needs'),
    },
    {
      key: 'abercromby-sen-team',
      organisationKey: 'abercromby-org-liverpool-city-council',
      name: "Children's Services SEN Team",
      description:
        'Supports parents while their child has a statutory assessment of special educational needs, making sure they fully understand the process.',
      helpKind: 'advice',
      providerType: 'education',
      provisionLevel: 'specialist',
      needs: [],
      eligibility: 'Families whose child is having a statutory assessment.',
      addressNote: NO_ADDRESS,
      councilCodes: [LIVERPOOL],
      contacts: [],
      source: from('you will also be supported by the Children’s Services SEN Team'),
    },
    {
      key: 'abercromby-educational-psychology',
      organisationKey: 'abercromby-org-educational-psychology-service',
      name: 'Educational Psychology Service',
      description:
        'An educational psychologist works with a child to understand their needs and makes recommendations, for example changes to support in class, targets, or a group run by school staff under their guidance. The Local Authority pays for the service centrally, and the nursery also pays for extra educational psychology input.',
      helpKind: 'schools',
      providerType: 'education',
      provisionLevel: 'targeted',
      needs: [],
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [LIVERPOOL],
      contacts: [],
      source: from('Educational Psychology input to provide a higher level of service to the school'),
    },
    {
      key: 'abercromby-speech-and-language-therapy',
      organisationKey: 'abercromby-org-salt-service',
      name: 'Speech and Language Therapy (SALT)',
      description:
        'Speech and language therapy (speech therapy) for children at the nursery, including therapy groups in school. Health provides it and the Local Authority pays for it. The nursery also pays for extra therapy input, and its teaching assistants deliver speech and language therapy interventions.',
      helpKind: 'health',
      providerType: 'health',
      provisionLevel: 'targeted',
      needs: ['slcn', 'communication-interaction'],
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [LIVERPOOL],
      contacts: [],
      source: from('Speech and Language Therapy (provided by Health but paid for by the Local Authority).'),
    },
    {
      key: 'abercromby-occupational-therapy',
      organisationKey: 'abercromby-org-occupational-therapy-service',
      name: 'Occupational Therapy',
      description:
        'Occupational therapy for children at the nursery, including occupational therapy groups run in school. ' + PAID_BY_LA,
      helpKind: 'health',
      providerType: 'health',
      provisionLevel: 'targeted',
      needs: ['pd', 'sensory-physical'],
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [LIVERPOOL],
      contacts: [],
      source: from('Speech and Language Therapy or Occupational Therapy groups'),
    },
    {
      key: 'abercromby-physiotherapy',
      organisationKey: 'abercromby-org-physiotherapy',
      name: 'Physiotherapy',
      description:
        'Physiotherapy for children at the nursery, named among the outside agencies that may support a child who needs a high level of help. ' +
        PAID_BY_LA,
      helpKind: 'health',
      providerType: 'health',
      provisionLevel: 'specialist',
      needs: ['pd', 'sensory-physical'],
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [LIVERPOOL],
      contacts: [],
      source: from('Speech and Language therapy (SALT) Service, Occupational therapy service, Physiotherapy'),
    },
    {
      key: 'abercromby-camhs',
      organisationKey: 'abercromby-org-camhs',
      name: 'CAMHS (Child and Adolescent Mental Health Service)',
      description:
        'A mental health service for children, named among the outside agencies that may give specialist support in school to a child who needs a high level of help, usually through an EHC plan.',
      helpKind: 'health',
      providerType: 'health',
      provisionLevel: 'specialist',
      needs: ['semh', 'semh-needs'],
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [LIVERPOOL],
      contacts: [],
      source: from('Physiotherapy and/or CAMHS (Child and Adolescent Mental Health Service)'),
    },
    {
      key: 'abercromby-parent-partnership',
      organisationKey: 'abercromby-org-parent-partnership-service',
      name: 'Parent Partnership Service',
      description: 'Supports families through the SEN processes and procedures. The Local Authority pays for it centrally.',
      helpKind: 'advice',
      providerType: 'education',
      provisionLevel: 'targeted',
      needs: [],
      addressNote: NO_ADDRESS,
      councilCodes: [LIVERPOOL],
      contacts: [],
      source: from('Parent Partnership Service (to support families through the SEN processes and procedures).'),
    },
    {
      key: 'abercromby-seniss-training',
      organisationKey: 'abercromby-org-seniss',
      name: 'SENISS training for school staff',
      description:
        'Training courses that nursery teachers and support staff attend when they are relevant to the needs of particular children in their class.',
      helpKind: 'schools',
      providerType: 'education',
      provisionLevel: 'targeted',
      needs: [],
      eligibility: 'School staff.',
      addressNote: NO_ADDRESS,
      councilCodes: [LIVERPOOL],
      contacts: [],
      source: from('e.g from the ASD Outreach service, SENISS or medical /health training'),
    },
  ],

  schools: [
    {
      key: 'abercromby-nursery',
      name: 'Abercromby Nursery School',
      phase: 'Nursery',
      councilCode: LIVERPOOL,
      addressNote: NO_ADDRESS,
      needs: [
        'communication-interaction',
        'autism',
        'slcn',
        'cognition-learning',
        'semh',
        'sensory-physical',
        'hi',
        'vi',
      ],
      reportFile: FILE,
      contacts: [
        {
          name: 'Class teacher/key worker',
          notes: 'The first person to speak to about concerns about a child\'s progress.',
        },
        {
          name: 'Laura Hutchison, Inclusion Manager/Special Educational Needs Co-ordinator (SENCO)',
          notes: 'Contact by telephoning or visiting the school to arrange an appointment.',
        },
        {
          name: 'Tamara Bennett',
          notes:
            'Named with the Inclusion Manager as someone to speak to if concerns about progress are not being managed. The document does not give her role.',
        },
        {
          name: 'Head teacher',
          notes: 'Contact by telephoning or visiting the school to arrange an appointment.',
        },
        {
          name: 'Gemma Hornsby, SEND Governor',
          notes: 'Contact by telephoning or visiting the school to arrange an appointment.',
        },
      ],
      source: from('Abercromby Nursery is an inclusive school.'),
    },
  ],
}

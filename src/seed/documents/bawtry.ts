// Demo data from Bawtry Mayflower Primary School's SEND and Local Offer page (Doncaster).
// Source: data/seed-documents/bawtry-mayflower-primary-send.txt. Every value below is in that
// document; fields it is silent on are left out. The document says "the Local Authority" without
// naming it; the services it calls "Local Authority central services" are recorded under the
// council for Doncaster, where the school is. Other outside agencies are recorded under the names
// it gives, with kind 'other'.
import { citing, COUNCIL, NO_ADDRESS } from '../source.js'
import type { SeedDataset } from '../types.js'

const FILE = 'bawtry-mayflower-primary-send.txt'
const DONCASTER = COUNCIL.doncaster
const from = citing(FILE)

/** How the school says a child is referred to a specialist professional. */
const VIA_SCHOOL =
  'Through the school. The class teacher or SENCO (or a parent) identifies the need, parents are invited to a meeting, and parents may be asked for permission for the school to refer their child.'

/** Who the outside agencies are for, in the document's words. */
const FOR_BARRIERS =
  'Children with specific barriers to learning that cannot be overcome through Quality First Teaching and intervention groups.'

export const bawtryDataset: SeedDataset = {
  documents: [
    {
      file: FILE,
      title: 'Bawtry Mayflower Primary School: SEND and The Local Offer',
      publisher: 'Bawtry Mayflower Primary School',
      councilCode: DONCASTER,
    },
  ],

  organisations: [
    {
      key: 'bawtry-org-city-of-doncaster-council',
      name: 'City of Doncaster Council',
      kind: 'council',
      description:
        'The local authority for Doncaster. The school\'s page calls it "the Local Authority" and does not name it. It carries out statutory assessments and writes EHC plans.',
      addressNote: NO_ADDRESS,
      councilCodes: [DONCASTER],
      source: from('Local Authority central services such as ASCETS Team who support children with Autism Spectrum Disorder'),
    },
    {
      key: 'bawtry-org-play-therapists',
      name: 'Play Therapists',
      kind: 'other',
      addressNote: NO_ADDRESS,
      councilCodes: [DONCASTER],
      source: from('Play Therapists'),
    },
    {
      key: 'bawtry-org-mental-health-service',
      name: 'Children and Adult Mental Health Service',
      kind: 'other',
      addressNote: NO_ADDRESS,
      councilCodes: [DONCASTER],
      source: from('Children and Adult Mental Health Service'),
    },
    {
      key: 'bawtry-org-social-services',
      name: 'Social services',
      kind: 'other',
      addressNote: NO_ADDRESS,
      councilCodes: [DONCASTER],
      source: from('Children and Adult Mental Health Service Social services School Nurse'),
    },
    {
      key: 'bawtry-org-school-nurse',
      name: 'School Nurse',
      kind: 'other',
      addressNote: NO_ADDRESS,
      councilCodes: [DONCASTER],
      source: from('Social services School Nurse Community Pediatrician'),
    },
    {
      key: 'bawtry-org-community-paediatrician',
      name: 'Community Paediatrician',
      kind: 'other',
      addressNote: NO_ADDRESS,
      councilCodes: [DONCASTER],
      source: from('Community Pediatrician'),
    },
    {
      key: 'bawtry-org-speech-and-language-therapy',
      name: 'Speech and Language Therapy',
      kind: 'other',
      addressNote: NO_ADDRESS,
      councilCodes: [DONCASTER],
      source: from('Community Pediatrician Speech and Language Therapy Occupational Therapy'),
    },
    {
      key: 'bawtry-org-occupational-therapy',
      name: 'Occupational Therapy',
      kind: 'other',
      addressNote: NO_ADDRESS,
      councilCodes: [DONCASTER],
      source: from('Speech and Language Therapy Occupational Therapy'),
    },
  ],

  services: [
    {
      key: 'bawtry-ascets',
      organisationKey: 'bawtry-org-city-of-doncaster-council',
      name: 'ASCETS Team (autism)',
      description:
        'A Local Authority central service that supports children with Autism Spectrum Disorder, giving specialist support in school. The specialist works with the child to understand their needs and makes recommendations, such as changes to support in class, more specific targets, or a group run by school staff under their guidance.',
      helpKind: 'schools',
      providerType: 'education',
      provisionLevel: 'targeted',
      needs: ['autism', 'communication-interaction'],
      eligibility: FOR_BARRIERS,
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [DONCASTER],
      contacts: [],
      source: from('ASCETS Team who support children with Autism Spectrum Disorder'),
    },
    {
      key: 'bawtry-educational-psychology',
      organisationKey: 'bawtry-org-city-of-doncaster-council',
      name: 'Educational Psychology Service',
      description:
        'A Local Authority central service. An educational psychologist works with a child to understand their needs and makes recommendations to the school, such as changes to support in class, more specific targets, or group or individual work.',
      helpKind: 'schools',
      providerType: 'education',
      provisionLevel: 'targeted',
      needs: [],
      eligibility: FOR_BARRIERS,
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [DONCASTER],
      contacts: [],
      source: from('Educational Psychology Service, Hearing and Visual Impairment Team.'),
    },
    {
      key: 'bawtry-hearing-and-visual-impairment',
      organisationKey: 'bawtry-org-city-of-doncaster-council',
      name: 'Hearing and Visual Impairment Team',
      description:
        'A Local Authority central service giving specialist support in school to children with a hearing or visual impairment.',
      helpKind: 'schools',
      providerType: 'education',
      provisionLevel: 'targeted',
      needs: ['hi', 'vi', 'sensory-physical'],
      eligibility: FOR_BARRIERS,
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [DONCASTER],
      contacts: [],
      source: from('Educational Psychology Service, Hearing and Visual Impairment Team.'),
    },
    {
      key: 'bawtry-play-therapists',
      organisationKey: 'bawtry-org-play-therapists',
      name: 'Play Therapists',
      description: 'Play therapists, listed among the outside agencies that may give a child specialist support in school.',
      helpKind: 'health',
      providerType: 'health',
      provisionLevel: 'targeted',
      needs: ['semh'],
      eligibility: FOR_BARRIERS,
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [DONCASTER],
      contacts: [],
      source: from('Play Therapists'),
    },
    {
      key: 'bawtry-mental-health-service',
      organisationKey: 'bawtry-org-mental-health-service',
      name: 'Children and Adult Mental Health Service',
      description:
        'A mental health service, listed among the outside agencies that may give a child specialist support. The document names it "Children and Adult Mental Health Service".',
      helpKind: 'health',
      providerType: 'health',
      provisionLevel: 'specialist',
      needs: ['semh', 'semh-needs'],
      eligibility: FOR_BARRIERS,
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [DONCASTER],
      contacts: [],
      source: from('Children and Adult Mental Health Service'),
    },
    {
      key: 'bawtry-social-services',
      organisationKey: 'bawtry-org-social-services',
      name: 'Social services',
      description: 'Social services, listed among the outside agencies the school may involve and liaise with.',
      helpKind: 'social_care',
      providerType: 'social_care',
      provisionLevel: 'targeted',
      needs: [],
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [DONCASTER],
      contacts: [],
      source: from('Children and Adult Mental Health Service Social services School Nurse'),
    },
    {
      key: 'bawtry-school-nurse',
      organisationKey: 'bawtry-org-school-nurse',
      name: 'School Nurse',
      description: 'The school nurse, listed among the outside agencies that may support a child.',
      helpKind: 'health',
      providerType: 'health',
      provisionLevel: 'universal',
      needs: [],
      addressNote: NO_ADDRESS,
      councilCodes: [DONCASTER],
      contacts: [],
      source: from('Social services School Nurse Community Pediatrician'),
    },
    {
      key: 'bawtry-community-paediatrician',
      organisationKey: 'bawtry-org-community-paediatrician',
      name: 'Community Paediatrician',
      description:
        'A community paediatrician (spelt "Pediatrician" in the document), listed among the outside agencies that may give a child specialist support.',
      helpKind: 'health',
      providerType: 'health',
      provisionLevel: 'specialist',
      needs: [],
      eligibility: FOR_BARRIERS,
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [DONCASTER],
      contacts: [],
      source: from('Community Pediatrician'),
    },
    {
      key: 'bawtry-speech-and-language-therapy',
      organisationKey: 'bawtry-org-speech-and-language-therapy',
      name: 'Speech and Language Therapy',
      description:
        'Speech and language therapy (speech therapy). A speech and language therapist works with the child to understand their needs and makes recommendations, which may include a group run by school staff under their guidance, such as a social skills group, or group or individual work with the therapist.',
      helpKind: 'health',
      providerType: 'health',
      provisionLevel: 'targeted',
      needs: ['slcn', 'communication-interaction'],
      eligibility: FOR_BARRIERS,
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [DONCASTER],
      contacts: [],
      source: from('a Speech and Language Therapist or Educational Psychologist'),
    },
    {
      key: 'bawtry-occupational-therapy',
      organisationKey: 'bawtry-org-occupational-therapy',
      name: 'Occupational Therapy',
      description: 'Occupational therapy, listed among the outside agencies that may give a child specialist support in school.',
      helpKind: 'health',
      providerType: 'health',
      provisionLevel: 'targeted',
      needs: ['pd', 'sensory-physical'],
      eligibility: FOR_BARRIERS,
      howToAccess: VIA_SCHOOL,
      addressNote: NO_ADDRESS,
      councilCodes: [DONCASTER],
      contacts: [],
      source: from('Speech and Language Therapy Occupational Therapy'),
    },
  ],

  schools: [
    {
      key: 'bawtry-mayflower-primary',
      name: 'Bawtry Mayflower Primary School',
      phase: 'Primary',
      councilCode: DONCASTER,
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
          name: 'Class teacher',
          notes: 'The first person to speak to about concerns about a child\'s progress.',
        },
        {
          name: 'Miss M Harrison, Special Educational Needs Co-ordinator/Inclusion Manager',
          notes: 'Shares the role with Mrs N Walker.',
        },
        {
          name: 'Mrs N Walker, Special Educational Needs Co-ordinator/Inclusion Manager',
          notes: 'Shares the role with Miss M Harrison.',
        },
        {
          name: 'Mrs J Jenkinson, Headteacher',
          notes: 'Has overall responsibility for provision for children with SEN.',
        },
        {
          name: 'Mrs A Bardell, SEND governor',
          notes: 'The governor with a particular interest in SEN. Parents can speak to her if they are still not happy after speaking to the Inclusion Manager or Head Teacher.',
        },
      ],
      source: from('Bawtry Mayflower Primary School has adopted these changes'),
    },
  ],
}

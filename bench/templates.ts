// SYNTHETIC text for the benchmark's generator (bench/generate.ts). None of this describes a real
// service: names are built from templates and always carry "(synthetic)". The words are the
// field's own (autism, speech and language therapy, CAMHS, short breaks, SENDIASS, ...) so that
// searches match realistically many records, and realistically few for the rarer words.
import type { HelpKind, ProviderType, ProvisionLevel } from '../src/domain/model.js'

export interface Category {
  key: string
  /** Relative share of all services. */
  weight: number
  helpKinds: Array<[HelpKind, number]>
  providers: Array<[ProviderType, number]>
  levels: Array<[ProvisionLevel, number]>
  /** Need tags: one option is picked per service. */
  needs: Array<[string[], number]>
  ages: Array<[[number, number] | null, number]>
  /** Probability the service is free; otherwise charged (or, 1 in 4, unknown). */
  freeRate: number
  names: string[]
  sentences: string[]
  /** Activities and groups get a schedule. */
  scheduled?: boolean
}

const AGES_ALL: Category['ages'] = [
  [[0, 25], 3],
  [[0, 19], 3],
  [[0, 18], 2],
  [[5, 18], 2],
  [null, 1],
]
const AGES_CHILD: Category['ages'] = [
  [[0, 4], 1],
  [[0, 5], 1],
  [[2, 11], 1],
  [[5, 11], 2],
  [[5, 16], 2],
  [[11, 18], 2],
  [[0, 18], 2],
  [null, 1],
]
const AGES_YOUNG: Category['ages'] = [
  [[8, 18], 2],
  [[11, 18], 2],
  [[11, 25], 2],
  [[13, 19], 1],
  [[5, 16], 1],
  [null, 1],
]

export const CATEGORIES: Category[] = [
  {
    key: 'autism',
    weight: 10,
    helpKinds: [['advice', 4], ['health', 3], ['activities', 2], ['schools', 1]],
    providers: [['voluntary', 4], ['education', 3], ['health', 3]],
    levels: [['targeted', 6], ['specialist', 3], ['universal', 1]],
    needs: [[['autism'], 6], [['autism', 'slcn'], 2], [['autism', 'adhd'], 2], [['autism', 'semh-needs'], 1]],
    ages: AGES_CHILD,
    freeRate: 0.75,
    names: [
      'Autism Outreach Team',
      'Autism Family Support Group',
      'Autism Parent Workshops',
      'Social Communication and Autism Service',
      'Autism Assessment Pathway',
      'Autism-friendly Saturday Club',
      'Autism Spectrum Advisory Teachers',
      'Autistic Young People Peer Group',
      'Post-diagnosis Autism Course for Parents',
    ],
    sentences: [
      'We support autistic children and young people and their families, before and after a diagnosis.',
      'Our advisory teachers help schools make reasonable adjustments for pupils on the autism spectrum.',
      'Sessions cover sensory differences, communication, anxiety and coping with change.',
      'The group is run by parents of autistic children, for parents and carers.',
      'Assessments follow NICE guidance and include a multi-disciplinary review with a paediatrician and a speech and language therapist.',
      'Young people with autism spectrum condition or Asperger syndrome meet to share interests in a calm space.',
      'You do not need a diagnosis of autism (ASD) to come along.',
    ],
  },
  {
    key: 'slcn',
    weight: 9,
    helpKinds: [['health', 8], ['schools', 2]],
    providers: [['health', 8], ['education', 2]],
    levels: [['targeted', 6], ['specialist', 3], ['universal', 1]],
    needs: [[['slcn'], 8], [['slcn', 'autism'], 1], [['slcn', 'pmld'], 1]],
    ages: AGES_CHILD,
    freeRate: 0.9,
    names: [
      "Children's Speech and Language Therapy",
      'Speech and Language Therapy Drop-in',
      'Language Development Team',
      'Talking Time Early Language Groups',
      'Stammering Clinic',
      'Speech Therapy for Schools',
      'Communication Champions Programme',
    ],
    sentences: [
      'Speech and language therapists assess and support children with speech, language and communication needs (SLCN).',
      'We see children with speech sound difficulties, language delay, developmental language disorder (DLD) and stammering.',
      'Therapy may take place at home, in a clinic, or in your child\'s nursery or school.',
      'We also support children with eating, drinking and swallowing difficulties.',
      'Early language groups help toddlers who are slow to start talking.',
      'Our speech therapists train teaching assistants to run language programmes in class.',
    ],
  },
  {
    key: 'dyslexia',
    weight: 6,
    helpKinds: [['schools', 5], ['advice', 3], ['activities', 1]],
    providers: [['education', 6], ['voluntary', 4]],
    levels: [['targeted', 7], ['universal', 2], ['specialist', 1]],
    needs: [[['spld'], 7], [['spld', 'mld'], 2], [['cognition-learning'], 1]],
    ages: AGES_CHILD,
    freeRate: 0.55,
    names: [
      'Dyslexia Assessment and Tuition',
      'Specific Learning Difficulties Advisory Service',
      'Dyslexia Drop-in for Parents',
      'Literacy Support Programme',
      'Dyscalculia and Maths Support',
      'Dyspraxia (DCD) Support Group',
      'Reading and Spelling Clinic',
    ],
    sentences: [
      'Specialist teachers assess reading, spelling and working memory and write a report with practical strategies.',
      'We support dyslexic learners with structured, multi-sensory literacy teaching.',
      'Pupils with dyslexia, dyscalculia or dyspraxia can get exam access arrangements.',
      'Parents learn simple ways to help with reading and spelling at home.',
      'We work alongside the school SENCO to plan support for specific learning difficulties (SpLD).',
    ],
  },
  {
    key: 'adhd',
    weight: 6,
    helpKinds: [['health', 5], ['advice', 4], ['activities', 1]],
    providers: [['health', 5], ['voluntary', 5]],
    levels: [['targeted', 6], ['specialist', 4]],
    needs: [[['adhd'], 6], [['adhd', 'autism'], 2], [['adhd', 'semh-needs'], 2]],
    ages: AGES_CHILD,
    freeRate: 0.8,
    names: [
      'ADHD Parent Support Group',
      'ADHD Assessment Service',
      'ADHD Coaching for Teenagers',
      'ADHD and Neurodiversity Family Network',
      'Attention Deficit Hyperactivity Disorder Clinic',
    ],
    sentences: [
      'We assess children and young people who may have attention deficit hyperactivity disorder (ADHD).',
      'Parents share strategies for routines, sleep, school and behaviour.',
      'Medication reviews are carried out by the community paediatric team.',
      'Coaching helps teenagers with ADHD plan their time and manage exams.',
    ],
  },
  {
    key: 'camhs',
    weight: 8,
    helpKinds: [['health', 9], ['advice', 1]],
    providers: [['health', 8], ['voluntary', 2]],
    levels: [['targeted', 5], ['specialist', 5]],
    needs: [[['semh-needs'], 6], [['semh-needs', 'adhd'], 1], [['semh'], 2], [['semh-needs', 'autism'], 1]],
    ages: AGES_YOUNG,
    freeRate: 0.97,
    names: [
      'CAMHS Community Team',
      'CAMHS Learning Disability Team',
      'Emotional Wellbeing Service',
      'Mental Health Support Team in Schools',
      'Anxiety and Low Mood Group',
      'Online Counselling for Young People',
      'Child and Adolescent Mental Health Services (CAMHS) Crisis Line',
    ],
    sentences: [
      'Child and adolescent mental health services (CAMHS) help young people with anxiety, low mood, self-harm and eating difficulties.',
      'Our mental health practitioners work in schools to offer early help with emotional wellbeing.',
      'Young people can talk to a counsellor online, by text or face to face.',
      'Referrals come from a GP, school, or the young person themselves.',
      'We offer cognitive behavioural therapy (CBT), family therapy and group work.',
    ],
  },
  {
    key: 'short-breaks',
    weight: 9,
    helpKinds: [['social_care', 8], ['activities', 2]],
    providers: [['social_care', 5], ['voluntary', 4], ['leisure', 1]],
    levels: [['targeted', 5], ['specialist', 5]],
    needs: [[['sld'], 3], [['pmld'], 2], [['autism', 'sld'], 2], [['pd'], 1], [['autism'], 2], [[], 1]],
    ages: AGES_ALL,
    freeRate: 0.5,
    scheduled: true,
    names: [
      'Short Breaks Saturday Club',
      'Overnight Short Breaks (respite care)',
      'Holiday Playscheme for Disabled Children',
      'Family Link Short Breaks',
      'Direct Payments for Short Breaks',
      'After-school Short Breaks Club',
      'Residential Respite Unit',
    ],
    sentences: [
      'Short breaks give disabled children fun things to do and give parent carers a rest.',
      'Our residential unit offers overnight respite for children with complex needs.',
      'Trained staff support children with learning disabilities, autism and physical disabilities.',
      'Families can use direct payments to buy short breaks that suit them.',
      'The holiday playscheme runs in school holidays with trips, sport, arts and crafts.',
    ],
  },
  {
    key: 'sensory',
    weight: 4,
    helpKinds: [['schools', 5], ['health', 3], ['activities', 2]],
    providers: [['education', 5], ['health', 3], ['leisure', 2]],
    levels: [['specialist', 5], ['targeted', 5]],
    needs: [[['msi'], 3], [['sensory-physical'], 3], [['autism'], 2], [['hi', 'vi'], 2]],
    ages: AGES_CHILD,
    freeRate: 0.8,
    names: [
      'Sensory Support Service',
      'Sensory Processing Workshops',
      'Multi-sensory Impairment Team',
      'Sensory Room Sessions',
      'Deafblind Outreach Service',
    ],
    sentences: [
      'Our sensory support teachers work with children who have hearing, vision or multi-sensory impairment.',
      'Workshops explain sensory processing differences and practical ideas for home and school.',
      'The sensory room has lights, music and soft play for children with profound and multiple learning difficulties.',
      'We support deafblind children and their families from diagnosis onwards.',
    ],
  },
  {
    key: 'hearing',
    weight: 4,
    helpKinds: [['schools', 4], ['health', 4], ['activities', 2]],
    providers: [['education', 4], ['health', 4], ['voluntary', 2]],
    levels: [['specialist', 6], ['targeted', 4]],
    needs: [[['hi'], 9], [['hi', 'slcn'], 1]],
    ages: AGES_CHILD,
    freeRate: 0.85,
    names: [
      'Hearing Impairment Team',
      'Teachers of the Deaf',
      "Deaf Children's Youth Club",
      'Paediatric Audiology Clinic',
      'British Sign Language Classes for Families',
    ],
    sentences: [
      'Qualified teachers of the deaf support children with hearing loss at home, in nursery and in school.',
      'We check hearing aids and radio aids and advise schools on listening environments.',
      'Families learn British Sign Language (BSL) together.',
      'Deaf young people meet others and build confidence.',
    ],
  },
  {
    key: 'visual',
    weight: 3,
    helpKinds: [['schools', 5], ['health', 3], ['activities', 2]],
    providers: [['education', 5], ['health', 3], ['voluntary', 2]],
    levels: [['specialist', 7], ['targeted', 3]],
    needs: [[['vi'], 9], [['vi', 'msi'], 1]],
    ages: AGES_CHILD,
    freeRate: 0.85,
    names: [
      'Visual Impairment Team',
      'Habilitation Service for Blind and Partially Sighted Children',
      'Braille and Touch-typing Club',
      'Low Vision Clinic',
    ],
    sentences: [
      'Qualified teachers of children with visual impairment (QTVI) support learning at home and in school.',
      'Habilitation specialists teach mobility, independence and daily living skills.',
      'We adapt books and worksheets into braille, large print and audio.',
      'The low vision clinic assesses sight and prescribes magnifiers.',
    ],
  },
  {
    key: 'physical',
    weight: 4,
    helpKinds: [['health', 6], ['activities', 3], ['social_care', 1]],
    providers: [['health', 6], ['leisure', 3], ['social_care', 1]],
    levels: [['targeted', 5], ['specialist', 5]],
    needs: [[['pd'], 8], [['pd', 'pmld'], 2]],
    ages: AGES_ALL,
    freeRate: 0.7,
    names: [
      "Children's Physiotherapy",
      'Wheelchair Service',
      "Children's Occupational Therapy",
      'Accessible Swimming Sessions',
      'Adapted Cycling Club',
    ],
    sentences: [
      'Physiotherapists help children with physical disabilities improve movement, posture and strength.',
      'Occupational therapists help with everyday skills such as dressing, writing and eating.',
      'The wheelchair service assesses, provides and repairs wheelchairs and seating.',
      'Adapted bikes and trikes are available for riders of all abilities.',
    ],
  },
  {
    key: 'parent-support',
    weight: 7,
    helpKinds: [['advice', 9], ['social_care', 1]],
    providers: [['voluntary', 6], ['social_care', 2], ['education', 2]],
    levels: [['universal', 4], ['targeted', 6]],
    needs: [[[], 4], [['autism'], 1], [['adhd'], 1], [['sld'], 1], [['semh-needs'], 1], [['slcn'], 1]],
    ages: AGES_ALL,
    freeRate: 0.9,
    scheduled: true,
    names: [
      'Parent Carer Forum',
      'Parent Support Group',
      'Family Support Worker Service',
      'Parenting Course for Families of Children with SEND',
      'Sibling Support Group',
      'Dads of Disabled Children Network',
    ],
    sentences: [
      'Parent carers meet for a coffee, a chat and information from visiting speakers.',
      'Our family support workers visit at home and help with forms, routines and appointments.',
      'The course helps parents understand their child\'s behaviour and plan for the future.',
      'Siblings of disabled children take a break and meet others in the same situation.',
      'The forum works with the council and the NHS to improve local services for families.',
    ],
  },
  {
    key: 'sendiass',
    weight: 2,
    helpKinds: [['advice', 10]],
    providers: [['education', 5], ['voluntary', 5]],
    levels: [['universal', 8], ['targeted', 2]],
    needs: [[[], 10]],
    ages: AGES_ALL,
    freeRate: 1,
    names: [
      'SEND Information, Advice and Support Service (SENDIASS)',
      'Independent Supporters for EHC Needs Assessments',
      'SEND Mediation and Disagreement Resolution Service',
    ],
    sentences: [
      'Free, impartial and confidential information, advice and support about special educational needs and disabilities (SEND).',
      'We help families through EHC needs assessments, education health and care plans and annual reviews.',
      'We can go with you to meetings with the school or the council.',
      'Formerly known as Parent Partnership, the service is arm\'s length from the council.',
    ],
  },
  {
    key: 'youth',
    weight: 10,
    helpKinds: [['activities', 10]],
    providers: [['leisure', 5], ['voluntary', 5]],
    levels: [['universal', 5], ['targeted', 5]],
    needs: [[[], 3], [['autism'], 2], [['sld'], 2], [['pd'], 1], [['mld'], 1], [['adhd'], 1]],
    ages: AGES_YOUNG,
    freeRate: 0.35,
    scheduled: true,
    names: [
      'Inclusive Youth Club',
      'SEND Youth Club',
      'Disability Sports Club',
      'Inclusive Drama Group',
      'Saturday Multi-sports',
      'Inclusive Scouts Group',
      'Music Therapy Group',
      'Relaxed Cinema Screenings',
      'Accessible Climbing Sessions',
    ],
    sentences: [
      'A youth club for young people with additional needs, with games, cooking, music and trips.',
      'Coaches are trained to include disabled children in every session.',
      'Relaxed sessions have lower lights and sound and a quiet space.',
      'Young people choose the activities and plan trips together.',
      'Music therapists use instruments and songs to support communication.',
    ],
  },
  {
    key: 'education-services',
    weight: 6,
    helpKinds: [['schools', 9], ['advice', 1]],
    providers: [['education', 10]],
    levels: [['targeted', 5], ['specialist', 4], ['universal', 1]],
    needs: [[[], 3], [['cognition-learning'], 1], [['mld'], 1], [['semh-needs'], 1], [['communication-interaction'], 1], [['sensory-physical'], 1]],
    ages: AGES_CHILD,
    freeRate: 0.97,
    names: [
      'Early Years SEND Inclusion Team',
      'Portage Home Visiting',
      'Educational Psychology Service',
      'Specialist Teaching Service',
      'Inclusion Advisory Team for Mainstream Schools',
      'Hospital and Home Education Service',
      'Home to School Transport (SEND)',
      'EHC Needs Assessment Team',
    ],
    sentences: [
      'Educational psychologists assess children\'s learning and advise schools and parents.',
      'Portage home visitors help pre-school children with SEND learn through play.',
      'Advisory teachers help mainstream schools meet a wide range of needs at SEN support.',
      'The team coordinates EHC needs assessments and writes education, health and care plans (EHCP).',
      'Pupils who cannot attend school for medical reasons are taught at home or in hospital.',
      'Eligible children with an EHC plan may get free travel to school.',
    ],
  },
  {
    key: 'post-16',
    weight: 3,
    helpKinds: [['schools', 5], ['advice', 3], ['social_care', 2]],
    providers: [['education', 6], ['social_care', 2], ['voluntary', 2]],
    levels: [['targeted', 6], ['specialist', 4]],
    needs: [[['mld'], 3], [['sld'], 2], [['autism'], 2], [[], 3]],
    ages: [[[16, 25], 6], [[14, 25], 3], [[18, 25], 1]],
    freeRate: 0.9,
    names: [
      'Supported Internships',
      'Preparing for Adulthood Team',
      'Independent Travel Training',
      'Supported Employment Service',
      'Post-16 SEND Transitions Advice',
    ],
    sentences: [
      'Supported internships help young people with an EHC plan get ready for paid work.',
      'We plan the move from children\'s to adult services from age 14.',
      'Travel trainers teach young people to make journeys safely on their own.',
      'Job coaches support young adults with learning disabilities in the workplace.',
    ],
  },
  {
    key: 'learning-disability-health',
    weight: 3,
    helpKinds: [['health', 10]],
    providers: [['health', 10]],
    levels: [['specialist', 7], ['targeted', 3]],
    needs: [[['sld'], 3], [['mld'], 2], [['pmld'], 2], [['sld', 'autism'], 2], [['cognition-learning'], 1]],
    ages: AGES_ALL,
    freeRate: 1,
    names: [
      'Learning Disability Nursing Team',
      'Continence Service for Children with Additional Needs',
      'Sleep Support Service',
      'Community Paediatrics',
      'Complex Needs Nursing',
    ],
    sentences: [
      'Learning disability nurses support children with severe learning difficulties and their families.',
      'We help with sleep, continence, eating and behaviour that challenges.',
      'Community paediatricians assess development and coordinate health care.',
      'Nurses train families and school staff in gastrostomy feeding and epilepsy care.',
    ],
  },
  {
    key: 'social-care',
    weight: 6,
    helpKinds: [['social_care', 10]],
    providers: [['social_care', 10]],
    levels: [['specialist', 6], ['targeted', 4]],
    needs: [[[], 3], [['pmld'], 2], [['sld'], 2], [['pd'], 2], [['autism'], 1]],
    ages: AGES_ALL,
    freeRate: 0.9,
    names: [
      'Children with Disabilities Social Work Team',
      'Disabled Children\'s Register',
      'Home Adaptations for Disabled Children',
      'Carers Assessment for Parent Carers',
      'Transition to Adult Social Care',
    ],
    sentences: [
      'Social workers assess the needs of disabled children and their families under the Children Act.',
      'Parent carers have a right to a carer\'s assessment of their own needs.',
      'Occupational therapists assess homes for adaptations such as ramps, hoists and level-access showers.',
      'Joining the register brings news of activities, discounts and leisure passes.',
    ],
  },
]

/** Sentences any service might use: they spread the common words thinly across the whole set. */
export const GENERIC_SENTENCES = [
  'We work closely with families, schools, health visitors and GPs.',
  'Many of the families we see have children with autism, ADHD, dyslexia or speech and language needs.',
  'You can refer yourself by phone or email; a professional can also refer with your consent.',
  'Staff have enhanced DBS checks and training in safeguarding, first aid and medication.',
  'The building has step-free access, an accessible toilet and a changing places facility.',
  'Information is available in large print, easy read and other languages on request.',
  'We can arrange a British Sign Language interpreter.',
  'There is often a waiting list; we will tell you how long it is when you contact us.',
  'Children do not need an EHC plan or a diagnosis to use this service.',
  'We follow the SEND Code of Practice and listen to what children and young people tell us.',
  'Sessions are small, so staff can get to know each child.',
  'Parent carers are welcome to stay for the first few sessions.',
  'We help with anxiety, sensory needs and behaviour that challenges.',
  'We also signpost families to short breaks, CAMHS and the local SENDIASS.',
]

export const ELIGIBILITY = [
  'Children and young people with special educational needs and disabilities (SEND) living in the area.',
  'Children registered with a GP in the area.',
  'Young people with an EHC plan.',
  'Families of disabled children; no diagnosis needed.',
  'Children with a diagnosed condition, referred by a professional.',
  'Parent carers of children with SEND.',
]

export const HOW_TO_ACCESS = [
  'Refer yourself using the online form or by phone.',
  'Ask your GP, health visitor or school SENCO to refer.',
  'Referral through the single point of access.',
  'Just turn up; no booking needed.',
  'Book a place online; places are limited.',
  'Through your child\'s school.',
]

export const COSTS = ['£3 a session', '£5 a session', '£15 a term', 'Charges vary; ask about help with costs', '£40 per night, funded for eligible families', '£2.50 including a snack']

export const SCHEDULES = ['Saturdays 10am to 12 noon', 'Tuesdays after school, 4pm to 6pm', 'School holidays, 9am to 3pm', 'First Wednesday of the month, 10am', 'Monday to Friday, 9am to 5pm', 'Fortnightly on Thursdays, 6pm to 8pm']

export const CHARITY_WORDS = ['Sunrise', 'Rainbow', 'Acorn', 'Lighthouse', 'Compass', 'Bridges', 'Horizons', 'Stepping Stones', 'Kaleidoscope', 'Oak Tree', 'Harbour', 'Willow', 'Beacon', 'Meadow', 'Together', 'Little Stars']
export const CHARITY_KINDS = ['Trust', 'Families Network', 'Charity', 'Community Interest Company', 'Project', 'Foundation', 'Association']
export const BUSINESS_KINDS = ['Leisure Centre', 'Sports Academy', 'Arts Studio', 'Swim School', 'Adventure Centre']

export const SCHOOL_PREFIXES = [
  'Oakfield', 'Riverside', 'Meadow View', 'Hillside', 'Brookfield', "St Mary's CofE", "St Joseph's Catholic", 'Park Lane',
  'Church Street', 'Greenfield', 'Valley', 'Westfield', 'Eastbrook', 'Northgate', 'Southmead', 'Holy Trinity', 'Kingsway',
  'Queensbridge', 'Ashgrove', 'Beechwood', 'Elmhurst', 'Fairfield', 'Highfield', 'Longmeadow', 'Millbrook', 'Orchard',
]

export const STREETS = ['High Street', 'Church Road', 'Station Road', 'Park Avenue', 'Mill Lane', 'School Lane', 'Victoria Road', 'Green Lane', 'Manor Way', 'The Crescent']

export const SENCO_NAMES = ['Mrs A Patel', 'Mr J Okafor', 'Ms K Williams', 'Mrs S Hughes', 'Mr D Evans', 'Miss R Khan', 'Mrs L Thompson', 'Mr P Nowak']

/** Needs a school's SEN information report names, as families read them. */
export const REPORT_NEED_PHRASES = [
  'autism',
  'autism spectrum condition',
  'speech, language and communication needs',
  'dyslexia',
  'dyspraxia',
  'ADHD',
  'social, emotional and mental health needs',
  'anxiety',
  'moderate learning difficulties',
  'hearing impairment',
  'visual impairment',
  'physical disabilities',
  'medical needs',
]

export const REPORT_AGENCIES = [
  'the Educational Psychology Service',
  'the Speech and Language Therapy service',
  'CAMHS',
  'the Sensory Support Service',
  'the Autism Outreach Team',
  'school nurses',
  'the Early Help team',
  'occupational therapy',
  'the local SENDIASS',
]

export const REPORT_PARAGRAPHS = [
  'We identify special educational needs early through teacher assessment, conversations with parents and screening tools. Where a child needs more than good quality first teaching, we plan SEN support using the assess, plan, do, review cycle.',
  'Pupils on SEN support have a support plan with clear targets, reviewed three times a year with parents and, where possible, the pupil.',
  'Interventions include small-group phonics, precision teaching, social skills groups, Lego therapy, emotional literacy support (ELSA) and fine motor skills groups.',
  'The school building is on one level with ramps, an accessible toilet and a quiet room. Visual timetables are used in every class.',
  'If you are worried about your child, speak first to the class teacher, then the SENCO. Complaints follow the school complaints policy.',
  'Children with an education, health and care plan (EHCP) have an annual review. Teaching assistants are trained to support pupils with a range of needs.',
  'We support transition between classes and to secondary school with extra visits, social stories and transition books.',
  'Staff have had training in attachment, trauma-informed practice, autism awareness and supporting speech and language.',
]

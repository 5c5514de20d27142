// What a school's SEN information report must contain: the 13 items of Schedule 1 to the SEND
// Regulations 2014 (regulation 51), item 3 in its seven parts, and the SE7 Pathfinder's
// frequently asked questions for parents and for young people, as printed in the Cambridgeshire
// toolkit (data/seed-documents/cambridgeshire-local-offer-toolkit.txt). Facts only, no logic.

export const ITEM_IDS = ['1', '2', '3a', '3b', '3c', '3d', '3e', '3f', '3g', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'] as const
export type ItemId = (typeof ITEM_IDS)[number]

export interface Schedule1Item {
  id: ItemId
  /** Plain English, as a parent or governor would say it. */
  title: string
  /** The regulation's own words, shortened. */
  regulation: string
}

export const SCHEDULE_1: readonly Schedule1Item[] = [
  { id: '1', title: 'The kinds of special educational needs the school provides for', regulation: 'The kinds of special educational needs for which provision is made at the school.' },
  { id: '2', title: 'How the school finds out whether a child has special educational needs', regulation: "The school's policies for the identification and assessment of pupils with special educational needs." },
  { id: '3a', title: 'How the school checks that its help works', regulation: 'How the school evaluates the effectiveness of its provision for such pupils.' },
  { id: '3b', title: "How the school checks and reviews each child's progress", regulation: "The school's arrangements for assessing and reviewing the progress of pupils with special educational needs." },
  { id: '3c', title: 'How the school teaches children with special educational needs', regulation: "The school's approach to teaching pupils with special educational needs." },
  { id: '3d', title: 'How lessons, the curriculum and the building are adapted', regulation: 'How the school adapts the curriculum and learning environment for pupils with special educational needs.' },
  { id: '3e', title: 'Extra help with learning', regulation: 'Additional support for learning that is available to pupils with special educational needs.' },
  { id: '3f', title: 'Joining in all school activities, trips and sport', regulation: 'How the school enables pupils with special educational needs to engage in the activities of the school (including physical activities) together with children who do not have special educational needs.' },
  { id: '3g', title: 'Help with feelings, wellbeing and getting on with others', regulation: 'Support that is available for improving the emotional, mental and social development of pupils with special educational needs.' },
  { id: '4', title: 'The name and contact details of the SENCO', regulation: 'The name and contact details of the SEN co-ordinator.' },
  { id: '5', title: "Staff training and expertise, and how specialists' help is found", regulation: 'The expertise and training of staff in relation to children and young people with special educational needs, and how specialist expertise will be secured.' },
  { id: '6', title: 'How equipment and facilities are provided', regulation: 'How equipment and facilities to support children and young people with special educational needs will be secured.' },
  { id: '7', title: 'How parents are consulted and involved', regulation: 'The arrangements for consulting parents of children with special educational needs about, and involving such parents in, the education of their child.' },
  { id: '8', title: 'How children and young people are consulted and involved', regulation: 'The arrangements for consulting young people with special educational needs about, and involving them in, their education.' },
  { id: '9', title: 'How to complain', regulation: 'Arrangements made by the governing body or the proprietor relating to the treatment of complaints from parents of pupils with special educational needs concerning the provision made at the school.' },
  { id: '10', title: 'Working with health, social care, council services and charities', regulation: 'How the governing body involves other bodies, including health and social services bodies, local authority support services and voluntary organisations, in meeting the needs of pupils with special educational needs and in supporting their families.' },
  { id: '11', title: 'Contact details of support services for parents (such as SENDIASS)', regulation: 'The contact details of support services for the parents of pupils with special educational needs, including those for arrangements made in accordance with section 32.' },
  { id: '12', title: 'Moving between schools or phases, and preparing for adult life', regulation: "The school's arrangements for supporting pupils with special educational needs in a transfer between phases of education or in preparation for adulthood and independent living." },
  { id: '13', title: "Where the council's Local Offer is published", regulation: "Information on where the local authority's local offer is published." },
]

export interface Se7Question {
  /** "P1".."P14" for parents and carers, "Y1".."Y14" for young people. */
  id: string
  question: string
  /** The Schedule 1 items whose answers also answer this question. */
  items: readonly ItemId[]
}

// The questions as the toolkit prints them (the parents' set abridged where it lists settings).
export const SE7_PARENT_QUESTIONS: readonly Se7Question[] = [
  { id: 'P1', question: 'How does the school know if children need extra help and what should I do if I think my child may have special educational needs?', items: ['2', '1'] },
  { id: 'P2', question: 'How will school staff support my child?', items: ['3c', '3e', '3a'] },
  { id: 'P3', question: "How will the curriculum be matched to my child's needs?", items: ['3d'] },
  { id: 'P4', question: "How will both you and I know how my child is doing and how will you help me to support my child's learning?", items: ['3b', '7'] },
  { id: 'P5', question: "What support will there be for my child's overall well being?", items: ['3g'] },
  { id: 'P6', question: 'What specialist services and expertise are available at or accessed by the school?', items: ['5', '10'] },
  { id: 'P7', question: 'What training are the staff supporting children and young people with SEND had or are having?', items: ['5'] },
  { id: 'P8', question: 'How will my child be included in activities outside the classroom including school trips?', items: ['3f'] },
  { id: 'P9', question: 'How accessible is the school environment?', items: ['3d', '6'] },
  { id: 'P10', question: 'How will the school prepare and support my child to join the school, transfer to a new school or the next stage of education and life?', items: ['12'] },
  { id: 'P11', question: "How are the school's resources allocated and matched to children's special educational needs?", items: ['6', '3e'] },
  { id: 'P12', question: 'How is the decision made about what type and how much support my child will receive?', items: ['3e', '3a'] },
  { id: 'P13', question: 'How are parents involved in the school? How can I be involved?', items: ['7'] },
  { id: 'P14', question: 'Who can I contact for further information?', items: ['4', '11', '13'] },
]

export const SE7_YOUNG_PERSON_QUESTIONS: readonly Se7Question[] = [
  { id: 'Y1', question: 'How does the setting / school / college know if I need extra help?', items: ['2'] },
  { id: 'Y2', question: 'What should I do if I think I need extra help?', items: ['2', '8'] },
  { id: 'Y3', question: 'How will my course work be organised to meet my individual needs?', items: ['3c', '3d'] },
  { id: 'Y4', question: 'How will I be involved in planning for my needs and who will explain it and help me?', items: ['8'] },
  { id: 'Y5', question: 'Who will tell me what I can do to help myself and be more independent?', items: ['12', '3e'] },
  { id: 'Y6', question: 'What should I do if I am worried about something?', items: ['3g', '9'] },
  { id: 'Y7', question: 'How will I know if I am doing as well as I should?', items: ['3b', '8'] },
  { id: 'Y8', question: 'How can I get help if I am worried about things other than my course?', items: ['3g'] },
  { id: 'Y9', question: 'Are there staff in college who have had special training to help young people who need extra help?', items: ['5'] },
  { id: 'Y10', question: 'Can college staff get extra help from experts outside the college if they need to?', items: ['5', '10'] },
  { id: 'Y11', question: 'If I have difficulty in taking part in college activities what different arrangements can be made?', items: ['3f'] },
  { id: 'Y12', question: 'If I have a disability or additional need how can I join in college activities?', items: ['3f', '6'] },
  { id: 'Y13', question: 'What help is there to help me get ready to start college?', items: ['12'] },
  { id: 'Y14', question: 'I am coming to college to prepare for employment, how will I be supported?', items: ['12'] },
]

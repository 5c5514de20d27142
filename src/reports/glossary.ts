// Acronyms that SEN information reports use, with what each stands for and, where the words
// alone do not help a parent, a short plain-English note. `expansions` are the forms that count
// as explaining the acronym when they appear in the same text (lower case, any spacing).
// Matching is case-sensitive on `forms`, so "SEND" the acronym is not "send" the verb, and
// two-letter acronyms only count in capitals ("OT", not "ot").

export interface GlossaryEntry {
  acronym: string
  /** Spellings that count as a use of the acronym (plurals and possessives are handled). */
  forms: readonly string[]
  /** What to add to the text: the expansion a parent needs. */
  explanation: string
  /** Phrases whose presence anywhere in the text counts as the acronym being explained. */
  expansions: readonly string[]
  /** A use followed by this is another entry's ("EHC plan" is EHCP, not EHC). */
  notFollowedBy?: RegExp
}

const entry = (acronym: string, explanation: string, expansions: readonly string[], forms: readonly string[] = [acronym]): GlossaryEntry => ({
  acronym,
  forms,
  explanation,
  expansions,
})

export const GLOSSARY: readonly GlossaryEntry[] = [
  entry('SEN', 'special educational needs', ['special educational need']),
  entry('SEND', 'special educational needs and disabilities', ['special educational needs and disabilit', 'special educational needs and/or disabilit', 'special educational needs or disabilit']),
  entry('SENCO', 'special educational needs co-ordinator: the teacher who organises help for children with SEN', ['special educational needs co-ordinator', 'special educational needs coordinator', 'sen co-ordinator', 'sen coordinator'], ['SENCO', 'SENCo', 'Senco']),
  entry('SENDCO', 'special educational needs and disabilities co-ordinator: the teacher who organises help for children with SEND', ['special educational needs and disabilities co-ordinator', 'special educational needs and disabilities coordinator', 'special needs and disabilities coordinator', 'send co-ordinator', 'send coordinator'], ['SENDCO', 'SENDCo', 'SENDco', 'Sendco']),
  entry('EHCP', 'Education, Health and Care plan: the legal document from the council that sets out a child’s needs and the help they must get', ['education, health and care plan', 'education health and care plan', 'education, health care plan', 'education health care plan', 'education & health care plan'], ['EHCP', 'EHC plan', 'EHC Plan']),
  { ...entry('EHC', 'Education, Health and Care (as in an EHC needs assessment)', ['education, health and care', 'education health and care']), notFollowedBy: /^\s+plans?\b/i },
  entry('CAMHS', 'Child and Adolescent Mental Health Services: the NHS service for children’s mental health', ['child and adolescent mental health', 'children and adolescent mental health', "children's and adolescent mental health", 'children and young people’s mental health', "children and young people's mental health"]),
  entry('SALT', 'speech and language therapy (or therapist)', ['speech and language therap']),
  entry('SLT', 'speech and language therapy (some schools also use SLT for the senior leadership team)', ['speech and language therap', 'senior leadership team']),
  entry('SLCN', 'speech, language and communication needs', ['speech, language and communication need', 'speech language and communication need']),
  entry('SEMH', 'social, emotional and mental health (needs)', ['social, emotional and mental health', 'social emotional and mental health']),
  entry('ASD', 'autism spectrum disorder (autism)', ['autism spectrum disorder', 'autistic spectrum disorder']),
  entry('ASC', 'autism spectrum condition (autism)', ['autism spectrum condition', 'autistic spectrum condition']),
  entry('ADHD', 'attention deficit hyperactivity disorder', ['attention deficit hyperactivity disorder', 'attention deficit and hyperactivity disorder']),
  entry('ADD', 'attention deficit disorder', ['attention deficit disorder']),
  entry('MLD', 'moderate learning difficulties', ['moderate learning difficult']),
  entry('SLD', 'severe learning difficulties', ['severe learning difficult']),
  entry('PMLD', 'profound and multiple learning difficulties', ['profound and multiple learning difficult']),
  entry('SpLD', 'specific learning difficulties, such as dyslexia', ['specific learning difficult'], ['SpLD', 'SPLD']),
  entry('DCD', 'developmental coordination disorder (dyspraxia)', ['developmental coordination disorder', 'developmental co-ordination disorder']),
  entry('DLD', 'developmental language disorder', ['developmental language disorder']),
  entry('VI', 'visual impairment', ['visual impairment', 'visually impaired']),
  entry('HI', 'hearing impairment', ['hearing impairment', 'hearing impaired']),
  entry('MSI', 'multi-sensory impairment', ['multi-sensory impairment', 'multisensory impairment', 'multi sensory impairment']),
  entry('PD', 'physical disability', ['physical disabilit']),
  entry('OT', 'occupational therapy (or therapist)', ['occupational therap']),
  entry('EP', 'educational psychologist', ['educational psychologist']),
  entry('TA', 'teaching assistant', ['teaching assistant']),
  entry('LSA', 'learning support assistant', ['learning support assistant']),
  entry('IEP', 'individual education plan', ['individual education plan']),
  entry('SENDIASS', 'SEND Information, Advice and Support Service: free, impartial advice for families', ['information, advice and support service', 'information advice and support service', 'parent partnership']),
  entry('IASS', 'Information, Advice and Support Service: free, impartial advice for families', ['information, advice and support service', 'information advice and support service']),
  entry('LA', 'local authority (the council)', ['local authority']),
  entry('TAC', 'team around the child: a meeting of the professionals who work with a child', ['team around the child']),
  entry('TAF', 'team around the family', ['team around the family']),
  entry('EWO', 'education welfare officer', ['education welfare officer', 'educational welfare officer']),
  entry('EAL', 'English as an additional language', ['english as an additional language']),
  entry('EYFS', 'Early Years Foundation Stage', ['early years foundation stage']),
  entry('PfA', 'preparing for adulthood', ['preparing for adulthood', 'preparation for adulthood'], ['PfA', 'PFA']),
  entry('CPD', 'continuing professional development (staff training)', ['continuing professional development']),
  entry('ELSA', 'emotional literacy support assistant', ['emotional literacy support assistant']),
  entry('PECS', 'Picture Exchange Communication System', ['picture exchange communication']),
  entry('CYP', 'children and young people', ['children and young people']),
]

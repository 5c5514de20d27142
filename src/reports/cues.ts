// The words that show a passage answers a Schedule 1 item. Each cue is a phrase pattern (a
// regular expression over lower-case text, matched on word boundaries) with a weight: 3 for
// words that on their own say "this is about the item" ("complaints procedure"), 2 for strong
// signs, 1 for words that only help. `heading` cues are looked for in headings and count three
// times as much there; `body` cues in sentences and list items. The rules are about the topic,
// not about any one school's wording, so they can be judged on reports nobody has seen.

import type { ItemId } from './schedule1.js'

export interface CueSource {
  /** A regular expression source; "\b" is added at both ends. */
  pattern: string
  weight: number
}

export interface ItemCues {
  id: ItemId
  heading: readonly CueSource[]
  body: readonly CueSource[]
  /** Score from which the item is covered, and from which it is at least partly covered. */
  cover: number
  partial: number
  /** Without a matching heading, the body alone must reach this score to count as covered. */
  coverWithoutHeading: number
}

const c = (pattern: string, weight: number): CueSource => ({ pattern, weight })
// Words for the child, the parent and "involve/consult", shared by several items.
const CHILD = "(?:your child|the child|child(?:['’]s)?|children|pupils?|students?|young (?:person|people)|learners?|them|him|her)"
const PARENT = "(?:parents?(?:['’]s?)?|carers?|parent\\/carers?|parents\\/carers|families|you)"

export const ITEM_CUES: readonly ItemCues[] = [
  {
    id: '1',
    heading: [
      c('(?:kinds?|types?|range|areas?) of (?:special educational )?(?:sen|send|needs?)', 3),
      c('(?:needs|send|sen) (?:we|the school) (?:cater|provide)s? for', 3),
      c('areas of need', 3),
      c('what (?:is|are|does) (?:sen|send)(?: mean)?', 1),
    ],
    body: [
      c('(?:four|4) (?:broad |main )?areas(?: of need)?', 3),
      c('(?:kinds?|types?|range) of (?:special educational )?(?:needs?|sen|send)', 2),
      c('(?:we|the school) (?:cater|provide|make provision)s? for (?:all |a range of |children with )', 2),
      c('communication (?:and|&) interaction', 2),
      c('cognition (?:and|&) learning', 2),
      c('social,? emotional and mental health', 2),
      c('sensory (?:and\\/or|and|or) physical', 2),
      c('(?:moderate|severe|specific|profound and multiple) learning difficult(?:y|ies)', 1),
      c('autis(?:m|tic)', 1),
      c('speech,? language and communication', 1),
      c('(?:visual|hearing|multi-sensory) impairment', 1),
      c('physical disabilit(?:y|ies)', 1),
      c('dyslexia|dyspraxia|adhd', 1),
      c(`(?:has|have|with) sen if|identified as (?:having )?(?:sen|send|a special educational need)`, 1),
    ],
    cover: 8,
    partial: 2,
    coverWithoutHeading: 8,
  },
  {
    id: '2',
    heading: [
      c('identif(?:y|ying|ied|ication)', 3),
      c('(?:need|needs|needing) (?:extra|additional) (?:help|support)', 3),
      c('(?:think|concerned|worried|concerns?)\\b.{0,30}\\bmy child', 2),
      c('assess(?:ing|ment)? (?:of )?(?:your |my )?child', 2),
      c('how (?:do|does|will) (?:the |you |we )?(?:school|staff|teachers?)?\\s?know', 2),
    ],
    body: [
      c('identif(?:y|ying|ied|ication)', 2),
      c('baseline', 2),
      c('(?:assessed|assessment) on entry|on entry', 2),
      c('early identification', 3),
      c('screening|screened', 2),
      c('assessment tools?', 2),
      c(`(?:limited|slow|less than expected|not making(?: expected)?) progress`, 1),
      c('concerns? (?:is|are|has been|have been) raised|raised (?:a |any |your own )?concerns?', 1),
      c('(?:sen|send) register', 2),
      c('(?:need|needs|needing) (?:extra|additional) (?:help|support)', 1),
      c('observations?', 1),
    ],
    cover: 8,
    partial: 2,
    coverWithoutHeading: 8,
  },
  {
    id: '3a',
    heading: [c('effective(?:ness)?', 3), c('evaluat(?:e|es|ion|ing)', 3), c('impact', 2), c('how (?:do|does|will) (?:you|we|the school) know (?:if|whether|that) .{0,40}work', 3)],
    body: [
      // "effectiveness", or effective as a judgement ("are being effective"); "teach effectively" is not evaluation.
      c('effectiveness|(?:is|are|being|was|were|how|whether|if) (?:\\w+ )?effective', 2),
      c('evaluat(?:e|es|ed|ion|ing)|self-evaluat\\w*', 2),
      c('impact', 2),
      c('monitor\\w* (?:the |all |its )?(?:impact|interventions?|provision|support)', 2),
      c('(?:interventions?|provision|support|resources)\\b.{0,25}\\b(?:is|are|will be|to be) (?:regularly |carefully )?(?:reviewed|monitored|evaluated)', 2),
      c('(?:monitor|review)\\w* (?:sen|send) provision', 2),
      c('learning walks?|book scrutin\\w*|lesson observations?', 1),
      c('provision map\\w*', 1),
      c('(?:reviewed|monitored) regularly', 1),
    ],
    cover: 5,
    partial: 2,
    coverWithoutHeading: 5,
  },
  {
    id: '3b',
    heading: [c('progress', 3), c('how (?:will|do) (?:i|we|you)\\b.{0,20}\\bknow how', 3), c('review(?:s|ing)?', 2), c('measure', 2)],
    body: [
      c('pupil progress meetings?', 3),
      c('annual reviews?', 3),
      c('(?:assess|track|monitor|review|measure|check)\\w*\\b.{0,30}\\bprogress', 3),
      c('progress\\b.{0,30}\\b(?:assessed|tracked|monitored|reviewed|measured|checked)', 3),
      c('assess,? plan,? do,? review', 3),
      c('(?:reviewed|review meetings?)\\b.{0,40}\\b(?:termly|each term|every term|half term\\w*|times (?:a|per) year|annually|weekly)', 2),
      c('tracking|data', 1),
      c('targets?', 1),
      c("parents['’]? evenings?|reports? to parents|school reports?", 1),
    ],
    cover: 8,
    partial: 2,
    coverWithoutHeading: 8,
  },
  {
    id: '3c',
    heading: [c('teaching', 2), c('quality first', 3), c('how will (?:the )?(?:school|staff|teachers?) support', 2), c('approach to teaching', 3)],
    body: [
      c('quality first teaching|high quality teaching|good quality teaching', 3),
      c('differentiat\\w*', 2),
      c('teaching (?:styles|strategies|approaches)|ways of teaching', 2),
      c('graduated approach', 2),
      c('(?:class|subject) teachers? (?:is|are|remains?) (?:responsible|accountable)', 2),
      c('planned by the class teacher|teachers? plan', 2),
      c('inclusive (?:teaching|classroom|practice)', 1),
    ],
    cover: 6,
    partial: 2,
    coverWithoutHeading: 6,
  },
  {
    id: '3d',
    heading: [c('curriculum', 3), c('adapt(?:ed|ing|s)?', 2), c('accessib(?:le|ility)', 3), c('(?:learning )?environment', 2)],
    body: [
      c('(?:adapt|differentiat|modif|tailor|match|adjust)\\w*\\b.{0,30}\\bcurriculum', 3),
      c('curriculum\\b.{0,30}\\b(?:adapt|differentiat|modif|tailor|match|adjust|access)\\w*', 3),
      c('learning environment', 2),
      c('reasonable adjustments?', 3),
      c('access(?:ibility)? plan', 3),
      c('(?:adapt|modif|adjust)\\w* (?:tasks?|resources|planning|teaching|lessons|work|learning)', 2),
      c('(?:planning|teaching|lessons|tasks|work|resources)\\b.{0,20}\\b(?:adapted|modified|adjusted|differentiated)', 2),
      c('visual timetables?', 2),
      c('ramps?|wheel ?chair|lifts?|(?:disabled|adapted|accessible) (?:toilets?|hygiene|changing)|wide doors?|double doors', 2),
      c('(?:fully |physically )?accessible', 1),
      c('seating|quiet (?:area|space|room)s?|workstations?', 1),
      c('(?:dyslexia|communication|autism)[ -]friendly', 2),
    ],
    cover: 8,
    partial: 2,
    coverWithoutHeading: 8,
  },
  {
    id: '3e',
    heading: [c('(?:types|levels|kinds) of support', 3), c('(?:additional|extra) (?:support|help)', 3), c('interventions?', 3), c('how much support', 2), c('support (?:is )?(?:available|allocated)', 2)],
    body: [
      c('interventions?', 2),
      c('small groups?|group work|focus groups?|booster (?:groups?|sessions?)', 2),
      c('1[-:]1|one[- ]to[- ]one|individual (?:support|teaching|work|programmes?)', 2),
      c('(?:additional|extra) (?:support|help|adult)', 1),
      c('teaching assistants?|learning support assistants?|\\btas?\\b|lsas?', 1),
      c('precision teaching|phonics|reading (?:support|recovery)|catch[- ]up', 1),
      c('provision maps?', 2),
    ],
    cover: 8,
    partial: 2,
    coverWithoutHeading: 8,
  },
  {
    id: '3f',
    heading: [c('activities', 3), c('(?:school )?trips?', 3), c('clubs?', 3), c('outside the classroom', 3), c('extra-?curricular', 3)],
    body: [
      c('(?:school |educational |class )?trips?', 3),
      c('(?:school |educational )visits|residentials?', 3),
      c('after[- ]school (?:activities|clubs?)|breakfast clubs?|extra-?curricular', 3),
      c('activities outside the classroom', 3),
      c('included in (?:the |all )?(?:trips|activities|visits)', 3),
      c('risk assessments?', 1),
      c('all (?:the )?(?:school )?activities', 2),
      c('(?:pe|physical education|sports?|swimming)', 1),
      c('participat\\w*|join in', 1),
    ],
    cover: 6,
    partial: 2,
    coverWithoutHeading: 6,
  },
  {
    id: '3g',
    heading: [c('well-?being', 3), c('emotional', 3), c('social', 2), c('pastoral', 3), c('mental health', 3), c('behaviour', 2)],
    body: [
      c('emotional(?:ly)?', 2),
      c('social skills', 2),
      c('well-?being', 2),
      c('self-?esteem|confidence', 1),
      c('nurture(?: group)?', 2),
      c('counsell?(?:ing|or|ors)', 2),
      c('pastoral', 3),
      c('anger management|anxiety|anxious', 1),
      c('friendships?|bullying', 1),
      c('mental health|camhs', 1),
      c('play therap\\w*|elsas?|mentor\\w*', 1),
      c('(?:positive )?behaviour (?:policy|strategy|support)', 1),
    ],
    cover: 8,
    partial: 2,
    coverWithoutHeading: 8,
  },
  {
    id: '4',
    heading: [c('senco|sendco|sen(?:d)? co-?ordinator|special educational needs co-?ordinator|inclusion (?:manager|leader|lead)', 2)],
    body: [],
    cover: 99,
    partial: 99,
    coverWithoutHeading: 99,
  },
  {
    id: '5',
    heading: [c('training', 3), c('expertise', 3), c('specialist (?:services|staff|support)', 2), c('staff development|cpd', 3)],
    body: [
      c('training|trained', 2),
      c('cpd|continuing professional development|professional development|staff development', 2),
      c('expertise', 2),
      c('qualifi(?:ed|cations?)', 2),
      c('(?:national )?(?:award for )?senco (?:training )?award|national award', 3),
      c('courses?|inset|in-service', 1),
      c('specialist (?:teachers?|staff|advice|advisers?|advisors?)', 1),
    ],
    cover: 8,
    partial: 2,
    coverWithoutHeading: 12,
  },
  {
    id: '6',
    heading: [c('equipment', 3), c('facilities', 3), c('resources', 2)],
    body: [
      c('(?:purchas|bought|buy|buying|fund|funded|funding|secur|allocat|obtain|loan)\\w*\\b.{0,40}\\b(?:equipment|resources|facilities|aids|technology)', 3),
      c('(?:equipment|resources|facilities)\\b.{0,40}\\b(?:purchased|bought|funded|secured|allocated|obtained|loaned)', 3),
      c('specialist equipment|special equipment', 2),
      c('equipment', 1),
      c('facilities', 1),
      c('writing slopes?|pencil grips?|laptops?|ipads?|tablets?|ict|software|sloping boards?|ear defenders|wobble cushions?|concentration cushions?', 1),
      c('(?:sen|send) budget|budget|funding', 1),
    ],
    cover: 6,
    partial: 2,
    coverWithoutHeading: 6,
  },
  {
    id: '7',
    heading: [
      c(`(?:${PARENT})\\b.{0,30}\\binvolv\\w*|involv\\w*\\b.{0,20}\\b(?:${PARENT})`, 3),
      c('how (?:can|will) i be involved|working (?:with|in partnership with) (?:parents|families)', 3),
      c('how will (?:both )?you and i know', 2),
      c('help me to support', 2),
    ],
    body: [
      c(`(?:invit|involv|consult)\\w* (?:${PARENT})`, 3),
      c(`(?:${PARENT}) (?:will be |are |is )?(?:invited|involved|consulted|asked)`, 2),
      c("(?:your|parents['’]?|carers['’]?|their) (?:own )?views", 3),
      c('partnership with (?:you|parents|families|carers)', 3),
      c("(?:with|need|value|welcome) (?:your|parents['’]?|carers['’]?) (?:involvement|input|help|contribution)", 2),
      c("parents['’]? (?:evenings?|meetings?|consultations?)|parent (?:consultation|meeting)s?|consultation evenings?", 2),
      c('home[-/ ]school (?:books?|diary|diaries|agreements?|contact books?|link)', 2),
      c('coffee mornings?|workshops? for parents|parent workshops?', 2),
      c('open door', 2),
      c('(?:meet|talk|speak|discuss\\w*)\\b.{0,15}\\bwith you|keep you informed|kept informed', 2),
      c('questionnaires?', 1),
    ],
    cover: 8,
    partial: 2,
    coverWithoutHeading: 8,
  },
  {
    id: '8',
    heading: [
      c(`(?:${CHILD})\\b.{0,40}\\b(?:involved|views|voice|say)`, 3),
      c(`involv\\w*\\b.{0,12}\\b(?:${CHILD})`, 3),
      c('pupil voice|student voice', 3),
    ],
    body: [
      c(`(?:give|share|express|contribute|say|record)\\w* (?:his|her|their|the child['’]s|the pupil['’]s) (?:own )?(?:views|opinions|thoughts|ideas)`, 3),
      c(`(?:child|pupil|young person|student)['’]?s?['’]? (?:own )?views`, 3),
      c(`involv\\w* (?:your child|the child|the pupil|pupils|children|them|him|her|the young person|young people|students)\\b.{0,12}\\b(?:in|with)`, 3),
      c(`(?:pupils?|children|child|young (?:person|people)|students?) (?:will |are |is |can )?(?:also )?(?:be )?(?:involved|take part|contribute|consulted|asked)\\b.{0,30}\\b(?:review|plan|targets?|decisions?|learning)`, 3),
      c('pupil voice|student voice|school council', 3),
      c('(?:review|set)\\w* (?:their|his|her) own targets', 3),
      c('person[- ]centred', 2),
      c('one[- ]page profiles?|pupil passports?', 1),
    ],
    cover: 6,
    partial: 2,
    coverWithoutHeading: 6,
  },
  {
    id: '9',
    heading: [c('complain\\w*', 3), c('(?:raising|raise) (?:a |any )?concerns?', 1), c('(?:not |un)happy', 2), c('disagree\\w*', 2)],
    body: [
      c('complaints? (?:policy|procedure|process)', 3),
      c('complain\\w*', 3),
      c('(?:not|still not) (?:happy|satisfied)|unhappy|dissatisfied', 2),
      c('raise (?:a |any |your )?concerns?|concerns? (?:can|should) be raised', 1),
      c('disagree\\w*|disagreements?', 2),
      c('tribunal|appeal|mediation service', 1),
    ],
    cover: 6,
    partial: 2,
    coverWithoutHeading: 6,
  },
  {
    id: '10',
    heading: [
      c('agenc(?:y|ies)', 3),
      c('(?:other|outside|external) (?:people|services|professionals|bodies|organisations)', 3),
      c('specialist services', 3),
      c('partners|multi-?agency|working with others', 2),
    ],
    body: [
      c('(?:outside|external|other) (?:agenc(?:y|ies)|professionals?|services|specialists?|bodies)', 2),
      c('educational psycholog\\w*|speech and language therap\\w*|occupational therap\\w*|physiotherap\\w*', 1),
      c('school nurses?|camhs|paediatrician\\w*|pediatrician\\w*|health visitors?|(?:gp|doctor)s?\\b', 1),
      c('social (?:care|services|workers?)|early help|family support', 1),
      c('local authority (?:central |support )?services|outreach (?:team|service)|sensory service', 2),
      c('voluntary (?:organisations?|sector|bodies|groups)|charit(?:y|ies)', 2),
      c('multi-?agency|team around the (?:child|family)', 2),
      c('refer(?:ral|rals|red)?', 1),
    ],
    cover: 8,
    partial: 2,
    coverWithoutHeading: 8,
  },
  {
    id: '11',
    heading: [c('support (?:is )?available (?:to|for) parents|support for (?:parents|families)', 3), c('useful (?:contacts|links|numbers)|further (?:information|help|support)', 2)],
    body: [
      c('sendiass|sendias|\\biass\\b|information,? advice and support|parent partnership', 3),
      c('parent carer forums?|parent forums?|parents? (?:support|engagement) (?:groups?|services?)|family support workers?|parent support advis\\w*', 2),
      c('ipsea|contact a family|sos!?sen|independent (?:advice|supporter)|mediation', 2),
      c(`(?:support services|organisations?)\\b.{0,40}\\b(?:${PARENT})|(?:${PARENT})\\b.{0,40}\\b(?:support services|organisations who)`, 1),
    ],
    cover: 99,
    partial: 1,
    coverWithoutHeading: 99,
  },
  {
    id: '12',
    heading: [c('transition\\w*', 3), c('transfer\\w*', 3), c('(?:moving|move) (?:on|up|to|between)', 3), c('leaving|joining|starting', 2), c('next stage|new school|adulthood|independen\\w*', 3)],
    body: [
      c('transition\\w*\\b.{0,40}\\b(?:school|class|phase|setting|year|secondary|high|college|junior|primary|booklets?|visits?|sessions?|afternoons?)', 3),
      c('(?:school|class|phase|setting|secondary|high|junior|infant)s?\\b.{0,25}\\btransition', 3),
      c('transition\\w*', 1),
      c('(?:new|next) (?:school|class|setting|teacher|phase|stage)', 2),
      c('(?:visit|visits|meet|meeting|meetings|tour)\\b.{0,30}\\b(?:new|next|secondary|high|junior) (?:school|class|setting|teachers?)', 3),
      c('moving on|move (?:on|up) to|transfer\\w* to', 2),
      c('prepar\\w* for adulthood|independent living|supported internships?|employment', 2),
      c('(?:records|information) (?:are |will be )?passed on|pass on (?:information|records)', 2),
      c('induction|settling[- ]in', 1),
    ],
    cover: 6,
    partial: 2,
    coverWithoutHeading: 6,
  },
  {
    id: '13',
    heading: [c('local offer', 1)],
    body: [c('local offer', 1)],
    cover: 99,
    partial: 99,
    coverWithoutHeading: 99,
  },
]


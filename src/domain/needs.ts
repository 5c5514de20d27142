// The needs taxonomy: the Code of Practice's four broad areas of need and the specific needs
// under them. The specific codes follow the GIAS register's SEN provision types (SpLD, MLD,
// SLD, PMLD, SEMH, SLCN, HI, VI, MSI, PD, ASD), plus ADHD, which families search for by name.

export const BROAD_AREAS = [
  'communication-interaction',
  'cognition-learning',
  'semh',
  'sensory-physical',
] as const
export type BroadArea = (typeof BROAD_AREAS)[number]

export interface NeedTerm {
  code: string
  /** The broad area this need sits under; undefined for the broad areas themselves. */
  area: BroadArea | undefined
  /** Register code as GIAS writes it in SEN1..SEN13, where there is one. */
  giasCode?: string
}

export const NEED_TERMS: readonly NeedTerm[] = [
  { code: 'communication-interaction', area: undefined },
  { code: 'cognition-learning', area: undefined },
  { code: 'semh', area: undefined },
  { code: 'sensory-physical', area: undefined },
  { code: 'autism', area: 'communication-interaction', giasCode: 'ASD' },
  { code: 'slcn', area: 'communication-interaction', giasCode: 'SLCN' },
  { code: 'spld', area: 'cognition-learning', giasCode: 'SpLD' },
  { code: 'mld', area: 'cognition-learning', giasCode: 'MLD' },
  { code: 'sld', area: 'cognition-learning', giasCode: 'SLD' },
  { code: 'pmld', area: 'cognition-learning', giasCode: 'PMLD' },
  { code: 'semh-needs', area: 'semh', giasCode: 'SEMH' },
  { code: 'adhd', area: 'semh' },
  { code: 'vi', area: 'sensory-physical', giasCode: 'VI' },
  { code: 'hi', area: 'sensory-physical', giasCode: 'HI' },
  { code: 'msi', area: 'sensory-physical', giasCode: 'MSI' },
  { code: 'pd', area: 'sensory-physical', giasCode: 'PD' },
]

export const NEED_CODES = NEED_TERMS.map((term) => term.code)

export function needTerm(code: string): NeedTerm | undefined {
  return NEED_TERMS.find((term) => term.code === code)
}

/** A need and, for a specific need, its broad area: what a service tagged `code` is found under. */
export function needWithArea(code: string): string[] {
  const term = needTerm(code)
  if (!term) return []
  return term.area ? [term.code, term.area] : [term.code]
}

/** Specific needs under a broad area (and the area itself). */
export function needsUnder(area: string): string[] {
  return NEED_TERMS.filter((term) => term.code === area || term.area === area).map((term) => term.code)
}

/** Map a GIAS SEN provision code ("ASD", "SpLD") to our need code. */
export function needFromGiasCode(giasCode: string): string | undefined {
  const wanted = giasCode.trim().toLowerCase()
  return NEED_TERMS.find((term) => term.giasCode?.toLowerCase() === wanted)?.code
}

// The directory's vocabulary: the closed lists every layer agrees on.

export const PROVIDER_TYPES = ['education', 'health', 'social_care', 'voluntary', 'leisure'] as const
export type ProviderType = (typeof PROVIDER_TYPES)[number]

/** Universal: for every child. Targeted: SEN without an EHC plan. Specialist: statutory, EHC plan level. */
export const PROVISION_LEVELS = ['universal', 'targeted', 'specialist'] as const
export type ProvisionLevel = (typeof PROVISION_LEVELS)[number]

/** The five browse routes by kind of help on the home page. */
export const HELP_KINDS = ['schools', 'health', 'social_care', 'activities', 'advice'] as const
export type HelpKind = (typeof HELP_KINDS)[number]

export const ORGANISATION_KINDS = ['council', 'school', 'trust', 'nhs', 'charity', 'business', 'other'] as const
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number]

/** Age bands families browse by (0 to 25, as the Code of Practice covers). */
export const AGE_BANDS = [
  { id: '0-4', min: 0, max: 4 },
  { id: '5-11', min: 5, max: 11 },
  { id: '12-16', min: 12, max: 16 },
  { id: '17-25', min: 17, max: 25 },
] as const
export type AgeBandId = (typeof AGE_BANDS)[number]['id']

export function ageBand(id: string): (typeof AGE_BANDS)[number] | undefined {
  return AGE_BANDS.find((band) => band.id === id)
}

/** Where a record came from: a seed document, a register, or a person. */
export interface SourceRef {
  /** File name of the document, or the register's name ("GIAS"). */
  document: string
  /** Short quotation or location in the document that supports the record. */
  excerpt?: string | undefined
}

/** A council area, by its ONS local authority code (E08000025) or GIAS LA code. */
export interface CouncilArea {
  code: string
  name: string
}

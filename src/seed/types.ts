// The shape of the demo data set taken from the real seed documents (src/seed/documents/).
// Every value must appear in its source document; where a document gives nothing, the field
// is left out and, for addresses, `addressNote` says so.
import type { HelpKind, OrganisationKind, ProviderType, ProvisionLevel } from '../domain/model.js'

export interface SeedSourceDocument {
  /** File name under data/seed-documents/, e.g. "cromwell-primary-sen-report.txt". */
  file: string
  title: string
  /** Who published it, e.g. "Cromwell Primary School". */
  publisher: string
  /** ONS code of the council area the publisher is in, e.g. "E08000025". */
  councilCode: string
}

export interface SeedAddress {
  lines: string[]
  town?: string
  postcode?: string
}

export interface SeedContact {
  /** A role or team ("SENDCo", "Parent Partnership Service"); a person's name only where the document publishes it. */
  name: string
  phone?: string
  email?: string
  url?: string
  notes?: string
}

export interface SeedOrganisation {
  /** Stable key inside the seed set, e.g. "cromwell-primary". Turned into a UUID on load. */
  key: string
  name: string
  kind: OrganisationKind
  description?: string
  url?: string
  email?: string
  phone?: string
  address?: SeedAddress
  /** Said instead of an address, e.g. "The source document gives no address." */
  addressNote?: string
  /** ONS codes of the council areas this organisation serves. */
  councilCodes: string[]
  /** The seed document it came from, and the words that support it. */
  source: { file: string; excerpt: string }
}

export interface SeedService {
  key: string
  organisationKey: string
  name: string
  /** Plain words: what the service does, as the document describes it. */
  description: string
  helpKind: HelpKind
  providerType: ProviderType
  provisionLevel: ProvisionLevel
  /** Codes from src/domain/needs.ts. */
  needs: string[]
  minAge?: number
  maxAge?: number
  eligibility?: string
  /** How to get it: who refers, whether families can self-refer. */
  howToAccess?: string
  cost?: { free: boolean; description?: string }
  schedule?: string
  url?: string
  email?: string
  phone?: string
  address?: SeedAddress
  addressNote?: string
  councilCodes: string[]
  contacts: SeedContact[]
  source: { file: string; excerpt: string }
}

export interface SeedSchool {
  key: string
  name: string
  /** Phase as the document shows it: "Nursery", "Primary", "Infant and junior". */
  phase: string
  minAge?: number
  maxAge?: number
  councilCode: string
  url?: string
  phone?: string
  email?: string
  address?: SeedAddress
  addressNote?: string
  /** Needs the school says it provides for (codes from src/domain/needs.ts). */
  needs: string[]
  /** The published SEN information report, by its file under data/seed-documents/. */
  reportFile: string
  contacts: SeedContact[]
  source: { file: string; excerpt: string }
}

export interface SeedDataset {
  documents: SeedSourceDocument[]
  organisations: SeedOrganisation[]
  services: SeedService[]
  schools: SeedSchool[]
}

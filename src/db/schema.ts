// Table types for Kysely. Both stores hold the same columns with portable types:
// ids are UUID text, dates are ISO text (YYYY-MM-DD), times are ISO timestamps,
// flags are integers 0/1, and lists of codes are space-separated text (" autism slcn ").
import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

export interface CouncilsTable {
  code: string
  name: string
}

/** Columns every published record carries: where it came from and when it was last checked. */
interface Provenance {
  source_document: string | null
  source_excerpt: string | null
  last_reviewed: string | null
  next_review_due: string | null
  created_at: string
  updated_at: string
}

/**
 * Migration 0005: where an imported record came from (src/importers/oruk/). Null on records made here.
 * An importer updates a record only while its content still hashes to `source_hash`.
 */
interface ImportProvenance {
  /** The feed's URL, or the label of the file it was imported from. */
  source: string | null
  /** Who published the feed, as shown on the page ("North Lincolnshire Council"). */
  source_label: string | null
  /** The record's own id in the feed, as the feed gives it (not always a UUID). */
  source_id: string | null
  /** ISO timestamp: when the feed was fetched for the content stored. */
  fetched_at: string | null
  /** Hash of the content as last imported. */
  source_hash: string | null
  /** ISO timestamp: the first import that no longer found the record in its feed; null while it is there. */
  source_missing_since: string | null
}

export interface OrganisationsTable extends Provenance, ImportProvenance {
  id: string
  name: string
  kind: string
  description: string | null
  url: string | null
  email: string | null
  phone: string | null
  /** Said instead of an address where none is known, e.g. "The source document gives no address." */
  address_note: string | null
}

export interface SchoolsTable {
  /** Same id as the school's organisation row. */
  id: string
  urn: string | null
  la_code: string | null
  la_name: string | null
  council_code: string | null
  establishment_type: string | null
  type_group: string | null
  status: string | null
  phase: string | null
  min_age: number | null
  max_age: number | null
  gender: string | null
  religious_character: string | null
  capacity: number | null
  pupils: number | null
  open_date: string | null
  close_date: string | null
  register_changed_date: string | null
  sen_provision: string
  resourced_provision: string | null
  sen_unit: string | null
  resourced_provision_capacity: number | null
  sen_unit_capacity: number | null
  ofsted_rating: string | null
  easting: number | null
  northing: number | null
  /** The SEN information report as the school published it, in plain text. */
  report_text: string | null
  /** Goes up by one each time a report is published from the editor. */
  report_version: Generated<number>
  /** The structured editor's answers, item by item (JSON), when the report was written there. */
  report_sections: string | null
  report_last_reviewed: string | null
  report_next_review_due: string | null
  /** "gias" when the register supplied the school, else the source document's file name. */
  data_source: string
  /** Migration 0006. The register's "TypeOfResourcedProvision (name)" as given, e.g. "Resourced provision and SEN unit". */
  resourced_provision_type: string | null
  resourced_provision_on_roll: number | null
  sen_unit_on_roll: number | null
  /** SEN1..SEN13 codes as the register gives them, space-separated (" ASD SLCN OTH "), including those with no need code. */
  register_sen_codes: string
  /** The register's SENStat: pupils with a statement or EHC plan. */
  pupils_with_ehc_plan: number | null
  /** The register's SENNoStat: pupils on SEN support, without a plan. */
  pupils_with_sen_support: number | null
  /** 1 has special classes, 0 has none, null not recorded. */
  special_classes: number | null
  /** A hash of the register's values at the last import: an unchanged row is skipped. */
  register_fingerprint: string | null
}

export interface LocationsTable {
  id: string
  organisation_id: string | null
  name: string | null
  /** Address lines, newline-separated. */
  address: string | null
  town: string | null
  postcode: string | null
  lat: number | null
  lng: number | null
  address_note: string | null
}

export interface ServicesTable extends Provenance, ImportProvenance {
  id: string
  organisation_id: string
  name: string
  description: string
  url: string | null
  email: string | null
  phone: string | null
  status: string
  help_kind: string
  provider_type: string
  provision_level: string
  min_age: number | null
  max_age: number | null
  eligibility: string | null
  how_to_access: string | null
  /** 1 free, 0 charged, null unknown. */
  is_free: number | null
  cost_description: string | null
  address_note: string | null
  /** Goes up by one each time a change is published: src/publishing/. */
  version: Generated<number>
}

export interface ServiceLocationsTable {
  id: string
  service_id: string
  location_id: string
}

export interface SchedulesTable {
  id: string
  service_id: string
  description: string
}

export interface ContactsTable {
  id: string
  /** The service, organisation or school this contact belongs to. */
  subject_id: string
  name: string
  phone: string | null
  email: string | null
  url: string | null
  notes: string | null
  position: number
}

export interface TaxonomyTermsTable {
  code: string
  id: string
  vocabulary: string
  parent_code: string | null
  name: string
}

/** Needs served, for services and schools alike. */
export interface SubjectNeedsTable {
  subject_id: string
  need_code: string
}

/** Council areas served, for services and organisations alike. */
export interface AreasServedTable {
  subject_id: string
  council_code: string
}

/**
 * One slim row per searchable service or school: what a result shows and what filters test.
 * The words themselves are only in the text index (search_fts on SQLite, tsv on PostgreSQL).
 */
export interface SearchDocumentsTable {
  doc_id: Generated<number>
  subject_id: string
  kind: 'service' | 'school'
  name: string
  organisation_name: string | null
  summary: string
  help_kind: string
  provider_type: string
  provision_level: string
  min_age: number | null
  max_age: number | null
  is_free: number | null
  /** One bit per filter value (src/search/facets.ts). */
  facet_mask: number
  council_codes: string
  lat: number | null
  lng: number | null
  last_reviewed: string | null
}

/** One row (id 1): bumped by every write to the search index, so each app instance can tell its in-memory copy is stale. */
export interface SearchIndexStateTable {
  id: number
  version: number
  /** PostgreSQL only: bumped by every compaction of the posting lists. */
  postings_generation?: number
}

/** Indexed words and how many documents hold each: the dictionary for spelling correction. */
export interface SearchWordsTable {
  word: string
  doc_count: number
}

/** PostgreSQL only (src/search/postings.ts). */
export interface SearchPostingsTable {
  lexeme: string
  doc_ids: Buffer
  scores: Buffer
}

export interface SearchPostingsRecentTable {
  lexeme: string
  doc_id: number
  score: number
}

// ---- accounts (migration 0007) ----

export type StaffRole = 'administrator' | 'officer'

export interface UsersTable {
  id: string
  email: string
  name: string
  role: StaffRole | null
  password_hash: string | null
  disabled_at: string | null
  created_at: string
  updated_at: string
}

export interface MembershipsTable {
  user_id: string
  organisation_id: string
}

export interface SessionsTable {
  id: string
  user_id: string
  created_at: string
  last_seen_at: string
  expires_at: string
}

export interface AccountTokensTable {
  id: string
  user_id: string
  purpose: 'invitation' | 'reset'
  expires_at: string
  used_at: string | null
  created_at: string
}

export interface SignInFailuresTable {
  email: string
  at: string
}

export interface AuditLogTable {
  id: Generated<number>
  at: string
  actor_id: string | null
  action: string
  subject: string | null
  details: string | null
}

// ---- publishing (migration 0008) ----

export type RevisionKind = 'service' | 'school-report'
export type RevisionStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'withdrawn'

export interface RevisionsTable {
  id: string
  subject_kind: RevisionKind
  subject_id: string
  organisation_id: string
  status: RevisionStatus
  base_version: number
  base_content: string
  content: string
  version: number
  author_id: string | null
  submitted_at: string | null
  decided_by: string | null
  decided_at: string | null
  reason: string | null
  created_at: string
  updated_at: string
}

export interface MailOutboxTable {
  id: string
  to_address: string
  subject: string
  body: string
  created_at: string
}

export interface ReviewRemindersTable {
  subject_kind: RevisionKind
  subject_id: string
  due: string
  stage: 'before' | 'after'
  sent_at: string
}

export type SelfEvaluationStatus = 'in-place' | 'partly' | 'not-in-place'

export interface SelfEvaluationsTable {
  school_id: string
  item_id: string
  status: SelfEvaluationStatus
  comment: Generated<string>
  version: Generated<number>
  updated_by: string | null
  updated_at: string
}

// ---- feedback (migration 0009) ----

export type FeedbackKind = 'useful' | 'problem'
export type FeedbackState = 'new' | 'in-progress' | 'responded' | 'closed'

export interface FeedbackTable {
  id: string
  created_at: string
  updated_at: string
  version: Generated<number>
  page_path: string
  subject_kind: 'service' | 'school' | null
  subject_id: string | null
  organisation_id: string | null
  kind: FeedbackKind
  useful: number | null
  problem: string | null
  comment: Generated<string>
  contact_name: string | null
  contact_email: string | null
  contact_phone: string | null
  consented_at: string | null
  personal_data_deleted_at: string | null
  state: Generated<FeedbackState>
  assigned_to: string | null
  response: string | null
  responded_at: string | null
  responded_by: string | null
}

export interface FeedbackThemesTable {
  feedback_id: string
  theme: string
}

export interface FeedbackNotesTable {
  id: string
  feedback_id: string
  author_id: string | null
  text: string
  created_at: string
}

export interface PublishedFeedbackTable {
  id: string
  feedback_id: string | null
  theme: string
  period: string
  said: string
  did: string
  changed: Generated<string>
  changed_on: string | null
  personal_data_review: string
  published_at: string
  published_by: string | null
  withdrawn_at: string | null
}

export interface Database {
  councils: CouncilsTable
  organisations: OrganisationsTable
  schools: SchoolsTable
  locations: LocationsTable
  services: ServicesTable
  service_locations: ServiceLocationsTable
  schedules: SchedulesTable
  contacts: ContactsTable
  taxonomy_terms: TaxonomyTermsTable
  subject_needs: SubjectNeedsTable
  areas_served: AreasServedTable
  search_documents: SearchDocumentsTable
  search_words: SearchWordsTable
  search_index_state: SearchIndexStateTable
  search_postings: SearchPostingsTable
  search_postings_recent: SearchPostingsRecentTable
  users: UsersTable
  memberships: MembershipsTable
  sessions: SessionsTable
  account_tokens: AccountTokensTable
  sign_in_failures: SignInFailuresTable
  audit_log: AuditLogTable
  revisions: RevisionsTable
  mail_outbox: MailOutboxTable
  review_reminders: ReviewRemindersTable
  self_evaluations: SelfEvaluationsTable
  feedback: FeedbackTable
  feedback_themes: FeedbackThemesTable
  feedback_notes: FeedbackNotesTable
  published_feedback: PublishedFeedbackTable
}

export type OrganisationRow = Selectable<OrganisationsTable>
export type NewOrganisation = Insertable<OrganisationsTable>
export type SchoolRow = Selectable<SchoolsTable>
export type ServiceRow = Selectable<ServicesTable>
export type NewService = Insertable<ServicesTable>
export type ServiceUpdate = Updateable<ServicesTable>
export type LocationRow = Selectable<LocationsTable>
export type ContactRow = Selectable<ContactsTable>
export type SearchDocumentRow = Selectable<SearchDocumentsTable>

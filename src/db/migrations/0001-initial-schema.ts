import type { StoreMigration, AnyDb } from './index.js'

export const initialSchema: StoreMigration = () => ({
  async up(db: AnyDb) {
    await db.schema
      .createTable('councils')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('organisations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('url', 'text')
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('address_note', 'text')
      .$call(provenanceColumns)
      .execute()

    await db.schema
      .createTable('schools')
      .addColumn('id', 'text', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
      .addColumn('urn', 'text', (c) => c.unique())
      .addColumn('la_code', 'text')
      .addColumn('la_name', 'text')
      .addColumn('council_code', 'text')
      .addColumn('establishment_type', 'text')
      .addColumn('type_group', 'text')
      .addColumn('status', 'text')
      .addColumn('phase', 'text')
      .addColumn('min_age', 'integer')
      .addColumn('max_age', 'integer')
      .addColumn('gender', 'text')
      .addColumn('religious_character', 'text')
      .addColumn('capacity', 'integer')
      .addColumn('pupils', 'integer')
      .addColumn('open_date', 'text')
      .addColumn('close_date', 'text')
      .addColumn('register_changed_date', 'text')
      .addColumn('sen_provision', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('resourced_provision', 'text')
      .addColumn('sen_unit', 'text')
      .addColumn('resourced_provision_capacity', 'integer')
      .addColumn('sen_unit_capacity', 'integer')
      .addColumn('ofsted_rating', 'text')
      .addColumn('easting', 'integer')
      .addColumn('northing', 'integer')
      .addColumn('report_text', 'text')
      .addColumn('data_source', 'text', (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('locations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.references('organisations.id').onDelete('cascade'))
      .addColumn('name', 'text')
      .addColumn('address', 'text')
      .addColumn('town', 'text')
      .addColumn('postcode', 'text')
      .addColumn('lat', 'double precision')
      .addColumn('lng', 'double precision')
      .addColumn('address_note', 'text')
      .execute()

    await db.schema
      .createTable('services')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('help_kind', 'text', (c) => c.notNull())
      .addColumn('provider_type', 'text', (c) => c.notNull())
      .addColumn('provision_level', 'text', (c) => c.notNull())
      .addColumn('min_age', 'integer')
      .addColumn('max_age', 'integer')
      .addColumn('eligibility', 'text')
      .addColumn('how_to_access', 'text')
      .addColumn('is_free', 'integer')
      .addColumn('cost_description', 'text')
      .addColumn('address_note', 'text')
      .$call(provenanceColumns)
      .execute()
    await db.schema.createIndex('services_organisation').on('services').column('organisation_id').execute()

    await db.schema
      .createTable('service_locations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('service_id', 'text', (c) => c.notNull().references('services.id').onDelete('cascade'))
      .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id').onDelete('cascade'))
      .execute()
    await db.schema.createIndex('service_locations_service').on('service_locations').column('service_id').execute()

    await db.schema
      .createTable('schedules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('service_id', 'text', (c) => c.notNull().references('services.id').onDelete('cascade'))
      .addColumn('description', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('schedules_service').on('schedules').column('service_id').execute()

    await db.schema
      .createTable('contacts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('email', 'text')
      .addColumn('url', 'text')
      .addColumn('notes', 'text')
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
    await db.schema.createIndex('contacts_subject').on('contacts').column('subject_id').execute()

    await db.schema
      .createTable('taxonomy_terms')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('vocabulary', 'text', (c) => c.notNull())
      .addColumn('parent_code', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('subject_needs')
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('need_code', 'text', (c) => c.notNull().references('taxonomy_terms.code'))
      .addPrimaryKeyConstraint('subject_needs_pk', ['subject_id', 'need_code'])
      .execute()
    await db.schema.createIndex('subject_needs_code').on('subject_needs').column('need_code').execute()

    await db.schema
      .createTable('areas_served')
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('council_code', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('areas_served_pk', ['subject_id', 'council_code'])
      .execute()
    await db.schema.createIndex('areas_served_council').on('areas_served').column('council_code').execute()
  },
})

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the builder's generic type differs per table
function provenanceColumns<T extends { addColumn: (...args: any[]) => T }>(table: T): T {
  return table
    .addColumn('source_document', 'text')
    .addColumn('source_excerpt', 'text')
    .addColumn('last_reviewed', 'text')
    .addColumn('next_review_due', 'text')
    .addColumn('created_at', 'text', (c: { notNull(): unknown }) => c.notNull())
    .addColumn('updated_at', 'text', (c: { notNull(): unknown }) => c.notNull())
}

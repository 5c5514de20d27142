// What the GIAS register says about a school's SEN provision beyond the needs it serves (those are
// in subject_needs): how many pupils are on roll in its resourced provision or SEN unit, the
// register's own wording for the provision, its SEN1..SEN13 codes as given (OTH has no need code),
// pupils with EHC plans or on SEN support, special classes, and a fingerprint of the register's
// values, so that a re-import of the national file can skip the ~50,000 schools that did not change.
import type { AnyDb, StoreMigration } from './index.js'

export const schoolSenProvision: StoreMigration = () => ({
  async up(db: AnyDb) {
    // One column per statement: SQLite's ALTER TABLE adds one column at a time.
    await db.schema.alterTable('schools').addColumn('resourced_provision_type', 'text').execute()
    await db.schema.alterTable('schools').addColumn('resourced_provision_on_roll', 'integer').execute()
    await db.schema.alterTable('schools').addColumn('sen_unit_on_roll', 'integer').execute()
    await db.schema.alterTable('schools').addColumn('register_sen_codes', 'text', (c) => c.notNull().defaultTo('')).execute()
    await db.schema.alterTable('schools').addColumn('pupils_with_ehc_plan', 'integer').execute()
    await db.schema.alterTable('schools').addColumn('pupils_with_sen_support', 'integer').execute()
    await db.schema.alterTable('schools').addColumn('special_classes', 'integer').execute()
    await db.schema.alterTable('schools').addColumn('register_fingerprint', 'text').execute()
  },
})

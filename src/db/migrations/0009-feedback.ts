// Feedback (the feedback issue; docs/decisions/0011-feedback.md): what visitors say on any public
// page, the council's handling of it (state, themes, assignment, notes, response), and what the
// council publishes on "You said, we did". Contact details are kept only with consent, and are
// deleted after the retention period (FEEDBACK_RETENTION_MONTHS) by a scheduled job.
import { sql } from 'kysely'
import type { AnyDb, StoreMigration } from './index.js'

export const feedback: StoreMigration = () => ({
  async up(db: AnyDb) {
    await db.schema
      .createTable('feedback')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)) // officers' edits: optimistic concurrency
      .addColumn('page_path', 'text', (c) => c.notNull()) // the page it was left on, without query string
      .addColumn('subject_kind', 'text') // 'service' | 'school' | null (a general page)
      .addColumn('subject_id', 'text')
      .addColumn('organisation_id', 'text', (c) => c.references('organisations.id').onDelete('set null')) // routes it to that organisation's editors
      .addColumn('kind', 'text', (c) => c.notNull()) // 'useful' | 'problem'
      .addColumn('useful', 'integer') // 1 yes, 0 no, null not asked
      .addColumn('problem', 'text') // 'out-of-date' | 'wrong-contact' | 'closed' | 'other'
      .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
      // Personal data: only with consent, deleted after the retention period.
      .addColumn('contact_name', 'text')
      .addColumn('contact_email', 'text')
      .addColumn('contact_phone', 'text')
      .addColumn('consented_at', 'text')
      .addColumn('personal_data_deleted_at', 'text')
      .addColumn('state', 'text', (c) => c.notNull().defaultTo('new')) // 'new' | 'in-progress' | 'responded' | 'closed'
      .addColumn('assigned_to', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('response', 'text')
      .addColumn('responded_at', 'text')
      .addColumn('responded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .execute()
    await db.schema.createIndex('feedback_state').on('feedback').columns(['state', 'created_at']).execute()
    await db.schema.createIndex('feedback_organisation').on('feedback').columns(['organisation_id', 'created_at']).execute()
    await db.schema.createIndex('feedback_created').on('feedback').column('created_at').execute()

    await db.schema
      .createTable('feedback_themes')
      .addColumn('feedback_id', 'text', (c) => c.notNull().references('feedback.id').onDelete('cascade'))
      .addColumn('theme', 'text', (c) => c.notNull()) // 'information-missing' | 'hard-to-find' | 'service-gap' | 'accessibility' | ...
      .addPrimaryKeyConstraint('feedback_themes_pk', ['feedback_id', 'theme'])
      .execute()
    await db.schema.createIndex('feedback_themes_theme').on('feedback_themes').column('theme').execute()

    await db.schema
      .createTable('feedback_notes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('feedback_id', 'text', (c) => c.notNull().references('feedback.id').onDelete('cascade'))
      .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('feedback_notes_feedback').on('feedback_notes').columns(['feedback_id', 'created_at']).execute()

    // "You said, we did": the published, checked text, apart from the comment as it arrived.
    await db.schema
      .createTable('published_feedback')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('feedback_id', 'text', (c) => c.references('feedback.id').onDelete('set null'))
      .addColumn('theme', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull()) // the quarter it was said in: '2026-Q4'
      .addColumn('said', 'text', (c) => c.notNull()) // redacted
      .addColumn('did', 'text', (c) => c.notNull()) // the council's response
      .addColumn('changed', 'text', (c) => c.notNull().defaultTo('')) // what changed, if anything
      .addColumn('changed_on', 'text') // YYYY-MM-DD
      .addColumn('personal_data_review', 'text', (c) => c.notNull()) // JSON: each finding and what the officer did with it
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('published_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('withdrawn_at', 'text')
      .execute()
    await db.schema.createIndex('published_feedback_period').on('published_feedback').columns(['period', 'theme']).execute()
    // One live entry per comment: two officers publishing it at once cannot both succeed.
    await db.schema
      .createIndex('published_feedback_one_live')
      .on('published_feedback')
      .column('feedback_id')
      .unique()
      .where(sql.raw<boolean>('withdrawn_at IS NULL AND feedback_id IS NOT NULL'))
      .execute()
  },
})

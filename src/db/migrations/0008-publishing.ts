// Publishing (docs/decisions/0009-publishing-workflow.md): changes to a listing or a school's report
// wait as revisions (draft -> submitted -> approved, or returned with a reason) while the public
// keeps seeing what was last approved. Every published record carries a version number, so a
// save made from an out-of-date copy is refused rather than applied (optimistic concurrency).
// Also: mails kept for the development outbox, which review reminders have been sent, and each
// school's self-evaluation against Schedule 1 (the toolkit's grid).
import { sql } from 'kysely'
import type { AnyDb, StoreMigration } from './index.js'

export const publishing: StoreMigration = () => ({
  async up(db: AnyDb) {
    await db.schema.alterTable('services').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute()
    // One column per statement: SQLite's ALTER TABLE adds one at a time.
    await db.schema.alterTable('schools').addColumn('report_version', 'integer', (c) => c.notNull().defaultTo(1)).execute()
    await db.schema.alterTable('schools').addColumn('report_sections', 'text').execute() // JSON, from the structured editor
    await db.schema.alterTable('schools').addColumn('report_last_reviewed', 'text').execute()
    await db.schema.alterTable('schools').addColumn('report_next_review_due', 'text').execute()

    await db.schema
      .createTable('revisions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('subject_kind', 'text', (c) => c.notNull()) // 'service' | 'school-report'
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('status', 'text', (c) => c.notNull()) // 'draft' | 'submitted' | 'returned' | 'approved' | 'withdrawn'
      .addColumn('base_version', 'integer', (c) => c.notNull()) // the published version it was written against
      .addColumn('base_content', 'text', (c) => c.notNull()) // JSON: that version, for the diff
      .addColumn('content', 'text', (c) => c.notNull()) // JSON: the proposed content
      .addColumn('version', 'integer', (c) => c.notNull()) // of the revision itself: each save adds one
      .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('submitted_at', 'text')
      .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('decided_at', 'text')
      .addColumn('reason', 'text') // why it was returned
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()
    // At most one open change per listing: two editors share it rather than racing two drafts.
    await db.schema
      .createIndex('revisions_one_open')
      .on('revisions')
      .columns(['subject_kind', 'subject_id'])
      .unique()
      .where(sql.raw<boolean>("status IN ('draft', 'submitted', 'returned')"))
      .execute()
    await db.schema.createIndex('revisions_subject').on('revisions').columns(['subject_kind', 'subject_id', 'created_at']).execute()
    await db.schema.createIndex('revisions_status').on('revisions').columns(['status', 'submitted_at']).execute()

    await db.schema
      .createTable('mail_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('to_address', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('review_reminders')
      .addColumn('subject_kind', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('due', 'text', (c) => c.notNull()) // the review date the reminder was about
      .addColumn('stage', 'text', (c) => c.notNull()) // 'before' | 'after'
      .addColumn('sent_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('review_reminders_pk', ['subject_kind', 'subject_id', 'due', 'stage'])
      .execute()

    await db.schema
      .createTable('self_evaluations')
      .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id').onDelete('cascade'))
      .addColumn('item_id', 'text', (c) => c.notNull()) // Schedule 1 item: '1', '3a' ... '13'
      .addColumn('status', 'text', (c) => c.notNull()) // 'in-place' | 'partly' | 'not-in-place'
      .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('self_evaluations_pk', ['school_id', 'item_id'])
      .execute()
  },
})

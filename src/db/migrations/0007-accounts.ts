// Accounts (docs/decisions/0008-accounts-and-sessions.md): people, the organisations whose listings
// they may edit, sessions kept in the store (so every app instance shares them), single-use
// tokens for invitations and password resets, failed sign-ins for the lock-out, and an audit log
// the application can only add to: triggers refuse any change to a row once written.
import { sql } from 'kysely'
import type { AnyDb, StoreMigration } from './index.js'

export const accounts: StoreMigration = (kind) => ({
  async up(db: AnyDb) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique()) // stored lower-cased
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text') // 'administrator' | 'officer' | null (organisation editor only)
      .addColumn('password_hash', 'text') // null until the invitation is accepted
      .addColumn('disabled_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('memberships')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'organisation_id'])
      .execute()

    // The session's id is a SHA-256 of the cookie's token: a copy of this table signs nobody in.
    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()

    await db.schema
      .createTable('account_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 of the token sent
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('purpose', 'text', (c) => c.notNull()) // 'invitation' | 'reset'
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('sign_in_failures')
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('sign_in_failures_email').on('sign_in_failures').columns(['email', 'at']).execute()

    await db.schema
      .createTable('audit_log')
      .addColumn('id', kind === 'sqlite' ? 'integer' : 'bigserial', (c) => (kind === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text') // null: the system, or someone not signed in
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject', 'text')
      .addColumn('details', 'text') // JSON
      .execute()

    if (kind === 'sqlite') {
      for (const event of ['UPDATE', 'DELETE']) {
        await sql
          .raw(`CREATE TRIGGER audit_log_no_${event.toLowerCase()} BEFORE ${event} ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END`)
          .execute(db)
      }
    } else {
      await sql`CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit log cannot be changed'; END $$`.execute(db)
      await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse()`.execute(db)
      await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse()`.execute(db)
    }
  },
})

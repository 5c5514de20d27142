// Mail: through SMTP when SMTP_URL is set (nodemailer), else kept in the store's outbox and shown
// at /dev/outbox for development. A mail that cannot be sent is an error for the caller to handle;
// the error names what failed, never the recipient or the text (no personal data in logs).
import { randomUUID } from 'node:crypto'
import nodemailer from 'nodemailer'
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

/** A mail was not sent. Its message holds the failure's codes only. */
export class MailNotSentError extends Error {
  readonly code = 'MAIL_NOT_SENT'
  override readonly name = 'MailNotSentError'
}

// A request waits on the mail server: a server that does not answer must not hold it for minutes.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }

export function createMailer(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>, store: Store): Mailer {
  if (config.SMTP_URL) return smtpMailer(config.SMTP_URL, config.MAIL_FROM)
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

function smtpMailer(url: string, from: string): Mailer {
  const transporter = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS })
  return {
    transport: 'smtp',
    async send(message) {
      try {
        await transporter.sendMail({ from, to: message.to, subject: message.subject, text: message.text })
      } catch (error) {
        // nodemailer's own message can quote the server's reply, which names the recipient.
        throw new MailNotSentError(`mail not sent: ${failureCodes(error)}`)
      }
    },
    async close() {
      transporter.close()
    },
  }
}

function failureCodes(error: unknown): string {
  const { code, responseCode, command } = (error ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown }
  const parts = [code, command, responseCode].filter((part) => typeof part === 'string' || typeof part === 'number')
  return parts.length > 0 ? parts.join(' ') : 'unknown failure'
}

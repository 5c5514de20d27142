// The mails the site sends, in plain text from the catalogue (mail.* in src/web/i18n/en/mail.ts).
import type { RevisionKind } from '../db/schema.js'
import { translator } from '../web/i18n/index.js'
import { formatDate } from '../web/plugins/format.js'
import type { MailMessage } from './mailer.js'

const t = translator('en')

/** Who the mail is for, and the council whose Local Offer sends it. */
export interface Recipient {
  email: string
  name: string
}

/** Names as one line: a line break in a stored name must not reshape the mail. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()

function compose(to: Recipient, council: string, subject: string, paragraphs: string[]): MailMessage {
  const site = t('site.name', { council })
  return { to: to.email, subject, text: [t('mail.greeting', { name: oneLine(to.name) }), ...paragraphs, t('mail.signOff', { site })].join('\n\n') + '\n' }
}

export function invitationMail(to: Recipient, council: string, link: string): MailMessage {
  const site = t('site.name', { council })
  return compose(to, council, t('mail.invitation.subject', { site }), [t('mail.invitation.intro', { site }), `${t('mail.invitation.link')}\n${link}`, t('mail.invitation.ignore')])
}

export function passwordResetMail(to: Recipient, council: string, link: string): MailMessage {
  const site = t('site.name', { council })
  return compose(to, council, t('mail.reset.subject', { site }), [t('mail.reset.intro'), `${t('mail.reset.link')}\n${link}`, t('mail.reset.ignore')])
}

export interface ReminderItem {
  kind: RevisionKind
  name: string
  /** YYYY-MM-DD. */
  due: string
  /** 'before': due soon; 'after': overdue. */
  stage: 'before' | 'after'
  link: string
}

/** One mail listing every item the person keeps that is due, overdue first. */
export function reviewReminderMail(to: Recipient, council: string, items: ReminderItem[]): MailMessage {
  const site = t('site.name', { council })
  const ordered = [...items].sort((a, b) => a.due.localeCompare(b.due) || a.name.localeCompare(b.name))
  const lines = ordered.map((item) => {
    const kind = t(item.kind === 'service' ? 'mail.reminder.service' : 'mail.reminder.report')
    const when = t(item.stage === 'after' ? 'mail.reminder.overdue' : 'mail.reminder.due', { name: oneLine(item.name), kind, date: formatDate(item.due) })
    return `- ${when}\n  ${item.link}`
  })
  return compose(to, council, t('mail.reminder.subject', { count: items.length, site }), [
    t('mail.reminder.intro', { count: items.length, site }),
    lines.join('\n\n'),
    t('mail.reminder.action'),
  ])
}

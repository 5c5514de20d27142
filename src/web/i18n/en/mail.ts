// English strings of the mail pages and messages: part of the catalogue in ../en.ts.
// Mail bodies are plain text, one string per paragraph (src/mail/messages.ts joins them).
import type { Catalogue } from '../index.js'

export const mail = {
  greeting: 'Hello {name},',
  signOff: '{site}',
  invitation: {
    subject: 'You have an account on the {site}',
    intro: 'A council administrator has made you an account on the {site}, so that you can keep its information up to date.',
    link: 'Choose your password with this link. It works once, within 7 days:',
    ignore: 'If you were not expecting this mail, you can ignore it: nobody can use the account until a password is chosen.',
  },
  reset: {
    subject: 'Reset your password for the {site}',
    intro: 'Someone asked for a link to reset the password of the account for this email address.',
    link: 'Choose a new password with this link. It works once, within 1 hour:',
    ignore: 'If it was not you, you can ignore this mail: your password has not changed.',
  },
  reminder: {
    subject: { one: 'An entry on the {site} is due for review', other: '{count} entries on the {site} are due for review' },
    intro: { one: 'This entry you keep on the {site} is due for review:', other: 'These entries you keep on the {site} are due for review:' },
    due: '{name} ({kind}): review due by {date}',
    overdue: '{name} ({kind}): review was due on {date} and is overdue',
    service: 'service',
    report: 'SEN information report',
    action: 'Open each link, check that the information is still right, then confirm it or change it. Families rely on it being up to date.',
  },
  // The development outbox (/dev/outbox).
  outbox: {
    title: 'Development outbox',
    lead: 'No mail server is set up (SMTP_URL), so mail is not sent from this machine: it is kept here instead.',
    caption: 'Kept mail, newest first',
    to: 'To',
    subject: 'Subject',
    when: 'Kept at',
    empty: 'No mail has been kept yet.',
    back: 'Back to the outbox',
    mailCaption: 'Mail',
  },
  // Asking for a password reset link (/account/reset-password).
  resetPage: {
    title: 'Reset your password',
    lead: 'Enter the email address of your account. We will send you a link to choose a new password.',
    button: 'Send the link',
    emailInvalid: 'Enter an email address in the correct format, like name@example.org',
    sentTitle: 'Check your email',
    sent: 'If an account exists for {email}, we have sent a link to it for choosing a new password. The link works once, within 1 hour.',
    notArrived: 'If it has not arrived within a few minutes, check your spam or junk folder, or ask again.',
    signIn: 'Back to sign in',
  },
  // Invitations on /admin/users.
  admin: {
    sent: 'It has been sent to that address by email.',
    notSentHere: 'Mail is not sent from this machine.',
    readInOutbox: 'Read it in the development outbox',
    failed: 'The account for {email} was made, but the invitation could not be sent. Check the mail server, then send a new invitation.',
    resendButton: 'Send a new invitation',
    resendTo: 'to {name}',
    notInvited: 'This person has already chosen a password. They can reset it from the sign-in page.',
  },
} satisfies Catalogue

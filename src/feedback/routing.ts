// Where feedback goes. Feedback about a listing is for the organisation that keeps it and for the
// council: the organisation's editors get a short mail and read it at /manage/feedback; officers
// work from the inbox at /admin/feedback, which is their channel (no mail per item: there would
// be too many). The mail names the listing and links to the item, without the comment or the
// visitor's details: mailboxes are kept for years, beyond the reach of the retention job.
import { siteUrl } from '../config.js'
import type { Services } from '../services.js'
import { translator } from '../web/i18n/index.js'

const t = translator('en')

export interface Notice {
  feedbackId: string
  organisationId: string
  listingName: string
  kind: 'problem' | 'comment'
}

/** The editors of an organisation who can sign in to read it. */
export async function organisationEditors(db: Services['store']['db'], organisationId: string): Promise<Array<{ email: string; name: string }>> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.email', 'users.name'])
    .where('memberships.organisation_id', '=', organisationId)
    .where('users.disabled_at', 'is', null)
    .where('users.password_hash', 'is not', null)
    .orderBy('users.email')
    .execute()
}

export function feedbackNoticeMail(to: { email: string; name: string }, notice: Notice, council: string, site: string) {
  return {
    to: to.email,
    subject: t(`feedback.mail.subject.${notice.kind}`, { name: notice.listingName }),
    text: t(`feedback.mail.body.${notice.kind}`, { person: to.name, name: notice.listingName, council, link: `${site}/manage/feedback/${notice.feedbackId}` }),
  }
}

/** Mails the notice to the organisation's editors; a failed mail is counted, never thrown. */
export async function notifyEditors(services: Pick<Services, 'config' | 'store' | 'mailer'>, notice: Notice): Promise<{ sent: number; failed: number }> {
  const editors = await organisationEditors(services.store.db, notice.organisationId)
  const site = siteUrl(services.config)
  const counts = { sent: 0, failed: 0 }
  for (const editor of editors) {
    try {
      await services.mailer.send(feedbackNoticeMail(editor, notice, services.config.HOME_COUNCIL_NAME, site))
      counts.sent++
    } catch {
      counts.failed++
    }
  }
  return counts
}

// Which pages carry the feedback block (partials/feedback.njk), and what it needs. Every public
// page does, error pages included; staff pages, sign-in and account pages, and the feedback
// pages themselves do not. Worked out from the route's access and the address alone, never from
// who is asking, so a page kept for many visitors (the search page cache) stays the same for all:
// the one per-visitor part, the form's CSRF token, is a placeholder filled in when each is sent.
import type { FastifyRequest } from 'fastify'
import type { Config } from '../../../../config.js'
import { LIMITS, subjectOfPath } from '../../../../feedback/validate.js'

const NOT_ON = /^\/(?:sign-in|sign-out|sign-out-everywhere|account|dev|feedback|admin|manage)(?:[/?#]|$)/

export interface FeedbackBlock {
  /** The address the forms say they were sent from (checked again when they arrive). */
  page: string
  /** 'service' or 'school' on a listing's pages, where problems can be reported. */
  subjectKind: 'service' | 'school' | undefined
  csrfToken: string
  team: { name: string; email: string | undefined; phone: string | undefined }
  retentionMonths: number
  maxComment: number
}

export function feedbackBlock(config: Pick<Config, 'LOCAL_OFFER_TEAM_NAME' | 'LOCAL_OFFER_TEAM_EMAIL' | 'LOCAL_OFFER_TEAM_PHONE' | 'FEEDBACK_RETENTION_MONTHS'>, request: FastifyRequest, csrfPlaceholder: string): FeedbackBlock | undefined {
  if ((request.routeOptions.config?.access ?? 'public') !== 'public') return undefined
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined
  const url = request.url
  if (NOT_ON.test(url)) return undefined
  const path = url.split(/[?#]/)[0]!
  return {
    page: url.length <= LIMITS.back ? url : path.slice(0, LIMITS.path),
    subjectKind: subjectOfPath(path)?.kind,
    csrfToken: csrfPlaceholder,
    team: { name: config.LOCAL_OFFER_TEAM_NAME, email: config.LOCAL_OFFER_TEAM_EMAIL, phone: config.LOCAL_OFFER_TEAM_PHONE },
    retentionMonths: config.FEEDBACK_RETENTION_MONTHS,
    maxComment: LIMITS.comment,
  }
}

// Services as the workflow publishes them: see revisions.ts.
import { findServiceDetail } from '../db/repositories/services.js'
import { nextReviewDue, type ReviewSettings } from './review-dates.js'
import type { Publishable } from './revisions.js'
import { applyServiceContent, serviceContentOf, storedServiceContent, type ServiceContent } from './service-content.js'

export function servicePublishable(settings: ReviewSettings): Publishable<ServiceContent> {
  return {
    kind: 'service',
    async load(db, serviceId) {
      const detail = await findServiceDetail(db, serviceId)
      if (!detail) return undefined
      return { content: serviceContentOf(detail), version: detail.service.version, organisationId: detail.service.organisation_id, name: detail.service.name }
    },
    parse: storedServiceContent,
    async publish(trx, serviceId, content, expected, reviewedOn) {
      const moved = await trx
        .updateTable('services')
        .set((eb) => ({ version: eb('version', '+', 1), last_reviewed: reviewedOn, next_review_due: nextReviewDue(settings, 'service', reviewedOn) }))
        .where('id', '=', serviceId)
        .where('version', '=', expected)
        .executeTakeFirst()
      if (Number(moved.numUpdatedRows) !== 1) return false
      await applyServiceContent(trx, serviceId, content, new Date().toISOString())
      return true
    },
  }
}

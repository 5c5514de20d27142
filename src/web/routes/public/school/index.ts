import type { FastifyPluginAsync } from 'fastify'
import { findSchoolDetail } from '../../../../db/repositories/schools.js'
import type { Services } from '../../../../services.js'
import { translator } from '../../../i18n/index.js'
import { sourceTitle } from '../sources.js'
import { schoolProvisionView } from './provision.js'
import { schoolStructuredData } from '../../../structured-data.js'
import { requestOrigin } from '../../../origin.js'
import { isUuid } from '../../../../db/ids.js'

const t = translator('en')
const SENCO = /\bSEN(D)?CO\b|special educational needs (and disabilit(y|ies) )?co-?ordinator|inclusion (leader|lead|manager)/i

export function schoolRoutes(services: Services): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { id: string } }>('/schools/:id', async (request, reply) => {
      const detail = isUuid(request.params.id) ? await findSchoolDetail(services.store.db, request.params.id) : undefined
      if (!detail) return reply.callNotFound()
      const councils = await services.councilNames()
      const senco = detail.contacts.find((contact) => SENCO.test(`${contact.name} ${contact.notes ?? ''}`))
      return reply.page('public/school/school.njk', {
        pageTitle: detail.organisation.name,
        breadcrumbs: [
          { text: t('site.breadcrumbHome'), href: '/' },
          { text: t('helpKinds.schools'), href: '/search?kind=schools' },
        ],
        detail: { ...detail, contacts: detail.contacts.filter((contact) => contact !== senco) },
        s: detail.organisation,
        locationText: detail.location
          ? [detail.location.address?.replace(/\n/g, ', '), detail.location.town, detail.location.postcode].filter(Boolean).join(', ')
          : undefined,
        senco,
        areaNames: detail.councilCodes.map((code) => councils.get(code) ?? code),
        outOfArea: !detail.councilCodes.includes(services.config.HOME_COUNCIL_CODE),
        fromRegister: detail.school.data_source === 'gias',
        sourceTitle: detail.school.data_source === 'gias' ? undefined : sourceTitle(detail.school.data_source),
        provision: schoolProvisionView(t, detail.school),
        structuredData: schoolStructuredData(detail, `${requestOrigin(request)}/schools/${detail.school.id}`),
      })
    })
  }
}

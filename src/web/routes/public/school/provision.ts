// What the school page says from the register about SEN provision and closure: plain labels for
// the SEN1..SEN13 codes (OTH included, which has no need code) and "pupils on roll / places" pairs.
import { needFromGiasCode } from '../../../../domain/needs.js'
import type { SchoolRow } from '../../../../db/schema.js'
import type { Translate } from '../../../i18n/index.js'
import { formatDate } from '../../../plugins/format.js'

const p = 'schoolProvision.'
// As in the importer: the register's older BESD is today's SEMH.
const CODE_ALIASES: Record<string, string> = { BESD: 'SEMH' }

export interface SchoolProvisionView {
  closed: boolean
  closedText: string | undefined
  rows: Array<{ key: { text: string }; value: { text: string } }>
}

function placesText(t: Translate, onRoll: number | null, capacity: number | null): string | undefined {
  if (onRoll !== null && capacity !== null) return t(`${p}onRollOfCapacity`, { onRoll, capacity })
  if (onRoll !== null) return t(`${p}onRollOnly`, { onRoll })
  if (capacity !== null) return t(`${p}capacityOnly`, { capacity })
  return undefined
}

function codeLabel(t: Translate, code: string): string {
  if (code.toUpperCase() === 'OTH') return t(`${p}otherNeed`)
  const need = needFromGiasCode(CODE_ALIASES[code.toUpperCase()] ?? code)
  return need ? t(`needs.${need}`) : code
}

export function schoolProvisionView(t: Translate, school: SchoolRow): SchoolProvisionView {
  const closed = school.status?.trim().toLowerCase() === 'closed'
  const closedText = closed
    ? school.close_date
      ? t(`${p}closedOn`, { date: formatDate(school.close_date) })
      : t(`${p}closedUndated`)
    : undefined
  const rows: SchoolProvisionView['rows'] = []
  const add = (key: string, value: string | undefined): void => {
    if (value) rows.push({ key: { text: t(`${p}${key}`) }, value: { text: value } })
  }
  const codes = school.register_sen_codes.split(' ').filter(Boolean)
  add('registerTypes', codes.map((code) => codeLabel(t, code)).join(', '))
  add('provisionType', school.resourced_provision_type ?? undefined)
  add('resourcedPlaces', placesText(t, school.resourced_provision_on_roll, school.resourced_provision_capacity))
  add('senUnitPlaces', placesText(t, school.sen_unit_on_roll, school.sen_unit_capacity))
  add('ehcPlans', school.pupils_with_ehc_plan === null ? undefined : String(school.pupils_with_ehc_plan))
  add('senSupport', school.pupils_with_sen_support === null ? undefined : String(school.pupils_with_sen_support))
  add('specialClasses', school.special_classes === null ? undefined : t(`${p}${school.special_classes === 1 ? 'yes' : 'no'}`))
  return { closed, closedText, rows }
}

// How the publishing pages show a service's content: each field as a reader sees it, diffs with
// labels, and the form's fields again as hidden inputs (the conflict page's "save mine").
import type { DiffRow } from '../../../../publishing/diff.js'
import { diffFields } from '../../../../publishing/diff.js'
import { SERVICE_FIELDS, type FieldError, type ServiceContent, type ServiceField } from '../../../../publishing/service-content.js'
import { translator } from '../../../i18n/index.js'

const t = translator('en')

export function showServiceField(field: ServiceField, value: ServiceContent[ServiceField]): string {
  if (value === null || value === '') return ''
  switch (field) {
    case 'helpKind':
      return t(`helpKinds.${String(value)}`)
    case 'providerType':
      return t(`providerTypes.${String(value)}`)
    case 'provisionLevel':
      return t(`levels.${String(value)}`)
    case 'needs':
      return (value as string[]).map((need) => t(`needs.${need}`)).join('\n')
    case 'free':
      return t(`publishing.free.${String(value)}`)
    default:
      return String(value)
  }
}

export interface LabelledDiffRow extends DiffRow {
  label: string
}

/** Every field of both versions, labelled; `changedOnly` leaves out what is the same. */
export function serviceDiff(before: ServiceContent, after: ServiceContent, changedOnly = true): LabelledDiffRow[] {
  return diffFields(SERVICE_FIELDS, before, after, showServiceField)
    .filter((row) => !changedOnly || row.changed)
    .map((row) => ({ ...row, label: t(`publishing.fields.${row.field}`) }))
}

/** The content as name/value pairs, as the edit form would send it. */
export function formPairs(content: ServiceContent): Array<[string, string]> {
  return SERVICE_FIELDS.flatMap((field): Array<[string, string]> => {
    const value = content[field]
    if (Array.isArray(value)) return value.map((item) => [field, item])
    return [[field, value === null ? '' : String(value)]]
  })
}

export function errorList(errors: FieldError[]): Array<{ text: string; href: string; field: string }> {
  return errors.map((error) => ({ field: error.field, text: t(`publishing.errors.${error.key}`, { ...error.params, field: t(`publishing.fields.${error.field}`) }), href: `#${error.field}` }))
}

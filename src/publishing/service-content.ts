// What an editor may change about a service, as one plain object: read from the published
// listing, read from the edit form (checked field by field), and written back when approved.
// Revisions store it as JSON, so a field added here must be optional when read (older drafts).
import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import { HELP_KINDS, PROVIDER_TYPES, PROVISION_LEVELS, type HelpKind, type ProviderType, type ProvisionLevel } from '../domain/model.js'
import { NEED_CODES } from '../domain/needs.js'
import { parseWebAddress } from '../domain/web-address.js'
import type { Database } from '../db/schema.js'
import type { ServiceDetail } from '../db/repositories/services.js'
import { replaceNeeds } from '../db/repositories/subjects.js'

export interface ServiceContent {
  name: string
  description: string
  helpKind: HelpKind
  providerType: ProviderType
  provisionLevel: ProvisionLevel
  needs: string[]
  minAge: number | null
  maxAge: number | null
  eligibility: string
  howToAccess: string
  /** 'yes' free, 'no' charged, '' not known. */
  free: 'yes' | 'no' | ''
  costDescription: string
  schedule: string
  phone: string
  email: string
  url: string
}

/** The fields in the order the form and the diff show them. */
export const SERVICE_FIELDS = [
  'name',
  'description',
  'helpKind',
  'providerType',
  'provisionLevel',
  'needs',
  'minAge',
  'maxAge',
  'eligibility',
  'howToAccess',
  'free',
  'costDescription',
  'schedule',
  'phone',
  'email',
  'url',
] as const satisfies ReadonlyArray<keyof ServiceContent>

export type ServiceField = (typeof SERVICE_FIELDS)[number]

/** Longest text each field takes: enough for any real listing, small enough to keep pages sane. */
export const MAX_LENGTH: Partial<Record<ServiceField, number>> = {
  name: 200,
  description: 10_000,
  eligibility: 2_000,
  howToAccess: 2_000,
  costDescription: 1_000,
  schedule: 1_000,
  phone: 40,
  email: 320,
  url: 500,
}

export function serviceContentOf(detail: ServiceDetail): ServiceContent {
  const { service } = detail
  return {
    name: service.name,
    description: service.description,
    helpKind: service.help_kind as HelpKind,
    providerType: service.provider_type as ProviderType,
    provisionLevel: service.provision_level as ProvisionLevel,
    needs: [...detail.needs].sort(),
    minAge: service.min_age,
    maxAge: service.max_age,
    eligibility: service.eligibility ?? '',
    howToAccess: service.how_to_access ?? '',
    free: service.is_free === 1 ? 'yes' : service.is_free === 0 ? 'no' : '',
    costDescription: service.cost_description ?? '',
    schedule: detail.schedules.join('\n'),
    phone: service.phone ?? '',
    email: service.email ?? '',
    url: service.url ?? '',
  }
}

/** Content stored as JSON, with any field an older draft lacks taken from `fallback`. */
export function storedServiceContent(json: string, fallback: ServiceContent): ServiceContent {
  const parsed = JSON.parse(json) as Partial<ServiceContent>
  return { ...fallback, ...parsed }
}

export interface FieldError {
  field: ServiceField
  /** Catalogue key under publishing.errors. */
  key: string
  params?: Record<string, string | number>
}

function text(body: Record<string, unknown>, name: string): string {
  const value = body[name]
  // Two fields of the same name (a hostile form): take neither.
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : ''
}

function age(raw: string, field: 'minAge' | 'maxAge', errors: FieldError[]): number | null {
  if (raw === '') return null
  if (!/^\d{1,2}$/.test(raw) || Number(raw) > 25) {
    errors.push({ field, key: 'age' })
    return null
  }
  return Number(raw)
}

/** Reads the edit form. Every field is checked; the content comes back even with errors, to show again. */
export function parseServiceForm(body: Record<string, unknown>): { content: ServiceContent; errors: FieldError[] } {
  const errors: FieldError[] = []
  const pick = <T extends string>(name: ServiceField, allowed: readonly T[]): T => {
    const value = text(body, name)
    if (!(allowed as readonly string[]).includes(value)) errors.push({ field: name, key: 'choose' })
    return value as T
  }
  const rawNeeds = body.needs === undefined ? [] : Array.isArray(body.needs) ? body.needs : [body.needs]
  const needs = [...new Set(rawNeeds.filter((need): need is string => typeof need === 'string'))].sort()
  if (needs.some((need) => !NEED_CODES.includes(need))) errors.push({ field: 'needs', key: 'unknownNeed' })
  const free = text(body, 'free')
  const content: ServiceContent = {
    name: text(body, 'name'),
    description: text(body, 'description'),
    helpKind: pick('helpKind', HELP_KINDS),
    providerType: pick('providerType', PROVIDER_TYPES),
    provisionLevel: pick('provisionLevel', PROVISION_LEVELS),
    needs: needs.filter((need) => NEED_CODES.includes(need)),
    minAge: age(text(body, 'minAge'), 'minAge', errors),
    maxAge: age(text(body, 'maxAge'), 'maxAge', errors),
    eligibility: text(body, 'eligibility'),
    howToAccess: text(body, 'howToAccess'),
    free: free === 'yes' || free === 'no' ? free : '',
    costDescription: text(body, 'costDescription'),
    schedule: text(body, 'schedule'),
    phone: text(body, 'phone'),
    email: text(body, 'email'),
    url: text(body, 'url'),
  }
  if (!content.name) errors.push({ field: 'name', key: 'nameMissing' })
  if (!content.description) errors.push({ field: 'description', key: 'descriptionMissing' })
  if (content.minAge !== null && content.maxAge !== null && content.minAge > content.maxAge) errors.push({ field: 'maxAge', key: 'ageOrder' })
  for (const [field, max] of Object.entries(MAX_LENGTH) as Array<[ServiceField, number]>) {
    const value = content[field]
    if (typeof value === 'string' && value.length > max) errors.push({ field, key: 'tooLong', params: { max } })
  }
  if (content.phone && !/^[0-9 +()-]{6,40}$/.test(content.phone)) errors.push({ field: 'phone', key: 'phone' })
  if (content.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(content.email)) errors.push({ field: 'email', key: 'email' })
  if (content.url) {
    const address = parseWebAddress(content.url, 'https')
    if (address) content.url = address.text
    else errors.push({ field: 'url', key: 'url' })
  }
  return { content, errors }
}

/** Writes approved content over the published listing (the caller bumps the version). */
export async function applyServiceContent(trx: Transaction<Database>, serviceId: string, content: ServiceContent, now: string): Promise<void> {
  await trx
    .updateTable('services')
    .set({
      name: content.name,
      description: content.description,
      help_kind: content.helpKind,
      provider_type: content.providerType,
      provision_level: content.provisionLevel,
      min_age: content.minAge,
      max_age: content.maxAge,
      eligibility: content.eligibility || null,
      how_to_access: content.howToAccess || null,
      is_free: content.free === 'yes' ? 1 : content.free === 'no' ? 0 : null,
      cost_description: content.costDescription || null,
      phone: content.phone || null,
      email: content.email || null,
      url: content.url || null,
      updated_at: now,
    })
    .where('id', '=', serviceId)
    .execute()
  await replaceNeeds(trx, serviceId, content.needs)
  await trx.deleteFrom('schedules').where('service_id', '=', serviceId).execute()
  if (content.schedule) await trx.insertInto('schedules').values({ id: randomUUID(), service_id: serviceId, description: content.schedule }).execute()
}

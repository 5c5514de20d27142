// The shapes Open Referral feeds come in, and a lenient check of each service record.
//
// A page is one of: a 3.0 list ({ contents, page_number, total_pages, last_page }), a 1.0 list
// (Spring-style { content, number, totalPages, last }), a bare array of services (how the real
// North Lincolnshire download is saved), or one service on its own (a /services/{id} response).
//
// Records are checked leniently, because real feeds are untidy: empty strings and nulls mean
// "not given", numbers may come as text, a list item that cannot be read is dropped rather than
// failing its record. Only what the importer cannot do without fails a record: an id and a name.
// The record schema covers the 3.0 field names and the 1.0 ones (eligibilitys, regular_schedules,
// service_taxonomys, physical_addresses) at once, since feeds mix them.
import { z } from 'zod'

export type PageShape = 'oruk-3.0' | 'oruk-1.0' | 'array' | 'single'

export interface FeedPage {
  shape: PageShape
  records: unknown[]
  /** The page's own number as it says it (0 or 1 for the first page, by the feed's convention). */
  pageNumber: number | undefined
  totalPages: number | undefined
  /** True when the page says it is the last. */
  last: boolean | undefined
}

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function whole(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined
}

function flag(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined
}

/** Which shape a parsed page is in; undefined when it is none of them. */
export function detectPage(body: unknown): FeedPage | undefined {
  if (Array.isArray(body)) return { shape: 'array', records: body, pageNumber: undefined, totalPages: undefined, last: true }
  if (!isObject(body)) return undefined
  if (Array.isArray(body.contents)) {
    return { shape: 'oruk-3.0', records: body.contents, pageNumber: whole(body.page_number), totalPages: whole(body.total_pages), last: flag(body.last_page) }
  }
  if (Array.isArray(body.content)) {
    return { shape: 'oruk-1.0', records: body.content, pageNumber: whole(body.number), totalPages: whole(body.totalPages), last: flag(body.last) }
  }
  if ((typeof body.id === 'string' || typeof body.id === 'number') && 'name' in body) {
    return { shape: 'single', records: [body], pageNumber: undefined, totalPages: undefined, last: true }
  }
  return undefined
}

// ---- lenient field types ---------------------------------------------------------------------

function blankToUndefined(value: unknown): unknown {
  if (value === null) return undefined
  if (typeof value === 'string' && value.trim() === '') return undefined
  return value
}

/** Text, or a number given where text was expected; "" and null are "not given". */
const text = z.preprocess(blankToUndefined, z.union([z.string(), z.number().transform(String)]).optional())

/** A number, or text that is one; anything else is "not given". */
const number = z.preprocess((value) => {
  const blank = blankToUndefined(value)
  if (typeof blank === 'string') return Number.isFinite(Number(blank)) ? Number(blank) : undefined
  return typeof blank === 'number' && Number.isFinite(blank) ? blank : undefined
}, z.number().optional())

/** A list whose unreadable items are dropped: one bad phone number does not lose the service. */
function list<T extends z.ZodType>(item: T) {
  return z.preprocess((value): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []), z.array(z.unknown())).transform((items) =>
    items.flatMap((entry): Array<z.output<T>> => {
      const parsed = item.safeParse(entry)
      return parsed.success ? [parsed.data] : []
    }),
  )
}

/** An object field that may be missing, null or not an object at all. */
function optionalObject<T extends z.ZodType>(shape: T) {
  return z.preprocess((value) => (isObject(value) ? value : undefined), shape.optional())
}

const phone = z.looseObject({ number: text })

const organisation = z.looseObject({
  id: text,
  name: text,
  description: text,
  email: text,
  website: text,
  url: text,
})

const contact = z.looseObject({
  id: text,
  name: text,
  title: text,
  email: text,
  phones: list(phone),
})

const costOption = z.looseObject({
  option: text,
  amount: number,
  amount_description: text,
  currency: text,
})

const schedule = z.looseObject({ id: text, description: text })

const address = z.looseObject({
  address_1: text,
  address_2: text,
  city: text,
  postal_code: text,
})

const location = z.looseObject({
  id: text,
  name: text,
  description: text,
  latitude: number,
  longitude: number,
  addresses: list(address),
  physical_addresses: list(address),
})

const serviceAtLocation = z.looseObject({ id: text, location_id: text, location: optionalObject(location) })

const taxonomyTerm = z.looseObject({ id: text, name: text, term: text })

const attribute = z.looseObject({ taxonomy_term_id: text, taxonomy_term: optionalObject(taxonomyTerm) })

/** 3.0: where the service is offered; a council's area carries its ONS code in uri. */
const serviceArea = z.looseObject({ name: text, service_area: text, uri: text })

/** 1.0: service_taxonomys[].taxonomy.name */
const serviceTaxonomy = z.looseObject({ taxonomy: optionalObject(z.looseObject({ name: text })) })

/** 1.0: eligibilitys[] carried the age range and who the service is for. */
const eligibility = z.looseObject({ eligibility: text, minimum_age: number, maximum_age: number })

/** North Lincolnshire's supplier field: who the service is for ("Autism", "Carers", "Parents>Grandparents"). */
const audience = z.looseObject({ audienceType: text })

export const serviceRecord = z.looseObject({
  id: z.preprocess(blankToUndefined, z.union([z.string(), z.number().transform(String)], { error: 'id is missing' })),
  name: z.preprocess(blankToUndefined, z.string({ error: 'name is missing' })),
  description: text,
  url: text,
  email: text,
  status: text,
  fees: text,
  minimum_age: number,
  maximum_age: number,
  assured_date: text,
  eligibility_description: text,
  application_process: text,
  attending_access: text,
  deliverable_type: text,
  pc_attendingAccess_additionalInfo: text,
  organization_id: text,
  organization: optionalObject(organisation),
  phones: list(phone),
  contacts: list(contact),
  cost_options: list(costOption),
  schedules: list(schedule),
  regular_schedules: list(schedule),
  service_at_locations: list(serviceAtLocation),
  service_areas: list(serviceArea),
  attributes: list(attribute),
  service_taxonomys: list(serviceTaxonomy),
  eligibilitys: list(eligibility),
  pc_targetAudience: list(audience),
})

export type ServiceRecord = z.output<typeof serviceRecord>

/** Fields this importer reads; any other field with a value is counted in the report as ignored. */
export const READ_FIELDS: ReadonlySet<string> = new Set(Object.keys(serviceRecord.shape))

export type RecordCheck = { ok: true; record: ServiceRecord } | { ok: false; id: string | undefined; reason: string }

/** Checks one record; a failure names every field that stopped it. */
export function checkRecord(value: unknown): RecordCheck {
  if (!isObject(value)) return { ok: false, id: undefined, reason: 'not an object' }
  const parsed = serviceRecord.safeParse(value)
  const rawId = value.id
  const id = (typeof rawId === 'string' && rawId.trim() !== '') || typeof rawId === 'number' ? String(rawId) : undefined
  if (!parsed.success) {
    const reason = parsed.error.issues.map((issue) => (issue.path.length && !issue.message.includes(' is missing') ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ')
    return { ok: false, id, reason }
  }
  return { ok: true, record: parsed.data }
}

/** Fields given a value that the importer does not read (supplier extensions among them). */
export function ignoredFields(value: unknown): string[] {
  if (!isObject(value)) return []
  return Object.entries(value)
    .filter(([key, field]) => !READ_FIELDS.has(key) && hasValue(field))
    .map(([key]) => key)
}

function hasValue(value: unknown): boolean {
  if (value === null || value === undefined) return false
  if (typeof value === 'string') return value.trim() !== ''
  if (Array.isArray(value)) return value.length > 0
  if (isObject(value)) return Object.values(value).some(hasValue)
  return true
}

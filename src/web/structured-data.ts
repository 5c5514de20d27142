// schema.org JSON-LD for service and school pages, so search engines and other directories can
// read what a page describes. Only what the record holds is said; nothing is filled in.
import type { SchoolDetail } from '../db/repositories/schools.js'
import type { ServiceDetail } from '../db/repositories/services.js'
import type { LocationRow } from '../db/schema.js'

type Json = { [key: string]: Json } | Json[] | string | number | boolean

/** Leaves out empty values, so a missing phone is absent rather than "". */
function compact(value: Record<string, Json | null | undefined>): Record<string, Json> {
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, Json] => entry[1] !== null && entry[1] !== undefined && entry[1] !== ''))
}

function postalAddress(location: LocationRow | undefined): Json | undefined {
  if (!location || !(location.address || location.town || location.postcode)) return undefined
  return compact({
    '@type': 'PostalAddress',
    streetAddress: location.address?.replace(/\n/g, ', '),
    addressLocality: location.town,
    postalCode: location.postcode,
    addressCountry: 'GB',
  })
}

function geo(location: LocationRow | undefined): Json | undefined {
  return location && location.lat !== null && location.lng !== null ? { '@type': 'GeoCoordinates', latitude: location.lat, longitude: location.lng } : undefined
}

/**
 * As text to put inside <script type="application/ld+json">: "<" is escaped so that no value
 * (a name with "</script>" in it, say) can end the script element.
 */
function asScript(data: Record<string, Json>): string {
  return JSON.stringify({ '@context': 'https://schema.org', ...data }).replace(/</g, '\\u003c')
}

export function serviceStructuredData(detail: ServiceDetail, pageUrl: string, areaNames: string[]): string {
  const { service, organisation } = detail
  const place = detail.locations[0]
  return asScript(
    compact({
      '@type': 'Service',
      '@id': pageUrl,
      url: pageUrl,
      name: service.name,
      description: service.description,
      provider: compact({ '@type': 'Organization', name: organisation.name, url: organisation.url }),
      areaServed: areaNames.length > 0 ? areaNames.map((name) => ({ '@type': 'AdministrativeArea', name })) : undefined,
      audience:
        service.min_age !== null || service.max_age !== null
          ? compact({ '@type': 'PeopleAudience', suggestedMinAge: service.min_age, suggestedMaxAge: service.max_age })
          : undefined,
      isAccessibleForFree: service.is_free === null ? undefined : service.is_free === 1,
      sameAs: service.url,
      email: service.email,
      telephone: service.phone,
      availableChannel: place ? { '@type': 'ServiceChannel', serviceLocation: compact({ '@type': 'Place', address: postalAddress(place), geo: geo(place) }) } : undefined,
    }),
  )
}

export function schoolStructuredData(detail: SchoolDetail, pageUrl: string): string {
  const { school, organisation, location } = detail
  return asScript(
    compact({
      '@type': 'School',
      '@id': pageUrl,
      url: pageUrl,
      name: organisation.name,
      description: organisation.description,
      sameAs: organisation.url,
      email: organisation.email,
      telephone: organisation.phone,
      identifier: school.urn ? { '@type': 'PropertyValue', propertyID: 'URN', value: school.urn } : undefined,
      address: postalAddress(location),
      geo: geo(location),
    }),
  )
}

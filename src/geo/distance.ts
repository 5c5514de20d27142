// Great-circle distances and search boxes on a spherical Earth. The sphere is out by at most
// about 0.5% against the ellipsoid, which is nothing at the scale of "schools within 5 miles".
import type { LatLng } from './osgb.js'

/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088
export const KM_PER_MILE = 1.609344

const toRad = (deg: number): number => (deg * Math.PI) / 180
const toDeg = (rad: number): number => (rad * 180) / Math.PI

/** Haversine distance between two points, in km. */
export function haversineKm(a: LatLng, b: LatLng): number {
  const dLat = toRad(b.lat - a.lat)
  const dLng = toRad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

export function kmToMiles(km: number): number {
  return km / KM_PER_MILE
}

export function milesToKm(miles: number): number {
  return miles * KM_PER_MILE
}

export interface BoundingBox {
  minLat: number
  maxLat: number
  minLng: number
  maxLng: number
}

/**
 * A latitude/longitude box that contains every point within `radiusKm` of `centre`: a cheap
 * pre-filter for an indexed query (`lat BETWEEN ... AND lng BETWEEN ...`), to be followed by an
 * exact haversine check, since the box's corners lie outside the circle.
 * The longitude span is widened by the cosine of the latitude nearer the pole, so that it is
 * wide enough across the whole box; near a pole the box spans every longitude. (No
 * antimeridian handling: longitudes are clamped to ±180, which is fine for the UK.)
 */
export function boundingBox(centre: LatLng, radiusKm: number): BoundingBox {
  if (!(radiusKm >= 0) || !Number.isFinite(radiusKm)) {
    throw new RangeError(`Radius must be a non-negative number of km (got ${radiusKm})`)
  }
  const dLat = toDeg(radiusKm / EARTH_RADIUS_KM)
  const minLat = Math.max(-90, centre.lat - dLat)
  const maxLat = Math.min(90, centre.lat + dLat)
  const widestLat = Math.max(Math.abs(minLat), Math.abs(maxLat))
  if (widestLat >= 90) return { minLat, maxLat, minLng: -180, maxLng: 180 }
  const dLng = dLat / Math.cos(toRad(widestLat))
  return {
    minLat,
    maxLat,
    minLng: Math.max(-180, centre.lng - dLng),
    maxLng: Math.min(180, centre.lng + dLng),
  }
}

/** Kilometres in one degree of latitude: the unit of the flat-earth distances below. */
const KM_PER_DEGREE = 111.32

/** A centre for flat-earth distances: longitude shrunk by the cosine of its latitude. */
export interface FlatCentre {
  lat: number
  lng: number
  cosLat: number
}

export function flatCentre(centre: LatLng): FlatCentre {
  return { lat: centre.lat, lng: centre.lng, cosLat: Math.cos(toRad(centre.lat)) }
}

/**
 * Squared distance in degrees of latitude on an equirectangular projection: within 50 km it orders
 * and bounds points as the great circle does, for a few multiplications. NaN for a NaN position.
 */
export function flatSquaredDistance(centre: FlatCentre, lat: number, lng: number): number {
  const dLat = lat - centre.lat
  const dLng = (lng - centre.lng) * centre.cosLat
  return dLat * dLat + dLng * dLng
}

/** A radius in the same squared units, to compare with flatSquaredDistance. */
export function flatSquaredRadius(radiusKm: number): number {
  const degrees = radiusKm / KM_PER_DEGREE
  return degrees * degrees
}

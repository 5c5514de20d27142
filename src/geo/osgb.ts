// British National Grid (EPSG:27700: OSGB36 datum, Airy 1830 ellipsoid, transverse Mercator)
// to WGS84 latitude/longitude, through proj4 with the standard 7-parameter Helmert transform.
// The Helmert transform is good to about 5 m across Great Britain (OSTN15 would be better, to
// centimetres, but it needs a grid file; 5 m is far finer than anything we show on a page).
//
// Only Great Britain's grid: Northern Ireland uses the Irish Grid (EPSG:29902), and the Channel
// Islands and the Isle of Man are outside the grid's intended area.
import proj4 from 'proj4'

export const EPSG_27700 =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
  '+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs'

const toWgs84 = proj4(EPSG_27700, 'EPSG:4326')

export interface LatLng {
  lat: number
  lng: number
}

/** The grid's extent (metres): anything outside it is not a point in Great Britain. */
export const BNG_MAX_EASTING = 700_000
export const BNG_MAX_NORTHING = 1_300_000

export function isPlausibleBng(easting: number, northing: number): boolean {
  return (
    Number.isFinite(easting) &&
    Number.isFinite(northing) &&
    easting >= 0 &&
    easting <= BNG_MAX_EASTING &&
    northing >= 0 &&
    northing <= BNG_MAX_NORTHING
  )
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6
}

/** Convert an OSGB36 easting/northing (metres) to WGS84 latitude/longitude, rounded to 6 decimals (~0.1 m). */
export function eastingNorthingToLatLng(easting: number, northing: number): LatLng {
  if (!Number.isFinite(easting) || !Number.isFinite(northing)) {
    throw new RangeError(`Easting and northing must be numbers (got ${easting}, ${northing})`)
  }
  const [lng, lat] = toWgs84.forward([easting, northing])
  if (lat === undefined || lng === undefined || !Number.isFinite(lat) || !Number.isFinite(lng)) {
    throw new RangeError(`Cannot convert easting ${easting}, northing ${northing} to latitude/longitude`)
  }
  return { lat: round6(lat), lng: round6(lng) }
}

/**
 * WGS84 longitude/latitude → British National Grid (OSGB36 / EPSG:27700) easting/northing.
 *
 * Method: Ordnance Survey, "A guide to coordinate systems in Great Britain".
 *
 *  1. Geodetic → Cartesian on the GRS80 ellipsoid (Annex B). WGS84 is treated as ETRS89:
 *     the two have drifted apart by well under a metre over GB (roughly 2.5 cm a year since
 *     1989), far below the accuracy of step 2. GRS80 and WGS84 differ only by 0.1 mm in b.
 *     Ellipsoidal height is taken as 0: a height error of h metres moves the horizontal
 *     result by only ~h × 2e-5 m through the datum shift, i.e. nothing at GB heights.
 *  2. 7-parameter Helmert transformation ETRS89 → OSGB36 (section 6.6; the guide's published
 *     parameters). OS state this is good to about 5 m (typically 2–3 m) across GB, versus the
 *     centimetre-level OSTN15 grid transformation which is not used here. That is ample for
 *     250 m grid cells.
 *  3. Cartesian → geodetic on the Airy 1830 ellipsoid (Annex B, iterative).
 *  4. Transverse Mercator with the National Grid constants (Annex C):
 *     F0 = 0.9996012717, true origin 49°N 2°W, false origin E0 = 400 000 m, N0 = −100 000 m.
 *
 * Pure: no I/O. Outside Great Britain the numbers are defined but increasingly meaningless.
 */

export type Ellipsoid = { readonly a: number; readonly b: number };

/** GRS80, the ETRS89 ellipsoid (used here for WGS84 too). */
export const GRS80: Ellipsoid = { a: 6378137.0, b: 6356752.3141 };
/** Airy 1830, the OSGB36 ellipsoid. */
export const AIRY_1830: Ellipsoid = { a: 6377563.396, b: 6356256.909 };

/** National Grid projection constants. */
export const NATIONAL_GRID = {
  f0: 0.9996012717,
  lat0: 49,
  lon0: -2,
  e0: 400000,
  n0: -100000,
} as const;

/** ETRS89 → OSGB36 Helmert parameters: metres, parts per million, arc-seconds. */
export const HELMERT_ETRS89_TO_OSGB36 = {
  tx: -446.448,
  ty: 125.157,
  tz: -542.06,
  sPpm: 20.4894,
  rxSec: -0.1502,
  rySec: -0.247,
  rzSec: -0.8421,
} as const;

const DEG = Math.PI / 180;
const ARCSEC = DEG / 3600;

export type Cartesian = { x: number; y: number; z: number };
export type LonLat = { longitude: number; latitude: number };
export type EastingNorthing = { easting: number; northing: number };

function eccentricitySquared(el: Ellipsoid): number {
  return (el.a * el.a - el.b * el.b) / (el.a * el.a);
}

/** Annex B: latitude/longitude (degrees) and ellipsoidal height (m) → Cartesian X, Y, Z (m). */
export function geodeticToCartesian(longitude: number, latitude: number, height: number, el: Ellipsoid): Cartesian {
  const phi = latitude * DEG;
  const lambda = longitude * DEG;
  const e2 = eccentricitySquared(el);
  const sinPhi = Math.sin(phi);
  const cosPhi = Math.cos(phi);
  const nu = el.a / Math.sqrt(1 - e2 * sinPhi * sinPhi);
  return {
    x: (nu + height) * cosPhi * Math.cos(lambda),
    y: (nu + height) * cosPhi * Math.sin(lambda),
    z: ((1 - e2) * nu + height) * sinPhi,
  };
}

/** Annex B: Cartesian → latitude/longitude (degrees) by iterating φ until it changes by < 1e-12 rad. */
export function cartesianToGeodetic(c: Cartesian, el: Ellipsoid): LonLat & { height: number } {
  const e2 = eccentricitySquared(el);
  const p = Math.sqrt(c.x * c.x + c.y * c.y);
  const lambda = Math.atan2(c.y, c.x);
  let phi = Math.atan2(c.z, p * (1 - e2));
  let nu = el.a;
  for (let i = 0; i < 20; i++) {
    const sinPhi = Math.sin(phi);
    nu = el.a / Math.sqrt(1 - e2 * sinPhi * sinPhi);
    const next = Math.atan2(c.z + e2 * nu * sinPhi, p);
    const done = Math.abs(next - phi) < 1e-12;
    phi = next;
    if (done) break;
  }
  return { longitude: lambda / DEG, latitude: phi / DEG, height: p / Math.cos(phi) - nu };
}

/** Section 6.6: the small-angle 7-parameter Helmert transformation ETRS89 → OSGB36. */
export function helmertEtrs89ToOsgb36(c: Cartesian): Cartesian {
  const h = HELMERT_ETRS89_TO_OSGB36;
  const s1 = 1 + h.sPpm * 1e-6;
  const rx = h.rxSec * ARCSEC;
  const ry = h.rySec * ARCSEC;
  const rz = h.rzSec * ARCSEC;
  return {
    x: h.tx + s1 * c.x - rz * c.y + ry * c.z,
    y: h.ty + rz * c.x + s1 * c.y - rx * c.z,
    z: h.tz - ry * c.x + rx * c.y + s1 * c.z,
  };
}

/** WGS84 (≈ ETRS89) longitude/latitude in degrees → OSGB36 longitude/latitude in degrees (Airy 1830). */
export function wgs84ToOsgb36(longitude: number, latitude: number): LonLat {
  const osgb = cartesianToGeodetic(helmertEtrs89ToOsgb36(geodeticToCartesian(longitude, latitude, 0, GRS80)), AIRY_1830);
  return { longitude: osgb.longitude, latitude: osgb.latitude };
}

// Projection constants derived once from Airy 1830 and F0.
const AIRY_E2 = eccentricitySquared(AIRY_1830);
const N = (AIRY_1830.a - AIRY_1830.b) / (AIRY_1830.a + AIRY_1830.b);
const N2 = N * N;
const N3 = N2 * N;
const M_A = 1 + N + (5 / 4) * N2 + (5 / 4) * N3;
const M_B = 3 * N + 3 * N2 + (21 / 8) * N3;
const M_C = (15 / 8) * N2 + (15 / 8) * N3;
const M_D = (35 / 24) * N3;
const PHI0 = NATIONAL_GRID.lat0 * DEG;
const LAMBDA0 = NATIONAL_GRID.lon0 * DEG;

/**
 * Annex C: OSGB36 longitude/latitude (degrees, Airy 1830) → National Grid easting/northing (m).
 * This is the projection only; no datum change.
 */
export function osgb36ToGrid(longitude: number, latitude: number): EastingNorthing {
  const { a, b } = AIRY_1830;
  const { f0, e0, n0 } = NATIONAL_GRID;
  const phi = latitude * DEG;
  const dLambda = longitude * DEG - LAMBDA0;

  const sinPhi = Math.sin(phi);
  const cosPhi = Math.cos(phi);
  const tanPhi = Math.tan(phi);
  const tan2 = tanPhi * tanPhi;
  const tan4 = tan2 * tan2;
  const cos3 = cosPhi * cosPhi * cosPhi;
  const cos5 = cos3 * cosPhi * cosPhi;

  const w = 1 - AIRY_E2 * sinPhi * sinPhi;
  const nu = (a * f0) / Math.sqrt(w);
  const rho = (a * f0 * (1 - AIRY_E2)) / (w * Math.sqrt(w));
  const eta2 = nu / rho - 1;

  const dPhi = phi - PHI0;
  const sPhi = phi + PHI0;
  const m =
    b *
    f0 *
    (M_A * dPhi -
      M_B * Math.sin(dPhi) * Math.cos(sPhi) +
      M_C * Math.sin(2 * dPhi) * Math.cos(2 * sPhi) -
      M_D * Math.sin(3 * dPhi) * Math.cos(3 * sPhi));

  const i = m + n0;
  const ii = (nu / 2) * sinPhi * cosPhi;
  const iii = (nu / 24) * sinPhi * cos3 * (5 - tan2 + 9 * eta2);
  const iiiA = (nu / 720) * sinPhi * cos5 * (61 - 58 * tan2 + tan4);
  const iv = nu * cosPhi;
  const v = (nu / 6) * cos3 * (nu / rho - tan2);
  const vi = (nu / 120) * cos5 * (5 - 18 * tan2 + tan4 + 14 * eta2 - 58 * tan2 * eta2);

  const l2 = dLambda * dLambda;
  const northing = i + l2 * (ii + l2 * (iii + l2 * iiiA));
  const easting = e0 + dLambda * (iv + l2 * (v + l2 * vi));
  return { easting, northing };
}

/**
 * WGS84 longitude/latitude (decimal degrees) → British National Grid easting/northing (metres).
 * Accurate to a few metres (Helmert, see the header). Throws RangeError on non-finite or
 * out-of-range input so bad rows are not silently placed somewhere.
 */
export function toBng(longitude: number, latitude: number): EastingNorthing {
  if (!Number.isFinite(longitude) || !Number.isFinite(latitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
    throw new RangeError(`toBng: not a longitude/latitude: (${longitude}, ${latitude})`);
  }
  const osgb = wgs84ToOsgb36(longitude, latitude);
  return osgb36ToGrid(osgb.longitude, osgb.latitude);
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  AIRY_1830,
  GRS80,
  cartesianToGeodetic,
  geodeticToCartesian,
  osgb36ToGrid,
  toBng,
  wgs84ToOsgb36,
} from './bng.ts';

const dms = (d: number, m: number, s: number): number => d + m / 60 + s / 3600;

function near(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);
}

test('Transverse Mercator: the OS guide Annex C worked example to the millimetre', () => {
  // OSGB36 φ = 52°39′27.2531″N, λ = 1°43′4.5177″E → E 651409.903, N 313177.270.
  const g = osgb36ToGrid(dms(1, 43, 4.5177), dms(52, 39, 27.2531));
  near(g.easting, 651409.903, 0.001, 'easting');
  near(g.northing, 313177.27, 0.001, 'northing');
});

test('Transverse Mercator: the true origin maps to the false origin, the central meridian to E0', () => {
  const o = osgb36ToGrid(-2, 49);
  near(o.easting, 400000, 1e-6, 'easting');
  near(o.northing, -100000, 1e-6, 'northing');
  for (const lat of [50, 53.5, 58]) near(osgb36ToGrid(-2, lat).easting, 400000, 1e-6, `easting at ${lat}°N`);
});

test('Cartesian: the OS guide Annex B worked example (Airy 1830, H = 24.7 m) and back', () => {
  const lon = dms(1, 43, 4.5177);
  const lat = dms(52, 39, 27.2531);
  const c = geodeticToCartesian(lon, lat, 24.7, AIRY_1830);
  near(c.x, 3874938.849, 0.002, 'X');
  near(c.y, 116218.624, 0.002, 'Y');
  near(c.z, 5047168.208, 0.002, 'Z');
  const back = cartesianToGeodetic(c, AIRY_1830);
  near(back.latitude, lat, 1e-9, 'latitude');
  near(back.longitude, lon, 1e-9, 'longitude');
  near(back.height, 24.7, 1e-4, 'height');
});

test('Cartesian round trip on both ellipsoids across GB (property)', () => {
  fc.assert(
    fc.property(
      fc.double({ min: -8, max: 2, noNaN: true }),
      fc.double({ min: 49.8, max: 60.9, noNaN: true }),
      fc.double({ min: -100, max: 1400, noNaN: true }),
      fc.constantFrom(GRS80, AIRY_1830),
      (lon, lat, h, el) => {
        const back = cartesianToGeodetic(geodeticToCartesian(lon, lat, h, el), el);
        return Math.abs(back.latitude - lat) < 1e-9 && Math.abs(back.longitude - lon) < 1e-9 && Math.abs(back.height - h) < 1e-3;
      },
    ),
  );
});

test('the datum shift on the ground is the familiar ~100 m (60–150 m) across GB, not zero and not kilometres', () => {
  // Plotting WGS84 lat/long as if it were OSGB36 is a well-known ~70–140 m error in Great Britain.
  for (const [lon, lat] of [[-5.7, 50.07], [1.7, 52.6], [-0.47, 52.13], [-3.2, 55.95], [-6.3, 58.2], [-1.3, 60.5]] as const) {
    const right = toBng(lon, lat);
    const naive = osgb36ToGrid(lon, lat);
    const shift = Math.hypot(right.easting - naive.easting, right.northing - naive.northing);
    assert.ok(shift > 60 && shift < 150, `shift at (${lon}, ${lat}) is ${shift} m`);
  }
});

test('WGS84 → BNG: Caister water tower, the OS worked example, within 5 m of the OSTN value', () => {
  // OS worked example: ETRS89 φ = 52.658007833°, λ = 1.716073973° (52°39′28.8282″N 1°42′57.8663″E);
  // via OSTN: OSGB36 E 651409.792, N 313177.448 (φ 52°39′27.2531″, λ 1°43′4.5177″ — the Annex C point).
  // The Helmert transformation is specified as good to ~5 m; here it is ~3.5 m out.
  const g = toBng(1.716073973, 52.658007833);
  const error = Math.hypot(g.easting - 651409.792, g.northing - 313177.448);
  assert.ok(error < 5, `error ${error.toFixed(2)} m`);
  const osgb = wgs84ToOsgb36(1.716073973, 52.658007833);
  near(osgb.latitude, dms(52, 39, 27.2531), 5 / 111000, 'OSGB36 latitude');
  near(osgb.longitude, dms(1, 43, 4.5177), 5 / 67000, 'OSGB36 longitude');
});

test('WGS84 → BNG: Bedfordshire towns land where the map says (plausibility, within 1 km)', () => {
  // Bedford town centre, 52.1359°N 0.4667°W: grid reference TL 049 497 ≈ (504900, 249700).
  const bedford = toBng(-0.4667, 52.1359);
  // Luton town centre, 51.8787°N 0.4200°W: around TL 08 21 ≈ (508800, 221200).
  const luton = toBng(-0.42, 51.8787);
  for (const [name, p] of [['Bedford', bedford], ['Luton', luton]] as const) {
    assert.ok(p.easting > 490000 && p.easting < 530000, `${name} easting ${p.easting}`);
    assert.ok(p.northing > 215000 && p.northing < 265000, `${name} northing ${p.northing}`);
  }
  assert.ok(Math.hypot(bedford.easting - 504900, bedford.northing - 249700) < 1000);
  assert.ok(Math.hypot(luton.easting - 508800, luton.northing - 221200) < 1000);
  // Bedford is ~28.5 km north of Luton and ~4 km west of it.
  near(bedford.northing - luton.northing, 28500, 500, 'Bedford − Luton northing');
  near(bedford.easting - luton.easting, -3800, 500, 'Bedford − Luton easting');
});

test('WGS84 → BNG: 0.001° of latitude is ~111 m of northing, and eastings grow eastwards (property)', () => {
  fc.assert(
    fc.property(fc.double({ min: -6, max: 1.7, noNaN: true }), fc.double({ min: 50, max: 58.5, noNaN: true }), (lon, lat) => {
      const p = toBng(lon, lat);
      const north = toBng(lon, lat + 0.001);
      const east = toBng(lon + 0.001, lat);
      const dn = north.northing - p.northing;
      const de = east.easting - p.easting;
      // Meridian arc ≈ 111.2–111.4 m per 0.001° at these latitudes, times a scale factor of 0.9996–1.0006.
      const expectedDe = 111.3 * Math.cos((lat * Math.PI) / 180);
      return dn > 110.9 && dn < 111.6 && Math.abs(de - expectedDe) < 0.8;
    }),
  );
});

test('toBng refuses non-coordinates', () => {
  assert.throws(() => toBng(Number.NaN, 52), RangeError);
  assert.throws(() => toBng(-0.4, Number.POSITIVE_INFINITY), RangeError);
  assert.throws(() => toBng(-0.4, 91), RangeError);
  assert.throws(() => toBng(181, 52), RangeError);
});

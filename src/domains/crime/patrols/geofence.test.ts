import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_MAX_PING_GAP_MS, isInsideArea, pingsToVisits, pointInHotspot, prepareArea } from './geofence.ts';
import type { BngCoordinate, BngPing, HotspotArea } from './geofence.ts';

const MINUTE = 60_000;
const SECOND = 1000;
/** A 100 m square in British National Grid metres (central Leeds): E 430000–430100, N 433500–433600. */
const E0 = 430_000;
const N0 = 433_500;
const square = (id: string, e: number, n: number, size = 100): HotspotArea => ({
  id,
  rings: [
    [
      [e, n],
      [e + size, n],
      [e + size, n + size],
      [e, n + size],
      [e, n],
    ],
  ],
});
const market = square('market', E0, N0);
const ping = (unit: string, minutes: number, easting: number, northing: number): BngPing => ({ unit, time: minutes * MINUTE, easting, northing });
const inMarket = (unit: string, minutes: number) => ping(unit, minutes, E0 + 50, N0 + 50);
const outside = (unit: string, minutes: number) => ping(unit, minutes, E0 + 500, N0 + 50);

describe('point in polygon', () => {
  test('inside, outside, and on the boundary, which counts as inside', () => {
    assert.equal(pointInHotspot(market, E0 + 50, N0 + 50), true);
    assert.equal(pointInHotspot(market, E0 + 150, N0 + 50), false);
    assert.equal(pointInHotspot(market, E0 - 0.001, N0 + 50), false);
    // On each of the four edges — ray casting alone would count the west and south edges in and
    // the east and north edges out.
    for (const [e, n] of [
      [E0, N0 + 50],
      [E0 + 100, N0 + 50],
      [E0 + 50, N0],
      [E0 + 50, N0 + 100],
    ] as const) {
      assert.equal(pointInHotspot(market, e, n), true, `edge point ${e},${n}`);
    }
    // On each corner.
    for (const [e, n] of [
      [E0, N0],
      [E0 + 100, N0],
      [E0 + 100, N0 + 100],
      [E0, N0 + 100],
    ] as const) {
      assert.equal(pointInHotspot(market, e, n), true, `corner ${e},${n}`);
    }
    // In line with an edge but beyond it.
    assert.equal(pointInHotspot(market, E0 + 100.5, N0 + 100), false);
  });

  test('a point on a sloping edge counts as inside', () => {
    const triangle: HotspotArea = { id: 't', rings: [[[0, 0], [100, 0], [0, 100]]] };
    assert.equal(pointInHotspot(triangle, 50, 50), true);
    assert.equal(pointInHotspot(triangle, 50.001, 50), false);
    assert.equal(pointInHotspot(triangle, 49, 50), true);
  });

  test('a concave hotspot (a U shape): the notch is outside', () => {
    const u: HotspotArea = { id: 'u', rings: [[[0, 0], [300, 0], [300, 300], [200, 300], [200, 100], [100, 100], [100, 300], [0, 300]]] };
    assert.equal(pointInHotspot(u, 150, 200), false, 'in the notch');
    assert.equal(pointInHotspot(u, 50, 200), true, 'left arm');
    assert.equal(pointInHotspot(u, 250, 200), true, 'right arm');
    assert.equal(pointInHotspot(u, 150, 50), true, 'base');
    // A ray east from (50, 100) runs along the notch's floor and through its corners.
    assert.equal(pointInHotspot(u, 50, 100), true);
    assert.equal(pointInHotspot(u, -50, 100), false);
  });

  test('a ray through a vertex is counted once (a diamond, level with its side corners)', () => {
    const diamond: HotspotArea = { id: 'd', rings: [[[0, 100], [100, 0], [200, 100], [100, 200]]] };
    assert.equal(pointInHotspot(diamond, 100, 100), true);
    assert.equal(pointInHotspot(diamond, -10, 100), false);
    assert.equal(pointInHotspot(diamond, 210, 100), false);
  });

  test('a hole is outside, its edge is boundary (inside); a second part is inside', () => {
    const park: HotspotArea = {
      id: 'park',
      rings: [
        [[0, 0], [300, 0], [300, 300], [0, 300]],
        [[100, 100], [100, 200], [200, 200], [200, 100]], // a pond, drawn the other way round
        [[1000, 1000], [1100, 1000], [1100, 1100], [1000, 1100]], // a detached car park
      ],
    };
    assert.equal(pointInHotspot(park, 150, 150), false, 'in the pond');
    assert.equal(pointInHotspot(park, 100, 150), true, 'on the pond’s edge');
    assert.equal(pointInHotspot(park, 50, 50), true);
    assert.equal(pointInHotspot(park, 1050, 1050), true, 'in the car park');
    assert.equal(pointInHotspot(park, 600, 600), false, 'between the parts');
  });

  test('a closed or open ring, either direction, gives the same answers', () => {
    const ring: BngCoordinate[] = [[0, 0], [100, 0], [100, 100], [0, 100]];
    const variants = [ring, [...ring, [0, 0] as const], [...ring].reverse()];
    for (const v of variants) {
      const area = prepareArea({ id: 'x', rings: [v] });
      assert.deepEqual([isInsideArea(area, 50, 50), isInsideArea(area, 100, 50), isInsideArea(area, 150, 50)], [true, true, false]);
    }
  });

  test('malformed hotspots are refused', () => {
    assert.throws(() => prepareArea({ id: 'none', rings: [] }), /no boundary/);
    assert.throws(() => prepareArea({ id: 'line', rings: [[[0, 0], [1, 1], [0, 0]]] }), /fewer than 3/);
    assert.throws(() => prepareArea({ id: 'nan', rings: [[[0, 0], [1, Number.NaN], [1, 0]]] }), /finite/);
  });
});

describe('pings to visits', () => {
  test('consecutive pings inside form one visit from the first to the last ping inside', () => {
    // Pings every minute from 21:00 to 21:15 inside, then one outside at 21:16.
    const pings = [...Array.from({ length: 16 }, (_, m) => inMarket('car1', m)), outside('car1', 16)];
    assert.deepEqual(pingsToVisits(pings, [market]), [{ hotspotId: 'market', unit: 'car1', start: 0, end: 15 * MINUTE, pings: 16 }]);
  });

  test('a gap of exactly the maximum, or just under it, keeps the visit going', () => {
    const justUnder = [inMarket('car1', 0), ping('car1', 4, E0 + 10, N0 + 10), { ...inMarket('car1', 0), time: 9 * MINUTE - SECOND }];
    assert.equal(pingsToVisits(justUnder, [market]).length, 1);
    const exactly = [inMarket('car1', 0), inMarket('car1', 5), inMarket('car1', 10), inMarket('car1', 15)];
    assert.deepEqual(pingsToVisits(exactly, [market]), [{ hotspotId: 'market', unit: 'car1', start: 0, end: 15 * MINUTE, pings: 4 }]);
  });

  test('a gap just over the maximum ends the visit, even though the unit is inside again afterwards', () => {
    const pings = [inMarket('car1', 0), inMarket('car1', 5), { ...inMarket('car1', 0), time: 10 * MINUTE + 1 }, inMarket('car1', 15)];
    assert.deepEqual(pingsToVisits(pings, [market]), [
      { hotspotId: 'market', unit: 'car1', start: 0, end: 5 * MINUTE, pings: 2 },
      { hotspotId: 'market', unit: 'car1', start: 10 * MINUTE + 1, end: 15 * MINUTE, pings: 2 },
    ]);
  });

  test('the maximum gap can be changed', () => {
    const pings = [inMarket('car1', 0), inMarket('car1', 8)];
    assert.equal(pingsToVisits(pings, [market]).length, 2);
    assert.equal(pingsToVisits(pings, [market], { maxGapMs: 10 * MINUTE }).length, 1);
    assert.equal(DEFAULT_MAX_PING_GAP_MS, 5 * MINUTE);
  });

  test('leaving ends the visit, and coming back starts another', () => {
    const pings = [inMarket('car1', 0), inMarket('car1', 1), outside('car1', 2), inMarket('car1', 3), inMarket('car1', 4)];
    assert.deepEqual(
      pingsToVisits(pings, [market]).map((v) => [v.start / MINUTE, v.end / MINUTE]),
      [
        [0, 1],
        [3, 4],
      ],
    );
  });

  test('a single ping inside is a visit of zero length', () => {
    assert.deepEqual(pingsToVisits([outside('car1', 0), inMarket('car1', 1), outside('car1', 2)], [market]), [{ hotspotId: 'market', unit: 'car1', start: MINUTE, end: MINUTE, pings: 1 }]);
  });

  test('units are followed separately: one unit’s pings never extend another’s visit', () => {
    const pings = [inMarket('car1', 0), inMarket('car2', 3), inMarket('car1', 4), outside('car2', 5), inMarket('car2', 6)];
    const visits = pingsToVisits(pings, [market]);
    assert.deepEqual(
      visits.map((v) => `${v.unit} ${v.start / MINUTE}-${v.end / MINUTE}`),
      ['car1 0-4', 'car2 3-3', 'car2 6-6'],
    );
  });

  test('pings need not be in time order', () => {
    const pings = [inMarket('car1', 10), inMarket('car1', 0), inMarket('car1', 5)];
    assert.deepEqual(pingsToVisits(pings, [market]), [{ hotspotId: 'market', unit: 'car1', start: 0, end: 10 * MINUTE, pings: 3 }]);
  });

  test('overlapping hotspots both get the visit; a ping on a shared edge counts for both', () => {
    const station = square('station', E0 + 50, N0); // overlaps the market's east half
    const bridge = square('bridge', E0 + 100, N0); // shares the market's east edge
    const pings = [ping('car1', 0, E0 + 75, N0 + 50), ping('car1', 1, E0 + 100, N0 + 50), ping('car1', 2, E0 + 120, N0 + 50)];
    const visits = pingsToVisits(pings, [market, station, bridge]);
    assert.deepEqual(
      visits.map((v) => `${v.hotspotId} ${v.start / MINUTE}-${v.end / MINUTE}`),
      ['market 0-1', 'station 0-2', 'bridge 1-2'],
    );
  });

  test('refuses duplicate hotspot ids, non-finite pings and a negative maximum gap', () => {
    assert.throws(() => pingsToVisits([], [market, market]), /more than once/);
    assert.throws(() => pingsToVisits([{ unit: 'x', time: Number.NaN, easting: 0, northing: 0 }], [market]), RangeError);
    assert.throws(() => pingsToVisits([], [market], { maxGapMs: -1 }), RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const coordinate = fc.integer({ min: -50, max: 50 });

/** Whether p is in the closed triangle abc, by exact integer cross products. */
function inTriangle(p: BngCoordinate, a: BngCoordinate, b: BngCoordinate, c: BngCoordinate): boolean {
  const cross = (o: BngCoordinate, u: BngCoordinate, v: BngCoordinate) => (u[0] - o[0]) * (v[1] - o[1]) - (u[1] - o[1]) * (v[0] - o[0]);
  const d1 = cross(a, b, p);
  const d2 = cross(b, c, p);
  const d3 = cross(c, a, p);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

describe('properties', () => {
  test('agrees with a closed rectangle, boundary included', () => {
    fc.assert(
      fc.property(coordinate, coordinate, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), coordinate, coordinate, (e, n, w, h, pe, pn) => {
        const area: HotspotArea = { id: 'r', rings: [[[e, n], [e + w, n], [e + w, n + h], [e, n + h]]] };
        assert.equal(pointInHotspot(area, pe, pn), pe >= e && pe <= e + w && pn >= n && pn <= n + h);
      }),
      { numRuns: 500 },
    );
  });

  test('agrees with exact arithmetic for a closed triangle, boundary included', () => {
    const point = fc.tuple(coordinate, coordinate);
    fc.assert(
      fc.property(point, point, point, point, (a, b, c, p) => {
        const area2 = (a[0] * (b[1] - c[1]) + b[0] * (c[1] - a[1]) + c[0] * (a[1] - b[1]));
        fc.pre(area2 !== 0);
        assert.equal(pointInHotspot({ id: 't', rings: [[a, b, c]] }, p[0], p[1]), inTriangle(p, a, b, c));
      }),
      { numRuns: 1000 },
    );
  });

  const arbPings = fc.array(
    fc.record({ unit: fc.constantFrom('u1', 'u2'), minute: fc.integer({ min: 0, max: 120 }), easting: fc.integer({ min: -20, max: 220 }), northing: fc.integer({ min: -20, max: 120 }) }),
    { maxLength: 60 },
  ).map((list) => {
    // One ping per unit per minute, so that the order of pings in time is fully determined.
    const seen = new Set<string>();
    return list.filter((p) => !seen.has(`${p.unit}@${p.minute}`) && seen.add(`${p.unit}@${p.minute}`)).map((p) => ({ unit: p.unit, time: p.minute * MINUTE, easting: p.easting, northing: p.northing }));
  });
  // Two overlapping 100 m squares side by side.
  const areas = [square('west', 0, 0), square('east', 50, 0)];

  test('every ping inside a hotspot belongs to exactly one visit; a unit’s visits to a hotspot do not overlap', () => {
    fc.assert(
      fc.property(arbPings, fc.integer({ min: 0, max: 10 }), (pings, gapMinutes) => {
        const visits = pingsToVisits(pings, areas, { maxGapMs: gapMinutes * MINUTE });
        for (const area of areas) {
          for (const unit of ['u1', 'u2']) {
            const inside = pings.filter((p) => p.unit === unit && pointInHotspot(area, p.easting, p.northing));
            const mine = visits.filter((v) => v.unit === unit && v.hotspotId === area.id);
            assert.equal(mine.reduce((sum, v) => sum + v.pings, 0), inside.length);
            for (const p of inside) assert.equal(mine.filter((v) => v.start <= p.time && p.time <= v.end).length, 1);
            mine.forEach((v, i) => {
              assert.ok(v.start <= v.end);
              const next = mine[i + 1];
              if (next) assert.ok(next.start > v.end);
            });
          }
        }
      }),
    );
  });

  test('within a visit no gap exceeds the maximum and every ping of the unit is inside', () => {
    fc.assert(
      fc.property(arbPings, fc.integer({ min: 0, max: 10 }), (pings, gapMinutes) => {
        for (const v of pingsToVisits(pings, areas, { maxGapMs: gapMinutes * MINUTE })) {
          const area = areas.find((a) => a.id === v.hotspotId) as HotspotArea;
          const during = pings.filter((p) => p.unit === v.unit && p.time >= v.start && p.time <= v.end).sort((a, b) => a.time - b.time);
          assert.equal(during.length, v.pings);
          during.forEach((p, i) => {
            assert.ok(pointInHotspot(area, p.easting, p.northing));
            if (i > 0) assert.ok(p.time - (during[i - 1] as BngPing).time <= gapMinutes * MINUTE);
          });
        }
      }),
    );
  });

  test('a longer maximum gap never gives more visits, and the order of pings does not matter', () => {
    fc.assert(
      fc.property(arbPings, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), (pings, a, b) => {
        const [short, long] = a <= b ? [a, b] : [b, a];
        assert.ok(pingsToVisits(pings, areas, { maxGapMs: long * MINUTE }).length <= pingsToVisits(pings, areas, { maxGapMs: short * MINUTE }).length);
        assert.deepEqual(pingsToVisits([...pings].reverse(), areas), pingsToVisits(pings, areas));
      }),
    );
  });
});

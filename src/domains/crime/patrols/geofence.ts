/**
 * Turning GPS pings into hotspot visits by geofencing. Everything is in British National Grid
 * metres (easting, northing): the caller projects pings from longitude/latitude before calling.
 * Pure: no I/O, no clock.
 *
 * Decisions (see also the tests):
 * - A hotspot is one or more rings (outer boundaries and holes, in any order and either
 *   direction, closed or not). A point is inside by the even–odd rule of ray casting over all its
 *   rings, so a ring inside another is a hole and separate rings are separate parts.
 * - A point exactly on a boundary (an edge or a corner, of an outer ring or a hole) counts as
 *   inside. Ray casting alone is inconsistent there — a point on a left edge comes out inside and
 *   on a right edge outside — so the boundary is tested first. Inside is the generous choice: a
 *   hotspot drawn along a kerb or street centre line should count the unit walking it, GPS error
 *   (metres) dwarfs the question anyway, and a ping on an edge two hotspots share counts for both.
 * - Each ping is tested against each hotspot whose bounding box holds it; hotspots may overlap and
 *   a ping inside two counts for both.
 * - Per unit, in time order, consecutive pings inside the same hotspot form one visit, from the
 *   first ping inside to the last ping inside (not to the first ping outside: when the unit left
 *   between two pings is unknown, so the visit is not stretched — a slight undercount). A visit
 *   ends when the unit's next ping is outside the hotspot, or comes more than maxGapMs (default
 *   5 minutes) after the previous one: a unit that is silent for longer is not assumed to have
 *   stayed, even if its next ping is inside again. A gap of exactly maxGapMs does not break it.
 * - A visit of one ping lasts zero time: it is kept (it shows the hotspot was passed through) but
 *   can never be a patrol of 15 minutes.
 */

/** [easting, northing] in metres. */
export type BngCoordinate = readonly [number, number];

export interface HotspotArea {
  id: string;
  /** Outer boundaries and holes; each ring at least 3 distinct points, closed or not. */
  rings: readonly (readonly BngCoordinate[])[];
}

export interface BngPing {
  unit: string;
  /** Epoch milliseconds. */
  time: number;
  easting: number;
  northing: number;
}

export interface GeofencedVisit {
  hotspotId: string;
  unit: string;
  /** Time of the first ping inside, epoch milliseconds. */
  start: number;
  /** Time of the last ping inside (equal to start for a visit of one ping). */
  end: number;
  /** Pings the visit is made of. */
  pings: number;
}

export interface GeofenceOptions {
  /** A longer silence between a unit's consecutive pings ends a visit. Default 5 minutes. */
  maxGapMs?: number;
}

export const DEFAULT_MAX_PING_GAP_MS = 5 * 60_000;

export interface PreparedArea {
  id: string;
  minE: number;
  maxE: number;
  minN: number;
  maxN: number;
  /** Rings as flat [e0, n0, e1, n1, …] without the closing repeat. */
  rings: Float64Array[];
}

/** Checks a hotspot's rings and works out its bounding box. Throws RangeError on a malformed ring. */
export function prepareArea(area: HotspotArea): PreparedArea {
  if (area.rings.length === 0) throw new RangeError(`Hotspot ${area.id} has no boundary`);
  let minE = Infinity;
  let maxE = -Infinity;
  let minN = Infinity;
  let maxN = -Infinity;
  const rings = area.rings.map((ring, r) => {
    const points = ring.slice();
    const first = points[0];
    const last = points[points.length - 1];
    if (first && last && points.length > 1 && first[0] === last[0] && first[1] === last[1]) points.pop();
    const distinct = new Set(points.map(([e, n]) => `${e},${n}`));
    if (distinct.size < 3) throw new RangeError(`Hotspot ${area.id}, ring ${r + 1}, has fewer than 3 distinct points`);
    const flat = new Float64Array(points.length * 2);
    points.forEach(([e, n], i) => {
      if (!Number.isFinite(e) || !Number.isFinite(n)) throw new RangeError(`Hotspot ${area.id}, ring ${r + 1}, has a point that is not a finite number`);
      flat[2 * i] = e;
      flat[2 * i + 1] = n;
      minE = Math.min(minE, e);
      maxE = Math.max(maxE, e);
      minN = Math.min(minN, n);
      maxN = Math.max(maxN, n);
    });
    return flat;
  });
  return { id: area.id, minE, maxE, minN, maxN, rings };
}

/** Whether (e, n) lies on the segment from (ae, an) to (be, bn), exactly. */
function onSegment(e: number, n: number, ae: number, an: number, be: number, bn: number): boolean {
  if (e < Math.min(ae, be) || e > Math.max(ae, be) || n < Math.min(an, bn) || n > Math.max(an, bn)) return false;
  return (be - ae) * (n - an) - (bn - an) * (e - ae) === 0;
}

/** Whether a point is inside the area or on its boundary (even–odd rule; boundary counts as inside). */
export function isInsideArea(area: PreparedArea, easting: number, northing: number): boolean {
  if (easting < area.minE || easting > area.maxE || northing < area.minN || northing > area.maxN) return false;
  let inside = false;
  for (const ring of area.rings) {
    const count = ring.length / 2;
    for (let i = 0, j = count - 1; i < count; j = i++) {
      const ae = ring[2 * i] as number;
      const an = ring[2 * i + 1] as number;
      const be = ring[2 * j] as number;
      const bn = ring[2 * j + 1] as number;
      if (onSegment(easting, northing, ae, an, be, bn)) return true;
      // A horizontal ray to the east crosses the edge if the edge straddles the point's northing
      // (half-open, so a vertex is counted once) and the crossing is east of the point.
      if (an > northing !== bn > northing && easting < ae + ((northing - an) * (be - ae)) / (bn - an)) inside = !inside;
    }
  }
  return inside;
}

/** Whether a point is inside a hotspot or on its boundary. */
export function pointInHotspot(area: HotspotArea, easting: number, northing: number): boolean {
  return isInsideArea(prepareArea(area), easting, northing);
}

/** Turns pings into visits: see the module comment for the rules. */
export function pingsToVisits(pings: readonly BngPing[], hotspots: readonly HotspotArea[], options: GeofenceOptions = {}): GeofencedVisit[] {
  const maxGapMs = options.maxGapMs ?? DEFAULT_MAX_PING_GAP_MS;
  if (!(maxGapMs >= 0) || !Number.isFinite(maxGapMs)) throw new RangeError(`maxGapMs must be a finite number of milliseconds, at least 0: ${maxGapMs}`);
  const ids = new Set<string>();
  for (const h of hotspots) {
    if (ids.has(h.id)) throw new RangeError(`Hotspot ${h.id} is given more than once`);
    ids.add(h.id);
  }
  const areas = hotspots.map(prepareArea);

  const byUnit = new Map<string, BngPing[]>();
  for (const ping of pings) {
    if (!Number.isFinite(ping.time) || !Number.isFinite(ping.easting) || !Number.isFinite(ping.northing)) {
      throw new RangeError(`A ping of unit ${ping.unit} has a time or position that is not a finite number`);
    }
    const list = byUnit.get(ping.unit);
    if (list) list.push(ping);
    else byUnit.set(ping.unit, [ping]);
  }

  const visits: GeofencedVisit[] = [];
  for (const [unit, list] of byUnit) {
    list.sort((a, b) => a.time - b.time); // stable: pings at the same time keep their order
    // The visit in progress in each hotspot (by index into areas), if the unit's last ping was inside it.
    const open = new Map<number, GeofencedVisit>();
    let previousTime = -Infinity;
    for (const ping of list) {
      const silent = ping.time - previousTime > maxGapMs;
      previousTime = ping.time;
      for (let h = 0; h < areas.length; h++) {
        const area = areas[h] as PreparedArea;
        const current = open.get(h);
        const inside = isInsideArea(area, ping.easting, ping.northing);
        if (inside && current && !silent) {
          current.end = ping.time;
          current.pings++;
          continue;
        }
        if (current) {
          visits.push(current);
          open.delete(h);
        }
        if (inside) open.set(h, { hotspotId: area.id, unit, start: ping.time, end: ping.time, pings: 1 });
      }
    }
    for (const current of open.values()) visits.push(current);
  }
  const order = new Map(hotspots.map((h, i) => [h.id, i]));
  return visits.sort((a, b) => a.start - b.start || (order.get(a.hotspotId) as number) - (order.get(b.hotspotId) as number) || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
}

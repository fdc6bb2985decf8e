/**
 * Crimes in patrolled and unpatrolled windows, from timed crime records. Pure: no I/O, no clock.
 *
 * Decisions (see also the tests):
 * - A crime is placed in every hotspot whose boundary it is inside or on (geofence.ts's rule, the
 *   same as for GPS pings): a crime on an edge two hotspots share counts for both, so totals here
 *   are hotspot-crimes. Crimes outside every hotspot are counted, not placed.
 * - A crime belongs to the window its time falls in; windows are half-open [start, end), so a
 *   crime exactly at a boundary belongs to the window that starts there (dosage.ts).
 * - Only complete windows are compared: the same windows as compliance. Crimes in a last, partial
 *   window are counted and reported (partialWindowCrimes), not compared.
 * - crimes per window = crimes / windows; null when there are no windows in the group.
 * - Nothing is apportioned: a crime without a time is not here at all (police.uk's month-only
 *   records never are).
 */
import type { DosageResult } from './dosage.ts';
import { isInsideArea, prepareArea, type HotspotArea } from './geofence.ts';

export interface WindowCrimeGroup {
  windows: number;
  crimes: number;
  /** crimes / windows; null when windows is 0. */
  perWindow: number | null;
}

export interface HotspotCrimeComparison {
  id: string;
  patrolled: WindowCrimeGroup;
  unpatrolled: WindowCrimeGroup;
}

export interface CrimeComparison {
  patrolled: WindowCrimeGroup;
  unpatrolled: WindowCrimeGroup;
  byHotspot: HotspotCrimeComparison[];
  /** Hotspot-crimes in a last, partial window: counted, not compared. */
  partialWindowCrimes: number;
}

export interface TimedPoint {
  /** Epoch milliseconds. */
  time: number;
  easting: number;
  northing: number;
}

/** The crime events (hotspot, time) of the crimes inside or on the boundary of each hotspot, and how many crimes are in none. */
export function placeCrimes(crimes: readonly TimedPoint[], hotspots: readonly HotspotArea[]): { events: { hotspotId: string; time: number }[]; outside: number } {
  const areas = hotspots.map(prepareArea);
  const events: { hotspotId: string; time: number }[] = [];
  let outside = 0;
  for (const crime of crimes) {
    let placed = false;
    for (const area of areas) {
      if (isInsideArea(area, crime.easting, crime.northing)) {
        events.push({ hotspotId: area.id, time: crime.time });
        placed = true;
      }
    }
    if (!placed) outside++;
  }
  return { events, outside };
}

function group(windows: number, crimes: number): WindowCrimeGroup {
  return { windows, crimes, perWindow: windows === 0 ? null : crimes / windows };
}

/** Patrolled and unpatrolled complete windows with their crimes, per hotspot and overall, from a dosage assessed with crimes. */
export function compareCrimes(dosage: DosageResult): CrimeComparison {
  const all = { pw: 0, pc: 0, uw: 0, uc: 0 };
  let partialWindowCrimes = 0;
  const byHotspot = dosage.hotspots.map((h) => {
    const mine = { pw: 0, pc: 0, uw: 0, uc: 0 };
    for (const w of h.windows) {
      if (w.partial) {
        partialWindowCrimes += w.crimes;
        continue;
      }
      if (w.patrolled) {
        mine.pw++;
        mine.pc += w.crimes;
      } else {
        mine.uw++;
        mine.uc += w.crimes;
      }
    }
    all.pw += mine.pw;
    all.pc += mine.pc;
    all.uw += mine.uw;
    all.uc += mine.uc;
    return { id: h.hotspotId, patrolled: group(mine.pw, mine.pc), unpatrolled: group(mine.uw, mine.uc) };
  });
  return { patrolled: group(all.pw, all.pc), unpatrolled: group(all.uw, all.uc), byHotspot, partialWindowCrimes };
}

/**
 * Patrol dosage against the Police and Crime Plan's commitment of "one continuous 15-minute patrol
 * in each hotspot every three days": per hotspot and per window, whether there was one, compliance,
 * and crimes in patrolled and unpatrolled windows. Pure: no database, no I/O, no clock.
 *
 * Decisions (see also the tests):
 * - Time is epoch milliseconds (UTC). Windows are consecutive half-open intervals
 *   [from + k·window, from + (k+1)·window), cut at `to`; they are a fixed length of elapsed time
 *   (3 × 24 hours by default), not calendar days. The caller chooses `from` — local midnight, say.
 *   Over a clock change a window still lasts 72 hours, so its local start time moves by an hour
 *   (from 00:00 GMT to 01:00 BST in spring); that keeps every window equally long, which is what
 *   "every three days" measures, and the report should say which instant windows start at.
 * - The last window is partial when the period is not a whole number of windows long. It is
 *   reported (marked `partial`) and its crimes are counted, but it is left out of compliance: a
 *   window of a few hours could not fairly be expected to hold a patrol, and counting it would
 *   make compliance change with the report date. Crime comparisons use crimes per window-hour so
 *   that the shorter window weighs only for the hours it has.
 * - A visit counts in a window only for the part of it inside that window: a 20-minute visit from
 *   10 minutes before a boundary gives 10 minutes to each window, and neither is patrolled by it.
 *   Each window is judged on its own.
 * - Overlapping visits are never added together (two units for 10 minutes side by side are not
 *   20 minutes). By default, presence is "any unit": the visits to a hotspot are merged into
 *   periods of continuous police presence — overlapping or touching visits by any units — and a
 *   window is patrolled if one such period covers at least the minimum inside it. This reads
 *   "one continuous 15-minute patrol" as the public sees it: police were there, without a break,
 *   for 15 minutes, as when one unit hands over to another on the spot. `presence: 'same-unit'`
 *   is the stricter reading — one unit there for 15 minutes — merging only a unit's own visits.
 *   No gap is bridged here: a patrol of 10 minutes, a minute away and 10 minutes more is two
 *   periods (geofence.ts has already allowed for gaps between GPS pings).
 * - A period of exactly the minimum counts (≥, not >): 15:00 minutes is a patrol, 14:59 is not.
 * - Compliance is patrolled complete hotspot-windows as a percentage of all complete
 *   hotspot-windows, overall and per hotspot; null when there are none.
 * - Nothing given is dropped without being counted: visits and crimes naming a hotspot not in the
 *   list, visits wholly outside the period and crimes outside it are counted in `ignored`.
 * - Crimes are counted in the window their time falls in. The comparison is descriptive, not
 *   evidence that patrols prevent crime: crimes early in a window may precede the patrol, and
 *   patrols are often sent because of crime.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const DEFAULT_WINDOW_MS = 3 * DAY_MS;
export const DEFAULT_MINIMUM_PATROL_MS = 15 * MINUTE_MS;
export const MAX_WINDOWS = 100_000;

export type Presence = 'any-unit' | 'same-unit';

export interface PatrolVisit {
  hotspotId: string;
  unit: string;
  /** Epoch milliseconds. */
  start: number;
  /** Epoch milliseconds, at or after start. */
  end: number;
}

export interface CrimeEvent {
  hotspotId: string;
  /** Epoch milliseconds. */
  time: number;
}

export interface DosageInput {
  /** The hotspots to report on, in the order to report them. */
  hotspotIds: readonly string[];
  visits: readonly PatrolVisit[];
  /** Start of the period (inclusive), epoch milliseconds: also where the first window starts. */
  from: number;
  /** End of the period (exclusive), epoch milliseconds. */
  to: number;
  /** Default 3 days (259,200,000 ms). */
  windowMs?: number;
  /** Minimum continuous presence in a window for it to count as patrolled. Default 15 minutes. */
  minimumMs?: number;
  /** Default 'any-unit'. */
  presence?: Presence;
  crimes?: readonly CrimeEvent[];
}

export interface DosageWindow {
  index: number;
  start: number;
  /** Exclusive. */
  end: number;
  /** Shorter than a full window (only the last can be): reported, left out of compliance. */
  partial: boolean;
}

export interface WindowDosage extends DosageWindow {
  patrolled: boolean;
  /** The longest continuous presence inside the window; 0 if none. */
  longestMs: number;
  longestMinutes: number;
  crimes: number;
}

export interface Compliance {
  /** Complete hotspot-windows counted. */
  windows: number;
  patrolled: number;
  /** 100 × patrolled / windows; null when there are no complete windows. */
  percent: number | null;
}

export interface HotspotDosage {
  hotspotId: string;
  windows: WindowDosage[];
  compliance: Compliance;
}

export interface CrimeGroup {
  /** Hotspot-windows in the group, partial ones included. */
  windows: number;
  hours: number;
  crimes: number;
  /** Crimes per hotspot-window-hour; null when the group has no hours. */
  perHour: number | null;
}

export interface DosageResult {
  windows: DosageWindow[];
  hotspots: HotspotDosage[];
  compliance: Compliance;
  crimes: { patrolled: CrimeGroup; unpatrolled: CrimeGroup };
  ignored: {
    visitsUnknownHotspot: number;
    visitsOutsidePeriod: number;
    crimesUnknownHotspot: number;
    crimesOutsidePeriod: number;
  };
}

/** The windows of a period: consecutive from `from`, the last cut short at `to` (and marked partial). */
export function dosageWindows(from: number, to: number, windowMs: number = DEFAULT_WINDOW_MS): DosageWindow[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || !(to > from)) throw new RangeError(`The period must end after it starts: from ${from} to ${to}`);
  if (!Number.isFinite(windowMs) || !(windowMs > 0)) throw new RangeError(`The window length must be a positive number of milliseconds: ${windowMs}`);
  const count = Math.ceil((to - from) / windowMs);
  if (count > MAX_WINDOWS) throw new RangeError(`The period holds ${count} windows; the limit is ${MAX_WINDOWS}`);
  const windows: DosageWindow[] = [];
  for (let index = 0; index < count; index++) {
    const start = from + index * windowMs;
    const end = Math.min(start + windowMs, to);
    windows.push({ index, start, end, partial: end - start < windowMs });
  }
  return windows;
}

/** Merges intervals that overlap or touch; returns them sorted by start. */
export function mergeIntervals(intervals: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const sorted = intervals.map(({ start, end }) => ({ start, end })).sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else merged.push(next);
  }
  return merged;
}

function compliance(windows: number, patrolled: number): Compliance {
  return { windows, patrolled, percent: windows === 0 ? null : (100 * patrolled) / windows };
}

function group(windows: number, hours: number, crimes: number): CrimeGroup {
  return { windows, hours, crimes, perHour: hours === 0 ? null : crimes / hours };
}

/** Dosage per hotspot and window, compliance and the crime comparison: see the module comment. */
export function assessDosage(input: DosageInput): DosageResult {
  const { from, to } = input;
  const windowMs = input.windowMs ?? DEFAULT_WINDOW_MS;
  const minimumMs = input.minimumMs ?? DEFAULT_MINIMUM_PATROL_MS;
  const presence = input.presence ?? 'any-unit';
  if (!Number.isFinite(minimumMs) || !(minimumMs > 0)) throw new RangeError(`The minimum patrol must be a positive number of milliseconds: ${minimumMs}`);
  if (presence !== 'any-unit' && presence !== 'same-unit') throw new RangeError(`Unknown presence rule: ${String(presence)}`);
  const windows = dosageWindows(from, to, windowMs);
  const position = new Map<string, number>();
  input.hotspotIds.forEach((id, i) => {
    if (position.has(id)) throw new RangeError(`Hotspot ${id} is listed more than once`);
    position.set(id, i);
  });

  const ignored = { visitsUnknownHotspot: 0, visitsOutsidePeriod: 0, crimesUnknownHotspot: 0, crimesOutsidePeriod: 0 };
  // Visits per hotspot, then per unit when presence is per unit.
  const visitsByHotspot = input.hotspotIds.map(() => new Map<string, PatrolVisit[]>());
  for (const visit of input.visits) {
    if (!Number.isFinite(visit.start) || !Number.isFinite(visit.end) || visit.end < visit.start) {
      throw new RangeError(`A visit by ${visit.unit} to ${visit.hotspotId} does not have a finite start at or before its end: ${visit.start} to ${visit.end}`);
    }
    const h = position.get(visit.hotspotId);
    if (h === undefined) {
      ignored.visitsUnknownHotspot++;
      continue;
    }
    // Half-open period: a visit touching `to` but not `from` is outside; one ending at `from` too.
    if (visit.end < from || visit.start >= to || (visit.end === from && visit.start < from)) {
      ignored.visitsOutsidePeriod++;
      continue;
    }
    const key = presence === 'any-unit' ? '' : visit.unit;
    const byKey = visitsByHotspot[h] as Map<string, PatrolVisit[]>;
    const list = byKey.get(key);
    if (list) list.push(visit);
    else byKey.set(key, [visit]);
  }

  const longest = input.hotspotIds.map(() => new Float64Array(windows.length));
  visitsByHotspot.forEach((byKey, h) => {
    const cells = longest[h] as Float64Array;
    for (const list of byKey.values()) {
      for (const period of mergeIntervals(list)) {
        const start = Math.max(period.start, from);
        const end = Math.min(period.end, to);
        const first = Math.floor((start - from) / windowMs);
        // The last window with a point before `end`; for a period of zero length, its own window.
        const last = end > start ? Math.ceil((end - from) / windowMs) - 1 : first;
        for (let k = Math.max(first, 0); k <= Math.min(last, windows.length - 1); k++) {
          const w = windows[k] as DosageWindow;
          const overlap = Math.min(end, w.end) - Math.max(start, w.start);
          if (overlap > (cells[k] as number)) cells[k] = overlap;
        }
      }
    }
  });

  const crimeCounts = input.hotspotIds.map(() => new Uint32Array(windows.length));
  for (const crime of input.crimes ?? []) {
    const h = position.get(crime.hotspotId);
    if (h === undefined) {
      ignored.crimesUnknownHotspot++;
      continue;
    }
    if (!(crime.time >= from && crime.time < to)) {
      ignored.crimesOutsidePeriod++;
      continue;
    }
    const k = Math.min(Math.floor((crime.time - from) / windowMs), windows.length - 1);
    (crimeCounts[h] as Uint32Array)[k]! += 1;
  }

  const patrolledGroup = { windows: 0, hours: 0, crimes: 0 };
  const unpatrolledGroup = { windows: 0, hours: 0, crimes: 0 };
  let allComplete = 0;
  let allPatrolled = 0;
  const hotspots: HotspotDosage[] = input.hotspotIds.map((hotspotId, h) => {
    let complete = 0;
    let patrolledComplete = 0;
    const cells = windows.map((w, k): WindowDosage => {
      const longestMs = (longest[h] as Float64Array)[k] as number;
      const crimes = (crimeCounts[h] as Uint32Array)[k] as number;
      const patrolled = longestMs >= minimumMs;
      if (!w.partial) {
        complete++;
        if (patrolled) patrolledComplete++;
      }
      const g = patrolled ? patrolledGroup : unpatrolledGroup;
      g.windows++;
      g.hours += (w.end - w.start) / HOUR_MS;
      g.crimes += crimes;
      return { ...w, patrolled, longestMs, longestMinutes: longestMs / MINUTE_MS, crimes };
    });
    allComplete += complete;
    allPatrolled += patrolledComplete;
    return { hotspotId, windows: cells, compliance: compliance(complete, patrolledComplete) };
  });

  return {
    windows,
    hotspots,
    compliance: compliance(allComplete, allPatrolled),
    crimes: {
      patrolled: group(patrolledGroup.windows, patrolledGroup.hours, patrolledGroup.crimes),
      unpatrolled: group(unpatrolledGroup.windows, unpatrolledGroup.hours, unpatrolledGroup.crimes),
    },
    ignored,
  };
}

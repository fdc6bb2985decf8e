/**
 * Patrol dosage in crime hotspots, for the Police and Crime Plan's "one continuous 15-minute
 * patrol in each hotspot every three days": reading patrol CSVs (patrol-input.ts), geofencing GPS
 * pings into visits (geofence.ts), judging each hotspot's 3-day windows (dosage.ts), reading
 * timed crime records (timed-crime-input.ts) and counting them in patrolled and unpatrolled
 * windows (crime-comparison.ts). All pure: no database, no I/O, no clock.
 */
export {
  BRITISH_NATIONAL_GRID_AREA,
  DEFAULT_MAX_LISTED_PROBLEMS,
  DEFAULT_MAX_PATROL_ROWS,
  DEFAULT_MAX_VISIT_MS,
  describeDuration,
  describePatrolProblem,
  detectPatrolForm,
  MAX_UNIT_LENGTH,
  parseIsoInstant,
  pingColumns,
  readPatrolCsv,
  visitColumns,
} from './patrol-input.ts';
export type {
  DroppedDuplicate,
  GeoArea,
  InstantParse,
  PatrolColumn,
  PatrolCsvForm,
  PatrolCsvOptions,
  PatrolCsvResult,
  PatrolCsvSummary,
  PatrolInputProblem,
  PatrolPingRecord,
  PatrolVisitRecord,
  PingColumn,
  VisitColumn,
} from './patrol-input.ts';
export { DEFAULT_MAX_PING_GAP_MS, isInsideArea, pingsToVisits, pointInHotspot, prepareArea } from './geofence.ts';
export type { BngCoordinate, BngPing, GeofencedVisit, GeofenceOptions, HotspotArea, PreparedArea } from './geofence.ts';
export { assessDosage, DAY_MS, DEFAULT_MINIMUM_PATROL_MS, DEFAULT_WINDOW_MS, dosageWindows, HOUR_MS, MAX_WINDOWS, mergeIntervals, MINUTE_MS } from './dosage.ts';
export type { Compliance, CrimeEvent, CrimeGroup, DosageInput, DosageResult, DosageWindow, HotspotDosage, PatrolVisit, Presence, WindowDosage } from './dosage.ts';

export { DEFAULT_MAX_TIMED_CRIME_ROWS, describeTimedCrimeProblem, readTimedCrimeCsv, timedCrimeColumns } from './timed-crime-input.ts';
export type { TimedCrimeColumn, TimedCrimeCsvOptions, TimedCrimeCsvResult, TimedCrimePosition, TimedCrimeProblem, TimedCrimeRecord, TimedCrimeSummary } from './timed-crime-input.ts';
export { compareCrimes, placeCrimes } from './crime-comparison.ts';
export type { CrimeComparison, HotspotCrimeComparison, TimedPoint, WindowCrimeGroup } from './crime-comparison.ts';

/**
 * Patrol records against the current hotspot register: importing them (CLI and staff upload),
 * compliance with "one continuous 15-minute patrol in each hotspot every three days", and the
 * measure feed that writes monthly compliance into a plan measure.
 *
 * Decisions:
 * - A file is checked whole against the current register (visits: hotspot ids must be in it; pings:
 *   geofenced against its polygons); all of it is stored or none. The same file (by SHA-256) for the
 *   same register changes nothing and says so; the same file again after a new register is saved is
 *   a new import against that register.
 * - Periods are London dates. A period runs from London midnight at the start of `from` to London
 *   midnight at the end of `to`; its 3-day windows start at `from` and last 72 hours each (see
 *   dosage.ts), the last one partial (shown, left out of compliance).
 * - Crimes in patrolled vs unpatrolled windows need crime times; police.uk gives only the month, so
 *   its crimes are never placed in windows (nor monthly counts spread across them). The comparison
 *   uses the timed crime records imported from the force (timed-crimes.service.ts), placed by
 *   crime-comparison.ts; with none in the period it is reported as unavailable, never estimated.
 * - The feed: windows of 72 hours counted from a fixed anchor (London midnight, 1 January 2024, and
 *   every 72 hours before and after it), so a month's value does not move when earlier records
 *   arrive. A month's value is the compliance of the windows that start in it (London time) and lie
 *   wholly inside the days the current register's patrol records cover (London midnight of the day
 *   of the first visit to London midnight after the day of the last). Written for the force area
 *   place (the current plan's, as the crime pages choose it), with numerator (windows patrolled) and
 *   denominator (windows counted).
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { recordAudit, type Actor } from '../../../platform/audit/audit.service.ts';
import { daysFromCivil, daysInMonth, daysToIsoDate } from '../../../platform/calendar.ts';
import type { Db } from '../../../platform/db/database.ts';
import { queryRows } from '../../../platform/db/database.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { createMeasuresService, measureFeeds, validateObservations, type Measure, type RawObservation } from '../../measures/index.ts';
import { hotspotRegisters, hotspots, patrolImports, patrolVisits } from '../crime.tables.ts';
import { toBng } from '../hotspots/bng.ts';
import { forceAreaQuery } from '../hotspots/hotspots.service.ts';
import { assessDosage, DAY_MS, DEFAULT_WINDOW_MS, type DosageResult } from './dosage.ts';
import { compareCrimes, placeCrimes, type CrimeComparison } from './crime-comparison.ts';
import { pingsToVisits, prepareArea } from './geofence.ts';
import { describePatrolProblem, readPatrolCsv, type PatrolInputProblem } from './patrol-input.ts';
import { createTimedCrimesService } from './timed-crimes.service.ts';

export const patrolFeedKind = 'patrol-compliance';
/** Windows of the feed are counted from here (London midnight, 1 January 2024 = 00:00 UTC). */
export const FEED_ANCHOR_MS = Date.UTC(2024, 0, 1);
/** The longest period the compliance page and API will report on (windows stay bounded). */
export const MAX_PERIOD_DAYS = 3660;

const londonParts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** London wall-clock date and time of an instant. */
function londonWallClock(ms: number) {
  const parts = Object.fromEntries(londonParts.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/** The instant of London midnight at the start of an ISO date (clocks change at 01:00 UTC, so midnight always exists once). */
export function londonMidnight(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const utc = daysFromCivil(y, m, d) * DAY_MS;
  const wall = londonWallClock(utc);
  const wallMs = (daysFromCivil(wall.year, wall.month, wall.day) * 24 + wall.hour) * 3_600_000 + wall.minute * 60_000 + wall.second * 1000;
  return utc - (wallMs - utc);
}

/** The London date (ISO) of an instant. */
export function londonDate(ms: number): string {
  const w = londonWallClock(ms);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks a London date; errors name the field. */
export function checkDate(text: string, field: string, label: string): string {
  const m = isoDate.exec(text.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > daysInMonth(Number(m[1]), Number(m[2]))) {
    throw new ValidationError([{ field, text: `The ${label} must be a date like 2024-03-01, not "${text.trim()}"` }]);
  }
  return text.trim();
}

export interface PatrolImportResult {
  ok: boolean;
  /** True when the same file was already imported against the current register: nothing changed. */
  unchanged: boolean;
  fileName: string;
  form: 'visits' | 'pings' | null;
  problems: PatrolInputProblem[];
  moreProblems: number;
  importId: number | null;
  registerId: number | null;
  rows: number;
  visits: number;
  /** Lines to show the user: what was read, stored, dropped as exact repeats, ignored. */
  messages: string[];
  feeds: FeedRefresh[];
}

export interface FeedRefresh {
  measureId: number;
  title: string;
  months: number;
  added: number;
  revised: number;
  unchanged: number;
  problems: string[];
}

export interface ComplianceReport {
  register: { id: number; name: string } | null;
  from: string;
  to: string;
  /** Instants: windows start at fromMs. */
  fromMs: number;
  toMs: number;
  coverage: { first: string; last: string } | null;
  dosage: DosageResult | null;
  visits: number;
  /** The crime types of the timed crime records loaded (any period), for the filter. */
  crimeTypes: string[];
  /** The London dates the current timed crime records span; null when none are loaded. */
  timedCrimeCoverage: { first: string; last: string } | null;
  /** Crimes in patrolled and unpatrolled windows; null when no timed crime records fall in the period. */
  crimes: {
    crimeType: string | null;
    /** Timed crime records in the period, of any type. */
    records: number;
    /** Of the type chosen (all when none is). */
    recordsOfType: number;
    /** Hotspot-crimes placed (a crime on an edge two hotspots share counts for both). */
    inHotspots: number;
    comparison: CrimeComparison;
  } | null;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

export function createPatrolsService(db: Db, hooks: { onChange: () => void } = { onChange: () => {} }) {
  const measures = createMeasuresService(db, hooks);
  const timedCrimes = createTimedCrimesService(db, hooks);

  async function currentRegister() {
    const [register] = await db.select().from(hotspotRegisters).where(eq(hotspotRegisters.current, true));
    if (!register) return null;
    const cells = await db.select().from(hotspots).where(eq(hotspots.registerId, register.id)).orderBy(asc(hotspots.hotspotId));
    return { register, hotspots: cells };
  }

  /** The London dates the current register's visits cover, first to last. */
  async function coverage(registerId: number): Promise<{ first: string; last: string; firstMs: number; lastMs: number } | null> {
    const [row] = await queryRows<{ first: Date | string | null; last: Date | string | null }>(db, sql`select min(start_at) as first, max(end_at) as last from ${patrolVisits} where register_id = ${registerId}`);
    if (!row?.first || !row.last) return null;
    const firstMs = new Date(row.first).getTime();
    const lastMs = new Date(row.last).getTime();
    return { first: londonDate(firstMs), last: londonDate(lastMs), firstMs, lastMs };
  }

  async function visitsOf(registerId: number, fromMs?: number, toMs?: number) {
    const rows = await db
      .select({ hotspotId: patrolVisits.hotspotId, unit: patrolVisits.unit, startAt: patrolVisits.startAt, endAt: patrolVisits.endAt })
      .from(patrolVisits)
      .where(
        and(
          eq(patrolVisits.registerId, registerId),
          fromMs === undefined ? undefined : gte(patrolVisits.endAt, new Date(fromMs)),
          toMs === undefined ? undefined : lt(patrolVisits.startAt, new Date(toMs)),
        ),
      );
    return rows.map((r) => ({ hotspotId: r.hotspotId, unit: r.unit, start: r.startAt.getTime(), end: r.endAt.getTime() }));
  }

  async function forceAreaCode(): Promise<string | null> {
    const [row] = await queryRows<{ code: string }>(db, forceAreaQuery);
    return row?.code ?? null;
  }

  /** Monthly compliance for the feed: see the module comment. */
  async function monthlyCompliance(): Promise<{ registerId: number; months: { month: string; windows: number; patrolled: number }[] } | null> {
    const current = await currentRegister();
    if (!current) return null;
    const cover = await coverage(current.register.id);
    if (!cover) return { registerId: current.register.id, months: [] };
    const start = londonMidnight(cover.first);
    const [ly, lm, ld] = cover.last.split('-').map(Number) as [number, number, number];
    const end = londonMidnight(daysToIsoDate(daysFromCivil(ly, lm, ld) + 1));
    const firstK = Math.ceil((start - FEED_ANCHOR_MS) / DEFAULT_WINDOW_MS);
    const lastK = Math.floor((end - FEED_ANCHOR_MS) / DEFAULT_WINDOW_MS) - 1;
    if (lastK < firstK) return { registerId: current.register.id, months: [] };
    const from = FEED_ANCHOR_MS + firstK * DEFAULT_WINDOW_MS;
    const to = FEED_ANCHOR_MS + (lastK + 1) * DEFAULT_WINDOW_MS;
    const dosage = assessDosage({ hotspotIds: current.hotspots.map((h) => h.hotspotId), visits: await visitsOf(current.register.id, from, to), from, to });
    const byMonth = new Map<string, { windows: number; patrolled: number }>();
    for (const h of dosage.hotspots) {
      for (const w of h.windows) {
        if (w.partial) continue;
        const month = londonDate(w.start).slice(0, 7);
        const entry = byMonth.get(month) ?? { windows: 0, patrolled: 0 };
        entry.windows++;
        if (w.patrolled) entry.patrolled++;
        byMonth.set(month, entry);
      }
    }
    return { registerId: current.register.id, months: [...byMonth].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, v]) => ({ month, ...v })) };
  }

  async function feedMeasures(): Promise<Measure[]> {
    const rows = await db.select().from(measureFeeds).where(eq(measureFeeds.kind, patrolFeedKind));
    const out: Measure[] = [];
    for (const r of rows) out.push(await measures.getMeasureById(r.measureId));
    return out;
  }

  function unsuitable(measure: Measure): string | null {
    if (measure.frequency !== 'month') return 'The measure must be reported monthly to take patrol compliance: edit how often it is reported first';
    if (measure.rateBase) return 'Patrol compliance is a percentage, not a rate: the measure must not be a rate';
    return null;
  }

  /** Writes monthly compliance into every measure fed by patrol compliance. */
  async function refreshPatrolFeeds(actor: Actor, onlyMeasureId?: number): Promise<FeedRefresh[]> {
    const chosen = (await feedMeasures()).filter((m) => onlyMeasureId === undefined || m.id === onlyMeasureId);
    if (!chosen.length) return [];
    const monthly = await monthlyCompliance();
    const place = await forceAreaCode();
    const out: FeedRefresh[] = [];
    for (const measure of chosen) {
      const result: FeedRefresh = { measureId: measure.id, title: measure.title, months: 0, added: 0, revised: 0, unchanged: 0, problems: [] };
      out.push(result);
      const why = unsuitable(measure);
      if (why) result.problems.push(why);
      else if (!place) result.problems.push('No force area is loaded as a place, so there is nowhere to write compliance');
      else if (!monthly) result.problems.push('No hotspot register has been saved, so there is no compliance to write');
      if (result.problems.length || !monthly || !place) continue;
      result.months = monthly.months.length;
      const raws: { row: number | null; values: RawObservation }[] = monthly.months.map((m) => ({
        row: null,
        values: {
          period: m.month,
          place_code: place,
          value: String((100 * m.patrolled) / m.windows),
          numerator: String(m.patrolled),
          denominator: String(m.windows),
          note: `From patrol records against hotspot register ${monthly.registerId}: ${m.patrolled} of ${m.windows} hotspot three-day windows starting this month had a continuous patrol of 15 minutes or more`,
        },
      }));
      const { valid, problems } = validateObservations(raws, await measures.validationContext(measure));
      for (const p of problems) result.problems.push(p.message);
      if (valid.length && !problems.length) {
        const summary = await measures.addObservations(actor, measure.id, valid, 'import', null);
        result.added = summary.added;
        result.revised = summary.revised;
        result.unchanged = summary.unchanged;
      }
    }
    return out;
  }

  /** Compliance for a period of London dates (to inclusive) against the current register; with a crime type, crimes of that type only. */
  async function compliance(fromDate?: string, toDate?: string, crimeTypeText?: string): Promise<ComplianceReport> {
    const current = await currentRegister();
    const cover = current ? await coverage(current.register.id) : null;
    const crimeTypes = await timedCrimes.crimeTypes();
    const crimeCover = await timedCrimes.coverage();
    const timedCrimeCoverage = crimeCover ? { first: londonDate(crimeCover.firstMs), last: londonDate(crimeCover.lastMs) } : null;
    const errors: { field: string; text: string }[] = [];
    const crimeType = crimeTypeText?.trim() || null;
    if (crimeType !== null && !crimeTypes.includes(crimeType)) {
      errors.push({ field: 'crimeType', text: crimeTypes.length ? `No timed crime records have the crime type "${crimeType}": choose one of ${crimeTypes.join(', ')}` : 'No timed crime records are loaded, so there is no crime type to choose' });
    }
    let from = fromDate?.trim() || cover?.first || '';
    let to = toDate?.trim() || cover?.last || '';
    for (const [value, field, label] of [[from, 'from', 'first day'], [to, 'to', 'last day']] as const) {
      if (!value) continue;
      try {
        checkDate(value, field, label);
      } catch (error) {
        if (error instanceof ValidationError) errors.push(...error.errors);
        else throw error;
      }
    }
    if (!errors.length && from && to && from > to) errors.push({ field: 'from', text: `The first day (${from}) must not be after the last day (${to})` });
    if (!errors.length && from && to) {
      const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
      const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
      if (daysFromCivil(ty, tm, td) - daysFromCivil(fy, fm, fd) + 1 > MAX_PERIOD_DAYS) errors.push({ field: 'to', text: `The period can be at most ${MAX_PERIOD_DAYS} days long` });
    }
    if (errors.length) throw new ValidationError(errors);
    if (!current || !from || !to) return { register: current ? { id: current.register.id, name: current.register.name } : null, from, to, fromMs: 0, toMs: 0, coverage: cover, dosage: null, visits: 0, crimeTypes, timedCrimeCoverage, crimes: null };
    const fromMs = londonMidnight(from);
    const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
    const toMs = londonMidnight(daysToIsoDate(daysFromCivil(ty, tm, td) + 1));
    const visits = await visitsOf(current.register.id, fromMs, toMs);
    // Crimes from timed crime records only: police.uk crimes carry a month, so they cannot be placed in 3-day windows.
    const areas = current.hotspots.map((h) => ({ id: h.hotspotId, rings: [h.polygon] }));
    const prepared = areas.map(prepareArea);
    const box = prepared.length
      ? { minE: Math.min(...prepared.map((a) => a.minE)), maxE: Math.max(...prepared.map((a) => a.maxE)), minN: Math.min(...prepared.map((a) => a.minN)), maxN: Math.max(...prepared.map((a) => a.maxN)) }
      : null;
    const found = await timedCrimes.inPeriod(fromMs, toMs, crimeType, box);
    const placed = placeCrimes(found.points, areas);
    const dosage = assessDosage({ hotspotIds: current.hotspots.map((h) => h.hotspotId), visits, from: fromMs, to: toMs, crimes: placed.events });
    const crimes = found.records === 0 ? null : { crimeType, records: found.records, recordsOfType: found.recordsOfType, inHotspots: placed.events.length, comparison: compareCrimes(dosage) };
    from = from.trim();
    to = to.trim();
    return { register: { id: current.register.id, name: current.register.name }, from, to, fromMs, toMs, coverage: cover, dosage, visits: visits.length, crimeTypes, timedCrimeCoverage, crimes };
  }

  return {
    currentRegister,
    coverage,
    compliance,
    monthlyCompliance,
    refreshPatrolFeeds,
    unsuitable,
    /** Timed crime records from the force: import and history. */
    timedCrimes,

    async imports(limit = 50) {
      return db.select().from(patrolImports).orderBy(desc(patrolImports.importedAt), desc(patrolImports.id)).limit(limit);
    },

    async feeds() {
      return feedMeasures();
    },

    /** Reads, checks and stores one patrol file (all or nothing), then refreshes the patrol feeds. */
    async importFile(actor: Actor, file: { name: string; content: Buffer }): Promise<PatrolImportResult> {
      const result: PatrolImportResult = { ok: false, unchanged: false, fileName: file.name, form: null, problems: [], moreProblems: 0, importId: null, registerId: null, rows: 0, visits: 0, messages: [], feeds: [] };
      const current = await currentRegister();
      if (!current) {
        result.problems.push({ row: null, column: null, message: 'There is no current hotspot register, so patrols cannot be checked against hotspots: save one on the Crime hotspots page first' });
        return result;
      }
      result.registerId = current.register.id;
      const sha256 = createHash('sha256').update(file.content).digest('hex');
      const [earlier] = await db.select().from(patrolImports).where(and(eq(patrolImports.sha256, sha256), eq(patrolImports.registerId, current.register.id)));
      if (earlier) {
        Object.assign(result, { ok: true, unchanged: true, form: earlier.form, importId: earlier.id, rows: earlier.rows, visits: earlier.visits });
        result.messages.push(`${file.name} was already imported (as ${earlier.fileName}, ${earlier.importedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC) against the current register: nothing changed`);
        return result;
      }
      const read = readPatrolCsv(file.content, { hotspotIds: new Set(current.hotspots.map((h) => h.hotspotId)) });
      result.form = read.form;
      if (!read.ok) {
        result.problems = read.problems;
        result.moreProblems = read.moreProblems;
        return result;
      }
      let visits: { hotspotId: string; unit: string; start: number; end: number; row?: number; pings?: number }[];
      let summaryExtra: Record<string, unknown>;
      if (read.form === 'visits') {
        visits = read.visits;
        summaryExtra = {};
      } else {
        const pings = read.pings.map((p) => {
          const g = toBng(p.longitude, p.latitude);
          return { unit: p.unit, time: p.time, easting: g.easting, northing: g.northing };
        });
        visits = pingsToVisits(
          pings,
          current.hotspots.map((h) => ({ id: h.hotspotId, rings: [h.polygon] })),
        );
        summaryExtra = { pings: pings.length, pingsInHotspots: visits.reduce((s, v) => s + (v.pings ?? 0), 0) };
      }
      let first = Infinity;
      let last = -Infinity;
      if (read.form === 'visits') {
        for (const v of read.visits) {
          if (v.start < first) first = v.start;
          if (v.end > last) last = v.end;
        }
      } else {
        for (const p of read.pings) {
          if (p.time < first) first = p.time;
          if (p.time > last) last = p.time;
        }
      }
      const period = { from: new Date(first).toISOString(), to: new Date(last).toISOString() };
      const summary = {
        dataRows: read.summary.dataRows,
        blankRows: read.summary.blankRows,
        droppedDuplicates: read.summary.droppedDuplicates.length,
        droppedDuplicateRows: read.summary.droppedDuplicates.slice(0, 100),
        ignoredColumns: read.summary.ignoredColumns,
        period,
        hotspotsVisited: new Set(visits.map((v) => v.hotspotId)).size,
        ...summaryExtra,
      };
      const importId = await db.transaction(async (tx) => {
        // Checked again inside the transaction: two uploads of one file at once store it once.
        const [again] = await tx.select({ id: patrolImports.id }).from(patrolImports).where(and(eq(patrolImports.sha256, sha256), eq(patrolImports.registerId, current.register.id)));
        if (again) return null;
        const [row] = await tx
          .insert(patrolImports)
          .values({ registerId: current.register.id, fileName: file.name.slice(0, 200), form: read.form, sha256, rows: read.summary.dataRows, visits: visits.length, summary, importedBy: actor.label })
          .returning();
        if (!row) throw new Error('insert returned no row');
        for (let i = 0; i < visits.length; i += 1000) {
          await tx.insert(patrolVisits).values(
            visits.slice(i, i + 1000).map((v) => ({ importId: row.id, registerId: current.register.id, hotspotId: v.hotspotId, unit: v.unit, startAt: new Date(v.start), endAt: new Date(v.end) })),
          );
        }
        await recordAudit(tx, actor, {
          action: 'import',
          entityType: 'patrol-import',
          entityId: row.id,
          summary: `Imported patrol ${read.form} from ${file.name} against hotspot register ${current.register.id}: ${plural(read.summary.dataRows, 'row')}, ${plural(visits.length, 'visit')} stored`,
          changes: { visits: { from: null, to: visits.length } },
        });
        return row.id;
      });
      if (importId === null) {
        Object.assign(result, { ok: true, unchanged: true });
        result.messages.push(`${file.name} was already imported against the current register: nothing changed`);
        return result;
      }
      hooks.onChange();
      Object.assign(result, { ok: true, importId, rows: read.summary.dataRows, visits: visits.length });
      result.messages.push(
        read.form === 'visits'
          ? `${file.name}: ${plural(read.summary.dataRows, 'row')} of visits read, ${plural(visits.length, 'visit')} stored against register "${current.register.name}"`
          : `${file.name}: ${plural(read.summary.dataRows, 'GPS ping')} read, turned into ${plural(visits.length, 'visit')} to ${plural(summary.hotspotsVisited, 'hotspot')} of register "${current.register.name}" (pings outside every hotspot make no visit)`,
      );
      if (read.summary.droppedDuplicates.length) {
        const list = read.summary.droppedDuplicates.slice(0, 10).map((d) => `row ${d.row} repeats row ${d.duplicateOf}`).join('; ');
        result.messages.push(`${plural(read.summary.droppedDuplicates.length, 'row')} left out as exact repeats of an earlier row: ${list}${read.summary.droppedDuplicates.length > 10 ? '; …' : ''}`);
      }
      if (read.summary.blankRows) result.messages.push(`${plural(read.summary.blankRows, 'blank row')} skipped`);
      if (read.summary.ignoredColumns.length) result.messages.push(`Columns not used: ${read.summary.ignoredColumns.join(', ')}`);
      result.feeds = await refreshPatrolFeeds(actor);
      for (const f of result.feeds) result.messages.push(describeFeedRefresh(f));
      return result;
    },

    /** Takes the measure's observations from patrol compliance from now on, and refreshes it. */
    async setPatrolFeed(actor: Actor, measureId: number): Promise<FeedRefresh | null> {
      const measure = await measures.getMeasureById(measureId);
      const why = unsuitable(measure);
      if (why) throw new ValidationError([{ field: 'measureId', text: why }]);
      const [existing] = await db.select().from(measureFeeds).where(eq(measureFeeds.measureId, measureId));
      if (existing && existing.kind !== patrolFeedKind) throw new ValidationError([{ field: 'measureId', text: `This measure already takes its observations from ${existing.kind} data: stop that first` }]);
      if (!existing) {
        await db.transaction(async (tx) => {
          await tx.insert(measureFeeds).values({ measureId, kind: patrolFeedKind, options: {}, createdByLabel: actor.label });
          await recordAudit(tx, actor, {
            action: 'create',
            entityType: 'measure-feed',
            entityId: measureId,
            planId: measure.planId,
            summary: `"${measure.title}" takes its observations from hotspot patrol compliance`,
            changes: { kind: { from: null, to: patrolFeedKind } },
          });
        });
        hooks.onChange();
      }
      const [refreshed] = await refreshPatrolFeeds(actor, measureId);
      return refreshed ?? null;
    },

    /** Stops taking observations from patrol compliance; the observations already stored stay. */
    async clearPatrolFeed(actor: Actor, measureId: number): Promise<boolean> {
      const measure = await measures.getMeasureById(measureId);
      const [existing] = await db.select().from(measureFeeds).where(eq(measureFeeds.measureId, measureId));
      if (!existing || existing.kind !== patrolFeedKind) return false;
      await db.transaction(async (tx) => {
        await tx.delete(measureFeeds).where(eq(measureFeeds.measureId, measureId));
        await recordAudit(tx, actor, {
          action: 'delete',
          entityType: 'measure-feed',
          entityId: measureId,
          planId: measure.planId,
          summary: `"${measure.title}" no longer takes its observations from hotspot patrol compliance (those stored stay)`,
          changes: { kind: { from: patrolFeedKind, to: null } },
        });
      });
      hooks.onChange();
      return true;
    },
  };
}

export function describeFeedRefresh(f: FeedRefresh): string {
  if (f.problems.length) return `Measure "${f.title}" was not updated: ${f.problems.join('; ')}`;
  if (f.added + f.revised === 0) return `Measure "${f.title}": ${plural(f.months, 'month')} of compliance, all already stored: nothing changed`;
  return `Measure "${f.title}": ${f.added} new and ${f.revised} revised monthly compliance values (earlier values kept in history), ${f.unchanged} unchanged`;
}

export function describeProblems(result: PatrolImportResult): string[] {
  const lines = result.problems.map((p) => describePatrolProblem(p, result.fileName));
  if (result.moreProblems) lines.push(`…and ${result.moreProblems.toLocaleString('en-GB')} more problems`);
  return lines;
}

export type PatrolsService = ReturnType<typeof createPatrolsService>;

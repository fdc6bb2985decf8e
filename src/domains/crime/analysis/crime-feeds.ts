// Plan measures that take their observations from police.uk crime data: a feed names the crime
// types ([] = every type except anti-social behaviour); refreshing writes one observation per
// complete period of the measure's frequency and per place of its geography (the force area, or
// each local authority of it) through the measures service, which keeps history and changes
// nothing when a value is unchanged.
import { eq, sql } from 'drizzle-orm';
import { recordAudit, type Actor } from '../../../platform/audit/audit.service.ts';
import type { Db } from '../../../platform/db/database.ts';
import { queryRows } from '../../../platform/db/database.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { measureFeeds, parsePeriod, validateObservations, type Measure, type MeasuresService, type RawObservation } from '../../measures/index.ts';
import { antiSocialBehaviour, knownCrimeTypes } from './crime-types.ts';
import { readGeography, type Area } from './geography.ts';
import { nextMonth } from './crime-analysis.service.ts';

export const crimeFeedKind = 'police-uk-crime';
export const feedFrequencies = ['month', 'quarter', 'year', 'financial_year'] as const;
export const feedGeographies = ['force_area', 'local_authority'] as const;

export interface CrimeFeed {
  measureId: number;
  crimeTypes: string[];
  createdAt: Date;
  createdByLabel: string;
}

export interface FeedRefresh {
  measureId: number;
  title: string;
  periods: number;
  added: number;
  revised: number;
  unchanged: number;
  /** Why nothing or not everything could be written, in words. */
  problems: string[];
}

export function describeCrimeTypes(types: string[]): string {
  return types.length ? types.join(', ') : `every crime type except ${antiSocialBehaviour.toLowerCase()}`;
}

/** The periods of a frequency whose every month is loaded, each with its months. */
export function completePeriods(frequency: string, loaded: ReadonlySet<string>): { label: string; months: string[] }[] {
  const sorted = [...loaded].sort();
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return [];
  const out: { label: string; months: string[] }[] = [];
  const seen = new Set<string>();
  for (let m = first; m <= last; m = nextMonth(m)) {
    const year = Number(m.slice(0, 4));
    const month = Number(m.slice(5, 7));
    let label: string;
    let months: string[];
    const run = (startYear: number, startMonth: number, count: number) => {
      const list: string[] = [];
      let cursor = `${startYear}-${String(startMonth).padStart(2, '0')}`;
      for (let i = 0; i < count; i++, cursor = nextMonth(cursor)) list.push(cursor);
      return list;
    };
    if (frequency === 'month') [label, months] = [m, [m]];
    else if (frequency === 'quarter') {
      const q = Math.ceil(month / 3);
      [label, months] = [`${year}-Q${q}`, run(year, q * 3 - 2, 3)];
    } else if (frequency === 'year') [label, months] = [String(year), run(year, 1, 12)];
    else if (frequency === 'financial_year') {
      const startYear = month >= 4 ? year : year - 1;
      [label, months] = [`${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`, run(startYear, 4, 12)];
    } else return [];
    if (seen.has(label)) continue;
    seen.add(label);
    if (months.every((x) => loaded.has(x))) out.push({ label, months });
  }
  return out;
}

export function createCrimeFeeds(db: Db, measures: MeasuresService, onChange: () => void) {
  async function feedOf(measureId: number): Promise<CrimeFeed | null> {
    const [row] = await db.select().from(measureFeeds).where(eq(measureFeeds.measureId, measureId));
    if (!row || row.kind !== crimeFeedKind) return null;
    const types = Array.isArray(row.options.crimeTypes) ? (row.options.crimeTypes as unknown[]).filter((t): t is string => typeof t === 'string') : [];
    return { measureId, crimeTypes: types, createdAt: row.createdAt, createdByLabel: row.createdByLabel };
  }

  /** Why a measure cannot take a crime feed, or null when it can. */
  function unsuitable(measure: Measure): string | null {
    if (!(feedFrequencies as readonly string[]).includes(measure.frequency)) return 'The measure must be reported monthly, quarterly, yearly or by financial year to take observations from police.uk data: edit how often it is reported first';
    if (!(feedGeographies as readonly string[]).includes(measure.geography)) return 'The measure must be reported for the force area or by local authority to take observations from police.uk data';
    if (measure.rateBase && measure.rateDenominator !== 'population') return 'A rate with its own denominator cannot be worked out from crime counts: make it a rate per population, or not a rate';
    return null;
  }

  async function refreshOne(actor: Actor, measure: Measure, feed: CrimeFeed, context: { loaded: Set<string>; geo: Awaited<ReturnType<typeof readGeography>> }): Promise<FeedRefresh> {
    const result: FeedRefresh = { measureId: measure.id, title: measure.title, periods: 0, added: 0, revised: 0, unchanged: 0, problems: [] };
    const why = unsuitable(measure);
    if (why) {
      result.problems.push(why);
      return result;
    }
    const { geo, loaded } = context;
    if (!geo.force) {
      result.problems.push('No force area is loaded as a place');
      return result;
    }
    const places: Area[] = measure.geography === 'force_area' ? [geo.force] : geo.las;
    const periods = completePeriods(measure.frequency, loaded);
    result.periods = periods.length;
    if (!periods.length || !places.length) return result;
    const typeFilter = feed.crimeTypes.length
      ? sql`crime_type in (${sql.join(
          feed.crimeTypes.map((t) => sql`${t}`),
          sql`, `,
        )})`
      : sql`crime_type <> ${antiSocialBehaviour}`;
    const rows = await queryRows<{ m: string; l: string; c: number }>(db, sql`select to_char(month, 'YYYY-MM') as m, lsoa_code as l, sum(crimes)::int as c from crime_counts where ${typeFilter} group by month, lsoa_code`);
    const byMonth = new Map<string, number>();
    const byMonthLsoa = new Map<string, number>();
    for (const r of rows) {
      byMonth.set(r.m, (byMonth.get(r.m) ?? 0) + r.c);
      byMonthLsoa.set(`${r.m}|${r.l}`, r.c);
    }
    const context2 = await measures.validationContext(measure);
    const isRate = Boolean(measure.rateBase);
    const raws: { row: number | null; values: RawObservation }[] = [];
    const note = `From police.uk street-level crime data: ${describeCrimeTypes(feed.crimeTypes)}`;
    for (const period of periods) {
      for (const place of places) {
        let count = 0;
        for (const month of period.months) {
          if (place.level === 'force') count += byMonth.get(month) ?? 0;
          else for (const lsoa of place.lsoaCodes) count += byMonthLsoa.get(`${month}|${lsoa}`) ?? 0;
        }
        const values: RawObservation = { period: period.label, place_code: place.code, note };
        if (isRate) {
          values.numerator = String(count);
          // The measures' own rule finds the place's population; where only its LSOAs have one, give their sum.
          const year = Number(parsePeriod(period.label)?.start.slice(0, 4));
          if (!context2.rate?.population(place.code, year)) {
            const population = geo.population(place.code, year);
            if (population) values.denominator = String(population.value);
          }
        } else values.value = String(count);
        raws.push({ row: null, values });
      }
    }
    const { valid, problems } = validateObservations(raws, context2);
    for (const p of problems) result.problems.push(p.message);
    if (valid.length) {
      const summary = await measures.addObservations(actor, measure.id, valid, 'import');
      result.added = summary.added;
      result.revised = summary.revised;
      result.unchanged = summary.unchanged;
    }
    result.problems = [...new Set(result.problems)];
    return result;
  }

  async function refreshCrimeFeeds(actor: Actor, onlyMeasureId?: number): Promise<FeedRefresh[]> {
    const feeds = await db.select().from(measureFeeds).where(eq(measureFeeds.kind, crimeFeedKind));
    const chosen = feeds.filter((f) => onlyMeasureId === undefined || f.measureId === onlyMeasureId);
    if (!chosen.length) return [];
    const loadedRows = await queryRows<{ m: string }>(
      db,
      sql`select to_char(month, 'YYYY-MM') as m from crime_counts group by month union select month as m from police_uk_files where kind = 'street' and superseded_at is null`,
    );
    const context = { loaded: new Set(loadedRows.map((r) => r.m)), geo: await readGeography(db) };
    const out: FeedRefresh[] = [];
    for (const row of chosen) {
      const feed = await feedOf(row.measureId);
      if (!feed) continue;
      const measure = await measures.getMeasureById(row.measureId);
      try {
        out.push(await refreshOne(actor, measure, feed, context));
      } catch (error) {
        // One measure's failure (nothing of it is stored: each measure is its own transaction) must
        // not stop the others, nor fail the import that called this after committing.
        out.push({ measureId: measure.id, title: measure.title, periods: 0, added: 0, revised: 0, unchanged: 0, problems: [`Could not refresh: ${(error as Error).message}`] });
      }
    }
    return out;
  }

  const periodWords: Record<string, string> = { month: 'month', quarter: 'quarter', year: 'calendar year', financial_year: 'financial year' };

  return {
    feedOf,
    unsuitable,

    /** What the measure's staff page shows about its crime feed. */
    async feedPanel(measureId: number, crimeTypes: readonly string[] = knownCrimeTypes) {
      const measure = await measures.getMeasureById(measureId);
      const current = await feedOf(measureId);
      return {
        current,
        typesText: current ? describeCrimeTypes(current.crimeTypes) : '',
        periodWord: periodWords[measure.frequency] ?? measure.frequency,
        placeWord: measure.geography === 'local_authority' ? 'each local authority of the force area' : 'the force area',
        unsuitable: unsuitable(measure),
        types: [...new Set([...crimeTypes, ...(current?.crimeTypes ?? [])])],
      };
    },
    refreshCrimeFeeds,

    /** Takes the measure's observations from police.uk crime data from now on, and refreshes it. */
    async setCrimeFeed(actor: Actor, measureId: number, crimeTypes: string[], known: readonly string[] = knownCrimeTypes): Promise<FeedRefresh | null> {
      const measure = await measures.getMeasureById(measureId);
      const why = unsuitable(measure);
      if (why) throw new ValidationError([{ field: 'crimeTypes', text: why }]);
      const types = [...new Set(crimeTypes.map((t) => t.trim()).filter(Boolean))];
      const unknown = types.filter((t) => !known.includes(t));
      if (unknown.length) throw new ValidationError([{ field: 'crimeTypes', text: `${unknown.map((t) => `"${t}"`).join(', ')} ${unknown.length === 1 ? 'is not a' : 'are not'} police.uk crime type${unknown.length === 1 ? '' : 's'}` }]);
      types.sort((a, b) => known.indexOf(a) - known.indexOf(b));
      const [existing] = await db.select().from(measureFeeds).where(eq(measureFeeds.measureId, measureId));
      if (existing && existing.kind !== crimeFeedKind) throw new ValidationError([{ field: 'crimeTypes', text: `This measure already takes its observations from ${existing.kind} data: stop that first` }]);
      const before = existing ? ((existing.options.crimeTypes as string[] | undefined) ?? []) : null;
      if (!before || JSON.stringify(before) !== JSON.stringify(types)) {
        await db.transaction(async (tx) => {
          if (existing) await tx.update(measureFeeds).set({ options: { crimeTypes: types } }).where(eq(measureFeeds.measureId, measureId));
          else await tx.insert(measureFeeds).values({ measureId, kind: crimeFeedKind, options: { crimeTypes: types }, createdByLabel: actor.label });
          await recordAudit(tx, actor, {
            action: existing ? 'update' : 'create',
            entityType: 'measure-feed',
            entityId: measureId,
            planId: measure.planId,
            summary: `"${measure.title}" takes its observations from police.uk crime data: ${describeCrimeTypes(types)}`,
            changes: { crimeTypes: { from: before, to: types } },
          });
        });
        onChange();
      }
      const [refreshed] = await refreshCrimeFeeds(actor, measureId);
      return refreshed ?? null;
    },

    /** Stops taking observations from crime data; the observations already stored stay. */
    async clearCrimeFeed(actor: Actor, measureId: number): Promise<boolean> {
      const measure = await measures.getMeasureById(measureId);
      const feed = await feedOf(measureId);
      if (!feed) return false;
      await db.transaction(async (tx) => {
        await tx.delete(measureFeeds).where(eq(measureFeeds.measureId, measureId));
        await recordAudit(tx, actor, {
          action: 'delete',
          entityType: 'measure-feed',
          entityId: measureId,
          planId: measure.planId,
          summary: `"${measure.title}" no longer takes its observations from police.uk crime data (those stored stay)`,
          changes: { crimeTypes: { from: feed.crimeTypes, to: null } },
        });
      });
      onChange();
      return true;
    },
  };
}

export type CrimeFeeds = ReturnType<typeof createCrimeFeeds>;

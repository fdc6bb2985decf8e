// Crime analysis: counts and rates per 1,000 residents by month and crime type for the force area,
// each CSP, local authority and LSOA; the share of crimes charged or summonsed; stop and search; what
// data is loaded. Reads the summaries the police.uk importer keeps (crime_counts, rebuilt from the
// current files in each import's transaction) and the current files' rows; writes nothing.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { queryRows } from '../../../platform/db/database.ts';
import { allCrime, antiSocialBehaviour, knownCrimeTypes } from './crime-types.ts';
import { areasAt, levelRank, readGeography, type Area, type Geography, type Level, type Population } from './geography.ts';

export interface Period {
  from: string; // YYYY-MM
  to: string;
}

export interface CountRow {
  month: string;
  placeCode: string;
  placeName: string;
  level: Level;
  crimeType: string;
  crimes: number;
  population: number | null;
  ratePer1000: number | null;
}

export interface TypeRow {
  crimeType: string;
  crimes: number;
  ratePer1000: number | null;
  crimesWithId: number;
  chargedOrSummonsed: number;
  /** Share of the crimes with an ID whose last outcome is a charge or summons; null without any. */
  chargedShare: number | null;
}

export interface AreaRow {
  area: Area;
  crimes: number;
  population: Population | null;
  ratePer1000: number | null;
}

export const ratePer1000 = (crimes: number, population: number | null | undefined) => (population ? Math.round((crimes / population) * 1000 * 10_000) / 10_000 : null);

const monthDate = (month: string) => `${month}-01`;
export const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The crime-type condition: one type, or all crime (every type except anti-social behaviour). */
function typeCondition(type: string): SQL {
  return type === allCrime ? sql`crime_type <> ${antiSocialBehaviour}` : sql`crime_type = ${type}`;
}

function lsoaCondition(area: Area, geo: Geography): SQL {
  // The force total is every row of its current street files: no-location and outside-force rows too.
  if (area.level === 'force' && area.code === geo.force?.code) return sql`true`;
  if (!area.lsoaCodes.length) return sql`false`;
  return sql`lsoa_code in (${sql.join(
    area.lsoaCodes.map((c) => sql`${c}`),
    sql`, `,
  )})`;
}

export function createCrimeAnalysisService(db: DbOrTx) {
  /** Months with crime data: those of current street files, and any month in crime_counts. */
  async function months(executor: DbOrTx = db): Promise<string[]> {
    const rows = await queryRows<{ m: string }>(
      executor,
      sql`select m from (
            select to_char(month, 'YYYY-MM') as m from crime_counts group by month
            union select month as m from police_uk_files where kind = 'street' and superseded_at is null
          ) x order by m`,
    );
    return rows.map((r) => r.m);
  }

  async function crimeTypes(): Promise<string[]> {
    const rows = await queryRows<{ t: string }>(db, sql`select distinct crime_type as t from crime_counts order by 1`);
    const present = rows.map((r) => r.t);
    return [...knownCrimeTypes.filter((t) => present.includes(t)), ...present.filter((t) => !knownCrimeTypes.includes(t))];
  }

  /** Monthly counts by crime type for an area (the force area: every row). */
  async function monthlyByType(area: Area, geo: Geography, period: Period) {
    return queryRows<{ m: string; t: string; c: number; w: number; ch: number }>(
      db,
      sql`select to_char(month, 'YYYY-MM') as m, crime_type as t, sum(crimes)::int as c, sum(crimes_with_id)::int as w, sum(charged_or_summonsed)::int as ch
          from crime_counts
          where month >= ${monthDate(period.from)} and month <= ${monthDate(period.to)} and ${lsoaCondition(area, geo)}
          group by month, crime_type`,
    );
  }

  /** Counts of one type (or all crime) by LSOA ('' = no location) over the period, or by month too. */
  async function byLsoa(area: Area, geo: Geography, period: Period, type: string, byMonth: boolean) {
    return queryRows<{ m: string | null; l: string; c: number }>(
      db,
      byMonth
        ? sql`select to_char(month, 'YYYY-MM') as m, lsoa_code as l, sum(crimes)::int as c from crime_counts
              where month >= ${monthDate(period.from)} and month <= ${monthDate(period.to)} and ${typeCondition(type)} and ${lsoaCondition(area, geo)}
              group by month, lsoa_code`
        : sql`select null as m, lsoa_code as l, sum(crimes)::int as c from crime_counts
              where month >= ${monthDate(period.from)} and month <= ${monthDate(period.to)} and ${typeCondition(type)} and ${lsoaCondition(area, geo)}
              group by lsoa_code`,
    );
  }

  return {
    months,
    crimeTypes,
    geography: () => readGeography(db),

    /** Everything an area page shows for a period and crime type (All crime or one type). */
    async areaReport(geo: Geography, area: Area, period: Period, type: string, loadedMonths: string[]) {
      const periodMonths = loadedMonths.filter((m) => m >= period.from && m <= period.to);
      const toYear = Number(period.to.slice(0, 4));
      const [byType, lsoaTotals] = await Promise.all([monthlyByType(area, geo, period), byLsoa(area, geo, period, type, false)]);

      const inType = (t: string) => (type === allCrime ? t !== antiSocialBehaviour : t === type);
      const monthlyCrimes = new Map(periodMonths.map((m) => [m, 0]));
      for (const r of byType) if (inType(r.t)) monthlyCrimes.set(r.m, (monthlyCrimes.get(r.m) ?? 0) + r.c);
      const monthly = [...monthlyCrimes].map(([month, crimes]) => {
        const population = geo.population(area.code, Number(month.slice(0, 4)));
        return { month, crimes, population: population?.value ?? null, ratePer1000: ratePer1000(crimes, population?.value) };
      });

      const population = geo.population(area.code, toYear);
      const types = new Map<string, TypeRow>();
      for (const r of byType) {
        const row = types.get(r.t) ?? { crimeType: r.t, crimes: 0, ratePer1000: null, crimesWithId: 0, chargedOrSummonsed: 0, chargedShare: null };
        row.crimes += r.c;
        row.crimesWithId += r.w;
        row.chargedOrSummonsed += r.ch;
        types.set(r.t, row);
      }
      const all: TypeRow = { crimeType: allCrime, crimes: 0, ratePer1000: null, crimesWithId: 0, chargedOrSummonsed: 0, chargedShare: null };
      for (const row of types.values()) {
        if (row.crimeType === antiSocialBehaviour) continue;
        all.crimes += row.crimes;
        all.crimesWithId += row.crimesWithId;
        all.chargedOrSummonsed += row.chargedOrSummonsed;
      }
      const order = (t: string) => (knownCrimeTypes.includes(t) ? knownCrimeTypes.indexOf(t) : knownCrimeTypes.length);
      const typeRows = [all, ...[...types.values()].sort((a, b) => order(a.crimeType) - order(b.crimeType) || a.crimeType.localeCompare(b.crimeType))].map((row) => ({
        ...row,
        ratePer1000: ratePer1000(row.crimes, population?.value),
        chargedShare: row.crimesWithId ? row.chargedOrSummonsed / row.crimesWithId : null,
      }));

      // Areas below this one, with their counts for the period.
      const perLsoa = new Map(lsoaTotals.map((r) => [r.l, r.c]));
      const totalOf = (a: Area) => a.lsoaCodes.reduce((sum, code) => sum + (perLsoa.get(code) ?? 0), 0);
      const rowFor = (a: Area): AreaRow => {
        const crimes = totalOf(a);
        const pop = geo.population(a.code, toYear);
        return { area: a, crimes, population: pop, ratePer1000: ratePer1000(crimes, pop?.value) };
      };
      const childLevels: Level[] = area.level === 'force' ? ['csp', 'la'] : area.level === 'csp' ? ['la', 'lsoa'] : area.level === 'la' ? ['lsoa'] : [];
      const children = childLevels.map((level) => ({ level, rows: areasAt(geo, area, level).map(rowFor) })).filter((c) => c.rows.length);

      // Force area only: crimes in no local authority of the force area.
      let notPlaced: { noLocation: number; outsideForce: number; outsideLsoas: number; total: number } | null = null;
      if (area.level === 'force') {
        let noLocation = 0;
        let outsideForce = 0;
        let outsideLsoas = 0;
        for (const r of lsoaTotals) {
          if (r.l === '') noLocation += r.c;
          else if (!geo.lsoaSet.has(r.l) || !geo.areas.get(r.l)?.laCode) {
            outsideForce += r.c;
            if (r.c > 0) outsideLsoas++;
          }
        }
        notPlaced = { noLocation, outsideForce, outsideLsoas, total: noLocation + outsideForce };
      }
      return { area, period, periodMonths, type, population, monthly, typeRows, children, notPlaced };
    },

    /** The counts API: rows for every place at the level and every loaded month in the period. */
    async counts(geo: Geography, base: Area, level: Level, period: Period, type: string, loadedMonths: string[]): Promise<CountRow[]> {
      const periodMonths = loadedMonths.filter((m) => m >= period.from && m <= period.to);
      if (levelRank[level] < levelRank[base.level]) throw new Error('level above the place');
      const targets = areasAt(geo, base, level);
      if (!periodMonths.length || !targets.length) return [];
      const cell = new Map<string, number>(); // "month|lsoa" → crimes
      const forceMonthly = new Map<string, number>();
      const rows = await byLsoa(base, geo, period, type, true);
      for (const r of rows) {
        cell.set(`${r.m}|${r.l}`, r.c);
        forceMonthly.set(r.m ?? '', (forceMonthly.get(r.m ?? '') ?? 0) + r.c);
      }
      const out: CountRow[] = [];
      for (const target of targets) {
        const isForceTotal = target.level === 'force' && target.code === geo.force?.code;
        for (const month of periodMonths) {
          let crimes = 0;
          if (isForceTotal) crimes = forceMonthly.get(month) ?? 0;
          else for (const code of target.lsoaCodes) crimes += cell.get(`${month}|${code}`) ?? 0;
          const population = geo.population(target.code, Number(month.slice(0, 4)))?.value ?? null;
          out.push({ month, placeCode: target.code, placeName: target.name, level: target.level, crimeType: type, crimes, population, ratePer1000: ratePer1000(crimes, population) });
        }
      }
      return out;
    },

    /** Stop and search in the period (force level: police.uk gives no area for a search). */
    async stopSearch(period: Period) {
      const rows = await queryRows<{ m: string; o: string | null; oc: string | null; l: boolean | null; e: string | null; n: number }>(
        db,
        sql`select to_char(s.month, 'YYYY-MM') as m, s.object_of_search as o, s.outcome as oc, s.outcome_linked_to_object as l, s.self_defined_ethnicity as e, count(*)::int as n
            from stop_searches s join police_uk_files f on f.id = s.file_id
            where f.superseded_at is null and s.month >= ${monthDate(period.from)} and s.month <= ${monthDate(period.to)}
            group by 1, 2, 3, 4, 5`,
      );
      const tally = (key: (r: (typeof rows)[number]) => string) => {
        const map = new Map<string, number>();
        for (const r of rows) map.set(key(r), (map.get(key(r)) ?? 0) + r.n);
        return [...map].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
      };
      const total = rows.reduce((s, r) => s + r.n, 0);
      const linkedTrue = rows.filter((r) => r.l === true).reduce((s, r) => s + r.n, 0);
      const linkedFalse = rows.filter((r) => r.l === false).reduce((s, r) => s + r.n, 0);
      const byMonth = tally((r) => r.m).sort((a, b) => a.label.localeCompare(b.label));
      return {
        total,
        byMonth,
        byObject: tally((r) => r.o || 'Not recorded'),
        byOutcome: tally((r) => r.oc || 'Not recorded'),
        byEthnicity: tally((r) => r.e || 'Not recorded'),
        linked: { yes: linkedTrue, no: linkedFalse, unanswered: total - linkedTrue - linkedFalse, share: linkedTrue + linkedFalse ? linkedTrue / (linkedTrue + linkedFalse) : null },
      };
    },

    /** What police.uk data is loaded: current files by kind, their months and what they held. */
    async coverage() {
      const rows = await queryRows<{ kind: string; month: string; rows: number; stored: number; without_location: number; outside_force_area: number; anti_social_behaviour: number; repeated_crime_ids: number; force: string }>(
        db,
        sql`select kind, month, rows, stored, without_location, outside_force_area, anti_social_behaviour, repeated_crime_ids, force
            from police_uk_files where superseded_at is null order by kind, month`,
      );
      const kinds = (['street', 'outcomes', 'stop-and-search'] as const).map((kind) => {
        const files = rows.filter((r) => r.kind === kind);
        const monthList = [...new Set(files.map((f) => f.month))].sort();
        const sum = (k: 'rows' | 'stored' | 'without_location' | 'outside_force_area' | 'anti_social_behaviour' | 'repeated_crime_ids') => files.reduce((s, f) => s + Number(f[k]), 0);
        return {
          kind,
          files: files.length,
          first: monthList[0] ?? null,
          last: monthList.at(-1) ?? null,
          months: monthList.length,
          gaps: missingMonths(monthList),
          rows: sum('rows'),
          stored: sum('stored'),
          withoutLocation: sum('without_location'),
          outsideForceArea: sum('outside_force_area'),
          antiSocialBehaviour: sum('anti_social_behaviour'),
          repeatedCrimeIds: sum('repeated_crime_ids'),
        };
      });
      return { forces: [...new Set(rows.map((r) => r.force))], kinds, any: rows.length > 0 };
    },
  };
}

/** Months missing between the first and last of a sorted list of YYYY-MM. */
export function missingMonths(list: string[]): string[] {
  const first = list[0];
  const last = list.at(-1);
  if (!first || !last) return [];
  const have = new Set(list);
  const out: string[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) if (!have.has(m)) out.push(m);
  return out;
}

export function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

export type CrimeAnalysisService = ReturnType<typeof createCrimeAnalysisService>;
export type AreaReport = Awaited<ReturnType<CrimeAnalysisService['areaReport']>>;
export type StopSearchSummary = Awaited<ReturnType<CrimeAnalysisService['stopSearch']>>;
export type Coverage = Awaited<ReturnType<CrimeAnalysisService['coverage']>>;

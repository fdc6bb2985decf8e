// The force area's places as the crime analysis sees them: force area → community safety
// partnerships (when loaded) → local authorities → LSOAs, read from places.parent_code, with each
// place's population for a year (its own figure, else the sum of its LSOAs').
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { queryRows } from '../../../platform/db/database.ts';

export type Level = 'force' | 'csp' | 'la' | 'lsoa';
export const levels: readonly Level[] = ['force', 'csp', 'la', 'lsoa'];
export const levelRank: Record<Level, number> = { force: 0, csp: 1, la: 2, lsoa: 3 };
export const levelLabels: Record<Level, string> = { force: 'Force area', csp: 'Community safety partnership', la: 'Local authority', lsoa: 'LSOA' };
export const levelPlurals: Record<Level, string> = { force: 'force areas', csp: 'community safety partnerships', la: 'local authorities', lsoa: 'LSOAs' };
const levelOfType: Record<string, Level> = { force_area: 'force', csp: 'csp', local_authority: 'la', lsoa: 'lsoa' };

export interface Area {
  code: string;
  name: string;
  level: Level;
  parentCode: string | null;
  /** The local authority and CSP above (an LA is its own LA), null where none. */
  laCode: string | null;
  cspCode: string | null;
  /** The LSOAs in this area (an LSOA: itself). */
  lsoaCodes: string[];
}

export interface Population {
  value: number;
  /** 'own': the place's own figure; 'lsoas': the sum of its LSOAs' figures. */
  basis: 'own' | 'lsoas';
  year: number; // the (latest) year of the figures used
  source: string;
}

export interface Geography {
  force: Area | null;
  areas: Map<string, Area>;
  csps: Area[];
  las: Area[];
  lsoas: Area[];
  /** LSOA code → its area record (only LSOAs under the force area). */
  lsoaSet: ReadonlySet<string>;
  /** Children of an area at the next level down that has places (an LA's LSOAs; a CSP's LAs). */
  childrenOf(code: string, level: Level): Area[];
  ancestorsOf(area: Area): Area[];
  population(code: string, year: number): Population | null;
  /** Why a place has no population for that year, in words. */
  populationGap(code: string, year: number): string;
}

const byName = (a: Area, b: Area) => a.name.localeCompare(b.name, 'en-GB') || a.code.localeCompare(b.code);

/** The force area to analyse: the current plan's force area if it is a loaded place, else the first. */
export async function readGeography(db: DbOrTx): Promise<Geography> {
  const tree = await queryRows<{ code: string; name: string; type: string; parent_code: string | null }>(
    db,
    sql`with recursive force as (
          select p.code from places p where p.type = 'force_area'
          order by (p.code = (select force_area_code from plans where is_current order by id limit 1)) desc nulls last, p.code limit 1
        ), tree as (
          select p.code, p.name, p.type, p.parent_code, 0 as depth from places p join force on force.code = p.code
          union all
          select c.code, c.name, c.type, c.parent_code, tree.depth + 1 from places c join tree on c.parent_code = tree.code where tree.depth < 4
        )
        select code, name, type, parent_code from tree where type in ('force_area', 'csp', 'local_authority', 'lsoa')`,
  );
  const populations = await queryRows<{ place_code: string; year: number; population: number; source: string }>(
    db,
    sql`with recursive force as (
          select p.code from places p where p.type = 'force_area'
          order by (p.code = (select force_area_code from plans where is_current order by id limit 1)) desc nulls last, p.code limit 1
        ), tree as (
          select p.code, 0 as depth from places p join force on force.code = p.code
          union all
          select c.code, tree.depth + 1 from places c join tree on c.parent_code = tree.code where tree.depth < 4
        )
        select pp.place_code, pp.year, pp.population, pp.source from place_populations pp join tree on tree.code = pp.place_code order by pp.place_code, pp.year`,
  );
  return buildGeography(tree, populations);
}

export function buildGeography(
  tree: { code: string; name: string; type: string; parent_code: string | null }[],
  populationRows: { place_code: string; year: number; population: number; source: string }[],
): Geography {
  const areas = new Map<string, Area>();
  for (const row of tree) {
    const level = levelOfType[row.type];
    if (!level || areas.has(row.code)) continue;
    areas.set(row.code, { code: row.code, name: row.name, level, parentCode: row.parent_code, laCode: null, cspCode: null, lsoaCodes: [] });
  }
  const force = [...areas.values()].find((a) => a.level === 'force') ?? null;
  // Walk up from each place to fill in its LA and CSP; keep only places that reach the force area.
  for (const area of [...areas.values()]) {
    let cursor: Area | undefined = area;
    let reachesForce = false;
    for (let steps = 0; cursor && steps < 5; steps++) {
      if (cursor.level === 'la' && !area.laCode && levelRank[area.level] >= levelRank.la) area.laCode = cursor.code;
      if (cursor.level === 'csp' && !area.cspCode && levelRank[area.level] >= levelRank.csp) area.cspCode = cursor.code;
      if (cursor.level === 'force') {
        reachesForce = true;
        break;
      }
      cursor = cursor.parentCode ? areas.get(cursor.parentCode) : undefined;
    }
    if (!reachesForce) areas.delete(area.code);
  }
  const lsoas = [...areas.values()].filter((a) => a.level === 'lsoa').sort(byName);
  for (const lsoa of lsoas) {
    lsoa.lsoaCodes.push(lsoa.code);
    for (const code of new Set([lsoa.laCode, lsoa.cspCode, force?.code])) if (code) areas.get(code)?.lsoaCodes.push(lsoa.code);
  }
  const csps = [...areas.values()].filter((a) => a.level === 'csp').sort(byName);
  const las = [...areas.values()].filter((a) => a.level === 'la').sort(byName);

  const ownRows = new Map<string, { year: number; population: number; source: string }[]>();
  for (const row of populationRows) {
    const list = ownRows.get(row.place_code) ?? [];
    list.push({ year: Number(row.year), population: Number(row.population), source: row.source });
    ownRows.set(row.place_code, list);
  }
  const own = (code: string, year: number) => {
    let best: { year: number; population: number; source: string } | null = null;
    for (const row of ownRows.get(code) ?? []) if (row.year <= year && (!best || row.year > best.year)) best = row;
    return best;
  };
  const memo = new Map<string, Population | null>();
  function population(code: string, year: number): Population | null {
    const key = `${code}|${year}`;
    if (memo.has(key)) return memo.get(key) ?? null;
    let result: Population | null = null;
    const mine = own(code, year);
    const area = areas.get(code);
    if (mine) result = { value: mine.population, basis: 'own', year: mine.year, source: mine.source };
    else if (area && area.level !== 'lsoa' && area.lsoaCodes.length) {
      let total = 0;
      let latest = 0;
      const sources = new Set<string>();
      let complete = true;
      for (const lsoa of area.lsoaCodes) {
        const row = own(lsoa, year);
        if (!row) {
          complete = false;
          break;
        }
        total += row.population;
        latest = Math.max(latest, row.year);
        sources.add(row.source);
      }
      if (complete) result = { value: total, basis: 'lsoas', year: latest, source: [...sources].join('; ') };
    }
    memo.set(key, result);
    return result;
  }
  function populationGap(code: string, year: number): string {
    const area = areas.get(code);
    if (!area || area.level === 'lsoa') return `no population for ${year} or an earlier year is loaded`;
    if (!area.lsoaCodes.length) return `no population for ${year} or an earlier year is loaded for the area itself, and none of its LSOAs are loaded`;
    const missing = area.lsoaCodes.filter((l) => !own(l, year)).length;
    return `no population for ${year} or an earlier year is loaded for the area itself, and ${missing} of its ${area.lsoaCodes.length} LSOAs have none`;
  }
  const children = new Map<string, Area[]>();
  for (const area of areas.values()) {
    if (!area.parentCode) continue;
    const list = children.get(area.parentCode) ?? [];
    list.push(area);
    children.set(area.parentCode, list);
  }
  return {
    force,
    areas,
    csps,
    las,
    lsoas,
    lsoaSet: new Set(lsoas.map((l) => l.code)),
    childrenOf(code, level) {
      const area = areas.get(code);
      if (!area) return [];
      if (level === 'lsoa') return area.lsoaCodes.filter((c) => c !== code).map((c) => areas.get(c)).filter((a): a is Area => Boolean(a));
      if (level === 'la') return area.level === 'la' ? [] : las.filter((la) => (area.level === 'force' ? true : la.cspCode === area.code));
      if (level === 'csp') return area.level === 'force' ? csps : [];
      return [];
    },
    ancestorsOf(area) {
      const out: Area[] = [];
      let cursor = area.parentCode ? areas.get(area.parentCode) : undefined;
      for (let steps = 0; cursor && steps < 5; steps++) {
        out.unshift(cursor);
        cursor = cursor.parentCode ? areas.get(cursor.parentCode) : undefined;
      }
      return out;
    },
    population,
    populationGap,
  };
}

/** Places at a level under (or equal to) an area. */
export function areasAt(geo: Geography, base: Area, level: Level): Area[] {
  if (level === base.level) return [base];
  return geo.childrenOf(base.code, level);
}

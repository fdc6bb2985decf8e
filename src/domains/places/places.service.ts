import { and, asc, desc, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db, type DbOrTx } from '../../platform/db/database.ts';
import { createPlaceImportService } from './place-imports.ts';
import { placeBoundaries, placeImports, places, type PlaceType } from './places.tables.ts';

export interface Place {
  code: string;
  name: string;
  type: PlaceType;
  parentCode: string | null;
}

/**
 * A place's population for a year: its own figure for the latest year up to that year ('own'), or
 * else the sum over its LSOA descendants of each one's latest figure up to that year ('lsoa-sum').
 */
export interface PopulationOf {
  code: string;
  /** The year asked about. */
  year: number;
  population: number;
  basis: 'own' | 'lsoa-sum';
  /** The year of the figure used (for a sum, the latest of the LSOAs' years). */
  dataYear: number;
  /** Where the figure comes from; for a sum, "sum of N LSOAs: <their sources>". */
  source: string;
  /** For a sum: the LSOAs summed, and those under the place with no figure up to that year (left out). */
  lsoaCount: number | null;
  lsoasWithoutPopulation: number | null;
}

export interface LsoaSum {
  code: string;
  lsoas: number;
  withPopulation: number;
  population: number;
  minYear: number | null;
  maxYear: number | null;
  sources: string;
}

const list = (codes: readonly string[]): SQL => sql.join(codes.map((c) => sql`${c}`), sql`, `);
/** Deepest chain: force area → CSP → local authority → (ward) → LSOA; the limit also stops a cycle. */
const maxDepth = 6;

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Each place's LSOA descendants (through the parent chain) and the sum of their latest populations up to `year`. */
export async function lsoaSums(db: DbOrTx, codes: readonly string[], year: number): Promise<Map<string, LsoaSum>> {
  const out = new Map<string, LsoaSum>();
  for (const batch of chunked([...new Set(codes)], 1000)) {
    const rows = await queryRows<{ root: string; lsoas: number; with_population: number; population: number | string; min_year: number | null; max_year: number | null; sources: string | null }>(
      db,
      sql`with recursive tree(root, code, type, depth) as (
            select p.code, p.code, p.type, 0 from places p where p.code in (${list(batch)})
            union all
            select t.root, c.code, c.type, t.depth + 1 from places c join tree t on c.parent_code = t.code where t.depth < ${maxDepth}
          ),
          latest as (
            select distinct on (t.root, t.code) t.root, t.code, pp.year, pp.population, pp.source
            from tree t left join place_populations pp on pp.place_code = t.code and pp.year <= ${year}
            where t.type = 'lsoa' and t.depth > 0
            order by t.root, t.code, pp.year desc nulls last
          )
          select root, count(*)::int as lsoas, count(population)::int as with_population, coalesce(sum(population), 0)::int as population,
                 min(year)::int as min_year, max(year)::int as max_year, string_agg(distinct source, '; ' order by source) as sources
          from latest group by root`,
    );
    for (const r of rows) {
      out.set(r.root, { code: r.root, lsoas: r.lsoas, withPopulation: r.with_population, population: Number(r.population), minYear: r.min_year, maxYear: r.max_year, sources: r.sources ?? '' });
    }
  }
  return out;
}

/** populationOf for many places at once (the reference implementation of the rule). */
export async function populationsOf(db: DbOrTx, codes: readonly string[], year: number): Promise<Map<string, PopulationOf>> {
  const out = new Map<string, PopulationOf>();
  const unique = [...new Set(codes)];
  for (const batch of chunked(unique, 1000)) {
    const own = await queryRows<{ place_code: string; year: number; population: number; source: string }>(
      db,
      sql`select distinct on (place_code) place_code, year, population, source from place_populations
          where place_code in (${list(batch)}) and year <= ${year} order by place_code, year desc`,
    );
    for (const r of own) {
      out.set(r.place_code, { code: r.place_code, year, population: r.population, basis: 'own', dataYear: r.year, source: r.source, lsoaCount: null, lsoasWithoutPopulation: null });
    }
  }
  const rest = unique.filter((c) => !out.has(c));
  if (rest.length) {
    for (const sum of (await lsoaSums(db, rest, year)).values()) {
      if (!sum.withPopulation || sum.maxYear === null) continue;
      out.set(sum.code, {
        code: sum.code,
        year,
        population: sum.population,
        basis: 'lsoa-sum',
        dataYear: sum.maxYear,
        source: `sum of ${sum.withPopulation.toLocaleString('en-GB')} LSOA${sum.withPopulation === 1 ? '' : 's'}: ${sum.sources}`,
        lsoaCount: sum.withPopulation,
        lsoasWithoutPopulation: sum.lsoas - sum.withPopulation,
      });
    }
  }
  return out;
}

export function createPlacesService(db: Db, hooks: { onChange: () => void } = { onChange: () => {} }) {
  return {
    async list() {
      return db.select().from(places).orderBy(asc(places.type), asc(places.name));
    },

    /** A place's population for a year (see PopulationOf), or null when neither it nor its LSOAs have one. */
    async populationOf(code: string, year: number): Promise<PopulationOf | null> {
      return (await populationsOf(db, [code], year)).get(code) ?? null;
    },

    /** populationOf for many places: places with no figure are absent from the map. */
    async populations(codes: readonly string[], year: number): Promise<Map<string, PopulationOf>> {
      return populationsOf(db, codes, year);
    },

    /** The force area and every place under it through the parent chain, by type. */
    async placesInForceArea(forceCode: string) {
      const rows = await queryRows<{ code: string; name: string; type: PlaceType; parent_code: string | null }>(
        db,
        sql`with recursive tree(code, depth) as (
              select code, 0 from places where code = ${forceCode}
              union all
              select c.code, t.depth + 1 from places c join tree t on c.parent_code = t.code where t.depth < ${maxDepth}
            )
            select p.code, p.name, p.type, p.parent_code from tree t join places p on p.code = t.code order by p.name, p.code`,
      );
      const all: Place[] = rows.map((r) => ({ code: r.code, name: r.name, type: r.type, parentCode: r.parent_code }));
      const of = (type: PlaceType) => all.filter((p) => p.type === type);
      return { forceArea: all.find((p) => p.code === forceCode) ?? null, csps: of('csp'), localAuthorities: of('local_authority'), wards: of('ward'), lsoas: of('lsoa') };
    },

    /** The current boundary of each place that has one. */
    async currentBoundaries(codes: readonly string[]) {
      const out = new Map<string, { code: string; polygons: [number, number][][][]; source: string; importedAt: Date }>();
      for (const batch of chunked([...new Set(codes)], 1000)) {
        const rows = await db
          .select({ code: placeBoundaries.placeCode, polygons: placeBoundaries.polygons, source: placeBoundaries.source, importedAt: placeBoundaries.importedAt })
          .from(placeBoundaries)
          .where(and(inArray(placeBoundaries.placeCode, batch), isNull(placeBoundaries.supersededAt)));
        for (const r of rows) out.set(r.code, r);
      }
      return out;
    },

    async countsByType(): Promise<Record<PlaceType, number>> {
      const rows = await queryRows<{ type: PlaceType; n: number }>(db, sql`select type, count(*)::int as n from places group by type`);
      const counts: Record<PlaceType, number> = { force_area: 0, csp: 0, local_authority: 0, ward: 0, lsoa: 0 };
      for (const r of rows) counts[r.type] = r.n;
      return counts;
    },

    async lsoaSums(codes: readonly string[], year: number) {
      return lsoaSums(db, codes, year);
    },

    async imports(limit = 50) {
      return db.select().from(placeImports).orderBy(desc(placeImports.importedAt), desc(placeImports.id)).limit(limit);
    },

    ...createPlaceImportService(db, hooks),
  };
}

export type PlacesService = ReturnType<typeof createPlacesService>;

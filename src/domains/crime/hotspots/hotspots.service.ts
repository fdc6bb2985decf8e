/**
 * Hotspot analysis over the imported police.uk street crimes, and the hotspot register.
 *
 * Decisions:
 * - Points: street crimes of current files only, with a location, and not flagged as outside the
 *   force area at import (the 1,089 Amber Valley, Cardiff… rows would otherwise stretch the grid
 *   across England). Only easting and northing are read (per file and crime type, filtered in SQL)
 *   and kept in memory per file, since a file's rows never change.
 * - Crime types: by default every type except anti-social behaviour (an incident, not a crime, with
 *   many exact repeats at one snapped point); the user may tick it.
 * - Study area: the cells whose centre is inside the force area's current boundary when one is
 *   loaded, else every cell of the points' bounding box (said on the page). Points outside the
 *   study area are counted and reported as left out.
 * - A register holds the top N cells (default 20) that are hot at 95% or more: bin ≥ +2, or FDR bin
 *   ≥ +2 when FDR is on; highest z first. Saving makes it the current register; earlier registers
 *   stay (current = false) with their patrols.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/audit/audit.service.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { changeRunner } from '../../../platform/db/changes.ts';
import type { Db, DbOrTx } from '../../../platform/db/database.ts';
import { queryRows } from '../../../platform/db/database.ts';
import { ValidationError, type FieldError } from '../../../platform/http/errors.ts';
import { placeBoundaries, places } from '../../places/places.tables.ts';
import { hotspotRegisters, hotspots, policeUkFiles, streetCrimes } from '../crime.tables.ts';
import { cellCorners, cellPolygonWkt, giStar, gridCounts, topHotspots, type Bin, type GiStarCell, type GiStarResult } from './gi-star.ts';
import { cellsInside, extentOf, projectPolygons, type BngPolygons, type Extent } from './study-area.ts';

export const ANTI_SOCIAL_BEHAVIOUR = 'Anti-social behaviour';
export const DEFAULT_TOP = 20;
export const MAX_TOP = 99;
export const MIN_CELL = 50;
export const MAX_CELL = 2000;
/** The bin a cell must reach (uncorrected, or FDR-corrected when FDR is on) to be saved in a register. */
export const REGISTER_MIN_BIN = 2;

export interface HotspotParams {
  /** Crime types, sorted; never empty once resolved. */
  crimeTypes: string[];
  from: string; // YYYY-MM
  to: string; // YYYY-MM
  cellSize: number;
  fdr: boolean;
  top: number;
}

export interface RawHotspotParams {
  types?: string | string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  cell?: string | undefined;
  fdr?: string | undefined;
  top?: string | undefined;
}

export interface Boundary {
  code: string;
  name: string;
  type: string;
  polygons: BngPolygons;
}

export interface HotspotRow extends GiStarCell {
  rank: number;
  /** FDR bin when FDR is on, else the uncorrected bin: the one the register uses. */
  effectiveBin: Bin;
  polygon: [number, number][];
  wkt: string;
  centre: { easting: number; northing: number };
}

export interface HotspotAnalysis {
  params: HotspotParams;
  points: number;
  pointsOutsideStudyArea: number;
  studyArea: { kind: 'force-area'; code: string; name: string } | { kind: 'bounding-box' } | { kind: 'none' };
  cells: number;
  result: GiStarResult;
  top: HotspotRow[];
  binCounts: Record<string, number>;
  fdrBinCounts: Record<string, number> | null;
  extent: Extent | null;
  localAuthorities: Boundary[];
  forceArea: Boundary | null;
  timings: { readMs: number; computeMs: number };
}

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

function firstString(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function shortType(t: string) {
  return t.trim().toLowerCase();
}

/** Resolves and checks the analysis parameters; errors name the field (types, from, to, cell, fdr, top). */
export function resolveParams(raw: RawHotspotParams, context: { crimeTypes: readonly string[]; months: { first: string; last: string } | null }): HotspotParams {
  const errors: FieldError[] = [];
  const known = new Map(context.crimeTypes.map((t) => [shortType(t), t]));
  let crimeTypes: string[];
  const rawTypes = Array.isArray(raw.types) ? raw.types : raw.types === undefined || raw.types.trim() === '' ? [] : raw.types.split(',');
  const asked = rawTypes.map((t) => t.trim()).filter(Boolean);
  if (asked.length === 0) crimeTypes = context.crimeTypes.filter((t) => t !== ANTI_SOCIAL_BEHAVIOUR);
  else {
    crimeTypes = [];
    for (const t of asked) {
      const found = known.get(shortType(t));
      if (found) crimeTypes.push(found);
      else errors.push({ field: 'types', text: `"${t}" is not a crime type in the data. Crime types: ${context.crimeTypes.join(', ') || 'none yet'}` });
    }
  }
  crimeTypes = [...new Set(crimeTypes)].sort();

  const last = context.months?.last ?? null;
  const defaultTo = last ?? '2000-01';
  const to = (firstString(raw.to) ?? '').trim() || defaultTo;
  let from = (firstString(raw.from) ?? '').trim();
  if (!monthPattern.test(to)) errors.push({ field: 'to', text: `The last month must be a month like 2023-12, not "${to}"` });
  if (!from) {
    // Default: the twelve months to `to`.
    const m = monthPattern.exec(to);
    if (m) {
      const total = Number(m[1]) * 12 + Number(m[2]) - 1 - 11;
      from = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
      if (context.months && from < context.months.first) from = context.months.first;
    } else from = to;
  }
  if (!monthPattern.test(from)) errors.push({ field: 'from', text: `The first month must be a month like 2023-01, not "${from}"` });
  else if (monthPattern.test(to) && from > to) errors.push({ field: 'from', text: `The first month (${from}) must not be after the last month (${to})` });

  const cellText = (firstString(raw.cell) ?? '').trim();
  const cellSize = cellText === '' ? 250 : Number(cellText);
  if (!Number.isInteger(cellSize) || cellSize < MIN_CELL || cellSize > MAX_CELL) errors.push({ field: 'cell', text: `The cell size must be a whole number of metres from ${MIN_CELL} to ${MAX_CELL}, not "${cellText}"` });

  const fdrText = (firstString(raw.fdr) ?? '').trim().toLowerCase();
  let fdr = false;
  if (['on', 'true', '1', 'yes'].includes(fdrText)) fdr = true;
  else if (!['', 'off', 'false', '0', 'no'].includes(fdrText)) errors.push({ field: 'fdr', text: `FDR correction must be on or off, not "${fdrText}"` });

  const topText = (firstString(raw.top) ?? '').trim();
  const top = topText === '' ? DEFAULT_TOP : Number(topText);
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) errors.push({ field: 'top', text: `The number of hotspots must be a whole number from 1 to ${MAX_TOP}, not "${topText}"` });

  if (errors.length) throw new ValidationError(errors);
  return { crimeTypes, from, to, cellSize, fdr, top };
}

const monthStart = (month: string) => `${month}-01`;
const countBins = (cells: GiStarCell[], pick: (c: GiStarCell) => Bin | null) => {
  const counts: Record<string, number> = { '3': 0, '2': 0, '1': 0, '0': 0, '-1': 0, '-2': 0, '-3': 0 };
  for (const c of cells) {
    const b = pick(c);
    if (b !== null) counts[String(b)] = (counts[String(b)] ?? 0) + 1;
  }
  return counts;
};

/** The force area to analyse: the current plan's force area if it is a loaded place, else the first by code (as the crime analysis pages choose it). */
export const forceAreaQuery = sql`select p.code, p.name from places p where p.type = 'force_area'
  order by (p.code = (select force_area_code from plans where is_current order by id limit 1)) desc nulls last, p.code limit 1`;

export function hotspotId(index: number): string {
  return `H${String(index + 1).padStart(2, '0')}`;
}

export function createHotspotsService(db: Db, hooks: { onChange: () => void } = { onChange: () => {} }) {
  const change = changeRunner(db, hooks.onChange);
  // Projected boundaries, kept while the same boundary rows are current.
  let boundaryCache: { key: string; forceArea: Boundary | null; localAuthorities: Boundary[] } | null = null;

  /** Crime types with a located crime in a current street file, and the months those files cover. */
  async function context(): Promise<{ crimeTypes: string[]; months: { first: string; last: string } | null }> {
    const files = await loadPoints();
    const types = new Set<string>();
    for (const f of files) for (const t of pointCache.get(f.id)?.byType.keys() ?? []) types.add(t);
    const months = files.map((f) => f.month).sort();
    return { crimeTypes: [...types].sort(), months: months.length ? { first: months[0] as string, last: months.at(-1) as string } : null };
  }

  /** The force area (the one force_area place with a current boundary) and its local authorities' boundaries, projected. */
  async function boundaries(): Promise<{ forceArea: Boundary | null; localAuthorities: Boundary[] }> {
    const ids = await db
      .select({ id: placeBoundaries.id, code: places.code, type: places.type, parentCode: places.parentCode })
      .from(placeBoundaries)
      .innerJoin(places, eq(places.code, placeBoundaries.placeCode))
      .where(and(isNull(placeBoundaries.supersededAt), inArray(places.type, ['force_area', 'local_authority'])))
      .orderBy(asc(places.code));
    const [chosen] = await queryRows<{ code: string }>(db, forceAreaQuery);
    const key = `${chosen?.code ?? ''}:${ids.map((r) => r.id).join(',')}`;
    if (boundaryCache && boundaryCache.key === key) return boundaryCache;
    const force = ids.find((r) => r.type === 'force_area' && r.code === chosen?.code);
    let forceArea: Boundary | null = null;
    let localAuthorities: Boundary[] = [];
    if (force) {
      const csps = await db.select({ code: places.code }).from(places).where(and(eq(places.type, 'csp'), eq(places.parentCode, force.code)));
      const parents = new Set([force.code, ...csps.map((c) => c.code)]);
      const wanted = ids.filter((r) => r.id && (r.code === force.code || (r.type === 'local_authority' && r.parentCode !== null && parents.has(r.parentCode))));
      const rows = await db
        .select({ code: places.code, name: places.name, type: places.type, polygons: placeBoundaries.polygons })
        .from(placeBoundaries)
        .innerJoin(places, eq(places.code, placeBoundaries.placeCode))
        .where(and(isNull(placeBoundaries.supersededAt), inArray(placeBoundaries.id, wanted.map((r) => r.id))))
        .orderBy(asc(places.name));
      const projected = rows.map((r) => ({ code: r.code, name: r.name, type: r.type, polygons: projectPolygons(r.polygons) }));
      forceArea = projected.find((b) => b.code === force.code) ?? null;
      localAuthorities = projected.filter((b) => b.code !== force.code);
    }
    boundaryCache = { key, forceArea, localAuthorities };
    return boundaryCache;
  }

  /**
   * Points of current street files, kept in memory per file: a file's rows never change (a
   * re-imported month is a new file), so each file is read once per process, as easting and
   * northing arrays per crime type (only rows with a location and not outside the force area).
   * Each request checks the list of current files (one small query) and reads only new ones.
   */
  const pointCache = new Map<number, { month: string; byType: Map<string, { e: number[]; n: number[] }> }>();

  async function currentStreetFiles(): Promise<{ id: number; month: string }[]> {
    return db.select({ id: policeUkFiles.id, month: policeUkFiles.month }).from(policeUkFiles).where(and(eq(policeUkFiles.kind, 'street'), isNull(policeUkFiles.supersededAt)));
  }

  /** Makes sure every current street file's points are in memory; returns the current files. */
  async function loadPoints(): Promise<{ id: number; month: string }[]> {
    const files = await currentStreetFiles();
    const current = new Set(files.map((f) => f.id));
    for (const id of pointCache.keys()) if (!current.has(id)) pointCache.delete(id);
    const missing = files.filter((f) => !pointCache.has(f.id));
    for (let i = 0; i < missing.length; i += 50) {
      const batch = missing.slice(i, i + 50);
      for (const f of batch) pointCache.set(f.id, { month: f.month, byType: new Map() });
      const rows = await queryRows<{ file_id: number; crime_type: string; e: number[]; n: number[] }>(
        db,
        sql`select file_id, crime_type, array_agg(easting order by line) as e, array_agg(northing order by line) as n
            from ${streetCrimes}
            where file_id in (${sql.join(batch.map((f) => sql`${f.id}`), sql`, `)}) and easting is not null and northing is not null and not outside_force_area
            group by file_id, crime_type`,
      );
      for (const r of rows) pointCache.get(Number(r.file_id))?.byType.set(r.crime_type, { e: r.e.map(Number), n: r.n.map(Number) });
    }
    return files;
  }

  async function readPoints(params: HotspotParams): Promise<{ easting: number; northing: number }[]> {
    const files = await loadPoints();
    const types = new Set(params.crimeTypes);
    const out: { easting: number; northing: number }[] = [];
    for (const f of files) {
      if (f.month < params.from || f.month > params.to) continue;
      for (const [type, pts] of pointCache.get(f.id)?.byType ?? []) {
        if (!types.has(type)) continue;
        for (let k = 0; k < pts.e.length; k++) out.push({ easting: pts.e[k] as number, northing: pts.n[k] as number });
      }
    }
    return out;
  }

  /** Gi* over the study area for these parameters. */
  async function analyse(params: HotspotParams): Promise<HotspotAnalysis> {
    const t0 = performance.now();
    const [points, bounds] = await Promise.all([readPoints(params), boundaries()]);
    const t1 = performance.now();
    const grid = { cellSize: params.cellSize, origin: { easting: 0, northing: 0 } };
    let counts;
    let studyArea: HotspotAnalysis['studyArea'];
    let extent: Extent | null;
    if (bounds.forceArea) {
      const area = cellsInside(bounds.forceArea.polygons, grid);
      counts = gridCounts(points, grid.cellSize, grid.origin, { studyArea: area });
      studyArea = { kind: 'force-area', code: bounds.forceArea.code, name: bounds.forceArea.name };
      extent = extentOf(bounds.forceArea.polygons);
    } else if (points.length) {
      counts = gridCounts(points, grid.cellSize, grid.origin);
      studyArea = { kind: 'bounding-box' };
      extent = counts.cells.length ? cellExtent(counts.cells, params.cellSize) : null;
    } else {
      counts = { cellSize: grid.cellSize, origin: grid.origin, cells: [], dropped: 0 };
      studyArea = { kind: 'none' };
      extent = null;
    }
    const result = giStar(counts.cells, { cellSize: grid.cellSize, origin: grid.origin, fdr: params.fdr });
    const top = topHotspots(result, params.top).map((c, i) => toRow(c, i, params, grid));
    const t2 = performance.now();
    return {
      params,
      points: points.length,
      pointsOutsideStudyArea: counts.dropped,
      studyArea,
      cells: result.n,
      result,
      top,
      binCounts: countBins(result.cells, (c) => c.bin),
      fdrBinCounts: params.fdr ? countBins(result.cells, (c) => c.fdrBin) : null,
      extent,
      localAuthorities: bounds.localAuthorities,
      forceArea: bounds.forceArea,
      timings: { readMs: t1 - t0, computeMs: t2 - t1 },
    };
  }

  function toRow(c: GiStarCell, i: number, params: HotspotParams, grid: { cellSize: number; origin: { easting: number; northing: number } }): HotspotRow {
    const corners = cellCorners(c, grid);
    return {
      ...c,
      rank: i + 1,
      effectiveBin: params.fdr ? (c.fdrBin ?? 0) : c.bin,
      polygon: [...corners, corners[0]].map(([e, n]) => [e, n] as [number, number]),
      wkt: cellPolygonWkt(c, grid),
      centre: { easting: corners[0][0] + params.cellSize / 2, northing: corners[0][1] + params.cellSize / 2 },
    };
  }

  /** The cells a register would hold: hot at 95% or more (FDR-corrected when FDR is on), highest z first, at most `top`. */
  function registerCandidates(analysis: HotspotAnalysis): HotspotRow[] {
    const grid = { cellSize: analysis.params.cellSize, origin: analysis.result.origin };
    const hot = analysis.result.cells.filter((c) => (analysis.params.fdr ? (c.fdrBin ?? 0) : c.bin) >= REGISTER_MIN_BIN);
    const sorted = topHotspots({ ...analysis.result, cells: hot }, analysis.params.top);
    return sorted.map((c, i) => toRow(c, i, analysis.params, grid));
  }

  return {
    context,
    boundaries,
    analyse,
    registerCandidates,

    async saveRegister(actor: Actor, params: HotspotParams, name: string) {
      const trimmed = name.trim() || `Hotspots ${params.from} to ${params.to}`;
      const analysis = await analyse(params);
      const cells = registerCandidates(analysis);
      if (cells.length === 0) {
        throw new ValidationError([{ field: 'top', text: `No cell is a hot spot at 95% confidence or more${params.fdr ? ' after FDR correction' : ''} for these choices, so there is nothing to save` }]);
      }
      return change(async (tx) => {
        const [previous] = await tx.select().from(hotspotRegisters).where(eq(hotspotRegisters.current, true));
        if (previous) await tx.update(hotspotRegisters).set({ current: false }).where(eq(hotspotRegisters.id, previous.id));
        const [register] = await tx
          .insert(hotspotRegisters)
          .values({ name: trimmed.slice(0, 200), crimeTypes: params.crimeTypes, fromMonth: params.from, toMonth: params.to, cellSize: params.cellSize, fdr: params.fdr, current: true, createdByLabel: actor.label })
          .returning();
        if (!register) throw new Error('insert returned no row');
        await tx.insert(hotspots).values(
          cells.map((c, i) => ({ registerId: register.id, hotspotId: hotspotId(i), col: c.col, row: c.row, polygon: c.polygon, wkt: c.wkt, crimes: c.count, z: c.z, p: c.p, bin: c.effectiveBin })),
        );
        await recordAudit(tx, actor, {
          action: 'create',
          entityType: 'hotspot-register',
          entityId: register.id,
          summary: `Saved hotspot register "${register.name}" (${cells.length} hotspots, ${params.from} to ${params.to}, ${params.cellSize} m cells${params.fdr ? ', FDR' : ''}) as the current register${previous ? `; register ${previous.id} "${previous.name}" is kept, no longer current` : ''}`,
          changes: { current: { from: previous?.id ?? null, to: register.id } },
        });
        return { register, hotspots: cells.length, previous: previous ?? null };
      });
    },

    async listRegisters() {
      const rows = await queryRows<{ id: number; hotspots: string | number }>(db, sql`select register_id as id, count(*) as hotspots from ${hotspots} group by register_id`);
      const countById = new Map(rows.map((r) => [Number(r.id), Number(r.hotspots)]));
      const registers = await db.select().from(hotspotRegisters).orderBy(desc(hotspotRegisters.createdAt), desc(hotspotRegisters.id));
      return registers.map((r) => ({ ...r, hotspots: countById.get(r.id) ?? 0 }));
    },

    async register(id: number, executor: DbOrTx = db) {
      const [register] = await executor.select().from(hotspotRegisters).where(eq(hotspotRegisters.id, id));
      if (!register) return null;
      const cells = await executor.select().from(hotspots).where(eq(hotspots.registerId, id)).orderBy(asc(hotspots.hotspotId));
      return { register, hotspots: cells };
    },

    async currentRegister(executor: DbOrTx = db) {
      const [register] = await executor.select().from(hotspotRegisters).where(eq(hotspotRegisters.current, true));
      if (!register) return null;
      const cells = await executor.select().from(hotspots).where(eq(hotspots.registerId, register.id)).orderBy(asc(hotspots.hotspotId));
      return { register, hotspots: cells };
    },
  };
}

function cellExtent(cells: { col: number; row: number }[], s: number): Extent {
  let minC = Infinity;
  let maxC = -Infinity;
  let minR = Infinity;
  let maxR = -Infinity;
  for (const c of cells) {
    if (c.col < minC) minC = c.col;
    if (c.col > maxC) maxC = c.col;
    if (c.row < minR) minR = c.row;
    if (c.row > maxR) maxR = c.row;
  }
  return { minE: minC * s, minN: minR * s, maxE: (maxC + 1) * s, maxN: (maxR + 1) * s };
}

export type HotspotsService = ReturnType<typeof createHotspotsService>;
export type HotspotRegister = NonNullable<Awaited<ReturnType<HotspotsService['currentRegister']>>>;

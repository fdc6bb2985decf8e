// Hotspot pages (staff) and API (public). The staff page is a GET form: the analysis runs on every
// request (nothing is stored until an editor saves a register). The API is stateless and cached
// until any change (an import, a saved register) empties the cache.
import type { Request, Response } from 'express';
import { actorOf } from '../../../platform/auth/actor.ts';
import { readCookie } from '../../../platform/http/cookies.ts';
import { toCsv } from '../../../platform/http/csv.ts';
import { HttpError, NotFoundError, ValidationError } from '../../../platform/http/errors.ts';
import type { Renderer } from '../../../platform/http/render.ts';
import type { RouteDef } from '../../../platform/http/routes.ts';
import type { Services } from '../../../services.ts';
import { binOrder, binStyles, renderHotspotMap, renderSwatch } from './hotspot-map.ts';
import { ANTI_SOCIAL_BEHAVIOUR, DEFAULT_TOP, MAX_CELL, MAX_TOP, MIN_CELL, REGISTER_MIN_BIN, resolveParams, type HotspotAnalysis, type HotspotParams, type RawHotspotParams } from './hotspots.service.ts';

const view = (name: string) => `domains/crime/hotspots/views/${name}.njk`;
const flashCookie = 'sp_flash';

function registerId(req: Request): number {
  const id = Number(req.params.id);
  if (!Number.isInteger(id) || id <= 0) throw new NotFoundError();
  return id;
}

const formatMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, 1)).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
};

/** Every month from first to last (YYYY-MM). */
function monthList(range: { first: string; last: string } | null): string[] {
  if (!range) return [];
  const out: string[] = [];
  let [y, m] = range.first.split('-').map(Number) as [number, number];
  const [ly, lm] = range.last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** The query string of the analysis, to link back to it. */
function paramsQuery(p: HotspotParams): string {
  const q = new URLSearchParams();
  for (const t of p.crimeTypes) q.append('types', t);
  q.set('from', p.from);
  q.set('to', p.to);
  q.set('cell', String(p.cellSize));
  q.set('fdr', p.fdr ? 'on' : 'off');
  q.set('top', String(p.top));
  return q.toString();
}

/** The JSON the API gives for an analysis (also what the staff page's "as JSON" link shows). */
export function analysisJson(a: HotspotAnalysis) {
  return {
    parameters: { crimeTypes: a.params.crimeTypes, from: a.params.from, to: a.params.to, cellSize: a.params.cellSize, fdr: a.params.fdr, top: a.params.top, neighbourhood: 'queen (the cell and its 8 neighbours)', crs: 'EPSG:27700' },
    studyArea: a.studyArea,
    points: a.points,
    pointsOutsideStudyArea: a.pointsOutsideStudyArea,
    cellsCounted: a.cells,
    mean: a.result.mean,
    standardDeviation: a.result.sd,
    noVariation: a.result.noVariation,
    fdrCutoffs: a.result.fdrCutoffs,
    binCounts: a.binCounts,
    fdrBinCounts: a.fdrBinCounts,
    hotspots: a.top.map((c) => ({ rank: c.rank, col: c.col, row: c.row, crimes: c.count, neighbourhoodCrimes: c.neighbourSum, z: c.z, p: c.p, bin: c.bin, fdrBin: c.fdrBin, centre: c.centre, polygon: c.polygon, wkt: c.wkt })),
  };
}

function registerJson(saved: NonNullable<Awaited<ReturnType<Services['hotspots']['register']>>>) {
  const r = saved.register;
  return {
    id: r.id,
    name: r.name,
    current: r.current,
    crimeTypes: r.crimeTypes,
    from: r.fromMonth,
    to: r.toMonth,
    cellSize: r.cellSize,
    fdr: r.fdr,
    createdAt: r.createdAt,
    crs: 'EPSG:27700',
    hotspots: saved.hotspots.map((h) => ({ id: h.hotspotId, col: h.col, row: h.row, crimes: h.crimes, z: h.z, p: h.p, bin: h.bin, polygon: h.polygon, wkt: h.wkt })),
  };
}

/** GeoJSON of a register in British National Grid metres, named by the (pre-RFC 7946) crs member as GIS software reads it. */
function registerGeoJson(saved: NonNullable<Awaited<ReturnType<Services['hotspots']['register']>>>) {
  return {
    type: 'FeatureCollection',
    name: saved.register.name,
    crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::27700' } },
    features: saved.hotspots.map((h) => ({
      type: 'Feature',
      id: h.hotspotId,
      properties: { hotspot_id: h.hotspotId, register_id: saved.register.id, crimes: h.crimes, z: h.z, p: h.p, bin: h.bin },
      geometry: { type: 'Polygon', coordinates: [h.polygon] },
    })),
  };
}

export function hotspotStaffRoutes(services: Services, renderer: Renderer): RouteDef[] {
  const service = services.hotspots;

  async function page(req: Request, res: Response, template: string, context: Record<string, unknown>, status = 200) {
    const message = readCookie(req, flashCookie);
    if (message) res.clearCookie(flashCookie, { path: '/staff' });
    const canEdit = req.user?.role === 'editor' || req.user?.role === 'admin';
    await renderer.page(req, res, view(template), { flash: message, canEdit, ...context }, status);
  }

  async function showAnalysis(req: Request, res: Response, raw: RawHotspotParams, extra: Record<string, unknown> = {}, status = 200) {
    const context = await service.context();
    let params: HotspotParams | null = null;
    let errors: { field: string; text: string }[] = [];
    try {
      params = resolveParams(raw, context);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors = error.errors;
    }
    const started = performance.now();
    const analysis = params && context.months ? await service.analyse(params) : null;
    const elapsedMs = performance.now() - started;
    const selected = params?.crimeTypes ?? context.crimeTypes.filter((t) => t !== ANTI_SOCIAL_BEHAVIOUR);
    const fdrOn = params?.fdr ?? false;
    const cellsToDraw = analysis ? analysis.result.cells.filter((c) => (fdrOn ? (c.fdrBin ?? 0) : c.bin) !== 0).map((c) => ({ col: c.col, row: c.row, bin: fdrOn ? (c.fdrBin ?? 0) : c.bin })) : [];
    const map =
      analysis && analysis.extent
        ? renderHotspotMap({
            id: 'hotspot-map',
            title: `Hot and cold spots of ${params?.crimeTypes.length === context.crimeTypes.length ? 'all crime types' : (params?.crimeTypes.join(', ') ?? '')}, ${formatMonth(params?.from ?? '')} to ${formatMonth(params?.to ?? '')}`,
            description: `Map of ${analysis.cells.toLocaleString('en-GB')} cells of ${params?.cellSize} metres, north at the top. ${cellsToDraw.length.toLocaleString('en-GB')} cells are hot or cold spots at 90% confidence or more${fdrOn ? ' after FDR correction' : ''}, drawn with a pattern per confidence level; the ${analysis.top.length} hottest cells are outlined and numbered by rank as in the table below (a number is left out where it would cover a higher-ranked one).${analysis.localAuthorities.length ? ` Local authority boundaries are outlined: ${analysis.localAuthorities.map((b) => b.name).join(', ')}.` : ' No local authority boundaries are loaded, so none are drawn.'}`,
            cellSize: analysis.params.cellSize,
            origin: analysis.result.origin,
            cells: cellsToDraw,
            markers: analysis.top.map((c) => ({ col: c.col, row: c.row, label: String(c.rank) })),
            outlines: analysis.localAuthorities.length ? analysis.localAuthorities.map((b) => ({ name: b.name, polygons: b.polygons })) : analysis.forceArea ? [{ name: analysis.forceArea.name, polygons: analysis.forceArea.polygons }] : [],
            extent: analysis.extent,
          })
        : null;
    const binCounts = analysis ? (fdrOn ? analysis.fdrBinCounts : analysis.binCounts) : null;
    const key = binOrder.map((b) => ({ bin: b, ...binStyles[b], swatch: renderSwatch(`key-${b < 0 ? 'm' : 'p'}${Math.abs(b)}`, b), cells: binCounts?.[String(b)] ?? 0 }));
    const candidates = analysis ? service.registerCandidates(analysis) : [];
    await page(
      req,
      res,
      'hotspots',
      {
        pageTitle: 'Crime hotspots',
        breadcrumbs: [{ text: 'Staff area', href: '/staff' }],
        context,
        months: monthList(context.months).map((m) => ({ value: m, text: formatMonth(m) })),
        values: { types: selected, from: params?.from ?? raw.from ?? '', to: params?.to ?? raw.to ?? '', cell: String(params?.cellSize ?? raw.cell ?? 250), fdr: fdrOn ? 'on' : 'off', top: String(params?.top ?? raw.top ?? DEFAULT_TOP) },
        fieldErrors: Object.fromEntries(errors.map((e) => [e.field, e.text])),
        errorSummary: errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
        params,
        analysis,
        map,
        key,
        candidates,
        registerMinBin: REGISTER_MIN_BIN,
        query: params ? paramsQuery(params) : '',
        elapsedMs,
        limits: { minCell: MIN_CELL, maxCell: MAX_CELL, maxTop: MAX_TOP },
        formatMonth,
        ...extra,
      },
      errors.length ? 400 : status,
    );
  }

  return [
    {
      method: 'get',
      path: '/hotspots',
      access: 'signed-in',
      summary: 'Crime hotspots: Getis-Ord Gi* per grid cell for chosen crime types, months and cell size, with a map and the top hotspots',
      handler: async (req, res) => showAnalysis(req, res, req.query as RawHotspotParams),
    },
    {
      method: 'post',
      path: '/hotspots/register',
      access: 'editor',
      summary: 'Save the top hot cells of an analysis as the current hotspot register (the previous register is kept)',
      handler: async (req, res) => {
        const body = req.body as RawHotspotParams & { name?: string };
        const context = await service.context();
        try {
          const params = resolveParams(body, context);
          const saved = await service.saveRegister(actorOf(req), params, body.name ?? '');
          res.cookie(flashCookie, `Saved register "${saved.register.name}" with ${saved.hotspots} hotspots as the current register${saved.previous ? `; "${saved.previous.name}" is kept in the list of registers` : ''}`, { httpOnly: true, sameSite: 'lax', path: '/staff', maxAge: 60_000 });
          res.redirect(303, `/staff/hotspots/registers/${saved.register.id}`);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          await showAnalysis(req, res, body, { errorSummary: error.errors.map((e) => ({ text: e.text, href: `#${e.field}` })), fieldErrors: Object.fromEntries(error.errors.map((e) => [e.field, e.text])) }, 400);
        }
      },
    },
    {
      method: 'get',
      path: '/hotspots/registers',
      access: 'signed-in',
      summary: 'Hotspot registers, the current one first',
      handler: async (req, res) => page(req, res, 'registers', { pageTitle: 'Hotspot registers', breadcrumbs: [{ text: 'Staff area', href: '/staff' }, { text: 'Crime hotspots', href: '/staff/hotspots' }], registers: await service.listRegisters(), formatMonth }),
    },
    {
      method: 'get',
      path: '/hotspots/registers/:id',
      access: 'signed-in',
      summary: 'One hotspot register: its hotspots with their polygons, and downloads',
      handler: async (req, res) => {
        const saved = await service.register(registerId(req));
        if (!saved) throw new NotFoundError('No hotspot register has that id');
        const grid = { cellSize: saved.register.cellSize, origin: { easting: 0, northing: 0 } };
        const bounds = await service.boundaries();
        const ext = saved.hotspots.reduce(
          (e, h) => ({ minE: Math.min(e.minE, h.polygon[0]?.[0] ?? Infinity), minN: Math.min(e.minN, h.polygon[0]?.[1] ?? Infinity), maxE: Math.max(e.maxE, h.polygon[2]?.[0] ?? -Infinity), maxN: Math.max(e.maxN, h.polygon[2]?.[1] ?? -Infinity) }),
          { minE: Infinity, minN: Infinity, maxE: -Infinity, maxN: -Infinity },
        );
        const pad = 2000;
        const map = saved.hotspots.length
          ? renderHotspotMap({
              id: 'register-map',
              title: `Hotspots of register "${saved.register.name}"`,
              description: `Map of the register's ${saved.hotspots.length} hotspots, ${grid.cellSize}-metre cells, north at the top, each numbered by its id without the H. ${bounds.localAuthorities.length ? 'Local authority boundaries are outlined.' : 'No boundaries are loaded.'}`,
              cellSize: grid.cellSize,
              origin: grid.origin,
              cells: saved.hotspots.map((h) => ({ col: h.col, row: h.row, bin: Math.max(-3, Math.min(3, h.bin)) as 3 })),
              markers: saved.hotspots.map((h) => ({ col: h.col, row: h.row, label: h.hotspotId.slice(1) })),
              outlines: bounds.localAuthorities.map((b) => ({ name: b.name, polygons: b.polygons })),
              extent: { minE: ext.minE - pad, minN: ext.minN - pad, maxE: ext.maxE + pad, maxN: ext.maxN + pad },
            })
          : null;
        await page(req, res, 'register', {
          pageTitle: `Hotspot register: ${saved.register.name}`,
          breadcrumbs: [{ text: 'Staff area', href: '/staff' }, { text: 'Crime hotspots', href: '/staff/hotspots' }, { text: 'Registers', href: '/staff/hotspots/registers' }],
          saved,
          map,
          formatMonth,
        });
      },
    },
    {
      method: 'get',
      path: '/hotspots/registers/:id/hotspots.csv',
      access: 'signed-in',
      summary: "A register's hotspots as CSV (British National Grid polygons as WKT)",
      handler: async (req, res) => {
        const saved = await service.register(registerId(req));
        if (!saved) throw new NotFoundError('No hotspot register has that id');
        res.setHeader('Content-Disposition', `attachment; filename="hotspot-register-${saved.register.id}.csv"`);
        res.type('text/csv').send(
          toCsv(
            ['register_id', 'hotspot_id', 'col', 'row', 'crimes', 'z', 'p', 'bin', 'wkt_epsg27700'],
            saved.hotspots.map((h) => [saved.register.id, h.hotspotId, h.col, h.row, h.crimes, h.z, h.p, h.bin, h.wkt]),
          ),
        );
      },
    },
    {
      method: 'get',
      path: '/hotspots/registers/:id/hotspots.geojson',
      access: 'signed-in',
      summary: "A register's hotspots as GeoJSON in British National Grid metres (crs EPSG:27700)",
      handler: async (req, res) => {
        const saved = await service.register(registerId(req));
        if (!saved) throw new NotFoundError('No hotspot register has that id');
        res.setHeader('Content-Disposition', `attachment; filename="hotspot-register-${saved.register.id}.geojson"`);
        res.type('application/geo+json').send(JSON.stringify(registerGeoJson(saved)));
      },
    },
  ];
}

export function hotspotApiRoutes(services: Services): RouteDef[] {
  const service = services.hotspots;
  return [
    {
      method: 'get',
      path: '/crime/hotspots',
      access: 'public',
      stateless: true,
      summary: 'Getis-Ord Gi* hotspots of police.uk street crimes for chosen crime types, months and cell size',
      handler: async (req, res) => {
        const context = await service.context();
        let params: HotspotParams;
        try {
          params = resolveParams(req.query as RawHotspotParams, context);
        } catch (error) {
          if (error instanceof ValidationError) throw new HttpError(400, error.message);
          throw error;
        }
        if (!context.months) throw new NotFoundError('No street crimes have been imported yet');
        const cached = await services.queryCache.getOrBuild(`api:crime/hotspots ${paramsQuery(params)}`, async () => ({ body: JSON.stringify(analysisJson(await service.analyse(params))), type: 'application/json' }));
        // No CSP nonce in JSON: the cached bytes are the whole body.
        res.type('application/json').send(cached ? Buffer.concat(cached.parts) : '{}');
      },
    },
    {
      method: 'get',
      path: '/crime/hotspots/register',
      access: 'public',
      stateless: true,
      summary: 'The current hotspot register: hotspot ids with their cells and polygons (EPSG:27700)',
      handler: async (_req, res) => {
        const saved = await service.currentRegister();
        if (!saved) throw new NotFoundError('No hotspot register has been saved yet');
        res.json(registerJson(saved));
      },
    },
  ];
}

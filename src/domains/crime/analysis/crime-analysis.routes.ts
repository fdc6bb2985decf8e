// Crime pages (public, aggregates only), the counts API and the staff form that feeds a measure
// from crime data. Public pages and the API are stateless and cached: the key is the path plus the
// validated query parameters (only valid values reach the cache), in a cache of their own so that
// query strings cannot push the plan's pages out; every change empties it.
import type { Request, Response } from 'express';
import type { Actor } from '../../../platform/audit/audit.service.ts';
import { toCsv } from '../../../platform/http/csv.ts';
import { HttpError, NotFoundError, ValidationError } from '../../../platform/http/errors.ts';
import type { Renderer } from '../../../platform/http/render.ts';
import type { RouteDef } from '../../../platform/http/routes.ts';
import type { Services } from '../../../services.ts';
import { noncePlaceholder, pageBytes } from '../../public-site/index.ts';
import { presentArea, presentStopSearch, monthLabel } from './crime-analysis.presenter.ts';
import { countsQuerySchema, describeIssues, pageQuerySchema, resolveFilter } from './crime-query.ts';
import { allCrime, antiSocialBehaviour, chargedOrSummonsedOutcomes, knownCrimeTypes } from './crime-types.ts';
import { describeCrimeTypes } from './crime-feeds.ts';
import { levelLabels, levelRank, type Area } from './geography.ts';

const view = (name: string) => `domains/crime/analysis/views/${name}.njk`;
const importCommand = 'npx safer import police-uk <file, folder or zip>';

/** Serves from the query cache, or builds and caches. */
async function cached(services: Services, req: Request, res: Response, key: string, build: () => Promise<{ body: string; type: string } | null>) {
  const page = await services.queryCache.getOrBuild(`${services.today()} ${req.baseUrl}${req.path}?${key}`, build);
  if (!page) throw new NotFoundError();
  const body = pageBytes(page, req.cspNonce ?? '');
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Content-Type', page.type);
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

const keyOf = (values: Record<string, string | undefined>) =>
  Object.entries(values)
    .map(([k, v]) => `${k}=${encodeURIComponent((v ?? '').toLowerCase())}`)
    .join('&');

export function crimePageRoutes(services: Services, renderer: Renderer): RouteDef[] {
  const analysis = services.crimeAnalysis;

  async function areaPage(req: Request, res: Response, code: string | null) {
    const parsed = pageQuerySchema.safeParse(req.query);
    if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error));
    const q = { from: parsed.data.from || undefined, to: parsed.data.to || undefined, type: parsed.data.type || undefined };
    await cached(services, req, res, keyOf(q), async () => {
      const [geo, months, types, coverage] = await Promise.all([analysis.geography(), analysis.months(), analysis.crimeTypes(), analysis.coverage()]);
      const area: Area | null = code ? (geo.areas.get(code) ?? null) : geo.force;
      if (code && !area) return null;
      const filter = resolveFilter(q, months, types);
      if (filter.problems.length) throw new HttpError(400, filter.problems.map((p) => p.text).join('; '));
      const base = {
        pageTitle: area ? `Crime in ${area.name}` : 'Crime',
        breadcrumbs: area ? [...geo.ancestorsOf(area).map((a) => ({ text: a.name, href: a.level === 'force' ? '/crime' : `/crime/areas/${a.code}` }))] : [],
        area,
        levelLabel: area ? levelLabels[area.level] : '',
        importCommand,
        coverage,
        hasData: months.length > 0,
      };
      if (!area || !months.length) {
        return { body: await renderer.toHtml(req, view('crime'), base, noncePlaceholder), type: 'text/html; charset=utf-8' };
      }
      const report = await analysis.areaReport(geo, area, filter.period, filter.type, months);
      const toYear = Number(filter.period.to.slice(0, 4));
      const stopSearch = area.level === 'force' ? presentStopSearch(await analysis.stopSearch(filter.period)) : null;
      const query = (extra: Record<string, string>) => {
        const params = new URLSearchParams();
        if (q.from) params.set('from', filter.period.from);
        if (q.to) params.set('to', filter.period.to);
        if (filter.type !== allCrime) params.set('type', filter.type);
        for (const [k, v] of Object.entries(extra)) params.set(k, v);
        const text = params.toString();
        return text ? `?${text}` : '';
      };
      const apiParams = new URLSearchParams({ place: area.code, from: filter.period.from, to: filter.period.to, ...(filter.type !== allCrime ? { type: filter.type } : {}) });
      return {
        body: await renderer.toHtml(
          req,
          view('crime'),
          {
            ...base,
            view: presentArea(report, { title: area.name, populationGap: geo.populationGap(area.code, toYear) }),
            stopSearch,
            filter: { from: filter.period.from, to: filter.period.to, type: filter.type },
            monthOptions: months.map((m) => ({ value: m, text: monthLabel(m) })),
            typeOptions: [{ value: allCrime, text: 'All crime (excluding anti-social behaviour)' }, ...types.map((t) => ({ value: t, text: t }))],
            periodText: `${monthLabel(filter.period.from)} to ${monthLabel(filter.period.to)}`,
            linkQuery: query({}),
            apiUrl: `/api/v1/crime/counts?${apiParams.toString()}`,
            apiCsvUrl: `/api/v1/crime/counts?${apiParams.toString()}&format=csv`,
            allCrime,
            antiSocialBehaviour,
            chargedOrSummonsedOutcomes,
          },
          noncePlaceholder,
        ),
        type: 'text/html; charset=utf-8',
      };
    });
  }

  return [
    {
      method: 'get',
      path: '/crime',
      access: 'public',
      stateless: true,
      summary: 'Crime in the force area: counts and rates by month and type, SPC judgement, charged share, areas, stop and search, data coverage',
      handler: (req, res) => areaPage(req, res, null),
    },
    {
      method: 'get',
      path: '/crime/areas/:code',
      access: 'public',
      stateless: true,
      summary: 'Crime in a local authority, community safety partnership or LSOA of the force area',
      handler: (req, res) => areaPage(req, res, String(req.params.code).toUpperCase()),
    },
  ];
}

export function crimeApiRoutes(services: Services): RouteDef[] {
  const analysis = services.crimeAnalysis;
  return [
    {
      method: 'get',
      path: '/crime/counts',
      access: 'public',
      stateless: true,
      summary: 'Street crime counts and rates per 1,000 residents by month for the force area, CSPs, local authorities or LSOAs (JSON, or CSV with format=csv)',
      handler: async (req, res) => {
        const parsed = countsQuerySchema.safeParse(req.query);
        if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error));
        const q = parsed.data;
        const format = q.format ?? (req.accepts(['application/json', 'text/csv']) === 'text/csv' ? 'csv' : 'json');
        res.setHeader('Vary', 'Accept');
        if (format === 'csv') res.setHeader('Content-Disposition', 'attachment; filename="crime-counts.csv"');
        await cached(services, req, res, keyOf({ place: q.place, level: q.level, from: q.from, to: q.to, type: q.type, format }), async () => {
          const [geo, months, types] = await Promise.all([analysis.geography(), analysis.months(), analysis.crimeTypes()]);
          if (!geo.force) throw new HttpError(404, 'No force area is loaded as a place');
          const base = q.place ? geo.areas.get(q.place) : geo.force;
          if (!base) throw new HttpError(404, `place: ${q.place} is not the force area or one of its CSPs, local authorities or LSOAs`);
          const level = q.level ?? base.level;
          if (levelRank[level] < levelRank[base.level]) throw new HttpError(400, `level: ${level} is above the place ${base.code} (${levelLabels[base.level].toLowerCase()}); use ${base.level} or a level below it`);
          const filter = resolveFilter({ from: q.from, to: q.to, type: q.type }, months, types);
          const problem = filter.problems[0];
          if (problem) throw new HttpError(400, problem.text);
          const rows = await analysis.counts(geo, base, level, filter.period, filter.type, months);
          if (format === 'csv') {
            return {
              body: toCsv(
                ['month', 'place_code', 'place_name', 'level', 'crime_type', 'crimes', 'population', 'rate_per_1000'],
                rows.map((r) => [r.month, r.placeCode, r.placeName, r.level, r.crimeType, r.crimes, r.population, r.ratePer1000]),
              ),
              type: 'text/csv; charset=utf-8',
            };
          }
          const body = {
            place: base.code,
            level,
            from: filter.period.from,
            to: filter.period.to,
            crimeType: filter.type,
            definitions: {
              crimes: `Street-level crimes in police.uk files (every row, each counted once).${filter.type === allCrime ? ` "${allCrime}" is every crime type except ${antiSocialBehaviour.toLowerCase()}.` : ''}`,
              forceArea: 'The force area counts every row of its files, including rows without a location and rows in LSOAs outside the force area, which belong to no local authority.',
              population: "The place's own population for the month's year (the latest year up to it), else the sum of its LSOAs'; null when neither is loaded.",
              ratePer1000: 'crimes ÷ population × 1,000, rounded to 4 decimal places.',
            },
            rows,
          };
          return { body: JSON.stringify(body), type: 'application/json; charset=utf-8' };
        });
      },
    },
  ];
}

function actorOf(req: Request): Actor {
  if (!req.user) throw new HttpError(401, 'Sign in required');
  return { userId: req.user.id, label: `${req.user.displayName} <${req.user.email}>` };
}

function measureIdOf(req: Request): number {
  const id = Number(req.params.id);
  if (!Number.isInteger(id) || id <= 0) throw new NotFoundError();
  return id;
}

export function crimeStaffRoutes(services: Services, renderer: Renderer): RouteDef[] {
  const analysis = services.crimeAnalysis;
  async function showResult(req: Request, res: Response, measureId: number, context: Record<string, unknown>, status = 200) {
    const measure = await services.measures.getMeasureById(measureId);
    await renderer.page(req, res, view('feed-result'), { pageTitle: `Crime data feed: ${measure.title}`, measure, breadcrumbs: [{ text: 'Staff area', href: '/staff' }, { text: measure.title, href: `/staff/measures/${measureId}` }], ...context }, status);
  }
  return [
    {
      method: 'post',
      path: '/measures/:id/crime-feed',
      access: 'editor',
      summary: 'Take a measure’s observations from police.uk crime data (chosen crime types), and refresh them now',
      handler: async (req, res) => {
        const id = measureIdOf(req);
        const body = (req.body ?? {}) as Record<string, unknown>;
        const raw = body.crimeTypes;
        const chosen = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
        try {
          const known = [...new Set([...knownCrimeTypes, ...(await analysis.crimeTypes())])];
          const result = await analysis.setCrimeFeed(actorOf(req), id, chosen, known);
          await showResult(req, res, id, { result, crimeTypesText: describeCrimeTypes(chosen) });
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          await showResult(req, res, id, { errorSummary: error.errors.map((e) => ({ text: e.text })) }, 400);
        }
      },
    },
    {
      method: 'post',
      path: '/measures/:id/crime-feed/clear',
      access: 'editor',
      summary: 'Stop taking a measure’s observations from police.uk crime data (stored observations stay)',
      handler: async (req, res) => {
        const id = measureIdOf(req);
        await analysis.clearCrimeFeed(actorOf(req), id);
        res.redirect(303, `/staff/measures/${id}#crime-feed`);
      },
    },
  ];
}

// The public progress site: published content only, no sign-in, cached until content changes.
import type { Request, Response } from 'express';
import { NotFoundError } from '../../platform/http/errors.ts';
import { toCsv } from '../../platform/http/csv.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { RouteDef } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { assuranceDescriptions, variationDescriptions } from '../measures/index.ts';
import { horizonLabels, statusLabels } from '../plan/index.ts';
import { presentMeasure } from './measure.presenter.ts';
import { rollup } from './rollup.ts';
import { noncePlaceholder, pageBytes } from './page-cache.ts';
import { measureObservationsCsv, measureObservationsJson } from './downloads.ts';

export function publicSiteRoutes(services: Services, renderer: Renderer): RouteDef[] {
  const { plan: planService, measures: measureService, pageCache } = services;

  /** Serves from the cache, or renders and caches. */
  async function cached(req: Request, res: Response, build: () => Promise<{ body: string; type: string } | null>) {
    // Statuses are judged against today, so a page is cached for a day at most. Keyed by path: no
    // public page reads the query string, so one cannot be used to fill the cache.
    const page = await pageCache.getOrBuild(`${services.today()} ${req.path}`, build);
    if (!page) throw new NotFoundError();
    const body = pageBytes(page, req.cspNonce);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Type', page.type);
    res.setHeader('Content-Length', body.length);
    // res.end, not res.send: no ETag, which could never match (the nonce differs per response).
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const html = async (req: Request, template: string, context: Record<string, unknown>) => ({
    body: await renderer.toHtml(req, template, context, noncePlaceholder),
    type: 'text/html; charset=utf-8',
  });

  async function publishedPlan() {
    const plan = await planService.currentPlan('published');
    if (!plan) throw new NotFoundError('No plan has been published yet');
    return plan;
  }

  async function publishedMeasure(slug: string) {
    const plan = await publishedPlan();
    const found = await measureService.findMeasure(plan.id, { slug }, 'published');
    if (!found) throw new NotFoundError('Measure not found');
    return { plan, ...found };
  }

  return [
    {
      method: 'get',
      path: '/',
      access: 'public',
      stateless: true,
      summary: 'Home: the plan, its stages and missions with where each stands',
      handler: (req, res) =>
        cached(req, res, async () => {
          const overview = await planService.overview('published');
          const measureRows = overview ? await measureService.listMeasures(overview.plan.id, 'published') : [];
          const statuses = overview ? await measureService.statuses(measureRows.map((r) => r.measure), overview.plan, services.today()) : new Map();
          const items = measureRows.map((r) => ({ measure: r.measure, status: statuses.get(r.measure.id), missionId: r.measure.missionId }));
          const missionRollups = new Map((overview?.missions ?? []).map((m) => [m.id, rollup(items.filter((i) => i.missionId === m.id))]));
          return html(req, 'domains/public-site/views/home.njk', {
            planRollup: rollup(items),
            missionRollups: Object.fromEntries(missionRollups),
            pageTitle: overview ? overview.plan.title : 'Police and Crime Plan',
            overview,
            missions: overview?.missions.filter((m) => m.kind === 'mission') ?? [],
            foundations: overview?.missions.filter((m) => m.kind !== 'mission') ?? [],
          });
        }),
    },
    {
      method: 'get',
      path: '/missions/:slug',
      access: 'public',
      stateless: true,
      summary: 'A mission: purpose, objectives by horizon with status and latest update, measures',
      handler: (req, res) =>
        cached(req, res, async () => {
          const plan = await publishedPlan();
          const mission = await planService.missionBySlug(plan.id, String(req.params.slug), 'published');
          if (!mission) return null;
          const [objectiveList, measureList] = await Promise.all([planService.objectivesOf(mission.id, 'published'), measureService.measuresOfMission(mission.id, 'published')]);
          const statuses = await measureService.statuses(measureList.map((r) => r.measure), plan, services.today());
          const groups = (['first_six_months', 'rest_of_term'] as const).map((horizon) => ({
            horizon,
            label: horizonLabels[horizon],
            objectives: objectiveList.filter((o) => o.horizon === horizon),
          }));
          return html(req, 'domains/public-site/views/mission.njk', {
            pageTitle: mission.title,
            breadcrumbs: [{ text: plan.title, href: '/' }],
            plan,
            mission,
            groups,
            measures: measureList.map((r) => ({ ...r, status: statuses.get(r.measure.id) })),
            measureRollup: rollup(measureList.map((r) => ({ measure: r.measure, status: statuses.get(r.measure.id) }))),
            statusLabels,
          });
        }),
    },
    {
      method: 'get',
      path: '/measures/:slug',
      access: 'public',
      stateless: true,
      summary: 'A measure: definition, baseline, targets, chart with data table, latest value, downloads',
      handler: (req, res) =>
        cached(req, res, async () => {
          const { plan, measure, mission } = await publishedMeasure(String(req.params.slug));
          const status = (await measureService.statuses([measure], plan, services.today())).get(measure.id) ?? null;
          const view = presentMeasure(measure, await measureService.detail(measure), { planStart: plan.periodStart, status });
          return html(req, 'domains/public-site/views/measure.njk', {
            pageTitle: measure.title,
            breadcrumbs: [
              { text: plan.title, href: '/' },
              { text: mission.title, href: `/missions/${mission.slug}` },
            ],
            plan,
            mission,
            view,
            variationDescriptions,
            assuranceDescriptions,
          });
        }),
    },
    {
      method: 'get',
      path: '/measures/:slug/data.csv',
      access: 'public',
      stateless: true,
      summary: "Download a measure's series as CSV",
      handler: (req, res) => {
        res.setHeader('Content-Disposition', `attachment; filename="${String(req.params.slug).replace(/[^a-z0-9-]/g, '')}.csv"`);
        return cached(req, res, async () => {
          const { measure } = await publishedMeasure(String(req.params.slug));
          return { body: measureObservationsCsv(measure, await measureService.currentSeries(measure.id)), type: 'text/csv; charset=utf-8' };
        });
      },
    },
    {
      method: 'get',
      path: '/measures/:slug/data.json',
      access: 'public',
      stateless: true,
      summary: "Download a measure's series as JSON",
      handler: (req, res) =>
        cached(req, res, async () => {
          const { measure } = await publishedMeasure(String(req.params.slug));
          const detail = await measureService.detail(measure);
          return { body: JSON.stringify(measureObservationsJson(measure, detail), null, 2), type: 'application/json; charset=utf-8' };
        }),
    },
    {
      method: 'get',
      path: '/open-data',
      access: 'public',
      stateless: true,
      summary: 'Open data: every download and the API',
      handler: (req, res) =>
        cached(req, res, async () => {
          const plan = await planService.currentPlan('published');
          const measureList = plan ? await measureService.listMeasures(plan.id, 'published') : [];
          return html(req, 'domains/public-site/views/open-data.njk', { pageTitle: 'Open data', plan, measures: measureList });
        }),
    },
    {
      method: 'get',
      path: '/open-data/objectives.csv',
      access: 'public',
      stateless: true,
      summary: 'Download every published objective with its status as CSV',
      handler: (req, res) => {
        res.setHeader('Content-Disposition', 'attachment; filename="objectives.csv"');
        return cached(req, res, async () => {
          const overview = await planService.overview('published');
          const rows: (string | null)[][] = [];
          for (const mission of overview?.missions ?? []) {
            for (const o of await planService.objectivesOf(mission.id, 'published')) {
              rows.push([mission.title, o.ref, o.text, horizonLabels[o.horizon] ?? o.horizon, o.dueDate, o.owner, statusLabels[o.status] ?? o.status, o.latestUpdate?.effectiveDate ?? null, o.latestUpdate?.narrative ?? null, o.latestUpdate?.evidenceUrl ?? null]);
            }
          }
          return {
            body: toCsv(['mission', 'ref', 'objective', 'horizon', 'due_date', 'owner', 'status', 'status_date', 'latest_update', 'evidence_url'], rows),
            type: 'text/csv; charset=utf-8',
          };
        });
      },
    },
    {
      method: 'get',
      path: '/accessibility',
      access: 'public',
      stateless: true,
      summary: 'Accessibility statement',
      handler: (req, res) => cached(req, res, () => html(req, 'domains/public-site/views/accessibility.njk', { pageTitle: 'Accessibility statement' })),
    },
  ];
}

// The public JSON API (published content only). Described by /api/v1/openapi.json.
import { HttpError, NotFoundError } from '../../platform/http/errors.ts';
import type { RouteDef } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { measureObservationsCsv, measureObservationsJson, measureSummaryJson } from '../public-site/index.ts';
import { openApiDocument } from './openapi.ts';
import type { Measure, MeasureStatus } from '../measures/index.ts';

/** The same judgement the pages show, for other tools. */
export function statusJson(measure: Measure, status: MeasureStatus | null, today: string) {
  return {
    measure: measureSummaryJson(measure),
    today,
    headlinePlaceCode: status?.headline?.placeCode ?? null,
    needsAttention: status?.needsAttention ?? false,
    attentionReasons: status?.attentionReasons ?? [],
    series: (status?.series ?? []).map((s) => ({
      placeCode: s.placeCode,
      placeName: s.placeName,
      status: { word: s.status.status, label: s.statusLabel, reason: s.status.reason, target: s.status.target, latest: s.status.latest, expected: s.status.expected, previousWord: s.previousStatus },
      forecast: s.status.forecast,
      trajectory: s.trajectory,
      expectedToday: s.expectedToday,
      spc: {
        status: s.spc.status,
        reason: s.spc.reason,
        variation: s.spc.variation,
        variationLabel: s.spc.variationLabel,
        assurance: s.spc.assurance,
        assuranceLabel: s.spc.assuranceLabel,
        provisional: s.spc.provisional,
        provisionalReason: s.spc.provisionalReason,
        segments: s.spc.segments.map((seg) => ({
          fromPeriod: s.points[seg.start]?.period ?? null,
          toPeriod: s.points[seg.end - 1]?.period ?? null,
          pointCount: seg.pointCount,
          limits: seg.limits,
          excludedMovingRanges: seg.excludedMovingRanges.map((i) => s.points[i]?.period ?? null),
          provisional: seg.provisional,
        })),
        points: s.spc.points.map((p) => ({ period: s.points[p.index]?.period ?? null, value: p.value, segment: p.segment, rules: p.rules, direction: p.direction, classification: p.classification })),
      },
    })),
  };
}

export function apiRoutes(services: Services): RouteDef[] {
  const { plan: planService, measures: measureService } = services;

  async function publishedPlan() {
    const plan = await planService.currentPlan('published');
    if (!plan) throw new NotFoundError('No plan has been published yet');
    return plan;
  }

  function measureId(raw: unknown): number {
    const id = Number(raw);
    if (!Number.isInteger(id) || id <= 0) throw new HttpError(400, 'The measure id must be a positive whole number');
    return id;
  }

  return [
    {
      method: 'get',
      path: '/plans/current',
      access: 'public',
      stateless: true,
      summary: 'The current published plan with its stages and missions',
      handler: async (_req, res) => {
        const overview = await planService.overview('published');
        if (!overview) throw new NotFoundError('No plan has been published yet');
        const { plan, stages, missions } = overview;
        res.json({
          id: plan.id,
          slug: plan.slug,
          title: plan.title,
          subtitle: plan.subtitle,
          commissioner: plan.commissioner,
          periodStart: plan.periodStart,
          periodEnd: plan.periodEnd,
          summary: plan.summary,
          sourceDocument: plan.sourceDocument,
          forceAreaCode: plan.forceAreaCode,
          stages: stages.map((s) => ({ name: s.name, periodStart: s.periodStart, periodEnd: s.periodEnd, description: s.description })),
          missions: missions.map((m) => ({ id: m.id, slug: m.slug, kind: m.kind, title: m.title, summary: m.summary, objectiveCounts: m.objectiveCounts, measureCounts: m.measureCounts })),
        });
      },
    },
    {
      method: 'get',
      path: '/missions',
      access: 'public',
      stateless: true,
      summary: 'Published missions of the current plan with their objectives',
      handler: async (_req, res) => {
        const plan = await publishedPlan();
        const missions = await planService.missionSummaries(plan.id, 'published');
        const out = [];
        for (const m of missions) {
          const objectives = await planService.objectivesOf(m.id, 'published');
          out.push({
            id: m.id,
            slug: m.slug,
            kind: m.kind,
            title: m.title,
            summary: m.summary,
            purpose: m.purpose,
            lead: m.lead,
            objectives: objectives.map((o) => ({
              id: o.id,
              ref: o.ref,
              text: o.text,
              horizon: o.horizon,
              dueDate: o.dueDate,
              owner: o.owner,
              status: o.status,
              latestUpdate: o.latestUpdate ? { effectiveDate: o.latestUpdate.effectiveDate, status: o.latestUpdate.status, narrative: o.latestUpdate.narrative, evidenceUrl: o.latestUpdate.evidenceUrl } : null,
            })),
          });
        }
        res.json({ planId: plan.id, missions: out });
      },
    },
    {
      method: 'get',
      path: '/measures',
      access: 'public',
      stateless: true,
      summary: 'Published measures of the current plan with baselines and targets',
      handler: async (_req, res) => {
        const plan = await publishedPlan();
        const rows = await measureService.listMeasures(plan.id, 'published');
        const out = [];
        for (const row of rows) {
          const detail = await measureService.detail(row.measure);
          out.push({
            ...measureSummaryJson(row.measure),
            mission: row.missionSlug,
            observationCount: Number(row.observationCount),
            baselines: detail.baselines.map((b) => ({ placeCode: b.placeCode, value: b.value, period: b.period, asWritten: b.asWritten })),
            targets: detail.targets.map((t) => ({ kind: t.kind, value: t.value, byDate: t.byDate, resolvedValue: t.resolvedValue, asWritten: t.asWritten })),
            links: { page: `/measures/${row.measure.slug}`, observations: `/api/v1/measures/${row.measure.id}/observations` },
          });
        }
        res.json({ planId: plan.id, measures: out });
      },
    },
    {
      method: 'get',
      path: '/measures/:id/observations',
      access: 'public',
      stateless: true,
      summary: "A published measure's current observations (JSON, or CSV with ?format=csv)",
      handler: async (req, res) => {
        const plan = await publishedPlan();
        const found = await measureService.findMeasure(plan.id, { id: measureId(req.params.id) }, 'published');
        if (!found) throw new NotFoundError('Measure not found');
        const format = req.query.format ?? 'json';
        if (format === 'csv') {
          res.setHeader('Content-Disposition', `attachment; filename="${found.measure.slug}.csv"`);
          res.type('text/csv; charset=utf-8').send(measureObservationsCsv(found.measure, await measureService.currentSeries(found.measure.id)));
        } else if (format === 'json') {
          res.json(measureObservationsJson(found.measure, await measureService.detail(found.measure)));
        } else throw new HttpError(400, 'format must be json or csv');
      },
    },
    {
      method: 'get',
      path: '/measures/:id/status',
      access: 'public',
      stateless: true,
      summary: "A published measure's computed limits, signals, trajectory, forecast and status",
      handler: async (req, res) => {
        const plan = await publishedPlan();
        const found = await measureService.findMeasure(plan.id, { id: measureId(req.params.id) }, 'published');
        if (!found) throw new NotFoundError('Measure not found');
        const today = services.today();
        const status = (await measureService.statuses([found.measure], plan, today)).get(found.measure.id);
        res.json(statusJson(found.measure, status ?? null, today));
      },
    },
    {
      method: 'get',
      path: '/openapi.json',
      access: 'public',
      stateless: true,
      summary: 'This API described in OpenAPI 3.1',
      handler: (_req, res) => {
        res.json(openApiDocument());
      },
    },
  ];
}

// The staff measure page's "Take observations from a partner dataset" form: editors attach a
// dataset's column (of the datasets their organisation may see today), refresh it now, or stop it.
// The panel itself is drawn on the measure page (views/feeds/feed-form.njk, from feedPanel).
import type { Request, Response } from 'express';
import { actorOf } from '../../platform/auth/actor.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { RouteDef } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { viewerOf } from './access.ts';
import type { DatasetFeedRefresh } from './dataset-feeds.ts';

const view = 'domains/datahub/views/feeds/feed-result.njk';

function measureIdOf(req: Request): number {
  const id = Number(req.params.id);
  if (!Number.isInteger(id) || id <= 0) throw new NotFoundError();
  return id;
}

export function datasetFeedStaffRoutes(services: Services, renderer: Renderer): RouteDef[] {
  const feeds = services.datasetFeeds;
  async function show(req: Request, res: Response, measureId: number, context: { result?: DatasetFeedRefresh | null; headline?: string; errorSummary?: { text: string }[] }, status = 200) {
    const measure = await services.measures.getMeasureById(measureId);
    await renderer.page(
      req,
      res,
      view,
      { pageTitle: `Partner dataset feed: ${measure.title}`, measure, breadcrumbs: [{ text: 'Staff area', href: '/staff' }, { text: measure.title, href: `/staff/measures/${measureId}` }], ...context },
      status,
    );
  }
  return [
    {
      method: 'post',
      path: '/measures/:id/dataset-feed',
      access: 'editor',
      summary: 'Take a measure’s observations from a partner dataset’s column (sum, mean or rate over its places), and refresh them now',
      handler: async (req, res) => {
        const id = measureIdOf(req);
        const body = (req.body ?? {}) as Record<string, unknown>;
        const choice = typeof body.column === 'string' ? body.column : '';
        const colon = choice.indexOf(':');
        const perText = typeof body.perPopulation === 'string' ? body.perPopulation.trim().replaceAll(',', '') : '';
        try {
          if (colon < 1) throw new ValidationError([{ field: 'column', text: 'Choose a dataset and column' }]);
          if (perText !== '' && !/^\d+$/.test(perText)) throw new ValidationError([{ field: 'perPopulation', text: `Per how many residents must be a whole number, not “${perText}”` }]);
          const result = await feeds.setFeed(actorOf(req), await viewerOf(req, services.database.db), id, {
            datasetId: Number(choice.slice(0, colon)),
            columnName: choice.slice(colon + 1),
            aggregate: typeof body.aggregate === 'string' ? body.aggregate : '',
            perPopulation: perText === '' ? null : Number(perText),
          });
          await show(req, res, id, { result, headline: 'Saved: this measure takes its observations from the partner dataset.' });
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          await show(req, res, id, { errorSummary: error.errors.map((e) => ({ text: e.text })) }, 400);
        }
      },
    },
    {
      method: 'post',
      path: '/measures/:id/dataset-feed/refresh',
      access: 'editor',
      summary: 'Refresh a measure’s observations from its partner dataset now',
      handler: async (req, res) => {
        const id = measureIdOf(req);
        const [result] = await feeds.refresh(actorOf(req), { measureId: id });
        await show(req, res, id, { result: result ?? null, headline: 'Refreshed from the partner dataset.' });
      },
    },
    {
      method: 'post',
      path: '/measures/:id/dataset-feed/clear',
      access: 'editor',
      summary: 'Stop taking a measure’s observations from a partner dataset (stored observations stay)',
      handler: async (req, res) => {
        const id = measureIdOf(req);
        await feeds.clearFeed(actorOf(req), id);
        res.redirect(303, `/staff/measures/${id}#dataset-feed`);
      },
    },
  ];
}

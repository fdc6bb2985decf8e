// Admin pages for organisation API tokens (/staff/hub/tokens): create one for an organisation, scoped
// to datasets it submits and expiring within a year (the token is shown once, on the next page only),
// list them (prefix, scope, expiry, last use, status) and revoke them.
import { asc } from 'drizzle-orm';
import type { Request, Response } from 'express';
import { actorOf } from '../../platform/auth/actor.ts';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { errorsByField, errorSummary } from '../../platform/http/forms.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { RouteDef } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { datasets, datasetSubmitters, organisations } from './datahub.tables.ts';
import { addDays } from './periods.ts';

const view = (name: string) => `domains/datahub/views/tokens/${name}.njk`;

/** A new token, held for the admin's next page only (never in a URL or a log). */
const pendingTokens = new Map<string, { token: string; prefix: string; organisationName: string; expiresOn: string; datasets: { id: number; name: string }[]; site: string }>();

export function tokenStaffRoutes(services: Services, renderer: Renderer): RouteDef[] {
  const db = services.database.db;

  async function show(req: Request, res: Response, values: Record<string, unknown>, errors: FieldError[], status = 200) {
    const orgs = await db.select({ id: organisations.id, name: organisations.name, closedAt: organisations.closedAt }).from(organisations).orderBy(asc(organisations.name));
    const allDatasets = await db.select({ id: datasets.id, name: datasets.name, slug: datasets.slug }).from(datasets).orderBy(asc(datasets.name));
    const submitters = await db.select().from(datasetSubmitters);
    const chosen = new Set((Array.isArray(values.datasetIds) ? values.datasetIds : [values.datasetIds]).map(String));
    await renderer.page(
      req,
      res,
      view('tokens'),
      {
        pageTitle: 'API tokens',
        breadcrumbs: [{ text: 'Staff area', href: '/staff' }],
        tokens: await services.apiTokens.list(),
        organisations: orgs.filter((o) => !o.closedAt),
        datasets: allDatasets.map((d) => ({
          ...d,
          checked: chosen.has(String(d.id)),
          submitters: submitters.filter((s) => s.datasetId === d.id).map((s) => orgs.find((o) => o.id === s.organisationId)?.name ?? '').filter(Boolean),
        })),
        values,
        errors: errorsByField(errors),
        errorSummary: errorSummary(errors),
        latest: `${Number(services.today().slice(0, 4)) + 1}${services.today().slice(4)}`,
      },
      status,
    );
  }

  return [
    {
      method: 'get',
      path: '/hub/tokens',
      access: 'admin',
      summary: 'Organisation API tokens for submitting data: create, list, revoke',
      handler: (req, res) => show(req, res, { expiresOn: addDays(services.today(), 90) }, []),
    },
    {
      method: 'post',
      path: '/hub/tokens',
      access: 'admin',
      summary: 'Create an API token for an organisation, scoped to datasets it submits, expiring within a year (shown once; stored hashed; audited)',
      handler: async (req, res) => {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
        const datasetIds = (Array.isArray(body.datasetIds) ? body.datasetIds : body.datasetIds === undefined ? [] : [body.datasetIds]).map((v) => Number(v)).filter((n) => Number.isInteger(n) && n > 0);
        try {
          const { token, row } = await services.apiTokens.create(actorOf(req), { organisationId: Number(text('organisationId')) || 0, name: text('name'), datasetIds, expiresOn: text('expiresOn') });
          const [listed] = (await services.apiTokens.list({ organisationId: row.organisationId })).filter((t) => t.id === row.id);
          // The page names the datasets' ids and this site, so the example command can be used as it is.
          const site = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
          pendingTokens.set(req.user?.sessionId ?? '', { token, prefix: row.prefix, organisationName: listed?.organisationName ?? '', expiresOn: text('expiresOn'), datasets: (listed?.datasets ?? []).map((d) => ({ id: d.id, name: d.name })), site });
          return res.redirect(303, '/staff/hub/tokens/created');
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return show(req, res, { organisationId: text('organisationId'), name: text('name'), datasetIds: datasetIds.map(String), expiresOn: text('expiresOn') }, error.errors, 400);
        }
      },
    },
    {
      method: 'get',
      path: '/hub/tokens/created',
      access: 'admin',
      summary: 'The new API token, shown once',
      handler: async (req, res) => {
        const key = req.user?.sessionId ?? '';
        const created = pendingTokens.get(key);
        pendingTokens.delete(key);
        if (!created) return res.redirect(303, '/staff/hub/tokens');
        res.setHeader('Cache-Control', 'no-store');
        await renderer.page(req, res, view('created'), { pageTitle: 'API token created', breadcrumbs: [{ text: 'API tokens', href: '/staff/hub/tokens' }], created });
      },
    },
    {
      method: 'post',
      path: '/hub/tokens/:id/revoke',
      access: 'admin',
      summary: 'Revoke an API token at once (kept in the list; audited)',
      handler: async (req, res) => {
        const id = Number(req.params.id);
        if (!Number.isInteger(id) || id <= 0) throw new NotFoundError();
        const revoked = await services.apiTokens.revoke(actorOf(req), id);
        if (!revoked) throw new NotFoundError('There is no such token');
        return res.redirect(303, '/staff/hub/tokens');
      },
    },
  ];
}

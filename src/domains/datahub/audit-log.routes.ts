// Admin pages for the audit log (mounted under /staff): search a page at a time, and export the
// filtered events as CSV, streamed a page at a time. Read only: no route here or anywhere changes or
// deletes an event.
import type { Request, Response } from 'express';
import { actorOf } from '../../platform/auth/actor.ts';
import { csvCell } from '../../platform/http/csv.ts';
import { errorSummary } from '../../platform/http/forms.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { RouteDef } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { auditCsvHeader, auditCsvRow, describeAuditFilter, encodeCursor, parseAuditQuery, type AuditFilter } from './audit-log.service.ts';

const view = (name: string) => `domains/datahub/views/audit/${name}.njk`;

/** The query string for a filter (and a page), as the form writes it. */
function queryOf(values: Record<string, string>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...extra })) if (v) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}

const commonActions = ['view', 'download', 'submit', 'token-use', 'create', 'update', 'status-change', 'close', 'revoke', 'export'];

export function auditLogRoutes(services: Services, renderer: Renderer): RouteDef[] {
  const service = services.auditLog;

  async function names(filter: AuditFilter) {
    const choices = await service.choices();
    return {
      choices,
      organisation: choices.organisations.find((o) => o.id === filter.organisationId)?.name ?? null,
      dataset: choices.datasets.find((d) => d.id === filter.datasetId)?.name ?? null,
    };
  }

  return [
    {
      method: 'get',
      path: '/hub/audit',
      access: 'admin',
      summary: 'Audit log: search events by organisation, dataset, action, actor and date, newest first',
      handler: async (req: Request, res: Response) => {
        const { filter, values, errors, before } = parseAuditQuery(req.query as Record<string, unknown>);
        const named = await names(filter);
        const result = errors.length ? { events: [], next: null } : await service.search(filter, { before });
        await renderer.page(
          req,
          res,
          view('search'),
          {
            pageTitle: 'Audit log',
            breadcrumbs: [
              { text: 'Staff area', href: '/staff' },
              { text: 'Data hub', href: '/hub' },
            ],
            values,
            errorSummary: errorSummary(errors),
            errors: Object.fromEntries(errors.map((e) => [e.field, e.text])),
            organisations: named.choices.organisations,
            datasets: named.choices.datasets,
            actions: commonActions,
            described: describeAuditFilter(filter, named),
            events: result.events,
            isFirstPage: before === null,
            newestHref: `/staff/hub/audit${queryOf(values)}`,
            olderHref: result.next ? `/staff/hub/audit${queryOf(values, { before: encodeCursor(result.next) })}` : null,
            exportHref: `/staff/hub/audit/export.csv${queryOf(values)}`,
          },
          errors.length ? 400 : 200,
        );
      },
    },
    {
      method: 'get',
      path: '/hub/audit/export.csv',
      access: 'admin',
      summary: 'Audit log export: every event matching the search, as CSV (streamed; the export is itself audited)',
      handler: async (req: Request, res: Response) => {
        const { filter, errors } = parseAuditQuery({ ...(req.query as Record<string, unknown>), before: '' });
        if (errors.length) {
          res.status(400).type('text').send(errors.map((e) => e.text).join('\n'));
          return;
        }
        await service.recordExport(actorOf(req), filter, describeAuditFilter(filter, await names(filter)));
        res.setHeader('Content-Disposition', 'attachment; filename="audit-log.csv"');
        res.setHeader('Cache-Control', 'no-store');
        res.type('text/csv; charset=utf-8');
        res.write(`${auditCsvHeader.map(csvCell).join(',')}\r\n`);
        for await (const events of service.pages(filter)) {
          const text = events.map((e) => `${auditCsvRow(e).map(csvCell).join(',')}\r\n`).join('');
          if (!res.write(text)) await new Promise<void>((resolve) => res.once('drain', () => resolve()));
        }
        res.end();
      },
    },
  ];
}

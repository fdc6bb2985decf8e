// A partner dataset's data as JSON: GET /api/v1/datasets/{id}/data?place=&period=. The same rows, the
// same disclosure control and the same audit event ('download', format JSON) as the CSV downloads:
// profiles.service.ts's download makes both, so no second disclosure path exists. Withheld values are
// the GSS markers as strings ("[c]" suppressed, "[x]" not available, "[z]" a number column not added
// up over places); the owner's users get raw values.
// Access as the pages: anonymous callers get public datasets only (404 for the rest, so their
// existence does not leak); signed-in users by the access rule (403 with the reason). Unlike the rest
// of the public API this route is NOT stateless: it reads the session, so a signed-in partner's
// browser (or a client holding its session cookie) gets what their organisation may see.
import type { Request } from 'express';
import { HttpError, NotFoundError } from '../../platform/http/errors.ts';
import type { RouteDef } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { viewerOf } from './access.ts';

/** What each marker means, sent with every answer. */
export const dataMarkers = {
  '[c]': 'confidential: suppressed under the dataset’s disclosure rule',
  '[x]': 'not available',
  '[z]': 'not aggregated: a number column is not added up over places',
} as const;

function oneQuery(req: Request, name: string, pattern: RegExp, what: string): string | null {
  const value = req.query[name];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !pattern.test(value)) throw new HttpError(400, `${name} must be ${what}`);
  return value;
}

export function datasetDataApiRoutes(services: Services): RouteDef[] {
  const db = services.database.db;
  return [
    {
      method: 'get',
      path: '/datasets/:id/data',
      access: 'public',
      summary:
        'A partner dataset’s data as JSON, for a place and the places in it or for every place, one period or all, with the CSV downloads’ disclosure control ([c], [x] as strings; owners raw). Public datasets for anyone; others for signed-in users whose organisation an agreement allows (403), 404 to anonymous callers. Reads the session, so not stateless; audited as a download',
      handler: async (req, res) => {
        const idText = String(req.params.id ?? '');
        if (!/^[1-9][0-9]{0,8}$/.test(idText)) throw new HttpError(400, 'The dataset id must be a positive whole number');
        const placeCode = oneQuery(req, 'place', /^[A-Za-z0-9]{1,20}$/, 'a place code such as E06000055');
        const period = oneQuery(req, 'period', /^[0-9]{4}(-[0-9]{2}|-Q[1-4]| Q[1-4])?$/, 'a period such as 2025-04, 2025-Q1 or 2025');
        const viewer = await viewerOf(req, db);
        const result = await services.profiles.download(viewer, { id: Number(idText), placeCode, period }, services.today(), { format: 'JSON' });
        if (result.outcome === 'not-found') throw new NotFoundError(result.reason);
        if (result.outcome === 'forbidden') throw new HttpError(403, `${result.reason}. Ask the dataset’s owner or the office about a data-sharing agreement.`);
        const { header, rows } = result.csv;
        res.setHeader('Cache-Control', 'no-store');
        res.json({
          dataset: result.dataset,
          place: result.place,
          period: result.period,
          access: result.access,
          columns: header,
          rows: rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? null]))),
          markers: dataMarkers,
        });
      },
    },
  ];
}

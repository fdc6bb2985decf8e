// Place profile pages and downloads. For partners and staff: /hub/places (the places), /hub/places/{code}
// (every dataset the viewer may see for the place, with the crime counts), a place's CSV per dataset
// and a dataset's whole CSV. For everyone: /places/{code}/data, the same page with public datasets
// only, and its CSVs. Disclosure control as profiles.service.ts decides it; every view and download
// audited there. A signed-in viewer without access gets 403; an anonymous one asking for a dataset
// that is not public gets 404, so its existence does not leak.
import type { Request, Response } from 'express';
import { toCsv } from '../../platform/http/csv.ts';
import { formatDate } from '../../platform/views/format.ts';
import { HttpError, NotFoundError } from '../../platform/http/errors.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { RouteDef } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { anonymousViewer, viewerOf, type AccessBasis, type Viewer } from './access.ts';
import { geographyLabels, sensitivityLabels } from './datasets.service.ts';
import { formatPeriod, parseDatasetPeriod, periodTypeLabels } from './periods.ts';
import { geographyWords } from './submission-input.ts';
import type { PlaceProfile, ProfileCsv, ProfileDataset } from './profiles.service.ts';

const view = (name: string) => `domains/datahub/views/profiles/${name}.njk`;

const placeTypeLabels: Record<string, string> = {
  force_area: 'Police force area',
  csp: 'Community safety partnership',
  local_authority: 'Local authority',
  ward: 'Ward',
  lsoa: 'LSOA',
};

const basisText: Record<AccessBasis, string> = {
  owner: 'your organisation owns it: you see raw counts',
  public: 'it is public: counts are shown under its disclosure rule',
  agreement: 'a live data-sharing agreement covers your organisation: counts are shown under its disclosure rule',
  none: 'no access',
};

const codePattern = /^[A-Za-z0-9]{1,20}$/;
const slugPattern = /^[a-z0-9][a-z0-9-]{0,99}$/;

function placeCodeOf(req: Request): string {
  const code = String(req.params.code ?? '');
  if (!codePattern.test(code)) throw new NotFoundError(`There is no place ${code.slice(0, 40)}`);
  return code;
}

function slugOf(req: Request): string {
  const slug = String(req.params.slug ?? '');
  if (!slugPattern.test(slug)) throw new NotFoundError('There is no such dataset');
  return slug;
}

function periodText(type: ProfileDataset['periodType'], period: string): string {
  const parsed = parseDatasetPeriod(type, period);
  return parsed ? formatPeriod(parsed) : period;
}

function ruleText(d: ProfileDataset): string | null {
  if (!d.rule) return null;
  const parts: string[] = [];
  if (d.rule.suppressBelow !== null) parts.push(`counts from 1 to ${d.rule.suppressBelow - 1} are shown as [c]`);
  if (d.rule.suppressBelow !== null && d.rule.secondarySuppression) parts.push('so are other counts chosen so that a [c] cannot be worked out from a total');
  if (d.rule.roundTo !== null && d.rule.roundTo > 1) parts.push(`the rest are rounded to the nearest ${d.rule.roundTo}, each on its own, so rounded counts may not add up to the rounded total`);
  return parts.length ? `${parts.join('; ')}.` : 'No counts are suppressed or rounded under this dataset’s rule.';
}

/** The page's view of a profile: labels in words, periods named, a link per place. */
function present(profile: PlaceProfile, options: { base: (code: string) => string; csv: (d: ProfileDataset) => string; wholeCsv: ((d: ProfileDataset) => string) | null; isPublic: boolean }) {
  return {
    place: { ...profile.place, typeText: placeTypeLabels[profile.place.type] ?? profile.place.type },
    ancestors: profile.ancestors.map((a) => ({ ...a, href: options.base(a.code) })),
    children: profile.children.map((c) => ({ ...c, href: options.base(c.code), typeText: placeTypeLabels[c.type] ?? c.type })),
    crime: profile.crime,
    crimeHref: profile.place.type === 'force_area' ? '/crime' : `/crime/areas/${encodeURIComponent(profile.place.code)}`,
    datasets: profile.datasets.map((d) => ({
      ...d,
      anchor: `dataset-${d.slug}`,
      basisText: basisText[d.basis],
      sensitivityText: sensitivityLabels[d.sensitivity],
      geographyText: geographyWords[d.geographyLevel],
      periodTypeText: periodTypeLabels[d.periodType],
      ruleText: ruleText(d),
      recordedFor: d.recordedFor ? { ...d.recordedFor, href: options.base(d.recordedFor.code) } : null,
      rows: d.periods.map((p, i) => ({ period: p, periodText: periodText(d.periodType, p), cells: d.series[i] ?? [] })),
      periodOptions: d.periods.map((p) => ({ value: p, text: periodText(d.periodType, p), selected: p === d.breakdown?.period })),
      breakdown: d.breakdown
        ? { ...d.breakdown, periodText: periodText(d.periodType, d.breakdown.period), places: d.breakdown.places.map((p) => ({ ...p, href: options.base(p.code) })) }
        : null,
      csvHref: options.csv(d),
      wholeCsvHref: options.wholeCsv ? options.wholeCsv(d) : null,
      hasNumberColumns: d.columns.some((c) => c.type === 'number'),
      summaryRows: [
        { key: { text: 'Owner' }, value: { text: d.ownerName } },
        { key: { text: 'Recorded for each' }, value: { text: `${geographyLabels[d.geographyLevel]}, ${periodTypeLabels[d.periodType].toLowerCase()}` } },
        ...(options.isPublic ? [] : [{ key: { text: 'You see it because' }, value: { text: basisText[d.basis] } }]),
        { key: { text: 'Last submitted' }, value: { text: d.lastSubmittedAt ? formatDate(d.lastSubmittedAt) : 'Never' } },
      ],
    })),
    isPublic: options.isPublic,
  };
}

function sendCsv(res: Response, csv: ProfileCsv) {
  res.setHeader('Content-Disposition', `attachment; filename="${csv.fileName.replace(/[^A-Za-z0-9.-]/g, '')}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.type('text/csv; charset=utf-8').send(toCsv(csv.header, csv.rows));
}

const periodOf = (req: Request) => (typeof req.query.period === 'string' && /^[0-9A-Za-z-]{1,10}$/.test(req.query.period) ? req.query.period : null);

export function placeHubRoutes(services: Services, renderer: Renderer): RouteDef[] {
  const db = services.database.db;
  const hubBase = (code: string) => `/hub/places/${encodeURIComponent(code)}`;

  async function download(req: Request, res: Response, viewer: Viewer, where: { slug: string; placeCode?: string }) {
    const result = await services.profiles.download(viewer, where, services.today());
    if (result.outcome === 'not-found') throw new NotFoundError(result.reason);
    if (result.outcome === 'forbidden') throw new HttpError(403, `${result.reason}. Ask the dataset’s owner or the office about a data-sharing agreement.`);
    sendCsv(res, result.csv);
  }

  return [
    {
      method: 'get',
      path: '/hub/places',
      access: 'partner',
      summary: 'Place profiles: the force area, partnerships and local authorities, each with the partner data you may see',
      handler: async (req, res) => {
        const list = await services.places.list();
        const top = list.filter((p) => p.type !== 'lsoa' && p.type !== 'ward');
        const order = ['force_area', 'csp', 'local_authority'];
        top.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type) || a.name.localeCompare(b.name, 'en-GB'));
        await renderer.page(req, res, view('places'), {
          pageTitle: 'Place profiles',
          breadcrumbs: [{ text: 'Data hub', href: '/hub' }],
          places: top.map((p) => ({ ...p, href: hubBase(p.code), typeText: placeTypeLabels[p.type] ?? p.type })),
          lsoaCount: list.filter((p) => p.type === 'lsoa').length,
        });
      },
    },
    {
      method: 'get',
      path: '/hub/places/:code',
      access: 'partner',
      summary: 'A place’s profile: every dataset you may see for it over time, beside the crime counts',
      handler: async (req, res) => {
        const code = placeCodeOf(req);
        const viewer = await viewerOf(req, db);
        const profile = await services.profiles.placeProfile(viewer, code, services.today(), { period: periodOf(req) });
        if (!profile) throw new NotFoundError(`There is no place ${code}`);
        const page = present(profile, {
          base: hubBase,
          csv: (d) => `${hubBase(code)}/datasets/${d.slug}.csv`,
          wholeCsv: (d) => `/hub/datasets/${d.slug}/data.csv`,
          isPublic: false,
        });
        await renderer.page(req, res, view('profile'), {
          pageTitle: `${profile.place.name}: partner data`,
          breadcrumbs: [{ text: 'Data hub', href: '/hub' }, { text: 'Place profiles', href: '/hub/places' }, ...page.ancestors.map((a) => ({ text: a.name, href: a.href }))],
          ...page,
          actsFor: viewer.organisationId !== null,
        });
      },
    },
    {
      method: 'get',
      path: '/hub/places/:code/datasets/:slug.csv',
      access: 'partner',
      summary: 'Download one dataset for a place (and the places inside it) as CSV, disclosure control applied',
      handler: async (req, res) => download(req, res, await viewerOf(req, db), { slug: slugOf(req), placeCode: placeCodeOf(req) }),
    },
    {
      method: 'get',
      path: '/hub/datasets/:slug/data.csv',
      access: 'partner',
      summary: 'Download a whole dataset for every place as CSV, disclosure control applied (owners: raw)',
      handler: async (req, res) => download(req, res, await viewerOf(req, db), { slug: slugOf(req) }),
    },
  ];
}

export function placePublicRoutes(services: Services, renderer: Renderer): RouteDef[] {
  const publicBase = (code: string) => `/places/${encodeURIComponent(code)}/data`;
  return [
    {
      method: 'get',
      path: '/places/:code/data',
      access: 'public',
      stateless: true,
      summary: 'Public partner data for a place (public datasets only, disclosure control applied), beside the crime counts',
      handler: async (req, res) => {
        const code = placeCodeOf(req);
        const profile = await services.profiles.placeProfile(anonymousViewer, code, services.today(), { period: periodOf(req), publicOnly: true });
        if (!profile) throw new NotFoundError(`There is no place ${code}`);
        const page = present(profile, { base: publicBase, csv: (d) => `${publicBase(code)}/${d.slug}.csv`, wholeCsv: null, isPublic: true });
        res.setHeader('Cache-Control', 'no-store');
        await renderer.page(req, res, view('profile'), {
          pageTitle: `${profile.place.name}: partner data`,
          breadcrumbs: [{ text: 'Crime data', href: '/crime' }, ...page.ancestors.map((a) => ({ text: a.name, href: a.href }))],
          ...page,
        });
      },
    },
    {
      method: 'get',
      path: '/places/:code/data/:slug.csv',
      access: 'public',
      stateless: true,
      summary: 'Download a public dataset for a place as CSV (disclosure control applied)',
      handler: async (req, res) => {
        const result = await services.profiles.download(anonymousViewer, { slug: slugOf(req), placeCode: placeCodeOf(req) }, services.today(), { publicOnly: true });
        if (result.outcome !== 'ok') throw new NotFoundError(result.outcome === 'not-found' ? result.reason : 'There is no such public dataset');
        sendCsv(res, result.csv);
      },
    },
  ];
}

// Dataset pages. /hub/datasets lists the datasets the viewer may see, each with its basis (owner,
// public, or the agreement that allows it); /hub/datasets/{slug} shows a definition: columns,
// schedule, sensitivity, disclosure rule and who can see it by which agreement. Editors and admins
// (who define datasets at /staff/hub/datasets/new and …/edit) see every definition; the data itself
// follows the access rule for everyone.
import type { Request, Response } from 'express';
import { actorOf } from '../../platform/auth/actor.ts';
import { HttpError, NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { errorsByField, errorSummary } from '../../platform/http/forms.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { RouteDef } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { accessibleDatasets, resolveAccess, viewerOf, whoCanSee } from './access.ts';
import { columnTypes, datasetGeographyLevels, periodTypes, sensitivities, type ColumnType } from './datahub.tables.ts';
import { columnTypeLabels, geographyLabels, inputOf, sensitivityLabels, type ColumnInput, type DatasetDetail, type DatasetInput } from './datasets.service.ts';
import { formatPeriod, nextDue, parseDatasetPeriod, periodExamples, periodsDue, periodTypeLabels } from './periods.ts';

const view = (name: string) => `domains/datahub/views/datasets/${name}.njk`;
const isManager = (req: Request) => req.user?.role === 'editor' || req.user?.role === 'admin';

export const basisLabels = { owner: 'Your organisation owns it (raw figures)', public: 'Public (disclosure rule applied)', agreement: 'Data-sharing agreement (disclosure rule applied)', none: 'No access' } as const;

/** One column per line: name | label | type | unit | allowed values separated by ; | required or optional. */
export function formatColumns(columns: ColumnInput[]): string {
  return columns.map((c) => [c.name, c.label, c.type, c.unit ?? '', (c.allowedValues ?? []).join('; '), c.required ? 'required' : 'optional'].join(' | ')).join('\n');
}

export function parseColumns(text: string): { columns: ColumnInput[]; errors: FieldError[] } {
  const columns: ColumnInput[] = [];
  const errors: FieldError[] = [];
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  for (const [i, line] of lines.entries()) {
    const parts = line.split('|').map((p) => p.trim());
    const where = `Column ${i + 1}`;
    if (parts.length > 6) {
      errors.push({ field: 'columns', text: `${where}: has ${parts.length} parts; write name | label | type | unit | allowed values | required or optional` });
      continue;
    }
    const [name = '', label = '', type = '', unit = '', allowed = '', requiredText = ''] = parts;
    const req = requiredText.toLowerCase();
    if (req !== '' && req !== 'required' && req !== 'optional') errors.push({ field: 'columns', text: `${where}: the last part must be required or optional, not "${requiredText}"` });
    columns.push({
      name,
      label,
      type: type.toLowerCase() as ColumnType,
      unit: unit || null,
      allowedValues: allowed ? allowed.split(';').map((v) => v.trim()).filter(Boolean) : null,
      required: req !== 'optional',
    });
  }
  return { columns, errors };
}

const list = (v: unknown): number[] => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]).map((x) => Number(x));
const numberOrNull = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v.trim().replaceAll(',', '')) : null);

export function datasetInputFromForm(body: Record<string, unknown>): { input: DatasetInput; errors: FieldError[] } {
  const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  const { columns, errors } = parseColumns(text('columns'));
  const input: DatasetInput = {
    ownerOrganisationId: Number(text('ownerOrganisationId') || Number.NaN),
    name: text('name'),
    slug: text('slug'),
    description: text('description'),
    columns,
    geographyLevel: text('geographyLevel') as DatasetInput['geographyLevel'],
    periodType: text('periodType') as DatasetInput['periodType'],
    firstPeriod: text('firstPeriod'),
    dueDaysAfterPeriod: Number(text('dueDaysAfterPeriod').trim() || Number.NaN),
    sensitivity: text('sensitivity') as DatasetInput['sensitivity'],
    suppressBelow: numberOrNull(body.suppressBelow),
    roundTo: numberOrNull(body.roundTo),
    secondarySuppression: text('secondarySuppression') !== 'no',
    submitterOrganisationIds: list(body.submitterOrganisationIds),
    namedOrganisationIds: list(body.namedOrganisationIds),
  };
  return { input, errors };
}

export function describeRule(d: { suppressBelow: number | null; roundTo: number | null; secondarySuppression: boolean }): string[] {
  const lines: string[] = [];
  lines.push(d.suppressBelow ? `Counts from 1 to ${d.suppressBelow - 1} are shown as [c]` : 'No counts are suppressed');
  lines.push(d.roundTo && d.roundTo > 1 ? `Counts are rounded to the nearest ${d.roundTo}` : 'Counts are not rounded');
  if (d.suppressBelow) lines.push(d.secondarySuppression ? 'Secondary suppression: more cells are shown as [c] where a suppressed count could be worked out from totals' : 'No secondary suppression');
  lines.push('The owner organisation sees raw figures');
  return lines;
}

export function datasetHubRoutes(services: Services, renderer: Renderer): RouteDef[] {
  const db = services.database.db;
  return [
    {
      method: 'get',
      path: '/hub/datasets',
      access: 'partner',
      summary: 'Partner datasets the viewer may see, with the basis for each',
      handler: async (req, res) => {
        const viewer = await viewerOf(req, db);
        const today = services.today();
        const visible = await accessibleDatasets(db, viewer, today);
        const all = isManager(req) ? await services.datasets.all() : [];
        await renderer.page(req, res, view('list'), {
          pageTitle: 'Partner datasets',
          breadcrumbs: [{ text: 'Data hub', href: '/hub' }],
          datasets: visible.map((d) => ({ ...d, basisText: basisLabels[d.access.basis], periodTypeText: periodTypeLabels[d.periodType as keyof typeof periodTypeLabels], geographyText: geographyLabels[d.geographyLevel as keyof typeof geographyLabels] })),
          others: all.filter((d) => !visible.some((v) => v.id === d.id)),
          canDefine: isManager(req),
          actsFor: viewer.organisationId !== null,
        });
      },
    },
    {
      method: 'get',
      path: '/hub/datasets/:slug',
      access: 'partner',
      summary: 'A dataset’s definition: columns, schedule, sensitivity, disclosure rule, who can see it by which agreement',
      handler: async (req, res) => {
        const detail = await services.datasets.detail({ slug: String(req.params.slug) });
        if (!detail) throw new NotFoundError(`There is no dataset ${String(req.params.slug)}`);
        const viewer = await viewerOf(req, db);
        const today = services.today();
        const access = await resolveAccess(db, viewer, detail.dataset.id, today);
        if (!access.allowed && !isManager(req)) throw new HttpError(403, `${access.reason}. Ask the owner, ${detail.owner.name}, or the office about a data-sharing agreement.`);
        const d = detail.dataset;
        const due = periodsDue(d, today);
        const next = nextDue(d, today);
        const first = parseDatasetPeriod(d.periodType, d.firstPeriod);
        // Links to the upload and the history for those the submission pages let in.
        const submits = await services.submissions.isSubmitter(d.id, viewer.organisationId);
        const seesSubmissions = submits || isManager(req) || (viewer.organisationId !== null && viewer.organisationId === d.ownerOrganisationId);
        await renderer.page(req, res, view('dataset'), {
          pageTitle: d.name,
          breadcrumbs: [{ text: 'Data hub', href: '/hub' }, { text: 'Datasets', href: '/hub/datasets' }],
          detail,
          access,
          basisText: basisLabels[access.basis],
          columns: detail.columns.map((c) => ({ ...c, typeText: c.type })),
          geographyText: geographyLabels[d.geographyLevel],
          periodTypeText: periodTypeLabels[d.periodType],
          firstPeriodText: first ? formatPeriod(first) : d.firstPeriod,
          dueCount: due.length,
          lastDue: due.at(-1) ? { text: formatPeriod(due.at(-1)!.period), date: due.at(-1)!.dueDate } : null,
          nextDue: next ? { text: formatPeriod(next.period), date: next.dueDate } : null,
          sensitivityText: sensitivityLabels[d.sensitivity],
          rule: describeRule(d),
          who: await whoCanSee(db, d.id, today),
          canEdit: isManager(req),
          canSubmit: submits && !d.retiredAt,
          seesSubmissions,
        });
      },
    },
  ];
}

export function datasetStaffRoutes(services: Services, renderer: Renderer): RouteDef[] {
  const db = services.database.db;

  async function showForm(req: Request, res: Response, options: { detail: DatasetDetail | null; values: Record<string, unknown>; errors: FieldError[] }, status = 200) {
    const organisations = await services.datasets.organisationChoices();
    const v = options.values;
    const chosen = (k: string) => new Set(list(v[k]).map(String));
    const fieldErrors = errorsByField(options.errors);
    await renderer.page(
      req,
      res,
      view('form'),
      {
        pageTitle: options.detail ? `Edit ${options.detail.dataset.name}` : 'Define a dataset',
        breadcrumbs: [{ text: 'Data hub', href: '/hub' }, { text: 'Datasets', href: '/hub/datasets' }],
        heading: options.detail ? `Edit ${options.detail.dataset.name}` : 'Define a dataset',
        action: req.originalUrl,
        cancel: options.detail ? `/hub/datasets/${options.detail.dataset.slug}` : '/hub/datasets',
        values: v,
        fieldErrors,
        errorSummary: errorSummary(options.errors),
        columnErrors: options.errors.filter((e) => e.field === 'columns').map((e) => e.text),
        submissionCount: options.detail?.submissionCount ?? 0,
        organisationItems: [{ value: '', text: 'Choose…' }, ...organisations.map((o) => ({ value: String(o.id), text: `${o.name} (${o.orgId})`, selected: String(o.id) === String(v.ownerOrganisationId ?? '') }))],
        submitterItems: organisations.map((o) => ({ value: String(o.id), text: o.name, checked: chosen('submitterOrganisationIds').has(String(o.id)) })),
        namedItems: organisations.map((o) => ({ value: String(o.id), text: o.name, checked: chosen('namedOrganisationIds').has(String(o.id)) })),
        geographyItems: datasetGeographyLevels.map((g) => ({ value: g, text: geographyLabels[g], selected: g === v.geographyLevel })),
        periodItems: periodTypes.map((p) => ({ value: p, text: `${periodTypeLabels[p]} (like ${periodExamples[p]})`, selected: p === v.periodType })),
        sensitivityItems: sensitivities.map((s) => ({ value: s, text: sensitivityLabels[s], checked: s === v.sensitivity })),
        secondaryItems: [
          { value: 'yes', text: 'Yes', checked: v.secondarySuppression !== 'no' },
          { value: 'no', text: 'No', checked: v.secondarySuppression === 'no' },
        ],
        columnTypesText: columnTypes.map((t) => `${t}: ${columnTypeLabels[t]}`),
      },
      status,
    );
  }

  const formValues = (input: DatasetInput): Record<string, unknown> => ({
    ...input,
    columns: formatColumns(input.columns),
    ownerOrganisationId: String(input.ownerOrganisationId),
    dueDaysAfterPeriod: String(input.dueDaysAfterPeriod),
    suppressBelow: input.suppressBelow === null ? '' : String(input.suppressBelow),
    roundTo: input.roundTo === null ? '' : String(input.roundTo),
    secondarySuppression: input.secondarySuppression ? 'yes' : 'no',
    submitterOrganisationIds: input.submitterOrganisationIds.map(String),
    namedOrganisationIds: input.namedOrganisationIds.map(String),
  });

  async function save(req: Request, res: Response, detail: DatasetDetail | null) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { input, errors } = datasetInputFromForm(body);
    if (errors.length) return showForm(req, res, { detail, values: body, errors }, 400);
    const viewer = await viewerOf(req, db);
    try {
      const saved = detail
        ? await services.datasets.update(detail.dataset.id, input, actorOf(req), { organisationId: viewer.organisationId })
        : await services.datasets.create(input, actorOf(req), { organisationId: viewer.organisationId });
      res.redirect(303, `/hub/datasets/${saved.dataset.slug}`);
    } catch (error) {
      if (error instanceof ValidationError) return showForm(req, res, { detail, values: body, errors: error.errors }, 400);
      throw error;
    }
  }

  async function byId(req: Request): Promise<DatasetDetail> {
    const id = Number(req.params.id);
    const detail = Number.isInteger(id) && id > 0 ? await services.datasets.detail({ id }) : null;
    if (!detail) throw new NotFoundError();
    return detail;
  }

  const blank: Record<string, unknown> = { dueDaysAfterPeriod: '30', periodType: 'month', geographyLevel: 'lsoa', sensitivity: 'all_partners', suppressBelow: '5', roundTo: '5', secondarySuppression: 'yes', columns: 'referrals | Referrals | count | referrals |  | required' };

  return [
    { method: 'get', path: '/hub/datasets/new', access: 'editor', summary: 'Form: define a partner dataset', handler: (req, res) => showForm(req, res, { detail: null, values: blank, errors: [] }) },
    { method: 'post', path: '/hub/datasets/new', access: 'editor', summary: 'Define a partner dataset (audited)', handler: (req, res) => save(req, res, null) },
    {
      method: 'get',
      path: '/hub/datasets/:id/edit',
      access: 'editor',
      summary: 'Form: change a dataset’s definition',
      handler: async (req, res) => {
        const detail = await byId(req);
        return showForm(req, res, { detail, values: formValues(inputOf(detail)), errors: [] });
      },
    },
    { method: 'post', path: '/hub/datasets/:id/edit', access: 'editor', summary: 'Change a dataset’s definition (audited; columns with data cannot be removed or retyped)', handler: async (req, res) => save(req, res, await byId(req)) },
  ];
}

// Agreement pages. Staff see every agreement; a partner sees those its organisation is a party to.
// An agreement's page shows who can see what: each dataset it covers × each party, with the dates.
// Admins record agreements, change them and change their status (/staff/hub/agreements/…); each of
// those is audited as an access change.
import type { Request, Response } from 'express';
import { actorOf } from '../../platform/auth/actor.ts';
import { HttpError, NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { errorsByField, errorSummary } from '../../platform/http/forms.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { RouteDef } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { viewerOf } from './access.ts';
import { agreementInputOf, agreementState, agreementStatusLabels, commonLawfulBases, type AgreementDetail, type AgreementInput } from './agreements.service.ts';
import { agreementStatuses } from './datahub.tables.ts';

const view = (name: string) => `domains/datahub/views/agreements/${name}.njk`;
const isStaff = (req: Request) => req.user !== undefined && req.user.role !== 'partner';
const otherBasis = 'other';

const list = (v: unknown): number[] => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]).map((x) => Number(x));

export function agreementInputFromForm(body: Record<string, unknown>): AgreementInput {
  const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  const chosen = text('lawfulBasis');
  return {
    reference: text('reference'),
    title: text('title'),
    purpose: text('purpose'),
    lawfulBasis: chosen === otherBasis ? text('lawfulBasisOther') : chosen,
    startDate: text('startDate'),
    endDate: text('endDate'),
    reviewDate: text('reviewDate').trim() || null,
    status: text('status') as AgreementInput['status'],
    documentUrl: text('documentUrl').trim() || null,
    partyOrganisationIds: list(body.partyOrganisationIds),
    datasetIds: list(body.datasetIds),
  };
}

export function agreementHubRoutes(services: Services, renderer: Renderer): RouteDef[] {
  const db = services.database.db;
  return [
    {
      method: 'get',
      path: '/hub/agreements',
      access: 'partner',
      summary: 'Data-sharing agreements (partners see those their organisation is a party to)',
      handler: async (req, res) => {
        const viewer = await viewerOf(req, db);
        const today = services.today();
        const staff = isStaff(req);
        const rows = staff ? await services.agreements.list() : viewer.organisationId === null ? [] : await services.agreements.list({ partyOrganisationId: viewer.organisationId });
        await renderer.page(req, res, view('list'), {
          pageTitle: 'Data-sharing agreements',
          breadcrumbs: [{ text: 'Data hub', href: '/hub' }],
          agreements: rows.map((a) => ({ ...a, state: agreementState(a, today).text })),
          staff,
          isAdmin: req.user?.role === 'admin',
        });
      },
    },
    {
      method: 'get',
      path: '/hub/agreements/:id',
      access: 'partner',
      summary: 'A data-sharing agreement: parties, purpose, lawful basis, dates, status, and who can see what',
      handler: async (req, res) => {
        const id = Number(req.params.id);
        const result = Number.isInteger(id) && id > 0 ? await services.agreements.whoCanSeeWhat(id, services.today()) : null;
        if (!result) throw new NotFoundError();
        const viewer = await viewerOf(req, db);
        if (!isStaff(req) && !result.detail.parties.some((p) => p.id === viewer.organisationId)) throw new HttpError(403, 'Your organisation is not a party to this agreement');
        await renderer.page(req, res, view('agreement'), {
          pageTitle: `${result.detail.agreement.reference}: ${result.detail.agreement.title}`,
          breadcrumbs: [{ text: 'Data hub', href: '/hub' }, { text: 'Agreements', href: '/hub/agreements' }],
          detail: result.detail,
          matrix: result.matrix,
          isAdmin: req.user?.role === 'admin',
          statusItems: agreementStatuses.map((s) => ({ value: s, text: agreementStatusLabels[s], checked: s === result.detail.agreement.status })),
        });
      },
    },
  ];
}

export function agreementStaffRoutes(services: Services, renderer: Renderer): RouteDef[] {
  const db = services.database.db;

  async function showForm(req: Request, res: Response, options: { detail: AgreementDetail | null; values: Record<string, unknown>; errors: FieldError[] }, status = 200) {
    const organisations = await services.datasets.organisationChoices();
    const datasets = await services.datasets.all();
    const v = options.values;
    const chosen = (k: string) => new Set(list(v[k]).map(String));
    const basis = typeof v.lawfulBasis === 'string' ? v.lawfulBasis : '';
    const isCommon = (commonLawfulBases as readonly string[]).includes(basis);
    const basisChoice = basis === otherBasis || (basis !== '' && !isCommon) ? otherBasis : basis;
    await renderer.page(
      req,
      res,
      view('form'),
      {
        pageTitle: options.detail ? `Edit ${options.detail.agreement.reference}` : 'Record a data-sharing agreement',
        breadcrumbs: [{ text: 'Data hub', href: '/hub' }, { text: 'Agreements', href: '/hub/agreements' }],
        heading: options.detail ? `Edit ${options.detail.agreement.reference}` : 'Record a data-sharing agreement',
        action: req.originalUrl,
        cancel: options.detail ? `/hub/agreements/${options.detail.agreement.id}` : '/hub/agreements',
        values: { ...v, lawfulBasisOther: basis === otherBasis ? v.lawfulBasisOther : isCommon ? '' : basis },
        fieldErrors: errorsByField(options.errors),
        errorSummary: errorSummary(options.errors),
        basisItems: [...commonLawfulBases.map((b) => ({ value: b, text: b, checked: b === basisChoice })), { value: otherBasis, text: 'Another basis (write it below)', checked: basisChoice === otherBasis }],
        statusItems: agreementStatuses.map((s) => ({ value: s, text: agreementStatusLabels[s], checked: s === (v.status ?? 'draft') })),
        partyItems: organisations.map((o) => ({ value: String(o.id), text: o.name, checked: chosen('partyOrganisationIds').has(String(o.id)) })),
        datasetItems: datasets.map((d) => ({ value: String(d.id), text: `${d.name} (${d.ownerName})`, checked: chosen('datasetIds').has(String(d.id)) })),
      },
      status,
    );
  }

  const formValues = (input: AgreementInput): Record<string, unknown> => ({
    ...input,
    reviewDate: input.reviewDate ?? '',
    documentUrl: input.documentUrl ?? '',
    partyOrganisationIds: input.partyOrganisationIds.map(String),
    datasetIds: input.datasetIds.map(String),
  });

  async function byId(req: Request): Promise<AgreementDetail> {
    const id = Number(req.params.id);
    const detail = Number.isInteger(id) && id > 0 ? await services.agreements.detail(id) : null;
    if (!detail) throw new NotFoundError();
    return detail;
  }

  async function save(req: Request, res: Response, detail: AgreementDetail | null) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const input = agreementInputFromForm(body);
    const viewer = await viewerOf(req, db);
    try {
      const saved = detail
        ? await services.agreements.update(detail.agreement.id, input, actorOf(req), { organisationId: viewer.organisationId })
        : await services.agreements.create(input, actorOf(req), { organisationId: viewer.organisationId });
      res.redirect(303, `/hub/agreements/${saved.agreement.id}`);
    } catch (error) {
      if (error instanceof ValidationError) return showForm(req, res, { detail, values: body, errors: error.errors }, 400);
      throw error;
    }
  }

  return [
    { method: 'get', path: '/hub/agreements/new', access: 'admin', summary: 'Form: record a data-sharing agreement', handler: (req, res) => showForm(req, res, { detail: null, values: { status: 'draft' }, errors: [] }) },
    { method: 'post', path: '/hub/agreements/new', access: 'admin', summary: 'Record a data-sharing agreement (audited as an access change)', handler: (req, res) => save(req, res, null) },
    {
      method: 'get',
      path: '/hub/agreements/:id/edit',
      access: 'admin',
      summary: 'Form: change a data-sharing agreement',
      handler: async (req, res) => {
        const detail = await byId(req);
        return showForm(req, res, { detail, values: formValues(agreementInputOf(detail)), errors: [] });
      },
    },
    { method: 'post', path: '/hub/agreements/:id/edit', access: 'admin', summary: 'Change a data-sharing agreement (audited as an access change)', handler: async (req, res) => save(req, res, await byId(req)) },
    {
      method: 'post',
      path: '/hub/agreements/:id/status',
      access: 'admin',
      summary: 'Make an agreement draft, live, suspended or ended (audited as an access change, with the reason)',
      handler: async (req, res) => {
        const detail = await byId(req);
        const body = (req.body ?? {}) as Record<string, unknown>;
        const viewer = await viewerOf(req, db);
        try {
          await services.agreements.setStatus(detail.agreement.id, typeof body.status === 'string' ? body.status : '', actorOf(req), {
            organisationId: viewer.organisationId,
            reason: typeof body.reason === 'string' ? body.reason.slice(0, 2000) : null,
          });
        } catch (error) {
          if (error instanceof ValidationError) throw new HttpError(400, error.message);
          throw error;
        }
        res.redirect(303, `/hub/agreements/${detail.agreement.id}`);
      },
    },
  ];
}

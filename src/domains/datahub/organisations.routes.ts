// Staff pages for partner organisations (mounted under /staff): the list, one page per organisation
// with its people, memberships and users, and the admin forms to register, edit, close, add people and
// end memberships. Signed-in staff read; admins change. Bad input comes back with the GOV.UK error summary.
import type { Request, Response } from 'express';
import { actorOf } from '../../platform/auth/actor.ts';
import { readCookie } from '../../platform/http/cookies.ts';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { errorsByField, errorSummary, formDefaults, options, parseForm, type FieldSpec, type FormValues } from '../../platform/http/forms.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { RouteDef } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { organisationTypes } from './datahub.tables.ts';
import { organisationTypeLabels, type Organisation } from './organisations.service.ts';

const base = '/hub/organisations';
const flashCookie = 'sp_hub_flash';
const flashPath = '/staff/hub';
const view = (name: string) => `domains/datahub/views/organisations/${name}.njk`;

export const organisationFields: FieldSpec[] = [
  { name: 'name', label: 'Name', kind: 'text', required: true, maxLength: 200 },
  {
    name: 'orgId',
    label: 'Organisation identifier',
    kind: 'text',
    required: true,
    maxLength: 120,
    hint: 'In the org-id.guide form: the list code, then the identifier in that list, like GB-LAE-LUT (a council), GB-CHC-1091263 (a charity), GB-COH-01234567 (a company) or GB-NHS-QHG (an NHS body)',
  },
  { name: 'type', label: 'Type', kind: 'select', required: true, options: options(organisationTypes, (t) => organisationTypeLabels[t as keyof typeof organisationTypeLabels] ?? t) },
  { name: 'website', label: 'Website', kind: 'url', maxLength: 500 },
];

const memberFields: FieldSpec[] = [
  { name: 'name', label: 'Name', kind: 'text', required: true, maxLength: 200 },
  { name: 'email', label: 'Email address', kind: 'text', maxLength: 200 },
  { name: 'role', label: 'Role', kind: 'text', required: true, maxLength: 200, hint: 'For example, Data steward' },
  { name: 'fromDate', label: 'From date', kind: 'date' },
];

const membershipFields = (people: { id: number; name: string; email: string | null }[]): FieldSpec[] => [
  { name: 'personId', label: 'Person', kind: 'select', required: true, options: people.map((p) => ({ value: String(p.id), text: p.email ? `${p.name} (${p.email})` : p.name })) },
  { name: 'membershipRole', label: 'Role', kind: 'text', required: true, maxLength: 200 },
  { name: 'membershipFromDate', label: 'From date', kind: 'date' },
];

const endFields: FieldSpec[] = [{ name: 'toDate', label: 'To date', kind: 'date', required: true }];

const text = (v: FormValues[string] | undefined) => (typeof v === 'string' ? v : '');
const href = (o: Pick<Organisation, 'orgId'>) => `/staff${base}/${encodeURIComponent(o.orgId)}`;

export function organisationRoutes(services: Services, renderer: Renderer): RouteDef[] {
  const service = services.organisations;

  async function page(req: Request, res: Response, template: string, context: Record<string, unknown>, status = 200) {
    const flash = readCookie(req, flashCookie);
    if (flash) res.clearCookie(flashCookie, { path: flashPath });
    await renderer.page(req, res, template, { flash, isAdmin: req.user?.role === 'admin', ...context }, status);
  }

  function done(res: Response, message: string, to: string) {
    res.cookie(flashCookie, message, { httpOnly: true, sameSite: 'lax', path: flashPath, maxAge: 60_000 });
    res.redirect(303, to);
  }

  async function organisationOf(req: Request): Promise<Organisation> {
    const orgId = String(req.params.orgId ?? '');
    const found = await service.findByOrgId(orgId);
    if (!found) throw new NotFoundError(`No organisation has the identifier ${orgId}`);
    return found;
  }

  const crumbs = [
    { text: 'Staff area', href: '/staff' },
    { text: 'Partner organisations', href: `/staff${base}` },
  ];

  async function showForm(req: Request, res: Response, options: { title: string; caption?: string; cancel: string; values: Record<string, string>; errors: FieldError[]; submitText: string }, status = 200) {
    await page(
      req,
      res,
      'domains/staff/views/form.njk',
      {
        pageTitle: options.title,
        breadcrumbs: crumbs,
        heading: { title: options.title, caption: options.caption, cancel: options.cancel },
        fields: organisationFields,
        values: options.values,
        fieldErrors: errorsByField(options.errors),
        errorSummary: errorSummary(options.errors),
        action: req.originalUrl,
        submitText: options.submitText,
      },
      status,
    );
  }

  /** The organisation page; a failed form on it is shown again with its errors (`form` names which). */
  async function showOrganisation(req: Request, res: Response, organisation: Organisation, failed: { form: string; values: Record<string, string>; errors: FieldError[]; membershipId?: number } | null = null) {
    const [memberRows, userRows, people] = await Promise.all([service.membershipsOf(organisation.id), service.usersOf(organisation.id), service.listPeople()]);
    const errors = failed?.errors ?? [];
    const summary = failed?.form === 'end' ? errors.map((e) => ({ text: e.text, href: `#end-${failed.membershipId}` })) : errorSummary(errors);
    await page(
      req,
      res,
      view('show'),
      {
        pageTitle: organisation.name,
        breadcrumbs: crumbs,
        organisation,
        typeLabel: organisationTypeLabels[organisation.type] ?? organisation.type,
        memberships: memberRows,
        users: userRows,
        base: href(organisation),
        memberFields,
        membershipFields: membershipFields(people),
        hasPeople: people.length > 0,
        // Each form on the page gets back its own values and errors only.
        forms: Object.fromEntries(
          ['member', 'membership', 'end'].map((name) => [
            name,
            failed?.form === name ? { values: failed.values, fieldErrors: errorsByField(errors), membershipId: failed.membershipId ?? null } : { values: {}, fieldErrors: {}, membershipId: null },
          ]),
        ),
        errorSummary: summary,
      },
      errors.length ? 400 : 200,
    );
  }

  /** Runs a change; a ValidationError re-shows the organisation page with the form's errors. */
  async function change(req: Request, res: Response, organisation: Organisation, form: string, raw: Record<string, string>, work: () => Promise<string>, membershipId?: number) {
    try {
      done(res, await work(), href(organisation));
    } catch (error) {
      if (error instanceof ValidationError) {
        // The service names its own fields; the existing-person form's fields have their own names on the page.
        const renamed: Record<string, string> = form === 'membership' ? { role: 'membershipRole', fromDate: 'membershipFromDate', toDate: 'membershipFromDate' } : {};
        const errors = error.errors.map((e) => ({ ...e, field: renamed[e.field] ?? e.field }));
        return showOrganisation(req, res, organisation, { form, values: raw, errors, ...(membershipId ? { membershipId } : {}) });
      }
      throw error;
    }
  }

  return [
    {
      method: 'get',
      path: base,
      access: 'signed-in',
      summary: 'Partner organisations: identifiers, types, open or closed',
      handler: async (req, res) => {
        const list = await service.list();
        await page(req, res, view('list'), {
          pageTitle: 'Partner organisations',
          breadcrumbs: [{ text: 'Staff area', href: '/staff' }],
          organisations: list.map((o) => ({ ...o, href: href(o), typeLabel: organisationTypeLabels[o.type] ?? o.type })),
        });
      },
    },
    {
      method: 'get',
      path: `${base}/new`,
      access: 'admin',
      summary: 'Form: register a partner organisation',
      handler: async (req, res) => showForm(req, res, { title: 'Register an organisation', cancel: `/staff${base}`, values: formDefaults(organisationFields, null), errors: [], submitText: 'Register' }),
    },
    {
      method: 'post',
      path: `${base}/new`,
      access: 'admin',
      summary: 'Register a partner organisation',
      handler: async (req, res) => {
        const { values, errors, raw } = parseForm(organisationFields, req.body);
        const form = { title: 'Register an organisation', cancel: `/staff${base}`, values: raw, submitText: 'Register' };
        if (errors.length) return showForm(req, res, { ...form, errors }, 400);
        try {
          const created = await service.create(actorOf(req), { orgId: text(values.orgId), name: text(values.name), type: text(values.type), website: text(values.website) || null });
          done(res, `Registered ${created.name} (${created.orgId})`, href(created));
        } catch (error) {
          if (error instanceof ValidationError) return showForm(req, res, { ...form, errors: error.errors }, 400);
          throw error;
        }
      },
    },
    {
      method: 'get',
      path: `${base}/:orgId`,
      access: 'signed-in',
      summary: 'A partner organisation: its people, memberships and users',
      handler: async (req, res) => showOrganisation(req, res, await organisationOf(req)),
    },
    {
      method: 'get',
      path: `${base}/:orgId/edit`,
      access: 'admin',
      summary: 'Form: change a partner organisation',
      handler: async (req, res) => {
        const organisation = await organisationOf(req);
        await showForm(req, res, { title: 'Change the organisation', caption: organisation.name, cancel: href(organisation), values: formDefaults(organisationFields, organisation), errors: [], submitText: 'Save' });
      },
    },
    {
      method: 'post',
      path: `${base}/:orgId/edit`,
      access: 'admin',
      summary: 'Change a partner organisation (audited)',
      handler: async (req, res) => {
        const organisation = await organisationOf(req);
        const { values, errors, raw } = parseForm(organisationFields, req.body);
        const form = { title: 'Change the organisation', caption: organisation.name, cancel: href(organisation), values: raw, submitText: 'Save' };
        if (errors.length) return showForm(req, res, { ...form, errors }, 400);
        try {
          const saved = await service.update(actorOf(req), organisation.id, { orgId: text(values.orgId), name: text(values.name), type: text(values.type), website: text(values.website) || null });
          done(res, 'Organisation saved', href(saved));
        } catch (error) {
          if (error instanceof ValidationError) return showForm(req, res, { ...form, errors: error.errors }, 400);
          throw error;
        }
      },
    },
    {
      method: 'post',
      path: `${base}/:orgId/close`,
      access: 'admin',
      summary: 'Close a partner organisation (its users then act for none) or reopen it',
      handler: async (req, res) => {
        const organisation = await organisationOf(req);
        const close = (req.body as Record<string, unknown>).closed === 'true';
        await service.setClosed(actorOf(req), organisation.id, close);
        done(res, close ? `${organisation.name} is closed: its users now act for no organisation` : `${organisation.name} is open again`, href(organisation));
      },
    },
    {
      method: 'post',
      path: `${base}/:orgId/members`,
      access: 'admin',
      summary: 'Add a person and their role in a partner organisation',
      handler: async (req, res) => {
        const organisation = await organisationOf(req);
        const { values, errors, raw } = parseForm(memberFields, req.body);
        if (errors.length) return showOrganisation(req, res, organisation, { form: 'member', values: raw, errors });
        await change(req, res, organisation, 'member', raw, async () => {
          const { person } = await service.addMember(actorOf(req), organisation.id, { name: text(values.name), email: text(values.email) || null, role: text(values.role), fromDate: text(values.fromDate) || null });
          return `Added ${person.name}`;
        });
      },
    },
    {
      method: 'post',
      path: `${base}/:orgId/memberships`,
      access: 'admin',
      summary: 'Give a person already registered a role in a partner organisation',
      handler: async (req, res) => {
        const organisation = await organisationOf(req);
        const fields = membershipFields(await service.listPeople());
        const { values, errors, raw } = parseForm(fields, req.body);
        if (errors.length) return showOrganisation(req, res, organisation, { form: 'membership', values: raw, errors });
        await change(req, res, organisation, 'membership', raw, async () => {
          await service.addMembership(actorOf(req), { personId: Number(values.personId), organisationId: organisation.id, role: text(values.membershipRole), fromDate: text(values.membershipFromDate) || null });
          return 'Membership added';
        });
      },
    },
    {
      method: 'post',
      path: `${base}/:orgId/memberships/:membershipId/end`,
      access: 'admin',
      summary: 'End a membership on a date (kept in the history)',
      handler: async (req, res) => {
        const organisation = await organisationOf(req);
        const membershipId = Number(req.params.membershipId);
        if (!Number.isInteger(membershipId) || membershipId <= 0) throw new NotFoundError();
        const membership = await service.getMembership(membershipId);
        if (membership.organisationId !== organisation.id) throw new NotFoundError();
        const { values, errors, raw } = parseForm(endFields, req.body);
        if (errors.length) return showOrganisation(req, res, organisation, { form: 'end', values: raw, errors, membershipId });
        await change(req, res, organisation, 'end', raw, async () => {
          await service.endMembership(actorOf(req), membershipId, text(values.toDate));
          return `Membership ended on ${text(values.toDate)}`;
        }, membershipId);
      },
    },
  ];
}

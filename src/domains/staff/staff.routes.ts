// The staff area: run the plan. Reading needs any signed-in role; changing needs editor; users and
// office settings need admin. Every change goes through a service that audits it in its transaction.
import type { Request, Response } from 'express';
import { actorOf } from '../../platform/auth/actor.ts';
import { listAuditEvents } from '../../platform/audit/audit.service.ts';
import { roles } from '../../platform/auth/auth.tables.ts';
import { readCookie } from '../../platform/http/cookies.ts';
import type { Csrf } from '../../platform/http/csrf.ts';
import { HttpError, NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { errorsByField, errorSummary, formDefaults, options, parseForm, type FieldSpec, type FormValues } from '../../platform/http/forms.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { Access, RouteDef } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { baselineFields, measureFields, observationFields, processChangeFields, targetFields, targetStatusLabels, assuranceDescriptions, variationDescriptions, type MeasureStatus } from '../measures/index.ts';
import { readObservationsCsv, validateObservations, type InputProblem, type RawObservation } from '../measures/index.ts';
import type { TargetKind } from '../measures/index.ts';
import { viewerOf } from '../datahub/index.ts';
import { contrastWithWhite, officeFields } from '../office/index.ts';
import { horizonLabels, missionFields, objectiveFields, objectiveStatusFields, planFields, stageFields, statusLabels } from '../plan/index.ts';
import type { ObjectiveStatus } from '../plan/index.ts';
import { presentMeasure } from '../public-site/index.ts';
import { readUpload } from './upload.ts';

export { actorOf };

const views = (name: string) => `domains/staff/views/${name}.njk`;
const flashCookie = 'sp_flash';

function idParam(req: Request, name: string): number {
  const id = Number(req.params[name]);
  if (!Number.isInteger(id) || id <= 0) throw new NotFoundError();
  return id;
}

function flash(res: Response, message: string) {
  res.cookie(flashCookie, message, { httpOnly: true, sameSite: 'lax', path: '/staff', maxAge: 60_000 });
}

/** Problems with input rows, for the GOV.UK error summary: "File x.csv, row 3, column value: …". */
export function describeProblems(problems: InputProblem[], fileName: string | null) {
  return problems.map((p) => {
    const where = [fileName ? `File ${fileName}` : null, p.row !== null ? `row ${p.row}` : null, p.column ? `column ${p.column}` : null].filter(Boolean).join(', ');
    return { text: where ? `${where}: ${p.message}` : p.message, href: '#file' };
  });
}

export function staffRoutes(services: Services, renderer: Renderer, csrf: Csrf): RouteDef[] {
  const { plan: planService, measures: measureService } = services;

  async function page(req: Request, res: Response, template: string, context: Record<string, unknown>, status = 200) {
    const message = readCookie(req, flashCookie);
    if (message) res.clearCookie(flashCookie, { path: '/staff' });
    const canEdit = req.user?.role === 'editor' || req.user?.role === 'admin';
    await renderer.page(req, res, views(template), { flash: message, canEdit, isAdmin: req.user?.role === 'admin', ...context }, status);
  }

  interface FormPage {
    path: string;
    access: Access;
    summary: string;
    fields: FieldSpec[] | ((req: Request) => Promise<FieldSpec[]>);
    heading: (req: Request) => Promise<{ title: string; caption?: string; cancel: string; breadcrumbs?: { text: string; href: string }[] }>;
    defaults: (req: Request) => Promise<Record<string, unknown> | null>;
    save: (req: Request, values: FormValues) => Promise<string>; // returns where to go next
    submitText?: string;
    flashText?: string;
  }

  /** A GET that shows a form and a POST that validates and saves it, re-showing errors in place. */
  function formPage(spec: FormPage): RouteDef[] {
    const fieldsFor = async (req: Request) => (typeof spec.fields === 'function' ? spec.fields(req) : spec.fields);
    const show = async (req: Request, res: Response, values: Record<string, string>, errors: FieldError[], status = 200) => {
      const heading = await spec.heading(req);
      await page(req, res, 'form', {
        pageTitle: heading.title,
        heading,
        fields: await fieldsFor(req),
        values,
        fieldErrors: errorsByField(errors),
        errorSummary: errorSummary(errors),
        action: req.originalUrl,
        submitText: spec.submitText ?? 'Save',
      }, status);
    };
    return [
      {
        method: 'get',
        path: spec.path,
        access: spec.access === 'admin' ? 'admin' : 'editor',
        summary: `Form: ${spec.summary}`,
        handler: async (req, res) => show(req, res, formDefaults(await fieldsFor(req), await spec.defaults(req)), []),
      },
      {
        method: 'post',
        path: spec.path,
        access: spec.access,
        summary: spec.summary,
        handler: async (req, res) => {
          const fields = await fieldsFor(req);
          const { values, errors, raw } = parseForm(fields, req.body);
          if (errors.length) return show(req, res, raw, errors, 400);
          try {
            const next = await spec.save(req, values);
            flash(res, spec.flashText ?? 'Saved');
            res.redirect(303, next);
          } catch (error) {
            if (error instanceof ValidationError) return show(req, res, raw, error.errors, 400);
            throw error;
          }
        },
      },
    ];
  }

  async function planOf(req: Request) {
    return planService.getPlanById(idParam(req, 'planId'));
  }

  const n = (v: FormValues[string] | undefined) => (typeof v === 'number' ? v : null);
  const s = (v: FormValues[string] | undefined) => (typeof v === 'string' ? v : null);
  const text = (v: FormValues[string] | undefined) => (typeof v === 'string' ? v : '');

  const planValues = (v: FormValues) => ({
    title: text(v.title),
    subtitle: text(v.subtitle),
    slug: text(v.slug),
    commissioner: text(v.commissioner),
    periodStart: text(v.periodStart),
    periodEnd: text(v.periodEnd),
    summary: text(v.summary),
    sourceDocument: text(v.sourceDocument),
    forceAreaCode: s(v.forceAreaCode) || null,
  });
  const missionValues = (v: FormValues) => ({
    title: text(v.title),
    slug: text(v.slug),
    kind: text(v.kind) as 'mission' | 'foundation',
    summary: text(v.summary),
    purpose: text(v.purpose),
    lead: text(v.lead),
    position: n(v.position) ?? 0,
  });
  const objectiveValues = (v: FormValues) => ({
    ref: text(v.ref),
    text: text(v.text),
    horizon: text(v.horizon) as 'first_six_months' | 'rest_of_term',
    dueDate: s(v.dueDate),
    owner: text(v.owner),
    position: n(v.position) ?? 0,
  });
  const measureValues = (v: FormValues) => ({
    title: text(v.title),
    slug: text(v.slug),
    definition: text(v.definition),
    unit: text(v.unit),
    polarity: text(v.polarity) as 'higher_is_better' | 'lower_is_better' | 'neutral',
    frequency: text(v.frequency) as 'month' | 'quarter' | 'year' | 'financial_year' | 'ad_hoc',
    geography: text(v.geography) as 'force_area' | 'local_authority' | 'lsoa' | 'hotspot',
    source: text(v.source),
    dataNeeded: text(v.dataNeeded),
    interpretation: s(v.interpretation) || null,
    decimals: n(v.decimals) ?? 1,
    rateBase: n(v.rateBase),
    rateDenominator: (s(v.rateDenominator) || 'observation') as 'observation' | 'population',
    position: n(v.position) ?? 0,
  });

  const publishRoute = (path: string, entity: 'plan' | 'mission' | 'objective' | 'measure', back: (id: number) => string): RouteDef => ({
    method: 'post',
    path,
    access: 'editor',
    summary: `Publish or unpublish a ${entity}`,
    handler: async (req, res) => {
      const id = idParam(req, 'id');
      const publish = (req.body as Record<string, unknown>).publish === 'true';
      if (entity === 'measure') await measureService.setPublished(actorOf(req), id, publish);
      else await planService.setPublished(actorOf(req), entity, id, publish);
      flash(res, publish ? 'Published: it is now on the public site' : 'Unpublished: it is no longer on the public site');
      res.redirect(303, back(id));
    },
  });

  async function showMeasure(req: Request, res: Response, id: number, extra: Record<string, unknown> = {}, status = 200) {
    const measure = await measureService.getMeasureById(id);
    const mission = await planService.getMissionById(measure.missionId);
    const plan = await planService.getPlanById(mission.planId);
    const [detail, history, placeList, processChanges] = await Promise.all([measureService.detail(measure), measureService.history(id), services.places.list(), measureService.processChanges(id)]);
    await page(
      req,
      res,
      'measure',
      {
        pageTitle: measure.title,
        breadcrumbs: [
          { text: 'Staff area', href: '/staff' },
          { text: plan.title, href: `/staff/plans/${plan.id}` },
          { text: mission.title, href: `/staff/missions/${mission.id}` },
        ],
        plan,
        mission,
        view: presentMeasure(measure, detail, { planStart: plan.periodStart, status: (await measureService.statuses([measure], plan, services.today())).get(measure.id) ?? null }),
        variationDescriptions,
        assuranceDescriptions,
        history,
        places: placeList,
        observationFields,
        baselineFields,
        targetFields,
        processChangeFields,
        processChanges,
        crimeFeed: await services.crimeAnalysis.feedPanel(id),
        datasetFeed: await services.datasetFeeds.feedPanel(id, await viewerOf(req, services.database.db)),
        values: {},
        fieldErrors: {},
        maxUploadMb: (services.config.maxUploadBytes / 1024 / 1024).toFixed(0),
        ...extra,
      },
      status,
    );
  }

  async function storeObservations(req: Request, res: Response, measureId: number, raws: { row: number | null; values: RawObservation }[], source: 'form' | 'csv', fileName: string | null) {
    const measure = await measureService.getMeasureById(measureId);
    const { valid, problems } = validateObservations(raws, await measureService.validationContext(measure));
    if (problems.length) return problems;
    const summary = await measureService.addObservations(actorOf(req), measureId, valid, source, fileName);
    flash(
      res,
      summary.batchId === null
        ? `Nothing changed: all ${summary.unchanged} row${summary.unchanged === 1 ? ' is' : 's are'} already stored with the same values`
        : `${fileName ? `Uploaded ${fileName}: ` : ''}${summary.added} new, ${summary.revised} revised (earlier values kept in history), ${summary.unchanged} unchanged`,
    );
    res.redirect(303, `/staff/measures/${measureId}#data`);
    return null;
  }

  const problemLimit = 100;
  const pendingPasswords = new Map<string, { email: string; password: string }>();
  const roleLabels: Record<string, string> = {
    admin: 'Admin: everything, including users and settings',
    editor: 'Editor: change the plan and its data',
    viewer: 'Viewer: read the staff area',
    partner: "Partner: a partner organisation's user; the partner data hub only, never the staff area",
  };
  // The organisation select lists open organisations; it is required for partners (checked by the service).
  async function userFromPath(req: Request) {
    const id = Number(req.params.id);
    const user = Number.isSafeInteger(id) ? (await services.auth.listUsers()).find((u) => u.id === id) : undefined;
    if (!user) throw new NotFoundError(`No user has the id ${String(req.params.id)}`);
    return user;
  }

  const userFields = async (): Promise<FieldSpec[]> => [
    { name: 'email', label: 'Email address', kind: 'text', required: true, maxLength: 200 },
    { name: 'displayName', label: 'Name', kind: 'text', required: true, maxLength: 120 },
    { name: 'role', label: 'Role', kind: 'select', required: true, options: options(roles, (r) => roleLabels[r] ?? r) },
    {
      name: 'organisation',
      label: 'Organisation they act for',
      kind: 'select',
      hint: "Required for partners: their organisation. Staff act for the office's organisation, or none (then they see only public partner data).",
      options: (await services.organisations.list({ includeClosed: false })).map((o) => ({ value: o.orgId, text: `${o.name} (${o.orgId})` })),
    },
  ];

  return [
    {
      method: 'get',
      path: '/',
      access: 'signed-in',
      summary: 'Staff dashboard: the current plan, all plans and recent changes',
      handler: async (req, res) => {
        const [overview, planList] = await Promise.all([planService.overview('all'), planService.listPlans()]);
        const recent = overview ? await listAuditEvents(services.database.db, { planId: overview.plan.id, limit: 10 }) : [];
        const measureRows = overview ? await measureService.listMeasures(overview.plan.id, 'all') : [];
        const statuses: Map<number, MeasureStatus> = overview ? await measureService.statuses(measureRows.map((r) => r.measure), overview.plan, services.today()) : new Map();
        // Measures whose latest point is a special cause, or whose status changed with the latest point.
        const watch = measureRows.flatMap((r) => {
          const status = statuses.get(r.measure.id);
          if (!status) return [];
          const notes: string[] = [];
          for (const s of status.series) {
            const latest = s.spc.points.at(-1);
            if (latest && latest.classification !== 'common') notes.push(`${s.placeName}: the latest value (${s.points.at(-1)?.period}) is a special cause: ${s.spc.variationLabel}`);
          }
          const h = status.headline;
          if (h && h.previousStatus && h.previousStatus !== h.status.status) notes.push(`Status changed with the latest value: ${targetStatusLabels[h.previousStatus]} → ${h.statusLabel}`);
          return notes.length ? [{ measure: r.measure, notes }] : [];
        });
        await page(req, res, 'dashboard', { pageTitle: 'Staff area', overview, plans: planList, recent, watch });
      },
    },
    ...formPage({
      path: '/plans/new',
      access: 'editor',
      summary: 'Create a plan',
      fields: planFields,
      heading: async () => ({ title: 'Create a plan', cancel: '/staff' }),
      defaults: async () => null,
      save: async (req, v) => `/staff/plans/${(await planService.createPlan(actorOf(req), planValues(v))).id}`,
      flashText: 'Plan created as a draft',
    }),
    {
      method: 'get',
      path: '/plans/:planId',
      access: 'signed-in',
      summary: 'A plan with its stages and missions, drafts included',
      handler: async (req, res) => {
        const plan = await planOf(req);
        const [stages, missionList] = await Promise.all([planService.stagesOf(plan.id), planService.missionSummaries(plan.id, 'all')]);
        await page(req, res, 'plan', { pageTitle: plan.title, breadcrumbs: [{ text: 'Staff area', href: '/staff' }], plan, stages, missions: missionList });
      },
    },
    ...formPage({
      path: '/plans/:planId/edit',
      access: 'editor',
      summary: 'Edit a plan',
      fields: planFields,
      heading: async (req) => {
        const plan = await planOf(req);
        return { title: 'Edit the plan', caption: plan.title, cancel: `/staff/plans/${plan.id}` };
      },
      defaults: planOf,
      save: async (req, v) => {
        const id = idParam(req, 'planId');
        await planService.updatePlan(actorOf(req), id, planValues(v));
        return `/staff/plans/${id}`;
      },
    }),
    publishRoute('/plans/:id/publish', 'plan', (id) => `/staff/plans/${id}`),
    {
      method: 'post',
      path: '/plans/:planId/make-current',
      access: 'editor',
      summary: 'Make a plan the current one (the one the public site shows)',
      handler: async (req, res) => {
        const id = idParam(req, 'planId');
        await planService.makeCurrent(actorOf(req), id);
        flash(res, 'This is now the current plan');
        res.redirect(303, `/staff/plans/${id}`);
      },
    },
    {
      method: 'get',
      path: '/plans/:planId/history',
      access: 'signed-in',
      summary: "The plan's change history: who changed what, when",
      handler: async (req, res) => {
        const plan = await planOf(req);
        const events = await listAuditEvents(services.database.db, { planId: plan.id, limit: 1000 });
        await page(req, res, 'history', { pageTitle: `Change history: ${plan.title}`, breadcrumbs: [{ text: 'Staff area', href: '/staff' }, { text: plan.title, href: `/staff/plans/${plan.id}` }], plan, events });
      },
    },
    ...formPage({
      path: '/plans/:planId/stages/new',
      access: 'editor',
      summary: 'Add a stage to a plan',
      fields: stageFields,
      heading: async (req) => ({ title: 'Add a stage', caption: (await planOf(req)).title, cancel: `/staff/plans/${idParam(req, 'planId')}` }),
      defaults: async () => null,
      save: async (req, v) => {
        const planId = idParam(req, 'planId');
        await planService.createStage(actorOf(req), planId, { name: text(v.name), periodStart: text(v.periodStart), periodEnd: text(v.periodEnd), description: text(v.description), position: n(v.position) ?? 0 });
        return `/staff/plans/${planId}`;
      },
    }),
    ...formPage({
      path: '/stages/:id/edit',
      access: 'editor',
      summary: 'Edit a stage',
      fields: stageFields,
      heading: async (req) => {
        const stage = await planService.getStage(idParam(req, 'id'));
        return { title: 'Edit the stage', caption: stage.name, cancel: `/staff/plans/${stage.planId}` };
      },
      defaults: (req) => planService.getStage(idParam(req, 'id')),
      save: async (req, v) => {
        const stage = await planService.updateStage(actorOf(req), idParam(req, 'id'), { name: text(v.name), periodStart: text(v.periodStart), periodEnd: text(v.periodEnd), description: text(v.description), position: n(v.position) ?? 0 });
        return `/staff/plans/${stage.planId}`;
      },
    }),
    ...formPage({
      path: '/plans/:planId/missions/new',
      access: 'editor',
      summary: 'Add a mission to a plan',
      fields: missionFields,
      heading: async (req) => ({ title: 'Add a mission', caption: (await planOf(req)).title, cancel: `/staff/plans/${idParam(req, 'planId')}` }),
      defaults: async () => ({ kind: 'mission' }),
      save: async (req, v) => `/staff/missions/${(await planService.createMission(actorOf(req), idParam(req, 'planId'), missionValues(v))).id}`,
      flashText: 'Mission added as a draft',
    }),
    {
      method: 'get',
      path: '/missions/:id',
      access: 'signed-in',
      summary: 'A mission with its objectives and measures, drafts included',
      handler: async (req, res) => {
        const mission = await planService.getMissionById(idParam(req, 'id'));
        const plan = await planService.getPlanById(mission.planId);
        const [objectiveList, measureList] = await Promise.all([planService.objectivesOf(mission.id, 'all'), measureService.measuresOfMission(mission.id, 'all')]);
        await page(req, res, 'mission', {
          pageTitle: mission.title,
          breadcrumbs: [{ text: 'Staff area', href: '/staff' }, { text: plan.title, href: `/staff/plans/${plan.id}` }],
          plan,
          mission,
          objectives: objectiveList,
          measures: measureList,
          horizonLabels,
          statusLabels,
        });
      },
    },
    ...formPage({
      path: '/missions/:id/edit',
      access: 'editor',
      summary: 'Edit a mission',
      fields: missionFields,
      heading: async (req) => {
        const mission = await planService.getMissionById(idParam(req, 'id'));
        return { title: 'Edit the mission', caption: mission.title, cancel: `/staff/missions/${mission.id}` };
      },
      defaults: (req) => planService.getMissionById(idParam(req, 'id')),
      save: async (req, v) => {
        const id = idParam(req, 'id');
        await planService.updateMission(actorOf(req), id, missionValues(v));
        return `/staff/missions/${id}`;
      },
    }),
    publishRoute('/missions/:id/publish', 'mission', (id) => `/staff/missions/${id}`),
    ...formPage({
      path: '/missions/:id/objectives/new',
      access: 'editor',
      summary: 'Add an objective to a mission',
      fields: objectiveFields,
      heading: async (req) => ({ title: 'Add an objective', caption: (await planService.getMissionById(idParam(req, 'id'))).title, cancel: `/staff/missions/${idParam(req, 'id')}` }),
      defaults: async () => ({ horizon: 'first_six_months' }),
      save: async (req, v) => `/staff/objectives/${(await planService.createObjective(actorOf(req), idParam(req, 'id'), objectiveValues(v))).id}`,
      flashText: 'Objective added as a draft',
    }),
    {
      method: 'get',
      path: '/objectives/:id',
      access: 'signed-in',
      summary: "An objective with its status timeline and the form to record a status change",
      handler: async (req, res) => showObjective(req, res, idParam(req, 'id'), {}, []),
    },
    ...formPage({
      path: '/objectives/:id/edit',
      access: 'editor',
      summary: 'Edit an objective',
      fields: objectiveFields,
      heading: async (req) => {
        const objective = await planService.getObjectiveById(idParam(req, 'id'));
        return { title: `Edit objective ${objective.ref}`, cancel: `/staff/objectives/${objective.id}` };
      },
      defaults: (req) => planService.getObjectiveById(idParam(req, 'id')),
      save: async (req, v) => {
        const id = idParam(req, 'id');
        await planService.updateObjective(actorOf(req), id, objectiveValues(v));
        return `/staff/objectives/${id}`;
      },
    }),
    {
      method: 'post',
      path: '/objectives/:id/status',
      access: 'editor',
      summary: "Record an objective's status change with a narrative and evidence link",
      handler: async (req, res) => {
        const id = idParam(req, 'id');
        const { values, errors, raw } = parseForm(objectiveStatusFields, req.body);
        if (errors.length) return showObjective(req, res, id, raw, errors, 400);
        await planService.recordObjectiveStatus(actorOf(req), id, {
          status: text(values.status) as ObjectiveStatus,
          narrative: text(values.narrative),
          evidenceUrl: s(values.evidenceUrl),
          effectiveDate: text(values.effectiveDate),
        });
        flash(res, `Status recorded: ${statusLabels[text(values.status)] ?? values.status}`);
        res.redirect(303, `/staff/objectives/${id}`);
      },
    },
    publishRoute('/objectives/:id/publish', 'objective', (id) => `/staff/objectives/${id}`),
    ...formPage({
      path: '/missions/:id/measures/new',
      access: 'editor',
      summary: 'Add a measure to a mission',
      fields: measureFields,
      heading: async (req) => ({ title: 'Add a measure', caption: (await planService.getMissionById(idParam(req, 'id'))).title, cancel: `/staff/missions/${idParam(req, 'id')}` }),
      defaults: async () => ({ polarity: 'neutral', frequency: 'month', geography: 'force_area', decimals: 1 }),
      save: async (req, v) => `/staff/measures/${(await measureService.createMeasure(actorOf(req), idParam(req, 'id'), measureValues(v))).id}`,
      flashText: 'Measure added as a draft',
    }),
    {
      method: 'get',
      path: '/measures/:id',
      access: 'signed-in',
      summary: 'A measure with its chart, baselines, targets, data entry, upload and history',
      handler: async (req, res) => showMeasure(req, res, idParam(req, 'id')),
    },
    ...formPage({
      path: '/measures/:id/edit',
      access: 'editor',
      summary: 'Edit a measure',
      fields: measureFields,
      heading: async (req) => {
        const measure = await measureService.getMeasureById(idParam(req, 'id'));
        return { title: 'Edit the measure', caption: measure.title, cancel: `/staff/measures/${measure.id}` };
      },
      defaults: (req) => measureService.getMeasureById(idParam(req, 'id')),
      save: async (req, v) => {
        const id = idParam(req, 'id');
        await measureService.updateMeasure(actorOf(req), id, measureValues(v));
        return `/staff/measures/${id}`;
      },
    }),
    publishRoute('/measures/:id/publish', 'measure', (id) => `/staff/measures/${id}`),
    {
      method: 'post',
      path: '/measures/:id/baselines',
      access: 'editor',
      summary: 'Set a baseline for a measure and place',
      handler: async (req, res) => {
        const id = idParam(req, 'id');
        const { values, errors, raw } = parseForm(baselineFields, req.body);
        const placeCode = text(values.placeCode).toUpperCase();
        try {
          if (errors.length) throw new ValidationError(errors);
          await measureService.setBaseline(actorOf(req), id, { placeCode, value: n(values.value), period: s(values.period) || null, asWritten: text(values.asWritten) });
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return showMeasure(req, res, id, { baselineValues: raw, baselineErrors: errorsByField(error.errors), errorSummary: errorSummary(error.errors) }, 400);
        }
        flash(res, 'Baseline saved');
        res.redirect(303, `/staff/measures/${id}`);
      },
    },
    {
      method: 'post',
      path: '/measures/:id/targets',
      access: 'editor',
      summary: 'Add a target to a measure',
      handler: async (req, res) => {
        const id = idParam(req, 'id');
        const { values, errors, raw } = parseForm(targetFields, req.body);
        try {
          if (errors.length) throw new ValidationError(errors);
          await measureService.addTarget(actorOf(req), id, { kind: text(values.kind) as TargetKind, value: n(values.value), byDate: s(values.byDate), asWritten: text(values.asWritten) });
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return showMeasure(req, res, id, { targetValues: raw, targetErrors: errorsByField(error.errors), errorSummary: errorSummary(error.errors) }, 400);
        }
        flash(res, 'Target added');
        res.redirect(303, `/staff/measures/${id}`);
      },
    },
    {
      method: 'post',
      path: '/measures/:id/process-changes',
      access: 'editor',
      summary: 'Mark a process change from a period on (SPC limits are recalculated from there)',
      handler: async (req, res) => {
        const id = idParam(req, 'id');
        const { values, errors, raw } = parseForm(processChangeFields, req.body);
        try {
          if (errors.length) throw new ValidationError(errors);
          await measureService.addProcessChange(actorOf(req), id, { period: text(values.period), reason: text(values.reason) });
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return showMeasure(req, res, id, { processValues: raw, processErrors: errorsByField(error.errors), errorSummary: errorSummary(error.errors) }, 400);
        }
        flash(res, 'Process change recorded: the limits are recalculated from that period');
        res.redirect(303, `/staff/measures/${id}`);
      },
    },
    {
      method: 'post',
      path: '/targets/:id/delete',
      access: 'editor',
      summary: 'Remove a target (its content stays in the change history)',
      handler: async (req, res) => {
        const target = await measureService.removeTarget(actorOf(req), idParam(req, 'id'));
        flash(res, 'Target removed');
        res.redirect(303, `/staff/measures/${target.measureId}`);
      },
    },
    {
      method: 'post',
      path: '/measures/:id/observations',
      access: 'editor',
      summary: 'Add or revise one observation by form',
      handler: async (req, res) => {
        const id = idParam(req, 'id');
        const { raw } = parseForm(observationFields, req.body);
        const problems = await storeObservations(req, res, id, [{ row: null, values: raw }], 'form', null);
        if (problems) {
          const errors = problems.map((p) => ({ field: `obs-${p.column ?? 'period'}`, text: p.message }));
          await showMeasure(req, res, id, { values: raw, fieldErrors: Object.fromEntries(problems.map((p) => [p.column ?? 'period', p.message])), errorSummary: errors.map((e) => ({ text: e.text, href: `#${e.field}` })) }, 400);
        }
      },
    },
    {
      method: 'post',
      path: '/measures/:id/upload',
      access: 'editor',
      csrf: 'handler',
      summary: 'Upload observations as CSV: all rows stored or none',
      handler: async (req, res) => {
        const id = idParam(req, 'id');
        const form = await readUpload(req, services.config.maxUploadBytes);
        csrf.verify(req, form.fields._csrf);
        const fileName = form.file?.name.replace(/[^\w.\- ]/g, '_').slice(0, 120) || null;
        let problems: InputProblem[];
        if (!form.file || (!form.file.content.length && !form.file.truncated && !form.file.name)) {
          problems = [{ row: null, column: null, message: 'Choose a CSV file to upload' }];
        } else if (form.file.truncated) {
          problems = [{ row: null, column: null, message: `The file is larger than ${(services.config.maxUploadBytes / 1024 / 1024).toFixed(0)} MB. Split it into smaller files` }];
        } else {
          const read = readObservationsCsv(form.file.content);
          problems = read.problems.length ? read.problems : ((await storeObservations(req, res, id, read.rows, 'csv', fileName)) ?? []);
        }
        if (problems.length) {
          const summary = describeProblems(problems.slice(0, problemLimit), fileName);
          await showMeasure(req, res, id, {
            errorSummary: summary,
            errorSummaryMore: problems.length > problemLimit ? `Showing the first ${problemLimit} of ${problems.length} problems. Nothing was stored.` : 'Nothing was stored. Correct the file and upload it again.',
            uploadError: `${problems.length} problem${problems.length === 1 ? '' : 's'} found in ${fileName ?? 'the upload'}: nothing was stored`,
          }, 400);
        }
      },
    },
    ...formPage({
      path: '/settings',
      access: 'admin',
      summary: "The office's name, short name and colours",
      fields: officeFields,
      heading: async () => ({ title: 'Office settings', cancel: '/staff' }),
      defaults: async () => ({ ...(await services.office.get()) }),
      save: async (req, v) => {
        const colourPrimary = text(v.colourPrimary);
        if (contrastWithWhite(colourPrimary) < 4.5) {
          throw new ValidationError([{ field: 'colourPrimary', text: `White text on ${colourPrimary} has a contrast ratio of ${contrastWithWhite(colourPrimary).toFixed(1)}:1; choose a darker colour (4.5:1 or more)` }]);
        }
        await services.office.update(actorOf(req), { name: text(v.name), shortName: text(v.shortName), colourPrimary, colourSecondary: text(v.colourSecondary) });
        return '/staff';
      },
      flashText: 'Office settings saved',
    }),
    {
      method: 'get',
      path: '/users',
      access: 'admin',
      summary: 'Users and their roles',
      handler: async (req, res) => {
        const [list, organisationOf] = await Promise.all([services.auth.listUsers(), services.organisations.organisationsOfUsers()]);
        const users = list.map((u) => ({ ...u, organisation: organisationOf.get(u.id) ?? null }));
        await page(req, res, 'users', { pageTitle: 'Users', breadcrumbs: [{ text: 'Staff area', href: '/staff' }], users });
      },
    },
    ...formPage({
      path: '/users/new',
      access: 'admin',
      summary: 'Add a user (a password is generated and shown once)',
      fields: userFields,
      heading: async () => ({ title: 'Add a user', cancel: '/staff/users' }),
      defaults: async () => ({ role: 'viewer', organisation: (await services.organisations.office())?.orgId ?? '' }),
      save: async (req, v) => {
        const created = await services.organisations.addUser({ email: text(v.email), displayName: text(v.displayName), role: text(v.role), organisation: text(v.organisation) || null }, actorOf(req));
        // The generated password is shown once, to the admin who created the account, on the next
        // page only (held in memory for that session: never in a URL or a log).
        pendingPasswords.set(req.user?.sessionId ?? '', { email: created.email, password: created.password });
        return '/staff/users/created';
      },
      flashText: 'User added',
    }),
    ...formPage({
      path: '/users/:id/organisation',
      access: 'admin',
      summary: "Change the organisation a user acts for (a partner moving organisation, staff joining the office)",
      fields: async () => [
        {
          name: 'organisation',
          label: 'Organisation they act for',
          kind: 'select',
          required: true,
          hint: "Partners act for a partner organisation; staff for the office's organisation. What they may see of partner data follows at once.",
          options: (await services.organisations.list({ includeClosed: false })).map((o) => ({ value: o.orgId, text: `${o.name} (${o.orgId})` })),
        },
      ],
      heading: async (req) => {
        const user = await userFromPath(req);
        return { title: `Organisation ${user.displayName} acts for`, caption: `${user.email}, ${roleLabels[user.role] ?? user.role}`, cancel: '/staff/users', breadcrumbs: [{ text: 'Users', href: '/staff/users' }] };
      },
      defaults: async (req) => {
        const user = await userFromPath(req);
        return { organisation: (await services.organisations.organisationsOfUsers()).get(user.id)?.orgId ?? '' };
      },
      save: async (req, v) => {
        const user = await userFromPath(req);
        const organisation = (await services.organisations.list({ includeClosed: true })).find((o) => o.orgId === text(v.organisation));
        if (!organisation) throw new ValidationError([{ field: 'organisation', text: `There is no organisation ${text(v.organisation)}` }]);
        await services.organisations.linkUser(actorOf(req), user.id, organisation.id);
        return '/staff/users';
      },
      flashText: 'Organisation changed',
    }),
    {
      method: 'get',
      path: '/users/created',
      access: 'admin',
      summary: 'The new user and their first password, shown once',
      handler: async (req, res) => {
        const key = req.user?.sessionId ?? '';
        const created = pendingPasswords.get(key);
        pendingPasswords.delete(key);
        if (!created) return res.redirect(303, '/staff/users');
        res.setHeader('Cache-Control', 'no-store');
        await page(req, res, 'user-created', { pageTitle: 'User added', breadcrumbs: [{ text: 'Users', href: '/staff/users' }], created });
      },
    },
  ];

  async function showObjective(req: Request, res: Response, id: number, values: Record<string, string>, errors: FieldError[], status = 200) {
    const objective = await planService.getObjectiveById(id);
    const mission = await planService.getMissionById(objective.missionId);
    const plan = await planService.getPlanById(mission.planId);
    const history = await planService.objectiveHistory(id);
    await page(
      req,
      res,
      'objective',
      {
        pageTitle: `Objective ${objective.ref}`,
        breadcrumbs: [
          { text: 'Staff area', href: '/staff' },
          { text: plan.title, href: `/staff/plans/${plan.id}` },
          { text: mission.title, href: `/staff/missions/${mission.id}` },
        ],
        objective,
        mission,
        history,
        horizonLabels,
        statusLabels,
        fields: objectiveStatusFields,
        values: Object.keys(values).length ? values : { status: objective.status, effectiveDate: new Date().toISOString().slice(0, 10) },
        fieldErrors: errorsByField(errors),
        errorSummary: errorSummary(errors),
      },
      status,
    );
  }
}

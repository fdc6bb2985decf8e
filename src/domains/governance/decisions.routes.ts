// Recommendations to the PCC, the PCC's decisions and the plan versions (staff), the public decision
// log (page, CSV, JSON; restricted decisions by number, date and reason only), and the cross-board view.
import type { Request, Response } from 'express';
import { actorOf } from '../../platform/auth/actor.ts';
import type { Csrf } from '../../platform/http/csrf.ts';
import { toCsv } from '../../platform/http/csv.ts';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { errorsByField, errorSummary } from '../../platform/http/forms.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { RouteDef } from '../../platform/http/routes.ts';
import { formatDate, humanise } from '../../platform/views/format.ts';
import type { Services } from '../../services.ts';
import { frequencies, polarities, targetKinds } from '../measures/measures.tables.ts';
import { horizons, objectiveStatuses } from '../plan/plan.tables.ts';
import { noncePlaceholder, pageBytes } from '../public-site/index.ts';
import { crossBoardRoutes } from './cross-board.routes.ts';
import { decisionOutcomeLabels, publicDecision, relatedDocumentsOf, type DecisionInput, type PccDecision } from './decisions.service.ts';
import { recommendationKinds, type RecommendationKind } from './governance.tables.ts';
import { recommendationKindLabels } from './plan-changes.ts';

const view = (name: string) => `domains/governance/views/decisions/${name}.njk`;
const text = (body: Record<string, unknown>, key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
const idOrNull = (value: string): number | null => {
  const n = Number(value);
  return value.trim() !== '' && Number.isInteger(n) && n > 0 ? n : null;
};
/** A form number: '' is null; anything else is passed on as a number, or as typed so the check names it. */
const numberOrText = (value: string): number | string | null => {
  const t = value.trim();
  if (t === '') return null;
  const n = Number(t.replaceAll(',', ''));
  return Number.isFinite(n) ? n : t;
};
const decisionNumberPattern = /^PCC-\d{4}-\d{3,}$/;
const isEditor = (req: Request) => req.user?.role === 'editor' || req.user?.role === 'admin';
const staffCrumbs = [{ text: 'Staff area', href: '/staff' }];

/** The proposed change's fields from the recommendation form, by kind. */
export function changeFromForm(kind: string, body: Record<string, unknown>): Record<string, unknown> {
  switch (kind) {
    case 'change_objective':
      return { objectiveId: idOrNull(text(body, 'objectiveId')), newText: text(body, 'newText'), newStatus: text(body, 'newStatus') };
    case 'add_objective':
      return { missionId: idOrNull(text(body, 'missionId')), ref: text(body, 'ref'), text: text(body, 'text'), horizon: text(body, 'horizon'), dueDate: text(body, 'dueDate') };
    case 'add_measure':
      return {
        missionId: idOrNull(text(body, 'missionId')),
        objectiveId: idOrNull(text(body, 'objectiveId')),
        measureTitle: text(body, 'measureTitle'),
        definition: text(body, 'definition'),
        unit: text(body, 'unit'),
        polarity: text(body, 'polarity'),
        frequency: text(body, 'frequency'),
      };
    case 'change_target':
      return {
        measureId: idOrNull(text(body, 'measureId')),
        targetId: idOrNull(text(body, 'targetId')),
        targetKind: text(body, 'targetKind'),
        targetValue: numberOrText(text(body, 'targetValue')),
        targetByDate: text(body, 'targetByDate'),
        targetAsWritten: text(body, 'targetAsWritten'),
      };
    default:
      return {};
  }
}

export function decisionInputFromForm(body: Record<string, unknown>): DecisionInput {
  return {
    decisionDate: text(body, 'decisionDate'),
    title: text(body, 'title'),
    summary: text(body, 'summary'),
    financialImplications: text(body, 'financialImplications'),
    reasons: text(body, 'reasons'),
    relatedDocuments: text(body, 'relatedDocuments'),
    isRestricted: text(body, 'isRestricted') === 'yes',
    restrictionReason: text(body, 'restrictionReason'),
  };
}

const presentDecision = (d: PccDecision) => ({ ...d, outcomeLabel: decisionOutcomeLabels[d.outcome], documents: relatedDocumentsOf(d.relatedDocuments) });

/** Public pages (and partner pages outside /staff). */
export function decisionsSiteRoutes(services: Services, renderer: Renderer, csrf: Csrf): RouteDef[] {
  void csrf;
  const decisions = services.governance.decisions;

  /** Serves from the public page cache, or builds and caches (emptied by every change). */
  async function cached(req: Request, res: Response, build: () => Promise<{ body: string; type: string } | null>) {
    const page = await services.pageCache.getOrBuild(`${services.today()} ${req.path}`, build);
    if (!page) throw new NotFoundError('Decision not found');
    const body = pageBytes(page, req.cspNonce);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Type', page.type);
    res.setHeader('Content-Length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
  }
  const html = async (req: Request, template: string, context: Record<string, unknown>) => ({ body: await renderer.toHtml(req, template, context, noncePlaceholder), type: 'text/html; charset=utf-8' });

  return [
    {
      method: 'get',
      path: '/decisions',
      access: 'public',
      stateless: true,
      summary: "The PCC's decision log: number, date, title, summary, financial implications, reasons, documents (restricted ones by number, date and reason only)",
      handler: (req, res) =>
        cached(req, res, async () =>
          html(req, view('public-log'), {
            pageTitle: 'Decisions of the Police and Crime Commissioner',
            decisions: (await decisions.publicLog()).map((d) => ({ ...d, outcomeLabel: d.restricted ? '' : decisionOutcomeLabels[d.outcome] })),
          }),
        ),
    },
    {
      method: 'get',
      path: '/decisions.csv',
      access: 'public',
      stateless: true,
      summary: 'The decision log as CSV (restricted decisions: number, date and the reason only)',
      handler: (req, res) =>
        cached(req, res, async () => {
          const rows = (await decisions.publicLog()).map((d) =>
            d.restricted
              ? [d.number, d.decisionDate, 'yes', d.restrictionReason, '', '', '', '', '', '']
              : [d.number, d.decisionDate, 'no', '', d.title, d.outcome, d.summary, d.financialImplications, d.reasons, d.relatedDocuments.map((x) => (x.url ? `${x.title} | ${x.url}` : x.title)).join('\n')],
          );
          return { body: toCsv(['number', 'decision_date', 'restricted', 'restriction_reason', 'title', 'outcome', 'summary', 'financial_implications', 'reasons', 'related_documents'], rows), type: 'text/csv; charset=utf-8' };
        }),
    },
    {
      method: 'get',
      path: '/decisions/:number',
      access: 'public',
      stateless: true,
      summary: 'One PCC decision (a restricted one: its number, date and the reason only)',
      handler: (req, res) =>
        cached(req, res, async () => {
          const number = String(req.params.number);
          if (!decisionNumberPattern.test(number)) return null;
          const found = await decisions.decisionByNumber(number);
          if (!found) return null;
          const decision = publicDecision(found);
          // The board whose recommendation it decides, when that board is on the public site.
          const recommendation = !decision.restricted && found.recommendationId ? await decisions.getRecommendation(found.recommendationId) : null;
          const recommendedBy = recommendation?.boardIsPublic ? { name: recommendation.boardName, slug: recommendation.boardSlug } : null;
          return html(req, view('public-decision'), {
            pageTitle: decision.restricted ? `Decision ${decision.number}` : `${decision.number}: ${decision.title}`,
            breadcrumbs: [{ text: 'Decisions', href: '/decisions' }],
            recommendedBy,
            decision: { ...decision, outcomeLabel: decision.restricted ? '' : decisionOutcomeLabels[decision.outcome] },
          });
        }),
    },
  ];
}

/** Staff pages, mounted under /staff. */
export function decisionsStaffRoutes(services: Services, renderer: Renderer, csrf: Csrf): RouteDef[] {
  void csrf;
  const decisions = services.governance.decisions;

  async function recommendationForm(req: Request, res: Response, values: Record<string, unknown>, errors: FieldError[], status = 200) {
    const boardsList = await decisions.boardChoices();
    const board = boardsList.find((b) => String(b.id) === String(values.boardId ?? '') || b.slug === values.board);
    const kind = (recommendationKinds as readonly string[]).includes(String(values.kind ?? '')) ? (String(values.kind) as RecommendationKind) : null;
    const chosen = (key: string, value: string) => String(values[key] ?? '') === value;
    const option = (key: string) => (value: string | number, label: string) => ({ value: String(value), text: label, selected: chosen(key, String(value)) });
    const plan = await decisions.planChoices();
    const meetingChoices = board ? await decisions.meetingChoices(board.id) : { meetings: [], agendaItems: [] };
    await renderer.page(
      req,
      res,
      view('recommendation-form'),
      {
        pageTitle: 'Record a recommendation to the PCC',
        breadcrumbs: [...staffCrumbs, { text: 'Recommendations', href: '/staff/recommendations' }],
        board: board ?? null,
        kind,
        kindLabel: kind ? recommendationKindLabels[kind] : '',
        values,
        fieldErrors: errorsByField(errors),
        errorSummary: errorSummary(errors),
        boardItems: [{ value: '', text: 'Choose a board…' }, ...boardsList.map((b) => ({ value: b.slug, text: b.name, selected: board?.id === b.id }))],
        kindItems: recommendationKinds.map((k) => ({ value: k, text: recommendationKindLabels[k], checked: kind === k })),
        meetingItems: [{ value: '', text: 'None' }, ...meetingChoices.meetings.map((m) => option('meetingId')(m.id, `${formatDate(m.startsAt)}${m.title ? `: ${m.title}` : ''}`))],
        agendaItemItems: [{ value: '', text: 'None' }, ...meetingChoices.agendaItems.map((i) => option('agendaItemId')(i.id, `${formatDate(i.startsAt)}: ${i.title}`))],
        objectiveItems: [{ value: '', text: kind === 'add_measure' ? 'None' : 'Choose an objective…' }, ...plan.objectives.map((o) => option('objectiveId')(o.id, `${o.ref}: ${o.text.length > 90 ? `${o.text.slice(0, 90)}…` : o.text} (${o.missionTitle}; ${humanise(o.status)})`))],
        missionItems: [{ value: '', text: 'Choose a mission…' }, ...plan.missions.map((m) => option('missionId')(m.id, m.title))],
        measureItems: [{ value: '', text: 'Choose a measure…' }, ...plan.measures.map((m) => option('measureId')(m.id, m.title))],
        targetItems: [{ value: '', text: 'A new target (or its only target)' }, ...plan.targets.map((t) => option('targetId')(t.id, `${t.measureTitle}: ${t.asWritten || humanise(t.kind)}`))],
        statusItems: [{ value: '', text: 'No change' }, ...objectiveStatuses.map((s) => option('newStatus')(s, humanise(s)))],
        horizonItems: horizons.map((h) => ({ value: h, text: h === 'first_six_months' ? 'First six months' : 'Rest of the term', checked: chosen('horizon', h) })),
        polarityItems: [{ value: '', text: 'Choose…' }, ...polarities.map((p) => option('polarity')(p, humanise(p)))],
        frequencyItems: [{ value: '', text: 'Choose…' }, ...frequencies.map((f) => option('frequency')(f, humanise(f)))],
        targetKindItems: [{ value: '', text: 'Choose…' }, ...targetKinds.map((k) => option('targetKind')(k, humanise(k)))],
      },
      status,
    );
  }

  async function recommendationPage(req: Request, res: Response, values: Record<string, unknown> | null, errors: FieldError[], status = 200) {
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id <= 0) throw new NotFoundError('Recommendation not found');
    const row = await decisions.getRecommendation(id);
    const proposal = await decisions.describeProposal(row.recommendation);
    const v = values ?? { decisionDate: services.today(), title: row.recommendation.title, outcome: '' };
    await renderer.page(
      req,
      res,
      view('recommendation'),
      {
        pageTitle: `Recommendation: ${row.recommendation.title}`,
        breadcrumbs: [...staffCrumbs, { text: 'Recommendations', href: '/staff/recommendations' }],
        row,
        kindLabel: recommendationKindLabels[row.recommendation.kind],
        proposal,
        decision: row.decision ? presentDecision(row.decision) : null,
        isEditor: isEditor(req),
        values: v,
        fieldErrors: errorsByField(errors),
        errorSummary: errorSummary(errors),
        outcomeItems: [
          { value: 'accepted', text: row.recommendation.kind === 'other' ? 'Accept' : 'Accept (the plan is changed and a new plan version recorded)', checked: v.outcome === 'accepted' },
          { value: 'rejected', text: 'Reject (the plan is not changed)', checked: v.outcome === 'rejected' },
        ],
      },
      status,
    );
  }

  async function decisionForm(req: Request, res: Response, values: Record<string, unknown>, errors: FieldError[], status = 200) {
    await renderer.page(
      req,
      res,
      view('decision-form'),
      {
        pageTitle: 'Record a PCC decision',
        breadcrumbs: [...staffCrumbs, { text: 'Decisions', href: '/staff/decisions' }],
        values,
        fieldErrors: errorsByField(errors),
        errorSummary: errorSummary(errors),
        outcomeItems: (['approved', 'noted', 'rejected'] as const).map((o) => ({ value: o, text: decisionOutcomeLabels[o], checked: values.outcome === o })),
      },
      status,
    );
  }

  async function currentPlanOr404() {
    const plan = await decisions.currentPlan();
    if (!plan) throw new NotFoundError('There is no current plan');
    return plan;
  }

  return [
    {
      method: 'get',
      path: '/recommendations',
      access: 'signed-in',
      summary: 'Recommendations from boards to the PCC: open ones, then those decided',
      handler: async (req, res) => {
        const rows = await decisions.listRecommendations();
        await renderer.page(req, res, view('recommendations'), {
          pageTitle: 'Recommendations to the PCC',
          breadcrumbs: staffCrumbs,
          open: rows.filter((r) => r.recommendation.status === 'open').map((r) => ({ ...r, kindLabel: recommendationKindLabels[r.recommendation.kind] })),
          decided: rows.filter((r) => r.recommendation.status !== 'open').map((r) => ({ ...r, kindLabel: recommendationKindLabels[r.recommendation.kind] })),
          isEditor: isEditor(req),
        });
      },
    },
    {
      method: 'get',
      path: '/recommendations/new',
      access: 'editor',
      summary: 'Form: record a board’s recommendation to the PCC (choose the board and what it is about, then the change)',
      handler: async (req, res) => {
        const q = req.query as Record<string, unknown>;
        const values = { board: typeof q.board === 'string' ? q.board : '', kind: typeof q.kind === 'string' ? q.kind : '', meetingId: typeof q.meeting === 'string' ? q.meeting : '', agendaItemId: typeof q.item === 'string' ? q.item : '' };
        // The first step sent without a board or a kind says what is missing (it is a GET form: step=1 marks it sent).
        const errors: FieldError[] = [];
        if (q.step === '1') {
          if (!(await decisions.boardChoices()).some((b) => b.slug === values.board)) errors.push({ field: 'board', text: 'Choose the board making the recommendation' });
          if (!(recommendationKinds as readonly string[]).includes(values.kind)) errors.push({ field: 'kind', text: 'Choose what the recommendation is about' });
        }
        return recommendationForm(req, res, values, errors, errors.length ? 400 : 200);
      },
    },
    {
      method: 'post',
      path: '/recommendations/new',
      access: 'editor',
      summary: 'Record a recommendation: the proposed change is checked against the current plan',
      handler: async (req, res) => {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const kind = text(body, 'kind');
        const board = (await decisions.boardChoices()).find((b) => b.slug === text(body, 'board'));
        try {
          const created = await decisions.recommend(actorOf(req), {
            boardId: board?.id ?? 0,
            meetingId: idOrNull(text(body, 'meetingId')),
            agendaItemId: idOrNull(text(body, 'agendaItemId')),
            kind,
            title: text(body, 'title'),
            rationale: text(body, 'rationale'),
            change: changeFromForm(kind, body),
          });
          res.redirect(303, `/staff/recommendations/${created.id}`);
        } catch (error) {
          if (error instanceof ValidationError) return recommendationForm(req, res, body, error.errors, 400);
          throw error;
        }
      },
    },
    {
      method: 'get',
      path: '/recommendations/:id',
      access: 'signed-in',
      summary: 'A recommendation, its proposed change in words, and the PCC’s decision (or the form to record it)',
      handler: (req, res) => recommendationPage(req, res, null, []),
    },
    {
      method: 'post',
      path: '/recommendations/:id/decision',
      access: 'editor',
      summary: 'Record the PCC’s decision on a recommendation (once): accepting a change changes the plan and records a plan version, in one transaction',
      handler: async (req, res) => {
        const id = Number(req.params.id);
        if (!Number.isInteger(id) || id <= 0) throw new NotFoundError('Recommendation not found');
        const body = (req.body ?? {}) as Record<string, unknown>;
        try {
          const { decision } = await decisions.decide(actorOf(req), id, text(body, 'outcome'), decisionInputFromForm(body));
          res.redirect(303, `/staff/decisions/${decision.number}`);
        } catch (error) {
          if (error instanceof ValidationError) return recommendationPage(req, res, body, error.errors, 400);
          throw error;
        }
      },
    },
    {
      method: 'get',
      path: '/decisions',
      access: 'signed-in',
      summary: 'The PCC’s decision log, restricted decisions in full',
      handler: async (req, res) => {
        await renderer.page(req, res, view('log'), {
          pageTitle: 'PCC decision log',
          breadcrumbs: staffCrumbs,
          decisions: (await decisions.listDecisions()).map(presentDecision),
          isEditor: isEditor(req),
        });
      },
    },
    {
      method: 'get',
      path: '/decisions/new',
      access: 'editor',
      summary: 'Form: record a PCC decision that does not come from a recommendation',
      handler: (req, res) => decisionForm(req, res, { decisionDate: services.today() }, []),
    },
    {
      method: 'post',
      path: '/decisions/new',
      access: 'editor',
      summary: 'Record a PCC decision (numbered PCC-YYYY-NNN, never reused)',
      handler: async (req, res) => {
        const body = (req.body ?? {}) as Record<string, unknown>;
        try {
          const decision = await decisions.recordDecision(actorOf(req), text(body, 'outcome'), decisionInputFromForm(body));
          res.redirect(303, `/staff/decisions/${decision.number}`);
        } catch (error) {
          if (error instanceof ValidationError) return decisionForm(req, res, body, error.errors, 400);
          throw error;
        }
      },
    },
    {
      method: 'get',
      path: '/decisions/:number',
      access: 'signed-in',
      summary: 'A PCC decision in full (restricted ones too), with the recommendation and plan version it relates to',
      handler: async (req, res) => {
        const number = String(req.params.number);
        const found = decisionNumberPattern.test(number) ? await decisions.decisionByNumber(number) : null;
        if (!found) throw new NotFoundError('Decision not found');
        const recommendation = found.recommendationId ? await decisions.getRecommendation(found.recommendationId) : null;
        const plan = await decisions.currentPlan();
        const versions = plan ? (await decisions.versionsOf(plan.id)).filter((v) => v.decisionNumber === found.number) : [];
        await renderer.page(req, res, view('decision'), {
          pageTitle: `${found.number}: ${found.title}`,
          breadcrumbs: [...staffCrumbs, { text: 'Decisions', href: '/staff/decisions' }],
          decision: presentDecision(found),
          recommendation,
          versions,
        });
      },
    },
    {
      method: 'get',
      path: '/plan/versions',
      access: 'signed-in',
      summary: 'Numbered versions of the current plan, each with the decision it cites',
      handler: async (req, res) => {
        const plan = await currentPlanOr404();
        await renderer.page(req, res, view('versions'), {
          pageTitle: 'Plan versions',
          breadcrumbs: staffCrumbs,
          plan,
          versions: await decisions.versionsOf(plan.id),
        });
      },
    },
    {
      method: 'get',
      path: '/plan/versions/:number',
      access: 'signed-in',
      summary: 'A plan version: its change summary, the decision it cites, and the plan as it then stood',
      handler: async (req, res) => {
        const plan = await currentPlanOr404();
        const number = Number(req.params.number);
        const found = Number.isInteger(number) && number > 0 ? await decisions.version(plan.id, number) : null;
        if (!found) throw new NotFoundError('Plan version not found');
        await renderer.page(req, res, view('version'), {
          pageTitle: `Plan version ${found.version.number}`,
          breadcrumbs: [...staffCrumbs, { text: 'Plan versions', href: '/staff/plan/versions' }],
          plan,
          version: found.version,
          decision: found.decision,
          snapshot: found.version.snapshot,
        });
      },
    },
    // The board register's /boards/:slug passes on slugs that are no board's (cross-board is reserved).
    ...crossBoardRoutes(services, renderer),
  ];
}

/** JSON/CSV API, mounted under /api/v1. */
export function decisionsApiRoutes(services: Services): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/decisions',
      access: 'public',
      stateless: true,
      summary: "The PCC's decision log as JSON (restricted decisions: number, date and the reason only)",
      handler: async (_req, res) => {
        res.json({ decisions: await services.governance.decisions.publicLog() });
      },
    },
  ];
}

// Board actions: a board's action list and the form to raise one (staff), an action's page with its
// dated updates, and "my actions" for the signed-in person (partners and staff), where an owner adds
// updates to their own actions.
import type { Request, Response } from 'express';
import { actorOf } from '../../platform/auth/actor.ts';
import type { Csrf } from '../../platform/http/csrf.ts';
import { HttpError, NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { errorsByField, errorSummary } from '../../platform/http/forms.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { RouteDef } from '../../platform/http/routes.ts';
import { formatDate } from '../../platform/views/format.ts';
import type { Services } from '../../services.ts';
import { actionStatusLabels, type ActionInput, type ActionRow } from './actions.service.ts';
import { actionStatuses } from './governance.tables.ts';

const view = (name: string) => `domains/governance/views/actions/${name}.njk`;
const isStaff = (req: Request) => req.user !== undefined && req.user.role !== 'partner';

const text = (body: Record<string, unknown>, key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
const idOrNull = (value: string): number | null => {
  const n = Number(value);
  return value.trim() !== '' && Number.isInteger(n) && n > 0 ? n : null;
};

function positiveId(raw: unknown): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw new NotFoundError('Action not found');
  return id;
}

export function actionInputFromForm(boardId: number, body: Record<string, unknown>): ActionInput {
  return {
    boardId,
    meetingId: idOrNull(text(body, 'meetingId')),
    agendaItemId: idOrNull(text(body, 'agendaItemId')),
    title: text(body, 'title'),
    description: text(body, 'description'),
    ownerPersonId: idOrNull(text(body, 'ownerPersonId')),
    ownerName: text(body, 'ownerName'),
    ownerOrganisationId: idOrNull(text(body, 'ownerOrganisationId')),
    dueDate: text(body, 'dueDate'),
  };
}

const present = (r: ActionRow) => ({ ...r, statusLabel: actionStatusLabels[r.action.status] });

function statusItems(current: string) {
  return actionStatuses.map((s) => ({ value: s, text: actionStatusLabels[s], checked: s === current }));
}

/** Renders an action's page, for staff (/staff/actions/:id) or the owner (/my-actions/:id). */
async function actionPage(services: Services, renderer: Renderer, req: Request, res: Response, options: { base: string; values?: Record<string, unknown>; errors?: FieldError[] }, status = 200) {
  const id = positiveId(req.params.id);
  const { row, updates } = await services.governance.actions.get(id);
  const user = req.user;
  if (!user) throw new HttpError(401, 'Sign in required');
  const staff = isStaff(req);
  if (!staff && row.ownerUserId !== user.id) throw new HttpError(403, 'This is not one of your actions');
  const errors = options.errors ?? [];
  await renderer.page(
    req,
    res,
    view('action'),
    {
      pageTitle: `Action: ${row.action.title}`,
      breadcrumbs: staff
        ? [
            { text: 'Staff area', href: '/staff' },
            { text: row.boardName, href: `/staff/boards/${row.boardSlug}` },
            { text: 'Actions', href: `/staff/boards/${row.boardSlug}/actions` },
          ]
        : [{ text: 'My actions', href: '/my-actions' }],
      row: present(row),
      staff,
      updates: updates.map((u) => ({ ...u, statusLabel: actionStatusLabels[u.status] })),
      mayUpdate: services.governance.actions.mayUpdate(user, row.ownerUserId),
      updateAction: `${options.base}/${row.action.id}/updates`,
      values: options.values ?? { status: row.action.status, updateDate: services.today() },
      statusItems: statusItems(String((options.values ?? {}).status ?? row.action.status)),
      fieldErrors: errorsByField(errors),
      errorSummary: errorSummary(errors),
      today: services.today(),
    },
    status,
  );
}

async function postUpdate(services: Services, renderer: Renderer, req: Request, res: Response, base: string) {
  const id = positiveId(req.params.id);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const user = req.user;
  if (!user) throw new HttpError(401, 'Sign in required');
  const input = { status: text(body, 'status'), note: text(body, 'note'), updateDate: text(body, 'updateDate') };
  try {
    await services.governance.actions.addUpdate(actorOf(req), user, id, input);
  } catch (error) {
    if (error instanceof ValidationError) return actionPage(services, renderer, req, res, { base, values: input, errors: error.errors }, 400);
    throw error;
  }
  res.redirect(303, `${base}/${id}`);
}

/** Public pages (and partner pages outside /staff). */
export function actionsSiteRoutes(services: Services, renderer: Renderer, csrf: Csrf): RouteDef[] {
  void csrf;
  return [
    {
      method: 'get',
      path: '/my-actions',
      access: 'partner',
      summary: 'My actions: board actions the signed-in person owns, overdue ones flagged',
      handler: async (req, res) => {
        const user = req.user;
        if (!user) throw new HttpError(401, 'Sign in required');
        const rows = await services.governance.actions.listForUser(user.id);
        await renderer.page(req, res, view('my-actions'), {
          pageTitle: 'My actions',
          actions: rows.map(present),
          overdueCount: rows.filter((r) => r.overdue).length,
          today: services.today(),
        });
      },
    },
    {
      method: 'get',
      path: '/my-actions/:id',
      access: 'partner',
      summary: 'One of my actions with its dated updates, and the form to add one (owners only; staff see any)',
      handler: (req, res) => actionPage(services, renderer, req, res, { base: '/my-actions' }),
    },
    {
      method: 'post',
      path: '/my-actions/:id/updates',
      access: 'partner',
      summary: "Add a dated update to an action: its owner, or an editor (403 for anyone else's action)",
      handler: (req, res) => postUpdate(services, renderer, req, res, '/my-actions'),
    },
  ];
}

/** Staff pages, mounted under /staff. */
export function actionsStaffRoutes(services: Services, renderer: Renderer, csrf: Csrf): RouteDef[] {
  void csrf;
  const actionsService = services.governance.actions;

  async function showForm(req: Request, res: Response, slug: string, values: Record<string, unknown>, errors: FieldError[], status = 200) {
    const board = await services.governance.boards.getBySlug(slug);
    const choices = await actionsService.formChoices(board.id);
    const chosen = (key: string) => String(values[key] ?? '');
    const option = (value: string, label: string, key: string) => ({ value, text: label, selected: chosen(key) === value });
    await renderer.page(
      req,
      res,
      view('form'),
      {
        pageTitle: `Add an action: ${board.name}`,
        breadcrumbs: [
          { text: 'Staff area', href: '/staff' },
          { text: board.name, href: `/staff/boards/${board.slug}` },
          { text: 'Actions', href: `/staff/boards/${board.slug}/actions` },
        ],
        board,
        action: `/staff/boards/${board.slug}/actions/new`,
        values,
        fieldErrors: errorsByField(errors),
        errorSummary: errorSummary(errors),
        meetingItems: [{ value: '', text: 'None' }, ...choices.meetings.map((m) => option(String(m.id), `${formatDate(m.startsAt)}${m.title ? `: ${m.title}` : ''}`, 'meetingId'))],
        agendaItemItems: [{ value: '', text: 'None' }, ...choices.agendaItems.map((i) => option(String(i.id), `${formatDate(i.startsAt)}: ${i.title}`, 'agendaItemId'))],
        personItems: [{ value: '', text: 'Choose a person…' }, ...choices.people.map((p) => option(String(p.id), p.email ? `${p.name} (${p.email})` : p.name, 'ownerPersonId'))],
        organisationItems: [{ value: '', text: 'None' }, ...choices.organisations.map((o) => option(String(o.id), o.name, 'ownerOrganisationId'))],
      },
      status,
    );
  }

  return [
    {
      method: 'get',
      path: '/boards/:slug/actions',
      access: 'signed-in',
      summary: "A board's actions: owner, due date, status, overdue ones flagged",
      handler: async (req, res) => {
        const board = await services.governance.boards.getBySlug(String(req.params.slug));
        const rows = await actionsService.listForBoard(board.id);
        const live = rows.filter((r) => r.action.status === 'open' || r.action.status === 'in_progress');
        await renderer.page(req, res, view('list'), {
          pageTitle: `Actions: ${board.name}`,
          breadcrumbs: [
            { text: 'Staff area', href: '/staff' },
            { text: board.name, href: `/staff/boards/${board.slug}` },
          ],
          board,
          live: live.map(present),
          closed: rows.filter((r) => !live.includes(r)).map(present),
          overdueCount: rows.filter((r) => r.overdue).length,
          isEditor: req.user?.role === 'editor' || req.user?.role === 'admin',
          today: services.today(),
        });
      },
    },
    {
      method: 'get',
      path: '/boards/:slug/actions/new',
      access: 'editor',
      summary: 'Form: raise an action of a board (from a meeting or agenda item, optionally)',
      handler: (req, res) => {
        const q = req.query as Record<string, unknown>;
        return showForm(req, res, String(req.params.slug), { meetingId: typeof q.meeting === 'string' ? q.meeting : '', agendaItemId: typeof q.item === 'string' ? q.item : '' }, []);
      },
    },
    {
      method: 'post',
      path: '/boards/:slug/actions/new',
      access: 'editor',
      summary: 'Raise an action: title, description, owner (a person, added by name if new) and organisation, due date',
      handler: async (req, res) => {
        const board = await services.governance.boards.getBySlug(String(req.params.slug));
        const body = (req.body ?? {}) as Record<string, unknown>;
        try {
          const created = await actionsService.create(actorOf(req), actionInputFromForm(board.id, body));
          res.redirect(303, `/staff/actions/${created.id}`);
        } catch (error) {
          if (error instanceof ValidationError) return showForm(req, res, board.slug, body, error.errors, 400);
          throw error;
        }
      },
    },
    {
      method: 'get',
      path: '/actions/:id',
      access: 'signed-in',
      summary: 'An action with its dated updates (never edited, only added to) and the form to add one',
      handler: (req, res) => actionPage(services, renderer, req, res, { base: '/staff/actions' }),
    },
    {
      method: 'post',
      path: '/actions/:id/updates',
      access: 'signed-in',
      summary: "Add a dated update (status, note, date) to an action: editors, or the action's owner",
      handler: (req, res) => postUpdate(services, renderer, req, res, '/staff/actions'),
    },
  ];
}

/** JSON/CSV API, mounted under /api/v1. */
export function actionsApiRoutes(services: Services): RouteDef[] {
  void services;
  return [];
}

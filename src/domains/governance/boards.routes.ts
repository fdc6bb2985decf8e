// The board register's pages. Staff (under /staff): the register, a board's page with its members,
// missions, parent and children, the forms to register and change boards, add and end memberships,
// merge and close (editors), and the board review with its CSV. Public: the public boards by type and
// a public board's page (stateless, cached until anything changes).
import type { Request, Response } from 'express';
import { actorOf } from '../../platform/auth/actor.ts';
import { readCookie } from '../../platform/http/cookies.ts';
import type { Csrf } from '../../platform/http/csrf.ts';
import { toCsv } from '../../platform/http/csv.ts';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { errorsByField, errorSummary, formDefaults, options, parseForm, type FieldSpec } from '../../platform/http/forms.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { RouteDef } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { noncePlaceholder, pageBytes } from '../public-site/page-cache.ts';
import { mergeWeights, reviewBoards, reviewCsvHeader, reviewCsvRows, stopWords } from './board-review.ts';
import { boardStatusLabels, boardTypeLabels, memberRoleLabels, sectorLabels, type Board, type BoardInput } from './boards.service.ts';
import { boardTypes, memberRoles, sectors, type BoardType } from './governance.tables.ts';

const flashCookie = 'sp_boards_flash';
const flashPath = '/staff/boards';
const view = (name: string) => `domains/governance/views/boards/${name}.njk`;
const staffHref = (b: Pick<Board, 'slug'>) => `/staff/boards/${encodeURIComponent(b.slug)}`;
const publicHref = (b: Pick<Board, 'slug'>) => `/boards/${encodeURIComponent(b.slug)}`;

type Body = Record<string, unknown>;
const bodyOf = (req: Request): Body => (req.body && typeof req.body === 'object' ? (req.body as Body) : {});
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const many = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
/** A positive whole number from a form, or null when empty; NaN (refused by the service) when not a number. */
const idOrNull = (v: unknown): number | null => {
  const s = str(v);
  if (!s) return null;
  return /^\d+$/.test(s) ? Number(s) : Number.NaN;
};

function boardFields(others: { id: number; name: string }[], peopleList: { id: number; name: string }[], creating: boolean): FieldSpec[] {
  return [
    { name: 'name', label: 'Name', kind: 'text', required: true, maxLength: 200 },
    ...(creating
      ? [{ name: 'slug', label: 'Short name (optional)', kind: 'text' as const, maxLength: 80, hint: 'Used in the web address, like luton-csp. Leave empty to make one from the name. It cannot be changed later.' }]
      : []),
    { name: 'type', label: 'Type', kind: 'select', required: true, options: options(boardTypes, (t) => boardTypeLabels[t as BoardType]) },
    { name: 'chair', label: 'Chair', kind: 'text', maxLength: 200, hint: 'As written: a role or a name, like Police and Crime Commissioner' },
    { name: 'chairPersonId', label: 'Chair as a registered person', kind: 'select', hint: 'Optional: when the chair is someone in the list of people', options: peopleList.map((p) => ({ value: String(p.id), text: p.name })) },
    { name: 'statutoryBasis', label: 'Statutory basis', kind: 'text', maxLength: 500, hint: 'The Act and section, like Crime and Disorder Act 1998, sections 5 and 6. Leave empty if it has none or it is not known.' },
    { name: 'parentBoardId', label: 'Parent board', kind: 'select', hint: 'Optional: the board this one reports to', options: others.map((b) => ({ value: String(b.id), text: b.name })) },
    { name: 'meetingsPerYear', label: 'Meetings a year', kind: 'number', min: 0, max: 365, hint: '12 monthly, 6 every two months, 4 quarterly; 0 if not known' },
    { name: 'usualLengthMinutes', label: 'Usual length of a meeting, in minutes', kind: 'number', min: 0, max: 1440, hint: '0 if not known' },
    { name: 'termsOfReference', label: 'Terms of reference', kind: 'textarea', maxLength: 20_000 },
  ];
}

/** Headings of the public list, one a type. */
const boardTypePlurals: Record<BoardType, string> = {
  mission_board: 'Mission boards',
  criminal_justice_board: 'Criminal justice boards',
  community_safety_partnership: 'Community safety partnerships',
  violence_reduction_unit: 'Violence reduction',
  drugs_partnership: 'Drugs partnerships',
  safeguarding_board: 'Safeguarding boards',
  health_and_wellbeing_board: 'Health and wellbeing boards',
  advisory_panel: 'Advisory panels and groups',
  scrutiny_panel: 'Scrutiny panels',
  police_and_crime_panel: 'Police and crime panel',
  committee: 'Committees',
  other: 'Other boards and partnerships',
};

/** Items for a GOV.UK select, the chosen one selected, with an empty first choice when `empty` is given. */
function selectItems(items: { value: string; text: string }[], selected: string | undefined, empty: string | null) {
  return [...(empty === null ? [] : [{ value: '', text: empty, selected: !selected }]), ...items.map((i) => ({ ...i, selected: i.value === selected }))];
}

export function boardsSiteRoutes(services: Services, renderer: Renderer, csrf: Csrf): RouteDef[] {
  void csrf;
  const service = services.governance.boards;
  const { pageCache } = services;

  /** Serves from the public page cache, or renders and caches (as the public site does). */
  async function cached(req: Request, res: Response, build: () => Promise<string | null>) {
    const page = await pageCache.getOrBuild(`${services.today()} ${req.path}`, async () => {
      const body = await build();
      return body === null ? null : { body, type: 'text/html; charset=utf-8' };
    });
    if (!page) throw new NotFoundError();
    const body = pageBytes(page, req.cspNonce);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Type', page.type);
    res.setHeader('Content-Length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /** Published missions only, on public pages. */
  const publicMissions = async (boardId: number) => (await service.missionsOf(boardId)).filter((m) => m.publishedAt !== null);

  return [
    {
      method: 'get',
      path: '/boards',
      access: 'public',
      stateless: true,
      summary: 'Public boards, partnerships and panels by type, with the missions each serves',
      handler: (req, res) =>
        cached(req, res, async () => {
          const list = (await service.list({ status: 'active' })).filter((b) => b.isPublic);
          const withMissions = await Promise.all(list.map(async (b) => ({ board: b, href: publicHref(b), missions: await publicMissions(b.id) })));
          const groups = boardTypes
            .map((type) => ({ type, label: boardTypePlurals[type], boards: withMissions.filter((x) => x.board.type === type) }))
            .filter((g) => g.boards.length);
          return renderer.toHtml(req, view('public-list'), { pageTitle: 'Boards, partnerships and panels', groups }, noncePlaceholder);
        }),
    },
    {
      method: 'get',
      path: '/boards/:slug',
      access: 'public',
      stateless: true,
      summary: "A public board: terms of reference, chair, missions, members by name, organisation and role",
      handler: async (req, res, next) => {
        // Not a board's short name: leave the address to the other /boards/… pages (like the meetings calendar).
        if (!(await service.findBySlug(String(req.params.slug)))) return next();
        return cached(req, res, async () => {
          const board = await service.findBySlug(String(req.params.slug));
          if (!board || !board.isPublic) return null;
          const [missionList, memberRows, parent, children, mergedInto] = await Promise.all([
            publicMissions(board.id),
            service.members(board.id, { onDay: services.today() }),
            board.parentBoardId ? service.getById(board.parentBoardId) : null,
            service.childrenOf(board.id),
            board.mergedIntoBoardId ? service.getById(board.mergedIntoBoardId) : null,
          ]);
          // Lived experience is never shown publicly; "expert" only as part of the role.
          const members = memberRows.map((r) => ({
            name: r.person.name,
            organisation: r.organisation?.name ?? '',
            role: `${memberRoleLabels[r.member.role]}${r.member.isExpert ? ' (expert)' : ''}`,
          }));
          return renderer.toHtml(
            req,
            view('public-board'),
            {
              pageTitle: board.name,
              breadcrumbs: [{ text: 'Boards, partnerships and panels', href: '/boards' }],
              board,
              typeLabel: boardTypeLabels[board.type],
              statusLabel: boardStatusLabels[board.status],
              missions: missionList,
              members,
              parent: parent?.isPublic ? { name: parent.name, href: publicHref(parent) } : null,
              children: children.filter((c) => c.isPublic).map((c) => ({ name: c.name, href: publicHref(c) })),
              mergedInto: mergedInto ? { name: mergedInto.name, href: mergedInto.isPublic ? publicHref(mergedInto) : null } : null,
              meetingsHref: `${publicHref(board)}/meetings`,
            },
            noncePlaceholder,
          );
        });
      },
    },
  ];
}

/** Staff pages, mounted under /staff. */
export function boardsStaffRoutes(services: Services, renderer: Renderer, csrf: Csrf): RouteDef[] {
  void csrf;
  const service = services.governance.boards;
  const crumbs = [
    { text: 'Staff area', href: '/staff' },
    { text: 'Board register', href: '/staff/boards' },
  ];

  async function page(req: Request, res: Response, template: string, context: Record<string, unknown>, status = 200) {
    const flash = readCookie(req, flashCookie);
    if (flash) res.clearCookie(flashCookie, { path: flashPath });
    const isEditor = req.user?.role === 'editor' || req.user?.role === 'admin';
    await renderer.page(req, res, template, { flash, isEditor, ...context }, status);
  }

  function done(res: Response, message: string, to: string) {
    res.cookie(flashCookie, message, { httpOnly: true, sameSite: 'lax', path: flashPath, maxAge: 60_000 });
    res.redirect(303, to);
  }

  async function boardOf(req: Request): Promise<Board> {
    const slug = String(req.params.slug ?? '');
    const board = await service.findBySlug(slug);
    if (!board) throw new NotFoundError(`No board has the short name ${slug}`);
    return board;
  }

  async function formContext(board: Board | null) {
    const [all, peopleList, missionList] = await Promise.all([service.list(), services.organisations.listPeople(), service.currentPlanMissions()]);
    const others = all.filter((b) => b.id !== board?.id);
    return { fields: boardFields(others, peopleList, board === null), missionList };
  }

  async function showBoardForm(req: Request, res: Response, board: Board | null, state: { values: Record<string, string>; missionIds: string[]; isPublic: string; errors: FieldError[] }) {
    const { fields, missionList } = await formContext(board);
    const title = board ? 'Change the board' : 'Register a board';
    await page(
      req,
      res,
      view('form'),
      {
        pageTitle: title,
        breadcrumbs: board ? [...crumbs, { text: board.name, href: staffHref(board) }] : crumbs,
        heading: { title, caption: board?.name, cancel: board ? staffHref(board) : '/staff/boards' },
        fields,
        values: state.values,
        missionItems: missionList.map((m) => ({ value: String(m.id), text: m.title, hint: m.kind === 'mission' ? undefined : 'Foundation', checked: state.missionIds.includes(String(m.id)) })),
        hasMissions: missionList.length > 0,
        isPublic: state.isPublic,
        fieldErrors: errorsByField(state.errors),
        errorSummary: errorSummary(state.errors),
        action: req.originalUrl,
        submitText: board ? 'Save' : 'Register',
      },
      state.errors.length ? 400 : 200,
    );
  }

  /** Reads a posted board form: refused fields come back as errors, the rest as a service input. */
  async function readBoardForm(req: Request, board: Board | null) {
    const body = bodyOf(req);
    const { fields } = await formContext(board);
    const { values, errors, raw } = parseForm(fields, body);
    const missionIds = many(body.missionIds).map((s) => s.trim());
    const isPublic = str(body.isPublic);
    if (isPublic !== 'yes' && isPublic !== 'no') errors.push({ field: 'isPublic', text: 'Select whether the board is shown on the public site' });
    const input: BoardInput = {
      name: typeof values.name === 'string' ? values.name : '',
      slug: typeof values.slug === 'string' ? values.slug : null,
      type: typeof values.type === 'string' ? values.type : '',
      chair: typeof values.chair === 'string' ? values.chair : '',
      chairPersonId: values.chairPersonId ? Number(values.chairPersonId) : null,
      statutoryBasis: typeof values.statutoryBasis === 'string' ? values.statutoryBasis : '',
      parentBoardId: values.parentBoardId ? Number(values.parentBoardId) : null,
      meetingsPerYear: typeof values.meetingsPerYear === 'number' ? values.meetingsPerYear : 0,
      usualLengthMinutes: typeof values.usualLengthMinutes === 'number' ? values.usualLengthMinutes : 0,
      termsOfReference: typeof values.termsOfReference === 'string' ? values.termsOfReference : '',
      missionIds: missionIds.map((s) => (/^\d+$/.test(s) ? Number(s) : Number.NaN)),
      isPublic: isPublic !== 'no',
    };
    return { input, errors, state: { values: raw, missionIds, isPublic } };
  }

  type Failed = { form: 'member' | 'merge' | 'close' | 'end'; values: Record<string, string>; errors: FieldError[]; memberId?: number };

  async function showBoard(req: Request, res: Response, board: Board, failed: Failed | null = null) {
    const today = services.today();
    const [missionList, memberRows, parent, children, mergedInto, all, peopleList, organisationList, actionRows] = await Promise.all([
      service.missionsOf(board.id),
      service.members(board.id),
      board.parentBoardId ? service.getById(board.parentBoardId) : null,
      service.childrenOf(board.id),
      board.mergedIntoBoardId ? service.getById(board.mergedIntoBoardId) : null,
      service.list(),
      services.organisations.listPeople(),
      services.organisations.list({ includeClosed: false }),
      services.governance.actions.listForBoard(board.id, today),
    ]);
    const chairPerson = board.chairPersonId ? peopleList.find((p) => p.id === board.chairPersonId) : undefined;
    const rows = memberRows.map((r) => ({
      ...r,
      current: (r.member.fromDate === null || r.member.fromDate <= today) && (r.member.toDate === null || r.member.toDate >= today),
      upcoming: r.member.fromDate !== null && r.member.fromDate > today,
      roleLabel: memberRoleLabels[r.member.role],
      sectorLabel: sectorLabels[r.member.sector],
    }));
    const memberValues = failed?.form === 'member' ? failed.values : {};
    const mergeValues = failed?.form === 'merge' ? failed.values : {};
    const errors = failed?.errors ?? [];
    const summary = failed?.form === 'end' ? errors.map((e) => ({ text: e.text, href: `#end-${failed.memberId}` })) : errorSummary(errors);
    await page(
      req,
      res,
      view('board'),
      {
        pageTitle: board.name,
        breadcrumbs: crumbs,
        board,
        base: staffHref(board),
        publicHref: board.isPublic ? publicHref(board) : null,
        typeLabel: boardTypeLabels[board.type],
        statusLabel: boardStatusLabels[board.status],
        chairPerson,
        missions: missionList,
        parent: parent ? { name: parent.name, href: staffHref(parent) } : null,
        children: children.map((c) => ({ name: c.name, href: staffHref(c), status: c.status })),
        mergedInto: mergedInto ? { name: mergedInto.name, href: staffHref(mergedInto) } : null,
        mergedHere: all.filter((b) => b.mergedIntoBoardId === board.id).map((b) => ({ name: b.name, href: staffHref(b), on: b.statusChangedOn })),
        currentMembers: rows.filter((r) => r.current || r.upcoming),
        pastMembers: rows.filter((r) => !r.current && !r.upcoming),
        selects: {
          person: selectItems(peopleList.map((p) => ({ value: String(p.id), text: p.email ? `${p.name} (${p.email})` : p.name })), memberValues.personId, 'Choose…'),
          organisation: selectItems(organisationList.map((o) => ({ value: String(o.id), text: o.name })), memberValues.organisationId, 'None'),
          sector: selectItems(sectors.map((s) => ({ value: s, text: sectorLabels[s] })), memberValues.sector || 'other', null),
          role: selectItems(memberRoles.map((r) => ({ value: r, text: memberRoleLabels[r] })), memberValues.role || 'member', null),
          merge: selectItems(all.filter((b) => b.id !== board.id && b.status === 'active').map((b) => ({ value: String(b.id), text: b.name })), mergeValues.intoBoardId, 'Choose…'),
        },
        meetingsHref: `${staffHref(board)}/meetings`,
        actionsHref: `${staffHref(board)}/actions`,
        overdueActions: actionRows.filter((r) => r.overdue).length,
        forms: Object.fromEntries(
          (['member', 'merge', 'close', 'end'] as const).map((name) => [
            name,
            failed?.form === name ? { values: failed.values, fieldErrors: errorsByField(errors), memberId: failed.memberId ?? null } : { values: {}, fieldErrors: {}, memberId: null },
          ]),
        ),
        errorSummary: summary,
      },
      errors.length ? 400 : 200,
    );
  }

  /** Runs a change on a board; a ValidationError re-shows the board page with that form's errors. */
  async function change(req: Request, res: Response, board: Board, failed: Omit<Failed, 'errors'>, work: () => Promise<string>) {
    try {
      done(res, await work(), staffHref(board));
    } catch (error) {
      if (error instanceof ValidationError) return showBoard(req, res, board, { ...failed, errors: error.errors });
      throw error;
    }
  }

  async function review() {
    return reviewBoards(await service.snapshot());
  }

  return [
    {
      method: 'get',
      path: '/boards',
      access: 'signed-in',
      summary: 'The board register: every board, committee and panel with type, status, chair and missions',
      handler: async (req, res) => {
        const [list, byMission, missionList] = await Promise.all([service.list(), service.boardsByMission(), service.currentPlanMissions()]);
        const missionsOfBoard = new Map<number, string[]>();
        for (const m of missionList) for (const b of byMission.get(m.id) ?? []) missionsOfBoard.set(b.id, [...(missionsOfBoard.get(b.id) ?? []), m.title]);
        const rows = list.map((b) => ({ board: b, href: staffHref(b), typeLabel: boardTypeLabels[b.type], statusLabel: boardStatusLabels[b.status], missions: missionsOfBoard.get(b.id) ?? [] }));
        await page(req, res, view('list'), {
          pageTitle: 'Board register',
          breadcrumbs: [{ text: 'Staff area', href: '/staff' }],
          active: rows.filter((r) => r.board.status === 'active'),
          ended: rows.filter((r) => r.board.status !== 'active'),
        });
      },
    },
    {
      method: 'get',
      path: '/boards/new',
      access: 'editor',
      summary: 'Form: register a board, committee or panel',
      handler: async (req, res) => {
        const { fields } = await formContext(null);
        await showBoardForm(req, res, null, { values: { ...formDefaults(fields, null), meetingsPerYear: '4', usualLengthMinutes: '120' }, missionIds: [], isPublic: 'yes', errors: [] });
      },
    },
    {
      method: 'post',
      path: '/boards/new',
      access: 'editor',
      summary: 'Register a board, committee or panel (audited)',
      handler: async (req, res) => {
        const { input, errors, state } = await readBoardForm(req, null);
        if (errors.length) return showBoardForm(req, res, null, { ...state, errors });
        try {
          const created = await service.create(actorOf(req), input);
          done(res, `Registered ${created.name}`, staffHref(created));
        } catch (error) {
          if (error instanceof ValidationError) return showBoardForm(req, res, null, { ...state, errors: error.errors });
          throw error;
        }
      },
    },
    {
      method: 'get',
      path: '/boards/review',
      access: 'signed-in',
      summary: 'Board review: membership and remit overlap, meeting burden, inactive boards, missions without a board, merge candidates',
      handler: async (req, res) => {
        const result = await review();
        const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
        await page(req, res, view('review'), {
          pageTitle: 'Board review',
          breadcrumbs: crumbs,
          review: result,
          peopleMatrix: { boards: result.peopleMatrix.boards.map((b) => ({ ...b, href: staffHref(b) })), rows: result.peopleMatrix.cells.map((row) => row.map(pct)) },
          organisationMatrix: { boards: result.organisationMatrix.boards.map((b) => ({ ...b, href: staffHref(b) })), rows: result.organisationMatrix.cells.map((row) => row.map(pct)) },
          weights: mergeWeights,
          stopWordCount: stopWords.size,
          stopWordList: [...stopWords].sort().join(', '),
          hrefOf: Object.fromEntries((await service.list()).map((b) => [b.id, staffHref(b)])),
        });
      },
    },
    {
      method: 'get',
      path: '/boards/review.csv',
      access: 'signed-in',
      summary: 'Board review as CSV: one finding a row, each explained',
      handler: async (_req, res) => {
        const result = await review();
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', `attachment; filename="board-review-${result.today}.csv"`);
        res.send(toCsv(reviewCsvHeader, reviewCsvRows(result)));
      },
    },
    {
      method: 'get',
      path: '/boards/:slug',
      access: 'signed-in',
      summary: 'A board: details, status, missions, parent and children, current and past members',
      handler: async (req, res, next) => {
        // Not a board's short name: leave the address to the other /staff/boards/… pages (like the cross-board view).
        const board = await service.findBySlug(String(req.params.slug));
        if (!board) return next();
        await showBoard(req, res, board);
      },
    },
    {
      method: 'get',
      path: '/boards/:slug/edit',
      access: 'editor',
      summary: "Form: change a board's details and missions",
      handler: async (req, res) => {
        const board = await boardOf(req);
        const { fields } = await formContext(board);
        const missionIds = (await service.missionIdsOf(board.id)).map(String);
        await showBoardForm(req, res, board, { values: formDefaults(fields, board), missionIds, isPublic: board.isPublic ? 'yes' : 'no', errors: [] });
      },
    },
    {
      method: 'post',
      path: '/boards/:slug/edit',
      access: 'editor',
      summary: "Change a board's details and missions (audited)",
      handler: async (req, res) => {
        const board = await boardOf(req);
        const { input, errors, state } = await readBoardForm(req, board);
        if (errors.length) return showBoardForm(req, res, board, { ...state, errors });
        try {
          await service.update(actorOf(req), board.id, input);
          done(res, 'Board saved', staffHref(board));
        } catch (error) {
          if (error instanceof ValidationError) return showBoardForm(req, res, board, { ...state, errors: error.errors });
          throw error;
        }
      },
    },
    {
      method: 'post',
      path: '/boards/:slug/merge',
      access: 'editor',
      summary: 'Merge a board into another on a date (the board and its history are kept)',
      handler: async (req, res) => {
        const board = await boardOf(req);
        const body = bodyOf(req);
        const values = { intoBoardId: str(body.intoBoardId), mergeDate: str(body.mergeDate) };
        await change(req, res, board, { form: 'merge', values }, async () => {
          const merged = await service.merge(actorOf(req), board.id, { intoBoardId: idOrNull(body.intoBoardId), date: values.mergeDate || null });
          const into = merged.mergedIntoBoardId ? await service.getById(merged.mergedIntoBoardId) : null;
          return `${board.name} is merged into ${into?.name ?? 'another board'} from ${values.mergeDate}`;
        });
      },
    },
    {
      method: 'post',
      path: '/boards/:slug/close',
      access: 'editor',
      summary: 'Close a board on a date (the board and its history are kept)',
      handler: async (req, res) => {
        const board = await boardOf(req);
        const values = { closeDate: str(bodyOf(req).closeDate) };
        await change(req, res, board, { form: 'close', values }, async () => {
          await service.close(actorOf(req), board.id, { date: values.closeDate || null });
          return `${board.name} is closed from ${values.closeDate}`;
        });
      },
    },
    {
      method: 'post',
      path: '/boards/:slug/reopen',
      access: 'editor',
      summary: 'Make a merged or closed board active again (audited)',
      handler: async (req, res) => {
        const board = await boardOf(req);
        await service.reopen(actorOf(req), board.id);
        done(res, `${board.name} is active again`, staffHref(board));
      },
    },
    {
      method: 'post',
      path: '/boards/:slug/members',
      access: 'editor',
      summary: 'Add a member to a board: a registered person or a new one by name (audited)',
      handler: async (req, res) => {
        const board = await boardOf(req);
        const body = bodyOf(req);
        const values: Record<string, string> = {};
        for (const k of ['personId', 'personName', 'organisationId', 'sector', 'role', 'fromDate', 'toDate']) values[k] = str(body[k]);
        values.isExpert = str(body.isExpert) === 'yes' ? 'yes' : '';
        values.hasLivedExperience = str(body.hasLivedExperience) === 'yes' ? 'yes' : '';
        await change(req, res, board, { form: 'member', values }, async () => {
          const personId = idOrNull(body.personId);
          const organisationId = idOrNull(body.organisationId);
          const problems: FieldError[] = [];
          if (Number.isNaN(personId)) problems.push({ field: 'personId', text: 'Choose a person from the list' });
          if (Number.isNaN(organisationId)) problems.push({ field: 'organisationId', text: 'Select the organisation from the list' });
          if (problems.length) throw new ValidationError(problems);
          await service.addMember(actorOf(req), board.id, {
            personId,
            personName: values.personName || null,
            organisationId,
            sector: values.sector ?? '',
            role: values.role ?? '',
            isExpert: values.isExpert === 'yes',
            hasLivedExperience: values.hasLivedExperience === 'yes',
            fromDate: values.fromDate || null,
            toDate: values.toDate || null,
          });
          return 'Member added';
        });
      },
    },
    {
      method: 'post',
      path: '/boards/:slug/members/:memberId/end',
      access: 'editor',
      summary: "End a member's seat on a board on a date (kept in the history)",
      handler: async (req, res) => {
        const board = await boardOf(req);
        const memberId = Number(req.params.memberId);
        if (!Number.isInteger(memberId) || memberId <= 0) throw new NotFoundError();
        const member = await service.getMember(memberId);
        if (member.boardId !== board.id) throw new NotFoundError();
        const values = { toDate: str(bodyOf(req).toDate) };
        await change(req, res, board, { form: 'end', values, memberId }, async () => {
          await service.endMember(actorOf(req), memberId, values.toDate || null);
          return `Membership ended on ${values.toDate}`;
        });
      },
    },
  ];
}

/** JSON/CSV API, mounted under /api/v1. */
export function boardsApiRoutes(services: Services): RouteDef[] {
  void services;
  return [];
}

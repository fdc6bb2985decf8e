// Meetings: staff schedule them and keep the agenda, papers, attendance, minutes and decisions
// (/staff/boards/{slug}/meetings, /staff/meetings/{id}); the board pack (HTML and PDF); the public
// meeting pages, public paper downloads and iCalendar feeds. Restricted material (items, papers,
// unpublished minutes) is only ever read after canSeeRestricted says yes.
import type { Request, Response } from 'express';
import { actorOf } from '../../platform/auth/actor.ts';
import { readCookie } from '../../platform/http/cookies.ts';
import type { Csrf } from '../../platform/http/csrf.ts';
import { HttpError, NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { errorsByField, errorSummary } from '../../platform/http/forms.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { RouteDef } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { noncePlaceholder, pageBytes } from '../public-site/index.ts';
import { readUpload } from '../staff/index.ts';
import { buildPack } from './board-pack.ts';
import { boardsSatOn, canSeeRestricted, isStaff } from './governance.access.ts';
import { actionStatusLabels } from './actions.service.ts';
import { attendanceStatuses, meetingStatuses } from './governance.tables.ts';
import { formatLondon, formatLondonTime, londonParts } from './london-time.ts';
import { writeCalendar, type CalendarEvent } from './meetings.ical.ts';
import { attendanceLabels, meetingFormValues, meetingStatusLabels, type Board, type ItemInput, type Meeting, type MeetingInput } from './meetings.service.ts';
import { chromiumAvailable, htmlToPdf } from './pack-pdf.ts';
import { acceptAttribute, acceptedTypesText, defaultMaxPaperBytes, paperHeaders } from './papers.ts';

const view = (name: string) => `domains/governance/views/meetings/${name}.njk`;
/** The largest paper accepted (20 MB; a MAX_PAPER_BYTES setting would belong in src/config). */
export const maxPaperBytes = defaultMaxPaperBytes;

type Body = Record<string, unknown>;
const bodyOf = (req: Request): Body => (req.body ?? {}) as Body;
const text = (body: Body, key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
const ids = (v: unknown): number[] => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]).map((x) => Number(x)).filter((n) => Number.isInteger(n) && n > 0);
const idParam = (req: Request, name = 'id') => {
  const n = Number(req.params[name]);
  return Number.isInteger(n) && n > 0 ? n : -1;
};
const isEditor = (req: Request) => req.user?.role === 'editor' || req.user?.role === 'admin';

/** A change to a meeting says what it did, once, on the page it returns to. */
const flashCookie = 'sp_meetings_flash';
const flashPath = '/staff/meetings';
function flash(res: Response, message: string) {
  res.cookie(flashCookie, message, { httpOnly: true, sameSite: 'lax', path: flashPath, maxAge: 60_000 });
}
function takeFlash(req: Request, res: Response): string | undefined {
  const message = readCookie(req, flashCookie);
  if (message) res.clearCookie(flashCookie, { path: flashPath });
  return message;
}

function meetingInputOf(body: Body): MeetingInput {
  return { title: text(body, 'title'), date: text(body, 'date'), time: text(body, 'time'), lengthMinutes: text(body, 'lengthMinutes'), location: text(body, 'location'), isPublic: text(body, 'isPublic') !== 'no', status: text(body, 'status') || 'scheduled' };
}

function itemInputOf(body: Body): ItemInput {
  return {
    title: text(body, 'title'),
    topic: text(body, 'topic'),
    description: text(body, 'description'),
    presenter: text(body, 'presenter'),
    isPublic: text(body, 'isPublic') !== 'no',
    missionIds: ids(body.missionIds),
    objectiveIds: ids(body.objectiveIds),
    measureIds: ids(body.measureIds),
  };
}

const dayOf = (m: Meeting) => londonParts(m.startsAt).date;

/** Objectives as checkbox groups, one a mission in the plan's order; the first group's first box has the field's id. */
function groupObjectives(items: { missionTitle: string; value: string; text: string; checked: boolean }[]) {
  const groups: { missionTitle: string; idPrefix: string; items: { value: string; text: string; checked: boolean }[]; open: boolean }[] = [];
  for (const { missionTitle, ...item } of items) {
    let group = groups.at(-1);
    if (!group || group.missionTitle !== missionTitle) {
      group = { missionTitle, idPrefix: groups.length ? `objectiveIds-${groups.length + 1}` : 'objectiveIds', items: [], open: false };
      groups.push(group);
    }
    group.items.push(item);
    if (item.checked) group.open = true;
  }
  return groups;
}

/** A meeting's words for lists: when (London), until (a time in the same words; the day too if it ends on another), status. */
function describeMeeting(m: Meeting) {
  const end = new Date(m.startsAt.getTime() + m.lengthMinutes * 60000);
  const until = londonParts(end).date === dayOf(m) ? formatLondonTime(end) : formatLondon(end);
  return { ...m, when: formatLondon(m.startsAt), until, day: dayOf(m), statusLabel: meetingStatusLabels[m.status] };
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}

/** The meetings service's errors in the GOV.UK error summary. */
function errorContext(errors: FieldError[], values: Record<string, unknown>) {
  return { errorSummary: errorSummary(errors), fieldErrors: errorsByField(errors), values };
}

/** Public pages served through the page cache (stateless, emptied on every change). */
function cachedPage(services: Services) {
  return async (req: Request, res: Response, build: () => Promise<{ body: string; type: string } | null>) => {
    const page = await services.pageCache.getOrBuild(`${services.today()} ${req.path}`, build);
    if (!page) throw new NotFoundError();
    const body = pageBytes(page, req.cspNonce);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Type', page.type);
    res.setHeader('Content-Length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

async function sendPaper(services: Services, res: Response, paper: { id: number; fileName: string; mediaType: string; sizeBytes: number; withdrawnAt: Date | null }, restricted: boolean) {
  if (paper.withdrawnAt) throw new HttpError(410, 'This paper has been withdrawn');
  const content = await services.governance.meetings.paperContent(paper.id);
  if (!content) throw new NotFoundError('This paper’s file is missing');
  for (const [name, value] of Object.entries(paperHeaders({ ...paper, sizeBytes: content.length }, restricted))) res.setHeader(name, value);
  res.end(content);
}

/** The public view of a board's meetings and a meeting (also the public pack). */
async function publicMeetingContext(services: Services, id: number) {
  const svc = services.governance.meetings;
  const found = await svc.getMeeting(id);
  if (!found || !svc.isPublicMeeting(found)) return null;
  return found;
}

function icsEvents(host: string, rows: { meeting: Meeting; board: Board }[]): CalendarEvent[] {
  return rows.map(({ meeting, board }) => ({
    uid: `meeting-${meeting.id}@${host}`,
    startsAt: meeting.startsAt,
    endsAt: new Date(meeting.startsAt.getTime() + meeting.lengthMinutes * 60000),
    summary: `${board.name}: ${meeting.title}`,
    location: meeting.location,
    description: meeting.status === 'cancelled' ? 'This meeting is cancelled.' : `Public meeting of ${board.name}.`,
    url: null,
    cancelled: meeting.status === 'cancelled',
    lastModified: meeting.updatedAt,
  }));
}

function sendIcs(req: Request, res: Response, name: string, rows: { meeting: Meeting; board: Board }[]) {
  const host = (req.hostname || 'localhost').replace(/[^a-z0-9.-]/gi, '');
  const body = writeCalendar({ name, events: icsEvents(host, rows).map((e) => ({ ...e, url: `${req.protocol}://${req.get('host') ?? host}/meetings/${e.uid.slice(8, e.uid.indexOf('@'))}` })), now: new Date() });
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  res.setHeader('Cache-Control', 'public, max-age=300');
  res.setHeader('Content-Disposition', `inline; filename="${name.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}.ics"`);
  res.end(body);
}

/** Public pages (and partner pages outside /staff). */
export function meetingsSiteRoutes(services: Services, renderer: Renderer, csrf: Csrf): RouteDef[] {
  void csrf;
  const svc = services.governance.meetings;
  const cached = cachedPage(services);
  const html = async (req: Request, template: string, context: Record<string, unknown>) => ({ body: await renderer.toHtml(req, template, context, noncePlaceholder), type: 'text/html; charset=utf-8' });

  return [
    {
      method: 'get',
      path: '/hub/meetings',
      access: 'partner',
      summary: 'Meetings of the boards you sit on (staff: every board), with their packs',
      handler: async (req, res) => {
        const today = services.today();
        const staff = isStaff(req.user);
        const satOn = req.user && !staff ? await boardsSatOn(services.database.db, req.user.id, today) : new Set<number>();
        const rows = (await svc.allMeetings()).filter((r) => staff || satOn.has(r.board.id));
        const described = rows.map((r) => ({ ...describeMeeting(r.meeting), board: r.board }));
        await renderer.page(req, res, view('hub-meetings'), {
          pageTitle: staff ? 'Board meetings' : 'Meetings of your boards',
          breadcrumbs: [{ text: 'Data hub', href: '/hub' }],
          staff,
          // By the London day, as everywhere else (services.today()): today's meetings are upcoming all day.
          upcoming: described.filter((m) => m.day >= today),
          past: described.filter((m) => m.day < today).reverse(),
        });
      },
    },
    {
      method: 'get',
      path: '/boards/meetings.ics',
      access: 'public',
      stateless: true,
      summary: 'Calendar (iCalendar) of every public meeting of every public board',
      handler: async (req, res) => sendIcs(req, res, 'Board meetings', await svc.allPublicMeetings()),
    },
    {
      method: 'get',
      path: '/boards/:slug/meetings.ics',
      access: 'public',
      stateless: true,
      summary: 'Calendar (iCalendar) of a public board’s public meetings',
      handler: async (req, res) => {
        const board = await services.governance.boards.findBySlug(String(req.params.slug));
        if (!board || !board.isPublic) throw new NotFoundError('There is no such board');
        const rows = (await svc.allPublicMeetings()).filter((r) => r.board.id === board.id);
        sendIcs(req, res, `${board.name} meetings`, rows);
      },
    },
    {
      method: 'get',
      path: '/boards/:slug/meetings',
      access: 'public',
      stateless: true,
      summary: 'A public board’s public meetings, upcoming and past',
      handler: (req, res) =>
        cached(req, res, async () => {
          const board = await services.governance.boards.findBySlug(String(req.params.slug));
          if (!board || !board.isPublic) return null;
          const list = (await svc.meetingsOfBoard(board.id, { publicOnly: true })).map(describeMeeting);
          // By the London day (cached pages last until the day changes): today's meetings are upcoming all day.
          const today = services.today();
          return html(req, view('public-board'), {
            pageTitle: `${board.name}: meetings`,
            breadcrumbs: [{ text: 'Home', href: '/' }, { text: board.name, href: `/boards/${board.slug}` }],
            board,
            upcoming: list.filter((m) => m.day >= today).reverse(),
            past: list.filter((m) => m.day < today),
          });
        }),
    },
    {
      method: 'get',
      path: '/meetings/:id',
      access: 'public',
      stateless: true,
      summary: 'A public meeting: its public agenda items and papers, decisions and published minutes',
      handler: (req, res) =>
        cached(req, res, async () => {
          const found = await publicMeetingContext(services, idParam(req));
          if (!found) return null;
          const pack = await buildPack(services, found.meeting.id, { restricted: false });
          return html(req, view('public-meeting'), {
            pageTitle: `${found.board.name}: ${found.meeting.title}`,
            breadcrumbs: [{ text: 'Home', href: '/' }, { text: `${found.board.name}: meetings`, href: `/boards/${found.board.slug}/meetings` }],
            m: describeMeeting(found.meeting),
            board: found.board,
            pack,
            sizeText,
            attendanceLabels,
          });
        }),
    },
    {
      method: 'get',
      path: '/meetings/:id/pack',
      access: 'public',
      stateless: true,
      summary: 'The public board pack of a public meeting: public items, papers, measures as of the meeting day',
      handler: (req, res) =>
        cached(req, res, async () => {
          const found = await publicMeetingContext(services, idParam(req));
          if (!found) return null;
          const pack = await buildPack(services, found.meeting.id, { restricted: false });
          return html(req, view('pack'), {
            ...packContext(found.board, found.meeting, pack, { publicPack: true }),
            breadcrumbs: [
              { text: 'Home', href: '/' },
              { text: `${found.board.name}: meetings`, href: `/boards/${found.board.slug}/meetings` },
              { text: found.meeting.title, href: `/meetings/${found.meeting.id}` },
            ],
          });
        }),
    },
    {
      method: 'get',
      path: '/meetings/:id/papers/:paperId',
      access: 'public',
      stateless: true,
      summary: 'Download a public paper of a public meeting',
      handler: async (req, res) => {
        const found = await svc.paper(idParam(req, 'paperId'));
        if (!found || found.meeting.id !== idParam(req) || !found.isPublic) throw new NotFoundError('There is no such public paper');
        await sendPaper(services, res, found.paper, false);
      },
    },
  ];
}

function packContext(board: Board, meeting: Meeting, pack: Awaited<ReturnType<typeof buildPack>>, options: { publicPack: boolean; pdfMissing?: boolean }) {
  return {
    pageTitle: `Board pack: ${board.name}, ${meeting.title}`,
    m: describeMeeting(meeting),
    board,
    pack,
    publicPack: options.publicPack,
    pdfMissing: options.pdfMissing ?? false,
    paperBase: options.publicPack ? `/meetings/${meeting.id}/papers/` : `/staff/meetings/${meeting.id}/papers/`,
    sizeText,
    attendanceLabels,
  };
}

/** Staff pages, mounted under /staff. */
export function meetingsStaffRoutes(services: Services, renderer: Renderer, csrf: Csrf): RouteDef[] {
  const svc = services.governance.meetings;
  const db = services.database.db;

  async function boardOf(req: Request) {
    const board = await services.governance.boards.findBySlug(String(req.params.slug));
    if (!board) throw new NotFoundError('There is no such board');
    return board;
  }

  async function showBoardMeetings(req: Request, res: Response, context: Record<string, unknown> = {}, status = 200) {
    const board = await boardOf(req);
    const list = (await svc.meetingsOfBoard(board.id, { publicOnly: false })).map(describeMeeting);
    await renderer.page(
      req,
      res,
      view('board-meetings'),
      {
        pageTitle: `${board.name}: meetings`,
        breadcrumbs: [{ text: 'Staff area', href: '/staff' }, { text: board.name, href: `/staff/boards/${board.slug}` }],
        board,
        meetings: list,
        isEditor: isEditor(req),
        statusItems: meetingStatuses.map((s) => ({ value: s, text: meetingStatusLabels[s] })),
        // A board whose usual length is not recorded (0) starts with an empty box, not a 0 the form refuses.
        values: { lengthMinutes: board.usualLengthMinutes ? String(board.usualLengthMinutes) : '', time: '14:00', isPublic: board.isPublic ? 'yes' : 'no', status: 'scheduled' },
        ...context,
      },
      status,
    );
  }

  async function meetingOf(req: Request) {
    return svc.requireMeeting(idParam(req));
  }

  async function showMeeting(req: Request, res: Response, context: Record<string, unknown> = {}, status = 200) {
    const { meeting, board } = await meetingOf(req);
    const [items, paperList, attendance, decisions, boardActions, recommendationRows] = await Promise.all([
      svc.agenda(meeting.id, { restricted: true }),
      svc.papersOf(meeting.id, { restricted: true, includeWithdrawn: true }),
      svc.attendance(meeting.id),
      svc.decisions(meeting.id, { restricted: true }),
      services.governance.actions.listForBoard(board.id),
      services.governance.decisions.listRecommendations(),
    ]);
    const itemTitle = new Map(items.map((i) => [i.id, `${i.number}. ${i.title}`]));
    await renderer.page(
      req,
      res,
      view('meeting'),
      {
        pageTitle: `${board.name}: ${meeting.title}`,
        breadcrumbs: [
          { text: 'Staff area', href: '/staff' },
          { text: board.name, href: `/staff/boards/${board.slug}` },
          { text: 'Meetings', href: `/staff/boards/${board.slug}/meetings` },
        ],
        m: describeMeeting(meeting),
        board,
        publicMeeting: svc.isPublicMeeting({ meeting, board }),
        items,
        papers: paperList.map((p) => ({ ...p, itemTitle: p.agendaItemId ? (itemTitle.get(p.agendaItemId) ?? '') : '', size: sizeText(p.sizeBytes) })),
        attendance,
        attendanceItems: attendanceStatuses.map((s) => ({ value: s, text: attendanceLabels[s] })),
        decisions,
        actions: boardActions.filter((r) => r.action.meetingId === meeting.id).map((r) => ({ ...r, statusLabel: actionStatusLabels[r.action.status] })),
        recommendations: recommendationRows.filter((r) => r.recommendation.meetingId === meeting.id),
        newActionHref: `/staff/boards/${encodeURIComponent(board.slug)}/actions/new?meeting=${meeting.id}`,
        newRecommendationHref: `/staff/recommendations/new?board=${encodeURIComponent(board.slug)}&meeting=${meeting.id}`,
        flash: takeFlash(req, res),
        isEditor: isEditor(req),
        itemChoices: items.map((i) => ({ value: String(i.id), text: `${i.number}. ${i.title}` })),
        acceptAttribute,
        acceptedTypesText,
        maxPaperMb: Math.round(maxPaperBytes / 1024 / 1024),
        chromium: chromiumAvailable(),
        ...context,
      },
      status,
    );
  }

  async function showItemForm(req: Request, res: Response, options: { itemId: number | null; values: Record<string, unknown>; errors: FieldError[] }, status = 200) {
    const { meeting, board } = await meetingOf(req);
    const choices = await svc.linkChoices();
    const chosen = (k: string) => new Set(ids(options.values[k]).map(String));
    await renderer.page(
      req,
      res,
      view('item-form'),
      {
        pageTitle: options.itemId ? 'Change an agenda item' : 'Add an agenda item',
        breadcrumbs: [
          { text: 'Staff area', href: '/staff' },
          { text: board.name, href: `/staff/boards/${board.slug}` },
          { text: meeting.title, href: `/staff/meetings/${meeting.id}` },
        ],
        heading: options.itemId ? 'Change an agenda item' : 'Add an agenda item',
        m: describeMeeting(meeting),
        action: req.originalUrl,
        cancel: `/staff/meetings/${meeting.id}#agenda`,
        plan: choices.plan,
        missionItems: choices.missions.map((x) => ({ value: String(x.id), text: x.title, checked: chosen('missionIds').has(String(x.id)) })),
        // The plan has well over a hundred objectives: one group a mission, open when one of its objectives is chosen.
        objectiveGroups: groupObjectives(choices.objectives.map((x) => ({ missionTitle: x.missionTitle, value: String(x.id), text: `${x.ref}: ${x.text}`, checked: chosen('objectiveIds').has(String(x.id)) }))),
        measureItems: choices.measures.map((x) => ({ value: String(x.id), text: x.title, hint: { text: x.missionTitle }, checked: chosen('measureIds').has(String(x.id)) })),
        ...errorContext(options.errors, options.values),
      },
      status,
    );
  }

  /** Runs a change; a ValidationError re-shows the meeting page with the errors and what was typed. */
  async function onMeeting(req: Request, res: Response, work: () => Promise<string>, anchor: string, message: string) {
    try {
      const to = await work();
      flash(res, message);
      res.redirect(303, to);
    } catch (error) {
      if (error instanceof ValidationError) return showMeeting(req, res, { ...errorContext(error.errors, bodyOf(req)), focus: anchor }, 400);
      throw error;
    }
  }

  return [
    {
      method: 'get',
      path: '/boards/:slug/meetings',
      access: 'signed-in',
      summary: 'A board’s meetings (all, public and not), and the form to schedule one',
      handler: (req, res) => showBoardMeetings(req, res),
    },
    {
      method: 'post',
      path: '/boards/:slug/meetings',
      access: 'editor',
      summary: 'Schedule a meeting of a board (date and time in London)',
      handler: async (req, res) => {
        const board = await boardOf(req);
        try {
          const meeting = await svc.create(actorOf(req), board.id, meetingInputOf(bodyOf(req)));
          flash(res, 'Meeting scheduled: now add its agenda');
          res.redirect(303, `/staff/meetings/${meeting.id}`);
        } catch (error) {
          if (error instanceof ValidationError) return showBoardMeetings(req, res, errorContext(error.errors, bodyOf(req)), 400);
          throw error;
        }
      },
    },
    {
      method: 'get',
      path: '/meetings/:id',
      access: 'signed-in',
      summary: 'A meeting: details, agenda, papers (restricted too), attendance, minutes and decisions',
      handler: (req, res) => showMeeting(req, res),
    },
    {
      method: 'get',
      path: '/meetings/:id/edit',
      access: 'editor',
      summary: 'Form: change a meeting’s title, time, length, place, public flag or status',
      handler: async (req, res) => {
        const { meeting, board } = await meetingOf(req);
        await renderer.page(req, res, view('meeting-form'), {
          pageTitle: `Change ${meeting.title}`,
          breadcrumbs: [{ text: 'Staff area', href: '/staff' }, { text: board.name, href: `/staff/boards/${board.slug}` }, { text: meeting.title, href: `/staff/meetings/${meeting.id}` }],
          m: describeMeeting(meeting),
          board,
          values: meetingFormValues(meeting),
          statusItems: meetingStatuses.map((s) => ({ value: s, text: meetingStatusLabels[s] })),
        });
      },
    },
    {
      method: 'post',
      path: '/meetings/:id/edit',
      access: 'editor',
      summary: 'Change a meeting (audited)',
      handler: async (req, res) => {
        const { meeting, board } = await meetingOf(req);
        try {
          await svc.update(actorOf(req), meeting.id, meetingInputOf(bodyOf(req)));
          flash(res, 'Meeting details saved');
          res.redirect(303, `/staff/meetings/${meeting.id}`);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          await renderer.page(
            req,
            res,
            view('meeting-form'),
            {
              pageTitle: `Change ${meeting.title}`,
              breadcrumbs: [{ text: 'Staff area', href: '/staff' }, { text: board.name, href: `/staff/boards/${board.slug}` }, { text: meeting.title, href: `/staff/meetings/${meeting.id}` }],
              m: describeMeeting(meeting),
              board,
              statusItems: meetingStatuses.map((s) => ({ value: s, text: meetingStatusLabels[s] })),
              ...errorContext(error.errors, bodyOf(req)),
            },
            400,
          );
        }
      },
    },
    {
      method: 'get',
      path: '/meetings/:id/items/new',
      access: 'editor',
      summary: 'Form: add an agenda item, linked to missions, objectives and measures of the current plan',
      handler: (req, res) => showItemForm(req, res, { itemId: null, values: { isPublic: 'yes' }, errors: [] }),
    },
    {
      method: 'post',
      path: '/meetings/:id/items/new',
      access: 'editor',
      summary: 'Add an agenda item (audited)',
      handler: async (req, res) => {
        const { meeting } = await meetingOf(req);
        try {
          const item = await svc.addItem(actorOf(req), meeting.id, itemInputOf(bodyOf(req)));
          flash(res, `Item “${item.title}” added to the agenda`);
          res.redirect(303, `/staff/meetings/${meeting.id}#item-${item.id}`);
        } catch (error) {
          if (error instanceof ValidationError) return showItemForm(req, res, { itemId: null, values: bodyOf(req), errors: error.errors }, 400);
          throw error;
        }
      },
    },
    {
      method: 'get',
      path: '/meetings/:id/items/:itemId/edit',
      access: 'editor',
      summary: 'Form: change an agenda item and its links',
      handler: async (req, res) => {
        const { meeting } = await meetingOf(req);
        const item = (await svc.agenda(meeting.id, { restricted: true })).find((i) => i.id === idParam(req, 'itemId'));
        if (!item) throw new NotFoundError('There is no such agenda item in this meeting');
        return showItemForm(req, res, {
          itemId: item.id,
          values: {
            title: item.title,
            topic: item.topic,
            description: item.description,
            presenter: item.presenter,
            isPublic: item.isPublic ? 'yes' : 'no',
            missionIds: item.missions.map((x) => String(x.id)),
            objectiveIds: item.objectives.map((x) => String(x.id)),
            measureIds: item.measures.map((x) => String(x.id)),
          },
          errors: [],
        });
      },
    },
    {
      method: 'post',
      path: '/meetings/:id/items/:itemId/edit',
      access: 'editor',
      summary: 'Change an agenda item and its links (audited)',
      handler: async (req, res) => {
        const { meeting } = await meetingOf(req);
        const item = await svc.getItem(idParam(req, 'itemId'));
        if (!item || item.meetingId !== meeting.id) throw new NotFoundError('There is no such agenda item in this meeting');
        try {
          await svc.updateItem(actorOf(req), item.id, itemInputOf(bodyOf(req)));
          flash(res, 'Agenda item saved');
          res.redirect(303, `/staff/meetings/${meeting.id}#item-${item.id}`);
        } catch (error) {
          if (error instanceof ValidationError) return showItemForm(req, res, { itemId: item.id, values: bodyOf(req), errors: error.errors }, 400);
          throw error;
        }
      },
    },
    {
      method: 'post',
      path: '/meetings/:id/items/:itemId/move',
      access: 'editor',
      summary: 'Move an agenda item up or down (audited)',
      handler: async (req, res) => {
        const { meeting } = await meetingOf(req);
        const item = await svc.getItem(idParam(req, 'itemId'));
        if (!item || item.meetingId !== meeting.id) throw new NotFoundError('There is no such agenda item in this meeting');
        const direction = text(bodyOf(req), 'direction');
        if (direction !== 'up' && direction !== 'down') throw new HttpError(400, 'Say whether to move the item up or down');
        await svc.moveItem(actorOf(req), item.id, direction);
        res.redirect(303, `/staff/meetings/${meeting.id}#agenda`);
      },
    },
    {
      method: 'post',
      path: '/meetings/:id/items/:itemId/remove',
      access: 'editor',
      summary: 'Remove an agenda item (its papers stay with the meeting; audited)',
      handler: async (req, res) => {
        const { meeting } = await meetingOf(req);
        const item = await svc.getItem(idParam(req, 'itemId'));
        if (!item || item.meetingId !== meeting.id) throw new NotFoundError('There is no such agenda item in this meeting');
        return onMeeting(req, res, async () => (await svc.removeItem(actorOf(req), item.id), `/staff/meetings/${meeting.id}#agenda`), 'agenda', `Item “${item.title}” removed from the agenda`);
      },
    },
    {
      method: 'post',
      path: '/meetings/:id/papers',
      access: 'editor',
      csrf: 'handler',
      summary: 'Upload a paper (PDF, Office, OpenDocument, CSV, text, PNG or JPEG; checked by content; public or restricted with a reason)',
      handler: async (req, res) => {
        const { meeting } = await meetingOf(req);
        const form = await readUpload(req, maxPaperBytes);
        csrf.verify(req, form.fields._csrf);
        const itemId = Number(form.fields.agendaItemId ?? '');
        try {
          await svc.addPaper(
            actorOf(req),
            meeting.id,
            {
              title: form.fields.title ?? '',
              agendaItemId: Number.isInteger(itemId) && itemId > 0 ? itemId : null,
              visibility: form.fields.visibility ?? '',
              restrictionReason: form.fields.restrictionReason ?? '',
              // With no file chosen the browser still sends an empty part, which readUpload names upload.csv.
              file: form.file && form.file.name && !(form.file.name === 'upload.csv' && form.file.content.length === 0 && !form.file.truncated) ? form.file : null,
            },
            maxPaperBytes,
          );
          flash(res, `Paper “${(form.fields.title ?? '').trim()}” uploaded`);
          res.redirect(303, `/staff/meetings/${meeting.id}#papers`);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          const tooLarge = error.errors.some((e) => e.field === 'file' && /larger than/.test(e.text));
          return showMeeting(req, res, { ...errorContext(error.errors, { paperTitle: form.fields.title ?? '', agendaItemId: form.fields.agendaItemId ?? '', visibility: form.fields.visibility ?? '', restrictionReason: form.fields.restrictionReason ?? '' }), errorSummaryMore: 'The paper was not stored.', focus: 'papers' }, tooLarge ? 413 : 400);
        }
      },
    },
    {
      method: 'post',
      path: '/meetings/:id/papers/:paperId/withdraw',
      access: 'editor',
      summary: 'Withdraw a paper: kept in the record, no longer listed or served (audited, with the reason)',
      handler: async (req, res) => {
        const { meeting } = await meetingOf(req);
        const found = await svc.paper(idParam(req, 'paperId'));
        if (!found || found.meeting.id !== meeting.id) throw new NotFoundError('There is no such paper in this meeting');
        await svc.withdrawPaper(actorOf(req), found.paper.id, text(bodyOf(req), 'reason'));
        flash(res, `Paper “${found.paper.title}” withdrawn`);
        res.redirect(303, `/staff/meetings/${meeting.id}#papers`);
      },
    },
    {
      method: 'get',
      path: '/meetings/:id/papers/:paperId',
      access: 'partner',
      summary: 'Download a paper: restricted ones for staff and the board’s current members only',
      handler: async (req, res) => {
        const found = await svc.paper(idParam(req, 'paperId'));
        if (!found || found.meeting.id !== idParam(req)) throw new NotFoundError('There is no such paper');
        const restricted = !found.isPublic;
        if (restricted && !(await canSeeRestricted(db, req.user, found.board.id, services.today()))) throw new NotFoundError('There is no such paper');
        await sendPaper(services, res, found.paper, restricted);
      },
    },
    {
      method: 'post',
      path: '/meetings/:id/attendance',
      access: 'editor',
      summary: 'Record who attended (present, apologies, absent, substitute; audited)',
      handler: async (req, res) => {
        const { meeting } = await meetingOf(req);
        const body = bodyOf(req);
        const entries = ids(body.personIds).map((personId) => ({ personId, status: text(body, `status-${personId}`), note: text(body, `note-${personId}`) }));
        return onMeeting(req, res, async () => (await svc.saveAttendance(actorOf(req), meeting.id, entries), `/staff/meetings/${meeting.id}#attendance`), 'attendance', 'Attendance saved');
      },
    },
    {
      method: 'post',
      path: '/meetings/:id/minutes',
      access: 'editor',
      summary: 'Save the minutes, and publish them or not (audited)',
      handler: async (req, res) => {
        const { meeting } = await meetingOf(req);
        const body = bodyOf(req);
        return onMeeting(req, res, async () => (await svc.saveMinutes(actorOf(req), meeting.id, { minutes: text(body, 'minutes'), publish: text(body, 'publish') === 'yes' }), `/staff/meetings/${meeting.id}#minutes`), 'minutes', text(body, 'publish') === 'yes' ? 'Minutes saved and published' : 'Minutes saved as a draft (not published)');
      },
    },
    {
      method: 'post',
      path: '/meetings/:id/decisions',
      access: 'editor',
      summary: 'Record a decision the board made at the meeting (audited)',
      handler: async (req, res) => {
        const { meeting } = await meetingOf(req);
        const body = bodyOf(req);
        const itemId = Number(text(body, 'decisionItemId'));
        return onMeeting(
          req,
          res,
          async () => (await svc.addDecision(actorOf(req), meeting.id, { text: text(body, 'decisionText'), agendaItemId: Number.isInteger(itemId) && itemId > 0 ? itemId : null }), `/staff/meetings/${meeting.id}#decisions`),
          'decisions',
          'Decision recorded',
        );
      },
    },
    {
      method: 'get',
      path: '/meetings/:id/pack',
      access: 'partner',
      summary: 'The board pack (print view): restricted items and papers for staff and the board’s current members; others see the public pack of a public meeting',
      handler: async (req, res) => {
        const { meeting, board, restricted } = await packAccess(req);
        const pack = await buildPack(services, meeting.id, { restricted });
        // Back to the meeting: staff to its staff page; a partner to the meetings of their boards.
        const breadcrumbs = isStaff(req.user)
          ? [
              { text: 'Staff area', href: '/staff' },
              { text: board.name, href: `/staff/boards/${board.slug}` },
              { text: meeting.title, href: `/staff/meetings/${meeting.id}` },
            ]
          : [
              { text: 'Partner data hub', href: '/hub' },
              { text: 'Meetings', href: '/hub/meetings' },
            ];
        await renderer.page(req, res, view('pack'), { ...packContext(board, meeting, pack, { publicPack: false, pdfMissing: req.query.pdf === 'missing' }), breadcrumbs });
      },
    },
    {
      method: 'get',
      path: '/meetings/:id/pack.pdf',
      access: 'partner',
      summary: 'The board pack as PDF (printed by Chromium; without Chromium, says so and offers the print view)',
      handler: async (req, res) => {
        const { meeting, board, restricted } = await packAccess(req);
        const pack = await buildPack(services, meeting.id, { restricted });
        if (!chromiumAvailable()) {
          await renderer.page(req, res, view('pack'), packContext(board, meeting, pack, { publicPack: false, pdfMissing: true }), 503);
          return;
        }
        const page = await renderer.toHtml(req, view('pack'), { ...packContext(board, meeting, pack, { publicPack: false }), forPdf: true });
        const pdf = await htmlToPdf(page, { title: `${board.name}: ${meeting.title}`, assetOrigin: `http://127.0.0.1:${req.socket.localPort}` });
        res.setHeader('Content-Type', 'application/pdf');
        res.setHeader('Content-Disposition', `attachment; filename="board-pack-${board.slug}-${dayOf(meeting)}.pdf"`);
        res.setHeader('Cache-Control', restricted ? 'private, no-store' : 'private, max-age=60');
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.end(pdf);
      },
    },
  ];

  /** Who may have which pack: restricted for canSeeRestricted; the public pack of a public meeting for other partners. */
  async function packAccess(req: Request) {
    const { meeting, board } = await meetingOf(req);
    const restricted = await canSeeRestricted(db, req.user, board.id, services.today());
    if (!restricted && !svc.isPublicMeeting({ meeting, board })) throw new HttpError(403, 'Only staff and the board’s current members can see the pack of a meeting that is not public');
    return { meeting, board, restricted };
  }
}

/** JSON API, mounted under /api/v1. Reads the session: restricted material only through canSeeRestricted. */
export function meetingsApiRoutes(services: Services): RouteDef[] {
  const svc = services.governance.meetings;
  const db = services.database.db;
  return [
    {
      method: 'get',
      path: '/meetings/:id',
      access: 'public',
      summary: 'A meeting as JSON: agenda items and papers (restricted ones only for staff and the board’s current members), published minutes',
      handler: async (req, res) => {
        const found = await svc.getMeeting(idParam(req));
        if (!found) throw new NotFoundError('There is no such meeting');
        const restricted = await canSeeRestricted(db, req.user, found.board.id, services.today());
        if (!restricted && !svc.isPublicMeeting(found)) throw new NotFoundError('There is no such meeting');
        const [items, paperList, decisions] = await Promise.all([svc.agenda(found.meeting.id, { restricted }), svc.papersOf(found.meeting.id, { restricted }), svc.decisions(found.meeting.id, { restricted })]);
        const m = found.meeting;
        const publicMeeting = svc.isPublicMeeting(found);
        const urlOf = (p: { id: number; visibility: string; itemIsPublic: boolean | null }) => (publicMeeting && p.visibility === 'public' && p.itemIsPublic !== false ? `/meetings/${m.id}/papers/${p.id}` : `/staff/meetings/${m.id}/papers/${p.id}`);
        res.setHeader('Cache-Control', restricted ? 'private, no-store' : 'no-cache');
        res.json({
          id: m.id,
          board: { id: found.board.id, slug: found.board.slug, name: found.board.name },
          title: m.title,
          startsAt: m.startsAt.toISOString(),
          endsAt: new Date(m.startsAt.getTime() + m.lengthMinutes * 60000).toISOString(),
          location: m.location,
          status: m.status,
          isPublic: m.isPublic,
          agenda: items.map((i) => ({
            id: i.id,
            number: i.number,
            title: i.title,
            topic: i.topic,
            description: i.description,
            presenter: i.presenter,
            isPublic: i.isPublic,
            missions: i.missions.map((x) => x.slug),
            objectives: i.objectives.map((x) => x.ref),
            measures: i.measures.map((x) => x.slug),
          })),
          papers: paperList.map((p) => ({ id: p.id, agendaItemId: p.agendaItemId, title: p.title, fileName: p.fileName, mediaType: p.mediaType, sizeBytes: p.sizeBytes, sha256: p.sha256, visibility: p.visibility, restrictionReason: p.visibility === 'restricted' ? p.restrictionReason : null, url: urlOf(p) })),
          decisions: decisions.map((d) => ({ id: d.id, agendaItemId: d.agendaItemId, text: d.text })),
          minutes: restricted || m.minutesPublishedAt ? m.minutes : null,
          minutesPublishedAt: m.minutesPublishedAt?.toISOString() ?? null,
        });
      },
    },
  ];
}

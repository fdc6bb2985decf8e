// Board meetings: scheduling, the agenda (items linked to missions, objectives and measures of the
// current plan), papers (bytes in paper_files), attendance, minutes and the board's own decisions.
// Every change is one transaction with its audit event, then the public caches are emptied.
//
// Who sees what (governance.access.ts): the public sees public meetings of public boards, their
// public items, public papers (of public items or of no item) and published minutes. Restricted
// material is read here only with `restricted: true`, which the routes pass after canSeeRestricted.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, max, or, sql } from 'drizzle-orm';
import { diffFields, recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import { changeRunner } from '../../platform/db/changes.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { isRealIsoDate } from '../../platform/http/forms.ts';
import { organisations, people } from '../datahub/datahub.tables.ts';
import { measures } from '../measures/measures.tables.ts';
import { missions, objectives } from '../plan/plan.tables.ts';
import type { GovernanceDeps } from './deps.ts';
import {
  actions,
  agendaItemLinks,
  agendaItems,
  attendanceStatuses,
  boardMembers,
  boards,
  meetingAttendance,
  meetingDecisions,
  meetings,
  meetingStatuses,
  paperFiles,
  papers,
  recommendations,
  type AttendanceStatus,
  type MeetingStatus,
  type PaperVisibility,
} from './governance.tables.ts';
import { londonParts, londonToInstant } from './london-time.ts';
import { checkPaperFile, defaultMaxPaperBytes, paperTypes, sanitiseFileName } from './papers.ts';

export type Board = typeof boards.$inferSelect;
export type Meeting = typeof meetings.$inferSelect;
export type AgendaItem = typeof agendaItems.$inferSelect;
export type Paper = typeof papers.$inferSelect;

export const meetingStatusLabels: Record<MeetingStatus, string> = { scheduled: 'Scheduled', held: 'Held', cancelled: 'Cancelled' };
export const attendanceLabels: Record<AttendanceStatus, string> = { present: 'Present', apologies: 'Apologies', absent: 'Absent', substitute: 'Substitute sent' };

export interface MeetingInput {
  title: string;
  date: string;
  time: string;
  lengthMinutes: string | number;
  location: string;
  isPublic: boolean;
  status: string;
}

export interface ItemInput {
  title: string;
  topic: string;
  description: string;
  presenter: string;
  isPublic: boolean;
  missionIds: number[];
  objectiveIds: number[];
  measureIds: number[];
}

export interface PaperInput {
  title: string;
  agendaItemId: number | null;
  visibility: string;
  restrictionReason: string;
  file: { name: string; content: Buffer; truncated?: boolean } | null;
}

export interface AttendanceEntry {
  personId: number;
  status: string;
  note: string;
}

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

function fail(errors: FieldError[]): never {
  throw new ValidationError(errors);
}

/** Checks a meeting form; returns the row values. */
export function meetingValues(input: MeetingInput): { title: string; startsAt: Date; lengthMinutes: number; location: string; isPublic: boolean; status: MeetingStatus } {
  const errors: FieldError[] = [];
  const title = input.title.trim();
  const date = input.date.trim();
  const time = input.time.trim();
  const location = input.location.trim();
  if (!title) errors.push({ field: 'title', text: 'Enter the meeting’s title' });
  else if (title.length > 200) errors.push({ field: 'title', text: 'Title must be 200 characters or fewer' });
  if (!date) errors.push({ field: 'date', text: 'Enter the date of the meeting' });
  else if (!isRealIsoDate(date)) errors.push({ field: 'date', text: 'Date must be a real date in the format YYYY-MM-DD, like 2026-03-12' });
  if (!time) errors.push({ field: 'time', text: 'Enter the start time' });
  else if (!hhmm.test(time)) errors.push({ field: 'time', text: 'Start time must be a 24-hour time like 14:00' });
  const lengthText = String(input.lengthMinutes).trim();
  const length = Number(lengthText);
  if (!lengthText) errors.push({ field: 'lengthMinutes', text: 'Enter the length of the meeting in minutes' });
  else if (!Number.isInteger(length) || length < 5 || length > 1440) errors.push({ field: 'lengthMinutes', text: 'Length must be a whole number of minutes from 5 to 1440' });
  if (location.length > 500) errors.push({ field: 'location', text: 'Location must be 500 characters or fewer' });
  if (!(meetingStatuses as readonly string[]).includes(input.status)) errors.push({ field: 'status', text: 'Select whether the meeting is scheduled, held or cancelled' });
  if (errors.length) fail(errors);
  return { title, startsAt: londonToInstant(date, time), lengthMinutes: length, location, isPublic: input.isPublic, status: input.status as MeetingStatus };
}

/** The form's values for an existing meeting (date and time in London). */
export function meetingFormValues(meeting: Meeting): Record<string, string> {
  const { date, time } = londonParts(meeting.startsAt);
  return { title: meeting.title, date, time, lengthMinutes: String(meeting.lengthMinutes), location: meeting.location, isPublic: meeting.isPublic ? 'yes' : 'no', status: meeting.status };
}

function itemValues(input: ItemInput) {
  const errors: FieldError[] = [];
  const title = input.title.trim();
  if (!title) errors.push({ field: 'title', text: 'Enter the item’s title' });
  else if (title.length > 300) errors.push({ field: 'title', text: 'Title must be 300 characters or fewer' });
  if (input.topic.trim().length > 200) errors.push({ field: 'topic', text: 'Topic words must be 200 characters or fewer' });
  if (input.description.trim().length > 20_000) errors.push({ field: 'description', text: 'Description must be 20,000 characters or fewer' });
  if (input.presenter.trim().length > 200) errors.push({ field: 'presenter', text: 'Presenter must be 200 characters or fewer' });
  if (errors.length) fail(errors);
  return { title, topic: input.topic.trim().toLowerCase(), description: input.description.trim(), presenter: input.presenter.trim(), isPublic: input.isPublic };
}

const unique = (ids: number[]) => [...new Set(ids.filter((n) => Number.isInteger(n) && n > 0))];

export function createMeetingsService(deps: GovernanceDeps) {
  const { db } = deps;
  const change = changeRunner(db, deps.onChange);

  async function getBoard(key: { id?: number; slug?: string }, executor: DbOrTx = db): Promise<Board | null> {
    const [row] = await executor
      .select()
      .from(boards)
      .where(key.slug !== undefined ? eq(boards.slug, key.slug) : eq(boards.id, key.id ?? -1));
    return row ?? null;
  }

  async function getMeeting(id: number, executor: DbOrTx = db): Promise<{ meeting: Meeting; board: Board } | null> {
    if (!Number.isInteger(id) || id <= 0) return null;
    const [row] = await executor.select({ meeting: meetings, board: boards }).from(meetings).innerJoin(boards, eq(boards.id, meetings.boardId)).where(eq(meetings.id, id));
    return row ?? null;
  }

  async function requireMeeting(id: number, executor: DbOrTx = db) {
    const found = await getMeeting(id, executor);
    if (!found) throw new NotFoundError('There is no such meeting');
    return found;
  }

  async function getItem(id: number, executor: DbOrTx = db) {
    if (!Number.isInteger(id) || id <= 0) return null;
    const [row] = await executor.select().from(agendaItems).where(eq(agendaItems.id, id));
    return row ?? null;
  }

  /** Public: the meeting is public and so is its board. */
  const isPublicMeeting = (m: { meeting: Meeting; board: Board }) => m.meeting.isPublic && m.board.isPublic;

  /** Missions, objectives and measures of the current plan (all, drafts too) that items may link to. */
  async function linkChoices() {
    const plan = await deps.plan.currentPlan('all');
    if (!plan) return { plan: null, missions: [], objectives: [], measures: [] };
    const [missionRows, objectiveRows, measureRows] = await Promise.all([
      db.select({ id: missions.id, title: missions.title, slug: missions.slug }).from(missions).where(eq(missions.planId, plan.id)).orderBy(asc(missions.position), asc(missions.id)),
      db
        .select({ id: objectives.id, ref: objectives.ref, text: objectives.text, missionTitle: missions.title })
        .from(objectives)
        .innerJoin(missions, eq(missions.id, objectives.missionId))
        .where(eq(missions.planId, plan.id))
        .orderBy(asc(missions.position), asc(objectives.position), asc(objectives.id)),
      db
        .select({ id: measures.id, title: measures.title, slug: measures.slug, missionTitle: missions.title })
        .from(measures)
        .innerJoin(missions, eq(missions.id, measures.missionId))
        .where(eq(measures.planId, plan.id))
        .orderBy(asc(missions.position), asc(measures.position), asc(measures.id)),
    ]);
    return { plan, missions: missionRows, objectives: objectiveRows, measures: measureRows };
  }

  /** Checks chosen link targets belong to the current plan. */
  async function checkLinks(input: ItemInput) {
    const choices = await linkChoices();
    const errors: FieldError[] = [];
    const check = (ids: number[], known: { id: number }[], field: string, what: string) => {
      const set = new Set(known.map((k) => k.id));
      if (ids.some((id) => !set.has(id))) errors.push({ field, text: `Choose ${what} from the current plan’s list` });
    };
    check(unique(input.missionIds), choices.missions, 'missionIds', 'missions');
    check(unique(input.objectiveIds), choices.objectives, 'objectiveIds', 'objectives');
    check(unique(input.measureIds), choices.measures, 'measureIds', 'measures');
    if (errors.length) fail(errors);
  }

  async function writeLinks(tx: DbOrTx, itemId: number, input: ItemInput) {
    await tx.delete(agendaItemLinks).where(eq(agendaItemLinks.agendaItemId, itemId));
    const rows = [
      ...unique(input.missionIds).map((missionId) => ({ agendaItemId: itemId, missionId })),
      ...unique(input.objectiveIds).map((objectiveId) => ({ agendaItemId: itemId, objectiveId })),
      ...unique(input.measureIds).map((measureId) => ({ agendaItemId: itemId, measureId })),
    ];
    if (rows.length) await tx.insert(agendaItemLinks).values(rows);
  }

  /** A meeting's agenda in order, each item with its links (titles included). */
  async function agenda(meetingId: number, options: { restricted: boolean }) {
    const items = await db
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, meetingId), options.restricted ? undefined : eq(agendaItems.isPublic, true)))
      .orderBy(asc(agendaItems.position), asc(agendaItems.id));
    const ids = items.map((i) => i.id);
    const links = ids.length
      ? await db
          .select({
            link: agendaItemLinks,
            missionTitle: missions.title,
            missionSlug: missions.slug,
            objectiveRef: objectives.ref,
            objectiveText: objectives.text,
            measureTitle: measures.title,
            measureSlug: measures.slug,
          })
          .from(agendaItemLinks)
          .leftJoin(missions, eq(missions.id, agendaItemLinks.missionId))
          .leftJoin(objectives, eq(objectives.id, agendaItemLinks.objectiveId))
          .leftJoin(measures, eq(measures.id, agendaItemLinks.measureId))
          .where(inArray(agendaItemLinks.agendaItemId, ids))
          .orderBy(asc(agendaItemLinks.id))
      : [];
    return items.map((item, index) => {
      const own = links.filter((l) => l.link.agendaItemId === item.id);
      return {
        ...item,
        number: index + 1,
        missions: own.filter((l) => l.link.missionId !== null).map((l) => ({ id: l.link.missionId as number, title: l.missionTitle ?? '', slug: l.missionSlug ?? '' })),
        objectives: own.filter((l) => l.link.objectiveId !== null).map((l) => ({ id: l.link.objectiveId as number, ref: l.objectiveRef ?? '', text: l.objectiveText ?? '' })),
        measures: own.filter((l) => l.link.measureId !== null).map((l) => ({ id: l.link.measureId as number, title: l.measureTitle ?? '', slug: l.measureSlug ?? '' })),
      };
    });
  }

  /**
   * A meeting's papers (never their bytes). Without `restricted`, only public papers of public items
   * (or of no item). Withdrawn papers only with `includeWithdrawn` (staff history).
   */
  async function papersOf(meetingId: number, options: { restricted: boolean; includeWithdrawn?: boolean }) {
    const rows = await db
      .select({
        id: papers.id,
        meetingId: papers.meetingId,
        agendaItemId: papers.agendaItemId,
        title: papers.title,
        fileName: papers.fileName,
        mediaType: papers.mediaType,
        sizeBytes: papers.sizeBytes,
        sha256: papers.sha256,
        visibility: papers.visibility,
        restrictionReason: papers.restrictionReason,
        uploadedByLabel: papers.uploadedByLabel,
        uploadedAt: papers.uploadedAt,
        withdrawnAt: papers.withdrawnAt,
        itemIsPublic: agendaItems.isPublic,
      })
      .from(papers)
      .leftJoin(agendaItems, eq(agendaItems.id, papers.agendaItemId))
      .where(
        and(
          eq(papers.meetingId, meetingId),
          options.includeWithdrawn ? undefined : isNull(papers.withdrawnAt),
          options.restricted ? undefined : and(eq(papers.visibility, 'public'), or(isNull(papers.agendaItemId), eq(agendaItems.isPublic, true))),
        ),
      )
      .orderBy(asc(papers.uploadedAt), asc(papers.id));
    return rows.map((p) => ({ ...p, typeLabel: Object.values(paperTypes).find((t) => t.mediaType === p.mediaType)?.label ?? p.mediaType }));
  }

  /** Current members of a board on a day, with their person and organisation. */
  async function membersOn(boardId: number, day: string) {
    return db
      .select({ personId: people.id, name: people.name, organisationId: boardMembers.organisationId, organisationName: organisations.name, role: boardMembers.role })
      .from(boardMembers)
      .innerJoin(people, eq(people.id, boardMembers.personId))
      .leftJoin(organisations, eq(organisations.id, boardMembers.organisationId))
      .where(and(eq(boardMembers.boardId, boardId), or(isNull(boardMembers.fromDate), lte(boardMembers.fromDate, day)), or(isNull(boardMembers.toDate), gte(boardMembers.toDate, day))))
      .orderBy(asc(people.name));
  }

  const service = {
    getMeeting,
    requireMeeting,
    getItem,
    isPublicMeeting,
    linkChoices,
    agenda,
    papersOf,
    membersOn,

    /** A board's meetings, newest first; `publicOnly` keeps the public ones. */
    async meetingsOfBoard(boardId: number, options: { publicOnly: boolean }) {
      return db
        .select()
        .from(meetings)
        .where(and(eq(meetings.boardId, boardId), options.publicOnly ? eq(meetings.isPublic, true) : undefined))
        .orderBy(desc(meetings.startsAt), desc(meetings.id));
    },

    /** Every meeting with its board, earliest first (the routes filter by who may see them). */
    async allMeetings() {
      return db.select({ meeting: meetings, board: boards }).from(meetings).innerJoin(boards, eq(boards.id, meetings.boardId)).orderBy(asc(meetings.startsAt), asc(meetings.id));
    },

    /** Public meetings of public boards (for the all-boards calendar feed). */
    async allPublicMeetings() {
      return db
        .select({ meeting: meetings, board: boards })
        .from(meetings)
        .innerJoin(boards, eq(boards.id, meetings.boardId))
        .where(and(eq(meetings.isPublic, true), eq(boards.isPublic, true)))
        .orderBy(asc(meetings.startsAt), asc(meetings.id));
    },

    async create(actor: Actor, boardId: number, input: MeetingInput): Promise<Meeting> {
      const values = meetingValues(input);
      return change(async (tx) => {
        const board = await getBoard({ id: boardId }, tx);
        if (!board) throw new NotFoundError('There is no such board');
        const [meeting] = await tx
          .insert(meetings)
          .values({ boardId, ...values })
          .returning();
        if (!meeting) throw new Error('insert returned no row');
        await recordAudit(tx, actor, { action: 'create', entityType: 'meeting', entityId: meeting.id, summary: `Scheduled “${meeting.title}” of ${board.name} for ${meeting.startsAt.toISOString()}` });
        return meeting;
      });
    },

    async update(actor: Actor, id: number, input: MeetingInput): Promise<Meeting> {
      const values = meetingValues(input);
      return change(async (tx) => {
        const { meeting: before } = await requireMeeting(id, tx);
        const [after] = await tx
          .update(meetings)
          .set({ ...values, updatedAt: new Date() })
          .where(eq(meetings.id, id))
          .returning();
        if (!after) throw new Error('update returned no row');
        await recordAudit(tx, actor, { action: 'update', entityType: 'meeting', entityId: id, summary: `Changed meeting “${after.title}”`, changes: diffFields(before as unknown as Record<string, unknown>, values) });
        return after;
      });
    },

    // ---- agenda ----

    async addItem(actor: Actor, meetingId: number, input: ItemInput): Promise<AgendaItem> {
      const values = itemValues(input);
      await checkLinks(input);
      return change(async (tx) => {
        await requireMeeting(meetingId, tx);
        const [last] = await tx.select({ position: max(agendaItems.position) }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId));
        const [item] = await tx
          .insert(agendaItems)
          .values({ meetingId, ...values, position: (last?.position ?? 0) + 1 })
          .returning();
        if (!item) throw new Error('insert returned no row');
        await writeLinks(tx, item.id, input);
        await recordAudit(tx, actor, { action: 'create', entityType: 'agenda_item', entityId: item.id, summary: `Added agenda item “${item.title}” to meeting ${meetingId}`, changes: { links: { from: null, to: { missions: unique(input.missionIds), objectives: unique(input.objectiveIds), measures: unique(input.measureIds) } } } });
        return item;
      });
    },

    async updateItem(actor: Actor, itemId: number, input: ItemInput): Promise<AgendaItem> {
      const values = itemValues(input);
      await checkLinks(input);
      return change(async (tx) => {
        const before = await getItem(itemId, tx);
        if (!before) throw new NotFoundError('There is no such agenda item');
        const [after] = await tx
          .update(agendaItems)
          .set({ ...values, updatedAt: new Date() })
          .where(eq(agendaItems.id, itemId))
          .returning();
        if (!after) throw new Error('update returned no row');
        await writeLinks(tx, itemId, input);
        await recordAudit(tx, actor, {
          action: 'update',
          entityType: 'agenda_item',
          entityId: itemId,
          summary: `Changed agenda item “${after.title}”`,
          changes: { ...diffFields(before as unknown as Record<string, unknown>, values), links: { from: null, to: { missions: unique(input.missionIds), objectives: unique(input.objectiveIds), measures: unique(input.measureIds) } } },
        });
        return after;
      });
    },

    /** Moves an item one place up or down the agenda (positions renumbered 1…n). */
    async moveItem(actor: Actor, itemId: number, direction: 'up' | 'down'): Promise<void> {
      await change(async (tx) => {
        const item = await getItem(itemId, tx);
        if (!item) throw new NotFoundError('There is no such agenda item');
        const order = await tx.select().from(agendaItems).where(eq(agendaItems.meetingId, item.meetingId)).orderBy(asc(agendaItems.position), asc(agendaItems.id));
        const index = order.findIndex((i) => i.id === itemId);
        const swapWith = direction === 'up' ? index - 1 : index + 1;
        if (swapWith < 0 || swapWith >= order.length) return;
        const moved = order.splice(index, 1)[0] as AgendaItem;
        order.splice(swapWith, 0, moved);
        for (const [n, row] of order.entries()) {
          if (row.position !== n + 1) await tx.update(agendaItems).set({ position: n + 1 }).where(eq(agendaItems.id, row.id));
        }
        await recordAudit(tx, actor, { action: 'update', entityType: 'agenda_item', entityId: itemId, summary: `Moved agenda item “${item.title}” ${direction} to number ${swapWith + 1}`, changes: { position: { from: index + 1, to: swapWith + 1 } } });
      });
    },

    /**
     * Removes an item and its links. Papers filed under it stay with the meeting (no longer under an
     * item); an item that actions or decisions refer to cannot be removed.
     */
    async removeItem(actor: Actor, itemId: number): Promise<void> {
      await change(async (tx) => {
        const item = await getItem(itemId, tx);
        if (!item) throw new NotFoundError('There is no such agenda item');
        const count = async (table: typeof actions | typeof meetingDecisions | typeof recommendations) => {
          const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.agendaItemId, itemId));
          return row?.n ?? 0;
        };
        const [actionCount, decisionCount, recommendationCount] = [await count(actions), await count(meetingDecisions), await count(recommendations)];
        const used = [actionCount ? `${actionCount} action(s)` : '', decisionCount ? `${decisionCount} decision(s)` : '', recommendationCount ? `${recommendationCount} recommendation(s)` : ''].filter(Boolean);
        if (used.length) fail([{ field: 'item', text: `“${item.title}” cannot be removed: ${used.join(', ')} refer to it` }]);
        const moved = await tx.update(papers).set({ agendaItemId: null }).where(eq(papers.agendaItemId, itemId)).returning({ id: papers.id });
        await tx.delete(agendaItemLinks).where(eq(agendaItemLinks.agendaItemId, itemId));
        await tx.delete(agendaItems).where(eq(agendaItems.id, itemId));
        const rest = await tx.select().from(agendaItems).where(eq(agendaItems.meetingId, item.meetingId)).orderBy(asc(agendaItems.position), asc(agendaItems.id));
        for (const [n, row] of rest.entries()) if (row.position !== n + 1) await tx.update(agendaItems).set({ position: n + 1 }).where(eq(agendaItems.id, row.id));
        await recordAudit(tx, actor, {
          action: 'delete',
          entityType: 'agenda_item',
          entityId: itemId,
          summary: `Removed agenda item “${item.title}” from meeting ${item.meetingId}${moved.length ? ` (${moved.length} paper(s) kept with the meeting)` : ''}`,
          changes: { item: { from: item, to: null } },
        });
      });
    },

    // ---- papers ----

    /** Checks and stores a paper (all or nothing). */
    async addPaper(actor: Actor, meetingId: number, input: PaperInput, maxBytes = defaultMaxPaperBytes): Promise<Paper> {
      const errors: FieldError[] = [];
      const title = input.title.trim();
      const reason = input.restrictionReason.trim();
      if (!title) errors.push({ field: 'title', text: 'Enter the paper’s title' });
      else if (title.length > 300) errors.push({ field: 'title', text: 'Title must be 300 characters or fewer' });
      if (!(['public', 'restricted'] as const).includes(input.visibility as PaperVisibility)) errors.push({ field: 'visibility', text: 'Select whether the paper is public or restricted' });
      if (input.visibility === 'restricted' && !reason) errors.push({ field: 'restrictionReason', text: 'Give the reason the paper is restricted' });
      if (reason.length > 2000) errors.push({ field: 'restrictionReason', text: 'Reason must be 2,000 characters or fewer' });
      let kind: keyof typeof paperTypes | null = null;
      if (!input.file || !input.file.name) errors.push({ field: 'file', text: 'Choose the paper’s file' });
      else {
        try {
          kind = checkPaperFile(input.file, maxBytes);
        } catch (error) {
          if (error instanceof Error && 'reason' in error) errors.push({ field: 'file', text: error.message });
          else throw error;
        }
      }
      if (input.agendaItemId !== null) {
        const item = await getItem(input.agendaItemId);
        if (!item || item.meetingId !== meetingId) errors.push({ field: 'agendaItemId', text: 'Choose an item of this meeting, or none' });
      }
      if (errors.length || !kind || !input.file) fail(errors);
      const file = input.file;
      const type = paperTypes[kind];
      return change(async (tx) => {
        await requireMeeting(meetingId, tx);
        const [paper] = await tx
          .insert(papers)
          .values({
            meetingId,
            agendaItemId: input.agendaItemId,
            title,
            fileName: sanitiseFileName(file.name),
            mediaType: type.mediaType,
            sizeBytes: file.content.length,
            sha256: createHash('sha256').update(file.content).digest('hex'),
            visibility: input.visibility as PaperVisibility,
            restrictionReason: input.visibility === 'restricted' ? reason : '',
            uploadedByUserId: actor.userId,
            uploadedByLabel: actor.label,
          })
          .returning();
        if (!paper) throw new Error('insert returned no row');
        await tx.insert(paperFiles).values({ paperId: paper.id, content: file.content });
        await recordAudit(tx, actor, {
          action: 'upload',
          entityType: 'paper',
          entityId: paper.id,
          summary: `Uploaded ${paper.visibility} paper “${paper.title}” (${paper.fileName}, ${type.label}, ${paper.sizeBytes} bytes) to meeting ${meetingId}`,
          reason: paper.visibility === 'restricted' ? paper.restrictionReason : null,
        });
        return paper;
      });
    },

    /** Withdraws a paper: kept, no longer listed or served. */
    async withdrawPaper(actor: Actor, paperId: number, reason: string): Promise<Paper> {
      return change(async (tx) => {
        const [before] = await tx.select().from(papers).where(eq(papers.id, paperId));
        if (!before) throw new NotFoundError('There is no such paper');
        if (before.withdrawnAt) return before;
        const [after] = await tx.update(papers).set({ withdrawnAt: new Date() }).where(eq(papers.id, paperId)).returning();
        if (!after) throw new Error('update returned no row');
        await recordAudit(tx, actor, { action: 'withdraw', entityType: 'paper', entityId: paperId, summary: `Withdrew paper “${before.title}” of meeting ${before.meetingId}`, reason: reason.trim().slice(0, 2000) || null });
        return after;
      });
    },

    /** A paper with its meeting and board, for the download routes to decide access. */
    async paper(paperId: number) {
      if (!Number.isInteger(paperId) || paperId <= 0) return null;
      const [row] = await db
        .select({ paper: papers, meeting: meetings, board: boards, itemIsPublic: agendaItems.isPublic })
        .from(papers)
        .innerJoin(meetings, eq(meetings.id, papers.meetingId))
        .innerJoin(boards, eq(boards.id, meetings.boardId))
        .leftJoin(agendaItems, eq(agendaItems.id, papers.agendaItemId))
        .where(eq(papers.id, paperId));
      if (!row) return null;
      const isPublic = row.paper.visibility === 'public' && row.meeting.isPublic && row.board.isPublic && row.itemIsPublic !== false;
      return { ...row, isPublic };
    },

    async paperContent(paperId: number): Promise<Buffer | null> {
      const [row] = await db.select({ content: paperFiles.content }).from(paperFiles).where(eq(paperFiles.paperId, paperId));
      return row?.content ?? null;
    },

    // ---- attendance, minutes, decisions ----

    /**
     * Attendance as recorded, else the board's members on the meeting's day (nothing recorded yet).
     * Recorded people who have since left the board stay listed.
     */
    async attendance(meetingId: number) {
      const { meeting } = await requireMeeting(meetingId);
      const day = londonParts(meeting.startsAt).date;
      const [recorded, members] = await Promise.all([
        db
          .select({ personId: meetingAttendance.personId, name: people.name, organisationId: meetingAttendance.organisationId, organisationName: organisations.name, status: meetingAttendance.status, note: meetingAttendance.note })
          .from(meetingAttendance)
          .innerJoin(people, eq(people.id, meetingAttendance.personId))
          .leftJoin(organisations, eq(organisations.id, meetingAttendance.organisationId))
          .where(eq(meetingAttendance.meetingId, meetingId))
          .orderBy(asc(people.name)),
        membersOn(meeting.boardId, day),
      ]);
      const byPerson = new Map(recorded.map((r) => [r.personId, r]));
      const rows = members.map((m) => {
        const r = byPerson.get(m.personId);
        byPerson.delete(m.personId);
        return { personId: m.personId, name: m.name, organisationId: m.organisationId, organisationName: m.organisationName, role: m.role as string | null, status: (r?.status ?? null) as AttendanceStatus | null, note: r?.note ?? '' };
      });
      for (const r of byPerson.values()) rows.push({ ...r, role: null });
      return { recorded: recorded.length > 0, rows };
    },

    async saveAttendance(actor: Actor, meetingId: number, entries: AttendanceEntry[]): Promise<void> {
      const errors: FieldError[] = [];
      const chosen = entries.filter((e) => e.status !== '');
      for (const e of chosen) {
        if (!(attendanceStatuses as readonly string[]).includes(e.status)) errors.push({ field: `status-${e.personId}`, text: 'Choose present, apologies, absent or substitute' });
        if (e.note.length > 500) errors.push({ field: `note-${e.personId}`, text: 'A note must be 500 characters or fewer' });
      }
      if (errors.length) fail(errors);
      await change(async (tx) => {
        const { meeting } = await requireMeeting(meetingId, tx);
        const ids = chosen.map((e) => e.personId);
        const known = ids.length ? await tx.select({ id: people.id }).from(people).where(inArray(people.id, ids)) : [];
        if (known.length !== new Set(ids).size) fail([{ field: 'attendance', text: 'Someone in the attendance list is not a registered person' }]);
        const day = londonParts(meeting.startsAt).date;
        const seats = await tx
          .select({ personId: boardMembers.personId, organisationId: boardMembers.organisationId })
          .from(boardMembers)
          .where(and(eq(boardMembers.boardId, meeting.boardId), or(isNull(boardMembers.fromDate), lte(boardMembers.fromDate, day)), or(isNull(boardMembers.toDate), gte(boardMembers.toDate, day))));
        const orgOf = new Map(seats.map((s) => [s.personId, s.organisationId]));
        const before = await tx.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId));
        await tx.delete(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId));
        if (chosen.length) {
          await tx.insert(meetingAttendance).values(
            chosen.map((e) => ({ meetingId, personId: e.personId, organisationId: orgOf.get(e.personId) ?? before.find((b) => b.personId === e.personId)?.organisationId ?? null, status: e.status as AttendanceStatus, note: e.note.trim() })),
          );
        }
        await recordAudit(tx, actor, {
          action: 'update',
          entityType: 'meeting_attendance',
          entityId: meetingId,
          summary: `Recorded attendance of meeting “${meeting.title}”: ${attendanceStatuses.map((s) => `${chosen.filter((e) => e.status === s).length} ${s}`).join(', ')}`,
          changes: { attendance: { from: before.map((b) => ({ personId: b.personId, status: b.status })), to: chosen.map((e) => ({ personId: e.personId, status: e.status })) } },
        });
      });
    },

    async saveMinutes(actor: Actor, meetingId: number, input: { minutes: string; publish: boolean }): Promise<Meeting> {
      const text = input.minutes.trim();
      if (text.length > 200_000) fail([{ field: 'minutes', text: 'Minutes must be 200,000 characters or fewer' }]);
      if (input.publish && !text) fail([{ field: 'minutes', text: 'Write the minutes before publishing them' }]);
      return change(async (tx) => {
        const { meeting: before } = await requireMeeting(meetingId, tx);
        const publishedAt = input.publish ? (before.minutesPublishedAt ?? new Date()) : null;
        const [after] = await tx.update(meetings).set({ minutes: text, minutesPublishedAt: publishedAt, updatedAt: new Date() }).where(eq(meetings.id, meetingId)).returning();
        if (!after) throw new Error('update returned no row');
        const published = !before.minutesPublishedAt && publishedAt ? ' and published them' : before.minutesPublishedAt && !publishedAt ? ' and withdrew them from publication' : '';
        await recordAudit(tx, actor, {
          action: published.includes('published') ? 'publish' : 'update',
          entityType: 'meeting_minutes',
          entityId: meetingId,
          summary: `Saved the minutes of “${before.title}”${published}`,
          changes: diffFields({ minutes: before.minutes, published: before.minutesPublishedAt !== null }, { minutes: text, published: publishedAt !== null }),
        });
        return after;
      });
    },

    async decisions(meetingId: number, options: { restricted: boolean }) {
      const rows = await db
        .select({ decision: meetingDecisions, itemTitle: agendaItems.title, itemIsPublic: agendaItems.isPublic })
        .from(meetingDecisions)
        .leftJoin(agendaItems, eq(agendaItems.id, meetingDecisions.agendaItemId))
        .where(eq(meetingDecisions.meetingId, meetingId))
        .orderBy(asc(meetingDecisions.createdAt), asc(meetingDecisions.id));
      return rows.filter((r) => options.restricted || r.itemIsPublic !== false).map((r) => ({ ...r.decision, itemTitle: r.itemTitle }));
    },

    async addDecision(actor: Actor, meetingId: number, input: { text: string; agendaItemId: number | null }) {
      const text = input.text.trim();
      const errors: FieldError[] = [];
      if (!text) errors.push({ field: 'decisionText', text: 'Write the decision' });
      else if (text.length > 5000) errors.push({ field: 'decisionText', text: 'A decision must be 5,000 characters or fewer' });
      if (input.agendaItemId !== null) {
        const item = await getItem(input.agendaItemId);
        if (!item || item.meetingId !== meetingId) errors.push({ field: 'decisionItemId', text: 'Choose an item of this meeting, or none' });
      }
      if (errors.length) fail(errors);
      return change(async (tx) => {
        const { meeting } = await requireMeeting(meetingId, tx);
        const [row] = await tx.insert(meetingDecisions).values({ meetingId, agendaItemId: input.agendaItemId, text }).returning();
        if (!row) throw new Error('insert returned no row');
        await recordAudit(tx, actor, { action: 'create', entityType: 'meeting_decision', entityId: row.id, summary: `Recorded a decision of “${meeting.title}”: ${text.slice(0, 200)}` });
        return row;
      });
    },

    /** Meetings with minutes published (for tests and lists). */
    async hasPublishedMinutes(meetingId: number): Promise<boolean> {
      const [row] = await db.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.id, meetingId), isNotNull(meetings.minutesPublishedAt)));
      return !!row;
    },
  };
  return service;
}

export type MeetingsService = ReturnType<typeof createMeetingsService>;

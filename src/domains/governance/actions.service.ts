// Board actions: raised by a board (optionally at a meeting, against an agenda item), owned by a
// person (and their organisation), due on a date. Progress is a list of dated updates that are never
// edited, only added to; the action's status is the status of its latest update. An action is
// overdue when its due date is before today and it is still open or in progress.
import { asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import type { DbOrTx, Tx } from '../../platform/db/database.ts';
import { HttpError, NotFoundError, ValidationError, type FieldError, validationErrorOf } from '../../platform/http/errors.ts';
import { isRealIsoDate } from '../../platform/http/forms.ts';
import { londonDate } from './london-time.ts';
import type { SessionUser } from '../../platform/http/types.ts';
import { organisations, people } from '../datahub/datahub.tables.ts';
import type { GovernanceDeps } from './deps.ts';
import { actionStatuses, actionUpdates, actions, agendaItems, boards, meetings, type ActionStatus } from './governance.tables.ts';

export type Action = typeof actions.$inferSelect;
export type ActionUpdate = typeof actionUpdates.$inferSelect;

export const actionStatusLabels: Record<ActionStatus, string> = { open: 'Open', in_progress: 'In progress', done: 'Done', dropped: 'Dropped' };

const dateField = (label: string) => z.string().trim().refine(isRealIsoDate, `${label} must be a real date in the format YYYY-MM-DD, like 2025-03-31`);
const optionalId = z.union([z.number().int().positive(), z.null()]);


/** Still to do (open or in progress)? */
export const isLive = (status: ActionStatus) => status === 'open' || status === 'in_progress';

/** Overdue: due before the day given and still open or in progress. */
export function isOverdue(action: { dueDate: string; status: ActionStatus }, today: string): boolean {
  return isLive(action.status) && action.dueDate < today;
}

export interface ActionInput {
  boardId: number;
  meetingId: number | null;
  agendaItemId: number | null;
  title: string;
  description: string;
  /** An existing person, or ownerName to add one. */
  ownerPersonId: number | null;
  ownerName: string;
  ownerOrganisationId: number | null;
  dueDate: string;
}

const actionSchema = z.object({
  boardId: z.number().int().positive(),
  meetingId: optionalId,
  agendaItemId: optionalId,
  title: z.string().trim().min(1, 'Enter what the action is').max(300, 'Title must be 300 characters or fewer'),
  description: z.string().trim().max(5000, 'Description must be 5,000 characters or fewer'),
  ownerPersonId: optionalId,
  ownerName: z.string().trim().max(200, 'Name must be 200 characters or fewer'),
  ownerOrganisationId: optionalId,
  dueDate: dateField('Due date'),
});

export interface UpdateInput {
  status: string;
  note: string;
  updateDate: string;
}

const updateSchema = z.object({
  status: z.enum(actionStatuses, { message: 'Choose the status: open, in progress, done or dropped' }),
  note: z.string().trim().min(1, 'Enter a note saying what has happened').max(5000, 'Note must be 5,000 characters or fewer'),
  updateDate: dateField('Date of the update'),
});


/** An action with the names it refers to, as the lists and pages show it. */
export interface ActionRow {
  action: Action;
  boardName: string;
  boardSlug: string;
  ownerName: string;
  ownerUserId: number | null;
  organisationName: string | null;
  meetingStartsAt: Date | null;
  meetingTitle: string | null;
  agendaItemTitle: string | null;
  overdue: boolean;
}

export function createActionsService(deps: GovernanceDeps) {
  const { db } = deps;

  async function rows(executor: DbOrTx, where: SQL | undefined, today: string): Promise<ActionRow[]> {
    const found = await executor
      .select({
        action: actions,
        boardName: boards.name,
        boardSlug: boards.slug,
        ownerName: people.name,
        ownerUserId: people.userId,
        organisationName: organisations.name,
        meetingStartsAt: meetings.startsAt,
        meetingTitle: meetings.title,
        agendaItemTitle: agendaItems.title,
      })
      .from(actions)
      .innerJoin(boards, eq(boards.id, actions.boardId))
      .innerJoin(people, eq(people.id, actions.ownerPersonId))
      .leftJoin(organisations, eq(organisations.id, actions.ownerOrganisationId))
      .leftJoin(meetings, eq(meetings.id, actions.meetingId))
      .leftJoin(agendaItems, eq(agendaItems.id, actions.agendaItemId))
      .where(where)
      .orderBy(asc(actions.dueDate), asc(actions.id));
    return found.map((r) => ({ ...r, overdue: isOverdue(r.action, today) }));
  }

  async function checkedInput(tx: Tx, input: ActionInput) {
    const parsed = actionSchema.safeParse(input);
    // The owner is checked with the rest, so an empty form lists every problem at once.
    const ownerMissing: FieldError[] = input.ownerPersonId === null && !input.ownerName.trim() ? [{ field: 'ownerPersonId', text: 'Choose who owns the action, or enter the name of a new person' }] : [];
    if (!parsed.success) throw new ValidationError([...validationErrorOf(parsed.error).errors, ...ownerMissing]);
    const v = parsed.data;
    const errors: FieldError[] = [];
    const [board] = await tx.select().from(boards).where(eq(boards.id, v.boardId));
    if (!board) throw new NotFoundError(`No board has the id ${v.boardId}`);
    if (v.meetingId !== null) {
      const [meeting] = await tx.select({ boardId: meetings.boardId }).from(meetings).where(eq(meetings.id, v.meetingId));
      if (!meeting || meeting.boardId !== board.id) errors.push({ field: 'meetingId', text: `Choose a meeting of ${board.name}` });
    }
    if (v.agendaItemId !== null) {
      const [item] = await tx.select({ meetingId: agendaItems.meetingId, boardId: meetings.boardId }).from(agendaItems).innerJoin(meetings, eq(meetings.id, agendaItems.meetingId)).where(eq(agendaItems.id, v.agendaItemId));
      if (!item || item.boardId !== board.id) errors.push({ field: 'agendaItemId', text: `Choose an agenda item of a meeting of ${board.name}` });
      else if (v.meetingId !== null && item.meetingId !== v.meetingId) errors.push({ field: 'agendaItemId', text: 'The agenda item must be on the meeting chosen' });
    }
    if (v.ownerPersonId === null && v.ownerName === '') errors.push({ field: 'ownerPersonId', text: 'Choose who owns the action, or enter the name of a new person' });
    if (v.ownerPersonId !== null && v.ownerName !== '') errors.push({ field: 'ownerName', text: 'Choose a person from the list or enter a new name, not both' });
    if (v.ownerPersonId !== null) {
      const [person] = await tx.select({ id: people.id }).from(people).where(eq(people.id, v.ownerPersonId));
      if (!person) errors.push({ field: 'ownerPersonId', text: 'Choose a person from the list' });
    }
    if (v.ownerOrganisationId !== null) {
      const [organisation] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, v.ownerOrganisationId));
      if (!organisation) errors.push({ field: 'ownerOrganisationId', text: 'Choose an organisation from the list' });
    }
    if (errors.length) throw new ValidationError(errors);
    return { board, values: v };
  }

  /** May this user add updates to the action? Editors and admins always; anyone else only as its owner. */
  function mayUpdate(user: SessionUser, ownerUserId: number | null): boolean {
    return user.role === 'editor' || user.role === 'admin' || (ownerUserId !== null && ownerUserId === user.id);
  }

  const service = {
    isOverdue,
    mayUpdate,

    async create(actor: Actor, input: ActionInput): Promise<Action> {
      const action = await db.transaction(async (tx) => {
        const { board, values } = await checkedInput(tx, input);
        let ownerPersonId = values.ownerPersonId;
        if (ownerPersonId === null) {
          const [person] = await tx.insert(people).values({ name: values.ownerName }).returning();
          if (!person) throw new Error('insert returned no row');
          await recordAudit(tx, actor, { action: 'create', entityType: 'person', entityId: person.id, summary: `Added ${person.name} (owner of an action of ${board.name})` });
          ownerPersonId = person.id;
        }
        const [row] = await tx
          .insert(actions)
          .values({
            boardId: board.id,
            meetingId: values.meetingId,
            agendaItemId: values.agendaItemId,
            title: values.title,
            description: values.description,
            ownerPersonId,
            ownerOrganisationId: values.ownerOrganisationId,
            dueDate: values.dueDate,
          })
          .returning();
        if (!row) throw new Error('insert returned no row');
        await recordAudit(tx, actor, { action: 'create', entityType: 'action', entityId: row.id, summary: `${board.name}: action "${row.title}", due ${row.dueDate}` });
        return row;
      });
      deps.onChange();
      return action;
    },

    async listForBoard(boardId: number, today = deps.today()): Promise<ActionRow[]> {
      return rows(db, eq(actions.boardId, boardId), today);
    },

    /** The actions a person owns (the signed-in user's "my actions"). */
    async listForUser(userId: number, today = deps.today()): Promise<ActionRow[]> {
      const [person] = await db.select({ id: people.id }).from(people).where(eq(people.userId, userId));
      if (!person) return [];
      return rows(db, eq(actions.ownerPersonId, person.id), today);
    },

    async get(id: number, today = deps.today()): Promise<{ row: ActionRow; updates: ActionUpdate[] }> {
      const [row] = await rows(db, eq(actions.id, id), today);
      if (!row) throw new NotFoundError('Action not found');
      const updates = await db.select().from(actionUpdates).where(eq(actionUpdates.actionId, id)).orderBy(desc(actionUpdates.updateDate), desc(actionUpdates.id));
      return { row, updates };
    },

    /**
     * Adds a dated update. Editors and admins may update any action; anyone else (a partner or a
     * viewer) only the actions they own (403 otherwise). The action's status becomes the status of
     * its latest update by date (the later-recorded of two on one day).
     */
    async addUpdate(actor: Actor, user: SessionUser, actionId: number, input: UpdateInput): Promise<ActionUpdate> {
      const parsed = updateSchema.safeParse(input);
      const update = await db.transaction(async (tx) => {
        const [found] = await tx.select({ action: actions, ownerUserId: people.userId }).from(actions).innerJoin(people, eq(people.id, actions.ownerPersonId)).where(eq(actions.id, actionId));
        if (!found) throw new NotFoundError('Action not found');
        if (!mayUpdate(user, found.ownerUserId)) throw new HttpError(403, 'Only the owner of this action, or an editor, may add updates to it');
        if (!parsed.success) throw validationErrorOf(parsed.error);
        const v = parsed.data;
        if (v.updateDate > deps.today()) throw new ValidationError([{ field: 'updateDate', text: `Date of the update cannot be after today (${deps.today()})` }]);
        const [row] = await tx
          .insert(actionUpdates)
          .values({ actionId, status: v.status, note: v.note, updateDate: v.updateDate, recordedByUserId: actor.userId, recordedByLabel: actor.label })
          .returning();
        if (!row) throw new Error('insert returned no row');
        const [latest] = await tx.select({ status: actionUpdates.status }).from(actionUpdates).where(eq(actionUpdates.actionId, actionId)).orderBy(desc(actionUpdates.updateDate), desc(actionUpdates.id)).limit(1);
        const status = latest?.status ?? v.status;
        await tx.update(actions).set({ status, updatedAt: new Date() }).where(eq(actions.id, actionId));
        await recordAudit(tx, actor, {
          action: 'status-change',
          entityType: 'action',
          entityId: actionId,
          summary: `Action "${found.action.title}": update of ${v.updateDate}, ${actionStatusLabels[found.action.status]} → ${actionStatusLabels[status]}`,
          changes: { status: { from: found.action.status, to: status }, note: { from: null, to: v.note } },
        });
        return row;
      });
      deps.onChange();
      return update;
    },

    /**
     * A board's actions still open or in progress on a day (for a meeting's board pack), with their
     * status as of that day (from the updates dated on or before it; open with none) and whether they
     * were overdue on it. Actions raised at a meeting after that day are left out.
     */
    async openActionsForBoard(boardId: number, asOf: string): Promise<(ActionRow & { statusAsOf: ActionStatus })[]> {
      const all = await rows(db, eq(actions.boardId, boardId), asOf);
      const raised = all.filter((r) => !r.meetingStartsAt || londonDate(r.meetingStartsAt) <= asOf);
      if (!raised.length) return [];
      const updates = await db
        .select({ actionId: actionUpdates.actionId, status: actionUpdates.status, updateDate: actionUpdates.updateDate, id: actionUpdates.id })
        .from(actionUpdates)
        .where(inArray(actionUpdates.actionId, raised.map((r) => r.action.id)))
        .orderBy(asc(actionUpdates.updateDate), asc(actionUpdates.id));
      const statusAsOf = new Map<number, ActionStatus>();
      for (const u of updates) if (u.updateDate <= asOf) statusAsOf.set(u.actionId, u.status);
      return raised
        .map((r) => {
          const status = statusAsOf.get(r.action.id) ?? 'open';
          return { ...r, statusAsOf: status, overdue: isOverdue({ dueDate: r.action.dueDate, status }, asOf) };
        })
        .filter((r) => isLive(r.statusAsOf));
    },

    /** Choices for the action form. */
    async formChoices(boardId: number) {
      const [meetingRows, itemRows, personRows, organisationRows] = await Promise.all([
        db.select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt }).from(meetings).where(eq(meetings.boardId, boardId)).orderBy(desc(meetings.startsAt)),
        db
          .select({ id: agendaItems.id, title: agendaItems.title, meetingId: agendaItems.meetingId, startsAt: meetings.startsAt })
          .from(agendaItems)
          .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
          .where(eq(meetings.boardId, boardId))
          .orderBy(desc(meetings.startsAt), asc(agendaItems.position)),
        db.select({ id: people.id, name: people.name, email: people.email }).from(people).orderBy(asc(people.name), asc(people.id)),
        db.select({ id: organisations.id, name: organisations.name, closedAt: organisations.closedAt }).from(organisations).orderBy(asc(organisations.name)),
      ]);
      return { meetings: meetingRows, agendaItems: itemRows, people: personRows, organisations: organisationRows.filter((o) => !o.closedAt) };
    },

  };
  return service;
}

export type ActionsService = ReturnType<typeof createActionsService>;

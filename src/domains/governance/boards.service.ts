// The board register: every board, committee and panel in the area, the missions each serves, its
// members over time and its status (active, merged into another board, closed). Nothing is deleted:
// a merged or closed board keeps its page, members and history; a membership is ended with a to-date.
// Every change is audited in the transaction that makes it, then the public caches are emptied.
import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { diffFields, recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import type { DbOrTx, Tx } from '../../platform/db/database.ts';
import { NotFoundError, ValidationError, type FieldError, validationErrorOf } from '../../platform/http/errors.ts';
import { isRealIsoDate, slugPattern } from '../../platform/http/forms.ts';
import { londonDate } from './london-time.ts';
import { organisations, people } from '../datahub/datahub.tables.ts';
import { missions, plans } from '../plan/plan.tables.ts';
import type { RegisterSnapshot } from './board-review.ts';
import type { GovernanceDeps } from './deps.ts';
import {
  boardMembers,
  boardMissions,
  boards,
  boardTypes,
  meetingDecisions,
  meetings,
  memberRoles,
  recommendations,
  sectors,
  type BoardType,
  type MemberRole,
  type Sector,
} from './governance.tables.ts';

export type Board = typeof boards.$inferSelect;
export type BoardMember = typeof boardMembers.$inferSelect;

export const boardTypeLabels: Record<BoardType, string> = {
  mission_board: 'Mission board',
  criminal_justice_board: 'Criminal justice board',
  community_safety_partnership: 'Community safety partnership',
  violence_reduction_unit: 'Violence reduction unit',
  drugs_partnership: 'Drugs partnership',
  safeguarding_board: 'Safeguarding board',
  health_and_wellbeing_board: 'Health and wellbeing board',
  advisory_panel: 'Advisory panel',
  scrutiny_panel: 'Scrutiny panel',
  police_and_crime_panel: 'Police and crime panel',
  committee: 'Committee',
  other: 'Other board or partnership',
};

export const memberRoleLabels: Record<MemberRole, string> = {
  chair: 'Chair',
  vice_chair: 'Vice-chair',
  member: 'Member',
  adviser: 'Adviser',
  secretary: 'Secretary',
  observer: 'Observer',
};

export const sectorLabels: Record<Sector, string> = {
  pcc_office: "Police and crime commissioner's office",
  police: 'Police',
  local_government: 'Local government',
  health: 'Health',
  criminal_justice: 'Criminal justice',
  fire_and_rescue: 'Fire and rescue',
  education: 'Education',
  voluntary_and_community: 'Voluntary and community',
  academia: 'Academia',
  business: 'Business',
  trade_union: 'Trade union',
  community: 'Community',
  other: 'Other',
};

export const boardStatusLabels = { active: 'Active', merged: 'Merged', closed: 'Closed' } as const;

/** What a board form sends (strings from the form; numbers already parsed). */
export interface BoardInput {
  name: string;
  /** Only on create: the short name in its web address; made from the name when empty. */
  slug?: string | null;
  type: string;
  termsOfReference?: string;
  chair?: string;
  chairPersonId?: number | null;
  statutoryBasis?: string;
  parentBoardId?: number | null;
  /** 0 means not recorded. */
  meetingsPerYear?: number | null;
  /** 0 means not recorded. */
  usualLengthMinutes?: number | null;
  missionIds?: number[];
  isPublic?: boolean;
}

export interface MemberInput {
  /** An existing person, or… */
  personId?: number | null;
  /** …a new person created by name. */
  personName?: string | null;
  organisationId?: number | null;
  sector: string;
  role: string;
  isExpert?: boolean;
  hasLivedExperience?: boolean;
  fromDate?: string | null;
  toDate?: string | null;
}


const boardSchema = z.object({
  name: z.string().trim().min(1, 'Enter the name of the board').max(200, 'Name must be 200 characters or fewer'),
  type: z.enum(boardTypes, { message: 'Select the type of board from the list' }),
  termsOfReference: z.string().trim().max(20_000, 'Terms of reference must be 20,000 characters or fewer'),
  chair: z.string().trim().max(200, 'Chair must be 200 characters or fewer'),
  statutoryBasis: z.string().trim().max(500, 'Statutory basis must be 500 characters or fewer'),
  meetingsPerYear: z.number().int('Meetings a year must be a whole number').min(0, 'Meetings a year must be 0 or more').max(365, 'Meetings a year must be 365 or fewer'),
  usualLengthMinutes: z.number().int('Usual length must be a whole number of minutes').min(0, 'Usual length must be 0 or more').max(1440, 'Usual length must be 1,440 minutes (a day) or fewer'),
});


/** A short name for a web address from a board's name: "Luton CSP" → "luton-csp". */
export function slugFromName(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/&/g, ' and ')
      .replace(/'/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/g, '') || 'board'
  );
}

/** Short names that are pages of the register itself, never a board's. */
export const reservedSlugs: ReadonlySet<string> = new Set(['new', 'review', 'review-csv', 'cross-board', 'meetings', 'actions', 'decisions']);

/** Is a membership current on the day (ISO)? Open ends count as current. */
export function isCurrentOn(member: { fromDate: string | null; toDate: string | null }, day: string): boolean {
  return (member.fromDate === null || member.fromDate <= day) && (member.toDate === null || member.toDate >= day);
}

export function createBoardsService(deps: GovernanceDeps) {
  const { db } = deps;

  async function byId(tx: DbOrTx, id: number): Promise<Board> {
    const [row] = await tx.select().from(boards).where(eq(boards.id, id));
    if (!row) throw new NotFoundError(`No board has the id ${id}`);
    return row;
  }

  async function bySlugOrNull(tx: DbOrTx, slug: string): Promise<Board | null> {
    const [row] = await tx.select().from(boards).where(eq(boards.slug, slug));
    return row ?? null;
  }

  async function missionIdsOf(tx: DbOrTx, boardId: number): Promise<number[]> {
    const rows = await tx.select({ missionId: boardMissions.missionId }).from(boardMissions).where(eq(boardMissions.boardId, boardId)).orderBy(asc(boardMissions.missionId));
    return rows.map((r) => r.missionId);
  }

  /** Refuses a parent that does not exist, is the board itself or sits below it (a cycle). */
  async function checkParent(tx: Tx, boardId: number | null, parentBoardId: number | null, errors: FieldError[]) {
    if (parentBoardId === null) return;
    const [parent] = await tx.select({ id: boards.id, name: boards.name }).from(boards).where(eq(boards.id, parentBoardId));
    if (!parent) {
      errors.push({ field: 'parentBoardId', text: 'Select the parent board from the list: there is no board with that id' });
      return;
    }
    if (boardId === null) return;
    if (parentBoardId === boardId) {
      errors.push({ field: 'parentBoardId', text: 'A board cannot be its own parent' });
      return;
    }
    // Walk up from the proposed parent: reaching this board would make a loop.
    const all = await tx.select({ id: boards.id, name: boards.name, parentBoardId: boards.parentBoardId }).from(boards);
    const parentOf = new Map(all.map((b) => [b.id, b.parentBoardId]));
    const seen = new Set<number>();
    let cursor: number | null | undefined = parentBoardId;
    while (cursor != null && !seen.has(cursor)) {
      if (cursor === boardId) {
        errors.push({ field: 'parentBoardId', text: `${parent.name} sits below this board, so it cannot be its parent (that would make a loop)` });
        return;
      }
      seen.add(cursor);
      cursor = parentOf.get(cursor);
    }
  }

  async function checkMissions(tx: Tx, missionIds: number[], errors: FieldError[]) {
    if (!missionIds.length) return;
    const found = await tx.select({ id: missions.id }).from(missions).where(inArray(missions.id, missionIds));
    if (found.length !== new Set(missionIds).size) errors.push({ field: 'missionIds', text: 'Select missions from the list: one of those chosen does not exist' });
  }

  async function checkChairPerson(tx: Tx, personId: number | null, errors: FieldError[]) {
    if (personId === null) return;
    const [row] = await tx.select({ id: people.id }).from(people).where(eq(people.id, personId));
    if (!row) errors.push({ field: 'chairPersonId', text: 'Select the chair from the list of people: there is no person with that id' });
  }

  function checked(input: BoardInput) {
    const parsed = boardSchema.safeParse({
      name: input.name ?? '',
      type: input.type,
      termsOfReference: input.termsOfReference ?? '',
      chair: input.chair ?? '',
      statutoryBasis: input.statutoryBasis ?? '',
      meetingsPerYear: input.meetingsPerYear ?? 0,
      usualLengthMinutes: input.usualLengthMinutes ?? 0,
    });
    const errors: FieldError[] = parsed.success ? [] : validationErrorOf(parsed.error).errors;
    const slug = input.slug?.trim() ?? '';
    if (slug && !slugPattern.test(slug)) errors.push({ field: 'slug', text: 'Short name must use only lower-case letters, numbers and single hyphens, like luton-csp' });
    if (slug.length > 80) errors.push({ field: 'slug', text: 'Short name must be 80 characters or fewer' });
    if (reservedSlugs.has(slug)) errors.push({ field: 'slug', text: `The short name ${slug} is taken by a page of the register: choose another` });
    const missionIds = [...new Set(input.missionIds ?? [])];
    if (missionIds.some((id) => !Number.isInteger(id) || id <= 0)) errors.push({ field: 'missionIds', text: 'Select missions from the list' });
    return {
      errors,
      values: parsed.success
        ? {
            name: parsed.data.name,
            type: parsed.data.type,
            termsOfReference: parsed.data.termsOfReference,
            chair: parsed.data.chair,
            chairPersonId: input.chairPersonId ?? null,
            statutoryBasis: parsed.data.statutoryBasis,
            parentBoardId: input.parentBoardId ?? null,
            meetingsPerYear: parsed.data.meetingsPerYear,
            usualLengthMinutes: parsed.data.usualLengthMinutes,
            isPublic: input.isPublic ?? true,
          }
        : null,
      slug,
      missionIds: missionIds.filter((id) => Number.isInteger(id) && id > 0),
    };
  }

  async function uniqueSlug(tx: Tx, base: string): Promise<string> {
    const taken = new Set((await tx.select({ slug: boards.slug }).from(boards).where(sql`${boards.slug} like ${`${base}%`}`)).map((r) => r.slug));
    if (!taken.has(base) && !reservedSlugs.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  async function setMissions(tx: Tx, boardId: number, missionIds: number[]) {
    await tx.delete(boardMissions).where(eq(boardMissions.boardId, boardId));
    if (missionIds.length) await tx.insert(boardMissions).values(missionIds.map((missionId) => ({ boardId, missionId })));
  }

  async function missionTitles(tx: DbOrTx, ids: number[]): Promise<string> {
    if (!ids.length) return 'none';
    const rows = await tx.select({ title: missions.title }).from(missions).where(inArray(missions.id, ids)).orderBy(asc(missions.position));
    return rows.map((r) => r.title).join('; ');
  }

  /** Runs a change in a transaction, then empties the public caches. */
  async function change<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const result = await db.transaction(work);
    deps.onChange();
    return result;
  }

  async function createIn(tx: Tx, actor: Actor, input: BoardInput): Promise<Board> {
    const { errors, values, slug, missionIds } = checked(input);
    if (values) {
      await checkParent(tx, null, values.parentBoardId, errors);
      await checkChairPerson(tx, values.chairPersonId, errors);
    }
    await checkMissions(tx, missionIds, errors);
    if (slug && (await bySlugOrNull(tx, slug))) errors.push({ field: 'slug', text: `Another board already has the short name ${slug}` });
    if (errors.length || !values) throw new ValidationError(errors);
    const finalSlug = slug || (await uniqueSlug(tx, slugFromName(values.name)));
    const [row] = await tx.insert(boards).values({ ...values, slug: finalSlug }).returning();
    if (!row) throw new Error('insert returned no row');
    await setMissions(tx, row.id, missionIds);
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'board',
      entityId: row.id,
      summary: `Registered ${row.name} (${boardTypeLabels[row.type]}); missions: ${await missionTitles(tx, missionIds)}`,
    });
    return row;
  }

  const service = {
    boardTypeLabels,

    /** Every board in the register, by name; `status` narrows it. */
    async list(options: { status?: Board['status'] } = {}): Promise<Board[]> {
      return db
        .select()
        .from(boards)
        .where(options.status ? eq(boards.status, options.status) : undefined)
        .orderBy(asc(boards.name), asc(boards.id));
    },

    getById: (id: number) => byId(db, id),

    findBySlug: (slug: string) => bySlugOrNull(db, slug),

    async getBySlug(slug: string): Promise<Board> {
      const row = await bySlugOrNull(db, slug);
      if (!row) throw new NotFoundError(`No board has the short name ${slug}`);
      return row;
    },

    missionIdsOf: (boardId: number) => missionIdsOf(db, boardId),

    /** The missions a board serves, in plan order. */
    async missionsOf(boardId: number) {
      return db
        .select({ id: missions.id, slug: missions.slug, title: missions.title, kind: missions.kind, planId: missions.planId, publishedAt: missions.publishedAt })
        .from(boardMissions)
        .innerJoin(missions, eq(missions.id, boardMissions.missionId))
        .where(eq(boardMissions.boardId, boardId))
        .orderBy(asc(missions.planId), asc(missions.position), asc(missions.id));
    },

    /** The boards serving each mission (all boards, any status): mission id → boards. */
    async boardsByMission(): Promise<Map<number, Board[]>> {
      const rows = await db.select({ missionId: boardMissions.missionId, board: boards }).from(boardMissions).innerJoin(boards, eq(boards.id, boardMissions.boardId)).orderBy(asc(boards.name));
      const out = new Map<number, Board[]>();
      for (const r of rows) out.set(r.missionId, [...(out.get(r.missionId) ?? []), r.board]);
      return out;
    },

    async childrenOf(boardId: number): Promise<Board[]> {
      return db.select().from(boards).where(eq(boards.parentBoardId, boardId)).orderBy(asc(boards.name));
    },

    /** The missions of the current plan (missions first, then foundations), for the board form. */
    async currentPlanMissions() {
      const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.isCurrent, true));
      if (!plan) return [];
      return db
        .select({ id: missions.id, slug: missions.slug, title: missions.title, kind: missions.kind, publishedAt: missions.publishedAt })
        .from(missions)
        .where(eq(missions.planId, plan.id))
        .orderBy(asc(missions.position), asc(missions.id));
    },

    /**
     * A board's members with their person and organisation: all of them (current and past), or only
     * those current on `onDay` (ISO) when given.
     */
    async members(boardId: number, options: { onDay?: string } = {}) {
      const day = options.onDay;
      return db
        .select({ member: boardMembers, person: { id: people.id, name: people.name, email: people.email, userId: people.userId }, organisation: { id: organisations.id, name: organisations.name, orgId: organisations.orgId } })
        .from(boardMembers)
        .innerJoin(people, eq(people.id, boardMembers.personId))
        .leftJoin(organisations, eq(organisations.id, boardMembers.organisationId))
        .where(
          and(
            eq(boardMembers.boardId, boardId),
            day ? or(isNull(boardMembers.fromDate), lte(boardMembers.fromDate, day)) : undefined,
            day ? or(isNull(boardMembers.toDate), gte(boardMembers.toDate, day)) : undefined,
          ),
        )
        .orderBy(asc(people.name), asc(boardMembers.id));
    },

    /** Members current today. */
    currentMembers(boardId: number) {
      return service.members(boardId, { onDay: deps.today() });
    },

    async getMember(memberId: number): Promise<BoardMember> {
      const [row] = await db.select().from(boardMembers).where(eq(boardMembers.id, memberId));
      if (!row) throw new NotFoundError(`No board membership has the id ${memberId}`);
      return row;
    },

    async create(actor: Actor, input: BoardInput): Promise<Board> {
      return change((tx) => createIn(tx, actor, input));
    },

    /** For seeding inside another transaction (no cache emptying: the caller's change does it). */
    createIn,

    /** Changes a board's details and missions (its short name and status stay). */
    async update(actor: Actor, id: number, input: BoardInput): Promise<Board> {
      return change(async (tx) => {
        const before = await byId(tx, id);
        const { errors, values, missionIds } = checked({ ...input, slug: null });
        if (values) {
          await checkParent(tx, id, values.parentBoardId, errors);
          await checkChairPerson(tx, values.chairPersonId, errors);
        }
        await checkMissions(tx, missionIds, errors);
        if (errors.length || !values) throw new ValidationError(errors);
        const changes = diffFields(before, values);
        const beforeMissions = await missionIdsOf(tx, id);
        const missionsChanged = JSON.stringify(beforeMissions) !== JSON.stringify([...missionIds].sort((a, b) => a - b));
        if (missionsChanged) changes.missionIds = { from: beforeMissions, to: [...missionIds].sort((a, b) => a - b) };
        if (!Object.keys(changes).length) return before;
        const [row] = await tx
          .update(boards)
          .set({ ...values, updatedAt: new Date() })
          .where(eq(boards.id, id))
          .returning();
        if (!row) throw new Error('update returned no row');
        if (missionsChanged) await setMissions(tx, id, missionIds);
        await recordAudit(tx, actor, { action: 'update', entityType: 'board', entityId: id, summary: `Changed ${row.name}: ${Object.keys(changes).join(', ')}`, changes });
        return row;
      });
    },

    /** Merges an active board into another active board on a date. The board, its members and history stay. */
    async merge(actor: Actor, id: number, input: { intoBoardId: number | null; date: string | null }): Promise<Board> {
      return change(async (tx) => {
        const before = await byId(tx, id);
        const errors: FieldError[] = [];
        if (before.status !== 'active') errors.push({ field: 'intoBoardId', text: `${before.name} is already ${before.status}: only an active board can be merged` });
        if (input.intoBoardId == null) errors.push({ field: 'intoBoardId', text: 'Select the board it is merged into' });
        else if (input.intoBoardId === id) errors.push({ field: 'intoBoardId', text: 'A board cannot be merged into itself' });
        if (!input.date) errors.push({ field: 'mergeDate', text: 'Enter the date of the merger' });
        else if (!isRealIsoDate(input.date)) errors.push({ field: 'mergeDate', text: 'Date of the merger must be a real date in the format YYYY-MM-DD, like 2025-03-31' });
        let into: Board | null = null;
        if (input.intoBoardId != null && input.intoBoardId !== id) {
          const [row] = await tx.select().from(boards).where(eq(boards.id, input.intoBoardId));
          if (!row) errors.push({ field: 'intoBoardId', text: 'Select the board it is merged into from the list: there is no board with that id' });
          else if (row.status !== 'active') errors.push({ field: 'intoBoardId', text: `${row.name} is ${row.status}: merge into an active board` });
          into = row ?? null;
        }
        if (errors.length || !into || !input.date) throw new ValidationError(errors);
        const [row] = await tx
          .update(boards)
          .set({ status: 'merged', mergedIntoBoardId: into.id, statusChangedOn: input.date, updatedAt: new Date() })
          .where(eq(boards.id, id))
          .returning();
        if (!row) throw new Error('update returned no row');
        await recordAudit(tx, actor, {
          action: 'merge',
          entityType: 'board',
          entityId: id,
          summary: `${before.name} merged into ${into.name} on ${input.date}`,
          changes: { status: { from: before.status, to: 'merged' }, mergedIntoBoardId: { from: before.mergedIntoBoardId, to: into.id }, statusChangedOn: { from: before.statusChangedOn, to: input.date } },
        });
        return row;
      });
    },

    /** Closes an active board on a date. The board, its members and history stay. */
    async close(actor: Actor, id: number, input: { date: string | null }): Promise<Board> {
      return change(async (tx) => {
        const before = await byId(tx, id);
        const errors: FieldError[] = [];
        if (before.status !== 'active') errors.push({ field: 'closeDate', text: `${before.name} is already ${before.status}: only an active board can be closed` });
        if (!input.date) errors.push({ field: 'closeDate', text: 'Enter the date it closed' });
        else if (!isRealIsoDate(input.date)) errors.push({ field: 'closeDate', text: 'Date it closed must be a real date in the format YYYY-MM-DD, like 2025-03-31' });
        if (errors.length || !input.date) throw new ValidationError(errors);
        const [row] = await tx.update(boards).set({ status: 'closed', statusChangedOn: input.date, updatedAt: new Date() }).where(eq(boards.id, id)).returning();
        if (!row) throw new Error('update returned no row');
        await recordAudit(tx, actor, {
          action: 'close',
          entityType: 'board',
          entityId: id,
          summary: `${before.name} closed on ${input.date}`,
          changes: { status: { from: before.status, to: 'closed' }, statusChangedOn: { from: before.statusChangedOn, to: input.date } },
        });
        return row;
      });
    },

    /** Makes a merged or closed board active again (a mistake undone; the audit log keeps both). */
    async reopen(actor: Actor, id: number): Promise<Board> {
      return change(async (tx) => {
        const before = await byId(tx, id);
        if (before.status === 'active') return before;
        const [row] = await tx.update(boards).set({ status: 'active', mergedIntoBoardId: null, statusChangedOn: null, updatedAt: new Date() }).where(eq(boards.id, id)).returning();
        if (!row) throw new Error('update returned no row');
        await recordAudit(tx, actor, {
          action: 'reopen',
          entityType: 'board',
          entityId: id,
          summary: `${before.name} is active again (was ${before.status}${before.statusChangedOn ? ` on ${before.statusChangedOn}` : ''})`,
          changes: { status: { from: before.status, to: 'active' }, mergedIntoBoardId: { from: before.mergedIntoBoardId, to: null }, statusChangedOn: { from: before.statusChangedOn, to: null } },
        });
        return row;
      });
    },

    /** Adds a seat on a board: an existing person, or a new person created by name. */
    async addMember(actor: Actor, boardId: number, input: MemberInput): Promise<BoardMember> {
      return change(async (tx) => {
        const board = await byId(tx, boardId);
        const errors: FieldError[] = [];
        const personName = input.personName?.trim() ?? '';
        if (input.personId == null && !personName) errors.push({ field: 'personId', text: 'Choose a person from the list or enter the name of a new person' });
        if (input.personId != null && personName) errors.push({ field: 'personName', text: 'Choose a person from the list or enter a new name, not both' });
        if (personName.length > 200) errors.push({ field: 'personName', text: 'Name must be 200 characters or fewer' });
        if (!(sectors as readonly string[]).includes(input.sector)) errors.push({ field: 'sector', text: 'Select the sector from the list' });
        if (!(memberRoles as readonly string[]).includes(input.role)) errors.push({ field: 'role', text: 'Select the role from the list' });
        const fromDate = input.fromDate || null;
        const toDate = input.toDate || null;
        if (fromDate && !isRealIsoDate(fromDate)) errors.push({ field: 'fromDate', text: 'From date must be a real date in the format YYYY-MM-DD, like 2025-03-31' });
        if (toDate && !isRealIsoDate(toDate)) errors.push({ field: 'toDate', text: 'To date must be a real date in the format YYYY-MM-DD, like 2025-03-31' });
        if (fromDate && toDate && isRealIsoDate(fromDate) && isRealIsoDate(toDate) && toDate < fromDate) errors.push({ field: 'toDate', text: `To date must be on or after the from date (${fromDate})` });
        let person: { id: number; name: string } | undefined;
        if (input.personId != null && !personName) {
          [person] = await tx.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, input.personId));
          if (!person) errors.push({ field: 'personId', text: 'Choose a person from the list: there is no person with that id' });
        }
        let organisation: { id: number; name: string; closedAt: Date | null } | undefined;
        if (input.organisationId != null) {
          [organisation] = await tx.select({ id: organisations.id, name: organisations.name, closedAt: organisations.closedAt }).from(organisations).where(eq(organisations.id, input.organisationId));
          if (!organisation) errors.push({ field: 'organisationId', text: 'Select the organisation from the list: there is no organisation with that id' });
        }
        if (errors.length) throw new ValidationError(errors);
        if (!person) {
          const [created] = await tx.insert(people).values({ name: personName }).returning({ id: people.id, name: people.name });
          if (!created) throw new Error('insert returned no row');
          person = created;
          await recordAudit(tx, actor, { action: 'create', entityType: 'person', entityId: created.id, summary: `Added ${created.name} (as a member of ${board.name})` });
        }
        const [row] = await tx
          .insert(boardMembers)
          .values({
            boardId,
            personId: person.id,
            organisationId: organisation?.id ?? null,
            sector: input.sector as Sector,
            role: input.role as MemberRole,
            isExpert: input.isExpert ?? false,
            hasLivedExperience: input.hasLivedExperience ?? false,
            fromDate,
            toDate,
          })
          .returning();
        if (!row) throw new Error('insert returned no row');
        await recordAudit(tx, actor, {
          action: 'create',
          entityType: 'board_member',
          entityId: row.id,
          summary: `${person.name}: ${memberRoleLabels[row.role]} of ${board.name}${organisation ? ` for ${organisation.name}` : ''}${fromDate ? ` from ${fromDate}` : ''}${toDate ? ` to ${toDate}` : ''}`,
          organisationId: organisation?.id ?? null,
        });
        return row;
      });
    },

    /** Ends a seat on a date (kept in the history). */
    async endMember(actor: Actor, memberId: number, toDate: string | null): Promise<BoardMember> {
      return change(async (tx) => {
        const [before] = await tx.select().from(boardMembers).where(eq(boardMembers.id, memberId));
        if (!before) throw new NotFoundError(`No board membership has the id ${memberId}`);
        const errors: FieldError[] = [];
        if (before.toDate) errors.push({ field: 'toDate', text: `This membership already ended on ${before.toDate}` });
        if (!toDate) errors.push({ field: 'toDate', text: 'Enter the date the membership ends' });
        else if (!isRealIsoDate(toDate)) errors.push({ field: 'toDate', text: 'To date must be a real date in the format YYYY-MM-DD, like 2025-03-31' });
        else if (before.fromDate && toDate < before.fromDate) errors.push({ field: 'toDate', text: `To date must be on or after the from date (${before.fromDate})` });
        if (errors.length || !toDate) throw new ValidationError(errors);
        const [row] = await tx.update(boardMembers).set({ toDate }).where(eq(boardMembers.id, memberId)).returning();
        if (!row) throw new Error('update returned no row');
        const [person] = await tx.select({ name: people.name }).from(people).where(eq(people.id, before.personId));
        const board = await byId(tx, before.boardId);
        await recordAudit(tx, actor, {
          action: 'end',
          entityType: 'board_member',
          entityId: memberId,
          summary: `${person?.name ?? 'A member'} left ${board.name} on ${toDate}`,
          changes: { toDate: { from: null, to: toDate } },
          organisationId: before.organisationId,
        });
        return row;
      });
    },

    /** Everything the board review reads, as plain data (see board-review.ts). */
    async snapshot(): Promise<RegisterSnapshot> {
      const today = deps.today();
      const [boardRows, missionLinks, memberRows, missionRows, decisionRows, recommendationRows] = await Promise.all([
        db.select().from(boards).orderBy(asc(boards.name), asc(boards.id)),
        db.select().from(boardMissions),
        db
          .select({ member: boardMembers, personName: people.name, organisationName: organisations.name })
          .from(boardMembers)
          .innerJoin(people, eq(people.id, boardMembers.personId))
          .leftJoin(organisations, eq(organisations.id, boardMembers.organisationId)),
        service.currentPlanMissions(),
        db
          .select({ boardId: meetings.boardId, startsAt: meetings.startsAt })
          .from(meetingDecisions)
          .innerJoin(meetings, eq(meetings.id, meetingDecisions.meetingId)),
        db
          .select({ boardId: recommendations.boardId, createdAt: recommendations.createdAt, meetingStartsAt: meetings.startsAt })
          .from(recommendations)
          .leftJoin(meetings, eq(meetings.id, recommendations.meetingId)),
      ]);
      const missionsByBoard = new Map<number, number[]>();
      for (const link of missionLinks) missionsByBoard.set(link.boardId, [...(missionsByBoard.get(link.boardId) ?? []), link.missionId]);
      return {
        today,
        boards: boardRows.map((b) => ({
          id: b.id,
          slug: b.slug,
          name: b.name,
          type: b.type,
          status: b.status,
          termsOfReference: b.termsOfReference,
          meetingsPerYear: b.meetingsPerYear,
          usualLengthMinutes: b.usualLengthMinutes,
          missionIds: missionsByBoard.get(b.id) ?? [],
          statutoryBasis: b.statutoryBasis,
        })),
        missions: missionRows.map((m) => ({ id: m.id, slug: m.slug, title: m.title, kind: m.kind })),
        members: memberRows.map((r) => ({
          boardId: r.member.boardId,
          personId: r.member.personId,
          personName: r.personName,
          organisationId: r.member.organisationId,
          organisationName: r.organisationName,
          fromDate: r.member.fromDate,
          toDate: r.member.toDate,
        })),
        activity: [
          ...decisionRows.map((d) => ({ boardId: d.boardId, kind: 'decision' as const, date: londonDate(d.startsAt) })),
          ...recommendationRows.map((r) => ({ boardId: r.boardId, kind: 'recommendation' as const, date: londonDate(r.meetingStartsAt ?? r.createdAt) })),
        ],
      };
    },
  };
  return service;
}


export type BoardsService = ReturnType<typeof createBoardsService>;

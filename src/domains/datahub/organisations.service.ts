// Partner organisations, their people and memberships, and which organisation a user acts for.
// Every change is audited in its own transaction; nothing is deleted: an organisation is closed, a
// membership is ended with a to-date.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { diffFields, recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import type { AuthService } from '../../platform/auth/auth.service.ts';
import { users, type Role } from '../../platform/auth/auth.tables.ts';
import type { Db, DbOrTx, Tx } from '../../platform/db/database.ts';
import { NotFoundError, ValidationError, type FieldError, validationErrorOf } from '../../platform/http/errors.ts';
import { memberships, organisations, organisationTypes, people, userOrganisations, type OrganisationType } from './datahub.tables.ts';
import { parseOrgId } from './organisations.org-id.ts';

export type Organisation = typeof organisations.$inferSelect;
export type Person = typeof people.$inferSelect;
export type Membership = typeof memberships.$inferSelect;

export const organisationTypeLabels: Record<OrganisationType, string> = {
  pcc_office: "Police and crime commissioner's office",
  police: 'Police force',
  local_authority: 'Local authority',
  nhs: 'NHS body',
  probation: 'Probation',
  cps: 'Crown Prosecution Service',
  courts: 'Courts',
  prisons: 'Prisons',
  fire_and_rescue: 'Fire and rescue',
  voluntary_sector: 'Voluntary sector',
  education: 'Education',
  business: 'Business',
  academia: 'Academia',
};

export interface OrganisationInput {
  orgId: string;
  name: string;
  type: string;
  website?: string | null;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (text: string) => isoDate.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;

const organisationSchema = z.object({
  name: z.string().trim().min(1, 'Enter the name of the organisation').max(200, 'Name must be 200 characters or fewer'),
  type: z.enum(organisationTypes, { message: `Type must be one of: ${organisationTypes.join(', ')}` }),
  website: z
    .string()
    .trim()
    .max(500, 'Website must be 500 characters or fewer')
    .regex(/^https?:\/\/\S+$/i, 'Website must be a web address starting with https://')
    .nullable()
    .optional(),
});

const personSchema = z.object({
  name: z.string().trim().min(1, 'Enter the name of the person').max(200, 'Name must be 200 characters or fewer'),
  email: z.string().trim().toLowerCase().email('Enter an email address in the correct format, like name@example.org').nullable().optional(),
});

const dateField = (label: string) => z.string().refine(realDate, `${label} must be a real date in the format YYYY-MM-DD, like 2025-03-31`);
const membershipSchema = z.object({
  role: z.string().trim().min(1, 'Enter the role, like Data steward').max(200, 'Role must be 200 characters or fewer'),
  fromDate: dateField('From date').nullable().optional(),
  toDate: dateField('To date').nullable().optional(),
});


function checkedOrganisation(input: OrganisationInput) {
  const errors: FieldError[] = [];
  const orgId = parseOrgId(input.orgId);
  if (!orgId.ok) errors.push({ field: 'orgId', text: orgId.message });
  const parsed = organisationSchema.safeParse({ name: input.name, type: input.type, website: input.website || null });
  if (!parsed.success) errors.push(...validationErrorOf(parsed.error).errors);
  if (errors.length || !orgId.ok || !parsed.success) throw new ValidationError(errors);
  return { orgId: orgId.value.orgId, name: parsed.data.name, type: parsed.data.type, website: parsed.data.website ?? null };
}

const staffRoles: readonly Role[] = ['viewer', 'editor', 'admin'];

export function createOrganisationsService(db: Db, deps: { auth: AuthService }) {
  async function byId(tx: DbOrTx, id: number): Promise<Organisation> {
    const [row] = await tx.select().from(organisations).where(eq(organisations.id, id));
    if (!row) throw new NotFoundError(`No organisation has the id ${id}`);
    return row;
  }

  async function byOrgIdOrNull(tx: DbOrTx, orgId: string): Promise<Organisation | null> {
    const parsed = parseOrgId(orgId);
    if (!parsed.ok) return null;
    const [row] = await tx.select().from(organisations).where(eq(organisations.orgId, parsed.value.orgId));
    return row ?? null;
  }

  async function refuseDuplicate(tx: Tx, orgId: string, exceptId: number | null) {
    const [other] = await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.orgId, orgId));
    if (other && other.id !== exceptId) throw new ValidationError([{ field: 'orgId', text: `${other.name} already has the identifier ${orgId}` }]);
  }

  /** Which organisation a user may act for, by role: partners for a partner, staff for the office. */
  function checkFits(role: Role, organisation: Organisation): FieldError | null {
    if (organisation.closedAt) return { field: 'organisation', text: `${organisation.name} is closed: choose an open organisation` };
    if (role === 'partner' && organisation.type === 'pcc_office') {
      return { field: 'organisation', text: `A partner user acts for a partner organisation, not the office (${organisation.name}): office staff are viewers, editors or admins` };
    }
    if (staffRoles.includes(role) && organisation.type !== 'pcc_office') {
      return { field: 'organisation', text: `Staff (viewer, editor, admin) act for the office's organisation only; ${organisation.name} is not one: make a partner user for it` };
    }
    return null;
  }

  async function linkInTx(tx: Tx, actor: Actor, user: { id: number; email: string; role: Role }, organisation: Organisation) {
    const misfit = checkFits(user.role, organisation);
    if (misfit) throw new ValidationError([misfit]);
    const [before] = await tx.select().from(userOrganisations).where(eq(userOrganisations.userId, user.id));
    if (before?.organisationId === organisation.id) return false;
    if (before) await tx.update(userOrganisations).set({ organisationId: organisation.id }).where(eq(userOrganisations.userId, user.id));
    else await tx.insert(userOrganisations).values({ userId: user.id, organisationId: organisation.id });
    await recordAudit(tx, actor, {
      action: before ? 'update' : 'create',
      entityType: 'user_organisation',
      entityId: user.id,
      summary: `${user.email} acts for ${organisation.name} (${organisation.orgId})`,
      changes: { organisationId: { from: before?.organisationId ?? null, to: organisation.id } },
      organisationId: organisation.id,
    });
    return true;
  }

  const service = {
    async list(options: { includeClosed?: boolean } = {}): Promise<Organisation[]> {
      return db
        .select()
        .from(organisations)
        .where(options.includeClosed === false ? isNull(organisations.closedAt) : undefined)
        .orderBy(asc(organisations.name));
    },

    getById: (id: number) => byId(db, id),

    /** The organisation with this org-id (written in any case for the list code); 404 when none. */
    async getByOrgId(orgId: string): Promise<Organisation> {
      const row = await byOrgIdOrNull(db, orgId);
      if (!row) throw new NotFoundError(`No organisation has the identifier ${orgId}`);
      return row;
    },

    findByOrgId: (orgId: string) => byOrgIdOrNull(db, orgId),

    /** The office's own organisation (type pcc_office, the first registered if several), if registered. */
    async office(): Promise<Organisation | null> {
      const [row] = await db
        .select()
        .from(organisations)
        .where(and(eq(organisations.type, 'pcc_office'), isNull(organisations.closedAt)))
        .orderBy(asc(organisations.id))
        .limit(1);
      return row ?? null;
    },

    async create(actor: Actor, input: OrganisationInput): Promise<Organisation> {
      const values = checkedOrganisation(input);
      return db.transaction(async (tx) => {
        await refuseDuplicate(tx, values.orgId, null);
        const [row] = await tx.insert(organisations).values(values).returning();
        if (!row) throw new Error('insert returned no row');
        await recordAudit(tx, actor, { action: 'create', entityType: 'organisation', entityId: row.id, summary: `Registered ${row.name} (${row.orgId})`, organisationId: row.id });
        return row;
      });
    },

    async update(actor: Actor, id: number, input: OrganisationInput): Promise<Organisation> {
      const values = checkedOrganisation(input);
      return db.transaction(async (tx) => {
        const before = await byId(tx, id);
        await refuseDuplicate(tx, values.orgId, id);
        const changes = diffFields(before, values);
        if (!Object.keys(changes).length) return before;
        const [row] = await tx.update(organisations).set(values).where(eq(organisations.id, id)).returning();
        if (!row) throw new Error('update returned no row');
        await recordAudit(tx, actor, { action: 'update', entityType: 'organisation', entityId: id, summary: `Changed ${row.name} (${row.orgId})`, changes, organisationId: id });
        return row;
      });
    },

    /** Closes an organisation (its users then act for none) or reopens it. Nothing is deleted. */
    async setClosed(actor: Actor, id: number, closed: boolean): Promise<Organisation> {
      return db.transaction(async (tx) => {
        const before = await byId(tx, id);
        if (Boolean(before.closedAt) === closed) return before;
        const [row] = await tx.update(organisations).set({ closedAt: closed ? new Date() : null }).where(eq(organisations.id, id)).returning();
        if (!row) throw new Error('update returned no row');
        await recordAudit(tx, actor, { action: closed ? 'close' : 'reopen', entityType: 'organisation', entityId: id, summary: `${closed ? 'Closed' : 'Reopened'} ${row.name} (${row.orgId})`, organisationId: id });
        return row;
      });
    },

    async addPerson(actor: Actor, input: { name: string; email?: string | null; userId?: number | null }): Promise<Person> {
      const parsed = personSchema.safeParse({ name: input.name, email: input.email || null });
      if (!parsed.success) throw validationErrorOf(parsed.error);
      return db.transaction(async (tx) => {
        if (input.userId != null) {
          const [taken] = await tx.select({ id: people.id, name: people.name }).from(people).where(eq(people.userId, input.userId));
          if (taken) throw new ValidationError([{ field: 'userId', text: `That user is already ${taken.name}` }]);
        }
        const [row] = await tx
          .insert(people)
          .values({ name: parsed.data.name, email: parsed.data.email ?? null, userId: input.userId ?? null })
          .returning();
        if (!row) throw new Error('insert returned no row');
        await recordAudit(tx, actor, { action: 'create', entityType: 'person', entityId: row.id, summary: `Added ${row.name}` });
        return row;
      });
    },

    async getPerson(id: number): Promise<Person> {
      const [row] = await db.select().from(people).where(eq(people.id, id));
      if (!row) throw new NotFoundError(`No person has the id ${id}`);
      return row;
    },

    async listPeople(): Promise<Person[]> {
      return db.select().from(people).orderBy(asc(people.name), asc(people.id));
    },

    async addMembership(actor: Actor, input: { personId: number; organisationId: number; role: string; fromDate?: string | null; toDate?: string | null }): Promise<Membership> {
      const parsed = membershipSchema.safeParse({ role: input.role, fromDate: input.fromDate || null, toDate: input.toDate || null });
      if (!parsed.success) throw validationErrorOf(parsed.error);
      const { role, fromDate, toDate } = parsed.data;
      if (fromDate && toDate && toDate < fromDate) throw new ValidationError([{ field: 'toDate', text: `To date must be on or after the from date (${fromDate})` }]);
      return db.transaction(async (tx) => {
        const organisation = await byId(tx, input.organisationId);
        const [person] = await tx.select().from(people).where(eq(people.id, input.personId));
        if (!person) throw new ValidationError([{ field: 'personId', text: 'Choose a person from the list' }]);
        const [row] = await tx
          .insert(memberships)
          .values({ personId: person.id, organisationId: organisation.id, role, fromDate: fromDate ?? null, toDate: toDate ?? null })
          .returning();
        if (!row) throw new Error('insert returned no row');
        await recordAudit(tx, actor, {
          action: 'create',
          entityType: 'membership',
          entityId: row.id,
          summary: `${person.name}: ${role} at ${organisation.name}${fromDate ? ` from ${fromDate}` : ''}${toDate ? ` to ${toDate}` : ''}`,
          organisationId: organisation.id,
        });
        return row;
      });
    },

    /** Adds a new person and their membership of an organisation, in one transaction. */
    async addMember(actor: Actor, organisationId: number, input: { name: string; email?: string | null; role: string; fromDate?: string | null; toDate?: string | null }) {
      const person = personSchema.safeParse({ name: input.name, email: input.email || null });
      const membership = membershipSchema.safeParse({ role: input.role, fromDate: input.fromDate || null, toDate: input.toDate || null });
      const errors = [...(person.success ? [] : validationErrorOf(person.error).errors), ...(membership.success ? [] : validationErrorOf(membership.error).errors)];
      if (errors.length || !person.success || !membership.success) throw new ValidationError(errors);
      const { role, fromDate, toDate } = membership.data;
      if (fromDate && toDate && toDate < fromDate) throw new ValidationError([{ field: 'toDate', text: `To date must be on or after the from date (${fromDate})` }]);
      return db.transaction(async (tx) => {
        const organisation = await byId(tx, organisationId);
        const [personRow] = await tx.insert(people).values({ name: person.data.name, email: person.data.email ?? null }).returning();
        if (!personRow) throw new Error('insert returned no row');
        await recordAudit(tx, actor, { action: 'create', entityType: 'person', entityId: personRow.id, summary: `Added ${personRow.name}`, organisationId });
        const [row] = await tx.insert(memberships).values({ personId: personRow.id, organisationId, role, fromDate: fromDate ?? null, toDate: toDate ?? null }).returning();
        if (!row) throw new Error('insert returned no row');
        await recordAudit(tx, actor, {
          action: 'create',
          entityType: 'membership',
          entityId: row.id,
          summary: `${personRow.name}: ${role} at ${organisation.name}${fromDate ? ` from ${fromDate}` : ''}${toDate ? ` to ${toDate}` : ''}`,
          organisationId,
        });
        return { person: personRow, membership: row };
      });
    },

    async getMembership(id: number): Promise<Membership> {
      const [row] = await db.select().from(memberships).where(eq(memberships.id, id));
      if (!row) throw new NotFoundError(`No membership has the id ${id}`);
      return row;
    },

    /** Ends a membership on a date (kept, never deleted). */
    async endMembership(actor: Actor, membershipId: number, toDate: string): Promise<Membership> {
      if (!realDate(toDate)) throw new ValidationError([{ field: 'toDate', text: 'To date must be a real date in the format YYYY-MM-DD, like 2025-03-31' }]);
      return db.transaction(async (tx) => {
        const [before] = await tx.select().from(memberships).where(eq(memberships.id, membershipId));
        if (!before) throw new NotFoundError(`No membership has the id ${membershipId}`);
        if (before.toDate) throw new ValidationError([{ field: 'toDate', text: `This membership already ended on ${before.toDate}` }]);
        if (before.fromDate && toDate < before.fromDate) throw new ValidationError([{ field: 'toDate', text: `To date must be on or after the from date (${before.fromDate})` }]);
        const [row] = await tx.update(memberships).set({ toDate }).where(eq(memberships.id, membershipId)).returning();
        if (!row) throw new Error('update returned no row');
        await recordAudit(tx, actor, {
          action: 'end',
          entityType: 'membership',
          entityId: membershipId,
          summary: `Ended membership ${membershipId} (${before.role}) on ${toDate}`,
          changes: { toDate: { from: null, to: toDate } },
          organisationId: before.organisationId,
        });
        return row;
      });
    },

    /** An organisation's memberships with the people's names, current ones first. */
    async membershipsOf(organisationId: number) {
      const rows = await db
        .select({ membership: memberships, person: people })
        .from(memberships)
        .innerJoin(people, eq(people.id, memberships.personId))
        .where(eq(memberships.organisationId, organisationId))
        .orderBy(asc(people.name), asc(memberships.id));
      return rows.sort((a, b) => Number(a.membership.toDate !== null) - Number(b.membership.toDate !== null));
    },

    /** The users who act for an organisation. */
    async usersOf(organisationId: number) {
      return db
        .select({ id: users.id, email: users.email, displayName: users.displayName, role: users.role, disabledAt: users.disabledAt, lastSignedInAt: users.lastSignedInAt })
        .from(userOrganisations)
        .innerJoin(users, eq(users.id, userOrganisations.userId))
        .where(eq(userOrganisations.organisationId, organisationId))
        .orderBy(asc(users.email));
    },

    /** The organisation a user acts for (open or closed), or null. */
    async organisationOfUser(userId: number): Promise<Organisation | null> {
      const [row] = await db
        .select({ organisation: organisations })
        .from(userOrganisations)
        .innerJoin(organisations, eq(organisations.id, userOrganisations.organisationId))
        .where(eq(userOrganisations.userId, userId));
      return row?.organisation ?? null;
    },

    /** Every user's organisation (for the users page). */
    async organisationsOfUsers(): Promise<Map<number, Organisation>> {
      const rows = await db.select({ userId: userOrganisations.userId, organisation: organisations }).from(userOrganisations).innerJoin(organisations, eq(organisations.id, userOrganisations.organisationId));
      return new Map(rows.map((r) => [r.userId, r.organisation]));
    },

    /** Makes an existing user act for an organisation (partners: a partner organisation; staff: the office). */
    async linkUser(actor: Actor, userId: number, organisationId: number): Promise<boolean> {
      return db.transaction(async (tx) => {
        const [user] = await tx.select({ id: users.id, email: users.email, role: users.role }).from(users).where(eq(users.id, userId));
        if (!user) throw new NotFoundError(`No user has the id ${userId}`);
        return linkInTx(tx, actor, user, await byId(tx, organisationId));
      });
    },

    /** Links every staff user who acts for no organisation to the office's organisation. Returns how many. */
    async linkStaffToOffice(actor: Actor): Promise<number> {
      return db.transaction(async (tx) => linkStaffToOfficeIn(tx, actor));
    },

    /**
     * Adds a user and, in the same transaction, the organisation they act for (an org-id). Partners
     * must have one; staff may act for the office's organisation.
     */
    async addUser(input: { email: string; role: string; displayName?: string; password?: string; organisation?: string | null }, actor: Actor) {
      const orgIdText = input.organisation?.trim() ?? '';
      if (input.role === 'partner' && !orgIdText) throw new ValidationError([{ field: 'organisation', text: 'A partner user needs the organisation they act for: choose one' }]);
      let organisation: Organisation | null = null;
      if (orgIdText) {
        organisation = await byOrgIdOrNull(db, orgIdText);
        if (!organisation) throw new ValidationError([{ field: 'organisation', text: `No organisation has the identifier ${orgIdText}` }]);
        // Checked before the user is made, so a misfit names the field without a half-made account.
        if ((staffRoles as readonly string[]).includes(input.role) || input.role === 'partner') {
          const misfit = checkFits(input.role as Role, organisation);
          if (misfit) throw new ValidationError([misfit]);
        }
      }
      const chosen = organisation;
      const created = await deps.auth.addUser(
        { email: input.email, role: input.role, ...(input.displayName ? { displayName: input.displayName } : {}), ...(input.password ? { password: input.password } : {}) },
        actor,
        {
          // Every user is a person too, so they can sit on boards and own actions (and see what that allows).
          // A person already recorded with the user's email (and no account yet) becomes theirs.
          link: async (tx, user) => {
            const name = input.displayName?.trim() || user.email;
            const known = await tx.select().from(people).where(and(sql`lower(${people.email}) = ${user.email}`, isNull(people.userId)));
            let person: Person | undefined;
            if (known.length === 1 && known[0]) {
              [person] = await tx.update(people).set({ userId: user.id }).where(eq(people.id, known[0].id)).returning();
              if (!person) throw new Error('update returned no row');
              await recordAudit(tx, actor, { action: 'update', entityType: 'person', entityId: person.id, summary: `${person.name} is user ${user.email}` });
            } else {
              [person] = await tx.insert(people).values({ name, email: user.email, userId: user.id }).returning();
              if (!person) throw new Error('insert returned no row');
              await recordAudit(tx, actor, { action: 'create', entityType: 'person', entityId: person.id, summary: `Added ${name}, the person of user ${user.email}` });
            }
            if (!chosen) return;
            await linkInTx(tx, actor, user, await byId(tx, chosen.id));
            const [member] = await tx.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.personId, person.id), eq(memberships.organisationId, chosen.id), isNull(memberships.toDate)));
            if (!member) await tx.insert(memberships).values({ personId: person.id, organisationId: chosen.id, role: user.role === 'partner' ? 'Partner user' : 'Staff' });
          },
        },
      );
      return { ...created, organisation: chosen };
    },
  };
  return service;
}

/** Inside a transaction: every staff user with no organisation acts for the office's (if registered). */
export async function linkStaffToOfficeIn(tx: Tx, actor: Actor): Promise<number> {
  const [office] = await tx
    .select()
    .from(organisations)
    .where(and(eq(organisations.type, 'pcc_office'), isNull(organisations.closedAt)))
    .orderBy(asc(organisations.id))
    .limit(1);
  if (!office) return 0;
  const unlinked = await tx
    .select({ id: users.id, email: users.email, role: users.role })
    .from(users)
    .leftJoin(userOrganisations, eq(userOrganisations.userId, users.id))
    .where(isNull(userOrganisations.userId));
  let linked = 0;
  for (const user of unlinked) {
    if (!staffRoles.includes(user.role)) continue;
    await tx.insert(userOrganisations).values({ userId: user.id, organisationId: office.id });
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'user_organisation',
      entityId: user.id,
      summary: `${user.email} acts for ${office.name} (${office.orgId})`,
      changes: { organisationId: { from: null, to: office.id } },
      organisationId: office.id,
    });
    linked++;
  }
  return linked;
}

export type OrganisationsService = ReturnType<typeof createOrganisationsService>;

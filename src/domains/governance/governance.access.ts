// Who may see what of a board's business. Public visitors see public boards' public meetings, items,
// papers and published minutes. Signed-in staff see everything. A partner user sees restricted
// material only for boards they currently sit on (a board_members row for their person, open on the
// given day). Every route and download of restricted material goes through canSeeRestricted.
import { and, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { SessionUser } from '../../platform/http/types.ts';
import { people } from '../datahub/datahub.tables.ts';
import { boardMembers } from './governance.tables.ts';

export function isStaff(user: SessionUser | undefined): boolean {
  return !!user && user.role !== 'partner';
}

/** The person record of a signed-in user, if they have one. */
export async function personOfUser(db: DbOrTx, userId: number): Promise<number | null> {
  const [row] = await db.select({ id: people.id }).from(people).where(eq(people.userId, userId));
  return row?.id ?? null;
}

/** Boards the user currently sits on (on the day given, ISO date). */
export async function boardsSatOn(db: DbOrTx, userId: number, onDay: string): Promise<Set<number>> {
  const rows = await db
    .select({ boardId: boardMembers.boardId })
    .from(boardMembers)
    .innerJoin(people, eq(people.id, boardMembers.personId))
    .where(
      and(
        eq(people.userId, userId),
        or(isNull(boardMembers.fromDate), lte(boardMembers.fromDate, onDay)),
        or(isNull(boardMembers.toDate), gte(boardMembers.toDate, onDay)),
      ),
    );
  return new Set(rows.map((r) => r.boardId));
}

/** May this visitor see a board's restricted papers, items and unpublished minutes? */
export async function canSeeRestricted(db: DbOrTx, user: SessionUser | undefined, boardId: number, today: string): Promise<boolean> {
  if (!user) return false;
  if (isStaff(user)) return true;
  return (await boardsSatOn(db, user.id, today)).has(boardId);
}

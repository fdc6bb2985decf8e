// The demo register: the boards the Bedfordshire plan names, no invented people, loaded once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { systemActor } from '../../platform/audit/audit.service.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { seedDemoPlan } from '../plan/demo/seed-demo.ts';
import { missions } from '../plan/plan.tables.ts';
import { demoBoards } from './boards.seed.ts';
import { boardMembers, boardMissions, boards } from './governance.tables.ts';

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database?.close();
});

// 6 mission boards, the LCJB, 3 CSPs, the VERU, the road safety partnership, 6 advisory panels and
// groups, 3 scrutiny arrangements and the Police and Crime Panel.
const expected = 22;

test('the demo list: unique short names, one mission board per mission, facts only where sure', () => {
  const list = demoBoards(new Map());
  assert.equal(list.length, expected);
  assert.equal(new Set(list.map((b) => b.slug)).size, expected);
  const missionBoards = list.filter((b) => b.type === 'mission_board');
  assert.equal(missionBoards.length, 6);
  assert.ok(missionBoards.every((b) => b.chair === 'Police and Crime Commissioner or Deputy' && b.missions.length === 1));
  assert.ok(missionBoards.every((b) => b.termsOfReference.includes('recommend changes to the missions, objectives and delivery plans')));
  assert.equal(list.filter((b) => b.type === 'community_safety_partnership').length, 3);
  assert.equal(list.find((b) => b.slug === 'police-and-crime-panel')?.statutoryBasis, 'Police Reform and Social Responsibility Act 2011, section 28');
  assert.equal(list.find((b) => b.slug === 'local-criminal-justice-board')?.chair, 'Police and Crime Commissioner');
  // What the plan does not name is not seeded.
  assert.ok(!list.some((b) => ['drugs_partnership', 'safeguarding_board', 'health_and_wellbeing_board'].includes(b.type)));
});

test('seeding the demo plan registers the boards serving its missions, with no members, and again changes nothing', async () => {
  const first = await seedDemoPlan(database.db, systemActor);
  assert.equal(first.boards, expected);
  const rows = await database.db.select().from(boards);
  assert.equal(rows.length, expected);
  assert.ok(rows.every((b) => b.status === 'active' && b.isPublic && b.meetingsPerYear === 0 && b.usualLengthMinutes === 0));
  assert.equal((await database.db.select().from(boardMembers)).length, 0, 'no invented members');
  // Every board serves at least one of the plan's missions or foundations; each mission board its own.
  const links = await database.db.select({ boardSlug: boards.slug, missionSlug: missions.slug }).from(boardMissions).innerJoin(boards, eq(boards.id, boardMissions.boardId)).innerJoin(missions, eq(missions.id, boardMissions.missionId));
  assert.equal(new Set(links.map((l) => l.boardSlug)).size, expected);
  assert.deepEqual(links.filter((l) => l.boardSlug === 'mission-board-excellence').map((l) => l.missionSlug), ['excellence']);
  const [prevention] = rows.filter((b) => b.slug === 'mission-board-prevention');
  assert.match(prevention?.termsOfReference ?? '', /^The mission board for the mission "Prevention": Work with partners to stop crime/);

  const second = await seedDemoPlan(database.db, systemActor);
  assert.equal(second.created, false);
  assert.equal(second.boards, 0);
  assert.equal((await database.db.select().from(boards)).length, expected);
  assert.equal((await database.db.select().from(boardMissions)).length, links.length);
});

test('an older demo database (the plan loaded before the register) gets the boards; an edited board is left alone', async () => {
  await database.db.update(boards).set({ chair: 'Edited by staff' }).where(eq(boards.slug, 'police-and-crime-panel'));
  const keep = (await database.db.select({ id: boards.id }).from(boards).where(eq(boards.slug, 'police-and-crime-panel')))[0]?.id ?? 0;
  // As if the register came after the plan: every board but the edited one gone.
  const others = (await database.db.select({ id: boards.id }).from(boards)).filter((b) => b.id !== keep);
  for (const b of others) await database.db.delete(boardMissions).where(eq(boardMissions.boardId, b.id));
  for (const b of others) await database.db.delete(boards).where(eq(boards.id, b.id));
  const again = await seedDemoPlan(database.db, systemActor);
  assert.equal(again.created, false);
  assert.equal(again.boards, expected - 1);
  assert.equal((await database.db.select().from(boards)).length, expected);
  const [panel] = await database.db.select().from(boards).where(eq(boards.slug, 'police-and-crime-panel'));
  assert.equal(panel?.chair, 'Edited by staff');
});

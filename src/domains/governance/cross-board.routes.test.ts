// The cross-board page through the real app: items of every board in the period, grouped by mission
// and topic, overlaps flagged in words; the period and window from the query; bad values refused.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { missions, objectives, plans } from '../plan/plan.tables.ts';
import { agendaItemLinks, agendaItems, boards, meetings } from './governance.tables.ts';

let app: TestApp;

before(async () => {
  app = await startTestApp({ today: '2025-03-01' });
  const db = app.services.database.db;
  const [plan] = await db.select().from(plans).where(eq(plans.isCurrent, true));
  assert.ok(plan);
  const [objective] = await db.select({ id: objectives.id, missionId: objectives.missionId }).from(objectives).innerJoin(missions, eq(missions.id, objectives.missionId)).where(and(eq(missions.planId, plan.id), eq(objectives.ref, 'ROLE-10')));
  assert.ok(objective);
  const [sv, luton, old] = await db
    .insert(boards)
    .values([
      { slug: 'serious-violence', name: 'Serious Violence mission board', type: 'mission_board' },
      { slug: 'luton-csp', name: 'Luton CSP', type: 'community_safety_partnership' },
      { slug: 'bedford-csp', name: 'Bedford CSP', type: 'community_safety_partnership' },
    ])
    .returning();
  assert.ok(sv && luton && old);
  const meeting = async (boardId: number, startsAt: string, status: 'scheduled' | 'cancelled' = 'scheduled') => {
    const [m] = await db.insert(meetings).values({ boardId, startsAt: new Date(startsAt), status }).returning();
    assert.ok(m);
    return m.id;
  };
  const itemOn = async (meetingId: number, title: string, topic: string) => {
    const [i] = await db.insert(agendaItems).values({ meetingId, title, topic }).returning();
    assert.ok(i);
    return i.id;
  };
  const a = await itemOn(await meeting(sv.id, '2025-03-03T10:00:00Z'), 'Knife crime problem profile', 'Knife crime');
  const b = await itemOn(await meeting(luton.id, '2025-03-10T18:00:00Z'), 'Town centre knife crime', ' knife CRIME');
  await itemOn(await meeting(old.id, '2025-03-12T10:00:00Z', 'cancelled'), 'Cancelled knife crime item', 'knife crime');
  await itemOn(await meeting(old.id, '2024-10-01T10:00:00Z'), 'Too long ago', 'knife crime');
  await db.insert(agendaItemLinks).values([{ agendaItemId: a, objectiveId: objective.id }, { agendaItemId: b, objectiveId: objective.id }]);
});
after(async () => {
  await app?.close();
});

test('the cross-board view groups the period’s items and flags what comes to two boards within 8 weeks', async () => {
  const viewer = await app.signedIn('viewer');
  const page = await viewer.get('/staff/boards/cross-board');
  assert.equal(page.status, 200);
  assert.match(page.text, /from 1 December 2024 to 1 September 2025: 2 items/);
  assert.match(page.text, /<li>Knife crime comes to Serious Violence mission board \(3 Mar\) and Luton CSP \(10 Mar\)<\/li>/);
  assert.match(page.text, /<li>Objective ROLE-10 comes to Serious Violence mission board \(3 Mar\) and Luton CSP \(10 Mar\)<\/li>/);
  assert.match(page.text, /Topic: knife crime <span class="govuk-body-s">\(2 items, 2 boards\)/);
  assert.doesNotMatch(page.text, /Cancelled knife crime item|Too long ago/);

  // Twelve months back takes in October's item: alone on Bedford, five months earlier, so no new flag.
  const wider = await viewer.get('/staff/boards/cross-board?back=12&weeks=1');
  assert.match(wider.text, /3 items/);
  assert.match(wider.text, /Knife crime comes to Serious Violence mission board \(3 Mar\) and Luton CSP \(10 Mar\)/);
  const narrow = await viewer.get('/staff/boards/cross-board?weeks=0');
  assert.equal(narrow.status, 400);
  assert.match(narrow.text, /<a href="#weeks">Weeks apart must be a whole number from 1 to 52<\/a>/);
  assert.equal((await app.client().get('/staff/boards/cross-board')).status, 303, 'signed-out visitors are sent to sign in');
});

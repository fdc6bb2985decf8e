// The board register's service on a real database: create, edit, merge, close, members; bad input
// refused with a clear error and nothing changed; every change audited.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { listAuditEvents, type Actor } from '../../platform/audit/audit.service.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { people } from '../datahub/datahub.tables.ts';
import { boardMembers, boards } from './governance.tables.ts';

let app: TestApp;
const actor: Actor = { userId: null, label: 'Test editor' };
before(async () => {
  app = await startTestApp({ today: '2025-06-30' });
});
after(async () => {
  await app?.close();
});

const svc = () => app.services.governance.boards;
const db = () => app.services.database.db;
const count = async () => ({ boards: (await db().select().from(boards)).length, members: (await db().select().from(boardMembers)).length, people: (await db().select().from(people)).length, audit: (await listAuditEvents(db(), { limit: 100_000 })).length });

/** Expects a ValidationError naming `field` with a message matching `text`, and no change at all. */
async function refused(work: () => Promise<unknown>, field: string, text: RegExp) {
  const before = await count();
  await assert.rejects(work, (error: unknown) => {
    assert.ok(error instanceof ValidationError, String(error));
    const found = error.errors.find((e) => e.field === field);
    assert.ok(found, `an error for ${field} in ${JSON.stringify(error.errors)}`);
    assert.match(found.text, text);
    return true;
  });
  assert.deepEqual(await count(), before, 'nothing changed');
}

test('create: a short name from the name, missions served, audited; the list and lookups find it', async () => {
  const missionList = await svc().currentPlanMissions();
  assert.ok(missionList.length >= 6);
  const [m1, m2] = missionList;
  assert.ok(m1 && m2);
  const board = await svc().create(actor, { name: 'Knife Crime Group', type: 'committee', termsOfReference: 'Knife crime.', chair: 'Deputy PCC', meetingsPerYear: 6, usualLengthMinutes: 90, missionIds: [m1.id, m2.id] });
  assert.equal(board.slug, 'knife-crime-group');
  assert.equal(board.status, 'active');
  assert.deepEqual(await svc().missionIdsOf(board.id), [m1.id, m2.id].sort((a, b) => a - b));
  assert.equal((await svc().getBySlug('knife-crime-group')).id, board.id);
  assert.equal((await svc().getById(board.id)).name, 'Knife Crime Group');
  assert.ok((await svc().list()).some((b) => b.id === board.id));
  const [event] = await listAuditEvents(db(), { entityType: 'board', entityId: String(board.id) });
  assert.match(event?.summary ?? '', /^Registered Knife Crime Group \(Committee\); missions: /);
  // The same name again gets its own short name; a reserved one is never used.
  assert.equal((await svc().create(actor, { name: 'Knife crime group', type: 'committee' })).slug, 'knife-crime-group-2');
  assert.equal((await svc().create(actor, { name: 'Review', type: 'other' })).slug, 'review-2');
});

test('edit: details and missions change, with the changes in the audit log; no change records nothing', async () => {
  const board = await svc().create(actor, { name: 'Edit me', type: 'committee', chair: 'A' });
  const [m1] = await svc().currentPlanMissions();
  assert.ok(m1);
  const saved = await svc().update(actor, board.id, { name: 'Edited', type: 'advisory_panel', chair: 'B', missionIds: [m1.id], meetingsPerYear: 4, usualLengthMinutes: 60 });
  assert.equal(saved.name, 'Edited');
  assert.equal(saved.slug, 'edit-me', 'the short name stays');
  assert.deepEqual(await svc().missionIdsOf(board.id), [m1.id]);
  const events = await listAuditEvents(db(), { entityType: 'board', entityId: String(board.id) });
  const update = events.find((e) => e.action === 'update');
  assert.deepEqual(update?.changes?.chair, { from: 'A', to: 'B' });
  assert.deepEqual(update?.changes?.missionIds, { from: [], to: [m1.id] });
  const before = await count();
  await svc().update(actor, board.id, { name: 'Edited', type: 'advisory_panel', chair: 'B', missionIds: [m1.id], meetingsPerYear: 4, usualLengthMinutes: 60 });
  assert.deepEqual(await count(), before);
});

test('bad board input is refused with a clear error and no change', async () => {
  const parent = await svc().create(actor, { name: 'Top', type: 'committee' });
  const child = await svc().create(actor, { name: 'Middle', type: 'committee', parentBoardId: parent.id });
  const grandchild = await svc().create(actor, { name: 'Bottom', type: 'committee', parentBoardId: child.id });
  await refused(() => svc().create(actor, { name: '  ', type: 'committee' }), 'name', /Enter the name of the board/);
  await refused(() => svc().create(actor, { name: 'X', type: 'council' }), 'type', /Select the type/);
  await refused(() => svc().create(actor, { name: 'X', type: 'committee', parentBoardId: 999_999 }), 'parentBoardId', /no board with that id/);
  await refused(() => svc().update(actor, parent.id, { name: 'Top', type: 'committee', parentBoardId: parent.id }), 'parentBoardId', /cannot be its own parent/);
  await refused(() => svc().update(actor, parent.id, { name: 'Top', type: 'committee', parentBoardId: grandchild.id }), 'parentBoardId', /Bottom sits below this board.*loop/);
  await refused(() => svc().create(actor, { name: 'X', type: 'committee', missionIds: [999_999] }), 'missionIds', /does not exist/);
  await refused(() => svc().create(actor, { name: 'X', type: 'committee', meetingsPerYear: -1 }), 'meetingsPerYear', /0 or more/);
  await refused(() => svc().create(actor, { name: 'X', type: 'committee', slug: 'Bad Slug' }), 'slug', /lower-case letters/);
  await refused(() => svc().create(actor, { name: 'X', type: 'committee', slug: 'top' }), 'slug', /already has the short name top/);
  await refused(() => svc().create(actor, { name: 'X', type: 'committee', chairPersonId: 999_999 }), 'chairPersonId', /no person with that id/);
});

test('merge and close keep the board, its members and history; bad merges are refused', async () => {
  const a = await svc().create(actor, { name: 'Merge A', type: 'committee' });
  const b = await svc().create(actor, { name: 'Merge B', type: 'committee' });
  const c = await svc().create(actor, { name: 'Close C', type: 'committee' });
  await svc().addMember(actor, a.id, { personName: 'Member of A', sector: 'police', role: 'member' });
  await refused(() => svc().merge(actor, a.id, { intoBoardId: a.id, date: '2025-06-01' }), 'intoBoardId', /cannot be merged into itself/);
  await refused(() => svc().merge(actor, a.id, { intoBoardId: 999_999, date: '2025-06-01' }), 'intoBoardId', /no board with that id/);
  await refused(() => svc().merge(actor, a.id, { intoBoardId: b.id, date: '2025-02-30' }), 'mergeDate', /real date/);
  await refused(() => svc().merge(actor, a.id, { intoBoardId: b.id, date: null }), 'mergeDate', /Enter the date/);

  const merged = await svc().merge(actor, a.id, { intoBoardId: b.id, date: '2025-06-01' });
  assert.equal(merged.status, 'merged');
  assert.equal(merged.mergedIntoBoardId, b.id);
  assert.equal(merged.statusChangedOn, '2025-06-01');
  assert.equal((await svc().members(a.id)).length, 1, 'members kept');
  await refused(() => svc().merge(actor, a.id, { intoBoardId: c.id, date: '2025-06-02' }), 'intoBoardId', /already merged/);
  await refused(() => svc().merge(actor, c.id, { intoBoardId: a.id, date: '2025-06-02' }), 'intoBoardId', /Merge A is merged: merge into an active board/);

  await refused(() => svc().close(actor, c.id, { date: '' }), 'closeDate', /Enter the date/);
  const closed = await svc().close(actor, c.id, { date: '2025-06-15' });
  assert.equal(closed.status, 'closed');
  assert.equal(closed.statusChangedOn, '2025-06-15');
  await refused(() => svc().close(actor, c.id, { date: '2025-06-16' }), 'closeDate', /already closed/);
  assert.deepEqual(
    (await listAuditEvents(db(), { entityType: 'board', entityId: String(a.id) })).map((e) => e.action),
    ['merge', 'create'],
  );
  const reopened = await svc().reopen(actor, c.id);
  assert.equal(reopened.status, 'active');
  assert.equal(reopened.statusChangedOn, null);
  assert.equal((await svc().list({ status: 'merged' })).some((x) => x.id === a.id), true);
});

test('members: an existing person or a new one by name, current on a date, ended, with bad input refused', async () => {
  const board = await svc().create(actor, { name: 'Members board', type: 'committee' });
  const office = await app.services.organisations.office();
  assert.ok(office);
  const person = await app.services.organisations.addPerson(actor, { name: 'Existing Person' });
  const seat = await svc().addMember(actor, board.id, { personId: person.id, organisationId: office.id, sector: 'pcc_office', role: 'chair', fromDate: '2025-01-01' });
  const beforePeople = (await db().select().from(people)).length;
  const newcomer = await svc().addMember(actor, board.id, { personName: 'New Person', sector: 'community', role: 'member', hasLivedExperience: true, isExpert: true, fromDate: '2025-07-01' });
  assert.equal((await db().select().from(people)).length, beforePeople + 1, 'the new person is created');
  await svc().addMember(actor, board.id, { personName: 'Former Member', sector: 'police', role: 'member', fromDate: '2024-01-01', toDate: '2024-12-31' });

  assert.deepEqual((await svc().members(board.id, { onDay: '2025-06-30' })).map((r) => r.person.name), ['Existing Person']);
  assert.deepEqual((await svc().currentMembers(board.id)).map((r) => r.person.name), ['Existing Person'], 'today is 2025-06-30');
  assert.deepEqual((await svc().members(board.id, { onDay: '2025-07-01' })).map((r) => r.person.name).sort(), ['Existing Person', 'New Person']);
  assert.equal((await svc().members(board.id)).length, 3);
  const [row] = (await svc().members(board.id)).filter((r) => r.member.id === newcomer.id);
  assert.equal(row?.member.hasLivedExperience, true);
  assert.equal(row?.member.isExpert, true);

  await refused(() => svc().addMember(actor, board.id, { sector: 'police', role: 'member' }), 'personId', /Choose a person from the list or enter the name/);
  await refused(() => svc().addMember(actor, board.id, { personId: person.id, personName: 'Both', sector: 'police', role: 'member' }), 'personName', /not both/);
  await refused(() => svc().addMember(actor, board.id, { personId: 999_999, sector: 'police', role: 'member' }), 'personId', /no person with that id/);
  await refused(() => svc().addMember(actor, board.id, { personName: 'Someone', organisationId: 999_999, sector: 'police', role: 'member' }), 'organisationId', /no organisation with that id/);
  await refused(() => svc().addMember(actor, board.id, { personName: 'Someone', sector: 'aliens', role: 'member' }), 'sector', /Select the sector/);
  await refused(() => svc().addMember(actor, board.id, { personName: 'Someone', sector: 'police', role: 'king' }), 'role', /Select the role/);
  await refused(() => svc().addMember(actor, board.id, { personName: 'Someone', sector: 'police', role: 'member', fromDate: '2025-05-01', toDate: '2025-04-30' }), 'toDate', /on or after the from date \(2025-05-01\)/);

  await refused(() => svc().endMember(actor, seat.id, '2024-12-31'), 'toDate', /on or after the from date \(2025-01-01\)/);
  await refused(() => svc().endMember(actor, seat.id, null), 'toDate', /Enter the date/);
  const ended = await svc().endMember(actor, seat.id, '2025-06-29');
  assert.equal(ended.toDate, '2025-06-29');
  assert.equal((await svc().currentMembers(board.id)).length, 0);
  await refused(() => svc().endMember(actor, seat.id, '2025-06-30'), 'toDate', /already ended on 2025-06-29/);
  const memberEvents = await listAuditEvents(db(), { entityType: 'board_member', entityId: String(seat.id) });
  assert.deepEqual(memberEvents.map((e) => e.action), ['end', 'create']);
  assert.match(memberEvents[0]?.summary ?? '', /Existing Person left Members board on 2025-06-29/);
});

test('the snapshot carries boards, missions, members and dated activity for the review', async () => {
  const snapshot = await svc().snapshot();
  assert.equal(snapshot.today, '2025-06-30');
  const [row] = await db().select().from(boards).where(eq(boards.slug, 'members-board'));
  assert.ok(row);
  assert.equal(snapshot.members.filter((m) => m.boardId === row.id).length, 3);
  assert.ok(snapshot.boards.some((b) => b.slug === 'mission-board-prevention' && b.missionIds.length === 1));
  assert.ok(snapshot.missions.some((m) => m.kind === 'mission'));
});

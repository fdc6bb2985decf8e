// The meetings service on its own: agenda order and removal, which papers each audience gets,
// attendance defaults, minutes publication, all with their audit events.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { actions, agendaItems, papers } from './governance.tables.ts';
import { insertBoard, insertPerson, minimalPdf, seat } from './meetings.fixtures.ts';
import type { MeetingsService } from './meetings.service.ts';

let app: TestApp;
let svc: MeetingsService;
const actor = { userId: null, label: 'test' };
let boardId = 0;

before(async () => {
  app = await startTestApp({ today: '2026-03-01' });
  svc = app.services.governance.meetings;
  boardId = (await insertBoard(app, { slug: 'svc-board', name: 'Service Board' })).id;
});
after(async () => {
  await app?.close();
});

const meeting = (title: string, date = '2026-04-01') => svc.create(actor, boardId, { title, date, time: '10:00', lengthMinutes: 60, location: '', isPublic: true, status: 'scheduled' });
const item = (meetingId: number, title: string, isPublic = true) => svc.addItem(actor, meetingId, { title, topic: '', description: '', presenter: '', isPublic, missionIds: [], objectiveIds: [], measureIds: [] });
const paper = (meetingId: number, title: string, agendaItemId: number | null, visibility: 'public' | 'restricted') =>
  svc.addPaper(actor, meetingId, { title, agendaItemId, visibility, restrictionReason: visibility === 'restricted' ? 'Sensitive' : '', file: { name: `${title}.pdf`, content: minimalPdf } });

test('items keep their order when moved past either end; removal renumbers and keeps the item’s papers with the meeting', async () => {
  const m = await meeting('Order');
  const a = await item(m.id, 'A');
  const b = await item(m.id, 'B');
  const c = await item(m.id, 'C');
  await svc.moveItem(actor, a.id, 'up');
  await svc.moveItem(actor, c.id, 'down');
  assert.deepEqual((await svc.agenda(m.id, { restricted: true })).map((i) => i.title), ['A', 'B', 'C']);
  const p = await paper(m.id, 'b-paper', b.id, 'public');
  await svc.removeItem(actor, b.id);
  const agenda = await svc.agenda(m.id, { restricted: true });
  assert.deepEqual(agenda.map((i) => [i.number, i.title]), [[1, 'A'], [2, 'C']]);
  const [kept] = await app.services.database.db.select().from(papers).where(eq(papers.id, p.id));
  assert.equal(kept?.agendaItemId, null);
  const rows = await app.services.database.db.select().from(agendaItems).where(eq(agendaItems.meetingId, m.id));
  assert.deepEqual(rows.map((r) => r.position).sort(), [1, 2]);
});

test('an item an action refers to cannot be removed', async () => {
  const m = await meeting('Referenced');
  const a = await item(m.id, 'Has an action');
  const owner = await insertPerson(app, 'Action Owner');
  await app.services.database.db.insert(actions).values({ boardId, meetingId: m.id, agendaItemId: a.id, title: 'Do it', ownerPersonId: owner.id, dueDate: '2026-05-01' });
  await assert.rejects(svc.removeItem(actor, a.id), (e: unknown) => e instanceof ValidationError && /1 action\(s\) refer to it/.test(e.message));
  assert.equal((await svc.agenda(m.id, { restricted: true })).length, 1);
});

test('the public get public papers of public items or of the meeting; restricted viewers all; withdrawn only in the history', async () => {
  const m = await meeting('Papers');
  const open = await item(m.id, 'Open item');
  const closed = await item(m.id, 'Closed item', false);
  await paper(m.id, 'open-public', open.id, 'public');
  await paper(m.id, 'open-restricted', open.id, 'restricted');
  await paper(m.id, 'closed-public', closed.id, 'public');
  await paper(m.id, 'whole-public', null, 'public');
  const gone = await paper(m.id, 'withdrawn-public', null, 'public');
  await svc.withdrawPaper(actor, gone.id, 'Wrong file');
  assert.deepEqual((await svc.papersOf(m.id, { restricted: false })).map((p) => p.title), ['open-public', 'whole-public']);
  assert.deepEqual((await svc.papersOf(m.id, { restricted: true })).map((p) => p.title), ['open-public', 'open-restricted', 'closed-public', 'whole-public']);
  assert.equal((await svc.papersOf(m.id, { restricted: true, includeWithdrawn: true })).length, 5);
  assert.equal((await svc.paper(gone.id))?.paper.withdrawnAt instanceof Date, true);
  const audit = await app.services.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, String(gone.id)));
  assert.deepEqual(audit.filter((e) => e.entityType === 'paper').map((e) => e.action).sort(), ['upload', 'withdraw']);
  assert.deepEqual((await svc.agenda(m.id, { restricted: false })).map((i) => i.title), ['Open item']);
});

test('attendance lists members seated on the meeting day; recorded people stay listed after they leave', async () => {
  const m = await meeting('Attendance', '2026-06-10');
  const current = await insertPerson(app, 'Current Member');
  const later = await insertPerson(app, 'Joins Later');
  const left = await insertPerson(app, 'Left Already');
  await seat(app, boardId, current.id, { fromDate: '2026-01-01' });
  await seat(app, boardId, later.id, { fromDate: '2026-07-01' });
  await seat(app, boardId, left.id, { fromDate: '2025-01-01', toDate: '2026-06-09' });
  let list = await svc.attendance(m.id);
  assert.equal(list.recorded, false);
  assert.ok(list.rows.some((r) => r.name === 'Current Member'));
  assert.ok(!list.rows.some((r) => r.name === 'Joins Later' || r.name === 'Left Already'));
  await svc.saveAttendance(actor, m.id, [
    { personId: current.id, status: 'present', note: '' },
    { personId: left.id, status: 'substitute', note: 'Sent a deputy' },
  ]);
  list = await svc.attendance(m.id);
  assert.equal(list.recorded, true);
  assert.equal(list.rows.find((r) => r.name === 'Left Already')?.status, 'substitute');
  await assert.rejects(svc.saveAttendance(actor, m.id, [{ personId: 999999, status: 'present', note: '' }]), ValidationError);
  assert.equal((await svc.attendance(m.id)).rows.filter((r) => r.status).length, 2, 'a refused save changes nothing');
});

test('minutes: cannot publish empty ones; publishing keeps its first date; unpublishing clears it', async () => {
  const m = await meeting('Minutes');
  await assert.rejects(svc.saveMinutes(actor, m.id, { minutes: '  ', publish: true }), ValidationError);
  const first = await svc.saveMinutes(actor, m.id, { minutes: 'Noted.', publish: true });
  assert.ok(first.minutesPublishedAt);
  const again = await svc.saveMinutes(actor, m.id, { minutes: 'Noted, with a correction.', publish: true });
  assert.equal(again.minutesPublishedAt?.getTime(), first.minutesPublishedAt?.getTime());
  const draft = await svc.saveMinutes(actor, m.id, { minutes: 'Noted, with a correction.', publish: false });
  assert.equal(draft.minutesPublishedAt, null);
  const audit = await app.services.database.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'meeting_minutes'));
  assert.deepEqual(audit.map((e) => e.action).sort(), ['publish', 'update', 'update']);
});

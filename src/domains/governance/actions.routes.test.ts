// Board actions through the real app: an editor raises one (owner added by name), the board's list
// and "my actions" flag overdue ones against today, updates are added (never edited) and the action's
// status follows the latest; a partner owner updates their own action, never another's (403).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { users } from '../../platform/auth/auth.tables.ts';
import { startTestApp, type TestApp, type TestClient } from '../../testing/harness.ts';
import { organisations, people } from '../datahub/datahub.tables.ts';
import { actions, actionUpdates, boards, meetings } from './governance.tables.ts';

const today = '2025-06-30';
let app: TestApp;
let editor: TestClient;
let partner: TestClient;
let boardId: number;
let meetingId: number;
let partnerPersonId: number;

before(async () => {
  app = await startTestApp({ today });
  const db = app.services.database.db;
  editor = await app.signedIn('editor');
  partner = await app.signedIn('partner', { organisation: 'GB-LAE-LUT' });
  const [partnerUser] = await db.select().from(users).where(eq(users.role, 'partner')).orderBy(desc(users.id)).limit(1);
  assert.ok(partnerUser);
  // Every user is a person too (made with the user).
  const [person] = await db.update(people).set({ name: 'Priya Partner' }).where(eq(people.userId, partnerUser.id)).returning();
  assert.ok(person);
  partnerPersonId = person.id;
  const [board] = await db.insert(boards).values({ slug: 'luton-csp', name: 'Luton Community Safety Partnership', type: 'community_safety_partnership' }).returning();
  assert.ok(board);
  boardId = board.id;
  const [meeting] = await db.insert(meetings).values({ boardId, title: 'June meeting', startsAt: new Date('2025-06-10T10:00:00Z') }).returning();
  assert.ok(meeting);
  meetingId = meeting.id;
});
after(async () => {
  await app?.close();
});

test('an editor raises an action, owner added by name; bad input is refused by field and nothing stored', async () => {
  const bad = await editor.postForm('/staff/boards/luton-csp/actions/new', { title: '', ownerPersonId: '', ownerName: '', dueDate: '2025-02-30', meetingId: String(meetingId) });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /<a href="#title">Enter what the action is<\/a>/);
  assert.match(bad.text, /<a href="#dueDate">Due date must be a real date/);
  const badOwner = await editor.postForm('/staff/boards/luton-csp/actions/new', { title: 'X', ownerPersonId: '', ownerName: '', dueDate: '2025-07-01' });
  assert.match(badOwner.text, /<a href="#ownerPersonId">Choose who owns the action, or enter the name of a new person<\/a>/);
  assert.equal((await app.services.database.db.select().from(actions)).length, 0);

  const [luton] = await app.services.database.db.select().from(organisations).where(eq(organisations.orgId, 'GB-LAE-LUT'));
  const created = await editor.postForm('/staff/boards/luton-csp/actions/new', {
    title: 'Bring the knife crime problem profile',
    description: 'To the September meeting',
    meetingId: String(meetingId),
    agendaItemId: '',
    ownerPersonId: '',
    ownerName: 'Sam Newperson',
    ownerOrganisationId: String(luton?.id ?? ''),
    dueDate: '2025-06-01',
  });
  assert.equal(created.status, 303);
  const [row] = await app.services.database.db.select().from(actions);
  assert.ok(row);
  assert.equal(created.location, `/staff/actions/${row.id}`);
  const [owner] = await app.services.database.db.select().from(people).where(eq(people.id, row.ownerPersonId));
  assert.equal(owner?.name, 'Sam Newperson');
  const audit = await app.services.database.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'action'));
  assert.equal(audit.length, 1);

  // Due 1 June, open, today 30 June: overdue on the board's list.
  const list = await editor.get('/staff/boards/luton-csp/actions');
  assert.equal(list.status, 200);
  assert.match(list.text, /Bring the knife crime problem profile<\/a><\/th>[\s\S]*?Sam Newperson[\s\S]*?Luton Borough Council[\s\S]*?1 June 2025[\s\S]*?Open <strong class="govuk-tag govuk-tag--red">Overdue<\/strong>/);
  assert.match(list.text, /<strong>1 overdue<\/strong>/);
});

test('updates are added with a date; the status follows the latest update; done is no longer overdue', async () => {
  const [row] = await app.services.database.db.select().from(actions).where(eq(actions.title, 'Bring the knife crime problem profile'));
  assert.ok(row);
  const page = `/staff/actions/${row.id}`;
  const future = await editor.postForm(`${page}/updates`, { status: 'done', note: 'Too soon', updateDate: '2025-07-01' }, page);
  assert.equal(future.status, 400);
  assert.match(future.text, /Date of the update cannot be after today \(2025-06-30\)/);
  assert.equal((await editor.postForm(`${page}/updates`, { status: 'in_progress', note: 'Drafting', updateDate: '2025-06-20' }, page)).status, 303);
  assert.equal((await editor.postForm(`${page}/updates`, { status: 'done', note: 'Presented', updateDate: '2025-06-28' }, page)).status, 303);
  // An update recorded later but dated earlier does not decide the status.
  assert.equal((await editor.postForm(`${page}/updates`, { status: 'open', note: 'Backfilled note', updateDate: '2025-06-15' }, page)).status, 303);
  const [after] = await app.services.database.db.select().from(actions).where(eq(actions.id, row.id));
  assert.equal(after?.status, 'done');
  assert.equal((await app.services.database.db.select().from(actionUpdates).where(eq(actionUpdates.actionId, row.id))).length, 3);
  const shown = await editor.get(page);
  assert.match(shown.text, /id="action-status">Done<\/dd>/);
  assert.doesNotMatch(shown.text, /Overdue/);
  const list = await editor.get('/staff/boards/luton-csp/actions');
  assert.doesNotMatch(list.text, /Overdue/);
});

test('a partner owner sees their own actions with the overdue flag and updates them; another person’s action answers 403', async () => {
  const db = app.services.database.db;
  const [mine] = await db.insert(actions).values({ boardId, title: 'Share the Luton ASB figures', ownerPersonId: partnerPersonId, dueDate: '2025-06-29' }).returning();
  const [notMine] = await db.select().from(actions).where(eq(actions.title, 'Bring the knife crime problem profile'));
  const [later] = await db.insert(actions).values({ boardId, title: 'Review the CCTV map', ownerPersonId: partnerPersonId, dueDate: '2025-06-30' }).returning();
  assert.ok(mine && notMine && later);

  const list = await partner.get('/my-actions');
  assert.equal(list.status, 200);
  // The board above the action's title (no owner column: they are all the reader's own).
  assert.match(list.text, /Luton Community Safety Partnership<\/span><a class="govuk-link" href="\/my-actions\/\d+">Share the Luton ASB figures<\/a><\/th>\s*<td class="govuk-table__cell">29 June 2025[\s\S]*?Open <strong class="govuk-tag govuk-tag--red">Overdue/);
  // Due today is not yet overdue.
  assert.match(list.text, /Review the CCTV map<\/a>[\s\S]*?30 June 2025<\/td>\s*<td class="govuk-table__cell">Open<\/td>/);
  assert.doesNotMatch(list.text, /Bring the knife crime/);
  assert.match(list.text, /<strong>1 overdue<\/strong>/);

  const page = `/my-actions/${mine.id}`;
  assert.equal((await partner.get(page)).status, 200);
  const ok = await partner.postForm(`${page}/updates`, { status: 'in_progress', note: 'Figures requested from the analyst', updateDate: '2025-06-30' }, page);
  assert.equal(ok.status, 303);
  const [updated] = await db.select().from(actions).where(eq(actions.id, mine.id));
  assert.equal(updated?.status, 'in_progress');

  // Someone else's action: not shown, not updatable, and nothing stored.
  assert.equal((await partner.get(`/my-actions/${notMine.id}`)).status, 403);
  const token = await partner.csrfFrom(page);
  const refused = await partner.request('POST', `/my-actions/${notMine.id}/updates`, {
    body: new URLSearchParams({ _csrf: token, status: 'dropped', note: 'Not mine', updateDate: '2025-06-30' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(refused.status, 403);
  assert.equal((await db.select().from(actionUpdates).where(eq(actionUpdates.note, 'Not mine'))).length, 0);
  // Staff pages stay closed to partners.
  assert.equal((await partner.get(`/staff/actions/${mine.id}`)).status, 403);
});

test('a viewer who owns no action cannot update one; openActionsForBoard gives the status as of a day', async () => {
  const viewer = await app.signedIn('viewer');
  const [row] = await app.services.database.db.select().from(actions).where(eq(actions.title, 'Share the Luton ASB figures'));
  assert.ok(row);
  const page = `/staff/actions/${row.id}`;
  const shown = await viewer.get(page);
  assert.equal(shown.status, 200);
  assert.doesNotMatch(shown.text, /Add an update/);
  const token = await viewer.csrfFrom(page);
  const refused = await viewer.request('POST', `${page}/updates`, {
    body: new URLSearchParams({ _csrf: token, status: 'done', note: 'x', updateDate: '2025-06-30' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(refused.status, 403);

  const open = await app.services.governance.actions.openActionsForBoard(boardId, '2025-06-30');
  // The knife crime action is done (28 June); the two partner actions are live, one overdue.
  assert.deepEqual(open.map((r) => [r.action.title, r.statusAsOf, r.overdue]).sort(), [
    ['Review the CCTV map', 'open', false],
    ['Share the Luton ASB figures', 'in_progress', true],
  ]);
  // As of 25 June the knife crime action was still in progress (update of 20 June) and overdue.
  const earlier = await app.services.governance.actions.openActionsForBoard(boardId, '2025-06-25');
  const knife = earlier.find((r) => r.action.title === 'Bring the knife crime problem profile');
  assert.equal(knife?.statusAsOf, 'in_progress');
  assert.equal(knife?.overdue, true);
});

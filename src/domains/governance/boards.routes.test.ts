// The board register over HTTP: who may read and change it, the forms with bad input, the board
// review page and its CSV, and the public pages (no lived-experience marks; cache emptied on change).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/audit/audit.service.ts';
import { startTestApp, type TestApp, type TestClient } from '../../testing/harness.ts';
import { boardMembers, boards } from './governance.tables.ts';

let app: TestApp;
let editor: TestClient;
let viewer: TestClient;
const actor: Actor = { userId: null, label: 'Test' };
before(async () => {
  app = await startTestApp({ today: '2025-06-30' });
  editor = await app.signedIn('editor');
  viewer = await app.signedIn('viewer');
});
after(async () => {
  await app?.close();
});

const svc = () => app.services.governance.boards;
const boardCount = async () => (await app.services.database.db.select().from(boards)).length;

/** Posts a form whose fields may repeat (checkboxes), with the CSRF token from `formPage`. */
async function post(client: TestClient, path: string, fields: [string, string][], formPage: string) {
  const token = await client.csrfFrom(formPage);
  return client.request('POST', path, {
    body: new URLSearchParams([['_csrf', token], ...fields]).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

const boardForm = (over: Record<string, string> = {}, missionIds: string[] = []): [string, string][] => [
  ...Object.entries({ name: 'Youth Justice Board', slug: '', type: 'committee', chair: 'Deputy PCC', chairPersonId: '', statutoryBasis: '', parentBoardId: '', meetingsPerYear: '6', usualLengthMinutes: '90', termsOfReference: 'Youth justice.', isPublic: 'yes', ...over }),
  ...missionIds.map((id): [string, string] => ['missionIds', id]),
];

test('signed out: staff register pages send you to sign in; posts are refused', async () => {
  const anonymous = app.client();
  for (const path of ['/staff/boards', '/staff/boards/new', '/staff/boards/review', '/staff/boards/review.csv', '/staff/boards/mission-board-prevention']) {
    const response = await anonymous.get(path);
    assert.equal(response.status, 303, path);
    assert.match(response.location ?? '', /^\/sign-in\?returnTo=/, path);
  }
  const before = await boardCount();
  const response = await anonymous.request('POST', '/staff/boards/new', { body: 'name=X&type=committee', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.notEqual(response.status, 200);
  assert.ok(response.status === 303 || response.status === 403, `status ${response.status}`);
  assert.equal(await boardCount(), before);
});

test('a viewer reads the register and a board but cannot change anything', async () => {
  const list = await viewer.get('/staff/boards');
  assert.equal(list.status, 200);
  assert.match(list.text, /<h1 class="govuk-heading-xl">Board register<\/h1>/);
  assert.match(list.text, /Mission board: Prevention/);
  assert.match(list.text, /Luton Community Safety Partnership/);
  assert.doesNotMatch(list.text, /Register a board/);
  const page = await viewer.get('/staff/boards/mission-board-prevention');
  assert.equal(page.status, 200);
  assert.match(page.text, /Police and Crime Commissioner or Deputy/);
  assert.match(page.text, /href="\/staff\/boards\/mission-board-prevention\/meetings"/);
  assert.match(page.text, /href="\/staff\/boards\/mission-board-prevention\/actions"/);
  assert.doesNotMatch(page.text, /Add a member/);
  assert.equal((await viewer.get('/staff/boards/new')).status, 403);
  const before = await boardCount();
  const token = await viewer.csrfFrom('/staff/boards/mission-board-prevention');
  const refused = await viewer.request('POST', '/staff/boards/new', { body: new URLSearchParams(boardForm({ _csrf: token })).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(refused.status, 403);
  const merge = await viewer.request('POST', '/staff/boards/mission-board-prevention/close', { body: new URLSearchParams({ _csrf: token, closeDate: '2025-06-01' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(merge.status, 403);
  assert.equal(await boardCount(), before);
  assert.equal((await svc().getBySlug('mission-board-prevention')).status, 'active');
  assert.equal((await viewer.get('/staff/boards/no-such-board')).status, 404);
  // Other parts' pages under /staff/boards/… and /boards/… are not taken for a board's short name.
  assert.equal((await viewer.get('/staff/boards/cross-board')).status, 200);
  assert.equal((await app.client().get('/boards/meetings.ics')).status, 200);
});

test('an editor registers a board with missions, changes it, and sees it on the register', async () => {
  const missions = await svc().currentPlanMissions();
  const [m1, m2] = missions;
  assert.ok(m1 && m2);
  const form = await editor.get('/staff/boards/new');
  assert.equal(form.status, 200);
  assert.match(form.text, /name="missionIds" type="checkbox" value="\d+"/);
  const created = await post(editor, '/staff/boards/new', boardForm({}, [String(m1.id), String(m2.id)]), '/staff/boards/new');
  assert.equal(created.status, 303);
  assert.equal(created.location, '/staff/boards/youth-justice-board');
  const board = await svc().getBySlug('youth-justice-board');
  assert.deepEqual(await svc().missionIdsOf(board.id), [m1.id, m2.id].sort((a, b) => a - b));
  const page = await editor.get('/staff/boards/youth-justice-board');
  assert.match(page.text, /Registered Youth Justice Board/);
  assert.match(page.text, new RegExp(m1.title));

  const parent = await svc().getBySlug('local-criminal-justice-board');
  const changed = await post(editor, '/staff/boards/youth-justice-board/edit', boardForm({ name: 'Youth Justice Board', parentBoardId: String(parent.id), isPublic: 'no' }, [String(m2.id)]), '/staff/boards/youth-justice-board/edit');
  assert.equal(changed.status, 303);
  const saved = await svc().getBySlug('youth-justice-board');
  assert.equal(saved.parentBoardId, parent.id);
  assert.equal(saved.isPublic, false);
  assert.deepEqual(await svc().missionIdsOf(board.id), [m2.id]);
  const parentPage = await editor.get('/staff/boards/local-criminal-justice-board');
  assert.match(parentPage.text, /Boards below it<\/dt><dd class="govuk-summary-list__value"><ul class="govuk-list"><li><a class="govuk-link" href="\/staff\/boards\/youth-justice-board">Youth Justice Board<\/a>/);
});

test('bad input on the forms: a clear error in the summary, the values kept, nothing changed', async () => {
  const before = await boardCount();
  const missing = await post(editor, '/staff/boards/new', boardForm({ name: '', termsOfReference: 'Kept text' }), '/staff/boards/new');
  assert.equal(missing.status, 400);
  assert.match(missing.text, /govuk-error-summary/);
  assert.match(missing.text, /<a href="#name">Enter name<\/a>/);
  assert.match(missing.text, /Kept text/);
  const unknownParent = await post(editor, '/staff/boards/new', boardForm({ name: 'Orphan', parentBoardId: '999999' }), '/staff/boards/new');
  assert.equal(unknownParent.status, 400);
  assert.match(unknownParent.text, /<a href="#parentBoardId">Select parent board from the list<\/a>/);
  assert.equal(await boardCount(), before);

  // A loop: the LCJB cannot sit below the Youth Justice Board, which sits below it.
  const lcjb = await svc().getBySlug('local-criminal-justice-board');
  const child = await svc().getBySlug('youth-justice-board');
  const loop = await post(editor, '/staff/boards/local-criminal-justice-board/edit', boardForm({ name: lcjb.name, type: lcjb.type, parentBoardId: String(child.id) }), '/staff/boards/local-criminal-justice-board/edit');
  assert.equal(loop.status, 400);
  assert.match(loop.text, /Youth Justice Board sits below this board, so it cannot be its parent \(that would make a loop\)/);
  assert.equal((await svc().getById(lcjb.id)).parentBoardId, null);

  // Merged into itself.
  const self = await post(editor, '/staff/boards/youth-justice-board/merge', [['intoBoardId', String(child.id)], ['mergeDate', '2025-06-01']], '/staff/boards/youth-justice-board');
  assert.equal(self.status, 400);
  assert.match(self.text, /<a href="#intoBoardId">A board cannot be merged into itself<\/a>/);
  assert.equal((await svc().getById(child.id)).status, 'active');

  // A seat whose to-date is before its from-date.
  const membersBefore = (await app.services.database.db.select().from(boardMembers)).length;
  const seat = await post(editor, '/staff/boards/youth-justice-board/members', [['personName', 'Pat Example'], ['sector', 'community'], ['role', 'member'], ['fromDate', '2025-05-01'], ['toDate', '2025-04-01']], '/staff/boards/youth-justice-board');
  assert.equal(seat.status, 400);
  assert.match(seat.text, /<a href="#toDate">To date must be on or after the from date \(2025-05-01\)<\/a>/);
  assert.match(seat.text, /value="Pat Example"/);
  assert.equal((await app.services.database.db.select().from(boardMembers)).length, membersBefore);
});

test('members over the form: a new person by name with marks, then ended; the page shows current and past', async () => {
  const added = await post(
    editor,
    '/staff/boards/youth-justice-board/members',
    [['personName', 'Sam Lived'], ['sector', 'community'], ['role', 'member'], ['isExpert', 'yes'], ['hasLivedExperience', 'yes'], ['fromDate', '2025-01-01']],
    '/staff/boards/youth-justice-board',
  );
  assert.equal(added.status, 303);
  const page = await editor.get('/staff/boards/youth-justice-board');
  assert.match(page.text, /Member added/);
  assert.match(page.text, /Sam Lived/);
  assert.match(page.text, /Lived experience/);
  const board = await svc().getBySlug('youth-justice-board');
  const [row] = await svc().members(board.id);
  assert.ok(row);
  const ended = await post(editor, `/staff/boards/youth-justice-board/members/${row.member.id}/end`, [['toDate', '2024-12-01']], '/staff/boards/youth-justice-board');
  assert.equal(ended.status, 400);
  assert.match(ended.text, new RegExp(`<a href="#end-${row.member.id}">To date must be on or after the from date \\(2025-01-01\\)</a>`));
  const ok = await post(editor, `/staff/boards/youth-justice-board/members/${row.member.id}/end`, [['toDate', '2025-06-01']], '/staff/boards/youth-justice-board');
  assert.equal(ok.status, 303);
  const after = await editor.get('/staff/boards/youth-justice-board');
  assert.match(after.text, /No current members are recorded/);
  assert.match(after.text, /id="past-members"[\s\S]*Sam Lived/);
});

test('the board review page and CSV: findings for overlapping boards; merged and closed boards are not candidates', async () => {
  // Two boards sharing people and words; a third, to be merged, sharing them too.
  const office = await app.services.organisations.office();
  const tor = 'Reduce knife crime among young people through prevention and diversion.';
  const a = await svc().create(actor, { name: 'Knife Crime Board', type: 'committee', termsOfReference: tor, meetingsPerYear: 6, usualLengthMinutes: 120 });
  const b = await svc().create(actor, { name: 'Youth Violence Group', type: 'committee', termsOfReference: `${tor} Youth violence.`, meetingsPerYear: 12, usualLengthMinutes: 60 });
  const c = await svc().create(actor, { name: 'Old Knife Forum', type: 'committee', termsOfReference: tor, meetingsPerYear: 4, usualLengthMinutes: 60 });
  for (const name of ['Alex One', 'Bo Two']) {
    const person = await app.services.organisations.addPerson(actor, { name });
    for (const board of [a, b, c]) await svc().addMember(actor, board.id, { personId: person.id, organisationId: office?.id ?? null, sector: 'pcc_office', role: 'member', fromDate: '2025-01-01' });
  }
  const page = await viewer.get('/staff/boards/review');
  assert.equal(page.status, 200);
  assert.equal((page.text.match(/<h1 /g) ?? []).length, 1);
  assert.match(page.text, /Knife Crime Board<\/a> and <a class="govuk-link" href="\/staff\/boards\/old-knife-forum">Old Knife Forum/);
  assert.match(page.text, /id="people-matrix"/);
  assert.match(page.text, /words of three or more letters, lower-cased, less \d+ common words/);
  assert.match(page.text, /0.5 × people overlap \+ 0.3 × remit similarity \+ 0.2 × organisation overlap/);
  // The demo boards have no decisions: each is listed; every mission has a mission board.
  assert.match(page.text, /Mission board: Prevention has no decision or recommendation recorded at all/);
  assert.match(page.text, /Every mission of the current plan has at least one active board serving it/);

  const csv = await viewer.get('/staff/boards/review.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
  assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="board-review-2025-06-30.csv"/);
  const lines = csv.text.trimEnd().split('\r\n');
  assert.equal(lines[0], 'finding,board,other_board,organisation,mission,value,explanation');
  const candidates = lines.filter((l) => l.startsWith('merge_candidate,'));
  // The three knife boards share everyone: every pair of them is a candidate, and they rank first.
  assert.ok(candidates.slice(0, 3).every((l) => /Knife Crime Board|Youth Violence Group|Old Knife Forum/.test(l) && /100% of their people in common/.test(l)), candidates.slice(0, 3).join('\n'));
  assert.ok(lines.some((l) => l.startsWith('people_overlap,Knife Crime Board,Old Knife Forum,,,1,')));
  // Burden: 2 members × 6 × 2 hours = 24; the office: 2 × (6×2 + 12×1 + 4×1) = 56.
  assert.ok(lines.includes('burden_board,Knife Crime Board,,,,24,Knife Crime Board: 2 current members × 6 meetings a year × 2 hours = 24 person-hours a year.'), lines.filter((l) => l.startsWith('burden_board,Knife')).join('\n'));
  assert.ok(lines.some((l) => l.startsWith(`burden_organisation,,,${office?.name},,56,`)), lines.filter((l) => l.startsWith('burden_org')).join('\n'));
  assert.ok(lines.some((l) => l.startsWith('no_decisions_12_months,Mission board: Prevention,')));
  assert.equal(lines.slice(1).every((l) => l.split(',').length >= 7), true);

  // Merge one and close another: neither appears among the candidates any more.
  await svc().merge(actor, c.id, { intoBoardId: a.id, date: '2025-06-01' });
  await svc().close(actor, b.id, { date: '2025-06-02' });
  const afterCsv = await viewer.get('/staff/boards/review.csv');
  const afterLines = afterCsv.text.trimEnd().split('\r\n');
  assert.ok(!afterLines.some((l) => l.startsWith('merge_candidate,') && /Old Knife Forum|Youth Violence Group/.test(l)));
  assert.ok(!afterLines.some((l) => /^(people_overlap|burden_board|no_decisions_12_months),(Old Knife Forum|Youth Violence Group),/.test(l)));
  const afterPage = await viewer.get('/staff/boards/review');
  assert.doesNotMatch(afterPage.text, /Old Knife Forum/);
});

test('public pages: active public boards by type with missions; a board page shows members without lived-experience marks', async () => {
  const anonymous = app.client();
  const list = await anonymous.get('/boards');
  assert.equal(list.status, 200);
  assert.match(list.text, /<h2 class="govuk-heading-l" id="type-mission_board">Mission boards<\/h2>/);
  assert.match(list.text, /href="\/boards\/police-and-crime-panel">Police and Crime Panel<\/a>/);
  assert.doesNotMatch(list.text, /Youth Justice Board/, 'not public');
  assert.doesNotMatch(list.text, /Youth Violence Group/, 'closed');

  // A public board with a member marked expert and with lived experience.
  const board = await svc().getBySlug('victims-advisory-group');
  await svc().addMember(actor, board.id, { personName: 'Jo Public', sector: 'community', role: 'adviser', isExpert: true, hasLivedExperience: true, fromDate: '2025-01-01' });
  const page = await anonymous.get('/boards/victims-advisory-group');
  assert.equal(page.status, 200);
  assert.match(page.text, /Jo Public<\/td><td class="govuk-table__cell"><\/td><td class="govuk-table__cell">Adviser \(expert\)/);
  assert.doesNotMatch(page.text, /[Ll]ived experience/);
  assert.match(page.text, /href="\/boards\/victims-advisory-group\/meetings"/);
  assert.match(page.text, /Putting victims at the heart of the criminal justice system/);
  assert.equal((await anonymous.get('/boards/youth-justice-board')).status, 404, 'not public');
  assert.equal((await anonymous.get('/boards/no-such-board')).status, 404);

  // Cached, and emptied by a change.
  await svc().update(actor, board.id, { name: "Victims' advisory group", type: board.type, termsOfReference: 'Changed remit.', isPublic: true, missionIds: await svc().missionIdsOf(board.id) });
  assert.match((await anonymous.get('/boards/victims-advisory-group')).text, /Changed remit\./);
  const [row] = await app.services.database.db.select().from(boards).where(eq(boards.slug, 'victims-advisory-group'));
  assert.equal(row?.termsOfReference, 'Changed remit.');
});

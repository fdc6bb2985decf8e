// Every route in the route table, reached by the role it names, with real ids: each GET answers 200,
// and the changes not exercised elsewhere (edits of every entity, baselines, targets, publishing,
// making a plan current) work and are recorded in the change history.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp, type TestClient } from './testing/harness.ts';
import { clusterBlock, insertStreetCrimes } from './domains/crime/hotspots/test-fixtures.ts';
import { minimalPdf } from './domains/governance/meetings.fixtures.ts';
import { chromiumPath } from './domains/governance/pack-pdf.ts';

let app: TestApp;
let admin: TestClient;
const ids: Record<string, number> = {};
/** Governance names that are not numbers: a board's short name, a decision's number. */
const names: Record<string, string> = {};

before(async () => {
  app = await startTestApp();
  admin = await app.signedIn('admin');
  const plan = await app.services.plan.currentPlan('all');
  assert.ok(plan);
  const mission = await app.services.plan.missionBySlug(plan.id, 'prevention', 'all');
  assert.ok(mission);
  const [objective] = await app.services.plan.objectivesOf(mission.id, 'all');
  const measure = await app.services.measures.findMeasure(plan.id, { slug: 'victim-care-referrals' }, 'all');
  const [stage] = await app.services.plan.stagesOf(plan.id);
  assert.ok(objective && measure && stage);
  const detail = await app.services.measures.detail(measure.measure);
  Object.assign(ids, { planId: plan.id, missionId: mission.id, objectiveId: objective.id, measureId: measure.measure.id, stageId: stage.id, targetId: detail.targets[0]?.id ?? 0 });
  // Street crimes and a hotspot register, for the hotspot and patrol pages and APIs.
  await insertStreetCrimes(app.services.database.db, clusterBlock('2023-04', 'Burglary'));
  const saved = await app.services.hotspots.saveRegister({ userId: null, label: 'test' }, { crimeTypes: ['Burglary'], from: '2023-04', to: '2023-04', cellSize: 250, fdr: false, top: 3 }, 'Test register');
  ids.registerId = saved.register.id;
  // A partner dataset and agreement, seeded with the demo (definitions only).
  ids.datasetId = (await app.services.datasets.detail({ slug: 'luton-idva-referrals' }))?.dataset.id ?? 0;
  ids.publicDatasetId = (await app.services.datasets.detail({ slug: 'bfrs-deliberate-fires' }))?.dataset.id ?? 0;
  ids.agreementId = (await app.services.agreements.list())[0]?.id ?? 0;
  // A board meeting with an item, a public paper and an action, and a recommendation the PCC accepted
  // (so a decision and plan versions exist): the governance pages need each.
  const governance = app.services.governance;
  const actor = { userId: null, label: 'test' };
  const board = await governance.boards.getBySlug('mission-board-prevention');
  names.boardSlug = board.slug;
  const meeting = await governance.meetings.create(actor, board.id, { title: 'Prevention board', date: '2025-06-10', time: '10:00', lengthMinutes: 120, location: 'Bedford', isPublic: true, status: 'scheduled' });
  const [, secondObjective] = await app.services.plan.objectivesOf(mission.id, 'all');
  assert.ok(secondObjective);
  const item = await governance.meetings.addItem(actor, meeting.id, { title: 'The data-sharing hub', topic: 'data sharing', description: '', presenter: '', isPublic: true, missionIds: [], objectiveIds: [objective.id], measureIds: [measure.measure.id] });
  const paper = await governance.meetings.addPaper(actor, meeting.id, { title: 'Hub progress', agendaItemId: item.id, visibility: 'public', restrictionReason: '', file: { name: 'hub.pdf', content: minimalPdf } });
  const action = await governance.actions.create(actor, { boardId: board.id, meetingId: meeting.id, agendaItemId: item.id, title: 'Report on the hub', description: '', ownerPersonId: null, ownerName: 'A. Owner', ownerOrganisationId: null, dueDate: '2025-07-01' });
  const recommendation = await governance.decisions.recommend(actor, { boardId: board.id, meetingId: meeting.id, agendaItemId: item.id, kind: 'change_objective', title: 'Mark the second objective in progress', rationale: '', change: { objectiveId: secondObjective.id, newText: '', newStatus: 'in_progress' } });
  const decided = await governance.decisions.decide(actor, recommendation.id, 'accepted', { decisionDate: '2025-06-20', title: 'Second objective in progress', summary: '', financialImplications: 'None', reasons: 'The board reported progress', relatedDocuments: '', isRestricted: false, restrictionReason: '' });
  assert.ok(decided.version);
  Object.assign(ids, { meetingId: meeting.id, itemId: item.id, paperId: paper.id, actionId: action.id, recommendationId: recommendation.id, versionNumber: decided.version.number });
  names.decisionNumber = decided.decision.number;
  ids.userId = (await app.services.auth.listUsers())[0]?.id ?? 0;
});
after(async () => {
  await app?.close();
});

/** Fills a route's parameters with real ids (":id" takes the id of the thing the path names). */
function realPath(path: string): string {
  // A dataset's data answers anonymous callers only for a public dataset: the demo's public one (the rest: access-matrix.routes.test.ts).
  if (path === '/api/v1/datasets/:id/data') return `/api/v1/datasets/${ids.publicDatasetId}/data`;
  return path.replace(/\/([\w-]+)\/:id/g, (_m, noun: string) => {
    const key = { plans: 'planId', stages: 'stageId', missions: 'missionId', objectives: 'objectiveId', measures: 'measureId', targets: 'targetId', registers: 'registerId', datasets: 'datasetId', agreements: 'agreementId', meetings: 'meetingId', actions: 'actionId', 'my-actions': 'actionId', recommendations: 'recommendationId', users: 'userId' }[noun] ?? 'missing';
    return `/${noun}/${ids[key]}`;
  }).replace(/:(\w+)/g, (_m, name: string) => {
    if (name === 'slug' && path.includes('/boards/')) return names.boardSlug ?? '';
    if (name === 'number') return path.includes('/versions/') ? String(ids.versionNumber) : (names.decisionNumber ?? '');
    // Data downloads answer 200 only to viewers with access: the public demo dataset (the rest are tested where they live).
    if (name === 'slug' && (path.startsWith('/hub/') || path.startsWith('/places/')) && path.endsWith('.csv')) return 'bfrs-deliberate-fires';
    if (name === 'slug') return path.includes('/missions/') ? 'prevention' : path.includes('/datasets/') ? 'luton-idva-referrals' : 'victim-care-referrals';
    if (name === 'code') return 'E06000055'; // a place: Bedford, seeded with the demo plan
    if (name === 'orgId') return 'GB-LAE-BDF'; // a partner organisation, seeded with the demo
    return String(ids[name]);
  });
}

test('every GET route answers 200 to someone it allows', async () => {
  const anonymous = app.client();
  // Shown-once pages and a refused upload's problem report need the step before them (tested where they live).
  const followUps = ['/staff/users/created', '/staff/hub/tokens/created', '/hub/datasets/:slug/submit/problems/:report'];
  // The board pack's PDF needs Chromium (without it the route says so with a 503; tested in meetings.routes.test.ts).
  if (!fs.existsSync(chromiumPath)) followUps.push('/staff/meetings/:id/pack.pdf');
  const gets = app.routeTable.filter((r) => r.method === 'GET' && !followUps.includes(r.path));
  assert.ok(gets.length >= 30);
  for (const route of gets) {
    const client = route.access === 'public' ? anonymous : admin;
    const path = realPath(route.path);
    const response = await client.get(path);
    assert.equal(response.status, 200, `${route.method} ${route.path} → ${path}: ${response.status}`);
  }
});

test('every entity can be edited through its form, and the edits are in the history', async () => {
  const edits: [string, Record<string, string>][] = [
    [`/staff/plans/${ids.planId}/edit`, { title: 'A Safer and Fairer Bedfordshire', subtitle: 'Police and Crime Plan (edited)', slug: 'safer-fairer-bedfordshire', periodStart: '2024-10-01', periodEnd: '2028-05-31' }],
    [`/staff/stages/${ids.stageId}/edit`, { name: 'Stage One (edited)', periodStart: '2024-10-01', periodEnd: '2025-03-31' }],
    [`/staff/objectives/${ids.objectiveId}/edit`, { ref: 'PREV-01', text: 'work with partners to create a data-sharing hub (edited)', horizon: 'first_six_months', dueDate: '2025-03-31', owner: 'PCC' }],
    [`/staff/measures/${ids.measureId}/edit`, { title: 'Victims referred (edited)', slug: 'victim-care-referrals', unit: 'per cent of victims', polarity: 'higher_is_better', frequency: 'quarter', geography: 'force_area', decimals: '1' }],
  ];
  for (const [path, fields] of edits) {
    const response = await admin.postForm(path, fields);
    assert.equal(response.status, 303, `${path}: ${response.status}`);
  }
  const stageBad = await admin.postForm(`/staff/stages/${ids.stageId}/edit`, { name: 'x', periodStart: '2025-03-31', periodEnd: '2024-10-01' });
  assert.equal(stageBad.status, 400);
  assert.match(stageBad.text, /End date must be the same as or after the start date/);
  const history = await admin.get(`/staff/plans/${ids.planId}/history`);
  for (const text of ['Edited plan', 'Edited stage', 'Edited objective PREV-01', 'Edited measure']) assert.match(history.text, new RegExp(text));
  assert.match(history.text, /Police and Crime Plan \(edited\)/);
  assert.match((await app.client().get('/')).text, /Stage One \(edited\)/);
});

test('baselines and targets: set, add, refuse without a value, remove (kept in the history)', async () => {
  const page = `/staff/measures/${ids.measureId}`;
  assert.equal((await admin.postForm(`${page}/baselines`, { placeCode: 'E06000032', value: '18.5', period: '2024', asWritten: 'Luton figure' }, page)).status, 303);
  const unknown = await admin.postForm(`${page}/baselines`, { placeCode: 'E09999999', value: '1' }, page);
  assert.equal(unknown.status, 400);
  assert.match(unknown.text, /is not a known place code/);
  assert.equal((await admin.postForm(`${page}/targets`, { kind: 'absolute', value: '30', byDate: '2027-03-31', asWritten: 'thirty per cent' }, page)).status, 303);
  const noValue = await admin.postForm(`${page}/targets`, { kind: 'absolute', value: '' }, page);
  assert.equal(noValue.status, 400);
  assert.match(noValue.text, /Enter the value of the target/);
  const measurePage = await app.client().get('/measures/victim-care-referrals');
  assert.match(measurePage.text, /Luton figure/);
  assert.match(measurePage.text, /Reach 30 per cent of victims by 31 March 2027/);
  assert.equal((await admin.postForm(`/staff/targets/${ids.targetId}/delete`, {}, page)).status, 303);
  const history = await admin.get(`/staff/plans/${ids.planId}/history`);
  assert.match(history.text, /Set the baseline of &quot;Victims referred \(edited\)&quot; for Luton/);
  assert.match(history.text, /Removed a target from/);
});

test('publishing objectives and missions, and making another plan current', async () => {
  const objectivePage = `/staff/objectives/${ids.objectiveId}`;
  assert.equal((await admin.postForm(`${objectivePage}/publish`, { publish: 'false' }, objectivePage)).status, 303);
  assert.doesNotMatch((await app.client().get('/missions/prevention')).text, /PREV-01/);
  assert.equal((await admin.postForm(`${objectivePage}/publish`, { publish: 'true' }, objectivePage)).status, 303);
  assert.match((await app.client().get('/missions/prevention')).text, /PREV-01/);

  const created = await admin.postForm('/staff/plans/new', { title: 'Stage Two plan', slug: 'stage-two', periodStart: '2025-04-01', periodEnd: '2028-05-31' });
  const planPath = created.location ?? '';
  assert.equal((await admin.postForm(`${planPath}/make-current`, {}, planPath)).status, 303);
  // The new current plan is a draft: the public site has no plan until it is published.
  assert.match((await app.client().get('/')).text, /No plan has been published yet/);
  assert.equal((await admin.postForm(`${planPath}/publish`, { publish: 'true' }, planPath)).status, 303);
  assert.match((await app.client().get('/')).text, /Stage Two plan/);
  assert.equal((await admin.postForm(`/staff/plans/${ids.planId}/make-current`, {}, `/staff/plans/${ids.planId}`)).status, 303);
  assert.match((await app.client().get('/')).text, /A Safer and Fairer Bedfordshire/);
});

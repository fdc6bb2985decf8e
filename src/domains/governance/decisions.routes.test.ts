// Recommendations and PCC decisions through the real app: a proposed change is checked against the
// current plan (errors by field, nothing stored); accepting changes the plan and records plan version
// N+1 citing the decision, all in one transaction with its audit; rejecting changes nothing; a
// recommendation is decided once; the public log never shows a restricted decision's content.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, asc, eq, sql } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { startTestApp, type TestApp, type TestClient } from '../../testing/harness.ts';
import { measures, measureTargets } from '../measures/measures.tables.ts';
import { missions, objectives, objectiveUpdates, plans } from '../plan/plan.tables.ts';
import { boards, pccDecisions, planVersions, recommendations } from './governance.tables.ts';
import { planSnapshot } from './plan-changes.ts';

let app: TestApp;
let editor: TestClient;
let planId: number;
let objectiveId: number;
let missionId: number;
let measureId: number;

const decisionFields = (extra: Record<string, string> = {}) => ({
  decisionDate: '2025-07-14',
  title: 'Decision',
  summary: 'Summary',
  financialImplications: 'None',
  reasons: 'The board made the case',
  relatedDocuments: 'Board report | https://example.org/report.pdf',
  ...extra,
});

before(async () => {
  app = await startTestApp({ today: '2025-07-14' });
  editor = await app.signedIn('editor');
  const db = app.services.database.db;
  const [plan] = await db.select().from(plans).where(eq(plans.isCurrent, true));
  assert.ok(plan);
  planId = plan.id;
  const [objective] = await db.select({ id: objectives.id, missionId: objectives.missionId }).from(objectives).innerJoin(missions, eq(missions.id, objectives.missionId)).where(and(eq(missions.planId, plan.id), eq(objectives.ref, 'ROLE-10')));
  assert.ok(objective);
  objectiveId = objective.id;
  missionId = objective.missionId;
  const [measure] = await db.select().from(measures).where(eq(measures.slug, 'out-of-court-disposals'));
  assert.ok(measure);
  measureId = measure.id;
  await db.insert(boards).values({ slug: 'serious-violence', name: 'Serious Violence mission board', type: 'mission_board' });
});
after(async () => {
  await app?.close();
});

test('a proposed change is checked against the current plan: clear errors by field, nothing stored', async () => {
  const start = await editor.get('/staff/recommendations/new');
  assert.equal(start.status, 200);
  assert.match(start.text, /First choose the board making the recommendation/);
  for (const kind of ['change_objective', 'add_objective', 'add_measure', 'change_target', 'other']) {
    const step = await editor.get(`/staff/recommendations/new?board=serious-violence&kind=${kind}`);
    assert.equal(step.status, 200, kind);
    assert.match(step.text, /name="kind" value="/);
  }
  // Going back to choose another kind keeps the board and the meeting the recommendation came from.
  const fromMeeting = await editor.get('/staff/recommendations/new?board=serious-violence&kind=other&meeting=987');
  const back = /href="(\/staff\/recommendations\/new\?[^"]*)">Choose another board or kind/.exec(fromMeeting.text)?.[1]?.replaceAll('&amp;', '&');
  assert.equal(back, '/staff/recommendations/new?board=serious-violence&meeting=987');
  const again = await editor.get(back);
  assert.equal(again.status, 200);
  assert.match(again.text, /First choose the board making the recommendation/);
  assert.match(again.text, /<input type="hidden" name="meeting" value="987">/);
  assert.match(again.text, /<option value="serious-violence" selected>/, 'the board stays chosen');
  assert.doesNotMatch(again.text, /govuk-error-summary/, 'no errors before anything is chosen');
  const form = '/staff/recommendations/new?board=serious-violence&kind=change_objective';
  const page = await editor.get(form);
  assert.equal(page.status, 200);
  assert.match(page.text, /From <strong>Serious Violence mission board<\/strong>/);
  const post = (fields: Record<string, string>) => editor.postForm('/staff/recommendations/new', { board: 'serious-violence', title: 'A recommendation', ...fields }, form);

  const noObjective = await post({ kind: 'change_objective', objectiveId: '999999', newText: 'x' });
  assert.equal(noObjective.status, 400);
  assert.match(noObjective.text, /<a href="#objectiveId">Choose an objective of the current plan<\/a>/);
  const nothing = await post({ kind: 'change_objective', objectiveId: String(objectiveId), newText: '', newStatus: '' });
  assert.match(nothing.text, /<a href="#newText">Enter the new wording, choose a new status, or both<\/a>/);
  const sameStatus = await post({ kind: 'change_objective', objectiveId: String(objectiveId), newStatus: 'not_started' });
  assert.match(sameStatus.text, /<a href="#newStatus">ROLE-10 is already not started<\/a>/);
  const takenRef = await post({ kind: 'add_objective', missionId: String(missionId), ref: 'ROLE-10', text: 'x', horizon: 'rest_of_term' });
  assert.match(takenRef.text, /<a href="#ref">[^<]+ already has an objective ROLE-10: choose another reference<\/a>/);
  const badObjective = await post({ kind: 'add_objective', missionId: '', ref: 'bad ref!', text: '', horizon: 'soon', dueDate: '2026-02-30' });
  assert.match(badObjective.text, /<a href="#missionId">Choose the mission<\/a>/);
  assert.match(badObjective.text, /<a href="#ref">Reference must use only letters, numbers, dots and hyphens, like PREV-09<\/a>/);
  assert.match(badObjective.text, /<a href="#text">Enter the wording of the new objective<\/a>/);
  assert.match(badObjective.text, /<a href="#horizon">Choose when: the first six months or the rest of the term<\/a>/);
  assert.match(badObjective.text, /<a href="#dueDate">Due date must be a real date/);
  const badMeasure = await post({ kind: 'add_measure', missionId: String(missionId), measureTitle: 'Out of court disposals', polarity: 'up', frequency: 'month' });
  assert.match(badMeasure.text, /<a href="#polarity">Choose whether higher or lower is better<\/a>/);
  const badTarget = await post({ kind: 'change_target', measureId: String(measureId), targetKind: 'absolute', targetValue: 'ten', targetAsWritten: 'x' });
  assert.match(badTarget.text, /<a href="#targetValue">Target value must be a number<\/a>/);
  assert.match(badTarget.text, /value="ten"/, 'what was typed is kept');
  const noTargetMeasure = await post({ kind: 'change_target', measureId: '999999', targetKind: 'absolute', targetValue: '5', targetAsWritten: 'x' });
  assert.match(noTargetMeasure.text, /<a href="#measureId">Choose a measure of the current plan<\/a>/);
  const noTitle = await post({ kind: 'other', title: '' });
  assert.match(noTitle.text, /<a href="#title">Enter the recommendation in a sentence<\/a>/);
  assert.equal((await app.services.database.db.select().from(recommendations)).length, 0);
});

async function recommend(fields: Record<string, string>): Promise<number> {
  const response = await editor.postForm('/staff/recommendations/new', { board: 'serious-violence', ...fields }, `/staff/recommendations/new?board=serious-violence&kind=${fields.kind}`);
  assert.equal(response.status, 303, response.text.slice(0, 200));
  return Number(/\/staff\/recommendations\/(\d+)$/.exec(response.location ?? '')?.[1]);
}

test('accepting a change: the plan changes, version 1 (as it stood) and version 2 citing the decision, audited in the same transaction', async () => {
  const db = app.services.database.db;
  const before = await planSnapshot(db, planId);
  const id = await recommend({ kind: 'change_objective', title: 'Mark governance review in progress', objectiveId: String(objectiveId), newText: 'review and strengthen governance arrangements, board by board', newStatus: 'in_progress' });
  const page = await editor.get(`/staff/recommendations/${id}`);
  assert.match(page.text, /id="proposal">Objective ROLE-10 \([^)]+\): reword it as &quot;review and strengthen governance arrangements, board by board&quot; and make it in progress/);

  const [{ lastAudit } = { lastAudit: 0 }] = await db.select({ lastAudit: sql<number>`max(id)::int` }).from(auditEvents);
  const decided = await editor.postForm(`/staff/recommendations/${id}/decision`, { outcome: 'accepted', ...decisionFields({ title: 'Governance review under way' }) }, `/staff/recommendations/${id}`);
  assert.equal(decided.status, 303);
  assert.equal(decided.location, '/staff/decisions/PCC-2025-001');

  const [objective] = await db.select().from(objectives).where(eq(objectives.id, objectiveId));
  assert.equal(objective?.status, 'in_progress');
  assert.equal(objective?.text, 'review and strengthen governance arrangements, board by board');
  const [update] = await db.select().from(objectiveUpdates).where(eq(objectiveUpdates.objectiveId, objectiveId));
  assert.equal(update?.status, 'in_progress');
  assert.equal(update?.effectiveDate, '2025-07-14');
  assert.match(update?.narrative ?? '', /^PCC decision PCC-2025-001: The board made the case/);

  const [decision] = await db.select().from(pccDecisions);
  assert.ok(decision);
  const versions = await db.select().from(planVersions).where(eq(planVersions.planId, planId)).orderBy(asc(planVersions.number));
  assert.deepEqual(versions.map((v) => [v.number, v.decisionId]), [[1, null], [2, decision.id]]);
  assert.deepEqual(versions[0]?.snapshot, before, 'version 1 is the plan before the change');
  assert.deepEqual(versions[1]?.snapshot, await planSnapshot(db, planId), 'version 2 is the plan after it');
  assert.match(versions[1]?.changeSummary ?? '', /Objective ROLE-10 reworded from "review and strengthen governance arrangements" to "review and strengthen governance arrangements, board by board"; Objective ROLE-10's status changed from not started to in progress/);
  const [rec] = await db.select().from(recommendations).where(eq(recommendations.id, id));
  assert.equal(rec?.status, 'accepted');

  // One transaction: every event of the decision shares its transaction id.
  const events = await db.execute(sql`select entity_type, action, xmin::text as tx from audit_events where id > ${lastAudit} order by id`);
  const rows = ((events as { rows?: unknown[] }).rows ?? (events as unknown as unknown[])) as { entity_type: string; action: string; tx: string }[];
  assert.deepEqual(rows.map((r) => `${r.entity_type}:${r.action}`), ['pcc_decision:create', 'recommendation:status-change', 'plan_version:create', 'objective:update', 'objective:status-change', 'plan_version:create']);
  assert.equal(new Set(rows.map((r) => r.tx)).size, 1, 'all in one transaction');

  const decisionPage = await editor.get('/staff/decisions/PCC-2025-001');
  assert.equal(decisionPage.status, 200);
  assert.match(decisionPage.text, /href="\/staff\/plan\/versions\/2">Version 2<\/a>/);
  const recPage = await editor.get(`/staff/recommendations/${id}`);
  assert.match(recPage.text, /id="decided"><a class="govuk-link" href="\/staff\/decisions\/PCC-2025-001">PCC-2025-001<\/a>: Accepted on 14 July 2025/);
  assert.doesNotMatch(recPage.text, /Record the PCC's decision/);
  for (const path of ['/staff/recommendations', '/staff/decisions', '/staff/decisions/new']) assert.equal((await editor.get(path)).status, 200, path);
  const list = await editor.get('/staff/plan/versions');
  assert.match(list.text, /Version 2<\/a><\/th>\s*<td class="govuk-table__cell"><a class="govuk-link" href="\/staff\/decisions\/PCC-2025-001">PCC-2025-001<\/a>/);
  const v2 = await editor.get('/staff/plan/versions/2');
  assert.equal(v2.status, 200);
  assert.match(v2.text, /review and strengthen governance arrangements, board by board<\/td><td class="govuk-table__cell">In progress/);
  const v1 = await editor.get('/staff/plan/versions/1');
  assert.match(v1.text, /None \(the plan as it stood\)/);
  assert.match(v1.text, /review and strengthen governance arrangements<\/td><td class="govuk-table__cell">Not started/);
});

test('a recommendation is decided once: a second decision is refused and stores nothing', async () => {
  const db = app.services.database.db;
  const [rec] = await db.select().from(recommendations).where(eq(recommendations.status, 'accepted'));
  assert.ok(rec);
  const again = await editor.postForm(`/staff/recommendations/${rec.id}/decision`, { outcome: 'rejected', ...decisionFields() }, '/staff/decisions/new');
  assert.equal(again.status, 400);
  assert.match(again.text, /This recommendation has already been decided: accepted by PCC-2025-001 on 2025-07-14\. A recommendation is decided once\./);
  await assert.rejects(() => app.services.governance.decisions.decide({ userId: null, label: 'test' }, rec.id, 'accepted', { ...decisionFields(), isRestricted: false, restrictionReason: '' }), /already been decided/);
  assert.equal((await db.select().from(pccDecisions)).length, 1);
  assert.equal((await db.select().from(planVersions)).length, 2);
});

test('rejecting changes nothing in the plan; a target change keeps the old target in the change summary', async () => {
  const db = app.services.database.db;
  const snapshot = await planSnapshot(db, planId);
  const id = await recommend({ kind: 'change_target', title: 'Raise the disposals target', measureId: String(measureId), targetKind: 'relative_percent', targetValue: '15', targetByDate: '2026-03-31', targetAsWritten: 'by at least 15%' });
  const rejected = await editor.postForm(`/staff/recommendations/${id}/decision`, { outcome: 'rejected', ...decisionFields({ title: 'Disposals target kept' }) }, `/staff/recommendations/${id}`);
  assert.equal(rejected.status, 303);
  assert.equal(rejected.location, '/staff/decisions/PCC-2025-002');
  assert.deepEqual(await planSnapshot(db, planId), snapshot, 'the plan is unchanged');
  assert.equal((await db.select().from(planVersions)).length, 2, 'no new version');
  const [rec] = await db.select().from(recommendations).where(eq(recommendations.id, id));
  assert.equal(rec?.status, 'rejected');

  // The same change accepted: the target row changes and the old one is in the summary.
  const second = await recommend({ kind: 'change_target', title: 'Raise the disposals target (again)', measureId: String(measureId), targetKind: 'relative_percent', targetValue: '15', targetByDate: '2026-03-31', targetAsWritten: 'by at least 15%' });
  const accepted = await editor.postForm(`/staff/recommendations/${second}/decision`, { outcome: 'accepted', ...decisionFields({ title: 'Disposals target raised' }) }, `/staff/recommendations/${second}`);
  assert.equal(accepted.status, 303);
  const targets = await db.select().from(measureTargets).where(eq(measureTargets.measureId, measureId));
  assert.deepEqual(targets.map((t) => [t.kind, t.value, t.byDate, t.asWritten]), [['relative_percent', 15, '2026-03-31', 'by at least 15%']]);
  const [v3] = await db.select().from(planVersions).where(eq(planVersions.number, 3));
  assert.match(v3?.changeSummary ?? '', /changed from "by at least 10%" \(relative percent 10 by 2025-03-31\) to "by at least 15%" \(relative percent 15 by 2026-03-31\)/);
});

test('a failure part-way through an acceptance leaves nothing behind (one transaction)', async () => {
  const db = app.services.database.db;
  const id = await recommend({ kind: 'add_objective', title: 'Add a boards objective', missionId: String(missionId), ref: 'ROLE-99', text: 'publish every board’s papers', horizon: 'rest_of_term' });
  const counts = async () => ({
    decisions: (await db.select().from(pccDecisions)).length,
    versions: (await db.select().from(planVersions)).length,
    audit: (await db.select().from(auditEvents)).length,
    objectives: (await db.select().from(objectives).where(eq(objectives.ref, 'ROLE-99'))).length,
  });
  const beforeCounts = await counts();
  // The plan version insert fails (after the decision, the objective and their audit were written).
  await db.execute(sql`create function refuse_version() returns trigger language plpgsql as $$ begin raise exception 'no versions today'; end $$`);
  await db.execute(sql`create trigger refuse_version before insert on plan_versions for each row execute function refuse_version()`);
  try {
    await assert.rejects(() => app.services.governance.decisions.decide({ userId: null, label: 'test' }, id, 'accepted', { ...decisionFields(), isRestricted: false, restrictionReason: '' }), (error: Error) => /no versions today/.test(`${error.message} ${(error.cause as Error | undefined)?.message ?? ''}`));
  } finally {
    await db.execute(sql`drop trigger refuse_version on plan_versions`);
    await db.execute(sql`drop function refuse_version()`);
  }
  assert.deepEqual(await counts(), beforeCounts);
  const [rec] = await db.select().from(recommendations).where(eq(recommendations.id, id));
  assert.equal(rec?.status, 'open');
  // And once it can, the same decision goes through with the next free number.
  const { decision, version } = await app.services.governance.decisions.decide({ userId: null, label: 'test' }, id, 'accepted', { ...decisionFields(), isRestricted: false, restrictionReason: '' });
  assert.equal(decision.number, 'PCC-2025-004');
  assert.equal(version?.number, 4);
  assert.equal((await db.select().from(objectives).where(eq(objectives.ref, 'ROLE-99'))).length, 1);
});

test('the public log, its CSV and JSON never show a restricted decision’s title or summary', async () => {
  const anonymous = app.client();
  const form = await editor.postForm('/staff/decisions/new', { outcome: 'approved', ...decisionFields({ title: 'SECRET-TITLE custody contract', summary: 'SECRET-SUMMARY', financialImplications: 'SECRET-MONEY £1.2m', reasons: 'SECRET-REASONS', relatedDocuments: 'SECRET-DOC | https://example.org/secret.pdf', isRestricted: 'yes', restrictionReason: '' }) });
  assert.equal(form.status, 400);
  assert.match(form.text, /<a href="#restrictionReason">Enter why the decision is restricted/);
  const created = await editor.postForm('/staff/decisions/new', { outcome: 'approved', ...decisionFields({ title: 'SECRET-TITLE custody contract', summary: 'SECRET-SUMMARY', financialImplications: 'SECRET-MONEY £1.2m', reasons: 'SECRET-REASONS', relatedDocuments: 'SECRET-DOC | https://example.org/secret.pdf', isRestricted: 'yes', restrictionReason: 'Commercially sensitive' }) });
  assert.equal(created.status, 303);
  assert.equal(created.location, '/staff/decisions/PCC-2025-005');
  const badDocs = await editor.postForm('/staff/decisions/new', { outcome: 'noted', ...decisionFields({ relatedDocuments: 'Report | ftp://example.org/x' }) });
  assert.match(badDocs.text, /Related documents, line 1: &quot;ftp:\/\/example.org\/x&quot; is not a web address starting with https:\/\//);

  const secret = /SECRET/;
  const log = await anonymous.get('/decisions');
  assert.equal(log.status, 200);
  assert.doesNotMatch(log.text, secret);
  assert.match(log.text, /href="\/decisions\/PCC-2025-005">PCC-2025-005<\/a><\/h2>[\s\S]*?14 July 2025[\s\S]*?Restricted: Commercially sensitive/);
  assert.match(log.text, /PCC-2025-001<\/a>: Governance review under way/);
  assert.match(log.text, /<a class="govuk-link" href="https:\/\/example.org\/report.pdf">Board report<\/a>/);
  const one = await anonymous.get('/decisions/PCC-2025-005');
  assert.equal(one.status, 200);
  assert.doesNotMatch(one.text, secret);
  assert.match(one.text, /Restricted: Commercially sensitive/);
  assert.equal((await anonymous.get('/decisions/PCC-2025-099')).status, 404);
  const csv = await anonymous.get('/decisions.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
  assert.doesNotMatch(csv.text, secret);
  assert.match(csv.text, /^number,decision_date,restricted,restriction_reason,title,outcome,summary,financial_implications,reasons,related_documents\r\n/);
  assert.match(csv.text, /\r\nPCC-2025-005,2025-07-14,yes,Commercially sensitive,,,,,,\r\n/);
  const json = await anonymous.get('/api/v1/decisions');
  assert.equal(json.status, 200);
  assert.doesNotMatch(json.text, secret);
  const body = JSON.parse(json.text) as { decisions: Record<string, unknown>[] };
  assert.deepEqual(
    body.decisions.find((d) => d.number === 'PCC-2025-005'),
    { number: 'PCC-2025-005', decisionDate: '2025-07-14', restricted: true, restrictionReason: 'Commercially sensitive' },
  );
  // Staff see it in full.
  const staffPage = await editor.get('/staff/decisions/PCC-2025-005');
  assert.match(staffPage.text, /SECRET-TITLE custody contract/);
  // A formula in a cell is neutralised in the CSV.
  await editor.postForm('/staff/decisions/new', { outcome: 'noted', ...decisionFields({ title: '=HYPERLINK("x")' }) });
  assert.match((await anonymous.get('/decisions.csv')).text, /,"'=HYPERLINK\(""x""\)",noted,/);
  // The API describes it.
  const doc = JSON.parse((await anonymous.get('/api/v1/openapi.json')).text) as { paths: Record<string, { get?: { operationId?: string } }> };
  assert.equal(doc.paths['/decisions']?.get?.operationId, 'listDecisions');
});

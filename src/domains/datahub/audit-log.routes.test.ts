// The audit log search and export for admins, on the engine the tests run on: filters, London-day
// date ranges, keyset pages without gaps or repeats (ties on the same instant included), the CSV of
// every matching event with formulas neutralised, the export itself audited; nobody else gets in, and
// no route writes to the log.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { startTestApp, type TestApp, type TestClient } from '../../testing/harness.ts';
import { londonMidnight, parseAuditQuery } from './audit-log.service.ts';
import { submissions } from './datahub.tables.ts';
import { insertHubFixture, type HubFixture } from './profiles.fixtures.ts';

let app: TestApp;
let admin: TestClient;
let fixture: HubFixture;
let submissionId = 0;

before(async () => {
  app = await startTestApp({ today: '2025-06-30' });
  const db = app.services.database.db;
  fixture = await insertHubFixture(db);
  const [s] = await db.select({ id: submissions.id }).from(submissions).limit(1);
  submissionId = s?.id ?? 0;
  const at = (iso: string) => new Date(iso);
  const base = { entityType: 'dataset', entityId: String(fixture.dataset.asb), summary: 'Viewed “Test antisocial behaviour”' };
  await db.insert(auditEvents).values([
    { ...base, occurredAt: at('2025-06-29T12:00:00Z'), actorLabel: 'Pat Police <pat@police.example>', action: 'view', organisationId: fixture.org.police, agreementId: fixture.agreement.live },
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    { ...base, occurredAt: at('2025-06-30T23:30:00Z'), actorLabel: 'Pat Police <pat@police.example>', action: 'download', organisationId: fixture.org.police, agreementId: fixture.agreement.live },
    { ...base, occurredAt: at('2025-06-30T10:00:00Z'), actorLabel: 'Nia NHS <nia@nhs.example>', action: 'view', organisationId: fixture.org.nhs },
    { occurredAt: at('2025-06-30T11:00:00Z'), actorLabel: 'Cal Council <cal@council.example>', action: 'submit', entityType: 'submission', entityId: String(submissionId), summary: 'Submitted test.csv', organisationId: fixture.org.council },
    { occurredAt: at('2025-06-30T11:30:00Z'), actorLabel: 'Cal Council <cal@council.example>', action: 'view', entityType: 'dataset', entityId: String(fixture.dataset.fires), summary: '=HYPERLINK("http://bad.example")', organisationId: fixture.org.council },
    { occurredAt: at('2025-06-30T12:00:00Z'), actorLabel: '100% sure <odd@example.org>', action: 'view', entityType: 'dataset', entityId: String(fixture.dataset.fires), summary: 'Odd actor' },
  ]);
  // 120 events for paging: 60 at one instant (ties broken by id), 60 a second apart.
  const same = at('2025-05-01T09:00:00Z');
  await db.insert(auditEvents).values(
    Array.from({ length: 120 }, (_, i) => ({
      occurredAt: i < 60 ? same : new Date(Date.parse('2025-05-02T09:00:00Z') + i * 1000),
      actorLabel: `Pager ${i} <pager@example.org>`,
      action: 'view',
      entityType: 'dataset',
      entityId: String(fixture.dataset.empty),
      summary: `Page event ${i}`,
    })),
  );
  admin = await app.signedIn('admin');
});
after(async () => {
  await app?.close();
});

const ids = (html: string) => [...html.matchAll(/Page event (\d+)/g)].map((m) => Number(m[1]));
const summaries = (html: string) => [...html.matchAll(/<td class="govuk-table__cell">([^<]*) <span class="govuk-body-s">/g)].map((m) => m[1]);

test('only admins: staff viewers and partners get 403, anonymous visitors are sent to sign in', async () => {
  assert.equal((await admin.get('/staff/hub/audit')).status, 200);
  for (const role of ['viewer', 'editor'] as const) {
    const client = await app.signedIn(role);
    assert.equal((await client.get('/staff/hub/audit')).status, 403, role);
    assert.equal((await client.get('/staff/hub/audit/export.csv')).status, 403, role);
  }
  const partner = await app.signedIn('partner', { organisation: 'GB-GOR-PL9901' });
  const refused = await partner.get('/staff/hub/audit/export.csv');
  assert.equal(refused.status, 403);
  assert.doesNotMatch(refused.text, /Pat Police/);
  assert.equal((await app.client().get('/staff/hub/audit')).status, 303);
});

test('no route writes to the audit log: every audit route is a GET', () => {
  const routes = app.routeTable.filter((r) => r.path.includes('/audit'));
  assert.ok(routes.length >= 2);
  for (const r of routes) assert.equal(r.method, 'GET', `${r.method} ${r.path}`);
});

test('search by organisation, dataset (its submissions too), action and actor', async () => {
  // (up to 2025: the users the tests sign in with are linked to organisations today, audited too.)
  const byOrg = await admin.get(`/staff/hub/audit?organisation=${fixture.org.police}&to=2025-12-31`);
  assert.equal(byOrg.status, 200);
  assert.deepEqual(summaries(byOrg.text), ['Viewed “Test antisocial behaviour”', 'Viewed “Test antisocial behaviour”']);
  assert.match(byOrg.text, /TEST-LIVE/);
  const byDataset = await admin.get(`/staff/hub/audit?dataset=${fixture.dataset.asb}`);
  assert.match(byDataset.text, /Submitted test.csv/);
  assert.doesNotMatch(byDataset.text, /Odd actor|Page event/);
  const byAction = await admin.get(`/staff/hub/audit?organisation=${fixture.org.police}&action=download`);
  assert.equal(summaries(byAction.text).length, 1);
  const byActor = await admin.get('/staff/hub/audit?actor=NIA%40NHS');
  assert.deepEqual(summaries(byActor.text), ['Viewed “Test antisocial behaviour”']);
  // % in the actor box is a character, not a wildcard.
  const percent = await admin.get('/staff/hub/audit?actor=100%25');
  assert.deepEqual(summaries(percent.text), ['Odd actor']);
});

test('date ranges are London days', async () => {
  const june30 = await admin.get(`/staff/hub/audit?organisation=${fixture.org.police}&from=2025-06-30&to=2025-06-30`);
  assert.match(june30.text, /No events match/);
  const july1 = await admin.get(`/staff/hub/audit?organisation=${fixture.org.police}&from=2025-07-01&to=2025-07-01`);
  assert.equal(summaries(july1.text).length, 1);
  assert.equal(londonMidnight('2025-07-01').toISOString(), '2025-06-30T23:00:00.000Z');
  assert.equal(londonMidnight('2025-01-15').toISOString(), '2025-01-15T00:00:00.000Z');
  const bad = await admin.get('/staff/hub/audit?from=2025-02-30&to=2025-01-01');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /From date must be a real date/);
  assert.deepEqual(parseAuditQuery({ from: '2025-03-02', to: '2025-03-01' }).errors.map((e) => e.field), ['to']);
});

test('pages: 50 at a time, newest first, every event once, ties on the same instant included', async () => {
  const seen: number[] = [];
  let path: string | null = '/staff/hub/audit?actor=pager%40example.org';
  let pages = 0;
  while (path) {
    const page = await admin.get(path);
    assert.equal(page.status, 200);
    const found = ids(page.text);
    assert.ok(found.length <= 50);
    seen.push(...found);
    pages++;
    const next = /href="([^"]+)" rel="next"/.exec(page.text)?.[1];
    path = next ? next.replaceAll('&amp;', '&') : null;
  }
  assert.equal(pages, 3);
  assert.equal(seen.length, 120);
  assert.equal(new Set(seen).size, 120);
  // Newest first: the second-apart ones (119 down to 60), then the 60 at one instant.
  assert.deepEqual(seen.slice(0, 60), Array.from({ length: 60 }, (_, i) => 119 - i));
  assert.equal((await admin.get('/staff/hub/audit?before=not-a-cursor')).status, 400);
});

test('export: every matching event as CSV, formulas neutralised, and the export audited', async () => {
  const csv = await admin.get('/staff/hub/audit/export.csv?actor=pager%40example.org');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
  const lines = csv.text.trim().split('\r\n');
  assert.equal(lines[0], 'id,occurred_at,actor,actor_user_id,organisation_org_id,organisation,action,entity_type,entity_id,summary,agreement_id,agreement_reference,reason,changes');
  assert.equal(lines.length, 121);
  const council = await admin.get(`/staff/hub/audit/export.csv?organisation=${fixture.org.council}`);
  assert.ok(council.text.includes(`"'=HYPERLINK(""http://bad.example"")"`), council.text);
  assert.ok(council.text.includes(',GB-LAE-TSTA,Test council,submit,submission,'));
  const exported = await admin.get('/staff/hub/audit?action=export');
  assert.match(exported.text, /Exported the audit log as CSV: organisation Test council/);
  assert.match(exported.text, /Exported the audit log as CSV: actor containing “pager@example.org”/);
});

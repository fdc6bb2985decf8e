// GET /api/v1/datasets/{id}/data beyond the access matrix (access-matrix.routes.test.ts): the shape of
// the answer, markers as strings, the place and period filters, bad input, that a bad period does not
// tell an anonymous caller a hidden dataset exists, the audit event, and the OpenAPI entry.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { startTestApp, type TestApp, type TestClient } from '../../testing/harness.ts';
import { insertHubFixture, orgIds, P, type HubFixture } from './profiles.fixtures.ts';

let app: TestApp;
let fixture: HubFixture;
let partner: TestClient;
let owner: TestClient;

before(async () => {
  app = await startTestApp({ seed: false, today: '2025-06-30' });
  fixture = await insertHubFixture(app.services.database.db);
  partner = await app.signedIn('partner', { organisation: orgIds.police });
  owner = await app.signedIn('partner', { organisation: orgIds.council });
});
after(async () => {
  await app?.close();
});

type Body = { dataset: { id: number; slug: string; name: string; periodType: string }; place: { code: string } | null; period: string | null; access: { basis: string; agreementId: number | null; raw: boolean }; columns: string[]; rows: Record<string, string | number | null>[]; markers: Record<string, string> };

test('the whole dataset: every row, markers as strings, category columns as they were sent', async () => {
  const response = await partner.get(`/api/v1/datasets/${fixture.dataset.asb}/data`);
  assert.equal(response.status, 200, response.text);
  assert.match(response.headers.get('content-type') ?? '', /application\/json/);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  const body = JSON.parse(response.text) as Body;
  assert.deepEqual(body.dataset, { id: fixture.dataset.asb, slug: 'test-asb', name: 'Test antisocial behaviour', periodType: 'month' });
  assert.deepEqual(body.access, { basis: 'agreement', agreementId: fixture.agreement.live, raw: false });
  assert.deepEqual(body.columns, ['period', 'place_code', 'place_name', 'incidents', 'rate_per_1000', 'priority']);
  assert.equal(body.rows.length, 8);
  assert.deepEqual(body.rows[0], { period: '2025-04', place_code: P.a1, place_name: 'Alphaton 001A', incidents: '[c]', rate_per_1000: 1.5, priority: 'low' });
  assert.deepEqual(body.rows.find((r) => r.period === '2025-05' && r.place_code === P.a3), { period: '2025-05', place_code: P.a3, place_name: 'Alphaton 001C', incidents: '[x]', rate_per_1000: '[x]', priority: null });
  assert.equal(body.markers['[c]']?.startsWith('confidential'), true);
  const [event] = await app.services.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'download'), eq(auditEvents.entityId, String(fixture.dataset.asb)))).orderBy(desc(auditEvents.id)).limit(1);
  assert.match(event?.summary ?? '', /for every place as JSON \(8 rows\)/);
});

test('a place and a period: the place, the places in it, the number column not added up ([z])', async () => {
  const response = await partner.get(`/api/v1/datasets/${fixture.dataset.asb}/data?place=${P.laA}&period=2025-04`);
  assert.equal(response.status, 200, response.text);
  const body = JSON.parse(response.text) as Body;
  assert.equal(body.place?.code, P.laA);
  assert.equal(body.period, '2025-04');
  assert.deepEqual(
    body.rows.map((r) => [r.place_code, r.incidents, r.rate_per_1000]),
    [
      [P.laA, 50, '[z]'],
      [P.a1, '[c]', 1.5],
      [P.a2, '[c]', 10],
      [P.a3, 27, 13.5],
    ],
  );
  const raw = JSON.parse((await owner.get(`/api/v1/datasets/${fixture.dataset.asb}/data?place=${P.laA}&period=2025-04`)).text) as Body;
  assert.deepEqual(raw.access, { basis: 'owner', agreementId: null, raw: true });
  assert.deepEqual(raw.rows.map((r) => r.incidents), [50, 3, 20, 27]);
  // A period of the right type with no data: no rows.
  assert.deepEqual((JSON.parse((await partner.get(`/api/v1/datasets/${fixture.dataset.asb}/data?period=2025-01`)).text) as Body).rows, []);
});

test('bad input gets 400 with the reason; unknown datasets and places 404', async () => {
  const anonymous = app.client();
  const cases: [TestClient, string, number, RegExp][] = [
    [partner, `/api/v1/datasets/abc/data`, 400, /positive whole number/],
    [partner, `/api/v1/datasets/0/data`, 400, /positive whole number/],
    [partner, `/api/v1/datasets/${fixture.dataset.asb}/data?period=April`, 400, /period must be/],
    [partner, `/api/v1/datasets/${fixture.dataset.asb}/data?period=2025-Q2`, 400, /2025-Q2 is not a period of this dataset: it is monthly, like 2024-03/],
    [partner, `/api/v1/datasets/${fixture.dataset.asb}/data?place=E0!`, 400, /place must be/],
    [partner, `/api/v1/datasets/${fixture.dataset.asb}/data?place=E06900001&place=E06900002`, 400, /place must be/],
    [partner, `/api/v1/datasets/${fixture.dataset.asb}/data?place=E01999999`, 404, /There is no place E01999999/],
    [partner, `/api/v1/datasets/999999/data`, 404, /There is no dataset 999999/],
    // Anonymous: a hidden dataset is not found whatever the period, never "not a period of this dataset".
    [anonymous, `/api/v1/datasets/${fixture.dataset.asb}/data?period=2025-Q2`, 404, /There is no dataset/],
    [anonymous, `/api/v1/datasets/${fixture.dataset.fires}/data?period=2025-04`, 400, /not a period of this dataset: it is yearly/],
  ];
  for (const [client, path, status, message] of cases) {
    const response = await client.get(path);
    assert.equal(response.status, status, `${path}: ${response.text}`);
    assert.match((JSON.parse(response.text) as { error: string }).error, message, path);
  }
});

test('anonymous callers read public datasets without signing in; the API document describes the route', async () => {
  const anonymous = app.client();
  const fires = JSON.parse((await anonymous.get(`/api/v1/datasets/${fixture.dataset.fires}/data?place=${P.force}`)).text) as Body;
  assert.deepEqual(fires.access, { basis: 'public', agreementId: null, raw: false });
  assert.deepEqual(fires.rows.map((r) => [r.place_code, r.fires]), [
    [P.force, 15],
    [P.laA, '[c]'],
    [P.laB, '[c]'],
  ]);
  const doc = JSON.parse((await anonymous.get('/api/v1/openapi.json')).text) as { paths: Record<string, { get?: { operationId: string; parameters: { name: string }[] } }> };
  const entry = doc.paths['/datasets/{id}/data']?.get;
  assert.equal(entry?.operationId, 'getDatasetData');
  assert.deepEqual(entry?.parameters.map((p) => p.name), ['id', 'place', 'period']);
  assert.ok(app.routeTable.some((r) => r.path === '/api/v1/datasets/:id/data' && r.summary.includes('not stateless')));
});

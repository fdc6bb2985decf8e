// The submission routes through the real app: the API with organisation tokens (missing, unknown,
// revoked, expired, for another dataset), its answers (201 stored, 200 identical, 422 problems, 413
// too large, 415 not CSV), the upload page with its problem report, the history with late and
// missing periods, and the admin's token pages. Every refusal leaves the submission tables as they were.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { systemActor } from '../../platform/audit/audit.service.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { startTestApp, type TestApp, type TestClient, type TestResponse } from '../../testing/harness.ts';
import { places } from '../places/places.tables.ts';
import { hashToken } from './api-tokens.service.ts';
import { addDays, periodsDue } from './periods.ts';
import { apiTokens, datasetColumns, datasets, datasetSubmitters, organisations, submissionPeriods, submissionRows, submissions } from './datahub.tables.ts';

let app: TestApp;
let partner: TestClient;
let outsider: TestClient;
let admin: TestClient;
const ids: Record<string, number> = {};
let token = '';
let expiresOn = '';
let future = '';
let otherToken = '';
const maxBytes = 4096;

before(async () => {
  // Today is the real date: token expiry is judged by the clock, so the dates here follow it.
  app = await startTestApp({ config: { maxImportBytes: maxBytes } });
  expiresOn = addDays(app.services.today(), 30);
  future = `${Number(app.services.today().slice(0, 4)) + 1}-01`;
  const db = app.services.database.db;
  const [council] = await db.insert(organisations).values({ orgId: 'GB-LAE-TSTA', name: 'Test Council', type: 'local_authority' }).returning();
  const [charity] = await db.insert(organisations).values({ orgId: 'GB-CHC-9999991', name: 'Test Charity', type: 'voluntary_sector' }).returning();
  assert.ok(council && charity);
  ids.council = council.id;
  ids.charity = charity.id;
  await db.insert(places).values(['E01000001', 'E01000002', 'E01000003'].map((code) => ({ code, name: code, type: 'lsoa' as const }))).onConflictDoNothing();
  for (const slug of ['test-referrals', 'test-other']) {
    const [d] = await db.insert(datasets).values({ slug, ownerOrganisationId: council.id, name: slug === 'test-referrals' ? 'Test referrals' : 'Test other', geographyLevel: 'lsoa', periodType: 'month', firstPeriod: '2025-01', dueDaysAfterPeriod: 10, sensitivity: 'all_partners', createdByLabel: 'test' }).returning();
    assert.ok(d);
    ids[slug] = d.id;
    await db.insert(datasetColumns).values({ datasetId: d.id, position: 1, name: 'referrals', label: 'Referrals', type: 'count', required: true });
    await db.insert(datasetSubmitters).values({ datasetId: d.id, organisationId: council.id });
  }
  token = (await app.services.apiTokens.create(systemActor, { organisationId: council.id, name: 'API test', datasetIds: [ids['test-referrals'] ?? 0], expiresOn })).token;
  otherToken = (await app.services.apiTokens.create(systemActor, { organisationId: council.id, name: 'Other', datasetIds: [ids['test-other'] ?? 0], expiresOn })).token;
  partner = await app.signedIn('partner', { organisation: 'GB-LAE-TSTA' });
  outsider = await app.signedIn('partner', { organisation: 'GB-CHC-9999991' });
  admin = await app.signedIn('admin');
});
after(async () => {
  await app?.close();
});

async function counts() {
  const db = app.services.database.db;
  const [s] = await db.select({ n: count() }).from(submissions);
  const [r] = await db.select({ n: count() }).from(submissionRows);
  const [p] = await db.select({ n: count() }).from(submissionPeriods);
  return { submissions: s?.n, rows: r?.n, periods: p?.n };
}

const post = (body: BodyInit, headers: Record<string, string>, dataset = ids['test-referrals']) =>
  app.client().request('POST', `/api/v1/datasets/${dataset}/submissions`, { body, headers: { 'content-type': 'text/csv', ...headers } });
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const good = 'place_code,period,referrals\nE01000001,2025-01,4\nE01000002,2025-01,5\n';

async function refusedBy(status: number, pattern: RegExp, send: () => Promise<TestResponse>) {
  const before = await counts();
  const response = await send();
  assert.equal(response.status, status, response.text);
  assert.match(response.text, pattern);
  assert.deepEqual(await counts(), before, 'nothing changed');
  return response;
}

test('the API refuses a request without a usable token, saying why, and changes nothing', async () => {
  const none = await refusedBy(401, /Send an organisation API token/, () => post(good, {}));
  assert.equal(none.text.includes('Bearer'), true);
  await refusedBy(401, /"reason":"unknown"/, () => post(good, bearer('sp_not-a-real-token')));
  await refusedBy(403, new RegExp(`This token is for dataset ${ids['test-other']} only, not dataset ${ids['test-referrals']} \\(Test referrals\\)`), () => post(good, bearer(otherToken)));

  // An expired token (expired yesterday), stored as the service would store it.
  const expired = 'sp_expired-token-for-the-test-0000000000000000';
  await app.services.database.db.insert(apiTokens).values({ organisationId: ids.council ?? 0, name: 'Old', tokenHash: hashToken(expired), prefix: expired.slice(0, 11), datasetIds: [ids['test-referrals'] ?? 0], createdByLabel: 'test', expiresAt: new Date(Date.now() - 86_400_000) });
  await refusedBy(401, /The API token has expired.*"reason":"expired"/, () => post(good, bearer(expired)));

  const revokedToken = (await app.services.apiTokens.create(systemActor, { organisationId: ids.council ?? 0, name: 'To revoke', datasetIds: [ids['test-referrals'] ?? 0], expiresOn }));
  await app.services.apiTokens.revoke(systemActor, revokedToken.row.id);
  await refusedBy(401, /The API token has been revoked.*"reason":"revoked"/, () => post(good, bearer(revokedToken.token)));
  const audit = await app.services.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, String(revokedToken.row.id)));
  assert.ok(audit.some((a) => a.action === 'token-use' && /refused: the token is revoked/.test(a.summary)), 'the refused use is audited');
});

test('the API refuses bad files with the problems, over-size and non-CSV files at once, changing nothing', async () => {
  const invalid = await refusedBy(422, /"problemCount":2/, () => post('place_code,period,referrals\nE01000009,2025-01,4\nE01000001,2025-01,-1\n', bearer(token)));
  const body = JSON.parse(invalid.text) as { problems: { row: number; column: string; message: string }[] };
  assert.deepEqual(body.problems.map((p) => [p.row, p.column]), [[2, 'place_code'], [3, 'referrals']]);
  const csv = await refusedBy(422, /^row,column,value,problem\r\n2,place_code,E01000009,E01000009 is not a known LSOA code/, () => post('place_code,period,referrals\nE01000009,2025-01,4\n', { ...bearer(token), accept: 'text/csv' }));
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
  await refusedBy(422, /The header is missing the column: referrals/, () => post('place_code,period,count\nE01000001,2025-01,4\n', bearer(token)));
  await refusedBy(422, /formula is refused/, () => post('place_code,period,referrals\n=cmd|calc,2025-01,4\n', bearer(token)));
  await refusedBy(422, new RegExp(`${future} has not ended or started yet`), () => post(`place_code,period,referrals\nE01000001,${future},4\n`, bearer(token)));
  await refusedBy(413, /larger than/, () => post(good + 'x'.repeat(maxBytes), bearer(token)));
  await refusedBy(415, /not a CSV file: it is a zip file/, () => post(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), bearer(token)));
  await refusedBy(415, /Content-Type: text\/csv/, () => post('{}', { ...bearer(token), 'content-type': 'application/json' }));
});

test('the API stores a good file (201), then recognises the same file (200), and takes multipart too', async () => {
  const stored = await post(good, { ...bearer(token), 'x-file-name': 'january.csv' });
  assert.equal(stored.status, 201, stored.text);
  const body = JSON.parse(stored.text) as { submission: { id: number; rows: number; periods: string[]; fileName: string }; changes: string[] };
  assert.deepEqual([body.submission.rows, body.submission.periods, body.submission.fileName], [2, ['2025-01'], 'january.csv']);
  assert.deepEqual(body.changes, ['2025-01: first data for the period, 2 rows']);
  const again = await refusedBy(200, /nothing changed/, () => post(good, bearer(token)));
  assert.equal((JSON.parse(again.text) as { submissionId: number }).submissionId, body.submission.id);

  const form = new FormData();
  form.set('file', new Blob(['place_code,period,referrals\nE01000001,2025-02,1\n'], { type: 'text/csv' }), 'february.csv');
  const multipart = await app.client().request('POST', `/api/v1/datasets/${ids['test-referrals']}/submissions`, { body: form, headers: bearer(token) });
  assert.equal(multipart.status, 201, multipart.text);
  const [used] = await app.services.database.db.select().from(apiTokens).where(eq(apiTokens.tokenHash, hashToken(token)));
  assert.ok(used?.lastUsedAt, 'last use recorded');
});

test('the upload page: problems shown with a downloadable report for the uploader only; a good file stored', async () => {
  const page = `/hub/datasets/test-referrals/submit`;
  assert.equal((await partner.get(page)).status, 200);
  assert.equal((await outsider.get(page)).status, 403, 'an organisation that does not submit it');
  const before = await counts();
  const bad = await partner.upload(page, { name: 'bad.csv', content: 'place_code,period,referrals\nE01000001,2025-03,x\nE01000002,2025-03,=1+2\n' }, page);
  assert.equal(bad.status, 422);
  assert.match(bad.text, /2 problems found: nothing was stored/);
  assert.match(bad.text, /x is not a count/);
  assert.deepEqual(await counts(), before);
  const link = /href="(\/hub\/datasets\/test-referrals\/submit\/problems\/[\w-]+)"/.exec(bad.text)?.[1];
  assert.ok(link);
  const report = await partner.get(link);
  assert.equal(report.status, 200);
  assert.match(report.text, /^row,column,value,problem\r\n2,referrals,x,"x is not a count: a whole number, 0 or more"\r\n3,referrals,'=1\+2,/);
  assert.equal((await outsider.get(link)).status, 404, 'not for someone else');

  const binary = await partner.upload(page, { name: 'book.xlsx', content: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]) }, page);
  assert.equal(binary.status, 415);
  assert.match(binary.text, /save the sheet as CSV UTF-8/);

  const ok = await partner.upload(page, { name: 'march.csv', content: 'place_code,period,referrals\nE01000001,2025-03,3\n' }, page);
  assert.equal(ok.status, 201);
  assert.match(ok.text, /Submission #\d+ stored/);
  assert.match(ok.text, /2025-03: first data for the period, 1 row/);
});

test('the submissions page lists history and late and missing periods; admins see it, outsiders do not', async () => {
  const page = await partner.get('/hub/datasets/test-referrals/submissions');
  assert.equal(page.status, 200);
  assert.match(page.text, /january\.csv/);
  // Due 10 days after each month from 2025-01; January to March were submitted today, so late.
  const due = periodsDue({ periodType: 'month', firstPeriod: '2025-01', dueDaysAfterPeriod: 10 }, app.services.today());
  for (const { period } of due) assert.match(page.text, new RegExp(`<td class="govuk-table__cell">${period.label}</td>`));
  assert.match(page.text, new RegExp(`${due.length - 3} missing, 3 late, 0 on time`));
  assert.equal((await admin.get('/hub/datasets/test-referrals/submissions')).status, 200);
  assert.equal((await outsider.get('/hub/datasets/test-referrals/submissions')).status, 403);
});

test('admins create a token (shown once), list it and revoke it', async () => {
  const list = '/staff/hub/tokens';
  assert.equal((await admin.get(list)).status, 200);
  assert.equal((await partner.get(list)).status, 403);
  const refused = await admin.postForm(list, { organisationId: String(ids.charity), name: 'x', datasetIds: String(ids['test-referrals']), expiresOn });
  assert.equal(refused.status, 400);
  assert.match(refused.text, /Test Charity does not submit dataset/);
  const created = await admin.postForm(list, { organisationId: String(ids.council), name: 'Made on the page', datasetIds: String(ids['test-referrals']), expiresOn });
  assert.equal(created.location, '/staff/hub/tokens/created');
  const shown = await admin.get('/staff/hub/tokens/created');
  const made = /<code id="new-token">(sp_[\w-]{43})<\/code>/.exec(shown.text)?.[1];
  assert.ok(made);
  assert.equal((await admin.get('/staff/hub/tokens/created')).status, 303, 'shown once');
  assert.equal((await post('place_code,period,referrals\nE01000003,2025-04,1\n', bearer(made))).status, 201);
  const [row] = await app.services.database.db.select().from(apiTokens).where(eq(apiTokens.tokenHash, hashToken(made)));
  assert.ok(row);
  const listed = await admin.get(list);
  assert.match(listed.text, new RegExp(`${row.prefix}…`));
  assert.ok(!listed.text.includes(made), 'the list never shows the token');
  assert.equal((await admin.postForm(`${list}/${row.id}/revoke`, {}, list)).status, 303);
  await refusedBy(401, /revoked/, () => post('place_code,period,referrals\nE01000003,2025-05,1\n', bearer(made)));
});

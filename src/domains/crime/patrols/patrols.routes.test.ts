import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, isNull } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestClient } from '../../../testing/harness.ts';
import { measures, observations } from '../../measures/measures.tables.ts';
import { insertStreetCrimes, type TestCrime } from '../hotspots/test-fixtures.ts';

let app: TestApp;
let viewer: TestClient;
let editor: TestClient;

before(async () => {
  app = await startTestApp();
  viewer = await app.signedIn('viewer');
  editor = await app.signedIn('editor');
});
after(async () => {
  await app?.close();
});

async function uploadCsv(client: TestClient, name: string, lines: string[]) {
  return client.upload('/staff/patrols/upload', { name, content: `${lines.join('\r\n')}\r\n` }, '/staff/patrols');
}

test('without a register: the page says so, the API answers 404, an upload is refused with a clear error', async () => {
  const page = await viewer.get('/staff/patrols');
  assert.equal(page.status, 200);
  assert.match(page.text, /There is no current hotspot register/);
  assert.equal((await app.client().get('/api/v1/patrols/compliance')).status, 404);
  const upload = await uploadCsv(editor, 'visits.csv', ['hotspot_id,unit,start,end', 'H01,A1,2024-03-04T10:00:00Z,2024-03-04T10:20:00Z']);
  assert.equal(upload.status, 400);
  assert.match(upload.text, /govuk-error-summary[\s\S]*no current hotspot register/);
  assert.equal((await app.client().get('/staff/patrols')).status, 303, 'signed-out visitors are sent to sign in');
});

test('uploads: editors only with CSRF; problems by file, row and column; stored all or nothing; the same file twice changes nothing', async () => {
  const crimes: TestCrime[] = [];
  for (let row = 800; row < 810; row++) for (let col = 2000; col < 2010; col++) crimes.push({ month: '2023-04', crimeType: 'Burglary', easting: col * 250 + 1, northing: row * 250 + 1 });
  for (let i = 0; i < 40; i++) crimes.push({ month: '2023-04', crimeType: 'Burglary', easting: 2004 * 250 + 9, northing: 804 * 250 + 9 });
  await insertStreetCrimes(app.services.database.db, crimes);
  await app.services.hotspots.saveRegister({ userId: null, label: 'test' }, { crimeTypes: ['Burglary'], from: '2023-04', to: '2023-04', cellSize: 250, fdr: false, top: 1 }, 'Test register');

  assert.equal((await uploadCsv(viewer, 'visits.csv', ['hotspot_id,unit,start,end'])).status, 403);
  const form = new FormData();
  form.set('file', new Blob(['hotspot_id,unit,start,end\n'], { type: 'text/csv' }), 'x.csv');
  assert.equal((await editor.request('POST', '/staff/patrols/upload', { body: form })).status, 403, 'no CSRF token');

  const bad = await uploadCsv(editor, 'bad.csv', ['hotspot_id,unit,start,end', 'H01,A1,2024-03-04T10:00:00Z,2024-03-04T10:20:00Z', 'H07,A1,2024-03-05T10:00:00Z,2024-03-05T10:20:00Z']);
  assert.equal(bad.status, 400);
  assert.match(bad.text, /File bad.csv, row 3, column hotspot_id: &quot;H07&quot; is not a registered hotspot/);
  assert.match(bad.text, /Nothing was stored/);
  assert.match((await viewer.get('/staff/patrols')).text, /No patrol records have been imported for it yet/);

  const lines = ['hotspot_id,unit,start,end', 'H01,A1,2024-03-04T10:00:00Z,2024-03-04T10:20:00Z', 'H01,A1,2024-03-08T10:00:00Z,2024-03-08T10:05:00Z', 'H01,A1,2024-03-12T10:00:00Z,2024-03-12T10:30:00Z'];
  const good = await uploadCsv(editor, 'visits.csv', lines);
  assert.equal(good.status, 303, good.text.slice(0, 400));
  assert.match((await editor.get('/staff/patrols')).text, /visits.csv: 3 rows of visits read, 3 visits stored against register &quot;Test register&quot;/, 'the flash after the upload');
  const page = await viewer.get('/staff/patrols');
  // 4–12 March: windows 4–6 (20 min), 7–9 (5 min), 10–12 (30 min): 2 of 3.
  assert.match(page.text, /<strong>66.7%<\/strong> of hotspot three-day windows were patrolled: 2 of 3/);
  assert.match(page.text, /Yes \(20 min\)<\/td><td class="govuk-table__cell app-dosage-grid__no">No \(5 min\)<\/td><td class="govuk-table__cell app-dosage-grid__yes">Yes \(30 min\)/);
  assert.match(page.text, /police.uk gives each crime’s month only/);

  const again = await uploadCsv(editor, 'visits-again.csv', lines);
  assert.equal(again.status, 303);
  assert.match((await editor.get('/staff/patrols')).text, /already imported .*nothing changed/);

  const api = JSON.parse((await app.client().get('/api/v1/patrols/compliance?from=2024-03-04&to=2024-03-12')).text);
  assert.deepEqual(api.compliance, { windows: 3, patrolled: 2, percent: (100 * 2) / 3 });
  assert.deepEqual(api.hotspots, [{ id: 'H01', windows: 3, patrolled: 2, percent: (100 * 2) / 3 }]);
  assert.equal(api.crimes, null);
  assert.equal(api.rule.minimumContinuousMinutes, 15);
  const badDates = await app.client().get('/api/v1/patrols/compliance?from=2024-13-01');
  assert.equal(badDates.status, 400);
  assert.match(JSON.parse(badDates.text).error, /first day must be a date/);
  assert.equal((await viewer.get('/staff/patrols?from=2024-03-10&to=2024-03-01')).status, 400);
  assert.doesNotMatch(page.text, /runs beyond the days the patrol records cover/);
  assert.match((await viewer.get('/staff/patrols?from=2024-03-01&to=2024-03-12')).text, /runs beyond the days the patrol records cover \(2024-03-04 to 2024-03-12\)/);
});

test('the feed: editors set it on a measure, and its monthly value is written', async () => {
  const [measure] = await app.services.database.db.select().from(measures).where(eq(measures.slug, 'hotspot-patrol-compliance'));
  assert.ok(measure);
  assert.match((await editor.get('/staff/patrols')).text, new RegExp(`<option value="${measure.id}" selected>`));
  assert.equal((await viewer.request('POST', '/staff/patrols/feed', { body: `measureId=${measure.id}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status, 403);
  const set = await editor.postForm('/staff/patrols/feed', { measureId: String(measure.id) }, '/staff/patrols');
  assert.equal(set.status, 303);
  assert.match((await editor.get('/staff/patrols')).text, /1 new and 0 revised monthly compliance values/);
  const rows = await app.services.database.db.select().from(observations).where(and(eq(observations.measureId, measure.id), isNull(observations.supersededAt)));
  // Feed windows from 1 Jan 2024 every 72 h: 4, 7 and 10 March lie within the records' days (4–12 March).
  assert.deepEqual(rows.map((o) => [o.period, o.placeCode, o.numerator, o.denominator]), [['2024-03', 'E23000026', 2, 3]]);
  const stop = await editor.postForm('/staff/patrols/feed/stop', { measureId: String(measure.id) }, '/staff/patrols');
  assert.equal(stop.status, 303);
  assert.match((await editor.get('/staff/patrols')).text, /no longer takes patrol compliance/);
});

test('the OpenAPI document describes the compliance endpoint', async () => {
  const doc = JSON.parse((await app.client().get('/api/v1/openapi.json')).text);
  assert.deepEqual(doc.paths['/patrols/compliance'].get.parameters.map((p: { name: string }) => p.name), ['from', 'to', 'crimeType']);
});

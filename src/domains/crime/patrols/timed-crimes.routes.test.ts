import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp, type TestClient } from '../../../testing/harness.ts';
import { insertStreetCrimes, type TestCrime } from '../hotspots/test-fixtures.ts';
import { timedCrimeImports, timedCrimes } from './timed-crimes.tables.ts';

let app: TestApp;
let viewer: TestClient;
let editor: TestClient;

const upload = (client: TestClient, path: string, name: string, lines: string[]) => client.upload(path, { name, content: `${lines.join('\r\n')}\r\n` }, '/staff/patrols');
const header = 'crime_reference,crime_type,occurred_at,easting,northing';
let goodCrimes: string[] = [];

before(async () => {
  app = await startTestApp();
  viewer = await app.signedIn('viewer');
  editor = await app.signedIn('editor');
  const crimes: TestCrime[] = [];
  for (let row = 800; row < 810; row++) for (let col = 2000; col < 2010; col++) crimes.push({ month: '2023-04', crimeType: 'Burglary', easting: col * 250 + 1, northing: row * 250 + 1 });
  for (let i = 0; i < 40; i++) crimes.push({ month: '2023-04', crimeType: 'Burglary', easting: 2004 * 250 + 9, northing: 804 * 250 + 9 });
  await insertStreetCrimes(app.services.database.db, crimes);
  await app.services.hotspots.saveRegister({ userId: null, label: 'test' }, { crimeTypes: ['Burglary'], from: '2023-04', to: '2023-04', cellSize: 250, fdr: false, top: 1 }, 'Test register');
  const visits = await upload(editor, '/staff/patrols/upload', 'visits.csv', ['hotspot_id,unit,start,end', 'H01,A1,2024-03-04T10:00:00Z,2024-03-04T10:20:00Z', 'H01,A1,2024-03-08T10:00:00Z,2024-03-08T10:05:00Z', 'H01,A1,2024-03-12T10:00:00Z,2024-03-12T10:30:00Z']);
  assert.equal(visits.status, 303, visits.text.slice(0, 400));
  // Positions from the saved register's H01, a 250 m square: its south-west corner is (e, n).
  const h01 = (await app.services.patrols.currentRegister())?.hotspots.find((h) => h.hotspotId === 'H01');
  assert.ok(h01);
  const e = Math.min(...h01.polygon.map((p) => p[0]));
  const n = Math.min(...h01.polygon.map((p) => p[1]));
  goodCrimes = [
    header,
    `X1,Burglary,2024-03-05T12:00:00Z,${e + 100},${n + 100}`, // window 4–6 March (patrolled, 20 min)
    `X2,Burglary,2024-03-08T12:00:00Z,${e + 100},${n + 100}`, // window 7–9 March (not patrolled, 5 min)
    `X3,Robbery,2024-03-08T13:00:00Z,${e + 200},${n + 200}`, // window 7–9 March
    `X4,Burglary,2024-03-08T13:00:00Z,${e + 2000},${n + 100}`, // 2 km east: in no hotspot
  ];
});
after(async () => {
  await app?.close();
});

const api = async (query: string) => {
  const res = await app.client().get(`/api/v1/patrols/compliance?${query}`);
  return { status: res.status, body: JSON.parse(res.text) };
};

test('no timed crimes: the page and the API say so plainly, with why police.uk cannot be used', async () => {
  const page = await viewer.get('/staff/patrols?from=2024-03-04&to=2024-03-12');
  assert.match(page.text, /No timed crime records are loaded for this period/);
  assert.match(page.text, /police.uk gives each crime’s month only/);
  assert.doesNotMatch(page.text, /Import timed crime records/, 'viewers see no upload form');
  assert.match((await editor.get('/staff/patrols')).text, /Import timed crime records/);
  const { body } = await api('from=2024-03-04&to=2024-03-12');
  assert.equal(body.crimes, null);
  assert.match(body.crimesNote, /^No timed crime records are loaded for this period/);
});

test('upload: viewers refused, CSRF needed, a bad file names file, row and column and changes nothing', async () => {
  assert.equal((await upload(viewer, '/staff/patrols/timed-crimes/upload', 'crimes.csv', goodCrimes)).status, 403);
  const form = new FormData();
  form.set('file', new Blob([goodCrimes.join('\n')], { type: 'text/csv' }), 'crimes.csv');
  assert.equal((await editor.request('POST', '/staff/patrols/timed-crimes/upload', { body: form })).status, 403, 'no CSRF token');

  const bad = await upload(editor, '/staff/patrols/timed-crimes/upload', 'bad-crimes.csv', [header, 'X1,Burglary,2024-03-05T12:00:00Z,501100,201100', 'X2,Burglary,2024-03-08 12:00,501100,201100']);
  assert.equal(bad.status, 400);
  assert.match(bad.text, /File bad-crimes.csv, row 3, column occurred_at: The time &quot;2024-03-08 12:00&quot; does not say its time zone/);
  assert.match(bad.text, /Nothing was stored/);
  assert.equal((await app.services.database.db.select().from(timedCrimeImports)).length, 0);
  assert.equal((await app.services.database.db.select().from(timedCrimes)).length, 0);
});

test('upload and compare: page table and API counts as worked by hand; crime type filter', async () => {
  const good = await upload(editor, '/staff/patrols/timed-crimes/upload', 'crimes.csv', goodCrimes);
  assert.equal(good.status, 303, good.text.slice(0, 400));
  assert.match((await editor.get('/staff/patrols')).text, /crimes.csv: 4 timed crime records stored/, 'the flash after the upload');

  // Windows 4–6 (patrolled, X1), 7–9 (not patrolled, X2 and X3), 10–12 (patrolled, none). X4 is in no hotspot.
  const { status, body } = await api('from=2024-03-04&to=2024-03-12');
  assert.equal(status, 200);
  assert.deepEqual(body.crimes, {
    crimeType: null,
    records: 4,
    recordsOfType: 4,
    inHotspots: 3,
    patrolled: { windows: 2, crimes: 1, perWindow: 0.5 },
    unpatrolled: { windows: 1, crimes: 2, perWindow: 2 },
    byHotspot: [{ id: 'H01', patrolled: { windows: 2, crimes: 1, perWindow: 0.5 }, unpatrolled: { windows: 1, crimes: 2, perWindow: 2 } }],
    partialWindowCrimes: 0,
  });
  assert.match(body.crimesNote, /timed crime records imported from the force/);
  assert.deepEqual(body.timedCrimeCoverage, { first: '2024-03-05', last: '2024-03-08' });

  const robbery = await api('from=2024-03-04&to=2024-03-12&crimeType=Robbery');
  assert.deepEqual([robbery.body.crimes.recordsOfType, robbery.body.crimes.patrolled.crimes, robbery.body.crimes.unpatrolled.crimes], [1, 0, 1]);
  const unknown = await api('from=2024-03-04&to=2024-03-12&crimeType=Arson');
  assert.equal(unknown.status, 400);
  assert.match(unknown.body.error, /No timed crime records have the crime type "Arson"/);

  const page = await viewer.get('/staff/patrols?from=2024-03-04&to=2024-03-12');
  assert.match(page.text, /4 timed crime records fall in the period; 3 are inside a hotspot/);
  assert.match(page.text, /<th scope="row" class="govuk-table__header">Patrolled<\/th><td class="govuk-table__cell govuk-table__cell--numeric">2<\/td><td class="govuk-table__cell govuk-table__cell--numeric">1<\/td><td class="govuk-table__cell govuk-table__cell--numeric">0.50<\/td>/);
  assert.match(page.text, /<th scope="row" class="govuk-table__header">Unpatrolled<\/th><td class="govuk-table__cell govuk-table__cell--numeric">1<\/td><td class="govuk-table__cell govuk-table__cell--numeric">2<\/td><td class="govuk-table__cell govuk-table__cell--numeric">2.00<\/td>/);
  assert.match(page.text, /<option value="Robbery">Robbery<\/option>/);
  assert.match(page.text, /<svg viewBox/);
  assert.doesNotMatch(page.text, /No timed crime records are loaded/);
  assert.match((await viewer.get('/staff/patrols?from=2024-03-04&to=2024-03-12&crimeType=Robbery')).text, /4 timed crime records fall in the period, 1 of them Robbery/);
  assert.equal((await viewer.get('/staff/patrols?crimeType=Arson')).status, 400);

  const again = await upload(editor, '/staff/patrols/timed-crimes/upload', 'crimes-again.csv', goodCrimes);
  assert.equal(again.status, 303);
  assert.match((await editor.get('/staff/patrols')).text, /already imported .*nothing changed/);
  assert.equal((await app.services.database.db.select().from(timedCrimes)).length, 4);
});

test('the OpenAPI document describes the crimes of the compliance endpoint', async () => {
  const doc = JSON.parse((await app.client().get('/api/v1/openapi.json')).text);
  const get = doc.paths['/patrols/compliance'].get;
  assert.deepEqual(get.parameters.map((p: { name: string }) => p.name), ['from', 'to', 'crimeType']);
  assert.deepEqual(get.responses['200'].content['application/json'].schema.properties.crimes.oneOf, [{ type: 'null' }, { $ref: '#/components/schemas/PatrolCrimes' }]);
  assert.deepEqual(Object.keys(doc.components.schemas.PatrolCrimes.properties), ['crimeType', 'records', 'recordsOfType', 'inHotspots', 'patrolled', 'unpatrolled', 'byHotspot', 'partialWindowCrimes']);
});

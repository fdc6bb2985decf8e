import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp, type TestClient } from '../../../testing/harness.ts';
import { clusterBlock, insertStreetCrimes, type TestCrime } from './test-fixtures.ts';

let app: TestApp;
let viewer: TestClient;
let editor: TestClient;

// Burglaries with a clear top hotspot in cell (2004, 804) (41 crimes), April and May 2023, and one ASB.
function block(): TestCrime[] {
  // The same cells, split across two months.
  return [...clusterBlock('2023-04', 'Burglary').slice(0, 100), ...clusterBlock('2023-05', 'Burglary').slice(100), { month: '2023-05', crimeType: 'Anti-social behaviour', easting: 2000 * 250 + 1, northing: 800 * 250 + 1 }];
}

before(async () => {
  app = await startTestApp();
  viewer = await app.signedIn('viewer');
  editor = await app.signedIn('editor');
});
after(async () => {
  await app?.close();
});

test('without data: the page says so, the API answers 404 in JSON, signed-out visitors are sent to sign in', async () => {
  const page = await viewer.get('/staff/hotspots');
  assert.equal(page.status, 200);
  assert.match(page.text, /No police.uk street crimes have been imported yet/);
  const api = await app.client().get('/api/v1/crime/hotspots');
  assert.equal(api.status, 404);
  assert.match(JSON.parse(api.text).error, /No street crimes/);
  assert.equal((await app.client().get('/api/v1/crime/hotspots/register')).status, 404);
  const anonymous = await app.client().get('/staff/hotspots');
  assert.equal(anonymous.status, 303);
  assert.match(anonymous.location ?? '', /^\/sign-in/);
  assert.match((await viewer.get('/staff/hotspots/registers')).text, /No register has been saved yet/);
});

test('with data: the map, the key, the top hotspots and the parameters; bad choices named in the error summary', async () => {
  await insertStreetCrimes(app.services.database.db, block());
  const page = await viewer.get('/staff/hotspots?from=2023-04&to=2023-05&cell=250&fdr=off&top=5');
  assert.equal(page.status, 200, page.text.slice(0, 500));
  assert.match(page.text, /<svg class="app-hotspot-map" id="hotspot-map"[^>]*role="img"/);
  assert.match(page.text, /Hot spot, 99% confidence \(bin \+3\)/);
  assert.match(page.text, /cross-hatched/);
  assert.match(page.text, /No force area boundary is loaded, so the study area is every cell in the rectangle/);
  const table = page.text.slice(page.text.indexOf('id="top-hotspots"'));
  assert.match(table, /<td class="govuk-table__cell govuk-table__cell--numeric">1<\/td>\s*<td class="govuk-table__cell">2004, 804<\/td>/);
  assert.match(page.text, /<input class="govuk-checkboxes__input" id="types-\d+" name="types" type="checkbox" value="Burglary" checked>/);
  assert.match(page.text, /value="Anti-social behaviour">/, 'anti-social behaviour is offered, not ticked');
  assert.doesNotMatch(page.text, /Save \d+ hotspots? as the current register/, 'a viewer cannot save');

  const bad = await viewer.get('/staff/hotspots?from=2023-05&to=2023-04&cell=7');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /govuk-error-summary/);
  assert.match(bad.text, /href="#from">The first month \(2023-05\) must not be after the last month/);
  assert.match(bad.text, /href="#cell">The cell size must be a whole number of metres/);
});

test('API: JSON with parameters, cells counted and the top hotspots with polygons; 400 for a bad parameter', async () => {
  const response = await app.client().get('/api/v1/crime/hotspots?types=burglary&from=2023-04&to=2023-05&top=3&fdr=on');
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /application\/json/);
  assert.equal(response.headers.get('set-cookie'), null, 'stateless');
  const body = JSON.parse(response.text);
  assert.deepEqual(body.parameters.crimeTypes, ['Burglary']);
  assert.equal(body.parameters.fdr, true);
  assert.equal(body.cellsCounted, 100);
  assert.equal(body.points, 160);
  assert.equal(body.hotspots.length, 3);
  assert.deepEqual([body.hotspots[0].col, body.hotspots[0].row, body.hotspots[0].crimes], [2004, 804, 41]);
  assert.equal(body.hotspots[0].polygon.length, 5);
  assert.equal(typeof body.hotspots[0].fdrBin, 'number');
  const bad = await app.client().get('/api/v1/crime/hotspots?types=Arson');
  assert.equal(bad.status, 400);
  assert.match(JSON.parse(bad.text).error, /"Arson" is not a crime type/);
});

test('saving a register: editors only, with CSRF; listed, shown and downloadable; the API gives the current one', async () => {
  const fields = { types: 'Burglary', from: '2023-04', to: '2023-05', cell: '250', fdr: 'off', top: '2', name: 'Spring burglary' };
  const formPage = '/staff/hotspots?from=2023-04&to=2023-05';
  assert.match((await editor.get(formPage)).text, /Save 2 hotspots as the current register|Save \d+ hotspots? as the current register/);
  assert.equal((await viewer.request('POST', '/staff/hotspots/register', { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status, 403);
  const noToken = await editor.request('POST', '/staff/hotspots/register', { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(noToken.status, 403);
  const saved = await editor.postForm('/staff/hotspots/register', fields, formPage);
  assert.equal(saved.status, 303, saved.text.slice(0, 300));
  const path = saved.location ?? '';
  assert.match(path, /^\/staff\/hotspots\/registers\/\d+$/);
  const shown = await editor.get(path);
  assert.match(shown.text, /Spring burglary/);
  assert.match(shown.text, /Saved register &quot;Spring burglary&quot; with \d hotspots as the current register/);
  assert.match(shown.text, /<th scope="row" class="govuk-table__header">H01<\/th><td class="govuk-table__cell">2004, 804<\/td>/);
  const csv = await viewer.get(`${path}/hotspots.csv`);
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
  assert.match(csv.text, /^register_id,hotspot_id,col,row,crimes,z,p,bin,wkt_epsg27700\r\n\d+,H01,2004,804,41,/);
  const geo = JSON.parse((await viewer.get(`${path}/hotspots.geojson`)).text);
  assert.equal(geo.type, 'FeatureCollection');
  assert.equal(geo.crs.properties.name, 'urn:ogc:def:crs:EPSG::27700');
  assert.deepEqual(geo.features[0].geometry.coordinates[0][0], [501000, 201000]);
  assert.match((await viewer.get('/staff/hotspots/registers')).text, /Spring burglary[\s\S]*Current/);
  const api = JSON.parse((await app.client().get('/api/v1/crime/hotspots/register')).text);
  assert.equal(api.name, 'Spring burglary');
  assert.equal(api.hotspots[0].id, 'H01');
  assert.equal((await viewer.get('/staff/hotspots/registers/99999')).status, 404);
});

test('the OpenAPI document describes the hotspot endpoints', async () => {
  const doc = JSON.parse((await app.client().get('/api/v1/openapi.json')).text);
  for (const p of ['/crime/hotspots', '/crime/hotspots/register']) assert.ok(doc.paths[p]?.get, p);
  assert.deepEqual(doc.paths['/crime/hotspots'].get.parameters.map((p: { name: string }) => p.name), ['types', 'from', 'to', 'cell', 'fdr', 'top']);
});

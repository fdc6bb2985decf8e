// The staff import page through the real app: editors import a CSV or a zip, everyone signed in
// sees the months imported, bad files change nothing and say where the problem is.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makeZip } from '../../../testing/make-zip.ts';
import { startTestApp, type TestApp } from '../../../testing/harness.ts';

let app: TestApp;
before(async () => {
  app = await startTestApp({ seed: true });
});
after(async () => {
  await app?.close();
});

const header = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const row = (id: string, month: string, lsoa = 'E01015693,Luton 007A') => `${id},${month},Bedfordshire Police,Bedfordshire Police,-0.418,51.879,On or near Park,${lsoa},Burglary,Under investigation,`;

test('an editor imports a street file; the month is listed with its flags', async () => {
  const editor = await app.signedIn('editor');
  const csv = [header, row('a1', '2024-01'), row('a2', '2024-01', 'E01016700,Milton Keynes 001A'), `,2024-01,Bedfordshire Police,Bedfordshire Police,,,No Location,,,Anti-social behaviour,,`].join('\r\n');
  const response = await editor.upload('/staff/crime/imports', { name: '2024-01-bedfordshire-street.csv', content: csv }, '/staff/crime/imports');
  assert.equal(response.status, 200, response.text.slice(0, 500));
  assert.match(response.text, /Import finished/);
  assert.match(response.text, /3 rows read, 3 stored, none dropped/);
  assert.match(response.text, /Street crimes \(1 file\): 3 rows; 1 without a location — kept, not placed in an area; 1 outside the force area — kept, flagged/);
  const page = await editor.get('/staff/crime/imports');
  assert.match(page.text, /<th scope="row" class="govuk-table__header">2024-01<\/th>/);
  const again = await editor.upload('/staff/crime/imports', { name: '2024-01-bedfordshire-street.csv', content: csv }, '/staff/crime/imports');
  assert.match(again.text, /1 unchanged/);
});

test('a zip imports every police.uk file in it', async () => {
  const editor = await app.signedIn('editor');
  const zip = makeZip([{ name: '2024-02/2024-02-bedfordshire-street.csv', content: [header, row('b1', '2024-02')].join('\r\n'), deflate: true }]);
  const response = await editor.upload('/staff/crime/imports', { name: 'download.zip', content: new Uint8Array(zip), type: 'application/zip' }, '/staff/crime/imports');
  assert.equal(response.status, 200);
  assert.match(response.text, /1 added/);
});

test('a bad file is refused with the file, row and column, and nothing is stored', async () => {
  const editor = await app.signedIn('editor');
  const bad = [header, row('c1', '2024-03'), row('c2', '2024-04')].join('\r\n');
  const response = await editor.upload('/staff/crime/imports', { name: '2024-03-bedfordshire-street.csv', content: bad }, '/staff/crime/imports');
  assert.equal(response.status, 400);
  assert.match(response.text, /govuk-error-summary/);
  assert.match(response.text, /2024-03-bedfordshire-street\.csv, row 3, column Month: 2024-04 is not the file&#39;s month 2024-03/);
  const page = await editor.get('/staff/crime/imports');
  assert.doesNotMatch(page.text, />2024-03<\/th>/);
});

test('viewers see the imports but cannot import; signed-out visitors are sent to sign in', async () => {
  const viewer = await app.signedIn('viewer');
  const page = await viewer.get('/staff/crime/imports');
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /enctype="multipart\/form-data"/);
  const refused = await viewer.upload('/staff/crime/imports', { name: '2024-05-bedfordshire-street.csv', content: [header, row('d1', '2024-05')].join('\r\n') }, '/staff/crime/imports');
  assert.equal(refused.status, 403);
  const anonymous = await app.client().get('/staff/crime/imports');
  assert.ok([302, 303].includes(anonymous.status));
});

// Place profile pages and downloads through HTTP, on the engine the tests run on: who gets the page,
// the CSV, a 403 or a 404, and that the CSV carries [c] where the page does, never the number.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp, type TestClient } from '../../testing/harness.ts';
import { insertHubFixture, orgIds, P } from './profiles.fixtures.ts';

let app: TestApp;
let partner: TestClient;
let outsider: TestClient;
let owner: TestClient;

before(async () => {
  app = await startTestApp({ today: '2025-06-30' });
  await insertHubFixture(app.services.database.db);
  partner = await app.signedIn('partner', { organisation: orgIds.police });
  outsider = await app.signedIn('partner', { organisation: orgIds.nhs });
  owner = await app.signedIn('partner', { organisation: orgIds.council });
});
after(async () => {
  await app?.close();
});

/** The text of a table row whose header cell holds `label`, tags stripped. */
function rowText(html: string, label: string): string {
  const rows = (html.match(/<tr[\s\S]*?<\/tr>/g) ?? []).filter((r) => r.includes(label));
  assert.ok(rows.length, `no row for ${label}`);
  return (rows[0] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

test('a partner under the agreement sees the profile: the LA total, the suppressed LSOA and its complement', async () => {
  const page = await partner.get(`/hub/places/${P.laA}?period=2025-04`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Test antisocial behaviour/);
  assert.match(page.text, /Test fires/);
  assert.match(page.text, /Test empty[\s\S]*No data yet/);
  assert.match(rowText(page.text, 'Alphaton 001A</a>'), /Alphaton 001A \[c\] 1\.50/);
  assert.match(rowText(page.text, 'Alphaton 001B</a>'), /Alphaton 001B \[c\] 10/);
  assert.match(rowText(page.text, 'Alphaton 001C</a>'), /Alphaton 001C 27 13\.50/);
  assert.match(page.text, /April 2025<\/th><td class="govuk-table__cell govuk-table__cell--numeric">50<\/td>/);
  assert.match(page.text, new RegExp(`href="/hub/places/${P.laA}/datasets/test-asb.csv"`));
  assert.match(page.text, /href="\/hub\/datasets\/test-asb\/data.csv"/);
});

test('the place CSV and the whole-dataset CSV carry [c], not the number; the owner gets raw counts', async () => {
  const place = await partner.get(`/hub/places/${P.laA}/datasets/test-asb.csv`);
  assert.equal(place.status, 200);
  assert.match(place.headers.get('content-type') ?? '', /text\/csv/);
  assert.match(place.headers.get('content-disposition') ?? '', /attachment; filename="test-asb-E06900001.csv"/);
  const lines = place.text.trim().split('\r\n');
  assert.equal(lines[0], 'period,place_code,place_name,place_type,incidents,rate_per_1000');
  assert.ok(lines.includes(`2025-04,${P.laA},Alphaton,local_authority,50,[z]`), place.text);
  assert.ok(lines.includes(`2025-04,${P.a1},Alphaton 001A,lsoa,[c],1.5`), place.text);
  assert.ok(lines.includes(`2025-04,${P.a2},Alphaton 001B,lsoa,[c],10`), place.text);
  assert.ok(!lines.some((l) => l.startsWith(`2025-04,${P.a1},`) && l.includes(',3,')));
  const whole = await partner.get('/hub/datasets/test-asb/data.csv');
  assert.equal(whole.status, 200);
  assert.ok(whole.text.includes(`2025-04,${P.a1},Alphaton 001A,[c],1.5,low\r\n`), whole.text);
  assert.ok(whole.text.includes(`2025-04,${P.b1},Betaford 001A,50,25,high\r\n`), whole.text);
  const raw = await owner.get('/hub/datasets/test-asb/data.csv');
  assert.ok(raw.text.includes(`2025-04,${P.a1},Alphaton 001A,3,1.5,low\r\n`), raw.text);
});

test('a partner outside the agreement: the page leaves the dataset out, the CSVs are refused with 403', async () => {
  const page = await outsider.get(`/hub/places/${P.laA}`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /Test antisocial behaviour/);
  assert.match(page.text, /Test fires/);
  for (const path of [`/hub/places/${P.laA}/datasets/test-asb.csv`, '/hub/datasets/test-asb/data.csv']) {
    const refused = await outsider.get(path);
    assert.equal(refused.status, 403, path);
    assert.doesNotMatch(refused.text, /Alphaton 001A|\[c\]/);
    assert.match(refused.text, /No live data-sharing agreement/);
  }
  assert.equal((await outsider.get('/hub/datasets/no-such-dataset/data.csv')).status, 404);
  assert.equal((await outsider.get('/hub/places/E01999999')).status, 404);
});

test('anonymous visitors: the hub pages ask them to sign in; the public page and CSVs hold public datasets only', async () => {
  const anonymous = app.client();
  const hub = await anonymous.get(`/hub/places/${P.laA}`);
  assert.equal(hub.status, 303);
  assert.match(hub.location ?? '', /^\/sign-in/);
  assert.equal((await anonymous.get('/hub/datasets/test-asb/data.csv')).status, 303);
  const page = await anonymous.get(`/places/${P.laA}/data`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Test fires/);
  assert.doesNotMatch(page.text, /Test antisocial behaviour|Test empty/);
  // Alphaton's 12 fires are suppressed: Betaford's 3 is small and the force total is shown.
  assert.match(rowText(page.text, '>2024</th>'), /^2024 \[c\]$/);
  const fires = await anonymous.get(`/places/${P.laA}/data/test-fires.csv`);
  assert.equal(fires.status, 200);
  assert.ok(fires.text.includes(`2024,${P.laA},Alphaton,local_authority,[c]\r\n`), fires.text);
  const force = await anonymous.get(`/places/${P.force}/data/test-fires.csv`);
  assert.ok(force.text.includes(`2024,${P.force},Testshire,force_area,15\r\n`), force.text);
  // A non-public dataset does not exist for them, whatever its name.
  const hidden = await anonymous.get(`/places/${P.laA}/data/test-asb.csv`);
  assert.equal(hidden.status, 404);
  assert.doesNotMatch(hidden.text, /Test antisocial behaviour|agreement/);
  assert.equal((await anonymous.get('/places/E01999999/data')).status, 404);
  // Signed in or not, the public page shows public datasets only.
  assert.doesNotMatch((await partner.get(`/places/${P.laA}/data`)).text, /Test antisocial behaviour/);
});

test('the places list leads to the profiles', async () => {
  const list = await partner.get('/hub/places');
  assert.equal(list.status, 200);
  assert.match(list.text, new RegExp(`href="/hub/places/${P.force}">Testshire`));
  assert.match(list.text, new RegExp(`href="/hub/places/${P.laA}">Alphaton`));
  const profile = await partner.get(`/hub/places/${P.force}`);
  assert.match(profile.text, new RegExp(`href="/hub/places/${P.laB}">Betaford`));
});

// The staff places page through the real app: counts, the force area's places with populations, the
// import list; the upload (editors only) goes through the same import as the CLI, all or nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';

let app: TestApp;
before(async () => {
  app = await startTestApp({ today: '2025-06-30' });
});
after(async () => {
  await app?.close();
});

const population = '\uFEFF2021 super output area - lower layer,LSOA21CD,Population\r\nLuton 023C,E01033805,"1,650"\r\nLuton 001A,E01015499,1500\r\nBedford 001A,E01017540,1800\r\n';

test('the page shows counts, the force area with populations and LSOA counts, and is linked from the staff area', async () => {
  const viewer = await app.signedIn('viewer');
  assert.match((await viewer.get('/staff')).text, /href="\/staff\/places"/);
  const page = await viewer.get('/staff/places');
  assert.equal(page.status, 200);
  assert.match(page.text, /<caption[^>]*>Places by type<\/caption>/);
  assert.match(page.text, /Local authorities<\/th><td class="govuk-table__cell govuk-table__cell--numeric">3<\/td>/);
  assert.match(page.text, /Bedfordshire \(E23000026\): local authorities and community safety partnerships, population in 2025/);
  assert.match(page.text, /Luton <span class="govuk-body-s">E06000032<\/span>[\s\S]*?225,300 <span class="govuk-body-s">\(2021, its own figure\)/);
  assert.match(page.text, /No place data has been imported yet/);
  assert.doesNotMatch(page.text, /action="\/staff\/places\/import"/, 'viewers see no upload form');
  assert.equal((await viewer.upload('/staff/places/import', { name: 'p.csv', content: population }, '/staff/places')).status, 403);
});

test('an editor imports a population file and a lookup from the page; a bad file is refused with its row and column', async () => {
  const editor = await app.signedIn('editor');
  const form = new FormData();
  const token = await editor.csrfFrom('/staff/places');
  form.set('_csrf', token);
  form.set('kind', 'population');
  form.set('file', new Blob([population], { type: 'text/csv' }), 'pop.csv');
  const ok = await editor.request('POST', '/staff/places/import', { body: form });
  assert.equal(ok.status, 200);
  assert.match(ok.text, /pop\.csv: Census 2021 population by LSOA/);
  assert.match(ok.text, /LSOAs added 3, updated 0, unchanged 0/);
  const page = await editor.get('/staff/places');
  assert.match(page.text, /LSOAs<\/th><td class="govuk-table__cell govuk-table__cell--numeric">3<\/td>/);
  assert.match(page.text, /<td class="govuk-table__cell">pop\.csv<br>/);
  assert.match(page.text, /Test editor &lt;editor\d+@example\.org&gt;/);
  // Luton now has two LSOAs summing to 3,150 beside its own Census figure.
  assert.match(page.text, /Luton <span class="govuk-body-s">E06000032<\/span>[\s\S]*?225,300[\s\S]*?>2<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">3,150<\/td>/);
  const audit = await app.services.database.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'place_import'));
  assert.equal(audit.length, 1);
  assert.match(audit[0]?.actorLabel ?? '', /^Test editor/);

  const lookup = new FormData();
  lookup.set('_csrf', await editor.csrfFrom('/staff/places'));
  lookup.set('kind', 'lookup');
  lookup.set('file', new Blob(['\uFEFFLAD17CD,LAD17NM,CSP17CD,CSP17NM,PFA17CD,PFA17NM,FID\r\nE06000032,Luton,E22000010,Luton,E23000026,Bedfordshire,1\r\n']), 'lad.csv');
  const reparented = await editor.request('POST', '/staff/places/import', { body: lookup });
  assert.match(reparented.text, /Re-parented 1: Luton \(E06000032\) from Bedfordshire to Luton \(E22000010\)/);
  assert.match((await editor.get('/staff/places')).text, /Community safety partnership<\/td>\s*<td class="govuk-table__cell">Bedfordshire<\/td>/);

  const bad = new FormData();
  bad.set('_csrf', await editor.csrfFrom('/staff/places'));
  bad.set('kind', 'population');
  bad.set('file', new Blob(['LSOA21CD,Population\nE01000001,12\nE01000002,lots\n']), 'bad.csv');
  const refused = await editor.request('POST', '/staff/places/import', { body: bad });
  assert.equal(refused.status, 400);
  assert.match(refused.text, /File bad\.csv, row 3, column Population: &quot;lots&quot; is not a whole number of people/);
  assert.match(refused.text, /Nothing was stored/);
  assert.equal((await app.services.places.countsByType()).lsoa, 3);

  const nothing = new FormData();
  nothing.set('_csrf', await editor.csrfFrom('/staff/places'));
  const empty = await editor.request('POST', '/staff/places/import', { body: nothing });
  assert.equal(empty.status, 400);
  assert.match(empty.text, /Choose what the file holds/);
  assert.match(empty.text, /Choose a file to import/);
});

// The crime pages and the counts API through the real app: "no data yet", then fixture rows (the
// seeded Bedfordshire places with invented LSOAs and counts): filters, areas, JSON and CSV, the
// 400s that name the parameter, the OpenAPI entry, and a cache keyed by the query string.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../testing/harness.ts';
import { placePopulations, places } from '../../places/places.tables.ts';
import { crimeCounts, policeUkFiles, stopSearches } from '../crime.tables.ts';

let app: TestApp;
const BEDFORD = 'E06000055';
const LUTON = 'E06000032';
const lsoas = [
  { code: 'E01000001', name: 'Bedford 001A', parentCode: BEDFORD, population: 1500 },
  { code: 'E01000002', name: 'Bedford 001B', parentCode: BEDFORD, population: 1700 },
  { code: 'E01000003', name: 'Luton 001A', parentCode: LUTON, population: 1600 },
];
// [month, lsoa, type, crimes, with id, charged]
const rows: [string, string, string, number, number, number][] = [
  ['2023-01', 'E01000001', 'Burglary', 4, 4, 1],
  ['2023-01', 'E01000003', 'Drugs', 2, 2, 2],
  ['2023-01', '', 'Burglary', 1, 1, 0],
  ['2023-02', 'E01000001', 'Burglary', 1, 1, 0],
  ['2023-02', 'E01000002', 'Anti-social behaviour', 9, 0, 0],
  ['2023-03', 'E01000003', 'Burglary', 3, 3, 1],
];

before(async () => {
  app = await startTestApp();
});
after(async () => {
  await app?.close();
});

async function loadFixtures() {
  const db = app.services.database.db;
  await db.insert(places).values(lsoas.map((l) => ({ code: l.code, name: l.name, type: 'lsoa' as const, parentCode: l.parentCode })));
  await db.insert(placePopulations).values(lsoas.map((l) => ({ placeCode: l.code, year: 2021, population: l.population, source: 'test' })));
  await db.insert(crimeCounts).values(rows.map(([m, l, t, c, w, ch]) => ({ month: `${m}-01`, lsoaCode: l, crimeType: t, crimes: c, crimesWithId: w, chargedOrSummonsed: ch })));
  const [file] = await db
    .insert(policeUkFiles)
    .values({ kind: 'stop-and-search', force: 'bedfordshire', month: '2023-01', fileName: '2023-01-bedfordshire-stop-and-search.csv', sha256: 'x', rows: 2, stored: 2, withoutLocation: 1, outsideForceArea: 0, antiSocialBehaviour: 0, repeatedCrimeIds: 0, importedBy: 'test' })
    .returning();
  assert.ok(file);
  await db.insert(stopSearches).values([
    { fileId: file.id, line: 2, month: '2023-01-01', occurredAt: new Date('2023-01-02T10:00:00Z'), type: 'Person search', objectOfSearch: 'Controlled drugs', outcome: 'Arrest', outcomeLinkedToObject: true, selfDefinedEthnicity: 'Other ethnic group - Not stated' },
    { fileId: file.id, line: 3, month: '2023-01-01', occurredAt: new Date('2023-01-03T10:00:00Z'), type: 'Person search', objectOfSearch: 'Controlled drugs', outcome: 'A no further action disposal', outcomeLinkedToObject: false },
  ]);
  // Rows written straight to the tables, not through a service: empty the cache as a change would.
  app.services.queryCache.clear();
}

const sum = (filter: (r: (typeof rows)[number]) => boolean) => rows.filter(filter).reduce((s, r) => s + r[3], 0);

test('before any import: "No crime data imported yet" with the command to run; the API answers no rows', async () => {
  for (const path of ['/crime', `/crime/areas/${BEDFORD}`]) {
    const page = await app.client().get(path);
    assert.equal(page.status, 200, path);
    assert.match(page.text, /No crime data imported yet/);
    assert.match(page.text, /npx safer import police-uk/);
  }
  const api = await app.client().get('/api/v1/crime/counts');
  assert.equal(api.status, 200);
  assert.deepEqual(JSON.parse(api.text).rows, []);
  // The public header links to the crime pages.
  assert.match((await app.client().get('/')).text, /href="\/crime"/);
});

test('the force area page: SPC judgement, types with rates and charged share, local authorities, not placed, stop and search, coverage', async () => {
  await loadFixtures();
  const page = await app.client().get('/crime');
  assert.equal(page.status, 200);
  const allCrime = sum((r) => r[2] !== 'Anti-social behaviour');
  assert.match(page.text, new RegExp(`All crime \\(every type except anti-social behaviour\\): ${allCrime} recorded from January 2023 to March 2023, ${((allCrime / 704800) * 1000).toFixed(2)} per 1,000 residents`));
  assert.match(page.text, /app-spc-chart/);
  assert.match(page.text, /id="variation"|id="variation-none"/);
  assert.match(page.text, /<caption[^>]*>Crimes by type in Bedfordshire/);
  assert.match(page.text, /Suspect charged as part of another case/, 'the charged-or-summonsed definition is on the page');
  // Burglary: 9 crimes with an ID, 2 charged.
  assert.match(page.text, /type=Burglary">Burglary<\/a><\/th>\s*<td[^>]*>9<\/td>\s*<td[^>]*>[\d.]+<\/td>\s*<td[^>]*>9<\/td>\s*<td[^>]*>2<\/td>\s*<td[^>]*>22\.2%<\/td>/);
  assert.match(page.text, /href="\/crime\/areas\/E06000055">Bedford<\/a>/);
  assert.match(page.text, /id="not-placed-text">1 of these crimes are in the force area total but in no local authority of it: 1 have no location/);
  assert.match(page.text, /id="linked-share">50\.0%/);
  assert.match(page.text, /Population by ethnicity is not loaded, so there are no rates/);
  assert.match(page.text, /<caption[^>]*>police\.uk files loaded/);
  assert.match(page.text, /<label class="govuk-label govuk-label--s" for="type">Crime type<\/label>/);
});

test('filters by period and type work as a plain GET form; areas and LSOAs have pages; unknown areas are 404', async () => {
  const burglaryFeb = await app.client().get('/crime?from=2023-02&to=2023-02&type=burglary');
  assert.equal(burglaryFeb.status, 200);
  assert.match(burglaryFeb.text, /Burglary: 1 recorded from February 2023 to February 2023/);
  assert.match(burglaryFeb.text, /<option value="Burglary" selected>/);
  const bedford = await app.client().get(`/crime/areas/${BEDFORD}?type=Burglary`);
  assert.equal(bedford.status, 200);
  assert.match(bedford.text, new RegExp(`Burglary: ${sum((r) => r[2] === 'Burglary' && r[1].startsWith('E0100000') && r[1] !== 'E01000003')} recorded`));
  assert.match(bedford.text, /href="\/crime\/areas\/E01000001\?type=Burglary">Bedford 001A<\/a>/);
  assert.match(bedford.text, /Rates per 1,000 residents use the area’s own population, 185,300/);
  const lsoa = await app.client().get('/crime/areas/E01000003');
  assert.equal(lsoa.status, 200);
  assert.match(lsoa.text, /Crime in Luton 001A/);
  assert.match(lsoa.text, /href="\/crime\/areas\/E06000032">Luton<\/a>/, 'breadcrumbs lead up to the local authority');
  assert.equal((await app.client().get('/crime/areas/E09999999')).status, 404);
  const badMonth = await app.client().get('/crime?from=2023-13');
  assert.equal(badMonth.status, 400);
  assert.match(badMonth.text, /from must be a month written YYYY-MM/);
  const badType = await app.client().get('/crime?type=piracy');
  assert.equal(badType.status, 400);
  assert.match(badType.text, /type &quot;piracy&quot; is not a police.uk crime type/);
  const reversed = await app.client().get('/crime?from=2023-03&to=2023-01');
  assert.equal(reversed.status, 400);
});

test('counts API: JSON rows for each level, CSV by format or Accept, zeros for quiet months', async () => {
  const response = await app.client().get('/api/v1/crime/counts?level=la&type=burglary');
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /application\/json/);
  const body = JSON.parse(response.text) as { level: string; crimeType: string; rows: { month: string; placeCode: string; placeName: string; level: string; crimeType: string; crimes: number; population: number; ratePer1000: number }[] };
  assert.equal(body.crimeType, 'Burglary');
  assert.equal(body.rows.length, 3 * 3, 'three LAs by three months');
  const bedfordJan = body.rows.find((r) => r.placeCode === BEDFORD && r.month === '2023-01');
  assert.deepEqual(bedfordJan, { month: '2023-01', placeCode: BEDFORD, placeName: 'Bedford', level: 'la', crimeType: 'Burglary', crimes: 4, population: 185300, ratePer1000: Math.round((4 / 185300) * 1000 * 10000) / 10000 });
  assert.equal(body.rows.find((r) => r.placeCode === LUTON && r.month === '2023-02')?.crimes, 0);

  const lsoaRows = JSON.parse((await app.client().get(`/api/v1/crime/counts?place=${BEDFORD}&level=lsoa&from=2023-01&to=2023-02`)).text).rows as { placeCode: string; month: string; crimes: number }[];
  assert.deepEqual(lsoaRows.map((r) => `${r.placeCode} ${r.month} ${r.crimes}`), ['E01000001 2023-01 4', 'E01000001 2023-02 1', 'E01000002 2023-01 0', 'E01000002 2023-02 0']);

  const force = JSON.parse((await app.client().get('/api/v1/crime/counts')).text) as { level: string; rows: { crimes: number }[] };
  assert.equal(force.level, 'force');
  assert.equal(force.rows.reduce((s, r) => s + r.crimes, 0), sum((r) => r[2] !== 'Anti-social behaviour'));

  const csv = await app.client().get(`/api/v1/crime/counts?place=${LUTON}&format=csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
  assert.equal(csv.text.split('\r\n')[0], 'month,place_code,place_name,level,crime_type,crimes,population,rate_per_1000');
  assert.equal(csv.text.split('\r\n')[1], `2023-01,${LUTON},Luton,la,All crime,2,225300,${Math.round((2 / 225300) * 1000 * 10000) / 10000}`);
  const accepted = await app.client().request('GET', `/api/v1/crime/counts?place=${LUTON}`, { headers: { accept: 'text/csv' } });
  assert.equal(accepted.text, csv.text);
  const json = await app.client().request('GET', `/api/v1/crime/counts?place=${LUTON}`, { headers: { accept: 'application/json' } });
  assert.match(json.headers.get('content-type') ?? '', /application\/json/);
});

test('counts API refuses bad parameters with 400 naming the parameter; unknown places are 404', async () => {
  const cases: [string, number, RegExp][] = [
    ['level=county', 400, /level must be one of force, csp, la, lsoa/],
    ['from=2023-1', 400, /from must be a month written YYYY-MM/],
    ['to=March', 400, /to must be a month written YYYY-MM/],
    ['from=2023-03&to=2023-01', 400, /from \(2023-03\) is after to \(2023-01\)/],
    ['type=piracy', 400, /type "piracy" is not a police.uk crime type/],
    ['format=xml', 400, /format must be json or csv/],
    ['colour=red', 400, /unknown parameter colour/],
    ['place=Bedford', 400, /place must be an ONS GSS code/],
    ['place=E01000001&level=la', 400, /level: la is above the place E01000001/],
    ['place=E09999999', 404, /place: E09999999 is not the force area/],
    ['type=a&type=b', 400, /type/],
  ];
  for (const [query, status, message] of cases) {
    const response = await app.client().get(`/api/v1/crime/counts?${query}`);
    assert.equal(response.status, status, query);
    assert.match(JSON.parse(response.text).error, message, query);
  }
});

test('the OpenAPI document describes the counts API; the cache keeps answers apart by query string', async () => {
  const doc = JSON.parse((await app.client().get('/api/v1/openapi.json')).text) as { paths: Record<string, { get: { parameters: { name: string }[] } }> };
  assert.deepEqual(doc.paths['/crime/counts']?.get.parameters.map((p) => p.name), ['place', 'level', 'from', 'to', 'type', 'format']);
  const pagesBefore = app.services.pageCache.size;
  const drugs = JSON.parse((await app.client().get('/api/v1/crime/counts?type=drugs')).text) as { rows: { crimes: number }[] };
  const burglary = JSON.parse((await app.client().get('/api/v1/crime/counts?type=burglary')).text) as { rows: { crimes: number }[] };
  assert.deepEqual(drugs.rows.map((r) => r.crimes), [2, 0, 0]);
  assert.deepEqual(burglary.rows.map((r) => r.crimes), [5, 1, 3]);
  const again = JSON.parse((await app.client().get('/api/v1/crime/counts?type=drugs')).text) as { rows: { crimes: number }[] };
  assert.deepEqual(again, drugs);
  assert.ok(app.services.queryCache.size >= 2);
  assert.equal(app.services.pageCache.size, pagesBefore, 'query strings do not reach the page cache');
});

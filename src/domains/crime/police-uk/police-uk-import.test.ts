// The police.uk importer on whichever engine this run uses (PGlite, or PostgreSQL with DATABASE_URL),
// on small files that reproduce each quirk of the real ones.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../../platform/db/database.ts';
import { createTestDatabase } from '../../../platform/db/testing.ts';
import { makeZip } from '../../../testing/make-zip.ts';
import { places } from '../../places/places.tables.ts';
import { createPoliceUkService, describeSummary, GridReferences, rebuildCrimeCounts, PoliceUkImportError, sourcesFromUpload, type PoliceUkSource } from './police-uk-import.ts';
import { toBng } from '../hotspots/bng.ts';
import { PoliceUkFileError } from './police-uk-files.ts';

const actor = { userId: null, label: 'test' };
const streetHeader = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const outcomesHeader = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type';
const searchHeader =
  'Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing';
const bp = 'Bedfordshire Police,Bedfordshire Police';

// March 2024: two identical anti-social behaviour rows (separate incidents), a row without a
// location, a row outside the force (Milton Keynes), a Crime ID repeated identically and one
// repeated with a different outcome. CRLF endings and a BOM, as data.police.uk writes them.
const march = [
  streetHeader,
  `,2024-03,${bp},-0.418,51.879,On or near Park,E01015693,Luton 007A,Anti-social behaviour,,`,
  `,2024-03,${bp},-0.418,51.879,On or near Park,E01015693,Luton 007A,Anti-social behaviour,,`,
  `aaa,2024-03,${bp},,,No Location,,,Burglary,Under investigation,`,
  `bbb,2024-03,${bp},-0.75,52.04,On or near Shopping Area,E01016700,Milton Keynes 001A,Shoplifting,Local resolution,`,
  `ccc,2024-03,${bp},-0.418,51.879,On or near Supermarket,E01015693,Luton 007A,Shoplifting,Awaiting court outcome,`,
  `ccc,2024-03,${bp},-0.418,51.879,On or near Supermarket,E01015693,Luton 007A,Shoplifting,Awaiting court outcome,`,
  `ddd,2024-03,${bp},-0.42,51.88,On or near Bus Station,E01033805,Luton 023C,Robbery,Status update unavailable,`,
  `ddd,2024-03,${bp},-0.42,51.88,On or near Bus Station,E01033805,Luton 023C,Robbery,Court result unavailable,`,
].join('\r\n');

// April's outcomes include outcomes for March crimes: "bbb" was later charged, "aaa" twice (the last line counts).
const aprilOutcomes = [
  outcomesHeader,
  `bbb,2024-04,${bp},-0.75,52.04,On or near Shopping Area,E01016700,Milton Keynes 001A,Suspect charged`,
  `aaa,2024-04,${bp},,,No location,,,Suspect charged`,
  `aaa,2024-04,${bp},,,No location,,,Investigation complete; no suspect identified`,
].join('\r\n');

// A search at 23:30 UTC on 31 March is 00:30 BST on 1 April: April's file.
const aprilSearches = [searchHeader, 'Person search,2024-03-31T23:30:00+00:00,False,,51.88,-0.42,Male,18-24,Other ethnic group - Not stated,White,Misuse of Drugs Act 1971 (section 23),Controlled drugs,A no further action disposal,False,False', 'Vehicle search,2024-04-02T10:00:00+00:00,True,,,,,,,,Police and Criminal Evidence Act 1984 (section 1),Stolen goods,Arrest,True,'].join('\n');

const source = (name: string, text: string, bom = false): PoliceUkSource => ({ name, read: () => Buffer.from((bom ? '\uFEFF' : '') + text) });
const marchFile = () => source('2024-03/2024-03-bedfordshire-street.csv', march, true);

let database: Database;
let service: ReturnType<typeof createPoliceUkService>;
let changes = 0;
let afterImports = 0;

before(async () => {
  database = await createTestDatabase();
  service = createPoliceUkService(database.db, { onChange: () => changes++, afterImport: [async () => void afterImports++] });
});
after(async () => {
  await database?.close();
});
beforeEach(async () => {
  await database.db.execute(sql`truncate crime_counts, street_crimes, crime_outcomes, stop_searches, police_uk_files, places cascade`);
  await database.db.insert(places).values([
    { code: 'E23000026', name: 'Bedfordshire', type: 'force_area', parentCode: null },
    { code: 'E06000032', name: 'Luton', type: 'local_authority', parentCode: 'E23000026' },
  ]);
  changes = 0;
  afterImports = 0;
});

const count = async (table: string) => (await queryRows<{ n: number }>(database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n;

// crime_counts for the fixtures above, by hand: [LSOA, type, crimes, crimes with an ID, charged or summonsed].
const handWorkedCounts = [
  ['', 'Burglary', 1, 1, 0], // aaa: last outcome in April is "no suspect identified", not the earlier charge
  ['E01015693', 'Anti-social behaviour', 2, 0, 0],
  ['E01015693', 'Shoplifting', 2, 1, 1], // awaiting court outcome follows a charge
  ['E01016700', 'Shoplifting', 1, 1, 1], // charged in April's outcomes file
  ['E01033805', 'Robbery', 2, 1, 0], // the first of the two rows: status update unavailable
];

const readCounts = async () =>
  (await queryRows<{ lsoa_code: string; crime_type: string; crimes: number; crimes_with_id: number; charged_or_summonsed: number }>(database.db, sql`select lsoa_code, crime_type, crimes, crimes_with_id, charged_or_summonsed from crime_counts order by lsoa_code, crime_type`)).map((c) => [
    c.lsoa_code,
    c.crime_type,
    c.crimes,
    c.crimes_with_id,
    c.charged_or_summonsed,
  ]);

test('counts come out the same whether worked from the rows in hand (everything in one import) or rebuilt from the tables (months added later)', async () => {
  // One import holding every file: counted from the rows in hand.
  await service.importFiles(actor, [marchFile(), source('2024-04-bedfordshire-outcomes.csv', aprilOutcomes)]);
  assert.deepEqual(await readCounts(), handWorkedCounts);
  // The same rebuilt from the tables gives the same.
  await database.db.transaction(async (tx) => rebuildCrimeCounts(tx));
  assert.deepEqual(await readCounts(), handWorkedCounts);
  // Two imports: the outcomes arrive while March's street file stays current, so the tables are used.
  await database.db.execute(sql`truncate crime_counts, street_crimes, crime_outcomes, stop_searches, police_uk_files`);
  await service.importFiles(actor, [marchFile()]);
  await service.importFiles(actor, [source('2024-04-bedfordshire-outcomes.csv', aprilOutcomes)]);
  assert.deepEqual(await readCounts(), handWorkedCounts);
});

test('every row is stored, quirks flagged not dropped, and the summary says what was set aside and why', async () => {
  const summary = await service.importFiles(actor, [marchFile(), source('2024-04-bedfordshire-outcomes.csv', aprilOutcomes), source('2024-04-bedfordshire-stop-and-search.csv', aprilSearches)]);
  assert.deepEqual(
    summary.files.map((f) => [f.kind, f.month, f.outcome, f.rows, f.stored, f.withoutLocation, f.outsideForceArea, f.antiSocialBehaviour, f.repeatedCrimeIds]),
    [
      ['street', '2024-03', 'added', 8, 8, 1, 1, 2, 2],
      ['outcomes', '2024-04', 'added', 3, 3, 2, 1, 0, 1],
      ['stop-and-search', '2024-04', 'added', 2, 2, 1, 0, 0, 0],
    ],
  );
  assert.equal(await count('street_crimes'), 8);
  const flagged = await queryRows<{ crime_id: string | null; outside_force_area: boolean; easting: number | null }>(database.db, sql`select crime_id, outside_force_area, easting from street_crimes order by line`);
  assert.deepEqual(flagged.map((r) => r.outside_force_area), [false, false, false, true, false, false, false, false]);
  assert.equal(flagged[2]?.easting, null, 'no location, no grid reference');
  assert.ok(Math.abs(Number(flagged[0]?.easting) - 509_000) < 2000, 'Luton is near easting 509 km');
  // Both identical ASB rows count; the repeated IDs count once in outcome shares.
  const counts = await queryRows<{ lsoa_code: string; crime_type: string; crimes: number; crimes_with_id: number; charged_or_summonsed: number }>(
    database.db,
    sql`select lsoa_code, crime_type, crimes, crimes_with_id, charged_or_summonsed from crime_counts order by lsoa_code, crime_type`,
  );
  assert.deepEqual(
    counts.map((c) => [c.lsoa_code, c.crime_type, c.crimes, c.crimes_with_id, c.charged_or_summonsed]),
    handWorkedCounts,
  );
  // The search at 23:30 UTC on 31 March is April in London.
  const searches = await queryRows<Record<string, unknown>>(
    database.db,
    sql`select to_char(month, 'YYYY-MM-DD') as month, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as occurred_at, type, part_of_policing_operation, policing_operation, longitude, latitude, gender, age_range, self_defined_ethnicity,
          officer_defined_ethnicity, legislation, object_of_search, outcome, outcome_linked_to_object, removal_of_more_than_outer_clothing from stop_searches order by line`,
  );
  assert.deepEqual(searches, [
    {
      month: '2024-04-01',
      occurred_at: '2024-03-31T23:30:00.000000',
      type: 'Person search',
      part_of_policing_operation: false,
      policing_operation: null,
      longitude: -0.42,
      latitude: 51.88,
      gender: 'Male',
      age_range: '18-24',
      self_defined_ethnicity: 'Other ethnic group - Not stated',
      officer_defined_ethnicity: 'White',
      legislation: 'Misuse of Drugs Act 1971 (section 23)',
      object_of_search: 'Controlled drugs',
      outcome: 'A no further action disposal',
      outcome_linked_to_object: false,
      removal_of_more_than_outer_clothing: false,
    },
    {
      month: '2024-04-01',
      occurred_at: '2024-04-02T10:00:00.000000',
      type: 'Vehicle search',
      part_of_policing_operation: true,
      policing_operation: null,
      longitude: null,
      latitude: null,
      gender: null,
      age_range: null,
      self_defined_ethnicity: null,
      officer_defined_ethnicity: null,
      legislation: 'Police and Criminal Evidence Act 1984 (section 1)',
      object_of_search: 'Stolen goods',
      outcome: 'Arrest',
      outcome_linked_to_object: true,
      removal_of_more_than_outer_clothing: null,
    },
  ]);
  // LSOAs seen become places, in their local authority when the name says which.
  const lsoas = await queryRows<{ code: string; parent_code: string | null }>(database.db, sql`select code, parent_code from places where type = 'lsoa' order by code`);
  assert.deepEqual(lsoas.map((p) => [p.code, p.parent_code]), [['E01015693', 'E06000032'], ['E01016700', null], ['E01033805', 'E06000032']]);
  assert.equal(summary.lsoaPlacesAdded, 3);
  // By hand from the fixtures above, per kind.
  assert.deepEqual(describeSummary(summary).slice(1, 5), [
    '13 rows read, 13 stored, none dropped',
    'Street crimes (1 file): 8 rows; 1 without a location — kept, not placed in an area; 1 outside the force area — kept, flagged; 2 anti-social behaviour without a Crime ID — kept, never deduplicated; 2 repeating a Crime ID seen earlier in the same file — kept',
    'Outcomes (1 file): 3 rows; 2 without a location — kept, not placed in an area; 1 outside the force area — kept, flagged; 1 repeating a Crime ID seen earlier in the same file — kept',
    'Stop and search (1 file): 2 rows; 1 without a location — kept, not placed in an area',
  ]);
  assert.equal(changes, 1);
  assert.equal(afterImports, 1);
});

test('rows stored as written and rows that need tidying read back alike', async () => {
  // Line 2 can go to the database as written; the others cannot: a quoted cell with a comma, spaces
  // around cells, an outcome in its other spelling, a longitude in exponent form. Line 6 repeats
  // line 2's content with spaces, so it must read back exactly as line 2 does.
  const street = [
    streetHeader,
    `eee,2024-03,${bp},-0.418,51.879,On or near Park,E01015693,Luton 007A,Burglary,Offender given penalty notice,`,
    `eee,2024-03,${bp},-0.418,51.879,On or near Park,E01015693,Luton 007A,Burglary,Offender given a penalty notice,`,
    `fff,2024-03,${bp},-0.418,51.879,"On or near Park, Lane",E01015693,Luton 007A,Burglary,,`,
    `ggg,2024-03,${bp},-4.18e-1,51.879,On or near Park,E01015693,Luton 007A,Burglary,,`,
    `eee,2024-03,${bp},-0.418,51.879,  On or near Park ,E01015693,Luton 007A, Burglary,Offender given a penalty notice, `,
    `hhh,2024-03,${bp},-0.418,51.879,On or near Café “Ŵ” 🚓,E01015693,Luton 007A,Burglary,,Seen by a café`,
  ].join('\n');
  const outcomes = [outcomesHeader, `eee,2024-04,${bp},-0.418,51.879,On or near Park,E01015693,Luton 007A,Offender given caution`, `eee,2024-04,${bp},-0.418,51.879,On or near Park,E01015693,Luton 007A,Offender given a caution`].join('\n');
  await service.importFiles(actor, [source('2024-03-bedfordshire-street.csv', street), source('2024-04-bedfordshire-outcomes.csv', outcomes)]);
  const rows = await queryRows<Record<string, unknown>>(
    database.db,
    sql`select line, to_char(month, 'YYYY-MM-DD') as month, crime_id, crime_type, last_outcome, longitude, latitude, easting, northing, location, lsoa_code, lsoa_name, reported_by, falls_within, outside_force_area, source_month, context from street_crimes order by line`,
  );
  const [first, second, third, fourth, fifth, sixth] = rows.map(({ line: _line, ...rest }) => rest);
  const expected = {
    month: '2024-03-01',
    crime_id: 'eee',
    crime_type: 'Burglary',
    last_outcome: 'Offender given a penalty notice',
    longitude: -0.418,
    latitude: 51.879,
    location: 'On or near Park',
    lsoa_code: 'E01015693',
    lsoa_name: 'Luton 007A',
    reported_by: 'Bedfordshire Police',
    falls_within: 'Bedfordshire Police',
    outside_force_area: false,
    source_month: '2024-03',
    context: null,
  };
  assert.deepEqual({ ...first, easting: undefined, northing: undefined }, { ...expected, easting: undefined, northing: undefined });
  assert.ok(Math.abs(Number(first?.easting) - 509_700) < 1_000 && Math.abs(Number(first?.northing) - 221_800) < 1_000, 'Luton on the grid');
  assert.deepEqual(second, first);
  assert.deepEqual(fifth, first);
  assert.equal(third?.location, 'On or near Park, Lane');
  assert.equal(third?.last_outcome, null);
  assert.equal(fourth?.longitude, -0.418);
  assert.equal(fourth?.easting, first?.easting);
  // Characters of several bytes, read in place like any other row.
  assert.deepEqual(sixth, { ...first, crime_id: 'hhh', last_outcome: null, location: 'On or near Café “Ŵ” 🚓', context: 'Seen by a café' });
  const outcomeRows = await queryRows<{ outcome_type: string; source_month: string; crime_id: string }>(database.db, sql`select outcome_type, source_month, crime_id from crime_outcomes order by line`);
  assert.deepEqual(outcomeRows, [
    { outcome_type: 'Offender given a caution', source_month: '2024-04', crime_id: 'eee' },
    { outcome_type: 'Offender given a caution', source_month: '2024-04', crime_id: 'eee' },
  ]);
});

test('the same files again change nothing and say so', async () => {
  await service.importFiles(actor, [marchFile()]);
  const audits = await count('audit_events');
  const again = await service.importFiles(actor, [marchFile()]);
  assert.deepEqual(again.files.map((f) => f.outcome), ['unchanged']);
  assert.equal(again.rowsStored, 0);
  assert.equal(await count('police_uk_files'), 1);
  assert.equal(await count('street_crimes'), 8);
  assert.equal(await count('audit_events'), audits);
  assert.equal(afterImports, 1, 'nothing to refresh after an unchanged import');
});

test('a month imported again with different content replaces it; the old file and rows stay in history', async () => {
  await service.importFiles(actor, [marchFile()]);
  const revised = march.split('\r\n').slice(0, 4).join('\r\n'); // only the first three rows
  const summary = await service.importFiles(actor, [source('2024-03-bedfordshire-street.csv', revised)]);
  assert.equal(summary.files[0]?.outcome, 'replaced');
  assert.match(describeSummary(summary)[0] ?? '', /1 replacing an earlier import of the same month/);
  const files = await queryRows<{ id: number; superseded_at: Date | null; superseded_by_id: number | null; rows: number }>(database.db, sql`select id, superseded_at, superseded_by_id, rows from police_uk_files order by id`);
  assert.equal(files.length, 2);
  assert.ok(files[0]?.superseded_at);
  assert.equal(files[0]?.superseded_by_id, files[1]?.id);
  assert.equal(files[1]?.superseded_at, null);
  assert.equal(await count('street_crimes'), 8 + 3, 'the old rows are kept');
  const [total] = await queryRows<{ n: number }>(database.db, sql`select sum(crimes)::int as n from crime_counts`);
  assert.equal(total?.n, 3, 'counts come from the current file only');
});

test('one bad cell anywhere stops the whole import and names the file, row and column', async () => {
  const bad = [streetHeader, `eee,2024-04,${bp},not-a-number,51.879,On or near Park,E01015693,Luton 007A,Burglary,Under investigation,`].join('\r\n');
  await assert.rejects(
    service.importFiles(actor, [marchFile(), source('2024-04-bedfordshire-street.csv', bad)]),
    (error: unknown) => error instanceof PoliceUkFileError && /2024-04-bedfordshire-street\.csv, row 2, column Longitude: "not-a-number" is not a number/.test(error.message),
  );
  assert.equal(await count('police_uk_files'), 0);
  assert.equal(await count('street_crimes'), 0);
  assert.equal(await count("places where type = 'lsoa'"), 0);
  assert.equal(changes, 0);
});

test('files not named as data.police.uk names them, or the same month twice, are refused before reading', async () => {
  await assert.rejects(service.importFiles(actor, [source('crimes.csv', march)]), (e: unknown) => e instanceof PoliceUkImportError && /crimes\.csv: not named as data\.police\.uk/.test(e.message));
  await assert.rejects(service.importFiles(actor, [marchFile(), source('other/2024-03-bedfordshire-street.csv', march)]), /the same month, force and kind/);
  await assert.rejects(service.importFiles(actor, [source('2024-03-bedfordshire-street.csv', streetHeader)]), /has a header but no rows/);
});

test('the zip that data.police.uk hands out imports like the folder', async () => {
  const zip = makeZip([
    { name: '2024-03/', content: '' },
    { name: '2024-03/2024-03-bedfordshire-street.csv', content: march, deflate: true },
    { name: '2024-04/2024-04-bedfordshire-outcomes.csv', content: aprilOutcomes, deflate: true },
  ]);
  const sources = sourcesFromUpload('police-data.zip', zip);
  assert.deepEqual(sources.map((s) => s.name), ['police-data.zip/2024-03/2024-03-bedfordshire-street.csv', 'police-data.zip/2024-04/2024-04-bedfordshire-outcomes.csv']);
  const summary = await service.importFiles(actor, sources);
  assert.equal(summary.rowsStored, 11);
  assert.throws(() => sourcesFromUpload('empty.zip', makeZip([{ name: 'readme.txt', content: 'x' }])), /holds no police\.uk files/);
});

test('Crime IDs: numbered once each, whether they share their first eight characters or are not 64 long', async () => {
  const { CrimeIdTable } = await import('./police-uk-import.ts');
  const table = new CrimeIdTable();
  const hex = (n: number, prefix = '') => (prefix + n.toString(16).padStart(64, '0')).slice(-64);
  // 5,000 IDs: half share one head (the first eight characters), so the table must tell them apart by the rest.
  const ids = Array.from({ length: 5000 }, (_, i) => (i % 2 ? `deadbeef${hex(i).slice(8)}` : hex(i * 7919)));
  ids.push('abc1', 'abc2', ''); // other forms, as the fixtures use
  ids.forEach((id, i) => {
    assert.equal(table.find(id), -1, `${id} is new`);
    assert.equal(table.add(id), i, 'numbered in the order met');
  });
  assert.equal(table.size, ids.length);
  ids.forEach((id, i) => assert.equal(table.find(`${id}`), i, `${id} keeps its number`));
  assert.equal(table.find(`deadbeef${hex(10_001).slice(8)}`), -1, 'an unseen ID with a shared head');
});

test('grid references kept by position are those worked out afresh, to the centimetre, as the table grows', () => {
  const grid = new GridReferences();
  const positions: [number, number][] = [];
  for (let i = 0; i < 20_000; i++) positions.push([-0.7 + ((i * 7919) % 10_007) / 20_000, 51.8 + ((i * 104_729) % 10_009) / 25_000]);
  positions.push([0, 51.9], [-0, 51.9]);
  for (const round of [1, 2])
    for (const [longitude, latitude] of positions) {
      grid.find(longitude, latitude);
      const { easting, northing } = toBng(longitude, latitude);
      assert.deepEqual([grid.easting, grid.northing], [Math.round(easting * 100) / 100, Math.round(northing * 100) / 100], `${longitude},${latitude}, round ${round}`);
    }
});

test('crime counts come out by month, LSOA and crime type, whatever order the rows came in', async () => {
  const { CrimeCounter } = await import('./police-uk-import.ts');
  const counter = new CrimeCounter();
  const rows: [string, string | null, string, string | null][] = [
    ['2024-02-01', 'E01000002', 'Robbery', 'r1'],
    ['2024-01-01', 'E01000002', 'Burglary', 'b1'],
    ['2024-02-01', null, 'Burglary', null],
    ['2024-01-01', 'E01000001', 'Vehicle crime', 'v1'],
    ['2024-01-01', 'E01000001', 'Anti-social behaviour', null],
    ['2024-02-01', 'E01000002', 'Robbery', 'r2'],
    ['2024-01-01', 'E01000002', 'Burglary', 'b1'],
  ];
  rows.forEach(([month, lsoa, type, id], line) => counter.street(month, lsoa, type, id, id === 'r2' ? 'Suspect charged' : null, 1, line + 2));
  assert.deepEqual(
    [...counter.rows()],
    [
      ['2024-01-01', 'E01000001', 'Anti-social behaviour', 1, 0, 0],
      ['2024-01-01', 'E01000001', 'Vehicle crime', 1, 1, 0],
      ['2024-01-01', 'E01000002', 'Burglary', 2, 1, 0],
      ['2024-02-01', '', 'Burglary', 1, 0, 0],
      ['2024-02-01', 'E01000002', 'Robbery', 2, 2, 1],
    ],
  );
});

test('a stop-and-search time keeps its microseconds, as PostgreSQL would read them', async () => {
  const searches = [searchHeader, 'Person search,2024-04-03T08:15:30.123456+01:00,False,,51.88,-0.42,Male,18-24,,,,,,,', 'Person search,2024-04-03T08:15:30.5Z,,,,,,,,,,,,,'].join('\n');
  await service.importFiles(actor, [source('2024-04-bedfordshire-stop-and-search.csv', searches)]);
  const rows = await queryRows<{ t: string }>(database.db, sql`select to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as t from stop_searches order by line`);
  assert.deepEqual(rows.map((r) => r.t), ['2024-04-03T07:15:30.123456', '2024-04-03T08:15:30.500000']);
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, isNull } from 'drizzle-orm';
import { auditEvents } from '../../../platform/audit/audit.tables.ts';
import type { Database } from '../../../platform/db/database.ts';
import { createTestDatabase } from '../../../platform/db/testing.ts';
import { hotspotRegisters, hotspots } from '../crime.tables.ts';
import { toBng } from '../hotspots/bng.ts';
import { createPatrolsService } from './patrols.service.ts';
import { timedCrimeImports, timedCrimes } from './timed-crimes.tables.ts';

let database: Database;
const actor = { userId: null, label: 'test' };
const csv = (lines: string[]) => Buffer.from(`${lines.join('\n')}\n`);

// H01 is the 250 m cell holding (-0.4200, 52.1300); H02 the cell 1 km east of it (4 cells on).
const here = toBng(-0.42, 52.13);
const col = Math.floor(here.easting / 250);
const row = Math.floor(here.northing / 250);
const square = (c: number, r: number): [number, number][] => [[c * 250, r * 250], [c * 250 + 250, r * 250], [c * 250 + 250, r * 250 + 250], [c * 250, r * 250 + 250], [c * 250, r * 250]];
const h01 = { e: col * 250 + 125, n: row * 250 + 125 };
const h02 = { e: (col + 4) * 250 + 125, n: row * 250 + 125 };

before(async () => {
  database = await createTestDatabase();
  const [register] = await database.db.insert(hotspotRegisters).values({ name: 'Two cells', crimeTypes: ['Burglary'], fromMonth: '2023-01', toMonth: '2023-12', cellSize: 250, fdr: false, current: true, createdByLabel: 'test' }).returning();
  assert.ok(register);
  await database.db.insert(hotspots).values([
    { registerId: register.id, hotspotId: 'H01', col, row, polygon: square(col, row), wkt: 'POLYGON EMPTY', crimes: 10, z: 3, p: 0.001, bin: 3 },
    { registerId: register.id, hotspotId: 'H02', col: col + 4, row, polygon: square(col + 4, row), wkt: 'POLYGON EMPTY', crimes: 10, z: 3, p: 0.001, bin: 3 },
  ]);
});
after(async () => {
  await database?.close();
});

// Period 4–12 March 2024 (GMT): windows W1 [4 Mar 00:00Z, 7 Mar), W2 [7 Mar, 10 Mar), W3 [10 Mar, 13 Mar), all complete.
// H01 patrolled in W1 (20 min) and W2 (16 min), not W3. H02 patrolled in W2 (15 min), not W1 (none) or W3 (5 min).
const visits = csv([
  'hotspot_id,unit,start,end',
  'H01,A1,2024-03-04T10:00:00Z,2024-03-04T10:20:00Z',
  'H01,A1,2024-03-08T10:00:00Z,2024-03-08T10:16:00Z',
  'H02,B2,2024-03-08T15:00:00Z,2024-03-08T15:15:00Z',
  'H02,B2,2024-03-11T15:00:00Z,2024-03-11T15:05:00Z',
]);

const firstBatch = csv([
  'crime_reference,crime_type,occurred_at,easting,northing',
  `A,Burglary,2024-03-05T12:00:00Z,${h01.e},${h01.n}`, // H01 W1 (patrolled)
  `B,Burglary,2024-03-07T00:00:00Z,${h01.e},${h01.n}`, // H01 exactly on the W1/W2 boundary: W2 (patrolled), the window that starts there
  `C,Burglary,2024-03-11T08:00:00Z,${h01.e + 100},${h01.n - 100}`, // H01 W3 (unpatrolled)
  `D,Burglary,2024-03-12T23:59:00Z,${h01.e},${h01.n}`, // H01 W3 (unpatrolled), the last minute of the period
  `E,Burglary,2024-03-05T01:00:00+01:00,${h02.e},${h02.n}`, // H02 W1 (unpatrolled): 00:00Z
  `F,Burglary,2024-03-08T10:00:00Z,${(col + 4) * 250},${h02.n}`, // H02 on its west edge: inside; W2 (patrolled)
  `G,Burglary,2024-03-05T12:00:00Z,${(col + 2) * 250 + 125},${h01.n}`, // between the hotspots: in the period, in no hotspot
  `H,Burglary,2024-03-13T00:00:00Z,${h01.e},${h01.n}`, // H01 at the period's end (exclusive): not in the period
  `I,Burglary,2024-03-03T23:59:59Z,${h01.e},${h01.n}`, // H01 before the period
  `J,Robbery,2024-03-11T09:00:00Z,${h02.e},${h02.n}`, // H02 W3 (unpatrolled), another type
]);

const group = (windows: number, crimes: number) => ({ windows, crimes, perWindow: windows === 0 ? null : crimes / windows });

test('with no timed crime records the comparison is null, never estimated', async () => {
  const service = createPatrolsService(database.db);
  const imported = await service.importFile(actor, { name: 'visits.csv', content: visits });
  assert.equal(imported.ok, true, JSON.stringify(imported.problems));
  const report = await service.compliance('2024-03-04', '2024-03-12');
  assert.deepEqual(report.dosage?.hotspots.map((h) => h.windows.map((w) => w.patrolled)), [[true, true, false], [false, true, false]]);
  assert.equal(report.crimes, null);
  assert.deepEqual(report.crimeTypes, []);
});

test('a bad file: every problem by row and column, nothing stored', async () => {
  const service = createPatrolsService(database.db);
  const result = await service.timedCrimes.importFile(actor, { name: 'bad.csv', content: csv(['crime_reference,crime_type,occurred_at,easting,northing', `A,Burglary,2024-03-05T12:00:00Z,${h01.e},${h01.n}`, `A,Burglary,2024-03-05 12:00,${h01.e},x`]) });
  assert.equal(result.ok, false);
  assert.deepEqual(result.problems.map((p) => [p.row, p.column]), [[3, 'crime_reference'], [3, 'occurred_at'], [3, 'northing']]);
  assert.equal((await database.db.select().from(timedCrimeImports)).length, 0);
  assert.equal((await database.db.select().from(timedCrimes)).length, 0);
});

test('crimes in patrolled and unpatrolled windows, per hotspot and overall, as worked by hand', async () => {
  const service = createPatrolsService(database.db);
  const result = await service.timedCrimes.importFile(actor, { name: 'crimes-1.csv', content: firstBatch });
  assert.equal(result.ok, true, JSON.stringify(result.problems));
  assert.deepEqual([result.rows, result.superseded], [10, 0]);
  assert.equal((await database.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'timed-crime-import'))).length, 1);

  const report = await service.compliance('2024-03-04', '2024-03-12');
  assert.ok(report.crimes);
  // In the period: A–G and J (8); in hotspots: all but G (7).
  assert.deepEqual([report.crimes.records, report.crimes.recordsOfType, report.crimes.inHotspots, report.crimes.crimeType], [8, 8, 7, null]);
  assert.deepEqual(report.crimes.comparison.byHotspot, [
    { id: 'H01', patrolled: group(2, 2), unpatrolled: group(1, 2) }, // A (W1), B (W2) | C, D (W3)
    { id: 'H02', patrolled: group(1, 1), unpatrolled: group(2, 2) }, // F (W2) | E (W1), J (W3)
  ]);
  assert.deepEqual(report.crimes.comparison.patrolled, { windows: 3, crimes: 3, perWindow: 1 });
  assert.deepEqual(report.crimes.comparison.unpatrolled, { windows: 3, crimes: 4, perWindow: 4 / 3 });
  assert.equal(report.crimes.comparison.partialWindowCrimes, 0);
  assert.deepEqual(report.crimeTypes, ['Burglary', 'Robbery']);
  assert.deepEqual(report.timedCrimeCoverage, { first: '2024-03-03', last: '2024-03-13' });

  const robbery = await service.compliance('2024-03-04', '2024-03-12', 'Robbery');
  assert.deepEqual([robbery.crimes?.records, robbery.crimes?.recordsOfType, robbery.crimes?.inHotspots], [8, 1, 1]);
  assert.deepEqual(robbery.crimes?.comparison.patrolled, { windows: 3, crimes: 0, perWindow: 0 });
  assert.deepEqual(robbery.crimes?.comparison.unpatrolled, { windows: 3, crimes: 1, perWindow: 1 / 3 });
  await assert.rejects(service.compliance('2024-03-04', '2024-03-12', 'Arson'), (e: unknown) => (e as { errors?: { field: string; text: string }[] }).errors?.[0]?.field === 'crimeType');

  // A period of 4–13 March: W4 [13 Mar, 14 Mar) is partial; H (13 Mar 00:00Z, H01) falls in it: counted, not compared.
  const longer = await service.compliance('2024-03-04', '2024-03-13');
  assert.equal(longer.crimes?.comparison.partialWindowCrimes, 1);
  assert.deepEqual(longer.crimes?.comparison.patrolled, report.crimes.comparison.patrolled);
  assert.deepEqual(longer.crimes?.comparison.unpatrolled, report.crimes.comparison.unpatrolled);

  // A period with no timed crime in it (only the patrol records): null.
  assert.equal((await service.compliance('2024-03-20', '2024-03-22')).crimes, null);
});

test('a later batch supersedes the same references (kept, not counted); the same file again changes nothing', async () => {
  const service = createPatrolsService(database.db);
  // C's position corrected to 2 km east (in no hotspot); K new, by longitude/latitude, in H01 in W2 (patrolled).
  const second = csv(['crime_reference,crime_type,occurred_at,longitude,latitude', 'C,Burglary,2024-03-11T08:00:00Z,-0.39,52.13', 'K,Burglary,2024-03-09T12:00:00Z,-0.42,52.13']);
  const result = await service.timedCrimes.importFile(actor, { name: 'crimes-2.csv', content: second });
  assert.equal(result.ok, true, JSON.stringify(result.problems));
  assert.deepEqual([result.rows, result.superseded], [2, 1]);
  assert.ok(result.messages.some((m) => /1 record of earlier imports with the same crime reference superseded/.test(m)), result.messages.join('\n'));
  assert.equal((await database.db.select().from(timedCrimes)).length, 12, 'the superseded row is kept');
  assert.equal((await database.db.select().from(timedCrimes).where(isNull(timedCrimes.supersededByImportId))).length, 11);

  const report = await service.compliance('2024-03-04', '2024-03-12');
  assert.deepEqual([report.crimes?.records, report.crimes?.inHotspots], [9, 7]);
  assert.deepEqual(report.crimes?.comparison.byHotspot, [
    { id: 'H01', patrolled: group(2, 3), unpatrolled: group(1, 1) }, // A, B, K | D
    { id: 'H02', patrolled: group(1, 1), unpatrolled: group(2, 2) },
  ]);

  const again = await service.timedCrimes.importFile(actor, { name: 'copy-of-crimes-1.csv', content: firstBatch });
  assert.equal(again.ok, true);
  assert.equal(again.unchanged, true);
  assert.match(again.messages[0] ?? '', /already imported \(as crimes-1.csv.*nothing changed/);
  assert.equal((await database.db.select().from(timedCrimeImports)).length, 2);
  assert.equal((await database.db.select().from(timedCrimes)).length, 12);
  assert.deepEqual((await service.compliance('2024-03-04', '2024-03-12')).crimes?.comparison.byHotspot, report.crimes?.comparison.byHotspot);
});

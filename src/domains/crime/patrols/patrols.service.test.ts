import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, isNull } from 'drizzle-orm';
import { auditEvents } from '../../../platform/audit/audit.tables.ts';
import { systemActor } from '../../../platform/audit/audit.service.ts';
import type { Database } from '../../../platform/db/database.ts';
import { createTestDatabase } from '../../../platform/db/testing.ts';
import { measures, observations } from '../../measures/measures.tables.ts';
import { seedDemoPlan } from '../../plan/demo/seed-demo.ts';
import { hotspotRegisters, hotspots, patrolImports, patrolVisits } from '../crime.tables.ts';
import { toBng } from '../hotspots/bng.ts';
import { createPatrolsService, londonDate, londonMidnight } from './patrols.service.ts';

let database: Database;
const actor = { userId: null, label: 'test' };
const csv = (lines: string[]) => Buffer.from(`${lines.join('\n')}\n`);

// H01 is the 250 m cell holding (-0.4200, 52.1300); H02 a cell 1 km east of it.
const here = toBng(-0.42, 52.13);
const col = Math.floor(here.easting / 250);
const row = Math.floor(here.northing / 250);
const square = (c: number, r: number): [number, number][] => [[c * 250, r * 250], [c * 250 + 250, r * 250], [c * 250 + 250, r * 250 + 250], [c * 250, r * 250 + 250], [c * 250, r * 250]];

async function saveRegister(name: string, cells: { id: string; col: number; row: number }[]) {
  await database.db.update(hotspotRegisters).set({ current: false }).where(eq(hotspotRegisters.current, true));
  const [register] = await database.db.insert(hotspotRegisters).values({ name, crimeTypes: ['Burglary'], fromMonth: '2023-01', toMonth: '2023-12', cellSize: 250, fdr: false, current: true, createdByLabel: 'test' }).returning();
  assert.ok(register);
  await database.db.insert(hotspots).values(cells.map((c) => ({ registerId: register.id, hotspotId: c.id, col: c.col, row: c.row, polygon: square(c.col, c.row), wkt: 'POLYGON EMPTY', crimes: 10, z: 3, p: 0.001, bin: 3 })));
  return register;
}

before(async () => {
  database = await createTestDatabase();
  await seedDemoPlan(database.db, systemActor);
});
after(async () => {
  await database?.close();
});

test('London midnight: GMT in winter, BST in summer, and the days clocks change', () => {
  assert.equal(new Date(londonMidnight('2024-03-04')).toISOString(), '2024-03-04T00:00:00.000Z');
  assert.equal(new Date(londonMidnight('2024-07-01')).toISOString(), '2024-06-30T23:00:00.000Z');
  assert.equal(new Date(londonMidnight('2024-03-31')).toISOString(), '2024-03-31T00:00:00.000Z', 'clocks go forward at 01:00 GMT: midnight is still GMT');
  assert.equal(new Date(londonMidnight('2024-10-27')).toISOString(), '2024-10-26T23:00:00.000Z', 'clocks go back at 02:00 BST: midnight is still BST');
  assert.equal(londonDate(Date.UTC(2024, 5, 30, 23, 30)), '2024-07-01');
});

test('no current register: a clear error, nothing stored', async () => {
  const service = createPatrolsService(database.db);
  const result = await service.importFile(actor, { name: 'visits.csv', content: csv(['hotspot_id,unit,start,end', 'H01,A1,2024-03-04T10:00:00Z,2024-03-04T10:20:00Z']) });
  assert.equal(result.ok, false);
  assert.match(result.problems[0]?.message ?? '', /no current hotspot register/);
  assert.equal((await database.db.select().from(patrolImports)).length, 0);
});

const visitsFile = csv([
  'hotspot_id,unit,start,end',
  // H01: 20 minutes in window 1 (4–6 March); 10 + 6 touching minutes by two units in window 2; 14 minutes in window 3.
  'H01,A1,2024-03-04T10:00:00Z,2024-03-04T10:20:00Z',
  'H01,A1,2024-03-07T10:00:00Z,2024-03-07T10:10:00Z',
  'H01,B2,2024-03-07T10:10:00Z,2024-03-07T10:16:00Z',
  'H01,A1,2024-03-12T09:00:00Z,2024-03-12T09:14:00Z',
  // H02: nothing in window 1; exactly 15 minutes in window 2; 20 minutes split 10/10 across the 10 March boundary.
  'H02,C3,2024-03-08T15:00:00Z,2024-03-08T15:15:00Z',
  'H02,C3,2024-03-09T23:50:00Z,2024-03-10T00:10:00Z',
  '',
  'H02,C3,2024-03-08T15:00:00Z,2024-03-08T15:15:00Z',
]);

test('visits: unknown hotspot named by row and column, all or nothing', async () => {
  await saveRegister('First', [{ id: 'H01', col, row }, { id: 'H02', col: col + 4, row }]);
  const service = createPatrolsService(database.db);
  const result = await service.importFile(actor, { name: 'bad.csv', content: csv(['hotspot_id,unit,start,end', 'H01,A1,2024-03-04T10:00:00Z,2024-03-04T10:20:00Z', 'H09,A1,2024-03-05T10:00:00Z,2024-03-05T10:20:00Z', 'h02,A1,2024-03-05T10:00:00Z,2024-03-05T10:20:00Z']) });
  assert.equal(result.ok, false);
  assert.deepEqual(result.problems.map((p) => [p.row, p.column]), [[3, 'hotspot_id'], [4, 'hotspot_id']]);
  assert.match(result.problems[0]?.message ?? '', /"H09" is not a registered hotspot/);
  assert.match(result.problems[1]?.message ?? '', /did you mean "H02"/);
  assert.equal((await database.db.select().from(patrolImports)).length, 0, 'the good row is not stored either');
  assert.equal((await database.db.select().from(patrolVisits)).length, 0);
});

test('visits: stored, compliance as worked by hand, the same file twice changes nothing', async () => {
  const service = createPatrolsService(database.db);
  const result = await service.importFile(actor, { name: 'visits.csv', content: visitsFile });
  assert.equal(result.ok, true, JSON.stringify(result.problems));
  assert.equal(result.unchanged, false);
  assert.equal(result.form, 'visits');
  assert.equal(result.rows, 7);
  assert.equal(result.visits, 6);
  assert.ok(result.messages.some((m) => /1 row left out as exact repeats of an earlier row: row 9 repeats row 6/.test(m)), result.messages.join('\n'));
  assert.ok(result.messages.some((m) => /1 blank row skipped/.test(m)));
  assert.equal((await database.db.select().from(patrolVisits)).length, 6);
  assert.equal((await database.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'patrol-import'))).length, 1);

  const report = await service.compliance('2024-03-04', '2024-03-12');
  assert.ok(report.dosage);
  assert.equal(report.dosage.windows.length, 3);
  assert.deepEqual(report.dosage.hotspots.map((h) => [h.hotspotId, h.windows.map((w) => w.patrolled)]), [['H01', [true, true, false]], ['H02', [false, true, false]]]);
  assert.deepEqual(report.dosage.hotspots.map((h) => h.compliance.patrolled), [2, 1]);
  assert.deepEqual(report.dosage.compliance, { windows: 6, patrolled: 3, percent: 50 });
  // Default period: the days the records cover.
  const whole = await service.compliance();
  assert.deepEqual([whole.from, whole.to], ['2024-03-04', '2024-03-12']);

  const again = await service.importFile(actor, { name: 'visits-copy.csv', content: visitsFile });
  assert.equal(again.ok, true);
  assert.equal(again.unchanged, true);
  assert.match(again.messages[0] ?? '', /already imported .*nothing changed/);
  assert.equal((await database.db.select().from(patrolImports)).length, 1);
  assert.equal((await database.db.select().from(patrolVisits)).length, 6);
});

test('feed: monthly compliance written to the measure, a second run changes nothing, a new file revises it (history kept)', async () => {
  const service = createPatrolsService(database.db);
  const [measure] = await database.db.select().from(measures).where(eq(measures.slug, 'hotspot-patrol-compliance'));
  assert.ok(measure);
  const first = await service.setPatrolFeed(actor, measure.id);
  // Feed windows run from 1 Jan 2024 every 72 hours: 1, 4, 7, 10, 13 March. The records cover 4–12 March,
  // so the windows of 4, 7 and 10 March count: the same 3 windows as above, 3 of 6 patrolled.
  assert.deepEqual(first && { months: first.months, added: first.added, problems: first.problems }, { months: 1, added: 1, problems: [] });
  const current = () => database.db.select().from(observations).where(and(eq(observations.measureId, measure.id), isNull(observations.supersededAt)));
  const [obs] = await current();
  assert.deepEqual(obs && [obs.period, obs.placeCode, obs.value, obs.numerator, obs.denominator], ['2024-03', 'E23000026', 50, 3, 6]);

  const second = await service.refreshPatrolFeeds(actor);
  assert.deepEqual(second.map((f) => [f.added, f.revised, f.unchanged]), [[0, 0, 1]]);

  // H02 patrolled for 30 minutes on 5 March: window 1 of H02 becomes patrolled, 4 of 6.
  const more = await service.importFile(actor, { name: 'more.csv', content: csv(['hotspot_id,unit,start,end', 'H02,D4,2024-03-05T08:00:00Z,2024-03-05T08:30:00Z']) });
  assert.equal(more.ok, true);
  assert.deepEqual(more.feeds.map((f) => [f.added, f.revised, f.unchanged]), [[0, 1, 0]]);
  const [revised] = await current();
  assert.equal(revised?.value, (100 * 4) / 6);
  const all = await database.db.select().from(observations).where(eq(observations.measureId, measure.id));
  assert.equal(all.length, 2, 'the earlier value is kept, superseded');
});

test('pings: geofenced against the current register into visits', async () => {
  const register = await saveRegister('Second', [{ id: 'H01', col, row }]);
  const service = createPatrolsService(database.db);
  // Every minute for 16 minutes at the point inside H01 (a visit of 15 minutes), then one ping 2 km away.
  const lines = ['unit,timestamp,longitude,latitude'];
  for (let m = 0; m <= 15; m++) lines.push(`P1,2024-04-02T09:${String(m).padStart(2, '0')}:00+01:00,-0.42,52.13`);
  lines.push('P1,2024-04-02T09:16:00+01:00,-0.39,52.13');
  const result = await service.importFile(actor, { name: 'pings.csv', content: csv(lines) });
  assert.equal(result.ok, true, JSON.stringify(result.problems));
  assert.equal(result.form, 'pings');
  assert.equal(result.visits, 1);
  const stored = await database.db.select().from(patrolVisits).where(eq(patrolVisits.registerId, register.id));
  assert.deepEqual(stored.map((v) => [v.hotspotId, v.unit, v.startAt.toISOString(), v.endAt.toISOString()]), [['H01', 'P1', '2024-04-02T08:00:00.000Z', '2024-04-02T08:15:00.000Z']]);
  const report = await service.compliance('2024-04-01', '2024-04-03');
  assert.deepEqual(report.dosage?.compliance, { windows: 1, patrolled: 1, percent: 100 });

  // A file with a bad ping: nothing stored, the problem named.
  const bad = await service.importFile(actor, { name: 'bad-pings.csv', content: csv(['unit,timestamp,longitude,latitude', 'P1,2024-04-03T09:00:00Z,52.13,-0.42']) });
  assert.equal(bad.ok, false);
  assert.deepEqual([bad.problems[0]?.row, bad.problems[0]?.column], [2, 'longitude']);
  assert.equal((await database.db.select().from(patrolVisits).where(eq(patrolVisits.registerId, register.id))).length, 1);
});

test('compliance: dates checked, with errors naming the field', async () => {
  const service = createPatrolsService(database.db);
  await assert.rejects(service.compliance('2024-02-30', '2024-03-01'), (e: unknown) => (e as { errors?: { field: string }[] }).errors?.[0]?.field === 'from');
  await assert.rejects(service.compliance('2024-03-05', '2024-03-01'), /must not be after/);
});

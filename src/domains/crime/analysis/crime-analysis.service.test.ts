// The analysis on small fixture rows (both engines): totals that include no-location and
// outside-force rows, local authorities as sums of their LSOAs, CSPs, populations from the place or
// its LSOAs, the charged share, stop and search from current files only. Expected values are worked
// by hand from the fixture in test-fixtures.ts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Database } from '../../../platform/db/database.ts';
import { createTestDatabase } from '../../../platform/db/testing.ts';
import { createCrimeAnalysisService, missingMonths } from './crime-analysis.service.ts';
import { allCrime } from './crime-types.ts';
import { CSP_NORTH, FORCE, insertCounts, insertFilesAndSearches, insertPlaces, LA_NORTH, LA_SOUTH, LSOA_N1, LSOA_N2, LSOA_OUT, LSOA_S1 } from './test-fixtures.ts';

let database: Database;
let service: ReturnType<typeof createCrimeAnalysisService>;
const period = { from: '2023-01', to: '2023-03' };

before(async () => {
  database = await createTestDatabase();
  await insertPlaces(database.db);
  await insertCounts(database.db);
  await insertFilesAndSearches(database.db);
  service = createCrimeAnalysisService(database.db);
});
after(async () => {
  await database?.close();
});

test('geography: LSOAs under local authorities under a CSP or the force area; an LSOA elsewhere is not in the force area', async () => {
  const geo = await service.geography();
  assert.equal(geo.force?.code, FORCE);
  assert.deepEqual(geo.las.map((a) => a.code), [LA_NORTH, LA_SOUTH]);
  assert.deepEqual(geo.csps.map((a) => a.code), [CSP_NORTH]);
  assert.deepEqual([...geo.lsoaSet].sort(), [LSOA_N1, LSOA_N2, LSOA_S1]);
  assert.equal(geo.areas.get(LSOA_N1)?.laCode, LA_NORTH);
  assert.equal(geo.areas.get(LSOA_N1)?.cspCode, CSP_NORTH);
  assert.equal(geo.areas.get(LSOA_S1)?.cspCode, null);
  assert.equal(geo.areas.has(LSOA_OUT), false);
  // Own figure first; else the sum of the LSOAs' latest figure up to the year; else none.
  assert.deepEqual(geo.population(LA_NORTH, 2023), { value: 4000, basis: 'own', year: 2021, source: 'test census' });
  assert.deepEqual(geo.population(LA_SOUTH, 2022), { value: 5000, basis: 'lsoas', year: 2021, source: 'test census' });
  assert.deepEqual(geo.population(LA_SOUTH, 2023), { value: 5500, basis: 'lsoas', year: 2023, source: 'test estimate' });
  assert.equal(geo.population(CSP_NORTH, 2023)?.value, 4000);
  assert.equal(geo.population(LA_NORTH, 2020), null);
  assert.match(geo.populationGap(LA_NORTH, 2020), /2 of its 2 LSOAs have none/);
});

test('months loaded, and gaps between them', async () => {
  assert.deepEqual(await service.months(), ['2023-01', '2023-02', '2023-03']);
  assert.deepEqual(missingMonths(['2022-11', '2023-02']), ['2022-12', '2023-01']);
});

test('the force area counts every row (no location and outside the force too); types, rates and charged shares', async () => {
  const geo = await service.geography();
  const force = geo.force;
  assert.ok(force);
  const report = await service.areaReport(geo, force, period, allCrime, await service.months());
  assert.deepEqual(report.monthly.map((m) => [m.month, m.crimes]), [['2023-01', 16], ['2023-02', 8], ['2023-03', 2]]);
  assert.equal(report.monthly[0]?.ratePer1000, 1.6);
  const types = Object.fromEntries(report.typeRows.map((t) => [t.crimeType, t]));
  assert.deepEqual(
    { crimes: types[allCrime]?.crimes, withId: types[allCrime]?.crimesWithId, charged: types[allCrime]?.chargedOrSummonsed, share: types[allCrime]?.chargedShare, rate: types[allCrime]?.ratePer1000 },
    { crimes: 26, withId: 25, charged: 12, share: 12 / 25, rate: 2.6 },
  );
  assert.equal(types.Burglary?.crimes, 8);
  assert.equal(types.Burglary?.chargedShare, 3 / 8);
  assert.equal(types['Violence and sexual offences']?.chargedShare, 6 / 11);
  assert.equal(types['Anti-social behaviour']?.crimes, 7);
  assert.equal(types['Anti-social behaviour']?.chargedShare, null);
  assert.equal(report.typeRows[0]?.crimeType, allCrime);
  assert.deepEqual(report.notPlaced, { noLocation: 1, outsideForce: 6, outsideLsoas: 1, total: 7 });
  const las = report.children.find((c) => c.level === 'la')?.rows ?? [];
  assert.deepEqual(las.map((r) => [r.area.code, r.crimes, r.ratePer1000]), [[LA_NORTH, 10, 2.5], [LA_SOUTH, 9, 1.6364]]);
  const csps = report.children.find((c) => c.level === 'csp')?.rows ?? [];
  assert.deepEqual(csps.map((r) => [r.area.code, r.crimes, r.population?.basis]), [[CSP_NORTH, 10, 'lsoas']]);
  // The LAs and the crimes not placed in one add up to the force total.
  assert.equal(las.reduce((s, r) => s + r.crimes, 0) + (report.notPlaced?.total ?? 0), types[allCrime]?.crimes);
});

test('a local authority is the sum of its LSOAs, by month, for one crime type and a shorter period', async () => {
  const geo = await service.geography();
  const la = geo.areas.get(LA_NORTH);
  assert.ok(la);
  const report = await service.areaReport(geo, la, { from: '2023-01', to: '2023-02' }, 'Burglary', await service.months());
  assert.deepEqual(report.monthly.map((m) => [m.month, m.crimes]), [['2023-01', 3], ['2023-02', 1]]);
  assert.deepEqual(report.children.map((c) => c.level), ['lsoa']);
  assert.deepEqual(report.children[0]?.rows.map((r) => [r.area.code, r.crimes, r.ratePer1000]), [[LSOA_N1, 4, 2], [LSOA_N2, 0, 0]]);
  assert.equal(report.notPlaced, null);
});

test('counts: every LSOA and month with zeros, rates from each LSOA population of the month’s year', async () => {
  const geo = await service.geography();
  const force = geo.force;
  assert.ok(force);
  const rows = await service.counts(geo, force, 'lsoa', period, 'Burglary', await service.months());
  const table = rows.map((r) => `${r.placeCode} ${r.month} ${r.crimes} ${r.population} ${r.ratePer1000}`);
  assert.deepEqual(table, [
    `${LSOA_N1} 2023-01 3 2000 1.5`,
    `${LSOA_N1} 2023-02 1 2000 0.5`,
    `${LSOA_N1} 2023-03 0 2000 0`,
    `${LSOA_N2} 2023-01 0 2000 0`,
    `${LSOA_N2} 2023-02 0 2000 0`,
    `${LSOA_N2} 2023-03 2 2000 1`,
    `${LSOA_S1} 2023-01 2 5500 0.3636`,
    `${LSOA_S1} 2023-02 0 5500 0`,
    `${LSOA_S1} 2023-03 0 5500 0`,
  ]);
  const forceRows = await service.counts(geo, force, 'force', period, allCrime, await service.months());
  assert.deepEqual(forceRows.map((r) => [r.month, r.crimes, r.crimeType]), [['2023-01', 16, allCrime], ['2023-02', 8, allCrime], ['2023-03', 2, allCrime]]);
  const asb = await service.counts(geo, force, 'la', { from: '2023-02', to: '2023-02' }, 'Anti-social behaviour', await service.months());
  assert.deepEqual(asb.map((r) => [r.placeCode, r.crimes]), [[LA_NORTH, 0], [LA_SOUTH, 2]]);
});

test('stop and search: rows of current files only; linked share of those answered; ethnicity without rates', async () => {
  const ss = await service.stopSearch(period);
  assert.equal(ss.total, 4);
  assert.deepEqual(ss.linked, { yes: 2, no: 1, unanswered: 1, share: 2 / 3 });
  assert.deepEqual(ss.byObject, [{ label: 'Controlled drugs', count: 2 }, { label: 'Offensive weapons', count: 1 }, { label: 'Stolen goods', count: 1 }]);
  assert.deepEqual(ss.byEthnicity.map((r) => [r.label, r.count]), [['Asian/Asian British - Pakistani', 2], ['Not recorded', 1], ['White - English/Welsh/Scottish/Northern Irish/British', 1]]);
  assert.deepEqual(ss.byMonth, [{ label: '2023-01', count: 4 }]);
});

test('coverage: current files by kind with months, rows, without location and outside the force area', async () => {
  const coverage = await service.coverage();
  const street = coverage.kinds.find((k) => k.kind === 'street');
  assert.deepEqual([street?.files, street?.first, street?.last, street?.rows, street?.withoutLocation, street?.outsideForceArea], [3, '2023-01', '2023-03', 30, 3, 6]);
  assert.equal(coverage.kinds.find((k) => k.kind === 'stop-and-search')?.files, 1);
  assert.equal(coverage.kinds.find((k) => k.kind === 'outcomes')?.files, 0);
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../../platform/audit/audit.tables.ts';
import type { Database } from '../../../platform/db/database.ts';
import { createTestDatabase } from '../../../platform/db/testing.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { pointInHotspot } from '../patrols/geofence.ts';
import { hotspotRegisters } from '../crime.tables.ts';
import { toBng } from './bng.ts';
import { createHotspotsService, resolveParams, type HotspotParams } from './hotspots.service.ts';
import { projectPolygons } from './study-area.ts';
import { insertBoundary, insertStreetCrimes, type TestCrime } from './test-fixtures.ts';

let database: Database;
const actor = { userId: null, label: 'test' };

// A 10 × 10 block of 250 m cells (cols 2000–2009, rows 800–809): one violence crime at the centre of
// every cell, 40 more in cell (2004, 804) and 5 more in each of its 4 edge neighbours (so that the
// centre's queen neighbourhood holds more than any other's: no ties). Plus rows that must be left out.
const centre = (col: number, row: number) => ({ easting: col * 250 + 125, northing: row * 250 + 125 });
const extra = (col: number, row: number) => (col === 2004 && row === 804 ? 40 : (col === 2004 && Math.abs(row - 804) === 1) || (row === 804 && Math.abs(col - 2004) === 1) ? 5 : 0);
const expectedCount = (col: number, row: number) => (col >= 2000 && col < 2010 && row >= 800 && row < 810 ? 1 + extra(col, row) : 0);
const crimes: TestCrime[] = [];
for (let row = 800; row < 810; row++) {
  for (let col = 2000; col < 2010; col++) {
    crimes.push({ month: '2023-05', crimeType: 'Violence and sexual offences', ...centre(col, row) });
    for (let i = 0; i < extra(col, row); i++) crimes.push({ month: i % 2 ? '2023-05' : '2023-06', crimeType: 'Violence and sexual offences', easting: col * 250 + 10 + i, northing: row * 250 + 200 });
  }
}
const leftOut: TestCrime[] = [
  ...Array.from({ length: 30 }, () => ({ month: '2023-05', crimeType: 'Anti-social behaviour', ...centre(2008, 801) })), // not chosen by default
  ...Array.from({ length: 30 }, () => ({ month: '2023-05', crimeType: 'Burglary', ...centre(2001, 808), outsideForceArea: true })),
  ...Array.from({ length: 30 }, () => ({ month: '2023-05', crimeType: 'Burglary', easting: null, northing: null })),
  ...Array.from({ length: 30 }, () => ({ month: '2024-05', crimeType: 'Burglary', ...centre(2001, 801) })), // after the period
];

before(async () => {
  database = await createTestDatabase();
  await insertStreetCrimes(database.db, [...crimes, ...leftOut]);
  // A superseded file's rows are not current and are never read.
  await insertStreetCrimes(database.db, Array.from({ length: 30 }, () => ({ month: '2023-07', crimeType: 'Burglary', ...centre(2002, 802) })), { superseded: true });
});
after(async () => {
  await database?.close();
});

/** Gi* for one cell written out directly from the formula (queen neighbourhood, itself included). */
function naiveGiStar(counts: Map<string, number>, col: number, row: number): number {
  const xs = [...counts.values()];
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(xs.reduce((a, b) => a + b * b, 0) / n - mean * mean);
  let sum = 0;
  let w = 0;
  for (let dr = -1; dr <= 1; dr++) {
    for (let dc = -1; dc <= 1; dc++) {
      const x = counts.get(`${col + dc},${row + dr}`);
      if (x === undefined) continue;
      sum += x;
      w++;
    }
  }
  return (sum - mean * w) / (s * Math.sqrt((n * w - w * w) / (n - 1)));
}

test('parameters: defaults leave out anti-social behaviour, errors name the field', async () => {
  const service = createHotspotsService(database.db);
  const context = await service.context();
  assert.deepEqual(context.crimeTypes, ['Anti-social behaviour', 'Burglary', 'Violence and sexual offences']);
  assert.deepEqual(context.months, { first: '2023-05', last: '2024-05' });
  const params = resolveParams({}, context);
  assert.deepEqual(params, { crimeTypes: ['Burglary', 'Violence and sexual offences'], from: '2023-06', to: '2024-05', cellSize: 250, fdr: false, top: 20 });
  assert.deepEqual(resolveParams({ types: 'burglary,Anti-social behaviour', from: '2023-05', to: '2023-06', cell: '500', fdr: 'on', top: '5' }, context), {
    crimeTypes: ['Anti-social behaviour', 'Burglary'],
    from: '2023-05',
    to: '2023-06',
    cellSize: 500,
    fdr: true,
    top: 5,
  });
  assert.throws(
    () => resolveParams({ types: 'Arson', from: '2023-13', cell: '10', fdr: 'maybe', top: '0' }, context),
    (e: unknown) => e instanceof ValidationError && ['types', 'from', 'cell', 'fdr', 'top'].every((f) => e.errors.some((x) => x.field === f)),
  );
  assert.throws(() => resolveParams({ from: '2024-01', to: '2023-01' }, context), /must not be after/);
});

test('Gi* over the inserted points: the cluster cell is the top hot spot, with z as worked from the formula', async () => {
  const service = createHotspotsService(database.db);
  const params: HotspotParams = { crimeTypes: ['Burglary', 'Violence and sexual offences'], from: '2023-05', to: '2023-06', cellSize: 250, fdr: false, top: 5 };
  const analysis = await service.analyse(params);
  assert.equal(analysis.points, 160, '100 + 40 + 4 × 5 violence; ASB not chosen; outside, no-location, later and superseded rows left out');
  assert.equal(analysis.studyArea.kind, 'bounding-box');
  assert.equal(analysis.cells, 100);
  const counts = new Map<string, number>();
  for (let row = 800; row < 810; row++) for (let col = 2000; col < 2010; col++) counts.set(`${col},${row}`, expectedCount(col, row));
  const top = analysis.top[0];
  assert.ok(top);
  assert.deepEqual([top.col, top.row, top.count, top.rank], [2004, 804, 41, 1]);
  assert.ok(Math.abs(top.z - naiveGiStar(counts, 2004, 804)) < 1e-9, `${top.z}`);
  assert.equal(top.bin, 3);
  assert.equal(top.wkt, 'POLYGON((501000 201000, 501250 201000, 501250 201250, 501000 201250, 501000 201000))');
  assert.deepEqual(top.polygon[0], top.polygon[4]);
  // Its neighbours follow (their neighbourhoods hold most of the cluster).
  const next = analysis.top.slice(1).map((c) => Math.max(Math.abs(c.col - 2004), Math.abs(c.row - 804)));
  assert.ok(next.every((d) => d === 1), 'the next hottest cells touch the cluster');

  // With ASB chosen, its 30 points make cell (2008, 801) a hot spot too.
  const withAsb = await service.analyse({ ...params, crimeTypes: ['Anti-social behaviour', 'Violence and sexual offences'], top: 99 });
  assert.equal(withAsb.points, 190);
  assert.ok(withAsb.top.some((c) => c.col === 2008 && c.row === 801 && c.count === 31));
});

test('no points: an empty analysis, not an error', async () => {
  const service = createHotspotsService(database.db);
  const analysis = await service.analyse({ crimeTypes: ['Burglary'], from: '2020-01', to: '2020-12', cellSize: 250, fdr: true, top: 20 });
  assert.equal(analysis.points, 0);
  assert.equal(analysis.cells, 0);
  assert.equal(analysis.studyArea.kind, 'none');
  assert.deepEqual(analysis.top, []);
});

test('saving registers: the top hot cells with ids and polygons; the previous register is kept, not current; audited', async () => {
  const service = createHotspotsService(database.db);
  const params: HotspotParams = { crimeTypes: ['Violence and sexual offences'], from: '2023-05', to: '2023-06', cellSize: 250, fdr: false, top: 3 };
  const first = await service.saveRegister(actor, params, 'First');
  assert.equal(first.hotspots, 3);
  const saved = await service.register(first.register.id);
  assert.ok(saved);
  assert.deepEqual(saved.hotspots.map((h) => h.hotspotId), ['H01', 'H02', 'H03']);
  assert.deepEqual([saved.hotspots[0]?.col, saved.hotspots[0]?.row, saved.hotspots[0]?.crimes], [2004, 804, 41]);
  assert.ok(saved.hotspots.every((h) => h.bin >= 2 && h.polygon.length === 5 && h.wkt.startsWith('POLYGON((')));

  const second = await service.saveRegister(actor, { ...params, top: 1 }, 'Second');
  assert.equal(second.previous?.id, first.register.id);
  const registers = await database.db.select().from(hotspotRegisters);
  assert.equal(registers.length, 2);
  assert.deepEqual(registers.filter((r) => r.current).map((r) => r.name), ['Second']);
  assert.equal((await service.register(first.register.id))?.hotspots.length, 3, 'the earlier register keeps its hotspots');
  assert.equal((await service.currentRegister())?.register.id, second.register.id);
  const events = await database.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'hotspot-register'));
  assert.equal(events.length, 2);
  assert.match(events[1]?.summary ?? '', /register \d+ "First" is kept, no longer current/);
  const list = await service.listRegisters();
  assert.deepEqual(list.map((r) => [r.name, r.hotspots, r.current]), [['Second', 1, true], ['First', 3, false]]);

  // Nothing hot enough: refused, nothing saved.
  await assert.rejects(service.saveRegister(actor, { ...params, from: '2024-05', to: '2024-05' }, 'Empty'), ValidationError);
  assert.equal((await database.db.select().from(hotspotRegisters)).length, 2);
});

test('with a force area boundary loaded: the study area is the cells whose centre is inside it, and points outside are counted', async () => {
  // A boundary around part of the block, given in longitude/latitude as boundary files are.
  const lonLat = (e: number, n: number): [number, number] => {
    // Invert toBng numerically (Newton steps on the forward projection): only to make a test boundary.
    let lon = -1.1;
    let lat = 51.8;
    for (let i = 0; i < 20; i++) {
      const p = toBng(lon, lat);
      const dx = toBng(lon + 1e-5, lat);
      const dy = toBng(lon, lat + 1e-5);
      const a = (dx.easting - p.easting) / 1e-5;
      const b = (dy.easting - p.easting) / 1e-5;
      const c = (dx.northing - p.northing) / 1e-5;
      const d = (dy.northing - p.northing) / 1e-5;
      const re = e - p.easting;
      const rn = n - p.northing;
      const det = a * d - b * c;
      lon += (d * re - b * rn) / det;
      lat += (a * rn - c * re) / det;
    }
    return [lon, lat];
  };
  const ring = [lonLat(500100, 200100), lonLat(501900, 200300), lonLat(501700, 202400), lonLat(500200, 201800), lonLat(500100, 200100)];
  await insertBoundary(database.db, { code: 'E23999999', name: 'Testshire', type: 'force_area', parentCode: null }, [[ring]]);
  await insertBoundary(database.db, { code: 'E06999999', name: 'Test Town', type: 'local_authority', parentCode: 'E23999999' }, [[ring]]);
  const service = createHotspotsService(database.db);
  const analysis = await service.analyse({ crimeTypes: ['Violence and sexual offences'], from: '2023-05', to: '2023-06', cellSize: 250, fdr: false, top: 5 });
  assert.deepEqual(analysis.studyArea, { kind: 'force-area', code: 'E23999999', name: 'Testshire' });
  assert.deepEqual(analysis.localAuthorities.map((b) => b.name), ['Test Town']);
  const projected = projectPolygons([[ring]]);
  let inside = 0;
  let pointsInside = 0;
  for (let row = 795; row < 815; row++) {
    for (let col = 1995; col < 2015; col++) {
      if (pointInHotspot({ id: 'f', rings: projected[0] ?? [] }, col * 250 + 125, row * 250 + 125)) {
        inside++;
        pointsInside += expectedCount(col, row);
      }
    }
  }
  assert.equal(analysis.cells, inside);
  assert.equal(analysis.points, 160);
  assert.equal(analysis.pointsOutsideStudyArea, 160 - pointsInside);
  assert.deepEqual([analysis.top[0]?.col, analysis.top[0]?.row], [2004, 804]);
});

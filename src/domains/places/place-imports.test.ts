// The place imports on a real database (PGlite, or PostgreSQL with DATABASE_URL): small fixtures for
// each quirk, all-or-nothing on a bad row, identical re-imports changing nothing, revisions kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { count, eq, sql } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { localAuthorityNameOfLsoa, PlaceImportError, placeTypeOfCode } from './place-imports.ts';
import { createPlacesService } from './places.service.ts';
import { lsoa2011To2021, placeBoundaries, placeImports, placePopulationHistory, placePopulations, places } from './places.tables.ts';

const actor = { userId: null, label: 'test' };
const file = (name: string, text: string) => ({ name, content: Buffer.from(text) });

/** A fresh database with a force area and three local authorities under it (Central Bedfordshire without a population). */
async function fresh(t: { after: (fn: () => Promise<void>) => void }) {
  const database: Database = await createTestDatabase();
  t.after(() => database.close());
  await database.db.insert(places).values([
    { code: 'E23000026', name: 'Bedfordshire', type: 'force_area', parentCode: null },
    { code: 'E06000055', name: 'Bedford', type: 'local_authority', parentCode: 'E23000026' },
    { code: 'E06000056', name: 'Central Bedfordshire', type: 'local_authority', parentCode: 'E23000026' },
    { code: 'E06000032', name: 'Luton', type: 'local_authority', parentCode: 'E23000026' },
  ]);
  await database.db.insert(placePopulations).values([
    { placeCode: 'E06000055', year: 2021, population: 185300, source: 'Census 2021 (rounded)' },
    { placeCode: 'E06000032', year: 2021, population: 225300, source: 'Census 2021 (rounded)' },
  ]);
  let changes = 0;
  const service = createPlacesService(database.db, { onChange: () => changes++ });
  return { database, db: database.db, service, changes: () => changes };
}

const cleanCsv =
  '\uFEFF2021 super output area - lower layer,LSOA21CD,Population\r\n' +
  'Bedford 001A,E01017540,"1,800"\r\n' +
  'Luton 023C,E01033805,1650\r\n' +
  'Central Bedfordshire 001A,E01017474,1500\r\n' +
  'Central Bedfordshire 001B,E01017475,1600\r\n' +
  '"Bournemouth, Christchurch and Poole 003A",E01015424,"1,944"\r\n' +
  ',,\r\n' +
  'This information is provided under the Nomis disclosure rules,,\r\n';

const nomisCsv = [
  '"TS001 - Number of usual residents in households and communal establishments"',
  '"ONS Crown Copyright Reserved [from Nomis on 1 January 2023]"',
  '"Units      :","Persons"',
  '',
  '"2021 super output area - lower layer","mnemonic","2021"',
  '',
  '"Bedford 001A","E01017540",1800',
  '"Luton 023C","E01033805",1650',
  '"Central Bedfordshire 001A","E01017474",1500',
  '"Central Bedfordshire 001B","E01017475",1600',
  '"Bournemouth, Christchurch and Poole 003A","E01015424",1944',
  '',
  '"In order to protect against disclosure of personal information, some figures have been swapped"',
  '',
].join('\n');

test('code prefixes give place types; an LSOA name gives its local authority name', () => {
  assert.deepEqual(['E01033805', 'W01000001', 'E05000001', 'E06000032', 'E07000001', 'E08000001', 'E09000001', 'W06000001', 'E22000009', 'W14000001', 'E23000026', 'W15000001', 'E92000001'].map(placeTypeOfCode), ['lsoa', 'lsoa', 'ward', 'local_authority', 'local_authority', 'local_authority', 'local_authority', 'local_authority', 'csp', 'csp', 'force_area', 'force_area', null]);
  assert.equal(localAuthorityNameOfLsoa('Luton 023C'), 'Luton');
  assert.equal(localAuthorityNameOfLsoa('Bournemouth, Christchurch and Poole 003A'), 'Bournemouth, Christchurch and Poole');
  assert.equal(localAuthorityNameOfLsoa('Luton'), null);
  assert.equal(localAuthorityNameOfLsoa(' Central Bedfordshire  001A '), 'Central Bedfordshire', 'spaces around the suffix');
});

test('population: clean CSV (BOM, CRLF, quoted commas, thousands, footer), LSOAs placed by name, audited', async (t) => {
  const { db, service, changes } = await fresh(t);
  const s = await service.importPopulation(file('pop.csv', cleanCsv), actor);
  assert.equal(s.lsoasAdded, 5);
  assert.equal(s.populationsAdded, 5);
  assert.equal(s.placedByName, 4);
  assert.equal(s.withoutLocalAuthority, 1);
  assert.deepEqual(s.skipped.map((k) => [k.reason, k.count]), [['blank line', 1], ['footer note', 1]]);
  assert.equal(s.source, 'Census 2021 TS001 usual residents (pop.csv)');
  const rows = await db.select().from(places).where(eq(places.type, 'lsoa')).orderBy(places.code);
  assert.deepEqual(rows.map((r) => [r.code, r.name, r.parentCode]), [
    ['E01015424', 'Bournemouth, Christchurch and Poole 003A', null],
    ['E01017474', 'Central Bedfordshire 001A', 'E06000056'],
    ['E01017475', 'Central Bedfordshire 001B', 'E06000056'],
    ['E01017540', 'Bedford 001A', 'E06000055'],
    ['E01033805', 'Luton 023C', 'E06000032'],
  ]);
  const [imported] = await db.select().from(placeImports);
  assert.equal(imported?.kind, 'population');
  assert.match(imported?.sha256 ?? '', /^[0-9a-f]{64}$/);
  assert.equal((imported?.summary as { lsoasAdded: number }).lsoasAdded, 5);
  const audits = await db.select().from(auditEvents).where(eq(auditEvents.entityType, 'place_import'));
  assert.equal(audits.length, 1);
  assert.match(audits[0]?.summary ?? '', /Imported pop\.csv: .*LSOAs added 5/);
  assert.equal(changes(), 1);

  // The raw Nomis form of the same figures changes nothing.
  const again = await service.importPopulation(file('pop.csv', nomisCsv), actor);
  assert.deepEqual([again.lsoasAdded, again.lsoasUpdated, again.lsoasUnchanged, again.populationsRevised], [0, 0, 5, 0]);
  assert.equal(again.skipped.find((k) => k.reason === 'title line before the header')?.count, 4);
  assert.equal(again.skipped.find((k) => k.reason === 'footer note')?.count, 1);
  assert.equal(changes(), 1);
});

test('populationOf: own figure for the latest year up to the year, else the sum of the LSOAs under it', async (t) => {
  const { service } = await fresh(t);
  await service.importPopulation(file('pop.csv', cleanCsv), actor);
  assert.deepEqual(await service.populationOf('E06000055', 2024), { code: 'E06000055', year: 2024, population: 185300, basis: 'own', dataYear: 2021, source: 'Census 2021 (rounded)', lsoaCount: null, lsoasWithoutPopulation: null });
  const central = await service.populationOf('E06000056', 2021);
  assert.equal(central?.basis, 'lsoa-sum');
  assert.equal(central?.population, 1500 + 1600);
  assert.equal(central?.lsoaCount, 2);
  assert.equal(central?.lsoasWithoutPopulation, 0);
  assert.equal(central?.source, 'sum of 2 LSOAs: Census 2021 TS001 usual residents (pop.csv)');
  assert.equal(await service.populationOf('E06000056', 2020), null);
  // The force area has no figure of its own: the sum of every LSOA under it, through the local authorities.
  const force = await service.populationOf('E23000026', 2021);
  assert.deepEqual([force?.basis, force?.population, force?.lsoaCount], ['lsoa-sum', 1800 + 1650 + 1500 + 1600, 4]);
  assert.equal((await service.populationOf('E01033805', 2021))?.population, 1650);
  assert.equal(await service.populationOf('E99999999', 2021), null);
  const batch = await service.populations(['E06000055', 'E06000056', 'E06000032', 'E01015424', 'nothing'], 2021);
  assert.deepEqual([...batch.keys()].sort(), ['E01015424', 'E06000032', 'E06000055', 'E06000056']);
  // A later own figure wins for later years only.
  await service.importPopulation(file('pop2.csv', 'LSOA21CD,Population\nE01017474,1700\n'), actor, { year: 2023 });
  assert.equal((await service.populationOf('E06000056', 2022))?.population, 3100);
  const later = await service.populationOf('E06000056', 2023);
  assert.deepEqual([later?.population, later?.dataYear], [1700 + 1600, 2023]);
  assert.match(later?.source ?? '', /Census 2021 TS001 usual residents \(pop\.csv\); Census 2023 TS001 usual residents \(pop2\.csv\)/);

  const area = await service.placesInForceArea('E23000026');
  assert.equal(area.forceArea?.name, 'Bedfordshire');
  assert.deepEqual(area.localAuthorities.map((p) => p.name), ['Bedford', 'Central Bedfordshire', 'Luton']);
  assert.equal(area.lsoas.length, 4);
  assert.deepEqual(area.csps, []);
});

test('population: a changed figure is revised and the old one kept in the history', async (t) => {
  const { db, service } = await fresh(t);
  await service.importPopulation(file('pop.csv', cleanCsv), actor);
  const s = await service.importPopulation(file('pop-revised.csv', cleanCsv.replace('"1,800"', '1850')), actor);
  assert.deepEqual([s.lsoasUpdated, s.lsoasUnchanged, s.populationsRevised], [1, 4, 1]);
  assert.deepEqual(s.revised, [{ code: 'E01017540', from: 1800, to: 1850, fromSource: 'Census 2021 TS001 usual residents (pop.csv)' }]);
  const history = await db.select().from(placePopulationHistory);
  assert.deepEqual(history.map((h) => [h.placeCode, h.year, h.population, h.source, h.supersededBySource]), [['E01017540', 2021, 1800, 'Census 2021 TS001 usual residents (pop.csv)', 'Census 2021 TS001 usual residents (pop-revised.csv)']]);
  const [now] = await db.select().from(placePopulations).where(eq(placePopulations.placeCode, 'E01017540'));
  assert.deepEqual([now?.population, now?.source], [1850, 'Census 2021 TS001 usual residents (pop-revised.csv)']);
});

test('population: a bad row refuses the whole file, naming file, row and column; nothing changes', async (t) => {
  const { db, service } = await fresh(t);
  await service.importPopulation(file('pop.csv', cleanCsv), actor);
  const snapshot = async () => ({
    places: (await db.select({ n: count() }).from(places))[0]?.n,
    pops: await db.select().from(placePopulations).orderBy(placePopulations.placeCode),
    imports: (await db.select({ n: count() }).from(placeImports))[0]?.n,
  });
  const before = await snapshot();
  const bad = cleanCsv.replace('"1,800"', '1900').replace('Luton 023C,E01033805,1650', 'Luton 023C,E01033805,16x0').replace('Central Bedfordshire 001B,E01017475,1600', 'New 001A,E01099999,5');
  await assert.rejects(service.importPopulation(file('bad.csv', bad), actor), (error: unknown) => {
    assert.ok(error instanceof PlaceImportError);
    assert.equal(error.message, 'File bad.csv, row 3, column Population: "16x0" is not a whole number of people; nothing was stored');
    return true;
  });
  await assert.rejects(service.importPopulation(file('la.csv', 'LSOA21CD,Population\nE01099998,5\nE06000055,185000\n'), actor), /File la\.csv, row 3, column LSOA code: E06000055 is not an LSOA code/);
  assert.deepEqual(await snapshot(), before);
});

test('population: the LSOA lookup decides the local authority before the name does', async (t) => {
  const { db, service } = await fresh(t);
  const lookup = '\uFEFFLSOA11CD,LSOA11NM,LSOA21CD,LSOA21NM,LAD22CD,LAD22NM,LAD22NMW,ObjectId\r\nE01017540,Bedford 001A,E01017540,Bedford 001A,E06000032,Luton,,1\r\n';
  const first = await service.importLookup(file('lookup.csv', lookup), actor);
  assert.equal(first.kind, 'lsoa-2011-2021');
  const s = await service.importPopulation(file('pop.csv', cleanCsv), actor);
  assert.deepEqual([s.placedByLookup, s.placedByName], [1, 3]);
  const [row] = await db.select().from(places).where(eq(places.code, 'E01017540'));
  assert.equal(row?.parentCode, 'E06000032');
});

const ring = (x: number, y: number, d = 0.01) => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
const geojson = (features: { props: Record<string, string>; coords: number[][][] }[]) =>
  JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', properties: f.props, geometry: { type: 'Polygon', coordinates: f.coords } })) });

test('boundaries: places created from the file, identical re-import unchanged, a changed one supersedes (kept)', async (t) => {
  const { db, service } = await fresh(t);
  const v1 = geojson([
    { props: { LAD21CD: 'E06000032', LAD21NM: 'Luton' }, coords: [ring(-0.45, 51.86)] },
    { props: { PFA20CD: 'E23000026', PFA20NM: 'Bedfordshire' }, coords: [ring(-0.7, 51.8, 0.5)] },
    { props: { LSOA11CD: 'E01015499', LSOA11NM: 'Luton 001A' }, coords: [ring(-0.44, 51.87, 0.001)] },
    { props: { CSP17CD: 'E22000010', CSP17NM: 'Luton' }, coords: [ring(-0.45, 51.86)] },
  ]);
  const s = await service.importBoundaries(file('b.geojson', `\uFEFF${v1}`), actor);
  assert.deepEqual([s.featuresRead, s.placesCreated, s.boundariesAdded, s.boundariesReplaced, s.boundariesUnchanged], [4, 2, 4, 0, 0]);
  assert.deepEqual(s.byType, { local_authority: 1, force_area: 1, lsoa: 1, csp: 1 });
  const created = await db.select().from(places).where(sql`${places.code} in ('E01015499', 'E22000010')`).orderBy(places.code);
  assert.deepEqual(created.map((p) => [p.code, p.name, p.type, p.parentCode]), [['E01015499', 'Luton 001A', 'lsoa', null], ['E22000010', 'Luton', 'csp', null]]);

  const same = await service.importBoundaries(file('b-again.geojson', v1), actor);
  assert.deepEqual([same.placesCreated, same.boundariesAdded, same.boundariesReplaced, same.boundariesUnchanged], [0, 0, 0, 4]);

  const v2 = geojson([{ props: { LAD21CD: 'E06000032', LAD21NM: 'Luton' }, coords: [ring(-0.46, 51.86)] }]);
  const changed = await service.importBoundaries(file('b2.geojson', v2), actor);
  assert.deepEqual([changed.boundariesReplaced, changed.boundariesUnchanged], [1, 0]);
  const luton = await db.select().from(placeBoundaries).where(eq(placeBoundaries.placeCode, 'E06000032')).orderBy(placeBoundaries.id);
  assert.equal(luton.length, 2);
  assert.ok(luton[0]?.supersededAt instanceof Date);
  assert.equal(luton[1]?.supersededAt, null);
  const current = await service.currentBoundaries(['E06000032', 'E23000026', 'E06000055']);
  assert.deepEqual([...current.keys()].sort(), ['E06000032', 'E23000026']);
  assert.equal(current.get('E06000032')?.polygons[0]?.[0]?.[0]?.[0], -0.46);
  assert.equal(current.get('E06000032')?.source, 'b2.geojson');
});

test('boundaries: TopoJSON (quantised, delta-encoded) and refusals that store nothing', async (t) => {
  const { db, service } = await fresh(t);
  const topo = {
    type: 'Topology',
    transform: { scale: [0.001, 0.001], translate: [-0.5, 51.8] },
    objects: { lad: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', arcs: [[0]], properties: { LAD13CD: 'E06000055', LAD13CDO: '00KB', LAD13NM: 'Bedford' } }] } },
    arcs: [[[0, 0], [100, 0], [0, 100], [-100, 0], [0, -100]]],
  };
  const s = await service.importBoundaries(file('topo.json', JSON.stringify(topo)), actor);
  assert.deepEqual([s.featuresRead, s.placesCreated, s.boundariesAdded], [1, 0, 1]);
  const current = await service.currentBoundaries(['E06000055']);
  assert.deepEqual(current.get('E06000055')?.polygons[0]?.[0]?.[2], [-0.4, 51.9]);

  const before = (await db.select({ n: count() }).from(placeBoundaries))[0]?.n;
  const unknown = geojson([{ props: { LAD21CD: 'E06000056', LAD21NM: 'Central Bedfordshire' }, coords: [ring(-0.4, 52)] }, { props: { CTRY21CD: 'E92000001', CTRY21NM: 'England' }, coords: [ring(-1, 52)] }]);
  await assert.rejects(service.importBoundaries(file('u.geojson', unknown), actor), /^Error: File u\.geojson, row 2, column code: feature 2: E92000001 is not a code this knows/);
  await assert.rejects(service.importBoundaries(file('x.json', '{"type":"FeatureCollection"'), actor), /File x\.json: it is not JSON/);
  const line = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { LAD21CD: 'E06000056' }, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }] });
  await assert.rejects(service.importBoundaries(file('line.geojson', line), actor), /feature 1: a LineString is not an area/);
  assert.equal((await db.select({ n: count() }).from(placeBoundaries))[0]?.n, before);
  assert.equal((await db.select().from(places).where(eq(places.code, 'E06000056')))[0]?.name, 'Central Bedfordshire');
});

const ladCsp = [
  '\uFEFFLAD17CD,LAD17NM,CSP17CD,CSP17NM,PFA17CD,PFA17NM,FID',
  'E06000055,Bedford,E22000009,Bedford,E23000026,Bedfordshire,1',
  'E06000056,Central Bedfordshire,E22000353,Central Bedfordshire,E23000026,Bedfordshire,2',
  'E06000032,Luton,E22000010,Luton,E23000026,Bedfordshire,3',
  'E06000010,"Kingston upon Hull, City of",E22000134,"Kingston upon Hull, City of",E23000012,Humberside,4',
  '',
].join('\r\n');

test('LAD → CSP → PFA lookup: creates partnerships and forces, re-parents local authorities (by name), idempotent', async (t) => {
  const { db, service } = await fresh(t);
  await service.importPopulation(file('pop.csv', cleanCsv), actor);
  const s = await service.importLookup(file('lad.csv', ladCsp), actor);
  assert.equal(s.kind, 'lad-csp-pfa');
  if (s.kind !== 'lad-csp-pfa') return;
  assert.deepEqual(s.created, { force_area: 1, csp: 4, local_authority: 1 });
  assert.deepEqual(s.reparented.map((r) => `${r.name}: ${r.fromName} → ${r.toName}`), ['Bedford: Bedfordshire → Bedford', 'Central Bedfordshire: Bedfordshire → Central Bedfordshire', 'Luton: Bedfordshire → Luton']);
  const chain = async (code: string): Promise<string[]> => {
    const [p] = await db.select().from(places).where(eq(places.code, code));
    return p?.parentCode ? [code, ...(await chain(p.parentCode))] : [code];
  };
  assert.deepEqual(await chain('E01017540'), ['E01017540', 'E06000055', 'E22000009', 'E23000026']);
  assert.deepEqual(await chain('E06000010'), ['E06000010', 'E22000134', 'E23000012']);
  const [hull] = await db.select().from(places).where(eq(places.code, 'E06000010'));
  assert.deepEqual([hull?.name, hull?.type], ['Kingston upon Hull, City of', 'local_authority']);
  const area = await service.placesInForceArea('E23000026');
  assert.deepEqual([area.csps.length, area.localAuthorities.length, area.lsoas.length], [3, 3, 4]);
  assert.equal((await service.populationOf('E23000026', 2021))?.population, 1800 + 1650 + 1500 + 1600);

  const again = await service.importLookup(file('lad.csv', ladCsp), actor);
  assert.ok(again.kind === 'lad-csp-pfa' && again.reparented.length === 0 && again.created.csp === 0 && again.unchanged === 10);

  const before = (await db.select({ n: count() }).from(places))[0]?.n;
  await assert.rejects(service.importLookup(file('bad.csv', `${ladCsp}E06000099,New,E22000999,New,E23000099,New,5\r\nE06000098,Newer,E22000998,Newer,E2300009X,Bad,6\r\n`), actor), /File bad\.csv, row 7, column PFA17CD: "E2300009X" is not a police force area code/);
  assert.equal((await db.select({ n: count() }).from(places))[0]?.n, before);
});

test('LSOA 2011 → 2021 lookup: loads, re-import unchanged, changed rows keep their old values in the import record, LSOAs placed', async (t) => {
  const { db, service } = await fresh(t);
  await service.importPopulation(file('pop.csv', cleanCsv), actor);
  const header = '\uFEFFLSOA11CD,LSOA11NM,LSOA21CD,LSOA21NM,LAD22CD,LAD22NM,LAD22NMW,ObjectId';
  const v1 = [header, 'E01017540,Bedford 001A,E01017540,Bedford 001A,E06000055,Bedford,,1', 'E01015424,Bournemouth 003A,E01015424,"Bournemouth, Christchurch and Poole 003A",E06000058,"Bournemouth, Christchurch and Poole",,2', 'E01015499,Luton 001A,E01033805,Luton 023C,E06000032,Luton,,3'].join('\r\n');
  const s = await service.importLookup(file('lsoa.csv', v1), actor);
  assert.ok(s.kind === 'lsoa-2011-2021');
  if (s.kind !== 'lsoa-2011-2021') return;
  assert.deepEqual([s.added, s.changed, s.unchanged, s.lsoasPlaced, s.lsoasMoved], [3, 0, 0, 0, 0]);
  assert.equal((await db.select({ n: count() }).from(lsoa2011To2021))[0]?.n, 3);
  const same = await service.importLookup(file('lsoa.csv', v1), actor);
  assert.ok(same.kind === 'lsoa-2011-2021' && same.unchanged === 3 && same.added === 0 && same.changed === 0);

  // Bournemouth's local authority now exists; Bedford 001A is (for the test) moved to Luton.
  await db.insert(places).values({ code: 'E06000058', name: 'Bournemouth, Christchurch and Poole', type: 'local_authority', parentCode: null });
  const v2 = v1.replace('E01017540,Bedford 001A,E06000055,Bedford,,1', 'E01017540,Bedford 001A,E06000032,Luton,,1');
  const changed = await service.importLookup(file('lsoa-v2.csv', v2), actor);
  if (changed.kind !== 'lsoa-2011-2021') return assert.fail('wrong kind');
  assert.deepEqual([changed.added, changed.changed, changed.unchanged, changed.lsoasPlaced, changed.lsoasMoved], [0, 1, 2, 1, 1]);
  assert.deepEqual(changed.changedRows, [{ lsoa11Code: 'E01017540', before: { lsoa11Name: 'Bedford 001A', lsoa21Code: 'E01017540', lsoa21Name: 'Bedford 001A', ladCode: 'E06000055', ladName: 'Bedford' }, after: { lsoa11Name: 'Bedford 001A', lsoa21Code: 'E01017540', lsoa21Name: 'Bedford 001A', ladCode: 'E06000032', ladName: 'Luton' } }]);
  const [record] = await db.select().from(placeImports).where(eq(placeImports.fileName, 'lsoa-v2.csv'));
  assert.equal((record?.summary as { changedRows: { before: { ladCode: string } }[] }).changedRows[0]?.before.ladCode, 'E06000055');
  const parents = await db.select().from(places).where(sql`${places.code} in ('E01017540', 'E01015424')`).orderBy(places.code);
  assert.deepEqual(parents.map((p) => p.parentCode), ['E06000058', 'E06000032']);
  const [row] = await db.select().from(lsoa2011To2021).where(eq(lsoa2011To2021.lsoa11Code, 'E01017540'));
  assert.deepEqual([row?.ladCode, row?.source], ['E06000032', 'ONS LSOA 2011 to 2021 best-fit lookup (lsoa-v2.csv)']);
});

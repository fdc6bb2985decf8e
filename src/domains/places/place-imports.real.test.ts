// The real ONS files in ../shared/data/raw, imported in the order an office would (demo seed, both
// population files, the lookups, the boundaries), checked against figures computed here straight from
// the files and against the facts SOURCES.md records. Skipped locally when the files are absent;
// fails in CI.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { count, eq, isNull } from 'drizzle-orm';
import { systemActor } from '../../platform/audit/audit.service.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { seedDemoPlan } from '../plan/demo/seed-demo.ts';
import { createPlacesService } from './places.service.ts';
import { placeBoundaries, places } from './places.tables.ts';

const raw = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/raw');
const files = {
  clean: path.join(raw, 'ons-lsoa-population/lsoa_global_number_residents_2021.csv'),
  nomis: path.join(raw, 'ons-lsoa-population/nomis-original/lsoa_global_number_residents_2021.csv'),
  lsoaLookup: path.join(raw, 'ons-lsoa-population/LSOA_2011_to_LSOA_2021_Lookup_for_England_and_Wales.csv'),
  ladCsp: path.join(raw, 'ons-lookups/Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__January_2017__Lookup_in_England_and_Wales_Version_2.csv'),
  lutonLsoas: path.join(raw, 'uk-geojson-martinjc/json/statistical/eng/lsoa_by_lad/E06000032.json'),
  topoLad: path.join(raw, 'uk-geojson-martinjc/json/administrative/eng/topo_lad.json'),
  forces: path.join(raw, 'police-force-areas/police_force_areas.geojson'),
  bedsLads: path.join(raw, 'ons-census2021-lad/derived/bedfordshire_lad2021_from_topojson.geojson'),
};
const missing = Object.values(files).filter((f) => !fs.existsSync(f));

function skipIfMissing(t: { skip: (message: string) => void }): boolean {
  if (!missing.length) return false;
  if (process.env.CI) assert.fail(`the real place files are missing: ${missing.join(', ')}`);
  t.skip(`SKIPPED: real place files not found (${missing.length} missing, e.g. ${missing[0]})`);
  return true;
}

const read = (f: string) => ({ name: path.basename(f), content: fs.readFileSync(f) });
const actor = { userId: null, label: 'real-file test' };
let database: Database;
let service: ReturnType<typeof createPlacesService>;

before(async () => {
  database = await createTestDatabase();
  await seedDemoPlan(database.db, systemActor);
  service = createPlacesService(database.db);
});
after(async () => {
  await database?.close();
});

/** Bedfordshire's LSOAs straight from the clean CSV: by the local authority their name starts with. */
function bedfordshireFromCsv() {
  const out = new Map<string, { lsoas: number; people: number }>();
  for (const line of fs.readFileSync(files.clean, 'utf8').split(/\r?\n/)) {
    const match = /^(Bedford|Central Bedfordshire|Luton) \d{3}[A-Z],(E01\d{6}),(\d+)$/.exec(line);
    if (!match) continue;
    const la = out.get(match[1] as string) ?? { lsoas: 0, people: 0 };
    la.lsoas++;
    la.people += Number(match[3]);
    out.set(match[1] as string, la);
  }
  return out;
}

test('both population files give the same 35,672 LSOAs; Bedfordshire has 417 under its three local authorities, 704,736 people', async (t) => {
  if (skipIfMissing(t)) return;
  const first = await service.importPopulation(read(files.clean), actor);
  assert.equal(first.lsoasAdded, 35672);
  assert.equal(first.populationsAdded, 35672);
  const second = await service.importPopulation(read(files.nomis), actor);
  assert.deepEqual([second.lsoasAdded, second.lsoasUpdated, second.lsoasUnchanged, second.populationsRevised], [0, 0, 35672, 0]);
  assert.equal((await database.db.select({ n: count() }).from(places).where(eq(places.type, 'lsoa')))[0]?.n, 35672);

  const expected = bedfordshireFromCsv();
  const area = await service.placesInForceArea('E23000026');
  assert.equal(area.lsoas.length, 417);
  assert.equal(area.lsoas.length, [...expected.values()].reduce((n, la) => n + la.lsoas, 0));
  const sums = await service.lsoaSums(['E06000055', 'E06000056', 'E06000032', 'E23000026'], 2021);
  const byName = { Bedford: 'E06000055', 'Central Bedfordshire': 'E06000056', Luton: 'E06000032' } as const;
  for (const [name, code] of Object.entries(byName)) {
    assert.equal(sums.get(code)?.lsoas, expected.get(name)?.lsoas, name);
    assert.equal(sums.get(code)?.population, expected.get(name)?.people, name);
  }
  assert.deepEqual(['E06000055', 'E06000056', 'E06000032'].map((c) => sums.get(c)?.lsoas), [117, 175, 125]);
  assert.equal(sums.get('E23000026')?.population, 704736);
  // The force area and local authorities keep their own (rounded Census) figures from the demo.
  assert.equal((await service.populationOf('E06000055', 2021))?.population, 185300);
});

test('LAD → CSP → PFA puts Bedford under its partnership under Bedfordshire; the LSOA lookup places England and Wales', async (t) => {
  if (skipIfMissing(t)) return;
  const s = await service.importLookup(read(files.ladCsp), actor);
  assert.equal(s.kind, 'lad-csp-pfa');
  const parent = async (code: string) => (await database.db.select().from(places).where(eq(places.code, code)))[0]?.parentCode;
  assert.equal(await parent('E06000055'), 'E22000009');
  assert.equal(await parent('E22000009'), 'E23000026');
  assert.equal(await parent('E06000056'), 'E22000353');
  assert.equal(await parent('E06000032'), 'E22000010');
  const area = await service.placesInForceArea('E23000026');
  assert.deepEqual([area.csps.length, area.localAuthorities.length, area.lsoas.length], [3, 3, 417]);
  assert.equal((await service.lsoaSums(['E23000026'], 2021)).get('E23000026')?.population, 704736);

  const lookup = await service.importLookup(read(files.lsoaLookup), actor);
  assert.ok(lookup.kind === 'lsoa-2011-2021');
  if (lookup.kind !== 'lsoa-2011-2021') return;
  assert.equal(lookup.added, 34753);
  assert.equal(lookup.lsoasMoved, 0, 'the lookup agrees with the LSOA names in Bedfordshire');
  const again = await service.importLookup(read(files.lsoaLookup), actor);
  assert.ok(again.kind === 'lsoa-2011-2021' && again.unchanged === 34753 && again.added === 0 && again.changed === 0 && again.lsoasPlaced === 0);
  assert.equal((await service.placesInForceArea('E23000026')).lsoas.length, 417);
});

test('boundaries: 121 Luton 2011 LSOAs, 326 LADs (TopoJSON), 43 force areas, 3 Bedfordshire LADs superseding the 2013 ones', async (t) => {
  if (skipIfMissing(t)) return;
  const luton = await service.importBoundaries(read(files.lutonLsoas), actor);
  assert.deepEqual([luton.featuresRead, luton.byType.lsoa, luton.boundariesAdded], [121, 121, 121]);
  const lads = await service.importBoundaries(read(files.topoLad), actor);
  assert.deepEqual([lads.featuresRead, lads.byType.local_authority, lads.boundariesAdded], [326, 326, 326]);
  const forces = await service.importBoundaries(read(files.forces), actor);
  assert.deepEqual([forces.featuresRead, forces.byType.force_area, forces.boundariesAdded, forces.placesCreated], [43, 43, 43, 0]);
  const beds = await service.importBoundaries(read(files.bedsLads), actor);
  assert.deepEqual([beds.featuresRead, beds.boundariesReplaced, beds.placesCreated], [3, 3, 0]);
  const same = await service.importBoundaries(read(files.forces), actor);
  assert.equal(same.boundariesUnchanged, 43);
  assert.equal((await database.db.select({ n: count() }).from(placeBoundaries).where(isNull(placeBoundaries.supersededAt)))[0]?.n, 121 + 326 + 43);
  const current = await service.currentBoundaries(['E23000026', 'E06000032']);
  assert.equal(current.get('E23000026')?.polygons.length, 1);
  assert.equal(current.get('E06000032')?.source, 'bedfordshire_lad2021_from_topojson.geojson');
  // 2011-only LSOA codes became places without a parent: Bedfordshire still has 417 LSOAs.
  assert.equal((await service.placesInForceArea('E23000026')).lsoas.length, 417);
});

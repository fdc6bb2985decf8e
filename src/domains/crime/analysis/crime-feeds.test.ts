// Measures fed from crime data, through the real app (both engines): a monthly force-area count and
// the demo's yearly rate per 1,000 residents by local authority get one observation per complete
// period and place; a second refresh with the same data changes nothing; a changed month revises
// one value and keeps the old one; the staff form sets and clears the feed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, isNull } from 'drizzle-orm';
import { systemActor } from '../../../platform/audit/audit.service.ts';
import { startTestApp, type TestApp, type TestClient } from '../../../testing/harness.ts';
import { observations } from '../../measures/measures.tables.ts';
import { placePopulations, places } from '../../places/places.tables.ts';
import { crimeCounts } from '../crime.tables.ts';
import { completePeriods } from './crime-feeds.ts';

let app: TestApp;
let editor: TestClient;
const BEDFORD = 'E06000055';
const LUTON = 'E06000032';
const CENTRAL = 'E06000056';
const FORCE = 'E23000026';
const populations: Record<string, number> = { [BEDFORD]: 185300, [LUTON]: 225300, [CENTRAL]: 294200 };
// 2022 complete, and January 2023 (so 2023 is not a complete year).
const months = [...Array.from({ length: 12 }, (_, i) => `2022-${String(i + 1).padStart(2, '0')}`), '2023-01'];
type Row = { month: string; lsoa: string; type: string; crimes: number };
const fixture: Row[] = months.flatMap((month, i) => [
  { month, lsoa: 'E01000001', type: 'Burglary', crimes: i + 1 },
  { month, lsoa: 'E01000003', type: 'Violence and sexual offences', crimes: 2 },
  { month, lsoa: 'E01000003', type: 'Anti-social behaviour', crimes: 5 },
  { month, lsoa: '', type: 'Burglary', crimes: 1 },
]);
const lsoaLa: Record<string, string> = { E01000001: BEDFORD, E01000003: LUTON };

before(async () => {
  app = await startTestApp();
  editor = await app.signedIn('editor');
  const db = app.services.database.db;
  await db.insert(places).values([
    { code: 'E01000001', name: 'Bedford 001A', type: 'lsoa', parentCode: BEDFORD },
    { code: 'E01000003', name: 'Luton 001A', type: 'lsoa', parentCode: LUTON },
  ]);
  await db.insert(placePopulations).values([
    { placeCode: 'E01000001', year: 2021, population: 1500, source: 'test' },
    { placeCode: 'E01000003', year: 2021, population: 1600, source: 'test' },
  ]);
  await db.insert(crimeCounts).values(fixture.map((r) => ({ month: `${r.month}-01`, lsoaCode: r.lsoa, crimeType: r.type, crimes: r.crimes, crimesWithId: r.type === 'Anti-social behaviour' ? 0 : r.crimes, chargedOrSummonsed: 0 })));
});
after(async () => {
  await app?.close();
});

async function measureId(slug: string) {
  const plan = await app.services.plan.currentPlan('all');
  const found = await app.services.measures.findMeasure(plan?.id ?? 0, { slug }, 'all');
  assert.ok(found, slug);
  return found.measure;
}

const current = (id: number) =>
  app.services.database.db
    .select()
    .from(observations)
    .where(and(eq(observations.measureId, id), isNull(observations.supersededAt)))
    .orderBy(observations.placeCode, observations.periodStart);

test('complete periods only: a quarter, year or financial year needs every month loaded', () => {
  const loaded = new Set(months);
  assert.deepEqual(completePeriods('year', loaded).map((p) => p.label), ['2022']);
  assert.deepEqual(completePeriods('quarter', loaded).map((p) => p.label), ['2022-Q1', '2022-Q2', '2022-Q3', '2022-Q4']);
  assert.deepEqual(completePeriods('financial_year', loaded).map((p) => p.label), []);
  assert.equal(completePeriods('month', loaded).length, 13);
  assert.deepEqual(completePeriods('financial_year', new Set(['2022-04', '2022-05', '2022-06', '2022-07', '2022-08', '2022-09', '2022-10', '2022-11', '2022-12', '2023-01', '2023-02', '2023-03']))[0]?.months.length, 12);
});

test('the yearly rate by local authority: the count as numerator, the population as denominator, each LA', async () => {
  const measure = await measureId('crimes-per-1000-residents');
  const result = await app.services.crimeAnalysis.setCrimeFeed(systemActor, measure.id, []);
  assert.equal(result?.periods, 1);
  assert.deepEqual(result?.problems, []);
  const rows = await current(measure.id);
  const expected = Object.keys(populations)
    .sort()
    .map((la) => {
      const count = fixture.filter((r) => r.month.startsWith('2022') && r.type !== 'Anti-social behaviour' && lsoaLa[r.lsoa] === la).reduce((s, r) => s + r.crimes, 0);
      const population = populations[la] ?? 0;
      return { placeCode: la, period: '2022', numerator: count, denominator: population, value: (count / population) * 1000 };
    });
  assert.deepEqual(
    rows.map((r) => ({ placeCode: r.placeCode, period: r.period, numerator: r.numerator, denominator: r.denominator, value: r.value })),
    expected,
  );
  assert.equal(expected.find((e) => e.placeCode === CENTRAL)?.numerator, 0, 'a local authority without crimes gets 0');
});

test('a monthly force-area count of burglary: every row of the force, one value a month; unchanged data changes nothing', async () => {
  const plan = await app.services.plan.currentPlan('all');
  const mission = plan ? await app.services.plan.missionBySlug(plan.id, 'prevention', 'all') : null;
  assert.ok(mission);
  const measure = await app.services.measures.createMeasure(systemActor, mission.id, { title: 'Burglaries', slug: 'burglaries-monthly', frequency: 'month', geography: 'force_area', unit: 'crimes', polarity: 'lower_is_better' });
  const first = await app.services.crimeAnalysis.setCrimeFeed(systemActor, measure.id, ['Burglary']);
  assert.deepEqual([first?.added, first?.revised, first?.unchanged], [13, 0, 0]);
  const rows = await current(measure.id);
  assert.deepEqual(
    rows.map((r) => [r.placeCode, r.period, r.value]),
    months.map((m) => [FORCE, m, fixture.filter((r) => r.month === m && r.type === 'Burglary').reduce((s, r) => s + r.crimes, 0)]),
  );
  const total = async () => (await app.services.database.db.select().from(observations).where(eq(observations.measureId, measure.id))).length;
  const before = await total();
  const again = await app.services.crimeAnalysis.refreshCrimeFeeds(systemActor);
  const mine = again.find((r) => r.measureId === measure.id);
  assert.deepEqual([mine?.added, mine?.revised, mine?.unchanged], [0, 0, 13]);
  assert.equal(await total(), before);
  const yearly = again.find((r) => r.measureId !== measure.id);
  assert.deepEqual([yearly?.added, yearly?.revised, yearly?.unchanged], [0, 0, 3]);

  // A re-imported month with one more burglary: one value revised, the old one kept.
  await app.services.database.db
    .update(crimeCounts)
    .set({ crimes: 99 })
    .where(and(eq(crimeCounts.month, '2022-03-01'), eq(crimeCounts.lsoaCode, 'E01000001'), eq(crimeCounts.crimeType, 'Burglary')));
  const revised = (await app.services.crimeAnalysis.refreshCrimeFeeds(systemActor)).find((r) => r.measureId === measure.id);
  assert.deepEqual([revised?.added, revised?.revised, revised?.unchanged], [0, 1, 12]);
  assert.equal(await total(), before + 1);
  assert.equal((await current(measure.id)).find((r) => r.period === '2022-03')?.value, 99 + 1);
});

test('the staff form on the measure page sets the feed (and refreshes), refuses an unsuitable measure, and clears it', async () => {
  const measure = await measureId('crimes-per-1000-residents');
  const page = `/staff/measures/${measure.id}`;
  const shown = await editor.get(page);
  assert.match(shown.text, /Observations from police.uk crime data/);
  assert.match(shown.text, /This measure takes its observations from police.uk street-level crime data: <strong>every crime type except anti-social behaviour<\/strong>/);
  const set = await editor.postForm(`${page}/crime-feed`, { crimeTypes: 'Burglary' }, page);
  assert.equal(set.status, 200);
  assert.match(set.text, /Refreshed now: 1 complete period loaded; 0 new, 3 revised/);
  assert.match((await editor.get(page)).text, /<strong>Burglary<\/strong>/);
  const unknown = await editor.postForm(`${page}/crime-feed`, { crimeTypes: 'Piracy' }, page);
  assert.equal(unknown.status, 400);
  assert.match(unknown.text, /&quot;Piracy&quot; is not a police.uk crime type/);
  const cleared = await editor.postForm(`${page}/crime-feed/clear`, {}, page);
  assert.equal(cleared.status, 303);
  assert.match((await editor.get(page)).text, /This measure does not take its observations from police.uk crime data/);
  assert.equal((await current(measure.id)).length, 3, 'the observations stay');

  const adHoc = await measureId('victim-care-referrals');
  const other = `/staff/measures/${adHoc.id}`;
  const viewer = await app.signedIn('viewer');
  assert.equal((await viewer.request('POST', `${other}/crime-feed`, { body: 'crimeTypes=Burglary', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status, 403);
  await app.services.measures.updateMeasure(systemActor, adHoc.id, { frequency: 'ad_hoc' });
  const refused = await editor.postForm(`${other}/crime-feed`, {}, `/staff/measures/${measure.id}`);
  assert.equal(refused.status, 400);
  assert.match(refused.text, /must be reported monthly, quarterly, yearly or by financial year/);
});

test('a rate whose population is missing for a period says so: the other periods are stored, that one is not', async () => {
  const plan = await app.services.plan.currentPlan('all');
  const mission = plan ? await app.services.plan.missionBySlug(plan.id, 'prevention', 'all') : null;
  assert.ok(mission);
  // A month before the first population (2021) is loaded.
  await app.services.database.db.insert(crimeCounts).values({ month: '2020-12-01', lsoaCode: 'E01000001', crimeType: 'Burglary', crimes: 3, crimesWithId: 3, chargedOrSummonsed: 0 });
  const measure = await app.services.measures.createMeasure(systemActor, mission.id, { title: 'Crime rate', slug: 'crime-rate-monthly', frequency: 'month', geography: 'force_area', unit: 'per 1,000', rateBase: 1000, rateDenominator: 'population' });
  const result = await app.services.crimeAnalysis.setCrimeFeed(systemActor, measure.id, []);
  assert.equal(result?.periods, 14);
  assert.equal(result?.added, 13);
  assert.deepEqual(result?.problems, [`There is no population for ${FORCE} in 2020 or before, so the rate cannot be worked out: load the population first or give a denominator`]);
  const rows = await current(measure.id);
  assert.equal(rows.length, 13);
  const jan = rows.find((r) => r.period === '2022-01');
  const expected = fixture.filter((r) => r.month === '2022-01' && r.type !== 'Anti-social behaviour').reduce((s, r) => s + r.crimes, 0);
  assert.deepEqual([jan?.numerator, jan?.denominator, jan?.value], [expected, 704800, (expected / 704800) * 1000]);
});

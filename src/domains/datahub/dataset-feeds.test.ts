// Measures fed from a partner dataset, through the real app (both engines: PGlite, or PostgreSQL
// with DATABASE_URL). Hand-worked LSOA data for two months from two submitting councils:
//
//   LSOA        LA       2025-04 referrals, wait   2025-05 referrals, wait
//   E01000001   Bedford  12, 3                     10, 4
//   E01000002   Bedford   8, 5                     15, 6
//   E01000003   Luton    20, 2.5                    1, 2
//   E01000004   Luton     6, 1.5                    2, 2
//
// Rule: suppress counts below 5, no rounding, secondary suppression. April by LA: Bedford 20, Luton
// 26 (force 46). May: Luton 3 is suppressed (primary), and so Bedford too (secondary: the force
// total 28 is shown on the profiles, so Bedford would give Luton away); the force total is shown.
// Populations (demo, 2021): Bedford 185,300, Luton 225,300, the force area 704,800.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { systemActor } from '../../platform/audit/audit.service.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { startTestApp, type TestApp, type TestClient } from '../../testing/harness.ts';
import { measureFeeds, observations } from '../measures/measures.tables.ts';
import type { Measure } from '../measures/index.ts';
import { places } from '../places/places.tables.ts';
import type { Viewer } from './access.ts';
import { agreementDatasets, agreementParties, agreements, datasetColumns, datasets, datasetSubmitters } from './datahub.tables.ts';
import { computeFeed } from './dataset-feeds.ts';
import { localScheme } from './organisations.seed.ts';

const today = '2025-06-15';
const FORCE = 'E23000026';
const BEDFORD = 'E06000055';
const LUTON = 'E06000032';
const pop = { [BEDFORD]: 185300, [LUTON]: 225300, [FORCE]: 704800 } as Record<string, number>;
let app: TestApp;
let editor: TestClient;
let viewer: TestClient;
let office: Viewer;
let datasetId = 0;
let agreementId = 0;
const org: Record<string, number> = {};
let missionId = 0;

const header = 'place_code,period,referrals,wait_days\n';
const bedfordFile = `${header}E01000001,2025-04,12,3\nE01000002,2025-04,8,5\nE01000001,2025-05,10,4\nE01000002,2025-05,15,6\n`;
const lutonFile = (l1april: number) => `${header}E01000003,2025-04,${l1april},2.5\nE01000004,2025-04,6,1.5\nE01000003,2025-05,1,2\nE01000004,2025-05,2,2\n`;

before(async () => {
  app = await startTestApp({ today });
  const db = app.services.database.db;
  for (const key of ['GB-LAE-BDF', 'GB-LAE-LUT', `${localScheme}-OPCC-E23000026`]) {
    const found = await app.services.organisations.findByOrgId(key);
    assert.ok(found, key);
    org[key] = found.id;
  }
  office = { userId: 1, role: 'editor', organisationId: org[`${localScheme}-OPCC-E23000026`] ?? null, label: 'An editor' };
  editor = await app.signedIn('editor', { organisation: `${localScheme}-OPCC-E23000026` });
  viewer = await app.signedIn('viewer', { organisation: `${localScheme}-OPCC-E23000026` });
  await db.insert(places).values([
    { code: 'E01000001', name: 'Bedford 001A', type: 'lsoa', parentCode: BEDFORD },
    { code: 'E01000002', name: 'Bedford 001B', type: 'lsoa', parentCode: BEDFORD },
    { code: 'E01000003', name: 'Luton 001A', type: 'lsoa', parentCode: LUTON },
    { code: 'E01000004', name: 'Luton 001B', type: 'lsoa', parentCode: LUTON },
  ]);
  const [dataset] = await db
    .insert(datasets)
    .values({ slug: 'test-referrals', ownerOrganisationId: org['GB-LAE-LUT'] ?? 0, name: 'Test referrals', geographyLevel: 'lsoa', periodType: 'month', firstPeriod: '2025-01', sensitivity: 'all_partners', suppressBelow: 5, roundTo: null, secondarySuppression: true, createdByLabel: 'test' })
    .returning();
  assert.ok(dataset);
  datasetId = dataset.id;
  await db.insert(datasetColumns).values([
    { datasetId, position: 1, name: 'referrals', label: 'Referrals', type: 'count' },
    { datasetId, position: 2, name: 'wait_days', label: 'Days waited', type: 'number' },
  ]);
  await db.insert(datasetSubmitters).values([
    { datasetId, organisationId: org['GB-LAE-BDF'] ?? 0 },
    { datasetId, organisationId: org['GB-LAE-LUT'] ?? 0 },
  ]);
  const [agreement] = await db
    .insert(agreements)
    .values({ reference: 'TEST-DSA', title: 'Test agreement', purpose: 'Testing', lawfulBasis: 'Public task', startDate: '2025-01-01', endDate: '2026-12-31', status: 'live', createdByLabel: 'test' })
    .returning();
  assert.ok(agreement);
  agreementId = agreement.id;
  await db.insert(agreementParties).values([{ agreementId, organisationId: org[`${localScheme}-OPCC-E23000026`] ?? 0 }, { agreementId, organisationId: org['GB-LAE-LUT'] ?? 0 }]);
  await db.insert(agreementDatasets).values({ agreementId, datasetId });
  const plan = await app.services.plan.currentPlan('all');
  const mission = plan ? await app.services.plan.missionBySlug(plan.id, 'prevention', 'all') : null;
  assert.ok(mission);
  missionId = mission.id;
  // Data first (each council its own LSOAs); the feeds attached afterwards take it all.
  await submit('GB-LAE-BDF', bedfordFile);
  await submit('GB-LAE-LUT', lutonFile(20));
});
after(async () => {
  await app?.close();
});

async function submit(orgId: string, content: string) {
  const result = await app.services.submissions.submit({ userId: null, label: `steward of ${orgId}` }, { datasetId, organisationId: org[orgId] ?? 0, fileName: 'referrals.csv', content });
  assert.equal(result.outcome, 'stored', result.outcome === 'invalid' ? JSON.stringify(result.check.problems.slice(0, 3)) : result.outcome);
}

let slugCount = 0;
async function newMeasure(values: Partial<Measure>): Promise<Measure> {
  return app.services.measures.createMeasure(systemActor, missionId, { slug: `feed-test-${++slugCount}`, title: `Feed test ${slugCount}`, frequency: 'month', geography: 'local_authority', ...values });
}

const current = async (id: number) =>
  (
    await app.services.database.db
      .select()
      .from(observations)
      .where(and(eq(observations.measureId, id), isNull(observations.supersededAt)))
      .orderBy(asc(observations.periodStart), asc(observations.placeCode))
  ).map((o) => ({ period: o.period, place: o.placeCode, value: o.value, markers: o.markers, numerator: o.numerator, denominator: o.denominator }));

const close = (actual: number | null | undefined, expected: number) => assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-9, `${actual} ≈ ${expected}`);

test('sum by local authority: April summed over each LA’s LSOAs; May suppressed [c] for both (Luton below 5, Bedford to protect it)', async () => {
  const measure = await newMeasure({});
  const result = await app.services.datasetFeeds.setFeed(systemActor, office, measure.id, { datasetId, columnName: 'referrals', aggregate: 'sum', perPopulation: null });
  assert.ok(result);
  assert.equal(result.periods, 2);
  assert.equal(result.suppressed, 2);
  assert.equal(result.added, 4);
  const rows = await current(measure.id);
  assert.deepEqual(
    rows.map((r) => [r.period, r.place, r.value, r.markers]),
    [
      ['2025-04', LUTON, 26, ''],
      ['2025-04', BEDFORD, 20, ''],
      ['2025-05', LUTON, null, 'c'],
      ['2025-05', BEDFORD, null, 'c'],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1]))),
  );
  // A second refresh with the same data changes nothing.
  const [again] = await app.services.datasetFeeds.refresh(systemActor, { measureId: measure.id });
  assert.equal(again?.unchanged, 4);
  assert.equal(again?.added, 0);
  // The read was audited with the agreement that allowed it; attaching too.
  const events = await app.services.database.db.select().from(auditEvents).where(eq(auditEvents.planId, measure.planId));
  assert.ok(events.some((e) => e.action === 'view' && e.entityType === 'dataset' && e.entityId === String(datasetId) && e.agreementId === agreementId && e.summary.includes(measure.title)));
  assert.ok(events.some((e) => e.action === 'create' && e.entityType === 'measure-feed' && e.entityId === String(measure.id)));
  // Stopping keeps what was stored, and is audited.
  assert.equal(await app.services.datasetFeeds.clearFeed(systemActor, measure.id), true);
  assert.equal((await current(measure.id)).length, 4);
  const [feed] = await app.services.database.db.select().from(measureFeeds).where(eq(measureFeeds.measureId, measure.id));
  assert.equal(feed, undefined);
  const [deleted] = await app.services.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'delete'), eq(auditEvents.entityType, 'measure-feed'), eq(auditEvents.entityId, String(measure.id))));
  assert.ok(deleted);
});

test('the force area: sum 46 and 28; mean of a count from the sum (46/4, 28/4); rate per 1,000 residents', async () => {
  const sum = await newMeasure({ geography: 'force_area' });
  await app.services.datasetFeeds.setFeed(systemActor, office, sum.id, { datasetId, columnName: 'referrals', aggregate: 'sum', perPopulation: null });
  assert.deepEqual((await current(sum.id)).map((r) => [r.period, r.place, r.value, r.markers]), [['2025-04', FORCE, 46, ''], ['2025-05', FORCE, 28, '']]);
  const mean = await newMeasure({ geography: 'force_area' });
  await app.services.datasetFeeds.setFeed(systemActor, office, mean.id, { datasetId, columnName: 'referrals', aggregate: 'mean', perPopulation: null });
  assert.deepEqual((await current(mean.id)).map((r) => r.value), [11.5, 7]);
  const rate = await newMeasure({ geography: 'force_area' });
  const result = await app.services.datasetFeeds.setFeed(systemActor, office, rate.id, { datasetId, columnName: 'referrals', aggregate: 'rate', perPopulation: 1000 });
  assert.deepEqual(result?.problems, []);
  const rows = await current(rate.id);
  close(rows[0]?.value, (46 / 704800) * 1000);
  close(rows[1]?.value, (28 / 704800) * 1000);
  assert.deepEqual([rows[0]?.numerator, rows[0]?.denominator], [46, 704800]);
});

test('mean of a number column by LA (no disclosure rule for numbers), and a rate measure per 1,000 by LA with May suppressed', async () => {
  const mean = await newMeasure({});
  await app.services.datasetFeeds.setFeed(systemActor, office, mean.id, { datasetId, columnName: 'wait_days', aggregate: 'mean', perPopulation: null });
  const byKey = new Map((await current(mean.id)).map((r) => [`${r.period} ${r.place}`, r]));
  assert.equal(byKey.get(`2025-04 ${BEDFORD}`)?.value, 4);
  assert.equal(byKey.get(`2025-04 ${LUTON}`)?.value, 2);
  assert.equal(byKey.get(`2025-05 ${BEDFORD}`)?.value, 5);
  assert.equal(byKey.get(`2025-05 ${LUTON}`)?.value, 2);
  const rate = await newMeasure({ rateBase: 1000, rateDenominator: 'population' });
  await assert.rejects(app.services.datasetFeeds.setFeed(systemActor, office, rate.id, { datasetId, columnName: 'referrals', aggregate: 'sum', perPopulation: null }), (e: unknown) => e instanceof ValidationError && /rate per 1,000: choose the rate/.test(e.errors[0]?.text ?? ''));
  await app.services.datasetFeeds.setFeed(systemActor, office, rate.id, { datasetId, columnName: 'referrals', aggregate: 'rate', perPopulation: null });
  const rates = new Map((await current(rate.id)).map((r) => [`${r.period} ${r.place}`, r]));
  close(rates.get(`2025-04 ${BEDFORD}`)?.value, (20 / (pop[BEDFORD] ?? 0)) * 1000);
  close(rates.get(`2025-04 ${LUTON}`)?.value, (26 / (pop[LUTON] ?? 0)) * 1000);
  assert.equal(rates.get(`2025-05 ${LUTON}`)?.markers, 'c');
  assert.equal(rates.get(`2025-05 ${LUTON}`)?.value, null);
  assert.equal(rates.get(`2025-05 ${LUTON}`)?.numerator, null);
});

test('refused with a clear message: a quarterly measure on a monthly dataset, a hotspot measure, an unseen dataset', async () => {
  const quarterly = await newMeasure({ frequency: 'quarter' });
  await assert.rejects(
    app.services.datasetFeeds.setFeed(systemActor, office, quarterly.id, { datasetId, columnName: 'referrals', aggregate: 'sum', perPopulation: null }),
    (e: unknown) => e instanceof ValidationError && /“Test referrals” is reported by month but the measure by quarter/.test(e.errors[0]?.text ?? ''),
  );
  const hotspot = await newMeasure({ geography: 'hotspot' });
  await assert.rejects(app.services.datasetFeeds.setFeed(systemActor, office, hotspot.id, { datasetId, columnName: 'referrals', aggregate: 'sum', perPopulation: null }), /hotspot/);
  const stranger: Viewer = { userId: 2, role: 'editor', organisationId: null, label: 'No organisation' };
  await assert.rejects(app.services.datasetFeeds.setFeed(systemActor, stranger, quarterly.id, { datasetId, columnName: 'referrals', aggregate: 'sum', perPopulation: null }), /Choose a dataset your organisation may see/);
  assert.equal((await app.services.database.db.select().from(measureFeeds).where(eq(measureFeeds.measureId, quarterly.id))).length, 0);
});

test('a re-submission refreshes the fed measures after it commits: the changed value supersedes the old one, which is kept', async () => {
  const measure = await newMeasure({});
  await app.services.datasetFeeds.setFeed(systemActor, office, measure.id, { datasetId, columnName: 'referrals', aggregate: 'sum', perPopulation: null });
  // Luton re-submits with E01000003's April count 20 → 25: Luton April 26 → 31. No refresh is called here.
  await submit('GB-LAE-LUT', lutonFile(25));
  const rows = await current(measure.id);
  assert.equal(rows.find((r) => r.period === '2025-04' && r.place === LUTON)?.value, 31);
  assert.equal(rows.find((r) => r.period === '2025-04' && r.place === BEDFORD)?.value, 20);
  const all = await app.services.database.db.select().from(observations).where(and(eq(observations.measureId, measure.id), eq(observations.period, '2025-04'), eq(observations.placeCode, LUTON)));
  assert.equal(all.length, 2);
  const old = all.find((o) => o.supersededAt !== null);
  assert.equal(old?.value, 26);
  assert.equal(old?.supersededById, all.find((o) => o.supersededAt === null)?.id);
  const feed = await app.services.datasetFeeds.feedOf(measure.id);
  assert.equal(feed?.lastRefresh?.revised, 1);
  assert.equal(feed?.lastRefresh?.periods, 2);
  // Put the data back for the other tests.
  await submit('GB-LAE-LUT', lutonFile(20));
});

test('when the agreement ends, a refresh stores nothing and says why', async () => {
  const measure = await newMeasure({ geography: 'force_area' });
  await app.services.datasetFeeds.setFeed(systemActor, office, measure.id, { datasetId, columnName: 'referrals', aggregate: 'sum', perPopulation: null });
  const db = app.services.database.db;
  await db.update(agreements).set({ status: 'ended' }).where(eq(agreements.id, agreementId));
  try {
    await submit('GB-LAE-LUT', lutonFile(30));
    const feed = await app.services.datasetFeeds.feedOf(measure.id);
    assert.match(feed?.lastRefresh?.problems[0] ?? '', /may no longer see “Test referrals”.*nothing was refreshed/);
    assert.deepEqual((await current(measure.id)).map((r) => r.value), [46, 28]);
  } finally {
    await db.update(agreements).set({ status: 'live' }).where(eq(agreements.id, agreementId));
    await submit('GB-LAE-LUT', lutonFile(20));
  }
});

test('the staff form: editors attach, refresh and stop a feed; viewers get 403 and see no form', async () => {
  const measure = await newMeasure({ geography: 'force_area' });
  const page = await editor.get(`/staff/measures/${measure.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Take observations from a partner dataset/);
  assert.match(page.text, new RegExp(`value="${datasetId}:referrals"`));
  const saved = await editor.postForm(`/staff/measures/${measure.id}/dataset-feed`, { column: `${datasetId}:referrals`, aggregate: 'sum', perPopulation: '' }, `/staff/measures/${measure.id}`);
  assert.equal(saved.status, 200, saved.text.slice(0, 500));
  assert.match(saved.text, /2 periods of data; 2 new/);
  const after = await editor.get(`/staff/measures/${measure.id}`);
  assert.match(after.text, /takes its observations from the partner dataset/);
  assert.match(after.text, /sum of Referrals over LSOAs/);
  assert.match(after.text, /Last refresh/);
  const refreshed = await editor.postForm(`/staff/measures/${measure.id}/dataset-feed/refresh`, {}, `/staff/measures/${measure.id}`);
  assert.equal(refreshed.status, 200);
  assert.match(refreshed.text, /0 new, 0 revised \(earlier values kept in history\), 2 unchanged/);
  const quarterly = await newMeasure({ frequency: 'quarter', geography: 'force_area' });
  const refused = await editor.postForm(`/staff/measures/${quarterly.id}/dataset-feed`, { column: `${datasetId}:referrals`, aggregate: 'sum', perPopulation: '' }, `/staff/measures/${quarterly.id}`);
  assert.equal(refused.status, 400);
  assert.match(refused.text, /reported by month but the measure by quarter/);
  const viewerPage = await viewer.get(`/staff/measures/${measure.id}`);
  assert.equal(viewerPage.status, 200);
  assert.doesNotMatch(viewerPage.text, /action="\/staff\/measures\/\d+\/dataset-feed"/);
  const token = /name="_csrf" value="([^"]+)"/.exec(viewerPage.text)?.[1] ?? '';
  const forbidden = await viewer.request('POST', `/staff/measures/${measure.id}/dataset-feed`, {
    body: new URLSearchParams({ _csrf: token, column: `${datasetId}:referrals`, aggregate: 'sum' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(forbidden.status, 403);
  const cleared = await editor.postForm(`/staff/measures/${measure.id}/dataset-feed/clear`, {}, `/staff/measures/${measure.id}`);
  assert.equal(cleared.status, 303);
  assert.match((await editor.get(`/staff/measures/${measure.id}`)).text, /does not take its observations from a partner dataset/);
});

test('worked out from the value as published: with rounding to 5, the mean and the rate use the rounded sum', () => {
  const allPlaces = [
    { code: 'F', parentCode: null },
    { code: 'A', parentCode: 'F' },
    { code: 'a1', parentCode: 'A' },
    { code: 'a2', parentCode: 'A' },
  ];
  const rows = [
    { placeCode: 'a1', period: '2025-04', value: 7 },
    { placeCode: 'a2', period: '2025-04', value: 6 },
  ];
  const common = { allPlaces, measurePlaces: ['A'], rows, columnType: 'count' as const, perPopulation: 1000, rule: { suppressBelow: 5, roundTo: 5, secondarySuppression: true }, population: () => 2000, note: '' };
  // A's sum 13 is published as 15 (rounded to 5): the sum 15, the mean 15 / 2, the rate 15 per 2,000 × 1,000.
  assert.equal(computeFeed({ ...common, aggregate: 'sum' }).raws[0]?.value, '15');
  assert.equal(computeFeed({ ...common, aggregate: 'mean' }).raws[0]?.value, '7.5');
  assert.deepEqual(computeFeed({ ...common, aggregate: 'rate' }).raws[0], { period: '2025-04', place_code: 'A', note: '', numerator: '15', denominator: '2000', value: '7.5' });
  // No population: no rate, and it says so.
  const none = computeFeed({ ...common, aggregate: 'rate', population: () => null });
  assert.equal(none.raws.length, 0);
  assert.match(none.problems.join(' '), /No population for A \(2025\)/);
  // A number column is used as sent, no rule.
  assert.equal(computeFeed({ ...common, columnType: 'number', rows: [{ placeCode: 'a1', period: '2025-04', value: 1.25 }], aggregate: 'sum' }).raws[0]?.value, '1.25');
});

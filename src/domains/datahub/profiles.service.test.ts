// Place profiles on the engine the tests run on (PGlite, or PostgreSQL with DATABASE_URL): sums from
// LSOAs, disclosure control decided over the whole tree, the owner's raw view, access cut by an
// agreement's end, "no data yet", crime counts beside, and one audit event per dataset shown in the
// same transaction as the read.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { users, type Role } from '../../platform/auth/auth.tables.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { crimeCounts } from '../crime/crime.tables.ts';
import { createCrimeAnalysis } from '../crime/analysis/index.ts';
import { createMeasuresService } from '../measures/index.ts';
import { anonymousViewer, viewerForUser, type Viewer } from './access.ts';
import { submissionPeriods, submissionRows, submissions, userOrganisations } from './datahub.tables.ts';
import { insertHubFixture, P, type HubFixture } from './profiles.fixtures.ts';
import { createProfilesService, type ProfileCell, type ProfilesService } from './profiles.service.ts';

const today = '2025-06-30';
let database: Database;
let fixture: HubFixture;
let profiles: ProfilesService;
const viewers: Record<string, Viewer> = {};

async function addViewer(key: string, role: Role, organisationId: number | null) {
  const [user] = await database.db.insert(users).values({ email: `${key}@example.org`, displayName: key, role, passwordHash: 'not-a-hash' }).returning();
  assert.ok(user);
  if (organisationId !== null) await database.db.insert(userOrganisations).values({ userId: user.id, organisationId });
  viewers[key] = await viewerForUser(database.db, user);
}

const show = (cells: ProfileCell[] | undefined) => (cells ?? []).map((c) => c.marker ?? c.value);
const v = (key: string) => viewers[key] ?? assert.fail(`no viewer ${key}`);

before(async () => {
  database = await createTestDatabase();
  fixture = await insertHubFixture(database.db);
  await database.db.insert(crimeCounts).values([
    { month: '2025-04-01', lsoaCode: P.a1, crimeType: 'Burglary', crimes: 4, crimesWithId: 4, chargedOrSummonsed: 1 },
    { month: '2025-04-01', lsoaCode: P.a2, crimeType: 'Shoplifting', crimes: 6, crimesWithId: 6, chargedOrSummonsed: 0 },
    { month: '2025-04-01', lsoaCode: P.a2, crimeType: 'Anti-social behaviour', crimes: 9, crimesWithId: 0, chargedOrSummonsed: 0 },
    { month: '2025-05-01', lsoaCode: P.b1, crimeType: 'Burglary', crimes: 2, crimesWithId: 2, chargedOrSummonsed: 0 },
  ]);
  const crime = createCrimeAnalysis(database.db, createMeasuresService(database.db), { onChange: () => {} });
  profiles = createProfilesService(database.db, { crime });
  await addViewer('owner', 'partner', fixture.org.council);
  await addViewer('partner', 'partner', fixture.org.police);
  await addViewer('outsider', 'partner', fixture.org.nhs);
  await addViewer('probation', 'partner', fixture.org.probation);
  viewers.anonymous = anonymousViewer;
});
after(async () => {
  await database?.close();
});

test('a local authority from LSOA data: the sum, the suppressed LSOA and its complement, number columns not aggregated', async () => {
  const profile = await profiles.placeProfile(v('partner'), P.laA, today);
  assert.ok(profile);
  assert.deepEqual(profile.ancestors.map((a) => a.code), [P.force]);
  assert.deepEqual(profile.children.map((c) => c.code), [P.a1, P.a2, P.a3]);
  assert.deepEqual(profile.datasets.map((d) => d.slug), ['test-asb', 'test-empty', 'test-fires']);
  const asb = profile.datasets.find((d) => d.slug === 'test-asb');
  assert.ok(asb);
  assert.equal(asb.state, 'data');
  assert.equal(asb.raw, false);
  assert.equal(asb.aggregated, true);
  assert.deepEqual(asb.periods, ['2025-04', '2025-05']);
  assert.deepEqual(asb.columns.map((c) => c.name), ['incidents', 'rate_per_1000']);
  assert.deepEqual(asb.series.map(show), [
    [50, '[z]'],
    [22, '[z]'],
  ]);
  // The latest period by default; 2025-04 asked for: A1 (3) is small, A2 (20) goes with it.
  assert.equal(asb.breakdown?.period, '2025-05');
  assert.deepEqual(asb.breakdown?.places.map((p) => [p.code, ...show(p.cells)]), [
    [P.a1, 10, 5],
    [P.a2, 12, 6],
    [P.a3, '[x]', '[x]'],
  ]);
  const april = await profiles.placeProfile(v('partner'), P.laA, today, { period: '2025-04' });
  const aprilAsb = april?.datasets.find((d) => d.slug === 'test-asb');
  assert.deepEqual(aprilAsb?.breakdown?.places.map((p) => [p.code, ...show(p.cells)]), [
    [P.a1, '[c]', 1.5],
    [P.a2, '[c]', 10],
    [P.a3, 27, 13.5],
  ]);
  assert.deepEqual(show(aprilAsb?.breakdown?.total), [50, '[z]']);
  assert.equal(asb.agreementId, fixture.agreement.live);
});

test('the same cells are suppressed on the LSOA, the local authority and the force area profiles', async () => {
  const a2 = await profiles.placeProfile(v('partner'), P.a2, today);
  const asb = a2?.datasets.find((d) => d.slug === 'test-asb');
  assert.equal(asb?.aggregated, false);
  assert.deepEqual(asb?.series.map(show), [
    ['[c]', 10],
    [12, 6],
  ]);
  assert.equal(asb?.breakdown, null);
  // The public fires data (LAs, round to 5): Betaford's 3 is small, so Alphaton's 12 goes too; the force total shows.
  const force = await profiles.placeProfile(v('partner'), P.force, today);
  const fires = force?.datasets.find((d) => d.slug === 'test-fires');
  assert.deepEqual(fires?.series.map(show), [[15]]);
  assert.deepEqual(fires?.breakdown?.places.map((p) => [p.name, ...show(p.cells)]), [
    ['Alphaton', '[c]'],
    ['Betaford', '[c]'],
  ]);
  const alphaton = await profiles.placeProfile(v('anonymous'), P.laA, today, { publicOnly: true });
  assert.deepEqual(alphaton?.datasets.map((d) => [d.slug, ...d.series.map(show).flat()]), [['test-fires', '[c]']]);
  // An LSOA on the fires (LA-level) dataset: recorded for its local authority.
  const a1 = await profiles.placeProfile(v('anonymous'), P.a1, today, { publicOnly: true });
  assert.deepEqual(a1?.datasets.map((d) => [d.state, d.recordedFor?.code]), [['coarser', P.laA]]);
});

test('the owner sees raw counts', async () => {
  const profile = await profiles.placeProfile(v('owner'), P.laA, today, { period: '2025-04' });
  const asb = profile?.datasets.find((d) => d.slug === 'test-asb');
  assert.equal(asb?.raw, true);
  assert.equal(asb?.basis, 'owner');
  assert.deepEqual(asb?.breakdown?.places.map((p) => show(p.cells)[0]), [3, 20, 27]);
  const fires = profile?.datasets.find((d) => d.slug === 'test-fires');
  assert.deepEqual(fires?.series.map(show), [[12]]);
});

test('an outsider sees only the public dataset; anonymous visitors only public ones; an unknown place is null', async () => {
  const outsider = await profiles.placeProfile(v('outsider'), P.laA, today);
  assert.deepEqual(outsider?.datasets.map((d) => d.slug), ['test-fires']);
  const anonymous = await profiles.placeProfile(v('anonymous'), P.laA, today);
  assert.deepEqual(anonymous?.datasets.map((d) => d.slug), ['test-fires']);
  // The public page shows public datasets only, even to a partner who may see more.
  const partnerOnPublic = await profiles.placeProfile(v('partner'), P.laA, today, { publicOnly: true });
  assert.deepEqual(partnerOnPublic?.datasets.map((d) => d.slug), ['test-fires']);
  assert.equal(await profiles.placeProfile(v('partner'), 'E01999999', today), null);
  const refused = await profiles.download(v('outsider'), { slug: 'test-asb' }, today);
  assert.equal(refused.outcome, 'forbidden');
  const hidden = await profiles.download(v('anonymous'), { slug: 'test-asb' }, today);
  assert.equal(hidden.outcome, 'not-found');
});

test('an agreement ending today gives access today and none tomorrow', async () => {
  const onLastDay = await profiles.placeProfile(v('probation'), P.laA, '2025-06-30');
  assert.deepEqual(onLastDay?.datasets.map((d) => d.slug), ['test-asb', 'test-fires']);
  assert.equal(onLastDay?.datasets[0]?.agreementId, fixture.agreement.endsToday);
  const dayAfter = await profiles.placeProfile(v('probation'), P.laA, '2025-07-01');
  assert.deepEqual(dayAfter?.datasets.map((d) => d.slug), ['test-fires']);
  assert.equal((await profiles.download(v('probation'), { slug: 'test-asb' }, '2025-06-30')).outcome, 'ok');
  assert.equal((await profiles.download(v('probation'), { slug: 'test-asb' }, '2025-07-01')).outcome, 'forbidden');
});

test('a dataset without submissions says no data yet', async () => {
  const profile = await profiles.placeProfile(v('partner'), P.laA, today);
  const empty = profile?.datasets.find((d) => d.slug === 'test-empty');
  assert.equal(empty?.state, 'no-data-yet');
  assert.deepEqual(empty?.series, []);
  assert.equal(empty?.lastSubmittedAt, null);
});

test('crime counts beside the partner data: all crime (not anti-social behaviour) by month for the place', async () => {
  const la = await profiles.placeProfile(v('anonymous'), P.laA, today, { publicOnly: true });
  assert.deepEqual(la?.crime?.months.map((m) => [m.month, m.crimes]), [
    ['2025-04', 10],
    ['2025-05', 0],
  ]);
  const force = await profiles.placeProfile(v('anonymous'), P.force, today, { publicOnly: true });
  assert.deepEqual(force?.crime?.months.map((m) => [m.month, m.crimes]), [
    ['2025-04', 10],
    ['2025-05', 2],
  ]);
});

test('each view writes one audit event per dataset shown, naming the organisation and agreement', async () => {
  const before = await database.db.select().from(auditEvents);
  await profiles.placeProfile(v('partner'), P.a1, today);
  const added = (await database.db.select().from(auditEvents)).slice(before.length);
  assert.deepEqual(
    added.map((e) => [e.action, e.entityType, e.entityId, e.organisationId, e.agreementId, e.actorLabel]),
    [
      ['view', 'dataset', String(fixture.dataset.asb), fixture.org.police, fixture.agreement.live, 'partner <partner@example.org>'],
      ['view', 'dataset', String(fixture.dataset.empty), fixture.org.police, fixture.agreement.live, 'partner <partner@example.org>'],
      ['view', 'dataset', String(fixture.dataset.fires), fixture.org.police, null, 'partner <partner@example.org>'],
    ],
  );
  const download = await profiles.download(v('partner'), { slug: 'test-asb', placeCode: P.laA }, today);
  assert.equal(download.outcome, 'ok');
  const [last] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'download')).orderBy(sql`id desc`).limit(1);
  assert.equal(last?.entityId, String(fixture.dataset.asb));
  assert.equal(last?.agreementId, fixture.agreement.live);
  assert.match(last?.summary ?? '', /Alphaton/);
});

test('when the audit event cannot be written, the view fails and no event of it is kept (same transaction)', async () => {
  await database.db.execute(sql`create function refuse_fires_audit() returns trigger language plpgsql as $$
    begin
      if new.summary like '%Test fires%' then raise exception 'audit refused for the test'; end if;
      return new;
    end $$`);
  await database.db.execute(sql`create trigger refuse_fires_audit before insert on audit_events for each row execute function refuse_fires_audit()`);
  try {
    const before = (await database.db.select().from(auditEvents)).length;
    // Datasets are audited by name: the antisocial behaviour and empty ones are written first, then fires fails.
    const refused = (e: unknown) => e instanceof Error && /audit refused/.test(String(e.cause));
    await assert.rejects(profiles.placeProfile(v('partner'), P.laB, today), refused);
    await assert.rejects(profiles.download(v('partner'), { slug: 'test-fires' }, today), refused);
    assert.equal((await database.db.select().from(auditEvents)).length, before);
  } finally {
    await database.db.execute(sql`drop trigger refuse_fires_audit on audit_events`);
    await database.db.execute(sql`drop function refuse_fires_audit()`);
  }
});

test('downloads: a place with the places inside it, and the whole dataset, with markers not numbers', async () => {
  const place = await profiles.download(v('partner'), { slug: 'test-asb', placeCode: P.laA }, today);
  assert.equal(place.outcome, 'ok');
  if (place.outcome !== 'ok') return;
  assert.deepEqual(place.csv.header, ['period', 'place_code', 'place_name', 'place_type', 'incidents', 'rate_per_1000']);
  assert.deepEqual(place.csv.rows.slice(0, 4), [
    ['2025-04', P.laA, 'Alphaton', 'local_authority', 50, '[z]'],
    ['2025-04', P.a1, 'Alphaton 001A', 'lsoa', '[c]', 1.5],
    ['2025-04', P.a2, 'Alphaton 001B', 'lsoa', '[c]', 10],
    ['2025-04', P.a3, 'Alphaton 001C', 'lsoa', 27, 13.5],
  ]);
  const whole = await profiles.download(v('partner'), { slug: 'test-asb' }, today);
  assert.equal(whole.outcome, 'ok');
  if (whole.outcome !== 'ok') return;
  assert.deepEqual(whole.csv.header, ['period', 'place_code', 'place_name', 'incidents', 'rate_per_1000', 'priority']);
  assert.deepEqual(whole.csv.rows.slice(0, 2), [
    ['2025-04', P.a1, 'Alphaton 001A', '[c]', 1.5, 'low'],
    ['2025-04', P.a2, 'Alphaton 001B', '[c]', 10, 'high'],
  ]);
  const raw = await profiles.download(v('owner'), { slug: 'test-asb' }, today);
  assert.equal(raw.outcome === 'ok' && raw.csv.rows[0]?.[3], 3);
});

test('rows read once per submission are not served stale: a newer submission for a period shows at once', async () => {
  // Its own service, so the rows it holds are only those this test read.
  const own = createProfilesService(database.db, {});
  const fires = async () => (await own.placeProfile(v('owner'), P.laA, today))?.datasets.find((d) => d.slug === 'test-fires')?.series.map(show);
  assert.deepEqual(await fires(), [[12]]);
  assert.deepEqual(await fires(), [[12]], 'read again from what it holds');
  const db = database.db;
  const [old] = await db.select().from(submissionPeriods).where(eq(submissionPeriods.datasetId, fixture.dataset.fires));
  assert.ok(old);
  const [newer] = await db
    .insert(submissions)
    .values({ datasetId: fixture.dataset.fires, organisationId: old.organisationId, fileName: 'fires-corrected.csv', sha256: 'sha-fires-corrected', rows: 1, periods: [old.period], submittedByLabel: 'test' })
    .returning({ id: submissions.id });
  assert.ok(newer);
  await db.update(submissionPeriods).set({ supersededAt: sql`now()`, supersededBySubmissionId: newer.id }).where(eq(submissionPeriods.id, old.id));
  await db.insert(submissionPeriods).values({ datasetId: fixture.dataset.fires, organisationId: old.organisationId, period: old.period, submissionId: newer.id, rows: 1 });
  await db.insert(submissionRows).values({ submissionId: newer.id, line: 2, placeCode: P.laA, period: old.period, numbers: [15], labels: [] });
  assert.deepEqual(await fires(), [[15]]);
});

// The demo plan is the real Bedfordshire plan, transcribed: check it is whole and loads faithfully.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { systemActor } from '../../../platform/audit/audit.service.ts';
import type { Database } from '../../../platform/db/database.ts';
import { createTestDatabase } from '../../../platform/db/testing.ts';
import { measureBaselines, measures, measureTargets, observations } from '../../measures/measures.tables.ts';
import { missions, objectives } from '../plan.tables.ts';
import { bedfordshirePlan } from './bedfordshire-plan.ts';
import { seedDemoPlan } from './seed-demo.ts';

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database?.close();
});

test('the transcription has the six missions, both horizons and unique references', () => {
  const sixMissions = bedfordshirePlan.missions.filter((m) => m.kind === 'mission');
  assert.equal(sixMissions.length, 6);
  const all = bedfordshirePlan.missions.flatMap((m) => m.objectives);
  assert.equal(new Set(all.map((o) => o.ref)).size, all.length);
  for (const mission of sixMissions) {
    assert.ok(mission.objectives.some((o) => o.horizon === 'first_six_months'), `${mission.slug} has first-six-month objectives`);
    assert.ok(mission.objectives.some((o) => o.horizon === 'rest_of_term'), `${mission.slug} has rest-of-term objectives`);
  }
  const slugs = bedfordshirePlan.missions.flatMap((m) => m.measures.map((x) => x.slug));
  assert.equal(new Set(slugs).size, slugs.length);
  const objectiveRefs = new Set(all.map((o) => o.ref));
  for (const m of bedfordshirePlan.missions.flatMap((x) => x.measures)) if (m.objectiveRef) assert.ok(objectiveRefs.has(m.objectiveRef), m.slug);
  const population = bedfordshirePlan.places.filter((p) => p.type === 'local_authority').reduce((n, p) => n + p.population.value, 0);
  assert.equal(population, bedfordshirePlan.places.find((p) => p.type === 'force_area')?.population.value);
});

test('the measures the issue names carry the baselines and targets the plan states', () => {
  const measure = (slug: string) => {
    const found = bedfordshirePlan.missions.flatMap((m) => m.measures).find((m) => m.slug === slug);
    assert.ok(found, slug);
    return found;
  };
  assert.equal(measure('victim-care-referrals').baseline.value, 20);
  assert.equal(measure('schools-toolkit-take-up').baseline.value, 75);
  assert.equal(measure('out-of-court-disposals').baseline.value, 377);
  assert.deepEqual(measure('out-of-court-disposals').targets.map((t) => [t.kind, t.value]), [['relative_percent', 10]]);
  assert.equal(measure('vawc-recorded').baseline.value, 11000);
  assert.ok(measure('vawc-recorded').targets.some((t) => t.kind === 'relative_percent' && t.value === -50));
  assert.ok(measure('road-casualties').targets.some((t) => t.kind === 'relative_percent' && t.value === -50 && t.byDate?.startsWith('2035')));
  assert.deepEqual(
    measure('crimes-per-1000-residents').placeBaselines?.map((b) => [b.placeCode, b.value]),
    [['E06000055', 79.69], ['E06000056', 55.27], ['E06000032', 88]],
  );
  assert.equal(measure('public-trust-and-confidence').baseline.value, null);
  assert.ok(measure('victim-care-referrals').interpretation);
});

test('seeding loads everything published, with no observations, and a second seed changes nothing', async () => {
  const first = await seedDemoPlan(database.db, systemActor);
  assert.equal(first.created, true);
  const expectedObjectives = bedfordshirePlan.missions.reduce((n, m) => n + m.objectives.length, 0);
  assert.equal(first.objectives, expectedObjectives);
  assert.equal((await database.db.select().from(objectives)).length, expectedObjectives);
  assert.equal((await database.db.select().from(missions)).length, bedfordshirePlan.missions.length);
  const measureRows = await database.db.select().from(measures);
  assert.ok(measureRows.every((m) => m.publishedAt !== null));
  assert.equal((await database.db.select().from(observations)).length, 0, 'no invented observations');
  const [crime] = measureRows.filter((m) => m.slug === 'crimes-per-1000-residents');
  assert.equal((await database.db.select().from(measureBaselines).where(eq(measureBaselines.measureId, crime?.id ?? 0))).length, 4);
  const [referrals] = measureRows.filter((m) => m.slug === 'victim-care-referrals');
  assert.equal((await database.db.select().from(measureTargets).where(eq(measureTargets.measureId, referrals?.id ?? 0))).length, 2);
  const second = await seedDemoPlan(database.db, systemActor);
  assert.equal(second.created, false);
  assert.equal((await database.db.select().from(objectives)).length, expectedObjectives);
});

// Loads a transcribed plan (the Bedfordshire plan by default) as the published demo. Idempotent: a
// plan already present is left alone. No observations are created: measures say "no data yet".
import { eq } from 'drizzle-orm';
import { recordAudit, type Actor } from '../../../platform/audit/audit.service.ts';
import type { Db } from '../../../platform/db/database.ts';
import { seedDemoDatasets, seedDemoOrganisations } from '../../datahub/index.ts';
import { seedDemoBoards } from '../../governance/boards.seed.ts';
import { measureBaselines, measures, measureTargets } from '../../measures/measures.tables.ts';
import { officeSettings } from '../../office/office.tables.ts';
import { placePopulations, places } from '../../places/places.tables.ts';
import { missions, objectives, plans, planStages } from '../plan.tables.ts';
import { bedfordshirePlan } from './bedfordshire-plan.ts';
import type { DemoPlanDocument } from './demo-plan.types.ts';

export interface SeedResult {
  created: boolean;
  planId: number;
  missions: number;
  objectives: number;
  measures: number;
  /** Partner organisations added (the demo's partners are added to an older demo database too). */
  organisations: number;
  /** Boards the plan names added to the register (also into an older demo database). */
  boards: number;
}

export async function seedDemoPlan(db: Db, actor: Actor, document: DemoPlanDocument = bedfordshirePlan): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    // The Bedfordshire partners go with the Bedfordshire plan (also into a database seeded before them).
    const organisationCount = document === bedfordshirePlan ? await seedDemoOrganisations(tx, actor) : 0;
    if (document === bedfordshirePlan) await seedDemoDatasets(tx, actor);
    const [existing] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.slug, document.plan.slug));
    if (existing) {
      const boardCount = document === bedfordshirePlan ? await seedDemoBoards(tx, actor, existing.id) : 0;
      return { created: false, planId: existing.id, missions: 0, objectives: 0, measures: 0, organisations: organisationCount, boards: boardCount };
    }

    const [office] = await tx.select().from(officeSettings).where(eq(officeSettings.id, 1));
    if (!office) await tx.insert(officeSettings).values({ id: 1, ...document.office });

    for (const place of document.places) {
      await tx.insert(places).values({ code: place.code, name: place.name, type: place.type, parentCode: place.parentCode }).onConflictDoNothing();
      await tx
        .insert(placePopulations)
        .values({ placeCode: place.code, year: place.population.year, population: place.population.value, source: place.population.source })
        .onConflictDoNothing();
    }
    const forceArea = document.places.find((p) => p.type === 'force_area');
    const now = new Date();
    const [currentPlan] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.isCurrent, true));
    const [plan] = await tx
      .insert(plans)
      .values({ ...document.plan, forceAreaCode: forceArea?.code ?? null, isCurrent: !currentPlan, publishedAt: now })
      .returning();
    if (!plan) throw new Error('insert returned no row');
    await tx.insert(planStages).values(document.stages.map((s, i) => ({ ...s, planId: plan.id, position: i + 1 })));

    // The six missions first, then the foundations that support them all.
    const ordered = [...document.missions.filter((m) => m.kind === 'mission'), ...document.missions.filter((m) => m.kind !== 'mission')];
    let objectiveCount = 0;
    let measureCount = 0;
    for (const [index, mission] of ordered.entries()) {
      const [missionRow] = await tx
        .insert(missions)
        .values({ planId: plan.id, slug: mission.slug, kind: mission.kind, title: mission.title, summary: mission.summary, purpose: mission.purpose, lead: mission.lead, position: index + 1, publishedAt: now })
        .returning();
      if (!missionRow) throw new Error('insert returned no row');
      const objectiveRows = mission.objectives.length
        ? await tx
            .insert(objectives)
            .values(mission.objectives.map((o, i) => ({ missionId: missionRow.id, ref: o.ref, text: o.text, horizon: o.horizon, dueDate: o.dueDate, owner: o.owner, position: i + 1, publishedAt: now })))
            .returning({ id: objectives.id, ref: objectives.ref })
        : [];
      objectiveCount += objectiveRows.length;
      for (const [i, m] of mission.measures.entries()) {
        const objectiveId = m.objectiveRef ? (objectiveRows.find((o) => o.ref === m.objectiveRef)?.id ?? null) : null;
        const [measureRow] = await tx
          .insert(measures)
          .values({
            planId: plan.id,
            missionId: missionRow.id,
            objectiveId,
            slug: m.slug,
            title: m.title,
            definition: m.definition,
            unit: m.unit,
            polarity: m.polarity,
            frequency: m.frequency,
            geography: m.geography,
            source: m.source,
            dataNeeded: m.dataNeeded,
            interpretation: m.interpretation,
            decimals: m.rate ? 2 : 1,
            rateBase: m.rate?.base ?? null,
            rateDenominator: m.rate?.denominator ?? 'observation',
            position: i + 1,
            publishedAt: now,
          })
          .returning({ id: measures.id });
        if (!measureRow) throw new Error('insert returned no row');
        measureCount++;
        const baselines = [
          { placeCode: m.baseline.placeCode ?? forceArea?.code ?? '', value: m.baseline.value, period: m.baseline.period, asWritten: m.baseline.asWritten },
          ...(m.placeBaselines ?? []),
        ];
        await tx.insert(measureBaselines).values(baselines.map((b) => ({ ...b, measureId: measureRow.id }))).onConflictDoNothing();
        if (m.targets.length) {
          await tx.insert(measureTargets).values(m.targets.map((t, position) => ({ ...t, measureId: measureRow.id, position })));
        }
      }
    }
    await recordAudit(tx, actor, {
      action: 'seed',
      entityType: 'plan',
      entityId: plan.id,
      planId: plan.id,
      summary: `Loaded the plan "${plan.title}" from ${document.plan.sourceDocument}: ${ordered.length} missions and foundations, ${objectiveCount} objectives, ${measureCount} measures`,
    });
    // The boards the plan names, serving its missions.
    const boardCount = document === bedfordshirePlan ? await seedDemoBoards(tx, actor, plan.id) : 0;
    return { created: true, planId: plan.id, missions: ordered.length, objectives: objectiveCount, measures: measureCount, organisations: organisationCount, boards: boardCount };
  });
}

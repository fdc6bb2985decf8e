// Plans, stages, missions and objectives: what the public site reads (published only) and what staff
// change (every change audited in the same transaction).
import { and, asc, desc, eq, inArray, isNotNull, sql, type AnyColumn } from 'drizzle-orm';
import { diffFields, recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import { changeRunner, uniqueOr } from '../../platform/db/changes.ts';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { measures, observations } from '../measures/measures.tables.ts';
import { slugPattern } from '../../platform/http/forms.ts';
import { missions, objectives, objectiveUpdates, plans, planStages, type Horizon, type ObjectiveStatus } from './plan.tables.ts';

export type Visibility = 'published' | 'all';

export type Plan = typeof plans.$inferSelect;
export type Mission = typeof missions.$inferSelect;
export type Objective = typeof objectives.$inferSelect;
export type ObjectiveUpdate = typeof objectiveUpdates.$inferSelect;

const published = (visibility: Visibility, column: AnyColumn) => (visibility === 'published' ? isNotNull(column) : undefined);

export interface StatusCounts {
  not_started: number;
  in_progress: number;
  done: number;
  dropped: number;
  total: number;
}

export interface MissionSummary extends Mission {
  objectiveCounts: StatusCounts;
  measureCounts: { total: number; withData: number; awaitingData: number };
}

export function createPlanService(db: Db, hooks: { onChange: () => void } = { onChange: () => {} }) {
  const change = changeRunner(db, hooks.onChange);

  async function currentPlan(visibility: Visibility): Promise<Plan | null> {
    const [plan] = await db
      .select()
      .from(plans)
      .where(and(eq(plans.isCurrent, true), published(visibility, plans.publishedAt)))
      .limit(1);
    return plan ?? null;
  }

  async function missionSummaries(planId: number, visibility: Visibility): Promise<MissionSummary[]> {
    const missionRows = await db
      .select()
      .from(missions)
      .where(and(eq(missions.planId, planId), published(visibility, missions.publishedAt)))
      .orderBy(asc(missions.position), asc(missions.id));
    if (!missionRows.length) return [];
    const ids = missionRows.map((m) => m.id);
    const objectiveRows = await db
      .select({ missionId: objectives.missionId, status: objectives.status, n: sql<number>`count(*)::int` })
      .from(objectives)
      .where(and(inArray(objectives.missionId, ids), published(visibility, objectives.publishedAt)))
      .groupBy(objectives.missionId, objectives.status);
    const measureRows = await db
      .select({
        missionId: measures.missionId,
        total: sql<number>`count(*)::int`,
        withData: sql<number>`count(*) filter (where exists (select 1 from ${observations} o where o.measure_id = ${measures.id} and o.superseded_at is null and o.value is not null))::int`,
      })
      .from(measures)
      .where(and(inArray(measures.missionId, ids), visibility === 'published' ? isNotNull(measures.publishedAt) : undefined))
      .groupBy(measures.missionId);
    return missionRows.map((m) => {
      const counts: StatusCounts = { not_started: 0, in_progress: 0, done: 0, dropped: 0, total: 0 };
      for (const row of objectiveRows.filter((r) => r.missionId === m.id)) {
        counts[row.status] += Number(row.n);
        counts.total += Number(row.n);
      }
      const measureRow = measureRows.find((r) => r.missionId === m.id);
      const total = Number(measureRow?.total ?? 0);
      const withData = Number(measureRow?.withData ?? 0);
      return { ...m, objectiveCounts: counts, measureCounts: { total, withData, awaitingData: total - withData } };
    });
  }

  async function stagesOf(planId: number) {
    return db.select().from(planStages).where(eq(planStages.planId, planId)).orderBy(asc(planStages.position), asc(planStages.periodStart));
  }

  async function latestUpdates(objectiveIds: number[]): Promise<Map<number, ObjectiveUpdate>> {
    const map = new Map<number, ObjectiveUpdate>();
    if (!objectiveIds.length) return map;
    const rows = await db
      .selectDistinctOn([objectiveUpdates.objectiveId])
      .from(objectiveUpdates)
      .where(inArray(objectiveUpdates.objectiveId, objectiveIds))
      .orderBy(objectiveUpdates.objectiveId, desc(objectiveUpdates.effectiveDate), desc(objectiveUpdates.id));
    for (const row of rows) map.set(row.objectiveId, row);
    return map;
  }

  async function getPlanById(id: number, executor: DbOrTx = db): Promise<Plan> {
    const [plan] = await executor.select().from(plans).where(eq(plans.id, id));
    if (!plan) throw new NotFoundError('Plan not found');
    return plan;
  }

  async function getMissionById(id: number, executor: DbOrTx = db): Promise<Mission> {
    const [mission] = await executor.select().from(missions).where(eq(missions.id, id));
    if (!mission) throw new NotFoundError('Mission not found');
    return mission;
  }

  async function getObjectiveById(id: number, executor: DbOrTx = db): Promise<Objective> {
    const [objective] = await executor.select().from(objectives).where(eq(objectives.id, id));
    if (!objective) throw new NotFoundError('Objective not found');
    return objective;
  }

  // Inside a transaction, pass it: on PGlite a query outside the open transaction waits for it forever.
  async function planIdOfMission(missionId: number, executor: DbOrTx = db): Promise<number> {
    return (await getMissionById(missionId, executor)).planId;
  }

  function checkSlug(slug: unknown) {
    if (typeof slug === 'string' && !slugPattern.test(slug)) {
      throw new ValidationError([{ field: 'slug', text: 'Short name must use only lower-case letters, numbers and single hyphens, like violence-reduction' }]);
    }
  }

  function checkPeriod(values: { periodStart?: unknown; periodEnd?: unknown }) {
    if (typeof values.periodStart === 'string' && typeof values.periodEnd === 'string' && values.periodEnd < values.periodStart) {
      throw new ValidationError([{ field: 'periodEnd', text: 'End date must be the same as or after the start date' }]);
    }
  }

  return {
    currentPlan,
    missionSummaries,
    stagesOf,
    getPlanById,
    getMissionById,
    getObjectiveById,

    async listPlans() {
      return db.select().from(plans).orderBy(desc(plans.isCurrent), desc(plans.periodStart));
    },

    async overview(visibility: Visibility) {
      const plan = await currentPlan(visibility);
      if (!plan) return null;
      const [stages, missionList] = await Promise.all([stagesOf(plan.id), missionSummaries(plan.id, visibility)]);
      return { plan, stages, missions: missionList };
    },

    async missionBySlug(planId: number, slug: string, visibility: Visibility) {
      const [mission] = await db
        .select()
        .from(missions)
        .where(and(eq(missions.planId, planId), eq(missions.slug, slug), published(visibility, missions.publishedAt)));
      return mission ?? null;
    },

    async objectivesOf(missionId: number, visibility: Visibility) {
      const rows = await db
        .select()
        .from(objectives)
        .where(and(eq(objectives.missionId, missionId), published(visibility, objectives.publishedAt)))
        .orderBy(asc(objectives.position), asc(objectives.id));
      const latest = await latestUpdates(rows.map((r) => r.id));
      return rows.map((o) => ({ ...o, latestUpdate: latest.get(o.id) ?? null }));
    },

    async objectiveHistory(objectiveId: number) {
      return db
        .select()
        .from(objectiveUpdates)
        .where(eq(objectiveUpdates.objectiveId, objectiveId))
        .orderBy(desc(objectiveUpdates.effectiveDate), desc(objectiveUpdates.id));
    },

    // ---- changes ----

    async createPlan(actor: Actor, values: Partial<typeof plans.$inferInsert>) {
      checkSlug(values.slug);
      checkPeriod(values);
      return change(async (tx) => {
        const [plan] = await uniqueOr(
          () => tx.insert(plans).values(values as typeof plans.$inferInsert).returning(),
          'slug',
          'Another plan already uses this short name',
        );
        if (!plan) throw new Error('insert returned no row');
        const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(plans);
        if (Number(n) === 1) await tx.update(plans).set({ isCurrent: true }).where(eq(plans.id, plan.id));
        await recordAudit(tx, actor, { action: 'create', entityType: 'plan', entityId: plan.id, planId: plan.id, summary: `Created plan "${plan.title}"` });
        return plan;
      });
    },

    async updatePlan(actor: Actor, id: number, values: Partial<typeof plans.$inferInsert>, reason?: string) {
      checkSlug(values.slug);
      checkPeriod(values);
      return change(async (tx) => {
        const before = await getPlanById(id, tx);
        const changes = diffFields(before, values);
        if (!Object.keys(changes).length) return before;
        await uniqueOr(() => tx.update(plans).set({ ...values, updatedAt: new Date() }).where(eq(plans.id, id)), 'slug', 'Another plan already uses this short name');
        await recordAudit(tx, actor, { action: 'update', entityType: 'plan', entityId: id, planId: id, summary: `Edited plan "${values.title ?? before.title}"`, changes, reason: reason ?? null });
        return { ...before, ...values };
      });
    },

    async makeCurrent(actor: Actor, id: number) {
      return change(async (tx) => {
        const plan = await getPlanById(id, tx);
        await tx.update(plans).set({ isCurrent: false }).where(eq(plans.isCurrent, true));
        await tx.update(plans).set({ isCurrent: true, updatedAt: new Date() }).where(eq(plans.id, id));
        await recordAudit(tx, actor, { action: 'make-current', entityType: 'plan', entityId: id, planId: id, summary: `Made "${plan.title}" the current plan` });
      });
    },

    async setPublished(actor: Actor, entity: 'plan' | 'mission' | 'objective', id: number, publish: boolean) {
      return change(async (tx) => {
        const table = entity === 'plan' ? plans : entity === 'mission' ? missions : objectives;
        const [row] = (await tx.select().from(table).where(eq(table.id, id))) as { publishedAt: Date | null; title?: string; ref?: string; planId?: number; missionId?: number }[];
        if (!row) throw new NotFoundError(`${entity} not found`);
        const planId = entity === 'plan' ? id : entity === 'mission' ? (row.planId ?? null) : await planIdOfMission(row.missionId ?? 0, tx);
        const label = row.title ?? row.ref ?? String(id);
        if (Boolean(row.publishedAt) === publish) return;
        await tx
          .update(table)
          .set({ publishedAt: publish ? new Date() : null, updatedAt: new Date() })
          .where(eq(table.id, id));
        await recordAudit(tx, actor, {
          action: publish ? 'publish' : 'unpublish',
          entityType: entity,
          entityId: id,
          planId,
          summary: `${publish ? 'Published' : 'Unpublished'} ${entity} "${label}"`,
          changes: { published: { from: !publish, to: publish } },
        });
      });
    },

    async createStage(actor: Actor, planId: number, values: Partial<typeof planStages.$inferInsert>) {
      checkPeriod(values);
      return change(async (tx) => {
        const [stage] = await tx.insert(planStages).values({ ...(values as typeof planStages.$inferInsert), planId }).returning();
        if (!stage) throw new Error('insert returned no row');
        await recordAudit(tx, actor, { action: 'create', entityType: 'stage', entityId: stage.id, planId, summary: `Added stage "${stage.name}"` });
        return stage;
      });
    },

    async updateStage(actor: Actor, id: number, values: Partial<typeof planStages.$inferInsert>) {
      checkPeriod(values);
      return change(async (tx) => {
        const [before] = await tx.select().from(planStages).where(eq(planStages.id, id));
        if (!before) throw new NotFoundError('Stage not found');
        const changes = diffFields(before, values);
        if (!Object.keys(changes).length) return before;
        await tx.update(planStages).set({ ...values, updatedAt: new Date() }).where(eq(planStages.id, id));
        await recordAudit(tx, actor, { action: 'update', entityType: 'stage', entityId: id, planId: before.planId, summary: `Edited stage "${values.name ?? before.name}"`, changes });
        return { ...before, ...values };
      });
    },

    async getStage(id: number) {
      const [stage] = await db.select().from(planStages).where(eq(planStages.id, id));
      if (!stage) throw new NotFoundError('Stage not found');
      return stage;
    },

    async createMission(actor: Actor, planId: number, values: Partial<typeof missions.$inferInsert>) {
      checkSlug(values.slug);
      return change(async (tx) => {
        const [mission] = await uniqueOr(
          () => tx.insert(missions).values({ ...(values as typeof missions.$inferInsert), planId }).returning(),
          'slug',
          'Another mission in this plan already uses this short name',
        );
        if (!mission) throw new Error('insert returned no row');
        await recordAudit(tx, actor, { action: 'create', entityType: 'mission', entityId: mission.id, planId, summary: `Added mission "${mission.title}" (draft)` });
        return mission;
      });
    },

    async updateMission(actor: Actor, id: number, values: Partial<typeof missions.$inferInsert>, reason?: string) {
      checkSlug(values.slug);
      return change(async (tx) => {
        const before = await getMissionById(id, tx);
        const changes = diffFields(before, values);
        if (!Object.keys(changes).length) return before;
        await uniqueOr(
          () => tx.update(missions).set({ ...values, updatedAt: new Date() }).where(eq(missions.id, id)),
          'slug',
          'Another mission in this plan already uses this short name',
        );
        await recordAudit(tx, actor, { action: 'update', entityType: 'mission', entityId: id, planId: before.planId, summary: `Edited mission "${values.title ?? before.title}"`, changes, reason: reason ?? null });
        return { ...before, ...values };
      });
    },

    async missionsOfPlan(planId: number) {
      return db.select().from(missions).where(eq(missions.planId, planId)).orderBy(asc(missions.position), asc(missions.id));
    },

    async createObjective(actor: Actor, missionId: number, values: Partial<typeof objectives.$inferInsert>) {
      const planId = await planIdOfMission(missionId);
      return change(async (tx) => {
        const [objective] = await uniqueOr(
          () => tx.insert(objectives).values({ ...(values as typeof objectives.$inferInsert), missionId }).returning(),
          'ref',
          'Another objective in this mission already uses this reference',
        );
        if (!objective) throw new Error('insert returned no row');
        await recordAudit(tx, actor, { action: 'create', entityType: 'objective', entityId: objective.id, planId, summary: `Added objective ${objective.ref} (draft)` });
        return objective;
      });
    },

    async updateObjective(actor: Actor, id: number, values: Partial<typeof objectives.$inferInsert>, reason?: string) {
      return change(async (tx) => {
        const before = await getObjectiveById(id, tx);
        const planId = await planIdOfMission(before.missionId, tx);
        const changes = diffFields(before, values);
        if (!Object.keys(changes).length) return before;
        await uniqueOr(
          () => tx.update(objectives).set({ ...values, updatedAt: new Date() }).where(eq(objectives.id, id)),
          'ref',
          'Another objective in this mission already uses this reference',
        );
        await recordAudit(tx, actor, { action: 'update', entityType: 'objective', entityId: id, planId, summary: `Edited objective ${before.ref}`, changes, reason: reason ?? null });
        return { ...before, ...values };
      });
    },

    /** A status change with its narrative: kept as dated history, shown as a timeline. */
    async recordObjectiveStatus(actor: Actor, id: number, input: { status: ObjectiveStatus; narrative: string; evidenceUrl: string | null; effectiveDate: string }) {
      return change(async (tx) => {
        const before = await getObjectiveById(id, tx);
        const planId = await planIdOfMission(before.missionId, tx);
        const [update] = await tx
          .insert(objectiveUpdates)
          .values({ objectiveId: id, status: input.status, narrative: input.narrative, evidenceUrl: input.evidenceUrl, effectiveDate: input.effectiveDate, recordedByUserId: actor.userId, recordedByLabel: actor.label })
          .returning();
        // The objective's status is the status of its latest update by date.
        const [latest] = await tx
          .select({ status: objectiveUpdates.status })
          .from(objectiveUpdates)
          .where(eq(objectiveUpdates.objectiveId, id))
          .orderBy(desc(objectiveUpdates.effectiveDate), desc(objectiveUpdates.id))
          .limit(1);
        const status = latest?.status ?? input.status;
        await tx.update(objectives).set({ status, updatedAt: new Date() }).where(eq(objectives.id, id));
        await recordAudit(tx, actor, {
          action: 'status-change',
          entityType: 'objective',
          entityId: id,
          planId,
          summary: `${before.ref}: status ${before.status.replace('_', ' ')} → ${status.replace('_', ' ')}`,
          changes: { status: { from: before.status, to: status }, narrative: { from: null, to: input.narrative } },
        });
        return update;
      });
    },
  };
}

export type PlanService = ReturnType<typeof createPlanService>;
export type { Horizon };

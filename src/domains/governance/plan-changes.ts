// The changes a board may recommend to the plan, checked against the current plan, and applied when
// the PCC accepts them: inside the caller's transaction (every read and write through `tx`), with the
// audit events, and a plan snapshot for the numbered plan versions.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import type { DbOrTx, Tx } from '../../platform/db/database.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { isRealIsoDate } from '../../platform/http/forms.ts';
import { frequencies, measures, measureTargets, polarities, targetKinds } from '../measures/measures.tables.ts';
import { horizons, missions, objectives, objectiveStatuses, objectiveUpdates, plans } from '../plan/plan.tables.ts';
import type { RecommendationKind } from './governance.tables.ts';

export const recommendationKindLabels: Record<RecommendationKind, string> = {
  change_objective: "Change an objective's wording or status",
  add_objective: 'Add an objective',
  add_measure: 'Add a measure',
  change_target: "Change a measure's target",
  other: 'Something else (no change to the plan)',
};

const id = (what: string) => z.number({ message: `Choose ${what}` }).int().positive(`Choose ${what}`);
/** An optional date: '' or absent is null (a stored change holds null, and is checked again on decision). */
const optionalDate = (label: string) =>
  z.union([z.string(), z.null(), z.undefined()]).transform((given, ctx) => {
    const text = (given ?? '').trim();
    if (text === '') return null;
    if (!isRealIsoDate(text)) {
      ctx.addIssue({ code: 'custom', message: `${label} must be a real date in the format YYYY-MM-DD, like 2026-03-31` });
      return z.NEVER;
    }
    return text;
  });

export const changeObjectiveSchema = z
  .object({
    objectiveId: id('the objective to change'),
    newText: z.string().trim().max(2000, 'New wording must be 2,000 characters or fewer').default(''),
    newStatus: z.union([z.enum(objectiveStatuses, { message: 'Choose the new status from the list' }), z.literal('')]).default(''),
  })
  .refine((c) => c.newText !== '' || c.newStatus !== '', { message: 'Enter the new wording, choose a new status, or both', path: ['newText'] });

export const addObjectiveSchema = z.object({
  missionId: id('the mission'),
  ref: z
    .string()
    .trim()
    .min(1, 'Enter the reference of the new objective, like PREV-09')
    .max(20, 'Reference must be 20 characters or fewer')
    .regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, 'Reference must use only letters, numbers, dots and hyphens, like PREV-09'),
  text: z.string().trim().min(1, 'Enter the wording of the new objective').max(2000, 'Wording must be 2,000 characters or fewer'),
  horizon: z.enum(horizons, { message: 'Choose when: the first six months or the rest of the term' }),
  dueDate: optionalDate('Due date'),
});

export const addMeasureSchema = z.object({
  missionId: id('the mission'),
  objectiveId: z.number().int().positive().nullable().default(null),
  measureTitle: z.string().trim().min(1, 'Enter the title of the new measure').max(300, 'Title must be 300 characters or fewer'),
  definition: z.string().trim().max(5000, 'Definition must be 5,000 characters or fewer').default(''),
  unit: z.string().trim().max(100, 'Unit must be 100 characters or fewer').default(''),
  polarity: z.enum(polarities, { message: 'Choose whether higher or lower is better' }),
  frequency: z.enum(frequencies, { message: 'Choose how often it is measured' }),
});

export const changeTargetSchema = z
  .object({
    measureId: id('the measure'),
    targetId: z.number().int().positive().nullable().default(null),
    targetKind: z.enum(targetKinds, { message: 'Choose the kind of target' }),
    targetValue: z.number({ message: 'Target value must be a number' }).finite('Target value must be a number').nullable().default(null),
    targetByDate: optionalDate('Target date'),
    targetAsWritten: z.string().trim().min(1, 'Enter the target as the plan will word it').max(1000, 'Target as written must be 1,000 characters or fewer'),
  })
  .refine((c) => c.targetKind === 'monitor_only' || c.targetValue !== null, { message: 'Enter the target value (only a monitor-only target has none)', path: ['targetValue'] });

export type ChangeObjective = z.infer<typeof changeObjectiveSchema>;
export type AddObjective = z.infer<typeof addObjectiveSchema>;
export type AddMeasure = z.infer<typeof addMeasureSchema>;
export type ChangeTarget = z.infer<typeof changeTargetSchema>;

export type ProposedChange =
  | { kind: 'change_objective'; change: ChangeObjective }
  | { kind: 'add_objective'; change: AddObjective }
  | { kind: 'add_measure'; change: AddMeasure }
  | { kind: 'change_target'; change: ChangeTarget }
  | { kind: 'other'; change: null };

const schemas = { change_objective: changeObjectiveSchema, add_objective: addObjectiveSchema, add_measure: addMeasureSchema, change_target: changeTargetSchema } as const;

function zodErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ field: String(i.path[0] ?? 'kind'), text: i.message }));
}

/** The current plan, which recommendations change. */
export async function currentPlanId(executor: DbOrTx): Promise<number> {
  const [plan] = await executor.select({ id: plans.id }).from(plans).where(eq(plans.isCurrent, true)).limit(1);
  if (!plan) throw new ValidationError([{ field: 'kind', text: 'There is no current plan to change' }]);
  return plan.id;
}

/**
 * Checks a proposed change's shape (zod) and against the current plan: the objective, mission or
 * measure exists in it, a new objective's reference is not taken in its mission, a measure's
 * objective is in its mission, the target to replace is the measure's. Throws a ValidationError
 * naming the form fields. Returns the change, typed, and a sentence saying what it would do.
 */
export async function checkProposedChange(executor: DbOrTx, kind: RecommendationKind, raw: Record<string, unknown> | null): Promise<{ proposed: ProposedChange; planId: number; description: string }> {
  const planId = await currentPlanId(executor);
  if (kind === 'other') return { proposed: { kind, change: null }, planId, description: 'No change to the plan' };
  const parsed = schemas[kind].safeParse(raw ?? {});
  if (!parsed.success) throw new ValidationError(zodErrors(parsed.error));
  const missionOf = async (missionId: number) => {
    const [m] = await executor.select().from(missions).where(and(eq(missions.id, missionId), eq(missions.planId, planId)));
    return m ?? null;
  };
  switch (kind) {
    case 'change_objective': {
      const c = parsed.data as ChangeObjective;
      const [found] = await executor.select({ objective: objectives, mission: missions }).from(objectives).innerJoin(missions, eq(missions.id, objectives.missionId)).where(and(eq(objectives.id, c.objectiveId), eq(missions.planId, planId)));
      if (!found) throw new ValidationError([{ field: 'objectiveId', text: 'Choose an objective of the current plan' }]);
      const errors: FieldError[] = [];
      if (c.newText !== '' && c.newText === found.objective.text) errors.push({ field: 'newText', text: `The new wording is the same as ${found.objective.ref}'s wording now` });
      if (c.newStatus !== '' && c.newStatus === found.objective.status) errors.push({ field: 'newStatus', text: `${found.objective.ref} is already ${c.newStatus.replace('_', ' ')}` });
      if (errors.length) throw new ValidationError(errors);
      const parts = [c.newText !== '' ? `reword it as "${c.newText}"` : '', c.newStatus !== '' ? `make it ${c.newStatus.replace('_', ' ')}` : ''].filter(Boolean);
      return { proposed: { kind, change: c }, planId, description: `Objective ${found.objective.ref} (${found.mission.title}): ${parts.join(' and ')}` };
    }
    case 'add_objective': {
      const c = parsed.data as AddObjective;
      const mission = await missionOf(c.missionId);
      if (!mission) throw new ValidationError([{ field: 'missionId', text: 'Choose a mission of the current plan' }]);
      const [taken] = await executor.select({ id: objectives.id }).from(objectives).where(and(eq(objectives.missionId, mission.id), eq(objectives.ref, c.ref)));
      if (taken) throw new ValidationError([{ field: 'ref', text: `${mission.title} already has an objective ${c.ref}: choose another reference` }]);
      return { proposed: { kind, change: c }, planId, description: `Add objective ${c.ref} to ${mission.title}: "${c.text}"` };
    }
    case 'add_measure': {
      const c = parsed.data as AddMeasure;
      const mission = await missionOf(c.missionId);
      if (!mission) throw new ValidationError([{ field: 'missionId', text: 'Choose a mission of the current plan' }]);
      if (c.objectiveId !== null) {
        const [objective] = await executor.select({ missionId: objectives.missionId }).from(objectives).where(eq(objectives.id, c.objectiveId));
        if (!objective || objective.missionId !== mission.id) throw new ValidationError([{ field: 'objectiveId', text: `Choose an objective of ${mission.title}, or none` }]);
      }
      const [sameTitle] = await executor.select({ id: measures.id }).from(measures).where(and(eq(measures.planId, planId), eq(measures.title, c.measureTitle)));
      if (sameTitle) throw new ValidationError([{ field: 'measureTitle', text: `The plan already has a measure called "${c.measureTitle}"` }]);
      return { proposed: { kind, change: c }, planId, description: `Add measure "${c.measureTitle}" to ${mission.title}` };
    }
    case 'change_target': {
      const c = parsed.data as ChangeTarget;
      const [measure] = await executor.select().from(measures).where(and(eq(measures.id, c.measureId), eq(measures.planId, planId)));
      if (!measure) throw new ValidationError([{ field: 'measureId', text: 'Choose a measure of the current plan' }]);
      const targets = await executor.select().from(measureTargets).where(eq(measureTargets.measureId, measure.id));
      if (c.targetId !== null && !targets.some((t) => t.id === c.targetId)) throw new ValidationError([{ field: 'targetId', text: `Choose one of the targets of "${measure.title}", or a new target` }]);
      if (c.targetId === null && targets.length > 1) throw new ValidationError([{ field: 'targetId', text: `"${measure.title}" has ${targets.length} targets: choose which one this replaces, or a new target` }]);
      const replaced = c.targetId !== null ? targets.find((t) => t.id === c.targetId) : targets[0];
      return { proposed: { kind, change: c }, planId, description: `"${measure.title}": ${replaced ? `target "${replaced.asWritten || replaced.kind}" becomes` : 'new target'} "${c.targetAsWritten}"` };
    }
  }
}

/** A short name (slug) from a title, unique among the plan's measures. */
async function freeMeasureSlug(tx: Tx, planId: number, title: string): Promise<string> {
  const base =
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/g, '') || 'measure';
  const taken = new Set((await tx.select({ slug: measures.slug }).from(measures).where(eq(measures.planId, planId))).map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Applies an accepted change to the plan, inside the decision's transaction, with audit events
 * citing the decision. Returns what changed, in words (the previous target included).
 */
export async function applyProposedChange(tx: Tx, actor: Actor, proposed: ProposedChange, context: { planId: number; decisionNumber: string; decisionDate: string; reasons: string }): Promise<string> {
  const because = `PCC decision ${context.decisionNumber}`;
  const now = new Date();
  switch (proposed.kind) {
    case 'other':
      return 'No change to the plan';
    case 'change_objective': {
      const c = proposed.change;
      const [before] = await tx.select().from(objectives).where(eq(objectives.id, c.objectiveId));
      if (!before) throw new ValidationError([{ field: 'outcome', text: 'The objective this recommendation changes no longer exists' }]);
      const said: string[] = [];
      if (c.newText !== '') {
        await tx.update(objectives).set({ text: c.newText, updatedAt: now }).where(eq(objectives.id, before.id));
        await recordAudit(tx, actor, { action: 'update', entityType: 'objective', entityId: before.id, planId: context.planId, summary: `Reworded objective ${before.ref} (${because})`, changes: { text: { from: before.text, to: c.newText } }, reason: because });
        said.push(`Objective ${before.ref} reworded from "${before.text}" to "${c.newText}"`);
      }
      if (c.newStatus !== '') {
        // Kept as dated status history, as a staff status change would be.
        await tx.insert(objectiveUpdates).values({
          objectiveId: before.id,
          status: c.newStatus,
          narrative: `${because}${context.reasons ? `: ${context.reasons}` : ''}`,
          evidenceUrl: null,
          effectiveDate: context.decisionDate,
          recordedByUserId: actor.userId,
          recordedByLabel: actor.label,
        });
        await tx.update(objectives).set({ status: c.newStatus, updatedAt: now }).where(eq(objectives.id, before.id));
        await recordAudit(tx, actor, {
          action: 'status-change',
          entityType: 'objective',
          entityId: before.id,
          planId: context.planId,
          summary: `${before.ref}: status ${before.status.replace('_', ' ')} → ${c.newStatus.replace('_', ' ')} (${because})`,
          changes: { status: { from: before.status, to: c.newStatus } },
          reason: because,
        });
        said.push(`Objective ${before.ref}'s status changed from ${before.status.replace('_', ' ')} to ${c.newStatus.replace('_', ' ')}`);
      }
      return said.join('; ');
    }
    case 'add_objective': {
      const c = proposed.change;
      const [mission] = await tx.select().from(missions).where(eq(missions.id, c.missionId));
      if (!mission) throw new ValidationError([{ field: 'outcome', text: 'The mission this recommendation adds to no longer exists' }]);
      const [last] = await tx.select({ position: objectives.position }).from(objectives).where(eq(objectives.missionId, mission.id)).orderBy(desc(objectives.position)).limit(1);
      const [row] = await tx
        .insert(objectives)
        .values({ missionId: mission.id, ref: c.ref, text: c.text, horizon: c.horizon, dueDate: c.dueDate, position: (last?.position ?? 0) + 1, publishedAt: mission.publishedAt ? now : null })
        .returning();
      if (!row) throw new Error('insert returned no row');
      await recordAudit(tx, actor, { action: 'create', entityType: 'objective', entityId: row.id, planId: context.planId, summary: `Added objective ${row.ref} to ${mission.title} (${because})`, reason: because });
      return `Objective ${row.ref} added to ${mission.title}: "${row.text}"${row.publishedAt ? '' : ' (draft, as its mission is)'}`;
    }
    case 'add_measure': {
      const c = proposed.change;
      const [mission] = await tx.select().from(missions).where(eq(missions.id, c.missionId));
      if (!mission) throw new ValidationError([{ field: 'outcome', text: 'The mission this recommendation adds to no longer exists' }]);
      const slug = await freeMeasureSlug(tx, mission.planId, c.measureTitle);
      const [row] = await tx
        .insert(measures)
        .values({
          planId: mission.planId,
          missionId: mission.id,
          objectiveId: c.objectiveId,
          slug,
          title: c.measureTitle,
          definition: c.definition,
          unit: c.unit,
          polarity: c.polarity,
          frequency: c.frequency,
          publishedAt: mission.publishedAt ? now : null,
        })
        .returning();
      if (!row) throw new Error('insert returned no row');
      await recordAudit(tx, actor, { action: 'create', entityType: 'measure', entityId: row.id, planId: context.planId, summary: `Added measure "${row.title}" (${because})`, reason: because });
      return `Measure "${row.title}" added to ${mission.title}`;
    }
    case 'change_target': {
      const c = proposed.change;
      const [measure] = await tx.select().from(measures).where(eq(measures.id, c.measureId));
      if (!measure) throw new ValidationError([{ field: 'outcome', text: 'The measure this recommendation changes no longer exists' }]);
      const targets = await tx.select().from(measureTargets).where(eq(measureTargets.measureId, measure.id)).orderBy(asc(measureTargets.position), asc(measureTargets.id));
      const previous = c.targetId !== null ? targets.find((t) => t.id === c.targetId) : targets.length === 1 ? targets[0] : undefined;
      if (c.targetId !== null && !previous) throw new ValidationError([{ field: 'outcome', text: `The target this recommendation replaces is no longer one of "${measure.title}"'s` }]);
      if (c.targetId === null && targets.length > 1) throw new ValidationError([{ field: 'outcome', text: `"${measure.title}" now has ${targets.length} targets: the recommendation does not say which one it replaces` }]);
      const values = { kind: c.targetKind, value: c.targetKind === 'monitor_only' ? null : c.targetValue, byDate: c.targetByDate, asWritten: c.targetAsWritten };
      const describe = (t: { kind: string; value: number | null; byDate: string | null; asWritten: string }) => `"${t.asWritten || t.kind}" (${t.kind.replaceAll('_', ' ')}${t.value !== null ? ` ${t.value}` : ''}${t.byDate ? ` by ${t.byDate}` : ''})`;
      if (previous) {
        await tx.update(measureTargets).set(values).where(eq(measureTargets.id, previous.id));
        await recordAudit(tx, actor, {
          action: 'update',
          entityType: 'target',
          entityId: previous.id,
          planId: context.planId,
          summary: `Changed the target of "${measure.title}" (${because})`,
          changes: { target: { from: { kind: previous.kind, value: previous.value, byDate: previous.byDate, asWritten: previous.asWritten }, to: values } },
          reason: because,
        });
        return `Target of "${measure.title}" changed from ${describe(previous)} to ${describe(values)}`;
      }
      const [row] = await tx.insert(measureTargets).values({ ...values, measureId: measure.id, position: 0 }).returning();
      if (!row) throw new Error('insert returned no row');
      await recordAudit(tx, actor, { action: 'create', entityType: 'target', entityId: row.id, planId: context.planId, summary: `Added a target to "${measure.title}" (${because})`, reason: because });
      return `Target of "${measure.title}" set to ${describe(values)} (it had none)`;
    }
  }
}

/** The plan as it stands: missions with their objectives and measures (with targets), as JSON. */
export async function planSnapshot(executor: DbOrTx, planId: number): Promise<Record<string, unknown>> {
  const [plan] = await executor.select().from(plans).where(eq(plans.id, planId));
  if (!plan) throw new Error(`no plan ${planId}`);
  const missionRows = await executor.select().from(missions).where(eq(missions.planId, planId)).orderBy(asc(missions.position), asc(missions.id));
  const missionIds = missionRows.map((m) => m.id);
  const objectiveRows = missionIds.length ? await executor.select().from(objectives).where(inArray(objectives.missionId, missionIds)).orderBy(asc(objectives.position), asc(objectives.id)) : [];
  const measureRows = await executor.select().from(measures).where(eq(measures.planId, planId)).orderBy(asc(measures.position), asc(measures.id));
  const measureIds = measureRows.map((m) => m.id);
  const targetRows = measureIds.length ? await executor.select().from(measureTargets).where(inArray(measureTargets.measureId, measureIds)).orderBy(asc(measureTargets.position), asc(measureTargets.id)) : [];
  return {
    plan: { id: plan.id, slug: plan.slug, title: plan.title, periodStart: plan.periodStart, periodEnd: plan.periodEnd },
    missions: missionRows.map((m) => ({
      id: m.id,
      slug: m.slug,
      kind: m.kind,
      title: m.title,
      objectives: objectiveRows.filter((o) => o.missionId === m.id).map((o) => ({ id: o.id, ref: o.ref, text: o.text, horizon: o.horizon, dueDate: o.dueDate, owner: o.owner, status: o.status, published: o.publishedAt !== null })),
      measures: measureRows
        .filter((x) => x.missionId === m.id)
        .map((x) => ({
          id: x.id,
          slug: x.slug,
          title: x.title,
          objectiveId: x.objectiveId,
          definition: x.definition,
          unit: x.unit,
          polarity: x.polarity,
          frequency: x.frequency,
          published: x.publishedAt !== null,
          targets: targetRows.filter((t) => t.measureId === x.id).map((t) => ({ id: t.id, kind: t.kind, value: t.value, byDate: t.byDate, asWritten: t.asWritten })),
        })),
    })),
  };
}

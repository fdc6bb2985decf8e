// Measures, their baselines and targets, and observations. Observations are never overwritten: a
// changed value supersedes the old row, which stays in history.
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { diffFields, recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import { changeRunner, uniqueOr } from '../../platform/db/changes.ts';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { placePopulations, places } from '../places/places.tables.ts';
import { missions, plans } from '../plan/plan.tables.ts';
import { slugPattern } from '../../platform/http/forms.ts';
import { measureBaselines, measureProcessChanges, measures, measureTargets, observationBatches, observations, type ObservationSource } from './measures.tables.ts';
import { parsePeriod, periodKindDescriptions, periodKindsFor } from './period.ts';
import type { ObservationInput, ValidationContext } from './observation-input.ts';
import { resolveTargetValue } from './targets.ts';
import { computeMeasureStatus, type MeasureStatus } from './measure-status.ts';

export type Measure = typeof measures.$inferSelect;
export type Observation = typeof observations.$inferSelect;
export type Visibility = 'published' | 'all';

export interface SeriesPoint {
  period: string;
  periodStart: string;
  periodEnd: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  markers: string[];
  note: string;
}

export interface Series {
  placeCode: string;
  placeName: string;
  points: SeriesPoint[];
}

export interface UploadSummary {
  added: number;
  revised: number;
  unchanged: number;
  batchId: number | null;
}

const sameObservation = (a: Observation, b: ObservationInput) =>
  a.value === b.value && a.numerator === b.numerator && a.denominator === b.denominator && a.markers === b.markers && a.note === b.note;

/** The observations statuses() reads: the current ones of these measures, in series order. */
export function readStatusObservations(db: DbOrTx, ids: number[]) {
  return db
    .select({
      measureId: observations.measureId,
      period: observations.period,
      periodStart: observations.periodStart,
      periodEnd: observations.periodEnd,
      placeCode: observations.placeCode,
      value: observations.value,
      numerator: observations.numerator,
      denominator: observations.denominator,
      markers: observations.markers,
      note: observations.note,
    })
    .from(observations)
    .where(and(inArray(observations.measureId, ids), isNull(observations.supersededAt)))
    .orderBy(asc(observations.measureId), asc(observations.placeCode), asc(observations.periodStart));
}

/** Everything statuses() reads, in four queries plus the place names, whatever the number of measures. */
export function readStatusRows(db: DbOrTx, ids: number[]) {
  return Promise.all([
    readStatusObservations(db, ids),
    db.select().from(measureBaselines).where(inArray(measureBaselines.measureId, ids)).orderBy(asc(measureBaselines.id)),
    db.select().from(measureTargets).where(inArray(measureTargets.measureId, ids)).orderBy(asc(measureTargets.position), asc(measureTargets.id)),
    db.select().from(measureProcessChanges).where(inArray(measureProcessChanges.measureId, ids)),
    db.select({ code: places.code, name: places.name }).from(places),
  ]);
}

export type StatusRows = Awaited<ReturnType<typeof readStatusRows>>;
export type StatusInput = Parameters<typeof computeMeasureStatus>[0];

function groupByMeasure<T extends { measureId: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(row.measureId);
    if (list) list.push(row);
    else map.set(row.measureId, [row]);
  }
  return map;
}

/** The rows read, as each measure's input to the statistics: series per place, targets resolved. */
export function statusInputs(measureList: Measure[], plan: { periodStart: string; forceAreaCode: string | null }, rows: StatusRows, today: string): StatusInput[] {
  const [observationRows, baselineRows, targetRows, changeRows, placeRows] = rows;
  const placeNames = new Map(placeRows.map((p) => [p.code, p.name]));
  const seriesBy = new Map<number, Map<string, Series>>();
  for (const o of observationRows) {
    let byPlace = seriesBy.get(o.measureId);
    if (!byPlace) seriesBy.set(o.measureId, (byPlace = new Map()));
    let series = byPlace.get(o.placeCode);
    if (!series) byPlace.set(o.placeCode, (series = { placeCode: o.placeCode, placeName: placeNames.get(o.placeCode) ?? o.placeCode, points: [] }));
    series.points.push({ period: o.period, periodStart: o.periodStart, periodEnd: o.periodEnd, value: o.value, numerator: o.numerator, denominator: o.denominator, markers: o.markers ? o.markers.split(',') : [], note: o.note });
  }
  const baselinesBy = groupByMeasure(baselineRows);
  const targetsBy = groupByMeasure(targetRows);
  const changesBy = groupByMeasure(changeRows);
  return measureList.map((measure) => {
    const baselines = baselinesBy.get(measure.id) ?? [];
    const mainBaseline = baselines[0]?.value ?? null;
    return {
      measure,
      baselines,
      targets: (targetsBy.get(measure.id) ?? []).map((t) => ({ kind: t.kind, byDate: t.byDate, resolvedValue: resolveTargetValue(t, mainBaseline) })),
      series: [...(seriesBy.get(measure.id)?.values() ?? [])].sort(forceAreaFirstThenByName),
      processChanges: changesBy.get(measure.id) ?? [],
      planStart: plan.periodStart,
      forceAreaCode: plan.forceAreaCode,
      today,
    };
  });
}

/** The force area (E23…) first, then places by name. */
function forceAreaFirstThenByName(a: Series, b: Series): number {
  const aForce = a.placeCode.startsWith('E23');
  const bForce = b.placeCode.startsWith('E23');
  if (aForce !== bForce) return aForce ? -1 : 1;
  return a.placeName.localeCompare(b.placeName);
}

export function createMeasuresService(db: Db, hooks: { onChange: () => void } = { onChange: () => {} }) {
  const change = changeRunner(db, hooks.onChange);

  // Inside a transaction, pass it: on PGlite a query outside the open transaction waits for it forever.
  async function getMeasureById(id: number, executor: DbOrTx = db): Promise<Measure> {
    const [measure] = await executor.select().from(measures).where(eq(measures.id, id));
    if (!measure) throw new NotFoundError('Measure not found');
    return measure;
  }

  function checkSlug(slug: unknown) {
    if (typeof slug === 'string' && !slugPattern.test(slug)) {
      throw new ValidationError([{ field: 'slug', text: 'Short name must use only lower-case letters, numbers and single hyphens' }]);
    }
  }

  const uniqueSlug = <T>(work: () => Promise<T>) => uniqueOr(work, 'slug', 'Another measure in this plan already uses this short name');

  /** Measures the public may see: published, in a published mission of a published plan. */
  function publicCondition(visibility: Visibility) {
    return visibility === 'published' ? and(isNotNull(measures.publishedAt), isNotNull(missions.publishedAt), isNotNull(plans.publishedAt)) : undefined;
  }

  async function currentSeries(measureId: number): Promise<Series[]> {
    const rows = await db
      .select({ o: observations, placeName: places.name })
      .from(observations)
      .leftJoin(places, eq(places.code, observations.placeCode))
      .where(and(eq(observations.measureId, measureId), isNull(observations.supersededAt)))
      .orderBy(asc(observations.placeCode), asc(observations.periodStart));
    const byPlace = new Map<string, Series>();
    for (const { o, placeName } of rows) {
      let series = byPlace.get(o.placeCode);
      if (!series) {
        series = { placeCode: o.placeCode, placeName: placeName ?? o.placeCode, points: [] };
        byPlace.set(o.placeCode, series);
      }
      series.points.push({
        period: o.period,
        periodStart: o.periodStart,
        periodEnd: o.periodEnd,
        value: o.value,
        numerator: o.numerator,
        denominator: o.denominator,
        markers: o.markers ? o.markers.split(',') : [],
        note: o.note,
      });
    }
    return [...byPlace.values()].sort(forceAreaFirstThenByName);
  }

  return {
    getMeasureById,
    currentSeries,

    async listMeasures(planId: number, visibility: Visibility) {
      return db
        .select({
          measure: measures,
          missionSlug: missions.slug,
          missionTitle: missions.title,
          observationCount: sql<number>`(select count(*)::int from ${observations} o where o.measure_id = ${measures.id} and o.superseded_at is null and o.value is not null)`,
        })
        .from(measures)
        .innerJoin(missions, eq(missions.id, measures.missionId))
        .innerJoin(plans, eq(plans.id, measures.planId))
        .where(and(eq(measures.planId, planId), publicCondition(visibility)))
        .orderBy(asc(missions.position), asc(measures.position), asc(measures.id));
    },

    async measuresOfMission(missionId: number, visibility: Visibility) {
      return db
        .select({
          measure: measures,
          observationCount: sql<number>`(select count(*)::int from ${observations} o where o.measure_id = ${measures.id} and o.superseded_at is null and o.value is not null)`,
        })
        .from(measures)
        .innerJoin(missions, eq(missions.id, measures.missionId))
        .innerJoin(plans, eq(plans.id, measures.planId))
        .where(and(eq(measures.missionId, missionId), publicCondition(visibility)))
        .orderBy(asc(measures.position), asc(measures.id));
    },

    async findMeasure(planId: number, key: { slug?: string; id?: number }, visibility: Visibility) {
      const [row] = await db
        .select({ measure: measures, mission: missions })
        .from(measures)
        .innerJoin(missions, eq(missions.id, measures.missionId))
        .innerJoin(plans, eq(plans.id, measures.planId))
        .where(and(eq(measures.planId, planId), key.slug ? eq(measures.slug, key.slug) : eq(measures.id, key.id ?? -1), publicCondition(visibility)));
      return row ?? null;
    },

    /** Everything a measure page shows. */
    async detail(measure: Measure) {
      const [baselines, targets, series] = await Promise.all([
        db
          .select({ b: measureBaselines, placeName: places.name })
          .from(measureBaselines)
          .leftJoin(places, eq(places.code, measureBaselines.placeCode))
          .where(eq(measureBaselines.measureId, measure.id))
          .orderBy(asc(measureBaselines.id)),
        db.select().from(measureTargets).where(eq(measureTargets.measureId, measure.id)).orderBy(asc(measureTargets.position), asc(measureTargets.id)),
        currentSeries(measure.id),
      ]);
      const mainBaseline = baselines[0]?.b ?? null;
      const resolvedTargets = targets.map((t) => ({ ...t, resolvedValue: resolveTargetValue(t, mainBaseline?.value ?? null) }));
      const latest = series
        .map((s) => {
          const point = [...s.points].reverse().find((p) => p.value !== null) ?? null;
          return point ? { placeCode: s.placeCode, placeName: s.placeName, ...point } : null;
        })
        .filter((p) => p !== null);
      return {
        baselines: baselines.map(({ b, placeName }) => ({ ...b, placeName: placeName ?? b.placeCode })),
        targets: resolvedTargets,
        series,
        latest,
        hasData: series.some((s) => s.points.some((p) => p.value !== null)),
      };
    },

    /** The status of many measures at once: readStatusRows, statusInputs, then the statistics for each. */
    async statuses(measureList: Measure[], plan: { periodStart: string; forceAreaCode: string | null }, today: string): Promise<Map<number, MeasureStatus>> {
      const out = new Map<number, MeasureStatus>();
      if (!measureList.length) return out;
      const ids = measureList.map((m) => m.id);
      const inputs = statusInputs(measureList, plan, await readStatusRows(db, ids), today);
      for (const input of inputs) out.set(input.measure.id, computeMeasureStatus(input));
      return out;
    },

    async history(measureId: number) {
      return db
        .select({ o: observations, batch: observationBatches })
        .from(observations)
        .innerJoin(observationBatches, eq(observationBatches.id, observations.batchId))
        .where(eq(observations.measureId, measureId))
        .orderBy(desc(observations.createdAt), desc(observations.id))
        .limit(1000);
    },

    // ---- changes ----

    async createMeasure(actor: Actor, missionId: number, values: Partial<typeof measures.$inferInsert>) {
      checkSlug(values.slug);
      const [mission] = await db.select().from(missions).where(eq(missions.id, missionId));
      if (!mission) throw new NotFoundError('Mission not found');
      return change(async (tx) => {
        const [measure] = await uniqueSlug(() =>
          tx
            .insert(measures)
            .values({ ...(values as typeof measures.$inferInsert), missionId, planId: mission.planId })
            .returning(),
        );
        if (!measure) throw new Error('insert returned no row');
        await recordAudit(tx, actor, { action: 'create', entityType: 'measure', entityId: measure.id, planId: mission.planId, summary: `Added measure "${measure.title}" (draft)` });
        return measure;
      });
    },

    async updateMeasure(actor: Actor, id: number, values: Partial<typeof measures.$inferInsert>, reason?: string) {
      checkSlug(values.slug);
      return change(async (tx) => {
        const before = await getMeasureById(id, tx);
        const changes = diffFields(before, values);
        if (!Object.keys(changes).length) return before;
        await uniqueSlug(() => tx.update(measures).set({ ...values, updatedAt: new Date() }).where(eq(measures.id, id)));
        await recordAudit(tx, actor, { action: 'update', entityType: 'measure', entityId: id, planId: before.planId, summary: `Edited measure "${values.title ?? before.title}"`, changes, reason: reason ?? null });
        return { ...before, ...values };
      });
    },

    async setPublished(actor: Actor, id: number, publish: boolean) {
      return change(async (tx) => {
        const before = await getMeasureById(id, tx);
        if (Boolean(before.publishedAt) === publish) return;
        await tx.update(measures).set({ publishedAt: publish ? new Date() : null, updatedAt: new Date() }).where(eq(measures.id, id));
        await recordAudit(tx, actor, {
          action: publish ? 'publish' : 'unpublish',
          entityType: 'measure',
          entityId: id,
          planId: before.planId,
          summary: `${publish ? 'Published' : 'Unpublished'} measure "${before.title}"`,
          changes: { published: { from: !publish, to: publish } },
        });
      });
    },

    async setBaseline(actor: Actor, measureId: number, values: { placeCode: string; value: number | null; period: string | null; asWritten: string }) {
      const measure = await getMeasureById(measureId);
      const [place] = await db.select().from(places).where(eq(places.code, values.placeCode));
      if (!place) throw new ValidationError([{ field: 'placeCode', text: `"${values.placeCode}" is not a known place code` }]);
      return change(async (tx) => {
        const [before] = await tx.select().from(measureBaselines).where(and(eq(measureBaselines.measureId, measureId), eq(measureBaselines.placeCode, values.placeCode)));
        if (before) await tx.update(measureBaselines).set(values).where(eq(measureBaselines.id, before.id));
        else await tx.insert(measureBaselines).values({ ...values, measureId });
        await recordAudit(tx, actor, {
          action: before ? 'update' : 'create',
          entityType: 'baseline',
          entityId: `${measureId}:${values.placeCode}`,
          planId: measure.planId,
          summary: `Set the baseline of "${measure.title}" for ${place.name}`,
          changes: diffFields(before ?? {}, values),
        });
      });
    },

    async addTarget(actor: Actor, measureId: number, values: Omit<typeof measureTargets.$inferInsert, 'measureId'>) {
      const measure = await getMeasureById(measureId);
      if (values.kind !== 'monitor_only' && (values.value === null || values.value === undefined)) {
        throw new ValidationError([{ field: 'value', text: 'Enter the value of the target' }]);
      }
      return change(async (tx) => {
        const [target] = await tx.insert(measureTargets).values({ ...values, measureId }).returning();
        if (!target) throw new Error('insert returned no row');
        await recordAudit(tx, actor, { action: 'create', entityType: 'target', entityId: target.id, planId: measure.planId, summary: `Added a target to "${measure.title}": ${target.asWritten || target.kind}` });
        return target;
      });
    },

    async removeTarget(actor: Actor, targetId: number) {
      const [target] = await db.select().from(measureTargets).where(eq(measureTargets.id, targetId));
      if (!target) throw new NotFoundError('Target not found');
      const measure = await getMeasureById(target.measureId);
      return change(async (tx) => {
        await tx.delete(measureTargets).where(eq(measureTargets.id, targetId));
        // The removed target's content is kept in the audit event, so nothing is lost.
        await recordAudit(tx, actor, {
          action: 'delete',
          entityType: 'target',
          entityId: targetId,
          planId: measure.planId,
          summary: `Removed a target from "${measure.title}"`,
          changes: { target: { from: target, to: null } },
        });
        return target;
      });
    },

    async processChanges(measureId: number) {
      return db.select().from(measureProcessChanges).where(eq(measureProcessChanges.measureId, measureId)).orderBy(asc(measureProcessChanges.periodStart));
    },

    /** Marks a change in the process (e.g. a new recording rule) from a period on: SPC limits restart there. */
    async addProcessChange(actor: Actor, measureId: number, input: { period: string; reason: string }) {
      const measure = await getMeasureById(measureId);
      const period = parsePeriod(input.period);
      if (!period) throw new ValidationError([{ field: 'period', text: `"${input.period}" is not a period: use a month (2024-03), quarter (2024-Q1), year (2024) or financial year (2024-25)` }]);
      if (!periodKindsFor(measure.frequency).includes(period.kind)) {
        throw new ValidationError([{ field: 'period', text: `"${input.period}" is ${periodKindDescriptions[period.kind]}, which does not match how often this measure is reported` }]);
      }
      if (!input.reason.trim()) throw new ValidationError([{ field: 'reason', text: 'Enter the reason for the change' }]);
      return change(async (tx) => {
        const [row] = await uniqueOr(
          () => tx.insert(measureProcessChanges).values({ measureId, period: period.label, periodStart: period.start, reason: input.reason.trim(), createdByLabel: actor.label }).returning(),
          'period',
          `A process change from ${period.label} is already recorded`,
        );
        await recordAudit(tx, actor, {
          action: 'process-change',
          entityType: 'measure',
          entityId: measureId,
          planId: measure.planId,
          summary: `Marked a process change in "${measure.title}" from ${period.label}: ${input.reason.trim()}`,
        });
        return row;
      });
    },

    async placeCodes(): Promise<Set<string>> {
      const rows = await db.select({ code: places.code }).from(places);
      return new Set(rows.map((r) => r.code));
    },

    /** What checking an observation of this measure needs: its frequency, the places, its rate rule. */
    async validationContext(measure: Measure): Promise<ValidationContext> {
      const placeCodes = await this.placeCodes();
      if (!measure.rateBase) return { frequency: measure.frequency, placeCodes, rate: null };
      const populations = await db.select().from(placePopulations);
      return {
        frequency: measure.frequency,
        placeCodes,
        rate: {
          base: measure.rateBase,
          denominator: measure.rateDenominator,
          // That year's population, else the latest earlier one (e.g. Census 2021 for 2023).
          population(placeCode, year) {
            let best: { value: number; year: number } | null = null;
            for (const p of populations) {
              if (p.placeCode === placeCode && p.year <= year && (!best || p.year > best.year)) best = { value: p.population, year: p.year };
            }
            return best;
          },
        },
      };
    },

    /** Stores validated observations all together or not at all. */
    async addObservations(actor: Actor, measureId: number, inputs: ObservationInput[], source: ObservationSource, fileName: string | null = null): Promise<UploadSummary> {
      const measure = await getMeasureById(measureId);
      return change(async (tx) => {
        const current = await tx
          .select()
          .from(observations)
          .where(and(eq(observations.measureId, measureId), isNull(observations.supersededAt)));
        const byKey = new Map(current.map((o) => [`${o.period}|${o.placeCode}`, o]));
        const toInsert: ObservationInput[] = [];
        const supersededIds: number[] = [];
        let unchanged = 0;
        for (const input of inputs) {
          const existing = byKey.get(`${input.period.label}|${input.placeCode}`);
          if (existing && sameObservation(existing, input)) unchanged++;
          else {
            toInsert.push(input);
            if (existing) supersededIds.push(existing.id);
          }
        }
        if (!toInsert.length) return { added: 0, revised: 0, unchanged, batchId: null };
        const [batch] = await tx
          .insert(observationBatches)
          .values({ measureId, source, fileName, rowCount: inputs.length, createdByUserId: actor.userId, createdByLabel: actor.label })
          .returning();
        if (!batch) throw new Error('insert returned no row');
        for (let i = 0; i < supersededIds.length; i += 1000) {
          await tx.update(observations).set({ supersededAt: new Date() }).where(inArray(observations.id, supersededIds.slice(i, i + 1000)));
        }
        for (let i = 0; i < toInsert.length; i += 1000) {
          await tx.insert(observations).values(
            toInsert.slice(i, i + 1000).map((o) => ({
              measureId,
              batchId: batch.id,
              period: o.period.label,
              periodStart: o.period.start,
              periodEnd: o.period.end,
              placeCode: o.placeCode,
              value: o.value,
              numerator: o.numerator,
              denominator: o.denominator,
              markers: o.markers,
              note: o.note,
            })),
          );
        }
        if (supersededIds.length) {
          await tx.execute(sql`
            update ${observations} as old set superseded_by_id = new.id
            from ${observations} as new
            where old.measure_id = ${measureId} and old.batch_id <> ${batch.id} and old.superseded_by_id is null and old.superseded_at is not null
              and new.batch_id = ${batch.id} and new.period = old.period and new.place_code = old.place_code`);
        }
        const added = toInsert.length - supersededIds.length;
        await recordAudit(tx, actor, {
          action: 'add-observations',
          entityType: 'measure',
          entityId: measureId,
          planId: measure.planId,
          summary: `${fileName ? `Uploaded ${fileName}` : 'Added observations'} to "${measure.title}": ${added} new, ${supersededIds.length} revised, ${unchanged} unchanged`,
          changes: { observations: { from: null, to: { batchId: batch.id, added, revised: supersededIds.length, unchanged } } },
        });
        return { added, revised: supersededIds.length, unchanged, batchId: batch.id };
      });
    },
  };
}

export type MeasuresService = ReturnType<typeof createMeasuresService>;

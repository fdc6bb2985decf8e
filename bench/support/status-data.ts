// Benchmark data only, for bench/status.ts: one published plan with one published mission and N
// published monthly measures (polarity, baselines, targets and process changes varied by position),
// each with M monthly force-area observations from a seeded random walk starting 2015-01. Nothing
// here is real: every observation is stored in a batch with source 'generated' and the note
// 'benchmark data'. Rows go in by direct multi-row inserts (1,000 rows a statement) inside one
// transaction, not through the services: the benchmark is about reading and computing, not uploads.
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/platform/db/database.ts';
import { places } from '../../src/domains/places/places.tables.ts';
import { missions, plans } from '../../src/domains/plan/plan.tables.ts';
import {
  measureBaselines,
  measureProcessChanges,
  measures,
  measureTargets,
  observationBatches,
  observations,
  polarities,
  type TargetKind,
} from '../../src/domains/measures/measures.tables.ts';
import { firstYear } from './generate-data.ts';

export const forceAreaCode = 'E23000026';
const chunk = 1000;
const label = 'benchmark data generator';

/** mulberry32: a small, seeded pseudo-random generator, so every run loads the same numbers. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export interface StatusBenchmarkData {
  planId: number;
  missionSlug: string;
  measureCount: number;
  observationCount: number;
  baselines: number;
  targets: Record<string, number>;
  processChanges: number;
}

/**
 * Loads the data into an empty, migrated database. Measure i (0-based) has polarity i mod 3; by
 * i mod 5: no baseline and no target; a baseline for 2023-24 and an absolute target; a baseline with
 * no period and two relative (per cent) targets; a baseline and a percentage-points target; an
 * absolute target without a baseline. Every 10th measure has a process change from 2020-04.
 */
export async function loadStatusBenchmarkData(db: Db, options: { measures: number; months: number; seed?: number }): Promise<StatusBenchmarkData> {
  const random = seededRandom(options.seed ?? 20150101);
  const now = new Date();
  return db.transaction(async (tx) => {
    await tx.insert(places).values({ code: forceAreaCode, name: 'Benchmark force area', type: 'force_area' });
    const [plan] = await tx
      .insert(plans)
      .values({
        slug: 'benchmark-plan',
        title: 'Benchmark plan (generated data)',
        periodStart: '2024-04-01',
        periodEnd: '2029-03-31',
        forceAreaCode,
        isCurrent: true,
        publishedAt: now,
      })
      .returning();
    if (!plan) throw new Error('insert returned no plan');
    const missionSlug = 'benchmark-mission';
    const [mission] = await tx.insert(missions).values({ planId: plan.id, slug: missionSlug, title: 'Benchmark mission (generated data)', publishedAt: now }).returning();
    if (!mission) throw new Error('insert returned no mission');

    const measureIds: number[] = [];
    for (let from = 0; from < options.measures; from += chunk) {
      const rows = [];
      for (let i = from; i < Math.min(options.measures, from + chunk); i++) {
        rows.push({
          planId: plan.id,
          missionId: mission.id,
          slug: `benchmark-measure-${i + 1}`,
          title: `Benchmark measure ${i + 1}`,
          unit: 'crimes',
          polarity: polarities[i % 3] ?? 'neutral',
          frequency: 'month' as const,
          geography: 'force_area' as const,
          decimals: 1,
          position: i,
          publishedAt: now,
        });
      }
      const inserted = await tx.insert(measures).values(rows).returning({ id: measures.id });
      measureIds.push(...inserted.map((r) => r.id));
    }

    // Each measure's walk starts at its own level; the baseline is near the level of 2023-24.
    const starts = measureIds.map(() => 50 + random() * 950);
    const baselineRows: (typeof measureBaselines.$inferInsert)[] = [];
    const targetRows: (typeof measureTargets.$inferInsert)[] = [];
    const changeRows: (typeof measureProcessChanges.$inferInsert)[] = [];
    const targetCounts: Record<string, number> = {};
    const target = (measureId: number, kind: TargetKind, value: number, byDate: string, position: number) => {
      targetRows.push({ measureId, kind, value, byDate, position, asWritten: `${kind} ${value} by ${byDate}` });
      targetCounts[kind] = (targetCounts[kind] ?? 0) + 1;
    };
    measureIds.forEach((measureId, i) => {
      const level = starts[i] as number;
      const direction = i % 3 === 1 ? -1 : 1; // lower is better: targets below the baseline
      switch (i % 5) {
        case 1:
          baselineRows.push({ measureId, placeCode: forceAreaCode, value: level, period: '2023-24', asWritten: 'baseline 2023-24' });
          target(measureId, 'absolute', Math.round(level * (1 + direction * 0.1)), '2027-03-31', 0);
          break;
        case 2:
          baselineRows.push({ measureId, placeCode: forceAreaCode, value: level, period: null, asWritten: 'baseline' });
          target(measureId, 'relative_percent', direction * 5, '2026-03-31', 0);
          target(measureId, 'relative_percent', direction * 15, '2029-03-31', 1);
          break;
        case 3:
          baselineRows.push({ measureId, placeCode: forceAreaCode, value: level, period: '2024-03', asWritten: 'baseline March 2024' });
          target(measureId, 'percentage_points', direction * 20, '2028-03-31', 0);
          break;
        case 4:
          target(measureId, 'absolute', Math.round(level * (1 + direction * 0.2)), '2024-03-31', 0); // past: missed or achieved
          target(measureId, 'absolute', Math.round(level * (1 + direction * 0.3)), '2029-03-31', 1);
          break;
        default:
          break; // monitored only: no baseline, no target
      }
      if (i % 10 === 9) changeRows.push({ measureId, period: '2020-04', periodStart: '2020-04-01', reason: 'benchmark: new recording rule', createdByLabel: label });
    });
    for (let from = 0; from < baselineRows.length; from += chunk) await tx.insert(measureBaselines).values(baselineRows.slice(from, from + chunk));
    for (let from = 0; from < targetRows.length; from += chunk) await tx.insert(measureTargets).values(targetRows.slice(from, from + chunk));
    for (let from = 0; from < changeRows.length; from += chunk) await tx.insert(measureProcessChanges).values(changeRows.slice(from, from + chunk));

    const batchIds: number[] = [];
    for (let from = 0; from < measureIds.length; from += chunk) {
      const inserted = await tx
        .insert(observationBatches)
        .values(measureIds.slice(from, from + chunk).map((measureId) => ({ measureId, source: 'generated' as const, fileName: 'benchmark-data', rowCount: options.months, createdByLabel: label })))
        .returning({ id: observationBatches.id });
      batchIds.push(...inserted.map((r) => r.id));
    }

    const periods = Array.from({ length: options.months }, (_, m) => {
      const year = firstYear + Math.floor(m / 12);
      const month = (m % 12) + 1;
      return { period: `${year}-${pad(month)}`, periodStart: `${year}-${pad(month)}-01`, periodEnd: `${year}-${pad(month)}-${pad(lastDay(year, month))}` };
    });
    let pending: (typeof observations.$inferInsert)[] = [];
    let observationCount = 0;
    const flush = async () => {
      if (!pending.length) return;
      await tx.insert(observations).values(pending);
      observationCount += pending.length;
      pending = [];
    };
    for (let i = 0; i < measureIds.length; i++) {
      let value = starts[i] as number;
      for (const p of periods) {
        value *= 1 + (random() - 0.5) * 0.08;
        pending.push({
          measureId: measureIds[i] as number,
          batchId: batchIds[i] as number,
          ...p,
          placeCode: forceAreaCode,
          value: Math.round(value * 100) / 100,
          markers: random() < 0.02 ? 'p' : '',
          note: 'benchmark data',
          createdAt: now,
        });
        if (pending.length >= chunk) await flush();
      }
    }
    await flush();
    return {
      planId: plan.id,
      missionSlug,
      measureCount: measureIds.length,
      observationCount,
      baselines: baselineRows.length,
      targets: targetCounts,
      processChanges: changeRows.length,
    };
  });
}

/** Fresh planner statistics after the bulk load, as autovacuum would gather on a server. */
export async function analyze(db: Db): Promise<void> {
  await db.execute(sql`analyze`);
}

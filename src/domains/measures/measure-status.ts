// Applies the statistics to a measure: XmR limits and signals for each place's series, and, for the
// headline series (the force area's, or the only one), the trajectory to its targets, the forecast
// and the status in words. Pure: the caller reads the data and passes today's date.
import type { Measure, Series } from './measures.service.ts';
import { parsePeriod } from './period.ts';
import {
  targetStatus,
  targetStatusLabels,
  trajectory as trajectoryFrom,
  xmr,
  daysToIsoDate,
  isoDateToDays,
  type DatedValue,
  type TargetStatus,
  type XmrResult,
} from './statistics/index.ts';

export interface StatusBaseline {
  placeCode: string;
  value: number | null;
  period: string | null;
}

export interface StatusTargetInput {
  kind: string;
  resolvedValue: number | null;
  byDate: string | null;
}

export interface SeriesStatus {
  placeCode: string;
  placeName: string;
  /** The valued points in time order, each with the date the statistics use (the period's middle). */
  points: { period: string; date: string; value: number; markers: string[] }[];
  spc: XmrResult;
  status: TargetStatus;
  statusLabel: string;
  /** The trajectory's knots (baseline then targets) and the value it expects today. */
  trajectory: DatedValue[] | null;
  expectedToday: number | null;
  /** The status as it stood before the latest point: to tell what changed since the last period. */
  previousStatus: TargetStatus['status'] | null;
}

export interface MeasureStatus {
  measureId: number;
  headline: SeriesStatus | null;
  series: SeriesStatus[];
  needsAttention: boolean;
  attentionReasons: string[];
}

/** The middle day of a period (of an even number of days, the later of the two middle days). */
function middleOf(start: string, end: string): string {
  return daysToIsoDate(Math.floor((isoDateToDays(start) + isoDateToDays(end) + 1) / 2));
}

/** When a baseline applies: the end of its period when that is a period, else the plan's start. */
function baselineDate(period: string | null, planStart: string): string {
  const parsed = period ? parsePeriod(period) : null;
  return parsed ? parsed.end : planStart;
}

export function computeMeasureStatus(input: {
  measure: Pick<Measure, 'id' | 'polarity'>;
  baselines: StatusBaseline[];
  targets: StatusTargetInput[];
  series: Series[];
  processChanges: { periodStart: string }[];
  planStart: string;
  forceAreaCode: string | null;
  today: string;
}): MeasureStatus {
  const { measure, today } = input;
  const headlineCode = input.series.find((s) => s.placeCode === input.forceAreaCode)?.placeCode ?? (input.series.length === 1 ? input.series[0]?.placeCode : null);
  const statusTargets = input.targets
    .filter((t) => t.kind !== 'monitor_only' && t.byDate)
    .map((t) => ({ date: t.byDate as string, value: t.resolvedValue }));

  const series = input.series.map((s): SeriesStatus => {
    const points = s.points
      .filter((p) => p.value !== null)
      .map((p) => ({ period: p.period, date: middleOf(p.periodStart, p.periodEnd), value: p.value as number, markers: p.markers, start: p.periodStart }));
    const changeIndices = input.processChanges.map((c) => points.findIndex((p) => p.start >= c.periodStart)).filter((i) => i > 0);
    const isHeadline = s.placeCode === headlineCode;
    const baseline = input.baselines.find((b) => b.placeCode === s.placeCode && b.value !== null) ?? null;
    const baselinePoint = baseline ? { date: baselineDate(baseline.period, input.planStart), value: baseline.value as number } : null;
    const targets = isHeadline ? statusTargets : [];
    const dated = points.map((p) => ({ date: p.date, value: p.value }));
    const status = targetStatus({ polarity: measure.polarity, baseline: baselinePoint, targets, points: dated, today });
    const previous = dated.length > 1 ? targetStatus({ polarity: measure.polarity, baseline: baselinePoint, targets, points: dated.slice(0, -1), today }).status : null;
    const spc = xmr(
      points.map((p) => p.value),
      { polarity: measure.polarity, processChanges: changeIndices, target: status.target?.value ?? null },
    );
    const valuedTargets = targets.filter((t): t is DatedValue => t.value !== null);
    const path = baselinePoint && valuedTargets.length ? trajectoryFrom(baselinePoint, valuedTargets) : null;
    return {
      placeCode: s.placeCode,
      placeName: s.placeName,
      points: points.map(({ start: _start, ...p }) => p),
      spc,
      status,
      statusLabel: targetStatusLabels[status.status],
      trajectory: path ? [...path.knots] : null,
      expectedToday: path ? path.expectedAt(today) : null,
      previousStatus: previous,
    };
  });

  const headline = series.find((s) => s.placeCode === headlineCode) ?? null;
  const attentionReasons: string[] = [];
  for (const s of series) {
    const latest = s.spc.points.at(-1);
    if (latest && latest.classification === 'concern') attentionReasons.push(`${s.placeName}: the latest value is a special cause of concern (${s.spc.variationLabel}).`);
  }
  if (headline && (headline.status.status === 'off_track' || headline.status.status === 'at_risk')) attentionReasons.unshift(`${headline.statusLabel}: ${headline.status.reason}`);
  return { measureId: measure.id, headline, series, needsAttention: attentionReasons.length > 0, attentionReasons };
}

/** Status words in the order a board reads them: the ones needing attention first. */
export const statusOrder: TargetStatus['status'][] = ['off_track', 'at_risk', 'on_track', 'achieved', 'not_enough_data', 'monitor_only'];

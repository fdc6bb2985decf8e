/**
 * Progress towards a measure's targets in one word, with a one-sentence reason in plain English.
 *
 * Rules, applied in this order:
 * 1. No target with a value (none, or monitor-only ones) → 'monitor_only'.
 * 2. Fewer than 3 values → 'not_enough_data' (the reason says how many there are and that 3 are
 *    needed: a line through fewer points leaves nothing to estimate its uncertainty from).
 * 3. Which side of a target meets it: from the polarity; for neutral polarity, the direction from the
 *    start (the baseline, or the first value when there is no baseline) to that target, and a
 *    target equal to the start counts as met at or above it.
 * 4. 'achieved' when the latest value meets the final target (the one with the latest by-date),
 *    whether or not its date has come.
 * 5. The target that matters is the next one not yet due (the earliest by-date on or after today),
 *    or the final one when all are past.
 * 6. When that target's date has passed and the latest value is dated on or after it, the target
 *    was missed → 'off_track'. (When the latest value predates it, a late figure can still show it
 *    was met, so the forecast below is used.)
 * 7. Otherwise, forecast the value at the target's date from the recent trend (forecast(): least
 *    squares over the last 24 values, 80% prediction interval) and compare the latest value with
 *    what the trajectory (baseline through the targets, see trajectory()) expected on the latest
 *    value's date — its own date rather than today, so that a reporting lag does not count against
 *    the measure:
 *    - 'on_track' when the forecast meets the target and the latest value is at or better than
 *      the trajectory;
 *    - 'off_track' when the whole prediction interval misses the target;
 *    - 'at_risk' otherwise (the forecast meets the target but the latest value is behind the
 *      trajectory, or the forecast misses but the interval still includes the target).
 * Pure: "today" is a parameter.
 */
import { formatLevel, formatLongDate, formatStatNumber, formatStatNumbers, isoDateToDays } from './format.ts';
import type { Polarity, TargetDirection } from './spc.ts';
import { DEFAULT_FORECAST_LEVEL, DEFAULT_RECENT_POINTS, fitAndPredict, sortByDate, trajectory } from './trajectory.ts';
import type { DatedValue, Forecast, ForecastOptions } from './trajectory.ts';

export type TargetStatusWord = 'on_track' | 'at_risk' | 'off_track' | 'achieved' | 'monitor_only' | 'not_enough_data';

export interface StatusTarget {
  /** The by-date, ISO 'YYYY-MM-DD'. */
  date: string;
  /** The resolved value in the measure's unit; null for a monitor-only target. */
  value: number | null;
}

export interface TargetStatusInput {
  polarity: Polarity;
  baseline: DatedValue | null;
  targets: readonly StatusTarget[];
  /** The series, in any order. */
  points: readonly DatedValue[];
  /** ISO 'YYYY-MM-DD'. */
  today: string;
  forecast?: ForecastOptions;
}

export interface TargetStatus {
  status: TargetStatusWord;
  /** One sentence. */
  reason: string;
  /** The target the status is about (the final target for 'achieved'). */
  target: DatedValue | null;
  /** Which side of that target meets it. */
  direction: TargetDirection | null;
  latest: DatedValue | null;
  /** What the trajectory expected on the latest value's date. */
  expected: number | null;
  forecast: Forecast | null;
}

export const MIN_POINTS_FOR_STATUS = 3;

export const targetStatusLabels: Record<TargetStatusWord, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  achieved: 'Achieved',
  monitor_only: 'Monitored only',
  not_enough_data: 'Not enough data',
};

function directionOf(polarity: Polarity, start: number, target: number): TargetDirection {
  if (polarity === 'higher_is_better') return 'at_or_above';
  if (polarity === 'lower_is_better') return 'at_or_below';
  return target < start ? 'at_or_below' : 'at_or_above';
}

const meets = (value: number, target: number, direction: TargetDirection) => (direction === 'at_or_above' ? value >= target : value <= target);

function valuesWord(n: number): string {
  if (n === 0) return 'There are no values yet';
  if (n === 1) return 'There is only 1 value';
  return `There are only ${n} values`;
}

/** The status of a measure against its targets; see the rules at the top of this file. */
export function targetStatus(input: TargetStatusInput): TargetStatus {
  const today = isoDateToDays(input.today);
  const none = { target: null, direction: null, latest: null, expected: null, forecast: null };

  const targets = input.targets
    .filter((t): t is DatedValue => typeof t.value === 'number' && Number.isFinite(t.value))
    .map((t, order) => ({ date: t.date, value: t.value, day: isoDateToDays(t.date), order }))
    .sort((a, b) => a.day - b.day || a.order - b.order);
  if (targets.length === 0) return { status: 'monitor_only', reason: 'There is no target: this measure is monitored only.', ...none };

  const { points, days } = sortByDate(input.points.filter((p) => Number.isFinite(p.value)));
  if (points.length < MIN_POINTS_FOR_STATUS) {
    return { status: 'not_enough_data', reason: `${valuesWord(points.length)}, and at least ${MIN_POINTS_FOR_STATUS} are needed to judge progress towards the target.`, ...none };
  }

  const latest = points[points.length - 1] as DatedValue;
  const latestDay = days[days.length - 1] as number;
  const start = input.baseline ?? (points[0] as DatedValue);
  const finalTarget = targets[targets.length - 1] as (typeof targets)[number];
  const target = targets.find((t) => t.day >= today) ?? finalTarget;
  const direction = directionOf(input.polarity, start.value, target.value);
  const theTarget = { date: target.date, value: target.value };
  const latestText = `${formatStatNumber(latest.value)} on ${formatLongDate(latest.date)}`;
  const targetText = `the target of ${formatStatNumber(target.value)}`;

  const finalDirection = directionOf(input.polarity, start.value, finalTarget.value);
  if (meets(latest.value, finalTarget.value, finalDirection)) {
    return {
      status: 'achieved',
      reason: `The latest value, ${latestText}, meets the final target of ${formatStatNumber(finalTarget.value)} due by ${formatLongDate(finalTarget.date)}.`,
      target: { date: finalTarget.date, value: finalTarget.value },
      direction: finalDirection,
      latest,
      expected: null,
      forecast: null,
    };
  }

  if (target.day < today && latestDay >= target.day) {
    return {
      status: 'off_track',
      reason: `The target of ${formatStatNumber(target.value)} was due by ${formatLongDate(target.date)}, and the latest value, ${latestText}, ${direction === 'at_or_above' ? 'falls short of it' : 'is above it'}.`,
      target: theTarget,
      direction,
      latest,
      expected: null,
      forecast: null,
    };
  }

  const recent = input.forecast?.recentPoints ?? DEFAULT_RECENT_POINTS;
  const level = input.forecast?.level ?? DEFAULT_FORECAST_LEVEL;
  if (!Number.isInteger(recent) || recent < MIN_POINTS_FOR_STATUS) throw new RangeError(`recentPoints must be a whole number of at least 3, not ${recent}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be between 0 and 1, not ${level}`);
  const fc = fitAndPredict(points, days, Math.max(0, points.length - recent), target.day, target.date, level);
  if (!fc) {
    return { status: 'not_enough_data', reason: `The ${points.length} values all have the same date, so there is no trend to judge progress by.`, ...none, latest };
  }

  const expected = trajectory(start, targets).expectedAt(latest.date);
  const aheadOfTrajectory = meets(latest.value, expected, direction);
  const forecastMeets = meets(fc.value, target.value, direction);
  const intervalMisses = direction === 'at_or_above' ? fc.upper < target.value : fc.lower > target.value;
  const [v, lo, hi] = formatStatNumbers([fc.value, fc.lower, fc.upper]);
  const forecastText = `At the recent trend the value is forecast to be ${v} (${formatLevel(fc.level)} range ${lo} to ${hi}) by ${formatLongDate(target.date)}`;
  const missText = direction === 'at_or_above' ? `short of ${targetText}` : `above ${targetText}`;
  const expectedText = formatStatNumber(expected);
  const details = { target: theTarget, direction, latest, expected, forecast: fc };

  if (forecastMeets && aheadOfTrajectory) {
    return { status: 'on_track', reason: `${forecastText}, meeting ${targetText}, and the latest value, ${latestText}, is at or better than the ${expectedText} the trajectory expects.`, ...details };
  }
  if (forecastMeets) {
    return { status: 'at_risk', reason: `${forecastText}, meeting ${targetText}, but the latest value, ${latestText}, is behind the ${expectedText} the trajectory expects.`, ...details };
  }
  if (intervalMisses) {
    const end = direction === 'at_or_above' ? 'top' : 'bottom';
    return { status: 'off_track', reason: `${forecastText}, ${missText}, and even the ${end} of the range misses it.`, ...details };
  }
  return { status: 'at_risk', reason: `${forecastText}, ${missText}, though the range includes it.`, ...details };
}

/**
 * Target trajectories and trend forecasts for a measure's time series. Dates are ISO 'YYYY-MM-DD'
 * strings; internally time is a day number, or fractional years (days / 365.25) for the forecast.
 *
 * - trajectory(): the expected path from a baseline through a sequence of interim targets,
 *   piecewise linear in time; flat at the baseline before it and at the last target after it.
 * - forecast(): ordinary least squares of value on time (in days, slope reported per 365.25-day
 *   year) over the most recent points (default 24),
 *   the prediction at a date and a prediction interval for a new observation there:
 *   ŷ ± t_{(1+level)/2, n−2} · s · √(1 + 1/n + (x₀ − x̄)² / Sxx), s² = Σ residual² / (n − 2).
 *   The t quantile is computed (see student-t.ts), not read from a table.
 * Pure: no I/O, no clock ("today" is always a parameter).
 */
import { isoDateToDays, DAYS_PER_YEAR } from './format.ts';
import { studentTQuantile } from './student-t.ts';

export interface DatedValue {
  /** ISO 'YYYY-MM-DD'. */
  date: string;
  value: number;
}

export interface Trajectory {
  /** The baseline then the targets dated after it, in date order. */
  knots: readonly DatedValue[];
  /** The value the trajectory expects on a date. */
  expectedAt(date: string): number;
}

/**
 * The trajectory from a baseline through targets. Targets are taken in date order; a target dated
 * on or before the baseline cannot be reached along a path from it and is left out, and of two
 * targets on the same date the later one in the list wins.
 */
export function trajectory(baseline: DatedValue, targets: readonly DatedValue[]): Trajectory {
  if (!Number.isFinite(baseline.value)) throw new RangeError(`The baseline value is not a finite number: ${baseline.value}`);
  const start = isoDateToDays(baseline.date);
  const later = targets
    .map((t, order) => ({ t, order, day: isoDateToDays(t.date) }))
    .filter(({ t, day }) => day > start && Number.isFinite(t.value))
    .sort((a, b) => a.day - b.day || a.order - b.order);
  const days: number[] = [start];
  const knots: DatedValue[] = [{ date: baseline.date, value: baseline.value }];
  for (const { t, day } of later) {
    if (days[days.length - 1] === day) {
      knots[knots.length - 1] = { date: t.date, value: t.value };
    } else {
      days.push(day);
      knots.push({ date: t.date, value: t.value });
    }
  }
  const values = knots.map((k) => k.value);
  return {
    knots,
    expectedAt(date: string): number {
      return interpolate(days, values, isoDateToDays(date));
    },
  };
}

/** Piecewise linear interpolation, flat outside the knots; binary search, O(log k). */
function interpolate(days: readonly number[], values: readonly number[], day: number): number {
  const last = days.length - 1;
  if (day <= (days[0] as number)) return values[0] as number;
  if (day >= (days[last] as number)) return values[last] as number;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((days[mid] as number) <= day) lo = mid;
    else hi = mid;
  }
  const d0 = days[lo] as number;
  const d1 = days[hi] as number;
  const v0 = values[lo] as number;
  const v1 = values[hi] as number;
  return v0 + ((v1 - v0) * (day - d0)) / (d1 - d0);
}

export interface ForecastOptions {
  /** How many of the most recent points to fit. Default 24; at least 3. */
  recentPoints?: number;
  /** Coverage of the prediction interval, between 0 and 1. Default 0.8. */
  level?: number;
}

export interface Forecast {
  date: string;
  value: number;
  lower: number;
  upper: number;
  level: number;
  pointsUsed: number;
  /** The fitted change in value per year (365.25 days). */
  slopePerYear: number;
}

export const DEFAULT_RECENT_POINTS = 24;
export const DEFAULT_FORECAST_LEVEL = 0.8;
/** A line through fewer points leaves no residual degrees of freedom for an interval. */
export const MIN_FORECAST_POINTS = 3;

/** Points sorted by date (stable), with day numbers; skips the sort when already in order. */
export function sortByDate(points: readonly DatedValue[]): { points: DatedValue[]; days: number[] } {
  const days = points.map((p) => isoDateToDays(p.date));
  let sorted = true;
  for (let i = 1; i < days.length && sorted; i++) if ((days[i] as number) < (days[i - 1] as number)) sorted = false;
  if (sorted) return { points: [...points], days };
  const order = days.map((_, i) => i).sort((a, b) => (days[a] as number) - (days[b] as number) || a - b);
  return { points: order.map((i) => points[i] as DatedValue), days: order.map((i) => days[i] as number) };
}

/**
 * Least-squares trend of the most recent points, extrapolated (or interpolated) to atDate, with a
 * prediction interval. Null with fewer than 3 usable points or when they all share one date.
 * Points with a non-finite value are ignored; the points need not be in date order.
 */
export function forecast(points: readonly DatedValue[], atDate: string, options: ForecastOptions = {}): Forecast | null {
  const recent = options.recentPoints ?? DEFAULT_RECENT_POINTS;
  const level = options.level ?? DEFAULT_FORECAST_LEVEL;
  if (!Number.isInteger(recent) || recent < MIN_FORECAST_POINTS) throw new RangeError(`recentPoints must be a whole number of at least 3, not ${recent}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be between 0 and 1, not ${level}`);
  const atDay = isoDateToDays(atDate);
  const { points: sorted, days } = sortByDate(points.filter((p) => Number.isFinite(p.value)));
  const from = Math.max(0, sorted.length - recent);
  const n = sorted.length - from;
  if (n < MIN_FORECAST_POINTS) return null;
  return fitAndPredict(sorted, days, from, atDay, atDate, level);
}

/**
 * OLS over sorted[from..] and the prediction at day number atDay. Time is measured in whole days
 * from the first point used (exact integers, so points sharing one date give Sxx = 0 exactly), and
 * the slope is reported per year of 365.25 days. `days` are the points' day numbers (sortByDate).
 */
export function fitAndPredict(sorted: readonly DatedValue[], days: readonly number[], from: number, atDay: number, atDate: string, level: number): Forecast | null {
  const n = sorted.length - from;
  if (n < MIN_FORECAST_POINTS) return null;
  const origin = days[from] as number;
  let sx = 0;
  let sy = 0;
  for (let i = from; i < sorted.length; i++) {
    sx += (days[i] as number) - origin;
    sy += (sorted[i] as DatedValue).value;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = from; i < sorted.length; i++) {
    const dx = (days[i] as number) - origin - mx;
    sxx += dx * dx;
    sxy += dx * ((sorted[i] as DatedValue).value - my);
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx; // per day
  let sse = 0;
  for (let i = from; i < sorted.length; i++) {
    const residual = (sorted[i] as DatedValue).value - (my + slope * ((days[i] as number) - origin - mx));
    sse += residual * residual;
  }
  const df = n - 2;
  const s = Math.sqrt(sse / df);
  const dx0 = atDay - origin - mx;
  const value = my + slope * dx0;
  const half = studentTQuantile((1 + level) / 2, df) * s * Math.sqrt(1 + 1 / n + (dx0 * dx0) / sxx);
  return { date: atDate, value, lower: value - half, upper: value + half, level, pointsUsed: n, slopePerYear: slope * DAYS_PER_YEAR };
}

/**
 * XmR (individuals and moving range) statistical process control charts, in the NHS England
 * "Making Data Count" (MDC) convention as implemented by NHSRplotthedots:
 *
 * - centre line = mean of the segment's points; moving ranges |x[i] − x[i−1]| within the segment;
 *   average moving range AMR; sigma = AMR / 1.128; process limits = mean ± 2.66 × AMR (3 sigma);
 *   two-sigma lines = mean ± (2/3) × 2.66 × AMR.
 * - Optional screening (off by default): moving ranges ≥ 3.267 × AMR are left out and the AMR is
 *   recomputed once from the rest (NHSRplotthedots / qicharts2 style). The excluded moving ranges are
 *   reported (by the index of the point that ends them) with the AMR before screening.
 * - Process changes split the series into segments; each segment gets limits from its own points
 *   only, its first point has no moving range, and no rule looks across a boundary.
 * - Special-cause rules, evaluated within a segment: `outside_limits` (strictly beyond a process
 *   limit), `shift` (7 or more consecutive points strictly on one side of the mean; a point on the
 *   mean ends the run), `trend` (7 or more consecutive points each strictly higher, or each strictly
 *   lower, than the one before: 6 consecutive increases or decreases; an equal value ends the run),
 *   `two_of_three` (2 of any 3 consecutive points strictly beyond the same two-sigma line; the points
 *   beyond the line are marked, the third is not).
 * - Direction: for outside_limits, shift and two_of_three, the side of the mean; for a point flagged
 *   by trend alone, the direction of the trend (a turning point in two trends takes the earlier one).
 * - Icons: variation from the latest point; assurance from the latest segment's limits and a target.
 *
 * - Assurance (latest segment): for a target met at or above (higher is better), 'pass' when the lower
 *   limit is at or above the target, 'fail' when the upper limit is below it, else 'inconsistent';
 *   mirrored for lower is better; for neutral polarity only when a target direction is given.
 *
 * Comparisons with the mean, the limits, the target and between neighbours allow a relative
 * tolerance of 1e-10 (of |mean| + AMR) so that float rounding (0.1 + 0.2) never makes or breaks a
 * signal. Everything is
 * O(n) in the number of points. Pure: no I/O, no clock.
 */

export type Polarity = 'higher_is_better' | 'lower_is_better' | 'neutral';
export type SpcRule = 'outside_limits' | 'shift' | 'trend' | 'two_of_three';
export type SpcDirection = 'high' | 'low';
export type PointClassification = 'improvement' | 'concern' | 'neutral' | 'common';
export type VariationIcon = 'common_cause' | 'improvement_high' | 'improvement_low' | 'concern_high' | 'concern_low' | 'neutral_high' | 'neutral_low';
export type AssuranceIcon = 'pass' | 'fail' | 'inconsistent';
/** Which side of a target counts as meeting it. Follows from the polarity unless that is neutral. */
export type TargetDirection = 'at_or_above' | 'at_or_below';

/** 3 / d2 with d2 = 1.128 for moving ranges of two points. */
export const PROCESS_LIMIT_FACTOR = 2.66;
/** d2 for n = 2: sigma = AMR / 1.128. */
export const MOVING_RANGE_D2 = 1.128;
/** D4 for n = 2: the upper limit of the moving-range chart, used to screen moving ranges. */
export const MOVING_RANGE_SCREEN_FACTOR = 3.267;
/** Points on one side of the mean that make a shift. */
export const SHIFT_POINTS = 7;
/**
 * Points in a run all increasing or all decreasing that make a trend: 7 points, i.e. 6 consecutive
 * increases or decreases. Chosen because (a) FORMATS.md says "6 or more consecutive increases or
 * decreases", which counts steps, and 6 steps join 7 points; (b) NHSRplotthedots, the NHS-R
 * implementation of Making Data Count, tests 7 points (`ptd_seven_point_trend`: a window of 7 values,
 * its 6 differences all of one sign); (c) it matches the shift rule's 7 points. Some MDC material
 * words it as "six points"; pass `trendPoints: 6` for that reading.
 */
export const TREND_POINTS = 7;
/** With fewer points than this there are no limits at all. */
export const MIN_POINTS_FOR_LIMITS = 2;
/** With fewer points than this in a segment its limits are provisional. */
export const MIN_POINTS_FOR_STABLE_LIMITS = 12;

const TOLERANCE = 1e-10;

export interface XmrOptions {
  /** Default 'neutral'. */
  polarity?: Polarity;
  /** A target value for the assurance icon. */
  target?: number | null;
  /** Which side of the target is met, for neutral polarity only (otherwise it follows the polarity). */
  targetDirection?: TargetDirection | null;
  /** Indices of the first point of each new segment (out-of-range and duplicate indices are ignored). */
  processChanges?: readonly number[];
  /** Screen out moving ranges ≥ 3.267 × AMR and recompute the AMR once. Default false. */
  screenMovingRanges?: boolean;
  /** Default 7. */
  shiftPoints?: number;
  /** Default 7 (6 consecutive increases); see TREND_POINTS. */
  trendPoints?: number;
}

export interface XmrLimits {
  mean: number;
  averageMovingRange: number;
  /** AMR / 1.128. */
  sigma: number;
  upperProcessLimit: number;
  lowerProcessLimit: number;
  upperTwoSigma: number;
  lowerTwoSigma: number;
}

export interface XmrSegment {
  /** Index of the segment's first point. */
  start: number;
  /** Index after its last point. */
  end: number;
  pointCount: number;
  /** Null with fewer than 2 points. */
  limits: XmrLimits | null;
  /** The AMR of all the segment's moving ranges, before any screening (null without limits). */
  averageMovingRangeBeforeScreening: number | null;
  /** Indices i of the points whose moving range |x[i] − x[i−1]| was screened out. */
  excludedMovingRanges: number[];
  /** True when the limits rest on fewer than 12 points. */
  provisional: boolean;
  provisionalReason: string | null;
}

export interface XmrPoint {
  index: number;
  value: number;
  /** Index into segments. */
  segment: number;
  /** |x[i] − x[i−1]| within the segment; null for a segment's first point. */
  movingRange: number | null;
  movingRangeExcluded: boolean;
  /** The rules this point is part of, in the order outside_limits, shift, trend, two_of_three. */
  rules: SpcRule[];
  direction: SpcDirection | null;
  classification: PointClassification;
}

export interface XmrResult {
  /** 'not_enough_data' when the latest segment has fewer than 2 points (or there are none). */
  status: 'ok' | 'not_enough_data';
  /** Why there is not enough data; null when status is 'ok'. */
  reason: string | null;
  polarity: Polarity;
  points: XmrPoint[];
  segments: XmrSegment[];
  /** The latest segment's limits. */
  limits: XmrLimits | null;
  /** The latest segment's limits are provisional. */
  provisional: boolean;
  provisionalReason: string | null;
  /** From the latest point; null when there are no limits. */
  variation: VariationIcon | null;
  variationLabel: string | null;
  /** Null without a target, without limits, or for neutral polarity with no target direction. */
  assurance: AssuranceIcon | null;
  assuranceLabel: string | null;
}

/** Short text equivalents of the variation icons. */
export const variationLabels: Record<VariationIcon, string> = {
  common_cause: 'Common cause variation',
  improvement_high: 'Improvement (higher is better)',
  improvement_low: 'Improvement (lower is better)',
  concern_high: 'Concern (higher values)',
  concern_low: 'Concern (lower values)',
  neutral_high: 'Special cause variation (higher values)',
  neutral_low: 'Special cause variation (lower values)',
};

/** Longer text equivalents of the variation icons, for alt text and tooltips. */
export const variationDescriptions: Record<VariationIcon, string> = {
  common_cause: 'The latest value is within the usual range of variation: no special cause.',
  improvement_high: 'Special cause variation of an improving nature: the latest value is unusually high, and higher is better.',
  improvement_low: 'Special cause variation of an improving nature: the latest value is unusually low, and lower is better.',
  concern_high: 'Special cause variation of a concerning nature: the latest value is unusually high, and lower is better.',
  concern_low: 'Special cause variation of a concerning nature: the latest value is unusually low, and higher is better.',
  neutral_high: 'Special cause variation: the latest value is unusually high (neither direction is better).',
  neutral_low: 'Special cause variation: the latest value is unusually low (neither direction is better).',
};

/** Text equivalents of the assurance icons. */
export const assuranceLabels: Record<AssuranceIcon, string> = {
  pass: 'The target is consistently met',
  fail: 'The target is consistently missed',
  inconsistent: 'The target will be met and missed at random',
};

export const assuranceDescriptions: Record<AssuranceIcon, string> = {
  pass: 'The target is consistently met: the whole range between the process limits is on the right side of the target.',
  fail: 'The target is consistently missed: the whole range between the process limits is on the wrong side of the target, so the process must change to meet it.',
  inconsistent: 'The target lies between the process limits, so it will be met and missed at random unless the process changes.',
};

export const ruleLabels: Record<SpcRule, string> = {
  outside_limits: 'A point outside the process limits',
  shift: 'A run of 7 or more points on one side of the mean',
  trend: 'A run of 7 or more points all increasing or all decreasing',
  two_of_three: 'Two out of three points beyond two sigma on the same side',
};

export const classificationLabels: Record<PointClassification, string> = {
  improvement: 'Special cause: improvement',
  concern: 'Special cause: concern',
  neutral: 'Special cause: neither improvement nor concern',
  common: 'Common cause',
};

const RULE_ORDER: readonly SpcRule[] = ['outside_limits', 'shift', 'trend', 'two_of_three'];
const OUTSIDE = 1;
const SHIFT = 2;
const TREND = 4;
const TWO_OF_THREE = 8;
const RULE_BITS = [OUTSIDE, SHIFT, TREND, TWO_OF_THREE];

/** How a special cause in this direction reads for a measure of this polarity. */
export function classify(direction: SpcDirection, polarity: Polarity): Exclude<PointClassification, 'common'> {
  if (polarity === 'neutral') return 'neutral';
  return (direction === 'high') === (polarity === 'higher_is_better') ? 'improvement' : 'concern';
}

/** The side of a target that meets it: from the polarity, or the given direction when neutral. */
export function targetDirectionFor(polarity: Polarity, neutralDirection: TargetDirection | null = null): TargetDirection | null {
  if (polarity === 'higher_is_better') return 'at_or_above';
  if (polarity === 'lower_is_better') return 'at_or_below';
  return neutralDirection;
}

/** Assurance from a segment's limits: pass, fail or inconsistent. */
export function assuranceFor(limits: XmrLimits, target: number, direction: TargetDirection): AssuranceIcon {
  // The same float tolerance as the rules: a target on a limit (17.52 vs 12.2 + 5.32) is "at" it.
  const tol = TOLERANCE * (Math.abs(limits.mean) + limits.averageMovingRange);
  if (direction === 'at_or_above') {
    if (limits.lowerProcessLimit >= target - tol) return 'pass';
    if (limits.upperProcessLimit < target - tol) return 'fail';
    return 'inconsistent';
  }
  if (limits.upperProcessLimit <= target + tol) return 'pass';
  if (limits.lowerProcessLimit > target + tol) return 'fail';
  return 'inconsistent';
}

/** XmR limits of values[start, end) (at least 2 points), with optional screening of moving ranges. */
function segmentLimits(values: readonly number[], start: number, end: number, screen: boolean, excluded: number[]) {
  let sum = 0;
  for (let i = start; i < end; i++) sum += values[i] as number;
  const mean = sum / (end - start);
  let mrSum = 0;
  for (let i = start + 1; i < end; i++) mrSum += Math.abs((values[i] as number) - (values[i - 1] as number));
  const before = mrSum / (end - start - 1);
  let amr = before;
  if (screen && before > 0) {
    const cutoff = MOVING_RANGE_SCREEN_FACTOR * before;
    let keptSum = 0;
    let kept = 0;
    for (let i = start + 1; i < end; i++) {
      const mr = Math.abs((values[i] as number) - (values[i - 1] as number));
      if (mr >= cutoff) excluded.push(i);
      else {
        keptSum += mr;
        kept++;
      }
    }
    if (excluded.length > 0 && kept > 0) amr = keptSum / kept;
  }
  const spread = PROCESS_LIMIT_FACTOR * amr;
  const limits: XmrLimits = {
    mean,
    averageMovingRange: amr,
    sigma: amr / MOVING_RANGE_D2,
    upperProcessLimit: mean + spread,
    lowerProcessLimit: mean - spread,
    upperTwoSigma: mean + (2 / 3) * spread,
    lowerTwoSigma: mean - (2 / 3) * spread,
  };
  return { limits, before };
}

/** Mark the rules of one segment into flags (bitmask) and direction arrays (1 high, −1 low). */
function markRules(
  values: readonly number[],
  start: number,
  end: number,
  limits: XmrLimits,
  shiftPoints: number,
  trendPoints: number,
  flags: Uint8Array,
  sideOf: Int8Array,
  trendOf: Int8Array,
) {
  const { mean, upperProcessLimit: upl, lowerProcessLimit: lpl, upperTwoSigma: u2, lowerTwoSigma: l2 } = limits;
  const tol = TOLERANCE * (Math.abs(mean) + limits.averageMovingRange);
  const beyond = new Int8Array(end - start);

  let runSide = 0;
  let runStart = start;
  let trendDir = 0;
  let trendStart = start;
  for (let i = start; i <= end; i++) {
    // Shift runs: a run ends at a point on the other side, on the mean, or at the segment's end.
    const x = i < end ? (values[i] as number) : Number.NaN;
    const side = i < end ? (x > mean + tol ? 1 : x < mean - tol ? -1 : 0) : 0;
    if (i < end) sideOf[i] = side;
    if (side !== runSide || i === end) {
      if (runSide !== 0 && i - runStart >= shiftPoints) for (let j = runStart; j < i; j++) flags[j] = (flags[j] as number) | SHIFT;
      runSide = side;
      runStart = i;
    }
    // Trend runs: a run of steps of one sign; an equal value (step 0) ends it.
    if (i > start) {
      const step = i < end ? x - (values[i - 1] as number) : 0;
      const dir = i < end ? (step > tol ? 1 : step < -tol ? -1 : 0) : 0;
      if (dir !== trendDir || i === end) {
        // the run covers points trendStart .. i − 1
        if (trendDir !== 0 && i - trendStart >= trendPoints) {
          for (let j = trendStart; j < i; j++) {
            flags[j] = (flags[j] as number) | TREND;
            if (trendOf[j] === 0) trendOf[j] = trendDir; // a turning point keeps the earlier trend
          }
        }
        trendDir = dir;
        trendStart = i - 1;
      }
    }
    if (i === end) break;
    // Outside the process limits; beyond the two-sigma lines.
    if (x > upl + tol || x < lpl - tol) flags[i] = (flags[i] as number) | OUTSIDE;
    beyond[i - start] = x > u2 + tol ? 1 : x < l2 - tol ? -1 : 0;
  }
  // Two of three: any two points within a window of three consecutive points (index distance 1 or
  // 2) beyond the same two-sigma line.
  for (let k = 0; k < end - start; k++) {
    const b = beyond[k] as number;
    if (b === 0) continue;
    for (let d = 1; d <= 2 && k + d < end - start; d++) {
      if (beyond[k + d] === b) {
        flags[start + k] = (flags[start + k] as number) | TWO_OF_THREE;
        flags[start + k + d] = (flags[start + k + d] as number) | TWO_OF_THREE;
      }
    }
  }
}

function segmentStarts(n: number, processChanges: readonly number[]): number[] {
  if (n === 0) return [];
  const starts = new Set<number>([0]);
  for (const c of processChanges) if (Number.isInteger(c) && c > 0 && c < n) starts.add(c);
  return [...starts].sort((a, b) => a - b);
}

function checkRunLength(name: string, value: number) {
  if (!Number.isInteger(value) || value < 2) throw new RangeError(`${name} must be a whole number of at least 2, not ${value}`);
}

const pointsWord = (n: number) => (n === 1 ? '1 point' : `${n} points`);

/** An XmR chart of a series: limits per segment, special causes per point, and the icons. */
export function xmr(values: readonly number[], options: XmrOptions = {}): XmrResult {
  const polarity = options.polarity ?? 'neutral';
  const shiftPoints = options.shiftPoints ?? SHIFT_POINTS;
  const trendPoints = options.trendPoints ?? TREND_POINTS;
  checkRunLength('shiftPoints', shiftPoints);
  checkRunLength('trendPoints', trendPoints);
  const n = values.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`Value ${i} is not a finite number: ${values[i]}`);
  }

  const flags = new Uint8Array(n);
  const sideOf = new Int8Array(n);
  const trendOf = new Int8Array(n);
  const movingRanges: (number | null)[] = new Array<number | null>(n).fill(null);
  const excludedFlags = new Uint8Array(n);
  const segmentOf = new Int32Array(n);
  const segments: XmrSegment[] = [];

  const starts = segmentStarts(n, options.processChanges ?? []);
  starts.forEach((start, s) => {
    const end = starts[s + 1] ?? n;
    const count = end - start;
    for (let i = start; i < end; i++) {
      segmentOf[i] = s;
      if (i > start) movingRanges[i] = Math.abs((values[i] as number) - (values[i - 1] as number));
    }
    if (count < MIN_POINTS_FOR_LIMITS) {
      segments.push({ start, end, pointCount: count, limits: null, averageMovingRangeBeforeScreening: null, excludedMovingRanges: [], provisional: false, provisionalReason: null });
      return;
    }
    const excluded: number[] = [];
    const { limits, before } = segmentLimits(values, start, end, options.screenMovingRanges ?? false, excluded);
    for (const i of excluded) excludedFlags[i] = 1;
    markRules(values, start, end, limits, shiftPoints, trendPoints, flags, sideOf, trendOf);
    const provisional = count < MIN_POINTS_FOR_STABLE_LIMITS;
    segments.push({
      start,
      end,
      pointCount: count,
      limits,
      averageMovingRangeBeforeScreening: before,
      excludedMovingRanges: excluded,
      provisional,
      provisionalReason: provisional
        ? `The limits are provisional: they are based on ${pointsWord(count)}${s > 0 ? ' since the last process change' : ''}, and at least ${MIN_POINTS_FOR_STABLE_LIMITS} are needed.`
        : null,
    });
  });

  const points: XmrPoint[] = new Array<XmrPoint>(n);
  for (let i = 0; i < n; i++) {
    const f = flags[i] as number;
    const rules: SpcRule[] = [];
    for (let r = 0; r < RULE_ORDER.length; r++) if (f & (RULE_BITS[r] as number)) rules.push(RULE_ORDER[r] as SpcRule);
    let direction: SpcDirection | null = null;
    if (f & (OUTSIDE | SHIFT | TWO_OF_THREE)) direction = (sideOf[i] as number) > 0 ? 'high' : 'low';
    else if (f & TREND) direction = (trendOf[i] as number) > 0 ? 'high' : 'low';
    points[i] = {
      index: i,
      value: values[i] as number,
      segment: segmentOf[i] as number,
      movingRange: movingRanges[i] ?? null,
      movingRangeExcluded: excludedFlags[i] === 1,
      rules,
      direction,
      classification: direction ? classify(direction, polarity) : 'common',
    };
  }

  const latestSegment = segments[segments.length - 1];
  const limits = latestSegment?.limits ?? null;
  const latest = points[n - 1];
  let variation: VariationIcon | null = null;
  if (limits && latest) {
    variation = latest.direction === null ? 'common_cause' : (`${latest.classification}_${latest.direction}` as VariationIcon);
  }
  let assurance: AssuranceIcon | null = null;
  const target = options.target;
  const direction = targetDirectionFor(polarity, options.targetDirection ?? null);
  if (limits && typeof target === 'number' && Number.isFinite(target) && direction) assurance = assuranceFor(limits, target, direction);

  let reason: string | null = null;
  if (!limits) {
    const count = latestSegment?.pointCount ?? 0;
    const since = segments.length > 1 ? ' since the last process change' : '';
    reason =
      count === 0
        ? `There are no values yet: at least ${MIN_POINTS_FOR_LIMITS} are needed to calculate process limits.`
        : `There is only 1 value${since}: at least ${MIN_POINTS_FOR_LIMITS} are needed to calculate process limits.`;
  }

  return {
    status: limits ? 'ok' : 'not_enough_data',
    reason,
    polarity,
    points,
    segments,
    limits,
    provisional: latestSegment?.provisional ?? false,
    provisionalReason: latestSegment?.provisionalReason ?? null,
    variation,
    variationLabel: variation ? variationLabels[variation] : null,
    assurance,
    assuranceLabel: assurance ? assuranceLabels[assurance] : null,
  };
}

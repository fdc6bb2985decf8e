// Worked XmR examples computed by hand (the arithmetic is in the comments), one per rule, then
// property-based tests of the invariants.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { assuranceLabels, classify, ruleLabels, variationLabels, xmr } from './spc.ts';
import type { Polarity, XmrResult } from './spc.ts';

const close = (actual: number | undefined | null, expected: number, eps = 1e-9) =>
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) <= eps * Math.max(1, Math.abs(expected)), `expected ${expected}, got ${actual}`);

/** "index:rule+rule:direction" for every special-cause point: compact and readable in a diff. */
const signals = (r: XmrResult) => r.points.filter((p) => p.rules.length > 0).map((p) => `${p.index}:${p.rules.join('+')}:${p.direction}`);

/** 10, 12, 10, 12, … : n points alternating around 11 with moving ranges of 2. */
const alternating = (n: number, low = 10, high = 12) => Array.from({ length: n }, (_, i) => (i % 2 ? high : low));

describe('XmR limits', () => {
  // Series A: 10, 12, 11, 14, 12, 13, 10, 11, 13, 16
  //   sum 122, n 10 → mean 12.2
  //   moving ranges 2, 1, 3, 2, 1, 3, 1, 2, 3 → sum 18 over 9 → AMR 2
  //   sigma = 2 / 1.128 = 1.773050
  //   process limits 12.2 ± 2.66 × 2 = 12.2 ± 5.32 → 6.88 and 17.52
  //   two-sigma lines 12.2 ± (2/3) × 5.32 = 12.2 ± 3.546667 → 8.653333 and 15.746667
  //   16 is beyond the upper two-sigma line but alone (13 before it is not) → no 2-of-3;
  //   sides (b = below, a = above): b b b a b a b b a a → no run of 7; the longest rise is
  //   10, 11, 13, 16 (4 points) → no trend. No special cause: common cause variation.
  const seriesA = [10, 12, 11, 14, 12, 13, 10, 11, 13, 16];

  test('a 10-point series: mean, moving ranges, AMR, limits and two-sigma lines', () => {
    const r = xmr(seriesA);
    assert.equal(r.status, 'ok');
    assert.equal(r.reason, null);
    const l = r.limits;
    assert.ok(l);
    close(l.mean, 12.2);
    close(l.averageMovingRange, 2);
    close(l.sigma, 2 / 1.128);
    close(l.upperProcessLimit, 17.52);
    close(l.lowerProcessLimit, 6.88);
    close(l.upperTwoSigma, 12.2 + (2 / 3) * 5.32);
    close(l.lowerTwoSigma, 12.2 - (2 / 3) * 5.32);
    assert.deepEqual(
      r.points.map((p) => p.movingRange),
      [null, 2, 1, 3, 2, 1, 3, 1, 2, 3],
    );
    assert.deepEqual(signals(r), []);
    assert.ok(r.points.every((p) => p.classification === 'common' && p.direction === null));
    assert.equal(r.variation, 'common_cause');
    assert.equal(r.variationLabel, 'Common cause variation');
    assert.equal(r.assurance, null, 'no target, no assurance');
  });

  test('limits are provisional under 12 points and settled from 12', () => {
    const r10 = xmr(seriesA);
    assert.equal(r10.provisional, true);
    assert.equal(r10.provisionalReason, 'The limits are provisional: they are based on 10 points, and at least 12 are needed.');
    assert.equal(r10.segments[0]?.provisional, true);
    const r11 = xmr(alternating(11));
    assert.equal(r11.provisional, true);
    const r12 = xmr(alternating(12));
    assert.equal(r12.provisional, false);
    assert.equal(r12.provisionalReason, null);
  });

  test('fewer than 2 points: no limits at all, status not_enough_data', () => {
    const none = xmr([]);
    assert.equal(none.status, 'not_enough_data');
    assert.equal(none.limits, null);
    assert.equal(none.variation, null);
    assert.equal(none.reason, 'There are no values yet: at least 2 are needed to calculate process limits.');
    const one = xmr([42], { target: 40, polarity: 'higher_is_better' });
    assert.equal(one.status, 'not_enough_data');
    assert.equal(one.reason, 'There is only 1 value: at least 2 are needed to calculate process limits.');
    assert.equal(one.assurance, null);
    assert.equal(one.points[0]?.classification, 'common');
    // Two points, 4 and 6: mean 5, one moving range of 2, AMR 2, limits 5 ± 5.32; provisional.
    const two = xmr([4, 6]);
    assert.equal(two.status, 'ok');
    close(two.limits?.upperProcessLimit, 10.32);
    close(two.limits?.lowerProcessLimit, -0.32);
    assert.equal(two.provisional, true);
    assert.equal(two.provisionalReason, 'The limits are provisional: they are based on 2 points, and at least 12 are needed.');
  });

  test('non-finite values and bad run lengths are refused', () => {
    assert.throws(() => xmr([1, Number.NaN, 3]), RangeError);
    assert.throws(() => xmr([1, 2, Infinity]), RangeError);
    assert.throws(() => xmr([1, 2, 3], { trendPoints: 1 }), RangeError);
    assert.throws(() => xmr([1, 2, 3], { shiftPoints: 6.5 }), RangeError);
  });
});

describe('special-cause rules', () => {
  test('outside_limits: a point beyond the upper process limit', () => {
    // 23 points alternating 10, 12 (12 tens, 11 twelves) then 31.
    //   sum 120 + 132 + 31 = 283, n 24 → mean 283/24 = 11.791667
    //   moving ranges: 22 of 2 = 44, then |31 − 10| = 21 → 65 over 23 → AMR 2.826087
    //   UPL = 11.791667 + 2.66 × 2.826087 = 11.791667 + 7.517391 = 19.309058 → 31 is outside
    //   LPL = 4.274275; two-sigma 16.803261 / 6.780072: no base point is beyond
    //   sides alternate (10 < 11.79 < 12) → no shift; no trend.
    const values = [...alternating(23), 31];
    const r = xmr(values, { polarity: 'higher_is_better' });
    close(r.limits?.mean, 283 / 24);
    close(r.limits?.averageMovingRange, 65 / 23);
    close(r.limits?.upperProcessLimit, 283 / 24 + (2.66 * 65) / 23);
    close(r.limits?.lowerProcessLimit, 283 / 24 - (2.66 * 65) / 23);
    assert.deepEqual(signals(r), ['23:outside_limits:high']);
    assert.equal(r.points[23]?.classification, 'improvement');
    assert.equal(r.variation, 'improvement_high');
    assert.equal(r.variationLabel, 'Improvement (higher is better)');
    // The same chart for a lower-is-better measure is a concern, and for a neutral one neither.
    assert.equal(xmr(values, { polarity: 'lower_is_better' }).variation, 'concern_high');
    assert.equal(xmr(values, { polarity: 'neutral' }).variation, 'neutral_high');
  });

  test('outside_limits: the mirror image is a low point (concern when higher is better)', () => {
    // 30 − x of the series above: mean 30 − 11.791667, the same AMR, the last point (−1) below the LPL.
    const values = [...alternating(23), 31].map((v) => 30 - v);
    const r = xmr(values, { polarity: 'higher_is_better' });
    assert.deepEqual(signals(r), ['23:outside_limits:low']);
    assert.equal(r.variation, 'concern_low');
    assert.equal(r.variationLabel, 'Concern (lower values)');
    assert.equal(xmr(values, { polarity: 'lower_is_better' }).variation, 'improvement_low');
    assert.equal(xmr(values, { polarity: 'neutral' }).variationLabel, 'Special cause variation (lower values)');
  });

  test('shift: 7 consecutive points above the mean', () => {
    // 0, 10, 0, 10, 0, 10, 0, then 6, 7, 6, 7, 6, 7, 6
    //   sum 30 + 45 = 75, n 14 → mean 5.357143
    //   moving ranges: six of 10 = 60, |6 − 0| = 6, six of 1 = 6 → 72 over 13 → AMR 5.538462
    //   UPL 5.357143 + 14.732308 = 20.089451, LPL −9.375165; two-sigma 15.178681 / −4.464396
    //   sides: b a b a b a b, then a a a a a a a → the last 7 points (indices 7–13) are a shift.
    const r = xmr([0, 10, 0, 10, 0, 10, 0, 6, 7, 6, 7, 6, 7, 6], { polarity: 'lower_is_better' });
    close(r.limits?.mean, 75 / 14);
    close(r.limits?.averageMovingRange, 72 / 13);
    assert.deepEqual(signals(r), [7, 8, 9, 10, 11, 12, 13].map((i) => `${i}:shift:high`));
    assert.equal(r.points[7]?.classification, 'concern');
    assert.equal(r.variation, 'concern_high');
  });

  test('shift: 6 points on one side are not enough', () => {
    // 0, 10, 0, 10, 0, 10, 0, then 6, 7, 6, 7, 6, 7: sum 69, n 13 → mean 5.307692; the run above
    // the mean is indices 7–12, 6 points (index 6, 0, is below).
    assert.deepEqual(signals(xmr([0, 10, 0, 10, 0, 10, 0, 6, 7, 6, 7, 6, 7])), []);
  });

  test('shift: a point exactly on the mean breaks the run', () => {
    // 0, 10, 0, 10, 0, 10, 6, 6, 6, 5, 6, 6, 6, −1: sum 70, n 14 → mean exactly 5.
    //   sides: b a b a b a a a a (5 = on the mean) a a a b → runs above of 4 (indices 5–8) and 3.
    //   moving ranges 10 ×5, 4, 0, 0, 1, 1, 0, 0, 7 → 63/13 = 4.846154; UPL 17.890769; 2σ 13.593846.
    const onMean = xmr([0, 10, 0, 10, 0, 10, 6, 6, 6, 5, 6, 6, 6, -1]);
    assert.equal(onMean.limits?.mean, 5);
    assert.deepEqual(signals(onMean), []);
    // The same with a 6 instead of the 5 (and −2 at the end to keep the mean at 5): indices 5–12
    // are 8 points above the mean → a shift.
    const offMean = xmr([0, 10, 0, 10, 0, 10, 6, 6, 6, 6, 6, 6, 6, -2]);
    assert.equal(offMean.limits?.mean, 5);
    assert.deepEqual(signals(offMean), [5, 6, 7, 8, 9, 10, 11, 12].map((i) => `${i}:shift:high`));
  });

  test('trend: 7 points all increasing (6 increases) is a trend', () => {
    // 5, 9, 5, 9, 5, 9, then 4, 5, 6, 7, 8, 9, 10
    //   sum 42 + 49 = 91, n 13 → mean 7 (so 7 itself is on the mean)
    //   moving ranges: 4 ×5 = 20, |4 − 9| = 5, 1 ×6 = 6 → 31/12 = 2.583333
    //   UPL 7 + 6.871667 = 13.871667, LPL 0.128333; two-sigma 11.581111 / 2.418889: none beyond
    //   sides: b a b a b a b b b (on) a a a → no run of 7 → no shift
    //   indices 6–12 rise 4 → 10: six increases, seven points → a trend, direction high.
    const values = [5, 9, 5, 9, 5, 9, 4, 5, 6, 7, 8, 9, 10];
    const r = xmr(values, { polarity: 'higher_is_better' });
    close(r.limits?.mean, 7);
    close(r.limits?.averageMovingRange, 31 / 12);
    assert.deepEqual(signals(r), [6, 7, 8, 9, 10, 11, 12].map((i) => `${i}:trend:high`));
    // Points 6–8 are below the mean, but a point flagged only by a trend takes the trend's direction.
    assert.equal(r.points[6]?.classification, 'improvement');
    assert.equal(r.variation, 'improvement_high');
    assert.equal(xmr(values, { polarity: 'lower_is_better' }).variation, 'concern_high');
  });

  test('trend: 6 points (5 increases) are not a trend by default, but are with trendPoints: 6', () => {
    // 5, 9, 5, 9, 5, 9, then 5, 6, 7, 8, 9, 10: sum 87, n 12 → mean 7.25; moving ranges 4 ×5, 4,
    // 1 ×5 → 29/11 = 2.636364; UPL 14.262727; two-sigma 11.925152 / 2.574848: none beyond.
    // The rise is indices 6–11: 6 points. Sides: b a b a b a b b b a a a → no shift.
    const values = [5, 9, 5, 9, 5, 9, 5, 6, 7, 8, 9, 10];
    assert.deepEqual(signals(xmr(values)), []);
    assert.deepEqual(signals(xmr(values, { trendPoints: 6 })), [6, 7, 8, 9, 10, 11].map((i) => `${i}:trend:high`));
  });

  test('trend: equal consecutive values break a trend', () => {
    // 5, 9, 5, 9, 5, 9, then 4, 5, 6, 6, 7, 8, 9, 10: the repeated 6 splits the rise into 4, 5, 6
    // (3 points) and 6, 7, 8, 9, 10 (5 points). Mean 97/14 = 6.928571; AMR 31/13 = 2.384615;
    // two-sigma 11.157289 / 2.699853; sides b×4 (indices 6–9) then a×4 → nothing.
    assert.deepEqual(signals(xmr([5, 9, 5, 9, 5, 9, 4, 5, 6, 6, 7, 8, 9, 10])), []);
  });

  test('trend: a falling run is low; a turning point shared by two trends keeps the earlier one', () => {
    // 1..7 rising then 6..1 falling, 13 points: mean (28 + 21)/13 = 3.769231; every moving range
    // is 1 → AMR 1, limits 3.769231 ± 2.66 → 6.429231 / 1.109231; two-sigma ± 1.773333 →
    // 5.542564 / 1.995897.
    // 7 (index 6) is above the UPL; the two 1s (indices 0 and 12) are below the LPL.
    // 6, 7, 6 (indices 5, 6, 7) are beyond the upper two-sigma line: 2 of 3 → high; the 2s are
    // not beyond the lower line (2 > 1.995897).
    // Sides: indices 0–2 below, 3–9 above (7 points: 4, 5, 6, 7, 6, 5, 4) → shift high; 10–12 below.
    // Rising run indices 0–6 (7 points) → trend high; falling run indices 6–12 (7 points) → trend
    // low. Index 6 is in both and takes the earlier (high). Indices 0 and 12 are outside the LPL:
    // a side-of-mean rule sets the direction (low) even though index 0 is in a rising trend.
    const r = xmr([1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1]);
    close(r.limits?.mean, 49 / 13);
    close(r.limits?.averageMovingRange, 1);
    assert.deepEqual(signals(r), [
      '0:outside_limits+trend:low',
      '1:trend:high',
      '2:trend:high',
      '3:shift+trend:high',
      '4:shift+trend:high',
      '5:shift+trend+two_of_three:high',
      '6:outside_limits+shift+trend+two_of_three:high',
      '7:shift+trend+two_of_three:high',
      '8:shift+trend:high',
      '9:shift+trend:high',
      '10:trend:low',
      '11:trend:low',
      '12:outside_limits+trend:low',
    ]);
  });

  test('two_of_three: two of three points beyond the upper two-sigma line; the middle one is not marked', () => {
    // 12 points alternating 10, 12, then 17, 11, 17
    //   sum 132 + 45 = 177, n 15 → mean 11.8
    //   moving ranges 2 ×11 = 22, |17 − 12| = 5, 6, 6 → 39/14 = 2.785714
    //   upper two-sigma = 11.8 + (2/3) × 2.66 × 2.785714 = 11.8 + 4.94 = 16.74 → both 17s beyond
    //   UPL = 11.8 + 7.41 = 19.21 → neither outside; sides alternate → no shift.
    const r = xmr([...alternating(12), 17, 11, 17], { polarity: 'higher_is_better' });
    close(r.limits?.mean, 11.8);
    close(r.limits?.upperTwoSigma, 16.74);
    close(r.limits?.upperProcessLimit, 19.21);
    assert.deepEqual(signals(r), ['12:two_of_three:high', '14:two_of_three:high']);
    assert.equal(r.points[13]?.classification, 'common');
    assert.equal(r.variation, 'improvement_high');
  });

  test('two_of_three: two points beyond the line three apart do not count', () => {
    // …then 17, 11, 11, 17: mean 188/16 = 11.75, AMR 39/15 = 2.6, upper two-sigma 16.360667: the
    // 17s (indices 12 and 15) are beyond it but not within 3 consecutive points.
    assert.deepEqual(signals(xmr([...alternating(12), 17, 11, 11, 17])), []);
  });

  test('two_of_three needs the same side', () => {
    // 10 points alternating 0, 1 (mean ≈ 0.5), then +4 and −3.5: beyond opposite lines, not a signal.
    // mean (5 + 0.5)/12 = 0.458333; moving ranges 1 ×9, 3, 7.5 → 19.5/11 = 1.772727; two-sigma
    // ± 3.143636 → 3.601970 / −2.685303; UPL 5.173864, LPL −4.257197: neither point is outside.
    const r = xmr([...alternating(10, 0, 1), 4, -3.5]);
    assert.ok((r.points[10]?.value ?? 0) > (r.limits?.upperTwoSigma ?? Infinity));
    assert.ok((r.points[11]?.value ?? 0) < (r.limits?.lowerTwoSigma ?? -Infinity));
    assert.deepEqual(signals(r), []);
  });
});

describe('screening moving ranges', () => {
  // 10, 12, 10, 12, 10, 12, 40, 12, 10, 12, 10, 12
  //   sum 50 + 72 + 40 = 162, n 12 → mean 13.5
  //   moving ranges 2, 2, 2, 2, 2, 28, 28, 2, 2, 2, 2 → 74/11 = 6.727273
  //   unscreened: UPL 13.5 + 2.66 × 6.727273 = 31.394545 (40 is outside), LPL −4.394545
  //   screening cut-off 3.267 × 6.727273 = 21.977455 → the two 28s (ending at indices 6 and 7) go
  //   AMR recomputed from the nine 2s = 2 → UPL 18.82, LPL 8.18; two-sigma 17.046667 / 9.953333
  const values = [10, 12, 10, 12, 10, 12, 40, 12, 10, 12, 10, 12];

  test('is off by default', () => {
    const r = xmr(values);
    close(r.limits?.averageMovingRange, 74 / 11);
    close(r.limits?.upperProcessLimit, 13.5 + (2.66 * 74) / 11);
    assert.deepEqual(r.segments[0]?.excludedMovingRanges, []);
    assert.deepEqual(signals(r), ['6:outside_limits:high']);
  });

  test('excludes moving ranges of 3.267 × AMR or more, recomputes the AMR and says which', () => {
    const r = xmr(values, { screenMovingRanges: true });
    const segment = r.segments[0];
    assert.deepEqual(segment?.excludedMovingRanges, [6, 7]);
    close(segment?.averageMovingRangeBeforeScreening, 74 / 11);
    close(r.limits?.averageMovingRange, 2);
    close(r.limits?.upperProcessLimit, 18.82);
    close(r.limits?.lowerProcessLimit, 8.18);
    assert.deepEqual(
      r.points.filter((p) => p.movingRangeExcluded).map((p) => p.index),
      [6, 7],
    );
    assert.equal(r.points[6]?.movingRange, 28, 'the moving range itself is still reported');
    assert.deepEqual(signals(r), ['6:outside_limits:high']);
  });

  test('screens once: the recomputed AMR is not screened again', () => {
    // 10, 11 ×5 alternating (10 points), then 19, 59, 19
    //   moving ranges 1 ×9, 8, 40, 40 → 97/12 = 8.083333; cut-off 26.408 → the 40s go
    //   recomputed AMR = (9 + 8)/10 = 1.7; a second pass would also drop the 8 (≥ 5.5539) — not done.
    const r = xmr([10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 19, 59, 19], { screenMovingRanges: true });
    assert.deepEqual(r.segments[0]?.excludedMovingRanges, [11, 12]);
    close(r.segments[0]?.averageMovingRangeBeforeScreening, 97 / 12);
    close(r.limits?.averageMovingRange, 1.7);
  });

  test('a constant series screens nothing', () => {
    const r = xmr([5, 5, 5, 5], { screenMovingRanges: true });
    assert.deepEqual(r.segments[0]?.excludedMovingRanges, []);
    assert.equal(r.limits?.averageMovingRange, 0);
  });
});

describe('process changes', () => {
  // 0, 10, 0, 10, 0, 10, 6, 7, 6, 7 | 6, 7, 6, 7, 0, 10, 0, 10, 0, 10
  // As one segment: mean 112/20 = 5.6; indices 5–13 (10, 6, 7, 6, 7, 6, 7, 6, 7) are 9 points
  // above → a shift.
  // Split at index 10: each half has sum 56 → mean 5.6 again, but the run above is cut into
  // indices 5–9 (5 points) and 10–13 (4 points): no shift on either side of the change.
  //   first half moving ranges 10 ×5, 4, 1, 1, 1 → 57/9 = 6.333333
  //   second half 1, 1, 1, 7, 10 ×5 → 60/9 = 6.666667; index 10 has no moving range.
  const values = [0, 10, 0, 10, 0, 10, 6, 7, 6, 7, 6, 7, 6, 7, 0, 10, 0, 10, 0, 10];

  test('without a change the run crosses the middle', () => {
    const r = xmr(values);
    assert.equal(r.segments.length, 1);
    assert.deepEqual(signals(r), [5, 6, 7, 8, 9, 10, 11, 12, 13].map((i) => `${i}:shift:high`));
    assert.equal(r.points[10]?.movingRange, 1);
  });

  test('with a change at index 10 each segment has its own limits and no run crosses the boundary', () => {
    const r = xmr(values, { processChanges: [10] });
    assert.equal(r.segments.length, 2);
    const [first, second] = r.segments;
    assert.equal(first?.start, 0);
    assert.equal(first?.end, 10);
    assert.equal(second?.start, 10);
    assert.equal(second?.end, 20);
    close(first?.limits?.mean, 5.6);
    close(first?.limits?.averageMovingRange, 57 / 9);
    close(second?.limits?.averageMovingRange, 60 / 9);
    close(second?.limits?.upperProcessLimit, 5.6 + (2.66 * 60) / 9);
    assert.equal(r.points[10]?.movingRange, null);
    assert.equal(r.points[10]?.segment, 1);
    assert.equal(r.points[9]?.segment, 0);
    assert.deepEqual(signals(r), []);
    assert.equal(r.limits, second?.limits, 'the latest limits are the last segment’s');
    assert.equal(second?.provisionalReason, 'The limits are provisional: they are based on 10 points since the last process change, and at least 12 are needed.');
  });

  test('segments get limits from their own points: a step change gives two clean charts', () => {
    // 10 points alternating 10, 12 (mean 11, AMR 2), then 10 alternating 20, 22 (mean 21, AMR 2).
    const values2 = [...alternating(10), ...alternating(10, 20, 22)];
    const split = xmr(values2, { processChanges: [10] });
    close(split.segments[0]?.limits?.mean, 11);
    close(split.segments[0]?.limits?.upperProcessLimit, 16.32);
    close(split.segments[1]?.limits?.mean, 21);
    close(split.segments[1]?.limits?.lowerProcessLimit, 15.68);
    assert.deepEqual(signals(split), []);
    // As one chart: mean 16, the first 10 below and the last 10 above → shifts.
    const whole = xmr(values2);
    assert.equal(signals(whole).length, 20);
  });

  test('a change at the last point leaves the latest segment without limits', () => {
    const r = xmr([...alternating(10), 30], { processChanges: [10] });
    assert.equal(r.status, 'not_enough_data');
    assert.equal(r.reason, 'There is only 1 value since the last process change: at least 2 are needed to calculate process limits.');
    assert.equal(r.variation, null);
    assert.equal(r.segments[1]?.limits, null);
    assert.equal(r.points[10]?.classification, 'common');
  });

  test('out-of-range, unsorted and duplicate change indices are tidied', () => {
    const r = xmr(alternating(12), { processChanges: [8, -1, 0, 4, 8, 12, 99, 2.5] });
    assert.deepEqual(
      r.segments.map((s) => [s.start, s.end]),
      [
        [0, 4],
        [4, 8],
        [8, 12],
      ],
    );
  });
});

describe('assurance', () => {
  // Series A: limits 6.88 and 17.52.
  const seriesA = [10, 12, 11, 14, 12, 13, 10, 11, 13, 16];
  const assure = (polarity: Polarity, target: number, targetDirection?: 'at_or_above' | 'at_or_below') => xmr(seriesA, { polarity, target, targetDirection }).assurance;

  test('higher is better: pass when the lower limit is at or above the target, fail when the upper limit is below', () => {
    assert.equal(assure('higher_is_better', 6), 'pass'); // 6.88 ≥ 6
    assert.equal(assure('higher_is_better', 6.88), 'pass'); // at the limit
    assert.equal(assure('higher_is_better', 18), 'fail'); // 17.52 < 18
    assert.equal(assure('higher_is_better', 12), 'inconsistent'); // 6.88 < 12 < 17.52
  });

  test('lower is better: pass when the upper limit is at or below the target, fail when the lower limit is above', () => {
    assert.equal(assure('lower_is_better', 18), 'pass');
    assert.equal(assure('lower_is_better', 6), 'fail');
    assert.equal(assure('lower_is_better', 12), 'inconsistent');
  });

  test('neutral polarity needs a target direction', () => {
    assert.equal(assure('neutral', 6), null);
    assert.equal(assure('neutral', 6, 'at_or_above'), 'pass');
    assert.equal(assure('neutral', 6, 'at_or_below'), 'fail');
    assert.equal(assure('neutral', 12, 'at_or_below'), 'inconsistent');
  });

  test('labels', () => {
    const r = xmr(seriesA, { polarity: 'higher_is_better', target: 6 });
    assert.equal(r.assuranceLabel, 'The target is consistently met');
    assert.equal(assuranceLabels.fail, 'The target is consistently missed');
    assert.equal(assuranceLabels.inconsistent, 'The target will be met and missed at random');
    assert.equal(xmr(seriesA, { polarity: 'higher_is_better', target: null }).assurance, null);
  });

  test('assurance comes from the latest segment', () => {
    // First segment around 11 (limits 5.68–16.32), then around 21 (15.68–26.32): a target of 15
    // is consistently met now.
    const r = xmr([...alternating(10), ...alternating(10, 20, 22)], { processChanges: [10], polarity: 'higher_is_better', target: 15 });
    assert.equal(r.assurance, 'pass');
  });
});

test('every icon, rule and classification has a text equivalent', () => {
  for (const label of [...Object.values(variationLabels), ...Object.values(assuranceLabels), ...Object.values(ruleLabels)]) {
    assert.ok(label.length > 10);
  }
  assert.equal(Object.keys(variationLabels).length, 7);
  assert.equal(classify('high', 'higher_is_better'), 'improvement');
  assert.equal(classify('low', 'higher_is_better'), 'concern');
  assert.equal(classify('high', 'lower_is_better'), 'concern');
  assert.equal(classify('low', 'lower_is_better'), 'improvement');
  assert.equal(classify('low', 'neutral'), 'neutral');
});

describe('properties', () => {
  const series = (min = 2) => fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: min, maxLength: 40 });
  const doubles = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), { minLength: 2, maxLength: 40 });
  const polarity = fc.constantFrom<Polarity>('higher_is_better', 'lower_is_better', 'neutral');
  const shape = (r: XmrResult) => r.points.map((p) => [p.rules, p.direction]);

  test('limits are symmetric about the mean', () => {
    fc.assert(
      fc.property(doubles, fc.boolean(), (values, screen) => {
        const l = xmr(values, { screenMovingRanges: screen }).limits;
        assert.ok(l);
        const scale = 1e-9 * (Math.abs(l.mean) + l.averageMovingRange + 1);
        assert.ok(Math.abs(l.upperProcessLimit - l.mean - (l.mean - l.lowerProcessLimit)) <= scale);
        assert.ok(Math.abs(l.upperTwoSigma - l.mean - (l.mean - l.lowerTwoSigma)) <= scale);
        assert.ok(l.lowerProcessLimit <= l.lowerTwoSigma && l.lowerTwoSigma <= l.mean && l.mean <= l.upperTwoSigma && l.upperTwoSigma <= l.upperProcessLimit);
      }),
    );
  });

  test('a constant series has AMR 0 and no special cause', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 2, max: 60 }), polarity, (value, n, pol) => {
        const r = xmr(new Array<number>(n).fill(value), { polarity: pol, screenMovingRanges: true });
        assert.equal(r.limits?.averageMovingRange, 0);
        assert.ok(r.points.every((p) => p.rules.length === 0 && p.classification === 'common'));
        assert.equal(r.variation, 'common_cause');
      }),
    );
  });

  test('reversing the polarity swaps improvement and concern for every point', () => {
    fc.assert(
      fc.property(series(), (values) => {
        const up = xmr(values, { polarity: 'higher_is_better' });
        const down = xmr(values, { polarity: 'lower_is_better' });
        const swap = { improvement: 'concern', concern: 'improvement', common: 'common', neutral: 'neutral' } as const;
        up.points.forEach((p, i) => {
          assert.equal(down.points[i]?.classification, swap[p.classification]);
          assert.deepEqual(down.points[i]?.rules, p.rules);
        });
        const icon = (v: string | null) => v?.replace('improvement', 'X').replace('concern', 'improvement').replace('X', 'concern');
        assert.equal(down.variation, icon(up.variation));
      }),
    );
  });

  test('adding a constant shifts the mean and limits by it and leaves the signals unchanged', () => {
    fc.assert(
      fc.property(series(), fc.integer({ min: -1000, max: 1000 }), fc.boolean(), (values, c, screen) => {
        const a = xmr(values, { screenMovingRanges: screen });
        const b = xmr(
          values.map((v) => v + c),
          { screenMovingRanges: screen },
        );
        const la = a.limits;
        const lb = b.limits;
        assert.ok(la && lb);
        close(lb.mean, la.mean + c, 1e-9);
        close(lb.averageMovingRange, la.averageMovingRange, 1e-12);
        close(lb.upperProcessLimit, la.upperProcessLimit + c, 1e-9);
        close(lb.lowerProcessLimit, la.lowerProcessLimit + c, 1e-9);
        assert.deepEqual(shape(b), shape(a));
      }),
    );
  });

  test('scaling by a positive factor scales the limits (and, by a power of two, keeps the signals)', () => {
    fc.assert(
      fc.property(series(), fc.double({ min: 0.001, max: 1000, noNaN: true }), fc.integer({ min: -10, max: 10 }), (values, k, e) => {
        const a = xmr(values);
        const b = xmr(values.map((v) => v * k));
        const la = a.limits;
        const lb = b.limits;
        assert.ok(la && lb);
        const eps = 1e-9 * k * (Math.abs(la.mean) + la.averageMovingRange + 1);
        assert.ok(Math.abs(lb.upperProcessLimit - k * la.upperProcessLimit) <= eps);
        assert.ok(Math.abs(lb.lowerProcessLimit - k * la.lowerProcessLimit) <= eps);
        assert.ok(Math.abs(lb.averageMovingRange - k * la.averageMovingRange) <= eps);
        assert.deepEqual(shape(xmr(values.map((v) => v * 2 ** e))), shape(a));
      }),
    );
  });

  test('a segment after a process change is charted exactly as if it stood alone', () => {
    fc.assert(
      fc.property(series(4), fc.nat(), (values, at) => {
        const k = 2 + (at % (values.length - 3)); // both sides have at least 2 points
        const split = xmr(values, { processChanges: [k] });
        const left = xmr(values.slice(0, k));
        const right = xmr(values.slice(k));
        assert.deepEqual(shape(split).slice(0, k), shape(left));
        assert.deepEqual(shape(split).slice(k), shape(right));
        assert.deepEqual(split.segments[1]?.limits, right.limits);
      }),
    );
  });

  test('every special-cause point has a direction and every common one has none', () => {
    fc.assert(
      fc.property(series(), polarity, fc.boolean(), (values, pol, screen) => {
        for (const p of xmr(values, { polarity: pol, screenMovingRanges: screen }).points) {
          assert.equal(p.rules.length > 0, p.direction !== null);
          assert.equal(p.rules.length > 0, p.classification !== 'common');
        }
      }),
    );
  });
});

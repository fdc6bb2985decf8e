import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { forecast, sortByDate, trajectory } from './trajectory.ts';
import type { DatedValue } from './trajectory.ts';
import { studentTQuantile } from './student-t.ts';

const close = (actual: number | undefined, expected: number, eps = 1e-9) =>
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) <= eps * Math.max(1, Math.abs(expected)), `expected ${expected}, got ${actual}`);

/** ISO date `days` after 2025-01-01 (test helper; the module itself never uses Date). */
const day = (days: number) => new Date(Date.UTC(2025, 0, 1 + days)).toISOString().slice(0, 10);

describe('trajectory', () => {
  // Baseline 100 on 1 January 2025; targets 80 by 11 January (10 days later) and 70 by
  // 31 January (20 days after that).
  //   6 January: halfway to the first target → 100 − 20 × 5/10 = 90
  //   21 January: halfway between the targets → 80 − 10 × 10/20 = 75
  //   before the baseline → 100; after the last target → 70.
  const t = trajectory({ date: '2025-01-01', value: 100 }, [
    { date: '2025-01-31', value: 70 },
    { date: '2025-01-11', value: 80 },
  ]);

  test('runs piecewise linearly from the baseline through the targets in date order', () => {
    assert.deepEqual(t.knots, [
      { date: '2025-01-01', value: 100 },
      { date: '2025-01-11', value: 80 },
      { date: '2025-01-31', value: 70 },
    ]);
    assert.equal(t.expectedAt('2025-01-06'), 90);
    assert.equal(t.expectedAt('2025-01-21'), 75);
    assert.equal(t.expectedAt('2025-01-11'), 80);
    close(t.expectedAt('2025-01-02'), 98);
  });

  test('is flat before the baseline and after the last target', () => {
    assert.equal(t.expectedAt('2024-06-30'), 100);
    assert.equal(t.expectedAt('2025-01-01'), 100);
    assert.equal(t.expectedAt('2025-01-31'), 70);
    assert.equal(t.expectedAt('2030-01-01'), 70);
  });

  test('leaves out targets dated on or before the baseline; a later duplicate date wins', () => {
    const u = trajectory({ date: '2025-01-01', value: 10 }, [
      { date: '2024-12-31', value: 5 },
      { date: '2025-01-01', value: 6 },
      { date: '2025-01-11', value: 20 },
      { date: '2025-01-11', value: 30 },
    ]);
    assert.deepEqual(
      u.knots.map((k) => k.value),
      [10, 30],
    );
    assert.equal(u.expectedAt('2025-01-06'), 20);
  });

  test('with no targets the trajectory is the baseline', () => {
    assert.equal(trajectory({ date: '2025-01-01', value: 3 }, []).expectedAt('2026-01-01'), 3);
  });

  test('a real-calendar example across a leap year', () => {
    // Baseline 0 on 1 January 2024, target 366 on 1 January 2025 (2024 has 366 days): one a day.
    const leap = trajectory({ date: '2024-01-01', value: 0 }, [{ date: '2025-01-01', value: 366 }]);
    assert.equal(leap.expectedAt('2024-03-01'), 60); // 31 + 29
  });

  test('bad dates are refused', () => {
    assert.throws(() => trajectory({ date: '2025-02-30', value: 1 }, []), RangeError);
    assert.throws(() => t.expectedAt('31/01/2025'), RangeError);
  });

  test('property: between two knots the expected value lies between their values', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.array(fc.record({ offset: fc.integer({ min: 1, max: 5000 }), value: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: -100, max: 6000 }),
        (baseValue, targets, at) => {
          const tr = trajectory(
            { date: day(0), value: baseValue },
            targets.map((x) => ({ date: day(x.offset), value: x.value })),
          );
          const value = tr.expectedAt(day(at));
          const days = tr.knots.map((k) => Math.round((Date.parse(k.date) - Date.parse(day(0))) / 86400000));
          let i = days.findIndex((d) => d >= at);
          if (i === -1) i = days.length - 1;
          const a = tr.knots[Math.max(0, i - 1)]?.value ?? 0;
          const b = tr.knots[i]?.value ?? 0;
          assert.ok(value >= Math.min(a, b) - 1e-6 && value <= Math.max(a, b) + 1e-6);
        },
      ),
    );
  });
});

describe('forecast', () => {
  test('a perfect line: the prediction is on the line and the interval has zero width', () => {
    // One a day: 100, 110, 120, 130 on 1, 11, 21, 31 January → 140 on 10 February.
    // Slope 1 a day = 365.25 a year; every residual is 0, so s = 0 and the interval is a point.
    const f = forecast(
      [
        { date: '2025-01-01', value: 100 },
        { date: '2025-01-11', value: 110 },
        { date: '2025-01-21', value: 120 },
        { date: '2025-01-31', value: 130 },
      ],
      '2025-02-10',
    );
    assert.ok(f);
    close(f.value, 140);
    close(f.lower, 140);
    close(f.upper, 140);
    assert.ok(f.upper - f.lower < 1e-9);
    close(f.slopePerYear, 365.25);
    assert.equal(f.pointsUsed, 4);
    assert.equal(f.level, 0.8);
    assert.equal(f.date, '2025-02-10');
  });

  // A noisy series worked by hand. The dates are four years apart: 1 January 2000, 2004, 2008, 2012,
  // 2016 — each gap is 1461 days = exactly 4 × 365.25, so x = 0, 4, 8, 12, 16 years. Let u = x/4.
  //   y = 1, 3, 2, 5, 4; ū = 2, ȳ = 3; Suu = 4 + 1 + 0 + 1 + 4 = 10
  //   Suy = (−2)(−2) + (−1)(0) + 0(−1) + (1)(2) + (2)(1) = 8 → slope 0.8 per u = 0.2 per year
  //   fitted 1.4, 2.2, 3.0, 3.8, 4.6; residuals −0.4, 0.8, −1.0, 1.2, −0.6
  //   SSE = 0.16 + 0.64 + 1 + 1.44 + 0.36 = 3.6; s² = 3.6 / (5 − 2) = 1.2
  //   at 1 January 2020 (u = 5): ŷ = 3 + 0.8 × 3 = 5.4
  //   se = √(1.2 × (1 + 1/5 + (5 − 2)²/10)) = √(1.2 × 2.1) = √2.52 = 1.587451
  //   80%: t(0.9, 3) = 1.637744 → half-width 2.599840 → 2.800160 to 7.999840
  //   95%: t(0.975, 3) = 3.182446 → half-width 5.051931
  const noisy: DatedValue[] = [
    { date: '2000-01-01', value: 1 },
    { date: '2004-01-01', value: 3 },
    { date: '2008-01-01', value: 2 },
    { date: '2012-01-01', value: 5 },
    { date: '2016-01-01', value: 4 },
  ];

  test('a noisy series: OLS prediction and an 80% prediction interval, as worked by hand', () => {
    const f = forecast(noisy, '2020-01-01');
    assert.ok(f);
    close(f.value, 5.4);
    close(f.slopePerYear, 0.2);
    close(f.upper - f.value, 1.637744 * Math.sqrt(2.52), 1e-6);
    close(f.lower, 2.80016, 1e-6);
    close(f.upper, 7.99984, 1e-6);
    assert.equal(f.pointsUsed, 5);
  });

  test('a 95% interval, and a prediction at the centre of the data', () => {
    const f95 = forecast(noisy, '2020-01-01', { level: 0.95 });
    assert.ok(f95);
    close(f95.upper - f95.value, 3.182446 * Math.sqrt(2.52), 1e-6);
    assert.equal(f95.level, 0.95);
    // At 1 January 2008 (u = ū): ŷ = ȳ = 3, se = √(1.2 × 1.2) = 1.2, half-width 1.637744 × 1.2.
    const mid = forecast(noisy, '2008-01-01');
    assert.ok(mid);
    close(mid.value, 3);
    close(mid.upper - mid.value, studentTQuantile(0.9, 3) * 1.2);
  });

  test('order of the input does not matter, and non-finite values are ignored', () => {
    const shuffled = [noisy[3], noisy[0], noisy[4], noisy[2], noisy[1]] as DatedValue[];
    assert.deepEqual(forecast(shuffled, '2020-01-01'), forecast(noisy, '2020-01-01'));
    assert.deepEqual(forecast([...noisy, { date: '2001-01-01', value: Number.NaN }], '2020-01-01'), forecast(noisy, '2020-01-01'));
  });

  test('uses the most recent points only (24 by default)', () => {
    // 30 points: the first 6 are wild, the last 24 lie on a line (one a day) → zero width.
    const points = Array.from({ length: 30 }, (_, i) => ({ date: day(i), value: i < 6 ? (i % 2 ? 1000 : -1000) : i }));
    const f = forecast(points, day(40));
    assert.ok(f);
    assert.equal(f.pointsUsed, 24);
    close(f.value, 40);
    assert.ok(f.upper - f.lower < 1e-6);
    // The last 3 of the noisy series: 2, 5, 4 at u = 2, 3, 4 → slope 1 per u, mean 11/3 at u = 3
    // → at u = 5: 11/3 + 2 = 17/3.
    const g = forecast(noisy, '2020-01-01', { recentPoints: 3 });
    assert.equal(g?.pointsUsed, 3);
    close(g?.value, 17 / 3);
  });

  test('needs 3 points on at least 2 dates; refuses bad options', () => {
    assert.equal(forecast(noisy.slice(0, 2), '2020-01-01'), null);
    assert.equal(forecast([], '2020-01-01'), null);
    const sameDay = [1, 2, 3].map((value) => ({ date: '2020-01-01', value }));
    assert.equal(forecast(sameDay, '2021-01-01'), null);
    assert.throws(() => forecast(noisy, '2020-01-01', { level: 1 }), RangeError);
    assert.throws(() => forecast(noisy, '2020-01-01', { recentPoints: 2 }), RangeError);
    assert.throws(() => forecast(noisy, 'soon'), RangeError);
  });

  test('property: adding a constant moves the forecast and its interval by that constant', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ offset: fc.integer({ min: 0, max: 3000 }), value: fc.integer({ min: -1000, max: 1000 }) }), { minLength: 3, maxLength: 30 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 4000 }),
        (raw, c, at) => {
          const points = raw.map((r) => ({ date: day(r.offset), value: r.value }));
          const a = forecast(points, day(at));
          const b = forecast(
            points.map((p) => ({ ...p, value: p.value + c })),
            day(at),
          );
          if (a === null || b === null) {
            assert.equal(a, b);
            return;
          }
          const eps = 1e-6 * (1 + Math.abs(a.value) + Math.abs(c) + (a.upper - a.lower));
          assert.ok(Math.abs(b.value - (a.value + c)) <= eps);
          assert.ok(Math.abs(b.lower - (a.lower + c)) <= eps);
          assert.ok(Math.abs(b.upper - (a.upper + c)) <= eps);
          assert.ok(a.lower <= a.value && a.value <= a.upper);
        },
      ),
    );
  });

  test('property: points on a line forecast the line with (almost) zero width', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 3000 }), { minLength: 3, maxLength: 24 }),
        fc.integer({ min: -100, max: 100 }),
        fc.integer({ min: -1000, max: 1000 }),
        (offsets, perDay, intercept) => {
          const points = offsets.map((o) => ({ date: day(o), value: intercept + perDay * o }));
          const f = forecast(points, day(3100));
          assert.ok(f);
          const scale = 1 + Math.abs(intercept) + Math.abs(perDay) * 3100;
          assert.ok(Math.abs(f.value - (intercept + perDay * 3100)) <= 1e-8 * scale);
          assert.ok(f.upper - f.lower <= 1e-6 * scale);
        },
      ),
    );
  });
});

test('sortByDate is stable and leaves sorted input alone', () => {
  const input = [
    { date: '2025-03-01', value: 1 },
    { date: '2025-01-01', value: 2 },
    { date: '2025-03-01', value: 3 },
  ];
  const { points, days } = sortByDate(input);
  assert.deepEqual(
    points.map((p) => p.value),
    [2, 1, 3],
  );
  assert.deepEqual(days, [20089, 20148, 20148]);
});

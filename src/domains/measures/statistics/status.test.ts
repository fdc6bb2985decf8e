import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { targetStatus, targetStatusLabels } from './status.ts';
import type { TargetStatusInput } from './status.ts';
import type { DatedValue } from './trajectory.ts';

/** ISO date `days` after 2025-01-01 (test helper; the module itself never uses Date). */
const day = (days: number) => new Date(Date.UTC(2025, 0, 1 + days)).toISOString().slice(0, 10);
const onLine = (intercept: number, perDay: number, days: number[]) => days.map((d) => ({ date: day(d), value: Number((intercept + perDay * d).toFixed(10)) }));
const close = (actual: number | null | undefined, expected: number, eps = 1e-9) => assert.ok(typeof actual === 'number' && Math.abs(actual - expected) <= eps, `expected ${expected}, got ${actual}`);

describe('status words, worked by hand on straight lines', () => {
  // Baseline 10 on 1 January 2025 (day 0); target 28 by 27 December 2025 (day 360):
  // the trajectory climbs 18/360 = 0.05 a day. Values every 30 days up to day 150; today is day 160.
  // On a straight line the forecast is exact and its 80% range has zero width.
  const baseline = { date: day(0), value: 10 };
  const targets = [{ date: day(360), value: 28 }];
  const days = [0, 30, 60, 90, 120, 150];
  const input = (points: DatedValue[]): TargetStatusInput => ({ polarity: 'higher_is_better', baseline, targets, points, today: day(160) });

  test('on_track: the forecast meets the target and the latest value is ahead of the trajectory', () => {
    // Values 10 + 0.06 d: 10, 11.8, 13.6, 15.4, 17.2, 19. Forecast at day 360: 10 + 21.6 = 31.6 ≥ 28.
    // The trajectory expects 10 + 0.05 × 150 = 17.5 on day 150; the latest value is 19 ≥ 17.5.
    const r = targetStatus(input(onLine(10, 0.06, days)));
    assert.equal(r.status, 'on_track');
    close(r.forecast?.value, 31.6, 1e-9);
    close(r.expected, 17.5);
    assert.deepEqual(r.target, { date: '2025-12-27', value: 28 });
    assert.deepEqual(r.latest, { date: '2025-05-31', value: 19 });
    assert.equal(r.direction, 'at_or_above');
    assert.equal(
      r.reason,
      'At the recent trend the value is forecast to be 31.6 (80% range 31.6 to 31.6) by 27 December 2025, meeting the target of 28, and the latest value, 19 on 31 May 2025, is at or better than the 17.5 the trajectory expects.',
    );
  });

  test('off_track: even the top of the forecast range misses the target', () => {
    // Values 10 + 0.01 d: 10 … 11.5. Forecast 10 + 3.6 = 13.6, range 13.6 to 13.6 < 28.
    const r = targetStatus(input(onLine(10, 0.01, days)));
    assert.equal(r.status, 'off_track');
    assert.equal(r.reason, 'At the recent trend the value is forecast to be 13.6 (80% range 13.6 to 13.6) by 27 December 2025, short of the target of 28, and even the top of the range misses it.');
  });

  test('at_risk: the forecast meets the target but the latest value is behind the trajectory', () => {
    // Values 4 + 0.08 d: 4, 6.4, 8.8, 11.2, 13.6, 16. Forecast 4 + 28.8 = 32.8 ≥ 28, but 16 < 17.5.
    const r = targetStatus(input(onLine(4, 0.08, days)));
    assert.equal(r.status, 'at_risk');
    assert.equal(
      r.reason,
      'At the recent trend the value is forecast to be 32.8 (80% range 32.8 to 32.8) by 27 December 2025, meeting the target of 28, but the latest value, 16 on 31 May 2025, is behind the 17.5 the trajectory expects.',
    );
  });

  test('achieved: the latest value already meets the final target', () => {
    const r = targetStatus(input([...onLine(10, 0.06, [0, 30]), { date: day(60), value: 28 }]));
    assert.equal(r.status, 'achieved');
    assert.equal(r.reason, 'The latest value, 28 on 2 March 2025, meets the final target of 28 due by 27 December 2025.');
    assert.equal(r.forecast, null);
  });
});

describe('status words on a noisy series (the forecast worked by hand in trajectory.test.ts)', () => {
  // Values 1, 3, 2, 5, 4 on 1 January 2000, 2004, 2008, 2012, 2016; baseline 1 on 1 January 2000.
  // Forecast for 1 January 2020: 5.4, 80% range 2.80016 to 7.99984.
  // The target is due on 1 January 2020, so on 1 January 2016 the trajectory is 16/20 = 0.8 of the
  // way from 1 to the target (each four-year gap is exactly 1461 days).
  const points: DatedValue[] = [
    { date: '2000-01-01', value: 1 },
    { date: '2004-01-01', value: 3 },
    { date: '2008-01-01', value: 2 },
    { date: '2012-01-01', value: 5 },
    { date: '2016-01-01', value: 4 },
  ];
  const withTarget = (value: number): TargetStatusInput => ({
    polarity: 'higher_is_better',
    baseline: { date: '2000-01-01', value: 1 },
    targets: [{ date: '2020-01-01', value }],
    points,
    today: '2017-01-01',
  });

  test('target 6: the forecast (5.4) misses, the range (2.8 to 8.0) includes it → at_risk', () => {
    const r = targetStatus(withTarget(6));
    assert.equal(r.status, 'at_risk');
    assert.equal(r.reason, 'At the recent trend the value is forecast to be 5.40 (80% range 2.80 to 8.00) by 1 January 2020, short of the target of 6, though the range includes it.');
    close(r.expected, 1 + 0.8 * 5);
  });

  test('target 9: the whole range is below it → off_track', () => {
    assert.equal(targetStatus(withTarget(9)).status, 'off_track');
  });

  test('target 5: the forecast meets it but 4 is behind the trajectory (1 + 0.8 × 4 = 4.2) → at_risk', () => {
    const r = targetStatus(withTarget(5));
    assert.equal(r.status, 'at_risk');
    close(r.expected, 4.2);
  });

  test('target 4.5: the forecast meets it and 4 is ahead of the trajectory (1 + 0.8 × 3.5 = 3.8) → on_track', () => {
    const r = targetStatus(withTarget(4.5));
    assert.equal(r.status, 'on_track');
    close(r.expected, 3.8);
  });

  test('target 4: the latest value meets it → achieved', () => {
    assert.equal(targetStatus(withTarget(4)).status, 'achieved');
  });

  test('the mirror image for a lower-is-better measure gives the same words', () => {
    for (const value of [6, 9, 5, 4.5, 4]) {
      const up = targetStatus(withTarget(value));
      const down = targetStatus({
        polarity: 'lower_is_better',
        baseline: { date: '2000-01-01', value: -1 },
        targets: [{ date: '2020-01-01', value: -value }],
        points: points.map((p) => ({ ...p, value: -p.value })),
        today: '2017-01-01',
      });
      assert.equal(down.status, up.status);
      assert.equal(down.direction, 'at_or_below');
    }
    const r = targetStatus({
      polarity: 'lower_is_better',
      baseline: { date: '2000-01-01', value: -1 },
      targets: [{ date: '2020-01-01', value: -6 }],
      points: points.map((p) => ({ ...p, value: -p.value })),
      today: '2017-01-01',
    });
    assert.equal(r.reason, 'At the recent trend the value is forecast to be -5.40 (80% range -8.00 to -2.80) by 1 January 2020, above the target of -6, though the range includes it.');
  });
});

describe('monitor only and not enough data', () => {
  const points = [{ date: '2025-01-01', value: 3 }];

  test('no target with a value → monitor_only', () => {
    for (const targets of [[], [{ date: '2026-01-01', value: null }]]) {
      const r = targetStatus({ polarity: 'higher_is_better', baseline: null, targets, points, today: '2025-06-01' });
      assert.equal(r.status, 'monitor_only');
      assert.equal(r.reason, 'There is no target: this measure is monitored only.');
    }
  });

  test('fewer than 3 values → not_enough_data, saying how many there are', () => {
    const targets = [{ date: '2026-01-01', value: 10 }];
    const status = (pts: DatedValue[]) => targetStatus({ polarity: 'higher_is_better', baseline: null, targets, points: pts, today: '2025-06-01' });
    assert.equal(status([]).reason, 'There are no values yet, and at least 3 are needed to judge progress towards the target.');
    assert.equal(status(points).reason, 'There is only 1 value, and at least 3 are needed to judge progress towards the target.');
    const two = status([...points, { date: '2025-02-01', value: 4 }]);
    assert.equal(two.status, 'not_enough_data');
    assert.equal(two.reason, 'There are only 2 values, and at least 3 are needed to judge progress towards the target.');
    // A value that is not a number does not count.
    assert.equal(status([...points, { date: '2025-02-01', value: 4 }, { date: '2025-03-01', value: Number.NaN }]).status, 'not_enough_data');
  });

  test('values all on one date have no trend', () => {
    const r = targetStatus({
      polarity: 'higher_is_better',
      baseline: null,
      targets: [{ date: '2026-01-01', value: 10 }],
      points: [1, 2, 3].map((value) => ({ date: '2025-01-01', value })),
      today: '2025-06-01',
    });
    assert.equal(r.status, 'not_enough_data');
    assert.equal(r.reason, 'The 3 values all have the same date, so there is no trend to judge progress by.');
  });
});

describe('which target matters, deadlines and directions', () => {
  // Interim 15 by 1 January 2026, final 20 by 1 January 2027; monthly values in 2025 from 10 upwards.
  const points = Array.from({ length: 12 }, (_, i) => ({ date: `2025-${String(i + 1).padStart(2, '0')}-01`, value: 10 + 0.4 * i }));
  const targets = [
    { date: '2027-01-01', value: 20 },
    { date: '2026-01-01', value: 15 },
  ];
  const at = (today: string) => targetStatus({ polarity: 'higher_is_better', baseline: { date: '2025-01-01', value: 10 }, targets, points, today });

  test('the next target not yet due is the one judged', () => {
    assert.deepEqual(at('2025-12-15').target, { date: '2026-01-01', value: 15 });
    assert.deepEqual(at('2026-01-01').target, { date: '2026-01-01', value: 15 }, 'due today still counts as not yet due');
    assert.deepEqual(at('2026-01-02').target, { date: '2027-01-01', value: 20 });
    assert.deepEqual(at('2028-01-01').target, { date: '2027-01-01', value: 20 }, 'all past: the last one');
  });

  test('the trajectory runs through the interim target', () => {
    // 1 December 2025 is 334 of the 365 days from the baseline to the interim target:
    // 10 + 5 × 334/365 = 14.575342; the latest value is 10 + 0.4 × 11 = 14.4 → behind. At 0.4 a
    // month the value reaches about 14.8 by 1 January 2026, and on a line this straight the range
    // is narrow: the interim target of 15 will be missed.
    const r = at('2025-12-15');
    close(r.expected, 10 + (5 * 334) / 365);
    assert.equal(r.status, 'off_track');
    assert.match(r.reason, /^At the recent trend the value is forecast to be 14\.8 \(80% range 14\.\d to 14\.\d\) by 1 January 2026, short of the target of 15, and even the top of the range misses it\.$/);
    // From 2 January 2026 the final target is judged: 13 more months at 0.4 → about 19.6 < 20.
    const later = at('2026-01-02');
    assert.equal(later.status, 'off_track');
    assert.ok(later.forecast && Math.abs(later.forecast.value - 19.6) < 0.05);
  });

  test('a target whose date has passed, with values dated after it, was missed → off_track', () => {
    const r = targetStatus({ polarity: 'higher_is_better', baseline: null, targets: [{ date: '2025-06-01', value: 20 }], points, today: '2026-03-01' });
    assert.equal(r.status, 'off_track');
    assert.equal(r.reason, 'The target of 20 was due by 1 June 2025, and the latest value, 14.4 on 1 December 2025, falls short of it.');
    const lower = targetStatus({ polarity: 'lower_is_better', baseline: null, targets: [{ date: '2025-06-01', value: 5 }], points, today: '2026-03-01' });
    assert.equal(lower.reason, 'The target of 5 was due by 1 June 2025, and the latest value, 14.4 on 1 December 2025, is above it.');
  });

  test('a target whose date has passed, but not yet covered by the values, is still forecast', () => {
    // Due 31 December 2025 (value 14.3), today 15 January 2026, the latest value is 14 from
    // 1 November 2025. At 0.4 a month the forecast for 31 December is about 14.4 ≥ 14.3, and the
    // trajectory expected 10 + 4.3 × 304/364 = 13.591209 on 1 November → on track.
    const r = targetStatus({ polarity: 'higher_is_better', baseline: { date: '2025-01-01', value: 10 }, targets: [{ date: '2025-12-31', value: 14.3 }], points: points.slice(0, 11), today: '2026-01-15' });
    assert.equal(r.status, 'on_track');
    close(r.expected, 10 + (4.3 * 304) / 364);
    assert.ok(r.forecast && r.forecast.value > 14.3);
  });

  test('neutral polarity takes the direction from the baseline to the target', () => {
    const neutral = (baselineValue: number, latest: number) =>
      targetStatus({
        polarity: 'neutral',
        baseline: { date: '2024-01-01', value: baselineValue },
        targets: [{ date: '2026-01-01', value: 40 }],
        points: [
          { date: '2024-01-01', value: 45 },
          { date: '2024-02-01', value: 43 },
          { date: '2024-03-01', value: latest },
        ],
        today: '2024-06-01',
      });
    const down = neutral(50, 39);
    assert.equal(down.status, 'achieved');
    assert.equal(down.direction, 'at_or_below');
    assert.equal(down.reason, 'The latest value, 39 on 1 March 2024, meets the final target of 40 due by 1 January 2026.');
    const up = neutral(30, 39);
    assert.equal(up.direction, 'at_or_above');
    assert.notEqual(up.status, 'achieved');
  });

  test('without a baseline the first value starts the trajectory', () => {
    const r = targetStatus({ polarity: 'higher_is_better', baseline: null, targets: [{ date: '2026-01-01', value: 20 }], points, today: '2025-12-15' });
    // 10 + 10 × 334/365 = 19.150685 expected on 1 December 2025; the latest is 14.4.
    close(r.expected, 10 + (10 * 334) / 365);
  });

  test('an invalid date is refused', () => {
    assert.throws(() => targetStatus({ polarity: 'neutral', baseline: null, targets: [], points: [], today: '1 June 2025' }), RangeError);
  });
});

test('every status word has a label', () => {
  assert.deepEqual(Object.keys(targetStatusLabels).sort(), ['achieved', 'at_risk', 'monitor_only', 'not_enough_data', 'off_track', 'on_track']);
});

describe('properties', () => {
  const arbitraryInput = fc.record({
    polarity: fc.constantFrom('higher_is_better' as const, 'lower_is_better' as const, 'neutral' as const),
    baseline: fc.option(fc.record({ offset: fc.integer({ min: -400, max: 400 }), value: fc.integer({ min: -500, max: 500 }) }), { nil: null }),
    targets: fc.array(fc.record({ offset: fc.integer({ min: -400, max: 2000 }), value: fc.option(fc.integer({ min: -500, max: 500 }), { nil: null }) }), { maxLength: 4 }),
    points: fc.array(fc.record({ offset: fc.integer({ min: -400, max: 800 }), value: fc.double({ min: -500, max: 500, noNaN: true }) }), { maxLength: 30 }),
    today: fc.integer({ min: -400, max: 2500 }),
  });
  type Raw = typeof arbitraryInput extends fc.Arbitrary<infer T> ? T : never;
  const build = (x: Raw, sign = 1): TargetStatusInput => ({
    polarity: sign === 1 ? x.polarity : x.polarity === 'higher_is_better' ? 'lower_is_better' : x.polarity === 'lower_is_better' ? 'higher_is_better' : 'neutral',
    baseline: x.baseline ? { date: day(x.baseline.offset), value: sign * x.baseline.value } : null,
    targets: x.targets.map((t) => ({ date: day(t.offset), value: t.value === null ? null : sign * t.value })),
    points: x.points.map((p) => ({ date: day(p.offset), value: sign * p.value })),
    today: day(x.today),
  });

  test('always one plain sentence', () => {
    fc.assert(
      fc.property(arbitraryInput, (x) => {
        const r = targetStatus(build(x));
        assert.ok(r.status in targetStatusLabels);
        assert.match(r.reason, /^[A-Z].*\.$/);
        assert.ok(!/\.\s/.test(r.reason), r.reason);
        assert.ok(!/NaN|Infinity|undefined|null/.test(r.reason), r.reason);
      }),
    );
  });

  test('negating every value and reversing the polarity gives the same status', () => {
    fc.assert(
      fc.property(arbitraryInput, (x) => {
        // Neutral polarity with a target equal to the start is met "at or above" by convention,
        // which is not symmetric: leave that case out.
        const starts = [x.baseline?.value, ...x.points.map((p) => p.value)];
        fc.pre(x.polarity !== 'neutral' || !x.targets.some((t) => starts.includes(t.value ?? Number.NaN)));
        assert.equal(targetStatus(build(x, -1)).status, targetStatus(build(x)).status);
      }),
    );
  });
});

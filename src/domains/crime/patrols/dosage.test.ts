import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { assessDosage, DAY_MS, dosageWindows, HOUR_MS, mergeIntervals, MINUTE_MS } from './dosage.ts';
import type { DosageInput, PatrolVisit, Presence } from './dosage.ts';

const SECOND = 1000;
/** 2024-03-01T00:00:00Z, the start of the period in the worked examples. */
const T0 = Date.UTC(2024, 2, 1);
/** An instant `days` days, `hours` hours and `minutes` minutes after T0. */
const at = (days: number, hours = 0, minutes = 0, seconds = 0) => T0 + days * DAY_MS + hours * HOUR_MS + minutes * MINUTE_MS + seconds * SECOND;
const visit = (hotspotId: string, unit: string, start: number, end: number): PatrolVisit => ({ hotspotId, unit, start, end });
/** Nine days: three complete 3-day windows, starting 1, 4 and 7 March. */
const nineDays = { from: T0, to: at(9) };
const cell = (input: DosageInput, hotspot: number, window: number) => assessDosage(input).hotspots[hotspot]?.windows[window];

describe('windows', () => {
  test('are 3 days long from `from`, the last cut short at `to` and marked partial', () => {
    assert.deepEqual(dosageWindows(T0, at(7)), [
      { index: 0, start: T0, end: at(3), partial: false },
      { index: 1, start: at(3), end: at(6), partial: false },
      { index: 2, start: at(6), end: at(7), partial: true },
    ]);
    assert.equal(dosageWindows(T0, at(9)).length, 3, 'a whole number of windows has no partial one');
    assert.equal(dosageWindows(T0, at(9)).at(-1)?.partial, false);
  });

  test('are fixed lengths of elapsed time: over the spring clock change a window still lasts 72 hours', () => {
    // Local midnight in London on 30 March 2024 is 00:00Z; clocks go forward on 31 March at 01:00Z.
    const from = Date.UTC(2024, 2, 30);
    const [first, second] = dosageWindows(from, from + 6 * DAY_MS);
    assert.equal((first?.end ?? 0) - (first?.start ?? 0), 72 * HOUR_MS);
    // The second window starts at 00:00Z on 2 April, which is 01:00 BST, not local midnight.
    assert.equal(second?.start, Date.UTC(2024, 3, 2, 0));
  });

  test('refuse an empty or backwards period, a zero window and too many windows', () => {
    assert.throws(() => dosageWindows(T0, T0), RangeError);
    assert.throws(() => dosageWindows(T0, T0 - 1), RangeError);
    assert.throws(() => dosageWindows(T0, at(1), 0), RangeError);
    assert.throws(() => dosageWindows(T0, at(1), Number.NaN), RangeError);
    assert.throws(() => dosageWindows(T0, at(1000), MINUTE_MS), /limit/);
  });
});

describe('a window is patrolled by one continuous presence of at least 15 minutes', () => {
  test('a visit of exactly 15 minutes counts', () => {
    const c = cell({ hotspotIds: ['A'], visits: [visit('A', 'car1', at(1, 21), at(1, 21, 15))], ...nineDays }, 0, 0);
    assert.equal(c?.patrolled, true);
    assert.equal(c?.longestMinutes, 15);
    assert.equal(c?.longestMs, 15 * MINUTE_MS);
  });

  test('a visit of 14 minutes 59 seconds does not', () => {
    const c = cell({ hotspotIds: ['A'], visits: [visit('A', 'car1', at(1, 21), at(1, 21, 14, 59))], ...nineDays }, 0, 0);
    assert.equal(c?.patrolled, false);
    assert.equal(c?.longestMs, 14 * MINUTE_MS + 59 * SECOND);
  });

  test('two short visits by the same unit with a gap between are not added together', () => {
    const c = cell({ hotspotIds: ['A'], visits: [visit('A', 'car1', at(1, 21), at(1, 21, 10)), visit('A', 'car1', at(1, 21, 11), at(1, 21, 21))], ...nineDays }, 0, 0);
    assert.equal(c?.patrolled, false);
    assert.equal(c?.longestMinutes, 10);
  });

  test('a zero-length visit (a single GPS ping) is no patrol', () => {
    const c = cell({ hotspotIds: ['A'], visits: [visit('A', 'car1', at(1, 21), at(1, 21))], ...nineDays }, 0, 0);
    assert.equal(c?.patrolled, false);
    assert.equal(c?.longestMs, 0);
  });

  test('the minimum and window length can be changed', () => {
    const input = { hotspotIds: ['A'], visits: [visit('A', 'car1', at(0, 1), at(0, 1, 10))], from: T0, to: at(2), windowMs: DAY_MS, minimumMs: 10 * MINUTE_MS };
    const result = assessDosage(input);
    assert.equal(result.windows.length, 2);
    assert.equal(result.hotspots[0]?.windows[0]?.patrolled, true);
  });
});

describe('a visit straddling a window boundary counts in each window only for its part inside it', () => {
  // The boundary between windows 0 and 1 is 00:00Z on 4 March, at(3).
  test('20 minutes split 10 + 10 patrols neither window', () => {
    const result = assessDosage({ hotspotIds: ['A'], visits: [visit('A', 'car1', at(3, 0, -10), at(3, 0, 10))], ...nineDays });
    const [w0, w1] = result.hotspots[0]?.windows ?? [];
    assert.equal(w0?.longestMinutes, 10);
    assert.equal(w1?.longestMinutes, 10);
    assert.equal(w0?.patrolled, false);
    assert.equal(w1?.patrolled, false);
  });

  test('30 minutes split 5 + 25 patrols only the second window', () => {
    const result = assessDosage({ hotspotIds: ['A'], visits: [visit('A', 'car1', at(3, 0, -5), at(3, 0, 25))], ...nineDays });
    const [w0, w1] = result.hotspots[0]?.windows ?? [];
    assert.equal(w0?.longestMinutes, 5);
    assert.equal(w1?.longestMinutes, 25);
    assert.deepEqual([w0?.patrolled, w1?.patrolled], [false, true]);
  });

  test('a visit ending exactly at a boundary gives nothing to the next window', () => {
    const result = assessDosage({ hotspotIds: ['A'], visits: [visit('A', 'car1', at(3, 0, -15), at(3))], ...nineDays });
    const [w0, w1] = result.hotspots[0]?.windows ?? [];
    assert.equal(w0?.patrolled, true);
    assert.equal(w1?.longestMs, 0);
  });

  test('a visit that begins before `from` or ends after `to` counts only for the part inside the period', () => {
    const result = assessDosage({ hotspotIds: ['A'], visits: [visit('A', 'car1', T0 - 20 * MINUTE_MS, T0 + 10 * MINUTE_MS), visit('A', 'car2', at(9, 0, -5), at(9, 0, 30))], ...nineDays });
    assert.equal(result.hotspots[0]?.windows[0]?.longestMinutes, 10);
    assert.equal(result.hotspots[0]?.windows[2]?.longestMinutes, 5);
    assert.equal(result.ignored.visitsOutsidePeriod, 0);
  });
});

describe('overlapping visits by different units', () => {
  // car1 21:00–21:10 and car2 21:05–21:15 on 2 March: 15 minutes of continuous police presence,
  // but no unit was there for more than 10 minutes.
  const visits = [visit('A', 'car1', at(1, 21), at(1, 21, 10)), visit('A', 'car2', at(1, 21, 5), at(1, 21, 15))];

  test('by default (any unit) are merged into continuous presence: 15 minutes, patrolled', () => {
    const c = cell({ hotspotIds: ['A'], visits, ...nineDays }, 0, 0);
    assert.equal(c?.longestMinutes, 15);
    assert.equal(c?.patrolled, true);
  });

  test('with presence "same-unit" are not: 10 minutes, not patrolled', () => {
    const c = cell({ hotspotIds: ['A'], visits, ...nineDays, presence: 'same-unit' }, 0, 0);
    assert.equal(c?.longestMinutes, 10);
    assert.equal(c?.patrolled, false);
  });

  test('are never added together: two units side by side for 10 minutes are 10 minutes, not 20', () => {
    for (const presence of ['any-unit', 'same-unit'] as const) {
      const c = cell({ hotspotIds: ['A'], visits: [visit('A', 'car1', at(1, 21), at(1, 21, 10)), visit('A', 'car2', at(1, 21), at(1, 21, 10))], ...nineDays, presence }, 0, 0);
      assert.equal(c?.longestMinutes, 10, presence);
    }
  });

  test('a handover on the spot (one arrives as the other leaves) is continuous; a minute apart is not', () => {
    const handover = cell({ hotspotIds: ['A'], visits: [visit('A', 'car1', at(1, 21), at(1, 21, 8)), visit('A', 'foot7', at(1, 21, 8), at(1, 21, 15))], ...nineDays }, 0, 0);
    assert.equal(handover?.longestMinutes, 15);
    const apart = cell({ hotspotIds: ['A'], visits: [visit('A', 'car1', at(1, 21), at(1, 21, 8)), visit('A', 'foot7', at(1, 21, 9), at(1, 21, 16))], ...nineDays }, 0, 0);
    assert.equal(apart?.longestMinutes, 8);
  });

  test('a unit’s own overlapping records are merged under either rule', () => {
    const c = cell({ hotspotIds: ['A'], visits: [visit('A', 'car1', at(1, 21), at(1, 21, 10)), visit('A', 'car1', at(1, 21, 5), at(1, 21, 15))], ...nineDays, presence: 'same-unit' }, 0, 0);
    assert.equal(c?.longestMinutes, 15);
  });

  test('visits to another hotspot never count', () => {
    const c = cell({ hotspotIds: ['A', 'B'], visits: [visit('A', 'car1', at(1, 21), at(1, 21, 10)), visit('B', 'car2', at(1, 21, 5), at(1, 21, 15))], ...nineDays }, 0, 0);
    assert.equal(c?.longestMinutes, 10);
  });
});

describe('compliance, partial windows and crimes: a worked example', () => {
  // Seven days from 1 March: windows 1–4 March, 4–7 March, and a partial window 7–8 March (24 h).
  // Hotspot A: patrolled in window 0 (20 min), not in window 1 (10 min), patrolled in the partial
  //            window 2 (30 min).
  // Hotspot B: not patrolled in window 0, patrolled in window 1 (15 min), not in window 2.
  // Compliance counts complete windows only: A 1/2, B 1/2, overall 2/4 = 50%. The partial window
  // is reported but left out, even though A was patrolled in it.
  // Crimes: A — 2 in window 0, 3 in window 1, 1 in window 2; B — 4 in window 0, 0 in window 1,
  // 1 in window 2 (at exactly 00:00Z on 7 March, the start of window 2).
  //   patrolled:   A0 (72 h, 2), A2 (24 h, 1), B1 (72 h, 0) → 3 windows, 168 h, 3 crimes, 3/168 per hour
  //   unpatrolled: A1 (72 h, 3), B0 (72 h, 4), B2 (24 h, 1) → 3 windows, 168 h, 8 crimes, 8/168 per hour
  const input: DosageInput = {
    hotspotIds: ['A', 'B'],
    from: T0,
    to: at(7),
    visits: [
      visit('A', 'car1', at(1, 20), at(1, 20, 20)),
      visit('A', 'car1', at(4, 20), at(4, 20, 10)),
      visit('A', 'car2', at(6, 12), at(6, 12, 30)),
      visit('B', 'car3', at(5, 2), at(5, 2, 15)),
      visit('Z', 'car3', at(5, 3), at(5, 4)), // not a hotspot in the list
      visit('A', 'car1', at(-1), at(-1, 1)), // before the period
      visit('A', 'car1', at(7), at(7, 1)), // starts at `to`: after the period
    ],
    crimes: [
      { hotspotId: 'A', time: at(0, 3) },
      { hotspotId: 'A', time: at(2, 23, 59) },
      { hotspotId: 'A', time: at(3, 1) },
      { hotspotId: 'A', time: at(4) },
      { hotspotId: 'A', time: at(5, 22) },
      { hotspotId: 'A', time: at(6, 23) },
      { hotspotId: 'B', time: at(0) },
      { hotspotId: 'B', time: at(1) },
      { hotspotId: 'B', time: at(1, 1) },
      { hotspotId: 'B', time: at(2) },
      { hotspotId: 'B', time: at(6) },
      { hotspotId: 'B', time: at(7) }, // at `to`: outside
      { hotspotId: 'B', time: T0 - 1 }, // before `from`: outside
      { hotspotId: 'Q', time: at(1) }, // unknown hotspot
    ],
  };
  const result = assessDosage(input);

  test('per hotspot and window: patrolled and the longest continuous minutes', () => {
    const table = result.hotspots.map((h) => h.windows.map((w) => `${w.patrolled ? 'P' : '-'}${w.longestMinutes}${w.partial ? '*' : ''}`).join(' '));
    assert.deepEqual(table, ['P20 -10 P30*', '-0 P15 -0*']);
  });

  test('compliance leaves out the partial window: A 50%, B 50%, overall 50%', () => {
    assert.deepEqual(result.hotspots[0]?.compliance, { windows: 2, patrolled: 1, percent: 50 });
    assert.deepEqual(result.hotspots[1]?.compliance, { windows: 2, patrolled: 1, percent: 50 });
    assert.deepEqual(result.compliance, { windows: 4, patrolled: 2, percent: 50 });
  });

  test('crimes per window, and in patrolled and unpatrolled windows per window-hour', () => {
    assert.deepEqual(
      result.hotspots.map((h) => h.windows.map((w) => w.crimes)),
      [
        [2, 3, 1],
        [4, 0, 1],
      ],
    );
    assert.deepEqual(result.crimes.patrolled, { windows: 3, hours: 168, crimes: 3, perHour: 3 / 168 });
    assert.deepEqual(result.crimes.unpatrolled, { windows: 3, hours: 168, crimes: 8, perHour: 8 / 168 });
  });

  test('what was left out is counted, not dropped silently', () => {
    assert.deepEqual(result.ignored, { visitsUnknownHotspot: 1, visitsOutsidePeriod: 2, crimesUnknownHotspot: 1, crimesOutsidePeriod: 2 });
  });
});

describe('edge cases', () => {
  test('with only a partial window, or no hotspots, compliance is null, not 0', () => {
    const short = assessDosage({ hotspotIds: ['A'], visits: [visit('A', 'car1', at(0, 1), at(0, 2))], from: T0, to: at(1) });
    assert.equal(short.windows[0]?.partial, true);
    assert.equal(short.hotspots[0]?.windows[0]?.patrolled, true);
    assert.deepEqual(short.compliance, { windows: 0, patrolled: 0, percent: null });
    assert.deepEqual(short.hotspots[0]?.compliance.percent, null);
    const none = assessDosage({ hotspotIds: [], visits: [], ...nineDays });
    assert.equal(none.compliance.percent, null);
    assert.deepEqual(none.crimes.patrolled, { windows: 0, hours: 0, crimes: 0, perHour: null });
  });

  test('a hotspot with no visits is unpatrolled in every window', () => {
    const result = assessDosage({ hotspotIds: ['A'], visits: [], ...nineDays });
    assert.deepEqual(result.compliance, { windows: 3, patrolled: 0, percent: 0 });
  });

  test('a visit covering several whole windows patrols each of them', () => {
    const result = assessDosage({ hotspotIds: ['A'], visits: [visit('A', 'car1', at(2, 23, 50), at(6, 0, 20))], ...nineDays, windowMs: DAY_MS });
    assert.deepEqual(
      result.hotspots[0]?.windows.map((w) => w.longestMinutes),
      [0, 0, 10, 1440, 1440, 1440, 20, 0, 0],
    );
  });

  test('refuses malformed input with RangeError', () => {
    assert.throws(() => assessDosage({ hotspotIds: ['A', 'A'], visits: [], ...nineDays }), /more than once/);
    assert.throws(() => assessDosage({ hotspotIds: ['A'], visits: [visit('A', 'car1', at(1), at(0))], ...nineDays }), RangeError);
    assert.throws(() => assessDosage({ hotspotIds: ['A'], visits: [visit('A', 'car1', Number.NaN, at(0))], ...nineDays }), RangeError);
    assert.throws(() => assessDosage({ hotspotIds: ['A'], visits: [], ...nineDays, minimumMs: 0 }), RangeError);
    assert.throws(() => assessDosage({ hotspotIds: ['A'], visits: [], ...nineDays, presence: 'both' as Presence }), RangeError);
  });

  test('mergeIntervals merges overlapping and touching intervals, not ones with a gap', () => {
    assert.deepEqual(
      mergeIntervals([
        { start: 10, end: 20 },
        { start: 0, end: 5 },
        { start: 5, end: 7 },
        { start: 15, end: 18 },
        { start: 21, end: 21 },
      ]),
      [
        { start: 0, end: 7 },
        { start: 10, end: 20 },
        { start: 21, end: 21 },
      ],
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Properties. Time is in whole minutes from 0 so that a brute-force minute-by-minute count can
// check the interval arithmetic exactly: hours-long windows, a period of up to a day.

const HOTSPOTS = ['A', 'B', 'C'];
const UNITS = ['u1', 'u2', 'u3'];
const arbVisit = fc
  .record({
    hotspotId: fc.constantFrom(...HOTSPOTS),
    unit: fc.constantFrom(...UNITS),
    start: fc.integer({ min: -60, max: 1500 }),
    length: fc.integer({ min: 0, max: 120 }),
  })
  .map(({ hotspotId, unit, start, length }) => visit(hotspotId, unit, start * MINUTE_MS, (start + length) * MINUTE_MS));
const arbSetup = fc.record({
  visits: fc.array(arbVisit, { maxLength: 25 }),
  periodMinutes: fc.integer({ min: 1, max: 1440 }),
  windowMinutes: fc.integer({ min: 15, max: 360 }),
  minimumMinutes: fc.integer({ min: 1, max: 60 }),
  presence: fc.constantFrom<Presence>('any-unit', 'same-unit'),
});
type Setup = { visits: PatrolVisit[]; periodMinutes: number; windowMinutes: number; minimumMinutes: number; presence: Presence };
const run = (s: Setup, visits: readonly PatrolVisit[] = s.visits) =>
  assessDosage({ hotspotIds: HOTSPOTS, visits, from: 0, to: s.periodMinutes * MINUTE_MS, windowMs: s.windowMinutes * MINUTE_MS, minimumMs: s.minimumMinutes * MINUTE_MS, presence: s.presence });

describe('properties', () => {
  test('agrees with a minute-by-minute count of continuous presence', () => {
    fc.assert(
      fc.property(arbSetup, (s) => {
        const result = run(s);
        for (const [h, hotspotId] of HOTSPOTS.entries()) {
          for (const w of result.hotspots[h]?.windows ?? []) {
            // The longest run of whole minutes [m, m+1) all covered by one visit (any unit) or by
            // one unit's visits, within the window.
            const groups = s.presence === 'any-unit' ? [s.visits] : UNITS.map((u) => s.visits.filter((v) => v.unit === u));
            let longest = 0;
            for (const g of groups) {
              let run = 0;
              for (let m = w.start / MINUTE_MS; m < w.end / MINUTE_MS; m++) {
                const covered = g.some((v) => v.hotspotId === hotspotId && v.start <= m * MINUTE_MS && (m + 1) * MINUTE_MS <= v.end);
                run = covered ? run + 1 : 0;
                longest = Math.max(longest, run);
              }
            }
            assert.equal(w.longestMinutes, longest);
            assert.equal(w.patrolled, longest >= s.minimumMinutes);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  test('compliance is between 0 and 100, or null when there is no complete window', () => {
    fc.assert(
      fc.property(arbSetup, (s) => {
        const result = run(s);
        for (const c of [result.compliance, ...result.hotspots.map((h) => h.compliance)]) {
          if (c.windows === 0) assert.equal(c.percent, null);
          else assert.ok(c.percent !== null && c.percent >= 0 && c.percent <= 100);
          assert.ok(c.patrolled <= c.windows);
        }
      }),
    );
  });

  test('adding a visit never lowers compliance, or any window’s longest presence', () => {
    fc.assert(
      fc.property(arbSetup, arbVisit, (s, extra) => {
        const before = run(s);
        const after = run(s, [...s.visits, extra]);
        assert.ok((after.compliance.percent ?? 0) >= (before.compliance.percent ?? 0));
        before.hotspots.forEach((h, i) => h.windows.forEach((w, k) => assert.ok((after.hotspots[i]?.windows[k]?.longestMs ?? -1) >= w.longestMs)));
      }),
    );
  });

  test('splitting a visit at a point inside it never raises compliance (in fact changes nothing: the halves touch)', () => {
    fc.assert(
      fc.property(arbSetup.filter((s) => s.visits.length > 0), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (s, pick, fraction) => {
        const i = pick % s.visits.length;
        const v = s.visits[i] as PatrolVisit;
        const cut = Math.round(v.start + (v.end - v.start) * fraction);
        const split = [...s.visits.slice(0, i), { ...v, end: cut }, { ...v, start: cut }, ...s.visits.slice(i + 1)];
        assert.ok((run(s, split).compliance.percent ?? 0) <= (run(s).compliance.percent ?? 0));
        assert.deepEqual(run(s, split).hotspots, run(s).hotspots);
      }),
    );
  });

  test('cutting a piece out of a visit never raises compliance', () => {
    fc.assert(
      fc.property(arbSetup.filter((s) => s.visits.some((v) => v.end - v.start >= 2 * MINUTE_MS)), fc.nat(), fc.nat(), (s, pick, offset) => {
        const long = s.visits.filter((v) => v.end - v.start >= 2 * MINUTE_MS);
        const v = long[pick % long.length] as PatrolVisit;
        const minutes = (v.end - v.start) / MINUTE_MS;
        const cutStart = v.start + (1 + (offset % (minutes - 1))) * MINUTE_MS - MINUTE_MS;
        const pieces = [...s.visits.filter((x) => x !== v), { ...v, end: cutStart }, { ...v, start: cutStart + MINUTE_MS }].filter((x) => x.end >= x.start);
        assert.ok((run(s, pieces).compliance.percent ?? 0) <= (run(s).compliance.percent ?? 0));
      }),
    );
  });

  test('the order of visits does not matter', () => {
    fc.assert(
      fc.property(arbSetup, fc.infiniteStream(fc.nat()), (s, randoms) => {
        const shuffled = s.visits.map((v) => ({ v, key: randoms.next().value as number })).sort((a, b) => a.key - b.key).map(({ v }) => v);
        assert.deepEqual(run(s, shuffled), run(s));
      }),
    );
  });

  test('any-unit presence is never less than same-unit presence', () => {
    fc.assert(
      fc.property(arbSetup, (s) => {
        const any = run({ ...s, presence: 'any-unit' });
        const same = run({ ...s, presence: 'same-unit' });
        any.hotspots.forEach((h, i) => h.windows.forEach((w, k) => assert.ok(w.longestMs >= (same.hotspots[i]?.windows[k]?.longestMs ?? Infinity))));
      }),
    );
  });

  test('every crime is counted once: in a window, outside the period or against an unknown hotspot; hours add up', () => {
    const arbCrime = fc.record({ hotspotId: fc.constantFrom('A', 'B', 'C', 'X'), time: fc.integer({ min: -100, max: 1600 }).map((m) => m * MINUTE_MS) });
    fc.assert(
      fc.property(arbSetup, fc.array(arbCrime, { maxLength: 30 }), (s, crimes) => {
        const result = assessDosage({ hotspotIds: HOTSPOTS, visits: s.visits, crimes, from: 0, to: s.periodMinutes * MINUTE_MS, windowMs: s.windowMinutes * MINUTE_MS });
        const { patrolled, unpatrolled } = result.crimes;
        assert.equal(patrolled.crimes + unpatrolled.crimes + result.ignored.crimesOutsidePeriod + result.ignored.crimesUnknownHotspot, crimes.length);
        const inWindows = result.hotspots.reduce((sum, h) => sum + h.windows.reduce((t, w) => t + w.crimes, 0), 0);
        assert.equal(inWindows, patrolled.crimes + unpatrolled.crimes);
        assert.ok(Math.abs(patrolled.hours + unpatrolled.hours - (HOTSPOTS.length * s.periodMinutes) / 60) < 1e-9);
        assert.equal(patrolled.windows + unpatrolled.windows, HOTSPOTS.length * result.windows.length);
      }),
    );
  });
});

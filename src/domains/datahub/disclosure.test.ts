import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  applyDisclosure,
  discloseList,
  discloseSeries,
  roundHalfUp,
  sumTotals,
  viewOf,
  type CountTable,
  type DisclosedCell,
  type DisclosedTable,
  type DisclosureRule,
} from './disclosure.ts';

const rule = (suppressBelow: number | null, roundTo: number | null = null, secondarySuppression = true, suppressZeros = false): DisclosureRule => ({
  suppressBelow,
  roundTo,
  secondarySuppression,
  suppressZeros,
});

/** The table as a viewer sees it: numbers, 'c' for [c], 'x' for [x]. */
const seen = (c: DisclosedCell): number | 'c' | 'x' => (c.marker === '[c]' ? 'c' : c.marker === '[x]' ? 'x' : (c.value as number));

const withTotals = (rows: string[], columns: string[], cells: (number | null)[][], show = { rows: true, columns: true, grand: true }): CountTable => {
  const t = sumTotals(cells);
  return {
    rows,
    columns,
    cells,
    ...(show.rows ? { rowTotals: t.rowTotals } : {}),
    ...(show.columns ? { columnTotals: t.columnTotals } : {}),
    ...(show.grand ? { grandTotal: t.grandTotal } : {}),
  };
};

/**
 * An attacker who sees only the disclosed table and knows that totals add up: repeatedly takes any
 * line (a row or column with its total shown, or a margin with a grand total shown or worked out from
 * the other margin) that has exactly one unknown and solves it by subtraction. [x] counts as 0.
 * Returns the suppressed cells it pinned down, by key, with the value it worked out.
 */
function subtractionAttack(t: DisclosedTable): Map<string, number> {
  type Term = { key: string; cell: DisclosedCell };
  const lines: { members: Term[]; total: Term }[] = [];
  const grand: Term | null =
    t.grandTotal && t.grandTotal.marker !== '[x]'
    ? { key: 'G', cell: t.grandTotal }
    : t.rowTotals && t.columnTotals
      ? { key: 'G', cell: { value: null, marker: '[c]' } } // not shown, but an unknown the margins add up to
      : null;
  t.rows.forEach((_, i) => {
    const total = t.rowTotals?.[i];
    if (total && total.marker !== '[x]') lines.push({ members: t.columns.map((_, j) => ({ key: `${i},${j}`, cell: t.cells[i]![j]! })), total: { key: `R${i}`, cell: total } });
  });
  t.columns.forEach((_, j) => {
    const total = t.columnTotals?.[j];
    if (total && total.marker !== '[x]') lines.push({ members: t.rows.map((_, i) => ({ key: `${i},${j}`, cell: t.cells[i]![j]! })), total: { key: `C${j}`, cell: total } });
  });
  if (grand) {
    if (t.rowTotals) lines.push({ members: t.rowTotals.map((cell, i) => ({ key: `R${i}`, cell })), total: grand });
    if (t.columnTotals) lines.push({ members: t.columnTotals.map((cell, j) => ({ key: `C${j}`, cell })), total: grand });
  }
  const known = new Map<string, number>();
  const valueOf = (term: Term): number | null =>
    term.cell.marker === '[x]' ? 0 : term.cell.marker === '[c]' ? (known.get(term.key) ?? null) : (term.cell.value as number);
  let progress = true;
  while (progress) {
    progress = false;
    for (const line of lines) {
      const unknown = [...line.members, line.total].filter((term) => valueOf(term) === null);
      if (unknown.length !== 1) continue;
      const [u] = unknown as [Term];
      const memberSum = line.members.reduce((s, m) => s + (m === u ? 0 : (valueOf(m) as number)), 0);
      known.set(u.key, u === line.total ? memberSum : (valueOf(line.total) as number) - memberSum);
      progress = true;
    }
  }
  known.delete('G');
  return known;
}

test('a series: small counts become [c], a true zero stays 0, null is [x], the rest are rounded half up', () => {
  assert.deepEqual(discloseSeries([0, 1, 4, 5, 12, 13, null], rule(5, 5)).map(seen), [0, 'c', 'c', 5, 10, 15, 'x']);
  assert.deepEqual(discloseSeries([1, 4], rule(5))[0], { value: null, marker: '[c]', reason: 'primary' });
  assert.deepEqual(discloseSeries([0, 3, 9, 10], rule(10, null, true, true)).map(seen), ['c', 'c', 'c', 10]);
  // Halves go up, to the next multiple.
  assert.deepEqual(discloseSeries([14, 15, 24, 25, 5], rule(null, 10)).map(seen), [10, 20, 20, 30, 10]);
  assert.equal(roundHalfUp(7, 5), 5);
  assert.equal(roundHalfUp(8, 5), 10);
  assert.equal(roundHalfUp(12, null), 12);
  // The owner's view: raw.
  assert.deepEqual(discloseSeries([0, 1, 12, null], null).map(seen), [0, 1, 12, 'x']);
});

test('naive suppression of a 3×3 table is undone from its totals; secondary suppression stops that', () => {
  const table = withTotals(
    ['A', 'B', 'C'],
    ['X', 'Y', 'Z'],
    [
      [3, 10, 12],
      [8, 7, 20],
      [15, 9, 11],
    ],
  );
  assert.deepEqual(table.rowTotals, [25, 35, 35]);
  assert.deepEqual(table.columnTotals, [26, 26, 43]);

  const naive = applyDisclosure(table, rule(5, null, false));
  assert.deepEqual(naive.cells.map((r) => r.map(seen)), [
    ['c', 10, 12],
    [8, 7, 20],
    [15, 9, 11],
  ]);
  // Row A's total minus its shown cells gives the suppressed 3 back; so does column X's.
  assert.equal(seen(naive.rowTotals![0]!) as number - 10 - 12, 3);
  assert.equal(seen(naive.columnTotals![0]!) as number - 8 - 15, 3);
  assert.deepEqual([...subtractionAttack(naive)], [['0,0', 3]]);

  const safe = applyDisclosure(table, rule(5));
  // Hand-worked: row A adds its smallest other cell A×Y (10); column X adds B×X (8); column Y, now
  // with A×Y alone, adds B×Y (7); then every line has 0 or 2 suppressed cells.
  assert.deepEqual(safe.cells.map((r) => r.map(seen)), [
    ['c', 'c', 12],
    ['c', 'c', 20],
    [15, 9, 11],
  ]);
  assert.deepEqual(
    safe.suppressed.map((s) => [s.label, s.reason, s.protects]),
    [
      ['A × X', 'primary', null],
      ['A × Y', 'secondary', 'row A'],
      ['B × X', 'secondary', 'column X'],
      ['B × Y', 'secondary', 'column Y'],
    ],
  );
  assert.deepEqual(safe.rowTotals!.map(seen), [25, 35, 35]);
  assert.deepEqual(safe.unprotected, []);
  assert.equal(subtractionAttack(safe).size, 0);
});

test('when the rest of a line is zeros or [x], its total is suppressed, and that protection spreads to the margin', () => {
  const table = withTotals(
    ['A', 'B', 'C'],
    ['X', 'Y', 'Z'],
    [
      [3, 20, null],
      [8, 0, null],
      [12, 30, null],
    ],
  );
  const naive = applyDisclosure(table, rule(5, null, false));
  assert.equal(subtractionAttack(naive).get('0,0'), 3);

  const safe = applyDisclosure(table, rule(5));
  // Column X puts B×X (8) beside A×X; row B then has only a zero and an [x] left, so its total goes;
  // the row totals then need a second suppressed total (A's, 23, the smallest).
  assert.deepEqual(safe.cells.map((r) => r.map(seen)), [
    ['c', 'c', 'x'],
    ['c', 0, 'x'],
    ['c', 'c', 'x'],
  ]);
  assert.deepEqual(safe.rowTotals!.map(seen), ['c', 'c', 42]);
  assert.deepEqual(safe.columnTotals!.map(seen), [23, 50, 'x']);
  assert.equal(seen(safe.grandTotal!), 73);
  assert.deepEqual(
    safe.suppressed.filter((s) => s.position.kind === 'rowTotal').map((s) => [s.label, s.protects]),
    [
      ['Total for B', 'row B'],
      ['Total for A', 'the row totals'],
    ],
  );
  assert.equal(subtractionAttack(safe).size, 0);
  assert.deepEqual(safe.unprotected, []);
});

test('one dimension: LSOAs beside the force area figure', () => {
  const lsoas = ['E01015678', 'E01015679', 'E01015680', 'E01015681'];
  const values = [3, 40, 25, 0];
  const naive = discloseList(lsoas, values, 68, rule(5, null, false));
  assert.deepEqual(naive.items.map(seen), ['c', 40, 25, 0]);
  assert.equal((seen(naive.total) as number) - 40 - 25 - 0, 3);

  const safe = discloseList(lsoas, values, 68, rule(5));
  assert.deepEqual(safe.items.map(seen), ['c', 40, 'c', 0]);
  assert.deepEqual(safe.total, { value: 68, marker: null });
  assert.deepEqual(
    safe.suppressed.map((s) => [s.label, s.reason]),
    [
      ['E01015678 × count', 'primary'],
      ['E01015680 × count', 'secondary'],
    ],
  );

  // Only zeros and [x] beside the small count: the parent figure itself is suppressed. (Here the
  // parent, 12, includes records with no LSOA, but totals are treated as if they add up: erring safe.)
  const thin = discloseList(['a', 'b', 'c'], [3, 0, null], 12, rule(5, 5));
  assert.deepEqual(thin.items.map(seen), ['c', 0, 'x']);
  assert.deepEqual(thin.total, { value: null, marker: '[c]', reason: 'secondary' });
});

test('ties are broken by position, and the result is the same every time', () => {
  const table = withTotals(['A', 'B'], ['X', 'Y', 'Z'], [[3, 7, 7], [10, 10, 10]], { rows: true, columns: false, grand: false });
  const out = applyDisclosure(table, rule(5));
  assert.deepEqual(out.cells.map((r) => r.map(seen)), [
    ['c', 'c', 7],
    [10, 10, 10],
  ]);
  assert.deepEqual(applyDisclosure(table, rule(5)), out);
});

test('a suppressed total counts as suppressed, and a small total is suppressed like any count', () => {
  // Row A's total (4) is small, like its cell: two suppressed in the line, nothing more needed. (A total
  // suppressed alone, which its cells would give away, is the margin case in the test above.)
  const table: CountTable = { rows: ['A'], columns: ['X', 'Y'], cells: [[0, 4]], rowTotals: [4] };
  const out = applyDisclosure(table, rule(5));
  assert.deepEqual(out.cells[0]!.map(seen), [0, 'c']);
  assert.deepEqual(out.rowTotals!.map(seen), ['c']);

  const onlyTotal: CountTable = { rows: ['A'], columns: ['X', 'Y'], cells: [[0, 0]], rowTotals: [0] };
  assert.deepEqual(applyDisclosure(onlyTotal, rule(5)).suppressed, []);
  // With zeros suppressed, all three go.
  const z = applyDisclosure(onlyTotal, rule(5, null, true, true));
  assert.deepEqual([...z.cells[0]!.map(seen), seen(z.rowTotals![0]!)], ['c', 'c', 'c']);
});

test('both margins without a grand total: the grand total is worked out from a margin, so the margins are protected too', () => {
  // Rows show totals, columns show totals, no grand total shown.
  const table = withTotals(['A', 'B', 'C'], ['X', 'Y'], [[2, 2], [30, 40], [50, 60]], { rows: true, columns: true, grand: false });
  const naive = applyDisclosure(table, rule(5, null, false));
  // A's total (4) is suppressed; the row totals add up to the column totals' sum: 184 − 70 − 110 = 4.
  assert.equal(subtractionAttack(naive).get('R0'), 4);
  const safe = applyDisclosure(table, rule(5));
  assert.deepEqual(safe.rowTotals!.map(seen), ['c', 'c', 110]);
  assert.deepEqual(safe.unprotected, []);
  assert.equal(subtractionAttack(safe).size, 0);
  // When nothing else in a margin can go, the line is reported, not silently left open.
  const stuck = applyDisclosure({ rows: ['A', 'B'], columns: ['X'], cells: [[3], [null]], rowTotals: [3, null], columnTotals: [3] }, rule(5));
  assert.deepEqual(stuck.unprotected, ['the row totals', 'the column totals']);
});

test('rounding: totals come from unrounded values and are rounded on their own', () => {
  const out = applyDisclosure(withTotals(['A'], ['X', 'Y', 'Z'], [[6, 6, 6]]), rule(5, 5));
  assert.deepEqual(out.cells[0]!.map(seen), [5, 5, 5]);
  assert.deepEqual(out.rowTotals!.map(seen), [20]);
  assert.equal(seen(out.grandTotal!), 20);
});

test('the owner (no rule) sees raw values; viewOf drops the reasons', () => {
  const table = withTotals(['A', 'B'], ['X', 'Y'], [[1, 2], [null, 40]]);
  const raw = applyDisclosure(table, null);
  assert.equal(raw.raw, true);
  assert.deepEqual(raw.cells.map((r) => r.map(seen)), [
    [1, 2],
    ['x', 40],
  ]);
  assert.deepEqual(raw.suppressed, []);
  const view = viewOf(applyDisclosure(table, rule(5)));
  assert.deepEqual(view.cells[0], [
    { value: null, marker: '[c]' },
    { value: null, marker: '[c]' },
  ]);
  assert.ok(!JSON.stringify(view).includes('primary') && !JSON.stringify(view).includes('secondary'));
});

test('bad input is refused with where it is', () => {
  assert.throws(() => applyDisclosure({ rows: ['A'], columns: ['X'], cells: [[-1]] }, rule(5)), /Count for A × X is -1/);
  assert.throws(() => applyDisclosure({ rows: ['A'], columns: ['X'], cells: [[2.5]] }, null), /whole numbers/);
  assert.throws(() => applyDisclosure({ rows: ['A'], columns: ['X', 'Y'], cells: [[1]] }, null), /row 1 \(A\) has 1 cells; there are 2 columns/);
  assert.throws(() => applyDisclosure({ rows: ['A'], columns: ['X'], cells: [[1]], rowTotals: [] }, null), /0 row totals for 1 rows/);
  assert.throws(() => discloseSeries([1], rule(0)), /suppress below/);
  assert.throws(() => discloseSeries([1], rule(5, 2.5)), /round to/);
  assert.throws(() => discloseSeries([Number.NaN], null), /item 1 of the series/);
});

const countArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 9 }) },
  { weight: 4, arbitrary: fc.integer({ min: 10, max: 60 }) },
);
const tableArb = fc
  .record({ nRows: fc.integer({ min: 1, max: 5 }), nColumns: fc.integer({ min: 1, max: 5 }) })
  .chain(({ nRows, nColumns }) =>
    fc.record({
      cells: fc.array(fc.array(countArb, { minLength: nColumns, maxLength: nColumns }), { minLength: nRows, maxLength: nRows }),
      show: fc.record({ rows: fc.boolean(), columns: fc.boolean(), grand: fc.boolean() }),
    }),
  )
  .map(({ cells, show }) =>
    withTotals(
      cells.map((_, i) => `r${i}`),
      (cells[0] ?? []).map((_, j) => `c${j}`),
      cells,
      show,
    ),
  );
const ruleArb = fc.record({
  suppressBelow: fc.constantFrom(null, 3, 5, 10),
  roundTo: fc.constantFrom(null, 1, 5, 10),
  secondarySuppression: fc.boolean(),
  suppressZeros: fc.boolean(),
});

/** Every shown number with its raw value, in the same order on both sides. */
function pairs(table: CountTable, out: DisclosedTable): [number | null, DisclosedCell][] {
  const list: [number | null, DisclosedCell][] = [];
  table.cells.forEach((row, i) => row.forEach((raw, j) => list.push([raw, out.cells[i]![j]!])));
  table.rowTotals?.forEach((raw, i) => list.push([raw, out.rowTotals![i]!]));
  table.columnTotals?.forEach((raw, j) => list.push([raw, out.columnTotals![j]!]));
  if (table.grandTotal !== undefined) list.push([table.grandTotal, out.grandTotal!]);
  return list;
}

/** Lines as the test understands them, each as its cells (total included), with a name. */
function linesOf(t: DisclosedTable): { name: string; cells: DisclosedCell[] }[] {
  const lines: { name: string; cells: DisclosedCell[] }[] = [];
  t.rows.forEach((name, i) => {
    const total = t.rowTotals?.[i];
    if (total && total.marker !== '[x]') lines.push({ name: `row ${name}`, cells: [...t.cells[i]!, total] });
  });
  t.columns.forEach((name, j) => {
    const total = t.columnTotals?.[j];
    if (total && total.marker !== '[x]') lines.push({ name: `column ${name}`, cells: [...t.cells.map((r) => r[j]!), total] });
  });
  const grand = t.grandTotal && t.grandTotal.marker !== '[x]' ? [t.grandTotal] : [];
  const grandKnown = grand.length > 0 || Boolean(t.rowTotals && t.columnTotals);
  if (grandKnown && t.rowTotals) lines.push({ name: 'the row totals', cells: [...t.rowTotals, ...grand] });
  if (grandKnown && t.columnTotals) lines.push({ name: 'the column totals', cells: [...t.columnTotals, ...grand] });
  return lines;
}

test('property: for random tables and rules, the guarantees hold', () => {
  fc.assert(
    fc.property(tableArb, ruleArb, (table, r) => {
      const out = applyDisclosure(table, r);
      const N = r.suppressBelow;
      const M = r.roundTo ?? 1;
      let suppressedCount = 0;
      for (const [raw, cell] of pairs(table, out)) {
        if (raw === null) {
          assert.deepEqual(cell, { value: null, marker: '[x]' });
          continue;
        }
        const small = N !== null && (raw === 0 ? r.suppressZeros : raw < N);
        if (small) assert.deepEqual(cell, { value: null, marker: '[c]', reason: 'primary' });
        if (cell.marker === '[c]') {
          suppressedCount += 1;
          assert.equal(cell.value, null);
          if (!r.secondarySuppression) assert.equal(cell.reason, 'primary');
          continue;
        }
        // (1) every count shown is 0 or at least N (and not 0 when zeros are suppressed).
        assert.ok(N === null || raw >= N || (raw === 0 && !r.suppressZeros), `raw ${raw} shown under N=${N}`);
        // (3) rounded to a multiple of M, to the nearest, halves up.
        const shown = cell.value as number;
        assert.equal(shown % M, 0);
        assert.ok(shown - raw > -M / 2 && shown - raw <= M / 2, `${raw} rounded to ${shown} with M=${M}`);
      }
      assert.equal(out.suppressed.length, suppressedCount);
      if (r.secondarySuppression) {
        // (2) no line with a known total has exactly one suppressed cell, unless reported unprotected,
        // which can only be a margin whose grand total is not shown.
        const single = linesOf(out)
          .filter((l) => l.cells.filter((c) => c.marker === '[c]').length === 1)
          .map((l) => l.name);
        assert.deepEqual(single, out.unprotected);
        for (const name of out.unprotected) {
          assert.ok((name === 'the row totals' || name === 'the column totals') && (table.grandTotal === undefined || table.grandTotal === null), name);
        }
        if (out.unprotected.length === 0) assert.equal(subtractionAttack(out).size, 0);
      }
      // (4) the owner path returns raw values unchanged.
      const raw = applyDisclosure(table, null);
      for (const [value, cell] of pairs(table, raw)) {
        assert.deepEqual(cell, value === null ? { value: null, marker: '[x]' } : { value, marker: null });
      }
      assert.deepEqual(raw.suppressed, []);
    }),
    { numRuns: 2000 },
  );
});

/**
 * Statistical disclosure control for partner data: what a viewer other than the dataset's owner may
 * see of a dataset's count columns. Pure: no I/O, no clock, deterministic.
 *
 * The rule is the dataset's (datasets.suppress_below, round_to, secondary_suppression). It applies to
 * COUNT columns only; callers pass other column types through untouched. The owner's organisation
 * sees raw values: call with `rule = null` (values unchanged, only the [x] marker for "not available").
 *
 * Markers follow the GSS shorthand: `[c]` confidential (suppressed), `[x]` not available (null in the
 * input). A true zero stays 0.
 *
 * Algorithm (`applyDisclosure`):
 *
 * 1. Primary suppression. Every count, cells and shown totals alike, with 0 < c < N (N =
 *    suppressBelow) is suppressed. Zeros are NOT suppressed (the usual ONS / NHS convention: a zero
 *    discloses nothing about individuals) unless `suppressZeros` is set, when 0 is treated like any
 *    count below N. With N null there is no primary suppression (and so no secondary either).
 *
 * 2. Secondary (complementary) suppression, when `secondarySuppression` is on. A "line" is a set of
 *    shown cells whose sum is a shown (or derivable) total:
 *      - each row whose row total is shown (not null): the row's cells, total = its row total;
 *      - each column whose column total is shown: the column's cells, total = its column total;
 *      - the row totals, when the grand total is known: total = the grand total;
 *      - the column totals, when the grand total is known: total = the grand total.
 *    The grand total is "known" when it is shown, or when both row and column totals are shown (the
 *    viewer can add up the other margin); in the second case it is a total that cannot itself be
 *    suppressed. A one-dimensional list with a published parent figure (LSOAs beside the force area)
 *    is a one-column table whose column total is the parent: see `discloseList`.
 *    A line with exactly one suppressed cell (a suppressed total counts) gives that cell away by
 *    subtraction. So, repeatedly, in a fixed order (rows top to bottom, columns left to right, the row
 *    totals, the column totals), each line with exactly one suppressed cell gets one more, chosen as:
 *      a. the smallest non-zero unsuppressed cell of the line (ties: the first in the line);
 *      b. if none (the rest are zeros or [x]): the line's total, if it is shown;
 *      c. if the total cannot be suppressed either (a derived grand total): the first zero cell;
 *      d. otherwise nothing can protect the line: it is reported in `unprotected` (only possible for
 *         the margin lines when no grand total is shown and every other margin cell is [x]).
 *    Passes repeat until one changes nothing. Each step suppresses one more cell, so this ends after
 *    at most as many steps as there are cells. [x] cells never protect anything: a total is assumed to
 *    be the sum of the available cells, so an unavailable cell contributes nothing to it.
 *
 * 3. Rounding. Every count not suppressed (cells and totals) is rounded to the nearest multiple of M
 *    (M = roundTo), halves up (15 → 20 for M = 10). Totals are taken as given, from UNROUNDED data,
 *    and rounded independently: rounded cells need not add up to the rounded total (say so on the
 *    page). `sumTotals` computes totals from the raw cells for callers that have none.
 *
 * Limits, plainly: this is a greedy heuristic, not an optimal cell-suppression solver (it may suppress
 * more than the least information loss needs). It guarantees only that no shown line (row, column or
 * margin with a known total) has exactly one suppressed cell, so no suppressed value can be recovered
 * by subtraction within a single line (nor by chaining such subtractions, since none can start).
 * Attacks combining several lines at once (linear programming over the whole table, which can bound
 * or sometimes pin a suppressed value), differencing between tables published separately (another
 * period, another geography, another dataset), and the interval a viewer gets from rounded figures
 * are out of scope. Totals are treated as exactly additive; a published parent figure that is larger
 * than its children's sum (records with no small-area location) is treated the same way, which only
 * errs towards suppressing more.
 *
 * Who may see what: the `reason` on a cell and the `suppressed` list say which cells were primary
 * (small) and which secondary, which narrows the range a suppressed value can take. They are for the
 * owner's preview and for the audit; render `viewOf(result)` (markers only) to everyone else.
 */

export interface DisclosureRule {
  /** Suppress counts c with 0 < c < suppressBelow; null: no suppression. */
  suppressBelow: number | null;
  /** Round shown counts to a multiple of this; null (or 1): no rounding. */
  roundTo: number | null;
  /** Suppress further cells so that suppressed ones cannot be recovered from shown totals. */
  secondarySuppression: boolean;
  /** Treat a zero like a count below suppressBelow (off by default: a true zero stays 0). */
  suppressZeros?: boolean;
}

export type DisclosureMarker = '[c]' | '[x]';
export type SuppressionReason = 'primary' | 'secondary';

/** A shown count: `value` null exactly when `marker` is set. */
export interface DisclosedCell {
  value: number | null;
  marker: DisclosureMarker | null;
  reason?: SuppressionReason;
}

/** A count table. null = not available [x]. Totals, when given, are from unrounded data. */
export interface CountTable {
  rows: string[];
  columns: string[];
  cells: (number | null)[][];
  rowTotals?: (number | null)[];
  columnTotals?: (number | null)[];
  grandTotal?: number | null;
}

export type CellPosition =
  | { kind: 'cell'; row: number; column: number }
  | { kind: 'rowTotal'; row: number }
  | { kind: 'columnTotal'; column: number }
  | { kind: 'grandTotal' };

export interface Suppression {
  position: CellPosition;
  /** e.g. "E01015678 × 2024-05", "Total for E01015678", "Grand total". */
  label: string;
  reason: SuppressionReason;
  /** For a secondary suppression: the line it protects, e.g. "row E01015678". */
  protects: string | null;
}

export interface DisclosedTable {
  rows: string[];
  columns: string[];
  cells: DisclosedCell[][];
  rowTotals?: DisclosedCell[];
  columnTotals?: DisclosedCell[];
  grandTotal?: DisclosedCell;
  /** True when no rule was applied (the owner's view). */
  raw: boolean;
  /** Primary suppressions in table order, then secondary ones in the order they were decided. */
  suppressed: Suppression[];
  /** Lines left with a single suppressed cell because nothing could be suppressed beside it. */
  unprotected: string[];
}

/** What a non-owner may be shown: values and markers, no reasons. */
export interface DisclosedView {
  rows: string[];
  columns: string[];
  cells: { value: number | null; marker: DisclosureMarker | null }[][];
  rowTotals?: { value: number | null; marker: DisclosureMarker | null }[];
  columnTotals?: { value: number | null; marker: DisclosureMarker | null }[];
  grandTotal?: { value: number | null; marker: DisclosureMarker | null };
}

type SlotState = 'shown' | SuppressionReason;

interface Slot {
  position: CellPosition;
  label: string;
  raw: number | null;
  state: SlotState;
}

interface Line {
  name: string;
  members: number[];
  /** Index of the total's slot, or 'derived' for a grand total the viewer can work out but is not shown. */
  total: number | 'derived';
}

function checkRule(rule: DisclosureRule): void {
  const { suppressBelow, roundTo } = rule;
  if (suppressBelow !== null && !(Number.isSafeInteger(suppressBelow) && suppressBelow >= 1)) {
    throw new RangeError(`Disclosure rule: suppress below must be a whole number of 1 or more, or none (got ${suppressBelow}).`);
  }
  if (roundTo !== null && !(Number.isSafeInteger(roundTo) && roundTo >= 1)) {
    throw new RangeError(`Disclosure rule: round to must be a whole number of 1 or more, or none (got ${roundTo}).`);
  }
}

function checkCount(value: number | null, label: string): void {
  if (value !== null && !(Number.isSafeInteger(value) && value >= 0)) {
    throw new RangeError(`Count for ${label} is ${value}: counts must be whole numbers of 0 or more.`);
  }
}

function isPrimary(raw: number | null, rule: DisclosureRule): boolean {
  if (raw === null || rule.suppressBelow === null) return false;
  if (raw === 0) return rule.suppressZeros === true;
  return raw < rule.suppressBelow;
}

/** Nearest multiple of m, halves up; exact for whole numbers. */
export function roundHalfUp(value: number, m: number | null): number {
  if (m === null || m === 1) return value;
  return Math.floor((2 * value + m) / (2 * m)) * m;
}

function show(raw: number | null, state: SlotState, rule: DisclosureRule | null): DisclosedCell {
  if (raw === null) return { value: null, marker: '[x]' };
  if (state !== 'shown') return { value: null, marker: '[c]', reason: state };
  return { value: rule === null ? raw : roundHalfUp(raw, rule.roundTo), marker: null };
}

/** Primary suppression and rounding for a single series with no totals shown beside it. */
export function discloseSeries(values: readonly (number | null)[], rule: DisclosureRule | null): DisclosedCell[] {
  if (rule !== null) checkRule(rule);
  return values.map((raw, i) => {
    checkCount(raw, `item ${i + 1} of the series`);
    return show(raw, rule !== null && isPrimary(raw, rule) ? 'primary' : 'shown', rule);
  });
}

/** Row, column and grand totals of the raw cells (null where every cell summed is not available). */
export function sumTotals(cells: readonly (readonly (number | null)[])[]): {
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  grandTotal: number | null;
} {
  const add = (a: number | null, b: number | null) => (b === null ? a : (a ?? 0) + b);
  const width = cells.reduce((w, row) => Math.max(w, row.length), 0);
  const rowTotals = cells.map((row) => row.reduce<number | null>(add, null));
  const columnTotals = Array.from({ length: width }, (_, j) => cells.reduce<number | null>((s, row) => add(s, row[j] ?? null), null));
  return { rowTotals, columnTotals, grandTotal: rowTotals.reduce<number | null>(add, null) };
}

function checkShape(table: CountTable): void {
  const { rows, columns, cells } = table;
  if (cells.length !== rows.length) throw new RangeError(`Count table has ${rows.length} row labels but ${cells.length} rows of cells.`);
  cells.forEach((row, i) => {
    if (row.length !== columns.length) {
      throw new RangeError(`Count table row ${i + 1} (${rows[i]}) has ${row.length} cells; there are ${columns.length} columns.`);
    }
  });
  if (table.rowTotals !== undefined && table.rowTotals.length !== rows.length) {
    throw new RangeError(`Count table has ${table.rowTotals.length} row totals for ${rows.length} rows.`);
  }
  if (table.columnTotals !== undefined && table.columnTotals.length !== columns.length) {
    throw new RangeError(`Count table has ${table.columnTotals.length} column totals for ${columns.length} columns.`);
  }
}

/** Apply a dataset's disclosure rule to a count table; `rule` null is the owner's raw view. */
export function applyDisclosure(table: CountTable, rule: DisclosureRule | null): DisclosedTable {
  checkShape(table);
  if (rule !== null) checkRule(rule);
  const { rows, columns } = table;

  // Slots: every shown number, in table order (cells row by row, row totals, column totals, grand total).
  const slots: Slot[] = [];
  const addSlot = (position: CellPosition, label: string, raw: number | null): number => {
    checkCount(raw, label);
    slots.push({ position, label, raw, state: rule !== null && isPrimary(raw, rule) ? 'primary' : 'shown' });
    return slots.length - 1;
  };
  const cellSlot = table.cells.map((row, i) => row.map((raw, j) => addSlot({ kind: 'cell', row: i, column: j }, `${rows[i]} × ${columns[j]}`, raw)));
  const rowTotalSlot = table.rowTotals?.map((raw, i) => addSlot({ kind: 'rowTotal', row: i }, `Total for ${rows[i]}`, raw));
  const columnTotalSlot = table.columnTotals?.map((raw, j) => addSlot({ kind: 'columnTotal', column: j }, `Total for ${columns[j]}`, raw));
  const grandSlot = table.grandTotal === undefined ? undefined : addSlot({ kind: 'grandTotal' }, 'Grand total', table.grandTotal);

  const suppressed: Suppression[] = slots
    .filter((s) => s.state === 'primary')
    .map((s) => ({ position: s.position, label: s.label, reason: 'primary', protects: null }));
  const unprotected: string[] = [];

  if (rule !== null && rule.secondarySuppression && suppressed.length > 0) {
    const lines: Line[] = [];
    const known = (slot: number | undefined): slot is number => slot !== undefined && slots[slot]?.raw !== null;
    rows.forEach((label, i) => {
      const total = rowTotalSlot?.[i];
      if (known(total)) lines.push({ name: `row ${label}`, members: cellSlot[i] ?? [], total });
    });
    columns.forEach((label, j) => {
      const total = columnTotalSlot?.[j];
      if (known(total)) lines.push({ name: `column ${label}`, members: cellSlot.map((r) => r[j] ?? -1), total });
    });
    const grand: number | 'derived' | null = known(grandSlot) ? grandSlot : rowTotalSlot && columnTotalSlot ? 'derived' : null;
    if (grand !== null && rowTotalSlot) lines.push({ name: 'the row totals', members: rowTotalSlot, total: grand });
    if (grand !== null && columnTotalSlot) lines.push({ name: 'the column totals', members: columnTotalSlot, total: grand });

    const at = (k: number): Slot => {
      const s = slots[k];
      if (s === undefined) throw new Error(`disclosure: no slot ${k}`);
      return s;
    };
    const hidden = (k: number) => at(k).state !== 'shown';
    const suppressedIn = (line: Line) =>
      line.members.filter(hidden).length + (line.total !== 'derived' && hidden(line.total) ? 1 : 0);
    const complement = (line: Line): number | null => {
      let best: number | null = null;
      for (const k of line.members) {
        const raw = at(k).raw;
        if (hidden(k) || raw === null || raw === 0) continue;
        if (best === null || raw < (at(best).raw ?? 0)) best = k;
      }
      if (best !== null) return best;
      if (line.total !== 'derived' && !hidden(line.total)) return line.total;
      return line.members.find((k) => !hidden(k) && at(k).raw === 0) ?? null;
    };

    let changed = true;
    while (changed) {
      changed = false;
      for (const line of lines) {
        if (suppressedIn(line) !== 1) continue;
        const k = complement(line);
        if (k === null) continue;
        const slot = at(k);
        slot.state = 'secondary';
        suppressed.push({ position: slot.position, label: slot.label, reason: 'secondary', protects: line.name });
        changed = true;
      }
    }
    for (const line of lines) if (suppressedIn(line) === 1) unprotected.push(line.name);
  }

  const out = (k: number): DisclosedCell => {
    const s = slots[k];
    if (s === undefined) throw new Error(`disclosure: no slot ${k}`);
    return show(s.raw, s.state, rule);
  };
  const result: DisclosedTable = {
    rows: [...rows],
    columns: [...columns],
    cells: cellSlot.map((r) => r.map(out)),
    raw: rule === null,
    suppressed,
    unprotected,
  };
  if (rowTotalSlot) result.rowTotals = rowTotalSlot.map(out);
  if (columnTotalSlot) result.columnTotals = columnTotalSlot.map(out);
  if (grandSlot !== undefined) result.grandTotal = out(grandSlot);
  return result;
}

/**
 * The one-dimensional case: a list of parts (child places) published beside their whole (the parent
 * place's figure). A one-column table whose column total is the whole.
 */
export function discloseList(
  labels: readonly string[],
  values: readonly (number | null)[],
  total: number | null,
  rule: DisclosureRule | null,
  columnLabel = 'count',
): { items: DisclosedCell[]; total: DisclosedCell; suppressed: Suppression[]; unprotected: string[] } {
  const t = applyDisclosure({ rows: [...labels], columns: [columnLabel], cells: values.map((v) => [v]), columnTotals: [total] }, rule);
  const totalCell = t.columnTotals?.[0];
  if (totalCell === undefined) throw new Error('disclosure: list total missing');
  return { items: t.cells.map((r) => r[0] ?? { value: null, marker: '[x]' }), total: totalCell, suppressed: t.suppressed, unprotected: t.unprotected };
}

/** Markers only: what a non-owner may be shown (drops the reasons and the suppression list). */
export function viewOf(table: DisclosedTable): DisclosedView {
  const strip = (c: DisclosedCell) => ({ value: c.value, marker: c.marker });
  const view: DisclosedView = { rows: table.rows, columns: table.columns, cells: table.cells.map((r) => r.map(strip)) };
  if (table.rowTotals) view.rowTotals = table.rowTotals.map(strip);
  if (table.columnTotals) view.columnTotals = table.columnTotals.map(strip);
  if (table.grandTotal) view.grandTotal = strip(table.grandTotal);
  return view;
}

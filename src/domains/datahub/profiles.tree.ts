/**
 * Disclosure control over a tree of places, for place profiles and downloads: one decision per
 * dataset, count column and period covering every place at once (LSOAs, the local authorities and
 * partnerships above them, the force area), so that every page and file shows the same cells
 * suppressed. Deciding per page (an LA's LSOAs with the LA total on the LA's page; the LAs with the
 * force total on the force's page) would not do: a complementary suppression chosen on one page
 * would be shown as a number on another, and the suppressed cell it protects worked out by
 * subtraction.
 *
 * The rule is disclosure.ts's, applied to a tree instead of a table: primary suppression and
 * rounding are discloseSeries's; each place with children and a known value is a "line" (its
 * children's cells, total = its own cell), exactly as discloseList's one-column table, and the
 * secondary suppression repeats over all lines (in node order) until none has exactly one
 * suppressed cell, choosing the complement as disclosure.ts does: the smallest non-zero shown child
 * (ties: the first), else the parent's own value if shown, else the first zero child. A parent
 * suppressed this way is a cell in its own parent's line, so protection climbs and descends the tree
 * as far as it must. For a single parent with its children the result is discloseList's (tested).
 * Limits are disclosure.ts's: a greedy heuristic against subtraction within a line, not a solver.
 */
import { discloseSeries, type DisclosedCell, type DisclosureRule } from './disclosure.ts';

export interface TreeNode {
  code: string;
  /** The parent's code, or null for a root; a parent that is not in the list counts as none. */
  parentCode: string | null;
  /** The raw count; null when not available ([x]). A parent's value is the sum of its children's. */
  value: number | null;
}

export interface TreeDisclosure {
  cells: Map<string, DisclosedCell>;
  /** Lines (parents' codes) left with a single suppressed cell because nothing could protect them. */
  unprotected: string[];
}

/** Apply a dataset's rule to the places of a tree; `rule` null is the owner's raw view. */
export function discloseTree(nodes: readonly TreeNode[], rule: DisclosureRule | null): TreeDisclosure {
  const codes = new Set<string>();
  for (const n of nodes) {
    if (codes.has(n.code)) throw new RangeError(`Place ${n.code} is in the tree twice.`);
    codes.add(n.code);
  }
  // Primary suppression and rounding, node by node (and the rule's and the counts' checks).
  const primary = discloseSeries(
    nodes.map((n) => n.value),
    rule,
  );
  const state = nodes.map((_, i): 'shown' | 'primary' | 'secondary' => (primary[i]?.marker === '[c]' ? 'primary' : 'shown'));
  const unprotected: string[] = [];

  if (rule !== null && rule.secondarySuppression && state.includes('primary')) {
    const index = new Map(nodes.map((n, i) => [n.code, i]));
    const children = new Map<number, number[]>();
    nodes.forEach((n, i) => {
      const p = n.parentCode === null ? undefined : index.get(n.parentCode);
      if (p === undefined) return;
      const list = children.get(p) ?? [];
      list.push(i);
      children.set(p, list);
    });
    const lines = nodes
      .map((n, i) => ({ name: n.code, total: i, members: children.get(i) ?? [] }))
      .filter((line) => line.members.length > 0 && nodes[line.total]?.value !== null);
    const raw = (k: number) => nodes[k]?.value ?? null;
    const hidden = (k: number) => state[k] !== 'shown';
    const suppressedIn = (line: { total: number; members: number[] }) => line.members.filter(hidden).length + (hidden(line.total) ? 1 : 0);
    const complement = (line: { total: number; members: number[] }): number | null => {
      let best: number | null = null;
      for (const k of line.members) {
        const v = raw(k);
        if (hidden(k) || v === null || v === 0) continue;
        if (best === null || v < (raw(best) ?? 0)) best = k;
      }
      if (best !== null) return best;
      if (!hidden(line.total)) return line.total;
      return line.members.find((k) => !hidden(k) && raw(k) === 0) ?? null;
    };
    let changed = true;
    while (changed) {
      changed = false;
      for (const line of lines) {
        if (suppressedIn(line) !== 1) continue;
        const k = complement(line);
        if (k === null) continue;
        state[k] = 'secondary';
        changed = true;
      }
    }
    for (const line of lines) if (suppressedIn(line) === 1) unprotected.push(line.name);
  }

  const cells = new Map<string, DisclosedCell>();
  nodes.forEach((n, i) => {
    const cell = primary[i] ?? { value: null, marker: '[x]' };
    cells.set(n.code, state[i] === 'secondary' ? { value: null, marker: '[c]', reason: 'secondary' } : cell);
  });
  return { cells, unprotected };
}

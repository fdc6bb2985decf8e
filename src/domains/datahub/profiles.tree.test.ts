import assert from 'node:assert/strict';
import { test } from 'node:test';
import { discloseList, type DisclosureRule } from './disclosure.ts';
import { discloseTree, type TreeNode } from './profiles.tree.ts';

const rule: DisclosureRule = { suppressBelow: 5, roundTo: null, secondarySuppression: true };
const shown = (t: ReturnType<typeof discloseTree>) => Object.fromEntries([...t.cells].map(([code, c]) => [code, c.marker ?? c.value]));

test('one suppressed LSOA: its smallest non-zero sibling is suppressed too, the parents stay', () => {
  const nodes: TreeNode[] = [
    { code: 'F', parentCode: null, value: 100 },
    { code: 'A', parentCode: 'F', value: 50 },
    { code: 'B', parentCode: 'F', value: 50 },
    { code: 'a1', parentCode: 'A', value: 3 },
    { code: 'a2', parentCode: 'A', value: 20 },
    { code: 'a3', parentCode: 'A', value: 27 },
    { code: 'b1', parentCode: 'B', value: 50 },
  ];
  assert.deepEqual(shown(discloseTree(nodes, rule)), { F: 100, A: 50, B: 50, a1: '[c]', a2: '[c]', a3: 27, b1: 50 });
});

test('a small local authority is protected in the force line, and that protection reaches down to its own LSOAs', () => {
  const nodes: TreeNode[] = [
    { code: 'F', parentCode: null, value: 54 },
    { code: 'A', parentCode: 'F', value: 4 },
    { code: 'B', parentCode: 'F', value: 50 },
    { code: 'a1', parentCode: 'A', value: 3 },
    { code: 'a2', parentCode: 'A', value: 1 },
    { code: 'a3', parentCode: 'A', value: 0 },
    { code: 'b1', parentCode: 'B', value: 50 },
  ];
  const result = discloseTree(nodes, rule);
  // A (4) is small; B is suppressed so F − B cannot give A; then B's only LSOA must go, or it gives B away.
  assert.deepEqual(shown(result), { F: 54, A: '[c]', B: '[c]', a1: '[c]', a2: '[c]', a3: 0, b1: '[c]' });
  assert.equal(result.cells.get('B')?.reason, 'secondary');
  assert.deepEqual(result.unprotected, []);
});

test('the owner (no rule) sees raw values; missing values are [x]; rounding applies to what is shown', () => {
  const nodes: TreeNode[] = [
    { code: 'A', parentCode: null, value: 33 },
    { code: 'a1', parentCode: 'A', value: 3 },
    { code: 'a2', parentCode: 'A', value: 30 },
    { code: 'a3', parentCode: 'A', value: null },
  ];
  assert.deepEqual(shown(discloseTree(nodes, null)), { A: 33, a1: 3, a2: 30, a3: '[x]' });
  // a1 is suppressed, a2 goes with it (the [x] cannot protect), A is rounded to 35.
  assert.deepEqual(shown(discloseTree(nodes, { suppressBelow: 5, roundTo: 5, secondarySuppression: true })), { A: 35, a1: '[c]', a2: '[c]', a3: '[x]' });
  assert.deepEqual(shown(discloseTree(nodes, { suppressBelow: 5, roundTo: 5, secondarySuppression: false })), { A: 35, a1: '[c]', a2: 30, a3: '[x]' });
});

test('a single parent with its children gives exactly what discloseList gives (random lists)', () => {
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let round = 0; round < 500; round++) {
    const n = 1 + Math.floor(random() * 7);
    const values = Array.from({ length: n }, () => (random() < 0.1 ? null : random() < 0.2 ? 0 : Math.floor(random() * 15)));
    const total = values.reduce<number | null>((s, v) => (v === null ? s : (s ?? 0) + v), null);
    const r: DisclosureRule = { suppressBelow: 1 + Math.floor(random() * 6), roundTo: random() < 0.5 ? null : 5, secondarySuppression: random() < 0.8, suppressZeros: random() < 0.2 };
    const labels = values.map((_, i) => `c${i}`);
    const list = discloseList(labels, values, total, r);
    const tree = discloseTree([{ code: 'P', parentCode: null, value: total }, ...labels.map((code, i) => ({ code, parentCode: 'P', value: values[i] ?? null }))], r);
    const strip = (c: { value: number | null; marker: string | null } | undefined) => (c ? { value: c.value, marker: c.marker } : c);
    assert.deepEqual(strip(tree.cells.get('P')), strip(list.total), `total, values ${JSON.stringify(values)} rule ${JSON.stringify(r)}`);
    labels.forEach((code, i) => assert.deepEqual(strip(tree.cells.get(code)), strip(list.items[i]), `${code}, values ${JSON.stringify(values)} rule ${JSON.stringify(r)}`));
    assert.deepEqual(tree.unprotected.length, list.unprotected.length);
  }
});

test('a place listed twice is refused', () => {
  assert.throws(
    () =>
      discloseTree(
        [
          { code: 'A', parentCode: null, value: 1 },
          { code: 'A', parentCode: null, value: 2 },
        ],
        rule,
      ),
    /A is in the tree twice/,
  );
});

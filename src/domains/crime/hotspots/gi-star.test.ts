import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  benjaminiHochbergCutoff,
  cellCentre,
  cellCorners,
  cellOf,
  cellPolygonWkt,
  confidenceBin,
  giStar,
  gridCounts,
  neighbourOffsets,
  topHotspots,
  twoSidedP,
  type CellCount,
  type GiStarResult,
  type Neighbourhood,
} from './gi-star.ts';

// Correctness rests on the published example from PySAL's esda (below), the hand-worked grids,
// an independent brute-force oracle (textbook formula with an explicit n × n weight matrix) and
// invariance properties.

/** Cells from a matrix written top row first, as on a map: matrix[0] is the northernmost row. */
function fromMap(matrix: readonly (readonly number[])[]): CellCount[] {
  const h = matrix.length;
  return matrix.flatMap((line, i) => line.map((count, col) => ({ col, row: h - 1 - i, count })));
}

function at(result: GiStarResult, col: number, row: number) {
  const cell = result.cells.find((c) => c.col === col && c.row === row);
  assert.ok(cell, `no cell (${col}, ${row})`);
  return cell;
}

function near(actual: number, expected: number, tolerance: number, what = ''): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} is not within ${tolerance} of ${expected}`);
}

// The 5 × 5 hand-worked grid (symmetric, so map orientation does not matter):
//
//   0 0 0 0 0
//   0 1 2 1 0
//   0 2 8 2 0
//   0 1 2 1 0
//   0 0 0 0 0
//
// n = 25, Σx = 8 + 4·2 + 4·1 = 20, X̄ = 20/25 = 0.8
// Σx² = 64 + 4·4 + 4·1 = 84, Σx²/n = 3.36, S² = 3.36 − 0.8² = 3.36 − 0.64 = 2.72, S = √2.72 ≈ 1.649242
//
// Queen weights with self, binary, so Σw² = Σw = W.
//
// Centre (2,2): W = 9, Σwx = 20 (the whole 3 × 3 block holds every count)
//   numerator   = 20 − 0.8·9 = 20 − 7.2 = 12.8
//   denominator = S·√[(25·9 − 9²)/24] = S·√(144/24) = S·√6 = √(2.72·6) = √16.32 ≈ 4.039802
//   Gi*         = 12.8 / 4.039802 ≈ 3.168472 → |z| ≥ 2.576 → bin +3
//
// Corner (0,0): W = 4 (itself, east, north, north-east), Σwx = 0+0+0+1 = 1
//   numerator   = 1 − 0.8·4 = 1 − 3.2 = −2.2
//   denominator = S·√[(25·4 − 4²)/24] = S·√(84/24) = S·√3.5 = √(2.72·3.5) = √9.52 ≈ 3.085450
//   Gi*         = −2.2 / 3.085450 ≈ −0.713024 → bin 0
//
// Middle of the bottom edge (2,0): W = 6, Σwx = 0+0+0 + 1+2+1 = 4
//   numerator = 4 − 0.8·6 = −0.8; denominator = S·√[(150 − 36)/24] = √(2.72·4.75) = √12.92 ≈ 3.594440
//   Gi* ≈ −0.222566
//
// Next to the centre (2,1): W = 9, Σwx = (0+0+0) + (1+2+1) + (2+8+2) = 16
//   numerator = 16 − 7.2 = 8.8; denominator = √16.32 as for the centre; Gi* = 8.8/4.039802 ≈ 2.178325 → bin +2
//
// Diagonal to the centre (1,1): W = 9, Σwx = 0+0+0 + 0+1+2 + 0+2+8 = 13
//   numerator = 13 − 7.2 = 5.8; Gi* = 5.8/4.039802 ≈ 1.435714 → bin 0 (below 1.645)
const HAND = fromMap([
  [0, 0, 0, 0, 0],
  [0, 1, 2, 1, 0],
  [0, 2, 8, 2, 0],
  [0, 1, 2, 1, 0],
  [0, 0, 0, 0, 0],
]);

test('hand-worked 5 × 5 grid: mean, S, W, Σwx and Gi* as worked in the comments', () => {
  const r = giStar(HAND);
  assert.equal(r.n, 25);
  near(r.mean, 0.8, 1e-12, 'mean');
  near(r.sd, Math.sqrt(2.72), 1e-12, 'S');
  assert.equal(r.noVariation, false);

  const centre = at(r, 2, 2);
  assert.equal(centre.neighbours, 9);
  assert.equal(centre.neighbourSum, 20);
  near(centre.z, 12.8 / Math.sqrt(16.32), 1e-12, 'centre z');
  near(centre.z, 3.168472, 1e-6, 'centre z');
  assert.equal(centre.bin, 3);

  const corner = at(r, 0, 0);
  assert.equal(corner.neighbours, 4);
  assert.equal(corner.neighbourSum, 1);
  near(corner.z, -2.2 / Math.sqrt(9.52), 1e-12, 'corner z');
  near(corner.z, -0.713024, 1e-6, 'corner z');
  assert.equal(corner.bin, 0);

  const edge = at(r, 2, 0);
  assert.equal(edge.neighbours, 6);
  assert.equal(edge.neighbourSum, 4);
  near(edge.z, -0.222566, 1e-6, 'edge z');

  const beside = at(r, 2, 1);
  near(beside.z, 2.178325, 1e-6, 'beside z');
  assert.equal(beside.bin, 2);

  const diagonal = at(r, 1, 1);
  assert.equal(diagonal.neighbourSum, 13);
  near(diagonal.z, 1.435714, 1e-6, 'diagonal z');
  assert.equal(diagonal.bin, 0);

  // Two-sided p for the centre: 2·(1 − Φ(3.168472)) ≈ 0.001532.
  near(centre.p, 0.001532, 2e-6, 'centre p');
  assert.equal(centre.fdrBin, null);
});

// The published example in PySAL's esda test suite (esda/tests/test_getisord.py): six points
// (10,10) (20,10) (40,10) (15,20) (30,20) (30,30) with values 2, 3, 3.2, 5, 8, 7, a binary distance
// band of 15 and G_Local(star=True), whose first standardised value Zs[0] is given as −1.39727626.
// (esda row-standardises the weights; Gi* is unchanged by scaling every weight of a row.)
// Placed as cells of 5 m, the cell centres keep the points' distances apart. By hand for point 0:
// neighbours within 15 are itself, (20,10) at 10 and (15,20) at 11.18, so W = 3, Σwx = 2 + 3 + 5 = 10;
// X̄ = 28.2 / 6 = 4.7, S² = 161.24 / 6 − 4.7² = 4.783333, S = 2.187084;
// Gi* = (10 − 4.7·3) / (S·√[(6·3 − 9)/5]) = −4.1 / 2.934294 = −1.397270.
test('the published esda example: six points, distance band 15, Zs[0] = −1.39727626', () => {
  const points = [[10, 10, 2], [20, 10, 3], [40, 10, 3.2], [15, 20, 5], [30, 20, 8], [30, 30, 7]] as const;
  const cells: CellCount[] = points.map(([x, y, count]) => ({ col: x / 5, row: y / 5, count }));
  const result = giStar(cells, { cellSize: 5, neighbourhood: { distance: 15 } });
  near(result.mean, 4.7, 1e-12, 'mean');
  near(result.sd, 2.187084, 1e-6, 'S');
  const first = at(result, 2, 2);
  assert.equal(first.neighbours, 3);
  near(first.neighbourSum, 10, 1e-12, 'Σwx');
  near(first.z, -1.39727626, 1e-8, 'Gi*');
  // (40,10) by hand: itself and (30,20) at 14.14, so W = 2, Σwx = 11.2;
  // Gi* = (11.2 − 9.4) / (S·√[(12 − 4)/5]) = 1.8 / 2.766466 = 0.650650.
  near(at(result, 8, 2).z, 0.65065, 1e-5, '(40,10)');
});

test('hand-worked FDR: only the centre survives Benjamini–Hochberg, and it drops from 99% to 95%', () => {
  // Distinct p-values in the grid (from the z-scores above): 0.00153 (centre, ×1),
  // 0.02938 (beside, ×4), 0.15108 (diagonal, ×4), and three groups of z < 0 with p > 0.47.
  // q = 0.10: k·q/n = k·0.004. k = 1: 0.00153 ≤ 0.004 ✓. k = 2..5: p = 0.02938 > 0.020 ✗;
  //   k ≥ 6: p ≥ 0.151 > 0.1 ≥ k·0.004 ✗. Largest k = 1 → cutoff 0.00153.
  // q = 0.05: k·0.002. k = 1: 0.00153 ≤ 0.002 ✓; nothing larger passes → cutoff 0.00153.
  // q = 0.01: k·0.0004. k = 1: 0.00153 > 0.0004 ✗; nothing passes → no cutoff.
  // Centre: raw bin 3, meets the 95% cutoff, not the (absent) 99% one → FDR bin 2.
  // Beside cells: raw bin 2, p = 0.029 above both cutoffs → FDR bin 0.
  const r = giStar(HAND, { fdr: true });
  assert.ok(r.fdrCutoffs);
  near(r.fdrCutoffs.p90 ?? -1, 0.001532, 2e-6, 'p90 cutoff');
  near(r.fdrCutoffs.p95 ?? -1, 0.001532, 2e-6, 'p95 cutoff');
  assert.equal(r.fdrCutoffs.p99, null);
  assert.equal(at(r, 2, 2).fdrBin, 2);
  for (const [c, row] of [[2, 1], [1, 2], [3, 2], [2, 3]] as const) {
    assert.equal(at(r, c, row).bin, 2);
    assert.equal(at(r, c, row).fdrBin, 0);
  }
  assert.deepEqual(r.cells.filter((c) => c.significant).map((c) => [c.col, c.row]), [[2, 2]]);
  // Uncorrected at alpha = 0.05: the centre and the four beside it.
  assert.equal(giStar(HAND).cells.filter((c) => c.significant).length, 5);
});

test('a distance band shorter than the cell size is the plain z-score (x − X̄)/S', () => {
  // W = 1 for every cell: numerator x_i − X̄, denominator S·√[(n − 1)/(n − 1)] = S.
  const r = giStar(HAND, { neighbourhood: { distance: 100 } });
  const s = Math.sqrt(2.72);
  for (const c of r.cells) {
    assert.equal(c.neighbours, 1);
    near(c.z, (c.count - 0.8) / s, 1e-12);
  }
  near(at(r, 2, 2).z, 7.2 / s, 1e-12); // (8 − 0.8)/1.649242 ≈ 4.3656
});

test('the distance band d = cellSize·√2 is the queen neighbourhood; d = cellSize the rook plus self', () => {
  const queen = giStar(HAND);
  const band = giStar(HAND, { neighbourhood: { distance: 250 * Math.SQRT2 } });
  assert.deepEqual(band.cells.map((c) => c.z), queen.cells.map((c) => c.z));
  assert.equal(neighbourOffsets('queen').length, 9);
  assert.equal(neighbourOffsets({ distance: 0 }).length, 1);
  assert.equal(neighbourOffsets({ distance: 250 }).length, 5);
  assert.equal(neighbourOffsets({ distance: 250 * Math.SQRT2 }).length, 9);
  // Radius-2 disc: self, 4 rook, 4 diagonal, 4 at distance 2 (√5 ≈ 2.24 cells is outside).
  assert.equal(neighbourOffsets({ distance: 500 }).length, 13);
  assert.equal(neighbourOffsets({ distance: 50 }, 25).length, 13); // 2 cells of 25 m, like 500 m at 250 m
  assert.throws(() => neighbourOffsets({ distance: -1 }), RangeError);
  assert.throws(() => neighbourOffsets({ distance: Number.NaN }), RangeError);
});

test('a constant grid has no variation: every z = 0, p = 1, bin 0 (FDR too)', () => {
  const cells = fromMap([
    [3, 3, 3],
    [3, 3, 3],
    [3, 3, 3],
    [3, 3, 3],
  ]);
  const r = giStar(cells, { fdr: true });
  assert.equal(r.noVariation, true);
  assert.equal(r.sd, 0);
  for (const c of r.cells) {
    assert.equal(c.z, 0);
    assert.equal(c.p, 1);
    assert.equal(c.bin, 0);
    assert.equal(c.fdrBin, 0);
    assert.equal(c.significant, false);
  }
  assert.deepEqual(topHotspots(r, 5), []);
  assert.deepEqual(giStar([]).cells, []);
});

test('a neighbourhood covering the whole study area gives z = 0 (0/0), not NaN', () => {
  // 3 × 3 grid: the centre's queen neighbourhood is all 9 cells, W = n, so numerator
  // Σx − X̄·n = 0 and variance factor (n·n − n²)/(n − 1) = 0.
  const r = giStar(fromMap([
    [0, 1, 0],
    [5, 0, 2],
    [0, 0, 9],
  ]));
  const centre = at(r, 1, 1);
  assert.equal(centre.neighbours, 9);
  assert.equal(centre.z, 0);
  assert.equal(centre.p, 1);
  assert.ok(r.cells.every((c) => Number.isFinite(c.z)));
});

test('confidence bins use |z| ≥ 2.576 / 1.960 / 1.645, signed', () => {
  const cases: Array<[number, number]> = [
    [0, 0],
    [1.6449, 0],
    [1.645, 1],
    [1.9599, 1],
    [1.96, 2],
    [2.5759, 2],
    [2.576, 3],
    [40, 3],
    [-1.645, -1],
    [-1.96, -2],
    [-2.576, -3],
    [-1.6449, 0],
    [Number.NaN, 0],
  ];
  for (const [z, bin] of cases) assert.equal(confidenceBin(z), bin, `z = ${z}`);
  assert.ok(Object.is(confidenceBin(-0.5), 0));
});

test('two-sided p-values match the normal tables', () => {
  near(twoSidedP(1.959963985), 0.05, 1e-7);
  near(twoSidedP(-1.959963985), 0.05, 1e-7);
  near(twoSidedP(2.575829304), 0.01, 1e-8);
  near(twoSidedP(1.644853627), 0.1, 1e-7);
  near(twoSidedP(3.290526731), 0.001, 1e-9);
  // 2·Φ(−5) = 5.733031e-7, to ~1e-7 relative accuracy.
  near(twoSidedP(5) / 5.733031e-7, 1, 1e-6);
  near(twoSidedP(0), 1, 1e-6);
  assert.equal(twoSidedP(Number.NaN), 1);
  assert.ok(twoSidedP(40) >= 0 && twoSidedP(40) < 1e-300);
});

test('Benjamini–Hochberg cutoff by hand, including the step-up case', () => {
  // m = 10, q = 0.05 → k·q/m = 0.005k: p(1) = 0.001 ≤ 0.005 ✓, p(2) = 0.008 ≤ 0.010 ✓,
  // p(3) = 0.039 > 0.015 ✗, and every later p(k) > 0.005k too (0.041 > 0.020 … 0.216 > 0.050).
  const ps = [0.205, 0.001, 0.039, 0.041, 0.042, 0.06, 0.074, 0.008, 0.212, 0.216];
  assert.equal(benjaminiHochbergCutoff(ps, 0.05), 0.008);
  // Step-up: m = 3, q = 0.05 → thresholds 0.0167, 0.0333, 0.05. p(1) = 0.02 ✗ and p(2) = 0.04 ✗,
  // but p(3) = 0.045 ≤ 0.05 ✓, so all three are rejected.
  assert.equal(benjaminiHochbergCutoff([0.045, 0.02, 0.04], 0.05), 0.045);
  // The comparison is p(k) ≤ k·q/m: equality counts (m = 2: 0.025 = 1·0.05/2).
  assert.equal(benjaminiHochbergCutoff([0.5, 0.025], 0.05), 0.025);
  assert.equal(benjaminiHochbergCutoff([0.5, 0.9], 0.05), null);
  assert.equal(benjaminiHochbergCutoff([], 0.05), null);
});

// ---- Brute-force oracle: the textbook formula with an explicit weight matrix ----

function oracle(cells: readonly CellCount[], neighbourhood: Neighbourhood, cellSize: number): number[] {
  const n = cells.length;
  const xs = cells.map((c) => c.count);
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(xs.reduce((a, b) => a + b * b, 0) / n - mean * mean);
  return cells.map((ci) => {
    let sw = 0;
    let sw2 = 0;
    let swx = 0;
    for (const cj of cells) {
      const dc = cj.col - ci.col;
      const dr = cj.row - ci.row;
      const inside =
        neighbourhood === 'queen'
          ? Math.max(Math.abs(dc), Math.abs(dr)) <= 1
          : Math.hypot(dc * cellSize, dr * cellSize) <= neighbourhood.distance * (1 + 1e-12);
      const w = inside ? 1 : 0;
      sw += w;
      sw2 += w * w;
      swx += w * cj.count;
    }
    const den = s * Math.sqrt((n * sw2 - sw * sw) / (n - 1));
    return !(den > 1e-9) ? 0 : (swx - mean * sw) / den;
  });
}

const gridArb = fc
  .record({ w: fc.integer({ min: 1, max: 8 }), h: fc.integer({ min: 1, max: 8 }) })
  .chain(({ w, h }) =>
    fc.record({
      w: fc.constant(w),
      h: fc.constant(h),
      counts: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: w * h, maxLength: w * h }),
      keep: fc.array(fc.boolean(), { minLength: w * h, maxLength: w * h }),
    }),
  );

function toCells(g: { w: number; h: number; counts: number[]; keep?: boolean[] }, colOffset = 0, rowOffset = 0): CellCount[] {
  const out: CellCount[] = [];
  for (let r = 0; r < g.h; r++) {
    for (let c = 0; c < g.w; c++) {
      const k = r * g.w + c;
      if (g.keep && !g.keep[k]) continue;
      out.push({ col: c + colOffset, row: r + rowOffset, count: g.counts[k]! });
    }
  }
  return out;
}

const neighbourhoodArb: fc.Arbitrary<Neighbourhood> = fc.oneof(
  fc.constant('queen' as const),
  fc.constantFrom(0, 100, 250, 300, 250 * Math.SQRT2, 500, 600, 750).map((distance) => ({ distance })),
);

test('agrees with a brute-force textbook Gi* on random grids with holes (property)', () => {
  fc.assert(
    fc.property(gridArb, neighbourhoodArb, fc.integer({ min: -50, max: 50 }), (g, nb, offset) => {
      const cells = toCells(g, offset, -offset);
      if (cells.length < 2) return true;
      const got = giStar(cells, { neighbourhood: nb }).cells.map((c) => c.z);
      const want = oracle(cells, nb, 250);
      return got.every((z, i) => Math.abs(z - want[i]!) < 1e-7);
    }),
  );
});

test('mirroring or rotating the grid mirrors or rotates the z-scores (property)', () => {
  fc.assert(
    fc.property(gridArb, neighbourhoodArb, (g, nb) => {
      const base = giStar(toCells(g), { neighbourhood: nb });
      const transforms: Array<(c: number, r: number) => [number, number]> = [
        (c, r) => [g.w - 1 - c, r], // east–west mirror
        (c, r) => [c, g.h - 1 - r], // north–south mirror
        (c, r) => [r, c], // transpose
        (c, r) => [g.h - 1 - r, c], // quarter turn
      ];
      for (const t of transforms) {
        const moved = toCells(g).map((cell) => {
          const [col, row] = t(cell.col, cell.row);
          return { col, row, count: cell.count };
        });
        const r = giStar(moved, { neighbourhood: nb });
        // moved[i] is the image of the i-th original cell, so its z must equal the original's.
        for (let i = 0; i < r.cells.length; i++) if (Math.abs(r.cells[i]!.z - base.cells[i]!.z) > 1e-9) return false;
      }
      return true;
    }),
  );
});

test('adding a constant to every count, or multiplying by a positive one, leaves every z unchanged (property)', () => {
  fc.assert(
    fc.property(
      gridArb,
      neighbourhoodArb,
      fc.double({ min: -1000, max: 1000, noNaN: true }),
      fc.double({ min: 0.001, max: 1000, noNaN: true }),
      (g, nb, shift, scale) => {
        const cells = toCells(g);
        const base = giStar(cells, { neighbourhood: nb }).cells;
        const shifted = giStar(cells.map((c) => ({ ...c, count: c.count + shift })), { neighbourhood: nb }).cells;
        const scaled = giStar(cells.map((c) => ({ ...c, count: c.count * scale })), { neighbourhood: nb }).cells;
        const same = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * (1 + Math.abs(a));
        return base.every((c, i) => same(c.z, shifted[i]!.z) && same(c.z, scaled[i]!.z));
      },
    ),
  );
});

test('FDR never makes more cells significant, and never strengthens or flips a bin (property)', () => {
  // Grids with a planted cluster so that there is something to be significant.
  const clusterArb = fc.record({
    w: fc.integer({ min: 4, max: 15 }),
    h: fc.integer({ min: 4, max: 15 }),
    seed: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 225, maxLength: 225 }),
    hot: fc.record({ c: fc.integer({ min: 0, max: 14 }), r: fc.integer({ min: 0, max: 14 }), extra: fc.integer({ min: 0, max: 40 }) }),
  });
  fc.assert(
    fc.property(clusterArb, neighbourhoodArb, fc.constantFrom(0.01, 0.05, 0.1), ({ w, h, seed, hot }, nb, alpha) => {
      const cells: CellCount[] = [];
      for (let r = 0; r < h; r++) {
        for (let c = 0; c < w; c++) {
          const near = Math.max(Math.abs(c - hot.c), Math.abs(r - hot.r)) <= 1;
          cells.push({ col: c, row: r, count: seed[r * w + c]! + (near ? hot.extra : 0) });
        }
      }
      const raw = giStar(cells, { neighbourhood: nb, alpha });
      const corrected = giStar(cells, { neighbourhood: nb, alpha, fdr: true });
      const cut = corrected.fdrCutoffs!;
      if (cut.p99 !== null && (cut.p95 === null || cut.p99 > cut.p95)) return false;
      if (cut.p95 !== null && (cut.p90 === null || cut.p95 > cut.p90)) return false;
      let rawSig = 0;
      let fdrSig = 0;
      for (let i = 0; i < cells.length; i++) {
        const a = raw.cells[i]!;
        const b = corrected.cells[i]!;
        if (a.bin !== b.bin || a.z !== b.z) return false;
        const f = b.fdrBin!;
        if (Math.abs(f) > Math.abs(a.bin)) return false;
        if (f !== 0 && Math.sign(f) !== Math.sign(a.bin)) return false;
        if (a.significant) rawSig++;
        if (b.significant) fdrSig++;
        if (b.significant && !a.significant) return false;
      }
      return fdrSig <= rawSig;
    }),
  );
});

test('topHotspots: positive z only, highest first, ties by row then col, at most n', () => {
  const r = giStar(HAND);
  const top = topHotspots(r, 3);
  assert.equal(top.length, 3);
  assert.deepEqual(top[0] && [top[0].col, top[0].row], [2, 2]);
  // The four cells beside the centre tie on z (to rounding); order among near-equal z is by z, so just check membership.
  for (const c of top.slice(1)) near(c.z, 2.178325, 1e-6);
  const all = topHotspots(r, 1000);
  assert.equal(all.length, 9); // centre, 4 beside, 4 diagonal: the only z > 0
  for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.z >= all[i]!.z);
  assert.deepEqual(topHotspots(r, 0), []);
  assert.throws(() => topHotspots(r, -1), RangeError);
  assert.throws(() => topHotspots(r, 1.5), RangeError);
  // Exact ties: order by row, then col.
  const tie = giStar(
    [
      { col: 5, row: 0, count: 9 },
      { col: 0, row: 0, count: 9 },
      { col: 0, row: 3, count: 0 },
      { col: 5, row: 3, count: 0 },
    ],
    { neighbourhood: { distance: 0 } },
  );
  assert.deepEqual(topHotspots(tie, 2).map((c) => [c.col, c.row]), [[0, 0], [5, 0]]);
});

test('gridCounts (bounding box): cells aligned to multiples of the cell size, zeros included, row-major', () => {
  const g = gridCounts([
    { easting: 500010, northing: 250010 }, // (2000, 1000)
    { easting: 500249.9, northing: 250249.9 }, // (2000, 1000)
    { easting: 500250, northing: 250000 }, // on the boundary → east: (2001, 1000)
    { easting: 500600, northing: 250300 }, // (2002, 1001)
    { easting: Number.NaN, northing: 250300 }, // dropped
  ]);
  assert.equal(g.cellSize, 250);
  assert.deepEqual(g.origin, { easting: 0, northing: 0 });
  assert.equal(g.dropped, 1);
  assert.deepEqual(g.cells, [
    { col: 2000, row: 1000, count: 2 },
    { col: 2001, row: 1000, count: 1 },
    { col: 2002, row: 1000, count: 0 },
    { col: 2000, row: 1001, count: 0 },
    { col: 2001, row: 1001, count: 0 },
    { col: 2002, row: 1001, count: 1 },
  ]);
  assert.deepEqual(gridCounts([]), { cellSize: 250, origin: { easting: 0, northing: 0 }, cells: [], dropped: 0 });
});

test('gridCounts with a cell size and origin', () => {
  const g = gridCounts([{ easting: 105, northing: 95 }, { easting: 99, northing: -1 }], 100, { easting: 5, northing: -5 });
  // (105−5)/100 = 1 → col 1; (95+5)/100 = 1 → row 1.  (99−5)/100 = 0.94 → col 0; (−1+5)/100 = 0.04 → row 0.
  assert.deepEqual(g.cells, [
    { col: 0, row: 0, count: 1 },
    { col: 1, row: 0, count: 0 },
    { col: 0, row: 1, count: 0 },
    { col: 1, row: 1, count: 1 },
  ]);
  assert.deepEqual(cellOf({ easting: -0.5, northing: 0 }), { col: -1, row: 0 });
  assert.throws(() => gridCounts([], 0), RangeError);
});

test('gridCounts with a study area: exactly those cells in that order, points elsewhere dropped', () => {
  const studyArea = [
    { col: 3, row: 1 },
    { col: 0, row: 0 },
    { col: 1, row: 0 }, // never hit: stays 0
  ];
  const g = gridCounts(
    [
      { easting: 10, northing: 10 },
      { easting: 20, northing: 30 },
      { easting: 800, northing: 300 },
      { easting: 300, northing: 300 }, // (1, 1): not in the study area
      { easting: -5000, northing: 9e9 },
      { easting: Number.POSITIVE_INFINITY, northing: 0 },
    ],
    250,
    undefined,
    { studyArea },
  );
  assert.deepEqual(g.cells, [
    { col: 3, row: 1, count: 1 },
    { col: 0, row: 0, count: 2 },
    { col: 1, row: 0, count: 0 },
  ]);
  assert.equal(g.dropped, 3);
  assert.throws(() => gridCounts([], 250, undefined, { studyArea: [{ col: 1, row: 1 }, { col: 1, row: 1 }] }), /duplicate/);
  assert.equal(gridCounts([{ easting: 1, northing: 1 }], 250, undefined, { studyArea: [] }).dropped, 1);
});

test('gridCounts refuses a bounding box too large for a dense grid (a stray point), instead of exhausting memory', () => {
  assert.throws(
    () => gridCounts([{ easting: 0, northing: 0 }, { easting: 700000, northing: 1300000 }], 100),
    /too large/,
  );
});

test('giStar validates its input', () => {
  assert.throws(() => giStar([{ col: 0, row: 0, count: 1 }, { col: 0, row: 0, count: 2 }]), /duplicate/);
  assert.throws(() => giStar([{ col: 0.5, row: 0, count: 1 }]), RangeError);
  assert.throws(() => giStar([{ col: 0, row: 0, count: Number.NaN }]), RangeError);
  assert.throws(() => giStar(HAND, { alpha: 0 }), RangeError);
  assert.throws(() => giStar(HAND, { cellSize: -250 }), RangeError);
});

test('end to end: points → counts → Gi* finds a planted cluster; corners and WKT for saving', () => {
  // A 20 × 20 study area of 250 m cells from (400000, 200000); 1 point per cell everywhere
  // (at the centre), plus 30 extra points in cell (12, 7) and 10 in each of its 8 neighbours.
  const origin = { easting: 400000, northing: 200000 };
  const points: Array<{ easting: number; northing: number }> = [];
  for (let c = 0; c < 20; c++) for (let r = 0; r < 20; r++) points.push({ easting: origin.easting + c * 250 + 125, northing: origin.northing + r * 250 + 125 });
  for (let k = 0; k < 30; k++) points.push({ easting: origin.easting + 12 * 250 + 1 + k, northing: origin.northing + 7 * 250 + 200 });
  for (let dc = -1; dc <= 1; dc++) {
    for (let dr = -1; dr <= 1; dr++) {
      if (dc === 0 && dr === 0) continue;
      for (let k = 0; k < 10; k++) points.push({ easting: origin.easting + (12 + dc) * 250 + 5, northing: origin.northing + (7 + dr) * 250 + 5 });
    }
  }
  const grid = gridCounts(points, 250, origin);
  assert.equal(grid.cells.length, 400);
  assert.equal(grid.dropped, 0);
  const result = giStar(grid.cells, { cellSize: grid.cellSize, origin: grid.origin, fdr: true });
  const [top] = topHotspots(result, 1);
  assert.ok(top);
  assert.deepEqual([top.col, top.row, top.count, top.bin, top.fdrBin], [12, 7, 31, 3, 3]);
  assert.deepEqual(cellCorners(top, result), [
    [403000, 201750],
    [403250, 201750],
    [403250, 202000],
    [403000, 202000],
  ]);
  assert.deepEqual(cellCentre(top, result), { easting: 403125, northing: 201875 });
  assert.equal(cellPolygonWkt(top, result), 'POLYGON((403000 201750, 403250 201750, 403250 202000, 403000 202000, 403000 201750))');
  // Every point is back in its own cell.
  for (const cell of grid.cells.slice(0, 50)) {
    const centre = cellCentre(cell, grid);
    assert.deepEqual(cellOf(centre, grid.cellSize, grid.origin), { col: cell.col, row: cell.row });
  }
});

/**
 * Getis-Ord Gi* hotspot statistics on a regular square grid (British National Grid metres).
 *
 * GRID. Cell (col, row) covers [ox + col·s, ox + (col+1)·s) × [oy + row·s, oy + (row+1)·s),
 * where s is the cell size (default 250 m) and (ox, oy) the origin (default (0, 0), so cells
 * are aligned to multiples of s). Columns grow eastwards, rows northwards. A point on a
 * boundary belongs to the cell to its east/north.
 *
 * STUDY AREA. Gi* compares every cell with the mean over the study area, so empty cells must
 * be present as zeros. `gridCounts` either uses every cell in the bounding box of the points,
 * or (better) an explicit study-area cell list supplied by the caller — e.g. all cells whose
 * centre lies inside the force boundary; points falling outside it are counted as `dropped`.
 *
 * STATISTIC (Getis & Ord 1992; Ord & Getis 1995), over the n cells given to `giStar`:
 *
 *   Gi* = (Σ_j w_ij x_j − X̄ Σ_j w_ij) / ( S √[ (n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1) ] )
 *
 *   X̄ = Σ_j x_j / n,   S = √( Σ_j x_j² / n − X̄² )   (population standard deviation, divisor n)
 *
 * S is computed in the algebraically identical two-pass form √(Σ_j (x_j − X̄)² / n) and the
 * numerator as Σ_j w_ij (x_j − X̄); this avoids cancellation and makes the result exactly
 * shift-invariant up to rounding. Gi* is already a z-score; p is two-sided, p = erfc(|z|/√2).
 *
 * WEIGHTS. Binary, and Gi* includes the cell itself (w_ii = 1), so Σ w_ij² = Σ w_ij = W_i:
 *   - 'queen' (default): the cell and its 8 surrounding cells (W_i = 9 in the interior);
 *   - { distance: d }: every cell whose centre is within d metres of cell i's centre
 *     (inclusive, with a 1e-9 relative tolerance), itself included. d < s gives W_i = 1,
 *     i.e. the plain z-score (x_i − X̄)/S; d = s·√2 is the queen neighbourhood.
 *   Neighbours that are not in the given cell set (outside the study area) simply do not count,
 *   so W_i is smaller at the edges; n is always the number of cells given.
 *
 * DEGENERATE CASES. If every count is equal (S = 0: "no variation") or a cell's neighbourhood
 * is the whole study area (W_i = n, the denominator vanishes), Gi* is undefined; we report
 * z = 0, p = 1, bin 0 rather than NaN. `noVariation` on the result says which happened.
 *
 * BINS, as ArcGIS Hot Spot Analysis's Gi_Bin: +3/−3 for |z| ≥ 2.576 (99%), ±2 for |z| ≥ 1.960
 * (95%), ±1 for |z| ≥ 1.645 (90%), else 0; the sign is the sign of z.
 *
 * FALSE DISCOVERY RATE (option `fdr`). For each confidence level separately, q = 0.10, 0.05,
 * 0.01, the Benjamini–Hochberg step-up procedure runs over the p-values of ALL n cells:
 * sort ascending p_(1) ≤ … ≤ p_(n), take the largest k with p_(k) ≤ k·q/n, and the cutoff is
 * p_(k) (no cutoff if there is no such k). A cell's FDR bin is the highest level L whose cutoff
 * it meets (p ≤ cutoff_L) AND whose uncorrected z threshold it meets (|bin| ≥ L), signed by z.
 * The second condition only matters at the rounding edge of 2.576/1.960/1.645; it guarantees
 * |fdrBin| ≤ |bin| for every cell, so FDR never makes more cells significant.
 *
 * `alpha` (default 0.05) only drives the `significant` flag: p < alpha uncorrected, or
 * p ≤ the BH cutoff at q = alpha when `fdr` is on.
 *
 * PERFORMANCE. Binning is O(points) into a dense typed-array grid; Gi* is O(cells × neighbours)
 * using a dense Int32Array index of the cells' bounding box. No string keys in hot loops.
 */

export type GridOrigin = { readonly easting: number; readonly northing: number };
export type GridSpec = { readonly cellSize: number; readonly origin: GridOrigin };
export type CellRef = { readonly col: number; readonly row: number };
export type CellCount = { col: number; row: number; count: number };
export type BngPoint = { readonly easting: number; readonly northing: number };

export type GridCounts = {
  cellSize: number;
  origin: GridOrigin;
  /** Bounding-box mode: row-major (row, then col, ascending). Study-area mode: the study area's order. */
  cells: CellCount[];
  /** Points not counted: non-finite coordinates, or (study-area mode) outside the study area. */
  dropped: number;
};

export type GridCountsOptions = {
  /** The cells of the study area; only these are returned (with zeros), in this order. */
  studyArea?: readonly CellRef[];
};

export type Neighbourhood = 'queen' | { readonly distance: number };
export type Bin = -3 | -2 | -1 | 0 | 1 | 2 | 3;

export type GiStarOptions = {
  neighbourhood?: Neighbourhood;
  /** Cell size in metres (default 250): converts a distance band to cells, and is kept for polygons. */
  cellSize?: number;
  /** Grid origin (default (0, 0)); kept on the result for polygons. */
  origin?: GridOrigin;
  /** Also compute Benjamini–Hochberg corrected bins (default false). */
  fdr?: boolean;
  /** Significance level for the `significant` flag (default 0.05). */
  alpha?: number;
};

export type GiStarCell = {
  col: number;
  row: number;
  count: number;
  /** W_i: number of cells in the neighbourhood that are in the study area, itself included. */
  neighbours: number;
  /** Σ_j w_ij x_j: the neighbourhood's total count. */
  neighbourSum: number;
  z: number;
  /** Two-sided p-value. */
  p: number;
  bin: Bin;
  /** FDR-corrected bin, or null when `fdr` is off. */
  fdrBin: Bin | null;
  significant: boolean;
};

export type FdrCutoffs = { p90: number | null; p95: number | null; p99: number | null };

export type GiStarResult = {
  cellSize: number;
  origin: GridOrigin;
  neighbourhood: Neighbourhood;
  n: number;
  mean: number;
  /** S, the population standard deviation of the counts. */
  sd: number;
  /** True when every count is equal (S = 0): all z = 0, p = 1, bins 0. */
  noVariation: boolean;
  alpha: number;
  /** BH p-value cutoffs per confidence level when `fdr` is on, else null. */
  fdrCutoffs: FdrCutoffs | null;
  /** Same order as the input cells. */
  cells: GiStarCell[];
};

export const DEFAULT_CELL_SIZE = 250;
const ZERO_ORIGIN: GridOrigin = { easting: 0, northing: 0 };
/** Refuse dense grids larger than this (an Int32Array of 25M cells is 100 MB). */
export const MAX_DENSE_CELLS = 25_000_000;

/** z thresholds (two-sided 90/95/99%) as used by ArcGIS Hot Spot Analysis. */
export const Z_90 = 1.645;
export const Z_95 = 1.96;
export const Z_99 = 2.576;

function checkGrid(cellSize: number, origin: GridOrigin): void {
  if (!(cellSize > 0) || !Number.isFinite(cellSize)) throw new RangeError(`cell size must be a positive number, got ${cellSize}`);
  if (!Number.isFinite(origin.easting) || !Number.isFinite(origin.northing)) throw new RangeError('grid origin must be finite');
}

function checkDenseSize(width: number, height: number): void {
  if (width * height > MAX_DENSE_CELLS) {
    throw new RangeError(
      `grid of ${width} × ${height} cells is too large (max ${MAX_DENSE_CELLS}); filter stray points or pass a study area`,
    );
  }
}

/** The cell containing a point. */
export function cellOf(point: BngPoint, cellSize: number = DEFAULT_CELL_SIZE, origin: GridOrigin = ZERO_ORIGIN): CellRef {
  return {
    col: Math.floor((point.easting - origin.easting) / cellSize),
    row: Math.floor((point.northing - origin.northing) / cellSize),
  };
}

/**
 * Count points per grid cell. Without a study area: every cell in the bounding box of the
 * points' cells, zeros included, row-major. With `options.studyArea`: exactly those cells,
 * in that order; points elsewhere are `dropped`. Throws on duplicate study-area cells.
 */
export function gridCounts(
  points: readonly BngPoint[],
  cellSize: number = DEFAULT_CELL_SIZE,
  origin: GridOrigin = ZERO_ORIGIN,
  options: GridCountsOptions = {},
): GridCounts {
  checkGrid(cellSize, origin);
  const ox = origin.easting;
  const oy = origin.northing;
  const study = options.studyArea;
  const np = points.length;
  let dropped = 0;

  if (study !== undefined) {
    const ns = study.length;
    const cols = new Int32Array(ns);
    const rows = new Int32Array(ns);
    let minC = Infinity;
    let maxC = -Infinity;
    let minR = Infinity;
    let maxR = -Infinity;
    for (let i = 0; i < ns; i++) {
      const cell = study[i]!;
      if (!Number.isSafeInteger(cell.col) || !Number.isSafeInteger(cell.row)) throw new RangeError('study-area cells need integer col and row');
      cols[i] = cell.col;
      rows[i] = cell.row;
      if (cell.col < minC) minC = cell.col;
      if (cell.col > maxC) maxC = cell.col;
      if (cell.row < minR) minR = cell.row;
      if (cell.row > maxR) maxR = cell.row;
    }
    const counts = new Float64Array(ns);
    if (ns > 0) {
      const w = maxC - minC + 1;
      const h = maxR - minR + 1;
      checkDenseSize(w, h);
      const index = new Int32Array(w * h).fill(-1);
      for (let i = 0; i < ns; i++) {
        const k = (rows[i]! - minR) * w + (cols[i]! - minC);
        if (index[k] !== -1) throw new RangeError(`duplicate study-area cell (${cols[i]}, ${rows[i]})`);
        index[k] = i;
      }
      for (let i = 0; i < np; i++) {
        const p = points[i]!;
        const c = Math.floor((p.easting - ox) / cellSize) - minC;
        const r = Math.floor((p.northing - oy) / cellSize) - minR;
        // NaN fails every comparison, so non-finite points are dropped here too.
        if (c >= 0 && c < w && r >= 0 && r < h) {
          const j = index[r * w + c]!;
          if (j >= 0) {
            counts[j]!++;
            continue;
          }
        }
        dropped++;
      }
    } else {
      dropped = np;
    }
    const cells: CellCount[] = new Array(ns);
    for (let i = 0; i < ns; i++) cells[i] = { col: cols[i]!, row: rows[i]!, count: counts[i]! };
    return { cellSize, origin, cells, dropped };
  }

  // Bounding-box mode: pass 1 finds the extent, pass 2 counts.
  let minC = Infinity;
  let maxC = -Infinity;
  let minR = Infinity;
  let maxR = -Infinity;
  for (let i = 0; i < np; i++) {
    const p = points[i]!;
    const c = Math.floor((p.easting - ox) / cellSize);
    const r = Math.floor((p.northing - oy) / cellSize);
    if (!Number.isFinite(c) || !Number.isFinite(r)) continue;
    if (c < minC) minC = c;
    if (c > maxC) maxC = c;
    if (r < minR) minR = r;
    if (r > maxR) maxR = r;
  }
  if (minC === Infinity) return { cellSize, origin, cells: [], dropped: np };
  const w = maxC - minC + 1;
  const h = maxR - minR + 1;
  checkDenseSize(w, h);
  const counts = new Float64Array(w * h);
  for (let i = 0; i < np; i++) {
    const p = points[i]!;
    const c = Math.floor((p.easting - ox) / cellSize) - minC;
    const r = Math.floor((p.northing - oy) / cellSize) - minR;
    if (c >= 0 && c < w && r >= 0 && r < h) counts[r * w + c]!++;
    else dropped++;
  }
  const cells: CellCount[] = new Array(w * h);
  for (let r = 0, k = 0; r < h; r++) {
    for (let c = 0; c < w; c++, k++) cells[k] = { col: c + minC, row: r + minR, count: counts[k]! };
  }
  return { cellSize, origin, cells, dropped };
}

/**
 * The (dCol, dRow) offsets of a neighbourhood, the cell itself included.
 * Queen: the 3 × 3 block. Distance band d: offsets with centre distance ≤ d.
 */
export function neighbourOffsets(neighbourhood: Neighbourhood, cellSize: number = DEFAULT_CELL_SIZE): Array<[number, number]> {
  if (neighbourhood === 'queen') {
    const out: Array<[number, number]> = [];
    for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) out.push([dc, dr]);
    return out;
  }
  const d = neighbourhood.distance;
  if (!(d >= 0) || !Number.isFinite(d)) throw new RangeError(`distance band must be a non-negative number of metres, got ${d}`);
  if (!(cellSize > 0) || !Number.isFinite(cellSize)) throw new RangeError(`cell size must be a positive number, got ${cellSize}`);
  const limit = (d / cellSize) ** 2 * (1 + 1e-9);
  const reach = Math.floor(d / cellSize + 1e-9);
  const out: Array<[number, number]> = [];
  for (let dr = -reach; dr <= reach; dr++) {
    for (let dc = -reach; dc <= reach; dc++) if (dc * dc + dr * dr <= limit) out.push([dc, dr]);
  }
  return out;
}

/** Hot Spot Analysis confidence bin from a z-score (NaN → 0). */
export function confidenceBin(z: number): Bin {
  const a = Math.abs(z);
  const level = a >= Z_99 ? 3 : a >= Z_95 ? 2 : a >= Z_90 ? 1 : 0;
  if (level === 0) return 0;
  return (z > 0 ? level : -level) as Bin;
}

/**
 * erfc(x) for x ≥ 0 by the Chebyshev-fitted approximation published in Numerical Recipes
 * (fractional error < 1.2e-7 everywhere), written out here.
 */
function erfcNonNegative(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return t * Math.exp(-x * x + poly);
}

/** Two-sided p-value of a standard normal z: P(|Z| ≥ |z|) = erfc(|z|/√2). NaN → 1. */
export function twoSidedP(z: number): number {
  if (Number.isNaN(z)) return 1;
  return Math.min(1, erfcNonNegative(Math.abs(z) / Math.SQRT2));
}

/**
 * Benjamini–Hochberg step-up cutoff at false discovery rate q: the largest p_(k) with
 * p_(k) ≤ k·q/m over the m p-values sorted ascending; null if none qualifies.
 * Reject (call significant) every p ≤ the cutoff.
 */
export function benjaminiHochbergCutoff(pValues: ArrayLike<number>, q: number): number | null {
  const m = pValues.length;
  if (m === 0) return null;
  const sorted = Float64Array.from(pValues).sort();
  for (let k = m; k >= 1; k--) {
    const p = sorted[k - 1]!;
    if (p <= (k * q) / m) return p;
  }
  return null;
}

function meets(p: number, cutoff: number | null): boolean {
  return cutoff !== null && p <= cutoff;
}

/** The FDR bin: the highest level whose BH cutoff and uncorrected threshold the cell both meet. */
function fdrLevel(bin: Bin, p: number, cut: FdrCutoffs): Bin {
  const raw = Math.abs(bin);
  const level = raw >= 3 && meets(p, cut.p99) ? 3 : raw >= 2 && meets(p, cut.p95) ? 2 : raw >= 1 && meets(p, cut.p90) ? 1 : 0;
  return (level === 0 ? 0 : bin < 0 ? -level : level) as Bin;
}

/**
 * Gi* for every cell given. The cells are the whole study area (n = cells.length), zeros
 * included. Cells must be unique by (col, row). See the file header for every choice made.
 */
export function giStar(cells: readonly CellCount[], options: GiStarOptions = {}): GiStarResult {
  const neighbourhood = options.neighbourhood ?? 'queen';
  const cellSize = options.cellSize ?? DEFAULT_CELL_SIZE;
  const origin = options.origin ?? ZERO_ORIGIN;
  const alpha = options.alpha ?? 0.05;
  const fdr = options.fdr ?? false;
  checkGrid(cellSize, origin);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  const offsets = neighbourOffsets(neighbourhood, cellSize);

  const n = cells.length;
  const cols = new Int32Array(n);
  const rows = new Int32Array(n);
  const x = new Float64Array(n);
  let minC = Infinity;
  let maxC = -Infinity;
  let minR = Infinity;
  let maxR = -Infinity;
  let sum = 0;
  let minX = Infinity;
  let maxX = -Infinity;
  for (let i = 0; i < n; i++) {
    const cell = cells[i]!;
    if (!Number.isSafeInteger(cell.col) || !Number.isSafeInteger(cell.row)) throw new RangeError('cells need integer col and row');
    if (!Number.isFinite(cell.count)) throw new RangeError(`cell (${cell.col}, ${cell.row}) has a non-finite count`);
    cols[i] = cell.col;
    rows[i] = cell.row;
    x[i] = cell.count;
    sum += cell.count;
    if (cell.count < minX) minX = cell.count;
    if (cell.count > maxX) maxX = cell.count;
    if (cell.col < minC) minC = cell.col;
    if (cell.col > maxC) maxC = cell.col;
    if (cell.row < minR) minR = cell.row;
    if (cell.row > maxR) maxR = cell.row;
  }
  const mean = n > 0 ? sum / n : 0;
  const dev = new Float64Array(n);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - mean;
    dev[i] = d;
    ss += d * d;
  }
  const noVariation = n === 0 || minX === maxX;
  const sd = noVariation ? 0 : Math.sqrt(ss / n);

  const w = n > 0 ? maxC - minC + 1 : 0;
  const h = n > 0 ? maxR - minR + 1 : 0;
  checkDenseSize(w, h);
  const index = new Int32Array(w * h).fill(-1);
  for (let i = 0; i < n; i++) {
    const k = (rows[i]! - minR) * w + (cols[i]! - minC);
    if (index[k] !== -1) throw new RangeError(`duplicate cell (${cols[i]}, ${rows[i]})`);
    index[k] = i;
  }

  const nOff = offsets.length;
  const offC = new Int32Array(nOff);
  const offR = new Int32Array(nOff);
  for (let k = 0; k < nOff; k++) {
    offC[k] = offsets[k]![0];
    offR[k] = offsets[k]![1];
  }

  const zs = new Float64Array(n);
  const ps = new Float64Array(n);
  const wCount = new Int32Array(n);
  const localSum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ci = cols[i]! - minC;
    const ri = rows[i]! - minR;
    let devSum = 0;
    let xSum = 0;
    let wi = 0;
    for (let k = 0; k < nOff; k++) {
      const c = ci + offC[k]!;
      const r = ri + offR[k]!;
      if (c < 0 || c >= w || r < 0 || r >= h) continue;
      const j = index[r * w + c]!;
      if (j < 0) continue;
      devSum += dev[j]!;
      xSum += x[j]!;
      wi++;
    }
    wCount[i] = wi;
    localSum[i] = xSum;
    // Binary weights: Σw² = Σw = wi.
    const varFactor = (n * wi - wi * wi) / (n - 1);
    let z = 0;
    if (!noVariation && varFactor > 0) z = devSum / (sd * Math.sqrt(varFactor));
    zs[i] = z;
    ps[i] = z === 0 ? 1 : twoSidedP(z);
  }

  let fdrCutoffs: FdrCutoffs | null = null;
  let alphaCutoff: number | null = null;
  if (fdr) {
    fdrCutoffs = {
      p90: benjaminiHochbergCutoff(ps, 0.1),
      p95: benjaminiHochbergCutoff(ps, 0.05),
      p99: benjaminiHochbergCutoff(ps, 0.01),
    };
    alphaCutoff = benjaminiHochbergCutoff(ps, alpha);
  }

  const out: GiStarCell[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const z = zs[i]!;
    const p = ps[i]!;
    const bin = confidenceBin(z);
    let fdrBin: Bin | null = null;
    let significant = p < alpha;
    if (fdrCutoffs !== null) {
      fdrBin = fdrLevel(bin, p, fdrCutoffs);
      significant = alphaCutoff !== null && p <= alphaCutoff;
    }
    out[i] = {
      col: cols[i]!,
      row: rows[i]!,
      count: x[i]!,
      neighbours: wCount[i]!,
      neighbourSum: localSum[i]!,
      z,
      p,
      bin,
      fdrBin,
      significant,
    };
  }

  return { cellSize, origin, neighbourhood, n, mean, sd, noVariation, alpha, fdrCutoffs, cells: out };
}

/**
 * The n hottest cells: z > 0 only, highest z first (ties: lower row, then lower col).
 * Does not filter on significance; filter on `bin`/`fdrBin` if you need that.
 */
export function topHotspots(result: GiStarResult, n: number): GiStarCell[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  return result.cells
    .filter((c) => c.z > 0)
    .sort((a, b) => b.z - a.z || a.row - b.row || a.col - b.col)
    .slice(0, n);
}

export type Corner = [easting: number, northing: number];

/** A cell's 4 corners in BNG metres, anticlockwise from the south-west: SW, SE, NE, NW. */
export function cellCorners(cell: CellRef, grid: GridSpec): [Corner, Corner, Corner, Corner] {
  const s = grid.cellSize;
  const w = grid.origin.easting + cell.col * s;
  const south = grid.origin.northing + cell.row * s;
  const e = w + s;
  const north = south + s;
  return [
    [w, south],
    [e, south],
    [e, north],
    [w, north],
  ];
}

/** A cell's centre in BNG metres. */
export function cellCentre(cell: CellRef, grid: GridSpec): { easting: number; northing: number } {
  return {
    easting: grid.origin.easting + (cell.col + 0.5) * grid.cellSize,
    northing: grid.origin.northing + (cell.row + 0.5) * grid.cellSize,
  };
}

/** The cell as closed WKT, e.g. for ST_GeomFromText(wkt, 27700). */
export function cellPolygonWkt(cell: CellRef, grid: GridSpec): string {
  const ring = cellCorners(cell, grid);
  const pts = [...ring, ring[0]].map(([e, n]) => `${e} ${n}`).join(', ');
  return `POLYGON((${pts}))`;
}

/**
 * The study area for Gi*: the grid cells whose centre lies inside a boundary, and boundaries
 * projected from longitude/latitude to British National Grid. Pure: no I/O.
 *
 * Inside is decided by the even–odd rule over every ring of every polygon (so holes are holes and
 * separate polygons are separate parts), by a scanline per row of cells: the horizontal line
 * through the row's centres is cut with every edge (each edge taken as half-open in northing,
 * so a vertex on the line is counted once), the crossings sorted, and the cells whose centre lies
 * between the 1st and 2nd, 3rd and 4th … crossings are inside. That is O(rows × edges), not
 * O(cells × edges). A centre exactly on a vertical edge counts as inside on the left crossing and
 * outside on the right one, as any half-open rule must choose one side.
 */
import { toBng } from './bng.ts';
import type { CellRef, GridSpec } from './gi-star.ts';

/** [easting, northing] in metres. */
export type BngRing = [number, number][];
/** Polygons, each a list of rings (outer boundary and holes). */
export type BngPolygons = BngRing[][];

/** Longitude/latitude polygons (GeoJSON order: polygon → ring → [lon, lat]) to British National Grid metres. */
export function projectPolygons(polygons: readonly (readonly (readonly (readonly [number, number])[])[])[]): BngPolygons {
  return polygons.map((rings) =>
    rings.map((ring) =>
      ring.map(([longitude, latitude]) => {
        const p = toBng(longitude, latitude);
        return [p.easting, p.northing] as [number, number];
      }),
    ),
  );
}

export interface Extent {
  minE: number;
  minN: number;
  maxE: number;
  maxN: number;
}

export function extentOf(polygons: BngPolygons): Extent | null {
  let minE = Infinity;
  let minN = Infinity;
  let maxE = -Infinity;
  let maxN = -Infinity;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (const [e, n] of ring) {
        if (e < minE) minE = e;
        if (e > maxE) maxE = e;
        if (n < minN) minN = n;
        if (n > maxN) maxN = n;
      }
    }
  }
  return minE === Infinity ? null : { minE, minN, maxE, maxN };
}

/** The cells whose centre is inside the polygons (even–odd over all rings), row by row from the south, west to east. */
export function cellsInside(polygons: BngPolygons, grid: GridSpec): CellRef[] {
  const extent = extentOf(polygons);
  if (!extent) return [];
  const s = grid.cellSize;
  const ox = grid.origin.easting;
  const oy = grid.origin.northing;
  // Edges as flat arrays: e1, n1, e2, n2.
  const edges: number[] = [];
  for (const rings of polygons) {
    for (const ring of rings) {
      const m = ring.length;
      if (m < 3) continue;
      for (let i = 0; i < m; i++) {
        const a = ring[i] as [number, number];
        const b = ring[(i + 1) % m] as [number, number];
        if (a[0] === b[0] && a[1] === b[1]) continue; // the closing repeat, or a repeated point
        edges.push(a[0], a[1], b[0], b[1]);
      }
    }
  }
  const firstRow = Math.floor((extent.minN - oy) / s);
  const lastRow = Math.floor((extent.maxN - oy) / s);
  const out: CellRef[] = [];
  const crossings: number[] = [];
  for (let row = firstRow; row <= lastRow; row++) {
    const y = oy + (row + 0.5) * s;
    crossings.length = 0;
    for (let k = 0; k < edges.length; k += 4) {
      const n1 = edges[k + 1] as number;
      const n2 = edges[k + 3] as number;
      // Half-open in northing: the edge crosses y if exactly one end is at or above y.
      if (n1 > y !== n2 > y) {
        const e1 = edges[k] as number;
        const e2 = edges[k + 2] as number;
        crossings.push(e1 + ((y - n1) * (e2 - e1)) / (n2 - n1));
      }
    }
    if (crossings.length < 2) continue;
    crossings.sort((a, b) => a - b);
    for (let i = 0; i + 1 < crossings.length; i += 2) {
      const left = crossings[i] as number;
      const right = crossings[i + 1] as number;
      // Centres ox + (col + 0.5)s in [left, right).
      const firstCol = Math.ceil((left - ox) / s - 0.5) + 0; // + 0 turns -0 into 0
      const lastCol = Math.ceil((right - ox) / s - 0.5) - 1;
      for (let col = firstCol; col <= lastCol; col++) out.push({ col, row });
    }
  }
  return out;
}

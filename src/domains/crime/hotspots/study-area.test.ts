import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pointInHotspot } from '../patrols/geofence.ts';
import { cellsInside, extentOf, projectPolygons, type BngPolygons } from './study-area.ts';
import { toBng } from './bng.ts';

const grid = { cellSize: 100, origin: { easting: 0, northing: 0 } };

test('a square: exactly the cells whose centre is inside', () => {
  // 0..1000 × 0..500: centres 50, 150 … 950 by 50 … 450 → 10 × 5 cells.
  const square: BngPolygons = [[[[0, 0], [1000, 0], [1000, 500], [0, 500], [0, 0]]]];
  const cells = cellsInside(square, grid);
  assert.equal(cells.length, 50);
  assert.deepEqual(cells[0], { col: 0, row: 0 });
  assert.deepEqual(cells.at(-1), { col: 9, row: 4 });
});

test('a hole is left out, a second polygon is added, and each cell appears once', () => {
  const outer: [number, number][] = [[0, 0], [1000, 0], [1000, 1000], [0, 1000]];
  const hole: [number, number][] = [[200, 200], [200, 400], [400, 400], [400, 200]]; // 2 × 2 cells
  const island: [number, number][] = [[2000, 0], [2100, 0], [2100, 100], [2000, 100]]; // 1 cell
  const cells = cellsInside([[outer, hole], [island]], grid);
  assert.equal(cells.length, 100 - 4 + 1);
  assert.ok(!cells.some((c) => c.col === 2 && c.row === 2));
  assert.ok(cells.some((c) => c.col === 20 && c.row === 0));
  assert.equal(new Set(cells.map((c) => `${c.col},${c.row}`)).size, cells.length);
});

test('an irregular polygon agrees with a point-in-polygon test of every centre (geofence.ts, a different code path)', () => {
  const ring: [number, number][] = [[130, 70], [2210, 340], [1800, 1490], [1010, 760], [420, 1930], [-350, 880]];
  const cells = cellsInside([[ring]], grid);
  const set = new Set(cells.map((c) => `${c.col},${c.row}`));
  let checked = 0;
  for (let row = -5; row < 25; row++) {
    for (let col = -5; col < 25; col++) {
      const e = (col + 0.5) * 100;
      const n = (row + 0.5) * 100;
      assert.equal(set.has(`${col},${row}`), pointInHotspot({ id: 'x', rings: [ring] }, e, n), `cell ${col},${row}`);
      checked++;
    }
  }
  assert.ok(checked > 0 && cells.length > 50);
});

test('projection: longitude/latitude rings become BNG metres point by point, and the extent covers them', () => {
  const polygons = projectPolygons([[[[-0.5, 52], [-0.4, 52], [-0.4, 52.1], [-0.5, 52]]]]);
  const p = toBng(-0.4, 52.1);
  assert.deepEqual(polygons[0]?.[0]?.[2], [p.easting, p.northing]);
  const extent = extentOf(polygons);
  assert.ok(extent && extent.maxN === p.northing && extent.minE < extent.maxE);
  assert.equal(extentOf([]), null);
});

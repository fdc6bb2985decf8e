import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { containsPoint, readBoundaryFile } from './boundaries-file.ts';

const square = [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]];

test('GeoJSON: code and name found from the properties, polygons and multipolygons', () => {
  const boundaries = readBoundaryFile(
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { LSOA11CD: 'E01015693', LSOA11NM: 'Luton 007A' }, geometry: { type: 'Polygon', coordinates: square } },
        { type: 'Feature', properties: { LAD13CDO: '00KA', LAD13CD: 'E06000032', LAD13NM: 'Luton' }, geometry: { type: 'MultiPolygon', coordinates: [square] } },
      ],
    }),
  );
  assert.deepEqual(boundaries.map((b) => [b.code, b.name, b.polygons.length]), [['E01015693', 'Luton 007A', 1], ['E06000032', 'Luton', 1]]);
  assert.equal(containsPoint(boundaries[0]!, 1, 1), true);
  assert.equal(containsPoint(boundaries[0]!, 3, 1), false);
});

test('TopoJSON: quantised, delta-encoded arcs and reversed arcs are decoded', () => {
  // Two unit squares sharing the edge x=1: arc 0 is the shared edge, used reversed (~0 = -1) by the second.
  const topology = {
    type: 'Topology',
    transform: { scale: [0.5, 0.5], translate: [10, 50] },
    arcs: [
      [[2, 0], [0, 2]], // (1,0) → (1,1) after the transform: x = 2·0.5+10 = 11, y = 50 → 51
      [[2, 2], [-2, 0], [0, -2], [2, 0]], // (11,51) → (10,51) → (10,50) → (11,50)
      [[2, 0], [2, 0], [0, 2], [-2, 0]], // (11,50) → (12,50) → (12,51) → (11,51)
    ],
    objects: {
      lad: {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Polygon', properties: { LAD13CD: 'E06000001', LAD13NM: 'West' }, arcs: [[0, 1]] },
          { type: 'MultiPolygon', properties: { LAD13CD: 'E06000002', LAD13NM: 'East' }, arcs: [[[2, -1]]] },
        ],
      },
    },
  };
  const [west, east] = readBoundaryFile(JSON.stringify(topology));
  assert.deepEqual(west?.polygons[0]?.[0], [[11, 50], [11, 51], [10, 51], [10, 50], [11, 50]]);
  assert.deepEqual(east?.polygons[0]?.[0], [[11, 50], [12, 50], [12, 51], [11, 51], [11, 50]]);
  assert.equal(containsPoint(west!, 10.5, 50.5), true);
  assert.equal(containsPoint(east!, 10.5, 50.5), false);
});

test('files that are not boundaries are refused with where the problem is', () => {
  assert.throws(() => readBoundaryFile('{', 'x.json'), /x\.json is not JSON/);
  assert.throws(() => readBoundaryFile('{"type":"Feature"}', 'x.json'), /neither a GeoJSON FeatureCollection nor a TopoJSON Topology/);
  assert.throws(() => readBoundaryFile(JSON.stringify({ type: 'FeatureCollection', features: [{ properties: { name: 'x' }, geometry: { type: 'Polygon', coordinates: square } }] }), 'b.json'), /b\.json, feature 1: no property holds a GSS code/);
  assert.throws(() => readBoundaryFile(JSON.stringify({ type: 'FeatureCollection', features: [{ properties: { LSOA11CD: 'E01015693' }, geometry: { type: 'Point', coordinates: [0, 0] } }] }), 'b.json'), /a Point is not an area/);
  assert.throws(() => readBoundaryFile(JSON.stringify({ type: 'FeatureCollection', features: [{ properties: { LSOA11CD: 'E01015693' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [999, 0], [1, 1], [0, 0]]] } }] }), 'b.json'), /position 2 is not a longitude and latitude/);
});

const raw = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/raw/uk-geojson-martinjc/json');

test('the real files: Bedfordshire LSOAs (GeoJSON) and England local authorities (TopoJSON)', (t) => {
  if (!fs.existsSync(raw)) {
    if (process.env.CI) assert.fail(`the real boundary files are missing at ${raw}`);
    t.skip(`SKIPPED: real boundary files not found at ${raw}`);
    return;
  }
  const counts = ['E06000032', 'E06000055', 'E06000056'].map((lad) => readBoundaryFile(fs.readFileSync(path.join(raw, `statistical/eng/lsoa_by_lad/${lad}.json`))).length);
  assert.deepEqual(counts, [121, 103, 157]);
  const lads = readBoundaryFile(fs.readFileSync(path.join(raw, 'administrative/eng/topo_lad.json')), 'topo_lad.json');
  assert.equal(lads.length, 326);
  const luton = lads.find((b) => b.code === 'E06000032');
  const bedford = lads.find((b) => b.code === 'E06000055');
  assert.equal(luton?.name, 'Luton');
  // Luton town centre and Bedford town centre fall in their own authorities, not each other's.
  assert.equal(containsPoint(luton!, -0.4200, 51.8787), true);
  assert.equal(containsPoint(bedford!, -0.4200, 51.8787), false);
  assert.equal(containsPoint(bedford!, -0.4663, 52.1356), true);
});

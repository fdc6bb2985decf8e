import assert from 'node:assert/strict';
import { test } from 'node:test';
import { binOrder, binStyles, renderHotspotMap, renderSwatch } from './hotspot-map.ts';

const base = {
  id: 'm',
  title: 'Hot <spots>',
  description: 'A test map',
  cellSize: 100,
  origin: { easting: 0, northing: 0 },
  outlines: [],
  extent: { minE: 0, minN: 0, maxE: 1000, maxN: 1000 },
};

test('an image with a title and description, no style attributes, one pattern per bin', () => {
  const svg = renderHotspotMap({ ...base, cells: [], markers: [] });
  assert.match(svg, /^<svg class="app-hotspot-map" id="m"[^>]*role="img" aria-labelledby="m-title m-desc"/);
  assert.match(svg, /<title id="m-title">Hot &lt;spots&gt;<\/title>/);
  assert.doesNotMatch(svg, /style=/);
  for (const b of binOrder) assert.match(svg, new RegExp(`<pattern id="m-bin${b < 0 ? 'm' : 'p'}${Math.abs(b)}"`));
  assert.equal(new Set(binOrder.map((b) => binStyles[b].pattern)).size, 6, 'every bin has its own pattern, not only its own colour');
  assert.match(renderSwatch('k', -2), /fill="url\(#k-binm2\)"/);
});

test('north up: a cell further north is drawn higher; bin 0 cells are not drawn', () => {
  const svg = renderHotspotMap({ ...base, cells: [{ col: 2, row: 1, bin: 3 }, { col: 2, row: 8, bin: -1 }, { col: 5, row: 5, bin: 0 }], markers: [] });
  // Padding of one cell: x = e − (minE − 100), y = (maxN + 100) − northing of the cell's top edge.
  assert.match(svg, /<path class="app-hotspot-map__bin" d="M300 900h100v100h-100z" fill="url\(#m-binp3\)"/);
  assert.match(svg, /<path class="app-hotspot-map__bin" d="M300 200h100v100h-100z" fill="url\(#m-binm1\)"/);
  assert.equal((svg.match(/app-hotspot-map__bin"/g) ?? []).length, 2);
});

test('markers: every marked cell outlined; a label that would cover a higher-ranked one is left out', () => {
  const svg = renderHotspotMap({ ...base, cells: [], markers: [{ col: 1, row: 1, label: '1' }, { col: 2, row: 1, label: '2' }, { col: 8, row: 8, label: '3' }] });
  assert.equal((svg.match(/app-hotspot-map__marked"/g) ?? []).length, 3);
  const labels = [...svg.matchAll(/<text [^>]*>(\d)<\/text>/g)].map((m) => m[1]);
  assert.deepEqual(labels, ['1', '3']);
});

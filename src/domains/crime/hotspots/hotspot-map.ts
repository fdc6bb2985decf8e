/**
 * The hotspot map: server-rendered SVG in British National Grid metres, north up. Cells are drawn
 * by confidence bin, each bin with its own colour AND its own pattern (so the key does not rely on
 * colour alone), the top hotspots are numbered as in the table beside the map, and outlines
 * (local authorities, the study area) are drawn when given. No style attributes (the CSP allows
 * none): presentation attributes only. Pure: no I/O.
 */
import type { Bin } from './gi-star.ts';
import type { BngPolygons, Extent } from './study-area.ts';

export interface MapCell {
  col: number;
  row: number;
  bin: Bin;
}

export interface MapInput {
  id: string;
  title: string;
  description: string;
  cellSize: number;
  origin: { easting: number; northing: number };
  /** Cells to draw (bin 0 cells are not drawn). */
  cells: readonly MapCell[];
  /** Numbered markers, e.g. the top hotspots: label drawn at the cell centre. */
  markers: readonly { col: number; row: number; label: string }[];
  /** Outlines drawn over the cells, with a name for each (e.g. local authorities). */
  outlines: readonly { name: string; polygons: BngPolygons }[];
  /** The area to show (e.g. the study area's extent). */
  extent: Extent;
  /** Pixel width the map is drawn at; the height follows the extent. */
  width?: number;
}

export const binStyles: Record<Exclude<Bin, 0>, { label: string; fill: string; pattern: string; patternText: string }> = {
  3: { label: 'Hot spot, 99% confidence', fill: '#b2182b', pattern: 'cross', patternText: 'dark red, cross-hatched' },
  2: { label: 'Hot spot, 95% confidence', fill: '#ef8a62', pattern: 'diagonal', patternText: 'orange, diagonal lines' },
  1: { label: 'Hot spot, 90% confidence', fill: '#fddbc7', pattern: 'dots', patternText: 'pale orange, dotted' },
  [-1]: { label: 'Cold spot, 90% confidence', fill: '#d1e5f0', pattern: 'vertical', patternText: 'pale blue, vertical lines' },
  [-2]: { label: 'Cold spot, 95% confidence', fill: '#67a9cf', pattern: 'horizontal', patternText: 'blue, horizontal lines' },
  [-3]: { label: 'Cold spot, 99% confidence', fill: '#2166ac', pattern: 'grid', patternText: 'dark blue, grid' },
};

export const binOrder: Exclude<Bin, 0>[] = [3, 2, 1, -1, -2, -3];

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
const r1 = (x: number) => Math.round(x * 10) / 10;

/** The pattern drawn over a bin's fill colour, in a tile of `t` user units. */
function patternMarkup(id: string, bin: Exclude<Bin, 0>, t: number): string {
  const { fill, pattern } = binStyles[bin];
  const ink = Math.abs(bin) >= 2 ? '#ffffff' : '#0b0c0c';
  const w = r1(t / 8);
  const lines: Record<string, string> = {
    cross: `<path d="M0 0L${t} ${t}M${t} 0L0 ${t}" stroke="${ink}" stroke-width="${w}"/>`,
    diagonal: `<path d="M0 ${t}L${t} 0" stroke="${ink}" stroke-width="${w}"/>`,
    dots: `<circle cx="${t / 2}" cy="${t / 2}" r="${r1(t / 7)}" fill="${ink}"/>`,
    vertical: `<path d="M${t / 2} 0V${t}" stroke="${ink}" stroke-width="${w}"/>`,
    horizontal: `<path d="M0 ${t / 2}H${t}" stroke="${ink}" stroke-width="${w}"/>`,
    grid: `<path d="M${t / 2} 0V${t}M0 ${t / 2}H${t}" stroke="${ink}" stroke-width="${w}"/>`,
  };
  return `<pattern id="${id}-bin${bin < 0 ? 'm' : 'p'}${Math.abs(bin)}" patternUnits="userSpaceOnUse" width="${t}" height="${t}"><rect width="${t}" height="${t}" fill="${fill}"/>${lines[pattern]}</pattern>`;
}

export function patternId(mapId: string, bin: Exclude<Bin, 0>): string {
  return `${mapId}-bin${bin < 0 ? 'm' : 'p'}${Math.abs(bin)}`;
}

/** A key swatch (a small SVG) for a bin, with the same pattern as the map. */
export function renderSwatch(id: string, bin: Exclude<Bin, 0>): string {
  const t = 8;
  return `<svg class="app-hotspot-swatch" width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><defs>${patternMarkup(id, bin, t)}</defs><rect x="0.5" y="0.5" width="23" height="23" fill="url(#${patternId(id, bin)})" stroke="#0b0c0c"/></svg>`;
}

export function renderHotspotMap(input: MapInput): string {
  const { id, cellSize: s, origin, extent } = input;
  const width = input.width ?? 760;
  const pad = s;
  const minE = extent.minE - pad;
  const maxN = extent.maxN + pad;
  const w = extent.maxE - extent.minE + 2 * pad;
  const h = extent.maxN - extent.minN + 2 * pad;
  const height = Math.max(1, Math.round((width * h) / w));
  // SVG y grows downwards: y = maxN − northing puts north up.
  const x = (e: number) => r1(e - minE);
  const y = (n: number) => r1(maxN - n);
  const tile = s / 2;
  const out: string[] = [];
  out.push(
    `<svg class="app-hotspot-map" id="${id}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${r1(w)} ${r1(h)}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
  );
  out.push(`<title id="${id}-title">${escapeXml(input.title)}</title><desc id="${id}-desc">${escapeXml(input.description)}</desc>`);
  out.push(`<defs>${binOrder.map((b) => patternMarkup(id, b, tile)).join('')}</defs>`);
  out.push(`<rect width="${r1(w)}" height="${r1(h)}" fill="#ffffff"/>`);
  // One path per bin: each cell a square sub-path.
  for (const bin of binOrder) {
    let d = '';
    for (const c of input.cells) {
      if (c.bin !== bin) continue;
      const e = origin.easting + c.col * s;
      const n = origin.northing + (c.row + 1) * s;
      d += `M${x(e)} ${y(n)}h${s}v${s}h-${s}z`;
    }
    if (d) out.push(`<path class="app-hotspot-map__bin" d="${d}" fill="url(#${patternId(id, bin)})" stroke="#505a5f" stroke-width="${r1(s / 25)}"><title>${escapeXml(binStyles[bin].label)}</title></path>`);
  }
  for (const outline of input.outlines) {
    let d = '';
    for (const rings of outline.polygons) {
      for (const ring of rings) {
        if (ring.length < 2) continue;
        d += ring.map(([e, n], i) => `${i === 0 ? 'M' : 'L'}${x(e)} ${y(n)}`).join('') + 'Z';
      }
    }
    if (d) out.push(`<path class="app-hotspot-map__outline" d="${d}" fill="none" stroke="#0b0c0c" stroke-width="${r1(s / 5)}" stroke-linejoin="round"><title>${escapeXml(outline.name)}</title></path>`);
  }
  const fontSize = r1(Math.max(s * 1.6, w / 60));
  // Marked cells get a heavy outline; their labels are drawn where they do not overlap a label
  // already placed (higher-ranked markers come first), so a dense cluster stays readable.
  const placed: { x: number; y: number }[] = [];
  const radius = fontSize * 0.75;
  for (const m of input.markers) {
    const e = origin.easting + m.col * s;
    const n = origin.northing + (m.row + 1) * s;
    out.push(`<path class="app-hotspot-map__marked" d="M${x(e)} ${y(n)}h${s}v${s}h-${s}z" fill="none" stroke="#0b0c0c" stroke-width="${r1(s / 6)}"><title>${escapeXml(`Hotspot ${m.label}`)}</title></path>`);
  }
  for (const m of input.markers) {
    const cx = x(origin.easting + (m.col + 0.5) * s);
    const cy = y(origin.northing + (m.row + 0.5) * s);
    if (placed.some((p) => Math.hypot(p.x - cx, p.y - cy) < radius * 2.1)) continue;
    placed.push({ x: cx, y: cy });
    out.push(
      `<g class="app-hotspot-map__marker"><circle cx="${cx}" cy="${cy}" r="${r1(radius)}" fill="#ffffff" stroke="#0b0c0c" stroke-width="${r1(fontSize / 10)}"/><text x="${cx}" y="${cy}" font-size="${fontSize}" text-anchor="middle" dominant-baseline="central" fill="#0b0c0c" font-family="Arial, sans-serif">${escapeXml(m.label)}</text></g>`,
    );
  }
  // Scale bar: 1 km (or 5 km on a wide map) in the south-west corner.
  const bar = w > 40_000 ? 5000 : 1000;
  const bx = r1(pad / 2);
  const by = r1(h - pad / 2);
  out.push(
    `<g class="app-hotspot-map__scale"><path d="M${bx} ${by}h${bar}" stroke="#0b0c0c" stroke-width="${r1(fontSize / 6)}"/><text x="${bx}" y="${r1(by - fontSize * 0.4)}" font-size="${fontSize}" fill="#0b0c0c" font-family="Arial, sans-serif">${bar / 1000} km</text></g>`,
  );
  out.push(`<g class="app-hotspot-map__north"><text x="${r1(w - pad / 2)}" y="${r1(fontSize * 1.2)}" font-size="${fontSize}" text-anchor="end" fill="#0b0c0c" font-family="Arial, sans-serif">N ↑</text></g>`);
  out.push('</svg>');
  return out.join('');
}

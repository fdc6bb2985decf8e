import { chartScales } from '../chart-scales.ts';
import { formatDate } from '../../platform/views/format.ts';
// A measure's series as an accessible, server-rendered SVG line chart with its baseline and targets.
// Presentation attributes only (no style attributes), so the page's CSP needs no 'unsafe-inline'.

export interface ChartPoint {
  period: string;
  periodStart: string;
  periodEnd: string;
  value: number | null;
  markers: string[];
}

export interface ChartSeries {
  name: string;
  points: ChartPoint[];
}

export interface ChartReference {
  label: string;
  value: number;
  /** Series name it belongs to, when there is one per place. */
  seriesName?: string;
}

export interface ChartTarget {
  label: string;
  value: number;
  byDate: string | null;
  fromValue: number | null; // where the line to the target starts (the baseline)
}

export interface LineChartInput {
  id: string;
  title: string;
  unit: string;
  decimals: number;
  series: ChartSeries[];
  baselines: ChartReference[];
  targets: ChartTarget[];
  startDate?: string | null; // where the line to a target starts (e.g. the plan's start)
}

export const seriesColours = ['#1d2c4c', '#00703c', '#912b88', '#1d70b8', '#6f3c00'];
const shapes = ['circle', 'square', 'triangle', 'diamond', 'circle'] as const;

const width = 720;
const height = 360;
const margin = { top: 20, right: 30, bottom: 50, left: 70 };

/** A small picture of a series' line and marker, for the key beside the chart. */
export function seriesSwatch(index: number): string {
  const colour = seriesColours[index % seriesColours.length] ?? '#1d2c4c';
  const shape = shapes[index % shapes.length] ?? 'circle';
  return `<svg width="34" height="14" viewBox="0 0 34 14" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg"><line x1="0" y1="7" x2="34" y2="7" stroke="${colour}" stroke-width="2.5"/>${marker(shape, 17, 7, colour, '').replace('<title></title>', '')}</svg>`;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const day = 86_400_000;
const time = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const midpoint = (p: { periodStart: string; periodEnd: string }) => (time(p.periodStart) + time(p.periodEnd) + day) / 2;


function format(value: number, decimals: number): string {
  return value.toLocaleString('en-GB', { minimumFractionDigits: 0, maximumFractionDigits: decimals });
}

function marker(shape: (typeof shapes)[number], x: number, y: number, colour: string, title: string): string {
  const t = `<title>${escapeXml(title)}</title>`;
  const common = `fill="${colour}" stroke="#ffffff" stroke-width="1.5"`;
  switch (shape) {
    case 'square':
      return `<rect x="${(x - 4.5).toFixed(1)}" y="${(y - 4.5).toFixed(1)}" width="9" height="9" ${common}>${t}</rect>`;
    case 'triangle':
      return `<polygon points="${x.toFixed(1)},${(y - 6).toFixed(1)} ${(x + 5.5).toFixed(1)},${(y + 4).toFixed(1)} ${(x - 5.5).toFixed(1)},${(y + 4).toFixed(1)}" ${common}>${t}</polygon>`;
    case 'diamond':
      return `<polygon points="${x.toFixed(1)},${(y - 6).toFixed(1)} ${(x + 6).toFixed(1)},${y.toFixed(1)} ${x.toFixed(1)},${(y + 6).toFixed(1)} ${(x - 6).toFixed(1)},${y.toFixed(1)}" ${common}>${t}</polygon>`;
    default:
      return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4.5" ${common}>${t}</circle>`;
  }
}

export function renderLineChart(input: LineChartInput): string {
  const points = input.series.flatMap((s) => s.points.filter((p) => p.value !== null));
  const times = points.map(midpoint);
  for (const t of input.targets) if (t.byDate) times.push(time(t.byDate));
  if (input.startDate && input.targets.length) times.push(time(input.startDate));
  const values = [...points.map((p) => p.value as number), ...input.baselines.map((b) => b.value), ...input.targets.map((t) => t.value)];
  if (!times.length || !values.length) return '';
  const { x, y, vMin, vMax, step, tMin, tMax, plotW, plotH } = chartScales({
    times,
    domain: [Math.min(...values), Math.max(...values)],
    zeroBased: (min) => min >= 0,
    width,
    height,
    margin,
  });

  const parts: string[] = [];
  const titleId = `${input.id}-title`;
  const descId = `${input.id}-desc`;
  const description = `Line chart of ${input.title} in ${input.unit || 'the measure’s unit'}. ${input.series.length} series; baselines and targets are drawn as reference lines. The same figures are in the table below the chart.`;
  parts.push(
    `<svg class="app-chart" id="${escapeXml(input.id)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${titleId} ${descId}" xmlns="http://www.w3.org/2000/svg" font-family="arial, sans-serif" font-size="13">`,
    `<title id="${titleId}">${escapeXml(input.title)}</title>`,
    `<desc id="${descId}">${escapeXml(description)}</desc>`,
  );
  // Y axis grid and labels.
  parts.push('<g class="app-chart__y-axis" aria-hidden="true">');
  for (let v = vMin; v <= vMax + step / 2; v += step) {
    const yy = y(v).toFixed(1);
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${yy}" y2="${yy}" stroke="#d8d8d8" stroke-width="1"/>`);
    parts.push(`<text x="${margin.left - 8}" y="${yy}" text-anchor="end" dominant-baseline="middle" fill="#0b0c0c">${escapeXml(format(v, input.decimals))}</text>`);
  }
  parts.push(`<text transform="translate(16 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle" fill="#0b0c0c">${escapeXml(input.unit)}</text>`);
  parts.push('</g>');
  // X axis: years, or months when the span is short.
  parts.push('<g class="app-chart__x-axis" aria-hidden="true">');
  parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${margin.top + plotH}" y2="${margin.top + plotH}" stroke="#0b0c0c"/>`);
  const firstYear = new Date(tMin).getUTCFullYear();
  const lastYear = new Date(tMax).getUTCFullYear() + 1;
  const yearStep = Math.max(1, Math.ceil((lastYear - firstYear) / 8));
  for (let year = firstYear; year <= lastYear; year += yearStep) {
    const t = Date.UTC(year, 0, 1);
    if (t < tMin || t > tMax) continue;
    const xx = x(t).toFixed(1);
    parts.push(`<line x1="${xx}" x2="${xx}" y1="${margin.top + plotH}" y2="${margin.top + plotH + 6}" stroke="#0b0c0c"/>`);
    parts.push(`<text x="${xx}" y="${margin.top + plotH + 22}" text-anchor="middle" fill="#0b0c0c">${year}</text>`);
  }
  parts.push('</g>');
  // Baselines: dashed.
  for (const b of input.baselines) {
    const colourIndex = b.seriesName ? Math.max(0, input.series.findIndex((s) => s.name === b.seriesName)) : 0;
    const yy = y(b.value).toFixed(1);
    parts.push(
      `<g class="app-chart__baseline"><title>${escapeXml(`${b.label}: ${format(b.value, input.decimals)}`)}</title><line x1="${margin.left}" x2="${width - margin.right}" y1="${yy}" y2="${yy}" stroke="${b.seriesName ? seriesColours[colourIndex % seriesColours.length] : '#505a5f'}" stroke-width="2" stroke-dasharray="8 5"/></g>`,
    );
  }
  // Targets: a dotted line from the baseline to the target, and a ring at the target.
  for (const t of input.targets) {
    const tx = t.byDate ? x(time(t.byDate)) : width - margin.right;
    const ty = y(t.value);
    const label = `${t.label}: ${format(t.value, input.decimals)}${t.byDate ? ` by ${formatDate(t.byDate)}` : ''}`;
    const start = input.startDate ? x(time(input.startDate)) : margin.left;
    const fromY = t.fromValue === null ? ty : y(t.fromValue);
    parts.push(
      `<g class="app-chart__target"><title>${escapeXml(label)}</title><line x1="${start.toFixed(1)}" y1="${fromY.toFixed(1)}" x2="${tx.toFixed(1)}" y2="${ty.toFixed(1)}" stroke="#00703c" stroke-width="2" stroke-dasharray="2 4"/><circle cx="${tx.toFixed(1)}" cy="${ty.toFixed(1)}" r="7" fill="none" stroke="#00703c" stroke-width="3"/></g>`,
    );
  }
  // Series.
  input.series.forEach((s, index) => {
    const colour = seriesColours[index % seriesColours.length] ?? '#1d2c4c';
    const shape = shapes[index % shapes.length] ?? 'circle';
    const valued = s.points.filter((p) => p.value !== null);
    parts.push(`<g class="app-chart__series" aria-label="${escapeXml(s.name)}">`);
    // Break the line where a value is missing rather than joining across the gap.
    let path = '';
    let pen = false;
    for (const p of s.points) {
      if (p.value === null) {
        pen = false;
        continue;
      }
      path += `${pen ? 'L' : 'M'}${x(midpoint(p)).toFixed(1)},${y(p.value).toFixed(1)}`;
      pen = true;
    }
    if (path) parts.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="2.5"/>`);
    if (valued.length <= 120) {
      for (const p of valued) {
        const markers = p.markers.length ? ` [${p.markers.join('][')}]` : '';
        parts.push(marker(shape, x(midpoint(p)), y(p.value as number), colour, `${s.name}, ${p.period}: ${format(p.value as number, input.decimals)}${markers}`));
      }
    }
    parts.push('</g>');
  });
  parts.push('</svg>');
  return parts.join('');
}

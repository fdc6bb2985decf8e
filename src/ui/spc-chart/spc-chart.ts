// An XmR (SPC) chart as accessible server-rendered SVG: the values coloured and shaped by their
// classification (never colour alone), the mean and process limits per segment, and, where there is
// a target, the trajectory to it and the forecast with its prediction interval.
import { formatDate } from '../../platform/views/format.ts';
import { chartScales } from '../chart-scales.ts';
import { escapeXml } from '../line-chart/line-chart.ts';

export interface SpcChartPoint {
  period: string;
  date: string; // ISO, the period's middle
  value: number;
  markers: string[];
  classification: 'improvement' | 'concern' | 'neutral' | 'common';
  rules: string[]; // text equivalents of the rules the point is part of
}

export interface SpcChartSegment {
  fromDate: string;
  toDate: string;
  mean: number;
  upper: number;
  lower: number;
}

export interface SpcChartInput {
  id: string;
  title: string;
  unit: string;
  decimals: number;
  points: SpcChartPoint[];
  segments: SpcChartSegment[];
  trajectory: { date: string; value: number }[] | null;
  forecast: { date: string; value: number; lower: number; upper: number; level: number } | null;
  /** A shared scale for small multiples. */
  yDomain?: [number, number];
  width?: number;
  height?: number;
}

export const classificationStyle: Record<SpcChartPoint['classification'], { colour: string; shape: 'circle' | 'diamond' | 'square' | 'triangle'; label: string }> = {
  common: { colour: '#505a5f', shape: 'circle', label: 'Common cause' },
  improvement: { colour: '#1d70b8', shape: 'diamond', label: 'Special cause: improvement' },
  concern: { colour: '#a33d00', shape: 'square', label: 'Special cause: concern' },
  neutral: { colour: '#4c2c92', shape: 'triangle', label: 'Special cause: neither better nor worse' },
};

const day = 86_400_000;
const time = (iso: string) => Date.parse(`${iso}T00:00:00Z`);


const fmt = (v: number, decimals: number) => v.toLocaleString('en-GB', { maximumFractionDigits: decimals });

export function shape(kind: 'circle' | 'diamond' | 'square' | 'triangle', x: number, y: number, colour: string, size = 5): string {
  const common = `fill="${colour}" stroke="#ffffff" stroke-width="1"`;
  const X = x.toFixed(1);
  const Y = y.toFixed(1);
  switch (kind) {
    case 'square':
      return `<rect x="${(x - size).toFixed(1)}" y="${(y - size).toFixed(1)}" width="${size * 2}" height="${size * 2}" ${common}/>`;
    case 'diamond':
      return `<polygon points="${X},${(y - size - 1).toFixed(1)} ${(x + size + 1).toFixed(1)},${Y} ${X},${(y + size + 1).toFixed(1)} ${(x - size - 1).toFixed(1)},${Y}" ${common}/>`;
    case 'triangle':
      return `<polygon points="${X},${(y - size - 1).toFixed(1)} ${(x + size).toFixed(1)},${(y + size - 1).toFixed(1)} ${(x - size).toFixed(1)},${(y + size - 1).toFixed(1)}" ${common}/>`;
    default:
      return `<circle cx="${X}" cy="${Y}" r="${size - 0.5}" ${common}/>`;
  }
}

/** The y range every small multiple shares, so their heights compare. */
export function sharedDomain(inputs: Pick<SpcChartInput, 'points' | 'segments' | 'trajectory' | 'forecast'>[]): [number, number] {
  const values = inputs.flatMap((i) => [
    ...i.points.map((p) => p.value),
    ...i.segments.flatMap((s) => [s.upper, s.lower]),
    ...(i.trajectory ?? []).map((t) => t.value),
    ...(i.forecast ? [i.forecast.lower, i.forecast.upper] : []),
  ]);
  return values.length ? [Math.min(...values), Math.max(...values)] : [0, 1];
}

export function renderSpcChart(input: SpcChartInput): string {
  if (!input.points.length) return '';
  const width = input.width ?? 720;
  const height = input.height ?? 360;
  const margin = { top: 20, right: 24, bottom: 44, left: 64 };
  const times = input.points.map((p) => time(p.date));
  for (const t of input.trajectory ?? []) times.push(time(t.date));
  if (input.forecast) times.push(time(input.forecast.date));
  const { x, y, vMin, vMax, step, tMin, tMax, plotH } = chartScales({
    times,
    domain: input.yDomain ?? sharedDomain([input]),
    zeroBased: (min, max) => min >= 0 && min < (max - min) * 0.5,
    width,
    height,
    margin,
  });
  const id = escapeXml(input.id);
  const parts: string[] = [
    `<svg class="app-chart app-spc-chart" id="${id}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg" font-family="arial, sans-serif" font-size="13">`,
    `<title id="${id}-title">${escapeXml(input.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(`Statistical process control chart of ${input.title}: values over time with the mean and the process limits${input.trajectory ? ', the trajectory to the target' : ''}${input.forecast ? ' and the forecast' : ''}. The figures are in the table after the chart.`)}</desc>`,
    '<g aria-hidden="true">',
  ];
  for (let v = vMin; v <= vMax + step / 2; v += step) {
    const yy = y(v).toFixed(1);
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${yy}" y2="${yy}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${margin.left - 6}" y="${yy}" text-anchor="end" dominant-baseline="middle" fill="#0b0c0c">${escapeXml(fmt(v, input.decimals))}</text>`);
  }
  parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${margin.top + plotH}" y2="${margin.top + plotH}" stroke="#0b0c0c"/>`);
  const firstYear = new Date(tMin).getUTCFullYear();
  const lastYear = new Date(tMax).getUTCFullYear() + 1;
  const yearStep = Math.max(1, Math.ceil((lastYear - firstYear) / (width > 500 ? 8 : 4)));
  for (let year = firstYear; year <= lastYear; year += yearStep) {
    const t = Date.UTC(year, 0, 1);
    if (t < tMin || t > tMax) continue;
    parts.push(`<text x="${x(t).toFixed(1)}" y="${margin.top + plotH + 20}" text-anchor="middle" fill="#0b0c0c">${year}</text>`);
  }
  parts.push('</g>');
  for (const s of input.segments) {
    const x1 = x(time(s.fromDate)).toFixed(1);
    const x2 = x(time(s.toDate)).toFixed(1);
    parts.push(
      `<g class="app-spc-chart__limits"><title>${escapeXml(`From ${formatDate(s.fromDate)}: mean ${fmt(s.mean, input.decimals)}, process limits ${fmt(s.lower, input.decimals)} to ${fmt(s.upper, input.decimals)}`)}</title>` +
        `<line class="app-spc-chart__mean" x1="${x1}" x2="${x2}" y1="${y(s.mean).toFixed(1)}" y2="${y(s.mean).toFixed(1)}" stroke="#0b0c0c" stroke-width="1.5"/>` +
        `<line class="app-spc-chart__upper" x1="${x1}" x2="${x2}" y1="${y(s.upper).toFixed(1)}" y2="${y(s.upper).toFixed(1)}" stroke="#6f777b" stroke-width="1.5" stroke-dasharray="6 4"/>` +
        `<line class="app-spc-chart__lower" x1="${x1}" x2="${x2}" y1="${y(s.lower).toFixed(1)}" y2="${y(s.lower).toFixed(1)}" stroke="#6f777b" stroke-width="1.5" stroke-dasharray="6 4"/></g>`,
    );
  }
  if (input.trajectory && input.trajectory.length > 1) {
    const path = input.trajectory.map((k, i) => `${i ? 'L' : 'M'}${x(time(k.date)).toFixed(1)},${y(k.value).toFixed(1)}`).join('');
    const last = input.trajectory.at(-1);
    parts.push(
      `<g class="app-spc-chart__trajectory"><title>${escapeXml(`Trajectory to the target: ${input.trajectory.map((k) => `${fmt(k.value, input.decimals)} on ${formatDate(k.date)}`).join(', then ')}`)}</title><path d="${path}" fill="none" stroke="#00703c" stroke-width="2" stroke-dasharray="2 4"/>` +
        (last ? `<circle cx="${x(time(last.date)).toFixed(1)}" cy="${y(last.value).toFixed(1)}" r="7" fill="none" stroke="#00703c" stroke-width="3"/>` : '') +
        '</g>',
    );
  }
  if (input.forecast) {
    const f = input.forecast;
    const fx = x(time(f.date)).toFixed(1);
    const lastPoint = input.points.at(-1);
    parts.push(
      `<g class="app-spc-chart__forecast"><title>${escapeXml(`Forecast for ${formatDate(f.date)}: ${fmt(f.value, input.decimals)} (${Math.round(f.level * 100)}% range ${fmt(f.lower, input.decimals)} to ${fmt(f.upper, input.decimals)})`)}</title>` +
        (lastPoint ? `<line x1="${x(time(lastPoint.date)).toFixed(1)}" y1="${y(lastPoint.value).toFixed(1)}" x2="${fx}" y2="${y(f.value).toFixed(1)}" stroke="#6f3c00" stroke-width="1.5" stroke-dasharray="4 3"/>` : '') +
        `<line x1="${fx}" x2="${fx}" y1="${y(f.lower).toFixed(1)}" y2="${y(f.upper).toFixed(1)}" stroke="#6f3c00" stroke-width="2"/>` +
        `<line x1="${(Number(fx) - 6).toFixed(1)}" x2="${(Number(fx) + 6).toFixed(1)}" y1="${y(f.lower).toFixed(1)}" y2="${y(f.lower).toFixed(1)}" stroke="#6f3c00" stroke-width="2"/>` +
        `<line x1="${(Number(fx) - 6).toFixed(1)}" x2="${(Number(fx) + 6).toFixed(1)}" y1="${y(f.upper).toFixed(1)}" y2="${y(f.upper).toFixed(1)}" stroke="#6f3c00" stroke-width="2"/>` +
        `${shape('circle', Number(fx), y(f.value), '#6f3c00', 4)}</g>`,
    );
  }
  const path = input.points.map((p, i) => `${i ? 'L' : 'M'}${x(time(p.date)).toFixed(1)},${y(p.value).toFixed(1)}`).join('');
  parts.push(`<path d="${path}" fill="none" stroke="#b1b4b6" stroke-width="1.5"/>`);
  parts.push('<g class="app-spc-chart__points">');
  const drawEvery = input.points.length > 240 ? 2 : 1;
  input.points.forEach((p, i) => {
    if (p.classification === 'common' && i % drawEvery !== 0) return;
    const style = classificationStyle[p.classification];
    const title = `${p.period}: ${fmt(p.value, input.decimals)}${p.markers.length ? ` [${p.markers.join('][')}]` : ''}. ${style.label}${p.rules.length ? ` (${p.rules.join('; ')})` : ''}`;
    parts.push(`<g><title>${escapeXml(title)}</title>${shape(style.shape, x(time(p.date)), y(p.value), style.colour)}</g>`);
  });
  parts.push('</g></svg>');
  return parts.join('');
}

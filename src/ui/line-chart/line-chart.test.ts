import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderLineChart } from './line-chart.ts';

const point = (period: string, start: string, end: string, value: number | null, markers: string[] = []) => ({ period, periodStart: start, periodEnd: end, value, markers });

const input = {
  id: 'chart-x',
  title: 'Referrals <to> "services"',
  unit: 'per cent of victims',
  decimals: 1,
  series: [
    { name: 'Bedfordshire', points: [point('2024-Q1', '2024-01-01', '2024-03-31', 20), point('2024-Q2', '2024-04-01', '2024-06-30', null, ['c']), point('2024-Q3', '2024-07-01', '2024-09-30', 22.5, ['p'])] },
  ],
  baselines: [{ label: 'Baseline', value: 20 }],
  targets: [{ label: 'Target', value: 25, byDate: '2028-05-31', fromValue: 20 }],
  startDate: '2024-10-01',
};

test('the chart is an image with a title and description, and every point has an accessible name', () => {
  const svg = renderLineChart(input);
  assert.match(svg, /^<svg class="app-chart" id="chart-x"[^>]*role="img" aria-labelledby="chart-x-title chart-x-desc"/);
  assert.match(svg, /<title id="chart-x-title">Referrals &lt;to&gt; &quot;services&quot;<\/title>/);
  assert.match(svg, /<desc id="chart-x-desc">Line chart of Referrals/);
  assert.match(svg, /<title>Bedfordshire, 2024-Q1: 20<\/title>/);
  assert.match(svg, /<title>Bedfordshire, 2024-Q3: 22\.5 \[p\]<\/title>/);
  assert.doesNotMatch(svg, /2024-Q2: /, 'a suppressed value is not plotted');
  assert.doesNotMatch(svg, /style=/, 'no style attributes: the CSP allows none');
});

test('baseline and target are drawn, and the line breaks where a value is missing', () => {
  const svg = renderLineChart(input);
  assert.match(svg, /class="app-chart__baseline"><title>Baseline: 20<\/title><line [^>]*stroke-dasharray="8 5"/);
  assert.match(svg, /class="app-chart__target"><title>Target: 25 by 31 May 2028<\/title>/);
  const path = /<path d="([^"]+)"/.exec(svg)?.[1] ?? '';
  assert.equal((path.match(/M/g) ?? []).length, 2, 'two segments around the gap');
  assert.ok(!path.includes('L'), 'no line joins across the gap');
  assert.match(svg, />2028</, 'the x axis reaches the target date');
});

test('no values and no references: nothing to draw', () => {
  assert.equal(renderLineChart({ ...input, series: [], baselines: [], targets: [] }), '');
});

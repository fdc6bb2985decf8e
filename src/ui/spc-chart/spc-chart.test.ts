import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderSpcChart, sharedDomain, type SpcChartInput } from './spc-chart.ts';

const input: SpcChartInput = {
  id: 'spc-x',
  title: 'Referrals & <more>',
  unit: '%',
  decimals: 1,
  points: [
    { period: '2024-Q1', date: '2024-02-15', value: 20, markers: [], classification: 'common', rules: [] },
    { period: '2024-Q2', date: '2024-05-16', value: 21, markers: ['p'], classification: 'common', rules: [] },
    { period: '2024-Q3', date: '2024-08-15', value: 30, markers: [], classification: 'concern', rules: ['Outside the process limits'] },
  ],
  segments: [
    { fromDate: '2024-02-15', toDate: '2024-05-16', mean: 20.5, upper: 23.2, lower: 17.8 },
    { fromDate: '2024-08-15', toDate: '2024-08-15', mean: 30, upper: 30, lower: 30 },
  ],
  trajectory: [
    { date: '2024-10-01', value: 20 },
    { date: '2028-05-31', value: 25 },
  ],
  forecast: { date: '2028-05-31', value: 24, lower: 22, upper: 26, level: 0.8 },
};

test('the SPC chart draws the mean and limits per segment, each with an accessible name', () => {
  const svg = renderSpcChart(input);
  assert.match(svg, /^<svg class="app-chart app-spc-chart" id="spc-x"[^>]*role="img" aria-labelledby="spc-x-title spc-x-desc"/);
  assert.match(svg, /<title id="spc-x-title">Referrals &amp; &lt;more&gt;<\/title>/);
  assert.equal((svg.match(/class="app-spc-chart__mean"/g) ?? []).length, 2);
  assert.equal((svg.match(/class="app-spc-chart__upper"/g) ?? []).length, 2);
  assert.equal((svg.match(/class="app-spc-chart__lower"/g) ?? []).length, 2);
  assert.match(svg, /<title>From 15 February 2024: mean 20\.5, process limits 17\.8 to 23\.2<\/title>/);
  assert.doesNotMatch(svg, /style=/);
});

test('points are named with their period, value, markers and signal; special causes have their own shape', () => {
  const svg = renderSpcChart(input);
  assert.match(svg, /<title>2024-Q2: 21 \[p\]\. Common cause<\/title><circle /);
  assert.match(svg, /<title>2024-Q3: 30\. Special cause: concern \(Outside the process limits\)<\/title><rect /);
});

test('the trajectory and the forecast with its interval are drawn and named', () => {
  const svg = renderSpcChart(input);
  assert.match(svg, /<title>Trajectory to the target: 20 on 1 October 2024, then 25 on 31 May 2028<\/title>/);
  assert.match(svg, /<title>Forecast for 31 May 2028: 24 \(80% range 22 to 26\)<\/title>/);
});

test('small multiples share one scale', () => {
  const other = { ...input, points: input.points.map((p) => ({ ...p, value: p.value * 3 })) };
  const [low, high] = sharedDomain([input, other]);
  assert.equal(low, 17.8);
  assert.equal(high, 90);
  assert.equal(renderSpcChart({ ...input, points: [] }), '');
});

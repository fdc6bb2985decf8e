import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatPeriod, nextDue, nextPeriod, parseDatasetPeriod, periodContaining, periodsDue } from './periods.ts';

test('periods of each type are read, written canonically, and refused when of another type', () => {
  assert.deepEqual(parseDatasetPeriod('month', '2024-03'), { label: '2024-03', type: 'month', start: '2024-03-01', end: '2024-03-31' });
  assert.deepEqual(parseDatasetPeriod('month', '2024-2'), { label: '2024-02', type: 'month', start: '2024-02-01', end: '2024-02-29' });
  assert.deepEqual(parseDatasetPeriod('quarter', '2024 Q1'), { label: '2024-Q1', type: 'quarter', start: '2024-01-01', end: '2024-03-31' });
  assert.equal(parseDatasetPeriod('quarter', '2024-q4')?.end, '2024-12-31');
  assert.deepEqual(parseDatasetPeriod('year', '2024'), { label: '2024', type: 'year', start: '2024-01-01', end: '2024-12-31' });
  assert.equal(parseDatasetPeriod('month', '2024-Q1'), null);
  assert.equal(parseDatasetPeriod('quarter', '2024-03'), null);
  assert.equal(parseDatasetPeriod('year', '2024/25'), null, 'financial years are not a dataset period type');
  assert.equal(parseDatasetPeriod('month', '2024-13'), null);
  assert.equal(parseDatasetPeriod('month', 'March'), null);
});

test('the next period crosses month, quarter and year ends', () => {
  const next = (type: 'month' | 'quarter' | 'year', text: string) => {
    const p = parseDatasetPeriod(type, text);
    assert.ok(p);
    return nextPeriod(p).label;
  };
  assert.equal(next('month', '2024-12'), '2025-01');
  assert.equal(next('month', '2024-01'), '2024-02');
  assert.equal(next('quarter', '2024-Q4'), '2025-Q1');
  assert.equal(next('quarter', '2024-Q2'), '2024-Q3');
  assert.equal(next('year', '2024'), '2025');
  assert.equal(periodContaining('quarter', '2025-05-17').label, '2025-Q2');
});

test('formatted for people', () => {
  const f = (type: 'month' | 'quarter' | 'year', text: string) => formatPeriod(parseDatasetPeriod(type, text) ?? assert.fail(text));
  assert.equal(f('month', '2024-03'), 'March 2024');
  assert.equal(f('quarter', '2024-Q2'), 'April to June 2024 (2024-Q2)');
  assert.equal(f('year', '2024'), '2024');
});

test('periods due: a period is due its due days after it ends, counted on the day itself', () => {
  const monthly = { periodType: 'month' as const, firstPeriod: '2025-01', dueDaysAfterPeriod: 30 };
  // January ends 31 January: due 2 March 2025 (30 days later). February ends 28 February: due 30 March.
  assert.deepEqual(periodsDue(monthly, '2025-03-01'), []);
  assert.deepEqual(periodsDue(monthly, '2025-03-02').map((d) => [d.period.label, d.dueDate]), [['2025-01', '2025-03-02']]);
  assert.deepEqual(periodsDue(monthly, '2025-03-30').map((d) => d.period.label), ['2025-01', '2025-02']);
  assert.equal(periodsDue(monthly, '2026-01-29').length, 11);
  assert.equal(periodsDue(monthly, '2026-01-30').length, 12, 'December 2025 is due 30 January 2026');
  assert.deepEqual(nextDue(monthly, '2025-03-02'), { period: parseDatasetPeriod('month', '2025-02'), dueDate: '2025-03-30' });
  const quarterly = { periodType: 'quarter' as const, firstPeriod: '2024 Q4', dueDaysAfterPeriod: 0 };
  assert.deepEqual(periodsDue(quarterly, '2025-06-30').map((d) => [d.period.label, d.dueDate]), [['2024-Q4', '2024-12-31'], ['2025-Q1', '2025-03-31'], ['2025-Q2', '2025-06-30']]);
  const yearly = { periodType: 'year' as const, firstPeriod: '2023', dueDaysAfterPeriod: 90 };
  assert.deepEqual(periodsDue(yearly, '2025-03-30').map((d) => d.period.label), ['2023']);
  assert.deepEqual(periodsDue(yearly, '2025-03-31').map((d) => d.period.label), ['2023', '2024']);
});

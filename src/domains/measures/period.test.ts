import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePeriod, periodKindsFor } from './period.ts';

test('months, quarters, calendar and financial years parse to their first and last days', () => {
  assert.deepEqual(parsePeriod('2024-02'), { label: '2024-02', kind: 'month', start: '2024-02-01', end: '2024-02-29' });
  assert.deepEqual(parsePeriod('2023-2'), { label: '2023-02', kind: 'month', start: '2023-02-01', end: '2023-02-28' });
  assert.deepEqual(parsePeriod('2024-q3'), { label: '2024-Q3', kind: 'quarter', start: '2024-07-01', end: '2024-09-30' });
  assert.deepEqual(parsePeriod(' 2023 '), { label: '2023', kind: 'year', start: '2023-01-01', end: '2023-12-31' });
  assert.deepEqual(parsePeriod('2024-25'), { label: '2024-25', kind: 'financial_year', start: '2024-04-01', end: '2025-03-31' });
  assert.deepEqual(parsePeriod('2024/25'), parsePeriod('2024-25'));
  assert.equal(parsePeriod('2011-12')?.kind, 'month');
  assert.equal(parsePeriod('2011/12')?.kind, 'financial_year');
  assert.deepEqual(parsePeriod('1999-00'), { label: '1999-00', kind: 'financial_year', start: '1999-04-01', end: '2000-03-31' });
});

test('things that are not periods are refused', () => {
  for (const bad of ['', '2024-13', '2024-00', '2024-26', 'March 2024', '24-03', '2024-Q5', '2024-03-01', '=1+1']) {
    assert.equal(parsePeriod(bad), null, bad);
  }
});

test('a monthly measure takes months only; an ad hoc one takes any period', () => {
  assert.deepEqual(periodKindsFor('month'), ['month']);
  assert.deepEqual(periodKindsFor('financial_year'), ['financial_year']);
  assert.equal(periodKindsFor('ad_hoc').length, 4);
});

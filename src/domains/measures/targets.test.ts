import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeTarget, resolveTargetValue } from './targets.ts';

test('each kind of target resolves against the baseline', () => {
  assert.equal(resolveTargetValue({ kind: 'absolute', value: 100, byDate: '2025-03-31' }, 75), 100);
  assert.ok(Math.abs((resolveTargetValue({ kind: 'relative_percent', value: 10, byDate: null }, 377) ?? 0) - 414.7) < 1e-9);
  assert.equal(resolveTargetValue({ kind: 'relative_percent', value: -50, byDate: null }, 11000), 5500);
  assert.equal(resolveTargetValue({ kind: 'percentage_points', value: 5, byDate: null }, 20), 25);
  assert.equal(resolveTargetValue({ kind: 'monitor_only', value: null, byDate: null }, 20), null);
});

test('a relative target without a baseline cannot be resolved yet', () => {
  assert.equal(resolveTargetValue({ kind: 'relative_percent', value: 100, byDate: null }, null), null);
  assert.equal(resolveTargetValue({ kind: 'percentage_points', value: 5, byDate: null }, null), null);
});

test('targets are described in words', () => {
  assert.equal(describeTarget({ kind: 'relative_percent', value: -50, byDate: '2035-12-31' }, 'casualties'), 'Reduce by 50% on the baseline by 31 December 2035');
  assert.equal(describeTarget({ kind: 'percentage_points', value: 5, byDate: null }, '%'), 'Increase by 5 percentage points on the baseline');
  assert.equal(describeTarget({ kind: 'monitor_only', value: null, byDate: null }, ''), 'No target: monitored only');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decimalsFor, formatLevel, formatLongDate, formatStatNumber, formatStatNumbers, isoDateToDays, isoDateToYears } from './format.ts';

test('ISO dates to day numbers', () => {
  assert.equal(isoDateToDays('1970-01-01'), 0);
  assert.equal(isoDateToDays('1969-12-31'), -1);
  assert.equal(isoDateToDays('2000-03-01'), 11017);
  assert.equal(isoDateToDays('2024-02-29') + 1, isoDateToDays('2024-03-01'));
  assert.equal(isoDateToDays('2016-01-01') - isoDateToDays('2012-01-01'), 1461);
  assert.equal(isoDateToYears('1974-01-01'), 1461 / 365.25); // exactly 4
});

test('anything but a real YYYY-MM-DD date is refused', () => {
  for (const bad of ['2025-02-29', '2100-02-29', '2024-13-01', '2024-00-10', '2024-1-01', '2024-01-1', '', '2024/01/01', '2024-01-01T00:00:00Z', 'abcd-ef-gh']) {
    assert.throws(() => isoDateToDays(bad), RangeError, bad);
  }
  assert.equal(isoDateToDays('2000-02-29') + 1, isoDateToDays('2000-03-01'));
});

test('property: day numbers agree with Date.UTC', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
      const date = new Date(Date.UTC(2000, m - 1, d));
      date.setUTCFullYear(y);
      if (date.getUTCMonth() !== m - 1) return; // 31 April and the like
      const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      assert.equal(isoDateToDays(iso), Math.round(date.getTime() / 86400000));
    }),
  );
});

test('long dates', () => {
  assert.equal(formatLongDate('2028-05-31'), '31 May 2028');
  assert.equal(formatLongDate('2025-01-01'), '1 January 2025');
  assert.throws(() => formatLongDate('2025-02-30'), RangeError);
});

test('numbers for a sentence', () => {
  assert.equal(formatStatNumber(25), '25');
  assert.equal(formatStatNumber(12345), '12,345');
  assert.equal(formatStatNumber(23.14), '23.1');
  assert.equal(formatStatNumber(5.3), '5.30');
  assert.equal(formatStatNumber(0.12345), '0.123');
  assert.equal(formatStatNumber(0.0012345), '0.00123');
  assert.equal(formatStatNumber(1234.56), '1,235');
  assert.equal(formatStatNumber(-2.5), '-2.50');
  assert.equal(formatStatNumber(-0.0001, 2), '0.00');
  assert.deepEqual(formatStatNumbers([23.14, 21.0, 25.2]), ['23.1', '21.0', '25.2']);
  assert.deepEqual(formatStatNumbers([140, 140, 140]), ['140', '140', '140']);
  assert.equal(decimalsFor([0, 0.5]), 3);
  assert.equal(formatLevel(0.8), '80%');
  assert.equal(formatLevel(0.975), '97.5%');
});

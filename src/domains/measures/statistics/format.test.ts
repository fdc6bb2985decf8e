import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { daysToIsoDate, isoDateToDays } from './format.ts';

test('day numbers and ISO dates convert both ways, leap days included', () => {
  assert.equal(isoDateToDays('1970-01-01'), 0);
  assert.equal(daysToIsoDate(0), '1970-01-01');
  assert.equal(daysToIsoDate(isoDateToDays('2024-02-29')), '2024-02-29');
  assert.equal(daysToIsoDate(isoDateToDays('2024-02-28') + 1), '2024-02-29');
  assert.equal(daysToIsoDate(isoDateToDays('2023-02-28') + 1), '2023-03-01');
  fc.assert(
    fc.property(fc.integer({ min: -150_000, max: 150_000 }), (days) => {
      const iso = daysToIsoDate(days);
      assert.equal(isoDateToDays(iso), days);
      assert.equal(iso, new Date(days * 86_400_000).toISOString().slice(0, 10));
    }),
  );
});

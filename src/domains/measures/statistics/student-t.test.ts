import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { logGamma, normalQuantile, regularizedIncompleteBeta, studentTCdf, studentTPdf, studentTQuantile } from './student-t.ts';

const near = (actual: number, expected: number, eps: number) => assert.ok(Math.abs(actual - expected) <= eps, `expected ${expected} ± ${eps}, got ${actual}`);

test('t quantiles match published tables', () => {
  // Printed t tables give three decimals.
  near(studentTQuantile(0.9, 10), 1.372, 5e-4);
  near(studentTQuantile(0.975, 5), 2.571, 5e-4);
  near(studentTQuantile(0.95, 20), 1.725, 5e-4);
  near(studentTQuantile(0.9, 3), 1.638, 5e-4);
  near(studentTQuantile(0.975, 3), 3.182, 5e-4);
  near(studentTQuantile(0.995, 30), 2.75, 5e-4);
  near(studentTQuantile(0.999, 3), 10.215, 5e-4);
  near(studentTQuantile(0.9, 120), 1.289, 5e-4);
  // More digits (R: qt(0.9, 10) = 1.372184, qt(0.975, 5) = 2.570582, qt(0.95, 20) = 1.724718).
  near(studentTQuantile(0.9, 10), 1.372184, 1e-6);
  near(studentTQuantile(0.975, 5), 2.570582, 1e-6);
  near(studentTQuantile(0.95, 20), 1.724718, 1e-6);
});

test('closed forms for 1 and 2 degrees of freedom', () => {
  // df 1 is the Cauchy distribution: tan(π(p − ½)); t(0.975, 1) = 12.706.
  near(studentTQuantile(0.975, 1), 12.7062, 1e-4);
  near(studentTQuantile(0.9, 1), Math.tan(0.4 * Math.PI), 1e-12);
  // df 2: (2p − 1)/√(2p(1 − p)); p = 0.9 → 0.8/√0.18 = 1.885618.
  near(studentTQuantile(0.9, 2), 0.8 / Math.sqrt(0.18), 1e-12);
});

test('large degrees of freedom approach the normal distribution', () => {
  near(normalQuantile(0.975), 1.959964, 1e-6);
  near(normalQuantile(0.9), 1.281552, 1e-6);
  near(normalQuantile(0.01), -2.326348, 1e-6);
  near(studentTQuantile(0.9, 1e6), 1.281552, 1e-5);
  near(studentTQuantile(0.975, 5000), 1.960439, 1e-5); // qt(0.975, 5000)
  // The switch to the expansion at df 1000 is seamless.
  near(studentTQuantile(0.9, 1000), studentTQuantile(0.9, 1001), 1e-5);
});

test('symmetry, the median and invalid input', () => {
  assert.equal(studentTQuantile(0.5, 7), 0);
  near(studentTQuantile(0.1, 10), -studentTQuantile(0.9, 10), 1e-12);
  assert.throws(() => studentTQuantile(0, 5), RangeError);
  assert.throws(() => studentTQuantile(1, 5), RangeError);
  assert.throws(() => studentTQuantile(0.9, 0), RangeError);
  assert.throws(() => studentTQuantile(0.9, Number.NaN), RangeError);
});

test('building blocks: log-gamma, incomplete beta, density', () => {
  near(logGamma(5), Math.log(24), 1e-12);
  near(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-12);
  near(regularizedIncompleteBeta(0.3, 1, 1), 0.3, 1e-12); // uniform
  near(regularizedIncompleteBeta(0.5, 2, 2), 0.5, 1e-12); // symmetric
  near(studentTPdf(0, 1), 1 / Math.PI, 1e-12); // Cauchy at 0
  near(studentTCdf(0, 9), 0.5, 1e-15);
  assert.equal(studentTCdf(Infinity, 3), 1);
  assert.equal(studentTCdf(-Infinity, 3), 0);
});

test('property: the CDF inverts the quantile, which rises with p and falls with df', () => {
  fc.assert(
    fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 2000 }), (p, df) => {
      const t = studentTQuantile(p, df);
      near(studentTCdf(t, df), p, 1e-8);
      assert.ok(studentTQuantile(Math.min(0.9995, p + 0.0005), df) > t);
      if (p > 0.5) assert.ok(studentTQuantile(p, df + 1) <= t + 1e-9);
    }),
  );
});

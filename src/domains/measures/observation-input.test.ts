import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readObservationsCsv, validateObservations, type ValidationContext } from './observation-input.ts';

const places = new Set(['E23000026', 'E06000055', 'E06000056', 'E06000032']);
const monthly = { frequency: 'month' as const, placeCodes: places };

function check(csv: string | Buffer, context: ValidationContext = monthly) {
  const read = readObservationsCsv(Buffer.isBuffer(csv) ? csv : Buffer.from(csv));
  if (read.problems.length) return { valid: [], problems: read.problems };
  return validateObservations(read.rows, context);
}

test('a clean file with a BOM, CRLF, quoted thousands and markers is read whole', () => {
  const { valid, problems } = check('\uFEFFperiod,place_code,value,numerator,denominator,marker,note\r\n2024-01,E06000055,"1,234.5",10,"29,199",[p],first\r\n2024-02,e06000056,7,,,,\r\n2024-03,E06000032,,,,[c],suppressed\r\n');
  assert.deepEqual(problems, []);
  assert.equal(valid.length, 3);
  assert.equal(valid[0]?.value, 1234.5);
  assert.equal(valid[0]?.denominator, 29199);
  assert.equal(valid[0]?.markers, 'p');
  assert.equal(valid[1]?.placeCode, 'E06000056');
  assert.equal(valid[2]?.value, null);
  assert.equal(valid[2]?.markers, 'c');
});

test('every problem is reported with its row and column, and nothing is valid-ish half way', () => {
  const { problems } = check(
    [
      'period,place_code,value,marker',
      '2024-01,E06000055,12,', // row 2: fine
      '2024-02,E06000055,twelve,', // row 3: wrong type
      '2024-03,E99999999,5,', // row 4: unknown place
      '2024-01,E06000055,13,', // row 5: duplicate of row 2
      '2024-Q1,E06000055,4,', // row 6: a quarter on a monthly measure
      '2024-04,E06000055,,', // row 7: empty value without [c] or [x]
      '2024-05,E06000055,3,[q]', // row 8: unknown marker
      '2024-06,E06000055,3,[c]', // row 9: a suppressed cell with a value
    ].join('\n'),
  );
  const where = problems.map((p) => `${p.row}:${p.column}`);
  assert.deepEqual(where, ['3:value', '4:place_code', '5:period', '6:period', '7:value', '8:marker', '9:value']);
  assert.match(problems[2]?.message ?? '', /appears more than once \(first on row 2\)/);
  assert.match(problems[3]?.message ?? '', /quarter.*reported by a month/);
});

test('rows are numbered as a spreadsheet shows them, blank lines included', () => {
  const { problems } = check('period,place_code,value\n\n2024-01,E06000055,x\n');
  assert.equal(problems[0]?.row, 3);
});

test('whole-file problems: empty, binary, not UTF-8, missing and unknown columns', () => {
  assert.match(check('').problems[0]?.message ?? '', /empty/);
  assert.match(check(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])).problems[0]?.message ?? '', /not a CSV file/);
  assert.match(check(Buffer.from([0x70, 0x65, 0xff, 0xfe, 0x0a])).problems[0]?.message ?? '', /not UTF-8/);
  assert.match(check('period,value\n2024-01,3\n').problems[0]?.message ?? '', /Missing column place_code/);
  assert.match(check('period,place_code,value,colour\n2024-01,E06000055,3,red\n').problems[0]?.message ?? '', /Unknown column "colour"/);
  assert.match(check('period,place_code,value\n').problems[0]?.message ?? '', /no rows of data/);
  assert.match(check('period,place_code,value\n"2024-01,E06000055,3\n').problems[0]?.message ?? '', /could not be read as CSV/);
});

test('text that looks like a formula is kept as text (it is neutralised when downloaded)', () => {
  const { valid, problems } = check('period,place_code,value,note\n2024-01,E06000055,3,"=HYPERLINK(""x"")"\n');
  assert.deepEqual(problems, []);
  assert.equal(valid[0]?.note, '=HYPERLINK("x")');
});

test('an over-long note and a negative denominator are refused', () => {
  const { problems } = check(`period,place_code,value,denominator,note\n2024-01,E06000055,3,-1,${'a'.repeat(1001)}\n`);
  assert.deepEqual(
    problems.map((p) => p.column),
    ['denominator', 'note'],
  );
});

test('a rate measure works the value out from the numerator and the population for that year', () => {
  const populations: Record<string, Record<number, number>> = { E06000055: { 2021: 185_300 } };
  const rate = {
    base: 1000,
    denominator: 'population' as const,
    population: (code: string, year: number) => {
      const years = Object.keys(populations[code] ?? {}).map(Number).filter((y) => y <= year).sort((a, b) => b - a);
      const found = years[0];
      return found === undefined ? null : { value: populations[code]?.[found] ?? 0, year: found };
    },
  };
  const { valid, problems } = check('period,place_code,value,numerator\n2023,E06000055,,14767\n2023,E06000056,,16260\n2023,E06000032,88,\n', { frequency: 'year', placeCodes: places, rate });
  // 14,767 crimes / 185,300 residents × 1,000 = 79.69 (Census 2021 population used for 2023).
  assert.equal(valid.length, 2);
  assert.equal(Math.round((valid[0]?.value ?? 0) * 100) / 100, 79.69);
  assert.equal(valid[0]?.numerator, 14767);
  assert.equal(valid[1]?.value, 88, 'a value given is kept');
  assert.deepEqual(problems.map((p) => `${p.row}:${p.column}`), ['3:place_code']);
  assert.match(problems[0]?.message ?? '', /no population for E06000056 in 2023 or before/);
});

test('a rate with its own denominator needs one', () => {
  const rate = { base: 100, denominator: 'observation' as const, population: () => null };
  const { valid, problems } = check('period,place_code,value,numerator,denominator\n2024-01,E23000026,,21,100\n2024-02,E23000026,,5,\n', { frequency: 'month', placeCodes: places, rate });
  assert.equal(valid[0]?.value, 21);
  assert.deepEqual(problems.map((p) => `${p.row}:${p.column}`), ['3:denominator']);
});

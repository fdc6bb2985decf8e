import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvRecords } from '../../platform/files/csv-records.ts';
import { bufferChunks, checkSubmission, emptyCheck, problemsCsv, problemsKept, recordsOfChunks, submissionCopyPieces, SubmissionFileError, type CheckedRow, type SubmissionCheck, type SubmissionSpec } from './submission-input.ts';
import { csvQuoted, submissionRowRecord } from './submission-rows.ts';

const spec: SubmissionSpec = {
  columns: [
    { name: 'referrals', type: 'count', allowedValues: null, required: true },
    { name: 'rate', type: 'number', allowedValues: null, required: false },
    { name: 'risk', type: 'category', allowedValues: ['low', 'high'], required: true },
    { name: 'note', type: 'text', allowedValues: null, required: false },
  ],
  geographyLevel: 'lsoa',
  placeCodes: ['E01000001', 'E01000002', 'E01000003'],
  periodType: 'month',
  firstPeriod: '2024-01',
  today: '2024-06-15',
};

function run(text: string | Uint8Array, chunkSize?: number, s: SubmissionSpec = spec): { rows: CheckedRow[]; check: SubmissionCheck } {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const check = emptyCheck();
  const rows = [...checkSubmission(s, bufferChunks(bytes, chunkSize), check)];
  assertSameCopy(s, bytes, chunkSize, rows, check);
  return { rows, check };
}

/**
 * The importer's path (submissionCopyPieces) finds the same problems as checkSubmission and, for a
 * file without them, writes exactly the records checkSubmission's rows make. Returns how many rows
 * it wrote in place (without going through checkRow).
 */
function assertSameCopy(s: SubmissionSpec, bytes: Uint8Array, chunkSize: number | undefined, rows: CheckedRow[], check: SubmissionCheck): void {
  const fastCheck = emptyCheck();
  let copy = '';
  let error: unknown = null;
  try {
    for (const piece of submissionCopyPieces(s, bufferChunks(bytes, chunkSize), fastCheck, 7)) copy += piece.toString('utf8');
  } catch (e) {
    error = e;
  }
  let expectedError: unknown = null;
  try {
    for (const row of checkSubmission(s, bufferChunks(bytes, chunkSize), emptyCheck())) void row;
  } catch (e) {
    expectedError = e;
  }
  assert.equal(String(error), String(expectedError), 'the same refusal');
  if (expectedError) return;
  assert.deepEqual(fastCheck, check, 'the same problems and counts');
  if (check.problemCount === 0) assert.equal(copy, rows.map((r) => submissionRowRecord(7, r, csvQuoted)).join(''), 'the same COPY records');
  else assert.equal(copy, '', 'nothing to store');
}

const header = 'place_code,period,referrals,rate,risk,note\n';

test('a good file gives each row with numbers and labels in column order, periods read canonically', () => {
  const { rows, check } = run(`\ufeffPlace_Code,period,note,risk,rate,referrals\r\nE01000001,2024-01,"said ""hi"", twice",low,1.5,3\r\nE01000002,2024-1,,high,,0\r\n`);
  assert.equal(check.problemCount, 0, JSON.stringify(check.problems));
  assert.deepEqual(rows, [
    { line: 2, placeCode: 'E01000001', period: '2024-01', numbers: [3, 1.5], labels: ['low', 'said "hi", twice'] },
    { line: 3, placeCode: 'E01000002', period: '2024-01', numbers: [0, null], labels: ['high', null] },
  ]);
  assert.equal(check.rows, 2);
  assert.deepEqual([...check.rowsByPeriod], [['2024-01', 2]]);
});

test('missing and extra columns are named, and no row is read against a wrong header', () => {
  const { rows, check } = run('place_code,period,referrals,colour,colour\nE01000001,2024-01,3,red,red\n');
  assert.equal(rows.length, 0);
  assert.equal(check.headerOk, false);
  const messages = check.problems.map((p) => `${p.row}: ${p.message}`);
  assert.deepEqual(messages, [
    '1: The header is missing columns: rate, risk, note',
    '1: The header has a column the dataset does not: colour (expected: place_code, period, referrals, rate, risk, note)',
    '1: The header repeats colour',
  ]);
});

test('every problem is found, each with its row and column, and bad rows are not handed on', () => {
  const text =
    header +
    'E01000001,2024-01,3,,low,\n' + // row 2: fine
    'E09999999,2024-13,-1,abc,medium,\n' + // row 3: five problems
    'E01000002,2023-12,1.5,1e400,,\n' + // row 4: before the first period, not a count, not finite, risk missing
    'E01000002,2024-07,1,2,low,\n' + // row 5: after the current period
    'E01000003,2024-Q1,,2,low,\n' + // row 6: a quarter, referrals missing
    'E01000001,2024-01,4,,high,\n' + // row 7: the same place and period as row 2
    'E01000002,2024-02,1\n'; // row 8: too few cells
  const { rows, check } = run(text);
  assert.deepEqual(rows.map((r) => r.line), [2]);
  const got = check.problems.map((p) => [p.row, p.column, p.message]);
  assert.deepEqual(got, [
    [3, 'place_code', 'E09999999 is not a known LSOA code'],
    [3, 'period', '2024-13 is not a month, like 2024-03'],
    [3, 'referrals', '-1 is not a count: a whole number, 0 or more'],
    [3, 'rate', 'abc is not a number'],
    [3, 'risk', 'medium is not one of the allowed values: low, high'],
    [4, 'period', '2023-12 is before the dataset’s first period, 2024-01'],
    [4, 'referrals', '1.5 is not a count: a whole number, 0 or more'],
    [4, 'rate', '1e400 is not a number'],
    [4, 'risk', 'risk is missing: the column is required'],
    [5, 'period', '2024-07 has not ended or started yet: the latest period that can be submitted is 2024-06'],
    [6, 'period', '2024-Q1 is not a month, like 2024-03'],
    [6, 'referrals', 'referrals is missing: the column is required'],
    [7, null, 'E01000001 and 2024-01 are on an earlier row too: each place and period may appear once'],
    [8, null, 'The row has 3 cells; the header has 6'],
  ]);
  assert.equal(check.problemCount, got.length);
  assert.equal(check.rows, 7);
});

test('cells a spreadsheet would run as formulas are refused with row and column; plain negative numbers are numbers', () => {
  const text =
    header +
    'E01000001,2024-01,1,-2.5,low,"=HYPERLINK(""http://x"")"\n' + // note: formula
    'E01000002,2024-01,1,+3,low,@SUM(A1)\n' + // rate +3 is a plain number; note: @
    'E01000003,2024-01,1,,low,"\t=1"\n' + // note: tab
    'E01000001,2024-02,1,,low," =cmd"\n' + // note: space then =
    'E01000002,2024-02,1,,low,-\n' + // note: a lone minus is not a number
    'E01000003,2024-02,1,"\t5",low,ok\n' + // rate: tab before a number
    'E01000001,2024-03,1,-7,low,+1\n'; // fine: -7 and +1 are plain numbers
  const { rows, check } = run(text);
  const got = check.problems.map((p) => [p.row, p.column, p.value]);
  assert.deepEqual(got, [
    [2, 'note', '=HYPERLINK("http://x")'],
    [3, 'note', '@SUM(A1)'],
    [4, 'note', '\t=1'],
    [5, 'note', ' =cmd'],
    [6, 'note', '-'],
    [7, 'rate', '\t5'],
  ]);
  for (const p of check.problems) assert.match(p.message, /formula is refused/);
  assert.deepEqual(rows.map((r) => [r.line, r.numbers, r.labels]), [[8, [1, -7], ['low', '+1']]]);
  // The report neutralises them too.
  const report = problemsCsv(check);
  assert.match(report, /^row,column,value,problem\r\n2,note,"'=HYPERLINK\(""http:\/\/x""\)"/);
});

test('files that are not CSV text are refused at once', () => {
  const refused = (bytes: Uint8Array, pattern: RegExp) => {
    assert.throws(() => run(bytes), (e: unknown) => e instanceof SubmissionFileError && e.reason === 'not-csv' && pattern.test(e.message));
  };
  refused(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), /zip file \(an Excel \.xlsx/);
  refused(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /older Excel workbook/);
  refused(new TextEncoder().encode('%PDF-1.7\n'), /PDF/);
  refused(new Uint8Array([0xff, 0xfe, 0x70, 0x00]), /UTF-16/);
  refused(new TextEncoder().encode(`${header}E01000001,2024-01,1,,low,a\0b\n`), /NUL byte \(at byte 70\)/);
  // A NUL far into the file, in a later chunk.
  refused(new TextEncoder().encode(`${header}${'E01000001,2024-01,1,,low,x\n'.repeat(100)}\0`), /NUL byte/);
  refused(new Uint8Array([...new TextEncoder().encode(header), 0x45, 0xa3, 0x0a]), /not UTF-8 text/); // a Windows-1252 £
  assert.throws(() => run(''), (e: unknown) => e instanceof SubmissionFileError && e.reason === 'empty');
  const headerOnly = run(header);
  assert.deepEqual(headerOnly.check.problems.map((p) => p.message), ['The file has a header but no rows']);
});

test('records cut into chunks anywhere read the same as the whole text, with the same lines', () => {
  const text = `${header}E01000001,2024-01,1,,low,"two\nlines, and a ""quote"""\r\nE01000002,2024-01,2,,high,"é ü 😀"\n\nE01000003,2024-01,3,,low,"a\r\nb"\nE01000001,2024-02,4,,low,last`;
  const bytes = new TextEncoder().encode(text);
  const whole = [...csvRecords(text)].map((r) => ({ record: r.record, line: r.line }));
  assert.equal(whole.length, 5);
  for (let size = 1; size <= 40; size++) assert.deepEqual([...recordsOfChunks(bufferChunks(bytes, size))], whole, `chunks of ${size} bytes`);
  const { check } = run(text, 3);
  assert.equal(check.problemCount, 0, JSON.stringify(check.problems));
  assert.equal(check.rows, 4);
});

test('broken quoting stops reading with the row it starts on', () => {
  const { check } = run(`${header}E01000001,2024-01,1,,low,ok\nE01000002,2024-01,1,,low,"never closed\nE01000003,2024-01,1,,low,x\n`, 5);
  assert.deepEqual(check.problems.map((p) => [p.row, p.message]), [[3, 'The CSV cannot be read from here on: a quoted cell is not closed']]);
});

test('rows stream: the first row is handed on before the rest of the file is read', () => {
  let chunksRead = 0;
  function* chunks() {
    yield new TextEncoder().encode(header);
    for (let i = 0; i < 1000; i++) {
      chunksRead++;
      yield new TextEncoder().encode(`E01000001,${2024 - (i % 2)}-01,1,,low,\n`);
    }
  }
  const check = emptyCheck();
  const rows = checkSubmission(spec, chunks(), check);
  const first = rows.next();
  assert.equal(first.done, false);
  assert.ok(chunksRead <= 2, `${chunksRead} chunks read before the first row`);
});

test('problems past the kept list are counted, and the report says how many more', () => {
  const s = { ...spec, placeCodes: Array.from({ length: 200 }, (_, i) => `E0100${String(i).padStart(4, '0')}`) };
  let text = header;
  let n = 0;
  for (let p = 0; p < 200 && n < problemsKept + 5; p++) for (let m = 1; m <= 6 && n < problemsKept + 5; m++, n++) text += `E0100${String(p).padStart(4, '0')},2024-0${m},x,,low,\n`;
  // 1,200 place-period pairs, so repeat the block until there are enough rows.
  const rowsText = text.slice(header.length);
  const big = header + rowsText.repeat(Math.ceil((problemsKept + 5) / n));
  const { check } = run(big, undefined, s);
  assert.ok(check.problemCount > problemsKept);
  assert.equal(check.problems.length, problemsKept);
  assert.match(problemsCsv(check), new RegExp(`${check.problemCount - problemsKept} more problems were found and not listed\\r\\n$`));
});

// Counts and numbers only, in the dataset's order: the layout whose plain rows are written in place.
const numericSpec: SubmissionSpec = {
  ...spec,
  columns: [
    { name: 'referrals', type: 'count', allowedValues: null, required: true },
    { name: 'rate', type: 'number', allowedValues: null, required: false },
    { name: 'cases', type: 'count', allowedValues: null, required: false },
  ],
};

test('plain rows are written where they lie; every other row is checked cell by cell, with the same problems and records', () => {
  const good = [
    'place_code,period,referrals,rate,cases',
    'E01000001,2024-01,3,1.5,0', // plain
    'E01000002,2024-01,12,-2,7', // plain (a minus sign on a number)
    'E01000003,2024-01,007,2.50,1', // counted and numbered as JavaScript would not write them: checked cell by cell
    'E01000001,2024-02,4,,2', // an empty cell
    ' E01000002,2024-02,5,1,1', // a space
    'E01000003,2024-2,5,1,1', // a period as written, not as labelled
    '"E01000001",2024-03,5,1,1', // a quote
    'E01000002,2024-03,5,1e2,1', // an exponent
    'E01000003,2024-03,5,+1,1', // a plus sign
    '',
    'E01000001,2024-04,1,0.25,123456789012345', // the longest count
  ];
  for (const lineEnd of ['\n', '\r\n']) {
    const text = good.join(lineEnd) + lineEnd;
    for (const size of [undefined, 7, 64]) {
      const { rows, check } = run(text, size, numericSpec);
      assert.equal(check.problemCount, 0, JSON.stringify(check.problems));
      assert.equal(rows.length, 10);
    }
  }
  // Old Mac line ends are read by csvRecords.
  assert.equal(run(good.join('\r') + '\r', undefined, numericSpec).rows.length, 10);
  // Problems, each found once: an unknown place, a repeat, a bad period, a negative count, a missing count, too many cells, a formula.
  const bad = run(
    [
      'place_code,period,referrals,rate,cases',
      'E01000001,2024-01,3,1.5,0',
      'E09999999,2024-01,3,1.5,0',
      'E01000001,2024-01,3,1.5,0',
      'E01000002,2024-13,3,1.5,0',
      'E01000003,2024-01,-3,1.5,0',
      'E01000003,2024-02,,1.5,0',
      'E01000003,2024-03,1,1.5,0,9',
      'E01000003,2024-04,1234567890123456,1,1',
      '"E01000002",2024-05,=1,1,1',
    ].join('\n'),
    undefined,
    numericSpec,
  );
  assert.deepEqual(
    bad.check.problems.map((p) => `${p.row} ${p.column}`),
    ['3 place_code', '4 null', '5 period', '6 referrals', '7 referrals', '8 null', '10 referrals'],
  );
});

test('a plain submission is written in place row for row', () => {
  const lines = ['place_code,period,referrals,rate,cases'];
  for (const place of spec.placeCodes) for (const month of ['01', '02', '03', '04', '05', '06']) lines.push(`${place},2024-${month},${month.length},${Number(month) / 4},${Number(month) * 3}`);
  const bytes = new TextEncoder().encode(lines.join('\n'));
  const check = emptyCheck();
  const pieces = submissionCopyPieces(numericSpec, bufferChunks(bytes, 50), check, 7);
  let copy = '';
  let next = pieces.next();
  for (; !next.done; next = pieces.next()) copy += next.value.toString();
  assert.deepEqual(next.value, { rowsInPlace: 18 });
  assert.equal(check.problemCount, 0);
  assert.equal(check.rows, 18);
  assert.equal(copy.split('\n')[0], '7,2,"E01000001","2024-01","{2,0.25,3}","{}"');
  assert.equal(copy, [...checkSubmission(numericSpec, bufferChunks(bytes, 50), emptyCheck())].map((r) => submissionRowRecord(7, r, csvQuoted)).join(''));
});

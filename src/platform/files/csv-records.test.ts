import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { commasOfLine, CsvLines, csvRecords, CsvSyntaxError, hasLoneCarriageReturn, plainDecimalAt, plainDecimalValueAt } from './csv-records.ts';

const read = (text: string) => [...csvRecords(text)].map(({ record, line }) => ({ record, line }));

test('quoted cells, doubled quotes, line breaks inside quotes, CRLF, BOM and empty lines', () => {
  const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""",\r\n\r\n"two\r\nlines",2,3\n"",,last';
  assert.deepEqual(read(text), [
    { record: ['a', 'b', 'c'], line: 1 },
    { record: ['x, y', 'say "hi"', ''], line: 2 },
    { record: ['two\r\nlines', '2', '3'], line: 4 },
    { record: ['', '', 'last'], line: 6 },
  ]);
  assert.deepEqual(read('a,\n'), [{ record: ['a', ''], line: 1 }]);
  assert.deepEqual(read('a,b\rc,d\r\ne\n\nf'), [
    { record: ['a', 'b'], line: 1 },
    { record: ['c', 'd'], line: 2 },
    { record: ['e'], line: 3 },
    { record: ['f'], line: 5 },
  ]);
  assert.deepEqual(read('a,'), [{ record: ['a', ''], line: 1 }]);
});

test('bad quoting is refused with its line', () => {
  assert.throws(() => read('a,b\n"open,c\n'), (e: unknown) => e instanceof CsvSyntaxError && e.line === 2 && /not closed/.test(e.message));
  assert.throws(() => read('a\n"x"y,z'), (e: unknown) => e instanceof CsvSyntaxError && e.line === 2 && /follows the closing quote/.test(e.message));
  assert.throws(() => read('a\nb"c'), (e: unknown) => e instanceof CsvSyntaxError && e.line === 2 && /quote inside cell 1/.test(e.message));
});

test('agrees with csv-parse on any well-formed CSV', () => {
  const cell = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r\n', ';', 'é', '1') });
  const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 20 });
  fc.assert(
    fc.property(table, fc.constantFrom('\n', '\r\n'), fc.boolean(), (rows, eol, trailing) => {
      const quote = (v: string) => (/[",\r\n]/.test(v) || v === '' ? `"${v.replaceAll('"', '""')}"` : v);
      const text = rows.map((r) => r.map(quote).join(',')).join(eol) + (trailing ? eol : '');
      const expected = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
      assert.deepEqual(read(text).map((r) => r.record), expected);
    }),
    { numRuns: 500 },
  );
});

test('each record says where it sits in the text, and whether any cell was quoted', () => {
  const text = '\uFEFFa,b\r\n"x",y\n\nc,\r\nlast';
  assert.deepEqual(
    [...csvRecords(text)].map(({ start, end, quoted }) => [text.slice(start, end), quoted]),
    [
      ['a,b', false],
      ['"x",y', true],
      ['c,', false],
      ['last', false],
    ],
  );
});

test('an unquoted record is its cells joined by commas (property)', () => {
  const cell = fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\n', '1') });
  const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 10 });
  fc.assert(
    fc.property(table, fc.constantFrom('\n', '\r\n'), (rows, eol) => {
      const quote = (v: string) => (/[",\r\n]/.test(v) || v === '' ? `"${v.replaceAll('"', '""')}"` : v);
      const text = rows.map((r) => r.map(quote).join(',')).join(eol);
      for (const r of csvRecords(text)) {
        const written = text.slice(r.start, r.end);
        if (!r.quoted) assert.equal(written, r.record.join(','));
        else assert.ok(written.includes('"'));
      }
    }),
    { numRuns: 300 },
  );
});

test('the commas of a plain line, only when there are exactly as many as asked for; lone carriage returns told from CRLF', () => {
  const commas = new Int32Array(3);
  const text = 'x\na,bb,,c\nd,e';
  assert.equal(commasOfLine(text, 2, 9, commas), true);
  assert.deepEqual([...commas], [3, 6, 7]);
  assert.equal(commasOfLine(text, 10, 13, commas), false, 'too few');
  assert.equal(commasOfLine('a,b,c,d,e', 0, 9, commas), false, 'too many');
  assert.equal(commasOfLine('a,b,c,d,e', 0, 5, commas), false, 'the line ends where it is told');
  assert.equal(hasLoneCarriageReturn('a\r\nb\r\n'), false);
  assert.equal(hasLoneCarriageReturn('a\r\nb\rc'), true);
  assert.equal(hasLoneCarriageReturn('a\r'), true);
});

test('a text a line at a time: plain lines as bounds, quoted records whole, the same lines as csvRecords', () => {
  const text = '\uFEFFa,b\r\n\r\n"x\r\ny",2\nc,d\n""\n\ne,f';
  const lines = new CsvLines(text, 10);
  const seen: [number, string[], boolean][] = [];
  while (lines.next()) seen.push([lines.line, lines.cells(), lines.quoted !== null]);
  assert.deepEqual(seen, [
    [10, ['a', 'b'], false],
    [12, ['x\r\ny', '2'], true],
    [14, ['c', 'd'], false],
    [17, ['e', 'f'], true], // csvRecords, reading from the empty quoted cell it skips, gives the next record
  ]);
  assert.deepEqual(
    seen.map(([line, cells]) => ({ record: cells, line: line - 9 })),
    read(text),
  );
  assert.throws(() => {
    const broken = new CsvLines('a,b\n"open,c\n');
    while (broken.next());
  }, (error: unknown) => error instanceof CsvSyntaxError && error.line === 2);
});

test('a plain decimal read in place has the value Number() gives it, to the last bit; anything else is not one', () => {
  const at = (text: string) => plainDecimalValueAt(`x${text}y`, 1, text.length + 1);
  for (const text of ['0', '-0', '7', '007', '-0.418', '51.879123', '0.1', '0.3', '-4.18', '123456789012345', '1234567890.12345', '0.000000000000001', '9007199254740993', '0.1234567890123456789', '-123.45678901234567']) {
    assert.ok(Object.is(at(text), Number(text)), text);
    assert.equal(plainDecimalAt(`x${text}y`, 1, text.length + 1), true);
  }
  for (const text of ['', '-', '.5', '5.', '+1', '1e5', '1.2.3', ' 1', '1 ', '0x10', 'NaN', '-.5', '1,5']) {
    assert.ok(Number.isNaN(at(text)), JSON.stringify(text));
    assert.equal(plainDecimalAt(`x${text}y`, 1, text.length + 1), false);
  }
  fc.assert(
    fc.property(fc.boolean(), fc.stringMatching(/^[0-9]{1,18}$/), fc.stringMatching(/^[0-9]{0,24}$/), (negative, whole, fraction) => {
      const text = `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
      return Object.is(at(text), Number(text));
    }),
    { numRuns: 20_000 },
  );
});

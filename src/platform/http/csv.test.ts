import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvCell, toCsv } from './csv.ts';

test('cells a spreadsheet would run as formulas are neutralised', () => {
  assert.equal(csvCell('=HYPERLINK("http://evil.example","click")'), `"'=HYPERLINK(""http://evil.example"",""click"")"`);
  assert.equal(csvCell('+1+1'), "'+1+1");
  assert.equal(csvCell('-2+3'), "'-2+3");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('\tcmd'), "'\tcmd");
});

test('numbers stay numbers, negative ones included; empty and null are empty', () => {
  assert.equal(csvCell(-12.5), '-12.5');
  assert.equal(csvCell(0), '0');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(undefined), '');
  assert.equal(csvCell(Number.NaN), '');
});

test('quotes, commas and line breaks are quoted; rows end with CRLF', () => {
  assert.equal(toCsv(['a', 'b'], [['x, y', 'say "hi"'], ['line\nbreak', 3]]), 'a,b\r\n"x, y","say ""hi"""\r\n"line\nbreak",3\r\n');
});

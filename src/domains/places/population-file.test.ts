import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readPopulationFile } from './population-file.ts';

test('the clean CSV: BOM, CRLF, a quoted name with a comma, footer rows said and not counted', () => {
  const text = '\uFEFF2021 super output area - lower layer,LSOA21CD,Population\r\nBedford 001A,E01017540,1800\r\n"Bournemouth, Christchurch and Poole 003A",E01015424,"1,944"\r\n,,\r\nThis information is provided under the Nomis disclosure rules,,\r\n';
  const file = readPopulationFile(Buffer.from(text));
  assert.deepEqual(file.problems, []);
  assert.deepEqual(file.rows.map((r) => [r.code, r.name, r.population, r.row]), [['E01017540', 'Bedford 001A', 1800, 2], ['E01015424', 'Bournemouth, Christchurch and Poole 003A', 1944, 3]]);
  assert.deepEqual(file.skipped, [{ row: 4, reason: 'blank line' }, { row: 5, reason: 'footer note' }]);
});

test('raw Nomis output: title lines, quoted header, blank lines', () => {
  const text = ['"TS001 - Number of usual residents",,', '"Units      :","Persons",', '', '"2021 super output area - lower layer","mnemonic","2021"', '', '"Luton 023C","E01033805",1650', ''].join('\n');
  const file = readPopulationFile(Buffer.from(text));
  assert.deepEqual(file.problems, []);
  assert.deepEqual(file.rows.map((r) => [r.code, r.population, r.row]), [['E01033805', 1650, 6]]);
  assert.equal(file.skipped.filter((s) => s.reason === 'title line before the header').length, 3);
});

test('bad rows are reported by row and column and nothing is returned', () => {
  const file = readPopulationFile(Buffer.from('name,LSOA21CD,Population\nA,E01017540,12x\nB,X123,5\nC,E01017540,7\nD,E01017541,8\n'), 'pop.csv');
  assert.deepEqual(file.rows, []);
  assert.deepEqual(file.problems.map((p) => [p.row, p.column]), [[2, 'Population'], [3, 'LSOA21CD']]);
  const dup = readPopulationFile(Buffer.from('name,LSOA21CD,Population\nA,E01017540,1\nB,E01017540,2\n'));
  assert.match(dup.problems[0]?.message ?? '', /appears more than once \(first on row 2\)/);
  assert.match(readPopulationFile(Buffer.from('a,b\n1,2\n'), 'x.csv').problems[0]?.message ?? '', /x\.csv has no header naming the LSOA code column/);
});

const raw = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/raw/ons-lsoa-population');

test('the real files, clean and raw Nomis, give the same 35,672 LSOAs; Bedfordshire has 417 and 704,736 people', (t) => {
  if (!fs.existsSync(raw)) {
    if (process.env.CI) assert.fail(`the real population files are missing at ${raw}`);
    t.skip(`SKIPPED: real population files not found at ${raw}`);
    return;
  }
  const clean = readPopulationFile(fs.readFileSync(path.join(raw, 'lsoa_global_number_residents_2021.csv')));
  const nomis = readPopulationFile(fs.readFileSync(path.join(raw, 'nomis-original/lsoa_global_number_residents_2021.csv')));
  assert.deepEqual(clean.problems, []);
  assert.deepEqual(nomis.problems, []);
  assert.equal(clean.rows.length, 35_672);
  assert.deepEqual(nomis.rows.map((r) => [r.code, r.population]), clean.rows.map((r) => [r.code, r.population]));
  const beds = clean.rows.filter((r) => /^(Bedford|Central Bedfordshire|Luton) \d{3}[A-Z]$/.test(r.name));
  assert.equal(beds.length, 417);
  assert.equal(beds.reduce((n, r) => n + r.population, 0), 704_736);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readLookupFile } from './lookup-files.ts';

const ladHeader = '\uFEFFLAD17CD,LAD17NM,CSP17CD,CSP17NM,PFA17CD,PFA17NM,FID';
const lsoaHeader = '\uFEFFLSOA11CD,LSOA11NM,LSOA21CD,LSOA21NM,LAD22CD,LAD22NM,LAD22NMW,ObjectId';

test('LAD → CSP → PFA: BOM, CRLF, quoted names with commas, Welsh W14 partnerships', () => {
  const text = [ladHeader, 'E06000055,Bedford,E22000009,Bedford,E23000026,Bedfordshire,1', 'E06000010,"Kingston upon Hull, City of",E22000134,"Kingston upon Hull, City of",E23000012,Humberside,2', 'W06000001,Isle of Anglesey,W14000001,Isle of Anglesey,W15000001,North Wales,3', ''].join('\r\n');
  const file = readLookupFile(Buffer.from(text));
  assert.equal(file.kind, 'lad-csp-pfa');
  assert.deepEqual(file.problems, []);
  assert.deepEqual(
    file.rows.map((r) => [r.row, r.ladCode, r.ladName, r.cspCode, r.pfaCode, r.pfaName]),
    [
      [2, 'E06000055', 'Bedford', 'E22000009', 'E23000026', 'Bedfordshire'],
      [3, 'E06000010', 'Kingston upon Hull, City of', 'E22000134', 'E23000012', 'Humberside'],
      [4, 'W06000001', 'Isle of Anglesey', 'W14000001', 'W15000001', 'North Wales'],
    ],
  );
});

test('LSOA 2011 → 2021: BOM, quoted names, empty Welsh name column', () => {
  const text = [lsoaHeader, 'E01015360,Bournemouth 012D,E01015360,"Bournemouth, Christchurch and Poole 028D",E06000058,"Bournemouth, Christchurch and Poole",,14809', 'W01000001,Isle of Anglesey 007A,W01000001,Isle of Anglesey 007A,W06000001,Isle of Anglesey,Sir Ynys Môn,33000', ''].join('\n');
  const file = readLookupFile(Buffer.from(text));
  assert.equal(file.kind, 'lsoa-2011-2021');
  assert.deepEqual(file.problems, []);
  assert.deepEqual(file.rows[0], { row: 2, lsoa11Code: 'E01015360', lsoa11Name: 'Bournemouth 012D', lsoa21Code: 'E01015360', lsoa21Name: 'Bournemouth, Christchurch and Poole 028D', ladCode: 'E06000058', ladName: 'Bournemouth, Christchurch and Poole' });
  assert.equal(file.rows[1]?.ladCode, 'W06000001');
});

test('bad rows are named by row and column, and no rows come back', () => {
  const lad = readLookupFile(Buffer.from([ladHeader, 'E06000055,Bedford,E22000009,Bedford,E23000026,Bedfordshire,1', 'E06000056,Central Bedfordshire,X22000353,Central Bedfordshire,E23000026,Bedfordshire,2', 'E06000055,Bedford,E22000009,Bedford,E23000026,Bedfordshire,3', 'E06000032,,E22000010,Luton,E23000026,Bedfordshire,4', 'E06000001,Hartlepool,E22000009,Bedford,E23000013,Cleveland,5'].join('\n')), 'lad.csv');
  assert.deepEqual(lad.rows, []);
  assert.deepEqual(lad.problems.map((p) => [p.row, p.column]), [[3, 'CSP17CD'], [4, 'LAD17CD'], [5, 'LAD17NM'], [6, 'PFA17CD']]);
  assert.match(lad.problems[0]?.message ?? '', /"X22000353" is not a community safety partnership code/);
  assert.match(lad.problems[1]?.message ?? '', /appears more than once \(first on row 2\)/);
  assert.match(lad.problems[3]?.message ?? '', /E22000009 is in E23000026 on row 2 but in E23000013 here/);

  const lsoa = readLookupFile(Buffer.from([lsoaHeader, 'E01000001,City of London 001A,E01000001,City of London 001A,E09000001,City of London,,1', 'E01000001,City of London 001A,E01000001,City of London 001A,E09000001,City of London,,2', 'E01000002,City of London 001B,E01000002,City of London 001B,E09000002,Barking,,3'].join('\n')));
  assert.deepEqual(lsoa.problems.map((p) => [p.row, p.column]), [[3, 'LSOA11CD']]);
  assert.deepEqual(lsoa.rows, []);
  const split = readLookupFile(Buffer.from([lsoaHeader, 'E01000001,A 001A,E01000009,A 001A,E09000001,A,,1', 'E01000002,A 001B,E01000009,A 001A,E09000002,B,,2'].join('\n')));
  assert.deepEqual(split.problems.map((p) => [p.row, p.column]), [[3, 'LAD22CD']]);
});

test('an unknown header says which two lookups are known', () => {
  const file = readLookupFile(Buffer.from('code,name\nE06000055,Bedford\n'), 'x.csv');
  assert.equal(file.kind, null);
  assert.match(file.problems[0]?.message ?? '', /x\.csv is not a lookup this knows: its header should be LAD17CD/);
  assert.match(readLookupFile(Buffer.from(ladHeader)).problems[0]?.message ?? '', /has a header but no rows/);
});

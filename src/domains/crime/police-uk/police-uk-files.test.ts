import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { describeFileName, normaliseOutcome, PoliceUkLineReader, readPoliceUkFile, readPoliceUkText, tallyPoliceUkFile, type PoliceUkRow } from './police-uk-files.ts';

const streetHeader = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const outcomesHeader = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type';
const searchHeader =
  'Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing';
const bp = 'Bedfordshire Police,Bedfordshire Police';

async function read(name: string, text: string): Promise<PoliceUkRow[]> {
  const rows: PoliceUkRow[] = [];
  for await (const row of readPoliceUkFile(Readable.from([Buffer.from(text)]), name)) rows.push(row);
  return rows;
}

// A fixture with the quirks of the real files: BOM, CRLF, identical ASB rows, No Location, a row
// outside the force area, a repeated Crime ID differing only in outcome.
const street = [
  `\uFEFF${streetHeader}`,
  `,2022-01,${bp},-0.46,52.13,On or near Park,E01017540,Bedford 001A,Anti-social behaviour,,`,
  `,2022-01,${bp},-0.46,52.13,On or near Park,E01017540,Bedford 001A,Anti-social behaviour,,`,
  `abc1,2022-01,${bp},,,No Location,,,Violence and sexual offences,Under investigation,`,
  `abc2,2022-01,${bp},-1.39,53.04,On or near Main Street,E01019432,Amber Valley 001A,Burglary,Investigation complete; no suspect identified,`,
  `abc3,2022-01,${bp},-0.41,51.88,On or near Supermarket,E01015699,Luton 023C,Shoplifting,Status update unavailable,`,
  `abc3,2022-01,${bp},-0.41,51.88,On or near Supermarket,E01015699,Luton 023C,Shoplifting,Court result unavailable,`,
].join('\r\n') + '\r\n';

test('file names say the month, force and kind', () => {
  assert.deepEqual(describeFileName('2022-01/2022-01-bedfordshire-street.csv'), { month: '2022-01', force: 'bedfordshire', kind: 'street' });
  assert.deepEqual(describeFileName('2021-05-bedfordshire-stop-and-search.csv'), { month: '2021-05', force: 'bedfordshire', kind: 'stop-and-search' });
  assert.equal(describeFileName('notes.csv'), null);
});

test('street rows: BOM and CRLF, ASB rows without IDs kept apart, No Location, outside the force, repeated IDs — every row kept', async () => {
  const rows = await read('2022-01-bedfordshire-street.csv', street);
  assert.equal(rows.length, 6);
  const first = rows[0];
  assert.ok(first?.kind === 'street');
  assert.equal(first.row.crimeId, null);
  assert.equal(first.line, 2);
  const noLocation = rows[2];
  assert.ok(noLocation?.kind === 'street');
  assert.equal(noLocation.row.lsoaCode, null);
  assert.equal(noLocation.row.longitude, null);
  const tally = await tallyPoliceUkFile(Readable.from([Buffer.from(street)]), '2022-01-bedfordshire-street.csv', new Set(['E01017540', 'E01015699']));
  assert.deepEqual(tally, { fileName: '2022-01-bedfordshire-street.csv', kind: 'street', rows: 6, withoutLocation: 1, outsideForceArea: 1, antiSocialBehaviour: 2, repeatedCrimeIds: 1 });
});

test('outcomes: earlier months allowed, "No location" lower-case, labels normalised', async () => {
  const rows = await read(
    '2022-01-bedfordshire-outcomes.csv',
    `${outcomesHeader}\nabc1,2021-11,${bp},,,No location,,,Offender given penalty notice\nabc1,2022-01,${bp},-0.4,52.1,On or near Road,E01017540,Bedford 001A,Suspect charged\n`,
  );
  assert.equal(rows.length, 2);
  assert.ok(rows[0]?.kind === 'outcomes');
  assert.equal(rows[0].row.month, '2021-11');
  assert.equal(rows[0].row.outcomeType, 'Offender given a penalty notice');
  assert.equal(normaliseOutcome('  Offender given  caution '), 'Offender given a caution');
});

test('stop and search: UTC timestamps belong to the London month (the evening before is BST midnight)', async () => {
  const rows = await read(
    '2021-05-bedfordshire-stop-and-search.csv',
    `${searchHeader}\nPerson search,2021-04-30T23:41:00+00:00,False,,,,Male,18-24,,White,Misuse of Drugs Act 1971 (section 23),Controlled drugs,A no further action disposal,,False\n`,
  );
  assert.ok(rows[0]?.kind === 'stop-and-search');
  assert.equal(rows[0].row.month, '2021-05');
  assert.equal(rows[0].row.partOfPolicingOperation, false);
  assert.equal(rows[0].row.outcomeLinkedToObject, null);
  assert.equal(rows[0].row.latitude, null);
  // A minute either side of BST midnight: the month is worked out per UTC hour, and 23:00 UTC is May in London.
  const edge = await read('2021-05-bedfordshire-stop-and-search.csv', `${searchHeader}\nPerson search,2021-04-30T23:00:00+00:00,False,,,,,,,,,,,,\n`);
  assert.ok(edge[0]?.kind === 'stop-and-search');
  assert.equal(edge[0].row.month, '2021-05');
  await assert.rejects(read('2021-05-bedfordshire-stop-and-search.csv', `${searchHeader}\nPerson search,2021-04-30T22:59:00+00:00,False,,,,,,,,,,,,\n`), /is in 2021-04 \(London time\)/);
  await assert.rejects(
    read('2021-06-bedfordshire-stop-and-search.csv', `${searchHeader}\nPerson search,2021-04-30T23:41:00+00:00,False,,,,,,,,,,,,\n`),
    /2021-06-bedfordshire-stop-and-search\.csv, row 2, column Date: .* is in 2021-05 \(London time\), not the file's month 2021-06/,
  );
});

test('a row is marked as written only when its cells as written are its values', async () => {
  const rows = await read('2022-01-bedfordshire-street.csv', [
    `\uFEFF${streetHeader}`,
    `abc1,2022-01,${bp},-0.46,52.13,On or near Park,E01017540,Bedford 001A,Burglary,Under investigation,`,
    `,2022-01,${bp},,,No Location,,,Anti-social behaviour,,`,
    `abc2,2022-01,${bp},-0.46,52.13,"On or near Park",E01017540,Bedford 001A,Burglary,,`,
    `abc3,2022-01,${bp},-0.46,52.13,On or near Park ,E01017540,Bedford 001A,Burglary,,`,
    `abc4,2022-01,${bp},-0.46,52.13,On or near Park,E01017540,Bedford 001A,Burglary,Offender given penalty notice,`,
    `abc5,2022-01,${bp},1e-1,52.13,On or near Park,E01017540,Bedford 001A,Burglary,,`,
    `abc6,2022-01,,Bedfordshire Police,-0.46,52.13,On or near Park,E01017540,Bedford 001A,Burglary,,`,
  ].join('\r\n'));
  assert.deepEqual(
    rows.map((r) => (r.kind === 'stop-and-search' ? null : r.asWritten)),
    [true, true, false, false, false, false, false],
  );
});

test('bad files are refused naming the file, row and column', async () => {
  await assert.rejects(read('x.csv', 'a,b,c\n1,2,3\n'), /x\.csv, row 1: the header is not that of a police\.uk/);
  await assert.rejects(read('2022-01-bedfordshire-outcomes.csv', `${streetHeader}\n`), /named as outcomes but its header is that of a street file/);
  await assert.rejects(read('2022-02-bedfordshire-street.csv', street.replace('\uFEFF', '')), /2022-02-bedfordshire-street\.csv, row 2, column Month: 2022-01 is not the file's month 2022-02/);
  await assert.rejects(read('2022-01-bedfordshire-street.csv', `${streetHeader}\nabc,2022-01,${bp},west,52,x,,,Burglary,,\n`), /row 2, column Longitude: "west" is not a number/);
  await assert.rejects(read('2022-01-bedfordshire-street.csv', `${streetHeader}\nabc,2022-01\n`), /row 2: 2 cells where a street row has 12/);
  await assert.rejects(read('2022-01-bedfordshire-street.csv', ''), /the file is empty/);
});

/** Every row of the importer's reader, as rows, with which of them it read in place. */
function readLines(name: string, content: Buffer): { rows: PoliceUkRow[]; inPlace: number[] } {
  const reader = new PoliceUkLineReader(content, name);
  const rows: PoliceUkRow[] = [];
  const inPlace: number[] = [];
  while (reader.next()) {
    rows.push(reader.row());
    if (reader.typed === null) {
      inPlace.push(reader.line);
      const row = reader.row();
      assert.ok(row.kind !== 'stop-and-search');
      // What the importer reads off the reader is what the typed row says.
      assert.equal(row.asWritten, true);
      assert.equal(reader.kind, row.kind);
      assert.equal(reader.crimeId, row.row.crimeId);
      assert.equal(reader.month, row.row.month);
      assert.equal(reader.lsoaCode, row.row.lsoaCode);
      assert.equal(reader.lsoaName, row.row.lsoaName);
      assert.deepEqual([reader.longitude, reader.latitude], [row.row.longitude, row.row.latitude]);
      if (row.kind === 'street') assert.deepEqual([reader.crimeType, reader.lastOutcome], [row.row.crimeType, row.row.lastOutcome]);
      else assert.equal(reader.outcomeType, row.row.outcomeType);
    }
  }
  return { rows, inPlace };
}

const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return null;
};

test("the importer's reader gives readPoliceUkText's rows, reading plain rows in place and the rest through the same checks", () => {
  const untidy = [
    `\uFEFF${streetHeader}`,
    '',
    `abc1,2022-01,${bp},-0.46,52.13,On or near Park,E01017540,Bedford 001A,Burglary,Under investigation,`,
    `,2022-01,${bp},,,No Location,,,Anti-social behaviour,,`,
    `abc3,2022-01,${bp},-0.46,52.13,On or near Park ,E01017540,Bedford 001A,Burglary,,`,
    `abc4,2022-01,${bp},-0.46,52.13,On or near Park,E01017540,Bedford 001A,Burglary,Offender given penalty notice,`,
    `abc5,2022-01,${bp},1e-1,52.13,On or near Park,E01017540,Bedford 001A,Burglary,,`,
    `abc6,2022-01,,Bedfordshire Police,-0.46,52.13,On or near Park,E01017540,Bedford 001A,Burglary,,`,
    `abc7, 2022-01,${bp},-0.46,52.13,On or near Park,E01017540,Bedford 001A,Burglary,,`,
    `abc8,2022-01,${bp},-.46,52.,On or near Park,E01017540,Bedford 001A,Burglary,,`,
    `abc9,2022-01,${bp},-0.46,,On or near Park,E01017540,Bedford 001A,Burglary,,`,
    `abc1,2022-01,${bp},-0.46,52.13,On or near Park,E01017540,Bedford 001A,Burglary,Under investigation,`,
    '',
  ].join('\n');
  const files: [string, string, number[]][] = [
    // The first row of a file checks its month, so it is always typed.
    ['2022-01-bedfordshire-street.csv', street, [3, 4, 5, 6, 7]],
    ['2022-01-bedfordshire-street.csv', untidy, [4, 11, 12]],
    // Quoted cells, one running over two lines: those rows are typed, and the line numbers after them hold.
    ['2022-01-bedfordshire-street.csv', untidy.replace('On or near Park ,', '"On or near\nPark",').replace(',Under investigation,\n', ',"Under ""investigation""",\n'), [4, 12, 13]],
    ['2022-01-bedfordshire-street.csv', untidy.replaceAll('\n', '\r\n').replace('On or near Park ,', '"On or near\r\nPark",'), [4, 12, 13]],
    ['2022-01-bedfordshire-street.csv', `${untidy}""\n\n`, [4, 11, 12]],
    ['2022-01-bedfordshire-street.csv', untidy.replace('Crime ID', '"Crime ID"'), []], // a quoted header: csvRecords reads the file
    ['2022-01-bedfordshire-street.csv', untidy.replaceAll('\n', '\r'), []], // old Mac line ends: csvRecords reads the file
    ['2022-01-bedfordshire-outcomes.csv', `${outcomesHeader}\nabc1,2021-11,${bp},,,No location,,,Offender given penalty notice\nabc1,2022-01,${bp},-0.4,52.1,On or near Road,E01017540,Bedford 001A,Suspect charged\nabc2,2022-01,${bp},-0.4,52.1,On or near Road,E01017540,Bedford 001A,Suspect charged\n`, [4]],
    ['2021-05-bedfordshire-stop-and-search.csv', `${searchHeader}\nPerson search,2021-04-30T23:41:00+00:00,False,,,,Male,18-24,,White,Misuse of Drugs Act 1971 (section 23),Controlled drugs,A no further action disposal,,False\n`, []],
  ];
  for (const [name, text, inPlace] of files) {
    const content = Buffer.from(text);
    const read = readLines(name, content);
    assert.deepEqual(read.rows, [...readPoliceUkText(content, name)], name);
    assert.deepEqual(read.inPlace, inPlace, `${name}: the rows read in place`);
  }
  // Bad files: the same refusal, word for word.
  const bad: [string, string][] = [
    ['x.csv', 'a,b,c\n1,2,3\n'],
    ['2022-01-bedfordshire-outcomes.csv', `${streetHeader}\n`],
    ['2022-02-bedfordshire-street.csv', street.replace('\uFEFF', '')],
    ['2022-01-bedfordshire-street.csv', `${streetHeader}\nabc,2022-01,${bp},west,52,x,,,Burglary,,\n`],
    ['2022-01-bedfordshire-street.csv', `${streetHeader}\nabc,2022-01,${bp},-0.4,52.1,On or near Road,E01017540,Bedford 001A,Burglary,,\nabc,2022-01\n`],
    ['2022-01-bedfordshire-street.csv', `${streetHeader}\nabc,2022-01,${bp},-0.4,52.1,On or near Road,E01017540,Bedford 001A,Burglary,,,\n`],
    ['2022-01-bedfordshire-outcomes.csv', `${outcomesHeader}\nabc1,2022-01,${bp},-0.4,52.1,On or near Road,E01017540,Bedford 001A,Suspect charged\n,2022-01,${bp},-0.4,52.1,On or near Road,E01017540,Bedford 001A,Suspect charged\n`],
    ['2022-01-bedfordshire-street.csv', ''],
    ['2022-01-bedfordshire-street.csv', '\n\n'],
    ['2022-01-bedfordshire-street.csv', `${streetHeader}\nabc,2022-01,${bp},-0.4,52.1,"On or near Road,E01017540,Bedford 001A,Burglary,,\n`],
    ['2022-01-bedfordshire-street.csv', `${streetHeader}\nabc,2022-01,${bp},-0.4,52.1,"On or near" Road,E01017540,Bedford 001A,Burglary,,\n`],
    ['2022-01-bedfordshire-street.csv', Buffer.from([0xff, 0xfe, 0x00]).toString('latin1')],
  ];
  for (const [name, text] of bad) {
    const content = text.startsWith('\u00ff') ? Buffer.from([0xff, 0xfe, 0x00]) : Buffer.from(text);
    const expected = errorOf(() => [...readPoliceUkText(content, name)]);
    assert.ok(expected, `${name}: refused`);
    assert.equal(errorOf(() => readLines(name, content)), expected);
  }
});

// The real files, counted a second way: straight from the text, without the CSV parser.
const raw = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/data/raw/police-uk-bedfordshire');

test('the real Bedfordshire files: every row read, quirks counted exactly as the text shows them', async (t) => {
  if (!fs.existsSync(raw)) {
    if (process.env.CI) assert.fail(`the real police.uk files are missing at ${raw}`);
    t.skip(`SKIPPED: real police.uk files not found at ${raw}`);
    return;
  }
  let streetRows = 0;
  let outcomeRows = 0;
  let searchRows = 0;
  let inPlace = 0;
  for (const month of fs.readdirSync(raw).sort()) {
    for (const kind of ['street', 'outcomes', 'stop-and-search'] as const) {
      const file = path.join(raw, month, `${month}-bedfordshire-${kind}.csv`);
      const text = fs.readFileSync(file, 'utf8');
      const lines = text.split('\r\n').filter((l) => l !== '').slice(1);
      const tally = await tallyPoliceUkFile(fs.createReadStream(file), path.basename(file));
      assert.equal(tally.rows, lines.length, `${file}: rows`);
      const content = fs.readFileSync(file);
      const read = readLines(path.basename(file), content);
      assert.deepEqual(read.rows, [...readPoliceUkText(content, path.basename(file))], `${file}: the importer's reader gives the same rows`);
      if (kind !== 'stop-and-search') inPlace += read.inPlace.length;
      if (kind !== 'stop-and-search') {
        // No field in these files holds a quoted comma before the Location column, so splitting works here.
        assert.equal(tally.withoutLocation, lines.filter((l) => /,No [Ll]ocation,/.test(l)).length, `${file}: without location`);
        const ids = lines.map((l) => l.split(',')[0] ?? '');
        assert.equal(tally.antiSocialBehaviour, ids.filter((id) => id === '').length, `${file}: ASB`);
        const named = ids.filter((id) => id !== '');
        assert.equal(tally.repeatedCrimeIds, named.length - new Set(named).size, `${file}: repeated IDs`);
      }
      if (kind === 'street') streetRows += tally.rows;
      else if (kind === 'outcomes') outcomeRows += tally.rows;
      else searchRows += tally.rows;
    }
  }
  // The totals SOURCES.md gives for the 36 months.
  assert.deepEqual([streetRows, outcomeRows, searchRows], [182_113, 150_417, 11_810]);
  // Nearly every street and outcomes row is plain enough to be read in place (the rest are typed).
  assert.ok(inPlace > 0.99 * (streetRows + outcomeRows), `${inPlace} of ${streetRows + outcomeRows} rows read in place`);
});

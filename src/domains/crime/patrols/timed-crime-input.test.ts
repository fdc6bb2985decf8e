import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeTimedCrimeProblem, readTimedCrimeCsv, type TimedCrimeCsvResult, type TimedCrimeProblem } from './timed-crime-input.ts';

const read = (text: string | Buffer) => readTimedCrimeCsv(Buffer.isBuffer(text) ? text : Buffer.from(text));
function problemsOf(result: TimedCrimeCsvResult): TimedCrimeProblem[] {
  assert.equal(result.ok, false, 'expected the file to be refused');
  return result.ok ? [] : result.problems;
}
const where = (problems: readonly TimedCrimeProblem[]) => problems.map((p) => `${p.row}:${p.column}`);
const lonLatHeader = 'crime_reference,crime_type,occurred_at,longitude,latitude';

describe('timed crime CSV', () => {
  test('longitude/latitude form: every row read, times to the millisecond, extra columns named', () => {
    const result = read(`${lonLatHeader},outcome\nCR-1,Burglary,2024-03-04T10:00:00Z,-0.42,52.13,none\n\nCR-2, Robbery ,2024-03-04T22:15:00+01:00,-0.41,52.14,\n`);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.summary, { dataRows: 2, blankRows: 1, ignoredColumns: ['outcome'], position: 'lonlat' });
    assert.deepEqual(
      result.crimes.map((c) => [c.row, c.reference, c.crimeType, c.time, c.longitude, c.latitude, c.easting]),
      [
        [2, 'CR-1', 'Burglary', Date.parse('2024-03-04T10:00:00Z'), -0.42, 52.13, null],
        [4, 'CR-2', 'Robbery', Date.parse('2024-03-04T21:15:00Z'), -0.41, 52.14, null],
      ],
    );
  });

  test('easting/northing form, with a byte-order mark, CRLF line ends and headers in capitals', () => {
    const result = read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Crime Reference,CRIME_TYPE,Occurred_At,Easting,Northing\r\nCR-1,Burglary,2024-03-04T10:00:00Z,504123.5,250456\r\n')]));
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.summary.position, 'grid');
    assert.deepEqual(result.crimes.map((c) => [c.reference, c.easting, c.northing, c.longitude]), [['CR-1', 504123.5, 250456, null]]);
  });

  test('a bad time, a bad coordinate and an empty reference: each named by row and column, nothing returned', () => {
    const problems = problemsOf(read(`${lonLatHeader}\nCR-1,Burglary,2024-03-04T10:00:00,-0.42,52.13\nCR-2,Burglary,2024-03-04T10:00:00Z,west,52.13\n,Burglary,2024-02-30T10:00:00Z,-0.42,95\nCR-4,Burglary,2024-03-04T10:00:00Z,52.13,-0.42\n`));
    assert.deepEqual(where(problems), ['2:occurred_at', '3:longitude', '4:crime_reference', '4:occurred_at', '4:latitude', '5:longitude']);
    assert.match(problems[0]?.message ?? '', /does not say its time zone/);
    assert.match(problems[1]?.message ?? '', /"west" is not a longitude/);
    assert.match(problems[3]?.message ?? '', /not a real date and time/);
    assert.match(problems[4]?.message ?? '', /latitude 95 is outside the area British National Grid covers/);
    assert.match(problems[5]?.message ?? '', /wrong way round/);
    assert.match(describeTimedCrimeProblem(problems[0] as TimedCrimeProblem, 'crimes.csv'), /^File crimes.csv, row 2, column occurred_at: The time "2024-03-04T10:00:00" does not say its time zone/);
  });

  test('easting/northing outside the grid (degrees put in metre columns) are refused', () => {
    const problems = problemsOf(read('crime_reference,crime_type,occurred_at,easting,northing\nCR-1,Burglary,2024-03-04T10:00:00Z,-0.42,52.13\nCR-2,Burglary,2024-03-04T10:00:00Z,504000,1300001\n'));
    assert.deepEqual(where(problems), ['2:easting', '3:northing']);
    assert.match(problems[0]?.message ?? '', /outside British National Grid.*not a longitude/);
  });

  test('missing columns are named; a range without occurred_at is refused, saying the import will not choose a time', () => {
    assert.deepEqual(where(problemsOf(read('crime_reference,occurred_at,longitude,latitude\nCR-1,2024-03-04T10:00:00Z,-0.42,52.13\n'))), ['1:crime_type']);
    assert.deepEqual(where(problemsOf(read('crime_reference,crime_type,occurred_at,longitude\nCR-1,B,2024-03-04T10:00:00Z,-0.42\n'))), ['1:latitude']);
    const range = problemsOf(read('crime_reference,crime_type,occurred_from,occurred_to,easting,northing\nCR-1,B,2024-03-04T10:00:00Z,2024-03-04T12:00:00Z,504000,250000\n'));
    assert.deepEqual(where(range), ['1:occurred_at']);
    assert.match(range[0]?.message ?? '', /gives a range .* will not choose one/);
    const none = problemsOf(read('crime_reference,crime_type,occurred_at\nCR-1,B,2024-03-04T10:00:00Z\n'));
    assert.match(none[0]?.message ?? '', /no position/);
    const both = problemsOf(read('crime_reference,crime_type,occurred_at,longitude,latitude,easting,northing\nCR-1,B,2024-03-04T10:00:00Z,-0.42,52.13,504000,250000\n'));
    assert.match(both[0]?.message ?? '', /both longitude\/latitude and easting\/northing/);
  });

  test('a repeated crime reference is a problem naming both rows', () => {
    const problems = problemsOf(read(`${lonLatHeader}\nCR-1,Burglary,2024-03-04T10:00:00Z,-0.42,52.13\nCR-2,Burglary,2024-03-04T11:00:00Z,-0.42,52.13\nCR-1,Burglary,2024-03-04T10:00:00Z,-0.42,52.13\n`));
    assert.deepEqual(where(problems), ['4:crime_reference']);
    assert.match(problems[0]?.message ?? '', /"CR-1" is already on row 2/);
  });

  test('empty, header-only, not UTF-8, unclosed quote and an unquoted comma', () => {
    assert.match(problemsOf(read(''))[0]?.message ?? '', /empty/);
    assert.match(problemsOf(read(`${lonLatHeader}\n`))[0]?.message ?? '', /no rows of data/);
    assert.match(problemsOf(read(Buffer.from([0x63, 0xff, 0x0a])))[0]?.message ?? '', /not UTF-8/);
    assert.deepEqual(where(problemsOf(read(`${lonLatHeader}\nCR-1,"Burglary,2024-03-04T10:00:00Z,-0.42,52.13\n`))), ['2:null']);
    assert.deepEqual(where(problemsOf(read(`${lonLatHeader}\nCR-1,Theft, other,2024-03-04T10:00:00Z,-0.42,52.13\n`))).slice(0, 1), ['2:null']);
  });
});

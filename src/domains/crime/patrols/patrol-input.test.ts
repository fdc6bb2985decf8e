import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { describeDuration, describePatrolProblem, detectPatrolForm, parseIsoInstant, readPatrolCsv } from './patrol-input.ts';
import type { PatrolCsvOptions, PatrolCsvResult, PatrolInputProblem } from './patrol-input.ts';

const hotspotIds = new Set(['HS-001', 'HS-002', 'HS-003']);
const read = (csv: string | Buffer, options: Partial<PatrolCsvOptions> = {}) => readPatrolCsv(Buffer.isBuffer(csv) ? csv : Buffer.from(csv), { hotspotIds, ...options });
/** The problems of a result that must have failed. */
function problemsOf(result: PatrolCsvResult): PatrolInputProblem[] {
  assert.equal(result.ok, false, 'expected the file to be refused');
  return result.ok ? [] : result.problems;
}
const where = (problems: readonly PatrolInputProblem[]) => problems.map((p) => `${p.row}:${p.column}`);
const utc = (iso: string) => Date.parse(iso);

describe('timestamps', () => {
  test('ISO 8601 with Z or an offset, in the forms spreadsheets and systems export', () => {
    const t = utc('2024-03-01T21:15:00Z');
    for (const text of ['2024-03-01T21:15:00Z', '2024-03-01T21:15Z', '2024-03-01 21:15:00Z', '2024-03-01t21:15:00z', '2024-03-01T22:15:00+01:00', '2024-03-01T22:15:00+0100', '2024-03-01T22:15:00+01', '2024-03-01T16:15:00-05:00', '2024-03-01T21:15:00+00:00', '2024-03-01T21:15:00-00:00', '  2024-03-01T21:15:00Z  ']) {
      assert.deepEqual(parseIsoInstant(text), { ok: true, time: t }, text);
    }
    assert.deepEqual(parseIsoInstant('2024-03-01T21:15:00.5Z'), { ok: true, time: t + 500 });
    assert.deepEqual(parseIsoInstant('2024-03-01T21:15:00,123456789Z'), { ok: true, time: t + 123 }, 'further digits are cut off');
    assert.deepEqual(parseIsoInstant('2024-02-29T00:00:00Z'), { ok: true, time: utc('2024-02-29T00:00:00Z') }, 'a leap day');
    assert.deepEqual(parseIsoInstant('2024-03-31T00:30:00+05:30'), { ok: true, time: utc('2024-03-30T19:00:00Z') });
  });

  test('a time without a time zone is refused, saying times must say their time zone', () => {
    const result = parseIsoInstant('2024-03-01T21:15:00');
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.message, /times must say their time zone, e\.g\. 2024-03-01T21:15:00Z or 2024-03-01T22:15:00\+01:00/);
  });

  test('dates without times, other formats, and dates or times that do not exist are refused', () => {
    const message = (text: string) => {
      const r = parseIsoInstant(text);
      return r.ok ? 'accepted' : r.message;
    };
    assert.match(message('2024-03-01'), /date without a time/);
    assert.match(message('01/03/2024 21:15'), /not an ISO 8601 time/);
    assert.match(message('2024-03-01T21:15:00 BST'), /not an ISO 8601 time/);
    assert.match(message('1709327700000'), /not an ISO 8601 time/);
    assert.match(message(''), /Enter a time/);
    for (const impossible of ['2023-02-29T10:00:00Z', '2024-02-30T10:00:00Z', '2024-13-01T10:00:00Z', '2024-00-10T10:00:00Z', '2024-04-31T10:00:00Z', '2024-03-01T24:00:00Z', '2024-03-01T21:60:00Z', '2024-03-01T21:15:60Z', '2024-03-01T21:15:00+24:00']) {
      assert.match(message(impossible), /not a real date and time/, impossible);
    }
  });

  test('round trip: any instant written with any offset reads back as the same instant', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.integer({ min: -14 * 60, max: 14 * 60 }), (time, offsetMinutes) => {
        const local = new Date(time + offsetMinutes * 60_000).toISOString().slice(0, 23);
        const abs = Math.abs(offsetMinutes);
        const text = `${local}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
        assert.deepEqual(parseIsoInstant(text), { ok: true, time }, text);
      }),
      { numRuns: 500 },
    );
  });

  test('durations are described in hours and minutes', () => {
    assert.equal(describeDuration(13 * 3_600_000 + 5 * 60_000), '13 hours 5 minutes');
    assert.equal(describeDuration(3_600_000), '1 hour');
    assert.equal(describeDuration(60_000), '1 minute');
    assert.equal(describeDuration(0), '0 minutes');
  });
});

describe('the form is told from the header', () => {
  test('visits, pings, or neither / both', () => {
    assert.equal(detectPatrolForm(['hotspot_id', 'unit', 'start', 'end']), 'visits');
    assert.equal(detectPatrolForm([' Unit ', 'Timestamp', 'Longitude', 'LATITUDE']), 'pings');
    assert.equal(detectPatrolForm(['Hotspot ID', 'unit']), 'visits', 'spaces, hyphens and capitals are forgiven');
    assert.equal(detectPatrolForm(['unit', 'start', 'timestamp']), null);
    assert.equal(detectPatrolForm(['a', 'b']), null);
  });

  test('a header that is neither form is a problem on row 1', () => {
    const problems = problemsOf(read('a,b\n1,2\n'));
    assert.deepEqual(where(problems), ['1:null']);
    assert.match(problems[0]?.message ?? '', /hotspot_id, unit, start, end.*unit, timestamp, longitude, latitude.*It has: a, b/);
  });
});

describe('visits files', () => {
  test('a clean file with a BOM, CRLF, quoted fields, a blank line and an extra column is read whole', () => {
    const csv = '\uFEFFhotspot_id,unit,start,end,Notes\r\n' + '"HS-001","Car 7, Leeds",2024-03-01T21:15:00Z,2024-03-01T22:30:00+01:00,"said ""hello"""\r\n' + '\r\n' + 'HS-002 , Foot 3 ,2024-03-02 10:00+00:00,2024-03-02T10:20:00.5Z,\r\n';
    const result = read(csv);
    assert.ok(result.ok && result.form === 'visits');
    assert.deepEqual(result.visits, [
      { row: 2, hotspotId: 'HS-001', unit: 'Car 7, Leeds', start: utc('2024-03-01T21:15:00Z'), end: utc('2024-03-01T21:30:00Z') },
      { row: 4, hotspotId: 'HS-002', unit: 'Foot 3', start: utc('2024-03-02T10:00:00Z'), end: utc('2024-03-02T10:20:00.500Z') },
    ]);
    assert.deepEqual(result.summary, { dataRows: 2, blankRows: 1, droppedDuplicates: [], ignoredColumns: ['Notes'] });
  });

  test('the columns may come in any order', () => {
    const result = read('end,start,unit,hotspot_id\n2024-03-01T21:30:00Z,2024-03-01T21:15:00Z,car1,HS-003\n');
    assert.ok(result.ok && result.form === 'visits');
    assert.equal(result.visits[0]?.hotspotId, 'HS-003');
    assert.equal((result.visits[0]?.end ?? 0) - (result.visits[0]?.start ?? 0), 15 * 60_000);
  });

  test('every problem has its row and column, in order, and nothing is returned when any row is wrong', () => {
    const result = read(
      [
        'hotspot_id,unit,start,end',
        'HS-001,car1,2024-03-01T21:15:00Z,2024-03-01T21:30:00Z', // row 2: fine
        'HS-001,car1,2024-03-01T21:15:00,2024-03-01T21:30:00Z', // row 3: no time zone
        'HS-999,car1,2024-03-01T21:15:00Z,2024-03-01T21:30:00Z', // row 4: unknown hotspot
        'HS-001,car1,2024-03-01T21:15:00Z,2024-03-01T21:00:00Z', // row 5: ends before it starts
        'HS-001,car1,2024-03-01T08:00:00Z,2024-03-01T21:00:00Z', // row 6: 13 hours
        'HS-001,,01/03/2024 21:15,2024-02-30T10:00:00Z', // row 7: no unit, not ISO, no such date
        'hs-002,car2,2024-03-01,', // row 8: a near miss, a date only, no end
      ].join('\n'),
    );
    const problems = problemsOf(result);
    assert.deepEqual(where(problems), ['3:start', '4:hotspot_id', '5:end', '6:end', '7:unit', '7:start', '7:end', '8:hotspot_id', '8:start', '8:end']);
    const text = problems.map((p) => describePatrolProblem(p));
    assert.match(text[0] ?? '', /^Row 3, column start: The start time "2024-03-01T21:15:00" does not say its time zone: times must say their time zone, e\.g\. 2024-03-01T21:15:00Z/);
    assert.match(text[1] ?? '', /^Row 4, column hotspot_id: "HS-999" is not a registered hotspot$/);
    assert.match(text[2] ?? '', /^Row 5, column end: The visit ends \(2024-03-01T21:00:00Z\) before it starts \(2024-03-01T21:15:00Z\)/);
    assert.match(text[3] ?? '', /^Row 6, column end: The visit lasts 13 hours, longer than the limit of 12 hours/);
    assert.match(text[4] ?? '', /^Row 7, column unit: Enter the unit/);
    assert.match(text[5] ?? '', /^Row 7, column start: The start time "01\/03\/2024 21:15" is not an ISO 8601 time/);
    assert.match(text[6] ?? '', /^Row 7, column end: The end time "2024-02-30T10:00:00Z" is not a real date and time/);
    assert.match(text[7] ?? '', /^Row 8, column hotspot_id: "hs-002" is not a registered hotspot: did you mean "HS-002"\?/);
    assert.match(text[8] ?? '', /^Row 8, column start: The start time "2024-03-01" is a date without a time/);
    assert.match(text[9] ?? '', /^Row 8, column end: Enter the end time/);
    assert.match(describePatrolProblem(problems[0] as PatrolInputProblem, 'patrols.csv'), /^File patrols\.csv, row 3, column start: The start time/);
  });

  test('a visit of exactly 12 hours, or of no time at all, is accepted; 12 hours and a minute is not; the limit can be changed', () => {
    const file = (end: string) => `hotspot_id,unit,start,end\nHS-001,car1,2024-03-01T08:00:00Z,${end}\n`;
    assert.equal(read(file('2024-03-01T20:00:00Z')).ok, true);
    assert.equal(read(file('2024-03-01T08:00:00Z')).ok, true);
    assert.deepEqual(where(problemsOf(read(file('2024-03-01T20:01:00Z')))), ['2:end']);
    assert.equal(read(file('2024-03-01T20:01:00Z'), { maxVisitMs: 24 * 3_600_000 }).ok, true);
  });

  test('an exact duplicate visit is dropped and listed in the summary; the same start with another end is a problem', () => {
    const header = 'hotspot_id,unit,start,end\n';
    const first = 'HS-001,car1,2024-03-01T21:15:00Z,2024-03-01T21:30:00Z\n';
    const sameInstants = 'HS-001,car1,2024-03-01T22:15:00+01:00,2024-03-01T22:30:00+01:00\n';
    const ok = read(header + first + 'HS-002,car1,2024-03-01T21:15:00Z,2024-03-01T21:30:00Z\n' + sameInstants);
    assert.ok(ok.ok && ok.form === 'visits');
    assert.equal(ok.visits.length, 2, 'the same times in another hotspot are not a duplicate');
    assert.deepEqual(ok.summary.droppedDuplicates, [{ row: 4, duplicateOf: 2 }]);
    assert.equal(ok.summary.dataRows, 3);
    const conflict = problemsOf(read(header + first + 'HS-001,car1,2024-03-01T21:15:00Z,2024-03-01T21:45:00Z\n'));
    assert.deepEqual(where(conflict), ['3:start']);
    assert.match(conflict[0]?.message ?? '', /already has a visit to HS-001 starting at 2024-03-01T21:15:00Z on row 2, with a different end/);
  });

  test('a missing column is a problem on row 1 naming the column', () => {
    const problems = problemsOf(read('hotspot_id,unit,start\nHS-001,car1,2024-03-01T21:15:00Z\n'));
    assert.deepEqual(where(problems), ['1:end']);
    assert.match(problems[0]?.message ?? '', /Missing column end: a visits file has the columns hotspot_id, unit, start, end/);
  });

  test('a column twice in the header is a problem', () => {
    assert.deepEqual(where(problemsOf(read('hotspot_id,unit,start,end,unit\nHS-001,car1,2024-03-01T21:15:00Z,2024-03-01T21:30:00Z,car1\n'))), ['1:unit']);
  });

  test('a row with more values than the header (an unquoted comma) is a problem for the row', () => {
    const problems = problemsOf(read('hotspot_id,unit,start,end\nHS-001,Car 7, Leeds,2024-03-01T21:15:00Z,2024-03-01T21:30:00Z\n'));
    assert.equal(problems[0]?.row, 2);
    assert.equal(problems[0]?.column, null);
    assert.match(problems[0]?.message ?? '', /has 5 values but the header has 4 columns: is there a comma in a value that is not in quotes\?/);
  });

  test('trailing empty values (a spreadsheet’s extra commas) are fine', () => {
    assert.equal(read('hotspot_id,unit,start,end\nHS-001,car1,2024-03-01T21:15:00Z,2024-03-01T21:30:00Z,,,\n').ok, true);
  });

  test('rows are numbered as a spreadsheet shows them: blank lines count, a quoted value over two lines is one row', () => {
    const problems = problemsOf(read('hotspot_id,unit,start,end\r\n"HS-\r\n001",car1,2024-03-01T21:15:00Z,2024-03-01T21:30:00Z\r\n\r\n,,,\r\nHS-001,car1,2024-03-01T21:15:00Z,nope\r\n'));
    assert.equal(problems[0]?.row, 2);
    assert.deepEqual(where(problems), ['2:hotspot_id', '5:end']);
  });
});

describe('GPS ping files', () => {
  test('a clean file is read, the extra column ignored and named', () => {
    const result = read('unit,timestamp,longitude,latitude,speed\r\ncar1,2024-03-01T21:15:00Z,-1.5491,53.8008,3\r\ncar1,2024-03-01T21:15:30Z,"-1.54",+53.80,\r\n');
    assert.ok(result.ok && result.form === 'pings');
    assert.deepEqual(result.pings, [
      { row: 2, unit: 'car1', time: utc('2024-03-01T21:15:00Z'), longitude: -1.5491, latitude: 53.8008 },
      { row: 3, unit: 'car1', time: utc('2024-03-01T21:15:30Z'), longitude: -1.54, latitude: 53.8 },
    ]);
    assert.deepEqual(result.summary.ignoredColumns, ['speed']);
  });

  test('an exact duplicate ping — same unit, instant and place — is dropped and listed; written differently, it is still the same', () => {
    const result = read('unit,timestamp,longitude,latitude\ncar1,2024-03-01T21:15:00Z,-1.5491,53.8008\ncar2,2024-03-01T21:15:00Z,-1.5491,53.8008\ncar1,2024-03-01T22:15:00+01:00,-1.54910,53.80080\n');
    assert.ok(result.ok && result.form === 'pings');
    assert.equal(result.pings.length, 2);
    assert.deepEqual(result.summary.droppedDuplicates, [{ row: 4, duplicateOf: 2 }]);
  });

  test('the same unit at the same instant in two places is a problem', () => {
    const problems = problemsOf(read('unit,timestamp,longitude,latitude\ncar1,2024-03-01T21:15:00Z,-1.5491,53.8008\ncar1,2024-03-01T21:15:00Z,-1.5492,53.8008\n'));
    assert.deepEqual(where(problems), ['3:timestamp']);
    assert.match(problems[0]?.message ?? '', /Unit car1 already has a ping at 2024-03-01T21:15:00Z on row 2, in a different place/);
  });

  test('positions: not numbers, out of range, outside British National Grid, or the wrong way round', () => {
    const problems = problemsOf(
      read(
        [
          'unit,timestamp,longitude,latitude',
          'car1,2024-03-01T21:15:00Z,200,95', // row 2: out of range
          'car1,2024-03-01T21:16:00Z,53.8008,-1.5491', // row 3: swapped
          'car1,2024-03-01T21:17:00Z,10.5,45.2', // row 4: in the Alps
          'car1,2024-03-01T21:18:00Z,1°32′W,', // row 5: not decimal degrees; missing
          'car1,2024-03-01T21:19:00,-1.5,53.8', // row 6: no time zone
        ].join('\n'),
      ),
    );
    assert.deepEqual(where(problems), ['2:longitude', '2:latitude', '3:longitude', '4:longitude', '4:latitude', '5:longitude', '5:latitude', '6:timestamp']);
    assert.match(problems[0]?.message ?? '', /longitude 200 is out of range: it must be between -180 and 180/);
    assert.match(problems[1]?.message ?? '', /latitude 95 is out of range: it must be between -90 and 90/);
    assert.match(problems[2]?.message ?? '', /are longitude and latitude the wrong way round\?/);
    assert.match(problems[3]?.message ?? '', /outside the area British National Grid covers/);
    assert.match(problems[5]?.message ?? '', /"1°32′W" is not a longitude in decimal degrees/);
    assert.match(problems[6]?.message ?? '', /Enter the latitude/);
    assert.match(problems[7]?.message ?? '', /times must say their time zone/);
  });

  test('with no area given, only the ranges of degrees are checked', () => {
    assert.equal(read('unit,timestamp,longitude,latitude\ncar1,2024-03-01T21:15:00Z,10.5,45.2\n', { area: null }).ok, true);
  });

  test('missing columns are named', () => {
    assert.deepEqual(where(problemsOf(read('unit,timestamp\ncar1,2024-03-01T21:15:00Z\n'))), ['1:longitude', '1:latitude']);
  });
});

describe('whole-file problems', () => {
  test('empty, binary, not UTF-8, a blank header, a header only', () => {
    assert.match(problemsOf(read(''))[0]?.message ?? '', /empty/);
    assert.match(problemsOf(read(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])))[0]?.message ?? '', /not a CSV file/);
    assert.match(problemsOf(read(Buffer.from([0x75, 0x6e, 0x69, 0x74, 0xff, 0x0a])))[0]?.message ?? '', /not UTF-8/);
    assert.match(problemsOf(read('\n\nunit,timestamp,longitude,latitude\n'))[0]?.message ?? '', /first row \(the header\) is blank/);
    assert.match(problemsOf(read('unit,timestamp,longitude,latitude\r\n\r\n'))[0]?.message ?? '', /no rows of data/);
  });

  test('broken quoting is reported at the row where it starts', () => {
    const unclosed = problemsOf(read('hotspot_id,unit,start,end\nHS-001,car1,2024-03-01T21:15:00Z,2024-03-01T21:30:00Z\nHS-001,"car1,2024-03-01T21:15:00Z,2024-03-01T21:30:00Z\nHS-002,car1,x,y\n'));
    assert.deepEqual(where(unclosed), ['3:null']);
    assert.match(unclosed[0]?.message ?? '', /starts on row 3 is never closed/);
    const stray = problemsOf(read('hotspot_id,unit,start,end\r\n"HS-\r\n001",car1,2024-03-01T21:15:00Z,2024-03-01T21:30:00Z\r\nHS-001,car"1",a,b\r\n'));
    assert.deepEqual(where(stray), ['3:null']);
    assert.match(stray[0]?.message ?? '', /Row 3 has a " mark inside a value/);
  });

  test('too many rows, and too many problems to list', () => {
    const rows = Array.from({ length: 5 }, (_, i) => `car1,2024-03-01T21:1${i}:00,-1.5,53.8`).join('\n');
    assert.match(problemsOf(read(`unit,timestamp,longitude,latitude\n${rows}\n`, { maxRows: 4 }))[0]?.message ?? '', /5 rows of data; the limit is 4/);
    const many = read(`unit,timestamp,longitude,latitude\n${rows}\n`, { maxProblems: 3 });
    assert.ok(!many.ok);
    assert.equal(many.problems.length, 3);
    assert.equal(many.moreProblems, 2);
  });
});

describe('properties', () => {
  const arbVisit = fc.record({
    hotspotId: fc.constantFrom(...hotspotIds),
    unit: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,"'-]{0,18}[A-Za-z0-9]$/),
    start: fc.integer({ min: Date.UTC(2020, 0, 1) / 1000, max: Date.UTC(2030, 0, 1) / 1000 }).map((s) => s * 1000),
    minutes: fc.integer({ min: 0, max: 720 }),
    offset: fc.constantFrom('Z', '+01:00', '-05:30', '+00:00'),
  });
  const write = (time: number, offset: string) => {
    const minutes = offset === 'Z' ? 0 : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
    return new Date(time + minutes * 60_000).toISOString().slice(0, 19) + offset;
  };
  const quote = (text: string, always: boolean) => (always || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

  test('round trip: valid visits written as CSV — any quoting, line ending or BOM — read back the same', () => {
    fc.assert(
      fc.property(fc.uniqueArray(arbVisit, { minLength: 1, maxLength: 20, selector: (v) => `${v.hotspotId}|${v.unit}|${v.start}` }), fc.boolean(), fc.constantFrom('\n', '\r\n'), fc.boolean(), (visits, bom, eol, alwaysQuote) => {
        const lines = ['hotspot_id,unit,start,end', ...visits.map((v) => [v.hotspotId, v.unit, write(v.start, v.offset), write(v.start + v.minutes * 60_000, v.offset)].map((c) => quote(c, alwaysQuote)).join(','))];
        const result = read((bom ? '\uFEFF' : '') + lines.join(eol) + eol);
        assert.ok(result.ok && result.form === 'visits', JSON.stringify(result.ok ? null : result.problems));
        assert.deepEqual(
          result.visits,
          visits.map((v, i) => ({ row: i + 2, hotspotId: v.hotspotId, unit: v.unit.trim(), start: v.start, end: v.start + v.minutes * 60_000 })),
        );
      }),
    );
  });

  test('any text: either rows, or problems in order each on a row that exists (or the whole file) — never both, never neither', () => {
    const cell = fc.oneof(fc.constantFrom('HS-001', 'HS-9', 'car1', '2024-03-01T21:15:00Z', '2024-03-01T21:15:00', '-1.5', '53.8', '', '"', ',', '\r\n', '\n'), fc.string({ maxLength: 6 }));
    const header = fc.constantFrom('hotspot_id,unit,start,end', 'unit,timestamp,longitude,latitude', 'unit,start', '');
    fc.assert(
      fc.property(header, fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 8 }), (head, rows) => {
        const text = [head, ...rows.map((r) => r.join(','))].join('\n');
        const result = read(text);
        if (result.ok) {
          const records = result.form === 'visits' ? result.visits : result.pings;
          assert.ok(records.length + result.summary.droppedDuplicates.length === result.summary.dataRows);
        } else {
          assert.ok(result.problems.length > 0);
          const lineCount = text.split(/\r\n|\n|\r/).length;
          let last = 0;
          for (const p of result.problems) {
            if (p.row === null) continue;
            assert.ok(p.row >= 1 && p.row <= lineCount, `row ${p.row} of ${lineCount}`);
            assert.ok(p.row >= last, 'problems are in row order');
            last = p.row;
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

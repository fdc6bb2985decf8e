/**
 * Reading timed crime records — an extract from the force's crime records system — uploaded as
 * CSV, so that crimes can be placed in hotspots' three-day patrol windows (police.uk cannot: it
 * gives each crime's month only). Columns:
 *
 *   crime_reference, crime_type, occurred_at, and either longitude, latitude (WGS84 degrees)
 *   or easting, northing (British National Grid metres).
 *
 * All or nothing: the result is either every row, or every problem found, each with the row as a
 * spreadsheet shows it (the header is row 1) and the column. Pure: no I/O, no clock.
 *
 * Decisions (see also the tests):
 * - One time per crime: occurred_at, ISO 8601 with an offset or Z (parseIsoInstant, as for patrol
 *   records). Records systems often hold a range ("between 18:00 and 08:00") for crimes nobody
 *   saw; this import does not take a range (occurred_from/occurred_to) and does not choose a point
 *   in it. A file with those columns and no occurred_at is refused, saying so: the force's analyst
 *   decides which time to give (the start, the midpoint, the recorded time), not this code.
 * - A position is one pair: longitude and latitude (checked to be in British National Grid's area,
 *   as patrol pings are, and projected by the caller) or easting and northing (inside the grid:
 *   0–700,000 m east, 0–1,300,000 m north). A header with both pairs is refused: the pairs could
 *   disagree and nothing here can tell which is right.
 * - crime_reference is the force's own reference (trimmed, compared exactly). The same reference
 *   twice in one file is a problem naming both rows: the two rows could differ, and which one is
 *   right is unknown. Across files, the latest import holding a reference wins (the service).
 * - crime_type is free text (the force's own classification), trimmed, at most 100 characters.
 * - Blank rows are skipped and counted; columns not used are named in the summary; a missing
 *   column is a problem. The byte-order mark Excel writes and CRLF line ends are accepted.
 */
import { parse } from 'csv-parse/sync';
import { BRITISH_NATIONAL_GRID_AREA, parseIsoInstant, type GeoArea } from './patrol-input.ts';

export const timedCrimeColumns = ['crime_reference', 'crime_type', 'occurred_at', 'longitude', 'latitude', 'easting', 'northing'] as const;
export type TimedCrimeColumn = (typeof timedCrimeColumns)[number];
export type TimedCrimePosition = 'lonlat' | 'grid';

export const DEFAULT_MAX_TIMED_CRIME_ROWS = 1_000_000;
export const MAX_REFERENCE_LENGTH = 100;
export const MAX_CRIME_TYPE_LENGTH = 100;
/** British National Grid's extent in metres. */
export const GRID_EXTENT = { maxEasting: 700_000, maxNorthing: 1_300_000 } as const;

export interface TimedCrimeProblem {
  /** The row as a spreadsheet shows it (the header is row 1); null for a problem with the whole file. */
  row: number | null;
  /** The column; null for a problem with the whole file or a whole row. */
  column: TimedCrimeColumn | null;
  message: string;
}

export interface TimedCrimeRecord {
  row: number;
  reference: string;
  crimeType: string;
  /** Epoch milliseconds (UTC). */
  time: number;
  /** Given when the file has longitude and latitude; the caller projects them. */
  longitude: number | null;
  latitude: number | null;
  /** Given when the file has easting and northing. */
  easting: number | null;
  northing: number | null;
}

export interface TimedCrimeSummary {
  /** Rows of data read, blank rows not. */
  dataRows: number;
  blankRows: number;
  ignoredColumns: string[];
  position: TimedCrimePosition;
}

export type TimedCrimeCsvResult =
  | { ok: true; crimes: TimedCrimeRecord[]; summary: TimedCrimeSummary }
  | { ok: false; problems: TimedCrimeProblem[]; moreProblems: number };

export interface TimedCrimeCsvOptions {
  /** Longitude/latitude outside this area are refused. Default British National Grid's area. */
  area?: GeoArea;
  maxRows?: number;
  maxProblems?: number;
}

const EXAMPLE_TIME = '2024-03-01T21:15:00Z or 2024-03-01T22:15:00+01:00';
const number = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const normaliseName = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** A problem in one line, with where it is: "File x.csv, row 3, column occurred_at: …". */
export function describeTimedCrimeProblem(problem: TimedCrimeProblem, fileName: string | null = null): string {
  const where = [fileName === null ? null : `File ${fileName}`, problem.row === null ? null : `row ${problem.row}`, problem.column === null ? null : `column ${problem.column}`].filter((part) => part !== null).join(', ');
  return where ? `${where.charAt(0).toUpperCase()}${where.slice(1)}: ${problem.message}` : problem.message;
}

function wholeFile(message: string, row: number | null = null): TimedCrimeCsvResult {
  return { ok: false, problems: [{ row, column: null, message }], moreProblems: 0 };
}

/** Parses and checks a CSV of timed crime records. */
export function readTimedCrimeCsv(content: Buffer, options: TimedCrimeCsvOptions = {}): TimedCrimeCsvResult {
  const maxRows = options.maxRows ?? DEFAULT_MAX_TIMED_CRIME_ROWS;
  const maxProblems = options.maxProblems ?? 1000;
  const area = options.area ?? BRITISH_NATIONAL_GRID_AREA;

  if (content.length === 0) return wholeFile('The file is empty');
  if (content.subarray(0, 8192).includes(0)) return wholeFile('The file is not a CSV file (it contains binary data). Save it as "CSV UTF-8" and upload it again');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return wholeFile('The file is not UTF-8 text. Save it as "CSV UTF-8" and upload it again');
  }
  let records: { record: string[]; info: { records: number } }[];
  try {
    // Blank lines are kept as records so that record n is spreadsheet row n.
    records = parse(text, { bom: true, skip_empty_lines: false, relax_column_count: true, trim: false, info: true }) as unknown as typeof records;
  } catch (error) {
    const row = ((error as { records?: number }).records ?? 0) + 1;
    return wholeFile(`The file could not be read as CSV at row ${row}: check for a " mark that is not closed or not doubled inside quotes`, row);
  }

  const [headerRecord, ...body] = records;
  if (!headerRecord || headerRecord.record.every((c) => c.trim() === '')) return wholeFile('The file is empty, or its first row (the header) is blank', 1);
  const header = headerRecord.record;
  const names = header.map(normaliseName);
  const has = (c: string) => names.includes(c);
  const problems: TimedCrimeProblem[] = [];
  for (const column of ['crime_reference', 'crime_type'] as const) {
    if (!has(column)) problems.push({ row: 1, column, message: `Missing column ${column}: the file needs crime_reference, crime_type, occurred_at and a position (longitude, latitude or easting, northing)` });
  }
  if (!has('occurred_at')) {
    problems.push({
      row: 1,
      column: 'occurred_at',
      message:
        has('occurred_from') || has('occurred_to')
          ? 'Missing column occurred_at: the file gives a range (occurred_from, occurred_to) but this import takes one time per crime. Add an occurred_at column with the time to count each crime at (for example the start or the middle of its range) — this import will not choose one'
          : `Missing column occurred_at: the time each crime occurred, with its time zone, e.g. ${EXAMPLE_TIME}`,
    });
  }
  const lonlat = has('longitude') || has('latitude');
  const grid = has('easting') || has('northing');
  let position: TimedCrimePosition = 'lonlat';
  if (lonlat && grid) problems.push({ row: 1, column: null, message: 'The header has both longitude/latitude and easting/northing: keep one pair and remove the other, so there is one position per crime' });
  else if (!lonlat && !grid) problems.push({ row: 1, column: null, message: 'The header has no position: add longitude and latitude (WGS84 degrees) or easting and northing (British National Grid metres)' });
  else {
    position = grid ? 'grid' : 'lonlat';
    const pair = grid ? (['easting', 'northing'] as const) : (['longitude', 'latitude'] as const);
    for (const column of pair) if (!has(column)) problems.push({ row: 1, column, message: `Missing column ${column}: a position is given as ${pair.join(' and ')}` });
  }
  const used: readonly TimedCrimeColumn[] = ['crime_reference', 'crime_type', 'occurred_at', ...(position === 'grid' ? (['easting', 'northing'] as const) : (['longitude', 'latitude'] as const))];
  for (const column of used) {
    if (names.indexOf(column) !== names.lastIndexOf(column)) problems.push({ row: 1, column, message: `Column ${column} appears more than once in the header` });
  }
  const dataRecords = body.filter(({ record }) => record.some((c) => c.trim() !== ''));
  if (dataRecords.length > maxRows) problems.push({ row: null, column: null, message: `The file has ${dataRecords.length} rows of data; the limit is ${maxRows}. Split it into smaller files` });
  if (dataRecords.length === 0 && problems.length === 0) problems.push({ row: null, column: null, message: 'The file has a header but no rows of data' });
  if (problems.length) return { ok: false, problems, moreProblems: 0 };

  const ignoredColumns = header.filter((h, i) => h.trim() !== '' && !(used as readonly string[]).includes(names[i] as string)).map((h) => h.trim());
  const cell = (record: string[], column: TimedCrimeColumn) => (record[names.indexOf(column)] ?? '').trim();
  const crimes: TimedCrimeRecord[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of dataRecords) {
    const row = info.records;
    const before = problems.length;
    if (record.slice(header.length).some((c) => c.trim() !== '')) {
      problems.push({ row, column: null, message: `Row ${row} has ${record.length} values but the header has ${header.length} columns: is there a comma in a value that is not in quotes?` });
    }
    const reference = cell(record, 'crime_reference');
    if (reference === '') problems.push({ row, column: 'crime_reference', message: 'Enter the crime reference (the force’s own number for the crime)' });
    else if (reference.length > MAX_REFERENCE_LENGTH) problems.push({ row, column: 'crime_reference', message: `The crime reference is ${reference.length} characters long; the limit is ${MAX_REFERENCE_LENGTH}` });
    else {
      const earlier = seen.get(reference);
      if (earlier !== undefined) problems.push({ row, column: 'crime_reference', message: `Crime reference "${reference}" is already on row ${earlier}: each crime must appear once in a file` });
      else seen.set(reference, row);
    }
    const crimeType = cell(record, 'crime_type');
    if (crimeType === '') problems.push({ row, column: 'crime_type', message: 'Enter the crime type, e.g. Burglary' });
    else if (crimeType.length > MAX_CRIME_TYPE_LENGTH) problems.push({ row, column: 'crime_type', message: `The crime type is ${crimeType.length} characters long; the limit is ${MAX_CRIME_TYPE_LENGTH}` });
    const timeText = cell(record, 'occurred_at');
    let time: number | null = null;
    if (timeText === '') problems.push({ row, column: 'occurred_at', message: `Enter the time the crime occurred, e.g. ${EXAMPLE_TIME}` });
    else {
      const parsed = parseIsoInstant(timeText);
      if (parsed.ok) time = parsed.time;
      else problems.push({ row, column: 'occurred_at', message: `The time ${parsed.message}` });
    }
    const crime: TimedCrimeRecord = { row, reference, crimeType, time: time ?? 0, longitude: null, latitude: null, easting: null, northing: null };
    if (position === 'lonlat') {
      const longitude = checkNumber(record, cell, row, 'longitude', 'in decimal degrees, e.g. -0.4200', problems);
      const latitude = checkNumber(record, cell, row, 'latitude', 'in decimal degrees, e.g. 52.1300', problems);
      if (longitude !== null && latitude !== null) {
        const lonIn = longitude >= area.west && longitude <= area.east;
        const latIn = latitude >= area.south && latitude <= area.north;
        const bounds = `(longitude ${area.west} to ${area.east}, latitude ${area.south} to ${area.north})`;
        if (!lonIn && !latIn && latitude >= area.west && latitude <= area.east && longitude >= area.south && longitude <= area.north) {
          problems.push({ row, column: 'longitude', message: `The position ${longitude}, ${latitude} is outside the area ${area.name} covers ${bounds}: are longitude and latitude the wrong way round?` });
        } else {
          if (!lonIn) problems.push({ row, column: 'longitude', message: `The longitude ${longitude} is outside the area ${area.name} covers ${bounds}` });
          if (!latIn) problems.push({ row, column: 'latitude', message: `The latitude ${latitude} is outside the area ${area.name} covers ${bounds}` });
        }
      }
      crime.longitude = longitude;
      crime.latitude = latitude;
    } else {
      const easting = checkNumber(record, cell, row, 'easting', 'in metres, e.g. 504000', problems);
      const northing = checkNumber(record, cell, row, 'northing', 'in metres, e.g. 250000', problems);
      if (easting !== null && (easting < 0 || easting > GRID_EXTENT.maxEasting)) problems.push({ row, column: 'easting', message: `The easting ${easting} is outside British National Grid (0 to ${GRID_EXTENT.maxEasting} metres): is it in metres, and not a longitude?` });
      if (northing !== null && (northing < 0 || northing > GRID_EXTENT.maxNorthing)) problems.push({ row, column: 'northing', message: `The northing ${northing} is outside British National Grid (0 to ${GRID_EXTENT.maxNorthing} metres): is it in metres, and not a latitude?` });
      crime.easting = easting;
      crime.northing = northing;
    }
    if (problems.length === before) crimes.push(crime);
  }
  if (problems.length === 0) return { ok: true, crimes, summary: { dataRows: dataRecords.length, blankRows: body.length - dataRecords.length, ignoredColumns, position } };
  const order = (p: TimedCrimeProblem) => (p.column === null ? -1 : timedCrimeColumns.indexOf(p.column));
  const sorted = problems.map((p, i) => ({ p, i })).sort((a, b) => (a.p.row ?? 0) - (b.p.row ?? 0) || order(a.p) - order(b.p) || a.i - b.i).map(({ p }) => p);
  return { ok: false, problems: sorted.slice(0, maxProblems), moreProblems: Math.max(0, sorted.length - maxProblems) };
}

function checkNumber(record: string[], cell: (record: string[], column: TimedCrimeColumn) => string, row: number, column: 'longitude' | 'latitude' | 'easting' | 'northing', how: string, problems: TimedCrimeProblem[]): number | null {
  const text = cell(record, column);
  if (text === '') problems.push({ row, column, message: `Enter the ${column} ${how}` });
  else if (!number.test(text)) problems.push({ row, column, message: `"${text}" is not a ${column} ${how}` });
  else return Number(text);
  return null;
}

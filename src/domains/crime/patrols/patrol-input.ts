/**
 * Reading patrol records uploaded as CSV, in either of two forms told apart by the header:
 *
 * - visits: hotspot_id, unit, start, end — one row per stay of one unit in one hotspot;
 * - pings:  unit, timestamp, longitude, latitude — GPS positions (WGS84 degrees), turned into
 *   visits later by geofence.ts once the caller has projected them to British National Grid.
 *
 * All or nothing: the result is either every row, or every problem found (each with the row as a
 * spreadsheet shows it — the header is row 1 — and the column). Pure: no I/O, no clock.
 *
 * Decisions (see also the tests):
 * - Times are ISO 8601 with a date, a time and an offset or Z. A time without an offset is refused,
 *   because "21:15" in a file exported in summer could be GMT or BST and nothing here can tell.
 * - Rows are numbered by record, counting blank lines and counting a quoted value that runs over
 *   several lines once, which is how a spreadsheet numbers them when it opens the file.
 * - Blank rows are skipped and counted in the summary. Columns the form does not use (speed,
 *   heading…) are ignored and named in the summary; a missing column is a problem.
 * - Exact duplicates — a ping with the same unit, instant and position as an earlier one, or a
 *   visit with the same hotspot, unit, start and end — are dropped and listed in the summary
 *   (row and the row it repeats): GPS systems resend positions, and refusing a whole file for a
 *   harmless repeat would make people hand-edit thousands of rows. The caller must show the
 *   summary. A conflicting duplicate — the same unit at the same instant in two places, or the
 *   same unit, hotspot and start with two different ends — is a problem, because there is no way
 *   to know which row is right. Instants are compared, not text: 21:15Z and 22:15+01:00 are equal.
 * - A visit may last zero time (start = end; it never counts as a patrol) but not end before it
 *   starts, and not last longer than 12 hours (configurable): that is far more likely a missing or
 *   mistyped end than a patrol, and it would mark several 3-day windows as patrolled.
 * - Positions must be numbers in range and, by default, inside the area British National Grid
 *   covers, because they are projected to it for geofencing; a position outside it would silently
 *   match no hotspot. A pair that looks the wrong way round is pointed out.
 * - Hotspot ids and units are compared exactly after trimming spaces (an id that differs only in
 *   capitals is suggested, not accepted).
 */
import { parse } from 'csv-parse/sync';
import { daysFromCivil, daysInMonth } from '../../../platform/calendar.ts';

export const visitColumns = ['hotspot_id', 'unit', 'start', 'end'] as const;
export const pingColumns = ['unit', 'timestamp', 'longitude', 'latitude'] as const;
export type VisitColumn = (typeof visitColumns)[number];
export type PingColumn = (typeof pingColumns)[number];
export type PatrolColumn = VisitColumn | PingColumn;
export type PatrolCsvForm = 'visits' | 'pings';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const DEFAULT_MAX_VISIT_MS = 12 * HOUR_MS;
export const DEFAULT_MAX_PATROL_ROWS = 1_000_000;
export const DEFAULT_MAX_LISTED_PROBLEMS = 1000;
export const MAX_UNIT_LENGTH = 100;

/** A box of longitude and latitude in degrees (WGS84). */
export interface GeoArea {
  west: number;
  east: number;
  south: number;
  north: number;
  /** How the area is named in messages. */
  name: string;
}

/** The area of use of British National Grid (EPSG:27700): Great Britain, its waters and the Isle of Man. */
export const BRITISH_NATIONAL_GRID_AREA: GeoArea = { west: -9.01, east: 2.01, south: 49.75, north: 61.01, name: 'British National Grid' };

export interface PatrolInputProblem {
  /** The row as a spreadsheet shows it (the header is row 1); null for a problem with the whole file. */
  row: number | null;
  /** The column; null for a problem with the whole file or a whole row. */
  column: PatrolColumn | null;
  message: string;
}

export interface PatrolVisitRecord {
  row: number;
  hotspotId: string;
  unit: string;
  /** Epoch milliseconds (UTC). */
  start: number;
  end: number;
}

export interface PatrolPingRecord {
  row: number;
  unit: string;
  /** Epoch milliseconds (UTC). */
  time: number;
  longitude: number;
  latitude: number;
}

export interface DroppedDuplicate {
  row: number;
  /** The earlier row it repeats exactly. */
  duplicateOf: number;
}

export interface PatrolCsvSummary {
  /** Rows of data read, duplicates included, blank rows not. */
  dataRows: number;
  blankRows: number;
  /** Exact repeats left out of the result: show these to the user. */
  droppedDuplicates: DroppedDuplicate[];
  /** Columns in the header that this form does not use, as written in the file. */
  ignoredColumns: string[];
}

export type PatrolCsvResult =
  | { ok: true; form: 'visits'; visits: PatrolVisitRecord[]; summary: PatrolCsvSummary }
  | { ok: true; form: 'pings'; pings: PatrolPingRecord[]; summary: PatrolCsvSummary }
  | {
      ok: false;
      form: PatrolCsvForm | null;
      /** In row order, then column order; at most maxProblems of them. */
      problems: PatrolInputProblem[];
      /** Problems found beyond maxProblems and not listed: say so ("…and 1,234 more"). */
      moreProblems: number;
    };

export interface PatrolCsvOptions {
  /** The registered hotspot ids a visits file may name. */
  hotspotIds: ReadonlySet<string>;
  /** Visits longer than this are refused. Default 12 hours. */
  maxVisitMs?: number;
  /** Pings outside this area are refused; null to check only that degrees are in range. Default British National Grid's area. */
  area?: GeoArea | null;
  /** Default 1,000,000 rows of data. */
  maxRows?: number;
  /** At most this many problems are listed; the rest are only counted (moreProblems). Default 1,000. */
  maxProblems?: number;
}

// ---------------------------------------------------------------------------------------------
// Times

export type InstantParse = { ok: true; time: number } | { ok: false; message: string };

const EXAMPLE_TIMES = '2024-03-01T21:15:00Z or 2024-03-01T22:15:00+01:00';
const isoTime = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/**
 * An ISO 8601 / RFC 3339 instant — date, time and offset — as epoch milliseconds. Accepts a space
 * or T between date and time, optional seconds, fractions of a second (kept to the millisecond,
 * further digits cut off), and an offset written Z, ±HH:MM, ±HHMM or ±HH. Refuses a time without
 * an offset, a date without a time, and dates and times that do not exist (2024-02-30, 25:00).
 */
export function parseIsoInstant(input: string): InstantParse {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'Enter a time' };
  const m = isoTime.exec(text);
  if (!m) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { ok: false, message: `"${text}" is a date without a time: give the time and its time zone, e.g. ${EXAMPLE_TIMES}` };
    return { ok: false, message: `"${text}" is not an ISO 8601 time: write times like ${EXAMPLE_TIMES}` };
  }
  const [, ys, mos, ds, hs, mis, ss, frac, zulu, sign, ohs, oms] = m;
  if (!zulu && !sign) {
    return { ok: false, message: `"${text}" does not say its time zone: times must say their time zone, e.g. ${EXAMPLE_TIMES}` };
  }
  const year = Number(ys);
  const month = Number(mos);
  const day = Number(ds);
  const hour = Number(hs);
  const minute = Number(mis);
  const second = ss === undefined ? 0 : Number(ss);
  const offsetHours = ohs === undefined ? 0 : Number(ohs);
  const offsetMinutes = oms === undefined ? 0 : Number(oms);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) {
    return { ok: false, message: `"${text}" is not a real date and time` };
  }
  const millis = frac === undefined ? 0 : Number(frac.padEnd(3, '0').slice(0, 3));
  const offset = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * MINUTE_MS;
  const local = (((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60 + second) * 1000 + millis;
  return { ok: true, time: local - offset };
}

/** An instant as ISO 8601 in UTC, for messages. */
function isoUtc(time: number): string {
  return new Date(time).toISOString().replace('.000Z', 'Z');
}

/** "13 hours 5 minutes", "45 minutes", "1 hour". */
export function describeDuration(ms: number): string {
  const totalMinutes = Math.round(ms / MINUTE_MS);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const parts: string[] = [];
  if (hours) parts.push(`${hours} hour${hours === 1 ? '' : 's'}`);
  if (minutes || !hours) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/** A problem in one line, with where it is: "Row 3, column start: The start time …". */
export function describePatrolProblem(problem: PatrolInputProblem, fileName: string | null = null): string {
  const where = [fileName === null ? null : `File ${fileName}`, problem.row === null ? null : `row ${problem.row}`, problem.column === null ? null : `column ${problem.column}`].filter((part) => part !== null).join(', ');
  return where ? `${where.charAt(0).toUpperCase()}${where.slice(1)}: ${problem.message}` : problem.message;
}

// ---------------------------------------------------------------------------------------------
// Header

const normaliseName = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, '_');
const visitOnly: readonly string[] = ['hotspot_id', 'start', 'end'];
const pingOnly: readonly string[] = ['timestamp', 'longitude', 'latitude'];

/** Which form a header row is, from the columns only one form has; null if it has neither or both. */
export function detectPatrolForm(header: readonly string[]): PatrolCsvForm | null {
  const names = header.map(normaliseName);
  const visits = names.some((n) => visitOnly.includes(n));
  const pings = names.some((n) => pingOnly.includes(n));
  if (visits === pings) return null;
  return visits ? 'visits' : 'pings';
}

// ---------------------------------------------------------------------------------------------
// Reading

const number = /^[+-]?(\d+\.?\d*|\.\d+)$/;

function wholeFile(message: string, row: number | null = null, form: PatrolCsvForm | null = null): PatrolCsvResult {
  return { ok: false, form, problems: [{ row, column: null, message }], moreProblems: 0 };
}

function csvErrorMessage(code: string | undefined, row: number): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `A value in quotes that starts on row ${row} is never closed: check for a missing " mark`;
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
      return `Row ${row} has a " mark inside a value: a value with a " in it must be in quotes, with the " written twice ("")`;
    default:
      return `The file could not be read as CSV at row ${row}`;
  }
}

type Cells = Partial<Record<PatrolColumn, string>>;

/** Parses and checks an uploaded patrol CSV of either form. */
export function readPatrolCsv(content: Buffer, options: PatrolCsvOptions): PatrolCsvResult {
  const maxRows = options.maxRows ?? DEFAULT_MAX_PATROL_ROWS;
  const maxProblems = options.maxProblems ?? DEFAULT_MAX_LISTED_PROBLEMS;

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
    const e = error as { code?: string; records?: number };
    const row = (e.records ?? 0) + 1;
    return wholeFile(csvErrorMessage(e.code, row), row);
  }

  const [headerRecord, ...body] = records;
  if (!headerRecord || headerRecord.record.every((c) => c.trim() === '')) return wholeFile('The file is empty, or its first row (the header) is blank', 1);
  const header = headerRecord.record;
  const names = header.map(normaliseName);
  const form = detectPatrolForm(header);
  if (!form) {
    return wholeFile(
      `The header (row 1) must name the columns of patrol visits (${visitColumns.join(', ')}) or of GPS pings (${pingColumns.join(', ')}), not both. It has: ${header.map((h) => h.trim()).filter(Boolean).join(', ') || 'no names'}`,
      1,
    );
  }
  const columns: readonly PatrolColumn[] = form === 'visits' ? visitColumns : pingColumns;
  const headerProblems: PatrolInputProblem[] = [];
  for (const column of columns) {
    if (!names.includes(column)) headerProblems.push({ row: 1, column, message: `Missing column ${column}: a ${form === 'visits' ? 'visits' : 'GPS pings'} file has the columns ${columns.join(', ')}` });
  }
  for (const column of columns) {
    if (names.indexOf(column) !== names.lastIndexOf(column)) headerProblems.push({ row: 1, column, message: `Column ${column} appears more than once in the header` });
  }
  const dataRecords = body.filter(({ record }) => record.some((c) => c.trim() !== ''));
  if (dataRecords.length > maxRows) headerProblems.push({ row: null, column: null, message: `The file has ${dataRecords.length} rows of data; the limit is ${maxRows}. Split it into smaller files` });
  if (dataRecords.length === 0 && headerProblems.length === 0) headerProblems.push({ row: null, column: null, message: 'The file has a header but no rows of data' });
  if (headerProblems.length) return { ok: false, form, problems: headerProblems, moreProblems: 0 };

  const ignoredColumns = header.filter((h, i) => h.trim() !== '' && !(columns as readonly string[]).includes(names[i] as string)).map((h) => h.trim());
  const index = new Map<PatrolColumn, number>(columns.map((c) => [c, names.indexOf(c)]));
  const rows = dataRecords.map(({ record, info }) => {
    const cells: Cells = {};
    for (const column of columns) cells[column] = record[index.get(column) as number] ?? '';
    // Non-empty cells beyond the header usually mean a comma inside a value that is not quoted.
    const overflow = record.slice(header.length).some((c) => c.trim() !== '');
    return { row: info.records, cells, cellCount: record.length, overflow };
  });
  const summary: PatrolCsvSummary = { dataRows: rows.length, blankRows: body.length - dataRecords.length, droppedDuplicates: [], ignoredColumns };

  const problems: PatrolInputProblem[] = [];
  for (const { row, cellCount, overflow } of rows) {
    if (overflow) problems.push({ row, column: null, message: `Row ${row} has ${cellCount} values but the header has ${header.length} columns: is there a comma in a value that is not in quotes?` });
  }
  const result = form === 'visits' ? checkVisits(rows, options, problems, summary) : checkPings(rows, options, problems, summary);
  if (problems.length === 0) return result;
  // Problems in row order, then column order within a row (whole-row problems first).
  const order = (p: PatrolInputProblem) => (p.column === null ? -1 : columns.indexOf(p.column));
  const sorted = problems.map((p, i) => ({ p, i })).sort((a, b) => (a.p.row ?? 0) - (b.p.row ?? 0) || order(a.p) - order(b.p) || a.i - b.i).map(({ p }) => p);
  return { ok: false, form, problems: sorted.slice(0, maxProblems), moreProblems: Math.max(0, sorted.length - maxProblems) };
}

function checkUnit(text: string | undefined, row: number, problems: PatrolInputProblem[]): string | null {
  const unit = (text ?? '').trim();
  if (unit === '') problems.push({ row, column: 'unit', message: 'Enter the unit (the call sign or vehicle that patrolled)' });
  else if (unit.length > MAX_UNIT_LENGTH) problems.push({ row, column: 'unit', message: `The unit is ${unit.length} characters long; the limit is ${MAX_UNIT_LENGTH}` });
  else return unit;
  return null;
}

function checkTime(text: string | undefined, row: number, column: PatrolColumn, what: string, problems: PatrolInputProblem[]): number | null {
  if ((text ?? '').trim() === '') {
    problems.push({ row, column, message: `Enter the ${what}, e.g. ${EXAMPLE_TIMES}` });
    return null;
  }
  const parsed = parseIsoInstant(text ?? '');
  if (parsed.ok) return parsed.time;
  // parseIsoInstant's messages for non-empty text start with the text in quotes.
  problems.push({ row, column, message: `The ${what} ${parsed.message}` });
  return null;
}

function checkVisits(rows: { row: number; cells: Cells }[], options: PatrolCsvOptions, problems: PatrolInputProblem[], summary: PatrolCsvSummary): PatrolCsvResult {
  const maxVisitMs = options.maxVisitMs ?? DEFAULT_MAX_VISIT_MS;
  const lowerCaseIds = new Map<string, string>();
  for (const id of options.hotspotIds) lowerCaseIds.set(id.toLowerCase(), id);
  const visits: PatrolVisitRecord[] = [];
  const seen = new Map<string, { row: number; end: number }>();
  for (const { row, cells } of rows) {
    const before = problems.length;
    const hotspotId = (cells.hotspot_id ?? '').trim();
    if (hotspotId === '') problems.push({ row, column: 'hotspot_id', message: 'Enter the hotspot id' });
    else if (!options.hotspotIds.has(hotspotId)) {
      const near = lowerCaseIds.get(hotspotId.toLowerCase());
      problems.push({ row, column: 'hotspot_id', message: `"${hotspotId}" is not a registered hotspot${near ? `: did you mean "${near}"?` : ''}` });
    }
    const unit = checkUnit(cells.unit, row, problems);
    const start = checkTime(cells.start, row, 'start', 'start time', problems);
    const end = checkTime(cells.end, row, 'end', 'end time', problems);
    if (start !== null && end !== null) {
      if (end < start) problems.push({ row, column: 'end', message: `The visit ends (${isoUtc(end)}) before it starts (${isoUtc(start)})` });
      else if (end - start > maxVisitMs) {
        problems.push({ row, column: 'end', message: `The visit lasts ${describeDuration(end - start)}, longer than the limit of ${describeDuration(maxVisitMs)}: check the end time, or split a genuine long stay into shorter visits` });
      }
    }
    if (problems.length > before || unit === null || start === null || end === null) continue;
    const key = JSON.stringify([hotspotId, unit, start]);
    const earlier = seen.get(key);
    if (earlier && earlier.end === end) summary.droppedDuplicates.push({ row, duplicateOf: earlier.row });
    else if (earlier) problems.push({ row, column: 'start', message: `Unit ${unit} already has a visit to ${hotspotId} starting at ${isoUtc(start)} on row ${earlier.row}, with a different end` });
    else {
      seen.set(key, { row, end });
      visits.push({ row, hotspotId, unit, start, end });
    }
  }
  return problems.length ? { ok: false, form: 'visits', problems, moreProblems: 0 } : { ok: true, form: 'visits', visits, summary };
}

function checkDegrees(text: string | undefined, row: number, column: 'longitude' | 'latitude', limit: number, problems: PatrolInputProblem[]): number | null {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') problems.push({ row, column, message: `Enter the ${column} in decimal degrees, e.g. ${column === 'longitude' ? '-1.5491' : '53.8008'}` });
  else if (!number.test(trimmed)) problems.push({ row, column, message: `"${trimmed}" is not a ${column} in decimal degrees, e.g. ${column === 'longitude' ? '-1.5491' : '53.8008'}` });
  else {
    const value = Number(trimmed);
    if (Math.abs(value) > limit) problems.push({ row, column, message: `The ${column} ${trimmed} is out of range: it must be between -${limit} and ${limit}` });
    else return value;
  }
  return null;
}

const within = (value: number, low: number, high: number) => value >= low && value <= high;

function checkPings(rows: { row: number; cells: Cells }[], options: PatrolCsvOptions, problems: PatrolInputProblem[], summary: PatrolCsvSummary): PatrolCsvResult {
  const area = options.area === undefined ? BRITISH_NATIONAL_GRID_AREA : options.area;
  const pings: PatrolPingRecord[] = [];
  const seen = new Map<string, { row: number; longitude: number; latitude: number }>();
  for (const { row, cells } of rows) {
    const before = problems.length;
    const unit = checkUnit(cells.unit, row, problems);
    const time = checkTime(cells.timestamp, row, 'timestamp', 'timestamp', problems);
    const longitude = checkDegrees(cells.longitude, row, 'longitude', 180, problems);
    const latitude = checkDegrees(cells.latitude, row, 'latitude', 90, problems);
    if (area && longitude !== null && latitude !== null) {
      const lonIn = within(longitude, area.west, area.east);
      const latIn = within(latitude, area.south, area.north);
      const bounds = `(longitude ${area.west} to ${area.east}, latitude ${area.south} to ${area.north})`;
      if (!lonIn && !latIn && within(latitude, area.west, area.east) && within(longitude, area.south, area.north)) {
        problems.push({ row, column: 'longitude', message: `The position ${longitude}, ${latitude} is outside the area ${area.name} covers ${bounds}: are longitude and latitude the wrong way round?` });
      } else {
        if (!lonIn) problems.push({ row, column: 'longitude', message: `The longitude ${longitude} is outside the area ${area.name} covers ${bounds}` });
        if (!latIn) problems.push({ row, column: 'latitude', message: `The latitude ${latitude} is outside the area ${area.name} covers ${bounds}` });
      }
    }
    if (problems.length > before || unit === null || time === null || longitude === null || latitude === null) continue;
    const key = JSON.stringify([unit, time]);
    const earlier = seen.get(key);
    if (earlier && earlier.longitude === longitude && earlier.latitude === latitude) summary.droppedDuplicates.push({ row, duplicateOf: earlier.row });
    else if (earlier) problems.push({ row, column: 'timestamp', message: `Unit ${unit} already has a ping at ${isoUtc(time)} on row ${earlier.row}, in a different place` });
    else {
      seen.set(key, { row, longitude, latitude });
      pings.push({ row, unit, time, longitude, latitude });
    }
  }
  return problems.length ? { ok: false, form: 'pings', problems, moreProblems: 0 } : { ok: true, form: 'pings', pings, summary };
}

// Reading data.police.uk monthly CSVs (street, outcomes, stop and search) into typed rows, with every
// quirk of the real files handled and counted, nothing dropped: see ../shared/reference/FORMATS.md.
// Pure apart from reading the stream it is given; storing is the importer's job.
import type { Readable } from 'node:stream';
import { commasOfLine, CsvLines, csvRecords, CsvSyntaxError, hasLoneCarriageReturn, plainDecimalAt, plainDecimalValueAt } from '../../../platform/files/csv-records.ts';

export type PoliceUkKind = 'street' | 'outcomes' | 'stop-and-search';

export const policeUkColumns: Record<PoliceUkKind, readonly string[]> = {
  street: ['Crime ID', 'Month', 'Reported by', 'Falls within', 'Longitude', 'Latitude', 'Location', 'LSOA code', 'LSOA name', 'Crime type', 'Last outcome category', 'Context'],
  outcomes: ['Crime ID', 'Month', 'Reported by', 'Falls within', 'Longitude', 'Latitude', 'Location', 'LSOA code', 'LSOA name', 'Outcome type'],
  'stop-and-search': [
    'Type',
    'Date',
    'Part of a policing operation',
    'Policing operation',
    'Latitude',
    'Longitude',
    'Gender',
    'Age range',
    'Self-defined ethnicity',
    'Officer-defined ethnicity',
    'Legislation',
    'Object of search',
    'Outcome',
    'Outcome linked to object of search',
    'Removal of more than just outer clothing',
  ],
};

export class PoliceUkFileError extends Error {
  readonly fileName: string;
  readonly row: number | null;
  readonly column: string | null;
  constructor(fileName: string, row: number | null, column: string | null, message: string) {
    super(`${fileName}${row !== null ? `, row ${row}` : ''}${column ? `, column ${column}` : ''}: ${message}`);
    this.fileName = fileName;
    this.row = row;
    this.column = column;
  }
}

/** "2024-03-bedfordshire-street.csv" → its month, force and kind; null for other names. */
export function describeFileName(name: string): { month: string; force: string; kind: PoliceUkKind } | null {
  const base = name.split(/[\\/]/).pop() ?? name;
  const match = /^(\d{4}-\d{2})-(.+)-(street|outcomes|stop-and-search)\.csv$/i.exec(base);
  if (!match) return null;
  return { month: match[1] as string, force: (match[2] as string).toLowerCase(), kind: (match[3] as string).toLowerCase() as PoliceUkKind };
}

/** Which kind of file a header line is, or null. */
export function kindOfHeader(header: readonly string[]): PoliceUkKind | null {
  const clean = header.map((h) => h.trim());
  for (const kind of Object.keys(policeUkColumns) as PoliceUkKind[]) {
    const expected = policeUkColumns[kind];
    if (clean.length === expected.length && expected.every((c, i) => c === clean[i])) return kind;
  }
  return null;
}

// Some outcome lists drop the "a" in "given a penalty notice" (and similar): one spelling for each.
const outcomeSpellings: Record<string, string> = {
  'Offender given penalty notice': 'Offender given a penalty notice',
  'Offender given caution': 'Offender given a caution',
  'Offender given drugs possession warning': 'Offender given a drugs possession warning',
};

const normalised = new Map<string, string>(); // a few dozen labels repeat across hundreds of thousands of rows

export function normaliseOutcome(label: string): string {
  let result = normalised.get(label);
  if (result === undefined) {
    const trimmed = label.trim().replace(/\s+/g, ' ');
    result = outcomeSpellings[trimmed] ?? trimmed;
    if (normalised.size < 10_000) normalised.set(label, result);
  }
  return result;
}

export interface StreetRow {
  crimeId: string | null; // null for anti-social behaviour: never deduplicate those rows
  month: string;
  reportedBy: string;
  fallsWithin: string;
  longitude: number | null;
  latitude: number | null;
  location: string; // "On or near …", or "No Location"
  lsoaCode: string | null;
  lsoaName: string | null;
  crimeType: string;
  lastOutcome: string | null;
  context: string | null; // police.uk leaves it empty; kept as given
}

export interface OutcomeRow {
  crimeId: string;
  month: string;
  reportedBy: string;
  fallsWithin: string;
  longitude: number | null;
  latitude: number | null;
  location: string;
  lsoaCode: string | null;
  lsoaName: string | null;
  outcomeType: string;
}

export interface StopSearchRow {
  type: string;
  date: string; // the UTC timestamp as given, e.g. 2021-04-30T23:41:00+00:00
  month: string; // the month of that moment in London time: the file's month
  partOfPolicingOperation: boolean | null;
  policingOperation: string | null;
  latitude: number | null;
  longitude: number | null;
  gender: string | null;
  ageRange: string | null;
  selfDefinedEthnicity: string | null;
  officerDefinedEthnicity: string | null;
  legislation: string | null;
  objectOfSearch: string | null;
  outcome: string | null;
  outcomeLinkedToObject: boolean | null;
  removalOfMoreThanOuterClothing: boolean | null;
}

/**
 * `asWritten`: the row's cells as written are its values, so a bulk load may take them where they
 * lie in the text: no cell quoted, none with spaces around it, required cells present, numbers in
 * plain decimals and the outcome in its usual spelling. PoliceUkLineReader reads such rows in place.
 */
export type PoliceUkRow =
  | { kind: 'street'; row: StreetRow; line: number; asWritten: boolean }
  | { kind: 'outcomes'; row: OutcomeRow; line: number; asWritten: boolean }
  | { kind: 'stop-and-search'; row: StopSearchRow; line: number };

/** No space around it (so trimming changes nothing). */
const tidy = (v: string) => tidyAt(v, 0, v.length);
const tidyNumber = (v: string) => tidyNumberAt(v, 0, v.length);

const londonMonthFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' });
// London's offset from UTC changes only on the hour, so every moment of a UTC hour is in one London
// month: worked out once per hour (Intl takes microseconds a row).
const londonMonthByHour = new Map<number, string>();
function londonMonth(time: number): string {
  const hour = Math.floor(time / 3_600_000);
  let month = londonMonthByHour.get(hour);
  if (month === undefined) {
    month = londonMonthFormat.format(new Date(time)).slice(0, 7);
    if (londonMonthByHour.size < 100_000) londonMonthByHour.set(hour, month);
  }
  return month;
}

function optional(value: string | undefined): string | null {
  const v = (value ?? '').trim();
  return v === '' ? null : v;
}

/**
 * Reads one police.uk CSV, yielding typed rows with their line numbers. Refuses, naming the file,
 * row and column, a header that is not one of the three, a row with the wrong number of cells, a
 * month that is not the file's, or a number or date that does not parse.
 */
export async function* readPoliceUkFile(input: Readable, fileName: string): AsyncGenerator<PoliceUkRow> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  yield* readPoliceUkText(Buffer.concat(chunks), fileName);
}

/** The same as readPoliceUkFile, for a file already in memory. */
export function* readPoliceUkText(content: Buffer, fileName: string): Generator<PoliceUkRow> {
  yield* readDecoded(decodePoliceUkText(content, fileName), fileName);
}

function decodePoliceUkText(content: Buffer, fileName: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new PoliceUkFileError(fileName, null, null, 'the file is not UTF-8 text (is it a CSV from data.police.uk?)');
  }
}

/** What reading one file needs to know as it goes. */
interface FileState {
  fileName: string;
  named: ReturnType<typeof describeFileName>;
  text: string;
  kind: PoliceUkKind | null;
  columns: readonly string[];
  /** The last month cell found valid: rows repeat their month, and one already checked needs no second look. */
  checkedMonth: string;
}

function fileState(text: string, fileName: string): FileState {
  return { fileName, named: describeFileName(fileName), text, kind: null, columns: [], checkedMonth: '' };
}

function* readDecoded(text: string, fileName: string): Generator<PoliceUkRow> {
  const state = fileState(text, fileName);
  try {
    for (const { record, line, quoted } of csvRecords(text)) {
      if (state.kind === null) readHeader(state, record, line);
      else yield typedRow(state, record, line, quoted);
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new PoliceUkFileError(fileName, error.line, null, `not readable as CSV: ${error.message}`);
    throw error;
  }
  if (state.kind === null) throw new PoliceUkFileError(fileName, null, null, 'the file is empty');
}

function readHeader(state: FileState, record: readonly string[], line: number): void {
  const kind = kindOfHeader(record);
  if (!kind) throw new PoliceUkFileError(state.fileName, line, null, `the header is not that of a police.uk street, outcomes or stop-and-search file: ${record.join(',').slice(0, 200)}`);
  if (state.named && state.named.kind !== kind) throw new PoliceUkFileError(state.fileName, line, null, `the file is named as ${state.named.kind} but its header is that of a ${kind} file`);
  state.kind = kind;
  state.columns = policeUkColumns[kind];
}

function number(state: FileState, text: string | undefined, line: number, column: string): number | null {
  const v = (text ?? '').trim();
  if (v === '') return null;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new PoliceUkFileError(state.fileName, line, column, `"${v}" is not a number`);
  return n;
}

function flag(state: FileState, text: string | undefined, line: number, column: string): boolean | null {
  const v = (text ?? '').trim().toLowerCase();
  if (v === '') return null;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new PoliceUkFileError(state.fileName, line, column, `"${text}" is not True or False`);
}

/** One data row, checked and typed; `quoted` says whether any of its cells was. */
function typedRow(state: FileState, record: readonly string[], line: number, quoted: boolean): PoliceUkRow {
  const { fileName, named, columns } = state;
  const kind = state.kind as PoliceUkKind;
  if (record.length !== columns.length) throw new PoliceUkFileError(fileName, line, null, `${record.length} cells where a ${kind} row has ${columns.length}`);
  if (kind === 'stop-and-search') {
    const cell = (name: string) => record[columns.indexOf(name)] ?? '';
    const date = cell('Date').trim();
    const time = Date.parse(date);
    if (!/[zZ]|[+-]\d{2}:?\d{2}$/.test(date) || Number.isNaN(time)) throw new PoliceUkFileError(fileName, line, 'Date', `"${date}" is not a timestamp with a time zone`);
    const month = londonMonth(time);
    if (named && month !== named.month) throw new PoliceUkFileError(fileName, line, 'Date', `${date} is in ${month} (London time), not the file's month ${named.month}`);
    return {
      kind,
      line,
      row: {
        type: cell('Type').trim(),
        date,
        month,
        partOfPolicingOperation: flag(state, cell('Part of a policing operation'), line, 'Part of a policing operation'),
        policingOperation: optional(cell('Policing operation')),
        latitude: number(state, cell('Latitude'), line, 'Latitude'),
        longitude: number(state, cell('Longitude'), line, 'Longitude'),
        gender: optional(cell('Gender')),
        ageRange: optional(cell('Age range')),
        selfDefinedEthnicity: optional(cell('Self-defined ethnicity')),
        officerDefinedEthnicity: optional(cell('Officer-defined ethnicity')),
        legislation: optional(cell('Legislation')),
        objectOfSearch: optional(cell('Object of search')),
        outcome: optional(cell('Outcome')),
        outcomeLinkedToObject: flag(state, cell('Outcome linked to object of search'), line, 'Outcome linked to object of search'),
        removalOfMoreThanOuterClothing: flag(state, cell('Removal of more than just outer clothing'), line, 'Removal of more than just outer clothing'),
      },
    };
  }
  // Street and outcomes files share their first nine columns, in this order (the header was checked).
  const [crimeIdCell = '', monthCell = '', reportedBy = '', fallsWithin = '', longitudeCell = '', latitudeCell = '', location = '', lsoaCode = '', lsoaName = ''] = record;
  const month = monthCell === state.checkedMonth ? monthCell : monthCell.trim();
  if (month !== state.checkedMonth) {
    if (!/^\d{4}-\d{2}$/.test(month)) throw new PoliceUkFileError(fileName, line, 'Month', `"${month}" is not a month like 2024-03`);
    if (kind === 'street' && named && month !== named.month) throw new PoliceUkFileError(fileName, line, 'Month', `${month} is not the file's month ${named.month}`);
    state.checkedMonth = month;
  }
  const longitude = number(state, longitudeCell, line, 'Longitude');
  const latitude = number(state, latitudeCell, line, 'Latitude');
  const sharedCellsAsWritten =
    !quoted &&
    month === monthCell &&
    reportedBy !== '' &&
    fallsWithin !== '' &&
    location !== '' &&
    tidy(crimeIdCell) &&
    tidy(reportedBy) &&
    tidy(fallsWithin) &&
    tidy(location) &&
    tidy(lsoaCode) &&
    tidy(lsoaName) &&
    tidyNumber(longitudeCell) &&
    tidyNumber(latitudeCell);
  const common = {
    month,
    reportedBy: reportedBy.trim(),
    fallsWithin: fallsWithin.trim(),
    longitude,
    latitude,
    location: location.trim(),
    lsoaCode: optional(lsoaCode),
    lsoaName: optional(lsoaName),
  };
  if (kind === 'street') {
    const crimeType = record[9] ?? '';
    const lastOutcome = record[10] ?? '';
    const normalisedOutcome = optional(lastOutcome) ? normaliseOutcome(lastOutcome) : null;
    const asWritten = sharedCellsAsWritten && crimeType !== '' && tidy(crimeType) && (lastOutcome === '' || normalisedOutcome === lastOutcome) && tidy(record[11] ?? '');
    return { kind, line, asWritten, row: { crimeId: optional(crimeIdCell), ...common, crimeType: crimeType.trim(), lastOutcome: normalisedOutcome, context: optional(record[11]) } };
  }
  const crimeId = optional(crimeIdCell);
  if (!crimeId) throw new PoliceUkFileError(fileName, line, 'Crime ID', 'an outcome must name the crime it is for');
  const outcomeCell = record[9] ?? '';
  const outcomeType = normaliseOutcome(outcomeCell);
  return { kind, line, asWritten: sharedCellsAsWritten && outcomeCell !== '' && outcomeType === outcomeCell, row: { crimeId, ...common, outcomeType } };
}


/** No space around text[from, to) (so trimming changes nothing); true when empty. */
const tidyAt = (text: string, from: number, to: number) => from === to || (text.charCodeAt(from) > 32 && text.charCodeAt(to - 1) > 32);
const filledAt = (text: string, from: number, to: number) => from < to && text.charCodeAt(from) > 32 && text.charCodeAt(to - 1) > 32;

/** text[from, to) is empty or a plain decimal: a number stored as written loses nothing. */
const tidyNumberAt = (text: string, from: number, to: number) => from === to || plainDecimalAt(text, from, to);

/**
 * Labels that repeat down a file (crime types, outcomes: a few dozen in all), recognised where they
 * lie in the text, so that a row's label costs neither a new string nor hashing one.
 */
class Labels {
  private readonly byLength: (string[] | undefined)[] = [];
  private count = 0;

  /** The label text[from, to) spells, if it is one of these. */
  find(text: string, from: number, to: number): string | undefined {
    const candidates = this.byLength[to - from];
    if (candidates) for (const label of candidates) if (text.startsWith(label, from)) return label;
    return undefined;
  }

  /** Adds `label` (up to a few hundred; past that, labels are simply not recognised). */
  add(label: string): void {
    if (this.count >= 500) return;
    (this.byLength[label.length] ??= []).push(label);
    this.count++;
  }
}

/** Outcome labels already in their usual spelling (normaliseOutcome leaves them as they are). */
const usualOutcomes = new Labels();
const crimeTypes = new Labels();

/** The outcome label text[from, to) if it is in its usual spelling; null if it is not. */
function usualOutcomeAt(text: string, from: number, to: number): string | null {
  const known = usualOutcomes.find(text, from, to);
  if (known !== undefined) return known;
  const cell = text.slice(from, to);
  if (normaliseOutcome(cell) !== cell) return null;
  usualOutcomes.add(cell);
  return cell;
}

function crimeTypeAt(text: string, from: number, to: number): string {
  const known = crimeTypes.find(text, from, to);
  if (known !== undefined) return known;
  const label = text.slice(from, to);
  crimeTypes.add(label);
  return label;
}

/**
 * The bulk importer's reader: the rows of readPoliceUkText, one per next(), without building objects
 * for the street and outcomes rows that can be stored as written (nearly all of them). In a file with
 * no quote and no lone carriage return, such a row is checked where it lies in the text (the same
 * conditions as PoliceUkRow.asWritten) and the cells the importer needs are set on this reader; every other
 * row, and every row of other files, comes as `typed` from the same checks as readPoliceUkText. A
 * test holds the two readers to the same rows.
 */
export class PoliceUkLineReader {
  /** The current row's line. */
  line = 0;
  /** The current row, typed, when it is not one of the rows below; otherwise null. */
  typed: PoliceUkRow | null = null;
  // The current row, when `typed` is null: a street or outcomes row stored as written.
  kind: 'street' | 'outcomes' = 'street';
  /** Where the row lies in the text, without its line end. */
  rawFrom = 0;
  rawTo = 0;
  /**
   * What to add to a position in the text to find it in the file's bytes: 0, or 2 after a byte order
   * mark, when the file is ASCII; null when it is not (a character may then take several bytes).
   */
  readonly byteShift: number | null;
  crimeId: string | null = null;
  month = '';
  /** From plain decimals, or null where the cell is empty. */
  longitude: number | null = null;
  latitude: number | null = null;
  lsoaCode: string | null = null;
  lsoaName: string | null = null;
  /** Street rows. */
  crimeType = '';
  lastOutcome: string | null = null;
  /** Outcomes rows. */
  outcomeType = '';

  private readonly state: FileState;
  private readonly rows: Generator<PoliceUkRow> | null = null;
  private readonly lines: CsvLines;
  private readonly streetCommas = new Int32Array(policeUkColumns.street.length - 1);
  private readonly outcomeCommas = new Int32Array(policeUkColumns.outcomes.length - 1);

  constructor(content: Buffer, fileName: string) {
    const text = decodePoliceUkText(content, fileName);
    this.state = fileState(text, fileName);
    this.lines = new CsvLines(text);
    const bom = text.charCodeAt(0) === 0xfeff ? 2 : 0;
    this.byteShift = content.length === text.length + bom ? bom : null;
    if (hasLoneCarriageReturn(text)) {
      this.rows = readDecoded(text, fileName);
      return;
    }
    if (!this.nextLine()) throw new PoliceUkFileError(fileName, null, null, 'the file is empty');
    // A quoted header, or stop-and-search rows: csvRecords reads the whole file.
    if (this.lines.quoted) this.rows = readDecoded(text, fileName);
    else {
      readHeader(this.state, this.lines.cells(), this.lines.line);
      if (this.state.kind === 'stop-and-search') this.rows = readDecoded(text, fileName);
    }
  }

  /** Moves to the next row; false at the end of the file. Throws PoliceUkFileError. */
  next(): boolean {
    if (this.rows) {
      const next = this.rows.next();
      if (next.done) return false;
      this.typed = next.value;
      this.line = next.value.line;
      return true;
    }
    if (!this.nextLine()) return false;
    const { line, from, to, quoted } = this.lines;
    this.line = line;
    if (!quoted && this.readAsWritten(from, to)) this.typed = null;
    else this.typed = typedRow(this.state, this.lines.cells(), line, quoted?.quoted ?? false);
    return true;
  }

  private nextLine(): boolean {
    try {
      return this.lines.next();
    } catch (error) {
      if (error instanceof CsvSyntaxError) throw new PoliceUkFileError(this.state.fileName, error.line, null, `not readable as CSV: ${error.message}`);
      throw error;
    }
  }

  /** Reads text[from, to) as a row stored as written, if it is one (see PoliceUkRow.asWritten). */
  private readAsWritten(from: number, to: number): boolean {
    const { text, kind, checkedMonth } = this.state;
    const commas = kind === 'street' ? this.streetCommas : this.outcomeCommas;
    if (!commasOfLine(text, from, to, commas)) return false;
    const c0 = commas[0] as number;
    const c1 = commas[1] as number;
    const c2 = commas[2] as number;
    const c3 = commas[3] as number;
    const c4 = commas[4] as number;
    const c5 = commas[5] as number;
    const c6 = commas[6] as number;
    const c7 = commas[7] as number;
    const c8 = commas[8] as number;
    // Crime ID, Month, Reported by, Falls within, Longitude, Latitude, Location, LSOA code, LSOA name
    if (!tidyAt(text, from, c0)) return false;
    if (checkedMonth === '' || c1 - c0 - 1 !== checkedMonth.length || !text.startsWith(checkedMonth, c0 + 1)) return false;
    if (!filledAt(text, c1 + 1, c2) || !filledAt(text, c2 + 1, c3)) return false;
    const longitude = c4 === c3 + 1 ? null : plainDecimalValueAt(text, c3 + 1, c4);
    const latitude = c5 === c4 + 1 ? null : plainDecimalValueAt(text, c4 + 1, c5);
    if (Number.isNaN(longitude) || Number.isNaN(latitude)) return false;
    if (!filledAt(text, c5 + 1, c6) || !tidyAt(text, c6 + 1, c7) || !tidyAt(text, c7 + 1, c8)) return false;
    if (kind === 'street') {
      const c9 = commas[9] as number;
      const c10 = commas[10] as number;
      if (!filledAt(text, c8 + 1, c9) || !tidyAt(text, c10 + 1, to)) return false;
      let lastOutcome: string | null = null;
      if (c10 > c9 + 1) {
        lastOutcome = usualOutcomeAt(text, c9 + 1, c10);
        if (lastOutcome === null) return false;
      }
      this.kind = 'street';
      this.crimeType = crimeTypeAt(text, c8 + 1, c9);
      this.lastOutcome = lastOutcome;
    } else {
      if (c0 === from) return false; // an outcome without a Crime ID: refused by typedRow
      if (c8 + 1 === to) return false;
      const outcomeType = usualOutcomeAt(text, c8 + 1, to);
      if (outcomeType === null) return false;
      this.kind = 'outcomes';
      this.outcomeType = outcomeType;
    }
    this.crimeId = c0 > from ? text.slice(from, c0) : null;
    this.month = checkedMonth;
    this.longitude = longitude;
    this.latitude = latitude;
    this.lsoaCode = c7 > c6 + 1 ? text.slice(c6 + 1, c7) : null;
    this.lsoaName = c8 > c7 + 1 ? text.slice(c7 + 1, c8) : null;
    this.rawFrom = from;
    this.rawTo = to;
    return true;
  }

  /** The file's text, in which rawFrom, rawTo and commas lie. */
  get text(): string {
    return this.state.text;
  }

  /** Where the current row's commas lie, when `typed` is null: its cells run between them. */
  get commas(): Int32Array {
    return this.kind === 'street' ? this.streetCommas : this.outcomeCommas;
  }

  /** The row as written, when `typed` is null. */
  get raw(): string {
    return this.state.text.slice(this.rawFrom, this.rawTo);
  }

  /** The current row as readPoliceUkText gives it (for tests: the importer reads the fields). */
  row(): PoliceUkRow {
    return this.typed ?? typedRow(this.state, this.raw.split(','), this.line, false);
  }
}


/** What a file held, for the import summary: nothing is dropped, but some rows are set aside or flagged. */
export interface FileTally {
  fileName: string;
  kind: PoliceUkKind;
  rows: number;
  withoutLocation: number;
  outsideForceArea: number; // with an LSOA that is not in the force area: kept, flagged
  antiSocialBehaviour: number; // street rows without a Crime ID: separate incidents, never deduplicated
  repeatedCrimeIds: number; // rows whose Crime ID appeared earlier in the same file
}

/** Reads a whole file and tallies its quirks. `forceLsoas` is the set of the force area's LSOA codes. */
export async function tallyPoliceUkFile(input: Readable, fileName: string, forceLsoas: ReadonlySet<string> | null = null): Promise<FileTally> {
  const seen = new Set<string>();
  let kind: PoliceUkKind | null = null;
  const tally = { rows: 0, withoutLocation: 0, outsideForceArea: 0, antiSocialBehaviour: 0, repeatedCrimeIds: 0 };
  for await (const item of readPoliceUkFile(input, fileName)) {
    kind = item.kind;
    tally.rows++;
    if (item.kind === 'stop-and-search') {
      if (item.row.latitude === null || item.row.longitude === null) tally.withoutLocation++;
      continue;
    }
    const row = item.row;
    if (row.lsoaCode === null) tally.withoutLocation++;
    else if (forceLsoas && !forceLsoas.has(row.lsoaCode)) tally.outsideForceArea++;
    if (row.crimeId === null) tally.antiSocialBehaviour++;
    else if (seen.has(row.crimeId)) tally.repeatedCrimeIds++;
    else seen.add(row.crimeId);
  }
  return { fileName, kind: kind ?? 'street', ...tally };
}

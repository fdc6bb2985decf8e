// Reading data.police.uk monthly CSVs (street, outcomes, stop and search) into typed rows, with every
// quirk of the real files handled and counted, nothing dropped: see ../shared/reference/FORMATS.md.
// Pure apart from reading the stream it is given; storing is the importer's job.
import type { Readable } from 'node:stream';
import { csvRecords, CsvSyntaxError } from '../../../platform/files/csv-records.ts';

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
 * `raw`: the row exactly as written when storing it as written loses nothing, for a bulk load to pass
 * on unchanged: no cell quoted, none with spaces around it, required cells present, numbers in plain
 * decimals and the outcome in its usual spelling. Null when the row needs the typed values.
 */
export type PoliceUkRow =
  | { kind: 'street'; row: StreetRow; line: number; raw: string | null }
  | { kind: 'outcomes'; row: OutcomeRow; line: number; raw: string | null }
  | { kind: 'stop-and-search'; row: StopSearchRow; line: number };

/** No space around it (so trimming changes nothing). */
const tidy = (v: string) => v === '' || (v.charCodeAt(0) > 32 && v.charCodeAt(v.length - 1) > 32);
const plainDecimal = /^-?\d+(\.\d+)?$/;
const tidyNumber = (v: string) => v === '' || plainDecimal.test(v);

const londonMonth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' });

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
  const named = describeFileName(fileName);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new PoliceUkFileError(fileName, null, null, 'the file is not UTF-8 text (is it a CSV from data.police.uk?)');
  }
  let kind: PoliceUkKind | null = null;
  let columns: readonly string[] = [];
  let checkedMonth = '';
  const number = (text: string | undefined, line: number, column: string): number | null => {
    const v = (text ?? '').trim();
    if (v === '') return null;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new PoliceUkFileError(fileName, line, column, `"${v}" is not a number`);
    return n;
  };
  const flag = (text: string | undefined, line: number, column: string): boolean | null => {
    const v = (text ?? '').trim().toLowerCase();
    if (v === '') return null;
    if (v === 'true') return true;
    if (v === 'false') return false;
    throw new PoliceUkFileError(fileName, line, column, `"${text}" is not True or False`);
  };
  try {
    for (const { record, line, start, end, quoted } of csvRecords(text)) {
      if (kind === null) {
        kind = kindOfHeader(record);
        if (!kind) throw new PoliceUkFileError(fileName, line, null, `the header is not that of a police.uk street, outcomes or stop-and-search file: ${record.join(',').slice(0, 200)}`);
        if (named && named.kind !== kind) throw new PoliceUkFileError(fileName, line, null, `the file is named as ${named.kind} but its header is that of a ${kind} file`);
        columns = policeUkColumns[kind];
        continue;
      }
      if (record.length !== columns.length) throw new PoliceUkFileError(fileName, line, null, `${record.length} cells where a ${kind} row has ${columns.length}`);
      if (kind === 'stop-and-search') {
        const cell = (name: string) => record[columns.indexOf(name)] ?? '';
        const date = cell('Date').trim();
        const time = Date.parse(date);
        if (!/[zZ]|[+-]\d{2}:?\d{2}$/.test(date) || Number.isNaN(time)) throw new PoliceUkFileError(fileName, line, 'Date', `"${date}" is not a timestamp with a time zone`);
        const month = londonMonth.format(new Date(time)).slice(0, 7);
        if (named && month !== named.month) throw new PoliceUkFileError(fileName, line, 'Date', `${date} is in ${month} (London time), not the file's month ${named.month}`);
        yield {
          kind,
          line,
          row: {
            type: cell('Type').trim(),
            date,
            month,
            partOfPolicingOperation: flag(cell('Part of a policing operation'), line, 'Part of a policing operation'),
            policingOperation: optional(cell('Policing operation')),
            latitude: number(cell('Latitude'), line, 'Latitude'),
            longitude: number(cell('Longitude'), line, 'Longitude'),
            gender: optional(cell('Gender')),
            ageRange: optional(cell('Age range')),
            selfDefinedEthnicity: optional(cell('Self-defined ethnicity')),
            officerDefinedEthnicity: optional(cell('Officer-defined ethnicity')),
            legislation: optional(cell('Legislation')),
            objectOfSearch: optional(cell('Object of search')),
            outcome: optional(cell('Outcome')),
            outcomeLinkedToObject: flag(cell('Outcome linked to object of search'), line, 'Outcome linked to object of search'),
            removalOfMoreThanOuterClothing: flag(cell('Removal of more than just outer clothing'), line, 'Removal of more than just outer clothing'),
          },
        };
        continue;
      }
      // Street and outcomes files share their first nine columns, in this order (the header was checked).
      const [crimeIdCell = '', monthCell = '', reportedBy = '', fallsWithin = '', longitudeCell = '', latitudeCell = '', location = '', lsoaCode = '', lsoaName = ''] = record;
      // Rows repeat their month: one already checked needs no second look.
      const month = monthCell === checkedMonth ? checkedMonth : monthCell.trim();
      if (month !== checkedMonth) {
        if (!/^\d{4}-\d{2}$/.test(month)) throw new PoliceUkFileError(fileName, line, 'Month', `"${month}" is not a month like 2024-03`);
        if (kind === 'street' && named && month !== named.month) throw new PoliceUkFileError(fileName, line, 'Month', `${month} is not the file's month ${named.month}`);
        checkedMonth = month;
      }
      const longitude = number(longitudeCell, line, 'Longitude');
      const latitude = number(latitudeCell, line, 'Latitude');
      const asWritten =
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
      if (kind === 'street') {
        const crimeType = record[9] ?? '';
        const lastOutcome = record[10] ?? '';
        const normalisedOutcome = optional(lastOutcome) ? normaliseOutcome(lastOutcome) : null;
        const raw = asWritten && crimeType !== '' && tidy(crimeType) && (lastOutcome === '' || normalisedOutcome === lastOutcome) && tidy(record[11] ?? '') ? text.slice(start, end) : null;
        yield {
          kind,
          line,
          raw,
          row: {
            crimeId: optional(crimeIdCell),
            month,
            reportedBy: reportedBy.trim(),
            fallsWithin: fallsWithin.trim(),
            longitude,
            latitude,
            location: location.trim(),
            lsoaCode: optional(lsoaCode),
            lsoaName: optional(lsoaName),
            crimeType: crimeType.trim(),
            lastOutcome: normalisedOutcome,
            context: optional(record[11]),
          },
        };
      } else {
        const crimeId = optional(crimeIdCell);
        if (!crimeId) throw new PoliceUkFileError(fileName, line, 'Crime ID', 'an outcome must name the crime it is for');
        const outcomeCell = record[9] ?? '';
        const outcomeType = normaliseOutcome(outcomeCell);
        const raw = asWritten && outcomeCell !== '' && outcomeType === outcomeCell ? text.slice(start, end) : null;
        yield {
          kind,
          line,
          raw,
          row: {
            crimeId,
            month,
            reportedBy: reportedBy.trim(),
            fallsWithin: fallsWithin.trim(),
            longitude,
            latitude,
            location: location.trim(),
            lsoaCode: optional(lsoaCode),
            lsoaName: optional(lsoaName),
            outcomeType,
          },
        };
      }
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new PoliceUkFileError(fileName, error.line, null, `not readable as CSV: ${error.message}`);
    throw error;
  }
  if (kind === null) throw new PoliceUkFileError(fileName, null, null, 'the file is empty');
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

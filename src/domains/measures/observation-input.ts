// Validation of observations, whether typed into a form or uploaded as CSV. Everything is checked
// before anything is stored, and each problem names the file, row and column.
import { parse } from 'csv-parse/sync';
import type { Frequency } from './measures.tables.ts';
import { parsePeriod, periodKindDescriptions, periodKindsFor, type Period } from './period.ts';

export const observationColumns = ['period', 'place_code', 'value', 'numerator', 'denominator', 'marker', 'note'] as const;
export type ObservationColumn = (typeof observationColumns)[number];
const requiredColumns: ObservationColumn[] = ['period', 'place_code', 'value'];

export const allowedMarkers: Record<string, string> = {
  p: 'provisional',
  r: 'revised',
  c: 'confidential (suppressed)',
  x: 'not available',
  e: 'estimated',
  u: 'low reliability',
  b: 'break in series',
  z: 'not applicable',
};
const markersWithoutValue = new Set(['c', 'x', 'z']);

export const maxObservationRows = 100_000;
export const maxNoteLength = 1000;

export interface ObservationInput {
  period: Period;
  placeCode: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  markers: string; // letters joined by commas, e.g. "p" or "p,r"
  note: string;
}

export interface InputProblem {
  row: number | null; // the line in the file (the header is row 1); null for whole-file problems
  column: ObservationColumn | null;
  message: string;
}

export interface RateRule {
  base: number; // e.g. 1000 for "per 1,000"
  denominator: 'observation' | 'population';
  /** The place's population for a year: that year's, else the latest earlier one; null if none. */
  population: (placeCode: string, year: number) => { value: number; year: number } | null;
}

export interface ValidationContext {
  frequency: Frequency;
  placeCodes: ReadonlySet<string>;
  /** For a rate measure: a row may give the numerator only, and the value is worked out. */
  rate?: RateRule | null;
}

export type RawObservation = Partial<Record<ObservationColumn, string>>;

function parseNumber(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  // Spreadsheets export thousands separators inside quotes: "29,199".
  const normalised = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed) ? trimmed.replaceAll(',', '') : trimmed;
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(normalised)) return 'invalid';
  const n = Number(normalised);
  return Number.isFinite(n) ? n : 'invalid';
}

function parseMarkers(text: string): string[] | 'invalid' {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') return [];
  const letters = trimmed.replace(/[[\],\s]+/g, ' ').trim().split(' ').flatMap((part) => (part.length > 1 && /^[a-z]+$/.test(part) ? part.split('') : [part]));
  if (letters.some((l) => !(l in allowedMarkers))) return 'invalid';
  return [...new Set(letters)];
}

export function validateObservations(raws: { row: number | null; values: RawObservation }[], context: ValidationContext) {
  const problems: InputProblem[] = [];
  const valid: ObservationInput[] = [];
  const seen = new Map<string, number | null>();
  const kinds = periodKindsFor(context.frequency);
  for (const { row, values } of raws) {
    const rowProblems: InputProblem[] = [];
    const problem = (column: ObservationColumn, message: string) => rowProblems.push({ row, column, message });

    const periodText = (values.period ?? '').trim();
    const period = periodText ? parsePeriod(periodText) : null;
    if (!periodText) problem('period', 'Enter a period');
    else if (!period) problem('period', `"${periodText}" is not a period: use a month (2024-03), quarter (2024-Q1), year (2024) or financial year (2024-25)`);
    else if (!kinds.includes(period.kind)) {
      problem('period', `"${periodText}" is ${periodKindDescriptions[period.kind]}, but this measure is reported by ${kinds.map((k) => periodKindDescriptions[k]).join(' or ')}`);
    }

    const placeCode = (values.place_code ?? '').trim().toUpperCase();
    if (!placeCode) problem('place_code', 'Enter a place code (an ONS GSS code like E06000055)');
    else if (!context.placeCodes.has(placeCode)) problem('place_code', `"${placeCode}" is not a known place code`);

    const markers = parseMarkers(values.marker ?? '');
    if (markers === 'invalid') problem('marker', `"${values.marker}" is not a marker: use ${Object.keys(allowedMarkers).map((m) => `[${m}]`).join(', ')}`);

    const numerator = parseNumber(values.numerator ?? '');
    if (numerator === 'invalid') problem('numerator', `"${values.numerator}" is not a number`);
    else if (numerator !== null && numerator < 0) problem('numerator', 'The numerator cannot be negative');
    let denominator = parseNumber(values.denominator ?? '');
    if (denominator === 'invalid') problem('denominator', `"${values.denominator}" is not a number`);
    else if (denominator !== null && denominator <= 0) problem('denominator', 'The denominator must be greater than 0');

    let value = parseNumber(values.value ?? '');
    const suppressed = markers !== 'invalid' && markers.some((m) => markersWithoutValue.has(m));
    const rate = context.rate;
    let rateProblem = false;
    if (value === null && rate && numerator !== null && numerator !== 'invalid' && denominator !== 'invalid' && !suppressed) {
      // A rate measure: work the value out from the numerator and the denominator or population.
      if (rate.denominator === 'population' && denominator === null && period && context.placeCodes.has(placeCode)) {
        const year = Number(period.start.slice(0, 4));
        const population = rate.population(placeCode, year);
        if (population) denominator = population.value;
        else {
          rateProblem = true;
          problem('place_code', `There is no population for ${placeCode} in ${year} or before, so the rate cannot be worked out: load the population first or give a denominator`);
        }
      }
      if (denominator === null) {
        if (rate.denominator === 'observation') {
          rateProblem = true;
          problem('denominator', 'Enter a denominator, or the value itself, for this rate');
        }
      } else value = (numerator / denominator) * rate.base;
    }
    if (value === 'invalid') problem('value', `"${values.value}" is not a number`);
    else if (value === null && !suppressed && !rateProblem) {
      problem('value', rate ? 'Enter a value or a numerator, or leave both empty with the marker [c] (suppressed), [x] (not available) or [z] (not applicable)' : 'Enter a value, or leave it empty with the marker [c] (suppressed), [x] (not available) or [z] (not applicable)');
    } else if (value !== null && suppressed) {
      problem('value', `A value marked [${(markers as string[]).find((m) => markersWithoutValue.has(m))}] must be left empty`);
    }

    const note = (values.note ?? '').trim();
    if (note.length > maxNoteLength) problem('note', `The note is ${note.length} characters long; the limit is ${maxNoteLength}`);

    if (period && placeCode) {
      const key = `${period.label}|${placeCode}`;
      if (seen.has(key)) {
        const first = seen.get(key);
        problem('period', `Period ${period.label} for ${placeCode} appears more than once${first ? ` (first on row ${first})` : ''}`);
      } else seen.set(key, row);
    }

    if (rowProblems.length) problems.push(...rowProblems);
    else if (period && value !== 'invalid' && numerator !== 'invalid' && denominator !== 'invalid' && markers !== 'invalid') {
      valid.push({ period, placeCode, value, numerator, denominator, markers: markers.join(','), note });
    }
  }
  return { valid, problems };
}

/** Parses an uploaded CSV into raw rows, or whole-file problems (not CSV, wrong columns, too many rows). */
export function readObservationsCsv(content: Buffer): { rows: { row: number; values: RawObservation }[]; problems: InputProblem[] } {
  if (content.length === 0) return { rows: [], problems: [{ row: null, column: null, message: 'The file is empty' }] };
  if (content.subarray(0, 8192).includes(0)) {
    return { rows: [], problems: [{ row: null, column: null, message: 'The file is not a CSV file (it contains binary data). Save it as "CSV UTF-8" and upload it again' }] };
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(content);
  if (text.includes('\uFFFD')) {
    return { rows: [], problems: [{ row: null, column: null, message: 'The file is not UTF-8 text. Save it as "CSV UTF-8" and upload it again' }] };
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // info gives each record's line in the file, so rows are numbered as a spreadsheet shows them.
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false, info: true }) as unknown as typeof records;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return { rows: [], problems: [{ row: e.lines ?? null, column: null, message: `The file could not be read as CSV: ${e.message}` }] };
  }
  const [headerRecord, ...body] = records;
  const header = headerRecord?.record;
  if (!header) return { rows: [], problems: [{ row: null, column: null, message: 'The file is empty' }] };
  const names = header.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  const problems: InputProblem[] = [];
  const unknown = names.filter((n) => n !== '' && !(observationColumns as readonly string[]).includes(n));
  if (unknown.length) {
    problems.push({ row: 1, column: null, message: `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}: the columns are ${observationColumns.join(', ')}` });
  }
  const missing = requiredColumns.filter((c) => !names.includes(c));
  if (missing.length) problems.push({ row: 1, column: null, message: `Missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` });
  const duplicated = names.filter((n, i) => n !== '' && names.indexOf(n) !== i);
  if (duplicated.length) problems.push({ row: 1, column: null, message: `Column ${duplicated[0]} appears more than once` });
  if (body.length > maxObservationRows) problems.push({ row: null, column: null, message: `The file has ${body.length} rows; the limit is ${maxObservationRows}` });
  if (body.length === 0) problems.push({ row: null, column: null, message: 'The file has a header but no rows of data' });
  if (problems.length) return { rows: [], problems };
  const rows = body.map(({ record: cells, info }) => {
    const values: RawObservation = {};
    names.forEach((name, i) => {
      if ((observationColumns as readonly string[]).includes(name)) values[name as ObservationColumn] = cells[i] ?? '';
    });
    return { row: info.lines, values };
  });
  return { rows, problems };
}

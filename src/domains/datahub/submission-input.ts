// Checking a partner's CSV submission against its dataset, as a stream: the bytes arrive in chunks,
// are cut at record boundaries and read by the fast record reader (platform/files/csv-records.ts), and
// each row is checked and handed on at once, so memory stays flat however long the file is (what
// grows is bounded by the dataset, not the file: a bitset of place × period seen, and the problem
// list, capped). Every problem is collected with its row and column; the caller stores the rows only
// when there are none.
//
// The file: UTF-8 CSV (a BOM is fine), header `place_code, period` and the dataset's columns by name
// (any order, case ignored). Each row: a known place code of the dataset's geography level, a period
// of its type from its first period to the current one, counts as whole numbers 0 or more, numbers
// as finite numbers, categories from the allowed values, required cells present (an empty optional
// cell is stored as null), each place and period once, and no cell a spreadsheet would run as a
// formula (starting with = + - @, tab or carriage return, unless it is a plain number). A file that
// is not text (a NUL byte, a zip/xlsx, xls, PDF or gzip signature, UTF-16, bytes that are not UTF-8)
// is refused at once, without a problem list.
import { CopyPiece } from '../../platform/db/bulk-copy.ts';
import { commasOfLine, CsvLines, CsvSyntaxError, csvRecords, hasLoneCarriageReturn, isDigit, plainDecimalValueAt } from '../../platform/files/csv-records.ts';
import { toCsv } from '../../platform/http/csv.ts';
import type { ColumnType, DatasetGeographyLevel, PeriodType } from './datahub.tables.ts';
import { nextPeriod, parseDatasetPeriod, periodContaining } from './periods.ts';
import { csvQuoted, submissionRowRecord } from './submission-rows.ts';

/** The most problems kept (the rest are counted); the first few are shown on screen. */
export const problemsKept = 100_000;
export const problemsShown = 100;
/** A record (a quoted cell) may span chunks; past this much text without a record end, reading stops. */
const maxPendingChars = 8 * 1024 * 1024;
const chunkBytes = 1024 * 1024;
const maxTextCell = 1000;

export interface SubmissionColumn {
  name: string;
  type: ColumnType;
  allowedValues: readonly string[] | null;
  required: boolean;
}

export interface SubmissionSpec {
  /** The dataset's columns in position order. */
  columns: readonly SubmissionColumn[];
  geographyLevel: DatasetGeographyLevel;
  /** Every place code of the dataset's geography level. */
  placeCodes: readonly string[];
  periodType: PeriodType;
  firstPeriod: string;
  /** London date: periods after the one holding it are refused. */
  today: string;
}

export interface SubmissionProblem {
  /** The file's line the row starts on (the header is row 1); null for the file as a whole. */
  row: number | null;
  column: string | null;
  value: string | null;
  message: string;
}

/** One checked row: numbers (count and number columns) and labels (category and text), in column order. */
export interface CheckedRow {
  line: number;
  placeCode: string;
  period: string;
  numbers: (number | null)[];
  labels: (string | null)[];
}

/** A file refused before its rows are read: too large, or not a CSV text file. */
export class SubmissionFileError extends Error {
  readonly reason: 'too-large' | 'not-csv' | 'empty';
  constructor(reason: SubmissionFileError['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

export const geographyWords: Record<DatasetGeographyLevel, string> = {
  lsoa: 'LSOA',
  ward: 'ward',
  local_authority: 'local authority',
  csp: 'community safety partnership',
  force_area: 'police force area',
};
const periodWords: Record<PeriodType, string> = { month: 'a month, like 2024-03', quarter: 'a quarter, like 2024-Q1', year: 'a year, like 2024' };

const plainNumber = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const wholeNumber = /^\d+$/;
const formulaStart = /^[=+\-@\t\r]/;

/** What a file's first bytes say it is, when that is not CSV text; null when it may be. */
export function notCsvReason(head: Uint8Array): string | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'it is a zip file (an Excel .xlsx or OpenDocument workbook is one): save the sheet as CSV UTF-8 and upload that';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'it is an older Excel workbook (.xls): save the sheet as CSV UTF-8 and upload that';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'it is a PDF';
  if (starts(0x1f, 0x8b)) return 'it is compressed (gzip): upload the CSV inside it';
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return 'it is UTF-16 text: save it as CSV UTF-8';
  const nul = head.indexOf(0);
  if (nul >= 0) return `it has a NUL byte (at byte ${nul + 1}), so it is a binary file, not CSV text`;
  return null;
}

/** Chunks of a buffer, without copying. */
export function* bufferChunks(content: Uint8Array, size = chunkBytes): Generator<Uint8Array> {
  for (let i = 0; i < content.length; i += size) yield content.subarray(i, Math.min(i + size, content.length));
}

export interface LocatedRecord {
  record: string[];
  line: number;
}

/**
 * Records of a CSV arriving in byte chunks, with the line each starts on. Chunks are decoded as
 * UTF-8 (refused if they are not) and cut after the last line end outside quotes; each piece goes to
 * csvRecords. Throws SubmissionFileError for binary content, CsvSyntaxError (with its line) for bad
 * quoting.
 */
export function* recordsOfChunks(chunks: Iterable<Uint8Array>): Generator<LocatedRecord> {
  for (const { text, firstLine } of textOfChunks(chunks)) yield* recordsOfText(text, firstLine);
}

/** The records of a piece of text that starts on line `firstLine` of the file. */
function* recordsOfText(text: string, firstLine: number): Generator<LocatedRecord> {
  for (const r of csvRecords(text, 0, firstLine)) yield { record: r.record, line: r.line };
}

/**
 * A CSV arriving in byte chunks, as pieces of text that each end at a record's end, with the line
 * each starts on. Chunks are decoded as UTF-8 (refused if they are not; a byte order mark is dropped)
 * and cut after the last line end outside quotes. Throws SubmissionFileError for binary content,
 * CsvSyntaxError for a record that runs on past 8 MB.
 */
export function* textOfChunks(chunks: Iterable<Uint8Array>): Generator<{ text: string; firstLine: number }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  let lineOffset = 0;
  let first = true;
  let byteOffset = 0;

  function* emit(piece: string): Generator<{ text: string; firstLine: number }> {
    yield { text: piece, firstLine: lineOffset + 1 };
    let lines = 0;
    for (let k = piece.indexOf('\n'); k >= 0; k = piece.indexOf('\n', k + 1)) lines++;
    for (let k = piece.indexOf('\r'); k >= 0; k = piece.indexOf('\r', k + 1)) if (piece.charCodeAt(k + 1) !== 10) lines++;
    lineOffset += lines;
  }

  const decode = (chunk: Uint8Array, stream: boolean): string => {
    try {
      return decoder.decode(chunk, { stream });
    } catch {
      throw new SubmissionFileError('not-csv', `The file is not UTF-8 text (somewhere after line ${lineOffset + 1}): save it as CSV UTF-8`);
    }
  };

  for (const chunk of chunks) {
    if (first) {
      const reason = notCsvReason(chunk.subarray(0, 4096));
      if (reason) throw new SubmissionFileError('not-csv', `The file is not a CSV file: ${reason}`);
      first = false;
    }
    const nul = chunk.indexOf(0);
    if (nul >= 0) throw new SubmissionFileError('not-csv', `The file is not a CSV file: it has a NUL byte (at byte ${byteOffset + nul + 1}), so it is a binary file, not CSV text`);
    byteOffset += chunk.length;
    const text = pending + decode(chunk, true);
    const boundary = lastRecordEnd(text);
    if (boundary < 0) {
      pending = text;
      if (pending.length > maxPendingChars) {
        // Either a quote opened and never closed (csvRecords says where), or a line far too long.
        for (const record of recordsOfText(pending, lineOffset + 1)) void record;
        throw new CsvSyntaxError(lineOffset, `a record runs past ${maxPendingChars / 1024 / 1024} MB without ending: is a closing quote missing?`);
      }
      continue;
    }
    const piece = text.slice(0, boundary + 1);
    pending = text.slice(boundary + 1);
    yield* emit(piece);
  }
  pending += decode(new Uint8Array(0), false);
  if (pending) yield* emit(pending);
}

/** The index of the last LF outside quotes (an even number of quotes before it), or -1. */
function lastRecordEnd(text: string): number {
  let odd = false;
  let boundary = -1;
  let i = 0;
  for (;;) {
    const q = text.indexOf('"', i);
    const stop = q < 0 ? text.length : q;
    if (!odd && stop > i) {
      const lf = text.lastIndexOf('\n', stop - 1);
      if (lf >= i) boundary = lf;
    }
    if (q < 0) return boundary;
    odd = !odd;
    i = q + 1;
  }
}

export interface SubmissionCheck {
  problems: SubmissionProblem[];
  /** Every problem found, including those past the kept list. */
  problemCount: number;
  /** Data rows read (valid or not). */
  rows: number;
  /** Valid rows per period (canonical label), in the order first seen. */
  rowsByPeriod: Map<string, number>;
  /** True once the header was read and matched the dataset. */
  headerOk: boolean;
}

export function emptyCheck(): SubmissionCheck {
  return { problems: [], problemCount: 0, rows: 0, rowsByPeriod: new Map(), headerOk: false };
}

/**
 * The rows of a submission, checked: yields each valid row as it is read (a caller stores them only
 * if `check.problemCount` is still 0 at the end) and records every problem in `check`. Stops reading
 * at a header that does not match (rows cannot be read against it) or at broken quoting.
 */
export function* checkSubmission(spec: SubmissionSpec, chunks: Iterable<Uint8Array>, check: SubmissionCheck): Generator<CheckedRow> {
  const checker = new RowChecker(spec, check);
  try {
    for (const { record, line } of recordsOfChunks(chunks)) {
      if (!checker.headerRead) {
        if (!checker.readHeader(record, line)) return;
        continue;
      }
      const row = checker.checkRow(record, line);
      if (row) yield row;
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    checker.problem(error.line, null, null, `The CSV cannot be read from here on: ${error.message}`);
    return;
  }
  checker.finish();
}

/**
 * The same check as checkSubmission, giving the COPY text of submission_rows as it goes (pieces of
 * UTF-8 bytes) instead of rows; nothing more is written once a problem is found. A row of plain
 * cells (see RowChecker.writePlainRow) is checked where it lies in the text and written without
 * making its cells into strings and numbers and back; every other row goes through checkRow. A test
 * holds the two to the same problems and the same records.
 */
export function* submissionCopyPieces(spec: SubmissionSpec, chunks: Iterable<Uint8Array>, check: SubmissionCheck, submissionId: number): Generator<Buffer<ArrayBuffer>, { rowsInPlace: number }> {
  const checker = new RowChecker(spec, check);
  const piece = new CopyPiece();
  const quotedCodes = new Map<string, string>();
  const quotedCode = (code: string) => {
    let quoted = quotedCodes.get(code);
    if (quoted === undefined) quotedCodes.set(code, (quoted = csvQuoted(code)));
    return quoted;
  };
  let rowsInPlace = 0;
  const writeRow = (row: CheckedRow | null) => {
    if (row && check.problemCount === 0) piece.text(submissionRowRecord(submissionId, row, quotedCode));
  };
  try {
    for (const { text, firstLine } of textOfChunks(chunks)) {
      if (hasLoneCarriageReturn(text)) {
        // Old Mac line ends: csvRecords reads the piece.
        for (const { record, line } of recordsOfText(text, firstLine)) {
          if (!checker.headerRead) {
            if (!checker.readHeader(record, line)) return { rowsInPlace };
          } else writeRow(checker.checkRow(record, line));
        }
        continue;
      }
      const lines = new CsvLines(text, firstLine);
      while (lines.next()) {
        if (!checker.headerRead) {
          if (!checker.readHeader(lines.cells(), lines.line)) return { rowsInPlace };
        } else if (!lines.quoted && checker.writePlainRow(text, lines.from, lines.to, lines.line, piece, submissionId, quotedCode)) rowsInPlace++;
        else writeRow(checker.checkRow(lines.cells(), lines.line));
        if (piece.length >= 1 << 18 && check.problemCount === 0) yield piece.take();
      }
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    checker.problem(error.line, null, null, `The CSV cannot be read from here on: ${error.message}`);
    return { rowsInPlace };
  }
  checker.finish();
  if (piece.length && check.problemCount === 0) yield piece.take();
  return { rowsInPlace };
}


/** Checks a submission's header and rows against its dataset, noting every problem in `check`. */
class RowChecker {
  private readonly places = new Map<string, number>();
  private readonly periods: ReturnType<typeof periodIndex>;
  private readonly periodCache = new Map<string, { label: string; index: number } | string>();
  private readonly seen: Uint8Array;
  private readonly placeWord: string;
  private layout: { place: number; period: number; cells: { column: SubmissionColumn; at: number; slot: number }[]; width: number } | null = null;
  private numberSlots = 0;
  private labelSlots = 0;
  /** Whether rows can be written as they lie: place, period, then every column in order, all counts or numbers. */
  private plainLayout = false;
  private readonly commas: Int32Array;

  private readonly spec: SubmissionSpec;
  private readonly check: SubmissionCheck;

  constructor(spec: SubmissionSpec, check: SubmissionCheck) {
    this.spec = spec;
    this.check = check;
    for (const code of spec.placeCodes) this.places.set(code, this.places.size);
    this.periods = periodIndex(spec);
    this.seen = new Uint8Array(Math.ceil((this.places.size * Math.max(this.periods.index.size, 1)) / 8));
    this.placeWord = geographyWords[spec.geographyLevel];
    this.commas = new Int32Array(spec.columns.length + 1); // a plain row has the place, the period and each column
    if (!this.places.size) this.problem(null, 'place_code', null, `No ${this.placeWord} codes are loaded yet, so no place code can be checked: staff load places at /staff/places`);
  }

  get headerRead(): boolean {
    return this.layout !== null;
  }

  problem(row: number | null, column: string | null, value: string | null, message: string): void {
    const check = this.check;
    check.problemCount++;
    if (check.problems.length < problemsKept) check.problems.push({ row, column, value: value === null ? null : value.length > 60 ? `${value.slice(0, 57)}...` : value, message });
  }

  /** Reads the header; false when it does not match (no row can be read against it). */
  readHeader(record: string[], line: number): boolean {
    const result = readHeader(this.spec.columns, record);
    if (result.problems.length) {
      for (const message of result.problems) this.problem(line, null, null, message);
      return false;
    }
    const layout = result.layout;
    this.layout = layout;
    this.numberSlots = result.numberSlots;
    this.labelSlots = result.labelSlots;
    this.plainLayout =
      layout.place === 0 && layout.period === 1 && result.labelSlots === 0 && layout.width === layout.cells.length + 2 && layout.cells.every((c, i) => c.at === i + 2 && c.slot === i && (c.column.type === 'count' || c.column.type === 'number'));
    this.check.headerOk = true;
    return true;
  }

  /** At the end of the file. */
  finish(): void {
    if (!this.layout) throw new SubmissionFileError('empty', 'The file is empty: it needs a header row (place_code, period and the dataset’s columns) and a row per place and period');
    if (this.check.rows === 0) this.problem(null, null, null, 'The file has a header but no rows');
  }

  /** Checks one data row; the row when it is valid, null when it has a problem (noted in `check`). */
  checkRow(record: string[], line: number): CheckedRow | null {
    const layout = this.layout as NonNullable<RowChecker['layout']>;
    const check = this.check;
    const places = this.places;
    check.rows++;
    if (record.length !== layout.width) {
      this.problem(line, null, null, `The row has ${record.length} cells; the header has ${layout.width}`);
      return null;
    }
    const before = check.problemCount;
    const cell = (at: number, column: string): string | null => {
      const raw = record[at] ?? '';
      // Most cells start with a letter or digit and end without a space: no formula, nothing to trim.
      const first = raw.charCodeAt(0);
      if (raw === '' || (first > 32 && first !== 61 && first !== 43 && first !== 45 && first !== 64 && raw.charCodeAt(raw.length - 1) > 32)) return raw;
      if (formulaStart.test(raw) || formulaStart.test(raw.trimStart())) {
        const trimmed = raw.trim();
        if (!plainNumber.test(trimmed) || raw.charCodeAt(0) === 9 || raw.charCodeAt(0) === 13) {
          this.problem(line, column, raw, `The cell starts with ${describeStart(raw)}: a cell a spreadsheet would run as a formula is refused`);
          return null;
        }
      }
      return raw.trim();
    };

    const placeCode = cell(layout.place, 'place_code');
    let placeAt = -1;
    if (placeCode !== null) {
      if (placeCode === '') this.problem(line, 'place_code', null, 'The place code is missing');
      else if (places.size) {
        placeAt = places.get(placeCode) ?? -1;
        if (placeAt < 0) this.problem(line, 'place_code', placeCode, `${placeCode} is not a known ${this.placeWord} code`);
      }
    }
    const periodText = cell(layout.period, 'period');
    let period: { label: string; index: number } | null = null;
    if (periodText !== null) {
      if (periodText === '') this.problem(line, 'period', null, 'The period is missing');
      else {
        const found = this.periodOf(periodText);
        if (typeof found === 'string') this.problem(line, 'period', periodText, found);
        else period = found;
      }
    }

    const numbers: (number | null)[] = new Array(this.numberSlots).fill(null);
    const labels: (string | null)[] = new Array(this.labelSlots).fill(null);
    for (const { column, at, slot } of layout.cells) {
      const text = cell(at, column.name);
      if (text === null) continue;
      if (text === '') {
        if (column.required) this.problem(line, column.name, null, `${column.name} is missing: the column is required`);
        continue;
      }
      switch (column.type) {
        case 'count':
          if (!wholeNumber.test(text) || !Number.isSafeInteger(Number(text))) this.problem(line, column.name, text, `${text} is not a count: a whole number, 0 or more`);
          else numbers[slot] = Number(text);
          break;
        case 'number': {
          const n = Number(text);
          if (!plainNumber.test(text) || !Number.isFinite(n)) this.problem(line, column.name, text, `${text} is not a number`);
          else numbers[slot] = n;
          break;
        }
        case 'category':
          if (!column.allowedValues?.includes(text)) this.problem(line, column.name, text, `${text} is not one of the allowed values: ${(column.allowedValues ?? []).join(', ')}`);
          else labels[slot] = text;
          break;
        case 'text':
          if (text.length > maxTextCell) this.problem(line, column.name, text, `The text is ${text.length} characters long; at most ${maxTextCell} are allowed`);
          else labels[slot] = text;
          break;
      }
    }

    if (placeAt >= 0 && period && this.seenBefore(placeAt, period.index)) this.problem(line, null, `${placeCode} ${period.label}`, `${placeCode} and ${period.label} are on an earlier row too: each place and period may appear once`);
    if (check.problemCount !== before || placeCode === null || !period) return null;
    check.rowsByPeriod.set(period.label, (check.rowsByPeriod.get(period.label) ?? 0) + 1);
    return { line, placeCode, period: period.label, numbers, labels };
  }

  private periodOf(text: string): { label: string; index: number } | string {
    let found = this.periodCache.get(text);
    if (found === undefined) {
      found = this.periods.read(text);
      if (this.periodCache.size < 10_000) this.periodCache.set(text, found);
    }
    return found;
  }

  /** Marks a place and period as seen; true if they were already. */
  private seenBefore(placeAt: number, periodAt: number): boolean {
    const bit = placeAt * this.periods.index.size + periodAt;
    const byte = bit >>> 3;
    const mask = 1 << (bit & 7);
    if (((this.seen[byte] as number) & mask) !== 0) return true;
    this.seen[byte] = (this.seen[byte] as number) | mask;
    return false;
  }

  /**
   * Checks the data row text[from, to) where it lies, and writes its COPY record, when the layout is
   * plain and so is the row: no quote, each cell without spaces around it, a known place, a valid
   * period, and every column filled with a count or a number written as JavaScript writes it (a count:
   * digits, at most 15, no leading zero; a number: the same text back from Number). Such a row is valid
   * exactly as checkRow would find it, and its numbers go into the array literal as written. False,
   * having noted and written nothing, for any other row: checkRow then reads it.
   */
  writePlainRow(text: string, from: number, to: number, line: number, piece: CopyPiece, submissionId: number, quotedCode: (code: string) => string): boolean {
    if (!this.plainLayout || this.places.size === 0 || this.check.problemCount !== 0) return false;
    const layout = this.layout as NonNullable<RowChecker['layout']>;
    const commas = this.commas;
    const cells = layout.width;
    if (commas.length !== cells - 1 || !commasOfLine(text, from, to, commas)) return false;
    const placeEnd = commas[0] as number;
    const periodEnd = commas[1] as number;
    if (!plainTextAt(text, from, placeEnd) || !plainTextAt(text, placeEnd + 1, periodEnd)) return false;
    const placeCode = text.slice(from, placeEnd);
    const placeAt = this.places.get(placeCode);
    if (placeAt === undefined) return false;
    const period = this.periodOf(text.slice(placeEnd + 1, periodEnd));
    if (typeof period === 'string') return false;
    for (let k = 0; k < layout.cells.length; k++) {
      const start = (commas[k + 1] as number) + 1;
      const end = k + 2 < cells - 1 ? (commas[k + 2] as number) : to;
      const ok = (layout.cells[k] as (typeof layout.cells)[number]).column.type === 'count' ? canonicalCountAt(text, start, end) : canonicalNumberAt(text, start, end);
      if (!ok) return false;
    }
    if (this.seenBefore(placeAt, period.index)) return false; // checkRow notes the repeat
    this.check.rows++;
    this.check.rowsByPeriod.set(period.label, (this.check.rowsByPeriod.get(period.label) ?? 0) + 1);
    piece.int(submissionId);
    piece.byte(44);
    piece.int(line);
    piece.byte(44);
    piece.text(quotedCode(placeCode));
    piece.byte(44);
    piece.text(quotedCode(period.label));
    piece.text(',"{');
    piece.textRange(text, periodEnd + 1, to);
    piece.text('}","{}"\n');
    return true;
  }

}

/** text[from, to) is not empty and has no space around it, and does not start as a formula would. */
function plainTextAt(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  const first = text.charCodeAt(from);
  return first > 32 && first !== 61 && first !== 43 && first !== 45 && first !== 64 && text.charCodeAt(to - 1) > 32;
}

/** text[from, to) is a count as JavaScript writes it: digits, no leading zero, at most 15 (always a safe integer). */
function canonicalCountAt(text: string, from: number, to: number): boolean {
  if (from >= to || to - from > 15 || (text.charCodeAt(from) === 48 && to - from > 1)) return false;
  for (let i = from; i < to; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/** text[from, to) is a plain decimal (optional minus, digits, optional point and digits) as JavaScript writes that number. */
function canonicalNumberAt(text: string, from: number, to: number): boolean {
  if (from >= to || to - from > 21) return false;
  const value = plainDecimalValueAt(text, from, to);
  return !Number.isNaN(value) && String(value) === text.slice(from, to);
}

function describeStart(raw: string): string {
  const c = raw.trimStart().charAt(0) || raw.charAt(0);
  if (raw.charCodeAt(0) === 9) return 'a tab';
  if (raw.charCodeAt(0) === 13) return 'a carriage return';
  return c;
}

function readHeader(columns: readonly SubmissionColumn[], record: string[]) {
  const problems: string[] = [];
  const names = record.map((h) => h.trim().toLowerCase());
  const at = new Map<string, number>();
  const repeated = new Set<string>();
  names.forEach((name, i) => {
    if (at.has(name)) repeated.add(name || '(empty)');
    else at.set(name, i);
  });
  const expected = ['place_code', 'period', ...columns.map((c) => c.name)];
  const missing = expected.filter((n) => !at.has(n));
  const extra = [...at.keys()].filter((n) => !expected.includes(n)).map((n) => n || '(an empty heading)');
  if (missing.length) problems.push(`The header is missing ${missing.length === 1 ? 'the column' : 'columns'}: ${missing.join(', ')}`);
  if (extra.length) problems.push(`The header has ${extra.length === 1 ? 'a column' : 'columns'} the dataset does not: ${extra.join(', ')} (expected: ${expected.join(', ')})`);
  if (repeated.size) problems.push(`The header repeats ${[...repeated].join(', ')}`);
  let numberSlots = 0;
  let labelSlots = 0;
  const cells = columns.map((column) => ({
    column,
    at: at.get(column.name) ?? -1,
    slot: column.type === 'count' || column.type === 'number' ? numberSlots++ : labelSlots++,
  }));
  return { problems, layout: { place: at.get('place_code') ?? -1, period: at.get('period') ?? -1, cells, width: record.length }, numberSlots, labelSlots };
}

/** The periods a submission may hold (first period to the current one), each with its index. */
function periodIndex(spec: SubmissionSpec) {
  const index = new Map<string, number>();
  const first = parseDatasetPeriod(spec.periodType, spec.firstPeriod);
  const current = periodContaining(spec.periodType, spec.today);
  if (first) for (let p = first; p.start <= current.start; p = nextPeriod(p)) index.set(p.label, index.size);
  return {
    index,
    read(text: string): { label: string; index: number } | string {
      const period = parseDatasetPeriod(spec.periodType, text);
      if (!period) return `${text} is not ${periodWords[spec.periodType]}`;
      const at = index.get(period.label);
      if (at !== undefined) return { label: period.label, index: at };
      if (period.start > current.start) return `${period.label} has not ended or started yet: the latest period that can be submitted is ${current.label}`;
      return `${period.label} is before the dataset’s first period, ${spec.firstPeriod}`;
    },
  };
}

/** Every problem as a CSV report (formula-looking cells neutralised). */
export function problemsCsv(check: Pick<SubmissionCheck, 'problems' | 'problemCount'>): string {
  const rows: (string | number | null)[][] = check.problems.map((p) => [p.row, p.column, p.value, p.message]);
  if (check.problemCount > check.problems.length) rows.push([null, null, null, `${check.problemCount - check.problems.length} more problems were found and not listed`]);
  return toCsv(['row', 'column', 'value', 'problem'], rows);
}

/** A problem in words: "Row 3, column count_total: -1 is not a count…". */
export function describeProblem(p: SubmissionProblem): string {
  const where = [p.row !== null ? `Row ${p.row}` : null, p.column ? `column ${p.column}` : null].filter(Boolean).join(', ');
  return where ? `${where}: ${p.message}` : p.message;
}

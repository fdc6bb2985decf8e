// A fast RFC 4180 record reader for bulk imports (see docs/adr/0002-bulk-csv-reader.md): quoted
// cells with commas, doubled quotes and line breaks; LF, CRLF or CR line ends; a UTF-8 BOM; empty
// lines skipped. csv-parse stays the reader for everything else; a property test checks the two agree.

export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * A record, the line it starts on, and where it sits in the text: `text.slice(start, end)` is the
 * record as written, without its line end. When `quoted` is false no cell was quoted, so that slice
 * is exactly the cells joined by commas (an importer may pass it on unchanged).
 */
export interface CsvRecord {
  record: string[];
  line: number;
  start: number;
  end: number;
  quoted: boolean;
}

/**
 * Records of `text` with the line each starts on. Throws CsvSyntaxError (with its line) on bad quoting.
 * `from` and `firstLine` start the reading at the beginning of a record further into the text.
 */
export function* csvRecords(text: string, from = 0, firstLine = 1): Generator<CsvRecord> {
  const n = text.length;
  let i = from === 0 && text.charCodeAt(0) === 0xfeff ? 1 : from;
  let line = firstLine;
  // Most records have no quote and end in LF or CRLF: those are split at their commas in one go.
  let nextQuote = -1;
  let nextCr = -1;
  while (i < n) {
    if (nextQuote < i) nextQuote = text.indexOf('"', i) >>> 0; // -1 (none) becomes the largest index
    if (nextCr < i) nextCr = text.indexOf('\r', i) >>> 0;
    let lf = text.indexOf('\n', i);
    if (lf < 0) lf = n;
    const lineEnd = lf > i && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
    if (nextQuote >= lf && nextCr >= lineEnd) {
      if (lineEnd > i) yield { record: text.slice(i, lineEnd).split(','), line, start: i, end: lineEnd, quoted: false };
      i = lf + 1;
      line++;
      continue;
    }
    const startLine = line;
    const start = i;
    let end = n;
    let quoted = false;
    const record: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        quoted = true;
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) throw new CsvSyntaxError(startLine, 'a quoted cell is not closed');
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) line++;
        for (let k = value.indexOf('\r'); k >= 0; k = value.indexOf('\r', k + 1)) if (value.charCodeAt(k + 1) !== LF) line++;
        const after = text.charCodeAt(i);
        if (i < n && after !== COMMA && after !== LF && after !== CR) throw new CsvSyntaxError(line, `a character follows the closing quote of cell ${record.length + 1}`);
        record.push(value);
      } else {
        let j = i;
        for (; j < n; j++) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) throw new CsvSyntaxError(line, `a quote inside cell ${record.length + 1}, which is not quoted`);
        }
        record.push(text.slice(i, j));
        i = j;
      }
      if (text.charCodeAt(i) === COMMA) {
        i++;
        if (i >= n) record.push('');
        else continue;
      }
      end = i;
      if (text.charCodeAt(i) === CR) i++;
      if (text.charCodeAt(i) === LF) i++;
      line++;
      break;
    }
    if (record.length === 1 && record[0] === '') continue;
    yield { record, line: startLine, start, end, quoted };
  }
}

/**
 * Finds the commas of a line, text[from, to), that has no quote: true when it holds exactly
 * `into.length` of them, whose positions are then in `into`. For readers that check plain lines in
 * place before falling back to csvRecords.
 */
export function commasOfLine(text: string, from: number, to: number, into: Int32Array): boolean {
  let found = 0;
  for (let i = text.indexOf(',', from); i >= 0 && i < to; i = text.indexOf(',', i + 1)) {
    if (found === into.length) return false;
    into[found++] = i;
  }
  return found === into.length;
}

/** Whether the text has a carriage return that does not end a line with LF: csvRecords reads it as a line end of its own. */
export function hasLoneCarriageReturn(text: string): boolean {
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== LF) return true;
  return false;
}

/**
 * The records of a text a line at a time, for readers that check plain lines in place: a line with
 * no quote comes as its bounds, text[from, to) without the line end; a record with a quote (which
 * may run over several lines) comes whole from csvRecords, as `quoted`. Empty lines are skipped and
 * a byte order mark at the start is passed over. For text without lone carriage returns (see
 * hasLoneCarriageReturn): csvRecords reads those as line ends, this does not. next() throws
 * CsvSyntaxError, with its line, on bad quoting.
 */
export class CsvLines {
  readonly text: string;
  /** The current line (or the first line of the quoted record). */
  line = 0;
  from = 0;
  to = 0;
  /** The current record when it has a quote; null for a plain line. */
  quoted: CsvRecord | null = null;
  private at: number;
  private nextLine: number;
  private nextQuote = -1;

  constructor(text: string, firstLine = 1) {
    this.text = text;
    this.at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.nextLine = firstLine;
  }

  /** Moves to the next record; false at the end of the text. */
  next(): boolean {
    const text = this.text;
    while (this.at < text.length) {
      if (this.nextQuote < this.at) this.nextQuote = text.indexOf('"', this.at) >>> 0; // none: the largest index
      const from = this.at;
      let lf = text.indexOf('\n', from);
      if (lf < 0) lf = text.length;
      const to = lf > from && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
      if (this.nextQuote < to) {
        const record = csvRecords(text, from, this.nextLine).next().value;
        if (!record) {
          this.at = text.length; // only an empty quoted cell was left, which csvRecords skips
          return false;
        }
        let after = record.end;
        if (text.charCodeAt(after) === CR) after++;
        if (text.charCodeAt(after) === LF) after++;
        this.at = after;
        this.line = record.line;
        this.nextLine = record.line + 1;
        for (let k = text.indexOf('\n', record.start); k >= 0 && k < record.end; k = text.indexOf('\n', k + 1)) this.nextLine++;
        this.from = record.start;
        this.to = record.end;
        this.quoted = record;
        return true;
      }
      this.at = lf + 1;
      this.line = this.nextLine++;
      if (to === from) continue;
      this.from = from;
      this.to = to;
      this.quoted = null;
      return true;
    }
    return false;
  }

  /** The cells of the current line or record. */
  cells(): string[] {
    return this.quoted ? this.quoted.record : this.text.slice(this.from, this.to).split(',');
  }
}

export const isDigit = (c: number) => c >= 48 && c <= 57;

/** text[from, to) is a plain decimal: an optional minus sign, digits, and optionally a point and digits. */
export function plainDecimalAt(text: string, from: number, to: number): boolean {
  return !Number.isNaN(plainDecimalValueAt(text, from, to));
}

// 10^0 … 10^15, every one of them exactly a double.
const exactPowersOfTen = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The value of text[from, to) if it is a plain decimal (see plainDecimalAt), as Number() reads it;
 * NaN if it is not. Read where it lies, without making a string: up to 15 digits are a whole number
 * and a power of ten that are both exact as doubles, so one division rounds as reading the decimal
 * does; longer ones are left to Number().
 */
export function plainDecimalValueAt(text: string, from: number, to: number): number {
  const negative = text.charCodeAt(from) === 45;
  let i = negative ? from + 1 : from;
  const digitsFrom = i;
  let whole = 0;
  let c = 0;
  while (i < to && isDigit((c = text.charCodeAt(i)))) {
    whole = whole * 10 + (c - 48);
    i++;
  }
  if (i === digitsFrom) return NaN;
  let digits = i - digitsFrom;
  let scale = 0;
  if (i < to) {
    if (c !== 46) return NaN;
    const fraction = ++i;
    while (i < to && isDigit((c = text.charCodeAt(i)))) {
      whole = whole * 10 + (c - 48);
      i++;
    }
    if (i !== to || i === fraction) return NaN;
    scale = i - fraction;
    digits += scale;
  }
  if (digits > 15) return Number(text.slice(from, to));
  const value = whole / (exactPowersOfTen[scale] as number);
  return negative ? -value : value;
}

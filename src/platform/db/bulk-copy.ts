// Bulk loading by COPY inside a drizzle transaction, on either engine: PGlite reads the data as a
// blob at /dev/blob, node-postgres streams it through pg-copy-streams on the transaction's own
// connection, so the server stores rows while the caller is still producing the next ones.
// Callers build the data with csvRecord() or CopyPiece (CSV or PostgreSQL's binary COPY format) and
// never see a driver.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { from as copyFrom } from 'pg-copy-streams';
import { queryRows, type Tx } from './database.ts';

type CopyValue = string | number | boolean | null | undefined;

/** One CSV record for COPY … WITH (FORMAT csv): null and undefined are NULL, '' is an empty string. */
export function csvRecord(values: readonly CopyValue[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`COPY: ${v} is not a finite number`);
      out += String(v);
    } else if (typeof v === 'boolean') out += v ? 't' : 'f';
    else out += `"${v.includes('"') ? v.replaceAll('"', '""') : v}"`; // always quoted, so '' is an empty string, not NULL
  }
  return `${out}\n`;
}

const identifier = /^[a-z_][a-z0-9_]*$/;

/**
 * The COPY formats callers write. `csv`: csvRecord lines, or CopyPiece's text methods. `binary`:
 * PostgreSQL's binary tuples from CopyPiece's tuple and field methods, which the server stores
 * without parsing text (a third less of its time for the police.uk street rows, measured on
 * PostgreSQL 15: 0.25 s against 0.39 s as CSV); copyInto adds the format's header and trailer.
 */
export type CopyFormat = 'csv' | 'binary';

// PostgreSQL's binary COPY: an 11-byte signature, no flags, no header extension; -1 fields ends it.
const binaryHeader = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
const binaryTrailer = Buffer.from([0xff, 0xff]);

/**
 * COPY data into table(columns) inside the open transaction `tx`. `records` yields whole records of
 * `format` (one or many per piece), as strings or as UTF-8 bytes (see CopyPiece); it is consumed as
 * the server takes it, so a generator can parse its input while earlier rows are being stored.
 * Returns the rows the server says it stored. If `records` throws, the COPY is abandoned and the error
 * comes back unchanged.
 */
export async function copyInto(tx: Tx, table: string, columns: readonly string[], records: Iterable<string | Uint8Array<ArrayBuffer>>, format: CopyFormat = 'csv'): Promise<number> {
  for (const name of [table, ...columns]) if (!identifier.test(name)) throw new Error(`COPY: "${name}" is not a plain identifier`);
  const statement = `COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT ${format})`;
  const header = format === 'binary' ? [binaryHeader] : [];
  const trailer = format === 'binary' ? [binaryTrailer] : [];
  // drizzle keeps the transaction's connection on its session: PGlite's transaction object, or a pg PoolClient.
  const client = (tx as unknown as { session: { client: unknown } }).session.client as {
    query: (...args: unknown[]) => unknown;
    exec?: unknown;
  };
  if (typeof client.exec === 'function') {
    const parts = [...records];
    if (!parts.length) return 0;
    const blob = new Blob([...header, ...parts, ...trailer]);
    const result = (await client.query(statement.replace('FROM STDIN', "FROM '/dev/blob'"), [], { blob })) as { affectedRows?: number };
    return result.affectedRows ?? 0;
  }
  const iterator = records[Symbol.iterator]();
  const first = iterator.next();
  if (first.done) return 0;
  const stream = client.query(copyFrom(statement)) as NodeJS.WritableStream & { rowCount: number };
  let failure: unknown = null;
  const source = Readable.from(
    (function* () {
      yield* header;
      yield first.value;
      try {
        for (let next = iterator.next(); !next.done; next = iterator.next()) yield next.value;
      } catch (error) {
        failure = error; // the caller's error, not the "COPY abandoned" the server answers with
        throw error;
      }
      yield* trailer;
    })(),
  );
  try {
    await pipeline(source, stream);
  } catch (error) {
    throw failure ?? error;
  }
  return stream.rowCount;
}

/**
 * COPY data built as bytes, with no string made per record (building each record as a string, then
 * the piece, then its bytes, copied every row three times). The text methods (text, textRange, int,
 * byte) write CSV; the tuple and field methods write the binary format, field by field.
 */
export class CopyPiece {
  private bytes: Buffer<ArrayBuffer> = Buffer.allocUnsafe(1 << 18);
  private view = viewOf(this.bytes);
  private used = 0;
  private lastSource: Buffer | null = null;
  private sourceView: DataView = new DataView(new ArrayBuffer(0));
  private lastDate = '';
  private lastDays = 0;

  get length(): number {
    return this.used;
  }

  /** Appends text; for the short cells an importer adds to a row. */
  text(value: string): void {
    this.textRange(value, 0, value.length);
  }

  /**
   * Appends value[from, to). ASCII is copied a character at a time here: for the few dozen
   * characters of a row, crossing into Buffer's native write cost more than the copying (a quarter
   * of a million rows' prefixes took 80 ms that way).
   */
  textRange(value: string, from: number, to: number): void {
    this.room((to - from) * 3);
    const bytes = this.bytes;
    const start = this.used;
    let at = start;
    for (let i = from; i < to; i++) {
      const c = value.charCodeAt(i);
      if (c >= 128) {
        this.used = start + bytes.write(value.slice(from, to), start, 'utf8');
        return;
      }
      bytes[at++] = c;
    }
    this.used = at;
  }

  /** Appends a whole number, 0 or more, in decimal. */
  int(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`COPY: ${value} is not a whole number, 0 or more`);
    this.room(16);
    const bytes = this.bytes;
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    let at = this.used + digits;
    this.used = at;
    let rest = value;
    do {
      bytes[--at] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
  }

  /** Appends one byte (an ASCII character). */
  byte(value: number): void {
    this.room(1);
    this.bytes[this.used++] = value;
  }

  // ---- the binary format: a tuple's field count, then each field as its length (-1: NULL) and bytes

  /** Starts a binary tuple of `fields` fields, which must follow. */
  tuple(fields: number): void {
    this.room(2);
    this.view.setInt16(this.used, fields);
    this.used += 2;
  }

  nullField(): void {
    this.room(4);
    this.view.setInt32(this.used, -1);
    this.used += 4;
  }

  /** An integer column. */
  int4Field(value: number): void {
    if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) throw new Error(`COPY: ${value} is not a 32-bit integer`);
    const at = this.field(4); // first: it may replace the buffer and its view
    this.view.setInt32(at, value);
  }

  /** A double precision column; null is NULL. */
  float8Field(value: number | null): void {
    if (value === null) return this.nullField();
    if (!Number.isFinite(value)) throw new Error(`COPY: ${value} is not a finite number`);
    const at = this.field(8);
    this.view.setFloat64(at, value);
  }

  /** A boolean column; null is NULL. */
  boolField(value: boolean | null): void {
    if (value === null) return this.nullField();
    const at = this.field(1);
    this.bytes[at] = value ? 1 : 0;
  }

  /** A date column from "YYYY-MM-DD" (rows repeat their dates, so the last one is kept worked out). */
  dateField(isoDate: string): void {
    if (isoDate !== this.lastDate) {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
      const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
      if (!match || new Date(time).toISOString().slice(0, 10) !== isoDate) throw new Error(`COPY: "${isoDate}" is not a date`);
      this.lastDays = (time - postgresEpoch) / 86_400_000;
      this.lastDate = isoDate;
    }
    this.int4Field(this.lastDays);
  }

  /** A timestamp with time zone column from milliseconds since 1970 (as Date.parse gives them). */
  timestamptzField(time: number): void {
    if (!Number.isFinite(time)) throw new Error(`COPY: ${time} is not a time`);
    // Microseconds since 2000-01-01 UTC as a 64-bit integer, written as its two halves.
    const micros = Math.round((time - postgresEpoch) * 1000);
    const high = Math.floor(micros / 0x1_0000_0000);
    const at = this.field(8);
    this.view.setInt32(at, high);
    this.view.setUint32(at + 4, micros - high * 0x1_0000_0000);
  }

  /** A text column; null is NULL. */
  textField(value: string | null): void {
    if (value === null) return this.nullField();
    this.textRangeField(value, 0, value.length);
  }

  /** A text column holding value[from, to). */
  textRangeField(value: string, from: number, to: number): void {
    this.room(4 + (to - from) * 3);
    const start = this.used;
    this.used += 4;
    this.textRange(value, from, to);
    this.view.setInt32(start, this.used - start - 4);
  }

  /**
   * A text column holding source[from, to): UTF-8 bytes of whole characters. Copied here four bytes
   * at a time: for cells of a few dozen bytes, a native copy per cell cost twice as much.
   */
  bytesField(source: Buffer, from: number, to: number): void {
    if (source !== this.lastSource) {
      this.lastSource = source;
      this.sourceView = new DataView(source.buffer, source.byteOffset, source.length);
    }
    let at = this.field(to - from);
    const view = this.view;
    const sourceView = this.sourceView;
    let i = from;
    for (; i + 4 <= to; i += 4, at += 4) view.setUint32(at, sourceView.getUint32(i));
    const bytes = this.bytes;
    for (; i < to; i++) bytes[at++] = source[i] as number;
  }

  /** The bytes so far, which the piece gives up; it starts again empty. */
  take(): Buffer<ArrayBuffer> {
    const taken = this.bytes.subarray(0, this.used);
    this.bytes = Buffer.allocUnsafe(Math.max(1 << 18, this.bytes.length));
    this.view = viewOf(this.bytes);
    this.used = 0;
    return taken;
  }

  /** Writes a field's length, leaves room for its bytes after it and returns where they go. */
  private field(length: number): number {
    this.room(4 + length);
    const at = this.used;
    this.view.setInt32(at, length);
    this.used = at + 4 + length;
    return at + 4;
  }

  private room(needed: number): void {
    if (this.used + needed <= this.bytes.length) return;
    const wider = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + needed));
    this.bytes.copy(wider, 0, 0, this.used);
    this.bytes = wider;
    this.view = viewOf(wider);
  }
}

const viewOf = (bytes: Buffer<ArrayBuffer>) => new DataView(bytes.buffer, bytes.byteOffset, bytes.length);

/** 2000-01-01 UTC, where PostgreSQL counts its dates and timestamps from, in milliseconds since 1970. */
const postgresEpoch = Date.UTC(2000, 0, 1);

/** Joins records into pieces of about `size` records, for fewer, larger writes. */
export function* inPieces(records: Iterable<string>, size = 2000): Generator<string> {
  let piece: string[] = [];
  for (const record of records) {
    piece.push(record);
    if (piece.length >= size) {
      yield piece.join('');
      piece = [];
    }
  }
  if (piece.length) yield piece.join('');
}

/**
 * Empties `table` and fills it again with `fill`, inside the open transaction: its keys and indexes
 * are dropped first and built again after, from their own definitions as the catalogue holds them.
 * Building a b-tree over the loaded rows cost a third of inserting into it row by row (measured on
 * PostgreSQL 15: 70k crime counts, 0.19 s COPY into the indexed table, 0.04 s COPY + 0.085 s to
 * build), and after a DELETE the unique key also checked every dead row it met (0.46 s).
 * TRUNCATE leaves no dead rows behind. It holds the table locked until commit, and a reader with a
 * snapshot from before the commit sees it empty. The app's reads take a fresh snapshot per statement, so
 * they wait for the commit and then see the new rows.
 */
export async function replaceTableContents(tx: Tx, table: string, fill: () => Promise<unknown>): Promise<void> {
  if (!identifier.test(table)) throw new Error(`"${table}" is not a plain identifier`);
  const keys = await queryRows<{ name: string; definition: string }>(
    tx,
    sql`select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = ${table}::regclass and contype in ('p', 'u') order by conname`,
  );
  const indexes = await queryRows<{ name: string; definition: string }>(
    tx,
    sql`select i.relname as name, pg_get_indexdef(i.oid) as definition from pg_index x join pg_class i on i.oid = x.indexrelid
        where x.indrelid = ${table}::regclass and not exists (select 1 from pg_constraint c where c.conindid = i.oid and c.conrelid = x.indrelid) order by i.relname`,
  );
  await tx.execute(sql.raw(`truncate ${table}`));
  for (const index of indexes) await tx.execute(sql.raw(`drop index ${quoteIdentifier(index.name)}`));
  for (const key of keys) await tx.execute(sql.raw(`alter table ${table} drop constraint ${quoteIdentifier(key.name)}`));
  await fill();
  for (const key of keys) await tx.execute(sql.raw(`alter table ${table} add constraint ${quoteIdentifier(key.name)} ${key.definition}`));
  for (const index of indexes) await tx.execute(sql.raw(index.definition));
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

// Bulk loading by COPY inside a drizzle transaction, on either engine: PGlite reads the data as a
// blob at /dev/blob, node-postgres streams it through pg-copy-streams on the transaction's own
// connection, so the server stores rows while the caller is still producing the next ones.
// Callers build the data with csvRecord() and never see a driver.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Tx } from './database.ts';

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
 * COPY data into table(columns) inside the open transaction `tx`. `data` yields text made of whole
 * csvRecord lines (one record or many per piece); it is consumed as the server takes it, so a
 * generator can parse its input while earlier rows are being stored. Returns the rows the server
 * says it stored. If `data` throws, the COPY is abandoned and the error comes back unchanged.
 */
export async function copyInto(tx: Tx, table: string, columns: readonly string[], data: Iterable<string>): Promise<number> {
  for (const name of [table, ...columns]) if (!identifier.test(name)) throw new Error(`COPY: "${name}" is not a plain identifier`);
  const statement = `COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`;
  // drizzle keeps the transaction's connection on its session: PGlite's transaction object, or a pg PoolClient.
  const client = (tx as unknown as { session: { client: unknown } }).session.client as {
    query: (...args: unknown[]) => unknown;
    exec?: unknown;
  };
  if (typeof client.exec === 'function') {
    const parts = [...data];
    if (!parts.length) return 0;
    const result = (await client.query(statement.replace('FROM STDIN', "FROM '/dev/blob'"), [], { blob: new Blob(parts) })) as { affectedRows?: number };
    return result.affectedRows ?? 0;
  }
  const iterator = data[Symbol.iterator]();
  const first = iterator.next();
  if (first.done) return 0;
  const stream = client.query(copyFrom(statement)) as NodeJS.WritableStream & { rowCount: number };
  let failure: unknown = null;
  const source = Readable.from(
    (function* () {
      yield first.value;
      try {
        for (let next = iterator.next(); !next.done; next = iterator.next()) yield next.value;
      } catch (error) {
        failure = error; // the caller's error, not the "COPY abandoned" the server answers with
        throw error;
      }
    })(),
  );
  try {
    await pipeline(source, stream);
  } catch (error) {
    throw failure ?? error;
  }
  return stream.rowCount;
}

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

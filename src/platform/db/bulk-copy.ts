// Bulk loading by COPY inside a drizzle transaction, on either engine: PGlite reads the data as a
// blob at /dev/blob, node-postgres streams it through pg-copy-streams on the transaction's own
// connection. Callers build the data with csvRecord() and never see a driver.
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
    else out += `"${v.replaceAll('"', '""')}"`; // always quoted, so '' is an empty string, not NULL
  }
  return `${out}\n`;
}

const identifier = /^[a-z_][a-z0-9_]*$/;

/**
 * COPY the records (each a csvRecord line) into table(columns), inside the open transaction `tx`.
 * Returns the number of records sent.
 */
export async function copyInto(tx: Tx, table: string, columns: readonly string[], records: readonly string[]): Promise<number> {
  if (!records.length) return 0;
  for (const name of [table, ...columns]) if (!identifier.test(name)) throw new Error(`COPY: "${name}" is not a plain identifier`);
  const statement = `COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`;
  // drizzle keeps the transaction's connection on its session: PGlite's transaction object, or a pg PoolClient.
  const client = (tx as unknown as { session: { client: unknown } }).session.client as {
    query: (...args: unknown[]) => unknown;
    exec?: unknown;
  };
  if (typeof client.exec === 'function') {
    await client.query(statement.replace('FROM STDIN', "FROM '/dev/blob'"), [], { blob: new Blob(records as string[]) });
    return records.length;
  }
  const stream = client.query(copyFrom(statement)) as NodeJS.WritableStream;
  await pipeline(Readable.from(chunks(records)), stream as unknown as NodeJS.WritableStream);
  return records.length;
}

function* chunks(records: readonly string[]): Generator<string> {
  // Joined in slices: one write per record is slow, one string of the whole file is needlessly big.
  for (let i = 0; i < records.length; i += 2000) yield records.slice(i, i + 2000).join('');
}

// Throwaway databases on the DATABASE_URL server, for benchmarks that need a fresh one per repetition.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/platform/db/database.ts';

/** The server URL with another database name. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const admin = await openDatabase({ kind: 'server', url: adminUrl });
  try {
    await admin.db.execute(sql.raw(statement));
  } finally {
    await admin.close();
  }
}

/** Runs `work` with a new, empty database on the server; drops it after, whatever happens. */
export async function withServerDatabase<T>(adminUrl: string, work: (name: string) => Promise<T>): Promise<T> {
  const name = `safer_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  try {
    return await work(name);
  } finally {
    await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
  }
}

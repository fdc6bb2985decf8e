// The only module (with its siblings) that imports database drivers. Everything else sees `Db`:
// drizzle's PostgreSQL query builder, identical on PGlite and node-postgres.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDirectory, type DirectoryLock } from './lock.ts';

export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export interface Database {
  db: Db;
  kind: 'embedded' | 'server';
  describe: string;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseTarget = { kind: 'server'; url: string } | { kind: 'embedded'; dataDir: string | null };

/** Opens the database. An embedded data directory is locked for this process until close(). */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'server') return openServer(target.url);
  let lock: DirectoryLock | null = null;
  if (target.dataDir) lock = lockDataDirectory(target.dataDir);
  try {
    const client = target.dataDir ? new PGlite(path.join(target.dataDir, 'pgdata')) : new PGlite();
    await client.waitReady;
    return wrapPglite(client, target.dataDir ? `embedded PostgreSQL in ${target.dataDir}` : 'embedded PostgreSQL in memory', lock);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

export function wrapPglite(client: PGlite, describe: string, lock: DirectoryLock | null = null): Database {
  const db = drizzlePglite(client) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: 'embedded',
    describe,
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openServer(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  let closed = false;
  // An idle client whose connection the server ends (a restart, an admin's terminate) must not crash
  // the process: the pool drops it and opens a new one on the next query.
  pool.on('error', (error) => {
    if (!closed) process.emitWarning(`PostgreSQL connection lost: ${error.message}`);
  });
  // Fail at start, with the reason, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const db = drizzleNodePostgres(pool) as unknown as Db;
  return {
    db,
    kind: 'server',
    describe: `PostgreSQL server at ${redactUrl(url)}`,
    migrate: () => migrateNodePostgres(drizzleNodePostgres(pool), { migrationsFolder }),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Rows of a raw SQL query, the same shape on both drivers. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

/** True when every migration in the folder has been applied. */
export async function migrationsAreCurrent(db: Db): Promise<boolean> {
  const { readMigrationFiles } = await import('drizzle-orm/migrator');
  const expected = readMigrationFiles({ migrationsFolder });
  try {
    const rows = await queryRows<{ hash: string }>(db, sql`select hash from drizzle.__drizzle_migrations`);
    const applied = new Set(rows.map((r) => r.hash));
    return expected.every((m) => applied.has(m.hash));
  } catch {
    return false;
  }
}

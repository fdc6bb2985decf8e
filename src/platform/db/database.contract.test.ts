// The same assertions on whichever engine this run uses: PGlite by default, PostgreSQL 15 when
// DATABASE_URL is set (CI runs both). The application relies on each of these behaving alike.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { auditEvents } from '../audit/audit.tables.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { places } from '../../domains/places/places.tables.ts';
import { measures, observationBatches, observations } from '../../domains/measures/measures.tables.ts';
import { missions, plans } from '../../domains/plan/plan.tables.ts';
import { migrationsAreCurrent, queryRows, type Database } from './database.ts';
import { createTestDatabase, testDatabaseKind } from './testing.ts';

let database: Database;

before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database?.close();
});

test(`migrations are applied and recognised as current (${testDatabaseKind()})`, async () => {
  assert.equal(await migrationsAreCurrent(database.db), true);
  const tables = await queryRows<{ name: string }>(database.db, sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`);
  assert.ok(tables.some((t) => t.name === 'observations'));
});

test('counts, numbers, dates and timestamps come back with the same JavaScript types', async () => {
  await database.db.insert(places).values({ code: 'E23000026', name: 'Bedfordshire', type: 'force_area', parentCode: null });
  const [plan] = await database.db.insert(plans).values({ slug: 'p', title: 'P', periodStart: '2024-10-01', periodEnd: '2028-05-31' }).returning();
  assert.ok(plan);
  assert.equal(typeof plan.id, 'number');
  assert.equal(plan.periodStart, '2024-10-01');
  assert.ok(plan.createdAt instanceof Date);
  const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(plans);
  assert.equal(row?.n, 1);
});

test('a failed transaction leaves nothing behind', async () => {
  const [plan] = await database.db.select().from(plans);
  assert.ok(plan);
  await assert.rejects(
    database.db.transaction(async (tx) => {
      await tx.insert(missions).values({ planId: plan.id, slug: 'm', title: 'M' });
      await tx.insert(missions).values({ planId: plan.id, slug: 'm', title: 'duplicate slug' });
    }),
  );
  assert.equal((await database.db.select().from(missions)).length, 0);
});

test('only one current observation per measure, period and place; superseded rows may repeat', async () => {
  const [plan] = await database.db.select().from(plans);
  const [mission] = await database.db.insert(missions).values({ planId: plan?.id ?? 0, slug: 'm', title: 'M' }).returning();
  const [measure] = await database.db.insert(measures).values({ planId: plan?.id ?? 0, missionId: mission?.id ?? 0, slug: 'x', title: 'X' }).returning();
  const [batch] = await database.db.insert(observationBatches).values({ measureId: measure?.id ?? 0, source: 'seed', rowCount: 1, createdByLabel: 'test' }).returning();
  const row = { measureId: measure?.id ?? 0, batchId: batch?.id ?? 0, period: '2024-01', periodStart: '2024-01-01', periodEnd: '2024-01-31', placeCode: 'E23000026', value: 1 };
  await database.db.insert(observations).values(row);
  await assert.rejects(database.db.insert(observations).values({ ...row, value: 2 }));
  await database.db.update(observations).set({ supersededAt: new Date() }).where(eq(observations.measureId, row.measureId));
  await database.db.insert(observations).values({ ...row, value: 2 });
  const current = await database.db.select().from(observations).where(and(eq(observations.measureId, row.measureId), isNull(observations.supersededAt)));
  assert.deepEqual(current.map((o) => o.value), [2]);
  const inserted = await database.db.insert(places).values({ code: 'E23000026', name: 'again', type: 'force_area' }).onConflictDoNothing().returning();
  assert.equal(inserted.length, 0);
});

// drizzle wraps the driver's error: the database's own message is its cause.
const appendOnly = (error: unknown) => /append-only/.test(String((error as { cause?: Error }).cause?.message ?? (error as Error).message));

test('the audit log refuses updates, deletes and truncation', async () => {
  await recordAudit(database.db, { userId: null, label: 'test' }, { action: 'create', entityType: 'thing', entityId: 1, summary: 'made a thing', changes: { a: { from: null, to: 1 } } });
  await assert.rejects(database.db.update(auditEvents).set({ summary: 'rewritten' }), appendOnly);
  await assert.rejects(database.db.delete(auditEvents), appendOnly);
  await assert.rejects(database.db.execute(sql`truncate audit_events`), appendOnly);
  const [event] = await database.db.select().from(auditEvents);
  assert.equal(event?.summary, 'made a thing');
  assert.deepEqual(event?.changes, { a: { from: null, to: 1 } });
});

test('COPY inside a transaction: quoting, NULL vs empty text, and rolled back with the transaction', async () => {
  const { copyInto, csvRecord, inPieces } = await import('./bulk-copy.ts');
  await database.db.execute(sql`create table copy_probe (a text, b double precision, c boolean)`);
  const records = [csvRecord(['plain', 1.5, true]), csvRecord(['with "quotes", commas\nand a newline', null, false]), csvRecord(['', -2, null]), csvRecord([null, 0, true])];
  const sent = await database.db.transaction(async (tx) => copyInto(tx, 'copy_probe', ['a', 'b', 'c'], inPieces(records, 3)));
  assert.equal(sent, 4, 'the rows the server stored');
  const rows = await queryRows<{ a: string | null; b: number | null; c: boolean | null }>(database.db, sql`select a, b, c from copy_probe order by b nulls first`);
  assert.deepEqual(
    rows.map((r) => [r.a, r.b === null ? null : Number(r.b), r.c]),
    [['with "quotes", commas\nand a newline', null, false], ['', -2, null], [null, 0, true], ['plain', 1.5, true]],
  );
  await assert.rejects(
    database.db.transaction(async (tx) => {
      await copyInto(tx, 'copy_probe', ['a', 'b', 'c'], [csvRecord(['lost', 9, true])]);
      throw new Error('abandon');
    }),
    /abandon/,
  );
  // A producer that fails half-way: its own error comes back, the connection is usable, nothing is kept.
  const failing = function* () {
    yield csvRecord(['half', 1, true]);
    throw new Error('the producer failed');
  };
  await assert.rejects(database.db.transaction(async (tx) => copyInto(tx, 'copy_probe', ['a', 'b', 'c'], failing())), /the producer failed/);
  const [count] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from copy_probe`);
  assert.equal(count?.n, 4);
});

test('binary COPY: every field kind the importers write, NULLs, many-byte text, nothing to copy, and a producer that fails', async () => {
  const { copyInto, CopyPiece } = await import('./bulk-copy.ts');
  await database.db.execute(sql`create table binary_probe (n int, x double precision, f boolean, d date, t timestamptz, s text)`);
  const columns = ['n', 'x', 'f', 'd', 't', 's'];
  const piece = new CopyPiece();
  const record = (n: number, x: number | null, f: boolean | null, d: string | null, t: number | null, s: string | null) => {
    piece.tuple(6);
    piece.int4Field(n);
    piece.float8Field(x);
    piece.boolField(f);
    if (d === null) piece.nullField();
    else piece.dateField(d);
    if (t === null) piece.nullField();
    else piece.timestamptzField(t);
    piece.textField(s);
  };
  record(1, -0.418123, true, '2024-03-01', Date.parse('2024-03-31T23:30:00Z'), 'On or near Park');
  record(-2_147_483_648, 1e300, false, '1999-12-31', Date.parse('1969-07-20T20:17:40.123Z'), 'Ynys Môn, “quoted”, 🚓');
  record(2_147_483_647, null, null, null, null, null);
  record(4, 0, true, '2000-01-01', Date.parse('2000-01-01T00:00:00Z'), '');
  const sent = await database.db.transaction(async (tx) => copyInto(tx, 'binary_probe', columns, [piece.take()], 'binary'));
  assert.equal(sent, 4);
  const rows = await queryRows<Record<string, unknown>>(
    database.db,
    sql`select n, x, f, to_char(d, 'YYYY-MM-DD') as d, to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') as t, s from binary_probe order by n`,
  );
  assert.deepEqual(
    rows.map((r) => ({ ...r, x: r.x === null ? null : Number(r.x) })),
    [
      { n: -2_147_483_648, x: 1e300, f: false, d: '1999-12-31', t: '1969-07-20T20:17:40.123', s: 'Ynys Môn, “quoted”, 🚓' },
      { n: 1, x: -0.418123, f: true, d: '2024-03-01', t: '2024-03-31T23:30:00.000', s: 'On or near Park' },
      { n: 4, x: 0, f: true, d: '2000-01-01', t: '2000-01-01T00:00:00.000', s: '' },
      { n: 2_147_483_647, x: null, f: null, d: null, t: null, s: null },
    ],
  );
  assert.equal(await database.db.transaction(async (tx) => copyInto(tx, 'binary_probe', columns, [], 'binary')), 0, 'nothing to copy');
  const failing = function* () {
    record(5, 1, true, '2024-01-01', 0, 'half');
    yield piece.take();
    throw new Error('the producer failed');
  };
  await assert.rejects(database.db.transaction(async (tx) => copyInto(tx, 'binary_probe', columns, failing(), 'binary')), /the producer failed/);
  const [count] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from binary_probe`);
  assert.equal(count?.n, 4);
  assert.throws(() => piece.int4Field(2 ** 31), /not a 32-bit integer/);
  assert.throws(() => piece.float8Field(Number.NaN), /not a finite number/);
  assert.throws(() => piece.dateField('2024-02-30'), /not a date/);
});

test('replacing a table\'s contents rebuilds its keys and indexes as they were, and a failure keeps the old rows', async () => {
  const { copyInto, csvRecord, replaceTableContents } = await import('./bulk-copy.ts');
  await database.db.execute(sql`create table replace_probe (k text not null, m date not null, n int not null, constraint replace_probe_pk primary key (k, m), constraint replace_probe_n_unique unique (n))`);
  await database.db.execute(sql`create index replace_probe_m_idx on replace_probe (m desc, k) where n > 0`);
  await database.db.execute(sql`insert into replace_probe values ('old', '2024-01-01', 1), ('old', '2024-02-01', 2)`);
  const shape = () =>
    queryRows<{ name: string; definition: string }>(
      database.db,
      sql`select i.relname as name, pg_get_indexdef(i.oid) as definition from pg_index x join pg_class i on i.oid = x.indexrelid where x.indrelid = 'replace_probe'::regclass
          union all select conname, pg_get_constraintdef(oid) from pg_constraint where conrelid = 'replace_probe'::regclass and contype in ('p', 'u') order by 1, 2`,
    );
  const before = await shape();
  assert.equal(before.length, 5, 'three indexes, two of them behind the two keys');
  const contents = () => queryRows<{ k: string; n: number }>(database.db, sql`select k, n from replace_probe order by n`);

  await database.db.transaction(async (tx) =>
    replaceTableContents(tx, 'replace_probe', () => copyInto(tx, 'replace_probe', ['k', 'm', 'n'], [csvRecord(['new', '2025-01-01', 7]), csvRecord(['new', '2025-02-01', 8])])),
  );
  assert.deepEqual((await contents()).map((r) => [r.k, r.n]), [['new', 7], ['new', 8]]);
  assert.deepEqual(await shape(), before, 'the same keys and indexes, by name and definition');
  await assert.rejects(database.db.execute(sql`insert into replace_probe values ('new', '2025-01-01', 9)`), 'the primary key is enforced again');

  // New rows that break a key: the key cannot be built again, and the transaction keeps the old rows.
  await assert.rejects(
    database.db.transaction(async (tx) =>
      replaceTableContents(tx, 'replace_probe', () => copyInto(tx, 'replace_probe', ['k', 'm', 'n'], [csvRecord(['dup', '2025-01-01', 1]), csvRecord(['dup', '2025-01-01', 2])])),
    ),
  );
  assert.deepEqual((await contents()).map((r) => [r.k, r.n]), [['new', 7], ['new', 8]]);
  assert.deepEqual(await shape(), before);
});

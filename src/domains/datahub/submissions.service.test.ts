// Submissions on the engine the tests run on (PGlite, or PostgreSQL with DATABASE_URL): stored whole
// or not at all; superseding keeps history with a diff; an identical file changes nothing; every kind
// of bad input is refused with a clear error and leaves the three submission tables as they were;
// late and missing worked by hand with a fixed today.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { and, asc, count, eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import type { Actor } from '../../platform/audit/audit.service.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { places } from '../places/places.tables.ts';
import { datasetColumns, datasets, datasetSubmitters, organisations, submissionPeriods, submissionRows, submissions } from './datahub.tables.ts';
import { SubmissionFileError } from './submission-input.ts';
import { csvRecord } from '../../platform/db/bulk-copy.ts';
import { createSubmissionsService, SubmissionRefused, type SubmissionsService, type SubmitResult } from './submissions.service.ts';
import { pgArray, submissionRowRecord } from './submission-rows.ts';

const today = '2025-06-15';
const actor: Actor = { userId: null, label: 'Data Steward <steward@example.org>' };
let database: Database;
let service: SubmissionsService;
let small: SubmissionsService;
const org: Record<string, number> = {};
let datasetId = 0;
const manyPlaces = Array.from({ length: 2500 }, (_, i) => `E011${String(i).padStart(5, '0')}`);

before(async () => {
  database = await createTestDatabase();
  const db = database.db;
  for (const [key, orgId, name] of [
    ['council', 'GB-LAE-LUT', 'Luton Borough Council'],
    ['police', 'GB-GOR-PL000101', 'Bedfordshire Police'],
    ['charity', 'GB-CHC-1234567', 'A Charity'],
  ] as const) {
    const [row] = await db.insert(organisations).values({ orgId, name, type: key === 'council' ? 'local_authority' : key === 'police' ? 'police' : 'voluntary_sector' }).returning();
    assert.ok(row);
    org[key] = row.id;
  }
  await db.insert(places).values([
    { code: 'E01000001', name: 'Luton 001A', type: 'lsoa' },
    { code: 'E01000002', name: 'Luton 001B', type: 'lsoa' },
    { code: 'E01000003', name: 'Luton 002A', type: 'lsoa' },
    { code: 'E01000004', name: 'Luton 002B', type: 'lsoa' },
    { code: 'E05000001', name: 'A ward', type: 'ward' },
  ]).onConflictDoNothing();
  // Enough places for a file longer than one COPY piece (2,000 records).
  await db.insert(places).values(manyPlaces.map((code) => ({ code, name: code, type: 'lsoa' as const }))).onConflictDoNothing();
  const [dataset] = await db
    .insert(datasets)
    .values({ slug: 'referrals', ownerOrganisationId: org.council ?? 0, name: 'Referrals', geographyLevel: 'lsoa', periodType: 'month', firstPeriod: '2025-01', dueDaysAfterPeriod: 10, sensitivity: 'all_partners', createdByLabel: 'test' })
    .returning();
  assert.ok(dataset);
  datasetId = dataset.id;
  await db.insert(datasetColumns).values([
    { datasetId, position: 1, name: 'referrals', label: 'Referrals', type: 'count', required: true },
    { datasetId, position: 2, name: 'rate', label: 'Rate', type: 'number', required: false },
    { datasetId, position: 3, name: 'risk', label: 'Risk', type: 'category', allowedValues: ['low', 'high'], required: true },
    { datasetId, position: 4, name: 'note', label: 'Note', type: 'text', required: false },
  ]);
  await db.insert(datasetSubmitters).values([
    { datasetId, organisationId: org.council ?? 0 },
    { datasetId, organisationId: org.police ?? 0 },
  ]);
  service = createSubmissionsService(db, { today: () => today, maxBytes: () => 5 * 1024 * 1024 });
  small = createSubmissionsService(db, { today: () => today, maxBytes: () => 200 });
});

after(async () => {
  await database?.close();
});

async function counts() {
  const db = database.db;
  const [s] = await db.select({ n: count() }).from(submissions);
  const [r] = await db.select({ n: count() }).from(submissionRows);
  const [p] = await db.select({ n: count() }).from(submissionPeriods);
  return { submissions: s?.n ?? -1, rows: r?.n ?? -1, periods: p?.n ?? -1 };
}

const header = 'place_code,period,referrals,rate,risk,note\n';
const submit = (content: string | Uint8Array, organisation = 'council', s = service) => s.submit(actor, { datasetId, organisationId: org[organisation] ?? 0, fileName: 'referrals.csv', content });

function stored(result: SubmitResult) {
  assert.equal(result.outcome, 'stored', result.outcome === 'invalid' ? JSON.stringify(result.check.problems.slice(0, 5)) : result.outcome);
  return result.submission;
}

let before_: Awaited<ReturnType<typeof counts>>;
beforeEach(async () => {
  before_ = await counts();
});
const unchanged = async () => assert.deepEqual(await counts(), before_, 'nothing stored');

test('numbers and labels reach the database as arrays, nulls and awkward text intact', async () => {
  const text = 'a "quoted", {braced} \\ back\\slash, NULL';
  assert.equal(pgArray([1, null, 2.5]), '{1,NULL,2.5}');
  assert.equal(pgArray(['NULL', null]), '{"NULL",NULL}');
  // The direct COPY record is exactly what csvRecord and pgArray make.
  const quote = (code: string) => csvRecord([code]).slice(0, -1);
  for (const r of [
    { line: 2, placeCode: 'E01015678', period: '2025-04', numbers: [1, null, 2.5, 0], labels: [] },
    { line: 3, placeCode: 'E0"1', period: '2025-Q1', numbers: [], labels: ['a "b", c', null, 'NULL', 'back\\slash'] },
  ]) assert.equal(submissionRowRecord(7, r, quote), csvRecord([7, r.line, r.placeCode, r.period, pgArray(r.numbers), pgArray(r.labels)]));
  const first = stored(await submit(`${header}E01000001,2025-01,3,1.5,low,"${text.replaceAll('"', '""')}"\nE01000002,2025-01,0,,high,NULL\nE01000003,2025-01,7,-2e3,low,\n`));
  assert.equal(first.rows, 3);
  assert.deepEqual(first.periods, ['2025-01']);
  assert.deepEqual(first.diff.periods, [{ period: '2025-01', previousSubmissionId: null, added: 3, removed: 0, changed: 0, unchanged: 0 }]);
  const rows = await database.db.select().from(submissionRows).where(eq(submissionRows.submissionId, first.id)).orderBy(asc(submissionRows.line));
  assert.deepEqual(
    rows.map((r) => [r.line, r.placeCode, r.period, r.numbers, r.labels]),
    [
      [2, 'E01000001', '2025-01', [3, 1.5], ['low', text]],
      [3, 'E01000002', '2025-01', [0, null], ['high', 'NULL']],
      [4, 'E01000003', '2025-01', [7, -2000], ['low', null]],
    ],
  );
  const [audit] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'submit'), eq(auditEvents.entityId, String(first.id))));
  assert.ok(audit);
  assert.equal(audit.organisationId, org.council);
  assert.match(audit.summary, /Submitted 3 rows of “Referrals” for Luton Borough Council \(referrals\.csv\): 2025-01: first data for the period, 3 rows/);
});

test('a new submission supersedes the periods it covers, keeps the old rows, and says what changed', async () => {
  const feb = `${header}E01000001,2025-02,1,,low,\nE01000002,2025-02,2,,low,\n`;
  const a = stored(await submit(`${header}E01000001,2025-03,5,,low,\nE01000002,2025-03,6,,high,\nE01000003,2025-03,7,,low,\n${feb.slice(header.length)}`, 'police'));
  assert.deepEqual(a.periods, ['2025-02', '2025-03']);
  // March again: E01000001 the same, E01000002 changed (risk), E01000003 gone, E01000004 new. February untouched.
  const b = stored(await submit(`${header}E01000004,2025-03,1,,low,\nE01000002,2025-03,6,,low,\nE01000001,2025-03,5,,low,\n`, 'police'));
  assert.deepEqual(b.diff.periods, [{ period: '2025-03', previousSubmissionId: a.id, added: 1, removed: 1, changed: 1, unchanged: 1 }]);
  const current = await database.db
    .select({ period: submissionPeriods.period, submissionId: submissionPeriods.submissionId, rows: submissionPeriods.rows })
    .from(submissionPeriods)
    .where(and(eq(submissionPeriods.organisationId, org.police ?? 0)))
    .orderBy(asc(submissionPeriods.id));
  assert.deepEqual(current, [
    { period: '2025-02', submissionId: a.id, rows: 2 },
    { period: '2025-03', submissionId: a.id, rows: 3 },
    { period: '2025-03', submissionId: b.id, rows: 3 },
  ]);
  const [old] = await database.db.select().from(submissionPeriods).where(and(eq(submissionPeriods.submissionId, a.id), eq(submissionPeriods.period, '2025-03')));
  assert.ok(old?.supersededAt);
  assert.equal(old.supersededBySubmissionId, b.id);
  const [kept] = await database.db.select({ n: count() }).from(submissionRows).where(eq(submissionRows.submissionId, a.id));
  assert.equal(kept?.n, 5, 'the superseded rows are kept');

  const history = await service.history(datasetId, org.police);
  assert.deepEqual(history.map((h) => [h.id, h.currentPeriods, h.superseded.map((s) => [s.period, s.bySubmissionId])]), [
    [b.id, ['2025-03'], []],
    [a.id, ['2025-02'], [['2025-03', b.id]]],
  ]);
  assert.deepEqual(history[0]?.diffWords, [`2025-03: 1 added, 1 removed, 1 changed, 1 unchanged (replacing submission #${a.id})`]);
  assert.equal((await service.history(datasetId)).length, 3, 'both organisations');
});

test('an identical re-submission changes nothing; the same file after a newer one is stored again', async () => {
  const file = `${header}E01000001,2025-04,9,,low,\n`;
  const first = stored(await submit(file));
  const again = await submit(file);
  assert.deepEqual(again, { outcome: 'identical', submissionId: first.id, message: `The file is identical to submission #${first.id}: nothing changed` });
  const after1 = await counts();
  assert.equal(after1.submissions, before_.submissions + 1);
  stored(await submit(`${header}E01000001,2025-04,10,,low,\n`));
  const back = stored(await submit(file));
  assert.deepEqual(back.diff.periods.map((p) => [p.added, p.removed, p.changed]), [[0, 0, 1]]);
});

test('an organisation that does not submit the dataset is refused, and a missing dataset is not found', async () => {
  await assert.rejects(submit(`${header}E01000001,2025-01,1,,low,\n`, 'charity'), (e: unknown) => e instanceof SubmissionRefused && e.status === 403 && /does not submit “Referrals”/.test(e.message));
  await assert.rejects(service.submit(actor, { datasetId: 999999, organisationId: org.council ?? 0, fileName: 'x.csv', content: header }), (e: unknown) => e instanceof SubmissionRefused && e.status === 404);
  await unchanged();
});

async function refusedWith(content: string | Uint8Array, pattern: RegExp, s = service) {
  const result = await submit(content, 'council', s);
  assert.equal(result.outcome, 'invalid');
  assert.ok(result.outcome === 'invalid');
  const messages = result.check.problems.map((p) => `row ${p.row}, ${p.column}: ${p.message}`);
  assert.ok(messages.some((m) => pattern.test(m)), messages.join('\n'));
  await unchanged();
  return result.check;
}

test('bad input: wrong columns', async () => {
  await refusedWith('place_code,period,referrals,risk,colour\nE01000001,2025-01,1,low,red\n', /row 1, null: The header is missing columns: rate, note/);
});

test('bad input: wrong types, stopping nothing early (every problem counted) and storing nothing', async () => {
  const check = await refusedWith(`${header}E01000001,2025-05,1,,low,\nE01000002,2025-05,x,abc,medium,\n`, /row 3, referrals: x is not a count/);
  assert.equal(check.problemCount, 3);
});

test('bad input: unknown place codes, and codes of another geography level', async () => {
  await refusedWith(`${header}E01999999,2025-05,1,,low,\n`, /row 2, place_code: E01999999 is not a known LSOA code/);
  await refusedWith(`${header}E05000001,2025-05,1,,low,\n`, /row 2, place_code: E05000001 is not a known LSOA code/);
});

test('bad input: periods outside the dataset', async () => {
  await refusedWith(`${header}E01000001,2024-12,1,,low,\n`, /row 2, period: 2024-12 is before the dataset’s first period, 2025-01/);
  await refusedWith(`${header}E01000001,2025-07,1,,low,\n`, /row 2, period: 2025-07 has not ended or started yet/);
  await refusedWith(`${header}E01000001,2025-Q1,1,,low,\n`, /row 2, period: 2025-Q1 is not a month/);
});

test('bad input: formula injection', async () => {
  await refusedWith(`${header}E01000001,2025-05,1,,low,=1+1\n`, /row 2, note: The cell starts with =: a cell a spreadsheet would run as a formula is refused/);
});

test('bad input: a file over the size limit is refused before it is read', async () => {
  const big = header + 'E01000001,2025-05,1,,low,\n'.repeat(20);
  await assert.rejects(submit(big, 'council', small), (e: unknown) => e instanceof SubmissionFileError && e.reason === 'too-large' && /larger than 200 bytes/.test(e.message));
  async function* stream() {
    for (let i = 0; i < 10; i++) yield new TextEncoder().encode(big.slice(i * 60, i * 60 + 60));
  }
  await assert.rejects(small.submit(actor, { datasetId, organisationId: org.council ?? 0, fileName: 'big.csv', stream: stream() }), (e: unknown) => e instanceof SubmissionFileError && e.reason === 'too-large');
  await unchanged();
});

test('bad input: files that are not CSV, at the start or further in', async () => {
  await assert.rejects(submit(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])), (e: unknown) => e instanceof SubmissionFileError && /zip file/.test(e.message));
  const lateNul = `${header}${'E01000001,2025-05,1,,low,\n'.repeat(3)}x\0y\n`;
  await assert.rejects(submit(lateNul), (e: unknown) => e instanceof SubmissionFileError && /NUL byte/.test(e.message));
  await assert.rejects(submit(''), (e: unknown) => e instanceof SubmissionFileError && e.reason === 'empty');
  // 2,500 good rows first (the first pieces already sent to COPY), then, past the first 1 MB chunk,
  // a NUL: all rolled back.
  const goodThenBinary = `${header}${manyPlaces.map((code) => `${code},2025-05,1,,low,\n`).join('')}${'\n'.repeat(1_100_000)}\0`;
  await assert.rejects(submit(goodThenBinary), (e: unknown) => e instanceof SubmissionFileError && /NUL byte \(at byte 1\d{6}\)/.test(e.message));
  await unchanged();
});

test('a streamed file (spooled, read back in chunks) is stored like the same bytes in memory', async () => {
  const text = `${header}${['E01000001', 'E01000002', 'E01000003', 'E01000004'].map((c, i) => `${c},2025-05,${i},,low,row ${i}`).join('\n')}\n`;
  async function* stream() {
    const bytes = new TextEncoder().encode(text);
    for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
  }
  const result = stored(await service.submit(actor, { datasetId, organisationId: org.council ?? 0, fileName: 'streamed.csv', stream: stream() }));
  assert.equal(result.rows, 4);
  assert.deepEqual(await submit(text), { outcome: 'identical', submissionId: result.id, message: `The file is identical to submission #${result.id}: nothing changed` });
});

test('late and missing, worked by hand with a fixed today', async () => {
  // A quarterly dataset from 2025-Q1, due 20 days after each quarter; today 2025-10-25:
  // Q1 due 2025-04-20, Q2 due 2025-07-20, Q3 due 2025-10-20 (all passed); Q4 is not yet due.
  const db = database.db;
  const [ds] = await db
    .insert(datasets)
    .values({ slug: 'quarterly', ownerOrganisationId: org.council ?? 0, name: 'Quarterly', geographyLevel: 'lsoa', periodType: 'quarter', firstPeriod: '2025-Q1', dueDaysAfterPeriod: 20, sensitivity: 'public', createdByLabel: 'test' })
    .returning();
  assert.ok(ds);
  await db.insert(datasetSubmitters).values([
    { datasetId: ds.id, organisationId: org.council ?? 0 },
    { datasetId: ds.id, organisationId: org.police ?? 0 },
  ]);
  async function submittedAt(organisation: number, at: string, periods: string[]) {
    const [s] = await db.insert(submissions).values({ datasetId: ds!.id, organisationId: organisation, fileName: 'q.csv', sha256: at, rows: 1, periods, submittedAt: new Date(at), submittedByLabel: 'test' }).returning();
    assert.ok(s);
    for (const period of periods) {
      await db.update(submissionPeriods).set({ supersededAt: new Date(at), supersededBySubmissionId: s.id }).where(and(eq(submissionPeriods.datasetId, ds!.id), eq(submissionPeriods.organisationId, organisation), eq(submissionPeriods.period, period)));
      await db.insert(submissionPeriods).values({ datasetId: ds!.id, organisationId: organisation, period, submissionId: s.id, rows: 1 });
    }
  }
  // Council: Q1 on its due date (on time), Q1 again much later (still on time: the first counts);
  // Q3 at 23:30 UTC on its due date, which is 00:30 on 21 October in London (late). Q2 missing.
  await submittedAt(org.council ?? 0, '2025-04-20T12:00:00Z', ['2025-Q1']);
  await submittedAt(org.council ?? 0, '2025-09-01T12:00:00Z', ['2025-Q1']);
  await submittedAt(org.council ?? 0, '2025-10-20T23:30:00Z', ['2025-Q3']);
  // Police: Q2 a day late; Q1 and Q3 missing.
  await submittedAt(org.police ?? 0, '2025-07-21T09:00:00Z', ['2025-Q2']);
  const report = await service.lateAndMissing(ds.id, '2025-10-25');
  assert.ok(report);
  assert.deepEqual(report.periodsDue.map((p) => [p.period.label, p.dueDate]), [['2025-Q1', '2025-04-20'], ['2025-Q2', '2025-07-20'], ['2025-Q3', '2025-10-20']]);
  assert.deepEqual(
    report.organisations.map((o) => [o.name, o.periods.map((p) => `${p.period} ${p.status} ${p.firstSubmittedOn ?? '-'}`)]),
    [
      ['Bedfordshire Police', ['2025-Q1 missing -', '2025-Q2 late 2025-07-21', '2025-Q3 missing -']],
      ['Luton Borough Council', ['2025-Q1 on_time 2025-04-20', '2025-Q2 missing -', '2025-Q3 late 2025-10-21']],
    ],
  );
  assert.deepEqual(report.organisations.map((o) => [o.missing, o.late, o.onTime]), [[['2025-Q1', '2025-Q3'], ['2025-Q2'], 0], [['2025-Q2'], ['2025-Q3'], 1]]);
  // The day before Q3 was due, only Q1 and Q2 are judged.
  const earlier = await service.lateAndMissing(ds.id, '2025-10-19');
  assert.deepEqual(earlier?.periodsDue.map((p) => p.period.label), ['2025-Q1', '2025-Q2']);
});

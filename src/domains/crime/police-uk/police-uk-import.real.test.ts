// The importer against all 108 real Bedfordshire files (36 months), on this run's engine. Expected
// figures are computed here straight from the raw text, by a different path from the app's reader.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../../platform/db/database.ts';
import { createTestDatabase } from '../../../platform/db/testing.ts';
import { places } from '../../places/places.tables.ts';
import { chargedOrSummonsedOutcomes, createPoliceUkService, rebuildCrimeCounts, sourcesFromPaths, type ImportSummary } from './police-uk-import.ts';

const raw = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/data/raw/police-uk-bedfordshire');
const present = fs.existsSync(raw);

/** Cells of one CSV line: quoted cells may hold commas, and "" is a quote. */
function cells(line: string): string[] {
  const out: string[] = [];
  const pattern = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  for (let m = pattern.exec(line); m; m = pattern.exec(line)) {
    const cell = m[1] as string;
    out.push(cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell);
    if (m[2] === '') break;
  }
  return out;
}

function rowsOf(kind: 'street' | 'outcomes'): { month: string; cells: string[]; file: string; line: number }[] {
  const rows: { month: string; cells: string[]; file: string; line: number }[] = [];
  for (const month of fs.readdirSync(raw).sort()) {
    const file = path.join(raw, month, `${month}-bedfordshire-${kind}.csv`);
    const lines = fs.readFileSync(file, 'utf8').split('\r\n');
    lines.forEach((line, i) => {
      if (i > 0 && line !== '') rows.push({ month, cells: cells(line), file, line: i + 1 });
    });
  }
  return rows;
}

let database: Database;
let summary: ImportSummary;

before(async () => {
  if (!present) return;
  database = await createTestDatabase();
  await database.db.insert(places).values([
    { code: 'E23000026', name: 'Bedfordshire', type: 'force_area', parentCode: null },
    { code: 'E06000055', name: 'Bedford', type: 'local_authority', parentCode: 'E23000026' },
    { code: 'E06000056', name: 'Central Bedfordshire', type: 'local_authority', parentCode: 'E23000026' },
    { code: 'E06000032', name: 'Luton', type: 'local_authority', parentCode: 'E23000026' },
  ]);
  summary = await createPoliceUkService(database.db, { onChange: () => {} }).importFiles({ userId: null, label: 'test' }, sourcesFromPaths([raw]));
});
after(async () => {
  await database?.close();
});

const skipUnlessPresent = (t: { skip: (m: string) => void }) => {
  if (present) return false;
  if (process.env.CI) assert.fail(`the real police.uk files are missing at ${raw}`);
  t.skip(`SKIPPED: real police.uk files not found at ${raw}`);
  return true;
};

test('all 108 real files: every row stored, the totals SOURCES.md gives', async (t) => {
  if (skipUnlessPresent(t)) return;
  assert.equal(summary.files.length, 108);
  assert.equal(summary.rowsRead, 182_113 + 150_417 + 11_810);
  assert.equal(summary.rowsStored, summary.rowsRead);
  const byKind = await queryRows<{ kind: string; rows: number; outside: number; without_location: number; asb: number }>(
    database.db,
    sql`select kind, sum(rows)::int as rows, sum(outside_force_area)::int as outside, sum(without_location)::int as without_location, sum(anti_social_behaviour)::int as asb from police_uk_files group by kind order by kind`,
  );
  assert.deepEqual(
    byKind.map((k) => [k.kind, k.rows]),
    [['outcomes', 150_417], ['stop-and-search', 11_810], ['street', 182_113]],
  );
  const street = byKind.find((k) => k.kind === 'street');
  assert.equal(street?.outside, 1_089, 'street rows with an LSOA outside Bedford, Central Bedfordshire and Luton');
  assert.equal(street?.without_location, 6_381);
  assert.equal(street?.asb, 34_017);
  const [stored] = await queryRows<{ street: number; outcomes: number; searches: number }>(
    database.db,
    sql`select (select count(*)::int from street_crimes) as street, (select count(*)::int from crime_outcomes) as outcomes, (select count(*)::int from stop_searches) as searches`,
  );
  assert.deepEqual(stored, { street: 182_113, outcomes: 150_417, searches: 11_810 });
});

test('crime counts by month, LSOA and type equal a count straight from the CSV text', async (t) => {
  if (skipUnlessPresent(t)) return;
  const expected = new Map<string, number>();
  for (const r of rowsOf('street')) {
    const key = `${r.month}|${r.cells[7]}|${r.cells[9]}`;
    expected.set(key, (expected.get(key) ?? 0) + 1);
  }
  const actual = await queryRows<{ month: string; lsoa_code: string; crime_type: string; crimes: number }>(
    database.db,
    sql`select to_char(month, 'YYYY-MM') as month, lsoa_code, crime_type, crimes from crime_counts`,
  );
  assert.equal(actual.length, expected.size);
  const mismatches = actual.filter((a) => expected.get(`${a.month}|${a.lsoa_code}|${a.crime_type}`) !== a.crimes);
  assert.deepEqual(mismatches.slice(0, 5), []);
});

test('charged or summonsed: each Crime ID once, its last outcome from the outcomes files, else the street file', async (t) => {
  if (skipUnlessPresent(t)) return;
  const last = new Map<string, string>(); // files are read in month order and line order, so later rows win
  for (const r of rowsOf('outcomes')) last.set(r.cells[0] as string, r.cells[9] as string);
  const charged = new Set(chargedOrSummonsedOutcomes);
  const seen = new Set<string>();
  const expected = new Map<string, { ids: number; charged: number }>();
  for (const r of rowsOf('street')) {
    const id = r.cells[0] as string;
    if (id === '' || seen.has(id)) continue;
    seen.add(id);
    const key = `${r.month}|${r.cells[9]}`;
    const e = expected.get(key) ?? { ids: 0, charged: 0 };
    e.ids++;
    if (charged.has(last.get(id) ?? (r.cells[10] as string))) e.charged++;
    expected.set(key, e);
  }
  const actual = await queryRows<{ month: string; crime_type: string; ids: number; charged: number }>(
    database.db,
    sql`select to_char(month, 'YYYY-MM') as month, crime_type, sum(crimes_with_id)::int as ids, sum(charged_or_summonsed)::int as charged from crime_counts group by 1, 2`,
  );
  const nonEmpty = actual.filter((a) => a.ids > 0);
  assert.equal(nonEmpty.length, expected.size);
  const mismatches = nonEmpty.filter((a) => expected.get(`${a.month}|${a.crime_type}`)?.ids !== a.ids || expected.get(`${a.month}|${a.crime_type}`)?.charged !== a.charged);
  assert.deepEqual(mismatches.slice(0, 5), []);
  const totalCharged = [...expected.values()].reduce((n, e) => n + e.charged, 0);
  assert.ok(totalCharged > 0);
});

test('the counts worked out during the import equal the counts rebuilt from the tables', async (t) => {
  if (skipUnlessPresent(t)) return;
  const snapshot = () => queryRows<Record<string, unknown>>(database.db, sql`select to_char(month, 'YYYY-MM') as month, lsoa_code, crime_type, crimes, crimes_with_id, charged_or_summonsed from crime_counts order by 1, 2, 3`);
  const inHand = await snapshot();
  assert.ok(inHand.length > 60_000, `${inHand.length} cells`);
  await database.db.transaction(async (tx) => rebuildCrimeCounts(tx));
  assert.deepEqual(await snapshot(), inHand);
});

test('importing the same 108 files again changes nothing', async (t) => {
  if (skipUnlessPresent(t)) return;
  const again = await createPoliceUkService(database.db, { onChange: () => {} }).importFiles({ userId: null, label: 'test' }, sourcesFromPaths([raw]));
  assert.equal(again.files.filter((f) => f.outcome !== 'unchanged').length, 0);
  const [files] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from police_uk_files`);
  assert.equal(files?.n, 108);
});

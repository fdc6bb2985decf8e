// The counts API and the analysis against all 36 months of the real Bedfordshire police.uk files,
// imported once through the app. Expected counts are worked here straight from the CSV text (a
// parser of its own, local authorities from the LSOA name), not from anything the app stores.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { systemActor } from '../../../platform/audit/audit.service.ts';
import { startTestApp, type TestApp } from '../../../testing/harness.ts';
import { sourcesFromPaths } from '../police-uk/police-uk-import.ts';
import { allCrime, antiSocialBehaviour, chargedOrSummonsedOutcomes, crimeTypeSlugs } from './crime-types.ts';

const raw = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/data/raw/police-uk-bedfordshire');
const present = fs.existsSync(raw);
const laCodes: Record<string, string> = { Bedford: 'E06000055', 'Central Bedfordshire': 'E06000056', Luton: 'E06000032' };
const laPopulations: Record<string, number> = { E06000055: 185300, E06000056: 294200, E06000032: 225300 };

/** A CSV line's fields: commas split them except inside double quotes; "" inside quotes is a quote. */
function fields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

interface Street {
  month: string;
  id: string;
  lsoaCode: string;
  lsoaName: string;
  type: string;
  lastOutcome: string;
}

function read(kind: 'street' | 'outcomes'): string[][] {
  const out: string[][] = [];
  for (const month of fs.readdirSync(raw).sort()) {
    const text = fs.readFileSync(path.join(raw, month, `${month}-bedfordshire-${kind}.csv`), 'utf8');
    const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
    const header = fields(lines[0] ?? '');
    assert.equal(header[0], 'Crime ID');
    for (const line of lines.slice(1)) out.push(fields(line));
  }
  return out;
}

let app: TestApp;
let street: Street[] = [];
let outcomes: string[][] = [];

before(async () => {
  if (!present) return;
  // Read the files before the app starts: long synchronous work between requests can race the
  // server closing an idle keep-alive connection.
  street = read('street').map((f) => ({ month: f[1] ?? '', id: f[0] ?? '', lsoaCode: f[7] ?? '', lsoaName: f[8] ?? '', type: f[9] ?? '', lastOutcome: f[10] ?? '' }));
  outcomes = read('outcomes');
  app = await startTestApp();
  await app.services.policeUk.importFiles(systemActor, sourcesFromPaths([raw]));
});
after(async () => {
  await app?.close();
});

function skipUnlessPresent(t: { skip: (message: string) => void }): boolean {
  if (present) return false;
  if (process.env.CI) assert.fail(`the real police.uk files are missing at ${raw}`);
  t.skip(`SKIPPED: real police.uk files not found at ${raw}`);
  return true;
}

const laOf = (lsoaName: string) => laCodes[lsoaName.replace(/ \d{3}[A-Z]$/, '')] ?? null;
const tally = (rows: Street[], key: (r: Street) => string | null) => {
  const map = new Map<string, number>();
  for (const r of rows) {
    const k = key(r);
    if (k !== null) map.set(k, (map.get(k) ?? 0) + 1);
  }
  return map;
};
type ApiRow = { month: string; placeCode: string; crimes: number; population: number | null; ratePer1000: number | null };
async function api(query: string): Promise<ApiRow[]> {
  const response = await app.client().get(`/api/v1/crime/counts?${query}`);
  assert.equal(response.status, 200, `${query}: ${response.text.slice(0, 200)}`);
  return (JSON.parse(response.text) as { rows: ApiRow[] }).rows;
}
const months = () => [...new Set(street.map((r) => r.month))].sort();

test('the force area by month: all crime, and each crime type, equal the rows of the CSV files', async (t) => {
  if (skipUnlessPresent(t)) return;
  assert.equal(months().length, 36);
  const allRows = await api('');
  const expected = tally(street, (r) => (r.type === antiSocialBehaviour ? null : r.month));
  assert.deepEqual(
    allRows.map((r) => [r.month, r.crimes]),
    months().map((m) => [m, expected.get(m) ?? 0]),
  );
  assert.equal(allRows[0]?.population, 704800, 'the force area’s own population (seeded)');
  const types = [...new Set(street.map((r) => r.type))].sort();
  assert.equal(types.length, 14);
  for (const type of types) {
    const rows = await api(`type=${crimeTypeSlugs[type] ?? encodeURIComponent(type)}`);
    const byMonth = tally(street, (r) => (r.type === type ? r.month : null));
    assert.deepEqual(
      rows.map((r) => [r.month, r.crimes]),
      months().map((m) => [m, byMonth.get(m) ?? 0]),
      type,
    );
  }
  // Every row is in the force total: the 14 types add up to the number of street rows.
  assert.equal(street.length, 182_113);
});

test('each local authority by month (LSOAs named after it) with its rate; the rest are not placed in one', async (t) => {
  if (skipUnlessPresent(t)) return;
  const rows = await api('level=la');
  const expected = tally(street, (r) => {
    const la = r.type === antiSocialBehaviour ? null : laOf(r.lsoaName);
    return la ? `${la}|${r.month}` : null;
  });
  assert.equal(rows.length, 3 * 36);
  for (const row of rows) {
    const crimes = expected.get(`${row.placeCode}|${row.month}`) ?? 0;
    assert.equal(row.crimes, crimes, `${row.placeCode} ${row.month}`);
    assert.equal(row.population, laPopulations[row.placeCode]);
    assert.equal(row.ratePer1000, Math.round((crimes / (laPopulations[row.placeCode] ?? 1)) * 1000 * 10_000) / 10_000);
  }
  // The force area page says how many are in no local authority: no location, or outside the force.
  const geo = await app.services.crimeAnalysis.geography();
  assert.ok(geo.force);
  const report = await app.services.crimeAnalysis.areaReport(geo, geo.force, { from: '2021-05', to: '2024-04' }, allCrime, months());
  const notCrime = street.filter((r) => r.type !== antiSocialBehaviour);
  assert.deepEqual(report.notPlaced, {
    noLocation: notCrime.filter((r) => r.lsoaCode === '').length,
    outsideForce: notCrime.filter((r) => r.lsoaCode !== '' && !laOf(r.lsoaName)).length,
    outsideLsoas: new Set(notCrime.filter((r) => r.lsoaCode !== '' && !laOf(r.lsoaName)).map((r) => r.lsoaCode)).size,
    total: notCrime.filter((r) => !laOf(r.lsoaName)).length,
  });
});

test('a sample of LSOAs by month and type, and every LSOA of one local authority over the whole period', async (t) => {
  if (skipUnlessPresent(t)) return;
  const codes = [...new Set(street.filter((r) => laOf(r.lsoaName)).map((r) => r.lsoaCode))].sort();
  const sample = [codes[0], codes[Math.floor(codes.length / 3)], codes[Math.floor((2 * codes.length) / 3)], codes.at(-1), 'E01033805'].filter((c): c is string => Boolean(c));
  for (const code of sample) {
    for (const type of [allCrime, 'Burglary', 'Violence and sexual offences']) {
      const rows = await api(`place=${code}${type === allCrime ? '' : `&type=${encodeURIComponent(type)}`}`);
      const byMonth = tally(street, (r) => (r.lsoaCode === code && (type === allCrime ? r.type !== antiSocialBehaviour : r.type === type) ? r.month : null));
      assert.deepEqual(
        rows.map((r) => [r.month, r.crimes]),
        months().map((m) => [m, byMonth.get(m) ?? 0]),
        `${code} ${type}`,
      );
    }
  }
  const luton = await api('place=E06000032&level=lsoa&from=2023-01&to=2023-12&type=shoplifting');
  const expected = tally(street, (r) => (r.type === 'Shoplifting' && laOf(r.lsoaName) === 'E06000032' && r.month.startsWith('2023') ? `${r.lsoaCode}|${r.month}` : null));
  const lutonLsoas = new Set(luton.map((r) => r.placeCode));
  assert.ok(lutonLsoas.size >= [...new Set(street.filter((r) => laOf(r.lsoaName) === 'E06000032').map((r) => r.lsoaCode))].length);
  assert.equal(luton.length, lutonLsoas.size * 12);
  for (const row of luton) assert.equal(row.crimes, expected.get(`${row.placeCode}|${row.month}`) ?? 0, `${row.placeCode} ${row.month}`);
});

test('outcomes for one month: the share of each type’s crimes (each ID once) charged or summonsed', async (t) => {
  if (skipUnlessPresent(t)) return;
  const month = '2022-06';
  // Last outcome: the latest outcomes row for the ID (files in month order, lines in order), else the street file's.
  const last = new Map<string, string>();
  for (const f of outcomes) last.set(f[0] ?? '', f[9] ?? '');
  const charged = new Set<string>(chargedOrSummonsedOutcomes);
  const counted = new Set<string>();
  const expected = new Map<string, { ids: number; charged: number }>();
  for (const r of street) {
    if (!r.id || counted.has(r.id)) continue;
    counted.add(r.id);
    if (r.month !== month) continue;
    const e = expected.get(r.type) ?? { ids: 0, charged: 0 };
    e.ids++;
    if (charged.has(last.get(r.id) ?? r.lastOutcome)) e.charged++;
    expected.set(r.type, e);
  }
  const geo = await app.services.crimeAnalysis.geography();
  assert.ok(geo.force);
  const report = await app.services.crimeAnalysis.areaReport(geo, geo.force, { from: month, to: month }, allCrime, months());
  for (const row of report.typeRows) {
    if (row.crimeType === allCrime) continue;
    const e = expected.get(row.crimeType);
    assert.equal(row.crimesWithId, e?.ids ?? 0, row.crimeType);
    assert.equal(row.chargedOrSummonsed, e?.charged ?? 0, row.crimeType);
    assert.equal(row.chargedShare, e?.ids ? e.charged / e.ids : null, row.crimeType);
  }
  const all = report.typeRows.find((r) => r.crimeType === allCrime);
  const sums = [...expected.values()].reduce((s, e) => ({ ids: s.ids + e.ids, charged: s.charged + e.charged }), { ids: 0, charged: 0 });
  assert.equal(all?.chargedShare, sums.charged / sums.ids);
  assert.ok(sums.charged > 0);
  // The page shows the same share.
  const page = await app.client().get(`/crime?from=${month}&to=${month}`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`>${((sums.charged / sums.ids) * 100).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%<`));
});

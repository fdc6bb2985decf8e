// Benchmark: a 1,000,000-row partner data submission (LSOA × month × 10 count columns) checked and
// stored by the data hub's submissions service, against `psql \copy` of the same file into a bare
// table on the same server, in the same run. Goal (issue 5): at least a third of \copy's rows per
// second, with the submitting process's peak memory (max RSS) under 300 MB; and on PGlite, rows/s.
//
// The data is generated, not real: 27,778 made-up LSOA codes (E01900000 onwards) × 36 months
// (2021-01 to 2023-12) = 1,000,008 rows of seeded random counts, in a CSV written to a temporary
// folder. Each repetition makes a fresh database (PostgreSQL: created on the DATABASE_URL server and
// dropped after; PGlite: a fresh DATA_DIR), migrates it, registers one organisation, the made-up
// LSOAs as places and the dataset, then:
//   - submission: a child process (bench/support/submit-once.ts) opens the database and submits the
//     file as a stream; its time is from the call to the answer (checking every row, COPY into
//     submission_rows, the period rows, the diff, the audit entry and the commit), and its max RSS
//     is the whole process's peak, Node itself included;
//   - \copy: one psql process copies the same file into a bare table of 12 text columns (spawn→exit).
// A warm-up then BENCH_REPS repetitions; medians. It reports; it never fails on timings.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:datahub-submission
//   BENCH_REPS=3 BENCH_WARMUP=1 BENCH_PGLITE_REPS=1 npm run bench:datahub-submission
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { openDatabase, redactUrl, type Database } from '../src/platform/db/database.ts';
import { datasetColumns, datasets, datasetSubmitters, organisations } from '../src/domains/datahub/datahub.tables.ts';
import { places } from '../src/domains/places/places.tables.ts';
import { databaseUrl, withServerDatabase } from './support/server-database.ts';

const repetitions = Number(process.env.BENCH_REPS ?? 3);
const warmups = Number(process.env.BENCH_WARMUP ?? 1);
const pgliteRepetitions = Number(process.env.BENCH_PGLITE_REPS ?? 1);
const lsoaCount = 27_778;
const months = Array.from({ length: 36 }, (_, i) => `${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const columnCount = 10;
const goalRatio = 1 / 3;
const goalMemoryMb = 300;
const adminUrl = process.env.DATABASE_URL ?? null;
const benchDir = path.dirname(fileURLToPath(import.meta.url));
const node = process.execPath;

const lsoaCode = (i: number) => `E01${String(900_000 + i).padStart(6, '0')}`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const perSecond = (rows: number, ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en-GB');

/** mulberry32: seeded, so every run submits the same numbers. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function writeSubmissionFile(file: string): Promise<{ rows: number; bytes: number }> {
  const random = seededRandom(20210101);
  const out = fs.createWriteStream(file);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write(`place_code,period,${Array.from({ length: columnCount }, (_, c) => `count_${c + 1}`).join(',')}\n`);
  let rows = 0;
  for (const month of months) {
    let piece = '';
    for (let i = 0; i < lsoaCount; i++) {
      piece += `${lsoaCode(i)},${month}`;
      for (let c = 0; c < columnCount; c++) piece += `,${Math.floor(random() * 40)}`;
      piece += '\n';
      rows++;
      if (piece.length > 1 << 20) {
        await write(piece);
        piece = '';
      }
    }
    await write(piece);
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { rows, bytes: fs.statSync(file).size };
}

/** Migrates and registers the organisation, the LSOAs and the dataset; returns their ids. */
async function prepare(database: Database): Promise<{ datasetId: number; organisationId: number }> {
  await database.migrate();
  const db = database.db;
  const [org] = await db.insert(organisations).values({ orgId: 'GB-LAE-BENCH', name: 'Benchmark council (made up)', type: 'local_authority' }).returning({ id: organisations.id });
  const organisationId = org!.id;
  for (let i = 0; i < lsoaCount; i += 2000) {
    const chunk = Array.from({ length: Math.min(2000, lsoaCount - i) }, (_, k) => ({ code: lsoaCode(i + k), name: `Benchmark ${String(i + k).padStart(5, '0')}A`, type: 'lsoa' as const, parentCode: null }));
    await db.insert(places).values(chunk);
  }
  const [dataset] = await db
    .insert(datasets)
    .values({ slug: 'benchmark-counts', ownerOrganisationId: organisationId, name: 'Benchmark counts (made up)', geographyLevel: 'lsoa', periodType: 'month', firstPeriod: months[0]!, sensitivity: 'all_partners', suppressBelow: 5, roundTo: 5, createdByLabel: 'benchmark' })
    .returning({ id: datasets.id });
  const datasetId = dataset!.id;
  await db.insert(datasetColumns).values(Array.from({ length: columnCount }, (_, c) => ({ datasetId, position: c + 1, name: `count_${c + 1}`, label: `Count ${c + 1}`, type: 'count' as const })));
  await db.insert(datasetSubmitters).values({ datasetId, organisationId });
  return { datasetId, organisationId };
}

function run(command: string, args: string[]): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`${path.basename(command)} exited with ${code}: ${stderr.trim().slice(0, 2000)}`));
      else resolve({ ms, stdout });
    });
  });
}

interface Submitted {
  ms: number;
  rows: number;
  maxRssMb: number;
  /** The peak before the submission began: Node, the code loaded, the database open. */
  rssBeforeMb: number;
}

async function submitIn(target: string, ids: { datasetId: number; organisationId: number }, file: string): Promise<Submitted> {
  const { stdout } = await run(node, [path.join(benchDir, 'support/submit-once.ts'), target, String(ids.datasetId), String(ids.organisationId), file]);
  const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Submitted & { outcome: string; detail: string };
  if (result.outcome !== 'stored') throw new Error(`the submission was not stored: ${result.outcome} ${result.detail}`);
  return result;
}

async function onServer(psql: string, file: string, expectedRows: number): Promise<{ submitted: Submitted; copyMs: number }> {
  return withServerDatabase(adminUrl!, async (name) => {
    const database = await openDatabase({ kind: 'server', url: databaseUrl(adminUrl!, name) });
    let ids: { datasetId: number; organisationId: number };
    try {
      ids = await prepare(database);
      await database.db.execute(sql.raw(`create table bare_submission (place_code text, period text, ${Array.from({ length: columnCount }, (_, c) => `count_${c + 1} text`).join(', ')})`));
    } finally {
      await database.close();
    }
    const copied = await run(psql, ['--no-psqlrc', '-v', 'ON_ERROR_STOP=1', '-d', databaseUrl(adminUrl!, name), '-c', `\\copy bare_submission from '${file.replaceAll("'", "''")}' with (format csv, header true)`]);
    const copiedRows = Number(/COPY (\d+)/.exec(copied.stdout)?.[1]);
    if (copiedRows !== expectedRows) throw new Error(`psql copied ${copiedRows} rows, not ${expectedRows}`);
    const submitted = await submitIn(databaseUrl(adminUrl!, name), ids, file);
    return { submitted, copyMs: copied.ms };
  });
}

async function onPglite(file: string): Promise<Submitted> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'safer-bench-hub-'));
  try {
    const database = await openDatabase({ kind: 'embedded', dataDir: dir });
    let ids: { datasetId: number; organisationId: number };
    try {
      ids = await prepare(database);
    } finally {
      await database.close();
    }
    return await submitIn(dir, ids, file);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'safer-bench-submission-'));
  try {
    const cpus = os.cpus();
    console.log('Safer Places: partner data submission benchmark');
    console.log(`Machine: ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'}), ${os.platform()} ${os.arch()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at the start`);
    const file = path.join(tmp, 'submission.csv');
    const { rows, bytes } = await writeSubmissionFile(file);
    console.log(`Data (generated, not real): ${rows.toLocaleString('en-GB')} rows = ${lsoaCount.toLocaleString('en-GB')} made-up LSOAs × ${months.length} months × ${columnCount} count columns, ${(bytes / 1e6).toFixed(1)} MB of CSV`);
    // The app runs with the project's .npmrc node-options (npm start, npm test, npx safer); the child inherits them from npm run.
    console.log(`Node options of the submitting process: ${process.env.NODE_OPTIONS?.trim() || '(none: run it through npm run, which applies .npmrc node-options as the app gets them)'}`);
    console.log(`Repetitions: ${warmups} warm-up then ${repetitions} (PGlite: ${pgliteRepetitions}, no warm-up); medians.`);
    console.log('');

    const submitMs: number[] = [];
    const copyMs: number[] = [];
    const rss: number[] = [];
    const rssBefore: number[] = [];
    if (!adminUrl) {
      console.log('PostgreSQL: skipped. The comparison with \\copy needs DATABASE_URL (a server where this user may create and drop databases).');
    } else {
      const psql = process.env.PSQL ?? (fs.existsSync('/usr/lib/postgresql/15/bin/psql') ? '/usr/lib/postgresql/15/bin/psql' : 'psql');
      const version = spawnSync(psql, ['--version'], { encoding: 'utf8' });
      if (version.status !== 0) throw new Error(`psql not found (${psql}); set PSQL to its path`);
      console.log(`PostgreSQL server: ${redactUrl(adminUrl)}; a fresh database per repetition, dropped after. Baseline: ${version.stdout.trim()}.`);
      for (let rep = 0; rep < warmups + repetitions; rep++) {
        const { submitted, copyMs: copied } = await onServer(psql, file, rows);
        const label = rep < warmups ? `warm-up ${rep + 1}` : `repetition ${rep - warmups + 1}`;
        console.log(`  ${label}: \\copy ${seconds(copied)}; submission ${seconds(submitted.ms)}, peak memory ${submitted.maxRssMb.toFixed(0)} MB (${submitted.rssBeforeMb.toFixed(0)} MB before the submission began)`);
        if (submitted.rows !== rows) throw new Error(`the submission stored ${submitted.rows} rows, not ${rows}`);
        if (rep < warmups) continue;
        submitMs.push(submitted.ms);
        copyMs.push(copied);
        rss.push(submitted.maxRssMb);
        rssBefore.push(submitted.rssBeforeMb);
      }
    }
    const pgliteMs: number[] = [];
    const pgliteRss: number[] = [];
    for (let rep = 0; rep < pgliteRepetitions; rep++) {
      const submitted = await onPglite(file);
      console.log(`  PGlite ${rep + 1}: submission ${seconds(submitted.ms)}, peak memory ${submitted.maxRssMb.toFixed(0)} MB (${submitted.rssBeforeMb.toFixed(0)} MB before; PGlite's COPY takes its data whole, so memory grows with the file)`);
      pgliteMs.push(submitted.ms);
      pgliteRss.push(submitted.maxRssMb);
    }
    console.log('');
    if (submitMs.length) {
      const ratio = rows / median(submitMs) / (rows / median(copyMs));
      const peak = Math.max(...rss);
      console.log(`psql \\copy into a bare 12-text-column table: ${seconds(median(copyMs))}, ${perSecond(rows, median(copyMs))} rows/s`);
      console.log(`submission, checked and stored (PostgreSQL): ${seconds(median(submitMs))}, ${perSecond(rows, median(submitMs))} rows/s; peak memory ${peak.toFixed(0)} MB (highest of the repetitions)`);
      console.log(`of the peak, ${Math.max(...rssBefore).toFixed(0)} MB was reached before the submission began (Node, the app's modules as loaded, the database open): the submission itself added ${(peak - Math.max(...rssBefore)).toFixed(0)} MB`);
      console.log(`submission rows/s ÷ \\copy rows/s = ${(ratio * 100).toFixed(0)}%`);
      console.log(`Goal (issue 5: at least a third of \\copy's rows per second, memory under ${goalMemoryMb} MB): speed ${ratio >= goalRatio ? 'met' : 'not met'}; memory ${peak < goalMemoryMb ? 'met' : 'not met'}.`);
    }
    if (pgliteMs.length) console.log(`PGlite submission: ${perSecond(rows, median(pgliteMs))} rows/s; peak memory ${Math.max(...pgliteRss).toFixed(0)} MB.`);
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});

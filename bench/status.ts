// Benchmark: the status of 1,000 monthly measures × 120 points each, computed in one go by
// measures.statuses(), against the time to only read those observations from the same database
// in the same run. The goal (issue): computing adds less than the reading.
//
// A fresh database (PGlite in a temporary DATA_DIR; or, with DATABASE_URL, a throwaway database on
// that server, dropped at the end) gets one published plan, one mission, the measures and their
// generated observations (bench/support/status-data.ts). Then, after warm-up, each repetition times:
//   - read observations: the observation query statuses() runs, alone;
//   - read all: the five queries statuses() runs (observations, baselines, targets, process
//     changes, place names), in parallel as it runs them;
//   - statuses(): the whole call, read + compute;
//   - in-memory part: statuses()'s work after its reads (grouping the rows into series, resolving
//     targets, computeMeasureStatus for each measure), on rows read beforehand;
//   - computeMeasureStatus only: the pure statistics, on inputs assembled beforehand;
//   - GET / and GET /missions/<slug> through the app on 127.0.0.1 with the page cache emptied first:
//     each computes the status of all the measures in one request (and renders a page).
// A garbage collection is forced before each timing, so one's garbage is not charged to the next.
// Prints median and min, and the ratios. It reports; it never fails on timings.
//
//   node bench/status.ts
//   BENCH_MEASURES=1000 BENCH_MONTHS=120 BENCH_REPS=5 BENCH_WARMUP=1 node bench/status.ts
//   DATABASE_URL=postgres://user@host:5432/postgres node bench/status.ts
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import http, { type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config/config.ts';
import { computeMeasureStatus, type MeasureStatus } from '../src/domains/measures/measure-status.ts';
import { readStatusObservations, readStatusRows, statusInputs, type Measure, type StatusRows } from '../src/domains/measures/measures.service.ts';
import { measures } from '../src/domains/measures/measures.tables.ts';
import { plans } from '../src/domains/plan/plan.tables.ts';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { createTestDatabase } from '../src/platform/db/testing.ts';
import { createLogger } from '../src/platform/logging/logger.ts';
import { createServices } from '../src/services.ts';
import { analyze, loadStatusBenchmarkData } from './support/status-data.ts';

const measureCount = Number(process.env.BENCH_MEASURES ?? 1000);
const months = Number(process.env.BENCH_MONTHS ?? 120);
const repetitions = Number(process.env.BENCH_REPS ?? 5);
const warmups = Number(process.env.BENCH_WARMUP ?? 1);
/** Fixed, so every run judges the same statuses: a month after the generated data ends (2024-12). */
const today = '2025-01-15';

// A collection between timings, without asking for --expose-gc on the command line.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// ---- what statuses() does, in the same order, split into its reading and its computing ----

type PlanLike = { periodStart: string; forceAreaCode: string | null };

const readObservations = readStatusObservations;
const readAll = readStatusRows;
const assembleInputs = (measureList: Measure[], plan: PlanLike, rows: StatusRows) => statusInputs(measureList, plan, rows, today);
type StatusInput = ReturnType<typeof statusInputs>[number];

function computeAll(inputs: StatusInput[]): Map<number, MeasureStatus> {
  const out = new Map<number, MeasureStatus>();
  for (const input of inputs) out.set(input.measure.id, computeMeasureStatus(input));
  return out;
}

// ---- timing ----

const timings = new Map<string, number[]>();

async function timed<T>(name: string, work: () => Promise<T> | T, record: boolean): Promise<T> {
  gc();
  const started = performance.now();
  const result = await work();
  const elapsed = performance.now() - started;
  if (record) {
    const list = timings.get(name) ?? [];
    list.push(elapsed);
    timings.set(name, list);
  }
  return result;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
const minOf = (values: number[]) => Math.min(...values);
const stat = (name: string, f: (v: number[]) => number) => f(timings.get(name) ?? [Number.NaN]);

const pad = (text: string, width: number, left = false) => (left ? text.padEnd(width) : text.padStart(width));
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : 'n/a');
const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;

/** One GET on a new connection (no keep-alive: the app's idle timeout would reset a kept socket between repetitions). */
function getPage(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => (response.statusCode === 200 ? resolve(bytes) : reject(new Error(`${url} answered ${response.statusCode}`))));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

// ---- the run ----

async function openBenchmarkDatabase(tmp: string): Promise<Database> {
  if (process.env.DATABASE_URL) return createTestDatabase(); // a throwaway database, dropped by close()
  const database = await openDatabase({ kind: 'embedded', dataDir: path.join(tmp, 'data') });
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

async function main(): Promise<void> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'safer-bench-status-'));
  let database: Database | null = null;
  let server: Server | null = null;
  let cleaning: Promise<void> | null = null;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      if (server) {
        const s = server;
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections();
        });
      }
      if (database) await database.close();
      await fs.rm(tmp, { recursive: true, force: true });
    })());
  const onSignal = () => {
    cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const cpus = os.cpus();
    console.log('Safer Places: measure status benchmark');
    console.log(`Machine: ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'}), ${os.platform()} ${os.arch()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);

    let started = performance.now();
    database = await openBenchmarkDatabase(tmp);
    const db = database.db;
    console.log(`Database: ${database.kind === 'embedded' ? 'PGlite (embedded)' : 'PostgreSQL server'}, ${database.describe}; opened and migrated in ${seconds(performance.now() - started)}`);

    started = performance.now();
    const data = await loadStatusBenchmarkData(db, { measures: measureCount, months });
    const loadMs = performance.now() - started;
    started = performance.now();
    await analyze(db);
    const analyzeMs = performance.now() - started;
    console.log(
      `Benchmark data (generated, not real): ${data.measureCount.toLocaleString('en-GB')} monthly measures × ${months} months = ${data.observationCount.toLocaleString('en-GB')} observations ` +
        `(force area only), ${data.baselines} baselines, targets ${Object.entries(data.targets)
          .map(([kind, n]) => `${n} ${kind}`)
          .join(', ')}, ${data.processChanges} process changes`,
    );
    console.log(`Loaded by multi-row inserts of 1,000 rows in one transaction in ${seconds(loadMs)} (${Math.round(data.observationCount / (loadMs / 1000)).toLocaleString('en-GB')} observations/s); analyze ${seconds(analyzeMs)}`);

    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'error', DATA_DIR: path.join(tmp, 'data') }, { host: '127.0.0.1', port: 0 });
    const services = createServices({ config, database, logger: createLogger(config.logLevel), today: () => today });
    const [plan] = await db.select().from(plans).where(eq(plans.id, data.planId));
    if (!plan) throw new Error('no plan');
    const measureList = await db.select().from(measures).where(eq(measures.planId, data.planId)).orderBy(asc(measures.position), asc(measures.id));
    const ids = measureList.map((m) => m.id);

    const { app } = buildApp(services);
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
    const address = server.address();
    if (!address || typeof address !== 'object') throw new Error('the server is not listening on a port');
    const baseUrl = `http://127.0.0.1:${address.port}`;
    const pages = [
      { name: 'GET / (uncached)', path: '/' },
      { name: `GET /missions/${data.missionSlug} (uncached)`, path: `/missions/${data.missionSlug}` },
    ];

    // The copy of statuses()'s computing must give what statuses() gives, or the split means nothing.
    const reference = await services.measures.statuses(measureList, plan, today);
    const readRows = await readAll(db, ids);
    assert.equal(readRows[0].length, data.observationCount, 'the observation query reads every observation');
    assert.deepEqual(computeAll(assembleInputs(measureList, plan, readRows)), reference, 'the in-memory copy computes what statuses() computes');
    const headlineCounts = new Map<string, number>();
    for (const status of reference.values()) {
      const word = status.headline?.status.status ?? 'no headline';
      headlineCounts.set(word, (headlineCounts.get(word) ?? 0) + 1);
    }
    console.log(`Statuses on ${today} (checked equal to statuses() for the split below): ${[...headlineCounts].map(([word, n]) => `${n} ${word}`).join(', ')}`);
    const pageBytes = new Map<string, number>();
    console.log(`Repetitions: ${warmups} warm-up then ${repetitions}, each timing after a forced garbage collection; the app serves on ${baseUrl} in this process.`);
    console.log('');

    for (let rep = 0; rep < warmups + repetitions; rep++) {
      const record = rep >= warmups;
      process.stdout.write(`  ${record ? `repetition ${rep - warmups + 1}` : `warm-up ${rep + 1}`} … `);
      await timed('readObservations', () => readObservations(db, ids), record);
      const rows = await timed('readAll', () => readAll(db, ids), record);
      await timed('statuses', () => services.measures.statuses(measureList, plan, today), record);
      await timed('inMemory', () => computeAll(assembleInputs(measureList, plan, rows)), record);
      const inputs = assembleInputs(measureList, plan, rows);
      await timed('computeOnly', () => computeAll(inputs), record);
      for (const page of pages) {
        services.pageCache.clear();
        pageBytes.set(page.path, await timed(page.name, () => getPage(baseUrl + page.path), record));
      }
      process.stdout.write('done\n');
    }

    const readObs = stat('readObservations', median);
    const readAllMedian = stat('readAll', median);
    const full = stat('statuses', median);
    const inMemory = stat('inMemory', median);
    const computeOnly = stat('computeOnly', median);
    const derived = full - readAllMedian;

    const header = ['what is timed', 'median ms', 'min ms', '÷ read observations'];
    const widths = [62, 10, 10, 20];
    const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i] ?? 10, i === 0)).join(' | ');
    const row = (label: string, name: string) => {
      const m = stat(name, median);
      console.log(line([label, ms(m), ms(stat(name, minOf)), `${(m / readObs).toFixed(2)}×`]));
    };
    console.log('');
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('-+-'));
    row('read observations only (the query statuses() runs)', 'readObservations');
    row('read all: the 5 queries of statuses(), in parallel', 'readAll');
    row('statuses(): read + compute', 'statuses');
    row("in-memory part of statuses() (group rows, resolve, compute)", 'inMemory');
    row('computeMeasureStatus only, on assembled inputs', 'computeOnly');
    console.log(line(['statuses() − read all (derived, medians)', ms(derived), '', `${(derived / readObs).toFixed(2)}×`]));
    for (const page of pages) row(`${page.name}, ${Math.round((pageBytes.get(page.path) ?? 0) / 1024)} KB`, page.name);
    console.log('');
    console.log(`${measureCount.toLocaleString('en-GB')} statuses from ${data.observationCount.toLocaleString('en-GB')} points: ${ms(full)} ms in statuses() (${ms((full / measureCount) * 1000)} µs a measure).`);
    console.log(
      `Computing ÷ reading the observations: in-memory part ${(inMemory / readObs).toFixed(2)}, computeMeasureStatus alone ${(computeOnly / readObs).toFixed(2)}, ` +
        `statuses() − all reads ${(derived / readObs).toFixed(2)}.`,
    );
    const met = inMemory < readObs;
    console.log(`Goal (computing adds less than the reading: in-memory part of statuses() < read observations only): ${met ? 'yes' : 'no'}.`);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  if (error instanceof Error && error.cause) console.error('cause:', error.cause);
  process.exitCode = 1;
});

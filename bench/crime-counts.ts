// Benchmark: the crime counts API for every LSOA × the 36 months of real police.uk data,
// GET /api/v1/crime/counts?level=lsoa&from=2021-05&to=2024-04 (the force area's LSOAs, all crime),
// against the same server sending a static file of the same size. The goal (issue 4): p95 under
// 50 ms at 8 connections.
//
// The app runs in a child process (bench/support/crime-counts-server.ts) on PGlite in a fresh
// temporary DATA_DIR, with the demo plan seeded and the 108 real Bedfordshire files
// (../shared/data/raw/police-uk-bedfordshire) imported by the app's police.uk service; autocannon
// drives it from this process over 127.0.0.1. The API is cached like every public page and API
// route (page-cache.ts), so under load the answers are cache hits; the child also times the first
// response after the import and a few more each after emptying the page cache (computed from the
// database again), printed separately.
//
// Prints requests/s (mean of per-second samples) and p50/p95/p99 latency for the API and its static
// twin, and the ratios. It reports; it never fails on timings.
//
//   npm run bench:crime-counts
//   BENCH_DURATION=10 BENCH_WARMUP=2 BENCH_CONNECTIONS=8 BENCH_UNCACHED=5 npm run bench:crime-counts
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { countsReadyPrefix, type CountsReadyMessage } from './support/crime-counts-protocol.ts';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);
const duration = Number(process.env.BENCH_DURATION ?? 10);
const warmup = Number(process.env.BENCH_WARMUP ?? 2);
const uncached = Number(process.env.BENCH_UNCACHED ?? 5);
const goalP95Ms = 50;
const apiPath = '/api/v1/crime/counts?level=lsoa&from=2021-05&to=2024-04';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const serverScript = path.join(benchDir, 'support', 'crime-counts-server.ts');
const rawDir = path.resolve(benchDir, '../../shared/data/raw/police-uk-bedfordshire');

interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  problems: string;
}

/** The q-quantile (0–1) of the sorted response times, nearest-rank. */
function quantile(sorted: Float64Array, q: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

async function load(url: string, seconds: number): Promise<LoadResult> {
  // autocannon reports p90, p97.5 and p99 but no p95, so every 2xx response time is kept here.
  let times = new Float64Array(1 << 14);
  let count = 0;
  const instance = autocannon({ url, connections, duration: seconds, pipelining: 1, timeout: 10 });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode < 200 || statusCode >= 300) return;
    if (count === times.length) {
      const grown = new Float64Array(times.length * 2);
      grown.set(times);
      times = grown;
    }
    times[count++] = responseTime;
  });
  const result = await instance;
  const sorted = times.slice(0, count).sort();
  const problems = [result.errors ? `${result.errors} errors` : '', result.timeouts ? `${result.timeouts} timeouts` : '', result.non2xx ? `${result.non2xx} non-2xx` : ''].filter(Boolean).join(', ');
  return { requestsPerSecond: result.requests.mean, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99), requests: count, problems };
}

async function measure(url: string): Promise<LoadResult> {
  if (warmup > 0) await load(url, warmup);
  return load(url, duration);
}

async function startChild(dataDir: string, staticDir: string): Promise<{ child: ChildProcess; ready: CountsReadyMessage }> {
  const child = spawn(process.execPath, [serverScript], {
    cwd: path.resolve(benchDir, '..'),
    env: {
      ...process.env,
      BENCH_DATA_DIR: dataDir,
      BENCH_STATIC_DIR: staticDir,
      BENCH_RAW_DIR: rawDir,
      BENCH_PATH: apiPath,
      BENCH_UNCACHED: String(uncached),
      BENCH_SESSION_SECRET: randomBytes(32).toString('hex'),
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const ready = await new Promise<CountsReadyMessage>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not get ready within 300 s')), 300_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith(countsReadyPrefix)) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice(countsReadyPrefix.length)) as CountsReadyMessage);
      } else process.stdout.write(`[server] ${line}\n`);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited before it was ready (${signal ?? `code ${code}`})`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return { child, ready };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  child.stdin?.end();
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(killTimer);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
const pad = (text: string, width: number, left = false) => (left ? text.padEnd(width) : text.padStart(width));
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');
const perSecond = (value: number) => Math.round(value).toLocaleString('en-GB');

async function main(): Promise<void> {
  if (!fs.existsSync(rawDir)) throw new Error(`the real police.uk files are not at ${rawDir}`);
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'safer-bench-counts-'));
  const dataDir = path.join(tmp, 'data');
  const staticDir = path.join(tmp, 'static');
  await fsp.mkdir(staticDir);
  let child: ChildProcess | null = null;
  const cleanUp = async () => {
    if (child) await stopChild(child);
    await fsp.rm(tmp, { recursive: true, force: true });
  };
  const onSignal = () => {
    cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const cpus = os.cpus();
    console.log('Safer Places: crime counts API benchmark');
    console.log(`Machine: ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'}), ${os.platform()} ${os.arch()}, Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at the start`);
    console.log(`Load: autocannon, ${connections} connections, ${warmup} s warm-up then ${duration} s per URL, from this process; the server runs in a child process on the same machine.`);

    const started = await startChild(dataDir, staticDir);
    child = started.child;
    const ready = started.ready;
    console.log(`Database: ${ready.database}, NODE_ENV=${ready.nodeEnv}; server start with the demo plan seeded ${(ready.startMs / 1000).toFixed(2)} s`);
    console.log(
      `Data (real): ${ready.import.files} police.uk files, ${ready.import.rows.toLocaleString('en-GB')} rows, imported by the app's police.uk service in ${(ready.import.ms / 1000).toFixed(2)} s ` +
        `(${ready.import.lsoaPlacesAdded} LSOA places added); no LSOA population loaded, so LSOA populations and rates are null`,
    );
    console.log(`API: GET ${ready.path} → ${ready.dataRows.toLocaleString('en-GB')} rows (LSOAs × months), ${ready.bytes.toLocaleString('en-GB')} bytes of JSON; static twin ${ready.staticPath}, same size`);

    for (const target of [ready.path, ready.staticPath]) {
      const response = await fetch(ready.url + target);
      const bytes = (await response.arrayBuffer()).byteLength;
      if (response.status !== 200 || bytes !== ready.bytes) throw new Error(`${target} answered ${response.status} with ${bytes} bytes; expected 200 with ${ready.bytes}`);
    }

    process.stdout.write('  API … ');
    const api = await measure(ready.url + ready.path);
    process.stdout.write('static twin … ');
    const stat = await measure(ready.url + ready.staticPath);
    process.stdout.write('done\n');

    const header = ['what is served', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'requests', 'problems'];
    const widths = [58, 8, 8, 8, 8, 9, 10];
    const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i] ?? 10, i === 0 || i === 6)).join(' | ');
    const row = (label: string, r: LoadResult) => console.log(line([label, perSecond(r.requestsPerSecond), ms(r.p50), ms(r.p95), ms(r.p99), String(r.requests), r.problems || 'none']));
    console.log('');
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('-+-'));
    row('API, all LSOAs × 36 months (page-cache hits)', api);
    row('static twin, same bytes, express.static', stat);
    console.log('');
    const megabytes = (r: LoadResult) => ((r.requestsPerSecond * ready.bytes) / 1e6).toFixed(0);
    console.log(`API ÷ static: throughput ${((api.requestsPerSecond / stat.requestsPerSecond) * 100).toFixed(0)}%, p95 ${(api.p95 / stat.p95).toFixed(2)}×. Bodies sent: API ${megabytes(api)} MB/s, static ${megabytes(stat)} MB/s.`);
    console.log(
      `Uncached: first response after the import ${ms(ready.firstMs)} ms; ${ready.uncachedMs.length} more, each after emptying the page cache: ` +
        `median ${ms(median(ready.uncachedMs))} ms (min ${ms(Math.min(...ready.uncachedMs))}, max ${ms(Math.max(...ready.uncachedMs))}).`,
    );
    const met = api.p95 < goalP95Ms && !api.problems;
    console.log(`Goal (issue 4: p95 under ${goalP95Ms} ms at ${connections} connections): ${met ? 'met' : 'not met'} (under load; the uncached figures above are single requests).`);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});

// Benchmark: the public home, mission and measure pages against the same server sending a static
// file of the same size. The app runs in a child process (bench/support/public-pages-server.ts) on
// PGlite in a fresh temporary directory, with the demo plan and ten years of generated monthly data
// on every measure; autocannon drives it from this process over 127.0.0.1.
//
// Prints requests/s (mean of per-second samples) and p95 latency for each page and its static twin,
// and the ratio of the two throughputs. The goal (issue): p95 under 25 ms at 16 connections and
// dynamic pages at 30% or more of the static throughput. It reports; it never fails on timings.
//
//   npm run bench:public-pages
//   BENCH_DURATION=8 BENCH_WARMUP=2 BENCH_CONNECTIONS=16 npm run bench:public-pages
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { readyPrefix, type BenchPage, type ReadyMessage } from './support/protocol.ts';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const duration = Number(process.env.BENCH_DURATION ?? 8);
const warmup = Number(process.env.BENCH_WARMUP ?? 2);
const goalP95Ms = 25;
const goalRatio = 0.3;

const pages: BenchPage[] = [
  { name: 'home', path: '/' },
  { name: 'mission', path: '/missions/prevention' },
  { name: 'measure', path: '/measures/crimes-per-1000-residents' },
];

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const serverScript = path.join(benchDir, 'support', 'public-pages-server.ts');

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
  let times = new Float64Array(1 << 16);
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
  const problems = [
    result.errors ? `${result.errors} errors` : '',
    result.timeouts ? `${result.timeouts} timeouts` : '',
    result.non2xx ? `${result.non2xx} non-2xx` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return { requestsPerSecond: result.requests.mean, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99), requests: count, problems };
}

async function measure(url: string): Promise<LoadResult> {
  if (warmup > 0) await load(url, warmup);
  return load(url, duration);
}

async function startChild(dataDir: string, staticDir: string): Promise<{ child: ChildProcess; ready: ReadyMessage }> {
  const child = spawn(process.execPath, [serverScript], {
    cwd: path.resolve(benchDir, '..'),
    env: {
      ...process.env,
      BENCH_DATA_DIR: dataDir,
      BENCH_STATIC_DIR: staticDir,
      BENCH_PAGES: JSON.stringify(pages),
      BENCH_SESSION_SECRET: randomBytes(32).toString('hex'),
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not get ready within 150 s')), 150_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith(readyPrefix)) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice(readyPrefix.length)) as ReadyMessage);
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

const pad = (text: string, width: number, left = false) => (left ? text.padEnd(width) : text.padStart(width));
const ms = (value: number) => value.toFixed(2);
const perSecond = (value: number) => Math.round(value).toLocaleString('en-GB');

async function main(): Promise<void> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'safer-bench-'));
  const dataDir = path.join(tmp, 'data');
  const staticDir = path.join(tmp, 'static');
  await fs.mkdir(staticDir);
  let child: ChildProcess | null = null;
  const cleanUp = async () => {
    if (child) await stopChild(child);
    await fs.rm(tmp, { recursive: true, force: true });
  };
  const onSignal = () => {
    cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const cpus = os.cpus();
    console.log('Safer Places: public pages benchmark');
    console.log(`Machine: ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'}), ${os.platform()} ${os.arch()}, Node ${process.version}`);
    console.log(`Load: autocannon, ${connections} connections, ${warmup} s warm-up then ${duration} s per URL, from this process; the server runs in a child process on the same machine.`);

    const started = await startChild(dataDir, staticDir);
    child = started.child;
    const ready = started.ready;
    console.log(`Database: ${ready.databaseKind} (${ready.database}), NODE_ENV=${ready.nodeEnv}; server start with the demo plan seeded ${(ready.startMs / 1000).toFixed(2)} s`);
    console.log(
      `Benchmark data (generated, not real): ${ready.observations.toLocaleString('en-GB')} monthly observations, 2015-01 to 2024-12, on ${ready.measures} measures ` +
        `(${ready.frequencyChanged} switched to monthly for the benchmark), loaded through measures.addObservations in ${(ready.dataLoadMs / 1000).toFixed(2)} s`,
    );

    // Both the page and its static twin must answer 200 with the same number of bytes.
    for (const page of ready.pages) {
      for (const target of [page.path, page.staticPath]) {
        const response = await fetch(ready.url + target);
        const bytes = (await response.arrayBuffer()).byteLength;
        if (response.status !== 200 || bytes !== page.bytes) throw new Error(`${target} answered ${response.status} with ${bytes} bytes; expected 200 with ${page.bytes}`);
      }
    }

    const rows: { page: ReadyMessage['pages'][number]; dynamic: LoadResult; static: LoadResult }[] = [];
    for (const page of ready.pages) {
      process.stdout.write(`  ${page.path} … `);
      const dynamic = await measure(ready.url + page.path);
      process.stdout.write(`static twin … `);
      const stat = await measure(ready.url + page.staticPath);
      process.stdout.write('done\n');
      rows.push({ page, dynamic, static: stat });
    }

    const header = ['page', 'bytes', 'dynamic req/s', 'dynamic p95 ms', 'static req/s', 'static p95 ms', 'dynamic/static', 'goal met'];
    const widths = [45, 8, 14, 15, 13, 14, 15, 9];
    const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i] ?? 10, i === 0)).join(' | ');
    console.log('');
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('-+-'));
    let allMet = true;
    for (const { page, dynamic, static: stat } of rows) {
      const ratio = dynamic.requestsPerSecond / stat.requestsPerSecond;
      const met = dynamic.p95 < goalP95Ms && ratio >= goalRatio && !dynamic.problems;
      allMet &&= met;
      console.log(
        line([`${page.name} ${page.path}`, String(page.bytes), perSecond(dynamic.requestsPerSecond), ms(dynamic.p95), perSecond(stat.requestsPerSecond), ms(stat.p95), `${(ratio * 100).toFixed(0)}%`, met ? 'yes' : 'no']),
      );
    }
    console.log('');
    console.log('Latency detail (ms): p50 / p95 / p99 (requests measured). Under load the dynamic pages are page-cache hits; the first');
    console.log('response of each was rendered from the database (the first page also compiled the shared templates).');
    for (const { page, dynamic, static: stat } of rows) {
      console.log(
        `  ${pad(page.name, 8, true)} dynamic ${ms(dynamic.p50)} / ${ms(dynamic.p95)} / ${ms(dynamic.p99)} (${dynamic.requests})` +
          `   static ${ms(stat.p50)} / ${ms(stat.p95)} / ${ms(stat.p99)} (${stat.requests})` +
          `   first (uncached) response ${ms(page.firstMs)}` +
          (dynamic.problems || stat.problems ? `   problems: ${[dynamic.problems && `dynamic ${dynamic.problems}`, stat.problems && `static ${stat.problems}`].filter(Boolean).join('; ')}` : ''),
      );
    }
    console.log('');
    console.log(`Goal: p95 under ${goalP95Ms} ms at ${connections} connections and dynamic throughput at ${goalRatio * 100}% or more of static. ${allMet ? 'Met on every page.' : 'Not met on every page (see "goal met").'}`);
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

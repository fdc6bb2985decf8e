// The server half of bench/crime-counts.ts, run as a child process so the load generator does not
// share its event loop. It starts the app through startServer (PGlite in BENCH_DATA_DIR, the demo
// plan seeded into the empty database), imports the 36 months of real Bedfordshire police.uk files
// through the app's police.uk service (as `safer import police-uk` does), then serves beside the app,
// on the same http.Server, a static file of exactly the size of the API response:
// /__bench/static/crime-counts.json, by express.static from BENCH_STATIC_DIR. It also times the
// first response and BENCH_UNCACHED further ones, each after emptying the page cache. When ready it
// prints one line, "BENCH_COUNTS_READY <json>", and stops on SIGTERM, SIGINT or when stdin closes.
import fs from 'node:fs/promises';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import path from 'node:path';
import express from 'express';
import { loadConfig } from '../../src/config/config.ts';
import { sourcesFromPaths } from '../../src/domains/crime/police-uk/police-uk-import.ts';
import { createLogger } from '../../src/platform/logging/logger.ts';
import { startServer } from '../../src/server.ts';
import { countsReadyPrefix, countsStaticPrefix, type CountsReadyMessage } from './crime-counts-protocol.ts';

const dataDir = process.env.BENCH_DATA_DIR;
const staticDir = process.env.BENCH_STATIC_DIR;
const rawDir = process.env.BENCH_RAW_DIR;
const apiPath = process.env.BENCH_PATH;
const uncachedCount = Number(process.env.BENCH_UNCACHED ?? 5);
if (!dataDir || !staticDir || !rawDir || !apiPath) throw new Error('BENCH_DATA_DIR, BENCH_STATIC_DIR, BENCH_RAW_DIR and BENCH_PATH are required');

const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: process.env.BENCH_SESSION_SECRET, DATA_DIR: dataDir, LOG_LEVEL: 'error' }, { host: '127.0.0.1', port: 0 });
const logger = createLogger(config.logLevel);

let started = performance.now();
const running = await startServer(config, logger);
const startMs = performance.now() - started;

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  running.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();

started = performance.now();
const summary = await running.services.policeUk.importFiles({ userId: null, label: 'benchmark' }, sourcesFromPaths([rawDir]));
const importMs = performance.now() - started;

const [appListener] = running.server.listeners('request') as RequestListener[];
if (!appListener) throw new Error('the server has no request listener');
const staticApp = express();
staticApp.disable('x-powered-by');
staticApp.use(countsStaticPrefix, express.static(staticDir));
staticApp.use((_req, res) => {
  res.status(404).end();
});
running.server.removeAllListeners('request');
running.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
  if (req.url?.startsWith(countsStaticPrefix)) staticApp(req, res);
  else appListener(req, res);
});

const address = running.server.address();
if (!address || typeof address !== 'object') throw new Error('the server is not listening on a port');
const url = `http://127.0.0.1:${address.port}`;

async function get(): Promise<{ ms: number; body: Buffer }> {
  const fetchStarted = performance.now();
  const response = await fetch(url + apiPath);
  const body = Buffer.from(await response.arrayBuffer());
  const ms = performance.now() - fetchStarted;
  if (response.status !== 200) throw new Error(`${apiPath} answered ${response.status}: ${body.toString('utf8', 0, 300)}`);
  return { ms, body };
}

// The import emptied the page cache, so the first response is computed from the database.
const first = await get();
const uncachedMs: number[] = [];
for (let i = 0; i < uncachedCount; i++) {
  running.services.pageCache.clear();
  const again = await get();
  if (!again.body.equals(first.body)) throw new Error(`${apiPath} answered differently after the page cache was emptied`);
  uncachedMs.push(again.ms);
}
const file = 'crime-counts.json';
await fs.writeFile(path.join(staticDir, file), first.body);
const parsed = JSON.parse(first.body.toString('utf8')) as { rows: unknown[] };

const ready: CountsReadyMessage = {
  url,
  database: running.services.database.describe,
  nodeEnv: config.env,
  startMs,
  import: { ms: importMs, files: summary.files.length, rows: summary.rowsRead, lsoaPlacesAdded: summary.lsoaPlacesAdded },
  path: apiPath,
  staticPath: countsStaticPrefix + file,
  bytes: first.body.length,
  dataRows: parsed.rows.length,
  firstMs: first.ms,
  uncachedMs,
};
process.stdout.write(countsReadyPrefix + JSON.stringify(ready) + '\n');

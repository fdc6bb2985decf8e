// The server half of bench/public-pages.ts, run as a child process so the load generator does not
// share its event loop. It starts the app through startServer (PGlite in BENCH_DATA_DIR, the demo
// plan seeded into the empty database), loads the generated benchmark data, then serves from the
// same http.Server, beside the app, a static file of exactly the size of each benchmarked page:
// /__bench/static/<name>.html, by express.static from BENCH_STATIC_DIR. When ready it prints one
// line, "BENCH_READY <json>", and stops on SIGTERM, SIGINT or when its stdin closes.
import fs from 'node:fs/promises';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import path from 'node:path';
import express from 'express';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/platform/logging/logger.ts';
import { startServer } from '../../src/server.ts';
import { generateBenchmarkData } from './generate-data.ts';
import { readyPrefix, staticPrefix, type BenchPage, type ReadyMessage } from './protocol.ts';

const dataDir = process.env.BENCH_DATA_DIR;
const staticDir = process.env.BENCH_STATIC_DIR;
const pages = JSON.parse(process.env.BENCH_PAGES ?? '[]') as BenchPage[];
if (!dataDir || !staticDir || !pages.length) throw new Error('BENCH_DATA_DIR, BENCH_STATIC_DIR and BENCH_PAGES are required');

const environment = {
  NODE_ENV: 'production',
  SESSION_SECRET: process.env.BENCH_SESSION_SECRET,
  DATA_DIR: dataDir,
  LOG_LEVEL: 'error',
};
const config = loadConfig(environment, { host: '127.0.0.1', port: 0 });
const logger = createLogger(config.logLevel);

const started = performance.now();
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

const loadStarted = performance.now();
const generated = await generateBenchmarkData(running.services);
const dataLoadMs = performance.now() - loadStarted;

// Route /__bench/static/ to a plain express.static app on the same server; everything else to the
// app exactly as startServer set it up.
const [appListener] = running.server.listeners('request') as RequestListener[];
if (!appListener) throw new Error('the server has no request listener');
const staticApp = express();
staticApp.disable('x-powered-by');
staticApp.use(staticPrefix, express.static(staticDir));
staticApp.use((_req, res) => {
  res.status(404).end();
});
running.server.removeAllListeners('request');
running.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
  if (req.url?.startsWith(staticPrefix)) staticApp(req, res);
  else appListener(req, res);
});

const address = running.server.address();
if (!address || typeof address !== 'object') throw new Error('the server is not listening on a port');
const url = `http://127.0.0.1:${address.port}`;

// Each static file is the page's own HTML as first served (the per-response CSP nonce has a fixed
// length, so every response of the page has this size). The data load emptied the page cache, so
// this first response is rendered from the database: its time is reported too.
const captured: ReadyMessage['pages'] = [];
for (const page of pages) {
  const fetchStarted = performance.now();
  const response = await fetch(url + page.path);
  if (response.status !== 200) throw new Error(`${page.path} answered ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  const firstMs = performance.now() - fetchStarted;
  const file = `${page.name}.html`;
  await fs.writeFile(path.join(staticDir, file), body);
  captured.push({ name: page.name, path: page.path, staticPath: staticPrefix + file, bytes: body.length, firstMs });
}

const ready: ReadyMessage = {
  url,
  database: running.services.database.describe,
  databaseKind: running.services.database.kind,
  nodeEnv: config.env,
  startMs,
  dataLoadMs,
  ...generated,
  pages: captured,
};
process.stdout.write(readyPrefix + JSON.stringify(ready) + '\n');

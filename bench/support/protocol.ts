// What bench/public-pages.ts and its server child (public-pages-server.ts) tell each other.

/** A page to benchmark, by name (also the static file's name) and path. */
export interface BenchPage {
  name: string;
  path: string;
}

/** The child's one line on stdout when it is ready: readyPrefix then this, as JSON. */
export interface ReadyMessage {
  url: string;
  database: string;
  databaseKind: string;
  nodeEnv: string;
  startMs: number;
  dataLoadMs: number;
  measures: number;
  observations: number;
  frequencyChanged: number;
  /** firstMs: the page's first response, rendered from the database (the page cache is empty). */
  pages: { name: string; path: string; staticPath: string; bytes: number; firstMs: number }[];
}

export const readyPrefix = 'BENCH_READY ';
export const staticPrefix = '/__bench/static/';

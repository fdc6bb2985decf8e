// What bench/crime-counts.ts and its server child (crime-counts-server.ts) tell each other.

/** The child's one line on stdout when it is ready: countsReadyPrefix then this, as JSON. */
export interface CountsReadyMessage {
  url: string;
  database: string;
  nodeEnv: string;
  startMs: number;
  import: { ms: number; files: number; rows: number; lsoaPlacesAdded: number };
  /** The API path benchmarked, its static twin, and the body's size in bytes. */
  path: string;
  staticPath: string;
  bytes: number;
  dataRows: number;
  /** The first response after the imports (empty page cache, templates and queries cold). */
  firstMs: number;
  /** Further responses each after emptying the page cache (computed from the database again). */
  uncachedMs: number[];
}

export const countsReadyPrefix = 'BENCH_COUNTS_READY ';
export const countsStaticPrefix = '/__bench/static/';

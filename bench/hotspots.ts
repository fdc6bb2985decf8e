// Benchmark: Getis-Ord Gi* over 1,000,000 points on a 250 m grid of the Bedfordshire force area,
// against plain passes over the same points in the same run. The goal (issue 4): under 1 s.
//
// The study area is what the app uses: the cells whose centre is inside the Bedfordshire force
// polygon (PFA20CD E23000026 in ../shared/data/raw/police-force-areas/police_force_areas.geojson),
// projected to British National Grid with toBng (study-area.ts projectPolygons + cellsInside).
// The points are generated, not real: a fixed-seed PRNG draws Gaussian blobs around Luton, Dunstable
// and Bedford town centres plus a uniform background, all inside the force polygon's bounding box
// (blob points falling outside it are redrawn); points in the box but outside the polygon are
// counted by gridCounts as dropped, as the app does with crimes outside the force area.
//
// Timed, each after a forced garbage collection, after warm-ups, medians (and min) of BENCH_REPS:
//   - baseline: one plain loop summing the 1M points' eastings and northings;
//   - binning only: gridCounts(points, 250, origin (0, 0), { studyArea });
//   - Gi* only (queen neighbourhood, the app's default) on those counts, without and with FDR;
//   - THE GOAL FIGURE: binning + Gi* + FDR (gridCounts then giStar(…, { fdr: true }));
//   - the study area alone (cellsInside on the projected polygon), and the app's whole in-memory
//     path per analysis: study area + binning + Gi* + FDR + topHotspots(20) (hotspots.service.ts
//     also reads the points from the database first; that read is not part of this benchmark).
// Prints absolute ms and the ratios to the baseline. It reports; it never fails on timings.
//
//   npm run bench:hotspots
//   BENCH_POINTS=1000000 BENCH_REPS=7 BENCH_WARMUP=2 BENCH_SEED=20240501 npm run bench:hotspots
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { toBng } from '../src/domains/crime/hotspots/bng.ts';
import { giStar, gridCounts, topHotspots, type BngPoint, type GridCounts } from '../src/domains/crime/hotspots/gi-star.ts';
import { cellsInside, extentOf, projectPolygons } from '../src/domains/crime/hotspots/study-area.ts';

const pointCount = Number(process.env.BENCH_POINTS ?? 1_000_000);
const repetitions = Number(process.env.BENCH_REPS ?? 7);
const warmups = Number(process.env.BENCH_WARMUP ?? 2);
const seed = Number(process.env.BENCH_SEED ?? 20240501);
const cellSize = 250;
const origin = { easting: 0, northing: 0 };
const goalMs = 1000;
const forceCode = 'E23000026';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const boundaryFile = path.resolve(benchDir, '../../shared/data/raw/police-force-areas/police_force_areas.geojson');

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// ---- the generated points ----

/** mulberry32: a small, fixed-seed 32-bit PRNG, uniform in [0, 1). */
function prng(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Blob {
  name: string;
  longitude: number;
  latitude: number;
  /** Standard deviation in metres. */
  sd: number;
  share: number;
}

/** Town centres (approximate, by longitude/latitude); the shares and spreads are made up. */
const blobs: Blob[] = [
  { name: 'Luton centre', longitude: -0.4174, latitude: 51.8787, sd: 500, share: 0.2 },
  { name: 'Luton wider', longitude: -0.4174, latitude: 51.8787, sd: 2000, share: 0.15 },
  { name: 'Bedford centre', longitude: -0.4665, latitude: 52.1359, sd: 450, share: 0.15 },
  { name: 'Bedford wider', longitude: -0.4665, latitude: 52.1359, sd: 1800, share: 0.1 },
  { name: 'Dunstable', longitude: -0.5205, latitude: 51.8859, sd: 700, share: 0.1 },
];
const backgroundShare = 1 - blobs.reduce((n, b) => n + b.share, 0);

function generatePoints(n: number, box: { minE: number; minN: number; maxE: number; maxN: number }): BngPoint[] {
  const random = prng(seed);
  const centres = blobs.map((b) => ({ ...b, ...toBng(b.longitude, b.latitude) }));
  const gaussian = () => {
    // Box–Muller; 1 − u keeps the logarithm finite.
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const points: BngPoint[] = new Array(n);
  for (let i = 0; i < n; i++) {
    let pick = random();
    let blob: (typeof centres)[number] | null = null;
    for (const c of centres) {
      if (pick < c.share) {
        blob = c;
        break;
      }
      pick -= c.share;
    }
    let easting: number;
    let northing: number;
    if (!blob) {
      easting = box.minE + random() * (box.maxE - box.minE);
      northing = box.minN + random() * (box.maxN - box.minN);
    } else {
      do {
        easting = blob.easting + gaussian() * blob.sd;
        northing = blob.northing + gaussian() * blob.sd;
      } while (easting < box.minE || easting >= box.maxE || northing < box.minN || northing >= box.maxN);
    }
    points[i] = { easting, northing };
  }
  return points;
}

// ---- timing ----

const timings = new Map<string, number[]>();

function timed<T>(name: string, work: () => T, record: boolean): T {
  gc();
  const started = performance.now();
  const result = work();
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
const stat = (name: string, f: (v: number[]) => number) => f(timings.get(name) ?? [Number.NaN]);
const pad = (text: string, width: number, left = false) => (left ? text.padEnd(width) : text.padStart(width));
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : 'n/a');

function sumCoordinates(points: readonly BngPoint[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    sum += p.easting + p.northing;
  }
  return sum;
}

// ---- the run ----

function main(): void {
  if (!fs.existsSync(boundaryFile)) throw new Error(`the police force areas file is not at ${boundaryFile}`);
  const geojson = JSON.parse(fs.readFileSync(boundaryFile, 'utf8')) as {
    features: { properties: Record<string, unknown>; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } }[];
  };
  const feature = geojson.features.find((f) => f.properties.PFA20CD === forceCode);
  if (!feature) throw new Error(`${boundaryFile}: no feature with PFA20CD ${forceCode}`);
  const lonLat = (feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates) as [number, number][][][];
  const polygons = projectPolygons(lonLat);
  const extent = extentOf(polygons);
  if (!extent) throw new Error('the force polygon is empty');
  const grid = { cellSize, origin };
  const studyArea = cellsInside(polygons, grid);

  const cpus = os.cpus();
  console.log('Safer Places: Gi* hotspots benchmark');
  console.log(`Machine: ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'}), ${os.platform()} ${os.arch()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at the start`);
  console.log(
    `Study area (real boundary): ${feature.properties.PFA20NM} (${forceCode}), ${studyArea.length.toLocaleString('en-GB')} cells of ${cellSize} m whose centre is inside the polygon; ` +
      `bounding box ${Math.round(extent.maxE - extent.minE).toLocaleString('en-GB')} × ${Math.round(extent.maxN - extent.minN).toLocaleString('en-GB')} m`,
  );
  let started = performance.now();
  const points = generatePoints(pointCount, extent);
  const generateMs = performance.now() - started;
  console.log(
    `Points (generated, not real): ${pointCount.toLocaleString('en-GB')}, seed ${seed}, in ${ms(generateMs)} ms: ` +
      `${blobs.map((b) => `${b.name} ${(b.share * 100).toFixed(0)}% (sd ${b.sd} m)`).join(', ')}, uniform background ${(backgroundShare * 100).toFixed(0)}%`,
  );

  // What the timed parts must produce, checked once.
  const reference: GridCounts = gridCounts(points, cellSize, origin, { studyArea });
  const counted = reference.cells.reduce((n, c) => n + c.count, 0);
  if (counted + reference.dropped !== pointCount) throw new Error(`gridCounts counted ${counted} + dropped ${reference.dropped} of ${pointCount} points`);
  const check = giStar(reference.cells, { cellSize, origin, fdr: true });
  const hot = check.cells.filter((c) => c.bin > 0).length;
  const fdrHot = check.cells.filter((c) => (c.fdrBin ?? 0) > 0).length;
  const cold = check.cells.filter((c) => c.bin < 0).length;
  console.log(
    `Result: ${counted.toLocaleString('en-GB')} points in the study area, ${reference.dropped.toLocaleString('en-GB')} in the box but outside the polygon (dropped); ` +
      `mean ${check.mean.toFixed(2)} a cell, sd ${check.sd.toFixed(2)}; ${hot} hot and ${cold} cold cells at 90%+, ${fdrHot} hot after FDR`,
  );
  console.log(`Repetitions: ${warmups} warm-up then ${repetitions}, each timing after a forced garbage collection; queen neighbourhood.`);
  console.log('');

  let sink = 0;
  for (let rep = 0; rep < warmups + repetitions; rep++) {
    const record = rep >= warmups;
    process.stdout.write(`  ${record ? `repetition ${rep - warmups + 1}` : `warm-up ${rep + 1}`} … `);
    sink += timed('sum', () => sumCoordinates(points), record);
    const counts = timed('bin', () => gridCounts(points, cellSize, origin, { studyArea }), record);
    sink += timed('gi', () => giStar(counts.cells, { cellSize, origin }), record).n;
    sink += timed('giFdr', () => giStar(counts.cells, { cellSize, origin, fdr: true }), record).n;
    sink += timed('binGiFdr', () => giStar(gridCounts(points, cellSize, origin, { studyArea }).cells, { cellSize, origin, fdr: true }), record).n;
    sink += timed('area', () => cellsInside(polygons, grid), record).length;
    sink += timed(
      'whole',
      () => {
        const area = cellsInside(polygons, grid);
        const result = giStar(gridCounts(points, cellSize, origin, { studyArea: area }).cells, { cellSize, origin, fdr: true });
        return topHotspots(result, 20);
      },
      record,
    ).length;
    process.stdout.write('done\n');
  }
  if (!Number.isFinite(sink)) console.log('(unexpected: the checksum is not finite)');

  const base = stat('sum', median);
  const bin = stat('bin', median);
  const header = ['what is timed', 'median ms', 'min ms', '÷ sum pass', '÷ binning'];
  const widths = [78, 10, 10, 11, 10];
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i] ?? 10, i === 0)).join(' | ');
  const row = (label: string, name: string) => {
    const m = stat(name, median);
    console.log(line([label, ms(m), ms(stat(name, (v) => Math.min(...v))), `${(m / base).toFixed(2)}×`, `${(m / bin).toFixed(2)}×`]));
  };
  console.log('');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-+-'));
  row(`baseline: sum the ${pointCount.toLocaleString('en-GB')} points' coordinates in one loop`, 'sum');
  row('binning only: gridCounts over the study area', 'bin');
  row('Gi* only (no FDR), on the counts', 'gi');
  row('Gi* + FDR, on the counts', 'giFdr');
  row('binning + Gi* + FDR  (the goal figure)', 'binGiFdr');
  row('study area only: cellsInside on the projected polygon', 'area');
  row("the service's in-memory path: study area + binning + Gi* + FDR + top 20", 'whole');
  console.log('');
  const goal = stat('binGiFdr', median);
  console.log(`Binning + Gi* + FDR over ${pointCount.toLocaleString('en-GB')} points and ${studyArea.length.toLocaleString('en-GB')} cells: ${ms(goal)} ms, ${(goal / base).toFixed(1)}× the plain sum pass, ${(goal / bin).toFixed(2)}× binning alone.`);
  console.log(`Goal (issue 4: Gi* over 1,000,000 points on a 250 m grid of the force area under ${goalMs} ms): ${goal < goalMs ? 'met' : 'not met'}${pointCount === 1_000_000 ? '' : ` (this run used ${pointCount.toLocaleString('en-GB')} points)`}.`);
}

try {
  main();
} catch (error: unknown) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
}

// `safer import population|boundaries|lookup` through the command's own entry (runCli and main), on
// an embedded data directory: summaries on success; a bad file exits non-zero with one line on stderr.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { main, runCli } from '../../cli/cli.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safer-places-cli-'));
const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

before(() => {
  // About the command, not the engine: the embedded database, whatever this run's DATABASE_URL says.
  process.env.DATABASE_URL = '';
  process.env.DATA_DIR = path.join(dir, 'data');
});
after(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(...args: string[]) {
  const lines: string[] = [];
  const code = await runCli(args, (l) => lines.push(l));
  return { code, text: lines.join('\n') };
}

/** main() as the bin runs it: the exit code it sets and what it writes to stderr. */
async function runMain(...args: string[]) {
  const written: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  const before = process.exitCode;
  process.stderr.write = ((chunk: string) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    await main(args);
    return { code: process.exitCode, stderr: written.join('') };
  } finally {
    process.stderr.write = original;
    process.exitCode = before;
  }
}

test('import population, lookup and boundaries print their summaries; a second run says unchanged', async () => {
  const seeded = await run('seed', 'demo');
  assert.equal(seeded.code, 0);
  const pop = write('pop.csv', '\uFEFF2021 super output area - lower layer,LSOA21CD,Population\r\nLuton 023C,E01033805,"1,650"\r\nNowhere 001A,E01099999,10\r\n,,\r\n');
  const first = await run('import', 'population', pop);
  assert.equal(first.code, 0);
  assert.match(first.text, /LSOAs added 2, updated 0, unchanged 0/);
  assert.match(first.text, /Skipped 1: blank line \(line 4\)/);
  assert.match(first.text, /LSOAs in a local authority 1 \(placed now: 0 by the LSOA lookup, 1 by name\); without a local authority 1/);
  assert.match((await run('import', 'population', pop)).text, /unchanged: nothing to do[\s\S]*LSOAs added 0, updated 0, unchanged 2/);

  const lad = write('lad.csv', '\uFEFFLAD17CD,LAD17NM,CSP17CD,CSP17NM,PFA17CD,PFA17NM,FID\nE06000032,Luton,E22000010,Luton,E23000026,Bedfordshire,1\n');
  const lookup = await run('import', 'lookup', lad);
  assert.equal(lookup.code, 0);
  assert.match(lookup.text, /Re-parented 1: Luton \(E06000032\) from Bedfordshire to Luton \(E22000010\)/);

  const geo = write('b.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { LAD21CD: 'E06000032', LAD21NM: 'Luton' }, geometry: { type: 'Polygon', coordinates: [[[-0.5, 51.8], [-0.4, 51.8], [-0.4, 51.9], [-0.5, 51.8]]] } }] }));
  const boundaries = await run('import', 'boundaries', geo);
  assert.equal(boundaries.code, 0);
  assert.match(boundaries.text, /1 features read \(1 local authority\)[\s\S]*Boundaries added 1, replaced 0, unchanged 0/);
  assert.match(await run('help').then((r) => r.text), /population {2,}Census 2021 population by LSOA[\s\S]*boundaries {2,}boundaries as GeoJSON[\s\S]*lookup {2,}ONS lookup CSV/);
});

test('a bad file exits non-zero with a one-line reason naming file, row and column', async () => {
  const bad = write('bad.csv', 'name,LSOA21CD,Population\nLuton 023C,E01033805,many\n');
  const population = await runMain('import', 'population', bad);
  assert.equal(population.code, 1);
  assert.equal(population.stderr, 'safer: File bad.csv, row 2, column Population: "many" is not a whole number of people; nothing was stored\n');
  const lookup = await runMain('import', 'lookup', write('odd.csv', 'a,b\n1,2\n'));
  assert.equal(lookup.code, 1);
  assert.match(lookup.stderr, /^safer: File odd\.csv, row 1: it is not a lookup this knows[^\n]*\n$/);
  const boundaries = await runMain('import', 'boundaries', write('broken.json', '{"type":'));
  assert.equal(boundaries.code, 1);
  assert.match(boundaries.stderr, /^safer: File broken\.json: it is not JSON[^\n]*\n$/);
  const absent = await runMain('import', 'boundaries', path.join(dir, 'absent.json'));
  assert.deepEqual([absent.code, absent.stderr], [1, `safer: cannot read ${path.join(dir, 'absent.json')}: no such file\n`]);
  const twoFiles = await runMain('import', 'population', bad, bad);
  assert.deepEqual([twoFiles.code, twoFiles.stderr], [1, 'safer: import population takes one file\n']);
});

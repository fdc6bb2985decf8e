// Hotspots over the real 2023 Bedfordshire street crimes, imported through the app with the real
// force area boundary. The expected crime count of the top cell is worked here straight from the
// CSV files (csv-parse, not the app's reader or database), and the cell is checked against places
// whose positions are known independently of the data: Luton and Bedford town centres.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { systemActor } from '../../../platform/audit/audit.service.ts';
import { startTestApp, type TestApp } from '../../../testing/harness.ts';
import { sourcesFromPaths } from '../police-uk/police-uk-import.ts';
import { toBng } from './bng.ts';

const raw = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/data/raw');
const streetFiles = Array.from({ length: 12 }, (_, i) => path.join(raw, 'police-uk-bedfordshire', `2023-${String(i + 1).padStart(2, '0')}`, `2023-${String(i + 1).padStart(2, '0')}-bedfordshire-street.csv`));
const forceAreas = path.join(raw, 'police-force-areas', 'police_force_areas.geojson');
const present = [...streetFiles, forceAreas].every((f) => fs.existsSync(f));

// Town centres from their well-known landmarks (longitude, latitude, WGS84): Luton Town Hall and
// Bedford's St Paul's Church.
const lutonTownHall = toBng(-0.4177, 51.8787);
const bedfordStPauls = toBng(-0.4665, 52.1357);

let app: TestApp;

before(async () => {
  if (!present) return;
  app = await startTestApp();
  await app.services.places.importPlaceFile('boundaries', { name: 'police_force_areas.geojson', content: fs.readFileSync(forceAreas) }, systemActor);
  await app.services.policeUk.importFiles(systemActor, sourcesFromPaths(streetFiles));
});
after(async () => {
  await app?.close();
});

test('2023: the top hotspot is in Luton town centre, a Bedford town centre cell is among the top ten, and the top cell’s count matches the CSV', async (t) => {
  if (!present) {
    if (process.env.CI) assert.fail(`the real files are missing under ${raw}`);
    t.skip(`SKIPPED: the real files are not under ${raw}`);
    return;
  }
  const response = await app.client().get('/api/v1/crime/hotspots?from=2023-01&to=2023-12&cell=250&top=10');
  assert.equal(response.status, 200);
  const body = JSON.parse(response.text) as { studyArea: { kind: string; code: string }; hotspots: { col: number; row: number; crimes: number; z: number; bin: number; centre: { easting: number; northing: number } }[] };
  assert.deepEqual(body.studyArea, { kind: 'force-area', code: 'E23000026', name: 'Bedfordshire' });
  const [top] = body.hotspots;
  assert.ok(top);
  assert.equal(top.bin, 3);
  const distance = (a: { easting: number; northing: number }, b: { easting: number; northing: number }) => Math.hypot(a.easting - b.easting, a.northing - b.northing);
  assert.ok(distance(top.centre, lutonTownHall) < 1000, `top hotspot centre ${JSON.stringify(top.centre)} is ${distance(top.centre, lutonTownHall).toFixed(0)} m from Luton Town Hall`);
  const nearBedford = body.hotspots.filter((h) => distance(h.centre, bedfordStPauls) < 1000);
  assert.ok(nearBedford.length > 0, 'a top-ten hotspot lies within 1 km of Bedford town centre');

  // The top cell's crimes, counted from the CSV text: 2023, every type except anti-social
  // behaviour, with a position, in that 250 m cell, and with an LSOA in Luton.
  let count = 0;
  const lsoaNames = new Set<string>();
  for (const file of streetFiles) {
    const rows = parse(fs.readFileSync(file), { columns: true, bom: true }) as Record<string, string>[];
    for (const r of rows) {
      if (r['Crime type'] === 'Anti-social behaviour' || !r.Longitude || !r.Latitude) continue;
      const p = toBng(Number(r.Longitude), Number(r.Latitude));
      if (Math.floor(p.easting / 250) === top.col && Math.floor(p.northing / 250) === top.row) {
        count++;
        lsoaNames.add((r['LSOA name'] ?? '').replace(/ \d+[A-Z]$/, ''));
      }
    }
  }
  assert.equal(top.crimes, count);
  assert.deepEqual([...lsoaNames], ['Luton']);
});

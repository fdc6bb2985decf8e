// One data-hub submission in its own process, so its peak memory (max RSS) is the submission's and
// nothing else's. Prints one JSON line: { ms, rows, maxRssMb, rssBeforeMb, outcome }: the peak over the
// whole process, and the peak reached before the submission began (loading the code, opening the database).
//
//   node bench/support/submit-once.ts <postgres-url | pglite-dir> <datasetId> <organisationId> <file.csv>
import fs from 'node:fs';
import { openDatabase } from '../../src/platform/db/database.ts';
import { createSubmissionsService } from '../../src/domains/datahub/submissions.service.ts';

const [target, datasetId, organisationId, file] = process.argv.slice(2);
if (!target || !datasetId || !organisationId || !file) throw new Error('usage: submit-once.ts <postgres-url | pglite-dir> <datasetId> <organisationId> <file.csv>');

const database = await openDatabase(target.startsWith('postgres') ? { kind: 'server', url: target } : { kind: 'embedded', dataDir: target });
try {
  const service = createSubmissionsService(database.db, { today: () => '2026-11-26', maxBytes: () => 2 ** 31 });
  const rssBeforeMb = process.resourceUsage().maxRSS / 1024;
  const started = performance.now();
  const result = await service.submit(
    { userId: null, label: 'benchmark' },
    { datasetId: Number(datasetId), organisationId: Number(organisationId), fileName: 'benchmark.csv', stream: fs.createReadStream(file, { highWaterMark: 1024 * 1024 }) },
  );
  const ms = performance.now() - started;
  const rows = result.outcome === 'stored' ? result.submission.rows : 0;
  const detail = result.outcome === 'invalid' ? JSON.stringify(result.check).slice(0, 500) : '';
  console.log(JSON.stringify({ ms, rows, maxRssMb: process.resourceUsage().maxRSS / 1024, rssBeforeMb, outcome: result.outcome, detail }));
} finally {
  await database.close();
}

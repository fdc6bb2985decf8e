// `safer user add --role partner --organisation <org-id>` through the command's own entry (runCli and
// main) on an embedded data directory: a partner needs an organisation; staff act for the office.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { main, runCli, UsageError } from '../../cli/cli.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safer-organisations-cli-'));
const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };

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

test('user add: a partner with --organisation acts for it; without one it is refused; staff act for the office', async () => {
  const seeded = await run('seed', 'demo');
  assert.match(seeded.text, /9 partner organisations/);

  await assert.rejects(run('user', 'add', '--email', 'p@example.org', '--role', 'partner'), (e: unknown) => e instanceof UsageError && /needs --organisation/.test(e.message));
  const refused = await runMain('user', 'add', '--email', 'p@example.org', '--role', 'partner');
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /^safer: a partner user needs --organisation <org-id>/);

  const unknown = await runMain('user', 'add', '--email', 'p@example.org', '--role', 'partner', '--organisation', 'GB-LAE-XXX');
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /^safer: No organisation has the identifier GB-LAE-XXX\n$/);
  const malformed = await runMain('user', 'add', '--email', 'p@example.org', '--role', 'partner', '--organisation', 'Luton');
  assert.equal(malformed.code, 1);
  assert.match(malformed.stderr, /No organisation has the identifier Luton/);

  const partner = await run('user', 'add', '--email', 'p@example.org', '--role', 'partner', '--organisation', 'gb-lae-lut', '--name', 'Pat Partner');
  assert.equal(partner.code, 0);
  assert.match(partner.text, /^Added p@example\.org as partner\. Password \(shown once\): [\w-]{20,}\nActs for Luton Borough Council \(GB-LAE-LUT\)$/);

  const staff = await run('user', 'add', '--email', 'v@example.org', '--role', 'viewer');
  assert.match(staff.text, /Acts for Office of the Police and Crime Commissioner for Bedfordshire \(GB-SAFERPLACES-OPCC-E23000026\)/);
  const misfit = await runMain('user', 'add', '--email', 'w@example.org', '--role', 'viewer', '--organisation', 'GB-LAE-LUT');
  assert.equal(misfit.code, 1);
  assert.match(misfit.stderr, /act for the office's organisation only/);

  assert.match((await run('help')).text, /--organisation ORG-ID/);
});

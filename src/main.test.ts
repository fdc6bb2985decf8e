// The process as a user runs it: npm start on an embedded data directory, Ctrl-C, a second process,
// a restart; and the `safer` command.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safer-main-test-'));
// These tests are about the embedded database, whatever this run's DATABASE_URL says.
const env = { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'development' };
const children: ChildProcess[] = [];

after(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function start(args: string[]) {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, ms = 60_000) => {
    const deadline = Date.now() + ms;
    while (!pattern.test(output)) {
      if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before ${pattern}: ${output}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return output;
  };
  return { child, exited, waitFor, output: () => output };
}

test('first start seeds the demo plan and prints a generated first-run password once; a second process is refused; Ctrl-C stops cleanly; data survives a restart', async () => {
  const first = start(['src/main.ts']);
  const log = await first.waitFor(/serving (http:\/\/localhost:\d+)/);
  const url = /serving (http:\/\/localhost:\d+)/.exec(log)?.[1] ?? '';
  assert.match(log, /loaded the demo plan/);
  const password = /as admin@example\.org with the password ([\w-]+)/.exec(log)?.[1];
  assert.ok(password && password.length >= 20, 'a generated password is printed');
  assert.match(await (await fetch(`${url}/`)).text(), /A Safer and Fairer Bedfordshire/);

  const second = start(['src/main.ts']);
  assert.notEqual(await second.exited, 0);
  assert.match(second.output(), /is in use by another Safer Places process/);

  first.child.kill('SIGINT');
  assert.equal(await first.exited, 0);
  assert.match(first.output(), /stopped cleanly/);
  assert.equal(fs.existsSync(path.join(dataDir, 'safer.lock')), false);

  const again = start(['src/main.ts']);
  const log2 = await again.waitFor(/serving (http:\/\/localhost:\d+)/);
  assert.doesNotMatch(log2, /First run/);
  assert.doesNotMatch(log2, /loaded the demo plan/);
  const url2 = /serving (http:\/\/localhost:\d+)/.exec(log2)?.[1] ?? '';
  assert.equal((await fetch(`${url2}/health`)).status, 200);
  again.child.kill('SIGTERM');
  assert.equal(await again.exited, 0);
});

test('safer: user add, seed demo (idempotent), migrate, and clear errors with exit codes', async () => {
  const run = async (args: string[]) => {
    const p = start(['bin/safer.js', ...args]);
    const code = await p.exited;
    return { code, output: p.output() };
  };
  const added = await run(['user', 'add', '--email', 'Analyst@Example.org', '--role', 'editor']);
  assert.equal(added.code, 0, added.output);
  assert.match(added.output, /Added analyst@example\.org as editor\. Password \(shown once\): [\w-]{20,}/);
  const duplicate = await run(['user', 'add', '--email', 'analyst@example.org', '--role', 'editor']);
  assert.equal(duplicate.code, 1);
  assert.match(duplicate.output, /^safer: A user with the email analyst@example\.org already exists\n$/);
  const badRole = await run(['user', 'add', '--email', 'x@example.org', '--role', 'superuser']);
  assert.equal(badRole.code, 1);
  assert.match(badRole.output, /Role must be one of admin, editor, viewer/);
  const seeded = await run(['seed', 'demo']);
  assert.equal(seeded.code, 0);
  assert.match(seeded.output, /already loaded: nothing changed/);
  assert.equal((await run(['migrate'])).code, 0);
  const unknown = await run(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.output, /unknown command "frobnicate"/);
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { makeZip } from '../../testing/make-zip.ts';
import { isZip, readZipEntries } from './zip.ts';

test('stored and deflated entries come back as written; folders are not entries', () => {
  const zip = makeZip([
    { name: '2024-03/', content: '' },
    { name: '2024-03/2024-03-bedfordshire-street.csv', content: 'Crime ID,Month\r\nabc,2024-03\r\n', deflate: true },
    { name: 'notes.txt', content: 'plain' },
  ]);
  assert.equal(isZip(zip), true);
  const entries = readZipEntries(zip, 'x.zip');
  assert.deepEqual(entries.map((e) => e.name), ['2024-03/2024-03-bedfordshire-street.csv', 'notes.txt']);
  assert.equal(entries[0]?.read().toString(), 'Crime ID,Month\r\nabc,2024-03\r\n');
  assert.equal(entries[1]?.read().toString(), 'plain');
});

test('what is not a zip, or a damaged one, is refused naming the file', () => {
  assert.equal(isZip(Buffer.from('Crime ID,Month')), false);
  assert.throws(() => readZipEntries(Buffer.from('not a zip at all, just some text that is long enough'), 'a.zip'), /a\.zip is not a zip file/);
  const zip = makeZip([{ name: 'a.csv', content: 'hello', deflate: true }]);
  const damaged = Buffer.from(zip);
  damaged.writeUInt32LE(999, 30 + 5 + 7 - 4 + 0); // overwrite some compressed bytes
  assert.throws(() => readZipEntries(damaged, 'b.zip')[0]?.read(), /b\.zip: a\.csv (could not be decompressed|decompressed to)/);
});

test('a zip made by the system zip tool reads back (when zip is installed)', (t) => {
  let hasZip = true;
  try {
    execFileSync('zip', ['-v'], { stdio: 'ignore' });
  } catch {
    hasZip = false;
  }
  if (!hasZip) {
    t.skip('SKIPPED: no zip command on this machine; the hand-built archives above cover the format');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-'));
  fs.mkdirSync(path.join(dir, '2024-03'));
  fs.writeFileSync(path.join(dir, '2024-03', 'a.csv'), 'x,y\n'.repeat(1000));
  execFileSync('zip', ['-qr', 'out.zip', '2024-03'], { cwd: dir });
  const entries = readZipEntries(fs.readFileSync(path.join(dir, 'out.zip')));
  assert.deepEqual(entries.map((e) => [e.name, e.read().length]), [['2024-03/a.csv', 4000]]);
  fs.rmSync(dir, { recursive: true, force: true });
});

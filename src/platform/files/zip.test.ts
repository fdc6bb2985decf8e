import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import { isZip, readZipEntries } from './zip.ts';

/** A minimal zip writer for the tests: stored or deflated entries, a folder entry. */
function makeZip(files: { name: string; content: string; deflate?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const raw = Buffer.from(f.content);
    const data = f.deflate ? deflateRawSync(raw) : raw;
    const name = Buffer.from(f.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(f.deflate ? 8 : 0, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(f.deflate ? 8 : 0, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

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

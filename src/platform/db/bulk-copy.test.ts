import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CopyPiece } from './bulk-copy.ts';

test('a COPY piece writes numbers, ASCII and any other text as UTF-8, grows as needed and starts again empty', () => {
  const piece = new CopyPiece();
  for (const n of [0, 7, 10, 99, 100, 123_456_789, Number.MAX_SAFE_INTEGER]) {
    piece.int(n);
    piece.byte(44);
  }
  piece.text('"E01000001",');
  piece.textRange('xx2024-01yy', 2, 9);
  piece.byte(10);
  piece.text('Ynys Môn, “quoted”, 🚓');
  piece.textRange('ab café cd', 3, 7);
  assert.equal(piece.take().toString('utf8'), `0,7,10,99,100,123456789,${Number.MAX_SAFE_INTEGER},"E01000001",2024-01\nYnys Môn, “quoted”, 🚓café`);
  assert.equal(piece.length, 0, 'empty after take');
  assert.throws(() => piece.int(-1), /not a whole number/);
  assert.throws(() => piece.int(1.5), /not a whole number/);
  // Past its first 256 KB: it grows, and keeps what it had.
  const row = 'x'.repeat(999) + '\n';
  const source = Buffer.from(row.repeat(400));
  for (let i = 0; i < 400; i++) piece.span(source, i * 1000, (i + 1) * 1000);
  const taken = piece.take();
  assert.equal(taken.length, 400_000);
  assert.ok(taken.equals(source));
});

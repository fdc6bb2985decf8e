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
  for (let i = 0; i < 400; i++) piece.text(row);
  const taken = piece.take();
  assert.equal(taken.length, 400_000);
  assert.equal(taken.toString('latin1'), row.repeat(400));
});

test('binary fields: big-endian lengths and values, NULL as -1, text by its UTF-8 length, across growth', () => {
  const piece = new CopyPiece();
  piece.tuple(3);
  piece.int4Field(258);
  piece.nullField();
  piece.textField('é');
  assert.deepEqual([...piece.take()], [0, 3, 0, 0, 0, 4, 0, 0, 1, 2, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 2, 0xc3, 0xa9]);
  piece.dateField('2000-01-02');
  piece.timestamptzField(Date.UTC(2000, 0, 1) + 1.5);
  piece.boolField(true);
  piece.float8Field(1);
  assert.deepEqual([...piece.take()], [0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0x05, 0xdc, 0, 0, 0, 1, 1, 0, 0, 0, 8, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0]);
  // Bytes from a source: in fours and then one at a time, from any offset.
  const source = Buffer.from('abcdefghijŵ');
  for (const [from, to] of [[0, 0], [0, 3], [1, 5], [2, 11], [0, 12], [10, 12]] as const) {
    piece.bytesField(source, from, to);
    const taken = piece.take();
    assert.equal(taken.readInt32BE(0), to - from);
    assert.ok(taken.subarray(4).equals(source.subarray(from, to)), `${from}–${to}`);
  }
  // Past its first 256 KB, with the length of each text written where it began.
  const text = `${'x'.repeat(996)}ŵ`;
  for (let i = 0; i < 300; i++) piece.textField(text);
  const taken = piece.take();
  assert.equal(taken.length, 300 * 1002);
  for (let i = 0; i < 300; i++) assert.equal(taken.readInt32BE(i * 1002), 998);
  assert.equal(taken.subarray(4, 1002).toString('utf8'), text);
});

test('fixed-size binary fields written as the piece grows land in the grown buffer', () => {
  const kinds = [
    { size: 8, write: (piece: CopyPiece, i: number) => piece.int4Field(i), read: (b: Buffer, at: number) => b.readInt32BE(at + 4), value: (i: number) => i },
    { size: 12, write: (piece: CopyPiece, i: number) => piece.float8Field(i / 2), read: (b: Buffer, at: number) => b.readDoubleBE(at + 4), value: (i: number) => i / 2 },
    { size: 5, write: (piece: CopyPiece, i: number) => piece.boolField(i % 2 === 0), read: (b: Buffer, at: number) => b[at + 4], value: (i: number) => (i % 2 === 0 ? 1 : 0) },
  ];
  for (const { size, write, read, value } of kinds) {
    const piece = new CopyPiece(); // each from its first 256 KB, so that each kind meets the growth
    for (let i = 0; i < 100_000; i++) write(piece, i);
    const taken = piece.take();
    assert.equal(taken.length, 100_000 * size);
    for (let i = 0; i < 100_000; i++) assert.equal(read(taken, i * size), value(i), `field ${i} of ${size} bytes`);
  }
});

// Paper uploads: accepted only when content and extension agree; names made safe; download headers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeZip } from '../../testing/make-zip.ts';
import { checkPaperFile, contentDisposition, PaperFileError, paperHeaders, sanitiseFileName, sniffPaper } from './papers.ts';

const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(20)]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(20)]);
const ooxml = (main: string) => makeZip([{ name: '[Content_Types].xml', content: `<Types><Override PartName="/x.xml" ContentType="application/vnd.openxmlformats-officedocument.${main}.main+xml"/></Types>`, deflate: true }, { name: 'x.xml', content: '<x/>' }]);
const odf = (kind: string) => makeZip([{ name: 'mimetype', content: `application/vnd.oasis.opendocument.${kind}` }, { name: 'content.xml', content: '<x/>' }]);

const refused = (name: string, content: Buffer, reason: PaperFileError['reason'], max?: number) =>
  assert.throws(() => checkPaperFile({ name, content }, max), (e: unknown) => e instanceof PaperFileError && e.reason === reason, name);

test('accepted: each type by its content and a matching extension', () => {
  assert.equal(checkPaperFile({ name: 'a.PDF', content: pdf }), 'pdf');
  assert.equal(checkPaperFile({ name: 'a.docx', content: ooxml('wordprocessingml.document') }), 'docx');
  assert.equal(checkPaperFile({ name: 'a.xlsx', content: ooxml('spreadsheetml.sheet') }), 'xlsx');
  assert.equal(checkPaperFile({ name: 'a.pptx', content: ooxml('presentationml.presentation') }), 'pptx');
  assert.equal(checkPaperFile({ name: 'a.odt', content: odf('text') }), 'odt');
  assert.equal(checkPaperFile({ name: 'a.ods', content: odf('spreadsheet') }), 'ods');
  assert.equal(checkPaperFile({ name: 'a.csv', content: Buffer.from('area,count\nLuton,3\n') }), 'csv');
  assert.equal(checkPaperFile({ name: 'a.txt', content: Buffer.from('Café notes – 2026\n') }), 'txt');
  assert.equal(checkPaperFile({ name: 'a.png', content: png }), 'png');
  assert.equal(checkPaperFile({ name: 'a.jpeg', content: jpeg }), 'jpeg');
  assert.equal(checkPaperFile({ name: 'a.jpg', content: jpeg }), 'jpeg');
});

test('refused: markup, scripts, other zips, binary, mismatched names, empty and oversized files', () => {
  refused('a.pdf', Buffer.from('<html><body>hi</body></html>'), 'type');
  refused('a.html', Buffer.from('<!doctype html><p>hi'), 'type');
  refused('a.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'type');
  refused('a.txt', Buffer.from('<?xml version="1.0"?><a/>'), 'type');
  refused('a.csv', Buffer.from('a,b\n"<script>alert(1)</script>",2\n'), 'type');
  refused('a.js', Buffer.from('alert(1)'), 'mismatch');
  refused('a.docm', makeZip([{ name: '[Content_Types].xml', content: '<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>' }]), 'type');
  refused('a.zip', makeZip([{ name: 'a.txt', content: 'x' }]), 'type');
  refused('a.exe', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]), 'type');
  refused('a.txt', Buffer.from([0xc3, 0x28]), 'type');
  refused('a.png', pdf, 'mismatch');
  refused('report', pdf, 'mismatch');
  refused('a.pdf', Buffer.alloc(0), 'empty');
  refused('a.pdf', Buffer.concat([pdf, Buffer.alloc(100)]), 'too-large', 50);
  assert.equal(sniffPaper(Buffer.from('GIF89a')), 'text', 'GIF bytes read as text; refused unless named .txt/.csv');
  refused('a.gif', Buffer.from('GIF89a'), 'mismatch');
});

test('file names: folders, control characters and quotes removed; length capped with the extension kept', () => {
  assert.equal(sanitiseFileName('../../etc/passwd".pdf'), 'passwd.pdf');
  assert.equal(sanitiseFileName('C:\\Users\\me\\Report\u0000\u0007\r\n.pdf'), 'Report.pdf');
  assert.equal(sanitiseFileName("it's \"quoted\"; <b>.docx"), 'its quoted b.docx');
  assert.equal(sanitiseFileName('...hidden.pdf'), 'hidden.pdf');
  assert.equal(sanitiseFileName('../'), 'paper');
  const long = sanitiseFileName(`${'x'.repeat(300)}.pdf`);
  assert.equal(long.length, 150);
  assert.ok(long.endsWith('.pdf'));
  assert.equal(sanitiseFileName('Rapport café.pdf'), 'Rapport café.pdf');
});

test('download headers: inline for images only, attachment otherwise (PDF can carry script), always nosniff and a sandbox CSP', () => {
  assert.match(paperHeaders({ fileName: 'a.pdf', mediaType: 'application/pdf', sizeBytes: 10 }, false)['Content-Disposition'] ?? '', /^attachment;/);
  assert.equal(contentDisposition('Rapport café.pdf', true), `inline; filename="Rapport caf_.pdf"; filename*=UTF-8''Rapport%20caf%C3%A9.pdf`);
  const csv = paperHeaders({ fileName: 'a.csv', mediaType: 'text/csv; charset=utf-8', sizeBytes: 10 }, true);
  assert.match(csv['Content-Disposition'] ?? '', /^attachment;/);
  assert.equal(csv['X-Content-Type-Options'], 'nosniff');
  assert.equal(csv['Content-Security-Policy'], "sandbox; default-src 'none'");
  assert.match(csv['Cache-Control'] ?? '', /^private/);
  const png = paperHeaders({ fileName: 'a.png', mediaType: 'image/png', sizeBytes: 10 }, false);
  assert.match(png['Content-Disposition'] ?? '', /^inline;/);
  const odd = paperHeaders({ fileName: 'a.html', mediaType: 'text/html', sizeBytes: 10 }, false);
  assert.equal(odd['Content-Type'], 'application/octet-stream', 'a media type not on the list is never served as itself');
  assert.match(odd['Content-Disposition'] ?? '', /^attachment;/);
});

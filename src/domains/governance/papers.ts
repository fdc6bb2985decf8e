// Meeting papers: which files we accept, told by their content AND their extension (both must agree),
// how an uploaded name is made safe, and the headers a paper is served with. Pure: no I/O.
//
// Accepted: PDF, Word/Excel/PowerPoint (OOXML zips with the matching [Content_Types].xml), OpenDocument
// text and spreadsheets (zips whose first entry is the mimetype), CSV and plain text (valid UTF-8 with
// no markup), PNG and JPEG. Everything else — HTML, SVG, XML, scripts, executables — is refused, so
// nothing we serve can run in a browser; downloads carry nosniff and a sandboxing CSP besides.
import { isZip, readZipEntries, ZipError } from '../../platform/files/zip.ts';

/** The largest paper accepted, unless the caller sets another limit. */
export const defaultMaxPaperBytes = 20 * 1024 * 1024;

export interface PaperType {
  mediaType: string;
  label: string;
  extensions: readonly string[];
  /** Shown in the browser (Content-Disposition: inline) rather than always downloaded: only types that cannot carry script. */
  inline: boolean;
}

export const paperTypes = {
  // PDF can carry script (PDF JavaScript, forms, launch actions): always downloaded, never shown inline.
  pdf: { mediaType: 'application/pdf', label: 'PDF', extensions: ['pdf'], inline: false },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word document', extensions: ['docx'], inline: false },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel spreadsheet', extensions: ['xlsx'], inline: false },
  pptx: { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint presentation', extensions: ['pptx'], inline: false },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', label: 'OpenDocument text', extensions: ['odt'], inline: false },
  ods: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', label: 'OpenDocument spreadsheet', extensions: ['ods'], inline: false },
  csv: { mediaType: 'text/csv; charset=utf-8', label: 'CSV', extensions: ['csv'], inline: false },
  txt: { mediaType: 'text/plain; charset=utf-8', label: 'Plain text', extensions: ['txt'], inline: false },
  png: { mediaType: 'image/png', label: 'PNG image', extensions: ['png'], inline: true },
  jpeg: { mediaType: 'image/jpeg', label: 'JPEG image', extensions: ['jpg', 'jpeg'], inline: true },
} as const satisfies Record<string, PaperType>;
export type PaperKind = keyof typeof paperTypes;

/** What the upload form says is accepted. */
export const acceptedTypesText = 'PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument (.odt, .ods), CSV, plain text (.txt), PNG or JPEG';
export const acceptAttribute = '.pdf,.docx,.xlsx,.pptx,.odt,.ods,.csv,.txt,.png,.jpg,.jpeg';

const byMediaType = new Map<string, PaperType>(Object.values(paperTypes).map((t) => [t.mediaType, t]));
/** The type of a stored media type (only ever one of ours), for serving. */
export function paperTypeOf(mediaType: string): PaperType | null {
  return byMediaType.get(mediaType) ?? null;
}

export class PaperFileError extends Error {
  readonly reason: 'empty' | 'too-large' | 'type' | 'mismatch';
  constructor(reason: PaperFileError['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

const ooxmlMain: Record<'docx' | 'xlsx' | 'pptx', string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
};
// Macro-enabled variants (docm, xlsm, pptm) use other main types and so are refused.

/** Markup that a browser could render as a page or run: refused even inside a .txt or .csv. */
const markup = /<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|\?xml|meta|link|style|img|a\s|form|math)\b/i;

function sniffZip(content: Buffer): PaperKind | null {
  let entries;
  try {
    entries = readZipEntries(content, 'the file');
  } catch (error) {
    if (error instanceof ZipError) return null;
    throw error;
  }
  // OpenDocument: the first entry is "mimetype", stored, holding the media type.
  const first = entries[0];
  if (first?.name === 'mimetype' && first.size < 200) {
    const type = readSmall(first)?.trim();
    if (type === paperTypes.odt.mediaType) return 'odt';
    if (type === paperTypes.ods.mediaType) return 'ods';
    return null;
  }
  const types = entries.find((e) => e.name === '[Content_Types].xml');
  if (!types || types.size > 1024 * 1024) return null;
  const xml = readSmall(types);
  if (!xml) return null;
  for (const kind of ['docx', 'xlsx', 'pptx'] as const) {
    if (xml.includes(`ContentType="${ooxmlMain[kind]}"`)) return kind;
  }
  return null;
}

function readSmall(entry: { read(): Buffer }): string | null {
  try {
    return entry.read().toString('utf8');
  } catch {
    return null;
  }
}

function isUtf8Text(content: Buffer): boolean {
  if (content.includes(0)) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return false;
  }
  // Other control characters than tab, newlines and form feed mean it is not text.
  // eslint-disable-next-line no-control-regex
  if (/[\x01-\x08\x0b\x0e-\x1f\x7f]/.test(text)) return false;
  return !markup.test(text);
}

/** What the content is, by its bytes alone (null: not a type we accept). */
export function sniffPaper(content: Buffer): PaperKind | 'text' | null {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (content.length >= 8 && content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'jpeg';
  if (isZip(content)) return sniffZip(content);
  if (isUtf8Text(content)) return 'text';
  return null;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * Checks an upload: not empty, not over the limit, content of an accepted type, and an extension
 * that agrees with the content. Returns the type; throws PaperFileError with words for the form.
 */
export function checkPaperFile(file: { name: string; content: Buffer; truncated?: boolean }, maxBytes = defaultMaxPaperBytes): PaperKind {
  const mb = (maxBytes / 1024 / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 });
  if (file.truncated || file.content.length > maxBytes) throw new PaperFileError('too-large', `The file is larger than ${mb} MB, the most a paper may be`);
  if (file.content.length === 0) throw new PaperFileError('empty', 'The file is empty');
  const extension = extensionOf(file.name);
  const sniffed = sniffPaper(file.content);
  if (sniffed === null) throw new PaperFileError('type', `The file is not one of the types accepted: ${acceptedTypesText}. Web pages, SVG, XML and scripts are never accepted`);
  if (sniffed === 'text') {
    if (extension === 'csv') return 'csv';
    if (extension === 'txt') return 'txt';
    throw new PaperFileError('mismatch', 'The file holds plain text: only a .csv or .txt name is accepted for text');
  }
  const type: PaperType = paperTypes[sniffed];
  if (!type.extensions.includes(extension)) {
    throw new PaperFileError('mismatch', `The file’s content is ${type.label} but its name ends .${extension || '(nothing)'}: give it the name ending .${type.extensions[0]}`);
  }
  return sniffed;
}

/**
 * The uploaded name made safe for Content-Disposition: no folders (either slash), no control
 * characters, no quotes or backslashes, at most 150 characters (the extension kept).
 */
export function sanitiseFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let clean = base.replace(/[\u0000-\u001f\u007f-\u009f"'`;<>|*?:\u2028\u2029]/g, '').replace(/\s+/g, ' ').trim();
  clean = clean.replace(/^\.+/, '');
  const max = 150;
  if (clean.length > max) {
    const extension = extensionOf(clean);
    const keep = extension && extension.length <= 10 ? `.${extension}` : '';
    clean = clean.slice(0, max - keep.length) + keep;
  }
  return clean || 'paper';
}

/** The Content-Disposition header for a stored paper: an ASCII fallback and the UTF-8 name. */
export function contentDisposition(fileName: string, inline: boolean): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Every header a paper download carries, whatever its type. */
export function paperHeaders(paper: { fileName: string; mediaType: string; sizeBytes: number }, restricted: boolean): Record<string, string> {
  const type = paperTypeOf(paper.mediaType);
  return {
    'Content-Type': type?.mediaType ?? 'application/octet-stream',
    'Content-Disposition': contentDisposition(paper.fileName, type?.inline ?? false),
    'Content-Length': String(paper.sizeBytes),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "sandbox; default-src 'none'",
    'Cache-Control': restricted ? 'private, no-store' : 'public, max-age=300',
  };
}

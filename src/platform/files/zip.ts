// Reads the entries of a zip archive held in memory (data.police.uk hands out its downloads as zips
// of YYYY-MM/ folders). Stored and deflated entries; no encryption, no ZIP64, no multi-part archives.
import { inflateRawSync } from 'node:zlib';

export class ZipError extends Error {}

export interface ZipEntry {
  name: string; // path inside the archive, "/"-separated
  size: number;
  read(): Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

export function isZip(content: Buffer): boolean {
  return content.length >= 4 && content.readUInt32LE(0) === LOCAL_FILE_HEADER;
}

export function readZipEntries(content: Buffer, zipName = 'the zip file'): ZipEntry[] {
  // The end record sits in the last 22 bytes plus up to 65,535 bytes of comment.
  let end = -1;
  for (let i = content.length - 22; i >= Math.max(0, content.length - 22 - 65535); i--) {
    if (content.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError(`${zipName} is not a zip file (no central directory found)`);
  const count = content.readUInt16LE(end + 10);
  let offset = content.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new ZipError(`${zipName} is a ZIP64 archive, which is not supported: unzip it and import the folder`);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > content.length || content.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) throw new ZipError(`${zipName}: the central directory is damaged at entry ${n + 1}`);
    const flags = content.readUInt16LE(offset + 8);
    const method = content.readUInt16LE(offset + 10);
    const compressedSize = content.readUInt32LE(offset + 20);
    const size = content.readUInt32LE(offset + 24);
    const nameLength = content.readUInt16LE(offset + 28);
    const extraLength = content.readUInt16LE(offset + 30);
    const commentLength = content.readUInt16LE(offset + 32);
    const localOffset = content.readUInt32LE(offset + 42);
    const name = content.subarray(offset + 46, offset + 46 + nameLength).toString(flags & 0x800 ? 'utf8' : 'latin1');
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue; // a folder
    entries.push({
      name,
      size,
      read() {
        if (flags & 0x1) throw new ZipError(`${zipName}: ${name} is encrypted`);
        if (content.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) throw new ZipError(`${zipName}: ${name} has no local header where the directory says`);
        const start = localOffset + 30 + content.readUInt16LE(localOffset + 26) + content.readUInt16LE(localOffset + 28);
        const data = content.subarray(start, start + compressedSize);
        let out: Buffer;
        if (method === 0) out = Buffer.from(data);
        else if (method === 8) {
          try {
            out = inflateRawSync(data);
          } catch (error) {
            throw new ZipError(`${zipName}: ${name} could not be decompressed (${(error as Error).message})`);
          }
        } else throw new ZipError(`${zipName}: ${name} uses compression method ${method}; only stored and deflated entries are supported`);
        if (out.length !== size) throw new ZipError(`${zipName}: ${name} decompressed to ${out.length} bytes, not the ${size} the archive says`);
        return out;
      },
    });
  }
  return entries;
}

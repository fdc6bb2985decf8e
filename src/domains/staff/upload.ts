// Reads a multipart form with one file into memory, refusing files over the limit before storing
// anything. Fields come back as strings; the caller checks CSRF from them.
import busboy from 'busboy';
import type { Request } from 'express';
import { HttpError } from '../../platform/http/errors.ts';

export interface UploadedForm {
  fields: Record<string, string>;
  file: { name: string; content: Buffer; truncated: boolean } | null;
}

export function readUpload(req: Request, maxBytes: number): Promise<UploadedForm> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 10_000 } });
    } catch {
      reject(new HttpError(400, 'Choose a file to upload (the form was not sent as a file upload)'));
      return;
    }
    const fields: Record<string, string> = {};
    let file: UploadedForm['file'] = null;
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      let truncated = false;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        truncated = true;
      });
      stream.on('close', () => {
        file = { name: info.filename ?? 'upload.csv', content: truncated ? Buffer.alloc(0) : Buffer.concat(chunks), truncated };
      });
    });
    parser.on('error', (error) => reject(new HttpError(400, `The upload could not be read: ${(error as Error).message}`)));
    parser.on('close', () => resolve({ fields, file }));
    req.pipe(parser);
  });
}

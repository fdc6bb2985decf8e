// The COPY records of a submission's rows (submission_rows, FORMAT csv): numbers and labels as
// PostgreSQL array literals.
import type { CheckedRow } from './submission-input.ts';

/** A PostgreSQL array literal for COPY: numbers as written, text quoted, null as NULL. */
export function pgArray(values: readonly (number | string | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`array: ${v} is not a finite number`);
      out += String(v);
    } else out += `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  }
  return `${out}}`;
}

export const csvQuoted = (text: string) => `"${text.includes('"') ? text.replaceAll('"', '""') : text}"`;

/**
 * One submission_rows record for COPY (FORMAT csv), built directly: the same text csvRecord and
 * pgArray make, without their per-value dispatch (a million-row submission builds a million of them).
 */
export function submissionRowRecord(submissionId: number, row: CheckedRow, quotedCode: (code: string) => string): string {
  let numbers = '"{';
  const values = row.numbers;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) numbers += ',';
    if (v === null || v === undefined) numbers += 'NULL';
    else if (Number.isFinite(v)) numbers += v;
    else throw new Error(`array: ${v} is not a finite number`);
  }
  const labels = row.labels.length ? csvQuoted(pgArray(row.labels)) : '"{}"';
  return `${submissionId},${row.line},${quotedCode(row.placeCode)},${csvQuoted(row.period)},${numbers}}",${labels}\n`;
}


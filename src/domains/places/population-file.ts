// Census 2021 usual residents by LSOA, from either the clean CSV or the raw Nomis bulk output (title
// lines, quoted fields, a blank line, a disclosure footer), with BOMs, CRLF and thousands separators
// inside quotes. Pure: text in, rows or problems out (by row and column), nothing half-read.
import { parse } from 'csv-parse/sync';

export interface PopulationRow {
  code: string; // GSS code (E01… / W01…)
  name: string;
  population: number;
  row: number;
}

export interface PopulationFile {
  rows: PopulationRow[];
  skipped: { row: number; reason: string }[]; // title, blank and footer lines: said, not silently lost
  problems: { row: number | null; column: string | null; message: string }[];
}

const codePattern = /^[EWSN]\d{8}$/;

export function readPopulationFile(content: Buffer, fileName = 'the file'): PopulationFile {
  const text = new TextDecoder('utf-8').decode(content).replace(/^\uFEFF/, '');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: false, info: true, relax_quotes: true }) as unknown as typeof records;
  } catch (error) {
    return { rows: [], skipped: [], problems: [{ row: null, column: null, message: `${fileName} is not readable as CSV: ${(error as Error).message}` }] };
  }
  // The header is the first line naming an LSOA code column ("LSOA21CD", "mnemonic", "LSOA code").
  const headerIndex = records.findIndex(({ record }) => record.some((cell) => /^(lsoa(21)?cd|lsoa code|mnemonic|geography code)$/i.test(cell.trim())));
  if (headerIndex < 0) return { rows: [], skipped: [], problems: [{ row: null, column: null, message: `${fileName} has no header naming the LSOA code column (LSOA21CD or mnemonic)` }] };
  const header = (records[headerIndex] as { record: string[] }).record.map((h) => h.trim());
  const codeColumn = header.findIndex((h) => /^(lsoa(21)?cd|lsoa code|mnemonic|geography code)$/i.test(h));
  const nameColumn = header.findIndex((h, i) => i !== codeColumn && /(super output area|lsoa.*(nm|name))/i.test(h));
  const valueColumn = header.findIndex((h, i) => i !== codeColumn && i !== nameColumn && /^(population|all usual residents|observation|2021|all ages)$/i.test(h));
  const problems: PopulationFile['problems'] = [];
  if (valueColumn < 0) problems.push({ row: (records[headerIndex] as { info: { lines: number } }).info.lines, column: null, message: `${fileName} has no population column (Population, or 2021 in Nomis output)` });
  const rows: PopulationRow[] = [];
  const skipped: PopulationFile['skipped'] = [];
  const seen = new Map<string, number>();
  records.forEach(({ record, info }, index) => {
    const row = info.lines;
    if (index <= headerIndex) {
      if (index < headerIndex) skipped.push({ row, reason: 'title line before the header' });
      return;
    }
    const code = (record[codeColumn] ?? '').trim();
    if (!code) {
      // Blank lines and the disclosure footer have no code.
      skipped.push({ row, reason: record.join('').trim() ? 'footer note' : 'blank line' });
      return;
    }
    if (!codePattern.test(code) && !(record[valueColumn] ?? '').trim()) {
      // The Nomis disclosure note runs across the code column, with no number: a note, not data.
      skipped.push({ row, reason: 'footer note' });
      return;
    }
    if (!codePattern.test(code)) {
      problems.push({ row, column: header[codeColumn] ?? 'code', message: `"${code}" is not a GSS code` });
      return;
    }
    const rawValue = (record[valueColumn] ?? '').trim();
    const value = Number(rawValue.replaceAll(',', ''));
    if (!/^\d{1,3}(,\d{3})*$|^\d+$/.test(rawValue) || !Number.isFinite(value)) {
      problems.push({ row, column: header[valueColumn] ?? 'population', message: `"${rawValue}" is not a whole number of people` });
      return;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      problems.push({ row, column: header[codeColumn] ?? 'code', message: `${code} appears more than once (first on row ${first})` });
      return;
    }
    seen.set(code, row);
    rows.push({ code, name: (record[nameColumn] ?? '').trim(), population: value, row });
  });
  return problems.length ? { rows: [], skipped, problems } : { rows, skipped, problems };
}

// The two ONS lookups, told apart by their header: LAD → community safety partnership → police force
// area (LAD17CD,LAD17NM,CSP17CD,CSP17NM,PFA17CD,PFA17NM,FID) and the best-fit LSOA 2011 → 2021 lookup
// (LSOA11CD,LSOA11NM,LSOA21CD,LSOA21NM,LAD22CD,LAD22NM,LAD22NMW,ObjectId). BOMs, CRLF and quoted names
// with commas are fine. Pure: bytes in, rows or problems (by row and column) out, nothing half-read.
import { parse } from 'csv-parse/sync';

export interface LookupProblem {
  row: number | null;
  column: string | null;
  message: string;
}

export interface LadCspPfaRow {
  row: number;
  ladCode: string;
  ladName: string;
  cspCode: string;
  cspName: string;
  pfaCode: string;
  pfaName: string;
}

export interface Lsoa11To21Row {
  row: number;
  lsoa11Code: string;
  lsoa11Name: string;
  lsoa21Code: string;
  lsoa21Name: string;
  ladCode: string;
  ladName: string;
}

export type LookupFile =
  | { kind: 'lad-csp-pfa'; rows: LadCspPfaRow[]; problems: LookupProblem[]; columns: { lad: string; csp: string; pfa: string } }
  | { kind: 'lsoa-2011-2021'; rows: Lsoa11To21Row[]; problems: LookupProblem[] }
  | { kind: null; rows: []; problems: LookupProblem[] };

// Year digits vary between editions (LAD17CD, LAD21CD…); the shape does not.
const ladCspPfaColumns = [/^LAD\d\dCD$/i, /^LAD\d\dNM$/i, /^CSP\d\dCD$/i, /^CSP\d\dNM$/i, /^PFA\d\dCD$/i, /^PFA\d\dNM$/i];
const lsoaColumns = [/^LSOA11CD$/i, /^LSOA11NM$/i, /^LSOA21CD$/i, /^LSOA21NM$/i, /^LAD\d\dCD$/i, /^LAD\d\dNM$/i];

/** GSS code prefixes each column must have. */
const prefixes = {
  lad: /^(E0[6-9]|W06)\d{6}$/,
  csp: /^(E22|W14|W22)\d{6}$/, // Welsh CSPs are W14 in the ONS lookups
  pfa: /^(E23|W15)\d{6}$/,
  lsoa: /^(E01|W01)\d{6}$/,
};

function columnIndexes(header: string[], patterns: RegExp[]): number[] | null {
  const indexes = patterns.map((p) => header.findIndex((h) => p.test(h)));
  return indexes.every((i) => i >= 0) ? indexes : null;
}

export function readLookupFile(content: Buffer, fileName = 'the file'): LookupFile {
  const text = new TextDecoder('utf-8').decode(content).replace(/^\uFEFF/, '');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    return { kind: null, rows: [], problems: [{ row: null, column: null, message: `${fileName} is not readable as CSV: ${(error as Error).message}` }] };
  }
  const header = (records[0]?.record ?? []).map((h) => h.trim());
  const ladCsp = columnIndexes(header, ladCspPfaColumns);
  const lsoa = columnIndexes(header, lsoaColumns);
  const problems: LookupProblem[] = [];
  const cell = (record: string[], index: number) => (record[index] ?? '').trim();
  const check = (row: number, record: string[], index: number, pattern: RegExp | null, what: string): string => {
    const value = cell(record, index);
    const column = header[index] ?? `column ${index + 1}`;
    if (!value) problems.push({ row, column, message: `${column} is empty` });
    else if (pattern && !pattern.test(value)) problems.push({ row, column, message: `"${value}" is not ${what}` });
    return value;
  };

  if (ladCsp) {
    const [lad, ladNm, csp, cspNm, pfa, pfaNm] = ladCsp as [number, number, number, number, number, number];
    const rows: LadCspPfaRow[] = [];
    const ladSeen = new Map<string, number>();
    const cspForce = new Map<string, { pfa: string; row: number }>();
    for (const { record, info } of records.slice(1)) {
      const row = info.lines;
      const before = problems.length;
      const r: LadCspPfaRow = {
        row,
        ladCode: check(row, record, lad, prefixes.lad, 'a local authority district code (E06–E09, W06)'),
        ladName: check(row, record, ladNm, null, ''),
        cspCode: check(row, record, csp, prefixes.csp, 'a community safety partnership code (E22, W14, W22)'),
        cspName: check(row, record, cspNm, null, ''),
        pfaCode: check(row, record, pfa, prefixes.pfa, 'a police force area code (E23, W15)'),
        pfaName: check(row, record, pfaNm, null, ''),
      };
      if (problems.length > before) continue;
      const first = ladSeen.get(r.ladCode);
      if (first !== undefined) {
        problems.push({ row, column: header[lad] ?? 'LAD', message: `${r.ladCode} appears more than once (first on row ${first})` });
        continue;
      }
      ladSeen.set(r.ladCode, row);
      const force = cspForce.get(r.cspCode);
      if (force && force.pfa !== r.pfaCode) {
        problems.push({ row, column: header[pfa] ?? 'PFA', message: `${r.cspCode} is in ${force.pfa} on row ${force.row} but in ${r.pfaCode} here` });
        continue;
      }
      cspForce.set(r.cspCode, { pfa: r.pfaCode, row });
      rows.push(r);
    }
    if (!rows.length && !problems.length) problems.push({ row: null, column: null, message: `${fileName} has a header but no rows` });
    const columns = { lad: header[lad] ?? 'LAD', csp: header[csp] ?? 'CSP', pfa: header[pfa] ?? 'PFA' };
    return problems.length ? { kind: 'lad-csp-pfa', rows: [], problems, columns } : { kind: 'lad-csp-pfa', rows, problems, columns };
  }

  if (lsoa) {
    const [c11, n11, c21, n21, lad, ladNm] = lsoa as [number, number, number, number, number, number];
    const rows: Lsoa11To21Row[] = [];
    const seen = new Map<string, number>();
    const ladOf21 = new Map<string, { lad: string; row: number }>();
    for (const { record, info } of records.slice(1)) {
      const row = info.lines;
      const before = problems.length;
      const r: Lsoa11To21Row = {
        row,
        lsoa11Code: check(row, record, c11, prefixes.lsoa, 'an LSOA code (E01, W01)'),
        lsoa11Name: check(row, record, n11, null, ''),
        lsoa21Code: check(row, record, c21, prefixes.lsoa, 'an LSOA code (E01, W01)'),
        lsoa21Name: check(row, record, n21, null, ''),
        ladCode: check(row, record, lad, prefixes.lad, 'a local authority district code (E06–E09, W06)'),
        ladName: check(row, record, ladNm, null, ''),
      };
      if (problems.length > before) continue;
      const first = seen.get(r.lsoa11Code);
      if (first !== undefined) {
        problems.push({ row, column: header[c11] ?? 'LSOA11CD', message: `${r.lsoa11Code} appears more than once (first on row ${first}); a best-fit lookup has one row per 2011 LSOA` });
        continue;
      }
      seen.set(r.lsoa11Code, row);
      const other = ladOf21.get(r.lsoa21Code);
      if (other && other.lad !== r.ladCode) {
        problems.push({ row, column: header[lad] ?? 'LAD', message: `${r.lsoa21Code} is in ${other.lad} on row ${other.row} but in ${r.ladCode} here` });
        continue;
      }
      ladOf21.set(r.lsoa21Code, { lad: r.ladCode, row });
      rows.push(r);
    }
    if (!rows.length && !problems.length) problems.push({ row: null, column: null, message: `${fileName} has a header but no rows` });
    return problems.length ? { kind: 'lsoa-2011-2021', rows: [], problems } : { kind: 'lsoa-2011-2021', rows, problems };
  }

  return {
    kind: null,
    rows: [],
    problems: [
      {
        row: 1,
        column: null,
        message: `${fileName} is not a lookup this knows: its header should be LAD17CD,LAD17NM,CSP17CD,CSP17NM,PFA17CD,PFA17NM (local authority → community safety partnership → police force area) or LSOA11CD,LSOA11NM,LSOA21CD,LSOA21NM,LAD22CD,LAD22NM (LSOA 2011 → 2021)`,
      },
    ],
  };
}

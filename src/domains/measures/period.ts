// Reporting periods as people write them in statistical tables: 2024-03 (month), 2024-Q1 (calendar
// quarter), 2024 (calendar year), 2024-25 or 2024/25 (April–March financial year).
import type { Frequency } from './measures.tables.ts';

export type PeriodKind = 'month' | 'quarter' | 'year' | 'financial_year';

export interface Period {
  label: string; // canonical: 2024-03, 2024-Q1, 2024, 2024-25
  kind: PeriodKind;
  start: string; // ISO date, first day
  end: string; // ISO date, last day
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate(); // month 1-12

function monthRange(year: number, firstMonth: number, lastMonth: number, endYear = year) {
  return { start: `${year}-${pad(firstMonth)}-01`, end: `${endYear}-${pad(lastMonth)}-${pad(lastDay(endYear, lastMonth))}` };
}

export const periodKindDescriptions: Record<PeriodKind, string> = {
  month: 'a month, like 2024-03',
  quarter: 'a quarter, like 2024-Q1',
  year: 'a calendar year, like 2024',
  financial_year: 'a financial year, like 2024-25',
};

export function parsePeriod(input: string): Period | null {
  const text = input.trim().toUpperCase();
  let m = /^(\d{4})-(\d{1,2})$/.exec(text);
  // "2024-25" is a financial year, not month 25. "2011-12" reads as December 2011: write 2011/12
  // for that financial year.
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    return { label: `${year}-${pad(month)}`, kind: 'month', ...monthRange(year, month, month) };
  }
  m = /^(\d{4})[-\s]?Q([1-4])$/.exec(text);
  if (m) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    return { label: `${year}-Q${q}`, kind: 'quarter', ...monthRange(year, q * 3 - 2, q * 3) };
  }
  m = /^(\d{4})$/.exec(text);
  if (m) {
    const year = Number(m[1]);
    return { label: String(year), kind: 'year', ...monthRange(year, 1, 12) };
  }
  m = /^(?:FY\s?)?(\d{4})[-/](\d{2})$/.exec(text);
  if (m) {
    const year = Number(m[1]);
    const next = Number(m[2]);
    if ((year + 1) % 100 !== next) return null;
    return { label: `${year}-${pad(next)}`, kind: 'financial_year', ...monthRange(year, 4, 3, year + 1) };
  }
  return null;
}

/** Which period kinds a measure of this frequency accepts. */
export function periodKindsFor(frequency: Frequency): PeriodKind[] {
  switch (frequency) {
    case 'month':
      return ['month'];
    case 'quarter':
      return ['quarter'];
    case 'year':
      return ['year'];
    case 'financial_year':
      return ['financial_year'];
    case 'ad_hoc':
      return ['month', 'quarter', 'year', 'financial_year'];
  }
}

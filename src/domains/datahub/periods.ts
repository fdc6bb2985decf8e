// A dataset's periods and its submission schedule. Periods are written as the measures domain reads
// them (2024-03, 2024-Q1 — "2024 Q1" accepted —, 2024); a dataset has one period type. Financial years
// (2024/25) are not a dataset period type: the schema's period types are month, quarter and year.
// Pure functions: "today" is always passed in.
import { parsePeriod } from '../measures/index.ts';
import type { PeriodType } from './datahub.tables.ts';

export interface DatasetPeriod {
  label: string; // canonical: 2024-03, 2024-Q1, 2024
  type: PeriodType;
  start: string; // ISO date
  end: string; // ISO date
}

export const periodTypeLabels: Record<PeriodType, string> = { month: 'Monthly', quarter: 'Quarterly', year: 'Yearly' };
export const periodExamples: Record<PeriodType, string> = { month: '2024-03', quarter: '2024-Q1', year: '2024' };

/** Reads a period of the given type; null when the text is not one. */
export function parseDatasetPeriod(type: PeriodType, text: string): DatasetPeriod | null {
  const parsed = parsePeriod(text);
  if (!parsed || parsed.kind !== type) return null;
  return { label: parsed.label, type, start: parsed.start, end: parsed.end };
}

/** A period for people: "March 2024", "January to March 2024 (2024-Q1)", "2024". */
export function formatPeriod(period: DatasetPeriod): string {
  const month = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', timeZone: 'UTC' });
  const year = period.start.slice(0, 4);
  switch (period.type) {
    case 'month':
      return `${month(period.start)} ${year}`;
    case 'quarter':
      return `${month(period.start)} to ${month(period.end)} ${year} (${period.label})`;
    case 'year':
      return year;
  }
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The period after this one. */
export function nextPeriod(period: DatasetPeriod): DatasetPeriod {
  const next = parseDatasetPeriod(period.type, periodLabelStarting(period.type, addDays(period.end, 1)));
  if (!next) throw new Error(`no period after ${period.label}`);
  return next;
}

function periodLabelStarting(type: PeriodType, iso: string): string {
  const [y, m] = [iso.slice(0, 4), Number(iso.slice(5, 7))];
  if (type === 'month') return `${y}-${String(m).padStart(2, '0')}`;
  if (type === 'quarter') return `${y}-Q${Math.ceil(m / 3)}`;
  return y;
}

/** The period holding a date. */
export function periodContaining(type: PeriodType, iso: string): DatasetPeriod {
  const period = parseDatasetPeriod(type, periodLabelStarting(type, iso));
  if (!period) throw new Error(`no ${type} holds ${iso}`);
  return period;
}

/** A period's data is due this many days after the period ends. */
export function dueDate(period: DatasetPeriod, dueDaysAfterPeriod: number): string {
  return addDays(period.end, dueDaysAfterPeriod);
}

export interface PeriodDue {
  period: DatasetPeriod;
  dueDate: string;
}

/**
 * Every period from the dataset's first whose submission is due on or before today (oldest first):
 * what late and missing lists compare submissions with. A period ends, then has its due days.
 */
export function periodsDue(dataset: { periodType: PeriodType; firstPeriod: string; dueDaysAfterPeriod: number }, today: string): PeriodDue[] {
  const first = parseDatasetPeriod(dataset.periodType, dataset.firstPeriod);
  if (!first) throw new Error(`the dataset's first period ${dataset.firstPeriod} is not a ${dataset.periodType}`);
  const due: PeriodDue[] = [];
  for (let period = first; ; period = nextPeriod(period)) {
    const date = dueDate(period, dataset.dueDaysAfterPeriod);
    if (date > today) break;
    due.push({ period, dueDate: date });
  }
  return due;
}

/** The next period whose data is not yet due, and when it will be. */
export function nextDue(dataset: { periodType: PeriodType; firstPeriod: string; dueDaysAfterPeriod: number }, today: string): PeriodDue | null {
  const first = parseDatasetPeriod(dataset.periodType, dataset.firstPeriod);
  if (!first) return null;
  let period = first;
  while (dueDate(period, dataset.dueDaysAfterPeriod) <= today) period = nextPeriod(period);
  return { period, dueDate: dueDate(period, dataset.dueDaysAfterPeriod) };
}

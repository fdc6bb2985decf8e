/**
 * Dates and numbers for the statistics module: ISO 'YYYY-MM-DD' dates to a day number and to
 * fractional years (365.25 days a year), long dates in words ("31 May 2028") and numbers rounded
 * for a sentence. Pure arithmetic: no Date objects, no clock, no time zone.
 */
import { daysFromCivil, daysInMonth, daysToIsoDate } from '../../../platform/calendar.ts';

export { daysToIsoDate };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Days in a year on average: the unit of "fractional years" used by the forecasts. */
export const DAYS_PER_YEAR = 365.25;


function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function parts(date: string): [number, number, number] {
  if (typeof date === 'string' && date.length === 10 && date[4] === '-' && date[7] === '-') {
    const y = digits(date, 0, 4);
    const m = digits(date, 5, 7);
    const d = digits(date, 8, 10);
    if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) return [y, m, d];
  }
  throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${String(date)}`);
}

/**
 * Days since 1970-01-01 of an ISO date (negative before). Throws a RangeError for anything that is
 * not a real calendar date. Howard Hinnant's days_from_civil: O(1), no Date object.
 */
export function isoDateToDays(date: string): number {
  const [y, m, d] = parts(date);
  return daysFromCivil(y, m, d);
}


/** Fractional years since 1970-01-01 (days / 365.25). */
export function isoDateToYears(date: string): number {
  return isoDateToDays(date) / DAYS_PER_YEAR;
}

/** "31 May 2028". */
export function formatLongDate(date: string): string {
  const [y, m, d] = parts(date);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/**
 * How many decimals to show for numbers of this size: none for whole numbers, otherwise three
 * significant figures of the largest (23.1, 5.30, 0.125), and none from 100 up (1,234).
 */
export function decimalsFor(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.every((v) => Number.isInteger(v))) return 0;
  const largest = Math.max(...finite.map((v) => Math.abs(v)));
  if (largest === 0) return 0;
  return Math.min(6, Math.max(0, 2 - Math.floor(Math.log10(largest))));
}

// Intl.NumberFormat is slow to construct (toLocaleString builds one per call): keep one per precision.
const numberFormats = new Map<number, Intl.NumberFormat>();

/** A number for a sentence, "1,234", "23.1", "-0.25"; decimals default to decimalsFor([value]). */
export function formatStatNumber(value: number, decimals = decimalsFor([value])): string {
  if (!Number.isFinite(value)) return String(value);
  let format = numberFormats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    numberFormats.set(decimals, format);
  }
  const text = format.format(value);
  return text === '-0' || /^-0\.0*$/.test(text) ? text.slice(1) : text;
}

/** Several numbers shown together (a forecast and its range) with the same number of decimals. */
export function formatStatNumbers(values: readonly number[]): string[] {
  const decimals = decimalsFor(values);
  return values.map((v) => formatStatNumber(v, decimals));
}

/** A probability level as a percentage: 0.8 → "80%", 0.975 → "97.5%". */
export function formatLevel(level: number): string {
  return `${Number((level * 100).toFixed(1))}%`;
}

// Meeting times are entered and shown in Europe/London and stored as instants (timestamptz).
const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The London wall-clock date (YYYY-MM-DD) and time (HH:MM) of an instant. */
export function londonParts(instant: Date): { date: string; time: string } {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** The London calendar date (YYYY-MM-DD) of an instant. */
export function londonDate(instant: Date): string {
  return londonParts(instant).date;
}

function offsetMinutes(instant: Date): number {
  const { date, time } = londonParts(instant);
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60000) * 60000) / 60000);
}

/**
 * The instant of a London wall-clock date and time. A time skipped when the clocks go forward is
 * read as the hour after; a time that happens twice when they go back is the first (BST) one.
 */
export function londonToInstant(date: string, time: string): Date {
  const naive = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(naive)) throw new Error(`not a date and time: ${date} ${time}`);
  // Try the offsets either side; keep the first that gives back the same wall-clock time.
  for (const guess of [offsetMinutes(new Date(naive - 60 * 60000)), offsetMinutes(new Date(naive))]) {
    const candidate = new Date(naive - guess * 60000);
    const back = londonParts(candidate);
    if (back.date === date && back.time === time) return candidate;
  }
  return new Date(naive - offsetMinutes(new Date(naive - 60 * 60000)) * 60000);
}

/** "Thursday 12 March 2026, 2pm" style: the London date and time in words. */
export function formatLondon(instant: Date): string {
  return instant.toLocaleString('en-GB', { timeZone: 'Europe/London', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true });
}

/** "2:00 pm": the London time of an instant, in the same words as formatLondon. */
export function formatLondonTime(instant: Date): string {
  return instant.toLocaleString('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hour12: true });
}

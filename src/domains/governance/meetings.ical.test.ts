// The iCalendar writer against hand-checked RFC 5545 output, and London wall-clock times.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatLondon, londonParts, londonToInstant } from './london-time.ts';
import { escapeText, foldLine, utcStamp, writeCalendar } from './meetings.ical.ts';

test('TEXT values escape backslash, semicolon, comma and newlines (in that order, so nothing is escaped twice)', () => {
  assert.equal(escapeText('a\\b;c,d\ne\r\nf'), 'a\\\\b\\;c\\,d\\ne\\nf');
  assert.equal(escapeText('Room 1; Bedford, MK40'), 'Room 1\\; Bedford\\, MK40');
  assert.equal(escapeText('plain'), 'plain');
});

test('lines of 75 octets are kept; longer ones fold at 75 then 74 octets plus the leading space', () => {
  const exactly75 = `SUMMARY:${'x'.repeat(67)}`;
  assert.equal(exactly75.length, 75);
  assert.equal(foldLine(exactly75), exactly75);
  const long = `SUMMARY:${'a'.repeat(67)}${'b'.repeat(74)}${'c'.repeat(3)}`;
  assert.equal(foldLine(long), `SUMMARY:${'a'.repeat(67)}\r\n ${'b'.repeat(74)}\r\n ${'c'.repeat(3)}`);
  for (const line of foldLine(long).split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75);
});

test('folding counts octets and never splits a UTF-8 character', () => {
  // 8 + 66 ASCII = 74 octets, then "é" (2 octets) would end at 76: it moves to the next line whole.
  const line = `SUMMARY:${'a'.repeat(66)}é and more`;
  assert.equal(foldLine(line), `SUMMARY:${'a'.repeat(66)}\r\n é and more`);
  const unfolded = foldLine(line).replace(/\r\n /g, '');
  assert.equal(unfolded, line);
});

test('a calendar: CRLF everywhere, UTC times with Z, a stable UID, cancelled meetings marked', () => {
  const ics = writeCalendar({
    name: 'Prevention board meetings',
    now: new Date('2026-03-01T09:00:00Z'),
    events: [
      { uid: 'meeting-7@example.org', startsAt: new Date('2026-07-09T13:00:00Z'), endsAt: new Date('2026-07-09T15:00:00Z'), summary: 'Board: July', location: 'Room 1, Kempston', description: '', url: 'https://example.org/meetings/7', cancelled: false, lastModified: new Date('2026-02-01T10:00:00Z') },
      { uid: 'meeting-8@example.org', startsAt: new Date('2026-01-15T10:30:00Z'), endsAt: new Date('2026-01-15T11:30:00Z'), summary: 'Board: January', location: '', description: 'Cancelled.', url: null, cancelled: true, lastModified: new Date('2026-01-10T08:00:00Z') },
    ],
  });
  assert.equal(
    ics,
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Safer Places//Board meetings//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:Prevention board meetings',
      'BEGIN:VEVENT',
      'UID:meeting-7@example.org',
      'DTSTAMP:20260301T090000Z',
      'LAST-MODIFIED:20260201T100000Z',
      'DTSTART:20260709T130000Z',
      'DTEND:20260709T150000Z',
      'SUMMARY:Board: July',
      'LOCATION:Room 1\\, Kempston',
      'URL:https://example.org/meetings/7',
      'STATUS:CONFIRMED',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:meeting-8@example.org',
      'DTSTAMP:20260301T090000Z',
      'LAST-MODIFIED:20260110T080000Z',
      'DTSTART:20260115T103000Z',
      'DTEND:20260115T113000Z',
      'SUMMARY:Board: January',
      'DESCRIPTION:Cancelled.',
      'STATUS:CANCELLED',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n'),
  );
  assert.equal(utcStamp(new Date('2026-12-31T23:59:59.999Z')), '20261231T235959Z');
});

test('London times: GMT in winter, BST in summer, and the days the clocks change', () => {
  assert.equal(londonToInstant('2026-01-15', '10:30').toISOString(), '2026-01-15T10:30:00.000Z');
  assert.equal(londonToInstant('2026-07-09', '14:00').toISOString(), '2026-07-09T13:00:00.000Z');
  // 29 March 2026: 01:00 GMT becomes 02:00 BST. 00:30 is GMT; 02:30 is BST; 01:30 never happens (read as 02:30 BST).
  assert.equal(londonToInstant('2026-03-29', '00:30').toISOString(), '2026-03-29T00:30:00.000Z');
  assert.equal(londonToInstant('2026-03-29', '02:30').toISOString(), '2026-03-29T01:30:00.000Z');
  assert.equal(londonToInstant('2026-03-29', '01:30').toISOString(), '2026-03-29T01:30:00.000Z');
  // 25 October 2026: 01:30 happens twice; the first (BST) is taken.
  assert.equal(londonToInstant('2026-10-25', '01:30').toISOString(), '2026-10-25T00:30:00.000Z');
  assert.deepEqual(londonParts(new Date('2026-07-09T23:30:00Z')), { date: '2026-07-10', time: '00:30' });
  assert.match(formatLondon(new Date('2026-07-09T13:00:00Z')), /9 July 2026/);
});

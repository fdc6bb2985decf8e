// The cross-board view's pure functions, on small cases worked by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMonths, daysBetween, findOverlaps, groupByMission, groupByTopic, normaliseTopics, shortDate, type CrossBoardItem } from './cross-board.ts';

const SV = { boardId: 1, boardName: 'the Serious Violence mission board' };
const LUTON = { boardId: 2, boardName: 'Luton CSP' };
const BEDFORD = { boardId: 3, boardName: 'Bedford CSP' };

let nextId = 1;
function item(board: { boardId: number; boardName: string }, date: string, extra: Partial<CrossBoardItem> = {}): CrossBoardItem {
  const id = nextId++;
  return { itemId: id, title: `Item ${id}`, topic: '', meetingId: id, date, missions: [], objectives: [], measures: [], ...board, ...extra };
}

test('topics are lower-cased, trimmed, spaces collapsed, split at commas and semicolons, repeats dropped', () => {
  assert.deepEqual(normaliseTopics('  Knife   Crime '), ['knife crime']);
  assert.deepEqual(normaliseTopics('Knife crime; Domestic abuse, knife crime'), ['knife crime', 'domestic abuse']);
  assert.deepEqual(normaliseTopics(' , '), []);
});

test('dates: days between, whole months back and ahead (clamped to the month end), short form', () => {
  assert.equal(daysBetween('2025-03-03', '2025-03-10'), 7);
  assert.equal(daysBetween('2025-03-10', '2025-03-03'), -7);
  // Across the clock change (30 March 2025) it is still whole days.
  assert.equal(daysBetween('2025-03-29', '2025-03-31'), 2);
  assert.equal(addMonths('2025-06-30', -3), '2025-03-30');
  assert.equal(addMonths('2025-05-31', -3), '2025-02-28');
  assert.equal(addMonths('2024-05-31', -3), '2024-02-29');
  assert.equal(addMonths('2025-06-30', 6), '2025-12-30');
  assert.equal(addMonths('2025-08-31', 6), '2026-02-28');
  assert.equal(shortDate('2025-03-03'), '3 Mar');
});

test('the brief’s example: knife crime at two boards a week apart is flagged in words', () => {
  const items = [item(SV, '2025-03-03', { topic: 'Knife crime' }), item(LUTON, '2025-03-10', { topic: 'knife crime ' })];
  const overlaps = findOverlaps(items, 56);
  assert.equal(overlaps.length, 1);
  assert.equal(overlaps[0]?.sentence, 'Knife crime comes to the Serious Violence mission board (3 Mar) and Luton CSP (10 Mar)');
  assert.equal(overlaps[0]?.boardCount, 2);
});

test('the same board twice is not an overlap; two boards further apart than the window are not either', () => {
  assert.deepEqual(findOverlaps([item(SV, '2025-03-03', { topic: 'knife crime' }), item(SV, '2025-03-10', { topic: 'knife crime' })], 56), []);
  // 3 March to 29 April is 57 days: outside an 8-week (56-day) window; 28 April (56 days) is inside.
  assert.deepEqual(findOverlaps([item(SV, '2025-03-03', { topic: 'knife crime' }), item(LUTON, '2025-04-29', { topic: 'knife crime' })], 56), []);
  assert.equal(findOverlaps([item(SV, '2025-03-03', { topic: 'knife crime' }), item(LUTON, '2025-04-28', { topic: 'knife crime' })], 56).length, 1);
});

test('runs: each within the window of the one before; a gap starts a new run', () => {
  // Objective 7: SV 1 Jan, Luton 20 Feb (50 days later), Bedford 10 Apr (49 days later): one run of three boards.
  // Then SV again on 1 Sep (144 days later), alone: no second overlap.
  const objective = { id: 7, ref: 'PREV-02', missionId: 1 };
  const items = [item(SV, '2025-01-01', { objectives: [objective] }), item(LUTON, '2025-02-20', { objectives: [objective] }), item(BEDFORD, '2025-04-10', { objectives: [objective] }), item(SV, '2025-09-01', { objectives: [objective] })];
  const overlaps = findOverlaps(items, 56);
  assert.equal(overlaps.length, 1);
  assert.equal(overlaps[0]?.kind, 'objective');
  assert.equal(overlaps[0]?.sentence, 'Objective PREV-02 comes to the Serious Violence mission board (1 Jan), Luton CSP (20 Feb) and Bedford CSP (10 Apr)');
  assert.equal(overlaps[0]?.boardCount, 3);
  // With a 4-week window nothing is close enough.
  assert.deepEqual(findOverlaps(items, 28), []);
});

test('objective, measure and topic are flagged apart, sorted by first date', () => {
  const measure = { id: 4, title: 'Knife crime offences', missionId: 2 };
  const items = [
    item(SV, '2025-05-01', { measures: [measure], topic: 'Knife crime' }),
    item(LUTON, '2025-05-15', { measures: [measure] }),
    item(BEDFORD, '2025-04-01', { topic: 'knife crime' }),
  ];
  const overlaps = findOverlaps(items, 56);
  assert.deepEqual(
    overlaps.map((o) => o.sentence),
    ['Knife crime comes to Bedford CSP (1 Apr) and the Serious Violence mission board (1 May)', 'Measure "Knife crime offences" comes to the Serious Violence mission board (1 May) and Luton CSP (15 May)'],
  );
});

test('by mission: direct links, and through objectives and measures; unlinked items last', () => {
  const a = item(SV, '2025-03-03', { missions: [{ id: 1, title: 'Prevention' }] });
  const b = item(LUTON, '2025-03-10', { objectives: [{ id: 9, ref: 'VIO-01', missionId: 2 }], measures: [{ id: 4, title: 'm', missionId: 1 }] });
  const c = item(BEDFORD, '2025-03-01');
  const groups = groupByMission([a, b, c], [
    { id: 2, title: 'Violence' },
    { id: 1, title: 'Prevention' },
  ]);
  assert.deepEqual(
    groups.map((g) => [g.label, g.items.map((i) => i.itemId), g.boardCount]),
    [
      ['Violence', [b.itemId], 1],
      ['Prevention', [a.itemId, b.itemId], 2],
      ['Not linked to a mission', [c.itemId], 1],
    ],
  );
});

test('by topic: normalised, alphabetical, items without a topic left out', () => {
  const a = item(SV, '2025-03-10', { topic: 'Knife Crime' });
  const b = item(LUTON, '2025-03-03', { topic: 'knife crime, ASB' });
  const c = item(BEDFORD, '2025-03-01');
  assert.deepEqual(
    groupByTopic([a, b, c]).map((g) => [g.label, g.items.map((i) => i.itemId)]),
    [
      ['asb', [b.itemId]],
      ['knife crime', [b.itemId, a.itemId]],
    ],
  );
});

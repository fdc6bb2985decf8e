// The board review's calculations on small registers whose answers are worked by hand below.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cosine, jaccard, reviewBoards, reviewCsvHeader, reviewCsvRows, terms, tfidfVectors, yearBefore, type RegisterSnapshot, type SnapshotBoard } from './board-review.ts';

const close = (actual: number | null | undefined, expected: number, message?: string) => {
  assert.ok(actual !== null && actual !== undefined, message ?? `expected ${expected}, got ${actual}`);
  assert.ok(Math.abs(actual - expected) < 1e-6, `${message ?? ''} expected ${expected}, got ${actual}`);
};

test('terms: lower-cased words of three or more letters, stop words left out', () => {
  // "it", "at", "pm" are too short; "the" and "and" are stop words; "Board's" gives "board" (the "s" is one letter).
  assert.deepEqual(terms("The Board's remit: to develop, and REVIEW; it at 5pm."), ['board', 'remit', 'develop', 'review']);
  assert.deepEqual(terms(''), []);
});

test('Jaccard: shared over all, undefined when both are empty', () => {
  assert.equal(jaccard(new Set([1, 2, 3]), new Set([2, 3, 4])), 0.5); // {2,3} of {1,2,3,4}
  assert.equal(jaccard(new Set([1]), new Set([2])), 0);
  assert.equal(jaccard(new Set(), new Set()), null);
  assert.equal(jaccard(new Set([7]), new Set([7])), 1);
});

test('TF-IDF cosine of two texts worked by hand', () => {
  // Two texts, N = 2. "knife" and "crime" are in both: idf = 1 + ln(3/3) = 1. "prevention" and
  // "victims" are in one each: idf = w = 1 + ln(3/2) = 1.4054651. Vectors over (knife, crime,
  // prevention, victims): A = (1, 1, w, 0), B = (1, 1, 0, w).
  // cos = (1 + 1) / (2 + w²) = 2 / (2 + 1.9753321) = 0.5031020.
  const [a, b] = tfidfVectors(['Knife crime prevention', 'knife crime victims']);
  assert.ok(a && b);
  const w = 1 + Math.log(1.5);
  close(a.get('prevention'), w);
  close(a.get('knife'), 1);
  close(cosine(a, b), 2 / (2 + w * w));
  close(cosine(a, b), 0.503102);

  // A repeated word counts twice (tf is the raw count): "crime crime victims" vs "crime".
  // crime: df 2, idf 1; victims: df 1, idf w. A = (2, w), B = (1, 0).
  // cos = 2 / sqrt(4 + w²) = 2 / sqrt(5.9753321) = 0.8181802.
  const [c, d] = tfidfVectors(['crime crime victims', 'crime']);
  assert.ok(c && d);
  close(cosine(c, d), 0.8181802);

  // An empty text has no vector: similarity undefined. Texts with nothing shared: 0.
  const [e, f, g] = tfidfVectors(['', 'rural wildlife', 'retail shoplifting']);
  assert.ok(e && f && g);
  assert.equal(cosine(e, f), null);
  assert.equal(cosine(f, g), 0);
});

test('a year before: the same day, 29 February falls back to 28 February', () => {
  assert.equal(yearBefore('2025-06-30'), '2024-06-30');
  assert.equal(yearBefore('2024-02-29'), '2023-02-28');
});

/**
 * Three active boards A, B, C and a merged board D; five people p1–p5 in organisations X, Y, Z.
 * Today 2025-06-30.
 *   A (4 a year, 2 hours): p1 (X), p2 (X), p3 (Y)                   ToR "Knife crime prevention"
 *   B (12 a year, 1.5 hours): p2 (X), p3 (Y), p4 (Z)                 ToR "knife crime victims"
 *   C (frequency not recorded): p5 (Z); p1 (X) left on 2025-01-31   ToR empty
 *   D merged: p1, p2, p3 (the same as A), ToR empty — never in the findings.
 */
function smallRegister(): RegisterSnapshot {
  const board = (id: number, name: string, extra: Partial<SnapshotBoard>): SnapshotBoard => ({
    id,
    slug: name.toLowerCase(),
    name,
    type: 'other',
    status: 'active',
    termsOfReference: '',
    meetingsPerYear: 4,
    usualLengthMinutes: 120,
    missionIds: [],
    ...extra,
  });
  const orgName = { 1: 'X', 2: 'Y', 3: 'Z' } as Record<number, string>;
  const seat = (boardId: number, personId: number, organisationId: number, toDate: string | null = null) => ({
    boardId,
    personId,
    personName: `p${personId}`,
    organisationId,
    organisationName: orgName[organisationId] ?? null,
    fromDate: '2024-01-01',
    toDate,
  });
  return {
    today: '2025-06-30',
    boards: [
      board(1, 'A', { termsOfReference: 'Knife crime prevention', missionIds: [11] }),
      board(2, 'B', { termsOfReference: 'knife crime victims', meetingsPerYear: 12, usualLengthMinutes: 90, missionIds: [13] }),
      board(3, 'C', { meetingsPerYear: 0 }),
      board(4, 'D', { status: 'merged', missionIds: [12] }),
    ],
    missions: [
      { id: 11, slug: 'm1', title: 'Mission one', kind: 'mission' },
      { id: 12, slug: 'm2', title: 'Mission two', kind: 'mission' },
      { id: 13, slug: 'f1', title: 'Foundation one', kind: 'foundation' },
    ],
    members: [seat(1, 1, 1), seat(1, 2, 1), seat(1, 3, 2), seat(2, 2, 1), seat(2, 3, 2), seat(2, 4, 3), seat(3, 5, 3), seat(3, 1, 1, '2025-01-31'), seat(4, 1, 1), seat(4, 2, 1), seat(4, 3, 2)],
    activity: [
      { boardId: 1, kind: 'decision', date: '2025-01-15' }, // inside the twelve months
      { boardId: 2, kind: 'recommendation', date: '2024-06-30' }, // exactly a year ago: outside
      { boardId: 4, kind: 'decision', date: '2025-05-01' },
    ],
  };
}

test('membership overlap of the small register, by people and by organisations', () => {
  const review = reviewBoards(smallRegister());
  assert.equal(review.activeBoards, 3);
  // People: A∩B = {p2,p3}, A∪B = {p1..p4}: 2/4 = 0.5. A and C, B and C share nobody (p1 has left C).
  // Organisations: A {X,Y}, B {X,Y,Z}, C {Z}: A–B 2/3, B–C 1/3, A–C 0.
  assert.deepEqual(review.peopleMatrix.boards.map((b) => b.name), ['A', 'B', 'C']);
  assert.deepEqual(review.peopleMatrix.cells, [
    [null, 0.5, 0],
    [0.5, null, 0],
    [0, 0, null],
  ]);
  close(review.organisationMatrix.cells[0]?.[1], 2 / 3);
  close(review.organisationMatrix.cells[1]?.[2], 1 / 3);
  assert.equal(review.organisationMatrix.cells[0]?.[2], 0);
  assert.equal(review.peoplePairs.length, 1);
  assert.equal(review.peoplePairs[0]?.sentence, 'A and B share 2 of the 4 people on either (50%): p2 and p3.');
  assert.deepEqual(review.organisationPairs.map((p) => [p.a.name, p.b.name, p.shared, p.union]), [
    ['A', 'B', 2, 3],
    ['B', 'C', 1, 3],
  ]);
  // D (merged) shares all of A's people but is not in the matrix.
  assert.ok(!review.peopleMatrix.boards.some((b) => b.name === 'D'));
});

test('remit similarity, meeting burden, inactive boards, missions and merge candidates of the small register', () => {
  const review = reviewBoards(smallRegister());
  const w = 1 + Math.log(1.5);
  // Remit: only A–B have terms of reference both (D's and C's are empty): 2 / (2 + w²) = 0.503102.
  assert.equal(review.remitPairs.length, 1);
  close(review.remitPairs[0]?.value, 0.503102);
  assert.deepEqual(review.remitPairs[0]?.shared.sort(), ['crime', 'knife']);
  assert.deepEqual(review.boardsWithoutRemit.map((b) => b.name), ['C']);

  // Burden: A 3 × 4 × 2 = 24; B 3 × 12 × 1.5 = 54; C not recorded.
  assert.deepEqual(review.burdenByBoard.map((b) => [b.board.name, b.personHours]), [
    ['B', 54],
    ['A', 24],
    ['C', null],
  ]);
  // Organisations: X = p1 on A (8) + p2 on A (8) + p2 on B (18) = 34; Y = p3 on A (8) + on B (18) = 26;
  // Z = p4 on B (18), and p5's seat on C is not counted.
  assert.deepEqual(review.burdenByOrganisation.map((o) => [o.name, o.seats, o.boards, o.personHours, o.seatsUncounted]), [
    ['X', 3, 2, 34, 0],
    ['Y', 2, 2, 26, 0],
    ['Z', 2, 2, 18, 1],
  ]);

  // Inactive: B's only recommendation is exactly a year ago (outside); C has none; A decided in January.
  assert.deepEqual(review.inactive.map((x) => [x.board.name, x.lastActivity]), [
    ['B', '2024-06-30'],
    ['C', null],
  ]);
  assert.equal(review.since, '2024-06-30');

  // Missions: m1 is served by A; m2 only by D, which is merged; f1 is a foundation (not counted as a mission).
  assert.deepEqual(review.missionsWithoutBoard.map((m) => m.mission.title), ['Mission two']);
  assert.deepEqual(review.boardsWithoutMission.map((b) => b.board.name), ['C']);

  // Merge candidates: A–B = 0.5 × 0.5 + 0.3 × 0.503102 + 0.2 × 2/3 = 0.25 + 0.150931 + 0.133333 = 0.534264;
  // B–C = 0.5 × 0 + 0.3 × (none) + 0.2 × 1/3 = 0.066667; A–C scores 0 and is left out. D is never a candidate.
  assert.deepEqual(review.mergeCandidates.map((c) => [c.rank, c.a.name, c.b.name]), [
    [1, 'A', 'B'],
    [2, 'B', 'C'],
  ]);
  close(review.mergeCandidates[0]?.score, 0.534264);
  close(review.mergeCandidates[1]?.score, 0.2 / 3);
  assert.equal(review.mergeCandidates[0]?.sentence, 'A and B score 0.53: 50% of their people in common, 67% of their organisations, terms of reference 50% similar.');
});

test('the CSV has one row a finding under the fixed header', () => {
  const review = reviewBoards(smallRegister());
  const rows = reviewCsvRows(review);
  assert.deepEqual([...reviewCsvHeader], ['finding', 'board', 'other_board', 'organisation', 'mission', 'value', 'explanation']);
  const kinds = rows.map((r) => r[0]);
  // 2 candidates, 1 people pair, 2 organisation pairs, 1 remit pair, 3 boards' burden, 3 organisations', 2 inactive, 1 mission, 1 board.
  assert.deepEqual(
    Object.fromEntries([...new Set(kinds)].map((k) => [k, kinds.filter((x) => x === k).length])),
    { merge_candidate: 2, people_overlap: 1, organisation_overlap: 2, remit_similarity: 1, burden_board: 3, burden_organisation: 3, no_decisions_12_months: 2, mission_without_board: 1, board_without_mission: 1 },
  );
  assert.ok(rows.every((r) => r.length === reviewCsvHeader.length && typeof r[6] === 'string' && r[6].length > 0));
  assert.deepEqual(rows[0]?.slice(0, 3), ['merge_candidate', 'A', 'B']);
  assert.equal(rows[0]?.[5], 0.5343);
});

test('a merge candidate set up in law says so', () => {
  const register = smallRegister();
  const [a, b] = register.boards;
  assert.ok(a && b);
  b.statutoryBasis = 'Crime and Disorder Act 1998, sections 5 and 6';
  assert.match(reviewBoards(register).mergeCandidates[0]?.sentence ?? '', /similar\. B is set up in law \(Crime and Disorder Act 1998, sections 5 and 6\), which may rule a merger out\.$/);
  a.statutoryBasis = 'Act A';
  assert.match(reviewBoards(register).mergeCandidates[0]?.sentence ?? '', /Both are set up in law \(Act A; Crime and Disorder Act 1998, sections 5 and 6\)/);
});

test('an empty register gives empty findings, not errors', () => {
  const review = reviewBoards({ today: '2025-06-30', boards: [], missions: [], members: [], activity: [] });
  assert.equal(review.mergeCandidates.length, 0);
  assert.deepEqual(review.peopleMatrix.cells, []);
  assert.deepEqual(reviewCsvRows(review), []);
});

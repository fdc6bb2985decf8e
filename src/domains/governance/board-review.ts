// The board review: pure calculations over a snapshot of the register, for the PCC's commitment to
// "review and rationalise all boards, committees and panels". No database here: boards.service.ts
// builds the snapshot, the review page and its CSV present what these functions return.
//
// Definitions (said on the page too):
// - Membership overlap of two boards: the Jaccard index |A ∩ B| / |A ∪ B| of their current members
//   (people), and of the organisations those members sit for. Undefined (null) when neither board has
//   a current member (or, for organisations, a member with an organisation recorded).
// - Remit overlap: cosine similarity of TF-IDF vectors of the terms of reference. Terms are the words
//   of three or more letters, lower-cased, less a short list of stop words. tf is the count of the
//   term in the text; idf = 1 + ln((1 + N) / (1 + df)), N the boards with terms of reference, df those
//   using the term (smoothed, so a word every board uses still counts a little).
// - Meeting burden: person-hours a year = current members × meetings a year × usual length in hours,
//   per active board; per organisation, the sum over its members' seats on active boards.
// - Inactive: an active board with no decision (recorded at one of its meetings) and no
//   recommendation dated in the twelve months up to and including today.
// - Merge candidates: pairs of active boards ranked by
//   score = 0.5 × people overlap + 0.3 × remit similarity + 0.2 × organisation overlap
//   (an undefined overlap counts as 0); only pairs scoring above 0.

export interface SnapshotBoard {
  id: number;
  slug: string;
  name: string;
  type: string;
  status: 'active' | 'merged' | 'closed';
  termsOfReference: string;
  /** 0 when not recorded. */
  meetingsPerYear: number;
  /** 0 when not recorded. */
  usualLengthMinutes: number;
  missionIds: number[];
  /** The Act that sets it up, if any (a merger may not be open to the area). */
  statutoryBasis?: string;
}

export interface SnapshotMember {
  boardId: number;
  personId: number;
  personName: string;
  organisationId: number | null;
  organisationName: string | null;
  fromDate: string | null;
  toDate: string | null;
}

export interface RegisterSnapshot {
  /** ISO date the review is as of. */
  today: string;
  boards: SnapshotBoard[];
  /** The current plan's missions and foundations. */
  missions: { id: number; slug: string; title: string; kind: string }[];
  members: SnapshotMember[];
  /** Decisions (dated by their meeting) and recommendations (by their meeting, or when recorded). */
  activity: { boardId: number; kind: 'decision' | 'recommendation'; date: string }[];
}

export const mergeWeights = { people: 0.5, remit: 0.3, organisations: 0.2 } as const;

export const stopWords: ReadonlySet<string> = new Set(
  'the and for are but not you all any can had her was one our out has him his how its may new now see two who did get let put say she too use with that this from they will have been were what when which their there them then than into also such each other these those more most some only over very your about would could should shall must upon across within where while being both through'.split(
    ' ',
  ),
);

/** The terms of a text: lower-cased words of three or more letters, stop words left out. */
export function terms(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]{3,}/g) ?? []).filter((w) => !stopWords.has(w));
}

/** |A ∩ B| / |A ∪ B|; null when both are empty. */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number | null {
  const union = new Set([...a, ...b]);
  if (union.size === 0) return null;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / union.size;
}

export function intersectionSize<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

/** TF-IDF vectors of some texts (see the definitions above); an empty text gives an empty vector. */
export function tfidfVectors(texts: readonly string[]): Map<string, number>[] {
  const docs = texts.map(terms);
  const withTerms = docs.filter((d) => d.length > 0);
  const n = withTerms.length;
  const df = new Map<string, number>();
  for (const doc of withTerms) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  return docs.map((doc) => {
    const tf = new Map<string, number>();
    for (const t of doc) tf.set(t, (tf.get(t) ?? 0) + 1);
    const vector = new Map<string, number>();
    for (const [t, count] of tf) vector.set(t, count * (1 + Math.log((1 + n) / (1 + (df.get(t) ?? 0)))));
    return vector;
  });
}

/** Cosine similarity of two sparse vectors; null when either is empty. */
export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number | null {
  if (!a.size || !b.size) return null;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, v] of a) {
    na += v * v;
    const w = b.get(t);
    if (w !== undefined) dot += v * w;
  }
  for (const v of b.values()) nb += v * v;
  return dot / Math.sqrt(na * nb);
}

/** The shared terms of two vectors, by their combined weight, heaviest first. */
export function sharedTerms(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>, limit = 5): string[] {
  return [...a.keys()]
    .filter((t) => b.has(t))
    .sort((x, y) => (b.get(y) ?? 0) * (a.get(y) ?? 0) - (b.get(x) ?? 0) * (a.get(x) ?? 0) || x.localeCompare(y))
    .slice(0, limit);
}

export function isCurrent(member: { fromDate: string | null; toDate: string | null }, day: string): boolean {
  return (member.fromDate === null || member.fromDate <= day) && (member.toDate === null || member.toDate >= day);
}

/** The same day a year earlier (29 February → 28 February). */
export function yearBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y - 1, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

export interface BoardRef {
  id: number;
  slug: string;
  name: string;
}

export interface PairOverlap {
  a: BoardRef;
  b: BoardRef;
  shared: number;
  union: number;
  value: number;
  sharedNames: string[];
  sentence: string;
}

export interface OverlapMatrix {
  boards: BoardRef[];
  /** cells[i][j]: the overlap of boards i and j (null when undefined). */
  cells: (number | null)[][];
}

export interface BurdenRow {
  board: BoardRef;
  members: number;
  meetingsPerYear: number;
  hours: number;
  /** null when the frequency or length is not recorded. */
  personHours: number | null;
  sentence: string;
}

export interface OrganisationBurden {
  organisationId: number | null;
  name: string;
  seats: number;
  boards: number;
  personHours: number;
  /** Seats on boards whose frequency or length is not recorded (not counted in the hours). */
  seatsUncounted: number;
  sentence: string;
}

export interface RemitPair {
  a: BoardRef;
  b: BoardRef;
  value: number;
  shared: string[];
  sentence: string;
}

export interface MergeCandidate {
  rank: number;
  a: BoardRef;
  b: BoardRef;
  people: number | null;
  organisations: number | null;
  remit: number | null;
  score: number;
  sentence: string;
}

export interface BoardReview {
  today: string;
  since: string;
  activeBoards: number;
  boardsWithMembers: number;
  peopleMatrix: OverlapMatrix;
  organisationMatrix: OverlapMatrix;
  peoplePairs: PairOverlap[];
  organisationPairs: PairOverlap[];
  remitPairs: RemitPair[];
  boardsWithoutRemit: BoardRef[];
  burdenByBoard: BurdenRow[];
  burdenByOrganisation: OrganisationBurden[];
  inactive: { board: BoardRef; lastActivity: string | null; sentence: string }[];
  missionsWithoutBoard: { mission: { id: number; slug: string; title: string }; sentence: string }[];
  boardsWithoutMission: { board: BoardRef; sentence: string }[];
  mergeCandidates: MergeCandidate[];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const ref = (b: SnapshotBoard): BoardRef => ({ id: b.id, slug: b.slug, name: b.name });
const round1 = (x: number) => Math.round(x * 10) / 10;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function listText(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** A caution when either board of a pair is set up in law. */
function inLaw(a: SnapshotBoard, b: SnapshotBoard): string {
  const set = [a, b].filter((x) => x.statutoryBasis?.trim());
  if (!set.length) return '';
  return ` ${set.length === 2 ? 'Both are' : `${set[0]?.name} is`} set up in law (${set.map((x) => `${x.statutoryBasis?.trim()}`).join('; ')}), which may rule a merger out.`;
}

/** Current member sets of each board: people and organisations, with names. */
function currentSets(snapshot: RegisterSnapshot) {
  const people = new Map<number, Set<number>>();
  const orgs = new Map<number, Set<number>>();
  const personNames = new Map<number, string>();
  const orgNames = new Map<number, string>();
  for (const b of snapshot.boards) {
    people.set(b.id, new Set());
    orgs.set(b.id, new Set());
  }
  for (const m of snapshot.members) {
    if (!isCurrent(m, snapshot.today)) continue;
    people.get(m.boardId)?.add(m.personId);
    personNames.set(m.personId, m.personName);
    if (m.organisationId !== null) {
      orgs.get(m.boardId)?.add(m.organisationId);
      orgNames.set(m.organisationId, m.organisationName ?? `Organisation ${m.organisationId}`);
    }
  }
  return { people, orgs, personNames, orgNames };
}

function matrixOf(boards: SnapshotBoard[], sets: Map<number, Set<number>>): OverlapMatrix {
  return {
    boards: boards.map(ref),
    cells: boards.map((a) => boards.map((b) => (a.id === b.id ? null : jaccard(sets.get(a.id) ?? new Set(), sets.get(b.id) ?? new Set())))),
  };
}

function pairsOf(boards: SnapshotBoard[], sets: Map<number, Set<number>>, names: Map<number, string>, noun: { one: string; many: string }): PairOverlap[] {
  const out: PairOverlap[] = [];
  for (let i = 0; i < boards.length; i++) {
    for (let j = i + 1; j < boards.length; j++) {
      const a = boards[i] as SnapshotBoard;
      const b = boards[j] as SnapshotBoard;
      const sa = sets.get(a.id) ?? new Set<number>();
      const sb = sets.get(b.id) ?? new Set<number>();
      const shared = intersectionSize(sa, sb);
      if (!shared) continue;
      const union = new Set([...sa, ...sb]).size;
      const sharedNames = [...sa].filter((x) => sb.has(x)).map((x) => names.get(x) ?? String(x)).sort((x, y) => x.localeCompare(y));
      out.push({
        a: ref(a),
        b: ref(b),
        shared,
        union,
        value: shared / union,
        sharedNames,
        sentence: `${a.name} and ${b.name} share ${shared} of the ${plural(union, noun.one, noun.many)} on either (${pct(shared / union)}): ${listText(sharedNames)}.`,
      });
    }
  }
  return out.sort((x, y) => y.value - x.value || y.shared - x.shared || x.a.name.localeCompare(y.a.name) || x.b.name.localeCompare(y.b.name));
}

/** The whole review of a register snapshot. `limit` caps the ranked lists (pairs and candidates). */
export function reviewBoards(snapshot: RegisterSnapshot, options: { limit?: number } = {}): BoardReview {
  const limit = options.limit ?? 20;
  const active = snapshot.boards.filter((b) => b.status === 'active');
  const { people, orgs, personNames, orgNames } = currentSets(snapshot);
  const withMembers = active.filter((b) => (people.get(b.id)?.size ?? 0) > 0);

  // Membership overlap: among active boards with current members.
  const peoplePairs = pairsOf(withMembers, people, personNames, { one: 'person', many: 'people' });
  const organisationPairs = pairsOf(withMembers, orgs, orgNames, { one: 'organisation', many: 'organisations' });

  // Remit overlap: IDF over every board with terms of reference (the register's vocabulary).
  const vectors = tfidfVectors(snapshot.boards.map((b) => b.termsOfReference));
  const vectorOf = new Map(snapshot.boards.map((b, i) => [b.id, vectors[i] ?? new Map<string, number>()]));
  const remitPairs: RemitPair[] = [];
  const remitOf = (a: SnapshotBoard, b: SnapshotBoard) => cosine(vectorOf.get(a.id) ?? new Map(), vectorOf.get(b.id) ?? new Map());
  for (let i = 0; i < active.length; i++) {
    for (let j = i + 1; j < active.length; j++) {
      const a = active[i] as SnapshotBoard;
      const b = active[j] as SnapshotBoard;
      const value = remitOf(a, b);
      if (value === null || value <= 0) continue;
      const shared = sharedTerms(vectorOf.get(a.id) ?? new Map(), vectorOf.get(b.id) ?? new Map());
      remitPairs.push({ a: ref(a), b: ref(b), value, shared, sentence: `The terms of reference of ${a.name} and ${b.name} are ${pct(value)} similar; the words they share that weigh most: ${shared.join(', ')}.` });
    }
  }
  remitPairs.sort((x, y) => y.value - x.value || x.a.name.localeCompare(y.a.name) || x.b.name.localeCompare(y.b.name));
  const boardsWithoutRemit = active.filter((b) => !(vectorOf.get(b.id)?.size ?? 0)).map(ref);

  // Meeting burden.
  const burdenByBoard: BurdenRow[] = active.map((b) => {
    const members = people.get(b.id)?.size ?? 0;
    const hours = b.usualLengthMinutes / 60;
    const recorded = b.meetingsPerYear > 0 && b.usualLengthMinutes > 0;
    const personHours = recorded ? members * b.meetingsPerYear * hours : null;
    return {
      board: ref(b),
      members,
      meetingsPerYear: b.meetingsPerYear,
      hours,
      personHours,
      sentence: recorded
        ? `${b.name}: ${plural(members, 'current member')} × ${plural(b.meetingsPerYear, 'meeting')} a year × ${round1(hours)} hours = ${round1(personHours ?? 0)} person-hours a year.`
        : `${b.name}: how often it meets or for how long is not recorded, so its burden is not counted (${plural(members, 'current member')}).`,
    };
  });
  burdenByBoard.sort((x, y) => (y.personHours ?? -1) - (x.personHours ?? -1) || x.board.name.localeCompare(y.board.name));

  const activeById = new Map(active.map((b) => [b.id, b]));
  const orgBurden = new Map<number | null, { seats: number; boards: Set<number>; personHours: number; seatsUncounted: number }>();
  for (const m of snapshot.members) {
    const board = activeById.get(m.boardId);
    if (!board || !isCurrent(m, snapshot.today)) continue;
    const entry = orgBurden.get(m.organisationId) ?? { seats: 0, boards: new Set<number>(), personHours: 0, seatsUncounted: 0 };
    entry.seats++;
    entry.boards.add(board.id);
    if (board.meetingsPerYear > 0 && board.usualLengthMinutes > 0) entry.personHours += (board.meetingsPerYear * board.usualLengthMinutes) / 60;
    else entry.seatsUncounted++;
    orgBurden.set(m.organisationId, entry);
  }
  const burdenByOrganisation: OrganisationBurden[] = [...orgBurden].map(([organisationId, e]) => {
    const name = organisationId === null ? 'No organisation recorded' : (orgNames.get(organisationId) ?? `Organisation ${organisationId}`);
    return {
      organisationId,
      name,
      seats: e.seats,
      boards: e.boards.size,
      personHours: e.personHours,
      seatsUncounted: e.seatsUncounted,
      sentence: `${name} holds ${plural(e.seats, 'seat')} on ${plural(e.boards.size, 'active board')}: ${round1(e.personHours)} person-hours a year${e.seatsUncounted ? ` (${plural(e.seatsUncounted, 'seat')} on boards with no frequency or length recorded not counted)` : ''}.`,
    };
  });
  burdenByOrganisation.sort((x, y) => y.personHours - x.personHours || y.seats - x.seats || x.name.localeCompare(y.name));

  // Inactive boards: nothing decided or recommended in the twelve months to today.
  const since = yearBefore(snapshot.today);
  const inactive = active
    .map((b) => {
      const dates = snapshot.activity.filter((x) => x.boardId === b.id && x.date <= snapshot.today).map((x) => x.date);
      const last = dates.length ? dates.reduce((m, d) => (d > m ? d : m)) : null;
      return { b, last };
    })
    .filter(({ last }) => last === null || last <= since)
    .map(({ b, last }) => ({
      board: ref(b),
      lastActivity: last,
      sentence: last
        ? `${b.name} has recorded no decision or recommendation since ${last}, more than twelve months before ${snapshot.today}.`
        : `${b.name} has no decision or recommendation recorded at all.`,
    }));

  // Missions and boards.
  const planMissionIds = new Set(snapshot.missions.map((m) => m.id));
  const served = new Set(active.flatMap((b) => b.missionIds));
  const missionsWithoutBoard = snapshot.missions
    .filter((m) => m.kind === 'mission' && !served.has(m.id))
    .map((m) => ({ mission: { id: m.id, slug: m.slug, title: m.title }, sentence: `No active board serves the mission "${m.title}".` }));
  const boardsWithoutMission = active
    .filter((b) => !b.missionIds.some((id) => planMissionIds.has(id)))
    .map((b) => ({ board: ref(b), sentence: `${b.name} is active but serves none of the current plan's missions or foundations.` }));

  // Merge candidates.
  const candidates: Omit<MergeCandidate, 'rank'>[] = [];
  for (let i = 0; i < active.length; i++) {
    for (let j = i + 1; j < active.length; j++) {
      const a = active[i] as SnapshotBoard;
      const b = active[j] as SnapshotBoard;
      const p = jaccard(people.get(a.id) ?? new Set(), people.get(b.id) ?? new Set());
      const o = jaccard(orgs.get(a.id) ?? new Set(), orgs.get(b.id) ?? new Set());
      const r = remitOf(a, b);
      const score = mergeWeights.people * (p ?? 0) + mergeWeights.remit * (r ?? 0) + mergeWeights.organisations * (o ?? 0);
      if (score <= 0) continue;
      const parts = [
        p === null ? 'no current members on either' : `${pct(p)} of their people in common`,
        o === null ? 'no organisations recorded' : `${pct(o)} of their organisations`,
        r === null ? 'terms of reference missing on one or both' : `terms of reference ${pct(r)} similar`,
      ];
      candidates.push({
        a: ref(a),
        b: ref(b),
        people: p,
        organisations: o,
        remit: r,
        score,
        sentence: `${a.name} and ${b.name} score ${score.toFixed(2)}: ${parts.join(', ')}.${inLaw(a, b)}`,
      });
    }
  }
  candidates.sort((x, y) => y.score - x.score || x.a.name.localeCompare(y.a.name) || x.b.name.localeCompare(y.b.name));

  return {
    today: snapshot.today,
    since,
    activeBoards: active.length,
    boardsWithMembers: withMembers.length,
    peopleMatrix: matrixOf(withMembers, people),
    organisationMatrix: matrixOf(withMembers, orgs),
    peoplePairs: peoplePairs.slice(0, limit),
    organisationPairs: organisationPairs.slice(0, limit),
    remitPairs: remitPairs.slice(0, limit),
    boardsWithoutRemit,
    burdenByBoard,
    burdenByOrganisation,
    inactive,
    missionsWithoutBoard,
    boardsWithoutMission,
    mergeCandidates: candidates.slice(0, limit).map((c, i) => ({ rank: i + 1, ...c })),
  };
}

export const reviewCsvHeader = ['finding', 'board', 'other_board', 'organisation', 'mission', 'value', 'explanation'] as const;

/** The review as CSV rows (one finding a row), in the order of the page. */
export function reviewCsvRows(review: BoardReview): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  const r4 = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);
  for (const c of review.mergeCandidates) rows.push(['merge_candidate', c.a.name, c.b.name, null, null, r4(c.score), c.sentence]);
  for (const p of review.peoplePairs) rows.push(['people_overlap', p.a.name, p.b.name, null, null, r4(p.value), p.sentence]);
  for (const p of review.organisationPairs) rows.push(['organisation_overlap', p.a.name, p.b.name, null, null, r4(p.value), p.sentence]);
  for (const p of review.remitPairs) rows.push(['remit_similarity', p.a.name, p.b.name, null, null, r4(p.value), p.sentence]);
  for (const b of review.burdenByBoard) rows.push(['burden_board', b.board.name, null, null, null, b.personHours === null ? null : r4(b.personHours), b.sentence]);
  for (const o of review.burdenByOrganisation) rows.push(['burden_organisation', null, null, o.name, null, r4(o.personHours), o.sentence]);
  for (const x of review.inactive) rows.push(['no_decisions_12_months', x.board.name, null, null, null, x.lastActivity, x.sentence]);
  for (const m of review.missionsWithoutBoard) rows.push(['mission_without_board', null, null, null, m.mission.title, null, m.sentence]);
  for (const b of review.boardsWithoutMission) rows.push(['board_without_mission', b.board.name, null, null, null, null, b.sentence]);
  return rows;
}

// The cross-board view, pure: agenda items of every board in a period grouped by mission and by
// topic, and the places where the same objective, measure or topic comes to two or more boards close
// together (each occurrence within the window of the one before), so the office can join them up.
// No I/O, no clock: the caller gives the items and the dates.

export interface CrossBoardItem {
  itemId: number;
  title: string;
  /** Free topic words as written; several may be given, separated by commas or semicolons. */
  topic: string;
  boardId: number;
  boardName: string;
  meetingId: number;
  /** The meeting's date (ISO, London). */
  date: string;
  missions: { id: number; title: string }[];
  objectives: { id: number; ref: string; missionId: number }[];
  measures: { id: number; title: string; missionId: number }[];
}

/** "Knife crime " → "knife crime"; several topics split at commas and semicolons. */
export function normaliseTopics(topic: string): string[] {
  const words = topic
    .split(/[,;]/)
    .map((t) => t.trim().toLowerCase().replace(/\s+/g, ' '))
    .filter(Boolean);
  return [...new Set(words)];
}

/** Days from a to b (ISO dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** An ISO date moved by whole months (clamped to the month's last day: 31 Mar − 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

const shortMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "2025-03-03" → "3 Mar". */
export function shortDate(iso: string): string {
  const [, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${shortMonths[m - 1]}`;
}

/** The missions an item is about: linked directly, or through a linked objective or measure. */
export function missionIdsOf(item: CrossBoardItem): number[] {
  return [...new Set([...item.missions.map((m) => m.id), ...item.objectives.map((o) => o.missionId), ...item.measures.map((m) => m.missionId)])];
}

export interface Group {
  key: string;
  label: string;
  items: CrossBoardItem[];
  boardCount: number;
}

const byDate = (a: CrossBoardItem, b: CrossBoardItem) => a.date.localeCompare(b.date) || a.boardName.localeCompare(b.boardName) || a.itemId - b.itemId;

function group(items: CrossBoardItem[], keysOf: (item: CrossBoardItem) => { key: string; label: string }[]): Group[] {
  const groups = new Map<string, Group>();
  for (const item of items) {
    for (const { key, label } of keysOf(item)) {
      const g = groups.get(key) ?? { key, label, items: [], boardCount: 0 };
      g.items.push(item);
      groups.set(key, g);
    }
  }
  return [...groups.values()].map((g) => ({ ...g, items: [...g.items].sort(byDate), boardCount: new Set(g.items.map((i) => i.boardId)).size }));
}

/** Items by mission, in the order of the missions given; items linked to none last, as "Not linked to a mission". */
export function groupByMission(items: CrossBoardItem[], missionOrder: { id: number; title: string }[]): Group[] {
  const titles = new Map(missionOrder.map((m) => [m.id, m.title]));
  for (const item of items) for (const m of item.missions) if (!titles.has(m.id)) titles.set(m.id, m.title);
  const order = [...titles.keys()];
  const groups = group(items, (item) => {
    const ids = missionIdsOf(item);
    return ids.length ? ids.map((id) => ({ key: `mission:${id}`, label: titles.get(id) ?? `Mission ${id}` })) : [{ key: 'mission:none', label: 'Not linked to a mission' }];
  });
  const rank = (g: Group) => (g.key === 'mission:none' ? Number.MAX_SAFE_INTEGER : order.indexOf(Number(g.key.slice('mission:'.length))));
  return groups.sort((a, b) => rank(a) - rank(b));
}

/** Items by normalised topic, alphabetically; items without a topic are left out. */
export function groupByTopic(items: CrossBoardItem[]): Group[] {
  return group(items, (item) => normaliseTopics(item.topic).map((t) => ({ key: `topic:${t}`, label: t }))).sort((a, b) => a.label.localeCompare(b.label));
}

export interface Overlap {
  kind: 'objective' | 'measure' | 'topic';
  /** e.g. "Knife crime", "Objective PREV-02", "Measure Out of court disposals". */
  label: string;
  occurrences: { boardId: number; boardName: string; date: string; itemId: number; itemTitle: string }[];
  boardCount: number;
  /** "Knife crime comes to the Serious Violence mission board (3 Mar) and Luton CSP (10 Mar)". */
  sentence: string;
}

function listInWords(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * Where the same objective, measure or topic comes to two or more different boards within the
 * window: for each, its items in date order are cut into runs where each is within `windowDays` of
 * the one before; a run that reaches two or more boards is an overlap. Sorted by first date.
 */
export function findOverlaps(items: CrossBoardItem[], windowDays: number): Overlap[] {
  const keyed = new Map<string, { kind: Overlap['kind']; label: string; items: CrossBoardItem[] }>();
  const add = (key: string, kind: Overlap['kind'], label: string, item: CrossBoardItem) => {
    const entry = keyed.get(key) ?? { kind, label, items: [] };
    if (!entry.items.includes(item)) entry.items.push(item);
    keyed.set(key, entry);
  };
  for (const item of items) {
    for (const o of item.objectives) add(`objective:${o.id}`, 'objective', `Objective ${o.ref}`, item);
    for (const m of item.measures) add(`measure:${m.id}`, 'measure', `Measure "${m.title}"`, item);
    for (const t of normaliseTopics(item.topic)) add(`topic:${t}`, 'topic', t.charAt(0).toUpperCase() + t.slice(1), item);
  }
  const overlaps: Overlap[] = [];
  for (const { kind, label, items: list } of keyed.values()) {
    const sorted = [...list].sort(byDate);
    let run: CrossBoardItem[] = [];
    const close = () => {
      const boardsInRun = new Set(run.map((i) => i.boardId));
      if (boardsInRun.size >= 2) {
        const occurrences = run.map((i) => ({ boardId: i.boardId, boardName: i.boardName, date: i.date, itemId: i.itemId, itemTitle: i.title }));
        overlaps.push({ kind, label, occurrences, boardCount: boardsInRun.size, sentence: `${label} comes to ${listInWords(occurrences.map((o) => `${o.boardName} (${shortDate(o.date)})`))}` });
      }
      run = [];
    };
    for (const item of sorted) {
      const last = run[run.length - 1];
      if (last && daysBetween(last.date, item.date) > windowDays) close();
      run.push(item);
    }
    close();
  }
  return overlaps.sort((a, b) => (a.occurrences[0]?.date ?? '').localeCompare(b.occurrences[0]?.date ?? '') || a.label.localeCompare(b.label));
}

// The cross-board view (staff): every agenda item of every board from some months back to some months
// ahead, by mission and by topic, with the objectives, measures and topics that come to two or more
// boards close together. Reads the meetings tables directly; the grouping is cross-board.ts.
import { and, asc, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import type { RouteDef } from '../../platform/http/routes.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { errorSummary } from '../../platform/http/forms.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Services } from '../../services.ts';
import { measures } from '../measures/measures.tables.ts';
import { missions, objectives, plans } from '../plan/plan.tables.ts';
import { londonDate } from './london-time.ts';
import { addMonths, findOverlaps, groupByMission, groupByTopic, type CrossBoardItem } from './cross-board.ts';
import { agendaItemLinks, agendaItems, boards, meetings } from './governance.tables.ts';

/** Agenda items of meetings (not cancelled) from one London date to another, with their links. */
export async function crossBoardItems(db: Db, from: string, to: string): Promise<CrossBoardItem[]> {
  // A day's margin either side for the London offset; then filtered by the London date.
  const rows = await db
    .select({ itemId: agendaItems.id, title: agendaItems.title, topic: agendaItems.topic, meetingId: meetings.id, startsAt: meetings.startsAt, boardId: boards.id, boardName: boards.name })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .innerJoin(boards, eq(boards.id, meetings.boardId))
    .where(and(ne(meetings.status, 'cancelled'), gte(meetings.startsAt, new Date(`${addDays(from, -1)}T00:00:00Z`)), lte(meetings.startsAt, new Date(`${addDays(to, 1)}T23:59:59Z`))))
    .orderBy(asc(meetings.startsAt), asc(agendaItems.position));
  const inRange = rows.map((r) => ({ ...r, date: londonDate(r.startsAt) })).filter((r) => r.date >= from && r.date <= to);
  if (!inRange.length) return [];
  const links = await db
    .select({
      agendaItemId: agendaItemLinks.agendaItemId,
      missionId: agendaItemLinks.missionId,
      missionTitle: missions.title,
      objectiveId: objectives.id,
      objectiveRef: objectives.ref,
      objectiveMissionId: objectives.missionId,
      measureId: measures.id,
      measureTitle: measures.title,
      measureMissionId: measures.missionId,
    })
    .from(agendaItemLinks)
    .leftJoin(missions, eq(missions.id, agendaItemLinks.missionId))
    .leftJoin(objectives, eq(objectives.id, agendaItemLinks.objectiveId))
    .leftJoin(measures, eq(measures.id, agendaItemLinks.measureId))
    .where(inArray(agendaItemLinks.agendaItemId, inRange.map((r) => r.itemId)));
  return inRange.map((r) => {
    const mine = links.filter((l) => l.agendaItemId === r.itemId);
    return {
      itemId: r.itemId,
      title: r.title,
      topic: r.topic,
      boardId: r.boardId,
      boardName: r.boardName,
      meetingId: r.meetingId,
      date: r.date,
      missions: mine.filter((l) => l.missionId !== null && l.missionTitle !== null).map((l) => ({ id: l.missionId as number, title: l.missionTitle as string })),
      objectives: mine.filter((l) => l.objectiveId !== null).map((l) => ({ id: l.objectiveId as number, ref: l.objectiveRef ?? '', missionId: l.objectiveMissionId as number })),
      measures: mine.filter((l) => l.measureId !== null).map((l) => ({ id: l.measureId as number, title: l.measureTitle ?? '', missionId: l.measureMissionId as number })),
    };
  });
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const settings = [
  { name: 'back', label: 'Months back', min: 0, max: 24, fallback: 3 },
  { name: 'ahead', label: 'Months ahead', min: 0, max: 24, fallback: 6 },
  { name: 'weeks', label: 'Weeks apart', min: 1, max: 52, fallback: 8 },
] as const;

export function crossBoardRoutes(services: Services, renderer: Renderer): RouteDef[] {
  const db = services.database.db;
  return [
    {
      method: 'get',
      path: '/boards/cross-board',
      access: 'signed-in',
      summary: 'Cross-board view: agenda items of every board (3 months back to 6 ahead, or as asked) by mission and topic, and the same objective, measure or topic coming to two or more boards within weeks of each other',
      handler: async (req, res) => {
        const query = req.query as Record<string, unknown>;
        const errors: FieldError[] = [];
        const values: Record<string, number> = {};
        for (const s of settings) {
          const raw = typeof query[s.name] === 'string' ? (query[s.name] as string).trim() : '';
          const n = Number(raw);
          if (raw === '') values[s.name] = s.fallback;
          else if (!/^\d+$/.test(raw) || n < s.min || n > s.max) {
            errors.push({ field: s.name, text: `${s.label} must be a whole number from ${s.min} to ${s.max}` });
            values[s.name] = s.fallback;
          } else values[s.name] = n;
        }
        const today = services.today();
        const from = addMonths(today, -(values.back ?? 3));
        const to = addMonths(today, values.ahead ?? 6);
        const windowDays = (values.weeks ?? 8) * 7;
        const items = await crossBoardItems(db, from, to);
        const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.isCurrent, true)).limit(1);
        const missionOrder = plan ? await db.select({ id: missions.id, title: missions.title }).from(missions).where(eq(missions.planId, plan.id)).orderBy(asc(missions.position), asc(missions.id)) : [];
        await renderer.page(
          req,
          res,
          'domains/governance/views/decisions/cross-board.njk',
          {
            pageTitle: 'Cross-board view',
            breadcrumbs: [
              { text: 'Staff area', href: '/staff' },
              { text: 'Boards', href: '/staff/boards' },
            ],
            from,
            to,
            today,
            values,
            fieldErrors: Object.fromEntries(errors.map((e) => [e.field, e.text])),
            errorSummary: errorSummary(errors),
            itemCount: items.length,
            overlaps: findOverlaps(items, windowDays),
            byMission: groupByMission(items, missionOrder),
            byTopic: groupByTopic(items),
          },
          errors.length ? 400 : 200,
        );
      },
    },
  ];
}

// The board pack: one page with the meeting's details, attendance (once held), the agenda with each
// item's papers, each linked measure's chart and status as of the pack date, the board's decisions
// at the meeting and (for those who may see restricted material) its open actions carried forward
// from earlier meetings, as they stood on the pack date.
//
// "As of the pack date": the pack date is the meeting's day (London). A measure's chart and status
// use the observations as they are recorded now, for periods that ended on or before that day; the
// status (trajectory, forecast, "expected today") is judged on that day. Later periods are left out,
// so a pack for a past meeting shows what the data said then, except that a value corrected since
// (a superseded observation) shows its corrected figure. Targets are those in force on the day: a
// target a later PCC decision changed is read from the plan version in force then (targetsInForce).
import { asc, eq, inArray } from 'drizzle-orm';
import type { Services } from '../../services.ts';
import { computeMeasureStatus, measureProcessChanges, measures, resolveTargetValue, type Measure } from '../measures/index.ts';
import { pccDecisions, planVersions } from './governance.tables.ts';
import { presentMeasure, type MeasureView } from '../public-site/index.ts';
import { londonParts } from './london-time.ts';

export interface PackMeasure {
  id: number;
  anchor: string;
  view: MeasureView;
  published: boolean;
}

type DetailTarget = Awaited<ReturnType<Services['measures']['detail']>>['targets'][number];

/**
 * A measure's targets as they stood on `asOf` when a PCC decision dated after that day has changed the
 * plan since: those of the plan version in force on the day (the last made by a decision dated on or
 * before it, else version 1, the plan before the first change). Null when no later decision changed
 * the plan (the targets now are the targets then). Targets edited directly by staff, not through a
 * decision, are not versioned.
 */
export async function targetsInForce(services: Services, measure: Measure, asOf: string): Promise<Omit<DetailTarget, 'resolvedValue'>[] | null> {
  const versions = await services.database.db
    .select({ number: planVersions.number, snapshot: planVersions.snapshot, decisionDate: pccDecisions.decisionDate })
    .from(planVersions)
    .leftJoin(pccDecisions, eq(pccDecisions.id, planVersions.decisionId))
    .where(eq(planVersions.planId, measure.planId))
    .orderBy(asc(planVersions.number));
  if (!versions.some((v) => v.decisionDate !== null && v.decisionDate > asOf)) return null;
  const inForce = [...versions].reverse().find((v) => v.decisionDate === null || v.decisionDate <= asOf);
  if (!inForce) return null;
  const snapshot = inForce.snapshot as { missions?: { measures?: { id: number; targets?: { id: number; kind: DetailTarget['kind']; value: number | null; byDate: string | null; asWritten: string }[] }[] }[] };
  const found = (snapshot.missions ?? []).flatMap((m) => m.measures ?? []).find((x) => x.id === measure.id);
  if (!found) return null;
  return (found.targets ?? []).map((t, position) => ({ id: t.id, measureId: measure.id, kind: t.kind, value: t.value, byDate: t.byDate, asWritten: t.asWritten, position }));
}

/** A measure's page view restricted to periods ended on or before `asOf`, its status judged on that day against the targets then. */
export async function measureAsOf(services: Services, measure: Measure, asOf: string): Promise<MeasureView> {
  const plan = await services.plan.getPlanById(measure.planId);
  const current = await services.measures.detail(measure);
  const then = await targetsInForce(services, measure, asOf);
  const mainBaseline = current.baselines[0]?.value ?? null;
  const detail = then ? { ...current, targets: then.map((t) => ({ ...t, resolvedValue: resolveTargetValue(t, mainBaseline) })) } : current;
  const series = detail.series.map((s) => ({ ...s, points: s.points.filter((p) => p.periodEnd <= asOf) })).filter((s) => s.points.length > 0);
  const latest = series
    .map((s) => {
      const point = [...s.points].reverse().find((p) => p.value !== null) ?? null;
      return point ? { placeCode: s.placeCode, placeName: s.placeName, ...point } : null;
    })
    .filter((p) => p !== null);
  const filtered = { ...detail, series, latest, hasData: series.some((s) => s.points.some((p) => p.value !== null)) };
  const changes = await services.database.db.select({ periodStart: measureProcessChanges.periodStart }).from(measureProcessChanges).where(eq(measureProcessChanges.measureId, measure.id));
  const status = computeMeasureStatus({
    measure,
    baselines: detail.baselines.map((b) => ({ placeCode: b.placeCode, value: b.value, period: b.period })),
    targets: detail.targets.map((t) => ({ kind: t.kind, resolvedValue: t.resolvedValue, byDate: t.byDate })),
    series,
    processChanges: changes.filter((c) => c.periodStart <= asOf),
    planStart: plan.periodStart,
    forceAreaCode: plan.forceAreaCode,
    today: asOf,
  });
  return presentMeasure(measure, filtered, { planStart: plan.periodStart, status });
}

/**
 * The open actions carried forward into a meeting's pack: the board's actions raised before this
 * meeting (at an earlier meeting, or at none), with their status as of the pack date (from the
 * updates dated on or before it) and whether they were overdue on it. An action raised at this
 * meeting, or at a later one, is not carried forward into this pack.
 */
async function carriedForward(services: Services, boardId: number, meeting: { id: number; startsAt: Date }, packDate: string) {
  const rows = await services.governance.actions.openActionsForBoard(boardId, packDate);
  return rows
    .filter((r) => r.action.meetingId !== meeting.id && (!r.meetingStartsAt || r.meetingStartsAt < meeting.startsAt))
    .map((r) => ({ ...r.action, status: r.statusAsOf, ownerName: r.ownerName, ownerOrganisation: r.organisationName, overdue: r.overdue }));
}

/**
 * Everything the pack shows. `restricted` (the viewer passed canSeeRestricted) includes restricted
 * items and papers and unpublished minutes; without it only what the public may see.
 */
export async function buildPack(services: Services, meetingId: number, options: { restricted: boolean }) {
  const svc = services.governance.meetings;
  const { meeting, board } = await svc.requireMeeting(meetingId);
  const packDate = londonParts(meeting.startsAt).date;
  const [items, papers, attendance, decisions, openActions] = await Promise.all([
    svc.agenda(meetingId, { restricted: options.restricted }),
    svc.papersOf(meetingId, { restricted: options.restricted }),
    meeting.status === 'held' ? svc.attendance(meetingId) : Promise.resolve(null),
    svc.decisions(meetingId, { restricted: options.restricted }),
    options.restricted ? carriedForward(services, board.id, meeting, packDate) : Promise.resolve(null),
  ]);
  const measureIds = [...new Set(items.flatMap((i) => i.measures.map((m) => m.id)))];
  const measureRows = measureIds.length ? await services.database.db.select().from(measures).where(inArray(measures.id, measureIds)) : [];
  const packMeasures = new Map<number, PackMeasure>();
  for (const measure of measureRows) {
    packMeasures.set(measure.id, { id: measure.id, anchor: `measure-${measure.slug}`, view: await measureAsOf(services, measure, packDate), published: measure.publishedAt !== null });
  }
  // A measure linked to more than one item is shown in full under the first; later items point back.
  const shown = new Set<number>();
  const agenda = items.map((item) => ({
    ...item,
    papers: papers.filter((p) => p.agendaItemId === item.id),
    packMeasures: item.measures.map((m) => {
      const first = !shown.has(m.id);
      shown.add(m.id);
      return { ...m, first, pack: packMeasures.get(m.id) ?? null };
    }),
  }));
  return {
    meeting,
    board,
    packDate,
    restricted: options.restricted,
    attendance: attendance ? attendance.rows.filter((r) => r.status !== null) : null,
    agenda,
    otherPapers: papers.filter((p) => p.agendaItemId === null || !items.some((i) => i.id === p.agendaItemId)),
    decisions,
    minutes: options.restricted || meeting.minutesPublishedAt ? meeting.minutes : '',
    minutesPublished: meeting.minutesPublishedAt !== null,
    openActions,
  };
}

export type BoardPack = Awaited<ReturnType<typeof buildPack>>;

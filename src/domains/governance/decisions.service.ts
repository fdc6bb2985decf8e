// Recommendations from boards to the PCC, the PCC's decision log and the plan versions decisions
// make. Accepting a recommendation that changes the plan applies the change, writes the next plan
// version (the plan after the change, citing the decision) and audits it all in one transaction.
// Decision numbers (PCC-YYYY-NNN) are assigned under a table lock and never reused.
import { and, asc, desc, eq, like, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import type { Tx } from '../../platform/db/database.ts';
import { NotFoundError, ValidationError, type FieldError, validationErrorOf } from '../../platform/http/errors.ts';
import { isRealIsoDate } from '../../platform/http/forms.ts';
import { measures, measureTargets } from '../measures/measures.tables.ts';
import { missions, objectives, plans } from '../plan/plan.tables.ts';
import type { GovernanceDeps } from './deps.ts';
import { agendaItems, boards, meetings, pccDecisions, planVersions, recommendationKinds, recommendations, type DecisionOutcome, type RecommendationKind } from './governance.tables.ts';
import { applyProposedChange, checkProposedChange, planSnapshot, recommendationKindLabels, type ProposedChange } from './plan-changes.ts';

export type Recommendation = typeof recommendations.$inferSelect;
export type PccDecision = typeof pccDecisions.$inferSelect;
export type PlanVersion = typeof planVersions.$inferSelect;

export const decisionOutcomeLabels: Record<DecisionOutcome, string> = { accepted: 'Accepted', rejected: 'Rejected', noted: 'Noted', approved: 'Approved' };


export interface RecommendationInput {
  boardId: number;
  meetingId: number | null;
  agendaItemId: number | null;
  kind: string;
  title: string;
  rationale: string;
  /** The proposed change's fields (see plan-changes.ts), as parsed from the form. */
  change: Record<string, unknown>;
}

const recommendationSchema = z.object({
  kind: z.enum(recommendationKinds, { message: 'Choose what the recommendation is about' }),
  title: z.string().trim().min(1, 'Enter the recommendation in a sentence').max(300, 'Recommendation must be 300 characters or fewer'),
  rationale: z.string().trim().max(10_000, 'Rationale must be 10,000 characters or fewer'),
});

export interface DecisionInput {
  decisionDate: string;
  title: string;
  summary: string;
  financialImplications: string;
  reasons: string;
  relatedDocuments: string;
  isRestricted: boolean;
  restrictionReason: string;
}

const decisionSchema = z
  .object({
    decisionDate: z.string().trim().refine(isRealIsoDate, 'Date of the decision must be a real date in the format YYYY-MM-DD, like 2025-03-31'),
    title: z.string().trim().min(1, 'Enter the title of the decision').max(300, 'Title must be 300 characters or fewer'),
    summary: z.string().trim().max(10_000, 'Summary must be 10,000 characters or fewer'),
    financialImplications: z.string().trim().max(10_000, 'Financial implications must be 10,000 characters or fewer'),
    reasons: z.string().trim().min(1, 'Enter the reasons for the decision').max(10_000, 'Reasons must be 10,000 characters or fewer'),
    relatedDocuments: z.string().trim().max(10_000, 'Related documents must be 10,000 characters or fewer'),
    isRestricted: z.boolean(),
    restrictionReason: z.string().trim().max(500, 'Reason for restriction must be 500 characters or fewer'),
  })
  .superRefine((d, ctx) => {
    if (d.isRestricted && d.restrictionReason === '') ctx.addIssue({ code: 'custom', path: ['restrictionReason'], message: 'Enter why the decision is restricted (it is published with the reason only)' });
    d.relatedDocuments
      .split(/\r?\n/)
      .map((l) => l.trim())
      .forEach((line, index) => {
        if (line === '') return;
        const url = line.includes('|') ? (line.split('|')[1] ?? '').trim() : /^\w+:/.test(line) ? line : '';
        if (url !== '' && !/^https?:\/\/\S+$/i.test(url)) ctx.addIssue({ code: 'custom', path: ['relatedDocuments'], message: `Related documents, line ${index + 1}: "${url}" is not a web address starting with https://` });
      });
  });

/** Related documents, one a line: "title | https://…", a bare https:// address or a title alone. */
export function relatedDocumentsOf(text: string): { title: string; url: string | null }[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      if (line.includes('|')) {
        const [title = '', url = ''] = line.split('|').map((p) => p.trim());
        return { title: title || url, url: /^https?:\/\//i.test(url) ? url : null };
      }
      return /^https?:\/\//i.test(line) ? { title: line, url: line } : { title: line, url: null };
    });
}

/** What the public may see of a decision: a restricted one by number, date and reason only. */
export function publicDecision(d: PccDecision) {
  if (d.isRestricted) return { number: d.number, decisionDate: d.decisionDate, restricted: true as const, restrictionReason: d.restrictionReason };
  return {
    number: d.number,
    decisionDate: d.decisionDate,
    restricted: false as const,
    title: d.title,
    outcome: d.outcome,
    summary: d.summary,
    financialImplications: d.financialImplications,
    reasons: d.reasons,
    relatedDocuments: relatedDocumentsOf(d.relatedDocuments),
  };
}
export type PublicDecision = ReturnType<typeof publicDecision>;


export function createDecisionsService(deps: GovernanceDeps) {
  const { db } = deps;

  /** The next decision number for a year: one more than the highest ever given (numbers are never deleted). */
  async function nextNumber(tx: Tx, year: string): Promise<string> {
    // Two decisions recorded at once must not take the same number: the table is locked until commit.
    await tx.execute(sql`lock table pcc_decisions in share row exclusive mode`);
    const rows = await tx.select({ number: pccDecisions.number }).from(pccDecisions).where(like(pccDecisions.number, `PCC-${year}-%`));
    const highest = rows.reduce((max, r) => Math.max(max, Number(r.number.slice(`PCC-${year}-`.length)) || 0), 0);
    return `PCC-${year}-${String(highest + 1).padStart(3, '0')}`;
  }

  async function insertDecision(tx: Tx, actor: Actor, values: z.infer<typeof decisionSchema>, outcome: DecisionOutcome, recommendationId: number | null): Promise<PccDecision> {
    const number = await nextNumber(tx, values.decisionDate.slice(0, 4));
    const [row] = await tx
      .insert(pccDecisions)
      .values({ ...values, number, outcome, recommendationId, restrictionReason: values.isRestricted ? values.restrictionReason : '', decidedByLabel: actor.label })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'pcc_decision',
      entityId: row.id,
      summary: `${row.number}: ${decisionOutcomeLabels[outcome]}${row.isRestricted ? ' (restricted)' : ''}: ${row.title}`,
    });
    return row;
  }

  async function recommendationRow(id: number) {
    const [row] = await db
      .select({ recommendation: recommendations, boardName: boards.name, boardSlug: boards.slug, boardIsPublic: boards.isPublic, meetingStartsAt: meetings.startsAt, agendaItemTitle: agendaItems.title })
      .from(recommendations)
      .innerJoin(boards, eq(boards.id, recommendations.boardId))
      .leftJoin(meetings, eq(meetings.id, recommendations.meetingId))
      .leftJoin(agendaItems, eq(agendaItems.id, recommendations.agendaItemId))
      .where(eq(recommendations.id, id));
    if (!row) throw new NotFoundError('Recommendation not found');
    const [decision] = await db.select().from(pccDecisions).where(eq(pccDecisions.recommendationId, id));
    return { ...row, decision: decision ?? null };
  }

  return {
    // ---- recommendations ----

    /** Records a board's recommendation; the proposed change is checked against the current plan. */
    async recommend(actor: Actor, input: RecommendationInput): Promise<Recommendation> {
      const parsed = recommendationSchema.safeParse({ kind: input.kind, title: input.title, rationale: input.rationale });
      const errors: FieldError[] = parsed.success ? [] : validationErrorOf(parsed.error).errors;
      const row = await db.transaction(async (tx) => {
        const [board] = await tx.select().from(boards).where(eq(boards.id, input.boardId));
        if (!board) errors.push({ field: 'boardId', text: 'Choose the board making the recommendation' });
        if (input.meetingId !== null) {
          const [meeting] = await tx.select({ boardId: meetings.boardId }).from(meetings).where(eq(meetings.id, input.meetingId));
          if (!meeting || meeting.boardId !== input.boardId) errors.push({ field: 'meetingId', text: 'Choose a meeting of the board making the recommendation' });
        }
        if (input.agendaItemId !== null) {
          const [item] = await tx.select({ meetingId: agendaItems.meetingId, boardId: meetings.boardId }).from(agendaItems).innerJoin(meetings, eq(meetings.id, agendaItems.meetingId)).where(eq(agendaItems.id, input.agendaItemId));
          if (!item || item.boardId !== input.boardId || (input.meetingId !== null && item.meetingId !== input.meetingId)) errors.push({ field: 'agendaItemId', text: 'Choose an agenda item of the meeting chosen' });
        }
        let proposed: ProposedChange | null = null;
        if (parsed.success) {
          try {
            proposed = (await checkProposedChange(tx, parsed.data.kind, input.change)).proposed;
          } catch (error) {
            if (error instanceof ValidationError) errors.push(...error.errors);
            else throw error;
          }
        }
        if (errors.length || !parsed.success || !proposed || !board) throw new ValidationError(errors);
        const [created] = await tx
          .insert(recommendations)
          .values({ boardId: board.id, meetingId: input.meetingId, agendaItemId: input.agendaItemId, kind: parsed.data.kind, title: parsed.data.title, rationale: parsed.data.rationale, proposedChange: proposed.change })
          .returning();
        if (!created) throw new Error('insert returned no row');
        await recordAudit(tx, actor, { action: 'create', entityType: 'recommendation', entityId: created.id, summary: `${board.name} recommends to the PCC: ${created.title} (${recommendationKindLabels[created.kind]})` });
        return created;
      });
      deps.onChange();
      return row;
    },

    async listRecommendations(filter: { status?: Recommendation['status'] } = {}) {
      return db
        .select({ recommendation: recommendations, boardName: boards.name, boardSlug: boards.slug, boardIsPublic: boards.isPublic, meetingStartsAt: meetings.startsAt })
        .from(recommendations)
        .innerJoin(boards, eq(boards.id, recommendations.boardId))
        .leftJoin(meetings, eq(meetings.id, recommendations.meetingId))
        .where(filter.status ? eq(recommendations.status, filter.status) : undefined)
        .orderBy(desc(recommendations.createdAt), desc(recommendations.id));
    },

    getRecommendation: recommendationRow,

    /** The proposed change in words, checked against the plan as it is now (problems in words too). */
    async describeProposal(r: Recommendation): Promise<{ description: string; problem: string | null }> {
      try {
        return { description: (await checkProposedChange(db, r.kind, r.proposedChange)).description, problem: null };
      } catch (error) {
        if (error instanceof ValidationError) return { description: recommendationKindLabels[r.kind], problem: error.message };
        throw error;
      }
    },

    // ---- decisions ----

    /**
     * The PCC accepts or rejects a recommendation (once). Accepting a change applies it to the plan
     * and writes the next plan version citing the decision; the first change of a plan first records
     * version 1, the plan as it was. One transaction, audited; rejection changes nothing in the plan.
     */
    async decide(actor: Actor, recommendationId: number, outcome: string, input: DecisionInput): Promise<{ decision: PccDecision; version: PlanVersion | null }> {
      // Every problem with the form at once, as recordDecision does.
      const errors: FieldError[] = [];
      if (outcome !== 'accepted' && outcome !== 'rejected') errors.push({ field: 'outcome', text: 'Choose whether the PCC accepts or rejects the recommendation' });
      const parsed = decisionSchema.safeParse(input);
      if (!parsed.success) errors.push(...validationErrorOf(parsed.error).errors);
      if ((outcome !== 'accepted' && outcome !== 'rejected') || !parsed.success) throw new ValidationError(errors);
      const result = await db.transaction(async (tx) => {
        // Locked so two decisions on one recommendation cannot both pass the check.
        const [rec] = await tx.select().from(recommendations).where(eq(recommendations.id, recommendationId)).for('update');
        if (!rec) throw new NotFoundError('Recommendation not found');
        if (rec.status !== 'open') {
          const [earlier] = await tx.select().from(pccDecisions).where(eq(pccDecisions.recommendationId, rec.id));
          throw new ValidationError([{ field: 'outcome', text: `This recommendation has already been decided: ${rec.status}${earlier ? ` by ${earlier.number} on ${earlier.decisionDate}` : ''}. A recommendation is decided once.` }]);
        }
        let proposed: ProposedChange | null = null;
        let planId: number | null = null;
        if (outcome === 'accepted' && rec.kind !== 'other') {
          // Checked again: the plan may have changed since the board made the recommendation.
          try {
            ({ proposed, planId } = await checkProposedChange(tx, rec.kind, rec.proposedChange));
          } catch (error) {
            if (error instanceof ValidationError) throw new ValidationError(error.errors.map((e) => ({ field: 'outcome', text: `The change can no longer be made to the plan: ${e.text}` })));
            throw error;
          }
        }
        const decision = await insertDecision(tx, actor, parsed.data, outcome, rec.id);
        await tx.update(recommendations).set({ status: outcome, updatedAt: new Date() }).where(eq(recommendations.id, rec.id));
        await recordAudit(tx, actor, {
          action: 'status-change',
          entityType: 'recommendation',
          entityId: rec.id,
          summary: `Recommendation "${rec.title}" ${outcome} by ${decision.number}`,
          changes: { status: { from: rec.status, to: outcome } },
        });
        let version: PlanVersion | null = null;
        if (proposed && planId !== null) {
          const [latest] = await tx.select().from(planVersions).where(eq(planVersions.planId, planId)).orderBy(desc(planVersions.number)).limit(1);
          let previousNumber = latest?.number ?? 0;
          if (!latest) {
            const [first] = await tx
              .insert(planVersions)
              .values({ planId, number: 1, decisionId: null, changeSummary: `The plan as it stood before the first change by a PCC decision (${decision.number})`, snapshot: await planSnapshot(tx, planId), createdByLabel: actor.label })
              .returning();
            if (!first) throw new Error('insert returned no row');
            await recordAudit(tx, actor, { action: 'create', entityType: 'plan_version', entityId: first.id, planId, summary: 'Recorded version 1 of the plan (as it stood)' });
            previousNumber = 1;
          }
          const changeSummary = await applyProposedChange(tx, actor, proposed, { planId, decisionNumber: decision.number, decisionDate: decision.decisionDate, reasons: decision.reasons });
          const [row] = await tx
            .insert(planVersions)
            .values({ planId, number: previousNumber + 1, decisionId: decision.id, changeSummary, snapshot: await planSnapshot(tx, planId), createdByLabel: actor.label })
            .returning();
          if (!row) throw new Error('insert returned no row');
          await recordAudit(tx, actor, { action: 'create', entityType: 'plan_version', entityId: row.id, planId, summary: `Version ${row.number} of the plan (${decision.number}): ${changeSummary}` });
          version = row;
        }
        return { decision, version };
      });
      deps.onChange();
      return result;
    },

    /** A decision not arising from a recommendation (approved, noted or rejected). */
    async recordDecision(actor: Actor, outcome: string, input: DecisionInput): Promise<PccDecision> {
      const errors: FieldError[] = [];
      if (outcome !== 'approved' && outcome !== 'noted' && outcome !== 'rejected') errors.push({ field: 'outcome', text: 'Choose the outcome: approved, noted or rejected' });
      const parsed = decisionSchema.safeParse(input);
      if (!parsed.success) errors.push(...validationErrorOf(parsed.error).errors);
      if (errors.length || !parsed.success) throw new ValidationError(errors);
      const decision = await db.transaction((tx) => insertDecision(tx, actor, parsed.data, outcome as DecisionOutcome, null));
      deps.onChange();
      return decision;
    },

    /** The whole log, newest first (staff: restricted ones in full). */
    async listDecisions(): Promise<PccDecision[]> {
      return db.select().from(pccDecisions).orderBy(desc(pccDecisions.decisionDate), desc(pccDecisions.number));
    },

    async decisionByNumber(number: string): Promise<PccDecision | null> {
      const [row] = await db.select().from(pccDecisions).where(eq(pccDecisions.number, number));
      return row ?? null;
    },

    /** The public log: restricted decisions by number, date and reason only. */
    async publicLog(): Promise<PublicDecision[]> {
      return (await db.select().from(pccDecisions).orderBy(desc(pccDecisions.decisionDate), desc(pccDecisions.number))).map(publicDecision);
    },

    // ---- plan versions ----

    async currentPlan() {
      const [plan] = await db.select().from(plans).where(eq(plans.isCurrent, true)).limit(1);
      return plan ?? null;
    },

    async versionsOf(planId: number) {
      return db
        .select({ id: planVersions.id, number: planVersions.number, changeSummary: planVersions.changeSummary, createdAt: planVersions.createdAt, createdByLabel: planVersions.createdByLabel, decisionNumber: pccDecisions.number, decisionTitle: pccDecisions.title, decisionDate: pccDecisions.decisionDate })
        .from(planVersions)
        .leftJoin(pccDecisions, eq(pccDecisions.id, planVersions.decisionId))
        .where(eq(planVersions.planId, planId))
        .orderBy(desc(planVersions.number));
    },

    async version(planId: number, number: number) {
      const [row] = await db
        .select({ version: planVersions, decision: pccDecisions })
        .from(planVersions)
        .leftJoin(pccDecisions, eq(pccDecisions.id, planVersions.decisionId))
        .where(and(eq(planVersions.planId, planId), eq(planVersions.number, number)));
      return row ?? null;
    },

    /** Choices for the recommendation form, from the current plan. */
    async planChoices() {
      const [plan] = await db.select().from(plans).where(eq(plans.isCurrent, true)).limit(1);
      if (!plan) return { missions: [], objectives: [], measures: [], targets: [] };
      const [missionRows, objectiveRows, measureRows, targetRows] = await Promise.all([
        db.select({ id: missions.id, title: missions.title }).from(missions).where(eq(missions.planId, plan.id)).orderBy(asc(missions.position), asc(missions.id)),
        db
          .select({ id: objectives.id, ref: objectives.ref, text: objectives.text, status: objectives.status, missionTitle: missions.title })
          .from(objectives)
          .innerJoin(missions, eq(missions.id, objectives.missionId))
          .where(eq(missions.planId, plan.id))
          .orderBy(asc(missions.position), asc(objectives.position), asc(objectives.id)),
        db.select({ id: measures.id, title: measures.title }).from(measures).where(eq(measures.planId, plan.id)).orderBy(asc(measures.title)),
        db
          .select({ id: measureTargets.id, measureTitle: measures.title, asWritten: measureTargets.asWritten, kind: measureTargets.kind })
          .from(measureTargets)
          .innerJoin(measures, eq(measures.id, measureTargets.measureId))
          .where(eq(measures.planId, plan.id))
          .orderBy(asc(measures.title), asc(measureTargets.position)),
      ]);
      return { missions: missionRows, objectives: objectiveRows, measures: measureRows, targets: targetRows };
    },

    async boardChoices() {
      return db.select({ id: boards.id, name: boards.name, slug: boards.slug }).from(boards).orderBy(asc(boards.name));
    },

    async meetingChoices(boardId: number) {
      const [meetingRows, itemRows] = await Promise.all([
        db.select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt }).from(meetings).where(eq(meetings.boardId, boardId)).orderBy(desc(meetings.startsAt)),
        db
          .select({ id: agendaItems.id, title: agendaItems.title, startsAt: meetings.startsAt })
          .from(agendaItems)
          .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
          .where(eq(meetings.boardId, boardId))
          .orderBy(desc(meetings.startsAt), asc(agendaItems.position)),
      ]);
      return { meetings: meetingRows, agendaItems: itemRows };
    },
  };
}

export type DecisionsService = ReturnType<typeof createDecisionsService>;
export type { RecommendationKind };

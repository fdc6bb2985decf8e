// Boards and governance: the board register, meetings (agenda, papers, attendance, minutes),
// actions, recommendations to the PCC, the PCC's decision log and the plan versions decisions make.
import { type AnyPgColumn, boolean, check, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../../platform/auth/auth.tables.ts';
import { organisations, people } from '../datahub/datahub.tables.ts';
import { measures } from '../measures/measures.tables.ts';
import { missions, objectives, plans } from '../plan/plan.tables.ts';

export const boardTypes = [
  'mission_board',
  'criminal_justice_board',
  'community_safety_partnership',
  'violence_reduction_unit',
  'drugs_partnership',
  'safeguarding_board',
  'health_and_wellbeing_board',
  'advisory_panel',
  'scrutiny_panel',
  'police_and_crime_panel',
  'committee',
  'other',
] as const;
export type BoardType = (typeof boardTypes)[number];
export const boardStatuses = ['active', 'merged', 'closed'] as const;
export type BoardStatus = (typeof boardStatuses)[number];
export const memberRoles = ['chair', 'vice_chair', 'member', 'adviser', 'secretary', 'observer'] as const;
export type MemberRole = (typeof memberRoles)[number];
export const sectors = [
  'pcc_office',
  'police',
  'local_government',
  'health',
  'criminal_justice',
  'fire_and_rescue',
  'education',
  'voluntary_and_community',
  'academia',
  'business',
  'trade_union',
  'community',
  'other',
] as const;
export type Sector = (typeof sectors)[number];

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** A board, committee or panel in the area (the register). */
export const boards = pgTable(
  'boards',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    type: text('type').$type<BoardType>().notNull(),
    termsOfReference: text('terms_of_reference').notNull().default(''),
    /** The chair as written (a role or a name); chairPersonId when the chair is a registered person. */
    chair: text('chair').notNull().default(''),
    chairPersonId: integer('chair_person_id').references(() => people.id),
    statutoryBasis: text('statutory_basis').notNull().default(''),
    parentBoardId: integer('parent_board_id').references((): AnyPgColumn => boards.id),
    /** How often it meets, as a count a year (12 monthly, 6 bi-monthly, 4 quarterly). */
    meetingsPerYear: integer('meetings_per_year').notNull().default(4),
    usualLengthMinutes: integer('usual_length_minutes').notNull().default(120),
    status: text('status').$type<BoardStatus>().notNull().default('active'),
    mergedIntoBoardId: integer('merged_into_board_id').references((): AnyPgColumn => boards.id),
    statusChangedOn: date('status_changed_on', { mode: 'string' }),
    /** Shown on the public site (its public papers, minutes and meetings). */
    isPublic: boolean('is_public').notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex('boards_slug_unique').on(t.slug), index('boards_parent_idx').on(t.parentBoardId)],
);

/** The missions a board serves. */
export const boardMissions = pgTable(
  'board_missions',
  {
    boardId: integer('board_id')
      .notNull()
      .references(() => boards.id),
    missionId: integer('mission_id')
      .notNull()
      .references(() => missions.id),
  },
  (t) => [primaryKey({ columns: [t.boardId, t.missionId] }), index('board_missions_mission_idx').on(t.missionId)],
);

/** A person's seat on a board, from a date to a date (open-ended while current). */
export const boardMembers = pgTable(
  'board_members',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    boardId: integer('board_id')
      .notNull()
      .references(() => boards.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    organisationId: integer('organisation_id').references(() => organisations.id),
    sector: text('sector').$type<Sector>().notNull().default('other'),
    role: text('role').$type<MemberRole>().notNull().default('member'),
    isExpert: boolean('is_expert').notNull().default(false),
    hasLivedExperience: boolean('has_lived_experience').notNull().default(false),
    fromDate: date('from_date', { mode: 'string' }),
    toDate: date('to_date', { mode: 'string' }),
  },
  (t) => [index('board_members_board_idx').on(t.boardId), index('board_members_person_idx').on(t.personId)],
);

export const meetingStatuses = ['scheduled', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

export const meetings = pgTable(
  'meetings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    boardId: integer('board_id')
      .notNull()
      .references(() => boards.id),
    title: text('title').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    lengthMinutes: integer('length_minutes').notNull().default(120),
    location: text('location').notNull().default(''),
    status: text('status').$type<MeetingStatus>().notNull().default('scheduled'),
    /** Shown on the public site (only if the board is public too). */
    isPublic: boolean('is_public').notNull().default(true),
    minutes: text('minutes').notNull().default(''),
    minutesPublishedAt: timestamp('minutes_published_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index('meetings_board_idx').on(t.boardId, t.startsAt), index('meetings_starts_idx').on(t.startsAt)],
);

export const agendaItems = pgTable(
  'agenda_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    position: integer('position').notNull().default(0),
    title: text('title').notNull(),
    /** Free topic words (e.g. "knife crime", "domestic abuse"): the cross-board view groups by them. */
    topic: text('topic').notNull().default(''),
    description: text('description').notNull().default(''),
    presenter: text('presenter').notNull().default(''),
    isPublic: boolean('is_public').notNull().default(true),
    ...timestamps,
  },
  (t) => [index('agenda_items_meeting_idx').on(t.meetingId, t.position)],
);

/** What an agenda item is about: exactly one of a mission, an objective or a measure per row. */
export const agendaItemLinks = pgTable(
  'agenda_item_links',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    agendaItemId: integer('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id),
    missionId: integer('mission_id').references(() => missions.id),
    objectiveId: integer('objective_id').references(() => objectives.id),
    measureId: integer('measure_id').references(() => measures.id),
  },
  (t) => [
    index('agenda_item_links_item_idx').on(t.agendaItemId),
    index('agenda_item_links_objective_idx').on(t.objectiveId),
    index('agenda_item_links_measure_idx').on(t.measureId),
    check('agenda_item_links_one_target', sql`num_nonnulls(${t.missionId}, ${t.objectiveId}, ${t.measureId}) = 1`),
  ],
);

export const paperVisibilities = ['public', 'restricted'] as const;
export type PaperVisibility = (typeof paperVisibilities)[number];

/** A meeting paper. Its bytes live in paper_files (the database, never the web root). */
export const papers = pgTable(
  'papers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    agendaItemId: integer('agenda_item_id').references(() => agendaItems.id),
    title: text('title').notNull(),
    /** The uploaded name, sanitised (used only in Content-Disposition). */
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    visibility: text('visibility').$type<PaperVisibility>().notNull().default('restricted'),
    restrictionReason: text('restriction_reason').notNull().default(''),
    uploadedByUserId: integer('uploaded_by_user_id').references(() => users.id),
    uploadedByLabel: text('uploaded_by_label').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    /** Withdrawn papers are kept (history) but no longer listed or served. */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [index('papers_meeting_idx').on(t.meetingId)],
);

export const paperFiles = pgTable('paper_files', {
  paperId: integer('paper_id')
    .primaryKey()
    .references(() => papers.id),
  content: bytea('content').notNull(),
});

export const attendanceStatuses = ['present', 'apologies', 'absent', 'substitute'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    organisationId: integer('organisation_id').references(() => organisations.id),
    status: text('status').$type<AttendanceStatus>().notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] })],
);

/** A decision a board itself records at a meeting (within its remit: boards cannot direct partners). */
export const meetingDecisions = pgTable(
  'meeting_decisions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    agendaItemId: integer('agenda_item_id').references(() => agendaItems.id),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_decisions_meeting_idx').on(t.meetingId)],
);

export const actionStatuses = ['open', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

export const actions = pgTable(
  'actions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    boardId: integer('board_id')
      .notNull()
      .references(() => boards.id),
    /** The meeting that raised it. */
    meetingId: integer('meeting_id').references(() => meetings.id),
    agendaItemId: integer('agenda_item_id').references(() => agendaItems.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    ownerPersonId: integer('owner_person_id')
      .notNull()
      .references(() => people.id),
    ownerOrganisationId: integer('owner_organisation_id').references(() => organisations.id),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status').$type<ActionStatus>().notNull().default('open'),
    ...timestamps,
  },
  (t) => [index('actions_board_idx').on(t.boardId), index('actions_owner_idx').on(t.ownerPersonId), index('actions_due_idx').on(t.status, t.dueDate)],
);

/** Dated updates to an action: never edited, only added to. */
export const actionUpdates = pgTable(
  'action_updates',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    actionId: integer('action_id')
      .notNull()
      .references(() => actions.id),
    status: text('status').$type<ActionStatus>().notNull(),
    note: text('note').notNull(),
    updateDate: date('update_date', { mode: 'string' }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    recordedByUserId: integer('recorded_by_user_id').references(() => users.id),
    recordedByLabel: text('recorded_by_label').notNull(),
  },
  (t) => [index('action_updates_action_idx').on(t.actionId, t.recordedAt)],
);

export const recommendationKinds = ['change_objective', 'add_objective', 'add_measure', 'change_target', 'other'] as const;
export type RecommendationKind = (typeof recommendationKinds)[number];
export const recommendationStatuses = ['open', 'accepted', 'rejected', 'withdrawn'] as const;
export type RecommendationStatus = (typeof recommendationStatuses)[number];

/**
 * A board's recommendation to the PCC. proposedChange holds the structured change applied to the
 * plan if the PCC accepts it (its shape depends on kind; 'other' has none).
 */
export const recommendations = pgTable(
  'recommendations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    boardId: integer('board_id')
      .notNull()
      .references(() => boards.id),
    meetingId: integer('meeting_id').references(() => meetings.id),
    agendaItemId: integer('agenda_item_id').references(() => agendaItems.id),
    kind: text('kind').$type<RecommendationKind>().notNull(),
    title: text('title').notNull(),
    rationale: text('rationale').notNull().default(''),
    proposedChange: jsonb('proposed_change').$type<Record<string, unknown>>(),
    status: text('status').$type<RecommendationStatus>().notNull().default('open'),
    ...timestamps,
  },
  (t) => [index('recommendations_board_idx').on(t.boardId), index('recommendations_status_idx').on(t.status)],
);

export const decisionOutcomes = ['accepted', 'rejected', 'noted', 'approved'] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];

/** The PCC's decision log. Restricted decisions are listed publicly by number with the reason only. */
export const pccDecisions = pgTable(
  'pcc_decisions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** e.g. PCC-2026-007: unique, never reused. */
    number: text('number').notNull(),
    decisionDate: date('decision_date', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    financialImplications: text('financial_implications').notNull().default(''),
    reasons: text('reasons').notNull().default(''),
    /** Related documents: one "title | url" or URL per line. */
    relatedDocuments: text('related_documents').notNull().default(''),
    outcome: text('outcome').$type<DecisionOutcome>().notNull(),
    recommendationId: integer('recommendation_id').references(() => recommendations.id),
    isRestricted: boolean('is_restricted').notNull().default(false),
    restrictionReason: text('restriction_reason').notNull().default(''),
    decidedByLabel: text('decided_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('pcc_decisions_number_unique').on(t.number), uniqueIndex('pcc_decisions_recommendation_unique').on(t.recommendationId), index('pcc_decisions_date_idx').on(t.decisionDate)],
);

/**
 * Numbered versions of a plan. Version 1 is the plan as first recorded; each later version is made
 * by applying an accepted recommendation and cites the decision. snapshot is the plan after the change.
 */
export const planVersions = pgTable(
  'plan_versions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    number: integer('number').notNull(),
    decisionId: integer('decision_id').references(() => pccDecisions.id),
    changeSummary: text('change_summary').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdByLabel: text('created_by_label').notNull(),
  },
  (t) => [uniqueIndex('plan_versions_number_unique').on(t.planId, t.number)],
);

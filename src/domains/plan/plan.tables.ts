import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const objectiveStatuses = ['not_started', 'in_progress', 'done', 'dropped'] as const;
export type ObjectiveStatus = (typeof objectiveStatuses)[number];
export const horizons = ['first_six_months', 'rest_of_term'] as const;
export type Horizon = (typeof horizons)[number];
export const missionKinds = ['mission', 'foundation'] as const;
export type MissionKind = (typeof missionKinds)[number];

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const plans = pgTable(
  'plans',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    subtitle: text('subtitle').notNull().default(''),
    commissioner: text('commissioner').notNull().default(''),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    summary: text('summary').notNull().default(''),
    sourceDocument: text('source_document').notNull().default(''),
    forceAreaCode: text('force_area_code'),
    isCurrent: boolean('is_current').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [uniqueIndex('plans_slug_unique').on(t.slug)],
);

export const planStages = pgTable(
  'plan_stages',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    name: text('name').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    description: text('description').notNull().default(''),
    position: integer('position').notNull().default(0),
    ...timestamps,
  },
  (t) => [index('plan_stages_plan_idx').on(t.planId)],
);

export const missions = pgTable(
  'missions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    slug: text('slug').notNull(),
    kind: text('kind').$type<MissionKind>().notNull().default('mission'),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    purpose: text('purpose').notNull().default(''),
    lead: text('lead').notNull().default(''),
    position: integer('position').notNull().default(0),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [uniqueIndex('missions_plan_slug_unique').on(t.planId, t.slug)],
);

export const objectives = pgTable(
  'objectives',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    missionId: integer('mission_id')
      .notNull()
      .references(() => missions.id),
    ref: text('ref').notNull(),
    text: text('text').notNull(),
    horizon: text('horizon').$type<Horizon>().notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    owner: text('owner').notNull().default(''),
    status: text('status').$type<ObjectiveStatus>().notNull().default('not_started'),
    position: integer('position').notNull().default(0),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index('objectives_mission_idx').on(t.missionId), uniqueIndex('objectives_mission_ref_unique').on(t.missionId, t.ref)],
);

// Dated history of an objective's status: never edited, only added to.
export const objectiveUpdates = pgTable(
  'objective_updates',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    objectiveId: integer('objective_id')
      .notNull()
      .references(() => objectives.id),
    status: text('status').$type<ObjectiveStatus>().notNull(),
    narrative: text('narrative').notNull(),
    evidenceUrl: text('evidence_url'),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    recordedByUserId: integer('recorded_by_user_id'),
    recordedByLabel: text('recorded_by_label').notNull(),
  },
  (t) => [index('objective_updates_objective_idx').on(t.objectiveId, t.recordedAt)],
);

import { doublePrecision, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { missions, objectives, plans } from '../plan/plan.tables.ts';

export const polarities = ['higher_is_better', 'lower_is_better', 'neutral'] as const;
export type Polarity = (typeof polarities)[number];
export const frequencies = ['month', 'quarter', 'year', 'financial_year', 'ad_hoc'] as const;
export type Frequency = (typeof frequencies)[number];
export const geographyLevels = ['force_area', 'local_authority', 'lsoa', 'hotspot'] as const;
export type GeographyLevel = (typeof geographyLevels)[number];
export const targetKinds = ['absolute', 'relative_percent', 'percentage_points', 'monitor_only'] as const;
export type TargetKind = (typeof targetKinds)[number];
export const rateDenominators = ['observation', 'population'] as const;
export type RateDenominator = (typeof rateDenominators)[number];
export const observationSources = ['form', 'csv', 'api', 'seed', 'generated', 'import'] as const; // import: from imported data (a measure feed)
export type ObservationSource = (typeof observationSources)[number];

export const measures = pgTable(
  'measures',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    missionId: integer('mission_id')
      .notNull()
      .references(() => missions.id),
    objectiveId: integer('objective_id').references(() => objectives.id),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    definition: text('definition').notNull().default(''),
    unit: text('unit').notNull().default(''),
    polarity: text('polarity').$type<Polarity>().notNull().default('neutral'),
    frequency: text('frequency').$type<Frequency>().notNull().default('ad_hoc'),
    geography: text('geography').$type<GeographyLevel>().notNull().default('force_area'),
    source: text('source').notNull().default(''),
    dataNeeded: text('data_needed').notNull().default(''),
    interpretation: text('interpretation'),
    decimals: integer('decimals').notNull().default(1),
    // A rate: value = numerator / denominator × rateBase (e.g. per 1,000), the denominator being the
    // observation's own or the place's population for the period's year.
    rateBase: integer('rate_base'),
    rateDenominator: text('rate_denominator').$type<RateDenominator>().notNull().default('observation'),
    position: integer('position').notNull().default(0),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('measures_plan_slug_unique').on(t.planId, t.slug), index('measures_mission_idx').on(t.missionId)],
);

export const measureBaselines = pgTable(
  'measure_baselines',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    measureId: integer('measure_id')
      .notNull()
      .references(() => measures.id),
    placeCode: text('place_code').notNull(),
    value: doublePrecision('value'), // null: the plan states no baseline yet
    period: text('period'),
    asWritten: text('as_written').notNull().default(''),
  },
  (t) => [uniqueIndex('measure_baselines_unique').on(t.measureId, t.placeCode)],
);

export const measureTargets = pgTable(
  'measure_targets',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    measureId: integer('measure_id')
      .notNull()
      .references(() => measures.id),
    kind: text('kind').$type<TargetKind>().notNull(),
    value: doublePrecision('value'),
    byDate: date('by_date', { mode: 'string' }),
    asWritten: text('as_written').notNull().default(''),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('measure_targets_measure_idx').on(t.measureId)],
);

export const observationBatches = pgTable('observation_batches', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  measureId: integer('measure_id')
    .notNull()
    .references(() => measures.id),
  source: text('source').$type<ObservationSource>().notNull(),
  fileName: text('file_name'),
  rowCount: integer('row_count').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdByUserId: integer('created_by_user_id'),
  createdByLabel: text('created_by_label').notNull(),
});

// A value is never overwritten: a new value for the same period and place supersedes the old row,
// which stays with superseded_at set.
export const observations = pgTable(
  'observations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    measureId: integer('measure_id')
      .notNull()
      .references(() => measures.id),
    batchId: integer('batch_id')
      .notNull()
      .references(() => observationBatches.id),
    period: text('period').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    placeCode: text('place_code').notNull(),
    value: doublePrecision('value'),
    numerator: doublePrecision('numerator'),
    denominator: doublePrecision('denominator'),
    markers: text('markers').notNull().default(''),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    supersededById: integer('superseded_by_id'),
  },
  (t) => [
    uniqueIndex('observations_current_unique')
      .on(t.measureId, t.period, t.placeCode)
      .where(sql`${t.supersededAt} is null`),
    index('observations_measure_start_idx').on(t.measureId, t.periodStart),
  ],
);

// From this period on the process changed (e.g. a new recording rule): SPC limits are recalculated
// from here. Kept, like everything else, with who recorded it and why.
export const measureProcessChanges = pgTable(
  'measure_process_changes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    measureId: integer('measure_id')
      .notNull()
      .references(() => measures.id),
    period: text('period').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdByLabel: text('created_by_label').notNull(),
  },
  (t) => [uniqueIndex('measure_process_changes_unique').on(t.measureId, t.period)],
);

export const measureFeedKinds = ['police-uk-crime', 'patrol-compliance', 'partner-dataset'] as const;
export type MeasureFeedKind = (typeof measureFeedKinds)[number];

// A measure whose observations come from imported data rather than uploads: refreshed after each
// import (new values supersede old ones through the usual observation history).
export const measureFeeds = pgTable('measure_feeds', {
  measureId: integer('measure_id')
    .primaryKey()
    .references(() => measures.id),
  kind: text('kind').$type<MeasureFeedKind>().notNull(),
  // police-uk-crime: { crimeTypes: string[] } ([] = every type except anti-social behaviour)
  // partner-dataset: { datasetId, columnName, aggregate, perPopulation, organisationId, attachedByUserId, lastRefresh } (src/domains/datahub/dataset-feeds.ts)
  options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdByLabel: text('created_by_label').notNull(),
});

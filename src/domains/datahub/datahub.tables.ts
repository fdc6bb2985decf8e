// The partner data hub: organisations and their people, datasets they own, the data-sharing
// agreements that grant access, submissions (versioned uploads of area-level data, never
// overwritten) and the API tokens partners submit with.
import { sql } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/auth.tables.ts';

export const organisationTypes = [
  'pcc_office',
  'police',
  'local_authority',
  'nhs',
  'probation',
  'cps',
  'courts',
  'prisons',
  'fire_and_rescue',
  'voluntary_sector',
  'education',
  'business',
  'academia',
] as const;
export type OrganisationType = (typeof organisationTypes)[number];

/** An organisation, identified org-id style (GB-LAE-LUT, GB-CHC-1234567, GB-COH-01234567, …). */
export const organisations = pgTable(
  'organisations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    orgId: text('org_id').notNull(),
    name: text('name').notNull(),
    type: text('type').$type<OrganisationType>().notNull(),
    website: text('website'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('organisations_org_id_unique').on(t.orgId)],
);

/** A person (a partner's data steward, a board member): may or may not have a user account. */
export const people = pgTable(
  'people',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    email: text('email'),
    userId: integer('user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('people_user_unique').on(t.userId)],
);

/** A person's role in an organisation, from a date to a date (open-ended while current). */
export const memberships = pgTable(
  'memberships',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: text('role').notNull(),
    fromDate: date('from_date', { mode: 'string' }),
    toDate: date('to_date', { mode: 'string' }),
  },
  (t) => [index('memberships_person_idx').on(t.personId), index('memberships_organisation_idx').on(t.organisationId)],
);

/** Which organisation a signed-in user acts for (partners always; staff for the office). */
export const userOrganisations = pgTable('user_organisations', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  organisationId: integer('organisation_id')
    .notNull()
    .references(() => organisations.id),
});

export const datasetGeographyLevels = ['lsoa', 'ward', 'local_authority', 'csp', 'force_area'] as const;
export type DatasetGeographyLevel = (typeof datasetGeographyLevels)[number];
export const periodTypes = ['month', 'quarter', 'year'] as const;
export type PeriodType = (typeof periodTypes)[number];
export const sensitivities = ['public', 'all_partners', 'named_organisations'] as const;
export type Sensitivity = (typeof sensitivities)[number];
export const columnTypes = ['count', 'number', 'category', 'text'] as const;
export type ColumnType = (typeof columnTypes)[number];

export const datasets = pgTable(
  'datasets',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    ownerOrganisationId: integer('owner_organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    geographyLevel: text('geography_level').$type<DatasetGeographyLevel>().notNull(),
    periodType: text('period_type').$type<PeriodType>().notNull(),
    /** The first period data is expected for (e.g. 2024-04, 2024-Q2, 2024). */
    firstPeriod: text('first_period').notNull(),
    /** A period's submission is due this many days after the period ends. */
    dueDaysAfterPeriod: integer('due_days_after_period').notNull().default(30),
    sensitivity: text('sensitivity').$type<Sensitivity>().notNull(),
    /** Disclosure rule, applied to count columns for everyone but the owner. */
    suppressBelow: integer('suppress_below'),
    roundTo: integer('round_to'),
    secondarySuppression: boolean('secondary_suppression').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdByLabel: text('created_by_label').notNull(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('datasets_slug_unique').on(t.slug)],
);

export const datasetColumns = pgTable(
  'dataset_columns',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    label: text('label').notNull(),
    type: text('type').$type<ColumnType>().notNull(),
    unit: text('unit'),
    /** For category columns: the values allowed. */
    allowedValues: jsonb('allowed_values').$type<string[]>(),
    required: boolean('required').notNull().default(true),
  },
  (t) => [uniqueIndex('dataset_columns_name_unique').on(t.datasetId, t.name), uniqueIndex('dataset_columns_position_unique').on(t.datasetId, t.position)],
);

/** Organisations expected to submit a dataset (the owner, and any others it names). */
export const datasetSubmitters = pgTable(
  'dataset_submitters',
  {
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.datasetId, t.organisationId] })],
);

/** For named_organisations datasets: the organisations that may be granted access (still only under a live agreement). */
export const datasetNamedOrganisations = pgTable(
  'dataset_named_organisations',
  {
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.datasetId, t.organisationId] })],
);

export const agreementStatuses = ['draft', 'live', 'suspended', 'ended'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

export const agreements = pgTable(
  'agreements',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    reference: text('reference').notNull(),
    title: text('title').notNull(),
    purpose: text('purpose').notNull(),
    lawfulBasis: text('lawful_basis').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    reviewDate: date('review_date', { mode: 'string' }),
    status: text('status').$type<AgreementStatus>().notNull(),
    documentUrl: text('document_url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdByLabel: text('created_by_label').notNull(),
  },
  (t) => [uniqueIndex('agreements_reference_unique').on(t.reference)],
);

export const agreementParties = pgTable(
  'agreement_parties',
  {
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreements.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.organisationId] }), index('agreement_parties_organisation_idx').on(t.organisationId)],
);

export const agreementDatasets = pgTable(
  'agreement_datasets',
  {
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreements.id),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.datasetId] }), index('agreement_datasets_dataset_idx').on(t.datasetId)],
);

/** An organisation's API token for submitting: only its sha256 is stored. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the token, to recognise it in lists. */
    prefix: text('prefix').notNull(),
    datasetIds: jsonb('dataset_ids').$type<number[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdByLabel: text('created_by_label').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedByLabel: text('revoked_by_label'),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_hash_unique').on(t.tokenHash)],
);

/** One upload of a dataset by an organisation, covering one or more periods. Never overwritten. */
export const submissions = pgTable(
  'submissions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    rows: integer('rows').notNull(),
    periods: jsonb('periods').$type<string[]>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    submittedByUserId: integer('submitted_by_user_id').references(() => users.id),
    submittedByLabel: text('submitted_by_label').notNull(),
    apiTokenId: integer('api_token_id').references(() => apiTokens.id),
    /** What changed against the data it replaces: rows added, removed, values changed, per period. */
    diffSummary: jsonb('diff_summary').$type<Record<string, unknown>>(),
  },
  (t) => [index('submissions_dataset_idx').on(t.datasetId, t.organisationId, t.submittedAt)],
);

/**
 * Which submission holds the current data for a dataset, organisation and period. A newer
 * submission for the period supersedes the row (kept, with superseded_at and superseded_by).
 */
export const submissionPeriods = pgTable(
  'submission_periods',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    period: text('period').notNull(),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id),
    rows: integer('rows').notNull(),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    supersededBySubmissionId: integer('superseded_by_submission_id').references(() => submissions.id),
  },
  (t) => [
    uniqueIndex('submission_periods_current_unique')
      .on(t.datasetId, t.organisationId, t.period)
      .where(sql`${t.supersededAt} is null`),
    index('submission_periods_submission_idx').on(t.submissionId),
  ],
);

/**
 * The rows of a submission: a place, a period and one value per column, numbers in `numbers`
 * (count and number columns, in column order) and labels in `labels` (category and text columns).
 * Bulk-loaded by COPY; no per-row foreign keys.
 */
export const submissionRows = pgTable(
  'submission_rows',
  {
    submissionId: integer('submission_id').notNull(),
    line: integer('line').notNull(),
    placeCode: text('place_code').notNull(),
    period: text('period').notNull(),
    numbers: doublePrecision('numbers').array().notNull(),
    labels: text('labels').array().notNull(),
  },
  // A submission's rows arrive together in one COPY, so they sit together in the table: a BRIN index on
  // submission_id finds them at a fraction of a b-tree's cost to build (a b-tree on (submission, line)
  // plus one on (submission, place) took 1.5 s of a million-row submission's 2.6 s in the server).
  // Lines are numbered by the app, one per checked row, so they need no key to stay unique.
  (t) => [index('submission_rows_submission_brin').using('brin', t.submissionId).with({ autosummarize: true })],
);

// police.uk records as imported, the summaries the analysis pages and API read, the hotspot
// register and patrol records. The three record tables are bulk-loaded by COPY: they carry no
// foreign key or Crime ID index, whose per-row checks tripled the load time (measured on
// PostgreSQL 15: 1.15 s vs 0.43 s for the street rows without the FK), and no (file_id, line) key:
// its b-trees took 0.2 s of the server's 0.87 s for the 36 months, where a BRIN index on file_id
// (rows arrive a file at a time) finds a file's rows for a fraction of that. The importer numbers
// the lines and writes each file's row and its records in one transaction, and nothing else writes
// them, so (file_id, line) stays unique without a key. Nothing is deleted: a re-imported month marks the earlier file
// superseded and its rows stay, so every query reads the rows of current files only (or the
// summaries, which are rebuilt from current files in the same transaction as each import).
import { sql } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const policeUkKinds = ['street', 'outcomes', 'stop-and-search'] as const;
export type PoliceUkFileKind = (typeof policeUkKinds)[number];

/** One imported police.uk file: what it held and what became of its rows (the import summary). */
export const policeUkFiles = pgTable(
  'police_uk_files',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').$type<PoliceUkFileKind>().notNull(),
    force: text('force').notNull(), // from the file name, e.g. "bedfordshire"
    month: text('month').notNull(), // YYYY-MM
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    rows: integer('rows').notNull(),
    stored: integer('stored').notNull(),
    withoutLocation: integer('without_location').notNull(),
    outsideForceArea: integer('outside_force_area').notNull(),
    antiSocialBehaviour: integer('anti_social_behaviour').notNull(),
    repeatedCrimeIds: integer('repeated_crime_ids').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    importedBy: text('imported_by').notNull(),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    supersededById: integer('superseded_by_id'),
  },
  (t) => [
    uniqueIndex('police_uk_files_current_unique')
      .on(t.kind, t.force, t.month)
      .where(sql`${t.supersededAt} is null`),
  ],
);

export const streetCrimes = pgTable(
  'street_crimes',
  {
    fileId: integer('file_id').notNull(), // police_uk_files.id, written in the same transaction (no FK: see below)
    line: integer('line').notNull(),
    month: date('month', { mode: 'string' }).notNull(), // first day of the month
    crimeId: text('crime_id'), // null for anti-social behaviour
    crimeType: text('crime_type').notNull(),
    lastOutcome: text('last_outcome'),
    longitude: doublePrecision('longitude'),
    latitude: doublePrecision('latitude'),
    easting: doublePrecision('easting'), // British National Grid, computed on import
    northing: doublePrecision('northing'),
    location: text('location').notNull(),
    lsoaCode: text('lsoa_code'),
    lsoaName: text('lsoa_name'),
    reportedBy: text('reported_by').notNull(),
    fallsWithin: text('falls_within').notNull(),
    outsideForceArea: boolean('outside_force_area').notNull(),
    // The Month and Context cells as written: the bulk path stores most rows as the file gives them.
    sourceMonth: text('source_month'),
    context: text('context'),
  },
  (t) => [index('street_crimes_file_brin').using('brin', t.fileId).with({ autosummarize: true })],
);

export const crimeOutcomes = pgTable(
  'crime_outcomes',
  {
    fileId: integer('file_id').notNull(),
    line: integer('line').notNull(),
    month: date('month', { mode: 'string' }).notNull(), // the month the outcome was recorded
    crimeId: text('crime_id').notNull(),
    outcomeType: text('outcome_type').notNull(),
    longitude: doublePrecision('longitude'),
    latitude: doublePrecision('latitude'),
    location: text('location').notNull(),
    lsoaCode: text('lsoa_code'),
    lsoaName: text('lsoa_name'),
    reportedBy: text('reported_by').notNull(),
    fallsWithin: text('falls_within').notNull(),
    sourceMonth: text('source_month'), // the Month cell as written
  },
  (t) => [index('crime_outcomes_file_brin').using('brin', t.fileId).with({ autosummarize: true })],
);

export const stopSearches = pgTable(
  'stop_searches',
  {
    fileId: integer('file_id').notNull(),
    line: integer('line').notNull(),
    month: date('month', { mode: 'string' }).notNull(), // the London month of the search
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    type: text('type').notNull(),
    partOfPolicingOperation: boolean('part_of_policing_operation'),
    policingOperation: text('policing_operation'),
    longitude: doublePrecision('longitude'),
    latitude: doublePrecision('latitude'),
    lsoaCode: text('lsoa_code'), // not in the file: filled when LSOA boundaries are loaded (else null)
    gender: text('gender'),
    ageRange: text('age_range'),
    selfDefinedEthnicity: text('self_defined_ethnicity'),
    officerDefinedEthnicity: text('officer_defined_ethnicity'),
    legislation: text('legislation'),
    objectOfSearch: text('object_of_search'),
    outcome: text('outcome'),
    outcomeLinkedToObject: boolean('outcome_linked_to_object'),
    removalOfMoreThanOuterClothing: boolean('removal_of_more_than_outer_clothing'),
  },
  (t) => [index('stop_searches_file_brin').using('brin', t.fileId).with({ autosummarize: true }), index('stop_searches_month_idx').on(t.month)],
);

/**
 * Street crimes of current files counted by month, LSOA (null: no location) and crime type, with
 * how many of the crimes with an ID (each ID once) had a charge or summons as their last outcome.
 * Rebuilt for every month in the same transaction as each import.
 */
export const crimeCounts = pgTable(
  'crime_counts',
  {
    month: date('month', { mode: 'string' }).notNull(),
    lsoaCode: text('lsoa_code').notNull(), // '' for rows without a location
    crimeType: text('crime_type').notNull(),
    crimes: integer('crimes').notNull(),
    crimesWithId: integer('crimes_with_id').notNull(),
    chargedOrSummonsed: integer('charged_or_summonsed').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.lsoaCode, t.crimeType] }), index('crime_counts_lsoa_idx').on(t.lsoaCode, t.month)],
);

/** A saved set of hotspots; one register is current (the one patrols are checked against). */
export const hotspotRegisters = pgTable(
  'hotspot_registers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    crimeTypes: jsonb('crime_types').$type<string[]>().notNull(), // [] = all crime types
    fromMonth: text('from_month').notNull(),
    toMonth: text('to_month').notNull(),
    cellSize: integer('cell_size').notNull(),
    fdr: boolean('fdr').notNull(),
    current: boolean('current').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdByLabel: text('created_by_label').notNull(),
  },
  (t) => [uniqueIndex('hotspot_registers_one_current').on(t.current).where(sql`${t.current}`)],
);

export const hotspots = pgTable(
  'hotspots',
  {
    registerId: integer('register_id')
      .notNull()
      .references(() => hotspotRegisters.id),
    hotspotId: text('hotspot_id').notNull(), // e.g. "H01", unique within its register
    col: integer('col').notNull(),
    row: integer('row').notNull(),
    // Corners in British National Grid metres (EPSG:27700), closed ring, and the same as WKT.
    polygon: jsonb('polygon').$type<[number, number][]>().notNull(),
    wkt: text('wkt').notNull(),
    crimes: integer('crimes').notNull(),
    z: doublePrecision('z').notNull(),
    p: doublePrecision('p').notNull(),
    bin: integer('bin').notNull(),
  },
  (t) => [primaryKey({ columns: [t.registerId, t.hotspotId] })],
);

export const patrolImports = pgTable('patrol_imports', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  registerId: integer('register_id')
    .notNull()
    .references(() => hotspotRegisters.id),
  fileName: text('file_name').notNull(),
  form: text('form').$type<'visits' | 'pings'>().notNull(),
  sha256: text('sha256').notNull(),
  rows: integer('rows').notNull(),
  visits: integer('visits').notNull(),
  summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  importedBy: text('imported_by').notNull(),
});

export const patrolVisits = pgTable(
  'patrol_visits',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    importId: integer('import_id')
      .notNull()
      .references(() => patrolImports.id),
    registerId: integer('register_id').notNull(),
    hotspotId: text('hotspot_id').notNull(),
    unit: text('unit').notNull(),
    startAt: timestamp('start_at', { withTimezone: true }).notNull(),
    endAt: timestamp('end_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('patrol_visits_register_idx').on(t.registerId, t.hotspotId, t.startAt)],
);

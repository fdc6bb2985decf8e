// Timed crime records from the force's records system (not police.uk): each import is a batch kept
// in history. A crime reference in a newer batch supersedes the same reference in earlier batches
// (superseded_by_import_id is set in the import's transaction); nothing is deleted. Queries read
// the rows whose superseded_by_import_id is null.
import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const timedCrimeImports = pgTable(
  'timed_crime_imports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    rows: integer('rows').notNull(),
    /** Crimes of earlier imports this one superseded (same reference). */
    superseded: integer('superseded').notNull(),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    importedBy: text('imported_by').notNull(),
  },
  (t) => [uniqueIndex('timed_crime_imports_sha256_idx').on(t.sha256)],
);

export const timedCrimes = pgTable(
  'timed_crimes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    importId: integer('import_id')
      .notNull()
      .references(() => timedCrimeImports.id),
    crimeReference: text('crime_reference').notNull(),
    crimeType: text('crime_type').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    // British National Grid metres (EPSG:27700): given, or projected from longitude/latitude.
    easting: doublePrecision('easting').notNull(),
    northing: doublePrecision('northing').notNull(),
    /** As given in the file, when the file gave longitude/latitude. */
    longitude: doublePrecision('longitude'),
    latitude: doublePrecision('latitude'),
    supersededByImportId: integer('superseded_by_import_id'),
  },
  (t) => [
    index('timed_crimes_reference_idx').on(t.crimeReference),
    index('timed_crimes_current_time_idx').on(t.occurredAt).where(sql`${t.supersededByImportId} is null`),
  ],
);

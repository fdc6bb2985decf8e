import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const placeTypes = ['force_area', 'local_authority', 'csp', 'ward', 'lsoa'] as const;
export type PlaceType = (typeof placeTypes)[number];

// Places nest in the policing geography: LSOA → local authority → community safety partnership →
// police force area (parent_code is the next place up).
export const places = pgTable(
  'places',
  {
    code: text('code').primaryKey(), // ONS GSS code
    name: text('name').notNull(),
    type: text('type').$type<PlaceType>().notNull(),
    parentCode: text('parent_code'),
  },
  (t) => [index('places_parent_idx').on(t.parentCode)],
);

export const placePopulations = pgTable(
  'place_populations',
  {
    placeCode: text('place_code')
      .notNull()
      .references(() => places.code),
    year: integer('year').notNull(),
    population: integer('population').notNull(),
    source: text('source').notNull(),
  },
  (t) => [primaryKey({ columns: [t.placeCode, t.year] })],
);

/** A population replaced by a later import: kept, never lost. */
export const placePopulationHistory = pgTable('place_population_history', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  placeCode: text('place_code').notNull(),
  year: integer('year').notNull(),
  population: integer('population').notNull(),
  source: text('source').notNull(),
  supersededAt: timestamp('superseded_at', { withTimezone: true }).notNull().defaultNow(),
  supersededBySource: text('superseded_by_source').notNull(),
});

/** A place's boundary (polygons in longitude/latitude); a new import supersedes, the old one stays. */
export const placeBoundaries = pgTable(
  'place_boundaries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    placeCode: text('place_code')
      .notNull()
      .references(() => places.code),
    polygons: jsonb('polygons').$type<[number, number][][][]>().notNull(),
    source: text('source').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('place_boundaries_current_unique')
      .on(t.placeCode)
      .where(sql`${t.supersededAt} is null`),
  ],
);

/** ONS best-fit lookup from 2011 LSOAs to 2021 LSOAs (one row per 2011 LSOA). */
export const lsoa2011To2021 = pgTable('lsoa_2011_to_2021', {
  lsoa11Code: text('lsoa11_code').primaryKey(),
  lsoa11Name: text('lsoa11_name').notNull(),
  lsoa21Code: text('lsoa21_code').notNull(),
  lsoa21Name: text('lsoa21_name').notNull(),
  ladCode: text('lad_code').notNull(),
  ladName: text('lad_name').notNull(),
  source: text('source').notNull(),
});

/** Every import of place data (population, boundaries, lookups), with its summary. */
export const placeImports = pgTable('place_imports', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  kind: text('kind').$type<'population' | 'boundaries' | 'lad-csp-pfa' | 'lsoa-2011-2021'>().notNull(),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull(),
  summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  importedBy: text('imported_by').notNull(),
});

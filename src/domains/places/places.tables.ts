import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

export const placeTypes = ['force_area', 'local_authority', 'csp', 'ward', 'lsoa'] as const;
export type PlaceType = (typeof placeTypes)[number];

export const places = pgTable('places', {
  code: text('code').primaryKey(), // ONS GSS code
  name: text('name').notNull(),
  type: text('type').$type<PlaceType>().notNull(),
  parentCode: text('parent_code'),
});

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

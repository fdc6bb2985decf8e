import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// One row: the office whose plan this instance runs. Shown in the header of every page.
export const officeSettings = pgTable('office_settings', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  colourPrimary: text('colour_primary').notNull(),
  colourSecondary: text('colour_secondary').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

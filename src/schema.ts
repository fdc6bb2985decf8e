// Every table, for drizzle-kit to generate migrations from. Application code imports tables from
// their own domain modules.
export * from './platform/auth/auth.tables.ts';
export * from './platform/audit/audit.tables.ts';
export * from './domains/office/office.tables.ts';
export * from './domains/places/places.tables.ts';
export * from './domains/plan/plan.tables.ts';
export * from './domains/measures/measures.tables.ts';
export * from './domains/crime/crime.tables.ts';
export * from './domains/crime/patrols/timed-crimes.tables.ts';
export * from './domains/datahub/datahub.tables.ts';
export * from './domains/governance/governance.tables.ts';

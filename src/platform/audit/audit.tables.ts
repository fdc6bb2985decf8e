import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Append-only: a trigger in the migrations refuses UPDATE and DELETE on this table.
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: integer('actor_user_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    planId: integer('plan_id'),
    summary: text('summary').notNull(),
    changes: jsonb('changes').$type<Record<string, { from: unknown; to: unknown }> | null>(),
    reason: text('reason'),
    /** For partner data: the organisation the actor acted for, and the agreement that allowed the read. */
    organisationId: integer('organisation_id'),
    agreementId: integer('agreement_id'),
  },
  (t) => [
    index('audit_plan_idx').on(t.planId, t.occurredAt),
    index('audit_entity_idx').on(t.entityType, t.entityId, t.occurredAt),
    // The audit log search (/staff/hub/audit): newest first, by organisation, by actor, or over everything.
    index('audit_organisation_idx').on(t.organisationId, t.occurredAt),
    index('audit_actor_idx').on(t.actorUserId, t.occurredAt),
    index('audit_occurred_idx').on(t.occurredAt, t.id),
  ],
);

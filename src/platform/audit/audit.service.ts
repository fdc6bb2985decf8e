import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/database.ts';
import { auditEvents } from './audit.tables.ts';

export interface Actor {
  userId: number | null;
  label: string; // e.g. "Jo Analyst <jo@example.org>" or "command line"
}

export const systemActor: Actor = { userId: null, label: 'system' };

export interface AuditEntry {
  action: string; // e.g. 'create', 'update', 'publish', 'status-change', 'upload'
  entityType: string;
  entityId: string | number;
  planId?: number | null;
  summary: string;
  changes?: Record<string, { from: unknown; to: unknown }> | null;
  reason?: string | null;
  /** Partner data: the organisation the actor acted for, and the agreement that allowed it. */
  organisationId?: number | null;
  agreementId?: number | null;
}

/** Write an audit event. Call it with the transaction that makes the change. */
export async function recordAudit(tx: DbOrTx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: entry.action,
    entityType: entry.entityType,
    entityId: String(entry.entityId),
    planId: entry.planId ?? null,
    summary: entry.summary,
    changes: entry.changes ?? null,
    reason: entry.reason ?? null,
    organisationId: entry.organisationId ?? null,
    agreementId: entry.agreementId ?? null,
  });
}

/** Field-by-field differences between a row before and after an edit, for the change history. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after)) {
    if (key === 'updatedAt' || to === undefined) continue;
    const from = before[key];
    if (JSON.stringify(from ?? null) !== JSON.stringify(to ?? null)) changes[key] = { from: from ?? null, to: to ?? null };
  }
  return changes;
}

export async function listAuditEvents(db: DbOrTx, filter: { planId?: number; entityType?: string; entityId?: string; limit?: number }) {
  const conditions: SQL[] = [];
  if (filter.planId !== undefined) conditions.push(eq(auditEvents.planId, filter.planId));
  if (filter.entityType) conditions.push(eq(auditEvents.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditEvents.entityId, filter.entityId));
  return db
    .select()
    .from(auditEvents)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(filter.limit ?? 500);
}

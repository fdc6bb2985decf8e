// The audit log for admins: search by organisation, dataset, action, actor and date range, newest
// first, a page at a time by keyset (occurred_at, id) so each page is one indexed range read however
// long the log grows (indexes: audit_occurred_idx, audit_organisation_idx, audit_actor_idx,
// audit_entity_idx); the CSV export walks the same pages. Nothing here changes or deletes an event
// (the table refuses it anyway); the export itself is audited.
import { and, asc, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import type { Db } from '../../platform/db/database.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { agreements, datasets, organisations, submissions } from './datahub.tables.ts';

export interface AuditFilter {
  organisationId: number | null;
  datasetId: number | null;
  action: string | null;
  /** Part of the actor's label (name or email), any case. */
  actor: string | null;
  /** London dates, inclusive. */
  from: string | null;
  to: string | null;
}

export const emptyAuditFilter: AuditFilter = { organisationId: null, datasetId: null, action: null, actor: null, from: null, to: null };

/** Where a page starts: the events strictly older than this one. occurredAt is PostgreSQL's own text (microseconds kept). */
export interface AuditCursor {
  occurredAt: string;
  id: number;
}

export interface AuditLogEvent {
  id: number;
  occurredAt: Date;
  occurredAtText: string;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  reason: string | null;
  changes: Record<string, { from: unknown; to: unknown }> | null;
  organisationId: number | null;
  organisationName: string | null;
  organisationOrgId: string | null;
  agreementId: number | null;
  agreementReference: string | null;
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const londonParts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The instant a London date starts (00:00 GMT or BST). */
export function londonMidnight(date: string): Date {
  const utc = Date.parse(`${date}T00:00:00Z`);
  for (const offsetHours of [0, 1]) {
    const candidate = new Date(utc - offsetHours * 3_600_000);
    const parts = Object.fromEntries(londonParts.formatToParts(candidate).map((p) => [p.type, p.value]));
    if (`${parts.year}-${parts.month}-${parts.day}` === date && parts.hour === '00' && parts.minute === '00') return candidate;
  }
  throw new RangeError(`No London midnight for ${date}`);
}

function validDate(text: string): boolean {
  if (!datePattern.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const cursorPattern = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?[+-]\d{2}(?::\d{2})?)~(\d{1,15})$/;

export function encodeCursor(cursor: AuditCursor): string {
  return `${cursor.occurredAt}~${cursor.id}`;
}

export function decodeCursor(text: string): AuditCursor | null {
  const m = cursorPattern.exec(text);
  return m?.[1] && m[2] ? { occurredAt: m[1], id: Number(m[2]) } : null;
}

const one = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** The filter from a query string; problems named by field, for the GOV.UK error summary. */
export function parseAuditQuery(query: Record<string, unknown>): { filter: AuditFilter; values: Record<string, string>; errors: FieldError[]; before: AuditCursor | null } {
  const values = { organisation: one(query.organisation), dataset: one(query.dataset), action: one(query.action), actor: one(query.actor), from: one(query.from), to: one(query.to) };
  const errors: FieldError[] = [];
  const id = (field: 'organisation' | 'dataset', what: string): number | null => {
    const text = values[field];
    if (!text) return null;
    if (!/^\d{1,9}$/.test(text)) {
      errors.push({ field, text: `Choose ${what} from the list` });
      return null;
    }
    return Number(text);
  };
  const date = (field: 'from' | 'to', what: string): string | null => {
    const text = values[field];
    if (!text) return null;
    if (!validDate(text)) {
      errors.push({ field, text: `${what} must be a real date, like 2025-04-01` });
      return null;
    }
    return text;
  };
  if (values.action.length > 100) errors.push({ field: 'action', text: 'Action must be 100 characters or fewer' });
  if (values.actor.length > 200) errors.push({ field: 'actor', text: 'Actor must be 200 characters or fewer' });
  const filter: AuditFilter = {
    organisationId: id('organisation', 'an organisation'),
    datasetId: id('dataset', 'a dataset'),
    action: values.action || null,
    actor: values.actor || null,
    from: date('from', 'From date'),
    to: date('to', 'To date'),
  };
  if (filter.from && filter.to && filter.to < filter.from) errors.push({ field: 'to', text: 'To date must be the same as or after the from date' });
  const beforeText = one(query.before);
  const before = beforeText ? decodeCursor(beforeText) : null;
  if (beforeText && !before) errors.push({ field: 'before', text: 'The page link is not one this page made: start again from the newest events' });
  return { filter, values, errors, before };
}

function conditions(filter: AuditFilter): SQL[] {
  const out: SQL[] = [];
  if (filter.organisationId !== null) out.push(eq(auditEvents.organisationId, filter.organisationId));
  if (filter.datasetId !== null) {
    // The dataset's own events (definition, views, downloads) and its submissions'.
    const about = or(
      and(eq(auditEvents.entityType, 'dataset'), eq(auditEvents.entityId, String(filter.datasetId))),
      and(eq(auditEvents.entityType, 'submission'), sql`${auditEvents.entityId} in (select ${submissions.id}::text from ${submissions} where ${submissions.datasetId} = ${filter.datasetId})`),
    );
    if (about) out.push(about);
  }
  if (filter.action) out.push(eq(auditEvents.action, filter.action));
  if (filter.actor) out.push(ilike(auditEvents.actorLabel, `%${filter.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (filter.from) out.push(gte(auditEvents.occurredAt, londonMidnight(filter.from)));
  if (filter.to) out.push(lt(auditEvents.occurredAt, londonMidnight(nextDay(filter.to))));
  return out;
}

/** The filter in words, for the page and the export's audit event. */
export function describeAuditFilter(filter: AuditFilter, names: { organisation?: string | null; dataset?: string | null } = {}): string {
  const parts: string[] = [];
  if (filter.organisationId !== null) parts.push(`organisation ${names.organisation ?? `#${filter.organisationId}`}`);
  if (filter.datasetId !== null) parts.push(`dataset ${names.dataset ?? `#${filter.datasetId}`}`);
  if (filter.action) parts.push(`action “${filter.action}”`);
  if (filter.actor) parts.push(`actor containing “${filter.actor}”`);
  if (filter.from) parts.push(`from ${filter.from}`);
  if (filter.to) parts.push(`to ${filter.to}`);
  return parts.length ? parts.join(', ') : 'every event';
}

export const auditCsvHeader = ['id', 'occurred_at', 'actor', 'actor_user_id', 'organisation_org_id', 'organisation', 'action', 'entity_type', 'entity_id', 'summary', 'agreement_id', 'agreement_reference', 'reason', 'changes'];

export function auditCsvRow(e: AuditLogEvent): (string | number | null)[] {
  return [
    e.id,
    e.occurredAt.toISOString(),
    e.actorLabel,
    e.actorUserId,
    e.organisationOrgId,
    e.organisationName,
    e.action,
    e.entityType,
    e.entityId,
    e.summary,
    e.agreementId,
    e.agreementReference,
    e.reason,
    e.changes ? JSON.stringify(e.changes) : null,
  ];
}

export const auditPageSize = 50;

export function createAuditLogService(db: Db) {
  async function page(filter: AuditFilter, before: AuditCursor | null, limit: number): Promise<{ events: AuditLogEvent[]; next: AuditCursor | null }> {
    const where = conditions(filter);
    if (before) where.push(sql`(${auditEvents.occurredAt}, ${auditEvents.id}) < (${before.occurredAt}::timestamptz, ${before.id})`);
    const rows = await db
      .select({
        id: auditEvents.id,
        occurredAt: auditEvents.occurredAt,
        occurredAtText: sql<string>`${auditEvents.occurredAt}::text`,
        actorUserId: auditEvents.actorUserId,
        actorLabel: auditEvents.actorLabel,
        action: auditEvents.action,
        entityType: auditEvents.entityType,
        entityId: auditEvents.entityId,
        summary: auditEvents.summary,
        reason: auditEvents.reason,
        changes: auditEvents.changes,
        organisationId: auditEvents.organisationId,
        organisationName: organisations.name,
        organisationOrgId: organisations.orgId,
        agreementId: auditEvents.agreementId,
        agreementReference: agreements.reference,
      })
      .from(auditEvents)
      .leftJoin(organisations, eq(organisations.id, auditEvents.organisationId))
      .leftJoin(agreements, eq(agreements.id, auditEvents.agreementId))
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
      .limit(limit + 1);
    const events = rows.slice(0, limit).map((r) => ({ ...r, occurredAt: new Date(r.occurredAt) }));
    const last = events.at(-1);
    return { events, next: rows.length > limit && last ? { occurredAt: last.occurredAtText, id: last.id } : null };
  }

  return {
    /** One page of events matching the filter, newest first, starting after `before`. */
    search: (filter: AuditFilter, options: { before?: AuditCursor | null; limit?: number } = {}) => page(filter, options.before ?? null, Math.min(Math.max(options.limit ?? auditPageSize, 1), 1000)),

    /** Every matching event, newest first, a page at a time (for the CSV export). */
    async *pages(filter: AuditFilter, pageSize = 1000): AsyncGenerator<AuditLogEvent[]> {
      let before: AuditCursor | null = null;
      for (;;) {
        const result = await page(filter, before, pageSize);
        if (result.events.length) yield result.events;
        if (!result.next) return;
        before = result.next;
      }
    },

    /** The choices for the search form. */
    async choices() {
      const [orgs, sets] = await Promise.all([
        db.select({ id: organisations.id, name: organisations.name, orgId: organisations.orgId }).from(organisations).orderBy(asc(organisations.name)),
        db.select({ id: datasets.id, name: datasets.name }).from(datasets).orderBy(asc(datasets.name)),
      ]);
      return { organisations: orgs, datasets: sets };
    },

    /** Records that an admin exported the log (before the file is written). */
    async recordExport(actor: Actor, filter: AuditFilter, described: string): Promise<void> {
      await db.transaction(async (tx) => {
        await recordAudit(tx, actor, { action: 'export', entityType: 'audit_log', entityId: 'audit_events', summary: `Exported the audit log as CSV: ${described}`, changes: null, reason: JSON.stringify(filter) });
      });
    },
  };
}

export type AuditLogService = ReturnType<typeof createAuditLogService>;

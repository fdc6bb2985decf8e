// Organisation API tokens for submitting data: an admin creates one for an organisation, scoped to
// datasets it submits, expiring within a year. The token (sp_ and 32 random bytes, base64url) is
// shown once; only its sha256 is stored, with its first characters to recognise it in lists. A
// revoked or expired token is refused with the reason. Creating, revoking and each use are audited.
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { apiTokens, datasets, datasetSubmitters, organisations } from './datahub.tables.ts';
import { addDays } from './periods.ts';

export const tokenStart = 'sp_';
const prefixLength = tokenStart.length + 8;

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export type TokenCheck =
  | { ok: true; token: ApiTokenRow; organisationName: string }
  | { ok: false; reason: 'unknown' }
  | { ok: false; reason: 'revoked' | 'expired'; token: ApiTokenRow; organisationName: string };

export const tokenRefusals: Record<'unknown' | 'revoked' | 'expired', string> = {
  unknown: 'The API token is not recognised',
  revoked: 'The API token has been revoked',
  expired: 'The API token has expired',
};

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Who acted, for the audit log, when a token is used. */
export function tokenActor(token: Pick<ApiTokenRow, 'prefix' | 'name'>, organisationName: string): Actor {
  return { userId: null, label: `API token ${token.prefix}… "${token.name}" for ${organisationName}` };
}

/** The instant a London date ends (the next London midnight). */
export function endOfLondonDay(iso: string): Date {
  const next = addDays(iso, 1);
  for (const offset of [0, -1, 1]) {
    const candidate = new Date(`${next}T00:00:00Z`);
    candidate.setUTCHours(candidate.getUTCHours() + offset);
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(candidate);
    const get = (type: string) => parts.find((p) => p.type === type)?.value;
    if (`${get('year')}-${get('month')}-${get('day')}` === next && get('hour') === '00') return candidate;
  }
  return new Date(`${next}T00:00:00Z`);
}

/**
 * Records a token's use in the caller's transaction: an audit event, and its last use (`at`; null
 * for a token refused as revoked or expired, which was not used).
 */
export async function recordTokenUse(tx: DbOrTx, token: Pick<ApiTokenRow, 'id' | 'prefix' | 'name' | 'organisationId'>, organisationName: string, use: { datasetId: number; outcome: string; at: Date | null }): Promise<void> {
  if (use.at) await tx.update(apiTokens).set({ lastUsedAt: use.at }).where(eq(apiTokens.id, token.id));
  await recordAudit(tx, tokenActor(token, organisationName), {
    action: 'token-use',
    entityType: 'api_token',
    entityId: token.id,
    summary: `Used API token ${token.prefix}… on dataset ${use.datasetId}: ${use.outcome}`,
    organisationId: token.organisationId,
  });
}

export function createApiTokensService(db: Db, deps: { today: () => string; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());

  async function organisationName(tx: DbOrTx, id: number): Promise<string> {
    const [row] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id));
    return row?.name ?? `organisation ${id}`;
  }

  return {
    /**
     * Creates a token: shown once (the return value), stored as its sha256. Scoped to datasets the
     * organisation submits; expires at the end of `expiresOn` (London), at most a year from today.
     */
    async create(actor: Actor, input: { organisationId: number; name: string; datasetIds: number[]; expiresOn: string }): Promise<{ token: string; row: ApiTokenRow }> {
      const errors: FieldError[] = [];
      const name = input.name.trim();
      if (!name) errors.push({ field: 'name', text: 'Enter a name for the token, like "Monthly upload from the council’s system"' });
      else if (name.length > 100) errors.push({ field: 'name', text: 'Name must be 100 characters or fewer' });
      const today = deps.today();
      const latest = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.expiresOn) || Number.isNaN(Date.parse(`${input.expiresOn}T00:00:00Z`)) || new Date(`${input.expiresOn}T00:00:00Z`).toISOString().slice(0, 10) !== input.expiresOn) {
        errors.push({ field: 'expiresOn', text: 'Expiry date must be a real date, like 2026-03-31' });
      } else if (input.expiresOn < today) errors.push({ field: 'expiresOn', text: 'Expiry date must be today or later' });
      else if (input.expiresOn > latest) errors.push({ field: 'expiresOn', text: `A token can last a year at most: the expiry date must be ${latest} or earlier` });
      const datasetIds = [...new Set(input.datasetIds)];
      return db.transaction(async (tx) => {
        const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, input.organisationId));
        if (!organisation) errors.push({ field: 'organisationId', text: 'Select the organisation the token is for' });
        else if (organisation.closedAt) errors.push({ field: 'organisationId', text: `${organisation.name} is closed: it cannot be given a token` });
        if (!datasetIds.length) errors.push({ field: 'datasetIds', text: 'Select the datasets the token may submit' });
        else if (organisation) {
          const submitted = await tx
            .select({ id: datasets.id, name: datasets.name })
            .from(datasetSubmitters)
            .innerJoin(datasets, eq(datasets.id, datasetSubmitters.datasetId))
            .where(and(eq(datasetSubmitters.organisationId, organisation.id), inArray(datasetSubmitters.datasetId, datasetIds)));
          const allowed = new Set(submitted.map((d) => d.id));
          const others = datasetIds.filter((id) => !allowed.has(id));
          if (others.length) errors.push({ field: 'datasetIds', text: `${organisation.name} does not submit dataset ${others.join(', ')}: a token can only be scoped to datasets its organisation submits` });
        }
        if (errors.length || !organisation) throw new ValidationError(errors);
        const token = tokenStart + randomBytes(32).toString('base64url');
        const [row] = await tx
          .insert(apiTokens)
          .values({ organisationId: organisation.id, name, tokenHash: hashToken(token), prefix: token.slice(0, prefixLength), datasetIds: datasetIds.sort((a, b) => a - b), createdByLabel: actor.label, expiresAt: endOfLondonDay(input.expiresOn) })
          .returning();
        if (!row) throw new Error('token not stored');
        await recordAudit(tx, actor, {
          action: 'create',
          entityType: 'api_token',
          entityId: row.id,
          summary: `Created API token ${row.prefix}… "${name}" for ${organisation.name}, for dataset ${row.datasetIds.join(', ')}, expiring at the end of ${input.expiresOn}`,
          organisationId: organisation.id,
        });
        return { token, row };
      });
    },

    /** Revokes a token (kept, with who and when); revoking twice changes nothing. */
    async revoke(actor: Actor, id: number): Promise<ApiTokenRow | null> {
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.id, id));
        if (!row) return null;
        if (row.revokedAt) return row;
        const [revoked] = await tx.update(apiTokens).set({ revokedAt: now(), revokedByLabel: actor.label }).where(eq(apiTokens.id, id)).returning();
        await recordAudit(tx, actor, {
          action: 'revoke',
          entityType: 'api_token',
          entityId: id,
          summary: `Revoked API token ${row.prefix}… "${row.name}" for ${await organisationName(tx, row.organisationId)}`,
          organisationId: row.organisationId,
        });
        return revoked ?? row;
      });
    },

    /** Tokens (never the token itself), newest first, with their organisation and status. */
    async list(filter: { organisationId?: number } = {}) {
      const rows = await db
        .select({ token: apiTokens, organisationName: organisations.name })
        .from(apiTokens)
        .innerJoin(organisations, eq(organisations.id, apiTokens.organisationId))
        .where(filter.organisationId ? eq(apiTokens.organisationId, filter.organisationId) : undefined)
        .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
      const at = now();
      const ids = [...new Set(rows.flatMap((r) => r.token.datasetIds))];
      const names = ids.length ? await db.select({ id: datasets.id, name: datasets.name, slug: datasets.slug }).from(datasets).where(inArray(datasets.id, ids)).orderBy(asc(datasets.name)) : [];
      return rows.map(({ token, organisationName }) => {
        const { tokenHash: _hash, ...shown } = token;
        void _hash;
        return {
          ...shown,
          organisationName,
          datasets: token.datasetIds.map((id) => names.find((d) => d.id === id) ?? { id, name: `dataset ${id}`, slug: null }),
          status: token.revokedAt ? ('revoked' as const) : token.expiresAt <= at ? ('expired' as const) : ('active' as const),
        };
      });
    },

    /** The token a request carries, or why it is refused. */
    async authenticate(token: string): Promise<TokenCheck> {
      if (!token.startsWith(tokenStart) || token.length > 200) return { ok: false, reason: 'unknown' };
      const [found] = await db
        .select({ token: apiTokens, organisationName: organisations.name })
        .from(apiTokens)
        .innerJoin(organisations, eq(organisations.id, apiTokens.organisationId))
        .where(eq(apiTokens.tokenHash, hashToken(token)));
      if (!found) return { ok: false, reason: 'unknown' };
      if (found.token.revokedAt) return { ok: false, reason: 'revoked', token: found.token, organisationName: found.organisationName };
      if (found.token.expiresAt <= now()) return { ok: false, reason: 'expired', token: found.token, organisationName: found.organisationName };
      return { ok: true, token: found.token, organisationName: found.organisationName };
    },

    /**
     * Records a use that stored nothing, in its own transaction: a submission refused or unchanged
     * (a use: last used is set), or a token refused as revoked, expired or for another dataset.
     */
    async recordUse(token: ApiTokenRow, organisationName: string, use: { datasetId: number; outcome: string; tokenRefused?: boolean }): Promise<void> {
      await db.transaction(async (tx) => recordTokenUse(tx, token, organisationName, { datasetId: use.datasetId, outcome: use.outcome, at: use.tokenRefused ? null : now() }));
    },
  };
}

export type ApiTokensService = ReturnType<typeof createApiTokensService>;

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { createApiTokensService, endOfLondonDay, hashToken, type ApiTokensService } from './api-tokens.service.ts';
import { apiTokens, datasets, datasetSubmitters, organisations } from './datahub.tables.ts';

const admin = { userId: null, label: 'Admin <admin@example.org>' };
let database: Database;
let tokens: ApiTokensService;
let clock = new Date('2025-06-15T12:00:00Z');
const ids: Record<string, number> = {};

before(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const [council] = await db.insert(organisations).values({ orgId: 'GB-LAE-LUT', name: 'Luton Borough Council', type: 'local_authority' }).returning();
  const [charity] = await db.insert(organisations).values({ orgId: 'GB-CHC-1', name: 'A Charity', type: 'voluntary_sector' }).returning();
  assert.ok(council && charity);
  Object.assign(ids, { council: council.id, charity: charity.id });
  for (const slug of ['one', 'two']) {
    const [d] = await db.insert(datasets).values({ slug, ownerOrganisationId: council.id, name: slug, geographyLevel: 'lsoa', periodType: 'month', firstPeriod: '2025-01', sensitivity: 'public', createdByLabel: 'test' }).returning();
    assert.ok(d);
    ids[slug] = d.id;
  }
  await db.insert(datasetSubmitters).values([{ datasetId: ids.one ?? 0, organisationId: council.id }]);
  tokens = createApiTokensService(db, { today: () => '2025-06-15', now: () => clock });
});
after(async () => {
  await database?.close();
});

test('a token is shown once, stored only as its sha256, and works until revoked', async () => {
  const { token, row } = await tokens.create(admin, { organisationId: ids.council ?? 0, name: 'Nightly upload', datasetIds: [ids.one ?? 0], expiresOn: '2025-12-31' });
  assert.match(token, /^sp_[A-Za-z0-9_-]{43}$/);
  assert.equal(row.prefix, token.slice(0, 11));
  const [stored] = await database.db.select().from(apiTokens).where(eq(apiTokens.id, row.id));
  assert.equal(stored?.tokenHash, hashToken(token));
  assert.ok(!JSON.stringify(stored).includes(token.slice(3)), 'the token itself is not stored');
  const listed = await tokens.list();
  assert.equal(listed[0]?.status, 'active');
  assert.ok(!('tokenHash' in (listed[0] ?? {})), 'lists never carry the hash');
  assert.deepEqual(listed[0]?.datasets.map((d) => d.name), ['one']);

  const ok = await tokens.authenticate(token);
  assert.ok(ok.ok);
  assert.equal(ok.token.id, row.id);
  assert.deepEqual(await tokens.authenticate(`${token}x`), { ok: false, reason: 'unknown' });
  assert.deepEqual(await tokens.authenticate('Bearer nonsense'), { ok: false, reason: 'unknown' });

  await tokens.recordUse(ok.token, ok.organisationName, { datasetId: ids.one ?? 0, outcome: 'nothing changed' });
  const [used] = await database.db.select().from(apiTokens).where(eq(apiTokens.id, row.id));
  assert.deepEqual(used?.lastUsedAt, clock);

  await tokens.revoke(admin, row.id);
  const revoked = await tokens.authenticate(token);
  assert.equal(revoked.ok, false);
  assert.equal(!revoked.ok && revoked.reason, 'revoked');
  assert.equal((await tokens.list())[0]?.status, 'revoked');

  const audit = await database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'api_token'), eq(auditEvents.entityId, String(row.id))));
  assert.deepEqual(audit.map((a) => a.action).sort(), ['create', 'revoke', 'token-use']);
  assert.ok(audit.every((a) => a.organisationId === ids.council));
  assert.ok(audit.every((a) => !a.summary.includes(token)), 'the audit log never holds the token');
});

test('a token expires at the end of its expiry day in London', async () => {
  const { token } = await tokens.create(admin, { organisationId: ids.council ?? 0, name: 'Short', datasetIds: [ids.one ?? 0], expiresOn: '2025-07-01' });
  assert.deepEqual(endOfLondonDay('2025-07-01'), new Date('2025-07-01T23:00:00Z'), 'midnight BST');
  assert.deepEqual(endOfLondonDay('2025-12-01'), new Date('2025-12-02T00:00:00Z'), 'midnight GMT');
  clock = new Date('2025-07-01T22:59:59Z');
  assert.equal((await tokens.authenticate(token)).ok, true);
  clock = new Date('2025-07-01T23:00:00Z');
  const expired = await tokens.authenticate(token);
  assert.equal(!expired.ok && expired.reason, 'expired');
  clock = new Date('2025-06-15T12:00:00Z');
});

test('a token is refused without a name, past a year, in the past, or for datasets its organisation does not submit', async () => {
  const attempt = (input: Partial<Parameters<ApiTokensService['create']>[1]>) =>
    tokens.create(admin, { organisationId: ids.council ?? 0, name: 'x', datasetIds: [ids.one ?? 0], expiresOn: '2025-12-31', ...input });
  const refused = async (input: Partial<Parameters<ApiTokensService['create']>[1]>, pattern: RegExp) =>
    assert.rejects(attempt(input), (e: unknown) => e instanceof ValidationError && pattern.test(e.message));
  const before = (await tokens.list()).length;
  await refused({ name: ' ' }, /Enter a name/);
  await refused({ expiresOn: '2026-06-16' }, /a year at most: the expiry date must be 2026-06-15 or earlier/);
  await refused({ expiresOn: '2025-06-14' }, /today or later/);
  await refused({ expiresOn: '2025-02-30' }, /real date/);
  await refused({ datasetIds: [ids.two ?? 0] }, /does not submit dataset \d+/);
  await refused({ organisationId: ids.charity ?? 0 }, /A Charity does not submit dataset/);
  await refused({ datasetIds: [] }, /Select the datasets/);
  assert.equal((await tokens.list()).length, before);
  assert.equal((await attempt({ expiresOn: '2026-06-15' })).row.datasetIds[0], ids.one);
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { users } from '../../platform/auth/auth.tables.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { anonymousViewer, resolveAccess } from './access.ts';
import { agreementState, createAgreementsService, isLive, type AgreementInput, type AgreementsService } from './agreements.service.ts';
import { datasetNamedOrganisations, datasets, organisations, userOrganisations } from './datahub.tables.ts';

let database: Database;
let service: AgreementsService;
const actor = { userId: null, label: 'Test Admin <admin@example.org>' };
const org: Record<string, number> = {};
const dataset: Record<string, number> = {};

before(async () => {
  database = await createTestDatabase();
  service = createAgreementsService(database.db);
  for (const [key, orgId, name, type] of [
    ['council', 'GB-LAE-LUT', 'Luton Borough Council', 'local_authority'],
    ['police', 'GB-SAFERPLACES-POLICE-E23000026', 'Bedfordshire Police', 'police'],
    ['nhs', 'GB-NHS-QHG', 'NHS Bedfordshire, Luton and Milton Keynes ICB', 'nhs'],
  ] as const) {
    const [row] = await database.db.insert(organisations).values({ orgId, name, type }).returning();
    org[key] = row?.id ?? 0;
  }
  for (const [slug, sensitivity] of [['referrals', 'all_partners'], ['named', 'named_organisations'], ['open', 'public']] as const) {
    const [row] = await database.db.insert(datasets).values({ slug, name: `Dataset ${slug}`, ownerOrganisationId: org.council ?? 0, geographyLevel: 'lsoa', periodType: 'month', firstPeriod: '2025-04', sensitivity, createdByLabel: 'test' }).returning();
    dataset[slug] = row?.id ?? 0;
  }
  await database.db.insert(datasetNamedOrganisations).values({ datasetId: dataset.named ?? 0, organisationId: org.police ?? 0 });
});
after(async () => {
  await database?.close();
});

const valid = (over: Partial<AgreementInput> = {}): AgreementInput => ({
  reference: 'BEDS-DSA-2025',
  title: 'Bedfordshire pan-partnership data-sharing agreement',
  purpose: 'Area-level data to understand local problems',
  lawfulBasis: 'UK GDPR Article 6(1)(e): public task',
  startDate: '2025-04-01',
  endDate: '2027-03-31',
  reviewDate: '2026-04-01',
  status: 'draft',
  documentUrl: 'https://example.org/dsa.pdf',
  partyOrganisationIds: [org.council ?? 0, org.police ?? 0, org.nhs ?? 0],
  datasetIds: [dataset.referrals ?? 0, dataset.named ?? 0, dataset.open ?? 0],
  ...over,
});

async function errorsOf(fn: () => Promise<unknown>): Promise<string[]> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map((e) => `${e.field}: ${e.text}`);
    throw error;
  }
  return assert.fail('expected a ValidationError');
}

test('isLive and the state in words: status live and today within the dates, both ends included', () => {
  const a = { status: 'live' as const, startDate: '2025-04-01', endDate: '2027-03-31' };
  assert.equal(isLive(a, '2025-03-31'), false);
  assert.equal(isLive(a, '2025-04-01'), true);
  assert.equal(isLive(a, '2027-03-31'), true);
  assert.equal(isLive(a, '2027-04-01'), false);
  assert.equal(isLive({ ...a, status: 'suspended' }, '2026-01-01'), false);
  assert.equal(isLive({ ...a, status: 'draft' }, '2026-01-01'), false);
  assert.deepEqual([agreementState(a, '2025-03-01').text, agreementState(a, '2027-04-01').text, agreementState({ ...a, status: 'ended' }, '2026-01-01').text], ['Live, not started yet', 'Expired', 'Ended']);
});

test('bad agreements are refused field by field; end before start is refused', async () => {
  assert.deepEqual(
    await errorsOf(() => service.create(valid({ reference: '', startDate: '2025-02-30', endDate: '', documentUrl: 'http://example.org/dsa.pdf', lawfulBasis: ' ', partyOrganisationIds: [org.council ?? 0] }), actor)),
    [
      'reference: Enter the reference',
      'lawfulBasis: Choose or write the lawful basis',
      'startDate: Start date must be a real date',
      'endDate: Enter the end date',
      'documentUrl: Document link must be a web address starting with https://',
      'partyOrganisationIds: An agreement needs at least two parties',
    ],
  );
  assert.deepEqual(await errorsOf(() => service.create(valid({ startDate: '2025-04-01', endDate: '2025-03-31', reviewDate: '2025-01-01' }), actor)), [
    'endDate: End date must be the same as or after the start date',
    'reviewDate: Review date must be the same as or after the start date',
  ]);
  assert.deepEqual(await errorsOf(() => service.create(valid({ documentUrl: 'javascript:alert(1)' }), actor)), ['documentUrl: Document link must be a web address starting with https://']);
  assert.deepEqual(await errorsOf(() => service.create(valid({ datasetIds: [999_999], partyOrganisationIds: [org.council ?? 0, 999_998] }), actor)), [
    'partyOrganisationIds: There is no organisation with id 999998',
    'datasetIds: There is no dataset with id 999999',
  ]);
  assert.equal((await service.list()).length, 0);
});

test('an agreement is recorded, made live, suspended and edited; every change is an audited access change', async () => {
  const created = await service.create(valid(), actor, { organisationId: org.council ?? null });
  const id = created.agreement.id;
  assert.deepEqual(created.parties.map((p) => p.name), ['Bedfordshire Police', 'Luton Borough Council', 'NHS Bedfordshire, Luton and Milton Keynes ICB']);
  assert.equal(created.agreement.documentUrl, 'https://example.org/dsa.pdf');
  assert.deepEqual(await errorsOf(() => service.create(valid(), actor)), ['reference: Another agreement already has the reference BEDS-DSA-2025']);

  const [user] = await database.db.insert(users).values({ email: 'p@example.org', displayName: 'P', role: 'partner', passwordHash: 'x' }).returning();
  assert.ok(user);
  await database.db.insert(userOrganisations).values({ userId: user.id, organisationId: org.police ?? 0 });
  const police = { userId: user.id, role: 'partner' as const, organisationId: org.police ?? null, label: 'P' };
  const sees = async () => (await resolveAccess(database.db, police, dataset.referrals ?? 0, '2026-01-01')).allowed;
  assert.equal(await sees(), false, 'a draft gives nothing');
  await service.setStatus(id, 'live', actor, { reason: 'Signed by all parties' });
  assert.equal(await sees(), true);
  await service.setStatus(id, 'suspended', actor, { reason: 'Breach under investigation' });
  assert.equal(await sees(), false);
  await service.setStatus(id, 'live', actor);
  await service.update(id, valid({ status: 'live', endDate: '2025-12-31', datasetIds: [dataset.referrals ?? 0] }), actor);
  assert.equal(await sees(), false, 'ended on 31 December 2025: no access on 1 January 2026');
  assert.equal((await resolveAccess(database.db, anonymousViewer, dataset.referrals ?? 0, '2025-06-01')).allowed, false);

  const events = await database.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'agreement')).orderBy(auditEvents.id);
  assert.deepEqual(events.map((e) => e.action), Array(5).fill('access-change'));
  assert.ok(events.every((e) => e.agreementId === id));
  assert.deepEqual(events.map((e) => e.summary), [
    'Recorded agreement BEDS-DSA-2025 "Bedfordshire pan-partnership data-sharing agreement" (draft, 2025-04-01 to 2027-03-31): 3 parties, 3 datasets',
    'Agreement BEDS-DSA-2025 made live (was draft)',
    'Agreement BEDS-DSA-2025 made suspended (was live)',
    'Agreement BEDS-DSA-2025 made live (was suspended)',
    'Changed agreement BEDS-DSA-2025: endDate, datasetIds',
  ]);
  assert.equal(events[2]?.reason, 'Breach under investigation');
  assert.deepEqual(events[4]?.changes?.endDate, { from: '2027-03-31', to: '2025-12-31' });
  await service.setStatus(id, 'live', actor);
  assert.equal((await database.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'agreement'))).length, 5, 'no change, no event');
  assert.deepEqual(await errorsOf(() => service.setStatus(id, 'cancelled', actor)), ['status: Status must be one of draft, live, suspended, ended']);
});

test('who can see what: each dataset × each party, with dates, owner and named organisations told apart', async () => {
  const created = await service.create(valid({ reference: 'BEDS-DSA-2', status: 'live' }), actor);
  const result = await service.whoCanSeeWhat(created.agreement.id, '2026-01-01');
  assert.ok(result);
  assert.equal(result.matrix.state, 'Live');
  const table = result.matrix.rows.map((r) => [r.dataset.slug, ...r.cells.map((c) => `${c.party.name.split(' ')[0]}: ${c.cell.text}`)]);
  assert.deepEqual(table, [
    ['named', 'Bedfordshire: Yes, 2025-04-01 to 2027-03-31', 'Luton: Owner: sees everything, raw', 'NHS: No: the dataset does not name this organisation'],
    ['open', 'Bedfordshire: Public dataset: everyone sees it', 'Luton: Owner: sees everything, raw', 'NHS: Public dataset: everyone sees it'],
    ['referrals', 'Bedfordshire: Yes, 2025-04-01 to 2027-03-31', 'Luton: Owner: sees everything, raw', 'NHS: Yes, 2025-04-01 to 2027-03-31'],
  ]);
  const later = await service.whoCanSeeWhat(created.agreement.id, '2027-04-01');
  assert.equal(later?.matrix.state, 'Expired');
  assert.equal(later?.matrix.rows[2]?.cells[0]?.cell.text, 'Not now (expired): 2025-04-01 to 2027-03-31 once live');
  assert.equal(later?.matrix.rows[2]?.cells[0]?.cell.access.allowed, false);
});

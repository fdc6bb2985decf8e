// The access rule as a matrix: dataset sensitivity × viewer → allowed, basis, raw (and the agreement
// that allows it), on the database engine the tests run on (PGlite, or PostgreSQL with DATABASE_URL).
// Agreements in play, all covering every dataset: one live (police, council, office), one live by
// status but ended yesterday (probation), and a draft, a suspended one and one starting tomorrow
// (the NHS body is a party to those three, so they must give it nothing).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Role } from '../../platform/auth/auth.tables.ts';
import { users } from '../../platform/auth/auth.tables.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { accessibleDatasets, anonymousViewer, resolveAccess, viewerForUser, whoCanSee, type AccessBasis, type Viewer } from './access.ts';
import { agreementDatasets, agreementParties, agreements, datasetNamedOrganisations, datasets, organisations, userOrganisations, type AgreementStatus, type OrganisationType, type Sensitivity } from './datahub.tables.ts';

const today = '2025-06-30';
let database: Database;
const org: Record<string, number> = {};
const dataset: Record<Sensitivity, number> = { public: 0, all_partners: 0, named_organisations: 0 };
const agreement: Record<string, number> = {};
const viewers: Record<string, Viewer> = {};

async function addOrg(key: string, orgId: string, name: string, type: OrganisationType) {
  const [row] = await database.db.insert(organisations).values({ orgId, name, type }).returning({ id: organisations.id });
  assert.ok(row);
  org[key] = row.id;
}

async function addUser(key: string, role: Role, organisation: string | null) {
  const [user] = await database.db.insert(users).values({ email: `${key}@example.org`, displayName: key, role, passwordHash: 'not-a-hash' }).returning();
  assert.ok(user);
  if (organisation) await database.db.insert(userOrganisations).values({ userId: user.id, organisationId: org[organisation] ?? 0 });
  viewers[key] = await viewerForUser(database.db, user);
}

async function addAgreement(key: string, status: AgreementStatus, startDate: string, endDate: string, parties: string[]) {
  const [row] = await database.db
    .insert(agreements)
    .values({ reference: key, title: `Agreement ${key}`, purpose: 'test', lawfulBasis: 'UK GDPR Art 6(1)(e) public task', startDate, endDate, status, createdByLabel: 'test' })
    .returning({ id: agreements.id });
  assert.ok(row);
  agreement[key] = row.id;
  await database.db.insert(agreementParties).values(parties.map((p) => ({ agreementId: row.id, organisationId: org[p] ?? 0 })));
  await database.db.insert(agreementDatasets).values(Object.values(dataset).map((datasetId) => ({ agreementId: row.id, datasetId })));
}

before(async () => {
  database = await createTestDatabase();
  await addOrg('office', 'GB-GOR-PC000101', 'Office of the Police and Crime Commissioner', 'pcc_office');
  await addOrg('council', 'GB-LAE-LUT', 'Luton Borough Council', 'local_authority');
  await addOrg('police', 'GB-GOR-PL000101', 'Bedfordshire Police', 'police');
  await addOrg('nhs', 'GB-NHS-QHG', 'NHS Bedfordshire, Luton and Milton Keynes ICB', 'nhs');
  await addOrg('probation', 'GB-GOR-D1234', 'Probation Service', 'probation');
  for (const sensitivity of ['public', 'all_partners', 'named_organisations'] as const) {
    const [row] = await database.db
      .insert(datasets)
      .values({ slug: sensitivity.replace('_', '-'), ownerOrganisationId: org.council ?? 0, name: `A ${sensitivity} dataset`, geographyLevel: 'lsoa', periodType: 'month', firstPeriod: '2025-01', sensitivity, suppressBelow: 5, roundTo: 5, createdByLabel: 'test' })
      .returning({ id: datasets.id });
    assert.ok(row);
    dataset[sensitivity] = row.id;
  }
  // The named dataset names the police and probation (not the office, not the NHS body).
  await database.db.insert(datasetNamedOrganisations).values(['police', 'probation'].map((k) => ({ datasetId: dataset.named_organisations, organisationId: org[k] ?? 0 })));
  await addAgreement('live', 'live', '2025-04-01', '2027-03-31', ['council', 'police', 'office']);
  await addAgreement('expired', 'live', '2024-04-01', '2025-06-29', ['council', 'probation']);
  await addAgreement('draft', 'draft', '2025-04-01', '2027-03-31', ['council', 'nhs']);
  await addAgreement('suspended', 'suspended', '2025-04-01', '2027-03-31', ['council', 'nhs']);
  await addAgreement('future', 'live', '2025-07-01', '2027-03-31', ['council', 'nhs']);
  viewers.anonymous = anonymousViewer;
  await addUser('staffWithoutOrganisation', 'viewer', null);
  await addUser('staffInAgreement', 'editor', 'office');
  await addUser('partnerInAgreement', 'partner', 'police');
  await addUser('partnerOutside', 'partner', 'nhs');
  await addUser('partnerAfterExpiry', 'partner', 'probation');
  await addUser('owner', 'partner', 'council');
});
after(async () => {
  await database?.close();
});

type Expected = [allowed: boolean, basis: AccessBasis, raw: boolean, agreement: string | null];
const allow = (basis: AccessBasis, agreementKey: string | null = null): Expected => [true, basis, basis === 'owner', agreementKey];
const deny: Expected = [false, 'none', false, null];

const matrix: Record<Sensitivity, Record<string, Expected>> = {
  public: {
    anonymous: allow('public'),
    staffWithoutOrganisation: allow('public'),
    staffInAgreement: allow('public'),
    partnerInAgreement: allow('public'),
    partnerOutside: allow('public'),
    partnerAfterExpiry: allow('public'),
    owner: allow('owner'),
  },
  all_partners: {
    anonymous: deny,
    staffWithoutOrganisation: deny,
    staffInAgreement: allow('agreement', 'live'),
    partnerInAgreement: allow('agreement', 'live'),
    partnerOutside: deny,
    partnerAfterExpiry: deny,
    owner: allow('owner'),
  },
  named_organisations: {
    anonymous: deny,
    staffWithoutOrganisation: deny,
    staffInAgreement: deny,
    partnerInAgreement: allow('agreement', 'live'),
    partnerOutside: deny,
    partnerAfterExpiry: deny,
    owner: allow('owner'),
  },
};

test('the access matrix: sensitivity × viewer → allowed, basis, raw, agreement', async () => {
  let cells = 0;
  for (const [sensitivity, row] of Object.entries(matrix) as [Sensitivity, Record<string, Expected>][]) {
    for (const [viewerKey, [allowed, basis, raw, agreementKey]] of Object.entries(row)) {
      const viewer = viewers[viewerKey];
      assert.ok(viewer, viewerKey);
      const access = await resolveAccess(database.db, viewer, dataset[sensitivity], today);
      const where = `${sensitivity} × ${viewerKey}: ${access.reason}`;
      assert.equal(access.allowed, allowed, where);
      assert.equal(access.basis, basis, where);
      assert.equal(access.raw, raw, where);
      assert.equal(access.agreementId, agreementKey ? agreement[agreementKey] : null, where);
      assert.ok(access.reason.length > 10, where);
      cells++;
    }
  }
  assert.equal(cells, 21);
});

test('reasons say why access is refused', async () => {
  const reason = async (viewer: string, sensitivity: Sensitivity) => (await resolveAccess(database.db, viewers[viewer] ?? anonymousViewer, dataset[sensitivity], today)).reason;
  assert.match(await reason('anonymous', 'all_partners'), /Sign in/);
  assert.match(await reason('staffWithoutOrganisation', 'all_partners'), /does not act for an organisation/);
  assert.match(await reason('partnerOutside', 'all_partners'), /No live data-sharing agreement/);
  assert.match(await reason('staffInAgreement', 'named_organisations'), /shared only with organisations it names/);
  assert.equal((await resolveAccess(database.db, viewers.owner ?? anonymousViewer, 999_999, today)).allowed, false);
});

test('an agreement gives access from its start date through its end date, and not a day more', async () => {
  const police = viewers.partnerInAgreement ?? anonymousViewer;
  const probation = viewers.partnerAfterExpiry ?? anonymousViewer;
  const nhs = viewers.partnerOutside ?? anonymousViewer;
  const on = async (viewer: Viewer, day: string) => (await resolveAccess(database.db, viewer, dataset.all_partners, day)).allowed;
  assert.equal(await on(police, '2025-03-31'), false, 'the day before the start');
  assert.equal(await on(police, '2025-04-01'), true, 'the start date');
  assert.equal(await on(police, '2027-03-31'), true, 'the end date');
  assert.equal(await on(police, '2027-04-01'), false, 'the day after the end');
  assert.equal(await on(probation, '2025-06-29'), true, 'the expired agreement on its last day');
  assert.equal(await on(probation, '2025-06-30'), false, 'expiry cuts access at once');
  assert.equal(await on(nhs, '2025-06-30'), false, 'draft and suspended give none; the future one has not started');
  assert.equal(await on(nhs, '2025-07-01'), true, 'the future agreement once it starts');
});

test('a closed organisation acts for nobody', async () => {
  const [user] = await database.db.insert(users).values({ email: 'closed@example.org', displayName: 'closed', role: 'partner', passwordHash: 'x' }).returning();
  const [closed] = await database.db.insert(organisations).values({ orgId: 'GB-CHC-1', name: 'Closed charity', type: 'voluntary_sector', closedAt: new Date('2025-01-01T00:00:00Z') }).returning();
  assert.ok(user && closed);
  await database.db.insert(userOrganisations).values({ userId: user.id, organisationId: closed.id });
  assert.equal((await viewerForUser(database.db, user)).organisationId, null);
  assert.deepEqual(await viewerForUser(database.db, null), anonymousViewer);
});

test('accessible datasets: each viewer gets exactly the matrix’s allowed cells, with the same basis', async () => {
  for (const [viewerKey, viewer] of Object.entries(viewers)) {
    const list = await accessibleDatasets(database.db, viewer, today);
    const expected = (Object.keys(matrix) as Sensitivity[]).filter((s) => matrix[s][viewerKey]?.[0]).map((s) => [dataset[s], matrix[s][viewerKey]?.[1]]);
    assert.deepEqual(
      list.map((d) => [d.id, d.access.basis]).sort((a, b) => Number(a[0]) - Number(b[0])),
      expected.sort((a, b) => Number(a[0]) - Number(b[0])),
      viewerKey,
    );
    for (const d of list) assert.equal(d.ownerName, 'Luton Borough Council');
  }
});

test('who can see a dataset: the owner, then each party of a live agreement (named ones only where the dataset names them)', async () => {
  const names = async (sensitivity: Sensitivity, day = today) => (await whoCanSee(database.db, dataset[sensitivity], day)).organisations.map((o) => `${o.name} (${o.basis}${o.agreementReference ? ` ${o.agreementReference}` : ''})`);
  assert.deepEqual(await names('all_partners'), ['Luton Borough Council (owner)', 'Bedfordshire Police (agreement live)', 'Office of the Police and Crime Commissioner (agreement live)']);
  assert.deepEqual(await names('named_organisations'), ['Luton Borough Council (owner)', 'Bedfordshire Police (agreement live)']);
  assert.deepEqual(await names('named_organisations', '2025-06-29'), ['Luton Borough Council (owner)', 'Bedfordshire Police (agreement live)', 'Probation Service (agreement expired)']);
  const pub = await whoCanSee(database.db, dataset.public, today);
  assert.equal(pub.everyone, true);
  assert.deepEqual(pub.organisations.map((o) => o.basis), ['owner']);
  const police = (await whoCanSee(database.db, dataset.all_partners, today)).organisations[1];
  assert.deepEqual([police?.from, police?.to, police?.agreementTitle], ['2025-04-01', '2027-03-31', 'Agreement live']);
});

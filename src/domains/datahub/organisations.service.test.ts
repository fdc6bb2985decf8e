// Organisations, people, memberships and the users who act for them, on a real database (PGlite, or
// PostgreSQL with DATABASE_URL): every change audited in its transaction, nothing deleted, bad input
// refused naming the field and changing nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { systemActor } from '../../platform/audit/audit.service.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { createAuthService } from '../../platform/auth/auth.service.ts';
import { users } from '../../platform/auth/auth.tables.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { seedDemoPlan } from '../plan/demo/seed-demo.ts';
import { memberships, organisations, people, userOrganisations } from './datahub.tables.ts';
import { parseOrgId } from './organisations.org-id.ts';
import { bedfordshirePartners } from './organisations.seed.ts';
import { createOrganisationsService } from './organisations.service.ts';

const actor = { userId: null, label: 'test' };

async function fresh(t: { after: (fn: () => Promise<void>) => void }) {
  const database: Database = await createTestDatabase();
  t.after(() => database.close());
  const auth = createAuthService(database.db);
  return { database, db: database.db, auth, service: createOrganisationsService(database.db, { auth }) };
}

/** The field errors a call is refused with. */
async function refused(work: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ValidationError) return Object.fromEntries(error.errors.map((e) => [e.field, e.text]));
    throw error;
  }
  assert.fail('expected a validation error');
}

test('org-ids: the list code and the identifier, with shapes checked for the common UK lists', () => {
  assert.deepEqual(parseOrgId(' gb-lae-lut '), { ok: true, value: { scheme: 'GB-LAE', identifier: 'LUT', orgId: 'GB-LAE-LUT' } });
  assert.equal(parseOrgId('GB-CHC-1091263').ok, true);
  assert.equal(parseOrgId('GB-COH-SC123456').ok, true);
  assert.equal(parseOrgId('GB-COH-01234567').ok, true);
  assert.equal(parseOrgId('GB-NHS-QHG').ok, true);
  assert.equal(parseOrgId('GB-GOR-PB1204').ok, true);
  assert.equal(parseOrgId('XI-IATI-EXAMPLE-1').ok, true, 'a list we do not know: the general form only');
  for (const [bad, says] of [
    ['', /Enter the organisation identifier/],
    ['Luton', /org-id\.guide form/],
    ['GB-LUT', /org-id\.guide form/],
    ['GB LAE LUT', /no spaces/],
    ['G-LAE-LUT', /org-id\.guide form/],
    ['GB-LAE-L', /GB-LAE identifier is the 3 or 4 letter code/],
    ['GB-CHC-12345', /registered charity number/],
    ['GB-CHC-12345678', /registered charity number/],
    ['GB-COH-1234', /Companies House number/],
    ['XI-IATI-bad!', /letters and digits/],
    ['XI-IATI-a/b', /letters and digits/],
  ] as const) {
    const result = parseOrgId(bad);
    assert.equal(result.ok, false, bad);
    if (!result.ok) assert.match(result.message, says, bad);
  }
});

test('an organisation is registered, changed and closed, each change audited; a bad or duplicate org-id is refused by field', async (t) => {
  const { db, service } = await fresh(t);
  const luton = await service.create(actor, { orgId: 'gb-lae-lut', name: ' Luton Borough Council ', type: 'local_authority', website: '' });
  assert.equal(luton.orgId, 'GB-LAE-LUT');
  assert.equal(luton.name, 'Luton Borough Council');
  assert.equal(luton.website, null);
  assert.equal((await service.getByOrgId('GB-LAE-LUT')).id, luton.id);
  assert.equal((await service.getByOrgId('gb-lae-lut')).id, luton.id, 'the list code in any case');

  const bad = await refused(service.create(actor, { orgId: 'LUTON', name: '', type: 'council', website: 'www.luton.gov.uk' }));
  assert.match(bad.orgId ?? '', /org-id\.guide form/);
  assert.match(bad.name ?? '', /Enter the name/);
  assert.match(bad.type ?? '', /Type must be one of/);
  assert.match(bad.website ?? '', /https:\/\//);
  assert.match((await refused(service.create(actor, { orgId: 'GB-LAE-LUT', name: 'Another', type: 'local_authority' }))).orgId ?? '', /Luton Borough Council already has the identifier GB-LAE-LUT/);
  assert.equal((await service.list()).length, 1, 'nothing stored by the refused calls');

  const changed = await service.update(actor, luton.id, { orgId: 'GB-LAE-LUT', name: 'Luton Council', type: 'local_authority', website: 'https://www.luton.gov.uk' });
  assert.equal(changed.name, 'Luton Council');
  const unchanged = await service.update(actor, luton.id, { orgId: 'GB-LAE-LUT', name: 'Luton Council', type: 'local_authority', website: 'https://www.luton.gov.uk' });
  assert.equal(unchanged.name, 'Luton Council');
  await service.setClosed(actor, luton.id, true);
  assert.ok((await service.getById(luton.id)).closedAt);
  assert.equal((await service.list({ includeClosed: false })).length, 0);
  assert.equal((await service.list()).length, 1, 'closed, not deleted');

  const events = await db.select().from(auditEvents).where(eq(auditEvents.entityType, 'organisation'));
  assert.deepEqual(events.map((e) => e.action), ['create', 'update', 'close'], 'an unchanged save writes no event');
  assert.ok(events.every((e) => e.organisationId === luton.id));
  assert.deepEqual(events[1]?.changes, { name: { from: 'Luton Borough Council', to: 'Luton Council' }, website: { from: null, to: 'https://www.luton.gov.uk' } });
});

test('people and memberships: added, ended with a to-date and kept; bad dates refused', async (t) => {
  const { db, service } = await fresh(t);
  const bedford = await service.create(actor, { orgId: 'GB-LAE-BDF', name: 'Bedford Borough Council', type: 'local_authority' });
  const person = await service.addPerson(actor, { name: 'Sam Steward', email: 'Sam@Example.org' });
  assert.equal(person.email, 'sam@example.org');
  assert.match((await refused(service.addPerson(actor, { name: 'X', email: 'not an email' }))).email ?? '', /correct format/);
  const membership = await service.addMembership(actor, { personId: person.id, organisationId: bedford.id, role: 'Data steward', fromDate: '2025-04-01' });
  assert.match((await refused(service.addMembership(actor, { personId: person.id, organisationId: bedford.id, role: 'Lead', fromDate: '2025-04-01', toDate: '2025-03-01' }))).toDate ?? '', /on or after the from date/);
  assert.match((await refused(service.addMembership(actor, { personId: person.id, organisationId: bedford.id, role: 'Lead', fromDate: '2025-02-30' }))).fromDate ?? '', /real date/);
  assert.match((await refused(service.addMembership(actor, { personId: 9999, organisationId: bedford.id, role: 'Lead' }))).personId ?? '', /Choose a person/);

  assert.match((await refused(service.endMembership(actor, membership.id, '2025-03-31'))).toDate ?? '', /on or after the from date/);
  const ended = await service.endMembership(actor, membership.id, '2025-09-30');
  assert.equal(ended.toDate, '2025-09-30');
  assert.match((await refused(service.endMembership(actor, membership.id, '2025-10-31'))).toDate ?? '', /already ended on 2025-09-30/);
  await service.addMembership(actor, { personId: person.id, organisationId: bedford.id, role: 'Board member', fromDate: '2025-10-01' });
  const list = await service.membershipsOf(bedford.id);
  assert.deepEqual(list.map((m) => [m.membership.role, m.membership.toDate]), [['Board member', null], ['Data steward', '2025-09-30']], 'current first; the ended one kept');
  assert.equal((await db.select().from(memberships)).length, 2);
  const events = await db.select().from(auditEvents).where(eq(auditEvents.entityType, 'membership'));
  assert.deepEqual(events.map((e) => e.action).sort(), ['create', 'create', 'end']);
});

test('users: a partner must have a partner organisation, staff may act for the office only; made with the user in one transaction', async (t) => {
  const { db, service, auth } = await fresh(t);
  const office = await service.create(actor, { orgId: 'GB-SAFERPLACES-OPCC-E23000026', name: 'Office of the PCC', type: 'pcc_office' });
  const luton = await service.create(actor, { orgId: 'GB-LAE-LUT', name: 'Luton Borough Council', type: 'local_authority' });

  assert.match((await refused(service.addUser({ email: 'p@example.org', role: 'partner' }, actor))).organisation ?? '', /needs the organisation/);
  assert.match((await refused(auth.addUser({ email: 'p@example.org', role: 'partner' }, actor))).organisation ?? '', /needs the organisation/, 'the auth service alone refuses a partner too');
  assert.match((await refused(service.addUser({ email: 'p@example.org', role: 'partner', organisation: 'GB-LAE-XXX' }, actor))).organisation ?? '', /No organisation has the identifier GB-LAE-XXX/);
  assert.match((await refused(service.addUser({ email: 'p@example.org', role: 'partner', organisation: office.orgId }, actor))).organisation ?? '', /partner organisation, not the office/);
  assert.match((await refused(service.addUser({ email: 'v@example.org', role: 'viewer', organisation: 'GB-LAE-LUT' }, actor))).organisation ?? '', /act for the office's organisation only/);
  assert.equal((await db.select().from(users)).length, 0, 'no half-made accounts');

  const partner = await service.addUser({ email: 'p@example.org', role: 'partner', organisation: 'gb-lae-lut', displayName: 'Pat Partner' }, actor);
  assert.equal(partner.organisation?.id, luton.id);
  assert.equal((await service.organisationOfUser(partner.id))?.orgId, 'GB-LAE-LUT');
  const viewer = await service.addUser({ email: 'v@example.org', role: 'viewer', organisation: office.orgId }, actor);
  assert.equal((await service.organisationOfUser(viewer.id))?.id, office.id);
  const editor = await service.addUser({ email: 'e@example.org', role: 'editor' }, actor);
  assert.equal(await service.organisationOfUser(editor.id), null, 'staff without one act for none');
  assert.deepEqual((await service.usersOf(luton.id)).map((u) => u.email), ['p@example.org']);
  // Every user is a person too (for board seats and actions), a member of the organisation they act for.
  const [patPerson] = await db.select().from(people).where(eq(people.userId, partner.id));
  assert.equal(patPerson?.name, 'Pat Partner');
  assert.deepEqual((await db.select().from(memberships).where(eq(memberships.personId, patPerson?.id ?? 0))).map((m) => [m.organisationId, m.role]), [[luton.id, 'Partner user']]);
  const [editorPerson] = await db.select().from(people).where(eq(people.userId, editor.id));
  assert.equal(editorPerson?.name, 'e@example.org', 'named by email when no name is given');
  assert.equal((await db.select().from(memberships).where(eq(memberships.personId, editorPerson?.id ?? 0))).length, 0);
  // Someone recorded earlier (say as a board member) with their email becomes the new user's person: no second record.
  const recorded = await service.addPerson(actor, { name: 'Sam Steward', email: 'Sam@Example.org' });
  await service.addMembership(actor, { personId: recorded.id, organisationId: luton.id, role: 'Data steward' });
  const sam = await service.addUser({ email: 'sam@example.org', role: 'partner', organisation: 'GB-LAE-LUT', displayName: 'Samuel Steward' }, actor);
  const samPeople = await db.select().from(people).where(eq(people.userId, sam.id));
  assert.deepEqual(samPeople.map((p) => [p.id, p.name]), [[recorded.id, 'Sam Steward']]);
  assert.deepEqual((await db.select().from(memberships).where(eq(memberships.personId, recorded.id))).map((m) => m.role), ['Data steward'], 'a current membership is not doubled');

  await service.setClosed(actor, luton.id, true);
  assert.match((await refused(service.addUser({ email: 'q@example.org', role: 'partner', organisation: 'GB-LAE-LUT' }, actor))).organisation ?? '', /is closed/);

  assert.equal(await service.linkStaffToOffice(actor), 1, 'the editor now acts for the office');
  assert.equal((await service.organisationOfUser(editor.id))?.id, office.id);
  assert.equal(await service.linkStaffToOffice(actor), 0);
  assert.equal((await db.select().from(userOrganisations)).length, 4, 'three users and Sam');
  const links = await db.select().from(auditEvents).where(eq(auditEvents.entityType, 'user_organisation'));
  assert.equal(links.length, 4);
});

test('the demo seed registers the Bedfordshire partners once, with valid org-ids, and links staff to the office', async (t) => {
  const { db, service } = await fresh(t);
  for (const p of bedfordshirePartners) assert.equal(parseOrgId(p.orgId).ok, true, p.orgId);
  const admin = await service.addUser({ email: 'a@example.org', role: 'admin' }, systemActor);
  const first = await seedDemoPlan(db, systemActor);
  assert.equal(first.organisations, bedfordshirePartners.length);
  const rows = await db.select().from(organisations);
  assert.deepEqual(rows.map((r) => r.orgId).sort(), bedfordshirePartners.map((p) => p.orgId).sort());
  assert.equal(rows.filter((r) => r.type === 'pcc_office').length, 1);
  assert.deepEqual(rows.filter((r) => r.type === 'local_authority').map((r) => r.orgId).sort(), ['GB-LAE-BDF', 'GB-LAE-CBF', 'GB-LAE-LUT']);
  assert.equal((await service.organisationOfUser(admin.id))?.type, 'pcc_office');
  const second = await seedDemoPlan(db, systemActor);
  assert.equal(second.organisations, 0);
  assert.equal((await db.select().from(organisations)).length, bedfordshirePartners.length);
});

// Partner organisations through the real app: admins register and change them, viewers read, partners
// never reach staff pages and land on the data hub; the staff users page makes partner users.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { startTestApp, TestClient, type TestApp } from '../../testing/harness.ts';

let app: TestApp;
before(async () => {
  app = await startTestApp({ today: '2025-06-30' });
});
after(async () => {
  await app?.close();
});

test('the demo partners are listed for a viewer, who cannot change them', async () => {
  const viewer = await app.signedIn('viewer');
  assert.match((await viewer.get('/staff')).text, /href="\/staff\/hub\/organisations"/);
  const list = await viewer.get('/staff/hub/organisations');
  assert.equal(list.status, 200);
  assert.match(list.text, /<a class="govuk-link" href="\/staff\/hub\/organisations\/GB-LAE-LUT">Luton Borough Council<\/a><\/td><td class="govuk-table__cell"><code>GB-LAE-LUT<\/code><\/td><td class="govuk-table__cell">Local authority<\/td><td class="govuk-table__cell">Open<\/td>/);
  assert.match(list.text, /NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board/);
  assert.doesNotMatch(list.text, /Register an organisation/, 'no admin link for a viewer');
  const page = await viewer.get('/staff/hub/organisations/GB-LAE-BDF');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1 class="govuk-heading-xl">Bedford Borough Council<\/h1>/);
  assert.match(page.text, /No people are recorded for this organisation yet/);
  assert.doesNotMatch(page.text, /Add a person/);
  assert.equal((await viewer.get('/staff/hub/organisations/GB-LAE-ZZZ')).status, 404);
  assert.equal((await viewer.get('/staff/hub/organisations/new')).status, 403);
  assert.doesNotMatch(page.text, /action="\/staff\/hub\/organisations\/GB-LAE-BDF\/(members|memberships|close)/, 'a viewer sees no change forms');
  // A post with a valid CSRF token (from the page's sign-out form) is still refused for the role.
  const token = await viewer.csrfFrom('/staff/hub/organisations/GB-LAE-BDF');
  const post = await viewer.request('POST', '/staff/hub/organisations/new', {
    body: new URLSearchParams({ _csrf: token, name: 'X', orgId: 'GB-LAE-XXX', type: 'police' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(post.status, 403);
  assert.equal((await app.services.organisations.findByOrgId('GB-LAE-XXX')), null);
});

test('an admin registers an organisation; a bad org-id is refused naming the field, nothing stored', async () => {
  const admin = await app.signedIn('admin');
  const bad = await admin.postForm('/staff/hub/organisations/new', { name: 'Bedfordshire Rural Watch', orgId: 'charity 123', type: 'voluntary_sector', website: '' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /<title>Error: Register an organisation/);
  assert.match(bad.text, /govuk-error-summary[\s\S]*<a href="#orgId">Organisation identifier must be in the org-id\.guide form[^<]*\(no spaces\)<\/a>/);
  assert.match(bad.text, /id="orgId-error"/);
  assert.match(bad.text, /value="Bedfordshire Rural Watch"/, 'what was typed is kept');
  const badCharity = await admin.postForm('/staff/hub/organisations/new', { name: 'Bedfordshire Rural Watch', orgId: 'GB-CHC-12', type: 'voluntary_sector' });
  assert.match(badCharity.text, /<a href="#orgId">A GB-CHC identifier is the registered charity number in England and Wales \(6 or 7 digits\), like GB-CHC-1091263; &quot;GB-CHC-12&quot; is not<\/a>/);
  const duplicate = await admin.postForm('/staff/hub/organisations/new', { name: 'Luton again', orgId: 'GB-LAE-LUT', type: 'local_authority' });
  assert.match(duplicate.text, /<a href="#orgId">Luton Borough Council already has the identifier GB-LAE-LUT<\/a>/);
  assert.equal((await app.services.organisations.list()).filter((o) => o.name === 'Bedfordshire Rural Watch' || o.name === 'Luton again').length, 0);

  const created = await admin.postForm('/staff/hub/organisations/new', { name: 'Bedfordshire Rural Watch', orgId: 'gb-chc-1234567', type: 'voluntary_sector', website: 'https://example.org' });
  assert.equal(created.status, 303);
  assert.equal(created.location, '/staff/hub/organisations/GB-CHC-1234567');
  const page = await admin.get('/staff/hub/organisations/GB-CHC-1234567');
  assert.match(page.text, /Registered Bedfordshire Rural Watch \(GB-CHC-1234567\)/, 'flash');
  assert.match(page.text, /Voluntary sector/);

  // Edit: a bad website is refused by field; a good change is audited.
  const badEdit = await admin.postForm('/staff/hub/organisations/GB-CHC-1234567/edit', { name: 'Bedfordshire Rural Watch', orgId: 'GB-CHC-1234567', type: 'voluntary_sector', website: 'example.org' });
  assert.equal(badEdit.status, 400);
  assert.match(badEdit.text, /<a href="#website">Website must be a web address starting with https:\/\/<\/a>/);
  const edited = await admin.postForm('/staff/hub/organisations/GB-CHC-1234567/edit', { name: 'Rural Watch Bedfordshire', orgId: 'GB-CHC-1234567', type: 'voluntary_sector', website: '' });
  assert.equal(edited.status, 303);
  const org = await app.services.organisations.getByOrgId('GB-CHC-1234567');
  assert.equal(org.name, 'Rural Watch Bedfordshire');
  const events = await app.services.database.db.select().from(auditEvents).where(eq(auditEvents.organisationId, org.id));
  assert.deepEqual(events.map((e) => e.action), ['create', 'update']);
  assert.match(events[0]?.actorLabel ?? '', /^Test admin/);

  // People and memberships: added; a bad date refused with the summary; ended, kept.
  const base = '/staff/hub/organisations/GB-CHC-1234567';
  const badPerson = await admin.postForm(`${base}/members`, { name: 'Robin Lee', email: 'robin@example.org', role: 'Data steward', fromDate: '2025-02-30' }, base);
  assert.equal(badPerson.status, 400);
  assert.match(badPerson.text, /<a href="#fromDate">From date must be a real date/);
  assert.match(badPerson.text, /value="Robin Lee"/);
  assert.equal((await admin.postForm(`${base}/members`, { name: 'Robin Lee', email: 'robin@example.org', role: 'Data steward', fromDate: '2025-04-01' }, base)).status, 303);
  const withPerson = await admin.get(base);
  assert.match(withPerson.text, /Robin Lee<br><span class="govuk-body-s">robin@example\.org<\/span><\/td>\s*<td class="govuk-table__cell">Data steward<\/td>\s*<td class="govuk-table__cell">1 April 2025<\/td>\s*<td class="govuk-table__cell">Current<\/td>/);
  const membershipId = /memberships\/(\d+)\/end/.exec(withPerson.text)?.[1];
  assert.ok(membershipId);
  const early = await admin.postForm(`${base}/memberships/${membershipId}/end`, { toDate: '2025-03-01' }, base);
  assert.equal(early.status, 400);
  assert.match(early.text, new RegExp(`<a href="#end-${membershipId}">To date must be on or after the from date \\(2025-04-01\\)</a>`));
  assert.equal((await admin.postForm(`${base}/memberships/${membershipId}/end`, { toDate: '2025-06-30' }, base)).status, 303);
  const ended = await admin.get(base);
  assert.match(ended.text, /Data steward<\/td>\s*<td class="govuk-table__cell">1 April 2025<\/td>\s*<td class="govuk-table__cell">30 June 2025<\/td>/);
  const person = /<option value="(\d+)">Robin Lee \(robin@example\.org\)<\/option>/.exec(ended.text)?.[1];
  assert.ok(person, 'the person can be given another role');
  assert.equal((await admin.postForm(`${base}/memberships`, { personId: person, membershipRole: 'Trustee', membershipFromDate: '2025-07-01' }, base)).status, 303);
  const roles = await app.services.organisations.membershipsOf(org.id);
  assert.deepEqual(roles.map((r) => [r.membership.role, r.membership.toDate]), [['Trustee', null], ['Data steward', '2025-06-30']]);
});

test('partners: made on the users page with an organisation (refused without one), land on /hub, and get 403 on staff pages', async () => {
  const admin = await app.signedIn('admin');
  const form = await admin.get('/staff/users/new');
  assert.match(form.text, /<option value="GB-SAFERPLACES-OPCC-E23000026" selected>Office of the Police and Crime Commissioner for Bedfordshire/, 'staff default to the office');
  assert.match(form.text, /<option value="partner">Partner:/);
  const noOrg = await admin.postForm('/staff/users/new', { email: 'pat@example.org', displayName: 'Pat Partner', role: 'partner', organisation: '' });
  assert.equal(noOrg.status, 400);
  assert.match(noOrg.text, /<a href="#organisation">A partner user needs the organisation they act for: choose one<\/a>/);
  const office = await admin.postForm('/staff/users/new', { email: 'pat@example.org', displayName: 'Pat Partner', role: 'partner', organisation: 'GB-SAFERPLACES-OPCC-E23000026' });
  assert.match(office.text, /<a href="#organisation">A partner user acts for a partner organisation, not the office/);
  const made = await admin.postForm('/staff/users/new', { email: 'pat@example.org', displayName: 'Pat Partner', role: 'partner', organisation: 'GB-LAE-LUT' });
  assert.equal(made.status, 303);
  const shown = await admin.get('/staff/users/created');
  const password = /<code id="new-password">([^<]+)<\/code>/.exec(shown.text)?.[1];
  assert.ok(password);
  assert.match((await admin.get('/staff/users')).text, /pat@example\.org<\/td><td class="govuk-table__cell">Pat Partner<\/td><td class="govuk-table__cell">partner<\/td><td class="govuk-table__cell"><a class="govuk-link" href="\/staff\/hub\/organisations\/GB-LAE-LUT">Luton Borough Council<\/a>/);
  assert.match((await admin.get('/staff/hub/organisations/GB-LAE-LUT')).text, /<td class="govuk-table__cell">pat@example\.org<\/td><td class="govuk-table__cell">Pat Partner<\/td><td class="govuk-table__cell">partner<\/td>/);

  // Signing in from the sign-in page lands a partner on the hub, not the staff area.
  const partner = new TestClient(app.url);
  const signIn = await partner.postForm('/sign-in', { email: 'pat@example.org', password, returnTo: '/staff' }, '/sign-in');
  assert.equal(signIn.status, 303);
  assert.equal(signIn.location, '/hub');
  assert.equal((await partner.get('/sign-in')).location, '/hub');
  const hub = await partner.get('/hub');
  assert.equal(hub.status, 200);
  assert.match(hub.text, /<h1 class="govuk-heading-xl">Partner data hub<\/h1>/);
  assert.match(hub.text, /You act for <strong>Luton Borough Council<\/strong>/);
  assert.match(hub.text, /href="\/hub">Partner data hub<\/a>/, 'the header links the hub');
  assert.doesNotMatch(hub.text, /href="\/staff">Staff area/);
  assert.doesNotMatch(hub.text, /\/staff\/hub\/organisations/);
  for (const link of hub.text.matchAll(/<li><a class="govuk-link" href="(\/hub\/[^"]+)">/g)) assert.equal((await partner.get(link[1] ?? '')).status, 200, `${link[1]} exists`);

  // Staff pages: 403 for a partner, reading and changing alike.
  for (const path of ['/staff', '/staff/hub/organisations', '/staff/hub/organisations/GB-LAE-LUT', '/staff/plans/new', '/staff/users']) {
    assert.equal((await partner.get(path)).status, 403, path);
  }
  const token = await partner.csrfFrom('/hub').catch(() => null);
  const post = await partner.request('POST', '/staff/plans/new', { body: new URLSearchParams({ _csrf: token ?? '' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(post.status, 403, 'an editor route');
});

test('an admin moves a partner user to another organisation on /staff/users/{id}/organisation; the hub follows at once; bad choices are refused', async () => {
  const admin = await app.signedIn('admin');
  const partner = await app.signedIn('partner', { organisation: 'GB-LAE-LUT', email: 'mover@example.org' });
  assert.match((await partner.get('/hub')).text, /You act for <strong>Luton Borough Council<\/strong>/);
  const usersPage = (await admin.get('/staff/users')).text;
  const href = new RegExp(`mover@example\\.org<\/td>.*?href="(\\/staff\\/users\\/(\\d+)\\/organisation)"`, 's').exec(usersPage);
  assert.ok(href, 'the users page links the change');
  const path = href[1] ?? '';
  const form = await admin.get(path);
  assert.equal(form.status, 200);
  assert.match(form.text, /<option value="GB-LAE-LUT" selected>Luton Borough Council/);
  const toOffice = await admin.postForm(path, { organisation: 'GB-SAFERPLACES-OPCC-E23000026' }, path);
  assert.equal(toOffice.status, 400);
  assert.match(toOffice.text, /A partner user acts for a partner organisation, not the office/);
  const unknown = await admin.postForm(path, { organisation: 'GB-NOPE-1' }, path);
  assert.equal(unknown.status, 400);
  assert.match((await partner.get('/hub')).text, /You act for <strong>Luton Borough Council<\/strong>/, 'refusals change nothing');
  const moved = await admin.postForm(path, { organisation: 'GB-LAE-BDF' }, path);
  assert.equal(moved.status, 303);
  assert.match((await partner.get('/hub')).text, /You act for <strong>Bedford Borough Council<\/strong>/);
  assert.equal((await partner.get(path)).status, 403, 'partners cannot reach it');
  assert.equal((await (await app.signedIn('editor')).get(path)).status, 403, 'admins only');
  assert.equal((await admin.get('/staff/users/999999/organisation')).status, 404);
});

test('staff reach /hub too; the harness makes partner users only with an organisation', async () => {
  const viewer = await app.signedIn('viewer', { organisation: 'GB-SAFERPLACES-OPCC-E23000026' });
  const hub = await viewer.get('/hub');
  assert.equal(hub.status, 200);
  assert.match(hub.text, /You act for <strong>Office of the Police and Crime Commissioner for Bedfordshire<\/strong>/);
  assert.match(hub.text, /href="\/staff\/hub\/organisations">Partner organisations<\/a>/);
  const none = await app.signedIn('editor');
  assert.match((await none.get('/hub')).text, /You act for no organisation, so you see only public datasets/);
  await assert.rejects(app.signedIn('partner'), /partner user needs the organisation/);
  const partner = await app.signedIn('partner', { organisation: 'GB-NHS-QHG' });
  assert.match((await partner.get('/hub')).text, /NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board/);
  assert.equal((await app.client().get('/hub')).status, 303, 'signed out: sent to sign in');
});

// Dataset and agreement pages through the real app, on the demo's definitions (no data): who sees
// which dataset and why, definitions, who can see what, and the staff forms (editors define datasets,
// admins record agreements and change their status; each change audited).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';

let app: TestApp;
const office = 'GB-SAFERPLACES-OPCC-E23000026';
before(async () => {
  app = await startTestApp({ today: '2026-01-15' });
});
after(async () => {
  await app?.close();
});

const rowsOf = (html: string, id: string) => {
  const table = new RegExp(`<table[^>]*id="${id}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';
  return [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()).filter(Boolean);
};

test('the demo datasets and agreement: each viewer sees the datasets the rule allows, with the basis', async () => {
  const luton = await app.signedIn('partner', { organisation: 'GB-LAE-LUT' });
  const list = await luton.get('/hub/datasets');
  assert.equal(list.status, 200);
  assert.deepEqual(rowsOf(list.text, 'datasets').slice(1), [
    'Deliberate fires attended by LSOA, monthly Bedfordshire Fire and Rescue Service LSOA (lower layer super output area), monthly Public (disclosure rule applied)',
    "Domestic abuse referrals to the council&#39;s IDVA service by LSOA, monthly Luton Borough Council LSOA (lower layer super output area), monthly Your organisation owns it (raw figures)",
  ]);
  const staff = await app.signedIn('viewer', { organisation: office });
  assert.match((await staff.get('/hub/datasets')).text, /Anti-social behaviour cases opened[\s\S]*?Data-sharing agreement \(disclosure rule applied\)/);
  const noOrg = await app.signedIn('viewer');
  const seen = await noOrg.get('/hub/datasets');
  assert.match(seen.text, /does not act for an organisation/);
  assert.deepEqual(rowsOf(seen.text, 'datasets').length, 2, 'the header and the public dataset only');
  assert.equal((await noOrg.get('/hub/datasets/luton-idva-referrals')).status, 403);
  assert.match((await noOrg.get('/hub/datasets/luton-idva-referrals')).text, /does not act for an organisation/);
  assert.equal((await app.client().get('/hub/datasets')).status, 303, 'anonymous visitors are sent to sign in');
});

test('a dataset page: definition, schedule, disclosure rule, "no data yet", and who can see it by which agreement', async () => {
  const police = await app.signedIn('partner', { organisation: 'GB-SAFERPLACES-POLICE-E23000026' });
  const page = await police.get('/hub/datasets/luton-idva-referrals');
  assert.equal(page.status, 200);
  assert.match(page.text, /You can see this dataset: Data-sharing agreement/);
  assert.match(page.text, /No data yet: nothing has been submitted/);
  assert.match(page.text, /Monthly, from April 2025/);
  assert.match(page.text, /due 30 days after the period ends/);
  // On 15 January 2026: April to November 2025 are due (November's on 30 December); December's is due 30 January.
  assert.match(page.text, /8, the latest November 2025 \(due 30 December 2025\)/);
  assert.match(page.text, /December 2025 on 30 January 2026/);
  assert.match(page.text, /Counts from 1 to 4 are shown as \[c\]/);
  assert.match(page.text, /Counts are rounded to the nearest 5/);
  assert.deepEqual(rowsOf(page.text, 'columns').slice(1), ['referrals Referrals received count referrals Yes', 'high_risk_referrals Referrals assessed as high risk (DASH) count referrals No']);
  const who = rowsOf(page.text, 'who').slice(1);
  assert.equal(who[0], 'Luton Borough Council Owner (raw figures)');
  assert.ok(who.includes('Bedfordshire Police BEDS-PAN-DSA-2025 : Bedfordshire pan-partnership data-sharing agreement 1 April 2025 31 March 2027'), who.join('\n'));
  assert.equal(who.length, 8, 'the owner and the seven other parties');
  assert.doesNotMatch(page.text, /Change the definition/, 'partners cannot change definitions');
  // Named organisations: the NHS body is a party but not named.
  const nhs = await app.signedIn('partner', { organisation: 'GB-NHS-QHG' });
  const refused = await nhs.get('/hub/datasets/bedford-asb-cases');
  assert.equal(refused.status, 403);
  assert.match(refused.text, /shared only with organisations it names/);
  assert.equal((await police.get('/hub/datasets/bedford-asb-cases')).status, 200);
  assert.equal((await police.get('/hub/datasets/no-such-dataset')).status, 404);
  assert.equal((await police.get('/staff/hub/datasets/new')).status, 403);
});

test('an editor defines a dataset (errors shown by field) and changes it; an admin sees every definition', async () => {
  const editor = await app.signedIn('editor');
  const form = await editor.get('/staff/hub/datasets/new');
  assert.equal(form.status, 200);
  const luton = /<option value="(\d+)">Luton Borough Council/.exec(form.text)?.[1];
  assert.ok(luton);
  const fields = {
    ownerOrganisationId: luton,
    name: 'Licensed premises reviews',
    slug: 'luton-licensing-reviews',
    description: '',
    columns: 'reviews | Reviews | count | reviews |  | required\noutcome | Outcome | category |  | revoked; varied; no change | wibble',
    geographyLevel: 'local_authority',
    periodType: 'quarter',
    firstPeriod: '2025 Q2',
    dueDaysAfterPeriod: '60',
    sensitivity: 'all_partners',
    suppressBelow: '',
    roundTo: '',
    secondarySuppression: 'no',
  };
  const bad = await editor.postForm('/staff/hub/datasets/new', fields);
  assert.equal(bad.status, 400);
  assert.match(bad.text, /<a href="#columns">Column 2: the last part must be required or optional, not &quot;wibble&quot;<\/a>/);
  const bad2 = await editor.postForm('/staff/hub/datasets/new', { ...fields, columns: fields.columns.replace('wibble', 'optional'), firstPeriod: '2025-05' });
  assert.equal(bad2.status, 400);
  assert.match(bad2.text, /<a href="#firstPeriod">First period must be a quarter, like 2024-Q1<\/a>/);
  assert.match(bad2.text, /value="2025-05"/, 'what was typed is shown again');
  const made = await editor.postForm('/staff/hub/datasets/new', { ...fields, columns: fields.columns.replace('wibble', 'optional') });
  assert.equal(made.status, 303);
  assert.equal(made.location, '/hub/datasets/luton-licensing-reviews');
  const page = await editor.get('/hub/datasets/luton-licensing-reviews');
  assert.equal(page.status, 200, 'editors see every definition');
  assert.match(page.text, /You can see this definition as an editor, but not its data/);
  assert.match(page.text, /Quarterly, from April to June 2025 \(2025-Q2\)/);
  assert.match(page.text, /No counts are suppressed/);
  assert.match(page.text, /No live agreement covers this dataset: only its owner can see it/);
  const id = /href="\/staff\/hub\/datasets\/(\d+)\/edit"/.exec(page.text)?.[1];
  assert.ok(id);
  const edit = await editor.get(`/staff/hub/datasets/${id}/edit`);
  assert.match(edit.text, /outcome \| Outcome \| category \|  \| revoked; varied; no change \| optional/);
  const changed = await editor.postForm(`/staff/hub/datasets/${id}/edit`, { ...fields, columns: fields.columns.replace('wibble', 'optional'), name: 'Licensing reviews', suppressBelow: '3' });
  assert.equal(changed.status, 303);
  assert.match((await editor.get('/hub/datasets/luton-licensing-reviews')).text, /Counts from 1 to 2 are shown as \[c\]/);
  const audits = await app.services.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
  assert.deepEqual(audits.filter((a) => a.entityType === 'dataset').map((a) => a.action).sort(), ['create', 'update']);
  const viewer = await app.signedIn('viewer');
  assert.equal((await viewer.get('/staff/hub/datasets/new')).status, 403);
});

test('agreements: partners see theirs, the page shows who can see what; an admin records one and changes its status (audited)', async () => {
  const probation = await app.signedIn('partner', { organisation: 'GB-SAFERPLACES-PROBATION-SERVICE' });
  const list = await probation.get('/hub/agreements');
  assert.equal(list.status, 200);
  assert.match(list.text, /BEDS-PAN-DSA-2025<\/a>: Bedfordshire pan-partnership data-sharing agreement/);
  const id = /href="\/hub\/agreements\/(\d+)"/.exec(list.text)?.[1];
  assert.ok(id);
  const page = await probation.get(`/hub/agreements/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /id="state">Live</);
  const matrix = rowsOf(page.text, 'who-can-see-what');
  assert.equal(matrix.length, 4, 'a header and three datasets');
  assert.match(matrix.find((r) => r.startsWith('Anti-social')) ?? '', /Owner: sees everything, raw.*No: the dataset does not name this organisation/);
  assert.match(matrix.find((r) => r.startsWith('Domestic')) ?? '', /Yes, 2025-04-01 to 2027-03-31/);
  assert.doesNotMatch(page.text, /Change the status/);

  const admin = await app.signedIn('admin', { organisation: office });
  const form = await admin.get('/staff/hub/agreements/new');
  const org = (name: string) => new RegExp(`value="(\\d+)"[^>]*>\\s*<label[^>]*>\\s*${name}`).exec(form.text)?.[1] ?? '';
  const [fire, cps] = [org('Bedfordshire Fire and Rescue Service'), org('CPS Thames and Chiltern')];
  assert.ok(fire && cps);
  const fields = new URLSearchParams({ reference: 'BFRS-CPS-1', title: 'Fire and CPS', purpose: 'Testing', lawfulBasis: 'other', lawfulBasisOther: 'Fire and Rescue Services Act 2004', startDate: '2026-01-01', endDate: '2025-12-31', status: 'draft', documentUrl: 'http://example.org/x.pdf' });
  fields.append('partyOrganisationIds', fire);
  fields.append('partyOrganisationIds', cps);
  const post = async (body: URLSearchParams) => {
    body.set('_csrf', await admin.csrfFrom('/staff/hub/agreements/new'));
    return admin.request('POST', '/staff/hub/agreements/new', { body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  };
  const bad = await post(fields);
  assert.equal(bad.status, 400);
  assert.match(bad.text, /End date must be the same as or after the start date/);
  assert.match(bad.text, /Document link must be a web address starting with https:\/\//);
  assert.match(bad.text, /value="Fire and Rescue Services Act 2004"/);
  fields.set('endDate', '2026-12-31');
  fields.set('documentUrl', 'https://example.org/x.pdf');
  const made = await post(fields);
  assert.equal(made.status, 303);
  const newPage = await admin.get(made.location ?? '');
  assert.match(newPage.text, /id="state">Draft</);
  assert.match(newPage.text, /This agreement covers no datasets yet/);
  const newId = /\/hub\/agreements\/(\d+)/.exec(made.location ?? '')?.[1] ?? '';
  const status = await admin.postForm(`/staff/hub/agreements/${newId}/status`, { status: 'live', reason: 'Signed' }, `/hub/agreements/${newId}`);
  assert.equal(status.status, 303);
  assert.match((await admin.get(`/hub/agreements/${newId}`)).text, /id="state">Live</);
  const events = await app.services.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, newId));
  const accessChanges = events.filter((e) => e.entityType === 'agreement');
  assert.deepEqual(accessChanges.map((e) => e.action), ['access-change', 'access-change']);
  assert.equal(accessChanges[1]?.reason, 'Signed');
  assert.ok(accessChanges.every((e) => String(e.agreementId) === newId && e.organisationId !== null));
  // A partner not party to it: refused; an editor cannot record agreements.
  assert.equal((await probation.get(`/hub/agreements/${newId}`)).status, 403);
  assert.equal((await (await app.signedIn('editor')).get('/staff/hub/agreements/new')).status, 403);
});

// The access-control matrix over HTTP: every dataset sensitivity × viewer × route, each case's expected
// status, what it shows (raw, disclosed, or nothing) and the audit event it writes, generated from the
// small tables below and asserted. The expectations are written out here, NOT computed by access.ts:
// a change to the rule that changes who sees what fails this test. Runs on PGlite, or on PostgreSQL
// with DATABASE_URL.
//
// The world (invented, not real data), today 2025-06-30:
//   organisations: the owner (a council), partner A (police: in the live agreement, named on the
//   named dataset), partner B (an NHS body: in no agreement, named nowhere), partner C (probation: its
//   agreement ended yesterday; named on the named dataset too, so only the expiry refuses it), the
//   office (pcc_office). The office IS a party to the live agreement; it is NOT named on the named
//   dataset, so its staff see the all-partners dataset but not the named one.
//   agreements: LIVE (owner, A, office; 2025-01-01 to 2027-03-31) and ENDED (owner, C; 2024-04-01 to
//   2025-06-29, status still live), each covering all three datasets.
//   places: Testshire (force) ⊃ Alphaton (LA: LSOAs 001A, 001B, 001C), Betaford (LA: LSOA 001A).
//   datasets (LSOA, monthly, suppress below 5, no rounding, secondary suppression), one submission
//   each for 2025-04: Alphaton 001A a small count (primary [c]), 001B the smallest other count in
//   Alphaton (so the secondary [c] that stops 001A being worked out from Alphaton's total), 001C, and
//   Betaford 001A. Different numbers per dataset, none of them small elsewhere.
// Viewers: anonymous; staff (role viewer, acting for the office); partner in the agreement (A);
// partner outside it (B); partner after expiry (C); the owner's partner user.
// Routes: the dataset's page (/hub/datasets/{slug}: its definition, no values), the whole CSV, a place
// CSV, the JSON (whole, and for a place and period), the hub profile (/hub/places/{code}), and the
// public site's profile and CSV (/places/{code}/data…: public datasets only, for anyone, as anonymous).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, gt, inArray, max } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { users } from '../../platform/auth/auth.tables.ts';
import { startTestApp, type TestApp, type TestClient, type TestResponse } from '../../testing/harness.ts';
import { places } from '../places/places.tables.ts';
import {
  agreementDatasets,
  agreementParties,
  agreements,
  datasetColumns,
  datasetNamedOrganisations,
  datasets,
  datasetSubmitters,
  organisations,
  submissionPeriods,
  submissionRows,
  submissions,
  type OrganisationType,
  type Sensitivity,
} from './datahub.tables.ts';

const today = '2025-06-30';
const period = '2025-04';
const P = { force: 'E23900011', laA: 'E06900011', laB: 'E06900012', a1: 'E01900011', a2: 'E01900012', a3: 'E01900013', b1: 'E01900014' } as const;
const placeNames: Record<string, string> = { [P.a1]: 'Alphaton 001A', [P.a2]: 'Alphaton 001B', [P.a3]: 'Alphaton 001C', [P.b1]: 'Betaford 001A' };

const sensitivities = ['public', 'all_partners', 'named_organisations'] as const satisfies readonly Sensitivity[];
const viewerKeys = ['anonymous', 'staff', 'partnerIn', 'partnerOutside', 'partnerExpired', 'owner'] as const;
type ViewerKey = (typeof viewerKeys)[number];
const routeKeys = ['page', 'csvWhole', 'csvPlace', 'jsonWhole', 'jsonPlace', 'profile', 'publicProfile', 'publicCsv'] as const;
type RouteKey = (typeof routeKeys)[number];

/** Each dataset's raw counts for 2025-04: [small (primary), complement (secondary), other, Betaford]. */
const counts: Record<Sensitivity, { a1: number; a2: number; a3: number; b1: number }> = {
  public: { a1: 3, a2: 17, a3: 29, b1: 41 },
  all_partners: { a1: 2, a2: 18, a3: 31, b1: 43 },
  named_organisations: { a1: 4, a2: 19, a3: 37, b1: 47 },
};
const slugOf = (s: Sensitivity) => `matrix-${s.replace('_', '-')}`;

// ── The expectations, written out ────────────────────────────────────────────────────────────────
/** Who may see each dataset, and how: 'raw' (the owner), 'disclosed', or not at all. */
const mayRead: Record<Sensitivity, Record<ViewerKey, 'raw' | 'disclosed' | null>> = {
  public: { anonymous: 'disclosed', staff: 'disclosed', partnerIn: 'disclosed', partnerOutside: 'disclosed', partnerExpired: 'disclosed', owner: 'raw' },
  all_partners: { anonymous: null, staff: 'disclosed', partnerIn: 'disclosed', partnerOutside: null, partnerExpired: null, owner: 'raw' },
  named_organisations: { anonymous: null, staff: null, partnerIn: 'disclosed', partnerOutside: null, partnerExpired: null, owner: 'raw' },
};
/** Which reads the live agreement allows (the audit names it); the rest are the owner's or public. */
const byAgreement: Record<Sensitivity, ViewerKey[]> = { public: [], all_partners: ['staff', 'partnerIn'], named_organisations: ['partnerIn'] };

interface Expected {
  status: number;
  /** 303 to the sign-in page. */
  signIn?: boolean;
  /** What the answer holds of the dataset's values: raw, disclosed, nothing (absent from a page that is shown), or no values at all by design (the definition page, refusals). */
  shows: 'raw' | 'disclosed' | 'absent' | 'none';
  /** The one audit event the read writes, or null for none. */
  audit: { action: 'view' | 'download'; asAnonymous: boolean; basis: 'owner' | 'public' | 'agreement'; agreement: boolean } | null;
}

function expected(sensitivity: Sensitivity, viewer: ViewerKey, route: RouteKey): Expected {
  const read = mayRead[sensitivity][viewer];
  const anonymous = viewer === 'anonymous';
  const basis = read === 'raw' ? 'owner' : sensitivity === 'public' ? 'public' : 'agreement';
  const audit = (action: 'view' | 'download') => ({ action, asAnonymous: anonymous, basis, agreement: byAgreement[sensitivity].includes(viewer) }) as const;
  const publicRead = { asAnonymous: true, basis: 'public', agreement: false } as const;
  switch (route) {
    case 'page':
      if (anonymous) return { status: 303, signIn: true, shows: 'none', audit: null };
      return { status: read ? 200 : 403, shows: 'none', audit: null };
    case 'csvWhole':
    case 'csvPlace':
      if (anonymous) return { status: 303, signIn: true, shows: 'none', audit: null };
      return read ? { status: 200, shows: read, audit: audit('download') } : { status: 403, shows: 'none', audit: null };
    case 'jsonWhole':
    case 'jsonPlace':
      return read ? { status: 200, shows: read, audit: audit('download') } : { status: anonymous ? 404 : 403, shows: 'none', audit: null };
    case 'profile':
      if (anonymous) return { status: 303, signIn: true, shows: 'none', audit: null };
      return read ? { status: 200, shows: read, audit: audit('view') } : { status: 200, shows: 'absent', audit: null };
    // The public site shows public datasets only, to everyone alike (the owner too: disclosed).
    case 'publicProfile':
      return sensitivity === 'public' ? { status: 200, shows: 'disclosed', audit: { action: 'view', ...publicRead } } : { status: 200, shows: 'absent', audit: null };
    case 'publicCsv':
      return sensitivity === 'public' ? { status: 200, shows: 'disclosed', audit: { action: 'download', ...publicRead } } : { status: 404, shows: 'none', audit: null };
  }
}

/** What each place's count must read as: disclosed, a1 and a2 are [c]; raw, the numbers. */
function expectedCells(sensitivity: Sensitivity, shows: 'raw' | 'disclosed') {
  const c = counts[sensitivity];
  const disclosed = shows === 'disclosed';
  return {
    [P.a1]: disclosed ? '[c]' : String(c.a1),
    [P.a2]: disclosed ? '[c]' : String(c.a2),
    [P.a3]: String(c.a3),
    [P.b1]: String(c.b1),
    [P.laA]: String(c.a1 + c.a2 + c.a3),
  };
}

// ── The world ────────────────────────────────────────────────────────────────────────────────────
let app: TestApp;
const org: Record<string, number> = {};
const datasetId = {} as Record<Sensitivity, number>;
let liveAgreementId = 0;
const clients = {} as Record<ViewerKey, TestClient>;
const viewerUser = {} as Record<ViewerKey, { userId: number | null; organisationId: number | null }>;

async function one<T>(rows: Promise<T[]>): Promise<T> {
  const [row] = await rows;
  assert.ok(row, 'fixture insert returned nothing');
  return row;
}

before(async () => {
  app = await startTestApp({ seed: false, today });
  const db = app.services.database.db;
  await db.insert(places).values([
    { code: P.force, name: 'Testshire', type: 'force_area', parentCode: null },
    { code: P.laA, name: 'Alphaton', type: 'local_authority', parentCode: P.force },
    { code: P.laB, name: 'Betaford', type: 'local_authority', parentCode: P.force },
    { code: P.a1, name: 'Alphaton 001A', type: 'lsoa', parentCode: P.laA },
    { code: P.a2, name: 'Alphaton 001B', type: 'lsoa', parentCode: P.laA },
    { code: P.a3, name: 'Alphaton 001C', type: 'lsoa', parentCode: P.laA },
    { code: P.b1, name: 'Betaford 001A', type: 'lsoa', parentCode: P.laB },
  ]);
  const orgs: [key: string, orgId: string, type: OrganisationType][] = [
    ['owner', 'GB-LAE-MTXO', 'local_authority'],
    ['partnerIn', 'GB-GOR-PL9911', 'police'],
    ['partnerOutside', 'GB-NHS-MTX91', 'nhs'],
    ['partnerExpired', 'GB-GOR-PR9911', 'probation'],
    ['office', 'GB-GOR-PC9911', 'pcc_office'],
  ];
  for (const [key, orgId, type] of orgs) org[key] = (await one(db.insert(organisations).values({ orgId, name: `Matrix ${key}`, type }).returning({ id: organisations.id }))).id;
  const ownerId = org.owner ?? 0;

  for (const sensitivity of sensitivities) {
    const row = await one(
      db
        .insert(datasets)
        .values({ slug: slugOf(sensitivity), name: `Matrix ${sensitivity} dataset`, ownerOrganisationId: ownerId, geographyLevel: 'lsoa', periodType: 'month', firstPeriod: '2025-01', sensitivity, suppressBelow: 5, roundTo: null, secondarySuppression: true, createdByLabel: 'test' })
        .returning({ id: datasets.id }),
    );
    datasetId[sensitivity] = row.id;
    await db.insert(datasetColumns).values({ datasetId: row.id, position: 1, name: 'incidents', label: 'Incidents', type: 'count' });
    await db.insert(datasetSubmitters).values({ datasetId: row.id, organisationId: ownerId });
    const c = counts[sensitivity];
    const values: [string, number][] = [[P.a1, c.a1], [P.a2, c.a2], [P.a3, c.a3], [P.b1, c.b1]];
    const s = await one(
      db.insert(submissions).values({ datasetId: row.id, organisationId: ownerId, fileName: 'matrix.csv', sha256: `matrix-${row.id}`, rows: values.length, periods: [period], submittedByLabel: 'test' }).returning({ id: submissions.id }),
    );
    await db.insert(submissionPeriods).values({ datasetId: row.id, organisationId: ownerId, period, submissionId: s.id, rows: values.length });
    await db.insert(submissionRows).values(values.map(([placeCode, n], i) => ({ submissionId: s.id, line: i + 2, placeCode, period, numbers: [n], labels: [] })));
  }
  // The named dataset names A and C (C only to show that the expiry alone refuses it), not the office.
  await db.insert(datasetNamedOrganisations).values([org.partnerIn, org.partnerExpired].map((organisationId) => ({ datasetId: datasetId.named_organisations, organisationId: organisationId ?? 0 })));

  const addAgreement = async (reference: string, startDate: string, endDate: string, parties: string[]) => {
    const row = await one(
      db.insert(agreements).values({ reference, title: `Agreement ${reference}`, purpose: 'test', lawfulBasis: 'public task', startDate, endDate, status: 'live', createdByLabel: 'test' }).returning({ id: agreements.id }),
    );
    await db.insert(agreementParties).values(parties.map((p) => ({ agreementId: row.id, organisationId: org[p] ?? 0 })));
    await db.insert(agreementDatasets).values(sensitivities.map((s) => ({ agreementId: row.id, datasetId: datasetId[s] })));
    return row.id;
  };
  liveAgreementId = await addAgreement('MATRIX-LIVE', '2025-01-01', '2027-03-31', ['owner', 'partnerIn', 'office']);
  await addAgreement('MATRIX-ENDED', '2024-04-01', '2025-06-29', ['owner', 'partnerExpired']);

  clients.anonymous = app.client();
  viewerUser.anonymous = { userId: null, organisationId: null };
  const signIn = async (key: ViewerKey, role: 'viewer' | 'partner', orgKey: string) => {
    const orgId = orgs.find((o) => o[0] === orgKey)?.[1];
    clients[key] = await app.signedIn(role, { organisation: orgId ?? '' });
    const newest = await one(db.select({ id: max(users.id) }).from(users));
    assert.ok(newest.id);
    viewerUser[key] = { userId: newest.id, organisationId: org[orgKey] ?? null };
  };
  await signIn('staff', 'viewer', 'office');
  await signIn('partnerIn', 'partner', 'partnerIn');
  await signIn('partnerOutside', 'partner', 'partnerOutside');
  await signIn('partnerExpired', 'partner', 'partnerExpired');
  await signIn('owner', 'partner', 'owner');
});
after(async () => {
  await app?.close();
});

// ── Reading an answer ────────────────────────────────────────────────────────────────────────────
function pathOf(route: RouteKey, sensitivity: Sensitivity): string {
  const slug = slugOf(sensitivity);
  const id = datasetId[sensitivity];
  switch (route) {
    case 'page':
      return `/hub/datasets/${slug}`;
    case 'csvWhole':
      return `/hub/datasets/${slug}/data.csv`;
    case 'csvPlace':
      return `/hub/places/${P.laA}/datasets/${slug}.csv`;
    case 'jsonWhole':
      return `/api/v1/datasets/${id}/data`;
    case 'jsonPlace':
      return `/api/v1/datasets/${id}/data?place=${P.laA}&period=${period}`;
    case 'profile':
      return `/hub/places/${P.laA}?period=${period}`;
    case 'publicProfile':
      return `/places/${P.laA}/data?period=${period}`;
    case 'publicCsv':
      return `/places/${P.laA}/data/${slug}.csv`;
  }
}

/** The count each place reads as, from a CSV (last column), the JSON (incidents) or a profile's breakdown table. */
function cellsOf(route: RouteKey, sensitivity: Sensitivity, response: TestResponse): Map<string, string> {
  const out = new Map<string, string>();
  if (route === 'csvWhole' || route === 'csvPlace' || route === 'publicCsv') {
    assert.match(response.headers.get('content-type') ?? '', /text\/csv/);
    for (const line of response.text.trim().split('\r\n').slice(1)) {
      const fields = line.split(',');
      assert.equal(fields[0], period, line);
      out.set(fields[1] ?? '', fields.at(-1) ?? '');
    }
  } else if (route === 'jsonWhole' || route === 'jsonPlace') {
    const body = JSON.parse(response.text) as { dataset: { id: number }; rows: { period: string; place_code: string; incidents: number | string | null }[] };
    assert.equal(body.dataset.id, datasetId[sensitivity]);
    for (const row of body.rows) {
      assert.equal(row.period, period);
      out.set(row.place_code, String(row.incidents));
    }
  } else {
    const section = sectionOf(response.text, sensitivity);
    assert.ok(section, `the ${sensitivity} dataset is on the page`);
    for (const [code, name] of Object.entries(placeNames)) {
      const row = (section.match(/<tr[\s\S]*?<\/tr>/g) ?? []).find((r) => r.includes(`>${name}</a>`));
      if (row) out.set(code, row.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(name.length).trim());
    }
    const total = (section.match(/<tr[\s\S]*?<\/tr>/g) ?? []).find((r) => r.includes('<th scope="row" class="govuk-table__header">Alphaton</th>'));
    if (total) out.set(P.laA, total.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice('Alphaton'.length).trim());
  }
  return out;
}

function sectionOf(html: string, sensitivity: Sensitivity): string | null {
  const start = html.indexOf(`id="dataset-${slugOf(sensitivity)}"`);
  if (start < 0) return null;
  const end = html.indexOf('</section>', start);
  return html.slice(start, end < 0 ? undefined : end);
}

async function lastAuditId(): Promise<number> {
  const [row] = await app.services.database.db.select({ id: max(auditEvents.id) }).from(auditEvents);
  return Number(row?.id ?? 0);
}

async function readEventsSince(id: number, sensitivity: Sensitivity) {
  return app.services.database.db
    .select()
    .from(auditEvents)
    .where(and(gt(auditEvents.id, id), eq(auditEvents.entityType, 'dataset'), eq(auditEvents.entityId, String(datasetId[sensitivity])), inArray(auditEvents.action, ['view', 'download'])));
}

// ── The cases ────────────────────────────────────────────────────────────────────────────────────
const cases = sensitivities.flatMap((sensitivity) => viewerKeys.flatMap((viewer) => routeKeys.map((route) => ({ sensitivity, viewer, route }))));

test('the matrix covers every sensitivity × viewer × route', () => {
  assert.equal(cases.length, sensitivities.length * viewerKeys.length * routeKeys.length);
  assert.equal(cases.length, 144);
});

for (const { sensitivity, viewer, route } of cases) {
  test(`${sensitivity} × ${viewer} × ${route}`, async () => {
    const want = expected(sensitivity, viewer, route);
    const path = pathOf(route, sensitivity);
    const before = await lastAuditId();
    const response = await clients[viewer].get(path);
    const where = `${path} as ${viewer}`;
    assert.equal(response.status, want.status, `${where}: ${response.status} ${response.text.slice(0, 300)}`);
    if (want.signIn) assert.match(response.location ?? '', /^\/sign-in\?returnTo=/, where);
    const c = counts[sensitivity];

    if (want.shows === 'raw' || want.shows === 'disclosed') {
      const got = cellsOf(route, sensitivity, response);
      const cells = expectedCells(sensitivity, want.shows);
      const codes = route === 'csvWhole' || route === 'jsonWhole' ? [P.a1, P.a2, P.a3, P.b1] : [P.laA, P.a1, P.a2, P.a3];
      for (const code of codes) assert.equal(got.get(code), cells[code], `${where}: ${code}`);
      if (want.shows === 'disclosed') {
        // Neither the small count nor its complement appears anywhere as its number.
        for (const value of got.values()) assert.ok(value !== String(c.a1) && value !== String(c.a2), `${where}: a suppressed count is shown`);
      }
    } else if (want.shows === 'absent') {
      assert.equal(sectionOf(response.text, sensitivity), null, `${where}: the dataset is left out`);
      assert.ok(!response.text.includes(`Matrix ${sensitivity} dataset`), `${where}: the dataset's name is not shown`);
    } else if (response.status !== 200) {
      // Refusals and redirects carry no rows of the dataset: no place of it is named.
      for (const code of [P.a1, P.a2, P.a3, P.b1]) assert.ok(!response.text.includes(code) && !response.text.includes(placeNames[code] ?? code), `${where}: a refusal holds no rows`);
    }
    if (response.status === 403 && route !== 'page') assert.match(response.text, /agreement|names/, `${where}: the reason is given`);
    if (response.status === 404) assert.ok(!response.text.includes(`Matrix ${sensitivity} dataset`), `${where}: a 404 does not name the dataset`);

    const events = await readEventsSince(before, sensitivity);
    if (!want.audit) {
      assert.equal(events.length, 0, `${where}: no read is recorded for what was not read`);
      return;
    }
    assert.equal(events.length, 1, `${where}: one audit event`);
    const [event] = events;
    assert.ok(event);
    const actor = want.audit.asAnonymous ? viewerUser.anonymous : viewerUser[viewer];
    assert.equal(event.action, want.audit.action, where);
    assert.equal(event.actorUserId, actor.userId, `${where}: actor`);
    assert.equal(event.organisationId, actor.organisationId, `${where}: organisation`);
    assert.equal(event.agreementId, want.audit.agreement ? liveAgreementId : null, `${where}: agreement`);
    assert.equal(event.reason, want.audit.basis, `${where}: basis`);
  });
}

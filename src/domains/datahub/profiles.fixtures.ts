// Test fixtures for place profiles and their pages: a small invented place tree, organisations, an
// agreement and datasets with submissions inserted directly (as the submissions service leaves them).
// Invented, not real data.
//
//   Testshire (force area F)
//   ├── Alphaton (LA A): LSOAs A1, A2, A3
//   └── Betaford (LA B): LSOA B1
//
// "Test antisocial behaviour" (LSOA, monthly, all partners, suppress below 5, secondary on), owned by
// the council: 2025-04 A1 3, A2 20, A3 27, B1 50; 2025-05 A1 10, A2 12, A3 missing, B1 8. A number
// column (a rate) and a category column too.
// "Test fires" (local authority, yearly, public, suppress below 5, round to 5): 2024 A 12, B 3.
// "Test empty" (LSOA, monthly, all partners): no submission.
import type { DbOrTx } from '../../platform/db/database.ts';
import { places } from '../places/places.tables.ts';
import { agreementDatasets, agreementParties, agreements, datasetColumns, datasets, datasetSubmitters, organisations, submissionPeriods, submissionRows, submissions, type AgreementStatus } from './datahub.tables.ts';

export const P = { force: 'E23900001', laA: 'E06900001', laB: 'E06900002', a1: 'E01900001', a2: 'E01900002', a3: 'E01900003', b1: 'E01900004' } as const;

export const orgIds = { council: 'GB-LAE-TSTA', police: 'GB-GOR-PL9901', nhs: 'GB-NHS-TST99', probation: 'GB-GOR-PR9901' } as const;

export interface HubFixture {
  org: Record<keyof typeof orgIds, number>;
  dataset: { asb: number; fires: number; empty: number };
  agreement: { live: number; endsToday: number };
}

async function one<T>(rows: Promise<T[]>): Promise<T> {
  const [row] = await rows;
  if (!row) throw new Error('fixture: insert returned nothing');
  return row;
}

export async function insertHubFixture(db: DbOrTx, options: { endsToday?: string } = {}): Promise<HubFixture> {
  await db.insert(places).values([
    { code: P.force, name: 'Testshire', type: 'force_area', parentCode: null },
    { code: P.laA, name: 'Alphaton', type: 'local_authority', parentCode: P.force },
    { code: P.laB, name: 'Betaford', type: 'local_authority', parentCode: P.force },
    { code: P.a1, name: 'Alphaton 001A', type: 'lsoa', parentCode: P.laA },
    { code: P.a2, name: 'Alphaton 001B', type: 'lsoa', parentCode: P.laA },
    { code: P.a3, name: 'Alphaton 001C', type: 'lsoa', parentCode: P.laA },
    { code: P.b1, name: 'Betaford 001A', type: 'lsoa', parentCode: P.laB },
  ]);
  const org = {} as HubFixture['org'];
  for (const [key, orgId] of Object.entries(orgIds) as [keyof typeof orgIds, string][]) {
    const type = key === 'council' ? 'local_authority' : key === 'nhs' ? 'nhs' : key === 'police' ? 'police' : 'probation';
    org[key] = (await one(db.insert(organisations).values({ orgId, name: `Test ${key}`, type }).returning({ id: organisations.id }))).id;
  }
  const addDataset = async (slug: string, name: string, values: Partial<typeof datasets.$inferInsert>, columns: { name: string; type: 'count' | 'number' | 'category'; unit?: string }[]) => {
    const row = await one(
      db
        .insert(datasets)
        .values({ slug, name, ownerOrganisationId: org.council, geographyLevel: 'lsoa', periodType: 'month', firstPeriod: '2025-01', sensitivity: 'all_partners', suppressBelow: 5, roundTo: null, secondarySuppression: true, createdByLabel: 'test', ...values })
        .returning({ id: datasets.id }),
    );
    await db.insert(datasetColumns).values(columns.map((c, i) => ({ datasetId: row.id, position: i + 1, name: c.name, label: c.name.replaceAll('_', ' '), type: c.type, unit: c.unit ?? null, allowedValues: c.type === 'category' ? ['low', 'high'] : null })));
    await db.insert(datasetSubmitters).values({ datasetId: row.id, organisationId: org.council });
    return row.id;
  };
  const asb = await addDataset('test-asb', 'Test antisocial behaviour', {}, [
    { name: 'incidents', type: 'count' },
    { name: 'rate_per_1000', type: 'number', unit: 'per 1,000' },
    { name: 'priority', type: 'category' },
  ]);
  const fires = await addDataset('test-fires', 'Test fires', { geographyLevel: 'local_authority', periodType: 'year', firstPeriod: '2023', sensitivity: 'public', roundTo: 5 }, [{ name: 'fires', type: 'count' }]);
  const empty = await addDataset('test-empty', 'Test empty', {}, [{ name: 'cases', type: 'count' }]);

  const submit = async (datasetId: number, rows: [place: string, period: string, numbers: (number | null)[], labels: (string | null)[]][]) => {
    const periods = [...new Set(rows.map((r) => r[1]))];
    const s = await one(
      db.insert(submissions).values({ datasetId, organisationId: org.council, fileName: 'test.csv', sha256: `sha-${datasetId}`, rows: rows.length, periods, submittedByLabel: 'test' }).returning({ id: submissions.id }),
    );
    await db.insert(submissionPeriods).values(periods.map((period) => ({ datasetId, organisationId: org.council, period, submissionId: s.id, rows: rows.filter((r) => r[1] === period).length })));
    // The arrays hold nulls for empty optional cells (the schema's element type says number / string).
    await db.insert(submissionRows).values(rows.map(([placeCode, period, numbers, labels], i) => ({ submissionId: s.id, line: i + 2, placeCode, period, numbers: numbers as number[], labels: labels as string[] })));
  };
  await submit(asb, [
    [P.a1, '2025-04', [3, 1.5], ['low']],
    [P.a2, '2025-04', [20, 10], ['high']],
    [P.a3, '2025-04', [27, 13.5], ['high']],
    [P.b1, '2025-04', [50, 25], ['high']],
    [P.a1, '2025-05', [10, 5], ['low']],
    [P.a2, '2025-05', [12, 6], ['low']],
    [P.a3, '2025-05', [null, null], [null]],
    [P.b1, '2025-05', [8, 4], ['low']],
  ]);
  await submit(fires, [
    [P.laA, '2024', [12], []],
    [P.laB, '2024', [3], []],
  ]);

  const addAgreement = async (reference: string, status: AgreementStatus, startDate: string, endDate: string, parties: number[], datasetIds: number[]) => {
    const row = await one(
      db.insert(agreements).values({ reference, title: `Agreement ${reference}`, purpose: 'test', lawfulBasis: 'public task', startDate, endDate, status, createdByLabel: 'test' }).returning({ id: agreements.id }),
    );
    await db.insert(agreementParties).values(parties.map((organisationId) => ({ agreementId: row.id, organisationId })));
    await db.insert(agreementDatasets).values(datasetIds.map((datasetId) => ({ agreementId: row.id, datasetId })));
    return row.id;
  };
  const live = await addAgreement('TEST-LIVE', 'live', '2025-01-01', '2027-03-31', [org.council, org.police], [asb, empty]);
  const endsToday = await addAgreement('TEST-ENDS', 'live', '2025-01-01', options.endsToday ?? '2025-06-30', [org.council, org.probation], [asb]);
  return { org, dataset: { asb, fires, empty }, agreement: { live, endsToday } };
}

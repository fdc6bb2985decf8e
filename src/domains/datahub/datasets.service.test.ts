import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { datasetColumns, organisations, submissions } from './datahub.tables.ts';
import { createDatasetsService, type DatasetInput, type DatasetsService } from './datasets.service.ts';

let database: Database;
let service: DatasetsService;
const actor = { userId: null, label: 'Test Admin <admin@example.org>' };
const org: Record<string, number> = {};

before(async () => {
  database = await createTestDatabase();
  service = createDatasetsService(database.db);
  for (const [key, orgId, name] of [
    ['council', 'GB-LAE-LUT', 'Luton Borough Council'],
    ['police', 'GB-SAFERPLACES-POLICE-E23000026', 'Bedfordshire Police'],
    ['nhs', 'GB-NHS-QHG', 'NHS Bedfordshire, Luton and Milton Keynes ICB'],
  ] as const) {
    const [row] = await database.db.insert(organisations).values({ orgId, name, type: key === 'council' ? 'local_authority' : key }).returning();
    assert.ok(row);
    org[key] = row.id;
  }
  const [closed] = await database.db.insert(organisations).values({ orgId: 'GB-CHC-1', name: 'Closed Charity', type: 'voluntary_sector', closedAt: new Date() }).returning();
  org.closed = closed?.id ?? 0;
});
after(async () => {
  await database?.close();
});

const valid = (over: Partial<DatasetInput> = {}): DatasetInput => ({
  ownerOrganisationId: org.council ?? 0,
  name: 'Domestic abuse referrals to the IDVA service',
  slug: 'idva-referrals',
  description: 'Referrals by LSOA of residence, monthly.',
  columns: [
    { name: 'referrals', label: 'Referrals', type: 'count', unit: 'referrals', allowedValues: null, required: true },
    { name: 'risk_level', label: 'Risk level', type: 'category', unit: '', allowedValues: ['standard', 'medium', 'high'], required: true },
  ],
  geographyLevel: 'lsoa',
  periodType: 'month',
  firstPeriod: '2025-04',
  dueDaysAfterPeriod: 30,
  sensitivity: 'all_partners',
  suppressBelow: 5,
  roundTo: 5,
  secondarySuppression: true,
  submitterOrganisationIds: [],
  namedOrganisationIds: [],
  ...over,
});

function errorsOf(fn: () => unknown): Promise<string[]> {
  return (async () => {
    try {
      await fn();
    } catch (error) {
      if (error instanceof ValidationError) return error.errors.map((e) => `${e.field}: ${e.text}`);
      throw error;
    }
    assert.fail('expected a ValidationError');
  })();
}

test('a dataset is defined whole: columns in order, the owner submits by default, audited', async () => {
  const created = await service.create(valid(), actor, { organisationId: org.council ?? null });
  assert.equal(created.dataset.slug, 'idva-referrals');
  assert.deepEqual(created.columns.map((c) => [c.position, c.name, c.type, c.unit, c.allowedValues, c.required]), [
    [1, 'referrals', 'count', 'referrals', null, true],
    [2, 'risk_level', 'category', null, ['standard', 'medium', 'high'], true],
  ]);
  assert.deepEqual(created.submitters.map((o) => o.name), ['Luton Borough Council']);
  assert.equal(created.owner.name, 'Luton Borough Council');
  assert.equal(created.dataset.createdByLabel, actor.label);
  const [audit] = await database.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'dataset'));
  assert.equal(audit?.action, 'create');
  assert.equal(audit?.organisationId, org.council);
  assert.match(audit?.summary ?? '', /Defined dataset "Domestic abuse referrals to the IDVA service" \(2 columns, all partners\)/);
});

test('bad definitions are refused with an error per field, naming the column', async () => {
  const errors = await errorsOf(() =>
    service.create(
      valid({
        slug: 'Bad Slug',
        name: ' ',
        firstPeriod: '2025-Q1',
        dueDaysAfterPeriod: -1,
        suppressBelow: 2.5,
        columns: [
          { name: 'Referrals', label: '', type: 'count', unit: null, allowedValues: null, required: true },
          { name: 'kind', label: 'Kind', type: 'category', unit: null, allowedValues: [], required: true },
          { name: 'total', label: 'Total', type: 'count', unit: null, allowedValues: ['a'], required: true },
          { name: 'total', label: 'Total again', type: 'number', unit: null, allowedValues: null, required: false },
          { name: 'period', label: 'Period', type: 'text', unit: null, allowedValues: null, required: false },
        ],
        sensitivity: 'named_organisations',
      }),
      actor,
    ),
  );
  assert.deepEqual(errors, [
    'name: Enter the name of the dataset',
    'slug: Short name must use only lower-case letters, numbers and single hyphens, like idva-referrals-luton',
    'columns: Column 1 (name): Name must start with a lower-case letter and use only lower-case letters, numbers and underscores, like referrals_total',
    'columns: Column 1 (label): Enter a label',
    'columns: Column 2 (allowed values): A category column needs its allowed values',
    'columns: Column 3 (allowed values): Only category columns have allowed values',
    'columns: Column 5 (name): Name cannot be place_code or period: the upload uses those for the place and period',
    'dueDaysAfterPeriod: Days after the period must be 0 or more',
    'suppressBelow: Suppress counts below must be a whole number',
    'columns: Column 4 (name): Name total is used by an earlier column',
    'firstPeriod: First period must be a month, like 2024-03',
    'namedOrganisationIds: Choose the organisations the dataset is shared with',
  ]);
  assert.deepEqual(await errorsOf(() => service.create(valid({ slug: 'other', namedOrganisationIds: [org.police ?? 0] }), actor)), [
    'namedOrganisationIds: Only datasets shared with named organisations name organisations: choose that, or clear the named organisations',
  ]);
  assert.deepEqual(await errorsOf(() => service.create(valid(), actor)), ['slug: Another dataset already uses the short name idva-referrals']);
  assert.deepEqual(await errorsOf(() => service.create(valid({ slug: 'x', ownerOrganisationId: 999_999, submitterOrganisationIds: [org.closed ?? 0] }), actor)), [
    'ownerOrganisationId: There is no organisation with id 999999',
    'submitterOrganisationIds: Closed Charity is closed and cannot be a submitter',
  ]);
  assert.equal((await service.all()).length, 1, 'nothing else was stored');
});

test('quarters written "2024 Q1" are stored as 2024-Q1; named organisations and submitters are kept', async () => {
  const created = await service.create(
    valid({ slug: 'quarterly', periodType: 'quarter', firstPeriod: '2024 Q1', sensitivity: 'named_organisations', namedOrganisationIds: [org.police ?? 0], submitterOrganisationIds: [org.council ?? 0, org.police ?? 0] }),
    actor,
  );
  assert.equal(created.dataset.firstPeriod, '2024-Q1');
  assert.deepEqual(created.named.map((o) => o.name), ['Bedfordshire Police']);
  assert.deepEqual(created.submitters.map((o) => o.name), ['Bedfordshire Police', 'Luton Borough Council']);
});

test('editing: any change before data arrives; once submissions exist, columns may only gain optional ones at the end', async () => {
  const before = await service.detail({ slug: 'idva-referrals' });
  assert.ok(before);
  const id = before.dataset.id;
  const columnIds = before.columns.map((c) => c.id);
  // No submissions yet: columns can be reordered and retyped; ids are kept (measure feeds may point at them).
  const reordered = await service.update(id, valid({ columns: [{ ...valid().columns[1]!, label: 'Risk' }, { ...valid().columns[0]!, type: 'number' }] }), actor);
  assert.deepEqual(reordered.columns.map((c) => [c.name, c.type, c.label]), [['risk_level', 'category', 'Risk'], ['referrals', 'number', 'Referrals']]);
  assert.deepEqual(reordered.columns.map((c) => c.id).sort(), [...columnIds].sort());
  await service.update(id, valid(), actor);
  const unchanged = await service.update(id, valid(), actor);
  assert.equal(unchanged.dataset.name, valid().name);
  const audits = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, String(id)));
  assert.deepEqual(audits.map((a) => a.action), ['create', 'update', 'update'], 'an identical save changes nothing and is not audited');

  await database.db.insert(submissions).values({ datasetId: id, organisationId: org.council ?? 0, fileName: 'a.csv', sha256: 'x', rows: 1, periods: ['2025-04'], submittedByLabel: 'test' });
  const [first, second] = valid().columns;
  assert.ok(first && second);
  const refused = await errorsOf(() =>
    service.update(id, valid({ columns: [{ ...first, type: 'number' }, { ...second, allowedValues: ['standard', 'high'] }, { name: 'notes', label: 'Notes', type: 'text', unit: null, allowedValues: null, required: true }] }), actor),
  );
  assert.deepEqual(refused, [
    'columns: Column referrals cannot change type from count to number: 1 submission holds data in it',
    'columns: Column risk_level cannot drop allowed values (medium): 1 submission holds data in it',
    'columns: Column 3 (notes) must be optional: 1 submission holds data in it, without this column',
  ]);
  assert.deepEqual(await errorsOf(() => service.update(id, valid({ columns: [second] }), actor)), [
    'columns: Column referrals cannot be removed: 1 submission holds data in it',
    'columns: Column risk_level cannot move from position 2 to 1: 1 submission holds data in it, stored in column order',
  ]);
  assert.deepEqual(await errorsOf(() => service.update(id, valid({ periodType: 'quarter', firstPeriod: '2025-Q2' }), actor)), ['periodType: The period type and geography level cannot change: 1 submission(s) hold data by them']);
  const added = await service.update(id, valid({ columns: [first, { ...second, label: 'Risk level (MARAC)', allowedValues: ['standard', 'medium', 'high', 'unknown'] }, { name: 'notes', label: 'Notes', type: 'text', unit: null, allowedValues: null, required: false }], sensitivity: 'public' }), actor);
  assert.deepEqual(added.columns.map((c) => c.name), ['referrals', 'risk_level', 'notes']);
  assert.equal(added.dataset.sensitivity, 'public');
  const stored = await database.db.select().from(datasetColumns).where(eq(datasetColumns.datasetId, id));
  assert.equal(stored.length, 3);
  const changes = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, String(id))).orderBy(auditEvents.id);
  assert.match(changes.at(-1)?.summary ?? '', /^Changed dataset "Domestic abuse referrals to the IDVA service": columns, sensitivity$/);
});

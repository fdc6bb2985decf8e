// Small fixtures for the crime analysis tests: places with populations, crime counts and stop and
// search rows inserted directly, as the importer would leave them. Invented, not real data.
import { policeUkFiles, stopSearches, crimeCounts } from '../crime.tables.ts';
import { placePopulations, places } from '../../places/places.tables.ts';
import type { DbOrTx } from '../../../platform/db/database.ts';

export const FORCE = 'E23000026';
export const CSP_NORTH = 'E22000009';
export const LA_NORTH = 'E06000055'; // under the CSP
export const LA_SOUTH = 'E06000032'; // straight under the force area, no own population
export const LSOA_N1 = 'E01000001';
export const LSOA_N2 = 'E01000002';
export const LSOA_S1 = 'E01000003';
export const LSOA_OUT = 'E01099999'; // outside the force area

export async function insertPlaces(db: DbOrTx, options: { withForce?: boolean } = {}) {
  const rows = [
    ...(options.withForce === false ? [] : [{ code: FORCE, name: 'Testshire', type: 'force_area' as const, parentCode: null }]),
    { code: CSP_NORTH, name: 'North CSP', type: 'csp' as const, parentCode: FORCE },
    { code: LA_NORTH, name: 'Northtown', type: 'local_authority' as const, parentCode: CSP_NORTH },
    { code: LA_SOUTH, name: 'Southtown', type: 'local_authority' as const, parentCode: FORCE },
    { code: LSOA_N1, name: 'Northtown 001A', type: 'lsoa' as const, parentCode: LA_NORTH },
    { code: LSOA_N2, name: 'Northtown 001B', type: 'lsoa' as const, parentCode: LA_NORTH },
    { code: LSOA_S1, name: 'Southtown 001A', type: 'lsoa' as const, parentCode: LA_SOUTH },
    { code: LSOA_OUT, name: 'Elsewhere 001A', type: 'lsoa' as const, parentCode: null },
  ];
  await db.insert(places).values(rows).onConflictDoNothing();
  await db.insert(placePopulations).values([
    { placeCode: FORCE, year: 2021, population: 10_000, source: 'test census' },
    { placeCode: LA_NORTH, year: 2021, population: 4_000, source: 'test census' },
    { placeCode: LSOA_N1, year: 2021, population: 2_000, source: 'test census' },
    { placeCode: LSOA_N2, year: 2021, population: 2_000, source: 'test census' },
    { placeCode: LSOA_S1, year: 2021, population: 5_000, source: 'test census' },
    { placeCode: LSOA_S1, year: 2023, population: 5_500, source: 'test estimate' },
  ]);
}

export type CountFixture = [month: string, lsoa: string, type: string, crimes: number, withId: number, charged: number];

/** Two months of counts: every kind of row (no location, outside the force, anti-social behaviour). */
export const counts: CountFixture[] = [
  ['2023-01', LSOA_N1, 'Burglary', 3, 3, 1],
  ['2023-01', LSOA_N1, 'Anti-social behaviour', 5, 0, 0],
  ['2023-01', LSOA_N2, 'Violence and sexual offences', 4, 4, 2],
  ['2023-01', LSOA_S1, 'Burglary', 2, 2, 0],
  ['2023-01', '', 'Violence and sexual offences', 1, 1, 1],
  ['2023-01', LSOA_OUT, 'Shoplifting', 6, 6, 3],
  ['2023-02', LSOA_N1, 'Burglary', 1, 1, 0],
  ['2023-02', LSOA_S1, 'Violence and sexual offences', 7, 6, 3],
  ['2023-02', LSOA_S1, 'Anti-social behaviour', 2, 0, 0],
  ['2023-03', LSOA_N2, 'Burglary', 2, 2, 2],
];

export async function insertCounts(db: DbOrTx, rows: CountFixture[] = counts) {
  await db.insert(crimeCounts).values(rows.map(([month, lsoaCode, crimeType, crimes, crimesWithId, chargedOrSummonsed]) => ({ month: `${month}-01`, lsoaCode, crimeType, crimes, crimesWithId, chargedOrSummonsed })));
}

const file = (kind: 'street' | 'stop-and-search', month: string, extra: Partial<typeof policeUkFiles.$inferInsert> = {}) => ({
  kind,
  force: 'testshire',
  month,
  fileName: `${month}-testshire-${kind}.csv`,
  sha256: `${kind}-${month}-${extra.supersededAt ? 'old' : 'new'}`,
  rows: 10,
  stored: 10,
  withoutLocation: 1,
  outsideForceArea: 2,
  antiSocialBehaviour: 3,
  repeatedCrimeIds: 0,
  importedBy: 'test',
  ...extra,
});

/** Street files for the three months and stop and search files, one of them superseded. */
export async function insertFilesAndSearches(db: DbOrTx) {
  await db.insert(policeUkFiles).values(['2023-01', '2023-02', '2023-03'].map((m) => file('street', m)));
  const [old] = await db.insert(policeUkFiles).values(file('stop-and-search', '2023-01', { supersededAt: new Date('2024-01-01T00:00:00Z') })).returning();
  const [current] = await db.insert(policeUkFiles).values(file('stop-and-search', '2023-01')).returning();
  if (!old || !current) throw new Error('no file rows');
  const search = (fileId: number, line: number, values: Partial<typeof stopSearches.$inferInsert>) => ({
    fileId,
    line,
    month: '2023-01-01',
    occurredAt: new Date('2023-01-10T12:00:00Z'),
    type: 'Person search',
    ...values,
  });
  await db.insert(stopSearches).values([
    search(old.id, 2, { objectOfSearch: 'Controlled drugs', outcome: 'Arrest', outcomeLinkedToObject: true }),
    search(current.id, 2, { objectOfSearch: 'Controlled drugs', outcome: 'Arrest', outcomeLinkedToObject: true, selfDefinedEthnicity: 'White - English/Welsh/Scottish/Northern Irish/British' }),
    search(current.id, 3, { objectOfSearch: 'Controlled drugs', outcome: 'A no further action disposal', outcomeLinkedToObject: false, selfDefinedEthnicity: 'Asian/Asian British - Pakistani' }),
    search(current.id, 4, { objectOfSearch: 'Offensive weapons', outcome: 'Community resolution', outcomeLinkedToObject: true, selfDefinedEthnicity: null }),
    search(current.id, 5, { objectOfSearch: 'Stolen goods', outcome: 'A no further action disposal', outcomeLinkedToObject: null, selfDefinedEthnicity: 'Asian/Asian British - Pakistani' }),
  ]);
}

// Test-only helpers: street crimes inserted straight into the tables (one police_uk_files row per
// month), so hotspot and patrol tests do not depend on the police.uk importer. Invented points,
// never presented as real data.
import type { Db } from '../../../platform/db/database.ts';
import { placeBoundaries, places } from '../../places/places.tables.ts';
import { policeUkFiles, streetCrimes } from '../crime.tables.ts';

export interface TestCrime {
  month: string; // YYYY-MM
  crimeType: string;
  easting: number | null;
  northing: number | null;
  outsideForceArea?: boolean;
}

export async function insertStreetCrimes(db: Db, crimes: readonly TestCrime[], options: { superseded?: boolean } = {}): Promise<void> {
  const byMonth = new Map<string, TestCrime[]>();
  for (const c of crimes) byMonth.set(c.month, [...(byMonth.get(c.month) ?? []), c]);
  for (const [month, list] of byMonth) {
    const [file] = await db
      .insert(policeUkFiles)
      .values({
        kind: 'street',
        force: 'test',
        month,
        fileName: `${month}-test-street.csv`,
        sha256: `test-${month}-${Math.random()}`,
        rows: list.length,
        stored: list.length,
        withoutLocation: list.filter((c) => c.easting === null).length,
        outsideForceArea: list.filter((c) => c.outsideForceArea).length,
        antiSocialBehaviour: 0,
        repeatedCrimeIds: 0,
        importedBy: 'test',
        supersededAt: options.superseded ? new Date() : null,
      })
      .returning();
    if (!file) throw new Error('no file row');
    for (let i = 0; i < list.length; i += 1000) {
      await db.insert(streetCrimes).values(
        list.slice(i, i + 1000).map((c, j) => ({
          fileId: file.id,
          line: i + j + 2,
          month: `${month}-01`,
          crimeId: null,
          crimeType: c.crimeType,
          easting: c.easting,
          northing: c.northing,
          location: c.easting === null ? 'No Location' : 'On or near Test Street',
          reportedBy: 'Test Police',
          fallsWithin: 'Test Police',
          outsideForceArea: c.outsideForceArea ?? false,
        })),
      );
    }
  }
}

/** A place with a current boundary given in longitude/latitude polygons. */
export async function insertBoundary(db: Db, place: { code: string; name: string; type: 'force_area' | 'local_authority' | 'csp'; parentCode: string | null }, polygons: [number, number][][][]): Promise<void> {
  await db.insert(places).values(place).onConflictDoNothing();
  await db.insert(placeBoundaries).values({ placeCode: place.code, polygons, source: 'test' });
}

/**
 * A 10 × 10 block of 250 m cells (cols 2000–2009, rows 800–809) with one crime in every cell, 40
 * more in cell (2004, 804) and 5 more in each of its 4 edge neighbours, so that the centre's queen
 * neighbourhood holds more than any other's (no ties): cell (2004, 804) is the clear top hotspot.
 */
export function clusterBlock(month: string, crimeType: string): TestCrime[] {
  const extra = (col: number, row: number) => (col === 2004 && row === 804 ? 40 : (col === 2004 && Math.abs(row - 804) === 1) || (row === 804 && Math.abs(col - 2004) === 1) ? 5 : 0);
  const out: TestCrime[] = [];
  for (let row = 800; row < 810; row++) {
    for (let col = 2000; col < 2010; col++) {
      out.push({ month, crimeType, easting: col * 250 + 125, northing: row * 250 + 125 });
      for (let i = 0; i < extra(col, row); i++) out.push({ month, crimeType, easting: col * 250 + 10 + i, northing: row * 250 + 200 });
    }
  }
  return out;
}

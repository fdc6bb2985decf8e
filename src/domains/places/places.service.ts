import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { placePopulations, places } from './places.tables.ts';

export function createPlacesService(db: Db) {
  return {
    async list() {
      return db.select().from(places).orderBy(asc(places.type), asc(places.name));
    },
    async populations(code: string) {
      return db.select().from(placePopulations).where(eq(placePopulations.placeCode, code)).orderBy(asc(placePopulations.year));
    },
  };
}

export type PlacesService = ReturnType<typeof createPlacesService>;

import { asc } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { places } from './places.tables.ts';

export function createPlacesService(db: Db) {
  return {
    async list() {
      return db.select().from(places).orderBy(asc(places.type), asc(places.name));
    },
  };
}

export type PlacesService = ReturnType<typeof createPlacesService>;

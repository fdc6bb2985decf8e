// What other domains may use from the places domain.
export * from './places.tables.ts';
export { createPlacesService, type PlacesService } from './places.service.ts';

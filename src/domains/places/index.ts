// What other domains may use from the places domain.
export * from './places.tables.ts';
export { createPlacesService, lsoaSums, populationsOf, type LsoaSum, type Place, type PlacesService, type PopulationOf } from './places.service.ts';
export { describePlaceImport, describeProblem, localAuthorityNameOfLsoa, PlaceImportError, placeTypeOfCode, type ImportProblem, type PlaceImportKind, type PlaceImportSummary } from './place-imports.ts';
export { containsPoint, readBoundaryFile, type Boundary } from './boundaries-file.ts';

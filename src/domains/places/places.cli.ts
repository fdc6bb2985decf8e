// `safer import population <file>`, `safer import boundaries <file>`, `safer import lookup <file>`:
// the same code path as the staff upload (the places service), then the summary in lines.
import type { ImportCommand } from '../../cli/import-commands.ts';
import { readImportFile } from '../../cli/import-file.ts';
import { createPlacesService } from './places.service.ts';
import { describePlaceImport, type PlaceImportKind } from './place-imports.ts';

function placeImportCommand(kind: PlaceImportKind, usage: string): ImportCommand {
  return {
    usage,
    async run(args, { database, out, actorLabel }) {
      const { name, content } = readImportFile(args, kind);
      out(`Importing ${name} into ${database.describe} (all or nothing)…`);
      const service = createPlacesService(database.db);
      const summary = await service.importPlaceFile(kind, { name, content }, { userId: null, label: actorLabel });
      for (const line of describePlaceImport(summary)) out(line);
      return 0;
    },
  };
}

export const populationImportCommand = placeImportCommand('population', 'Census 2021 population by LSOA (clean CSV or raw Nomis output)');
export const boundariesImportCommand = placeImportCommand('boundaries', 'boundaries as GeoJSON or TopoJSON (LSOAs, local authorities, CSPs, force areas)');
export const lookupImportCommand = placeImportCommand('lookup', 'ONS lookup CSV: LAD → CSP → police force area, or LSOA 2011 → 2021');

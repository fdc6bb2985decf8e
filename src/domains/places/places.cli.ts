// `safer import population <file>`, `safer import boundaries <file>`, `safer import lookup <file>`:
// the same code path as the staff upload (the places service), then the summary in lines.
import fs from 'node:fs';
import path from 'node:path';
import type { ImportCommand } from '../../cli/import-commands.ts';
import { createPlacesService } from './places.service.ts';
import { describePlaceImport, type PlaceImportKind } from './place-imports.ts';

function placeImportCommand(kind: PlaceImportKind, usage: string): ImportCommand {
  return {
    usage,
    async run(args, { database, out, actorLabel }) {
      if (args.length !== 1) throw new Error(`import ${kind} takes one file`);
      const file = args[0] as string;
      let content: Buffer;
      try {
        content = fs.readFileSync(file);
      } catch (error) {
        throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
      }
      out(`Importing ${path.basename(file)} into ${database.describe} (all or nothing)…`);
      const service = createPlacesService(database.db);
      const summary = await service.importPlaceFile(kind, { name: path.basename(file), content }, { userId: null, label: actorLabel });
      for (const line of describePlaceImport(summary)) out(line);
      return 0;
    },
  };
}

export const populationImportCommand = placeImportCommand('population', 'Census 2021 population by LSOA (clean CSV or raw Nomis output)');
export const boundariesImportCommand = placeImportCommand('boundaries', 'boundaries as GeoJSON or TopoJSON (LSOAs, local authorities, CSPs, force areas)');
export const lookupImportCommand = placeImportCommand('lookup', 'ONS lookup CSV: LAD → CSP → police force area, or LSOA 2011 → 2021');

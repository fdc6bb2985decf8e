// `safer import <what> …`: one entry per kind of data. Each returns the process exit code.
import type { Database } from '../platform/db/database.ts';
import type { Services } from '../services.ts';
import { policeUkImportCommand } from '../domains/crime/police-uk/police-uk.cli.ts';
import { patrolsImportCommand } from '../domains/crime/patrols/patrols.cli.ts';
import { timedCrimesImportCommand } from '../domains/crime/patrols/timed-crimes.cli.ts';
import { boundariesImportCommand, lookupImportCommand, populationImportCommand } from '../domains/places/places.cli.ts';

export interface ImportContext {
  database: Database;
  /** The app's services on that database, so an import refreshes what depends on it (measure feeds). */
  services: Services;
  /** Progress and summary lines (stdout). */
  out: (line: string) => void;
  actorLabel: string;
}

export type ImportCommand = {
  usage: string;
  run: (args: string[], context: ImportContext) => Promise<number>;
};

export const importCommands: Record<string, ImportCommand> = {
  'police-uk': policeUkImportCommand,
  population: populationImportCommand,
  boundaries: boundariesImportCommand,
  lookup: lookupImportCommand,
  patrols: patrolsImportCommand,
  'timed-crimes': timedCrimesImportCommand,
};

// `safer import timed-crimes <file>`: the same code path as the staff upload (the timed crimes
// service): the file is checked whole and stored all or nothing, as a new batch.
import fs from 'node:fs';
import path from 'node:path';
import type { ImportCommand } from '../../../cli/import-commands.ts';
import { createTimedCrimesService, describeTimedCrimeProblems } from './timed-crimes.service.ts';

export const timedCrimesImportCommand: ImportCommand = {
  usage: 'timed crime records CSV from the force: crime_reference, crime_type, occurred_at, and longitude, latitude or easting, northing',
  async run(args, { database, out, actorLabel }) {
    if (args.length !== 1) throw new Error('import timed-crimes takes one file');
    const file = args[0] as string;
    let content: Buffer;
    try {
      content = fs.readFileSync(file);
    } catch (error) {
      throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
    const name = path.basename(file);
    out(`Importing timed crime records from ${name} into ${database.describe} (all or nothing)…`);
    const result = await createTimedCrimesService(database.db).importFile({ userId: null, label: actorLabel }, { name, content });
    if (!result.ok) {
      const lines = describeTimedCrimeProblems(result);
      for (const line of lines.slice(1)) out(line);
      throw new Error(`${lines[0] ?? 'the file could not be imported'}${lines.length > 1 ? ` (and ${lines.length - 1} more problems, listed above); nothing was stored` : '; nothing was stored'}`);
    }
    for (const line of result.messages) out(line);
    return 0;
  },
};

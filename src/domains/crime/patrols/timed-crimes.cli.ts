// `safer import timed-crimes <file>`: the same code path as the staff upload (the timed crimes
// service): the file is checked whole and stored all or nothing, as a new batch.
import type { ImportCommand } from '../../../cli/import-commands.ts';
import { readImportFile, refuseWithProblems } from '../../../cli/import-file.ts';
import { createTimedCrimesService, describeTimedCrimeProblems } from './timed-crimes.service.ts';

export const timedCrimesImportCommand: ImportCommand = {
  usage: 'timed crime records CSV from the force: crime_reference, crime_type, occurred_at, and longitude, latitude or easting, northing',
  async run(args, { database, out, actorLabel }) {
    const { name, content } = readImportFile(args, 'timed-crimes');
    out(`Importing timed crime records from ${name} into ${database.describe} (all or nothing)…`);
    const result = await createTimedCrimesService(database.db).importFile({ userId: null, label: actorLabel }, { name, content });
    if (!result.ok) refuseWithProblems(describeTimedCrimeProblems(result), out);
    for (const line of result.messages) out(line);
    return 0;
  },
};

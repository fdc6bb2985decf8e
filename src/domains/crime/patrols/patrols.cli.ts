// `safer import patrols <file>`: the same code path as the staff upload (the patrols service): the
// file is checked whole against the current hotspot register and stored all or nothing.
import type { ImportCommand } from '../../../cli/import-commands.ts';
import { readImportFile, refuseWithProblems } from '../../../cli/import-file.ts';
import { createPatrolsService, describeProblems } from './patrols.service.ts';

export const patrolsImportCommand: ImportCommand = {
  usage: 'patrol records CSV: visits (hotspot_id, unit, start, end) or GPS pings (unit, timestamp, longitude, latitude)',
  async run(args, { database, out, actorLabel }) {
    const { name, content } = readImportFile(args, 'patrols');
    out(`Importing patrols from ${name} into ${database.describe} (all or nothing)…`);
    const result = await createPatrolsService(database.db).importFile({ userId: null, label: actorLabel }, { name, content });
    if (!result.ok) refuseWithProblems(describeProblems(result), out);
    for (const line of result.messages) out(line);
    return 0;
  },
};

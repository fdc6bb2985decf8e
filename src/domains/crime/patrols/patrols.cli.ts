// `safer import patrols <file>`: the same code path as the staff upload (the patrols service): the
// file is checked whole against the current hotspot register and stored all or nothing.
import fs from 'node:fs';
import path from 'node:path';
import type { ImportCommand } from '../../../cli/import-commands.ts';
import { createPatrolsService, describeProblems } from './patrols.service.ts';

export const patrolsImportCommand: ImportCommand = {
  usage: 'patrol records CSV: visits (hotspot_id, unit, start, end) or GPS pings (unit, timestamp, longitude, latitude)',
  async run(args, { database, out, actorLabel }) {
    if (args.length !== 1) throw new Error('import patrols takes one file');
    const file = args[0] as string;
    let content: Buffer;
    try {
      content = fs.readFileSync(file);
    } catch (error) {
      throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
    const name = path.basename(file);
    out(`Importing patrols from ${name} into ${database.describe} (all or nothing)…`);
    const result = await createPatrolsService(database.db).importFile({ userId: null, label: actorLabel }, { name, content });
    if (!result.ok) {
      const lines = describeProblems(result);
      for (const line of lines.slice(1)) out(line);
      throw new Error(`${lines[0] ?? 'the file could not be imported'}${lines.length > 1 ? ` (and ${lines.length - 1} more problems, listed above); nothing was stored` : '; nothing was stored'}`);
    }
    for (const line of result.messages) out(line);
    return 0;
  },
};

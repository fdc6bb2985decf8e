// `safer import police-uk <file|dir|zip>…`
import type { ImportCommand } from '../../../cli/import-commands.ts';
import { describeSummary, sourcesFromPaths } from './police-uk-import.ts';

export const policeUkImportCommand: ImportCommand = {
  usage: 'police.uk street, outcomes and stop-and-search CSVs: files, folders or the data.police.uk zip',
  async run(args, { database, services, out, actorLabel }) {
    if (!args.length) throw new Error('import police-uk needs at least one file, folder or zip');
    const sources = sourcesFromPaths(args);
    out(`Importing ${sources.length} police.uk file${sources.length === 1 ? '' : 's'} into ${database.describe} (all or nothing)…`);
    const summary = await services.policeUk.importFiles({ userId: null, label: actorLabel }, sources, out);
    for (const line of describeSummary(summary)) out(line);
    return 0;
  },
};

import type { Config } from '../../config/config.ts';
import { openDatabase, type Database } from './database.ts';

export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase(config.database.kind === 'server' ? config.database : { kind: 'embedded', dataDir: config.database.dataDir });
}

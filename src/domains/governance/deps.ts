// What every governance service is built from (see index.ts: createGovernance).
import type { Db } from '../../platform/db/database.ts';
import type { MeasuresService } from '../measures/index.ts';
import type { PlanService } from '../plan/index.ts';

export interface GovernanceDeps {
  db: Db;
  /** Empties the public page caches after any change. */
  onChange: () => void;
  /** Today's date (ISO, London). */
  today: () => string;
  plan: PlanService;
  measures: MeasuresService;
}

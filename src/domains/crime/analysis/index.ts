// Crime analysis: what other domains and the composition root may use.
import type { Actor } from '../../../platform/audit/audit.service.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { MeasuresService } from '../../measures/index.ts';
import { createCrimeAnalysisService } from './crime-analysis.service.ts';
import { createCrimeFeeds, type FeedRefresh } from './crime-feeds.ts';

export { allCrime, antiSocialBehaviour, chargedOrSummonsedOutcomes, crimeTypeSlugs, knownCrimeTypes, resolveCrimeType } from './crime-types.ts';
export { completePeriods, describeCrimeTypes, type CrimeFeed, type FeedRefresh } from './crime-feeds.ts';
export { crimePageRoutes, crimeApiRoutes, crimeStaffRoutes } from './crime-analysis.routes.ts';
export type { CountRow } from './crime-analysis.service.ts';

/** The analysis readers and the measure feeds, as one service. */
export function createCrimeAnalysis(db: Db, measures: MeasuresService, hooks: { onChange: () => void }, logger?: Pick<Logger, 'warn'>) {
  const feeds = createCrimeFeeds(db, measures, hooks.onChange);
  return {
    ...createCrimeAnalysisService(db),
    ...feeds,
    /** Refreshes every fed measure; what could not be worked out is logged as well as returned. */
    async refreshCrimeFeeds(actor: Actor, onlyMeasureId?: number): Promise<FeedRefresh[]> {
      const results = await feeds.refreshCrimeFeeds(actor, onlyMeasureId);
      for (const r of results) if (r.problems.length) logger?.warn({ measureId: r.measureId, problems: r.problems }, `crime data feed of "${r.title}": ${r.problems.join('; ')}`);
      return results;
    },
  };
}

export type CrimeAnalysis = ReturnType<typeof createCrimeAnalysis>;

/**
 * Writes the observations of every measure fed from police.uk crime data (call after each import,
 * once its transaction has committed). Unchanged values change nothing.
 */
export function refreshCrimeFeeds(deps: { db: Db; measures: MeasuresService; onChange?: () => void }, actor: Actor): Promise<FeedRefresh[]> {
  return createCrimeFeeds(deps.db, deps.measures, deps.onChange ?? (() => {})).refreshCrimeFeeds(actor);
}

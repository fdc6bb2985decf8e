// Composition root: every service, built once from the database and config.
import type { Config } from './config/config.ts';
import { createPoliceUkService } from './domains/crime/police-uk/police-uk-import.ts';
import { createHotspotsService } from './domains/crime/hotspots/hotspots.service.ts';
import { createPatrolsService } from './domains/crime/patrols/patrols.service.ts';
import { createCrimeAnalysis } from './domains/crime/analysis/index.ts';
import { createAgreementsService } from './domains/datahub/agreements.service.ts';
import { createDatasetsService } from './domains/datahub/datasets.service.ts';
import { createOrganisationsService } from './domains/datahub/organisations.service.ts';
import { createProfilesService } from './domains/datahub/profiles.service.ts';
import { createAuditLogService } from './domains/datahub/audit-log.service.ts';
import { createApiTokensService } from './domains/datahub/api-tokens.service.ts';
import { createDatasetFeeds } from './domains/datahub/dataset-feeds.ts';
import { createSubmissionsService } from './domains/datahub/submissions.service.ts';
import { createGovernance } from './domains/governance/index.ts';
import { createMeasuresService } from './domains/measures/measures.service.ts';
import { createOfficeService } from './domains/office/office.service.ts';
import { createPlacesService } from './domains/places/places.service.ts';
import { createPlanService } from './domains/plan/plan.service.ts';
import { createPageCache } from './domains/public-site/page-cache.ts';
import { createAuthService } from './platform/auth/auth.service.ts';
import type { Actor } from './platform/audit/audit.service.ts';
import type { Database } from './platform/db/database.ts';
import type { Logger } from './platform/logging/logger.ts';

export function createServices(deps: { config: Config; database: Database; logger: Logger; today?: () => string }) {
  const { database } = deps;
  const pageCache = createPageCache();
  // Answers that vary by query string (crime pages, the counts API), apart so they cannot push pages out.
  const queryCache = createPageCache(1000);
  // Any change to content empties the public page caches.
  const hooks = {
    onChange: () => {
      pageCache.clear();
      queryCache.clear();
    },
  };
  const measures = createMeasuresService(database.db, hooks);
  const crimeAnalysis = createCrimeAnalysis(database.db, measures, hooks, deps.logger);
  const auth = createAuthService(database.db);
  const today = deps.today ?? (() => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()));
  const places = createPlacesService(database.db, hooks);
  // Plan measures fed from partner datasets: refreshed after each stored submission (failures logged, never fatal).
  const datasetFeeds = createDatasetFeeds(database.db, { measures, places, today, onChange: hooks.onChange });
  const afterSubmit = async (actor: Actor, submission: { id: number; datasetId: number; periods: string[] }) => {
    try {
      for (const r of await datasetFeeds.refresh(actor, { datasetId: submission.datasetId, periods: submission.periods })) {
        if (r.problems.length) deps.logger.warn({ measureId: r.measureId, submissionId: submission.id, problems: r.problems }, `partner dataset feed of "${r.title}": ${r.problems.join('; ')}`);
      }
    } catch (error) {
      deps.logger.error({ err: error, submissionId: submission.id }, 'partner dataset feeds could not be refreshed after a submission');
    }
  };
  const plan = createPlanService(database.db, hooks);
  return {
    config: deps.config,
    logger: deps.logger,
    database,
    pageCache,
    queryCache,
    /** Today's date (ISO), in London: statuses are judged against it. Tests may fix it. */
    today,
    auth,
    organisations: createOrganisationsService(database.db, { auth }),
    datasets: createDatasetsService(database.db, hooks),
    agreements: createAgreementsService(database.db, hooks),
    submissions: createSubmissionsService(database.db, { today, maxBytes: () => deps.config.maxImportBytes, onChange: hooks.onChange, afterSubmit: [afterSubmit] }),
    datasetFeeds,
    apiTokens: createApiTokensService(database.db, { today }),
    office: createOfficeService(database.db, hooks),
    places,
    plan,
    measures,
    hotspots: createHotspotsService(database.db, hooks),
    patrols: createPatrolsService(database.db, hooks),
    crimeAnalysis,
    profiles: createProfilesService(database.db, { crime: crimeAnalysis }),
    auditLog: createAuditLogService(database.db),
    governance: createGovernance({ db: database.db, onChange: hooks.onChange, today, plan, measures }),
    // afterImport: what refreshes from police.uk data once an import has committed (measure feeds).
    policeUk: createPoliceUkService(database.db, { ...hooks, afterImport: [async (actor) => void (await crimeAnalysis.refreshCrimeFeeds(actor))] }),
  };
}

export type Services = ReturnType<typeof createServices>;

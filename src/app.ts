// buildApp: middleware in order and every domain's routes. Never listens (main.ts does).
import express, { type NextFunction, type Request, type Response } from 'express';
import { apiRoutes } from './domains/api/api.routes.ts';
import { hotspotApiRoutes, hotspotStaffRoutes } from './domains/crime/hotspots/hotspots.routes.ts';
import { patrolApiRoutes, patrolStaffRoutes } from './domains/crime/patrols/patrols.routes.ts';
import { authPageRoutes } from './domains/auth-pages/auth-pages.routes.ts';
import { agreementHubRoutes, agreementStaffRoutes } from './domains/datahub/agreements.routes.ts';
import { datasetDataApiRoutes } from './domains/datahub/data-api.routes.ts';
import { datasetHubRoutes, datasetStaffRoutes } from './domains/datahub/datasets.routes.ts';
import { datasetFeedStaffRoutes } from './domains/datahub/dataset-feeds.routes.ts';
import { hubHomeRoutes } from './domains/datahub/hub-home.routes.ts';
import { organisationRoutes } from './domains/datahub/organisations.routes.ts';
import { placeHubRoutes, placePublicRoutes } from './domains/datahub/place-pages.routes.ts';
import { auditLogRoutes } from './domains/datahub/audit-log.routes.ts';
import { submissionApiRoutes, submissionPageRoutes } from './domains/datahub/submissions.routes.ts';
import { tokenStaffRoutes } from './domains/datahub/tokens.routes.ts';
import { crimeApiRoutes, crimePageRoutes, crimeStaffRoutes } from './domains/crime/analysis/index.ts';
import { governanceApiRoutes, governanceSiteRoutes, governanceStaffRoutes } from './domains/governance/index.ts';
import { policeUkRoutes } from './domains/crime/police-uk/police-uk.routes.ts';
import { placesRoutes } from './domains/places/places.routes.ts';
import { publicSiteRoutes } from './domains/public-site/public-site.routes.ts';
import { staffRoutes } from './domains/staff/staff.routes.ts';
import { migrationsAreCurrent, pingDatabase } from './platform/db/database.ts';
import { createAssets } from './platform/http/assets.ts';
import { csrfProtection } from './platform/http/csrf.ts';
import { HttpError, ValidationError } from './platform/http/errors.ts';
import { createRenderer } from './platform/http/render.ts';
import { mountRoutes, type RouteTableEntry } from './platform/http/routes.ts';
import { securityHeaders } from './platform/http/security.ts';
import { sessionLoader } from './platform/http/session.ts';
import { createViews } from './platform/views/views.ts';
import type { Services } from './services.ts';

export function buildApp(services: Services) {
  const { config, logger } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');

  const views = createViews();
  const assets = createAssets();
  const renderer = createRenderer(views, assets.urls, async () => ({ office: await services.office.get() }));
  const csrf = csrfProtection({ secret: config.sessionSecret, secureCookies: config.secureCookies });
  const loadSession = sessionLoader(services.auth);
  const routeTable: RouteTableEntry[] = [];

  app.use(securityHeaders({ hsts: config.env === 'production' }));
  app.use(assets.router);

  routeTable.push({ method: 'GET', path: '/ping', access: 'public', summary: 'The process is up' });
  app.get('/ping', (_req, res) => {
    res.type('text').send('pong');
  });
  routeTable.push({ method: 'GET', path: '/health', access: 'public', summary: 'The database is reachable and migrations are current' });
  app.get('/health', async (_req, res) => {
    try {
      await pingDatabase(services.database.db);
      const current = await migrationsAreCurrent(services.database.db);
      res.status(current ? 200 : 503).json({ status: current ? 'ok' : 'migrations pending', database: services.database.kind });
    } catch (error) {
      logger.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'database unreachable', database: services.database.kind });
    }
  });

  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 200 }));

  const site = express.Router();
  mountRoutes(site, publicSiteRoutes(services, renderer), { csrf, loadSession, table: routeTable });
  mountRoutes(site, authPageRoutes(services, renderer), { csrf, loadSession, table: routeTable });
  mountRoutes(site, crimePageRoutes(services, renderer), { csrf, loadSession, table: routeTable });
  mountRoutes(site, datasetHubRoutes(services, renderer), { csrf, loadSession, table: routeTable });
  mountRoutes(site, agreementHubRoutes(services, renderer), { csrf, loadSession, table: routeTable });
  mountRoutes(site, submissionPageRoutes(services, renderer, csrf), { csrf, loadSession, table: routeTable });
  mountRoutes(site, placeHubRoutes(services, renderer), { csrf, loadSession, table: routeTable });
  mountRoutes(site, placePublicRoutes(services, renderer), { csrf, loadSession, table: routeTable });
  mountRoutes(site, hubHomeRoutes(services, renderer, routeTable), { csrf, loadSession, table: routeTable });
  mountRoutes(site, governanceSiteRoutes(services, renderer, csrf), { csrf, loadSession, table: routeTable });
  app.use(site);

  const api = express.Router();
  mountRoutes(api, apiRoutes(services), { csrf, loadSession, table: routeTable, prefix: '/api/v1' });
  mountRoutes(api, hotspotApiRoutes(services), { csrf, loadSession, table: routeTable, prefix: '/api/v1' });
  mountRoutes(api, patrolApiRoutes(services), { csrf, loadSession, table: routeTable, prefix: '/api/v1' });
  mountRoutes(api, crimeApiRoutes(services), { csrf, loadSession, table: routeTable, prefix: '/api/v1' });
  mountRoutes(api, submissionApiRoutes(services), { csrf, loadSession, table: routeTable, prefix: '/api/v1' });
  mountRoutes(api, datasetDataApiRoutes(services), { csrf, loadSession, table: routeTable, prefix: '/api/v1' });
  mountRoutes(api, governanceApiRoutes(services), { csrf, loadSession, table: routeTable, prefix: '/api/v1' });
  app.use('/api/v1', api);

  const staff = express.Router();
  mountRoutes(staff, staffRoutes(services, renderer, csrf), { csrf, loadSession, table: routeTable, prefix: '/staff' });
  mountRoutes(staff, placesRoutes(services, renderer, csrf), { csrf, loadSession, table: routeTable, prefix: '/staff' });
  mountRoutes(staff, policeUkRoutes(services, renderer, csrf), { csrf, loadSession, table: routeTable, prefix: '/staff' });
  mountRoutes(staff, hotspotStaffRoutes(services, renderer), { csrf, loadSession, table: routeTable, prefix: '/staff' });
  mountRoutes(staff, patrolStaffRoutes(services, renderer, csrf), { csrf, loadSession, table: routeTable, prefix: '/staff' });
  mountRoutes(staff, crimeStaffRoutes(services, renderer), { csrf, loadSession, table: routeTable, prefix: '/staff' });
  mountRoutes(staff, datasetFeedStaffRoutes(services, renderer), { csrf, loadSession, table: routeTable, prefix: '/staff' });
  mountRoutes(staff, datasetStaffRoutes(services, renderer), { csrf, loadSession, table: routeTable, prefix: '/staff' });
  mountRoutes(staff, agreementStaffRoutes(services, renderer), { csrf, loadSession, table: routeTable, prefix: '/staff' });
  mountRoutes(staff, organisationRoutes(services, renderer), { csrf, loadSession, table: routeTable, prefix: '/staff' });
  mountRoutes(staff, auditLogRoutes(services, renderer), { csrf, loadSession, table: routeTable, prefix: '/staff' });
  mountRoutes(staff, tokenStaffRoutes(services, renderer), { csrf, loadSession, table: routeTable, prefix: '/staff' });
  mountRoutes(staff, governanceStaffRoutes(services, renderer, csrf), { csrf, loadSession, table: routeTable, prefix: '/staff' });
  app.use('/staff', staff);

  app.use((req: Request, _res: Response, next: NextFunction) => next(new HttpError(404, `Nothing is at ${req.path}`)));

  app.use(async (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const known = error instanceof HttpError ? error : null;
    const bodyTooLarge = (error as { type?: string }).type === 'entity.too.large';
    const status = known?.status ?? (bodyTooLarge ? 413 : error instanceof ValidationError ? 400 : 500);
    const message = known?.message ?? (bodyTooLarge ? 'What you sent is too large.' : error instanceof ValidationError ? error.message : 'Sorry, there is a problem with the service. Try again later.');
    if (status >= 500) logger.error({ err: error, url: req.originalUrl }, 'request failed');
    if (res.headersSent) return;
    if (req.path.startsWith('/api/')) {
      res.status(status).json({ error: message });
      return;
    }
    const heading = status === 404 ? 'Page not found' : status === 403 ? 'You cannot do this' : status === 401 ? 'Sign in required' : status === 413 ? 'Too large' : status >= 500 ? 'Sorry, there is a problem with the service' : 'There is a problem';
    try {
      await renderer.page(req, res, 'platform/views/error.njk', { pageTitle: heading, heading, message }, status);
    } catch (renderError) {
      logger.error({ err: renderError }, 'error page failed to render');
      res.status(status).type('text').send(message);
    }
  });

  return { app, routeTable };
}

// What other domains may use from boards and governance. Each part owns its own service and routes:
// boards (the register, board review), meetings (agenda, papers, pack, attendance, minutes, iCal),
// actions (and "my actions"), decisions (recommendations, the PCC's decision log, plan versions,
// the cross-board view).
export * from './governance.tables.ts';
import type { Csrf } from '../../platform/http/csrf.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { RouteDef } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { actionsApiRoutes, actionsSiteRoutes, actionsStaffRoutes } from './actions.routes.ts';
import { createActionsService } from './actions.service.ts';
import { boardsApiRoutes, boardsSiteRoutes, boardsStaffRoutes } from './boards.routes.ts';
import { createBoardsService } from './boards.service.ts';
import { decisionsApiRoutes, decisionsSiteRoutes, decisionsStaffRoutes } from './decisions.routes.ts';
import { createDecisionsService } from './decisions.service.ts';
import type { GovernanceDeps } from './deps.ts';
import { createMeetingsService } from './meetings.service.ts';
import { meetingsApiRoutes, meetingsSiteRoutes, meetingsStaffRoutes } from './meetings.routes.ts';

export type { GovernanceDeps };

export function createGovernance(deps: GovernanceDeps) {
  return {
    boards: createBoardsService(deps),
    meetings: createMeetingsService(deps),
    actions: createActionsService(deps),
    decisions: createDecisionsService(deps),
  };
}
export type Governance = ReturnType<typeof createGovernance>;

export function governanceSiteRoutes(services: Services, renderer: Renderer, csrf: Csrf): RouteDef[] {
  return [...boardsSiteRoutes(services, renderer, csrf), ...meetingsSiteRoutes(services, renderer, csrf), ...actionsSiteRoutes(services, renderer, csrf), ...decisionsSiteRoutes(services, renderer, csrf)];
}

export function governanceStaffRoutes(services: Services, renderer: Renderer, csrf: Csrf): RouteDef[] {
  return [...boardsStaffRoutes(services, renderer, csrf), ...meetingsStaffRoutes(services, renderer, csrf), ...actionsStaffRoutes(services, renderer, csrf), ...decisionsStaffRoutes(services, renderer, csrf)];
}

export function governanceApiRoutes(services: Services): RouteDef[] {
  return [...boardsApiRoutes(services), ...meetingsApiRoutes(services), ...actionsApiRoutes(services), ...decisionsApiRoutes(services)];
}

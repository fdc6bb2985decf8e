import type { Csrf } from '../../platform/http/csrf.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { RouteDef } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';

/** Public pages (and partner pages outside /staff). */
export function boardsSiteRoutes(services: Services, renderer: Renderer, csrf: Csrf): RouteDef[] {
  void services, renderer, csrf;
  return [];
}

/** Staff pages, mounted under /staff. */
export function boardsStaffRoutes(services: Services, renderer: Renderer, csrf: Csrf): RouteDef[] {
  void services, renderer, csrf;
  return [];
}

/** JSON/CSV API, mounted under /api/v1. */
export function boardsApiRoutes(services: Services): RouteDef[] {
  void services;
  return [];
}

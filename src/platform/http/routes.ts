// Every page and API route states who may use it. Routes are declared with an access level and
// mounted through here, which enforces it (and CSRF on every form post); the declarations also make
// the route table that the access tests and docs read.
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { Role } from '../auth/auth.tables.ts';
import type { Csrf } from './csrf.ts';
import { HttpError } from './errors.ts';
import './types.ts';

export type Access = 'public' | 'partner' | 'signed-in' | 'editor' | 'admin';

export const accessDescriptions: Record<Access, string> = {
  public: 'anyone, without signing in',
  partner: 'signed-in partners and staff',
  'signed-in': 'signed-in staff (viewer, editor or admin)',
  editor: 'editors and admins',
  admin: 'admins',
};

const rolesFor: Record<Exclude<Access, 'public'>, Role[]> = {
  partner: ['partner', 'viewer', 'editor', 'admin'],
  'signed-in': ['viewer', 'editor', 'admin'],
  editor: ['editor', 'admin'],
  admin: ['admin'],
};

export interface RouteDef {
  method: 'get' | 'post';
  path: string;
  access: Access;
  summary: string;
  /** For form posts that carry their own CSRF check (multipart uploads verify after parsing). */
  csrf?: 'form' | 'handler' | 'none';
  /** Public reads that are the same for everyone (cached pages, the API): no session, no cookies. */
  stateless?: boolean;
  handler: (req: Request, res: Response, next: NextFunction) => unknown;
}

export interface RouteTableEntry {
  method: string;
  path: string;
  access: Access;
  summary: string;
}

export function mountRoutes(
  router: Router,
  routes: RouteDef[],
  deps: { csrf: Csrf; loadSession: RequestHandler; table: RouteTableEntry[]; prefix?: string },
): void {
  for (const route of routes) {
    deps.table.push({ method: route.method.toUpperCase(), path: (deps.prefix ?? '') + route.path, access: route.access, summary: route.summary });
    const chain: RequestHandler[] = [];
    if (!route.stateless) chain.push(deps.loadSession, deps.csrf.issue);
    if (route.access !== 'public') chain.push(requireAccess(route.access));
    const csrfMode = route.csrf ?? (route.method === 'post' ? 'form' : 'none');
    if (csrfMode === 'form') {
      chain.push((req, _res, next) => {
        deps.csrf.verify(req, (req.body as Record<string, unknown> | undefined)?._csrf ?? req.headers['x-csrf-token']);
        next();
      });
    }
    chain.push(async (req, res, next) => {
      await route.handler(req, res, next);
    });
    router[route.method](route.path, ...chain);
  }
}

export function requireAccess(access: Exclude<Access, 'public'>): RequestHandler {
  return (req, res, next) => {
    if (!req.user) {
      if (req.path.startsWith('/api/') || req.accepts(['html', 'json']) === 'json') throw new HttpError(401, 'Sign in required');
      res.redirect(303, `/sign-in?returnTo=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    if (!rolesFor[access].includes(req.user.role)) {
      throw new HttpError(403, `You need to be one of: ${rolesFor[access].join(', ')} to do this. You are signed in as a ${req.user.role}.`);
    }
    next();
  };
}

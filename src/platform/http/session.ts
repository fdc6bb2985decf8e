import type { NextFunction, Request, Response } from 'express';
import type { AuthService } from '../auth/auth.service.ts';
import { readCookie } from './cookies.ts';

export const sessionCookie = 'sp_session';

export function sessionLoader(auth: AuthService) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    if (req.user === undefined) {
      const token = readCookie(req, sessionCookie);
      if (token) req.user = (await auth.userForToken(token)) ?? undefined;
    }
    next();
  };
}

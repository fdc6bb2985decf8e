// CSRF protection by a token bound to a random, http-only cookie: the token is an HMAC of the
// cookie's value, so a page on another site can neither read nor forge it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { readCookie, setCookie } from './cookies.ts';
import { HttpError } from './errors.ts';

const cookieName = 'sp_csrf';

function tokenFor(secret: string, cookieValue: string): string {
  return createHmac('sha256', secret).update(`csrf:${cookieValue}`).digest('base64url');
}

export function csrfProtection(options: { secret: string; secureCookies: boolean }) {
  return {
    /** Makes req.csrfToken available, setting the cookie when there is none. */
    issue(req: Request, res: Response, next: NextFunction) {
      let value = readCookie(req, cookieName);
      if (!value || value.length < 20) {
        value = randomBytes(24).toString('base64url');
        setCookie(res, cookieName, value, { secure: options.secureCookies });
      }
      req.csrfToken = tokenFor(options.secret, value);
      next();
    },
    /** Checks a submitted token (form field `_csrf` or header `x-csrf-token`). */
    verify(req: Request, submitted: unknown): void {
      const value = readCookie(req, cookieName);
      const expected = value ? tokenFor(options.secret, value) : '';
      const given = typeof submitted === 'string' ? submitted : '';
      const ok = expected.length > 0 && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
      if (!ok) {
        throw new HttpError(403, 'Your form has expired or was not sent from this site. Go back, reload the page and try again.');
      }
    },
  };
}

export type Csrf = ReturnType<typeof csrfProtection>;

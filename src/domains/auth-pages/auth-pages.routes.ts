import { setCookie } from '../../platform/http/cookies.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { RouteDef } from '../../platform/http/routes.ts';
import { sessionCookie } from '../../platform/http/session.ts';
import { sessionLifetimeSeconds } from '../../platform/auth/auth.service.ts';
import type { Services } from '../../services.ts';

/** Only same-site paths: an open redirect would let a link send a user elsewhere after sign-in. */
export function safeReturnTo(value: unknown): string {
  const text = typeof value === 'string' ? value : '';
  return /^\/(?![/\\])[^\s]*$/.test(text) ? text : '/staff';
}

/** Where a user lands: partners on the data hub (never a staff page, which would refuse them), staff where they asked. */
function landingFor(role: string, returnTo: string): string {
  if (role === 'partner' && (returnTo === '/staff' || returnTo.startsWith('/staff/') || returnTo.startsWith('/staff?'))) return '/hub';
  return returnTo;
}

export function authPageRoutes(services: Services, renderer: Renderer): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/sign-in',
      access: 'public',
      summary: 'Sign-in form for staff',
      handler: async (req, res) => {
        if (req.user) return res.redirect(303, landingFor(req.user.role, '/staff'));
        await renderer.page(req, res, 'domains/auth-pages/views/sign-in.njk', { pageTitle: 'Sign in', returnTo: safeReturnTo(req.query.returnTo), values: {} });
      },
    },
    {
      method: 'post',
      path: '/sign-in',
      access: 'public',
      summary: 'Sign in with email and password',
      handler: async (req, res) => {
        const body = req.body as Record<string, unknown>;
        const email = typeof body.email === 'string' ? body.email : '';
        const password = typeof body.password === 'string' ? body.password : '';
        const returnTo = safeReturnTo(body.returnTo);
        const errors = [];
        if (!email.trim()) errors.push({ text: 'Enter your email address', href: '#email' });
        if (!password) errors.push({ text: 'Enter your password', href: '#password' });
        const result = errors.length ? null : await services.auth.signIn(email, password);
        if (!result) {
          if (!errors.length) errors.push({ text: 'The email address or password is not right', href: '#email' });
          services.logger.info({ email: email.slice(0, 200) }, 'sign-in refused');
          return renderer.page(req, res, 'domains/auth-pages/views/sign-in.njk', { pageTitle: 'Sign in', errorSummary: errors, returnTo, values: { email } }, 400);
        }
        setCookie(res, sessionCookie, result.token, { secure: services.config.secureCookies, maxAgeSeconds: sessionLifetimeSeconds });
        res.redirect(303, landingFor(result.user.role, returnTo));
      },
    },
    {
      method: 'post',
      path: '/sign-out',
      access: 'public',
      summary: 'Sign out',
      handler: async (req, res) => {
        if (req.user) await services.auth.signOut(req.user.sessionId);
        res.clearCookie(sessionCookie, { path: '/' });
        res.redirect(303, '/');
      },
    },
  ];
}

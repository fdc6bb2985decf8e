import type { Request } from 'express';
import type { Actor } from '../audit/audit.service.ts';
import { HttpError } from '../http/errors.ts';
import '../http/types.ts';

/** Who is making a change, for the audit log: the signed-in user. */
export function actorOf(req: Request): Actor {
  if (!req.user) throw new HttpError(401, 'Sign in required');
  return { userId: req.user.id, label: `${req.user.displayName} <${req.user.email}>` };
}

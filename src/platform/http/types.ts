import type { Role } from '../auth/auth.tables.ts';

export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  sessionId: string;
}

declare global {
  namespace Express {
    interface Request {
      user?: SessionUser;
      cspNonce: string;
      csrfToken: string;
    }
  }
}

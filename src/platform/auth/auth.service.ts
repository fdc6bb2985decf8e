import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit, systemActor, type Actor } from '../audit/audit.service.ts';
import type { Db, Tx } from '../db/database.ts';
import { ValidationError } from '../http/errors.ts';
import type { SessionUser } from '../http/types.ts';
import { roles, sessions, users, type Role } from './auth.tables.ts';
import { generatePassword, hashPassword, verifyPassword } from './passwords.ts';

export const sessionLifetimeSeconds = 8 * 60 * 60;

const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter an email address in the correct format, like name@example.org'),
  displayName: z.string().trim().min(1).max(120).optional(),
  role: z.enum(roles, { message: `Role must be one of ${roles.join(', ')}` }),
  password: z.string().min(12, 'Password must be at least 12 characters').max(200).optional(),
});

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// Verifying against a real hash when the email is unknown keeps sign-in time the same either way.
let decoyHash: Promise<string> | null = null;

export function createAuthService(db: Db) {
  return {
    async countUsers(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(users);
      return Number(row?.n ?? 0);
    },

    /**
     * Creates a user; generates a password when none is given and returns it (shown once).
     * `link` runs in the same transaction once the user exists (the data hub links the organisation
     * the user acts for there); a partner user cannot be created without it.
     */
    async addUser(
      input: { email: string; role: string; displayName?: string; password?: string },
      actor: Actor = systemActor,
      options: { link?: (tx: Tx, user: { id: number; email: string; role: Role }) => Promise<void> } = {},
    ) {
      const parsed = newUserSchema.safeParse(input);
      if (!parsed.success) {
        throw new ValidationError(parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'input'), text: i.message })));
      }
      const { email, role } = parsed.data;
      if (role === 'partner' && !options.link) throw new ValidationError([{ field: 'organisation', text: 'A partner user needs the organisation they act for' }]);
      const password = parsed.data.password ?? generatePassword();
      const passwordHash = await hashPassword(password);
      return db.transaction(async (tx) => {
        const existing = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
        if (existing.length) throw new ValidationError([{ field: 'email', text: `A user with the email ${email} already exists` }]);
        const [user] = await tx
          .insert(users)
          .values({ email, role, displayName: parsed.data.displayName ?? email, passwordHash, mustChangePassword: !parsed.data.password })
          .returning({ id: users.id, email: users.email, role: users.role });
        if (!user) throw new Error('insert returned no row');
        await recordAudit(tx, actor, { action: 'create', entityType: 'user', entityId: user.id, summary: `Added user ${email} with role ${role}` });
        if (options.link) await options.link(tx, user);
        return { ...user, password, passwordGenerated: !parsed.data.password };
      });
    },

    async signIn(emailInput: string, password: string): Promise<{ token: string; user: SessionUser } | null> {
      const email = emailInput.trim().toLowerCase();
      const [user] = await db.select().from(users).where(and(eq(users.email, email), isNull(users.disabledAt)));
      if (!user) {
        decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
        await verifyPassword(await decoyHash, password);
        return null;
      }
      if (!(await verifyPassword(user.passwordHash, password))) return null;
      const token = randomBytes(32).toString('base64url');
      const sessionId = hashToken(token);
      await db.transaction(async (tx) => {
        await tx.insert(sessions).values({ id: sessionId, userId: user.id, expiresAt: new Date(Date.now() + sessionLifetimeSeconds * 1000) });
        await tx.update(users).set({ lastSignedInAt: new Date() }).where(eq(users.id, user.id));
        await recordAudit(tx, { userId: user.id, label: user.email }, { action: 'sign-in', entityType: 'user', entityId: user.id, summary: `${user.email} signed in` });
      });
      return { token, user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role, sessionId } };
    },

    async userForToken(token: string): Promise<SessionUser | null> {
      const sessionId = hashToken(token);
      const [row] = await db
        .select({ id: users.id, email: users.email, displayName: users.displayName, role: users.role })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date()), isNull(users.disabledAt)));
      return row ? { ...row, sessionId } : null;
    },

    async signOut(sessionId: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.id, sessionId));
    },

    async listUsers() {
      return db
        .select({ id: users.id, email: users.email, displayName: users.displayName, role: users.role, lastSignedInAt: users.lastSignedInAt, disabledAt: users.disabledAt })
        .from(users)
        .orderBy(users.email);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
export type { Role };

// Test fixtures for meetings: boards, people and seats inserted directly (the board register's own
// service is another part's), users for partners, and raw multipart uploads built by hand so a test
// controls the exact file name bytes.
import { randomBytes } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { users } from '../../platform/auth/auth.tables.ts';
import type { TestApp, TestClient } from '../../testing/harness.ts';
import { people } from '../datahub/datahub.tables.ts';
import { boardMembers, boards } from './governance.tables.ts';

export const minimalPdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

export async function insertBoard(app: TestApp, values: { slug: string; name: string; isPublic?: boolean }) {
  const [board] = await app.services.database.db
    .insert(boards)
    .values({ slug: values.slug, name: values.name, type: 'mission_board', isPublic: values.isPublic ?? true })
    .returning();
  if (!board) throw new Error('no board');
  return board;
}

/** A person; for a user, the person every user has (renamed to `name`). */
export async function insertPerson(app: TestApp, name: string, userId: number | null = null) {
  const db = app.services.database.db;
  const [person] = userId === null ? await db.insert(people).values({ name }).returning() : await db.update(people).set({ name }).where(eq(people.userId, userId)).returning();
  if (!person) throw new Error('no person');
  return person;
}

export async function seat(app: TestApp, boardId: number, personId: number, dates: { fromDate?: string | null; toDate?: string | null } = {}) {
  await app.services.database.db.insert(boardMembers).values({ boardId, personId, fromDate: dates.fromDate ?? null, toDate: dates.toDate ?? null });
}

/** A signed-in partner and their user id (the harness does not return it). */
export async function partnerUser(app: TestApp, organisation = 'GB-LAE-BDF'): Promise<{ client: TestClient; userId: number }> {
  const client = await app.signedIn('partner', { organisation });
  const [row] = await app.services.database.db.select({ id: users.id }).from(users).where(eq(users.role, 'partner')).orderBy(desc(users.id)).limit(1);
  if (!row) throw new Error('no partner user');
  return { client, userId: row.id };
}

/** Posts a multipart form exactly as given (the file name is written into the header verbatim, quotes escaped). */
export async function postMultipart(client: TestClient, path: string, formPage: string, fields: Record<string, string>, file: { name: string; content: Buffer; type?: string } | null) {
  const token = await client.csrfFrom(formPage);
  const boundary = `----test${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ _csrf: token, ...fields })) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    const quoted = file.name.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`), file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return client.request('POST', path, { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

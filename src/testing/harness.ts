// A real app on a fresh database (PGlite in memory, or a new database on the DATABASE_URL server),
// listening on a free port, with the demo plan seeded and a signed-in client per role.
import type { Server } from 'node:http';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config/config.ts';
import { seedDemoPlan } from '../domains/plan/demo/seed-demo.ts';
import { systemActor } from '../platform/audit/audit.service.ts';
import type { Role } from '../platform/auth/auth.tables.ts';
import { createTestDatabase } from '../platform/db/testing.ts';
import { createLogger } from '../platform/logging/logger.ts';
import { createServices, type Services } from '../services.ts';

export interface TestApp {
  url: string;
  services: Services;
  routeTable: ReturnType<typeof buildApp>['routeTable'];
  client(): TestClient;
  /** A signed-in client; `organisation` (an org-id) is the organisation the user acts for (partners need one). */
  signedIn(role: Role, options?: { organisation?: string; email?: string }): Promise<TestClient>;
  close(): Promise<void>;
}

/** `today` fixes the app's date (ISO); a function lets a test move the date on while the app runs. */
export async function startTestApp(options: { seed?: boolean; config?: Partial<Config>; today?: string | (() => string) } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = { ...loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' }), ...options.config };
  const logger = createLogger(config.logLevel);
  const today = options.today;
  const services = createServices({ config, database, logger, ...(today ? { today: typeof today === 'function' ? today : () => today } : {}) });
  if (options.seed !== false) await seedDemoPlan(database.db, systemActor);
  const { app, routeTable } = buildApp(services);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  let userCount = 0;
  return {
    url,
    services,
    routeTable,
    client: () => new TestClient(url),
    async signedIn(role: Role, options: { organisation?: string; email?: string } = {}) {
      const password = 'correct-horse-battery-staple';
      const email = options.email ?? `${role}${++userCount}@example.org`;
      await services.organisations.addUser({ email, role, password, displayName: `Test ${role}`, organisation: options.organisation ?? null }, systemActor);
      const client = new TestClient(url);
      await client.signIn(email, password);
      return client;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await database.close();
    },
  };
}

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
}

/** A browser-like client: keeps cookies, reads CSRF tokens from pages, does not follow redirects. */
export class TestClient {
  readonly baseUrl: string;
  private cookies = new Map<string, string>();

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  private store(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair?.indexOf('=') ?? -1;
      if (!pair || index < 0) continue;
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<TestResponse> {
    const response = await fetch(this.baseUrl + path, {
      method,
      redirect: 'manual',
      headers: { cookie: this.cookieHeader(), ...init.headers },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    this.store(response.headers);
    return { status: response.status, headers: response.headers, text: await response.text(), location: response.headers.get('location') };
  }

  get(path: string) {
    return this.request('GET', path);
  }

  /** The CSRF token from a page's form. */
  async csrfFrom(path: string): Promise<string> {
    const page = await this.get(path);
    const match = /name="_csrf" value="([^"]+)"/.exec(page.text);
    if (!match?.[1]) throw new Error(`no CSRF token on ${path} (status ${page.status})`);
    return match[1];
  }

  /** Posts a form as a browser would, with the CSRF token from `formPage` (default: the same path). */
  async postForm(path: string, fields: Record<string, string>, formPage = path): Promise<TestResponse> {
    const token = await this.csrfFrom(formPage);
    return this.request('POST', path, {
      body: new URLSearchParams({ _csrf: token, ...fields }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  async upload(path: string, file: { name: string; content: string | Uint8Array<ArrayBuffer>; type?: string }, formPage: string): Promise<TestResponse> {
    const token = await this.csrfFrom(formPage);
    const form = new FormData();
    form.set('_csrf', token);
    form.set('file', new Blob([file.content], { type: file.type ?? 'text/csv' }), file.name);
    return this.request('POST', path, { body: form });
  }

  async signIn(email: string, password: string): Promise<void> {
    const response = await this.postForm('/sign-in', { email, password }, '/sign-in');
    if (response.status !== 303) throw new Error(`sign-in failed with ${response.status}`);
  }
}

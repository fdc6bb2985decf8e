// Browser tests' support: Debian's Chromium driven by playwright-core, against the real app
// started by the test harness. One browser per test file, a fresh context per test.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page, type Response } from 'playwright-core';
import { systemActor } from '../../src/platform/audit/audit.service.ts';
import type { Role } from '../../src/platform/auth/auth.tables.ts';
import type { TestApp } from '../../src/testing/harness.ts';

/** Debian's Chromium; CHROMIUM_PATH may point elsewhere on a developer's machine. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const screensDir = path.join(repoRoot, 'tmp', 'screens');

const chromiumRequired = process.env.REQUIRE_CHROMIUM === '1' || process.env.CI === 'true';
const chromiumPresent = fs.existsSync(chromiumPath);

/**
 * The reason to skip browser tests, or undefined to run them. Without Chromium they are skipped
 * (loudly) unless REQUIRE_CHROMIUM=1 or CI=true, when they run and fail at launch.
 */
export const browserSkip: string | undefined = chromiumPresent || chromiumRequired ? undefined : `Chromium not found at ${chromiumPath}: browser tests skipped`;
if (browserSkip) process.stderr.write(`\n*** ${browserSkip} (REQUIRE_CHROMIUM=1 or CI=true make this a failure) ***\n\n`);

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPresent) throw new Error(`Chromium not found at ${chromiumPath} and REQUIRE_CHROMIUM=1 or CI=true: install the chromium package (apt-get install chromium)`);
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, timeout: 60_000 });
}

/** A fresh context (own cookies) and page. Timeouts are generous: CI machines have two cores. */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  return { context, page };
}

export const password = 'correct-horse-battery-staple';
let userCount = 0;

/**
 * Creates a user directly in the database and returns the credentials to type into the sign-in form.
 * `organisation` (an org-id) is the organisation the user acts for in the partner data hub: partners
 * need one; staff may act for the office's.
 */
export async function createUser(app: TestApp, role: Role, options: { organisation?: string } = {}): Promise<{ email: string; password: string; displayName: string }> {
  const email = `e2e-${role}-${++userCount}-${process.pid}@example.org`;
  const displayName = `E2E ${role} ${userCount}`;
  if (options.organisation) await app.services.organisations.addUser({ email, role, password, displayName, organisation: options.organisation }, systemActor);
  else await app.services.auth.addUser({ email, role, password, displayName }, systemActor);
  return { email, password, displayName };
}

/** Runs an action that navigates (a link or a form submit) and waits for the new page to load. */
export async function navigation(page: Page, action: () => Promise<unknown>): Promise<Response | null> {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
  return response;
}

export async function goto(page: Page, url: string, expectedStatus = 200): Promise<Response> {
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response) throw new Error(`no response for ${url}`);
  if (response.status() !== expectedStatus) {
    throw new Error(`GET ${url} answered ${response.status()}, expected ${expectedStatus}: ${(await page.locator('main').innerText().catch(() => '')).slice(0, 500)}`);
  }
  return response;
}

/** Signs in through the form, as a person would, and waits for the page the user lands on (staff: /staff; partners: /hub). */
export async function signInThroughForm(page: Page, baseUrl: string, credentials: { email: string; password: string }, landing = '/staff'): Promise<void> {
  await goto(page, `${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(credentials.email);
  await page.getByLabel('Password').fill(credentials.password);
  const response = await navigation(page, () => page.getByRole('button', { name: 'Sign in' }).click());
  if (!response || response.status() !== 200 || new URL(page.url()).pathname !== landing) {
    throw new Error(`sign-in as ${credentials.email} did not reach ${landing} (status ${response?.status()}, at ${page.url()})`);
  }
}

/** The text of the first element, with whitespace collapsed. */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.first().innerText()).replace(/\s+/g, ' ').trim();
}

export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core on the page; returns a readable report of violations ('' when there are none). */
export async function axeViolations(page: Page): Promise<{ count: number; report: string }> {
  const results = await new AxeBuilder({ page }).withTags(axeTags).analyze();
  const report = results.violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    - ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`).join('\n');
      return `  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
  return { count: results.violations.length, report };
}

/** Saves a full-page screenshot to tmp/screens/NAME.png, only when SCREENSHOTS=1. */
export async function screenshot(page: Page, name: string): Promise<string | null> {
  if (process.env.SCREENSHOTS !== '1') return null;
  fs.mkdirSync(screensDir, { recursive: true });
  const file = path.join(screensDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  process.stderr.write(`screenshot: ${file}\n`);
  return file;
}

/** A CSV file for Playwright's setInputFiles. */
export function csvFile(name: string, lines: string[]) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n', 'utf8') };
}

/** Per-test time limit: a hung request fails its test instead of the whole run. */
export const testTimeout = 120_000;

/**
 * Closes the browser and the app without hanging the run: a request stuck in the app (a database
 * deadlock, say) would otherwise keep the database from closing and the process from exiting.
 */
export async function closeAll(browser: Browser | undefined, app: TestApp | undefined): Promise<void> {
  await bounded('closing the browser', browser?.close());
  await bounded('closing the app and its database', app?.close());
}

async function bounded(what: string, work: Promise<unknown> | undefined, ms = 15_000): Promise<void> {
  if (!work) return;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
    timer.unref();
  });
  const outcome = await Promise.race([work.then(() => 'done' as const), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    process.stderr.write(`warning: ${what} took longer than ${ms / 1000} s; gave up waiting (is a request stuck in the app?). Active: ${process.getActiveResourcesInfo().join(', ')}\n`);
  }
}

/**
 * The objectives under a horizon heading ("First six months", "Rest of the term") on a public mission
 * page: whatever element follows the heading (a list or a table), so the markup may change.
 */
export function horizonGroup(page: Page, label: string): Locator {
  return page.locator(`xpath=//h3[normalize-space()="${label}"]/following-sibling::*[1]`);
}

/** The refs of the objectives in a group, in order, from their `objective-REF` ids. */
export async function objectiveRefs(group: Locator): Promise<string[]> {
  const ids = await group.locator('[id^="objective-"]').evaluateAll((elements) => elements.map((e) => e.id));
  return ids.map((id) => id.replace(/^objective-/, ''));
}

// axe-core (WCAG 2.0, 2.1 and 2.2 A and AA rules) on every type of page, public and staff, including
// pages showing errors. Any violation fails, with its rule, the elements and how to fix it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parsePeriod } from '../src/domains/measures/period.ts';
import { systemActor } from '../src/platform/audit/audit.service.ts';
import { startTestApp, type TestApp } from '../src/testing/harness.ts';
import { axeViolations, browserSkip, closeAll, createUser, csvFile, goto, launchBrowser, navigation, newPage, signInThroughForm, testTimeout } from './support/browser.ts';

describe('accessibility: axe-core finds no WCAG 2.2 AA violations', { skip: browserSkip }, () => {
  let app: TestApp;
  let browser: Browser;
  let publicContext: BrowserContext;
  let staffContext: BrowserContext;
  const ids = { plan: 0, mission: 0, objective: 0, measureWithData: 0, measureWithoutData: 0 };

  before(async () => {
    app = await startTestApp();
    browser = await launchBrowser();

    const plan = await app.services.plan.currentPlan('published');
    assert.ok(plan, 'the demo plan is published');
    ids.plan = plan.id;
    const mission = await app.services.plan.missionBySlug(plan.id, 'prevention', 'all');
    assert.ok(mission);
    ids.mission = mission.id;
    const objective = (await app.services.plan.objectivesOf(mission.id, 'all')).find((o) => o.ref === 'PREV-06');
    assert.ok(objective);
    ids.objective = objective.id;
    const withData = await app.services.measures.findMeasure(plan.id, { slug: 'schools-toolkit-take-up' }, 'all');
    const withoutData = await app.services.measures.findMeasure(plan.id, { slug: 'restorative-practice-trainers' }, 'all');
    assert.ok(withData && withoutData);
    ids.measureWithData = withData.measure.id;
    ids.measureWithoutData = withoutData.measure.id;

    // Content for the pages to show: a status change with evidence, and data with a marker.
    await app.services.plan.recordObjectiveStatus(systemActor, objective.id, {
      status: 'in_progress',
      narrative: 'The toolkit has been offered to every secondary school.',
      evidenceUrl: 'https://example.org/evidence',
      effectiveDate: '2025-01-15',
    });
    const observation = (period: string, value: number, markers = '') => {
      const parsed = parsePeriod(period);
      assert.ok(parsed, period);
      return { period: parsed, placeCode: 'E23000026', value, numerator: null, denominator: null, markers, note: '' };
    };
    await app.services.measures.addObservations(systemActor, ids.measureWithData, [observation('2024-Q4', 78), observation('2025-Q1', 84, 'p')], 'csv', 'toolkit.csv');

    ({ context: publicContext } = await newPage(browser));
    const staff = await newPage(browser);
    staffContext = staff.context;
    await signInThroughForm(staff.page, app.url, await createUser(app, 'admin'));
    await staff.page.close();
  });

  after(async () => {
    await publicContext?.close();
    await staffContext?.close();
    await closeAll(browser, app);
  });

  /** Opens a page in the context, lets it act (submit a form…), then asserts axe finds nothing. */
  async function check(context: BrowserContext, path: string, options: { status?: number; act?: (page: Page) => Promise<void> } = {}) {
    const page = await context.newPage();
    try {
      await goto(page, app.url + path, options.status ?? 200);
      if (options.act) await options.act(page);
      const { count, report } = await axeViolations(page);
      assert.equal(count, 0, `axe found ${count} violation${count === 1 ? '' : 's'} on ${page.url()}:\n${report}`);
    } finally {
      await page.close();
    }
  }

  const submit = (page: Page, button: string) => navigation(page, () => page.getByRole('button', { name: button, exact: true }).click());

  test('axe really runs here: a violation planted in a page is found', { timeout: testTimeout }, async () => {
    const page = await publicContext.newPage();
    try {
      await goto(page, app.url + '/');
      await page.evaluate(() => {
        const img = document.createElement('img');
        img.src = 'data:,';
        document.querySelector('main')?.append(img);
      });
      const { count, report } = await axeViolations(page);
      assert.equal(count, 1, report);
      assert.match(report, /^ {2}image-alt /);
    } finally {
      await page.close();
    }
  });

  describe('public pages', () => {
    test('home', { timeout: testTimeout }, () => check(publicContext, '/'));
    test('mission', { timeout: testTimeout }, () => check(publicContext, '/missions/prevention'));
    test('foundation', { timeout: testTimeout }, () => check(publicContext, '/missions/role-of-the-pcc'));
    test('measure without data', { timeout: testTimeout }, () => check(publicContext, '/measures/restorative-practice-trainers'));
    test('measure with data (chart and table)', { timeout: testTimeout }, () =>
      check(publicContext, '/measures/schools-toolkit-take-up', {
        act: async (page) => assert.equal(await page.locator('svg.app-chart:not(.app-spc-chart)').count(), 1, 'the chart is on the page'),
      }));
    test('open data', { timeout: testTimeout }, () => check(publicContext, '/open-data'));
    test('accessibility statement', { timeout: testTimeout }, () => check(publicContext, '/accessibility'));
    test('sign in', { timeout: testTimeout }, () => check(publicContext, '/sign-in'));
    test('sign in with errors', { timeout: testTimeout }, () =>
      check(publicContext, '/sign-in', {
        act: async (page) => {
          const response = await submit(page, 'Sign in');
          assert.equal(response?.status(), 400);
          assert.equal(await page.locator('.govuk-error-summary').count(), 1);
        },
      }));
    test('page not found', { timeout: testTimeout }, () => check(publicContext, '/no-such-page', { status: 404 }));
  });

  describe('staff pages (signed in as an admin)', () => {
    test('dashboard', { timeout: testTimeout }, () => check(staffContext, '/staff'));
    test('plan', { timeout: testTimeout }, () => check(staffContext, `/staff/plans/${ids.plan}`));
    test('mission', { timeout: testTimeout }, () => check(staffContext, `/staff/missions/${ids.mission}`));
    test('objective with its timeline and status form', { timeout: testTimeout }, () => check(staffContext, `/staff/objectives/${ids.objective}`));
    test('objective status form with errors', { timeout: testTimeout }, () =>
      check(staffContext, `/staff/objectives/${ids.objective}`, {
        act: async (page) => {
          await page.getByLabel('Link to evidence').fill('not a link');
          await page.getByLabel('Date of the change').fill('2025-02-30');
          const response = await submit(page, 'Record the status');
          assert.equal(response?.status(), 400);
          assert.ok((await page.locator('.govuk-error-message').count()) >= 2, 'errors shown by the fields');
        },
      }));
    test('measure with data, baseline and target forms open', { timeout: testTimeout }, () =>
      check(staffContext, `/staff/measures/${ids.measureWithData}`, {
        act: async (page) => {
          assert.equal(await page.locator('svg.app-chart:not(.app-spc-chart)').count(), 1, 'the chart is on the page');
          await page.getByText('Set a baseline').click();
          await page.getByText('Add a target').click();
        },
      }));
    test('measure without data', { timeout: testTimeout }, () => check(staffContext, `/staff/measures/${ids.measureWithoutData}`));
    test('measure after an upload with errors', { timeout: testTimeout }, () =>
      check(staffContext, `/staff/measures/${ids.measureWithoutData}`, {
        act: async (page) => {
          await page.getByLabel('CSV file').setInputFiles(csvFile('trainers.csv', ['period,place_code,value', '2024-Q4,E23000026,ten', '2024-13,E99999999,']));
          const response = await submit(page, 'Upload');
          assert.equal(response?.status(), 400);
          assert.ok((await page.locator('.govuk-error-summary__list li').count()) >= 3);
        },
      }));
    test('measure after one value with errors', { timeout: testTimeout }, () =>
      check(staffContext, `/staff/measures/${ids.measureWithoutData}`, {
        act: async (page) => {
          const response = await submit(page, 'Add the value');
          assert.equal(response?.status(), 400);
          assert.equal(await page.locator('.govuk-error-summary').count(), 1);
        },
      }));
    test('a form: edit the mission', { timeout: testTimeout }, () => check(staffContext, `/staff/missions/${ids.mission}/edit`));
    test('a form with validation errors', { timeout: testTimeout }, () =>
      check(staffContext, `/staff/missions/${ids.mission}/edit`, {
        act: async (page) => {
          await page.getByLabel('Title').fill('');
          await page.getByLabel('Order').fill('many');
          const response = await submit(page, 'Save');
          assert.equal(response?.status(), 400);
          assert.deepEqual(await page.locator('.govuk-error-summary__list li').allInnerTexts(), ['Enter title', 'Order must be a number']);
          assert.equal(await page.locator('.govuk-error-message').count(), 2, 'each field shows its error');
        },
      }));
    test('a form with a select and date fields: add an objective', { timeout: testTimeout }, () => check(staffContext, `/staff/missions/${ids.mission}/objectives/new`));
    test('change history', { timeout: testTimeout }, () => check(staffContext, `/staff/plans/${ids.plan}/history`));
    test('users', { timeout: testTimeout }, () => check(staffContext, '/staff/users'));
    test('add a user', { timeout: testTimeout }, () => check(staffContext, '/staff/users/new'));
    test('a user added, with their password shown once', { timeout: testTimeout }, () =>
      check(staffContext, '/staff/users/new', {
        act: async (page) => {
          await page.getByLabel('Email address').fill('new.viewer@example.org');
          await page.getByLabel('Name').fill('New Viewer');
          await page.getByLabel('Role').selectOption('viewer');
          await submit(page, 'Save');
          assert.equal(new URL(page.url()).pathname, '/staff/users/created');
        },
      }));
    test('office settings', { timeout: testTimeout }, () => check(staffContext, '/staff/settings'));
    test('page not found in the staff area', { timeout: testTimeout }, () => check(staffContext, '/staff/missions/999999', { status: 404 }));
  });
});

// An editor's day in a browser: sign in through the form, record an objective's status change and
// see it in the timeline and on the public site, upload a CSV with a bad row (told exactly where,
// nothing stored), fix it, upload again and see the chart on the staff and public pages.
// The tests run in order and share one signed-in context.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { systemActor } from '../src/platform/audit/audit.service.ts';
import { parsePeriod } from '../src/domains/measures/period.ts';
import { formatDate } from '../src/platform/views/format.ts';
import { startTestApp, type TestApp } from '../src/testing/harness.ts';
import { browserSkip, closeAll, createUser, csvFile, goto, launchBrowser, navigation, newPage, screenshot, testTimeout, textOf } from './support/browser.ts';

describe('staff journey: an editor records progress and uploads data', { skip: browserSkip }, () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let editor: { email: string; password: string; displayName: string };
  let staffMeasureUrl = '';

  const narrative = 'The data-sharing hub has a project board and a first data-sharing agreement signed by all three unitary authorities.';
  const evidenceUrl = 'https://example.org/evidence';
  const effectiveDate = '2025-01-15';

  before(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
    editor = await createUser(app, 'editor');
    ({ context, page } = await newPage(browser));
  });

  after(async () => {
    await context?.close();
    await closeAll(browser, app);
  });

  /** From the staff dashboard, into a mission's staff page. */
  async function openStaffMission(title: string) {
    await goto(page, app.url + '/staff');
    await navigation(page, () => page.getByRole('table', { name: 'Missions' }).getByRole('link', { name: title, exact: true }).click());
    assert.match(new URL(page.url()).pathname, /^\/staff\/missions\/\d+$/);
    assert.equal(await textOf(page.getByRole('heading', { level: 1 })), title);
  }

  /** A table's body rows as text, whitespace collapsed. */
  async function rowsOf(table: Locator): Promise<string[]> {
    return (await table.locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  test('sign in through the form (a wrong password is refused first)', { timeout: testTimeout }, async () => {
    await goto(page, app.url + '/');
    await navigation(page, () => page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click());
    assert.equal(new URL(page.url()).pathname, '/sign-in');

    await page.getByLabel('Email address').fill(editor.email);
    await page.getByLabel('Password').fill('not-the-password');
    const refused = await navigation(page, () => page.getByRole('button', { name: 'Sign in' }).click());
    assert.equal(refused?.status(), 400);
    const summary = page.locator('.govuk-error-summary');
    assert.equal(await textOf(summary.locator('.govuk-error-summary__title')), 'There is a problem');
    assert.ok((await textOf(summary)).includes('The email address or password is not right'));
    assert.match(await page.title(), /^Error: /);
    assert.equal(await page.getByLabel('Email address').inputValue(), editor.email, 'the email address is kept');
    assert.equal(await page.getByLabel('Password').inputValue(), '', 'the password is not sent back');

    await page.getByLabel('Password').fill(editor.password);
    const accepted = await navigation(page, () => page.getByRole('button', { name: 'Sign in' }).click());
    assert.equal(accepted?.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/staff');
    assert.equal(await textOf(page.getByRole('heading', { level: 1 })), 'Staff area');
    assert.ok((await textOf(page.locator('main'))).includes(`Signed in as ${editor.displayName} (editor)`));
    assert.ok(await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).isVisible());
  });

  test('record a status change on an objective: timeline, then the public mission page', { timeout: testTimeout }, async () => {
    await openStaffMission('Prevention');
    await navigation(page, () => page.getByRole('link', { name: 'PREV-01', exact: true }).click());
    assert.match(new URL(page.url()).pathname, /^\/staff\/objectives\/\d+$/);
    assert.ok((await textOf(page.locator('.govuk-caption-l'))).startsWith('Objective PREV-01'));
    assert.equal(await textOf(page.locator('#objective-status')), 'Not started');
    assert.ok(await page.getByText('No status changes recorded yet.').isVisible());

    await page.getByLabel('New status').selectOption({ label: 'In progress' });
    await page.getByLabel('What has happened').fill(narrative);
    await page.getByLabel('Link to evidence').fill(evidenceUrl);
    await page.getByLabel('Date of the change').fill(effectiveDate);
    const saved = await navigation(page, () => page.getByRole('button', { name: 'Record the status' }).click());
    assert.equal(saved?.status(), 200);
    assert.match(new URL(page.url()).pathname, /^\/staff\/objectives\/\d+$/);

    const banner = page.locator('.govuk-notification-banner--success');
    assert.equal(await textOf(banner.locator('.govuk-notification-banner__heading')), 'Status recorded: In progress');
    assert.equal(await textOf(page.locator('#objective-status')), 'In progress');
    const timeline = page.locator('.app-timeline');
    assert.equal(await timeline.locator('.app-timeline__item').count(), 1);
    const entry = await textOf(timeline.locator('.app-timeline__item'));
    assert.ok(entry.startsWith('In progress'), entry);
    assert.ok(entry.includes(narrative));
    assert.ok(entry.includes(formatDate(effectiveDate)), `the timeline shows ${formatDate(effectiveDate)}`);
    assert.ok(entry.includes(`recorded by ${editor.displayName}`));
    assert.equal(await timeline.getByRole('link', { name: 'Evidence' }).getAttribute('href'), evidenceUrl);

    // The public mission page (a page of its own, as a member of the public would see it) shows it.
    const { context: publicContext, page: publicPage } = await newPage(browser);
    try {
      await goto(publicPage, app.url + '/missions/prevention');
      const row = publicPage.locator('#objective-PREV-01');
      const rowText = await textOf(row);
      assert.ok(rowText.includes('In progress'), rowText);
      assert.ok(rowText.includes(narrative));
      assert.ok(rowText.includes(formatDate(effectiveDate)));
      assert.equal(await row.getByRole('link', { name: 'Evidence for PREV-01' }).getAttribute('href'), evidenceUrl);
      await publicPage.reload({ waitUntil: 'load' });
      assert.ok((await textOf(publicPage.locator('#objective-PREV-01'))).includes('In progress'), 'still there after a reload (from the page cache)');
      const card = (await app.services.plan.overview('published'))?.missions.find((m) => m.slug === 'prevention');
      assert.equal(card?.objectiveCounts.in_progress, 1);
    } finally {
      await publicContext.close();
    }
  });

  test('upload a CSV with a bad row: the error summary names file, row and column, and nothing is stored', { timeout: testTimeout }, async () => {
    await openStaffMission('Prevention');
    // The measure's id is found through the staff mission page's link.
    await navigation(page, () => page.getByRole('link', { name: 'Schools using the prevention toolkit' }).click());
    staffMeasureUrl = page.url();
    assert.match(new URL(staffMeasureUrl).pathname, /^\/staff\/measures\/\d+$/);
    assert.equal(await textOf(page.getByRole('heading', { level: 1 })), 'Schools using the prevention toolkit');
    assert.ok(await page.locator('.app-no-data').getByText('No data yet.').isVisible());

    await page.getByLabel('CSV file').setInputFiles(
      csvFile('toolkit-take-up.csv', ['period,place_code,value', '2024-Q4,E23000026,78', '2025-Q1,E23000026,eighty-four']),
    );
    const refused = await navigation(page, () => page.getByRole('button', { name: 'Upload', exact: true }).click());
    assert.equal(refused?.status(), 400);

    const summary = page.locator('.govuk-error-summary');
    assert.ok(await summary.isVisible(), 'a GOV.UK error summary');
    assert.equal(await textOf(summary.locator('.govuk-error-summary__title')), 'There is a problem');
    const problems = summary.locator('.govuk-error-summary__list li');
    assert.equal(await problems.count(), 1);
    assert.equal(await textOf(problems), 'File toolkit-take-up.csv, row 3, column value: "eighty-four" is not a number');
    assert.equal(await problems.getByRole('link').getAttribute('href'), '#file', 'the summary links to the file input');
    assert.ok((await textOf(summary)).includes('Nothing was stored. Correct the file and upload it again.'));
    assert.match(await page.title(), /^Error: /);
    // The file input carries the error message too.
    assert.ok((await textOf(page.locator('.govuk-error-message'))).includes('1 problem found in toolkit-take-up.csv: nothing was stored'));
    assert.ok(((await page.locator('#file').getAttribute('aria-describedby')) ?? '').includes('file-error'), 'the input is described by its error');
    // Nothing stored: the good row 2 was not kept either.
    assert.ok(await page.locator('.app-no-data').getByText('No data yet.').isVisible(), 'still "No data yet"');
    assert.ok(await page.getByText('No values stored yet.').isVisible());
    assert.equal(await page.locator('svg.app-chart').count(), 0);
    await screenshot(page, 'staff-measure-upload-error');

    // Following the summary's link moves focus to the file input (GOV.UK Frontend's error summary).
    await summary.getByRole('link').click();
    await page.waitForFunction(() => document.activeElement?.id === 'file');
  });

  test('fix the file and upload again: success banner, chart and table', { timeout: testTimeout }, async () => {
    await goto(page, staffMeasureUrl);
    await page.getByLabel('CSV file').setInputFiles(csvFile('toolkit-take-up.csv', ['period,place_code,value', '2024-Q4,E23000026,78', '2025-Q1,E23000026,84']));
    const stored = await navigation(page, () => page.getByRole('button', { name: 'Upload', exact: true }).click());
    assert.equal(stored?.status(), 200);
    assert.equal(page.url().replace(/#.*$/, ''), staffMeasureUrl);

    const banner = page.locator('.govuk-notification-banner--success');
    assert.ok(await banner.isVisible(), 'a success banner');
    assert.equal(await textOf(banner.locator('.govuk-notification-banner__title')), 'Success');
    assert.equal(await textOf(banner.locator('.govuk-notification-banner__heading')), 'Uploaded toolkit-take-up.csv: 2 new, 0 revised (earlier values kept in history), 0 unchanged');
    assert.equal(await page.locator('.govuk-error-summary').count(), 0);
    assert.equal(await page.locator('.app-no-data').count(), 0);

    const chart = page.locator('svg.app-chart:not(.app-spc-chart)');
    assert.equal(await chart.count(), 1, 'one chart');
    assert.ok(await chart.isVisible());
    assert.equal(await chart.getAttribute('role'), 'img');
    assert.deepEqual(await rowsOf(page.getByRole('table', { name: 'Current values' })), ['2024-Q4 78.0', '2025-Q1 84.0']);
    // The history of values names the file.
    assert.ok((await textOf(page.getByRole('table', { name: 'Every value stored, including superseded ones' }))).includes('from toolkit-take-up.csv'));
    assert.equal(await page.getByText('No data yet.').count(), 0);
  });

  test('the public measure page shows the chart and the values', { timeout: testTimeout }, async () => {
    const { context: publicContext, page: publicPage } = await newPage(browser);
    try {
      await goto(publicPage, app.url + '/missions/prevention');
      const measureItem = publicPage.locator('li').filter({ has: publicPage.getByRole('link', { name: 'Schools using the prevention toolkit' }) });
      assert.ok((await textOf(measureItem)).includes('2 data points'));
      await navigation(publicPage, () => publicPage.getByRole('link', { name: 'Schools using the prevention toolkit' }).click());
      assert.equal(new URL(publicPage.url()).pathname, '/measures/schools-toolkit-take-up');
      const chart = publicPage.locator('figure.app-chart-figure svg.app-chart:not(.app-spc-chart)');
      assert.equal(await chart.count(), 1);
      assert.ok(await chart.isVisible());
      assert.ok((await textOf(publicPage.locator('#chart-caption'))).includes('The figures are in the table after the chart.'));
      const table = publicPage.getByRole('table', { name: 'Schools using the prevention toolkit: the figures' });
      assert.deepEqual(await rowsOf(table), ['2024-Q4 78.0', '2025-Q1 84.0']);
      assert.ok((await textOf(publicPage.locator('#measure-summary'))).includes('84'), 'the summary gives the latest value');
      assert.equal(await publicPage.locator('.app-no-data').count(), 0);
      // The statistics, in words before their chart.
      assert.ok(await publicPage.locator('#status-word').isVisible());
      assert.equal(await publicPage.locator('svg.app-spc-chart').count(), 1);
      assert.notEqual(await textOf(publicPage.locator('#measure-summary')), 'No data yet.');
      await screenshot(publicPage, 'public-measure-with-data');

      // The CSV download has the values too.
      const csv = await publicPage.request.get(app.url + '/measures/schools-toolkit-take-up/data.csv');
      assert.equal(csv.status(), 200);
      const body = await csv.text();
      assert.ok(body.includes('2024-Q4') && body.includes('78') && body.includes('84'), body);
    } finally {
      await publicContext.close();
    }
  });

  test('a public page seen by signed-in staff is not served to the public with the staff header', { timeout: testTimeout }, async () => {
    // Any change empties the public page cache; the editor is then the first to see the page.
    const plan = await app.services.plan.currentPlan('published');
    assert.ok(plan);
    const found = await app.services.measures.findMeasure(plan.id, { slug: 'out-of-court-disposals' }, 'all');
    assert.ok(found);
    const period = parsePeriod('2024-11');
    assert.ok(period);
    await app.services.measures.addObservations(systemActor, found.measure.id, [{ period, placeCode: 'E23000026', value: 40, numerator: null, denominator: null, markers: '', note: '' }], 'form');
    await goto(page, app.url + '/missions/prevention');

    const { context: publicContext, page: publicPage } = await newPage(browser);
    try {
      await goto(publicPage, app.url + '/missions/prevention');
      const header = publicPage.getByRole('banner');
      assert.equal(await header.getByRole('button', { name: 'Sign out' }).count(), 0, 'a member of the public is not offered "Sign out"');
      assert.equal(await header.getByRole('link', { name: 'Staff area' }).count(), 0, 'a member of the public is not offered "Staff area"');
      assert.ok(await header.getByRole('link', { name: 'Sign in' }).isVisible());
      assert.ok(!(await publicPage.content()).includes('name="_csrf"'), "no CSRF token (the editor's) in a public page");
    } finally {
      await publicContext.close();
    }
  });
});

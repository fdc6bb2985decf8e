// With JavaScript off, the public pages read fully and the staff forms work: plain links, plain
// HTML forms posting to the server, server-rendered errors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../src/testing/harness.ts';
import { browserSkip, closeAll, createUser, csvFile, goto, horizonGroup, launchBrowser, navigation, newPage, objectiveRefs, signInThroughForm, testTimeout, textOf } from './support/browser.ts';

describe('without JavaScript', { skip: browserSkip }, () => {
  let app: TestApp;
  let browser: Browser;

  before(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
  });

  after(async () => {
    await closeAll(browser, app);
  });

  async function noScriptPage(): Promise<{ context: BrowserContext; page: Page }> {
    return newPage(browser, { javaScriptEnabled: false });
  }

  /** GOV.UK Frontend marks the body when its JavaScript runs: proof that none did. */
  async function assertNoScriptRan(page: Page) {
    assert.ok(!((await page.locator('body').getAttribute('class')) ?? '').includes('govuk-frontend-supported'), 'no JavaScript ran');
  }

  test('home, mission and measure pages read fully', { timeout: testTimeout }, async () => {
    const { context, page } = await noScriptPage();
    try {
      await goto(page, app.url + '/');
      await assertNoScriptRan(page);
      assert.equal(await textOf(page.getByRole('heading', { level: 1 })), 'A Safer and Fairer Bedfordshire');
      assert.ok((await page.locator('.app-card').count()) >= 6);

      await navigation(page, () => page.getByRole('link', { name: 'Putting victims at the heart of the criminal justice system' }).click());
      assert.equal(new URL(page.url()).pathname, '/missions/victims-at-the-heart-of-criminal-justice');
      const firstSix = await objectiveRefs(horizonGroup(page, 'First six months'));
      const restOfTerm = await objectiveRefs(horizonGroup(page, 'Rest of the term'));
      assert.equal(firstSix[0], 'VICT-01');
      assert.equal(restOfTerm[0], 'VICT-11');
      assert.ok(await page.locator('#objective-VICT-01').getByText('The PCC will improve referrals').isVisible());

      await navigation(page, () => page.getByRole('link', { name: 'Victims referred to Bedfordshire Victim Care Services' }).click());
      assert.match(new URL(page.url()).pathname, /^\/measures\/victim-care-referrals$/);
      assert.ok(await page.locator('.app-no-data').getByText('No data yet.').isVisible());
      assert.ok((await textOf(page.locator('.govuk-summary-list'))).includes('Definition'));
      await assertNoScriptRan(page);
    } finally {
      await context.close();
    }
  });

  test('sign in, record an objective status and upload a CSV: the forms work without JavaScript', { timeout: testTimeout }, async () => {
    const { context, page } = await noScriptPage();
    try {
      // A failed sign-in shows the server-rendered error summary.
      await goto(page, app.url + '/sign-in');
      const refused = await navigation(page, () => page.getByRole('button', { name: 'Sign in' }).click());
      assert.equal(refused?.status(), 400);
      const errors = await page.locator('.govuk-error-summary__list li').allInnerTexts();
      assert.deepEqual(errors, ['Enter your email address', 'Enter your password']);

      await signInThroughForm(page, app.url, await createUser(app, 'editor'));
      await assertNoScriptRan(page);

      await navigation(page, () => page.getByRole('table', { name: 'Missions' }).getByRole('link', { name: 'Tackling serious crime' }).click());
      await navigation(page, () => page.getByRole('link', { name: 'SERC-02', exact: true }).click());
      assert.equal(await textOf(page.locator('#objective-status')), 'Not started');

      // Without a narrative: refused, with the error by the field, and what was typed kept.
      await page.getByLabel('New status').selectOption({ label: 'Done' });
      await page.getByLabel('Link to evidence').fill('https://example.org/drugs-team');
      const invalid = await navigation(page, () => page.getByRole('button', { name: 'Record the status' }).click());
      assert.equal(invalid?.status(), 400);
      assert.ok((await textOf(page.locator('.govuk-error-summary'))).includes('There is a problem'));
      assert.equal(await page.getByLabel('Link to evidence').inputValue(), 'https://example.org/drugs-team');
      assert.equal(await page.getByLabel('New status').inputValue(), 'done');

      await page.getByLabel('What has happened').fill('The drugs team started work in January with eight investigators.');
      await page.getByLabel('Date of the change').fill('2025-01-06');
      const saved = await navigation(page, () => page.getByRole('button', { name: 'Record the status' }).click());
      assert.equal(saved?.status(), 200);
      assert.equal(await textOf(page.locator('.govuk-notification-banner__heading')), 'Status recorded: Done');
      assert.equal(await textOf(page.locator('#objective-status')), 'Done');
      assert.ok((await textOf(page.locator('.app-timeline'))).includes('eight investigators'));

      // The public page shows it (read without JavaScript too).
      const { context: publicContext, page: publicPage } = await noScriptPage();
      try {
        await goto(publicPage, app.url + '/missions/tackling-serious-crime');
        const row = await textOf(publicPage.locator('#objective-SERC-02'));
        assert.ok(row.includes('Done') && row.includes('eight investigators'), row);
      } finally {
        await publicContext.close();
      }

      // A CSV upload is a plain multipart form.
      await navigation(page, () => page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Tackling serious crime' }).click());
      await navigation(page, () => page.getByRole('link', { name: 'Recorded serious violence' }).click());
      assert.match(new URL(page.url()).pathname, /^\/staff\/measures\/\d+$/);
      await page.getByLabel('CSV file').setInputFiles(csvFile('no-js.csv', ['period,place_code,value', '2024-10,E23000026,12', '2024-11,E23000026,9']));
      const uploaded = await navigation(page, () => page.getByRole('button', { name: 'Upload', exact: true }).click());
      assert.equal(uploaded?.status(), 200);
      assert.ok((await textOf(page.locator('.govuk-notification-banner__heading'))).startsWith('Uploaded no-js.csv: 2 new'));
      assert.equal(await page.locator('svg.app-chart:not(.app-spc-chart)').count(), 1);
      await assertNoScriptRan(page);
    } finally {
      await context.close();
    }
  });
});

// The public site in a browser, signed out: home → mission → measure, the footer's pages, and the
// office's own header (never a GOV.UK crown) on every page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../src/testing/harness.ts';
import { browserSkip, closeAll, goto, horizonGroup, launchBrowser, navigation, newPage, objectiveRefs, screenshot, testTimeout, textOf } from './support/browser.ts';

describe('public site, signed out', { skip: browserSkip }, () => {
  let app: TestApp;
  let browser: Browser;
  let office: { name: string; shortName: string };

  before(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
    office = await app.services.office.get();
  });

  after(async () => {
    await closeAll(browser, app);
  });

  /** The header names the office from settings, and is not GOV.UK's: no crown, no logotype, no "GOV.UK". */
  async function assertOfficeHeader(page: Page) {
    const where = new URL(page.url()).pathname;
    const banner = page.getByRole('banner');
    assert.equal(await banner.count(), 1, `${where}: one header`);
    const headerText = await textOf(banner);
    assert.ok(headerText.includes(office.shortName), `${where}: header shows "${office.shortName}", got "${headerText}"`);
    assert.ok(headerText.includes(office.name), `${where}: header shows "${office.name}"`);
    assert.ok(!/GOV\.UK/i.test(headerText), `${where}: no "GOV.UK" in the header`);
    for (const selector of ['.govuk-header', '.govuk-header__logo', 'svg.govuk-header__logotype', '.govuk-header__logotype-crown', '.govuk-footer__copyright-logo']) {
      assert.equal(await page.locator(selector).count(), 0, `${where}: no ${selector}`);
    }
    assert.equal(await page.locator('header').getByText('GOV.UK').count(), 0, `${where}: no GOV.UK text in the header`);
    assert.match(await page.title(), new RegExp(`– ${office.shortName}$`), `${where}: the page title ends with the office's short name`);
  }

  test('home → mission → measure without data, with the office header on every page', { timeout: testTimeout }, async () => {
    const { context, page } = await newPage(browser);
    try {
      await goto(page, app.url + '/');
      await assertOfficeHeader(page);
      assert.equal(await textOf(page.getByRole('heading', { level: 1 })), 'A Safer and Fairer Bedfordshire');
      assert.ok(await page.getByRole('heading', { level: 2, name: 'Missions' }).isVisible());

      const cards = page.locator('.app-card');
      assert.ok((await cards.count()) >= 6, `at least six mission and foundation cards, got ${await cards.count()}`);
      const prevention = cards.filter({ has: page.getByRole('heading', { name: 'Prevention', exact: true }) });
      assert.equal(await prevention.count(), 1, 'one Prevention card');
      assert.match(await textOf(prevention), /\d+ objectives: \d+ done, \d+ in progress, \d+ not started/);
      await screenshot(page, 'public-home');

      await navigation(page, () => prevention.getByRole('link', { name: 'Prevention', exact: true }).click());
      assert.equal(new URL(page.url()).pathname, '/missions/prevention');
      await assertOfficeHeader(page);
      assert.equal(await textOf(page.getByRole('heading', { level: 1 })), 'Prevention');
      assert.ok(await page.getByRole('heading', { level: 3, name: 'First six months' }).isVisible());
      assert.ok(await page.getByRole('heading', { level: 3, name: 'Rest of the term' }).isVisible());
      // Objectives are grouped by horizon, under those headings.
      const prevRefs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `PREV-${String(from + i).padStart(2, '0')}`);
      assert.deepEqual(await objectiveRefs(horizonGroup(page, 'First six months')), prevRefs(1, 12));
      assert.deepEqual(await objectiveRefs(horizonGroup(page, 'Rest of the term')), prevRefs(13, 19));
      assert.ok((await textOf(page.locator('#objective-PREV-01'))).includes('Not started'));
      await screenshot(page, 'public-mission');

      const measureLink = page.getByRole('link', { name: 'Schools using the prevention toolkit' });
      await navigation(page, () => measureLink.click());
      assert.equal(new URL(page.url()).pathname, '/measures/schools-toolkit-take-up');
      await assertOfficeHeader(page);
      assert.equal(await textOf(page.getByRole('heading', { level: 1 })), 'Schools using the prevention toolkit');
      assert.ok(await page.locator('.app-no-data').getByText('No data yet.').isVisible(), 'a measure without data says "No data yet"');
      assert.equal(await textOf(page.locator('#measure-summary')), 'No data yet.');
      assert.equal(await page.locator('svg.app-chart').count(), 0, 'no chart without data');
      assert.equal(await page.locator('#data-table').count(), 0, 'no data table without data');
      assert.ok((await textOf(page.locator('.govuk-summary-list'))).includes('75.0 per cent of schools'), 'the baseline from the plan is shown');
      // The breadcrumbs lead back up.
      const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
      assert.ok(await crumbs.getByRole('link', { name: 'Prevention' }).isVisible());
      assert.ok(await crumbs.getByRole('link', { name: 'A Safer and Fairer Bedfordshire' }).isVisible());
    } finally {
      await context.close();
    }
  });

  test('the footer leads to the open data page and the accessibility statement', { timeout: testTimeout }, async () => {
    const { context, page } = await newPage(browser);
    try {
      await goto(page, app.url + '/missions/victims-at-the-heart-of-criminal-justice');
      const footer = page.getByRole('contentinfo');

      await navigation(page, () => footer.getByRole('link', { name: 'Open data' }).click());
      assert.equal(new URL(page.url()).pathname, '/open-data');
      await assertOfficeHeader(page);
      assert.equal(await textOf(page.getByRole('heading', { level: 1 })), 'Open data');
      const downloads = page.getByRole('table', { name: 'Downloads for each measure' });
      assert.ok((await textOf(downloads)).includes('Schools using the prevention toolkit'));
      assert.ok(await page.getByRole('link', { name: 'CSV for Schools using the prevention toolkit' }).isVisible());

      await navigation(page, () => page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }).click());
      assert.equal(new URL(page.url()).pathname, '/accessibility');
      await assertOfficeHeader(page);
      assert.equal(await textOf(page.getByRole('heading', { level: 1 })), 'Accessibility statement');
      assert.ok((await textOf(page.locator('main'))).includes(office.name));

      // The header's links work too, and "Sign in" is offered to the public.
      await navigation(page, () => page.getByRole('banner').getByRole('link', { name: 'Police and Crime Plan' }).click());
      assert.equal(new URL(page.url()).pathname, '/');
      assert.ok(await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).isVisible());
      assert.equal(await page.getByRole('banner').getByRole('link', { name: 'Staff area' }).count(), 0);
    } finally {
      await context.close();
    }
  });

  test('a page that does not exist is a 404 with the office header', { timeout: testTimeout }, async () => {
    const { context, page } = await newPage(browser);
    try {
      await goto(page, app.url + '/missions/no-such-mission', 404);
      await assertOfficeHeader(page);
      assert.equal(await textOf(page.getByRole('heading', { level: 1 })), 'Page not found');
      await goto(page, app.url + '/no/such/page', 404);
      assert.equal(await textOf(page.getByRole('heading', { level: 1 })), 'Page not found');
      await navigation(page, () => page.getByRole('link', { name: 'Go to the home page' }).click());
      assert.equal(await textOf(page.getByRole('heading', { level: 1 })), 'A Safer and Fairer Bedfordshire');
    } finally {
      await context.close();
    }
  });
});

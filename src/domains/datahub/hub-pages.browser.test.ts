// The partner data hub (issue 5) in Chromium, used as its people would: a Luton Borough Council
// partner signs in through the form and lands on /hub, submits a small CSV of the council's IDVA
// referrals and sees what was stored, has a bad file refused with its rows and columns in a focused
// error summary, and reads the submission history; a Bedford Borough Council partner (a party to the
// demo agreement, not the owner) sees [c] for a small count on Luton's place profile; the public
// page of a place; an admin's organisation, dataset, agreement and token forms each refusing bad
// input in a focused error summary, and the audit log. axe-core finds no WCAG 2.2 AA violations on
// any page, at 1280 and at 390 pixels wide, and no page scrolls sideways on a phone (wide tables
// scroll in their own named, keyboard-reachable region). The submit form works without JavaScript.
// SCREENSHOTS=1 saves each page at both widths to tmp/screens/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, browserSkip, closeAll, createUser, csvFile, goto, launchBrowser, navigation, newPage, screenshot, signInThroughForm, testTimeout, textOf } from '../../../e2e/support/browser.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { places } from '../places/places.tables.ts';

const LUTON = 'E06000032';
/** Three LSOAs under Luton (the demo seed loads local authorities, not LSOAs). */
const lsoas = [
  { code: 'E01015693', name: 'Luton 007A' },
  { code: 'E01015694', name: 'Luton 007B' },
  { code: 'E01015695', name: 'Luton 007C' },
];
const slug = 'luton-idva-referrals';
const header = 'place_code,period,referrals,high_risk_referrals';

describe('partner data hub pages in a browser', { skip: browserSkip }, () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let lutonPartner: { email: string; password: string };

  before(async () => {
    // A fixed day: the demo agreement is live, and April to June 2025 are due.
    app = await startTestApp({ seed: true, today: '2025-08-15' });
    await app.services.database.db.insert(places).values(lsoas.map((l) => ({ ...l, type: 'lsoa' as const, parentCode: LUTON }))).onConflictDoNothing();
    browser = await launchBrowser();
    lutonPartner = await createUser(app, 'partner', { organisation: 'GB-LAE-LUT' });
    ({ page } = await newPage(browser));
  });
  after(async () => {
    await page?.context().close();
    await closeAll(browser, app);
  });

  async function axeClean(p: Page, what: string) {
    const { count, report } = await axeViolations(p);
    assert.equal(count, 0, `axe found ${count} violation${count === 1 ? '' : 's'} on ${what} (${p.url()}):\n${report}`);
  }

  const pageWidth = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth);
  /** The innermost elements that reach past the right edge, to say what makes a page scroll sideways. */
  const overflowing = (p: Page) =>
    p.evaluate(() => {
      const edge = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > edge + 1 && !e.closest('.app-table-scroll'));
      return wide
        .filter((e) => !wide.some((o) => o !== e && e.contains(o)))
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')} "${(e.textContent ?? '').trim().slice(0, 60)}"`)
        .join('; ');
    });

  /**
   * axe on the page as it is (1280 pixels wide), then at 390 pixels wide: axe again, and the page
   * must not scroll sideways (WCAG 1.4.10 reflow). SCREENSHOTS=1 saves both widths.
   */
  async function check(what: string, name: string, p: Page = page) {
    await axeClean(p, what);
    await screenshot(p, `hub-${name}-1280`);
    await p.setViewportSize({ width: 390, height: 844 });
    try {
      await screenshot(p, `hub-${name}-390`);
      await axeClean(p, `${what} at 390 pixels wide`);
      const width = await pageWidth(p);
      assert.ok(width <= 390, `${what} scrolls sideways at 390 pixels wide: the page is ${width} pixels wide (${await overflowing(p)})`);
    } finally {
      await p.setViewportSize({ width: 1280, height: 900 });
    }
  }

  async function visit(path: string, name: string, p: Page = page) {
    await goto(p, app.url + path);
    await check(path, name, p);
  }

  /** The focused element, described as tag#id.class. */
  const focused = (p: Page = page) =>
    p.evaluate(() => {
      const e = document.activeElement;
      return e ? `${e.tagName.toLowerCase()}#${e.id}.${[...e.classList].join('.')}` : '';
    });

  /** After a refused form: the title says Error, the error summary has focus and links to the field. */
  async function refusedWithSummary(p: Page, what: string): Promise<string> {
    assert.match(await p.title(), /^Error: /, `${what}: the title starts with Error:`);
    await p.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'));
    assert.match(await focused(p), /\.govuk-error-summary/, `${what}: the error summary has focus, so screen readers announce it`);
    const links = p.locator('.govuk-error-summary').getByRole('link');
    assert.ok((await links.count()) > 0, `${what}: the summary links to the problems`);
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
      assert.match(href, /^#./, `${what}: summary link ${href} points into the page`);
      assert.equal(await p.locator(href).count(), 1, `${what}: summary link ${href} has a target`);
    }
    return textOf(p.locator('.govuk-error-summary'));
  }

  test('a Luton partner signs in through the form and lands on the hub; every hub page reads well', { timeout: testTimeout }, async () => {
    await signInThroughForm(page, app.url, lutonPartner, '/hub');
    assert.match(await textOf(page.locator('#acting-for')), /You act for Luton Borough Council/);
    await check('/hub', 'home');
    await visit('/hub/datasets', 'datasets');
    assert.equal(await page.locator('#datasets tbody tr').count(), 2, 'the IDVA referrals (owner) and the public fires dataset; not Bedford’s named-organisations dataset');
    await visit(`/hub/datasets/${slug}`, 'dataset');
    assert.match(await textOf(page.locator('#data')), /No data yet/);
    // The dataset page leads its submitter to the upload and the history.
    await navigation(page, () => page.getByRole('link', { name: 'Submit data' }).first().click());
    assert.equal(new URL(page.url()).pathname, `/hub/datasets/${slug}/submit`);
    await check('the submit page, empty', 'submit-empty');
    await visit('/hub/agreements', 'agreements');
    await navigation(page, () => page.locator('#agreements').getByRole('link', { name: 'BEDS-PAN-DSA-2025' }).click());
    assert.match(await textOf(page.locator('h1')), /Bedfordshire pan-partnership data-sharing agreement/);
    await check('the agreement page', 'agreement');
    await visit('/hub/places', 'places');
    await visit(`/hub/places/${LUTON}`, 'place-empty');
  });

  test('the partner submits a small CSV and sees what was stored; the history lists it', { timeout: testTimeout }, async () => {
    await goto(page, `${app.url}/hub/datasets/${slug}/submit`);
    const rows = [header, 'E01015693,2025-06,3,1', 'E01015694,2025-06,12,', 'E01015695,2025-06,20,6'];
    await page.getByLabel('CSV file').setInputFiles(csvFile('idva-2025-06.csv', rows));
    const response = await navigation(page, () => page.getByRole('button', { name: 'Submit', exact: true }).click());
    assert.equal(response?.status(), 201);
    const stored = await textOf(page.locator('#stored'));
    assert.match(stored, /^Submission #\d+ stored 3 rows from idva-2025-06\.csv, for 2025-06\./);
    assert.match(await textOf(page.locator('#recent')), /3 rows for 2025-06/);
    await check('the submit page after a stored submission', 'submit-stored');

    await navigation(page, () => page.getByRole('link', { name: /Every submission/ }).click());
    assert.equal(new URL(page.url()).pathname, `/hub/datasets/${slug}/submissions`);
    assert.match(await textOf(page.locator('#history tbody tr').first()), /idva-2025-06\.csv[\s\S]*Luton Borough Council[\s\S]*3/);
    assert.equal(await page.getByRole('region', { name: 'History' }).count(), 1, 'the history table scrolls in a named region');
    await check('the submission history', 'history');
  });

  test('a bad CSV is refused: a focused error summary names the rows and columns; nothing stored', { timeout: testTimeout }, async () => {
    const before = await app.services.submissions.history((await app.services.submissions.dataset({ slug }))!.id);
    await goto(page, `${app.url}/hub/datasets/${slug}/submit`);
    const rows = [header, 'E01015693,2025-07,4,1', 'E01099999,2025-07,2,', 'E01015695,2025-07,lots,1'];
    await page.getByLabel('CSV file').setInputFiles(csvFile('idva-2025-07.csv', rows));
    const response = await navigation(page, () => page.getByRole('button', { name: 'Submit', exact: true }).click());
    assert.equal(response?.status(), 422);
    const summary = await refusedWithSummary(page, 'the refused submission');
    assert.match(summary, /The file has 2 problems: nothing was stored/);
    assert.match(summary, /Row 3, column place_code: E01099999 is not a known LSOA code/);
    assert.match(summary, /Row 4, column referrals: .*lots/);
    const problemRows = await page.locator('#problem-list tbody tr').allInnerTexts();
    assert.equal(problemRows.length, 2);
    assert.match(problemRows[0]!, /^3\s+place_code\s+E01099999/);
    await check('the submit page with a refused file', 'submit-refused');
    await page.locator('.govuk-error-summary').getByRole('link').first().click();
    assert.match(await focused(), /^input#file\./, 'the first summary link moves focus to the file input');
    const afterwards = await app.services.submissions.history((await app.services.submissions.dataset({ slug }))!.id);
    assert.equal(afterwards.length, before.length, 'nothing stored');
  });

  test('the submit form works without JavaScript', { timeout: testTimeout }, async () => {
    const plain = await newPage(browser, { javaScriptEnabled: false });
    try {
      await signInThroughForm(plain.page, app.url, lutonPartner, '/hub');
      await goto(plain.page, `${app.url}/hub/datasets/${slug}/submit`);
      await plain.page.getByLabel('CSV file').setInputFiles(csvFile('idva-2025-05.csv', [header, 'E01015693,2025-05,8,2']));
      const response = await navigation(plain.page, () => plain.page.getByRole('button', { name: 'Submit', exact: true }).click());
      assert.equal(response?.status(), 201);
      assert.match(await textOf(plain.page.locator('#stored')), /1 rows? from idva-2025-05\.csv, for 2025-05/);
    } finally {
      await plain.context.close();
    }
  });

  test('another partner in the agreement sees [c] for a small Luton count on the place profile', { timeout: testTimeout }, async () => {
    const bedford = await createUser(app, 'partner', { organisation: 'GB-LAE-BDF' });
    const other = await newPage(browser);
    try {
      await signInThroughForm(other.page, app.url, bedford, '/hub');
      await goto(other.page, `${app.url}/hub/places/${LUTON}?period=2025-06`);
      const section = other.page.locator(`section`, { has: other.page.getByRole('heading', { name: /Domestic abuse referrals/ }) });
      const row = section.locator('.app-profile-breakdown tbody tr').filter({ hasText: 'Luton 007A' });
      assert.match(await textOf(row), /^Luton 007A \[c\]/, 'a count of 3 is below the rule’s 5: suppressed for a non-owner');
      assert.doesNotMatch(await textOf(row), /\b3\b/);
      assert.equal(await other.page.getByRole('region', { name: /Domestic abuse referrals.*: places in Luton/ }).count(), 1);
      await check('the Luton profile as a Bedford partner', 'place-profile', other.page);
      // The submissions are the submitters' and owner's business: Bedford is neither.
      await goto(other.page, `${app.url}/hub/datasets/${slug}`);
      assert.equal(await other.page.getByRole('link', { name: 'Submit data' }).count(), 0, 'no submit link for an organisation that does not submit it');
    } finally {
      await other.context.close();
    }
  });

  test('the public page of a place and the crime page that links to it', { timeout: testTimeout }, async () => {
    const anonymous = await newPage(browser);
    try {
      await goto(anonymous.page, `${app.url}/crime/areas/${LUTON}`);
      await navigation(anonymous.page, () => anonymous.page.getByRole('link', { name: 'Partner data for this area' }).click());
      assert.equal(new URL(anonymous.page.url()).pathname, `/places/${LUTON}/data`);
      assert.doesNotMatch(await textOf(anonymous.page.locator('main')), /Domestic abuse referrals/, 'not a public dataset');
      await check('the public partner data page for Luton', 'public-place', anonymous.page);
    } finally {
      await anonymous.context.close();
    }
  });

  test('an admin: the staff dashboard links to the hub; each hub form refuses bad input in a focused summary; the audit log', { timeout: testTimeout }, async () => {
    const admin = await createUser(app, 'admin');
    const staff = await newPage(browser);
    const p = staff.page;
    const submitButton = (name = 'Save') => navigation(p, () => p.getByRole('button', { name, exact: true }).click());
    try {
      await signInThroughForm(p, app.url, admin);
      const data = p.locator('main');
      for (const [name, href] of [['Partner data hub', '/hub'], ['API tokens', '/staff/hub/tokens'], ['Partner data audit log', '/staff/hub/audit']] as const) {
        assert.equal(await data.getByRole('link', { name, exact: true }).getAttribute('href'), href, `the dashboard links to ${href}`);
      }

      await visit('/staff/hub/organisations', 'organisations', p);
      await navigation(p, () => p.getByRole('link', { name: 'Luton Borough Council' }).click());
      assert.match(new URL(p.url()).pathname, /^\/staff\/hub\/organisations\/[^/]+$/);
      await check('an organisation', 'organisation', p);
      await navigation(p, () => p.getByRole('link', { name: 'Change the organisation' }).click());
      await check('the organisation edit form', 'organisation-edit', p);

      await goto(p, `${app.url}/staff/hub/organisations/new`);
      await p.getByLabel('Name').fill('Luton Community Safety Partnership');
      await p.getByLabel('Organisation identifier').fill('not an identifier');
      assert.equal((await submitButton('Register'))?.status(), 400);
      assert.match(await refusedWithSummary(p, 'the organisation form'), /identifier/i);
      await check('the organisation form with an error', 'organisation-new-error', p);

      await goto(p, `${app.url}/staff/hub/datasets/new`);
      assert.equal((await submitButton())?.status(), 400);
      assert.match(await refusedWithSummary(p, 'the dataset form'), /name/i);
      await check('the dataset form with an error', 'dataset-new-error', p);

      await goto(p, `${app.url}/staff/hub/agreements/new`);
      await p.getByLabel('Reference', { exact: true }).fill('BEDS-TEST-1');
      await p.getByLabel('Start date', { exact: true }).fill('2025-04-01');
      await p.getByLabel('End date', { exact: true }).fill('2025-03-01');
      assert.equal((await submitButton())?.status(), 400);
      assert.match(await refusedWithSummary(p, 'the agreement form'), /end/i);
      await check('the agreement form with an error', 'agreement-new-error', p);

      await goto(p, `${app.url}/staff/hub/tokens`);
      await p.getByLabel('Expires at the end of').fill('2030-01-01');
      assert.equal((await submitButton('Create token'))?.status(), 400);
      assert.match(await refusedWithSummary(p, 'the token form'), /organisation/i);
      await check('the token form with an error', 'tokens-error', p);
      await p.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Luton Borough Council' });
      await p.getByLabel('Name', { exact: true }).fill('Monthly IDVA upload');
      await p.getByLabel(/Domestic abuse referrals/).check();
      await p.getByLabel('Expires at the end of').fill('2026-03-31');
      assert.equal((await submitButton('Create token'))?.status(), 200);
      assert.match(await textOf(p.locator('h1')), /API token created/);
      assert.match(await textOf(p.locator('#new-token')), /^sp_/);
      const idva = await app.services.submissions.dataset({ slug });
      assert.match(await textOf(p.locator('#token-datasets')), new RegExp(`^Domestic abuse referrals.*: ${app.url}/api/v1/datasets/${idva!.id}/submissions$`), 'the page gives the address to submit to');
      await check('the new token page', 'token-created', p);

      await visit('/staff/hub/audit', 'audit', p);
      assert.ok((await p.locator('#events tbody tr').count()) > 0, 'the submissions and views above are in the log');
      assert.equal(await p.getByRole('region', { name: /Newest events/ }).count(), 1);
      await goto(p, `${app.url}/staff/hub/audit?from=yesterday`, 400);
      await refusedWithSummary(p, 'the audit search');
      await check('the audit search with an error', 'audit-error', p);
    } finally {
      await staff.context.close();
    }
  });
});

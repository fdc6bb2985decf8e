// The staff data pages of issue 4 in Chromium, used as an editor would: police.uk upload (CSV), the
// places upload (population), the hotspot analysis with its map and top table, saving a register,
// and the patrol dosage page. axe-core finds no WCAG 2.2 AA violations in each page's empty state
// and after real use; bad files are refused with the file, row and column in a focused error
// summary and nothing is stored; the police.uk upload works without JavaScript.
// SCREENSHOTS=1 saves each page at 1280 and 390 pixels wide to tmp/screens/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, browserSkip, closeAll, createUser, csvFile, goto, launchBrowser, navigation, newPage, screenshot, signInThroughForm, testTimeout, textOf } from '../../../e2e/support/browser.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { clusterBlock, insertStreetCrimes } from './hotspots/test-fixtures.ts';

const header = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const force = 'Bedfordshire Police,Bedfordshire Police';
/** A street file for one month: three crimes in Luton, one in Bedford, one in Milton Keynes (outside the force area) and one anti-social behaviour row without a Crime ID. */
function streetRows(month: string, prefix: string): string[] {
  return [
    header,
    `${prefix}01,${month},${force},-0.418,51.879,On or near Park Street,E01015693,Luton 007A,Burglary,Under investigation,`,
    `${prefix}02,${month},${force},-0.417,51.880,On or near Castle Street,E01015693,Luton 007A,Vehicle crime,Investigation complete; no suspect identified,`,
    `${prefix}03,${month},${force},-0.419,51.878,On or near Park Street,E01015693,Luton 007A,Burglary,Under investigation,`,
    `${prefix}04,${month},${force},-0.466,52.136,On or near High Street,E01017540,Bedford 001A,Criminal damage and arson,Under investigation,`,
    `${prefix}05,${month},${force},-0.760,52.040,On or near Midsummer Boulevard,E01016700,Milton Keynes 001A,Burglary,Under investigation,`,
    `,${month},${force},-0.418,51.879,On or near Park Street,E01015693,Luton 007A,Anti-social behaviour,,`,
  ];
}

describe('staff data pages in a browser', { skip: browserSkip }, () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let editor: { email: string; password: string };

  before(async () => {
    app = await startTestApp({ seed: true });
    browser = await launchBrowser();
    editor = await createUser(app, 'editor');
    ({ page } = await newPage(browser));
    await signInThroughForm(page, app.url, editor);
  });
  after(async () => {
    await page?.context().close();
    await closeAll(browser, app);
  });

  async function axeClean(what: string) {
    const { count, report } = await axeViolations(page);
    assert.equal(count, 0, `axe found ${count} violation${count === 1 ? '' : 's'} on ${what} (${page.url()}):\n${report}`);
  }

  /**
   * axe on the page as it is (1280 pixels wide), then at 390 pixels wide (a phone): axe again, and
   * the page must not scroll sideways (WCAG 1.4.10 reflow; wide tables scroll in their own
   * keyboard-reachable region). SCREENSHOTS=1 saves both widths.
   */
  async function check(what: string, name: string, options: { narrow?: boolean; reflow?: boolean } = {}) {
    await axeClean(what);
    await screenshot(page, `${name}-1280`);
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await screenshot(page, `${name}-390`);
      if (options.narrow === false) return;
      await axeClean(`${what} at 390 pixels wide`);
      if (options.reflow !== false) assert.ok((await pageWidth()) <= 390, `${what} scrolls sideways at 390 pixels wide: the page is ${await pageWidth()} pixels wide`);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }

  const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);

  async function visit(path: string, name: string, options: { narrow?: boolean; reflow?: boolean } = {}) {
    await goto(page, app.url + path);
    await check(path, name, options);
  }

  /** The focused element, described as tag#id.class. */
  const focused = () => page.evaluate(() => {
    const e = document.activeElement;
    return e ? `${e.tagName.toLowerCase()}#${e.id}.${[...e.classList].join('.')}` : '';
  });

  test('every page in its empty state', { timeout: testTimeout }, async () => {
    await visit('/staff/crime/imports', 'police-uk-empty');
    assert.equal(await textOf(page.locator('#no-imports')), 'No police.uk data imported yet.');
    await visit('/staff/places', 'places-empty');
    assert.match(await textOf(page.locator('main')), /No place data has been imported yet/);
    await visit('/staff/hotspots', 'hotspots-empty');
    assert.match(await textOf(page.locator('.govuk-inset-text')), /No police.uk street crimes have been imported yet/);
    assert.equal(await page.locator('svg.app-hotspot-map').count(), 0, 'no map without data');
    // At 390 pixels wide its import tables scroll without being reachable by keyboard: the test below.
    await visit('/staff/patrols', 'patrols-empty');
    assert.match(await textOf(page.locator('main')), /There is no current hotspot register, so patrols cannot be checked yet/);
  });

  test('police.uk: a street CSV uploaded through the file input; the keyboard reaches the Import button', { timeout: testTimeout }, async () => {
    await goto(page, `${app.url}/staff/crime/imports`);
    const file = page.getByLabel('CSV or zip file');
    await file.focus();
    await page.keyboard.press('Tab');
    assert.match(await focused(), /^button#\./, 'Tab from the file input goes to the Import button');
    assert.equal(await textOf(page.locator(':focus')), 'Import');

    await file.setInputFiles(csvFile('2024-01-bedfordshire-street.csv', streetRows('2024-01', 'a')));
    const response = await navigation(page, () => page.getByRole('button', { name: 'Import' }).click());
    assert.equal(response?.status(), 200);
    const result = await textOf(page.locator('#import-result'));
    assert.match(result, /^Success\s+Import finished/);
    assert.match(result, /1 file: 1 added, 0 replacing an earlier import of the same month, 0 unchanged/);
    assert.match(result, /6 rows read, 6 stored, none dropped/);
    assert.match(result, /Street crimes \(1 file\): 6 rows; 1 outside the force area — kept, flagged; 1 anti-social behaviour without a Crime ID — kept, never deduplicated/);
    const month = page.locator('#months tbody tr').filter({ has: page.locator('th', { hasText: '2024-01' }) });
    assert.deepEqual((await month.locator('td').allInnerTexts()).slice(0, 4), ['6', '1', '0', '1'], 'street rows, ASB, without a location, outside the force area');
    await check('the police.uk page after an import', 'police-uk-imported');
  });

  test('police.uk: a file with a wrong Month is refused: file, row and column in a focused error summary; nothing stored', { timeout: testTimeout }, async () => {
    const before = (await app.services.policeUk.listFiles()).length;
    await goto(page, `${app.url}/staff/crime/imports`);
    const rows = streetRows('2024-03', 'c');
    rows[3] = rows[3]!.replace(',2024-03,', ',2024-04,');
    await page.getByLabel('CSV or zip file').setInputFiles(csvFile('2024-03-bedfordshire-street.csv', rows));
    const response = await navigation(page, () => page.getByRole('button', { name: 'Import' }).click());
    assert.equal(response?.status(), 400);
    assert.match(await page.title(), /^Error: /);
    const summary = page.locator('.govuk-error-summary');
    await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'));
    assert.match(await focused(), /\.govuk-error-summary/, 'the error summary has focus, so screen readers announce it');
    const link = summary.getByRole('link');
    assert.equal(await link.count(), 1);
    assert.match(await textOf(link), /2024-03-bedfordshire-street\.csv, row 4, column Month: 2024-04 is not the file's month 2024-03/);
    assert.equal(await link.getAttribute('href'), '#file');
    assert.match(await textOf(summary), /Nothing was stored\. Correct the file and import it again\./);
    assert.match(await textOf(page.locator('#file-error')), /row 4, column Month/, 'the error is beside the file input too');
    await check('the police.uk page with a refused file', 'police-uk-error');
    await link.click();
    assert.match(await focused(), /^input#file\./, 'the summary link moves focus to the file input');
    assert.equal((await app.services.policeUk.listFiles()).length, before, 'no file stored');
    assert.equal(await page.locator('#months th', { hasText: '2024-03' }).count(), 0);
  });

  test('police.uk: the upload works without JavaScript', { timeout: testTimeout }, async () => {
    const plain = await newPage(browser, { javaScriptEnabled: false });
    try {
      await signInThroughForm(plain.page, app.url, editor);
      await goto(plain.page, `${app.url}/staff/crime/imports`);
      await plain.page.getByLabel('CSV or zip file').setInputFiles(csvFile('2024-02-bedfordshire-street.csv', streetRows('2024-02', 'b')));
      const response = await navigation(plain.page, () => plain.page.getByRole('button', { name: 'Import' }).click());
      assert.equal(response?.status(), 200);
      assert.match(await textOf(plain.page.locator('#import-result')), /6 rows read, 6 stored, none dropped/);
      assert.deepEqual(await plain.page.locator('#months tbody th').allInnerTexts(), ['2024-02', '2024-01']);
    } finally {
      await plain.context.close();
    }
  });

  test('places: a population file uploaded; a bad one refused with its row and column', { timeout: testTimeout }, async () => {
    await goto(page, `${app.url}/staff/places`);
    await page.getByLabel('Population by LSOA').check();
    await page.getByLabel('File', { exact: true }).setInputFiles(csvFile('population.csv', ['LSOA21CD,Population', 'E01015693,1650', 'E01017540,1800']));
    const response = await navigation(page, () => page.getByRole('button', { name: 'Import' }).click());
    assert.equal(response?.status(), 200);
    const banner = page.locator('.govuk-notification-banner--success');
    assert.match(await textOf(banner), /population\.csv: Census 2021 population by LSOA/);
    assert.match(await textOf(page.locator('#place-imports tbody tr').first()), /population\.csv/);
    await check('the places page after an import', 'places-imported');

    const imports = (await app.services.places.imports()).length;
    await page.getByLabel('Population by LSOA').check();
    await page.getByLabel('File', { exact: true }).setInputFiles(csvFile('bad-population.csv', ['LSOA21CD,Population', 'E01015693,1650', 'E01017540,lots']));
    const refused = await navigation(page, () => page.getByRole('button', { name: 'Import' }).click());
    assert.equal(refused?.status(), 400);
    await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'));
    const link = page.locator('.govuk-error-summary').getByRole('link');
    assert.match(await textOf(link), /bad-population\.csv, row 3, column Population: "lots" is not a whole number of people/);
    assert.equal(await link.getAttribute('href'), '#file');
    assert.equal((await app.services.places.imports()).length, imports, 'nothing stored');
    await check('the places page with a refused file', 'places-error');
  });

  test('hotspots: an analysis over the imported months draws a named map beside the top table; a register is saved; the patrol page checks against it', { timeout: testTimeout }, async () => {
    // Six crimes a month are too few for a pattern: a block of invented burglaries with one clear hotspot.
    await insertStreetCrimes(app.services.database.db, clusterBlock('2023-12', 'Burglary'));
    app.services.queryCache.clear();
    await goto(page, `${app.url}/staff/hotspots`);
    await axeClean('the hotspot form');
    await page.selectOption('#from', '2023-12');
    await page.selectOption('#to', '2024-02');
    await page.getByLabel('Number of top hotspots to list').fill('5');
    const response = await navigation(page, () => page.getByRole('button', { name: 'Find hotspots' }).click());
    assert.equal(response?.status(), 200);
    // Its name is the title and the description (aria-labelledby both).
    const map = page.getByRole('img', { name: /^Hot and cold spots of Burglary, Criminal damage and arson, Vehicle crime, December 2023 to February 2024 Map of [\d,]+ cells of 250 metres/ });
    assert.equal(await map.count(), 1, 'one map, named by its title and description');
    assert.match((await map.getAttribute('aria-labelledby')) ?? '', /hotspot-map-title hotspot-map-desc/);
    assert.match(await textOf(page.locator('main')), /Crimes counted 168\. /, '160 invented burglaries and 4 crimes a month from each upload (not the anti-social behaviour, not the one outside the force area)');
    const table = page.locator('#top-hotspots');
    assert.equal(await textOf(page.locator('#top-hotspots-heading')), 'Top 5 hotspots, highest z first');
    assert.equal(await page.getByRole('table', { name: 'Top 5 hotspots, highest z first' }).count(), 1, 'the table is named by the heading above it');
    assert.deepEqual((await table.locator('tbody tr').first().locator('td').allInnerTexts()).slice(0, 2), ['1', '2004, 804']);
    await check('the hotspot results', 'hotspots-results');

    await page.getByLabel('Name of the register').fill('Winter burglary');
    const saved = await navigation(page, () => page.getByRole('button', { name: /^Save \d+ hotspots? as the current register$/ }).click());
    assert.equal(saved?.status(), 200);
    assert.match(new URL(page.url()).pathname, /^\/staff\/hotspots\/registers\/\d+$/);
    assert.match(await textOf(page.locator('.govuk-notification-banner')), /Saved register "Winter burglary" with \d+ hotspots as the current register/);
    assert.equal(await page.getByRole('img', { name: /^Hotspots of register "Winter burglary" Map of the register's \d+ hotspots/ }).count(), 1);
    await check('the saved register', 'hotspots-register');

    await visit('/staff/patrols', 'patrols-with-register');
    assert.match(await textOf(page.locator('main')), /Checked against the current hotspot register: Winter burglary\. No patrol records have been imported for it yet\./);
  });

  test('patrols at 390 pixels wide: its scrolling tables can be reached by keyboard', { timeout: testTimeout }, async () => {
    await goto(page, `${app.url}/staff/patrols`);
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await axeClean('/staff/patrols at 390 pixels wide');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  test('hotspot maps at 390 pixels wide: the page does not scroll sideways', { timeout: testTimeout }, async () => {
    await goto(page, `${app.url}/staff/hotspots?types=Burglary&from=2023-12&to=2023-12`);
    assert.equal(await page.locator('svg.app-hotspot-map').count(), 1);
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      assert.ok((await pageWidth()) <= 390, `the page is ${await pageWidth()} pixels wide`);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});

// The crime pages in Chromium: axe-core finds no WCAG 2.2 AA violations on the force area, a local
// authority and an LSOA page (chart, tables, filter form), the "no data yet" page, and the staff
// measure page with the crime-data form open; the filter form works without JavaScript; at 390
// pixels wide the pages with imported files and stop and search do not scroll sideways.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, browserSkip, closeAll, createUser, goto, launchBrowser, navigation, newPage, signInThroughForm, testTimeout } from '../../../../e2e/support/browser.ts';
import { startTestApp, type TestApp } from '../../../testing/harness.ts';
import { placePopulations, places } from '../../places/places.tables.ts';
import { crimeCounts } from '../crime.tables.ts';

/** Opens app + path and asserts axe finds no violations there. */
async function visitAxeClean(page: Page, url: string, path: string): Promise<void> {
  await goto(page, url + path);
  const { count, report } = await axeViolations(page);
  assert.equal(count, 0, `axe found ${count} violation${count === 1 ? '' : 's'} on ${path}:\n${report}`);
}

describe('crime pages in a browser', { skip: browserSkip }, () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let noScript: BrowserContext;

  before(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
    ({ context } = await newPage(browser));
    ({ context: noScript } = await newPage(browser, { javaScriptEnabled: false }));
  });
  after(async () => {
    await context?.close();
    await noScript?.close();
    await closeAll(browser, app);
  });

  const check = (page: Page, path: string) => visitAxeClean(page, app.url, path);

  test('no data yet, then the force area, a local authority and an LSOA; the filter form without JavaScript', { timeout: testTimeout }, async () => {
    const page = await context.newPage();
    await check(page, '/crime');
    assert.match(await page.locator('#no-crime-data').innerText(), /No crime data imported yet/);

    const db = app.services.database.db;
    await db.insert(places).values({ code: 'E01000001', name: 'Bedford 001A', type: 'lsoa', parentCode: 'E06000055' });
    await db.insert(placePopulations).values({ placeCode: 'E01000001', year: 2021, population: 1500, source: 'test' });
    const months = Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}-01`);
    await db.insert(crimeCounts).values(
      months.flatMap((month, i) => [
        { month, lsoaCode: 'E01000001', crimeType: 'Burglary', crimes: 10 + (i % 4), crimesWithId: 10 + (i % 4), chargedOrSummonsed: 2 },
        { month, lsoaCode: '', crimeType: 'Drugs', crimes: 3, crimesWithId: 3, chargedOrSummonsed: 1 },
      ]),
    );
    app.services.queryCache.clear();

    await check(page, '/crime');
    assert.equal(await page.locator('svg.app-spc-chart').count(), 1, 'the SPC chart is on the page');
    const plain = await noScript.newPage();
    await goto(plain, `${app.url}/crime`);
    await plain.selectOption('#from', '2023-03');
    await plain.selectOption('#type', 'Burglary');
    await navigation(plain, () => plain.getByRole('button', { name: 'Show' }).click());
    assert.match(plain.url(), /from=2023-03&to=2023-12&type=Burglary$/);
    assert.match(await plain.locator('#crime-summary').innerText(), /^Burglary: \d+ recorded from March 2023 to December 2023/);
    await plain.close();
    await check(page, '/crime/areas/E06000055');
    await check(page, '/crime/areas/E01000001?type=Burglary');
    await page.close();
  });

  test('the staff measure page with the crime-data form open', { timeout: testTimeout }, async () => {
    const staff = await newPage(browser);
    await signInThroughForm(staff.page, app.url, await createUser(app, 'editor'));
    const plan = await app.services.plan.currentPlan('all');
    const found = await app.services.measures.findMeasure(plan?.id ?? 0, { slug: 'crimes-per-1000-residents' }, 'all');
    assert.ok(found);
    await goto(staff.page, `${app.url}/staff/measures/${found.measure.id}`);
    await staff.page.getByText('Take observations from police.uk crime data').click();
    const { count, report } = await axeViolations(staff.page);
    assert.equal(count, 0, report);
    await staff.page.getByLabel('Burglary').check();
    const response = await navigation(staff.page, () => staff.page.getByRole('button', { name: 'Take observations from crime data' }).click());
    assert.equal(response?.status(), 200);
    assert.match(await staff.page.locator('#feed-refresh').innerText(), /Refreshed now: 1 complete period loaded; 3 new/);
    const after = await axeViolations(staff.page);
    assert.equal(after.count, 0, after.report);
    await staff.context.close();
  });
});

describe('crime pages in a browser, from imported files, on a phone', { skip: browserSkip }, () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;

  before(async () => {
    app = await startTestApp({ seed: true });
    browser = await launchBrowser();
    ({ context } = await newPage(browser, { viewport: { width: 390, height: 844 } }));
  });
  after(async () => {
    await context?.close();
    await closeAll(browser, app);
  });

  test('the force area and a local authority at 390 pixels wide: no sideways scrolling, wide tables in keyboard-reachable regions, axe clean', { timeout: testTimeout }, async () => {
    const bp = 'Bedfordshire Police,Bedfordshire Police';
    const street = ['Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context', `a1,2024-03,${bp},-0.418,51.879,On or near Park Street,E01015693,Luton 007A,Burglary,Under investigation,`, `,2024-03,${bp},,,No Location,,,Anti-social behaviour,,`].join('\n');
    const searches = [
      'Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing',
      'Person search,2024-03-05T10:00:00+00:00,False,,51.88,-0.42,Male,18-24,Mixed/Multiple ethnic groups - White and Black Caribbean,Black,Misuse of Drugs Act 1971 (section 23),Controlled drugs,A no further action disposal,False,False',
    ].join('\n');
    const source = (name: string, text: string) => ({ name, read: () => Buffer.from(text) });
    await app.services.policeUk.importFiles({ userId: null, label: 'test' }, [source('2024-03-bedfordshire-street.csv', street), source('2024-03-bedfordshire-stop-and-search.csv', searches)]);
    app.services.queryCache.clear();
    const page = await context.newPage();
    for (const path of ['/crime', '/crime/areas/E06000032']) {
      await visitAxeClean(page, app.url, path);
      assert.ok((await pageWidth(page)) <= 390, `${path} scrolls sideways at 390 pixels wide: the page is ${await pageWidth(page)} pixels wide`);
    }
    await page.close();
  });
});

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

// Boards and governance (issue 6) in Chromium, used as their people would. An editor signs in,
// finds the prevention mission board from the staff area, gives a Luton partner a seat, schedules a
// meeting and adds an agenda item linked to a measure (both from the keyboard, with the Tab order
// checked), uploads a public and a restricted paper, and records attendance, published minutes and
// a decision; the board pack renders with the measure's chart, prints without the site's menus and
// one item to a page, and comes as a PDF; an action raised at the meeting goes to the partner, who
// finds it on My actions and updates it with JavaScript off; the board's recommendation is accepted by
// the PCC as a numbered decision that makes plan version 2; the public sees the boards, the meeting
// (never the restricted paper), the decision log and the calendar feed. axe-core finds no WCAG 2.2
// AA violations on any page, at 1280 and at 390 pixels wide, and no page scrolls sideways on a phone.
// Refused forms put a focused error summary first. SCREENSHOTS=1 saves each page at both widths to
// tmp/screens/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { parsePeriod } from '../src/domains/measures/period.ts';
import { systemActor } from '../src/platform/audit/audit.service.ts';
import { startTestApp, type TestApp } from '../src/testing/harness.ts';
import { axeViolations, browserSkip, closeAll, createUser, goto, launchBrowser, navigation, newPage, screenshot, signInThroughForm, testTimeout, textOf } from './support/browser.ts';

const board = { slug: 'mission-board-prevention', name: 'Mission board: Prevention' };
const measureSlug = 'schools-toolkit-take-up';
const meetingTitle = 'Autumn board meeting';
const itemTitle = 'Schools toolkit take-up';
const decisionText = 'Offer the toolkit to every primary school';
const actionTitle = 'Write to primary heads about the toolkit';
const recommendationTitle = 'Widen the toolkit objective to primary schools';

/** An ISO date some days from another. */
function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('boards and governance in a browser', { skip: browserSkip }, () => {
  let app: TestApp;
  let browser: Browser;
  let staff: Page;
  let editor: { email: string; password: string; displayName: string };
  let partner: { email: string; password: string; displayName: string };
  let today: string;
  let meetingDay: string;
  const ids = { meeting: 0, action: 0, overdueAction: 0, decision: '' };

  before(async () => {
    app = await startTestApp();
    today = app.services.today();
    // Upcoming: two weeks on, so the public list and the calendar show it ahead.
    meetingDay = addDays(today, 14);
    // Data for the measure the agenda item links to, so the pack has a chart as of the meeting day.
    const found = await app.services.measures.findMeasure((await app.services.plan.currentPlan('published'))!.id, { slug: measureSlug }, 'all');
    assert.ok(found, `the demo plan has the measure ${measureSlug}`);
    const observation = (period: string, value: number) => {
      const parsed = parsePeriod(period);
      assert.ok(parsed, period);
      return { period: parsed, placeCode: 'E23000026', value, numerator: null, denominator: null, markers: '', note: '' };
    };
    await app.services.measures.addObservations(systemActor, found.measure.id, [observation('2024-Q4', 78), observation('2025-Q1', 84)], 'csv', 'toolkit.csv');
    browser = await launchBrowser();
    editor = await createUser(app, 'editor');
    partner = await createUser(app, 'partner', { organisation: 'GB-LAE-LUT' });
    ({ page: staff } = await newPage(browser));
  });
  after(async () => {
    await staff?.context().close();
    await closeAll(browser, app);
  });

  async function axeClean(p: Page, what: string) {
    const { count, report } = await axeViolations(p);
    assert.equal(count, 0, `axe found ${count} violation${count === 1 ? '' : 's'} on ${what} (${p.url()}):\n${report}`);
  }

  /** The innermost elements that reach past the right edge, to say what makes a page scroll sideways. */
  const overflowing = (p: Page) =>
    p.evaluate(() => {
      const edge = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > edge + 1 && !e.closest('.app-table-scroll'));
      return wide
        .filter((e) => !wide.some((o) => o !== e && e.contains(o)))
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')} "${(e.textContent ?? '').trim().slice(0, 60)}"`)
        .join('; ');
    });

  /** axe at 1280 pixels wide, then at 390: axe again, and the page must not scroll sideways (WCAG 1.4.10). */
  async function check(what: string, name: string, p: Page = staff) {
    await axeClean(p, what);
    await screenshot(p, `gov-${name}-1280`);
    await p.setViewportSize({ width: 390, height: 844 });
    try {
      await screenshot(p, `gov-${name}-390`);
      await axeClean(p, `${what} at 390 pixels wide`);
      const width = await p.evaluate(() => document.documentElement.scrollWidth);
      const inner = await p.evaluate(() => window.innerWidth);
      assert.ok(width <= inner, `${what} scrolls sideways at 390 pixels wide: the page is ${width} pixels wide (${await overflowing(p)})`);
    } finally {
      await p.setViewportSize({ width: 1280, height: 900 });
    }
  }

  async function visit(path: string, name: string, p: Page = staff) {
    await goto(p, app.url + path);
    await check(path, name, p);
  }

  const submit = (p: Page, name: string) => navigation(p, () => p.getByRole('button', { name, exact: true }).click());

  /** The focused control's accessible words: its label, else its own text. */
  const focusedName = (p: Page) =>
    p.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      if (!e) return '';
      const labels = (e as HTMLInputElement).labels;
      const text = (labels && labels[0] ? labels[0].textContent : null) ?? e.getAttribute('aria-label') ?? e.textContent ?? '';
      return text.replace(/\s+/g, ' ').trim();
    });

  /** Presses Tab until the focused control's name matches (at most `limit` times); returns the names passed, in order. */
  async function tabTo(p: Page, name: string | RegExp, limit = 40): Promise<string[]> {
    const passed: string[] = [];
    for (let i = 0; i < limit; i++) {
      await p.keyboard.press('Tab');
      const now = await focusedName(p);
      passed.push(now);
      if (typeof name === 'string' ? now === name : name.test(now)) return passed;
    }
    assert.fail(`Tab never reached "${name}"; it passed: ${passed.join(' | ')}`);
  }

  /** After a refused form: the title says Error, the error summary has focus and each of its links has a target. */
  async function refusedWithSummary(p: Page, what: string): Promise<string> {
    assert.match(await p.title(), /^Error: /, `${what}: the title starts with Error:`);
    await p.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'));
    const links = p.locator('.govuk-error-summary').getByRole('link');
    assert.ok((await links.count()) > 0, `${what}: the summary links to the problems`);
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
      assert.match(href, /^#./, `${what}: summary link ${href} points into the page`);
      assert.equal(await p.locator(href).count(), 1, `${what}: summary link ${href} has exactly one target`);
    }
    return textOf(p.locator('.govuk-error-summary'));
  }

  const flash = (p: Page) => textOf(p.locator('.govuk-notification-banner'));

  test('an editor goes from the staff area to the board register and the prevention mission board, and gives a Luton partner a seat', { timeout: testTimeout }, async () => {
    await signInThroughForm(staff, app.url, editor);
    await check('the staff dashboard', 'dashboard');
    await navigation(staff, () => staff.locator('main').getByRole('link', { name: 'Board register', exact: true }).click());
    assert.equal(new URL(staff.url()).pathname, '/staff/boards');
    await check('the board register', 'register');
    await navigation(staff, () => staff.getByRole('link', { name: board.name, exact: true }).click());
    assert.equal(new URL(staff.url()).pathname, `/staff/boards/${board.slug}`);
    await check('the mission board', 'board');

    // Every user is a person: the partner is in the list by name and email.
    await staff.getByLabel('Person already recorded').selectOption({ label: `${partner.displayName} (${partner.email})` });
    await staff.getByLabel('Organisation they sit for').selectOption({ label: 'Luton Borough Council' });
    await submit(staff, 'Add the member');
    assert.match(await flash(staff), /Member added/);
    assert.match(await textOf(staff.locator('#current-members')), new RegExp(`${partner.displayName} Luton Borough Council`));
    await check('the mission board with its new member', 'board-member');
  });

  test('the editor schedules a meeting from the keyboard; the empty form is refused in a focused summary', { timeout: testTimeout }, async () => {
    await goto(staff, `${app.url}/staff/boards/${board.slug}`);
    await navigation(staff, () => staff.getByRole('link', { name: `Meetings of ${board.name}` }).click());
    await check('the board’s meetings, none yet', 'meetings-empty');

    assert.equal((await submit(staff, 'Schedule the meeting'))?.status(), 400);
    const summary = await refusedWithSummary(staff, 'the empty schedule form');
    assert.match(summary, /title/i);
    assert.match(summary, /date/i);
    assert.match(summary, /minutes/i, 'a board with no usual length starts with an empty length box, which is refused');
    await check('the schedule form refused', 'schedule-refused');

    // From the keyboard: Tab from the summary through the form, typing as it goes.
    await staff.locator('.govuk-error-summary').focus();
    assert.deepEqual(await tabTo(staff, 'Title').then((passed) => passed.slice(-1)), ['Title']);
    await staff.keyboard.type(meetingTitle);
    const order = [await focusedName(staff)];
    for (const value of [meetingDay, null, '120', 'Police HQ, Kempston']) {
      await staff.keyboard.press('Tab');
      order.push(await focusedName(staff));
      if (value === null) continue;
      await staff.keyboard.press('Control+A');
      await staff.keyboard.type(value);
    }
    for (let i = 0; i < 3; i++) {
      await staff.keyboard.press('Tab');
      order.push(await focusedName(staff));
    }
    assert.deepEqual(order, ['Title', 'Date', 'Start time (UK time)', 'Length in minutes', 'Location', 'Status', 'Yes, a public meeting', 'Schedule the meeting']);
    const response = await navigation(staff, () => staff.keyboard.press('Enter'));
    assert.equal(response?.status(), 200);
    const match = /^\/staff\/meetings\/(\d+)$/.exec(new URL(staff.url()).pathname);
    assert.ok(match, `scheduling leads to the meeting's page, not ${staff.url()}`);
    ids.meeting = Number(match[1]);
    assert.match(await flash(staff), /Meeting scheduled/);
    assert.match(await textOf(staff.locator('h1')), new RegExp(meetingTitle));
    assert.match(await textOf(staff.locator('#details')), /at 2:00\s?pm to 4:00\s?pm \(120 minutes\)/);
    await check('the new meeting', 'meeting-new');
  });

  test('the editor adds an agenda item linked to a measure, from the keyboard', { timeout: testTimeout }, async () => {
    await goto(staff, `${app.url}/staff/meetings/${ids.meeting}`);
    await navigation(staff, () => staff.getByRole('button', { name: 'Add an agenda item' }).click());
    await check('the agenda item form', 'item-form');
    await staff.getByLabel('Title').focus();
    await staff.keyboard.type(itemTitle);
    const passed = await tabTo(staff, 'Measures');
    assert.deepEqual(passed.slice(0, 5), ['Topic words (optional)', 'Description (optional)', 'Presenter (optional)', 'Public', 'Missions']);
    assert.ok(passed.some((n) => /^Objectives: Prevention \(\d+\)$/.test(n)), `the objectives come in one group a mission: ${passed.join(' | ')}`);
    await staff.keyboard.press('Enter');
    await tabTo(staff, 'Schools using the prevention toolkit');
    await staff.keyboard.press('Space');
    assert.equal(await staff.getByLabel('Schools using the prevention toolkit').isChecked(), true);
    await tabTo(staff, 'Save the item');
    await navigation(staff, () => staff.keyboard.press('Enter'));
    assert.match(await flash(staff), new RegExp(`Item “${itemTitle}” added`));
    assert.match(await textOf(staff.locator('#agenda ~ .app-table-scroll tbody tr').first()), /Measure: Schools using the prevention toolkit/);
  });

  test('the editor uploads a public and a restricted paper; an upload with nothing chosen is refused', { timeout: testTimeout }, async () => {
    await goto(staff, `${app.url}/staff/meetings/${ids.meeting}`);
    await staff.locator('#title').focus();
    const order = [await focusedName(staff)];
    for (let i = 0; i < 5; i++) {
      await staff.keyboard.press('Tab');
      order.push(await focusedName(staff));
    }
    assert.deepEqual(order, ['Title', 'For agenda item', 'Public', 'If restricted, why?', 'File', 'Upload the paper']);
    assert.equal((await navigation(staff, () => staff.keyboard.press('Enter')))?.status(), 400);
    const summary = await refusedWithSummary(staff, 'the empty paper form');
    assert.match(summary, /Choose the paper’s file/);
    assert.doesNotMatch(summary, /empty/);
    await check('the paper form refused', 'paper-refused');

    await staff.locator('#title').fill('Toolkit report');
    await staff.getByLabel('For agenda item').selectOption({ label: `1. ${itemTitle}` });
    await staff.getByLabel('Public', { exact: true }).check();
    await staff.getByLabel('File').setInputFiles({ name: 'toolkit report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await submit(staff, 'Upload the paper');
    assert.match(await flash(staff), /Paper “Toolkit report” uploaded/);

    await staff.locator('#title').fill('Named cases');
    await staff.getByLabel('Restricted', { exact: true }).check();
    await staff.getByLabel('If restricted, why?').fill('It names individuals');
    await staff.getByLabel('File').setInputFiles({ name: 'cases.txt', mimeType: 'text/plain', buffer: Buffer.from('Cases to discuss\n') });
    await submit(staff, 'Upload the paper');
    assert.match(await flash(staff), /Paper “Named cases” uploaded/);
    const papers = await textOf(staff.getByRole('region', { name: 'Papers' }));
    assert.match(papers, /Toolkit report .*Public/);
    assert.match(papers, /Named cases .*Restricted: It names individuals/);
  });

  test('the editor records attendance, publishes the minutes and records a decision from the keyboard', { timeout: testTimeout }, async () => {
    await goto(staff, `${app.url}/staff/meetings/${ids.meeting}`);
    await staff.getByRole('region', { name: 'Attendance' }).getByRole('combobox').first().selectOption('present');
    await submit(staff, 'Save attendance');
    assert.match(await flash(staff), /Attendance saved/);

    await staff.getByLabel('Minutes', { exact: true }).fill('The board reviewed the toolkit.\nAgreed to widen it.');
    await staff.getByLabel('Published').check();
    await submit(staff, 'Save the minutes');
    assert.match(await flash(staff), /Minutes saved and published/);

    await staff.getByLabel('Record a decision').focus();
    await staff.keyboard.type(decisionText);
    const passed = [await focusedName(staff), ...(await tabTo(staff, 'Record the decision'))];
    assert.deepEqual(passed, ['Record a decision', 'Under agenda item', 'Record the decision']);
    await navigation(staff, () => staff.keyboard.press('Enter'));
    assert.match(await flash(staff), /Decision recorded/);
    assert.match(await textOf(staff.locator('#decisions + ol')), new RegExp(decisionText));
    await check('the meeting with papers, attendance, minutes and a decision', 'meeting-full');
  });

  test('the board pack: the item, its papers and the measure’s chart; print without the menus, one item to a page; the PDF', { timeout: testTimeout }, async () => {
    await goto(staff, `${app.url}/staff/meetings/${ids.meeting}`);
    await navigation(staff, () => staff.getByRole('link', { name: 'Board pack (print view)' }).click());
    assert.equal(new URL(staff.url()).pathname, `/staff/meetings/${ids.meeting}/pack`);
    const item = staff.locator('section.app-pack-item').first();
    assert.match(await textOf(item.locator('h2')), new RegExp(`1. ${itemTitle}`));
    assert.match(await textOf(item), /Toolkit report/);
    assert.ok((await item.locator('.app-pack-measure figure svg').count()) >= 1, 'the linked measure’s chart is in the pack');
    assert.match(await textOf(staff.locator('#other-papers')), /Named cases .*Restricted/, 'staff see the restricted paper');
    assert.equal(await staff.locator('.govuk-breadcrumbs').getByRole('link', { name: meetingTitle }).count(), 1, 'the pack leads back to the meeting');
    await check('the board pack', 'pack');

    await staff.emulateMedia({ media: 'print' });
    try {
      await screenshot(staff, 'gov-pack-print');
      assert.equal(await staff.locator('.app-header').isVisible(), false, 'the site’s header is not printed');
      assert.equal(await staff.locator('.govuk-breadcrumbs').isVisible(), false, 'nor the breadcrumbs');
      assert.equal(await item.evaluate((e) => getComputedStyle(e).breakBefore), 'page', 'each item starts a new page');
      assert.equal(await staff.locator('#minutes').evaluate((e) => getComputedStyle(e).breakBefore), 'auto', 'the minutes follow on, not on a page of their own');
    } finally {
      await staff.emulateMedia({ media: 'screen' });
    }

    const pdf = await staff.request.get(`${app.url}/staff/meetings/${ids.meeting}/pack.pdf`, { timeout: 60_000 });
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');
  });

  test('actions raised at the meeting: the editor gives one to the partner, and one already overdue', { timeout: testTimeout }, async () => {
    await goto(staff, `${app.url}/staff/meetings/${ids.meeting}`);
    assert.match(await textOf(staff.locator('#no-actions')), /No actions/);
    for (const [title, due] of [
      [actionTitle, addDays(today, 30)],
      ['Send the toolkit figures to the board', addDays(today, -3)],
    ] as const) {
      await goto(staff, `${app.url}/staff/meetings/${ids.meeting}`);
      await navigation(staff, () => staff.getByRole('link', { name: 'Add an action raised at this meeting' }).click());
      assert.equal(await staff.getByLabel('Meeting that raised it (optional)').inputValue(), String(ids.meeting), 'the meeting is chosen already');
      if (title === actionTitle) {
        assert.equal((await submit(staff, 'Add action'))?.status(), 400);
        const summary = await refusedWithSummary(staff, 'the empty action form');
        assert.match(summary, /what the action is/);
        assert.match(summary, /owns the action/, 'the owner is asked for with the rest');
        await check('the action form refused', 'action-refused');
      }
      await staff.getByLabel('Action', { exact: true }).fill(title);
      await staff.getByLabel('Owner', { exact: true }).selectOption({ label: `${partner.displayName} (${partner.email})` });
      await staff.getByLabel('Due date').fill(due);
      await submit(staff, 'Add action');
      const match = /^\/staff\/actions\/(\d+)$/.exec(new URL(staff.url()).pathname);
      assert.ok(match, `adding an action leads to its page, not ${staff.url()}`);
      if (title === actionTitle) ids.action = Number(match[1]);
      else ids.overdueAction = Number(match[1]);
    }
    assert.match(await textOf(staff.locator('#action-status')), /Open Overdue/);
    await navigation(staff, () => staff.getByRole('link', { name: new RegExp(meetingTitle) }).click());
    assert.equal(new URL(staff.url()).pathname, `/staff/meetings/${ids.meeting}`, 'the action leads back to its meeting');
    assert.equal(await staff.getByRole('region', { name: 'Actions raised at this meeting' }).locator('tbody tr').count(), 2);
    await goto(staff, `${app.url}/staff/boards/${board.slug}`);
    assert.match(await textOf(staff.locator('#overdue-actions')), /1 overdue/, 'the board page flags the overdue action');
    await visit(`/staff/boards/${board.slug}/actions`, 'board-actions');
  });

  test('the partner finds the action on My actions and updates it with JavaScript off', { timeout: testTimeout }, async () => {
    const plain = await newPage(browser, { javaScriptEnabled: false });
    const p = plain.page;
    try {
      await signInThroughForm(p, app.url, partner, '/hub');
      await navigation(p, () => p.getByRole('link', { name: 'My actions', exact: true }).click());
      assert.equal(new URL(p.url()).pathname, '/my-actions');
      assert.match(await textOf(p.locator('#overdue-count')), /^1 overdue/);
      const rows = await p.locator('tbody tr').allInnerTexts();
      assert.equal(rows.length, 2);
      assert.match(rows.find((r) => r.includes('Send the toolkit figures')) ?? '', /Overdue/);
      await navigation(p, () => p.getByRole('link', { name: actionTitle }).click());
      assert.equal(new URL(p.url()).pathname, `/my-actions/${ids.action}`);

      assert.equal((await submit(p, 'Add update'))?.status(), 400, 'an update without a note is refused');
      assert.match(await textOf(p.locator('.govuk-error-summary')), /Enter a note/);
      await p.getByLabel('In progress').check();
      await p.getByLabel('What has happened').fill('Letter sent to 40 primary heads');
      const response = await submit(p, 'Add update');
      assert.equal(response?.status(), 200);
      assert.equal(new URL(p.url()).pathname, `/my-actions/${ids.action}`);
      assert.equal(await textOf(p.locator('#action-status')), 'In progress');
      assert.match(await textOf(p.locator('#updates tbody tr').first()), /In progress Letter sent to 40 primary heads/);
    } finally {
      await plain.context.close();
    }
  });

  test('with JavaScript on, the partner’s pages read well: My actions, the action, their meetings and the pack with the restricted paper', { timeout: testTimeout }, async () => {
    const member = await newPage(browser);
    const p = member.page;
    try {
      await signInThroughForm(p, app.url, partner, '/hub');
      await visit('/my-actions', 'my-actions', p);
      // On a phone the whole list fits, overdue flags and all, without scrolling the table.
      await p.setViewportSize({ width: 390, height: 844 });
      const fits = await p.getByRole('region', { name: 'My actions' }).evaluate((e) => e.scrollWidth <= e.clientWidth);
      await p.setViewportSize({ width: 1280, height: 900 });
      assert.ok(fits, 'My actions fits 390 pixels without scrolling sideways');
      await visit(`/my-actions/${ids.action}`, 'my-action', p);
      await visit('/hub/meetings', 'hub-meetings', p);
      // The link's hidden words say which pack (Chromium puts a space before them).
      await navigation(p, () => p.getByRole('link', { name: new RegExp(`^Pack\\s?: ${board.name}, ${meetingTitle}$`) }).click());
      assert.match(await textOf(p.locator('#other-papers')), /Named cases/, 'a current member sees the restricted paper');
      await check('the pack as a board member', 'pack-member', p);
    } finally {
      await member.context.close();
    }
  });

  test('the board’s recommendation: recorded from the meeting, accepted by the PCC, and plan version 2 cites the decision', { timeout: testTimeout }, async () => {
    await goto(staff, `${app.url}/staff/meetings/${ids.meeting}`);
    await navigation(staff, () => staff.getByRole('link', { name: 'Record a recommendation made at this meeting' }).click());
    assert.equal(await staff.getByLabel('Board', { exact: true }).inputValue(), board.slug);
    assert.equal((await submit(staff, 'Continue'))?.status(), 400, 'the first step without a kind is refused');
    assert.match(await refusedWithSummary(staff, 'the recommendation’s first step'), /Choose what the recommendation is about/);
    await check('the recommendation’s first step refused', 'recommendation-step1-refused');
    await staff.getByLabel(/Change an objective/).check();
    await submit(staff, 'Continue');
    assert.equal(await staff.getByLabel('Meeting (optional)').inputValue(), String(ids.meeting));
    await check('the recommendation form', 'recommendation-form');
    await staff.getByLabel('The recommendation, in a sentence').fill(recommendationTitle);
    await staff.getByLabel('Objective', { exact: true }).selectOption({ index: 1 });
    await staff.getByLabel('New wording (leave empty to keep it)').fill('Work with partners to offer the prevention toolkit to every primary and secondary school');
    await submit(staff, 'Record recommendation');
    assert.match(new URL(staff.url()).pathname, /^\/staff\/recommendations\/\d+$/);
    assert.equal(await staff.getByRole('link', { name: board.name }).first().getAttribute('href'), `/staff/boards/${board.slug}`);
    await check('the recommendation', 'recommendation');

    // The PCC's decision: an incomplete one lists every problem at once.
    assert.equal((await submit(staff, 'Record decision'))?.status(), 400);
    const summary = await refusedWithSummary(staff, 'the empty decision form');
    assert.match(summary, /accepts or rejects/);
    assert.match(summary, /Enter the reasons/, 'the other fields are checked at the same time');
    await check('the decision form refused', 'decision-refused');
    await staff.getByRole('radio', { name: /Accept/ }).check();
    await staff.getByLabel('Summary').fill('The PCC accepts the board’s recommendation to widen the toolkit.');
    await staff.getByLabel('Financial implications').fill('None');
    await staff.getByLabel('Reasons').fill('Early prevention works best.');
    await submit(staff, 'Record decision');
    const match = /^\/staff\/decisions\/(PCC-\d{4}-\d{3})$/.exec(new URL(staff.url()).pathname);
    assert.ok(match, `the decision has its page: ${staff.url()}`);
    ids.decision = match[1]!;
    await check('the decision', 'decision');
    await navigation(staff, () => staff.getByRole('link', { name: 'Version 2' }).click());
    assert.equal(new URL(staff.url()).pathname, '/staff/plan/versions/2');
    assert.match(await textOf(staff.locator('main')), new RegExp(ids.decision));
    await visit('/staff/plan/versions', 'versions');
    await visit('/staff/decisions', 'decision-log');
    await visit('/staff/recommendations', 'recommendations');
    await goto(staff, `${app.url}/staff/meetings/${ids.meeting}`);
    assert.match(await textOf(staff.locator('#recommendations + ul')), new RegExp(`${recommendationTitle} \\(Accepted\\)`));
  });

  test('across boards: the cross-board view and the board review read well', { timeout: testTimeout }, async () => {
    await visit('/staff/boards/cross-board', 'cross-board');
    assert.match(await textOf(staff.locator('main')), new RegExp(itemTitle));
    await visit('/staff/boards/review', 'review');
  });

  test('the public: the boards, the board’s meetings and calendar, the meeting (never the restricted paper), the pack and the decision log', { timeout: testTimeout }, async () => {
    const visitor = await newPage(browser);
    const p = visitor.page;
    try {
      await visit('/boards', 'public-boards', p);
      await navigation(p, () => p.getByRole('link', { name: board.name, exact: true }).click());
      assert.match(await textOf(p.locator('main')), new RegExp(partner.displayName), 'members are listed by name');
      await check('the public board', 'public-board', p);
      await navigation(p, () => p.getByRole('link', { name: new RegExp(`Meetings, papers and minutes of ${board.name}`) }).click());
      assert.equal(new URL(p.url()).pathname, `/boards/${board.slug}/meetings`);
      assert.match(await textOf(p.getByRole('region', { name: 'Upcoming meetings' })), new RegExp(meetingTitle));
      await check('the board’s public meetings', 'public-meetings', p);

      const ics = await p.request.get(app.url + (await p.getByRole('link', { name: /iCalendar/ }).getAttribute('href')));
      assert.equal(ics.status(), 200);
      assert.match(ics.headers()['content-type'] ?? '', /^text\/calendar/);
      const calendar = await ics.text();
      assert.match(calendar, new RegExp(`SUMMARY:${board.name}: ${meetingTitle}`));
      assert.match(calendar, new RegExp(`DTSTART:${meetingDay.replaceAll('-', '')}T1[34]0000Z`));

      await navigation(p, () => p.getByRole('link', { name: meetingTitle }).click());
      assert.equal(new URL(p.url()).pathname, `/meetings/${ids.meeting}`);
      const main = await textOf(p.locator('main'));
      assert.match(main, /Toolkit report/);
      assert.doesNotMatch(main, /Named cases/, 'the restricted paper is not on the public page');
      assert.match(main, new RegExp(decisionText));
      assert.match(main, /The board reviewed the toolkit\. Agreed to widen it\./);
      await check('the public meeting', 'public-meeting', p);
      await navigation(p, () => p.getByRole('link', { name: 'The public board pack' }).click());
      assert.doesNotMatch(await textOf(p.locator('main')), /Named cases/, 'nor in the public pack');
      await check('the public pack', 'public-pack', p);

      await goto(p, app.url + '/');
      await navigation(p, () => p.locator('header').getByRole('link', { name: 'Decisions', exact: true }).click());
      assert.equal(new URL(p.url()).pathname, '/decisions');
      assert.match(await textOf(p.locator('main')), new RegExp(`${ids.decision}: ${recommendationTitle}`));
      await check('the public decision log', 'public-decisions', p);
      await navigation(p, () => p.getByRole('link', { name: new RegExp(ids.decision) }).first().click());
      assert.equal(new URL(p.url()).pathname, `/decisions/${ids.decision}`);
      assert.match(await textOf(p.locator('main')), /Early prevention works best\./);
      await check('a public decision', 'public-decision', p);
    } finally {
      await visitor.context.close();
    }
  });
});

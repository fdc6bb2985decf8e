// Honest status through the real app: statuses, variation and assurance on the pages, the API and
// the staff dashboard; process changes; rates from populations.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp, type TestClient } from '../../testing/harness.ts';

let app: TestApp;
let editor: TestClient;
const idOf = async (slug: string) => {
  const plan = await app.services.plan.currentPlan('all');
  const found = await app.services.measures.findMeasure(plan?.id ?? 0, { slug }, 'all');
  assert.ok(found, slug);
  return found.measure.id;
};
const upload = async (slug: string, csv: string) => {
  const id = await idOf(slug);
  const response = await editor.upload(`/staff/measures/${id}/upload`, { name: `${slug}.csv`, content: csv }, `/staff/measures/${id}`);
  assert.equal(response.status, 303, response.text.slice(0, 2000));
  return id;
};

before(async () => {
  app = await startTestApp({ today: '2025-01-15' });
  editor = await app.signedIn('editor');
});
after(async () => {
  await app?.close();
});

test('a measure with data says whether it is on track and whether the change is real, in words before the chart', async () => {
  // Referrals (baseline 20%, targets 21% by 31 March 2025 and 25% by 31 May 2028), rising steadily.
  const rows = ['2022-Q1,19.8', '2022-Q2,20.1', '2022-Q3,20.0', '2022-Q4,20.3', '2023-Q1,20.2', '2023-Q2,20.5', '2023-Q3,20.4', '2023-Q4,20.7', '2024-Q1,20.6', '2024-Q2,20.9', '2024-Q3,20.8', '2024-Q4,21.1'];
  await upload('victim-care-referrals', `period,place_code,value\n${rows.map((r) => r.replace(',', ',E23000026,')).join('\n')}\n`);
  const page = await app.client().get('/measures/victim-care-referrals');
  assert.equal(page.status, 200);
  const words = page.text.indexOf('Is it on track, and is the change real?');
  const chart = page.text.indexOf('app-spc-chart');
  assert.ok(words > 0 && chart > words, 'the words come before the SPC chart');
  // 21.1 already meets the interim 21% (due 31 March 2025) but not yet the final 25%: on track.
  assert.match(page.text, /id="status-word">On track</);
  assert.match(page.text, /id="status-reason">At the recent trend the value is forecast to be 21\.2 \(80% range 21\.0 to 21\.4\) by 31 March 2025, meeting the target of 21/);
  assert.match(page.text, /id="variation">[^<]*(Improvement|Common cause)/);
  assert.match(page.text, /Process limits and signals, Bedfordshire \(table\)/);
  assert.match(page.text, /id="expected-today">20\.\d per cent of victims \(latest value 21\.1\)/);
  assert.match(page.text, /id="forecast">21\.2 per cent of victims by 31 March 2025 \(80% prediction interval 21\.0 to 21\.4\)/);
  assert.match(page.text, /<title>2024-Q4: 21\.1\. /, 'every point has an accessible name');
});

test('the status API returns limits, signals, trajectory, forecast and status', async () => {
  const id = await idOf('victim-care-referrals');
  const response = await app.client().get(`/api/v1/measures/${id}/status`);
  assert.equal(response.status, 200);
  const body = JSON.parse(response.text) as {
    today: string;
    headlinePlaceCode: string;
    series: { status: { word: string; reason: string }; trajectory: unknown[]; spc: { segments: { limits: { mean: number; upperProcessLimit: number; lowerProcessLimit: number } }[]; points: { rules: string[] }[]; provisional: boolean } }[];
  };
  assert.equal(body.today, '2025-01-15');
  assert.equal(body.headlinePlaceCode, 'E23000026');
  const [series] = body.series;
  assert.ok(series);
  assert.equal(series.status.word, 'on_track');
  assert.match(series.status.reason, /\.$/);
  assert.equal(series.spc.points.length, 12);
  assert.equal(series.spc.provisional, false);
  const limits = series.spc.segments[0]?.limits;
  assert.ok(limits);
  assert.ok(Math.abs(limits.upperProcessLimit - limits.mean - (limits.mean - limits.lowerProcessLimit)) < 1e-9, 'symmetric about the mean');
  assert.ok(series.trajectory.length >= 2);
  assert.equal((await app.client().get('/api/v1/measures/999999/status')).status, 404);
});

test('fewer than 12 points: the page says the limits are provisional and why', async () => {
  await upload('schools-toolkit-take-up', 'period,place_code,value\n' + ['2024-Q1,75', '2024-Q2,77', '2024-Q3,79', '2024-Q4,80'].map((r) => r.replace(',', ',E23000026,')).join('\n') + '\n').catch(async () => {
    // The measure may be reported yearly: fall back to years.
    await upload('schools-toolkit-take-up', 'period,place_code,value\n2021,E23000026,75\n2022,E23000026,77\n2023,E23000026,79\n2024,E23000026,80\n');
  });
  const page = await app.client().get('/measures/schools-toolkit-take-up');
  assert.match(page.text, /id="provisional">The limits are provisional: /);
});

test('a process change restarts the limits from its period, and is in the history', async () => {
  const id = await idOf('victim-care-referrals');
  const path = `/staff/measures/${id}`;
  const bad = await editor.postForm(`${path}/process-changes`, { period: '2023-07', reason: 'x' }, path);
  assert.equal(bad.status, 400, 'a month on a quarterly measure is refused');
  assert.match(bad.text, /does not match how often this measure is reported/);
  const ok = await editor.postForm(`${path}/process-changes`, { period: '2023-Q3', reason: 'New referral recording system' }, path);
  assert.equal(ok.status, 303);
  const body = JSON.parse((await app.client().get(`/api/v1/measures/${id}/status`)).text) as { series: { spc: { segments: { fromPeriod: string; pointCount: number }[] } }[] };
  assert.deepEqual(
    body.series[0]?.spc.segments.map((s) => [s.fromPeriod, s.pointCount]),
    [['2022-Q1', 6], ['2023-Q3', 6]],
  );
  const plan = await app.services.plan.currentPlan('all');
  assert.match((await editor.get(`/staff/plans/${plan?.id}/history`)).text, /Marked a process change in .* from 2023-Q3: New referral recording system/);
});

test('a rate per 1,000 is worked out from the numerator and the population, and shown per place on one scale', async () => {
  const id = await idOf('crimes-per-1000-residents');
  // 14,767 crimes in Bedford (185,300 residents, Census 2021) is 79.69 per 1,000.
  await upload('crimes-per-1000-residents', 'period,place_code,value,numerator\n2021,E06000055,,13500\n2022,E06000055,,14100\n2023,E06000055,,14767\n2021,E06000056,,15800\n2022,E06000056,,16000\n2023,E06000056,,16260\n');
  const json = JSON.parse((await app.client().get(`/api/v1/measures/${id}/observations`)).text) as { observations: { period: string; placeCode: string; value: number; numerator: number }[] };
  const bedford2023 = json.observations.find((o) => o.period === '2023' && o.placeCode === 'E06000055');
  assert.equal(Math.round((bedford2023?.value ?? 0) * 100) / 100, 79.69);
  assert.equal(bedford2023?.numerator, 14767);
  const page = await app.client().get('/measures/crimes-per-1000-residents');
  assert.match(page.text, /By place, on the same scale/);
  assert.equal((page.text.match(/class="app-small-multiple"/g) ?? []).length, 2);
  const noPopulation = await editor.upload(`/staff/measures/${id}/upload`, { name: 'x.csv', content: 'period,place_code,value,numerator\n2019,E06000032,,100\n' }, `/staff/measures/${id}`);
  assert.equal(noPopulation.status, 400);
  assert.match(noPopulation.text, /no population for E06000032 in 2019 or before/);
});

test('home and mission pages roll the statuses up; the staff dashboard lists measures to look at', async () => {
  const home = await app.client().get('/');
  assert.match(home.text, /How the measures stand/);
  assert.match(home.text, /\d+ on track/);
  assert.match(home.text, /\d+ monitored only/);
  const mission = await app.client().get('/missions/victims-at-the-heart-of-criminal-justice');
  assert.match(mission.text, /Victims referred to Bedfordshire Victim Care Services<\/a><br>\s*<span class="govuk-body-s">[^<]*On track/);
  // A sudden jump on the last point is a special cause of concern for a lower-is-better measure.
  const id = await idOf('vawc-recorded');
  await app.services.measures.updateMeasure({ userId: null, label: 'test' }, id, { frequency: 'month' });
  const months = Array.from({ length: 14 }, (_, i) => `2023-${String((i % 12) + 1).padStart(2, '0')}`.replace(/^2023-(\d+)$/, (_m, mm) => (i < 12 ? `2023-${mm}` : `2024-${mm}`)));
  const values = [900, 910, 905, 915, 908, 912, 906, 911, 909, 913, 907, 910, 908, 1400];
  await upload('vawc-recorded', `period,place_code,value\n${months.map((m, i) => `${m},E23000026,${values[i]}`).join('\n')}\n`);
  const dashboard = await editor.get('/staff');
  assert.match(dashboard.text, /Measures to look at/);
  assert.match(dashboard.text, /violence against women and children[^<]*<\/a><br><span class="govuk-body-s">Bedfordshire: the latest value \(2024-02\) is a special cause: Concern \(higher values\)/);
  const homeAgain = await app.client().get('/');
  assert.match(homeAgain.text, /Needing attention first/);
});

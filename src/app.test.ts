// Every route through the real app, on PGlite by default or on PostgreSQL when DATABASE_URL is set.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp, type TestClient } from './testing/harness.ts';

let app: TestApp;
let editor: TestClient;
let viewer: TestClient;
let admin: TestClient;

before(async () => {
  app = await startTestApp();
  [editor, viewer, admin] = await Promise.all([app.signedIn('editor'), app.signedIn('viewer'), app.signedIn('admin')]);
});
after(async () => {
  await app?.close();
});

const measureId = async (slug: string) => {
  const plan = await app.services.plan.currentPlan('all');
  const found = await app.services.measures.findMeasure(plan?.id ?? 0, { slug }, 'all');
  assert.ok(found, `measure ${slug}`);
  return found.measure.id;
};
const missionId = async (slug: string) => {
  const plan = await app.services.plan.currentPlan('all');
  const mission = await app.services.plan.missionBySlug(plan?.id ?? 0, slug, 'all');
  assert.ok(mission, `mission ${slug}`);
  return mission.id;
};

describe('every route states who may use it, and that is enforced', () => {
  test('the route table covers every route with an access level', () => {
    assert.ok(app.routeTable.length > 40, `only ${app.routeTable.length} routes`);
    for (const route of app.routeTable) assert.ok(['public', 'partner', 'signed-in', 'editor', 'admin'].includes(route.access), `${route.method} ${route.path}`);
  });

  test('signed-out visitors are sent to sign in from every staff page, and refused every staff change', async () => {
    const anonymous = app.client();
    for (const route of app.routeTable.filter((r) => r.access !== 'public')) {
      const path = route.path.replace(/:(\w+)/g, '1');
      const response = await anonymous.request(route.method, path, { body: route.method === 'POST' ? '' : undefined, headers: { 'content-type': 'application/x-www-form-urlencoded' } } as never);
      if (route.method === 'GET') {
        assert.equal(response.status, 303, `${route.method} ${path}`);
        assert.match(response.location ?? '', /^\/sign-in\?returnTo=/);
      } else {
        // A post without a session is refused before anything happens (redirect to sign-in or CSRF 403).
        assert.ok([303, 403].includes(response.status), `${route.method} ${path}: ${response.status}`);
      }
    }
  });

  test('viewers can read the staff area but not change anything; only admins reach admin pages', async () => {
    assert.equal((await viewer.get('/staff')).status, 200);
    const id = await missionId('prevention');
    assert.equal((await viewer.get(`/staff/missions/${id}`)).status, 200);
    assert.equal((await viewer.get(`/staff/missions/${id}/edit`)).status, 403);
    const refused = await viewer.postForm(`/staff/missions/${id}/publish`, { publish: 'false' }, `/staff/missions/${id}`);
    assert.equal(refused.status, 403);
    assert.equal((await editor.get('/staff/users')).status, 403);
    assert.equal((await admin.get('/staff/users')).status, 200);
  });
});

describe('the public site', () => {
  test('home shows the plan, its stages and missions with where each stands', async () => {
    const page = await app.client().get('/');
    assert.equal(page.status, 200);
    assert.match(page.text, /A Safer and Fairer Bedfordshire/);
    assert.match(page.text, /Stage One/);
    assert.match(page.text, /Prevention/);
    assert.match(page.text, /Office of the Police and Crime Commissioner for Bedfordshire/);
    assert.match(page.text, /\d+ objectives?: 0 done, 0 in progress, \d+ not started/);
    assert.match(page.text, /measures?: 0 with data, \d+ awaiting data/);
    assert.doesNotMatch(page.text, /govuk-header__logo|GOV\.UK/);
  });

  test('a mission page groups objectives by horizon with status, due date and owner', async () => {
    const page = await app.client().get('/missions/prevention');
    assert.equal(page.status, 200);
    assert.match(page.text, /First six months/);
    assert.match(page.text, /Rest of the term/);
    assert.match(page.text, /increase the take-up rate of toolkits for schools from 75% to 100%/);
    assert.match(page.text, /31 March 2025/);
    assert.match(page.text, /Not started/);
  });

  test('a measure without data says "No data yet" and what data it needs; baseline and target as written', async () => {
    const page = await app.client().get('/measures/out-of-court-disposals');
    assert.equal(page.status, 200);
    assert.match(page.text, /No data yet/);
    assert.match(page.text, /What we need to report this/);
    assert.match(page.text, /377/);
    assert.match(page.text, /Increase by 10% on the baseline/);
    assert.doesNotMatch(page.text, /<svg class="app-chart"/);
  });

  test('unknown pages are 404 with a page, not a stack trace', async () => {
    const page = await app.client().get('/measures/no-such-measure');
    assert.equal(page.status, 404);
    assert.match(page.text, /Page not found/);
    assert.equal((await app.client().get('/nowhere')).status, 404);
  });

  test('security headers with a fresh CSP nonce on every page, cached or not', async () => {
    const first = await app.client().get('/');
    const second = await app.client().get('/');
    const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];
    const n1 = nonceOf(first.headers.get('content-security-policy'));
    const n2 = nonceOf(second.headers.get('content-security-policy'));
    assert.ok(n1 && n2 && n1 !== n2);
    assert.ok(second.text.includes(`nonce="${n2}"`));
    assert.ok(!second.text.includes(`nonce="${n1}"`));
    assert.doesNotMatch(first.headers.get('content-security-policy') ?? '', /unsafe-inline/);
    assert.equal(first.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(first.headers.get('x-frame-options'), 'DENY');
  });

  test('accessibility statement, open data page and health endpoints', async () => {
    const client = app.client();
    assert.match((await client.get('/accessibility')).text, /WCAG/);
    const openData = await client.get('/open-data');
    assert.match(openData.text, /\/measures\/victim-care-referrals\/data\.csv/);
    assert.match(openData.text, /\/open-data\/objectives\.csv/);
    const objectives = await client.get('/open-data/objectives.csv');
    assert.equal(objectives.status, 200);
    assert.match(objectives.headers.get('content-type') ?? '', /text\/csv/);
    assert.ok(objectives.text.split('\r\n').length > 150);
    assert.equal((await client.get('/ping')).text, 'pong');
    assert.deepEqual(JSON.parse((await client.get('/health')).text), { status: 'ok', database: app.services.database.kind });
  });
});

describe('drafts never leak', () => {
  test('an unpublished mission, objective and measure are absent from every public page, download and API', async () => {
    const mission = await app.services.plan.createMission({ userId: null, label: 'test' }, (await app.services.plan.currentPlan('all'))?.id ?? 0, {
      slug: 'secret-draft-mission',
      title: 'Secret draft mission',
      kind: 'mission',
    });
    await app.services.plan.createObjective({ userId: null, label: 'test' }, await missionId('prevention'), { ref: 'DRAFT-1', text: 'do a secret draft thing', horizon: 'first_six_months' });
    await app.services.measures.createMeasure({ userId: null, label: 'test' }, await missionId('prevention'), { slug: 'secret-draft-measure', title: 'Secret draft measure' });
    const client = app.client();
    for (const path of ['/', '/missions/prevention', '/open-data', '/open-data/objectives.csv', '/api/v1/plans/current', '/api/v1/missions', '/api/v1/measures']) {
      const page = await client.get(path);
      assert.equal(page.status, 200, path);
      assert.doesNotMatch(page.text, /[Ss]ecret draft/, path);
      assert.doesNotMatch(page.text, /DRAFT-1/, path);
    }
    assert.equal((await client.get('/missions/secret-draft-mission')).status, 404);
    assert.equal((await client.get('/measures/secret-draft-measure')).status, 404);
    assert.equal((await client.get('/measures/secret-draft-measure/data.csv')).status, 404);
    const draftId = await measureId('secret-draft-measure');
    assert.equal((await client.get(`/api/v1/measures/${draftId}/observations`)).status, 404);
    // Staff see drafts.
    assert.match((await viewer.get(`/staff/missions/${mission.id}`)).text, /Secret draft mission/);
  });

  test('unpublishing a measure takes it off the public site at once (the page cache is emptied)', async () => {
    const id = await measureId('road-casualties');
    assert.equal((await app.client().get('/measures/road-casualties')).status, 200);
    const response = await editor.postForm(`/staff/measures/${id}/publish`, { publish: 'false' }, `/staff/measures/${id}`);
    assert.equal(response.status, 303);
    assert.equal((await app.client().get('/measures/road-casualties')).status, 404);
    assert.doesNotMatch((await app.client().get('/missions/prevention')).text, /road-casualties/);
    await editor.postForm(`/staff/measures/${id}/publish`, { publish: 'true' }, `/staff/measures/${id}`);
    assert.equal((await app.client().get('/measures/road-casualties')).status, 200);
  });

  test('an unpublished plan means no public plan at all', async () => {
    const plan = await app.services.plan.currentPlan('all');
    assert.ok(plan);
    await app.services.plan.setPublished({ userId: null, label: 'test' }, 'plan', plan.id, false);
    assert.doesNotMatch((await app.client().get('/')).text, /Prevention/);
    assert.equal((await app.client().get('/missions/prevention')).status, 404);
    assert.equal((await app.client().get('/api/v1/measures')).status, 404);
    await app.services.plan.setPublished({ userId: null, label: 'test' }, 'plan', plan.id, true);
    assert.equal((await app.client().get('/missions/prevention')).status, 200);
  });
});

describe('staff run the plan', () => {
  test('sign in refuses a wrong password with an error summary, and CSRF protects every form', async () => {
    const client = app.client();
    const wrong = await client.postForm('/sign-in', { email: 'admin1@example.org', password: 'nope' }, '/sign-in');
    assert.equal(wrong.status, 400);
    assert.match(wrong.text, /govuk-error-summary/);
    assert.match(wrong.text, /The email address or password is not right/);
    const forged = await editor.request('POST', `/staff/missions/${await missionId('prevention')}/publish`, {
      body: 'publish=false&_csrf=forged',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(forged.status, 403);
    assert.equal((await app.client().get('/missions/prevention')).status, 200);
  });

  test('create a plan, stage, mission, objective and measure; edit them; every change is in the history', async () => {
    const created = await editor.postForm('/staff/plans/new', { title: 'Test plan <b>bold</b>', slug: 'test-plan', periodStart: '2025-04-01', periodEnd: '2028-05-31' });
    assert.equal(created.status, 303);
    const planPath = created.location ?? '';
    assert.match(planPath, /^\/staff\/plans\/\d+$/);
    const planPage = await editor.get(planPath);
    assert.match(planPage.text, /Test plan &lt;b&gt;bold&lt;\/b&gt;/, 'HTML in text fields is escaped');
    assert.doesNotMatch(planPage.text, /Test plan <b>bold<\/b>/);
    const stage = await editor.postForm(`${planPath}/stages/new`, { name: 'Stage Two', periodStart: '2025-04-01', periodEnd: '2028-05-31' });
    assert.equal(stage.status, 303);
    const mission = await editor.postForm(`${planPath}/missions/new`, { title: 'Test mission', slug: 'test-mission', kind: 'mission' });
    assert.equal(mission.status, 303);
    const missionPath = mission.location ?? '';
    const objective = await editor.postForm(`${missionPath}/objectives/new`, { ref: 'T-1', text: 'test the system', horizon: 'rest_of_term', dueDate: '2026-12-31', owner: 'PCC' });
    assert.equal(objective.status, 303);
    const measure = await editor.postForm(`${missionPath}/measures/new`, { title: 'Test measure', slug: 'test-measure', polarity: 'higher_is_better', frequency: 'month', geography: 'force_area' });
    assert.equal(measure.status, 303);
    const edit = await editor.postForm(`${missionPath}/edit`, { title: 'Test mission, renamed', slug: 'test-mission', kind: 'mission', position: '3' });
    assert.equal(edit.status, 303);
    const history = await editor.get(`${planPath}/history`);
    assert.equal(history.status, 200);
    for (const text of ['Created plan', 'Added stage', 'Added mission', 'Added objective T-1', 'Added measure', 'Edited mission']) assert.match(history.text, new RegExp(text));
    assert.match(history.text, /Test mission, renamed/);
    assert.match(history.text, /Test editor/);
  });

  test('forms refuse bad input with an error summary and keep what was typed', async () => {
    const id = await missionId('prevention');
    const bad = await editor.postForm(`/staff/missions/${id}/objectives/new`, { ref: '', text: 'x', horizon: 'someday', dueDate: '2025-02-30' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /govuk-error-summary/);
    assert.match(bad.text, /Enter reference/);
    assert.match(bad.text, /Select horizon from the list/);
    assert.match(bad.text, /Due date must be a real date/);
    assert.match(bad.text, /value="2025-02-30"/);
    const badSlug = await editor.postForm(`/staff/missions/${id}/measures/new`, { title: 'x', slug: 'Not A Slug', polarity: 'neutral', frequency: 'month', geography: 'force_area' });
    assert.equal(badSlug.status, 400);
    assert.match(badSlug.text, /Short name must use only lower-case letters/);
    const duplicate = await editor.postForm(`/staff/missions/${id}/measures/new`, { title: 'x', slug: 'schools-toolkit-take-up', polarity: 'neutral', frequency: 'month', geography: 'force_area' });
    assert.equal(duplicate.status, 400);
    assert.match(duplicate.text, /already uses this short name/);
  });

  test("recording an objective's status keeps a dated timeline and shows the latest on the public page", async () => {
    const plan = await app.services.plan.currentPlan('all');
    const objectives = await app.services.plan.objectivesOf(await missionId('prevention'), 'all');
    const objective = objectives.find((o) => o.ref === 'PREV-02');
    assert.ok(objective && plan);
    const path = `/staff/objectives/${objective.id}`;
    const first = await editor.postForm(`${path}/status`, { status: 'in_progress', narrative: 'Drafting with partners <script>alert(1)</script>', evidenceUrl: 'https://example.org/youth-plan', effectiveDate: '2024-11-15' }, path);
    assert.equal(first.status, 303);
    const second = await editor.postForm(`${path}/status`, { status: 'done', narrative: 'Youth crime plan agreed', evidenceUrl: '', effectiveDate: '2024-12-20' }, path);
    assert.equal(second.status, 303);
    const page = await editor.get(path);
    assert.match(page.text, /Youth crime plan agreed/);
    assert.match(page.text, /Drafting with partners &lt;script&gt;/);
    assert.ok(page.text.indexOf('20 December 2024') < page.text.indexOf('15 November 2024'), 'newest first');
    const publicPage = await app.client().get('/missions/prevention');
    assert.match(publicPage.text, /Youth crime plan agreed/);
    assert.match((await app.client().get('/')).text, /1 done/);
    const badUrl = await editor.postForm(`${path}/status`, { status: 'done', narrative: 'x', evidenceUrl: 'javascript:alert(1)', effectiveDate: '2024-12-20' }, path);
    assert.equal(badUrl.status, 400);
    assert.match(badUrl.text, /must be a web address starting with https:\/\//);
    const history = await editor.get(`/staff/plans/${plan.id}/history`);
    assert.match(history.text, /PREV-02: status not started → in progress/);
  });
});

describe('observations', () => {
  const csvGood = 'period,place_code,value,marker,note\r\n2024-01,E23000026,70,,\r\n2024-02,E23000026,72,[p],"=HYPERLINK(""http://x"")"\r\n2024-03,E23000026,,[c],suppressed\r\n';

  test('an upload with one bad row stores nothing and lists the problem by file, row and column', async () => {
    const id = await measureId('victim-care-referrals');
    const before = await app.services.measures.history(id);
    const bad = 'period,place_code,value\n2024-Q1,E23000026,21\n2024-Q2,E23000026,twenty-two\n2024-Q3,E99999999,23\n2024-Q1,E23000026,21\n';
    const response = await editor.upload(`/staff/measures/${id}/upload`, { name: 'referrals.csv', content: bad }, `/staff/measures/${id}`);
    assert.equal(response.status, 400);
    assert.match(response.text, /govuk-error-summary/);
    assert.match(response.text, /File referrals\.csv, row 3, column value: &quot;twenty-two&quot; is not a number/);
    assert.match(response.text, /row 4, column place_code/);
    assert.match(response.text, /row 5, column period: Period 2024-Q1 for E23000026 appears more than once/);
    assert.match(response.text, /Nothing was stored/);
    assert.deepEqual(await app.services.measures.history(id), before);
  });

  test('a good upload is stored whole, shown as a chart with a table, and downloadable with formulas neutralised', async () => {
    const id = await measureId('vawc-recorded');
    await app.services.measures.updateMeasure({ userId: null, label: 'test' }, id, { frequency: 'month' });
    const response = await editor.upload(`/staff/measures/${id}/upload`, { name: 'vawc.csv', content: csvGood }, `/staff/measures/${id}`);
    assert.equal(response.status, 303);
    const staffPage = await editor.get(response.location ?? '');
    assert.match(staffPage.text, /Uploaded vawc\.csv: 3 new, 0 revised/);
    const page = await app.client().get('/measures/vawc-recorded');
    assert.match(page.text, /<svg class="app-chart"[^>]*role="img"/);
    assert.match(page.text, /<table class="govuk-table" id="data-table">/);
    assert.match(page.text, /72 \[p\]/);
    assert.match(page.text, /\[c\] confidential/);
    assert.match(page.text, /Latest: Bedfordshire: 72/);
    const csv = await app.client().get('/measures/vawc-recorded/data.csv');
    assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="vawc-recorded.csv"/);
    assert.match(csv.text, /^measure,period,period_start,period_end,place_code,place_name,value,numerator,denominator,marker,note\r\n/);
    assert.match(csv.text, /vawc-recorded,2024-02,2024-02-01,2024-02-29,E23000026,Bedfordshire,72,,,\[p\],"'=HYPERLINK\(""http:\/\/x""\)"/);
    assert.match(csv.text, /2024-03,2024-03-01,2024-03-31,E23000026,Bedfordshire,,,,\[c\],suppressed/);
    const json = JSON.parse((await app.client().get('/measures/vawc-recorded/data.json')).text) as { observations: unknown[] };
    assert.equal(json.observations.length, 3);
  });

  test('re-uploading revises changed values, keeps the old ones in history and changes nothing when identical', async () => {
    const id = await measureId('vawc-recorded');
    const same = await editor.upload(`/staff/measures/${id}/upload`, { name: 'vawc.csv', content: csvGood }, `/staff/measures/${id}`);
    assert.match((await editor.get(same.location ?? '')).text, /Nothing changed: all 3 rows are already stored/);
    const revised = csvGood.replace('2024-01,E23000026,70,,', '2024-01,E23000026,71,[r],');
    const response = await editor.upload(`/staff/measures/${id}/upload`, { name: 'vawc-v2.csv', content: revised }, `/staff/measures/${id}`);
    assert.match((await editor.get(response.location ?? '')).text, /0 new, 1 revised/);
    const history = await app.services.measures.history(id);
    const january = history.filter((h) => h.o.period === '2024-01');
    assert.equal(january.length, 2);
    const old = january.find((h) => h.o.value === 70);
    const current = january.find((h) => h.o.value === 71);
    assert.ok(old?.o.supersededAt && old.o.supersededById === current?.o.id);
    assert.equal(current?.o.supersededAt, null);
    assert.match((await app.client().get('/measures/vawc-recorded')).text, /71 \[r\]/);
  });

  test('one value by form; wrong type and unknown place are refused with the field named', async () => {
    const id = await measureId('schools-toolkit-take-up');
    const measure = await app.services.measures.getMeasureById(id);
    const period = measure.frequency === 'month' ? '2024-09' : measure.frequency === 'quarter' ? '2024-Q3' : measure.frequency === 'financial_year' ? '2024-25' : '2024';
    const bad = await editor.postForm(`/staff/measures/${id}/observations`, { period, place_code: 'E00000000', value: 'lots' }, `/staff/measures/${id}`);
    assert.equal(bad.status, 400);
    assert.match(bad.text, /&quot;lots&quot; is not a number/);
    assert.match(bad.text, /&quot;E00000000&quot; is not a known place code/);
    const good = await editor.postForm(`/staff/measures/${id}/observations`, { period, place_code: 'E23000026', value: '78' }, `/staff/measures/${id}`);
    assert.equal(good.status, 303);
    assert.match((await app.client().get('/measures/schools-toolkit-take-up')).text, /78/);
  });

  test('oversized and non-CSV uploads are refused and store nothing', async () => {
    const small = await startTestApp({ config: { maxUploadBytes: 1024 } });
    try {
      const client = await small.signedIn('editor');
      const plan = await small.services.plan.currentPlan('all');
      const found = await small.services.measures.findMeasure(plan?.id ?? 0, { slug: 'vawc-recorded' }, 'all');
      const id = found?.measure.id ?? 0;
      const big = `period,place_code,value\n${'2024-01,E23000026,1\n'.repeat(200)}`;
      const response = await client.upload(`/staff/measures/${id}/upload`, { name: 'big.csv', content: big }, `/staff/measures/${id}`);
      assert.equal(response.status, 400);
      assert.match(response.text, /larger than 0 MB|larger than/);
      const binary = await client.upload(`/staff/measures/${id}/upload`, { name: 'x.xlsx', content: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0]) }, `/staff/measures/${id}`);
      assert.equal(binary.status, 400);
      assert.match(binary.text, /not a CSV file/);
      assert.equal((await small.services.measures.history(id)).length, 0);
    } finally {
      await small.close();
    }
  });
});

describe('the API', () => {
  test('plans/current, missions, measures and observations (JSON and CSV), all described in the OpenAPI document', async () => {
    const client = app.client();
    const plan = JSON.parse((await client.get('/api/v1/plans/current')).text) as { title: string; missions: { slug: string }[]; stages: unknown[] };
    assert.equal(plan.title, 'A Safer and Fairer Bedfordshire');
    assert.equal(plan.stages.length, 2);
    assert.ok(plan.missions.some((m) => m.slug === 'prevention'));
    const missions = JSON.parse((await client.get('/api/v1/missions')).text) as { missions: { objectives: unknown[] }[] };
    assert.ok(missions.missions.reduce((n, m) => n + m.objectives.length, 0) >= 150);
    const measures = JSON.parse((await client.get('/api/v1/measures')).text) as { measures: { id: number; slug: string; targets: unknown[] }[] };
    const referrals = measures.measures.find((m) => m.slug === 'victim-care-referrals');
    assert.ok(referrals && referrals.targets.length === 2);
    const observations = await client.get(`/api/v1/measures/${referrals.id}/observations`);
    assert.equal(observations.status, 200);
    assert.match(observations.headers.get('content-type') ?? '', /application\/json/);
    const csv = await client.get(`/api/v1/measures/${referrals.id}/observations?format=csv`);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    assert.equal((await client.get(`/api/v1/measures/${referrals.id}/observations?format=xml`)).status, 400);
    assert.equal((await client.get('/api/v1/measures/abc/observations')).status, 400);
    assert.deepEqual(JSON.parse((await client.get('/api/v1/measures/999999/observations')).text), { error: 'Measure not found' });
    const openapi = JSON.parse((await client.get('/api/v1/openapi.json')).text) as { openapi: string; paths: Record<string, unknown> };
    assert.equal(openapi.openapi, '3.1.0');
    for (const route of app.routeTable.filter((r) => r.path.startsWith('/api/v1/'))) {
      const path = route.path.replace('/api/v1', '').replace(/:(\w+)/g, '{$1}');
      assert.ok(openapi.paths[path], `${path} is in the OpenAPI document`);
    }
  });
});

describe('administration', () => {
  test('an admin adds a user (password shown once) and changes the office settings shown in the header', async () => {
    const added = await admin.postForm('/staff/users/new', { email: 'new.person@example.org', displayName: 'New Person', role: 'editor' });
    assert.equal(added.location, '/staff/users/created');
    const shown = await admin.get('/staff/users/created');
    assert.match(shown.text, /<code id="new-password">[\w-]{20,}<\/code>/);
    assert.equal((await admin.get('/staff/users/created')).status, 303, 'shown once');
    const tooLight = await admin.postForm('/staff/settings', { name: 'Test Office', shortName: 'Test', colourPrimary: '#ffff00', colourSecondary: '#00796b' });
    assert.equal(tooLight.status, 400);
    assert.match(tooLight.text, /contrast ratio/);
    const saved = await admin.postForm('/staff/settings', { name: 'Test Office of the PCC', shortName: 'Test OPCC', colourPrimary: '#222222', colourSecondary: '#00796b' });
    assert.equal(saved.status, 303);
    const home = await app.client().get('/');
    assert.match(home.text, /Test Office of the PCC/);
    assert.match(home.text, /--app-brand: #222222/);
  });
});

// Patrol dosage pages (staff: compliance, upload, the measure feed) and the public compliance API.
import type { Request, Response } from 'express';
import { actorOf } from '../../../platform/auth/actor.ts';
import { readCookie } from '../../../platform/http/cookies.ts';
import { HttpError, NotFoundError, ValidationError } from '../../../platform/http/errors.ts';
import type { Renderer } from '../../../platform/http/render.ts';
import type { RouteDef } from '../../../platform/http/routes.ts';
import type { Services } from '../../../services.ts';
import { readUpload } from '../../staff/index.ts';
import { DEFAULT_MINIMUM_PATROL_MS, DEFAULT_WINDOW_MS, HOUR_MS, MINUTE_MS } from './dosage.ts';
import { describeFeedRefresh, describeProblems, londonDate, type ComplianceReport, type PatrolImportResult } from './patrols.service.ts';
import { describeTimedCrimeProblems, type TimedCrimeImportResult } from './timed-crimes.service.ts';

const view = (name: string) => `domains/crime/patrols/views/${name}.njk`;
const flashCookie = 'sp_flash';
/** Above this many windows the page shows per-hotspot compliance only, not every window. */
const MAX_GRID_WINDOWS = 62;
const PROBLEM_LIMIT = 100;

export const crimesNotPlacedNote =
  'No timed crime records are loaded for this period, so crimes in patrolled and unpatrolled windows cannot be compared. police.uk gives each crime’s month only, with no date or time, so its crimes cannot be placed in a three-day window, and monthly counts are never spread across windows (that would be invented data). The comparison needs timed crime records from the force’s records system: import them below.';

export const crimesCountedNote =
  'Counted from the timed crime records imported from the force’s records system (not police.uk, which gives months only). Each crime is counted in the window its time falls in — a crime exactly at a window’s start belongs to that window, not the one before — and in each hotspot whose boundary it is inside or on (a crime on an edge two hotspots share counts for both). Complete windows only, as for compliance. This describes what happened; it is not evidence that patrols prevent crime: patrols are often sent where crime has been, and a crime early in a window may come before that window’s patrol.';

export function crimesNoteOf(report: ComplianceReport): string {
  return report.crimes ? crimesCountedNote : crimesNotPlacedNote;
}

const firstString = (v: unknown) => (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '');

const dateTime = (ms: number) => {
  const d = new Date(ms);
  return d.toLocaleString('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
};
const shortDate = (ms: number) => new Date(ms).toLocaleDateString('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short' });

/** The public JSON of a compliance report. */
export function complianceJson(report: ComplianceReport) {
  const d = report.dosage;
  return {
    register: report.register,
    period: report.register && report.from ? { from: report.from, to: report.to, startsAt: new Date(report.fromMs).toISOString(), endsAt: new Date(report.toMs).toISOString(), timeZone: 'Europe/London' } : null,
    rule: { windowHours: DEFAULT_WINDOW_MS / HOUR_MS, minimumContinuousMinutes: DEFAULT_MINIMUM_PATROL_MS / MINUTE_MS, presence: 'any unit: overlapping or touching visits to a hotspot are one continuous presence' },
    coverage: report.coverage ? { first: report.coverage.first, last: report.coverage.last } : null,
    windows: d ? d.windows.length : 0,
    partialWindows: d ? d.windows.filter((w) => w.partial).length : 0,
    compliance: d ? d.compliance : null,
    hotspots: d ? d.hotspots.map((h) => ({ id: h.hotspotId, windows: h.compliance.windows, patrolled: h.compliance.patrolled, percent: h.compliance.percent })) : [],
    crimes: report.crimes
      ? {
          crimeType: report.crimes.crimeType,
          records: report.crimes.records,
          recordsOfType: report.crimes.recordsOfType,
          inHotspots: report.crimes.inHotspots,
          patrolled: report.crimes.comparison.patrolled,
          unpatrolled: report.crimes.comparison.unpatrolled,
          byHotspot: report.crimes.comparison.byHotspot,
          partialWindowCrimes: report.crimes.comparison.partialWindowCrimes,
        }
      : null,
    crimesNote: crimesNoteOf(report),
    timedCrimeCoverage: report.timedCrimeCoverage,
  };
}

/** Two horizontal bars (crimes per window, patrolled and unpatrolled), scaled to the larger; null when neither has a value. */
function barChart(patrolled: number | null, unpatrolled: number | null) {
  const top = Math.max(patrolled ?? 0, unpatrolled ?? 0);
  const width = (v: number | null) => (v === null || top === 0 ? 0 : Math.round((300 * v) / top));
  return { bars: [{ label: 'Patrolled', value: patrolled, width: width(patrolled), y: 10 }, { label: 'Unpatrolled', value: unpatrolled, width: width(unpatrolled), y: 50 }] };
}

export function patrolStaffRoutes(services: Services, renderer: Renderer, csrf: { verify: (req: Request, token: unknown) => void }): RouteDef[] {
  const service = services.patrols;

  async function page(req: Request, res: Response, context: Record<string, unknown>, status = 200) {
    const message = readCookie(req, flashCookie);
    if (message) res.clearCookie(flashCookie, { path: '/staff' });
    const canEdit = req.user?.role === 'editor' || req.user?.role === 'admin';
    const query = req.method === 'GET' ? req.query : {};
    let report: ComplianceReport | null = null;
    let errors: { field: string; text: string }[] = [];
    try {
      report = await service.compliance(firstString(query.from) || undefined, firstString(query.to) || undefined, firstString(query.crimeType) || undefined);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors = error.errors;
      report = await service.compliance();
    }
    const d = report.dosage;
    const plan = await services.plan.currentPlan('all');
    const planMeasures = plan ? await services.measures.listMeasures(plan.id, 'all') : [];
    const feeds = await service.feeds();
    const feedIds = new Set(feeds.map((m) => m.id));
    const candidates = planMeasures.map((r) => r.measure).filter((m) => !service.unsuitable(m) && !feedIds.has(m.id));
    const imports = await service.imports(20);
    const crimeImports = await service.timedCrimes.imports(20);
    const crimesChart = report.crimes ? barChart(report.crimes.comparison.patrolled.perWindow, report.crimes.comparison.unpatrolled.perWindow) : null;
    await renderer.page(
      req,
      res,
      view('patrols'),
      {
        pageTitle: 'Hotspot patrol dosage',
        breadcrumbs: [{ text: 'Staff area', href: '/staff' }],
        flash: message,
        canEdit,
        report,
        values: { from: firstString(query.from) || report.from, to: firstString(query.to) || report.to, crimeType: firstString(query.crimeType) },
        fieldErrors: Object.fromEntries(errors.map((e) => [e.field, e.text])),
        errorSummary: errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
        windows: d ? d.windows.map((w) => ({ ...w, label: `${shortDate(w.start)}–${shortDate(w.end - 1)}`, startText: dateTime(w.start), endText: dateTime(w.end) })) : [],
        showGrid: d ? d.windows.length <= MAX_GRID_WINDOWS : false,
        maxGridWindows: MAX_GRID_WINDOWS,
        periodStartText: d ? dateTime(report.fromMs) : '',
        periodEndText: d ? dateTime(report.toMs) : '',
        crimesNote: crimesNoteOf(report),
        crimesChart,
        crimeImports: crimeImports.map((i) => ({ ...i, importedText: dateTime(i.importedAt.getTime()), periodText: (() => {
          const p = (i.summary as { period?: { from: string; to: string } }).period;
          return p ? `${londonDate(Date.parse(p.from))} to ${londonDate(Date.parse(p.to))}` : '';
        })() })),
        feeds,
        candidates,
        defaultCandidate: candidates.find((m) => m.slug === 'hotspot-patrol-compliance')?.id ?? null,
        imports: imports.map((i) => ({ ...i, importedText: dateTime(i.importedAt.getTime()), periodText: (() => {
          const p = (i.summary as { period?: { from: string; to: string } }).period;
          return p ? `${londonDate(Date.parse(p.from))} to ${londonDate(Date.parse(p.to))}` : '';
        })() })),
        maxUploadMb: (services.config.maxUploadBytes / 1024 / 1024).toFixed(0),
        ...context,
      },
      errors.length ? 400 : status,
    );
  }

  function flash(res: Response, message: string) {
    res.cookie(flashCookie, message, { httpOnly: true, sameSite: 'lax', path: '/staff', maxAge: 60_000 });
  }

  return [
    {
      method: 'get',
      path: '/patrols',
      access: 'signed-in',
      summary: 'Hotspot patrol dosage: each hotspot and 3-day window patrolled or not, compliance, patrol imports and the measure feed',
      handler: async (req, res) => page(req, res, {}),
    },
    {
      method: 'post',
      path: '/patrols/upload',
      access: 'editor',
      csrf: 'handler',
      summary: 'Upload patrol records as CSV (visits or GPS pings): checked against the current hotspot register, all rows stored or none',
      handler: async (req, res) => {
        const form = await readUpload(req, services.config.maxUploadBytes);
        csrf.verify(req, form.fields._csrf);
        const fileName = form.file?.name.replace(/[^\w.\- ]/g, '_').slice(0, 120) || null;
        let result: PatrolImportResult | null = null;
        let problems: string[];
        if (!form.file || (!form.file.content.length && !form.file.truncated && !form.file.name)) problems = ['Choose a CSV file to upload'];
        else if (form.file.truncated) problems = [`The file is larger than ${(services.config.maxUploadBytes / 1024 / 1024).toFixed(0)} MB. Split it into smaller files`];
        else {
          result = await service.importFile(actorOf(req), { name: fileName ?? 'upload.csv', content: form.file.content });
          problems = result.ok ? [] : describeProblems(result);
        }
        if (result?.ok) {
          flash(res, result.messages.join('. '));
          res.redirect(303, '/staff/patrols');
          return;
        }
        await page(
          req,
          res,
          {
            errorSummary: problems.slice(0, PROBLEM_LIMIT).map((text) => ({ text, href: '#file' })),
            errorSummaryMore: problems.length > PROBLEM_LIMIT ? `Showing the first ${PROBLEM_LIMIT} of ${problems.length} problems. Nothing was stored.` : 'Nothing was stored. Correct the file and upload it again.',
            uploadError: `${problems.length} problem${problems.length === 1 ? '' : 's'} found in ${fileName ?? 'the upload'}: nothing was stored`,
          },
          400,
        );
      },
    },
    {
      method: 'post',
      path: '/patrols/timed-crimes/upload',
      access: 'editor',
      csrf: 'handler',
      summary: 'Upload timed crime records from the force as CSV (crime_reference, crime_type, occurred_at and a position): all rows stored or none, as a new batch',
      handler: async (req, res) => {
        const form = await readUpload(req, services.config.maxUploadBytes);
        csrf.verify(req, form.fields._csrf);
        const fileName = form.file?.name.replace(/[^\w.\- ]/g, '_').slice(0, 120) || null;
        let result: TimedCrimeImportResult | null = null;
        let problems: string[];
        if (!form.file || (!form.file.content.length && !form.file.truncated && !form.file.name)) problems = ['Choose a CSV file of timed crime records to upload'];
        else if (form.file.truncated) problems = [`The file is larger than ${(services.config.maxUploadBytes / 1024 / 1024).toFixed(0)} MB. Split it into smaller files`];
        else {
          result = await service.timedCrimes.importFile(actorOf(req), { name: fileName ?? 'upload.csv', content: form.file.content });
          problems = result.ok ? [] : describeTimedCrimeProblems(result);
        }
        if (result?.ok) {
          flash(res, result.messages.join('. '));
          res.redirect(303, '/staff/patrols#crimes');
          return;
        }
        await page(
          req,
          res,
          {
            errorSummary: problems.slice(0, PROBLEM_LIMIT).map((text) => ({ text, href: '#crimes-file' })),
            errorSummaryMore: problems.length > PROBLEM_LIMIT ? `Showing the first ${PROBLEM_LIMIT} of ${problems.length} problems. Nothing was stored.` : 'Nothing was stored. Correct the file and upload it again.',
            crimesUploadError: `${problems.length} problem${problems.length === 1 ? '' : 's'} found in ${fileName ?? 'the upload'}: nothing was stored`,
          },
          400,
        );
      },
    },
    {
      method: 'post',
      path: '/patrols/feed',
      access: 'editor',
      summary: 'Feed monthly patrol compliance into a plan measure (and refresh it now)',
      handler: async (req, res) => {
        const id = Number((req.body as Record<string, string>).measureId);
        if (!Number.isInteger(id) || id <= 0) {
          await page(req, res, { errorSummary: [{ text: 'Choose a measure', href: '#measureId' }], feedError: 'Choose a measure' }, 400);
          return;
        }
        try {
          const refreshed = await service.setPatrolFeed(actorOf(req), id);
          flash(res, refreshed ? describeFeedRefresh(refreshed) : 'The measure takes patrol compliance from now on');
          res.redirect(303, '/staff/patrols#feed');
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          await page(req, res, { errorSummary: error.errors.map((e) => ({ text: e.text, href: '#measureId' })), feedError: error.message }, 400);
        }
      },
    },
    {
      method: 'post',
      path: '/patrols/feed/stop',
      access: 'editor',
      summary: 'Stop feeding patrol compliance into a measure (its stored observations stay)',
      handler: async (req, res) => {
        const id = Number((req.body as Record<string, string>).measureId);
        if (!Number.isInteger(id) || id <= 0) throw new NotFoundError();
        const stopped = await service.clearPatrolFeed(actorOf(req), id);
        flash(res, stopped ? 'The measure no longer takes patrol compliance; its stored values stay' : 'That measure was not fed by patrol compliance: nothing changed');
        res.redirect(303, '/staff/patrols#feed');
      },
    },
  ];
}

export function patrolApiRoutes(services: Services): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/patrols/compliance',
      access: 'public',
      stateless: true,
      summary: 'Hotspot patrol compliance for a period: overall and per hotspot, 3-day windows counted, and timed crimes in patrolled and unpatrolled windows',
      handler: async (req, res) => {
        let report: ComplianceReport;
        try {
          report = await services.patrols.compliance(firstString(req.query.from) || undefined, firstString(req.query.to) || undefined, firstString(req.query.crimeType) || undefined);
        } catch (error) {
          if (error instanceof ValidationError) throw new HttpError(400, error.message);
          throw error;
        }
        if (!report.register) throw new NotFoundError('No hotspot register has been saved yet');
        res.json(complianceJson(report));
      },
    },
  ];
}

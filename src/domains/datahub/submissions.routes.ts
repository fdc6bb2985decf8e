// Submitting data: a page where a partner or staff member of a submitting organisation uploads a CSV
// for a dataset (/hub/datasets/{slug}/submit), the submission history with what each changed and the
// late and missing periods (/hub/datasets/{slug}/submissions), and the API route partners' systems
// use with an organisation token (POST /api/v1/datasets/{id}/submissions).
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Csrf } from '../../platform/http/csrf.ts';
import { HttpError, NotFoundError } from '../../platform/http/errors.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { RouteDef } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { readUpload } from '../staff/index.ts';
import { tokenActor, tokenRefusals } from './api-tokens.service.ts';
import { viewerOf } from './access.ts';
import { formatPeriod, parseDatasetPeriod, periodExamples } from './periods.ts';
import { describeProblem, geographyWords, problemsCsv, problemsShown, SubmissionFileError, type SubmissionCheck } from './submission-input.ts';
import { describeDiff, SubmissionRefused, type SubmitResult } from './submissions.service.ts';

const view = (name: string) => `domains/datahub/views/submissions/${name}.njk`;
/** How many of a refused file's problems the error summary names (the problem table lists them all). */
const summaryProblems = 5;
const isStaffManager = (req: Request) => req.user?.role === 'editor' || req.user?.role === 'admin';

/**
 * Problem reports of refused uploads, held in memory for an hour for the person who uploaded (a
 * refused file stores nothing in the database). At most 50 are kept; the oldest go first.
 */
const reports = new Map<string, { userId: number; csv: string; fileName: string; expires: number }>();
function keepReport(userId: number, fileName: string, check: SubmissionCheck): string {
  const now = Date.now();
  for (const [key, r] of reports) if (r.expires < now) reports.delete(key);
  while (reports.size >= 50) reports.delete(reports.keys().next().value as string);
  const id = randomBytes(16).toString('base64url');
  reports.set(id, { userId, csv: problemsCsv(check), fileName, expires: now + 60 * 60 * 1000 });
  return id;
}

export function problemsJson(check: SubmissionCheck) {
  return {
    error: `The file has ${check.problemCount} problem${check.problemCount === 1 ? '' : 's'}: nothing was stored`,
    problemCount: check.problemCount,
    problems: check.problems.slice(0, problemsShown),
    notShown: check.problemCount - Math.min(check.problems.length, problemsShown),
  };
}

const fileStatus = (error: SubmissionFileError) => (error.reason === 'too-large' ? 413 : error.reason === 'not-csv' ? 415 : 400);

export function submissionPageRoutes(services: Services, renderer: Renderer, csrf: Csrf): RouteDef[] {
  const db = services.database.db;

  async function datasetOf(req: Request) {
    const dataset = await services.submissions.dataset({ slug: String(req.params.slug) });
    if (!dataset) throw new NotFoundError(`There is no dataset ${String(req.params.slug)}`);
    return dataset;
  }

  async function showSubmit(req: Request, res: Response, context: Record<string, unknown>, status = 200) {
    const dataset = await datasetOf(req);
    const viewer = await viewerOf(req, db);
    const canSubmit = await services.submissions.isSubmitter(dataset.id, viewer.organisationId);
    // Staff editors and admins may read the page (to help partners with the format) without the form.
    if (!canSubmit && !isStaffManager(req)) {
      throw new HttpError(403, viewer.organisationId === null ? 'Your account does not act for an organisation, so it cannot submit data' : `Your organisation does not submit “${dataset.name}”: the dataset’s owner names the organisations that do`);
    }
    const columns = await services.submissions.columnsOf(dataset.id);
    const history = canSubmit ? (await services.submissions.history(dataset.id, viewer.organisationId ?? undefined)).slice(0, 5) : [];
    const first = parseDatasetPeriod(dataset.periodType, dataset.firstPeriod);
    await renderer.page(
      req,
      res,
      view('submit'),
      {
        pageTitle: `Submit data: ${dataset.name}`,
        breadcrumbs: [{ text: 'Data hub', href: '/hub' }, { text: 'Datasets', href: '/hub/datasets' }, { text: dataset.name, href: `/hub/datasets/${dataset.slug}` }],
        dataset,
        columns,
        placeWord: geographyWords[dataset.geographyLevel],
        periodExample: periodExamples[dataset.periodType],
        firstPeriodText: first ? formatPeriod(first) : dataset.firstPeriod,
        exampleHeader: ['place_code', 'period', ...columns.map((c) => c.name)].join(','),
        history,
        canSubmit,
        maxMb: Math.round(services.config.maxImportBytes / 1024 / 1024),
        ...context,
      },
      status,
    );
  }

  return [
    {
      method: 'get',
      path: '/hub/datasets/:slug/submit',
      access: 'partner',
      summary: 'Upload a CSV of a dataset’s data for your organisation (if it submits the dataset)',
      handler: (req, res) => showSubmit(req, res, {}),
    },
    {
      method: 'post',
      path: '/hub/datasets/:slug/submit',
      access: 'partner',
      csrf: 'handler',
      summary: 'Submit a CSV: checked whole, stored whole or not at all; a new submission supersedes (never deletes) the previous one for its periods',
      handler: async (req, res) => {
        const dataset = await datasetOf(req);
        const form = await readUpload(req, services.config.maxImportBytes);
        csrf.verify(req, form.fields._csrf);
        const viewer = await viewerOf(req, db);
        const maxMb = Math.round(services.config.maxImportBytes / 1024 / 1024);
        const fail = (text: string, status: number, extra: Record<string, unknown> = {}) =>
          showSubmit(req, res, { errorSummary: [{ text, href: '#file' }], errorSummaryMore: 'Nothing was stored.', uploadError: text, ...extra }, status);
        if (!form.file || !form.file.name) return fail('Choose a CSV file', 400);
        if (form.file.truncated) return fail(`The file is larger than ${maxMb} MB, the most a submission may be`, 413);
        if (!form.file.content.length) return fail('The file is empty', 400);
        if (viewer.organisationId === null) throw new HttpError(403, 'Your account does not act for an organisation, so it cannot submit data');
        let result: SubmitResult;
        try {
          result = await services.submissions.submit({ userId: viewer.userId, label: viewer.label }, { datasetId: dataset.id, organisationId: viewer.organisationId, fileName: form.file.name, content: form.file.content });
        } catch (error) {
          if (error instanceof SubmissionRefused) throw new HttpError(error.status, error.message);
          if (error instanceof SubmissionFileError) return fail(error.message, fileStatus(error));
          throw error;
        }
        if (result.outcome === 'invalid') {
          const { check } = result;
          const reportId = req.user ? keepReport(req.user.id, form.file.name, check) : null;
          const counted = `${check.problemCount.toLocaleString('en-GB')} problem${check.problemCount === 1 ? '' : 's'}`;
          // The summary names the first few problems by row and column; the table below lists them all.
          const first = check.problems.slice(0, summaryProblems);
          const more = check.problemCount - first.length;
          return showSubmit(
            req,
            res,
            {
              errorSummary: [
                { text: `The file has ${counted}: nothing was stored. Correct them and upload the file again.`, href: '#file' },
                ...first.map((p) => ({ text: describeProblem(p), href: '#problems' })),
              ],
              errorSummaryMore: more > 0 ? `And ${more.toLocaleString('en-GB')} more: every problem is listed under “${counted} found”.` : undefined,
              uploadError: `The file has ${counted}, listed above: correct them and upload the file again`,
              problems: check.problems.slice(0, problemsShown).map((p) => ({ ...p, text: describeProblem(p) })),
              problemCount: check.problemCount,
              reportHref: reportId ? `/hub/datasets/${dataset.slug}/submit/problems/${reportId}` : null,
            },
            422,
          );
        }
        if (result.outcome === 'identical') return showSubmit(req, res, { identical: result.message });
        return showSubmit(req, res, { stored: { ...result.submission, diffWords: describeDiff(result.submission.diff) } }, 201);
      },
    },
    {
      method: 'get',
      path: '/hub/datasets/:slug/submit/problems/:report',
      access: 'partner',
      summary: 'Every problem found in a refused upload, as CSV (for an hour, to whoever uploaded it)',
      handler: async (req, res) => {
        const report = reports.get(String(req.params.report));
        if (!report || report.expires < Date.now() || report.userId !== req.user?.id) throw new NotFoundError('That problem report has expired or is not yours: upload the file again to see its problems');
        res.setHeader('Cache-Control', 'no-store');
        res.attachment(`problems-${report.fileName.replace(/\.csv$/i, '').replace(/[^\w.-]/g, '_')}.csv`);
        res.type('text/csv; charset=utf-8').send(report.csv);
      },
    },
    {
      method: 'get',
      path: '/hub/datasets/:slug/submissions',
      access: 'partner',
      summary: 'A dataset’s submissions (who, when, which periods, what changed) and its late and missing periods',
      handler: async (req, res) => {
        const dataset = await datasetOf(req);
        const viewer = await viewerOf(req, db);
        // The owner organisation and staff editors see every submitter; a submitter sees its own.
        const seesAll = isStaffManager(req) || (viewer.organisationId !== null && viewer.organisationId === dataset.ownerOrganisationId);
        const submits = await services.submissions.isSubmitter(dataset.id, viewer.organisationId);
        if (!seesAll && !submits) throw new HttpError(403, `Only the owner of “${dataset.name}”, the organisations that submit it and staff editors can see its submissions`);
        const only = seesAll ? undefined : (viewer.organisationId ?? undefined);
        const today = services.today();
        const history = await services.submissions.history(dataset.id, only);
        const schedule = await services.submissions.lateAndMissing(dataset.id, today);
        const organisations = (schedule?.organisations ?? []).filter((o) => only === undefined || o.organisationId === only);
        await renderer.page(req, res, view('history'), {
          pageTitle: `Submissions: ${dataset.name}`,
          breadcrumbs: [{ text: 'Data hub', href: '/hub' }, { text: 'Datasets', href: '/hub/datasets' }, { text: dataset.name, href: `/hub/datasets/${dataset.slug}` }],
          dataset,
          history,
          organisations,
          periodsDue: schedule?.periodsDue.length ?? 0,
          today,
          canSubmit: submits,
          seesAll,
        });
      },
    },
  ];
}

/** The API route: authenticated by an organisation API token in the handler, not by a session. */
export function submissionApiRoutes(services: Services): RouteDef[] {
  return [
    {
      method: 'post',
      path: '/datasets/:id/submissions',
      access: 'public',
      stateless: true,
      csrf: 'none',
      summary:
        'Submit a CSV for a dataset (text/csv body, or multipart with a file). Not open to the public: the handler requires an organisation API token (Authorization: Bearer sp_…) scoped to the dataset; no session or cookie is used, so no CSRF check',
      handler: async (req, res) => {
        const header = req.headers.authorization ?? '';
        const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
        res.setHeader('Cache-Control', 'no-store');
        if (!match?.[1]) {
          res.setHeader('WWW-Authenticate', 'Bearer');
          return res.status(401).json({ error: 'Send an organisation API token: Authorization: Bearer sp_…' });
        }
        const checked = await services.apiTokens.authenticate(match[1]);
        const datasetId = Number(req.params.id);
        if (!checked.ok) {
          res.setHeader('WWW-Authenticate', `Bearer error="invalid_token"`);
          if (checked.reason !== 'unknown' && Number.isInteger(datasetId)) {
            await services.apiTokens.recordUse(checked.token, checked.organisationName, { datasetId, outcome: `refused: the token is ${checked.reason}`, tokenRefused: true });
          }
          return res.status(401).json({ error: tokenRefusals[checked.reason], reason: checked.reason });
        }
        const { token, organisationName } = checked;
        if (!Number.isInteger(datasetId) || datasetId <= 0) return res.status(404).json({ error: `There is no dataset ${String(req.params.id)}` });
        if (!token.datasetIds.includes(datasetId)) {
          await services.apiTokens.recordUse(token, organisationName, { datasetId, outcome: 'refused: the token is not for this dataset', tokenRefused: true });
          const dataset = await services.submissions.dataset({ id: datasetId });
          return res.status(403).json({ error: `This token is for dataset ${token.datasetIds.join(', ')} only, not dataset ${datasetId}${dataset ? ` (${dataset.name})` : ''}` });
        }
        const max = services.config.maxImportBytes;
        const length = Number(req.headers['content-length'] ?? Number.NaN);
        if (Number.isFinite(length) && length > max) {
          res.setHeader('Connection', 'close');
          return res.status(413).json({ error: `The file is larger than ${Math.round(max / 1024 / 1024)} MB, the most a submission may be` });
        }
        const type = (req.headers['content-type'] ?? '').toLowerCase();
        const actor = tokenActor(token, organisationName);
        const apiToken = { id: token.id, prefix: token.prefix, name: token.name, organisationId: token.organisationId };
        const fileHeader = req.headers['x-file-name'];
        let result: SubmitResult;
        try {
          if (type.startsWith('multipart/form-data')) {
            const form = await readUpload(req, max);
            if (!form.file) return res.status(400).json({ error: 'Send the CSV as a file field in the multipart form' });
            if (form.file.truncated) return res.status(413).json({ error: `The file is larger than ${Math.round(max / 1024 / 1024)} MB, the most a submission may be` });
            result = await services.submissions.submit(actor, { datasetId, organisationId: token.organisationId, fileName: form.file.name, content: form.file.content, apiToken });
          } else if (type.startsWith('text/csv') || type.startsWith('application/csv')) {
            const fileName = typeof fileHeader === 'string' && fileHeader ? fileHeader : 'api-upload.csv';
            result = await services.submissions.submit(actor, { datasetId, organisationId: token.organisationId, fileName, stream: req, apiToken });
          } else {
            return res.status(415).json({ error: 'Send the CSV as the body with Content-Type: text/csv, or as a file in multipart/form-data' });
          }
        } catch (error) {
          if (error instanceof SubmissionRefused) return res.status(error.status).json({ error: error.message });
          if (error instanceof SubmissionFileError) {
            if (error.reason === 'too-large') res.setHeader('Connection', 'close');
            await services.apiTokens.recordUse(token, organisationName, { datasetId, outcome: `refused: ${error.message}` });
            return res.status(fileStatus(error)).json({ error: error.message });
          }
          throw error;
        }
        if (result.outcome === 'invalid') {
          await services.apiTokens.recordUse(token, organisationName, { datasetId, outcome: `refused: ${result.check.problemCount} problems` });
          if (req.accepts(['json', 'text/csv']) === 'text/csv') return res.status(422).type('text/csv; charset=utf-8').send(problemsCsv(result.check));
          return res.status(422).json(problemsJson(result.check));
        }
        if (result.outcome === 'identical') return res.status(200).json({ outcome: 'identical', message: result.message, submissionId: result.submissionId });
        const s = result.submission;
        return res.status(201).json({
          outcome: 'stored',
          submission: { id: s.id, datasetId: s.datasetId, organisationId: s.organisationId, fileName: s.fileName, sha256: s.sha256, rows: s.rows, periods: s.periods, submittedAt: s.submittedAt, diff: s.diff.periods },
          changes: describeDiff(s.diff),
        });
      },
    },
  ];
}

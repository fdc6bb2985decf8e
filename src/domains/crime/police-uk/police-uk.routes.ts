// Staff pages for police.uk data: what has been imported (and what each import replaced), and an
// upload of CSVs or the data.police.uk zip that goes through the same importer as the CLI.
import type { Request, Response } from 'express';
import type { Csrf } from '../../../platform/http/csrf.ts';
import type { Renderer } from '../../../platform/http/render.ts';
import type { RouteDef } from '../../../platform/http/routes.ts';
import type { Services } from '../../../services.ts';
import { actorOf, readUpload } from '../../staff/index.ts';
import { describeFileResult, describeSummary, PoliceUkImportError, sourcesFromUpload } from './police-uk-import.ts';
import { PoliceUkFileError } from './police-uk-files.ts';
import { ZipError } from '../../../platform/files/zip.ts';

const view = 'domains/crime/police-uk/views/imports.njk';

export function policeUkRoutes(services: Services, renderer: Renderer, csrf: Csrf): RouteDef[] {
  async function show(req: Request, res: Response, context: Record<string, unknown>, status = 200) {
    const files = await services.policeUk.listFiles();
    const current = files.filter((f) => !f.supersededAt);
    const months = [...new Set(current.map((f) => f.month))].sort().reverse();
    const byMonth = months.map((month) => ({
      month,
      street: current.find((f) => f.month === month && f.kind === 'street') ?? null,
      outcomes: current.find((f) => f.month === month && f.kind === 'outcomes') ?? null,
      stopSearch: current.find((f) => f.month === month && f.kind === 'stop-and-search') ?? null,
    }));
    const replaced = files.filter((f) => f.supersededAt);
    await renderer.page(req, res, view, {
      pageTitle: 'police.uk data',
      breadcrumbs: [{ text: 'Staff area', href: '/staff' }],
      canEdit: req.user?.role === 'editor' || req.user?.role === 'admin',
      byMonth,
      replaced,
      maxImportMb: Math.round(services.config.maxImportBytes / 1024 / 1024),
      ...context,
    }, status);
  }

  return [
    {
      method: 'get',
      path: '/crime/imports',
      access: 'signed-in',
      summary: 'police.uk files imported, month by month, with what each set aside or replaced',
      handler: (req, res) => show(req, res, {}),
    },
    {
      method: 'post',
      path: '/crime/imports',
      access: 'editor',
      csrf: 'handler',
      summary: 'Import police.uk CSVs or the data.police.uk zip: all files stored or none',
      handler: async (req, res) => {
        const form = await readUpload(req, services.config.maxImportBytes);
        csrf.verify(req, form.fields._csrf);
        const fileName = form.file?.name.replace(/[^\w.\- ]/g, '_').slice(0, 120) || null;
        let problem: string | null = null;
        if (!form.file || !fileName || !form.file.content.length) problem = 'Choose a police.uk CSV file or the zip from data.police.uk';
        else if (form.file.truncated) problem = `The file is larger than ${Math.round(services.config.maxImportBytes / 1024 / 1024)} MB. Import it from the command line: npx safer import police-uk <file>`;
        if (!problem && form.file && fileName) {
          try {
            const summary = await services.policeUk.importFiles(actorOf(req), sourcesFromUpload(fileName, form.file.content));
            return show(req, res, { result: { lines: describeSummary(summary), files: summary.files.map(describeFileResult) } });
          } catch (error) {
            if (!(error instanceof PoliceUkFileError || error instanceof PoliceUkImportError || error instanceof ZipError)) throw error;
            problem = error.message;
          }
        }
        return show(req, res, { errorSummary: [{ text: problem, href: '#file' }], errorSummaryMore: 'Nothing was stored. Correct the file and import it again.', uploadError: problem }, 400);
      },
    },
  ];
}
